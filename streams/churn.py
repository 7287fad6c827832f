"""The churn check: lose nothing while workers join, leave and crash (issue 8).

It starts the embedded broker (or uses the configured one with topics of its own), creates the topics, starts W
real `newsalert worker` processes (console sink, never Slack), replays K keyed synthetic articles while it
stops workers (SIGTERM, or SIGKILL for a crash), waits and restarts them for C cycles, then follows the receipts
topic until every article is accounted for. Per partition it reports:

- skipped: offsets that no worker ever processed although the group's committed offset moved past them (the
  failure this check exists for: such a record is never delivered again);
- unprocessed: offsets not processed and not committed past (still pending when the check gave up);
- duplicates: offsets processed more than once (expected under at-least-once: the work since the last commit);
- and, over all alerts, any alert delivered more than once (the delivery table must make that impossible).
"""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient

from streams.broker import EmbeddedBroker, free_port
from streams.errors import NewsalertError
from streams.models import Article
from streams.receipts import Ledger
from streams.replay import replay
from streams.runner import ReceiptFollower
from streams.settings import SETTINGS, Settings
from streams.topics import create_topics, kafka_client_options

logger = logging.getLogger(__name__)

# Alert receipt statuses that mean "this alert reached its channel now" (the console sink says "printed").
DELIVERED = frozenset({"posted", "printed", "console"})


@dataclass(frozen=True)
class ChurnPlan:
    """What to run: W workers, C stop/restart cycles, K articles over N partitions, all drawn from ``seed``."""

    workers: int = 2
    cycles: int = 10
    articles: int = 400
    partitions: int = 4
    seed: int = 0
    kill_ratio: float = 0.5  # share of stops that are SIGKILL crashes; the rest are graceful SIGTERM
    rate: float | None = None  # articles/s; None = spread the replay over the planned churn
    down: tuple[float, float] = (1.0, 4.0)  # seconds a stopped worker stays down
    up: tuple[float, float] = (7.0, 11.0)  # seconds between a restart and the next stop
    timeout: float = 300.0  # seconds to wait for the last article after the cycles
    settle: float = 8.0  # quiet seconds after which unprocessed offsets below the commit count as skipped
    log_dir: Path | None = None  # worker logs (default: a folder under the data dir)

    def replay_rate(self) -> float:
        if self.rate:
            return self.rate
        churn_seconds = self.cycles * (sum(self.down) + sum(self.up)) / 2 or 10.0
        return max(2.0, self.articles / churn_seconds)


@dataclass
class PartitionReport:
    partition: int
    end_offset: int
    committed: int | None
    processed: int
    skipped: list[tuple[int, int]]  # inclusive offset ranges
    unprocessed: list[tuple[int, int]]
    duplicates: int  # offsets processed more than once
    reprocessed: int  # extra processings in total

    @property
    def skipped_count(self) -> int:
        return sum(b - a + 1 for a, b in self.skipped)

    @property
    def unprocessed_count(self) -> int:
        return sum(b - a + 1 for a, b in self.unprocessed)


@dataclass
class ChurnReport:
    plan: ChurnPlan
    partitions: list[PartitionReport]
    events: list[dict[str, Any]]
    alerts_delivered: int
    double_deliveries: dict[str, int]
    duplicate_receipts: int  # re-deliveries the delivery table recognised and did not send again
    complete: bool
    elapsed: float
    pending: dict[str, int] = field(default_factory=dict)  # matches and alerts still without a receipt
    unplanned_exits: int = 0  # workers that exited by themselves and were restarted

    @property
    def skipped(self) -> int:
        return sum(p.skipped_count for p in self.partitions)

    @property
    def unprocessed(self) -> int:
        return sum(p.unprocessed_count for p in self.partitions)

    @property
    def ok(self) -> bool:
        return self.complete and self.skipped == 0 and self.unprocessed == 0 and not self.double_deliveries

    def to_dict(self) -> dict[str, Any]:
        plan = {k: (str(v) if isinstance(v, Path) else v) for k, v in self.plan.__dict__.items()}
        return {
            "ok": self.ok,
            "complete": self.complete,
            "skipped": self.skipped,
            "unprocessed": self.unprocessed,
            "duplicates": sum(p.duplicates for p in self.partitions),
            "alerts_delivered": self.alerts_delivered,
            "double_deliveries": self.double_deliveries,
            "duplicate_receipts": self.duplicate_receipts,
            "pending": self.pending,
            "unplanned_exits": self.unplanned_exits,
            "elapsed": round(self.elapsed, 1),
            "plan": plan,
            "stops": {
                "graceful": sum(1 for e in self.events if e["action"] == "term"),
                "crash": sum(1 for e in self.events if e["action"] == "kill"),
            },
            "partitions": [
                {
                    "partition": p.partition,
                    "end_offset": p.end_offset,
                    "committed": p.committed,
                    "processed": p.processed,
                    "skipped": p.skipped_count,
                    "skipped_ranges": p.skipped,
                    "unprocessed": p.unprocessed_count,
                    "unprocessed_ranges": p.unprocessed,
                    "duplicates": p.duplicates,
                    "reprocessed": p.reprocessed,
                }
                for p in self.partitions
            ],
            "events": self.events,
        }


