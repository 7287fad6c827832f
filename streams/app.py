"""The Faust app, nothing else: its configuration comes from Settings."""

from __future__ import annotations

import faust

from streams.consumer import FaustCommitTransport
from streams.consumer import Transport as ContiguousCommitTransport
from streams.kafka_auth import faust_credentials
from streams.settings import Settings


def create_app(settings: Settings) -> faust.App:
    """Build the Faust app for ``settings`` (the broker URL must be known: embedded or configured)."""
    app = faust.App(
        settings.app_id,
        broker=settings.broker,
        broker_credentials=faust_credentials(settings),
        # State lives in Kafka changelogs; memory stores recover from them at start.
        store="memory://",
        autodiscover=False,
        datadir=str(settings.data_dir / settings.app_id),
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        # Topics are created up front by streams.topics with the right partitions.
        topic_allow_declare=False,
        # A 6 s session (Kafka's minimum) lets a worker join in ~4 s and recover from a crash in ~13 s on the
        # embedded broker, against 30 s and 110 s with Faust's 60 s default (see the README's scaling section).
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=settings.heartbeat_interval,
        # Commit often: after a rebalance, the work since the last commit is done again.
        broker_commit_interval=settings.commit_interval,
        consumer_auto_offset_reset="earliest",
        # exactly_once does not start on Tansu; effects are idempotent instead (alert ids, delivery table).
        processing_guarantee="at_least_once",
        web_enabled=True,
        web_host=settings.web_host,
        # web_host only names the URL; web_bind is the address Faust listens on.
        web_bind=settings.web_host,
        web_port=settings.web_port,
        web_in_thread=False,
    )
    # Faust 0.15.3 can commit past records no agent processed during rebalances (faust-streaming #606, #221;
    # docs/scaling.md): this consumer commits only contiguously processed offsets, and fetches with a short wait.
    # Set before any topic is declared.
    transport = ContiguousCommitTransport if settings.contiguous_commits else FaustCommitTransport
    app.transport = transport(app.conf.broker_consumer, app, fetch_max_wait=settings.fetch_max_wait)
    return app
