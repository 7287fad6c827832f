"""Test helpers that read topics by partition assignment (kafka-python groups hang on Tansu)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from streams.errors import NewsalertError
from streams.receipts import Ledger
from streams.runner import ReceiptFollower
from streams.settings import Settings, to_environ
from streams.topics import kafka_client_options

ROOT = Path(__file__).resolve().parent.parent


def newsalert(*args: str, settings: Settings, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `newsalert` command line with ``settings`` (and ``env``) in its environment."""
    full_env = {**os.environ, **to_environ(settings), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "streams.cli.main", *args],
        env=full_env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )


def read_topic(settings: Settings, topic: str, *, timeout: float = 2.0) -> list[dict[str, Any]]:
    """Every JSON record of ``topic`` from the beginning."""
    consumer = KafkaConsumer(enable_auto_commit=False, consumer_timeout_ms=int(timeout * 1000),
                             **kafka_client_options(settings))
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        return [json.loads(record.value) for record in consumer]
    finally:
        consumer.close()


def wait_until_done(
    follower: ReceiptFollower,
    ledger: Ledger,
    *,
    worker: subprocess.Popen[bytes] | None = None,
    timeout: float = 180.0,
    until: Callable[[Ledger], bool] | None = None,
) -> Ledger:
    """Follow receipts until the ledger is done (or ``until`` holds); fail with what is pending."""
    deadline = time.monotonic() + timeout
    condition = until or (lambda led: led.done)
    while not condition(ledger):
        if worker is not None and worker.poll() is not None:
            raise NewsalertError(f"worker exited with {worker.returncode}; pending {ledger.pending()}")
        if time.monotonic() > deadline:
            raise NewsalertError(f"timed out; pending {ledger.pending()}")
        follower.poll_into(ledger)
    return ledger
