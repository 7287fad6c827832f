"""Phase B and its relatives: the service end to end through real processes.

One ``Service`` is an embedded broker, fresh topics and ``workers`` worker processes (``newsalert worker``),
delivering to a ``SlackTarget``. Timing uses Kafka timestamps: an article's produce time is its record's
CreateTime (taken by the producer at ``send``), and the worker stamps every receipt it publishes, so "done" is
the latest receipt timestamp of the article itself, its matches and its alerts. An alert receipt is published
after Slack answered the post, so produce -> alert receipt bounds produce -> Slack post from above.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from streams.bench.slack import SlackTarget
from streams.broker import EmbeddedBroker, free_port
from streams.errors import NewsalertError
from streams.models import Article
from streams.processes import stop_processes
from streams.receipts import Ledger
from streams.replay import replay
from streams.settings import Settings, to_environ
from streams.topics import create_topics, kafka_client_options

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (articles done, articles expected)
WARMUP_BODY = "Trading was quiet on Monday and prices were little changed."


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set size (VmHWM) of a live process in MiB, from /proc (Linux); None elsewhere."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return None


@dataclass
class Receipts:
    """Receipts read by partition assignment (no group) from the topic's end at creation, with timestamps."""

    settings: Settings
    ledger: Ledger = field(default_factory=lambda: Ledger(set()))
    stamps: dict[tuple[str, str], float] = field(default_factory=dict)  # (type, id) -> latest timestamp (s)

    def __post_init__(self) -> None:
        self._consumer = KafkaConsumer(enable_auto_commit=False, **kafka_client_options(self.settings))
        topic = self.settings.topic_receipts
        partitions = self._consumer.partitions_for_topic(topic) or set()
        self._tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        self._consumer.assign(self._tps)
        self._consumer.seek_to_end(*self._tps)
        for tp in self._tps:
            self._consumer.position(tp)

    def expect(self, ids: Sequence[str]) -> None:
        self.ledger.expected_articles |= set(ids)

    def poll(self, timeout: float = 0.2) -> None:
        for records in self._consumer.poll(timeout_ms=int(timeout * 1000)).values():
            for record in records:
                receipt = json.loads(record.value)
                self.ledger.add(receipt)
                if receipt.get("id") is not None:
                    key = (str(receipt["type"]), str(receipt["id"]))
                    self.stamps[key] = max(self.stamps.get(key, 0.0), record.timestamp / 1000.0)

    def done_at(self, article_id: str) -> float | None:
        """When the article and everything it caused (matches, alerts) had gone through."""
        article = self.ledger.articles.get(article_id)
        if article is None:
            return None
        times = [self.stamps[("article", article_id)]]
        for match_id in article.get("matches", ()):
            times.append(self.stamps.get(("match", match_id), 0.0))
            for alert_id in self.ledger.matches.get(match_id, {}).get("alerts", ()):
                times.append(self.stamps.get(("alert", alert_id), 0.0))
        return max(times)

    def alerts_of(self, article_id: str) -> list[tuple[str, float]]:
        """(alert id, delivered at) of every alert the article caused."""
        out = []
        article = self.ledger.articles.get(article_id, {})
        for match_id in article.get("matches", ()):
            for alert_id in self.ledger.matches.get(match_id, {}).get("alerts", ()):
                stamp = self.stamps.get(("alert", alert_id))
                if stamp is not None:
                    out.append((alert_id, stamp))
        return out

    def close(self) -> None:
        self._consumer.close()


def read_topic(settings: Settings, topic: str) -> list[Any]:
    """Every JSON record now in ``topic``, read to its current end by partition assignment."""
    consumer = KafkaConsumer(enable_auto_commit=False, **kafka_client_options(settings))
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        out: list[Any] = []
        while any(consumer.position(tp) < end[tp] for tp in tps):
            for records in consumer.poll(timeout_ms=500).values():
                out.extend(json.loads(r.value) for r in records)
        return out
    finally:
        consumer.close()


