"""candidates -> alerts: decide each match against its story (dedup, realert, threshold) and build the alert.

Candidates are keyed by story key, so every match of a story is decided by the worker owning its partition and
the story tables stay consistent across workers.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from functools import partial
from typing import Any

import faust
from faust.types import EventT

from streams.agents.retry import until_done
from streams.agents.wiring import Tables, Topics, dead_letter
from streams.errors import ArticleError
from streams.models import Alert, Match
from streams.receipts import encode, match_receipt
from streams.rules import StoryTracker, build_alert
from streams.services import Services

logger = logging.getLogger(__name__)


def register(app: faust.App, topics: Topics, tables: Tables, services: Services) -> None:
    tracker = StoryTracker(tables.stories)

    @app.agent(topics.candidates, name="match")
    async def match(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await until_done(partial(handle, event, tracker, topics, tables, services), what="a candidate match")


async def handle(
    event: EventT[bytes], tracker: StoryTracker, topics: Topics, tables: Tables, services: Services
) -> None:
    try:
        candidate = Match.from_dict(json.loads(event.value))
    except (ValueError, KeyError, TypeError, ArticleError) as exc:
        # Only our own extract agent writes here; a bad record is a bug worth keeping, not dropping.
        record = dead_letter(stage="match", reason=f"malformed match: {exc!r}", message=event.message,
                             raw=event.value)
        await topics.deadletter.send(key=event.message.key, value=encode(record))
        return
    outcome = decide(candidate, tracker, tables, services)
    alert_ids = []
    if outcome["alert"] is not None:
        alert = Alert.from_dict(outcome["alert"])
        await topics.alerts.send(key=alert.story_key.encode(), value=alert.to_json())
        alert_ids.append(alert.alert_id)
    await topics.receipts.send(
        value=encode(
            match_receipt(match_id=candidate.match_id, alerts=alert_ids, decision=outcome["decision"])
        )
    )


def decide(candidate: Match, tracker: StoryTracker, tables: Tables, services: Services) -> dict[str, Any]:
    """The outcome of a match, decided once: a re-delivered match gets its first outcome back.

    The outcome is stored before the alert is sent, so a crash between the two re-sends the same alert (which the
    notifier recognises by id) instead of deciding again, which would see a "duplicate" and lose the alert.
    """
    known: dict[str, Any] | None = tables.match_outcomes.get(candidate.match_id)
    if known is not None:
        return known
    ruleset = services.rules.current
    try:
        rule = ruleset.get(candidate.rule_id)
    except KeyError:
        # The rule was removed by a reload between extraction and this decision.
        outcome: dict[str, Any] = {"decision": "suppress", "reason": "rule no longer loaded", "alert": None}
    else:
        now = time.time()
        decision = tracker.decide(rule, candidate, now=now)
        alert = None
        if decision.kind != "suppress":
            built = build_alert(
                rule, candidate, decision, default_channel=services.settings.slack_default_channel, now=now
            )
            alert = dataclasses.replace(built, produced_at=candidate.produced_at).to_dict()
        outcome = {"decision": decision.kind, "reason": decision.reason, "alert": alert}
        logger.info("Rule %s on article %s: %s (%s)", rule.id, candidate.article.id, decision.kind, decision.reason)
    tables.match_outcomes[candidate.match_id] = outcome
    return outcome
