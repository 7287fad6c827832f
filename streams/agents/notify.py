"""alerts -> Slack (or webhook, or console): deliver each alert once, dead-letter what cannot be delivered.

Delivery blocks this partition while Slack is down: alerts wait in Kafka, in order, not in memory.
"""

from __future__ import annotations

import logging

import faust

from streams.agents.wiring import Tables, Topics, dead_letter
from streams.errors import PermanentDeliveryError
from streams.models import Alert
from streams.receipts import alert_receipt, encode
from streams.services import Services

logger = logging.getLogger(__name__)


def register(app: faust.App, topics: Topics, tables: Tables, services: Services) -> None:
    @app.agent(topics.alerts, name="notify")
    async def notify(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            alert = Alert.from_json(event.value)
            try:
                delivery = await services.sink.deliver(alert, tables.deliveries)
                status = delivery.status
            except PermanentDeliveryError as exc:
                logger.error("Alert %s (rule %s) dead-lettered: %s", alert.alert_id, alert.rule_id, exc.reason)
                record = dead_letter(stage="notify", reason=exc.reason, message=event.message, raw=event.value)
                await topics.deadletter.send(key=event.message.key, value=encode(record))
                status = "deadletter"
            await topics.receipts.send(value=encode(alert_receipt(alert_id=alert.alert_id, status=status)))
