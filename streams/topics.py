"""Every topic newsalert uses, with its partitions, and their creation before any worker starts.

Topics are created explicitly because brokers that auto-create (Tansu does, with 4 partitions) would give Faust's
table changelogs a partition count that differs from their source topic, which Faust refuses (PartitionsMismatch).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from streams.errors import BrokerError
from streams.kafka_auth import kafka_python_kwargs
from streams.settings import Settings

logger = logging.getLogger(__name__)

# Faust tables, each with a changelog topic partitioned like its source topic.
TABLE_STORIES = "stories"  # story state for dedup, realert and threshold (keyed by story key)
TABLE_MATCH_OUTCOMES = "match-outcomes"  # match id -> the alert it produced, so reprocessing re-sends, not re-decides
TABLE_DELIVERIES = "deliveries"  # alert id / story key -> Slack message, so no alert is ever posted twice
TABLES = (TABLE_STORIES, TABLE_MATCH_OUTCOMES, TABLE_DELIVERIES)


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    compacted: bool = False


def topic_specs(settings: Settings) -> list[TopicSpec]:
    n = settings.partitions
    specs = [
        TopicSpec(settings.topic_articles, n),
        TopicSpec(settings.topic_candidates, n),
        TopicSpec(settings.topic_alerts, n),
        TopicSpec(settings.topic_deadletter, n),
        TopicSpec(settings.topic_receipts, n),
        # Faust's leader-election topic: one partition, by Faust's design.
        TopicSpec(f"{settings.app_id}-__assignor-__leader", 1),
    ]
    specs += [TopicSpec(f"{settings.app_id}-{table}-changelog", n, compacted=True) for table in TABLES]
    return specs


def bootstrap_servers(broker_url: str) -> list[str]:
    """``kafka://h1:9092;kafka://h2:9092`` (Faust's form) or ``h1:9092,h2:9092`` -> ``["h1:9092", "h2:9092"]``."""
    servers = []
    for part in broker_url.replace(";", ",").split(","):
        part = part.strip()
        if "://" in part:
            part = part.split("://", 1)[1]
        if part:
            servers.append(part.rstrip("/"))
    if not servers:
        raise BrokerError(f"no broker address in {broker_url!r}")
    return servers


def kafka_client_options(settings: Settings) -> dict[str, Any]:
    """Connection options for kafka-python clients: bootstrap servers plus the security settings."""
    if settings.broker is None:
        raise BrokerError("no broker URL: start the embedded broker or set NEWSALERT_BROKER")
    return {"bootstrap_servers": bootstrap_servers(settings.broker), **kafka_python_kwargs(settings)}


def create_topics(settings: Settings) -> list[str]:
    """Create every topic that does not exist yet; return the names created.

    An existing topic with a different partition count is reported, not changed: repartitioning is an
    operator's decision (it moves keys between partitions).
    """
    specs = topic_specs(settings)
    try:
        admin = KafkaAdminClient(client_id=f"{settings.app_id}-admin", **kafka_client_options(settings))
    except Exception as exc:
        raise BrokerError(f"cannot reach Kafka at {settings.broker}: {exc}") from exc
    try:
        existing = set(admin.list_topics())
        missing = [spec for spec in specs if spec.name not in existing]
        created = []
        for spec in missing:
            config = {"cleanup.policy": "compact"} if spec.compacted else {}
            topic = NewTopic(spec.name, spec.partitions, settings.replication_factor, topic_configs=config)
            try:
                admin.create_topics([topic])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass  # another worker created it first
        _report_partition_mismatches(admin, specs)
        if created:
            logger.info("Created topics: %s", ", ".join(created))
        return created
    finally:
        admin.close()


def _report_partition_mismatches(admin: KafkaAdminClient, specs: list[TopicSpec]) -> None:
    described = admin.describe_topics([spec.name for spec in specs])
    counts = {d.get("name") or d.get("topic"): len(d.get("partitions") or []) for d in described}
    for spec in specs:
        have = counts.get(spec.name)
        if have and have != spec.partitions:
            logger.warning(
                "Topic %s has %d partitions, configured %d (NEWSALERT_PARTITIONS); tables keyed on it may refuse "
                "to start",
                spec.name,
                have,
                spec.partitions,
            )