@dataclass
class ChurnLedger(Ledger):
    """The receipts ledger, plus how many times each alert was delivered (the base keeps only the last)."""

    deliveries: Counter[str] = field(default_factory=Counter)
    duplicate_receipts: int = 0
    last_receipt: float = field(default_factory=time.monotonic)

    def add(self, receipt: dict[str, Any]) -> None:
        super().add(receipt)
        self.last_receipt = time.monotonic()
        if receipt.get("type") == "alert":
            if receipt.get("status") in DELIVERED:
                self.deliveries[str(receipt["id"])] += 1
            elif receipt.get("status") == "duplicate":
                self.duplicate_receipts += 1


# Synthetic articles: mostly news no shipped rule matches, a few that the shipped rules fire on.
_QUIET = [
    "Shares in {co} rose {n} percent on Tuesday after the company reported higher quarterly profits.",
    "Heavy rain is expected across the north of {place} this weekend, forecasters said.",
    "{co} said it would open a new factory near {place}, creating {n}00 jobs.",
    "The national football team beat its rival {n} to 1 in a friendly match in {place}.",
    "Wheat prices fell for a third day as harvests in {place} came in above forecasts.",
]
_MATCHING = [
    "{a} summoned {b}'s ambassador on {day} over remarks about the border.",
    "{a} expelled a {b_adj} diplomat accused of spying.",
]
_COUNTRIES = [
    ("Germany", "German"), ("Iran", "Iranian"), ("Japan", "Japanese"), ("China", "Chinese"), ("Poland", "Polish"),
    ("Russia", "Russian"), ("France", "French"), ("India", "Indian"), ("Canada", "Canadian"),
]
_PLACES = ["Chile", "Kenya", "Norway", "Vietnam", "Peru", "Ghana"]
_COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella", "Hooli"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_articles(count: int, *, seed: int, matching_share: float = 0.05) -> list[Article]:
    """``count`` short articles with unique ids; about ``matching_share`` of them match a shipped rule."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        if rng.random() < matching_share:
            a, _ = rng.choice(_COUNTRIES)
            b, b_adj = rng.choice([c for c in _COUNTRIES if c[0] != a])
            body = rng.choice(_MATCHING).format(a=a, b=b, b_adj=b_adj, day=rng.choice(_DAYS))
        else:
            body = rng.choice(_QUIET).format(
                co=rng.choice(_COMPANIES), place=rng.choice(_PLACES), n=rng.randint(2, 9)
            )
        articles.append(Article(id=f"churn-{seed}-{i:05d}", body=body, title=body[:60], source="churn"))
    return articles


def _worker_environ(settings: Settings, **overrides: str) -> dict[str, str]:
    """Every setting spelt out, so that nothing the parent's environment holds leaks into a worker."""
    env = {**os.environ}  # forwarded to the child untouched; every setting is then spelt out below
    for f in SETTINGS:
        value = getattr(settings, f.name)
        name = f.metadata["env"]
        env[name] = "" if value is None else (str(value).lower() if isinstance(value, bool) else str(value))
        if f.metadata["secret"]:
            env[name + "_FILE"] = ""
    env.update(overrides)
    return env


