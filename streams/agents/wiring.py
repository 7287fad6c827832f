"""The worker's topics and tables as Faust objects, and the dead-letter record format."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import faust
from faust.types import Message, TableT

from streams.settings import Settings
from streams.topics import TABLE_DELIVERIES, TABLE_MATCH_OUTCOMES, TABLE_STORIES


@dataclass(frozen=True)
class Topics:
    articles: faust.TopicT
    candidates: faust.TopicT
    alerts: faust.TopicT
    deadletter: faust.TopicT
    receipts: faust.TopicT


@dataclass(frozen=True)
class Tables:
    stories: TableT[str, Any]
    match_outcomes: TableT[str, Any]
    deliveries: TableT[str, Any]


def declare_topics(app: faust.App, settings: Settings) -> Topics:
    def topic(name: str) -> faust.TopicT:
        # Raw bytes: our own code validates and dead-letters, so a bad message is never lost inside Faust.
        return app.topic(
            name,
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            partitions=settings.partitions,
        )

    return Topics(
        articles=topic(settings.topic_articles),
        candidates=topic(settings.topic_candidates),
        alerts=topic(settings.topic_alerts),
        deadletter=topic(settings.topic_deadletter),
        receipts=topic(settings.topic_receipts),
    )


def declare_tables(app: faust.App, settings: Settings) -> Tables:
    def table(name: str) -> TableT[str, Any]:
        return app.Table(
            name, key_type=str, value_type=None, partitions=settings.partitions
        )

    return Tables(
        stories=table(TABLE_STORIES),
        match_outcomes=table(TABLE_MATCH_OUTCOMES),
        deliveries=table(TABLE_DELIVERIES),
    )


def dead_letter(*, stage: str, reason: str, message: Message, raw: Any) -> dict[str, Any]:
    """A dead-letter record: what failed, why, and where it came from, with the original value."""
    if isinstance(raw, bytes):
        value: Any = raw.decode("utf-8", errors="replace")
    else:
        value = raw
    return {
        "stage": stage,
        "reason": reason,
        "topic": message.topic,
        "partition": message.partition,
        "offset": message.offset,
        "value": value,
        "dead_lettered_at": time.time(),
    }
