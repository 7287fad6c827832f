"""`newsalert run`: the all-in-one main job.

With no broker configured it starts the embedded one, creates the topics, starts a worker process, replays the
given articles and, with ``exit_when_done``, follows the receipts topic until every replayed article has been
processed and every resulting alert delivered.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition

from streams.broker import EmbeddedBroker, free_port, port_available
from streams.errors import NewsalertError
from streams.processes import die_with_parent, stop_process
from streams.receipts import Ledger
from streams.replay import replay
from streams.settings import Settings, to_environ
from streams.sources import read_articles
from streams.topics import create_topics, kafka_client_options

logger = logging.getLogger(__name__)


def start_worker_process(settings: Settings, *, extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """A `newsalert worker` child process configured with ``settings`` through its environment."""
    env = {**os.environ, **to_environ(settings), **(extra_env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "streams.cli.main", "worker"], env=env, preexec_fn=die_with_parent(signal.SIGTERM)
    )


class ReceiptFollower:
    """Reads the receipts topic by partition assignment (no consumer group), from the end at creation onwards."""

    def __init__(self, settings: Settings) -> None:
        self._consumer = KafkaConsumer(
            enable_auto_commit=False, consumer_timeout_ms=500, **kafka_client_options(settings)
        )
        partitions = _partitions_of(self._consumer, settings.topic_receipts)
        self._tps = [TopicPartition(settings.topic_receipts, p) for p in sorted(partitions)]
        self._consumer.assign(self._tps)
        self._consumer.seek_to_end(*self._tps)
        for tp in self._tps:  # resolve the end offsets now, before anything is replayed
            self._consumer.position(tp)

    def poll_into(self, ledger: Ledger, *, timeout: float = 0.5) -> None:
        batches = self._consumer.poll(timeout_ms=int(timeout * 1000))
        for records in batches.values():
            for record in records:
                ledger.add(json.loads(record.value))

    def close(self) -> None:
        self._consumer.close()


def _partitions_of(consumer: KafkaConsumer, topic: str, *, timeout: float = 30.0) -> set[int]:
    """The partitions of ``topic``, waiting for metadata: kafka-python answers None until it has fetched it,
    and following no partition would wait forever for receipts."""
    deadline = time.monotonic() + timeout
    while True:
        consumer.topics()  # forces a metadata request
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return set(partitions)
        if time.monotonic() > deadline:
            raise NewsalertError(f"topic {topic!r} has no partitions after {timeout:.0f} s: was it created?")
        time.sleep(0.2)


def run(
    settings: Settings,
    *,
    replay_paths: Sequence[str | Path] = (),
    exit_when_done: bool = False,
    timeout: float = 120.0,
) -> int:
    with ExitStack() as stack:
        if settings.embedded:
            broker = stack.enter_context(EmbeddedBroker())
            settings = settings.replace(broker=broker.url)
            logger.info("Embedded broker running at %s", broker.url)
        create_topics(settings)
        if not port_available(settings.web_host, settings.web_port):
            # The all-in-one job should run beside another worker; its web port is a convenience.
            port = free_port(settings.web_host)
            logger.warning("Web port %d is in use; this worker serves /metrics on port %d", settings.web_port, port)
            settings = settings.replace(web_port=port)
        worker = start_worker_process(settings)
        stack.callback(stop_process, worker)
        follower = ReceiptFollower(settings)
        stack.callback(follower.close)

        ids = replay(settings, read_articles(replay_paths)) if replay_paths else []
        if not exit_when_done:
            return worker.wait()
        ledger = Ledger(set(ids))
        # A stall, not a total time, ends the wait: a large replay may take long while still moving.
        last_progress, last_change = ledger.progress, time.monotonic()
        while not ledger.done:
            if worker.poll() is not None:
                raise NewsalertError(f"the worker exited with status {worker.returncode} before the work was done")
            if ledger.progress != last_progress:
                last_progress, last_change = ledger.progress, time.monotonic()
            elif time.monotonic() - last_change > timeout:
                pending = {kind: sorted(ids)[:10] for kind, ids in ledger.pending_ids().items() if ids}
                raise NewsalertError(f"no progress for {timeout:.0f} s; still pending: {pending}")
            follower.poll_into(ledger)
        failed = sum(1 for r in ledger.articles.values() if r["status"] != "ok")
        undelivered = sum(1 for r in ledger.alerts.values() if r["status"] == "deadletter")
        print(
            f"newsalert: {len(ledger.articles)} articles processed ({failed} dead-lettered), "
            f"{len(ledger.alerts)} alerts ({undelivered} dead-lettered)",
            file=sys.stderr,
        )
        return 0
    return 0  # pragma: no cover - ExitStack does not swallow exceptions
