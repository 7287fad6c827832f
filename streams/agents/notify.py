"""alerts -> Slack (or webhook, or console): deliver each alert once, dead-letter what cannot be delivered.

Delivery blocks this partition while Slack is down: alerts wait in Kafka, in order, not in memory.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import faust
from faust.types import EventT, TableT

from streams import metrics
from streams.agents.retry import until_done
from streams.agents.wiring import Tables, Topics, dead_letter
from streams.errors import PermanentDeliveryError
from streams.models import Alert
from streams.receipts import alert_receipt, encode
from streams.services import Services

logger = logging.getLogger(__name__)

DIGEST_TICK = b'{"tick": "digest"}'
DIGEST_INTERVAL = 30.0  # seconds between checks for digests whose quiet hours are over


async def send_digest_ticks(topics: Topics, partitions: int) -> None:
    """One tick to every partition of the alerts topic, so each notifier flushes its held digests."""
    for partition in range(partitions):
        await topics.alerts.send(value=DIGEST_TICK, partition=partition)


def register(app: faust.App, topics: Topics, tables: Tables, services: Services) -> None:
    @app.timer(DIGEST_INTERVAL, on_leader=True)  # type: ignore[untyped-decorator]
    async def digest_ticks() -> None:
        await send_digest_ticks(topics, services.settings.partitions)

    @app.agent(topics.alerts, name="notify")
    async def notify(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await until_done(partial(handle, event, topics, tables, services), what="an alert")


async def handle(event: EventT[bytes], topics: Topics, tables: Tables, services: Services) -> None:
    checkpoint = partial(durable, tables.deliveries, event)
    if event.value == DIGEST_TICK:
        # Tables can only be written while an event is processed, so held digests go out on a tick.
        await services.sink.flush(tables.deliveries, checkpoint=checkpoint)
        return
    try:
        alert = Alert.from_json(event.value)
    except (ValueError, KeyError, TypeError) as exc:
        await _reject(event, f"malformed alert: {exc!r}", topics, alert_id=None)
        return
    try:
        delivery = await services.sink.deliver(alert, tables.deliveries, checkpoint=checkpoint)
    except PermanentDeliveryError as exc:
        await _reject(event, exc.reason, topics, alert_id=alert.alert_id)
        services.admin.add(f"Alert '{alert.title}' (rule {alert.rule_id}) dead-lettered: {exc.reason}")
        return
    if alert.produced_at is not None and delivery.status not in {"duplicate", "held"}:
        metrics.observe_processing_latency(alert.produced_at)
    await topics.receipts.send(value=encode(alert_receipt(alert_id=alert.alert_id, status=delivery.status)))


async def durable(table: TableT[str, Any], event: EventT[bytes], key: str) -> None:
    """Return once ``table[key]`` is in the table's changelog, acknowledged by Kafka.

    A table write only queues its changelog record: Table.on_key_set calls send_changelog, which puts it in
    app.producer's buffer and drops the future (faust/tables/table.py, tables/base.py, topics.py send_soon); it
    reaches Kafka within the next commit interval, so a kill -9 can lose it. ``app.producer.flush()`` is not a
    sure wait either: ProducerBuffer.flush returns after 0.1 s without a sent message, and as soon as the queue is
    empty, while the last record may still be on its way to aiokafka. So the record is sent once more, to the
    same partition (the event's, as Table._send_changelog does), and its own future awaited: it resolves when the
    broker acknowledges it, after the earlier writes to that partition (one producer, ordered per partition).
    """
    await table.send_changelog(event.message.partition, key, table[key])


async def _reject(event: EventT[bytes], reason: str, topics: Topics, *, alert_id: str | None) -> None:
    logger.error("Alert %s dead-lettered: %s", alert_id or "(unreadable)", reason)
    record = dead_letter(stage="notify", reason=reason, message=event.message, raw=event.value)
    await topics.deadletter.send(key=event.message.key, value=encode(record))
    if alert_id is not None:
        await topics.receipts.send(value=encode(alert_receipt(alert_id=alert_id, status="deadletter")))
