"""The last duplicate window: a worker that dies after Slack accepted a post and before the post's progress reached
Kafka, or a post whose answer is lost. Against the emulator over real HTTP.

A test "worker" keeps two copies of its state: ``live`` (what the process has) and ``durable`` (what Kafka has:
a snapshot taken at each checkpoint, the worst case for a kill -9, which loses every write after it). A restart
is a new sink on a copy of ``durable``.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from slack_emulator import SlackEmulator
from slack_helpers import FAST, make_alert, quiet_hours_sink
from slack_sdk.web.async_client import AsyncWebClient

from streams.models import Alert
from streams.slack import SlackSink
from streams.slack.delivery import EVENT_TYPE, Delivery


class Killed(BaseException):
    """The worker process is killed: nothing after this point runs (a BaseException, so no handler catches it)."""


class Worker:
    """A notifier's delivery state: ``live`` in the process, ``durable`` as of its last checkpoint."""

    def __init__(self, durable: dict[str, Any] | None = None, *, kill_at: str | None = None) -> None:
        self.durable: dict[str, Any] = copy.deepcopy(durable or {})
        self.live = _KillingState(copy.deepcopy(self.durable), kill_at)
        self.checkpoints: list[str] = []

    async def checkpoint(self, key: str) -> None:
        assert key in self.live
        self.checkpoints.append(key)
        self.durable = copy.deepcopy(dict(self.live))

    def arm(self, prefix: str) -> None:
        """Die at the next write of a key starting with ``prefix``."""
        self.live.kill_at = prefix

    def restart(self) -> Worker:
        return Worker(self.durable)


class _KillingState(dict[str, Any]):
    def __init__(self, data: dict[str, Any], kill_at: str | None) -> None:
        super().__init__(data)
        self.kill_at = kill_at

    def __setitem__(self, key: str, value: Any) -> None:
        if self.kill_at is not None and key.startswith(self.kill_at):
            raise Killed(key)
        super().__setitem__(key, value)


def sink_for(slack: SlackEmulator, *, timeout: int = 5) -> SlackSink:
    client = AsyncWebClient(token=slack.token, base_url=slack.url, timeout=timeout, retry_handlers=[])
    return SlackSink(client, policy=FAST, default_channel="#alerts")


def deliver(slack: SlackEmulator, worker: Worker, alert: Alert, *, timeout: int = 5) -> Delivery:
    sink = sink_for(slack, timeout=timeout)
    return asyncio.run(sink.deliver(alert, worker.live, checkpoint=worker.checkpoint))


def lookups(slack: SlackEmulator) -> list[str]:
    return [r.method for r in slack.requests if r.method in ("conversations.history", "conversations.replies")]


def test_killed_after_the_post_the_restart_adopts_the_message(slack_emulator: SlackEmulator) -> None:
    worker = Worker(kill_at="p:")  # dies at the write that records the post's ts
    alert = make_alert(1)
    with pytest.raises(Killed):
        deliver(slack_emulator, worker, alert)
    assert len(slack_emulator.messages()) == 1  # Slack has it; Kafka has only the marker
    assert [k for k in worker.durable if k.startswith(("a:", "p:", "d:"))] == ["a:alert-1:#alerts:alert"]

    restarted = worker.restart()
    delivery = deliver(slack_emulator, restarted, alert)
    [message] = slack_emulator.messages("alerts")
    assert delivery.status == "posted" and delivery.channels == {"#alerts": message.ts}
    assert lookups(slack_emulator) == ["conversations.history"]
    # The adopted message is the story's parent, as if nothing had happened; the marker is gone.
    assert restarted.live["s:story-1:#alerts"]["ts"] == message.ts
    assert not [k for k in restarted.live if k.startswith(("a:", "p:"))]
    assert deliver(slack_emulator, restarted, alert).status == "duplicate"
    assert len(slack_emulator.messages()) == 1


def test_killed_after_a_story_reply_the_restart_adopts_the_reply(slack_emulator: SlackEmulator) -> None:
    worker = Worker()
    deliver(slack_emulator, worker, make_alert(0, story_key="s"))
    update = make_alert(1, kind="update", story_key="s", source="AP", outlets=2)
    worker.arm("p:")
    with pytest.raises(Killed):
        deliver(slack_emulator, worker, update)
    [parent] = slack_emulator.messages("alerts", top_level=True)
    assert len(slack_emulator.replies(parent.ts)) == 1

    restarted = worker.restart()
    delivery = deliver(slack_emulator, restarted, update)
    [reply] = slack_emulator.replies(parent.ts)
    assert delivery.status == "threaded" and delivery.channels == {"#alerts": reply.ts}
    assert lookups(slack_emulator) == ["conversations.replies"]
    assert "Reported by *2* outlets" in str(parent.blocks)  # the parent's update still happened
    assert len(slack_emulator.messages()) == 2


