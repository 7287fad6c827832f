"""A real worker process on the embedded broker answers /health, /ready and /metrics, and logs JSON lines
without the Slack token."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka_tools import newsalert, wait_until_done
from prometheus_client.parser import text_string_to_metric_families
from slack_emulator import SlackEmulator

from streams.processes import stop_process
from streams.receipts import Ledger
from streams.runner import ReceiptFollower
from streams.settings import Settings, to_environ
from streams.topics import create_topics

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a37d2364f582c819.txt"
EXPECTED_FAMILIES = {
    "newsalert_articles_consumed",
    "newsalert_articles_deadlettered",
    "newsalert_events_extracted",
    "newsalert_rule_matches",
    "newsalert_rules_loaded",
    "newsalert_rule_load_errors",
    "newsalert_alerts_posted",
    "newsalert_alerts_retried",
    "newsalert_alerts_deadlettered",
    "newsalert_slack_request_seconds",
    "newsalert_processing_latency_seconds",
    "newsalert_consumer_lag",
}

pytestmark = [pytest.mark.broker, pytest.mark.slow]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _wait_for(url: str, status: int, worker: subprocess.Popen[bytes], *, timeout: float = 120.0) -> str:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        assert worker.poll() is None, f"worker exited with {worker.returncode}"
        try:
            code, body = _get(url)
            if code == status:
                return body
            last = (code, body)
        except OSError as exc:  # not listening yet
            last = exc
        time.sleep(0.5)
    raise AssertionError(f"{url} never answered {status}; last: {last!r}")


@pytest.fixture
def worker_with_logs(
    isolated_settings: Settings, slack: SlackEmulator, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    create_topics(isolated_settings)
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        **to_environ(isolated_settings),
        "NEWSALERT_LOG_FORMAT": "json",
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_API_URL": slack.url,
        "SLACK_DEFAULT_CHANNEL": "#alerts",
    }
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "streams.cli.main", "worker"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            yield process, log
        finally:
            stop_process(process)


def test_worker_serves_health_ready_and_metrics(
    isolated_settings: Settings, slack: SlackEmulator, worker_with_logs: tuple[subprocess.Popen[bytes], Path]
) -> None:
    worker, log = worker_with_logs
    base = f"http://127.0.0.1:{isolated_settings.web_port}"
    assert json.loads(_wait_for(f"{base}/health", 200, worker)) == {"status": "alive"}
    assert json.loads(_wait_for(f"{base}/ready", 200, worker)) == {"status": "ready"}

    follower = ReceiptFollower(isolated_settings)
    replay = newsalert("replay", str(SEED), settings=isolated_settings)
    assert replay.returncode == 0, replay.stderr
    wait_until_done(follower, Ledger({SEED.stem}), worker=worker)
    follower.close()

    status, text = _get(f"{base}/metrics")
    assert status == 200
    families = list(text_string_to_metric_families(text))
    assert EXPECTED_FAMILIES <= {family.name for family in families}
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value for family in families for s in family.samples}
    assert samples[("newsalert_articles_consumed_total", ())] >= 1
    assert samples[("newsalert_rules_loaded", ())] >= 1

    def total(name: str) -> float:
        return sum(value for (sample, _labels), value in samples.items() if sample == name)

    assert total("newsalert_rule_matches_total") >= 1
    assert total("newsalert_alerts_posted_total") >= 1

    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    assert lines, "the worker wrote no JSON log line"
    records = [json.loads(line) for line in lines]
    assert all({"ts", "level", "logger", "message"} <= set(r) for r in records)
    assert slack.token not in log.read_text(encoding="utf-8")