class WorkerPool:
    """W `newsalert worker` processes, each in its own slot with its own web port, data folder and log file."""

    def __init__(self, settings: Settings, *, size: int, log_dir: Path) -> None:
        self.settings = settings
        self.log_dir = log_dir
        self._processes: list[subprocess.Popen[bytes] | None] = [None] * size
        self._logs: list[IO[bytes] | None] = [None] * size
        self._starts = [0] * size
        self.unplanned_exits = 0  # workers that died on their own (not stopped by the check)

    def start(self, slot: int) -> None:
        self._starts[slot] += 1
        log = (self.log_dir / f"worker{slot}-{self._starts[slot]}.log").open("wb")
        env = _worker_environ(
            self.settings,
            NEWSALERT_WEB_PORT=str(free_port()),
            NEWSALERT_DATA_DIR=str(self.settings.data_dir / f"worker{slot}"),
        )
        self._processes[slot] = subprocess.Popen(
            [sys.executable, "-m", "streams.cli.main", "worker"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        self._logs[slot] = log
        logger.info("Started worker %d (pid %d)", slot, self._processes[slot].pid)  # type: ignore[union-attr]

    def stop(self, slot: int, *, crash: bool, timeout: float = 30.0) -> None:
        process = self._processes[slot]
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGKILL if crash else signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                logger.warning("Worker %d did not stop within %.0f s of SIGTERM; killing it", slot, timeout)
                process.kill()
                process.wait()
        log = self._logs[slot]
        if log is not None:
            log.close()
        self._processes[slot] = None
        self._logs[slot] = None

    def running(self) -> list[int]:
        return [i for i, p in enumerate(self._processes) if p is not None and p.poll() is None]

    def check_alive(self) -> None:
        """Restart a worker that died on its own (not by our hand): the check is about churn, not about a crash."""
        for slot, process in enumerate(self._processes):
            if process is not None and process.poll() is not None:
                logger.warning("Worker %d exited by itself with status %s; restarting it", slot, process.returncode)
                self.unplanned_exits += 1
                self._processes[slot] = None
                self.start(slot)

    def stop_all(self) -> None:
        for slot in range(len(self._processes)):
            self.stop(slot, crash=False)


def run_churn(settings: Settings, plan: ChurnPlan) -> ChurnReport:
    """Run the churn check described by ``plan``; ``settings`` gives the rules, model and (optional) broker."""
    started = time.monotonic()
    with ExitStack() as stack:
        if settings.embedded:
            broker = stack.enter_context(EmbeddedBroker())
            settings = settings.replace(broker=broker.url)
        settings = _isolated(settings, plan)
        create_topics(settings)
        log_dir = plan.log_dir or settings.data_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        logger.info("Churn check %s: %s; worker logs in %s", settings.app_id, plan, log_dir)

        follower = ReceiptFollower(settings)
        stack.callback(follower.close)
        pool = WorkerPool(settings, size=plan.workers, log_dir=log_dir)
        stack.callback(pool.stop_all)
        for slot in range(plan.workers):
            pool.start(slot)

        articles = synthetic_articles(plan.articles, seed=plan.seed)
        ledger = ChurnLedger({a.id for a in articles})
        producer = _Replayer(settings, articles, rate=plan.replay_rate())
        producer.start()
        _follow_until(follower, ledger, pool, lambda: bool(ledger.offsets), timeout=180.0, what="first article")

        events = _churn(plan, pool, follower, ledger, started)
        producer.join(follower, ledger)
        ends = _end_offsets(settings)
        complete = _wait_for_the_rest(settings, plan, follower, ledger, pool, ends)
        committed = _committed_offsets(settings)
        pool.stop_all()
        report = _report(plan, ledger, ends, committed, events, complete, time.monotonic() - started)
        report.unplanned_exits = pool.unplanned_exits
        return report
    raise AssertionError("unreachable")  # pragma: no cover - ExitStack does not swallow exceptions


def _isolated(settings: Settings, plan: ChurnPlan) -> Settings:
    """Topics and a consumer group of this run's own, so repeated runs on one broker never mix."""
    tag = f"churn-{plan.seed}-{uuid.uuid4().hex[:8]}"
    return settings.replace(
        app_id=tag,
        partitions=plan.partitions,
        topic_articles=f"{tag}-articles",
        topic_candidates=f"{tag}-candidates",
        topic_alerts=f"{tag}-alerts",
        topic_deadletter=f"{tag}-deadletter",
        topic_receipts=f"{tag}-receipts",
        data_dir=settings.data_dir / tag,
        slack_bot_token=None,  # the console sink: the check must never post to a real workspace
        slack_webhook_url=None,
        slack_admin_channel=None,
    )


class _Replayer:
    """Replays the articles at a steady rate in a thread, while the main thread churns the workers."""

    def __init__(self, settings: Settings, articles: list[Article], *, rate: float) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(settings, articles, rate), daemon=True)

    def _run(self, settings: Settings, articles: list[Article], rate: float) -> None:
        try:
            replay(settings, articles, rate=rate)
        except BaseException as exc:  # reported by join()
            self._error = exc

    def start(self) -> None:
        self._thread.start()

    def join(self, follower: ReceiptFollower, ledger: Ledger) -> None:
        while self._thread.is_alive():
            follower.poll_into(ledger, timeout=0.5)
        if self._error is not None:
            raise NewsalertError(f"replaying the churn articles failed: {self._error}") from self._error


def _churn(
    plan: ChurnPlan, pool: WorkerPool, follower: ReceiptFollower, ledger: Ledger, started: float
) -> list[dict[str, Any]]:
    rng = random.Random(plan.seed)
    events: list[dict[str, Any]] = []
    for cycle in range(plan.cycles):
        slot = rng.choice(pool.running() or [0])
        crash = rng.random() < plan.kill_ratio
        action = "kill" if crash else "term"
        logger.info("Cycle %d/%d: %s worker %d", cycle + 1, plan.cycles, action, slot)
        at = round(time.monotonic() - started, 1)
        events.append({"cycle": cycle + 1, "worker": slot, "action": action, "at": at})
        pool.stop(slot, crash=crash)
        _follow_for(follower, ledger, rng.uniform(*plan.down))
        pool.start(slot)
        _follow_for(follower, ledger, rng.uniform(*plan.up))
        pool.check_alive()
    return events


def _follow_for(follower: ReceiptFollower, ledger: Ledger, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        follower.poll_into(ledger, timeout=min(0.5, left))


def _follow_until(
    follower: ReceiptFollower, ledger: Ledger, pool: WorkerPool, condition: Any, *, timeout: float, what: str
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise NewsalertError(f"churn check: no {what} within {timeout:.0f} s (see the worker logs)")
        pool.check_alive()
        follower.poll_into(ledger, timeout=0.5)


def _end_offsets(settings: Settings) -> dict[int, int]:
    consumer = KafkaConsumer(enable_auto_commit=False, **kafka_client_options(settings))
    try:
        tps = [TopicPartition(settings.topic_articles, p) for p in range(settings.partitions)]
        return {tp.partition: offset for tp, offset in consumer.end_offsets(tps).items()}
    finally:
        consumer.close()


def _committed_offsets(settings: Settings) -> dict[int, int]:
    """The group's committed offsets on the articles topic (kafka-python's admin reads them on Tansu too)."""
    admin = KafkaAdminClient(client_id=f"{settings.app_id}-churn", **kafka_client_options(settings))
    try:
        offsets = admin.list_group_offsets({settings.app_id: None}).get(settings.app_id, {})
    finally:
        admin.close()
    return {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == settings.topic_articles}


def _missing(ledger: Ledger, ends: dict[int, int]) -> Iterator[tuple[int, int]]:
    for partition, end in ends.items():
        for offset in range(end):
            if (partition, offset) not in ledger.offsets:
                yield partition, offset


def _wait_for_the_rest(
    settings: Settings,
    plan: ChurnPlan,
    follower: ReceiptFollower,
    ledger: ChurnLedger,
    pool: WorkerPool,
    ends: dict[int, int],
) -> bool:
    """Follow receipts until every offset was processed and every alert delivered.

    Gives up early when the group has committed past every missing offset and nothing arrived for
    ``plan.settle`` seconds: those records are skipped, no worker will ever see them again.
    """
    deadline = time.monotonic() + plan.timeout
    next_check = next_progress = 0.0
    while time.monotonic() < deadline:
        pool.check_alive()
        follower.poll_into(ledger, timeout=0.5)
        missing = list(_missing(ledger, ends))
        if not missing and ledger.done:
            return True
        now = time.monotonic()
        if now >= next_progress:
            next_progress = now + 10.0
            logger.info("Waiting for %d unprocessed offsets (first: %s); pending %s", len(missing), missing[:3],
                        ledger.pending())
        if missing and now >= next_check and now - ledger.last_receipt > plan.settle:
            next_check = now + 2.0
            committed = _committed_offsets(settings)
            if all(committed.get(p, -1) > o for p, o in missing):
                logger.error("The group committed past %d offsets that were never processed", len(missing))
                return True
    logger.error("Churn check timed out: %d offsets unprocessed, pending %s", len(list(_missing(ledger, ends))),
                 ledger.pending())
    return False


def _ranges(offsets: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for offset in sorted(offsets):
        if ranges and ranges[-1][1] == offset - 1:
            ranges[-1] = (ranges[-1][0], offset)
        else:
            ranges.append((offset, offset))
    return ranges


def _report(
    plan: ChurnPlan,
    ledger: ChurnLedger,
    ends: dict[int, int],
    committed: dict[int, int],
    events: list[dict[str, Any]],
    complete: bool,
    elapsed: float,
) -> ChurnReport:
    partitions = []
    for partition, end in sorted(ends.items()):
        done = committed.get(partition)
        missing = [o for p, o in _missing(ledger, {partition: end})]
        counts = [n for (p, _), n in ledger.offsets.items() if p == partition]
        partitions.append(
            PartitionReport(
                partition=partition,
                end_offset=end,
                committed=done,
                processed=len(counts),
                skipped=_ranges([o for o in missing if done is not None and o < done]),
                unprocessed=_ranges([o for o in missing if done is None or o >= done]),
                duplicates=sum(1 for n in counts if n > 1),
                reprocessed=sum(n - 1 for n in counts),
            )
        )
    return ChurnReport(
        plan=plan,
        partitions=partitions,
        events=events,
        alerts_delivered=len(ledger.deliveries),
        double_deliveries={k: n for k, n in ledger.deliveries.items() if n > 1},
        duplicate_receipts=ledger.duplicate_receipts,
        complete=complete,
        elapsed=elapsed,
        pending=ledger.pending(),
    )