class Service:
    """An embedded broker plus ``workers`` worker processes; use as a context manager."""

    def __init__(
        self,
        base: Settings,
        *,
        workers: int,
        slack: SlackTarget,
        workdir: Path,
        full_parse: bool = False,
    ) -> None:
        self.base = base
        self.n_workers = workers
        self.slack = slack
        self.workdir = workdir
        self.full_parse = full_parse
        self.broker = EmbeddedBroker()
        self.settings = base
        self.processes: list[subprocess.Popen[bytes]] = []
        self.web_ports: list[int] = []
        self.receipts: Receipts | None = None
        self.startup_s = 0.0

    # -- lifecycle
    def __enter__(self) -> Service:
        started = time.monotonic()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.broker.start()
        try:
            self.settings = self.base.replace(
                broker=self.broker.url,
                partitions=max(2, self.base.partitions),
                rules_dir=self.base.rules_dir.resolve(),
                full_parse=self.full_parse,
            )
            create_topics(self.settings)
            for i in range(self.n_workers):
                self._start_worker(i)
            self.receipts = Receipts(self.settings)
            self.warm_up()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.startup_s = time.monotonic() - started
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.receipts is not None:
            self.receipts.close()
        stop_processes(self.processes)
        self.broker.stop()

    def _start_worker(self, index: int) -> None:
        port = free_port()
        worker_settings = self.settings.replace(data_dir=self.workdir / f"worker-{index}", web_port=port)
        env = {**os.environ, **to_environ(worker_settings), **self.slack.worker_env()}
        log = (self.workdir / f"worker-{index}.log").open("wb")
        # stdout carries the console sink's alerts when there is no Slack: kept in the log, not on our screen.
        process = subprocess.Popen(
            [sys.executable, "-m", "streams.cli.main", "worker"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.processes.append(process)
        self.web_ports.append(port)

    def _check_alive(self) -> None:
        for i, process in enumerate(self.processes):
            if process.poll() is not None:
                raise NewsalertError(
                    f"worker {i} exited with status {process.returncode}; see {self.workdir / f'worker-{i}.log'}"
                )

    def consumed(self) -> list[float]:
        """Articles each worker has consumed, from its /metrics (0 when it does not answer yet)."""
        out = []
        for port in self.web_ports:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
                    text = response.read().decode()
            except OSError:
                out.append(0.0)
                continue
            value = 0.0
            for line in text.splitlines():
                if line.startswith("newsalert_articles_consumed_total"):
                    value = float(line.split()[-1])
            out.append(value)
        return out

    def warm_up(self, *, timeout: float = 180.0) -> None:
        """Until every worker has processed an article: the group has formed and partitions are assigned.

        One short article per partition per round; timing starts only after this.
        """
        assert self.receipts is not None
        producer = KafkaProducer(acks="all", **kafka_client_options(self.settings))
        deadline = time.monotonic() + timeout
        round_ = 0
        try:
            while True:
                ids = []
                for partition in range(self.settings.partitions):
                    article = Article(id=f"warmup-{round_}-{partition}", body=WARMUP_BODY)
                    producer.send(self.settings.topic_articles, key=article.id.encode(), value=article.to_json(),
                                  partition=partition)  # fmt: skip
                    ids.append(article.id)
                producer.flush()
                self.receipts.expect(ids)
                round_deadline = time.monotonic() + 30
                while not self.receipts.ledger.done and time.monotonic() < min(deadline, round_deadline):
                    self._check_alive()
                    self.receipts.poll()
                if self.receipts.ledger.done and all(c > 0 for c in self.consumed()):
                    return
                if time.monotonic() > deadline:
                    raise NewsalertError(f"workers not ready after {timeout:.0f} s; see logs in {self.workdir}")
                round_ += 1
                time.sleep(1.0)
        finally:
            producer.close()

    # -- measuring
    def stream(
        self,
        articles: Sequence[Article],
        *,
        rate: float | None = None,
        timeout: float = 1800.0,
        progress: Progress | None = None,
    ) -> dict[str, Any]:
        """Produce ``articles`` (at ``rate`` per second, or as fast as possible) and wait until every one, with
        its matches and alerts, has gone through; return throughput and latencies."""
        assert self.receipts is not None
        receipts = self.receipts
        ids = [a.id for a in articles]
        receipts.expect(ids)
        sent_at: dict[str, float] = {}
        requests_before = len(self.slack.requests())

        def on_sent(article: Article) -> None:
            sent_at[article.id] = time.time()  # the producer stamps CreateTime at send() from the same clock

        first = time.time()
        replay(self.settings, articles, rate=rate, on_sent=on_sent)
        deadline = time.monotonic() + timeout
        while True:
            receipts.poll()
            done = sum(1 for i in ids if i in receipts.ledger.articles)
            if progress is not None:
                progress(done, len(ids))
            if receipts.ledger.done:
                break
            self._check_alive()
            if time.monotonic() > deadline:
                raise NewsalertError(f"not done after {timeout:.0f} s: pending {receipts.ledger.pending()}")
        finished = {i: receipts.done_at(i) for i in ids}
        end = max(t for t in finished.values() if t is not None)
        article_latency = [finished[i] - sent_at[i] for i in ids if finished[i] is not None]  # type: ignore[operator]
        alert_latency = [stamp - sent_at[i] for i in ids for _, stamp in receipts.alerts_of(i)]
        failed = sum(1 for i in ids if receipts.ledger.articles[i]["status"] != "ok")
        slack_posts = sum(
            1 for r in self.slack.requests()[requests_before:] if r["method"] == "chat.postMessage" and r["ok"]
        )
        seconds = end - first
        return {
            "articles": len(ids),
            "seconds": seconds,
            "articles_per_s": len(ids) / seconds,
            "rate": rate,
            "dead_lettered": failed,
            "alerts": sum(len(receipts.alerts_of(i)) for i in ids),
            "slack_posts": slack_posts,
            "latency_ms": _percentiles(article_latency),
            "alert_latency_ms": _percentiles(alert_latency),
        }

    def peak_rss_mb(self) -> list[float | None]:
        return [peak_rss_mb(p.pid) for p in self.processes]

    def matches(self) -> set[tuple[str, str, int, int]]:
        """(rule, article, trigger start, end) of every match the workers produced."""
        return {
            (m["rule"], m["article"]["id"], int(m["event"]["start"]), int(m["event"]["end"]))
            for m in read_topic(self.settings, self.settings.topic_candidates)
        }

    def alerts(self) -> set[tuple[str, str, int, int]]:
        """(rule, article, trigger start, end) of every alert the workers decided to send."""
        return {
            (a["rule_id"], a["article"]["id"], int(a["event"]["start"]), int(a["event"]["end"]))
            for a in read_topic(self.settings, self.settings.topic_alerts)
            if isinstance(a, dict) and "rule_id" in a
        }


def _percentiles(values: Sequence[float]) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "p50": None, "p99": None, "max": None}
    ordered = sorted(values)

    def at(q: float) -> float:
        # Nearest rank: the smallest value with at least q of the samples at or below it.
        rank = max(1, -(-int(q * 1000) * len(ordered) // 1000))
        return ordered[min(len(ordered), rank) - 1] * 1000.0

    return {"n": len(ordered), "p50": at(0.50), "p99": at(0.99), "max": ordered[-1] * 1000.0}
