"""A real worker killed (SIGKILL) after Slack accepted a post and before the post's ts reached Kafka: the worker
that takes over posts nothing twice. Broker, workers and replay are real processes; Slack is the emulator."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka_tools import newsalert, wait_until_done
from slack_emulator import SlackEmulator

from streams.processes import stop_process
from streams.receipts import Ledger
from streams.runner import ReceiptFollower, start_worker_process
from streams.settings import Settings
from streams.topics import create_topics

pytestmark = [pytest.mark.broker, pytest.mark.slow]



@pytest.fixture
def workers(isolated_settings: Settings, slack: SlackEmulator) -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        stop_process(process)


def test_worker_killed_between_post_and_progress_posts_nothing_twice(
    isolated_settings: Settings, slack: SlackEmulator, workers: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    create_topics(isolated_settings)
    env = {"SLACK_BOT_TOKEN": slack.token, "SLACK_API_URL": slack.url, "SLACK_DEFAULT_CHANNEL": "#alerts"}
    # Slack posts the first message, then holds its answer: the worker waits for it when it is killed.
    slack.add_fault("chat.postMessage", processed=True, delay=120)
    workers.append(start_worker_process(isolated_settings, extra_env=env))

    articles = tmp_path / "articles.jsonl"
    articles.write_text('{"id": "summoned", "body": "South Korea summoned the Russian ambassador on Friday."}\n')
    follower = ReceiptFollower(isolated_settings)
    replay = newsalert("replay", "--raw", str(articles), settings=isolated_settings)
    assert replay.returncode == 0, replay.stderr

    deadline = time.monotonic() + 120
    while not slack.messages():
        assert workers[0].poll() is None, "the first worker exited by itself"
        assert time.monotonic() < deadline, "no post reached Slack"
        time.sleep(0.1)
    workers[0].kill()  # kill -9 while the post's answer is on its way
    workers[0].wait()

    workers.append(start_worker_process(isolated_settings, extra_env=env))
    wait_until_done(follower, Ledger({"summoned"}), worker=workers[1])
    follower.close()

    posted = Counter(m.metadata["event_payload"]["alert_id"] for m in slack.messages())
    assert posted and set(posted.values()) == {1}, posted
    assert slack.calls("conversations.history"), "the new worker looked the message up"