def test_killed_before_the_post_the_restart_posts_once(slack_emulator: SlackEmulator) -> None:
    class DiesAfterCheckpoint(Worker):
        async def checkpoint(self, key: str) -> None:
            await super().checkpoint(key)
            raise Killed(key)

    worker = DiesAfterCheckpoint()
    with pytest.raises(Killed):
        deliver(slack_emulator, worker, make_alert(1))
    assert slack_emulator.messages() == []
    delivery = deliver(slack_emulator, worker.restart(), make_alert(1))
    [message] = slack_emulator.messages()
    assert delivery.channels == {"#alerts": message.ts}
    assert lookups(slack_emulator) == ["conversations.history"]  # looked, found nothing, posted


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 502},  # a gateway error after Slack posted
        {"delay": 1.5},  # the answer comes after the client's 1 s timeout
    ],
)
def test_post_whose_answer_is_lost_is_not_repeated(slack_emulator: SlackEmulator, fault: dict[str, Any]) -> None:
    slack_emulator.add_fault("chat.postMessage", processed=True, **fault)
    delivery = deliver(slack_emulator, Worker(), make_alert(1), timeout=1)
    [message] = slack_emulator.messages()
    assert delivery.channels == {"#alerts": message.ts}
    assert lookups(slack_emulator) == ["conversations.history"]


def test_normal_delivery_marks_before_posting_and_never_looks_up(slack_emulator: SlackEmulator) -> None:
    worker = Worker()
    posted_at_checkpoint: list[int] = []
    checkpoint = worker.checkpoint

    async def counting(key: str) -> None:
        posted_at_checkpoint.append(len(slack_emulator.messages()))
        await checkpoint(key)

    worker.checkpoint = counting  # type: ignore[method-assign]
    deliver(slack_emulator, worker, make_alert(0, story_key="s"))
    deliver(slack_emulator, worker, make_alert(1, kind="update", story_key="s", source="AP", outlets=2))
    deliver(slack_emulator, worker, make_alert(2))
    # A 429 is a refusal, not an unknown outcome: retried without a lookup.
    slack_emulator.add_fault("chat.postMessage", status=429, retry_after=0.01)
    deliver(slack_emulator, worker, make_alert(3))

    assert lookups(slack_emulator) == []
    assert posted_at_checkpoint == [0, 1, 2, 3]  # one checkpoint per post, each before its post
    posts = slack_emulator.calls("chat.postMessage")
    assert [p.params["metadata"] for p in posts] == [
        {"event_type": EVENT_TYPE, "event_payload": {"alert_id": f"alert-{n}", "kind": kind}}
        for n, kind in [(0, "alert"), (1, "reply"), (2, "alert"), (3, "alert")]
    ]
    assert not [k for k in worker.live if k.startswith(("a:", "p:"))]


def test_a_lookup_slack_refuses_posts_anyway_and_says_so(
    slack_emulator: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    # The documented limit: without the history scope the sink cannot tell, and never skips an alert.
    worker = Worker(kill_at="p:")
    with pytest.raises(Killed):
        deliver(slack_emulator, worker, make_alert(1))
    slack_emulator.add_fault("conversations.history", error="missing_scope")
    caplog.set_level(logging.WARNING)
    deliver(slack_emulator, worker.restart(), make_alert(1))
    assert len(slack_emulator.messages()) == 2
    assert "a duplicate is possible" in caplog.text and "missing_scope" in caplog.text
    assert slack_emulator.token not in caplog.text


def test_killed_after_a_digest_the_restart_adopts_it(slack_emulator: SlackEmulator, tmp_path: Path) -> None:
    now = datetime(2024, 6, 20, 23, 0, tzinfo=UTC)
    sink = quiet_hours_sink(slack_emulator, tmp_path, clock=lambda: now)
    worker = Worker()
    for n in range(2):
        asyncio.run(sink.deliver(make_alert(n, channels=()), worker.live, checkpoint=worker.checkpoint))
    now = datetime(2024, 6, 21, 7, 30, tzinfo=UTC)
    worker.arm("g:")  # dies at the write that records the digest's ts
    with pytest.raises(Killed):
        asyncio.run(sink.flush(worker.live, checkpoint=worker.checkpoint))
    restarted = worker.restart()
    [delivered] = asyncio.run(sink.flush(restarted.live, checkpoint=restarted.checkpoint))
    [digest] = slack_emulator.messages("alerts")
    assert delivered.channels == {"#alerts": digest.ts}
    assert lookups(slack_emulator) == ["conversations.history"]
