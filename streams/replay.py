"""Producing articles to a topic with kafka-python: `newsalert replay` and the replay half of `newsalert run`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from kafka import KafkaProducer

from streams.models import Article
from streams.settings import Settings
from streams.topics import kafka_client_options

logger = logging.getLogger(__name__)


def replay(
    settings: Settings,
    articles: Iterable[Article],
    *,
    topic: str | None = None,
    rate: float | None = None,
    on_sent: Callable[[Article], None] | None = None,
) -> list[str]:
    """Send ``articles`` keyed by id (the same article always lands on the same partition); return their ids.

    ``rate`` caps articles per second. Returns once the broker has acknowledged every article.
    """
    producer = KafkaProducer(acks="all", linger_ms=5, **kafka_client_options(settings))
    sent: list[str] = []
    interval = 1.0 / rate if rate else 0.0
    started = time.monotonic()
    try:
        for article in articles:
            if interval:
                delay = started + len(sent) * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            producer.send(topic or settings.topic_articles, key=article.id.encode(), value=article.to_json())
            sent.append(article.id)
            if on_sent is not None:
                on_sent(article)
        producer.flush()
    finally:
        producer.close()
    logger.info("Replayed %d articles to %s", len(sent), topic or settings.topic_articles)
    return sent


def replay_raw_lines(settings: Settings, paths: Iterable[Path], *, topic: str | None = None) -> int:
    """Send every non-empty line of ``paths`` as it is, unvalidated (to test the worker's dead-lettering)."""
    producer = KafkaProducer(acks="all", **kafka_client_options(settings))
    count = 0
    try:
        for path in paths:
            for line in Path(path).read_bytes().splitlines():
                if line.strip():
                    producer.send(topic or settings.topic_articles, value=line)
                    count += 1
        producer.flush()
    finally:
        producer.close()
    return count
