"""The walking skeleton, end to end through real processes: broker, worker, replay, Slack emulator."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka_tools import newsalert, read_topic, wait_until_done
from slack_emulator import SlackEmulator

from streams.processes import stop_process
from streams.receipts import Ledger
from streams.runner import ReceiptFollower, start_worker_process
from streams.settings import Settings
from streams.topics import create_topics

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a37d2364f582c819.txt"

pytestmark = [pytest.mark.broker, pytest.mark.slow]


@pytest.fixture
def worker(isolated_settings: Settings, slack: SlackEmulator) -> Iterator[subprocess.Popen[bytes]]:
    create_topics(isolated_settings)
    process = start_worker_process(
        isolated_settings,
        extra_env={"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.url, "SLACK_DEFAULT_CHANNEL": "#alerts"},
    )
    yield process
    stop_process(process)


def test_seed_article_alerts_slack_exactly_once(
    isolated_settings: Settings, slack: SlackEmulator, worker: subprocess.Popen[bytes]
) -> None:
    follower = ReceiptFollower(isolated_settings)
    result = newsalert("replay", str(SEED), settings=isolated_settings)
    assert result.returncode == 0, result.stderr

    wait_until_done(follower, Ledger({SEED.stem}), worker=worker)
    follower.close()

    summoned = [m for m in slack.messages() if "ambassador" in (m.text or "").lower()]
    assert len(summoned) == 1, [m.text for m in slack.messages()]
    text = summoned[0].text or ""
    assert "South Korea" in text and "Russia" in text, text


def test_malformed_articles_are_dead_lettered_and_the_worker_goes_on(
    isolated_settings: Settings, worker: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    lines = tmp_path / "mixed.jsonl"
    lines.write_text(
        '{"id": "broken", "body": \n'  # not JSON
        '{"id": "no-body", "title": "A title but no body"}\n'
        '{"id": "good-1", "body": "South Korea summoned the Russian ambassador on Friday."}\n'
    )
    follower = ReceiptFollower(isolated_settings)
    result = newsalert("replay", "--raw", str(lines), settings=isolated_settings)
    assert result.returncode == 0, result.stderr

    ledger = wait_until_done(
        follower, Ledger({"good-1", "no-body"}), worker=worker,
        until=lambda led: len(led.offsets) == 3 and led.done,
    )
    follower.close()
    assert ledger.articles["good-1"]["status"] == "ok"
    assert ledger.articles["no-body"]["status"] == "deadletter"

    dead = read_topic(isolated_settings, isolated_settings.topic_deadletter)
    reasons = sorted(record["reason"] for record in dead)
    assert len(dead) == 2, dead
    assert any("not valid JSON" in reason for reason in reasons), reasons
    assert any("'body' is missing" in reason for reason in reasons), reasons
    assert all(record["stage"] == "ingest" and record["topic"] == isolated_settings.topic_articles for record in dead)
    assert worker.poll() is None, "the worker must keep running after bad input"
