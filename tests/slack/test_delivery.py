"""SlackSink against the emulator over real HTTP: errors, retries, rate limits, restarts, stories."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections import Counter
from typing import Any

import pytest
from slack_emulator import SlackEmulator
from slack_helpers import FAST, make_alert
from slack_sdk.web.async_client import AsyncWebClient

from streams.errors import PermanentDeliveryError
from streams.models import Alert
from streams.slack import SlackSink


def sink_for(slack: SlackEmulator, *, token: str | None = None, timeout: int = 5, **kwargs: Any) -> SlackSink:
    client = AsyncWebClient(token=token or slack.token, base_url=slack.url, timeout=timeout, retry_handlers=[])
    return SlackSink(client, policy=FAST, default_channel="#alerts", **kwargs)


def deliver(sink: SlackSink, alert: Alert, state: dict[str, Any]) -> Any:
    return asyncio.run(sink.deliver(alert, state))


def permanent(sink: SlackSink, alert: Alert, state: dict[str, Any]) -> PermanentDeliveryError:
    with pytest.raises(PermanentDeliveryError) as info:
        deliver(sink, alert, state)
    return info.value


def titles(slack: SlackEmulator, channel: str = "alerts") -> list[str]:
    return [m.blocks[0]["text"]["text"] for m in slack.messages(channel, top_level=True) if m.blocks]


def test_posts_once_and_recognises_redelivery(slack_emulator: SlackEmulator) -> None:
    state: dict[str, Any] = {}
    sink = sink_for(slack_emulator)
    first = deliver(sink, make_alert(1), state)
    again = deliver(sink, make_alert(1), state)
    assert first.status == "posted" and again.status == "duplicate"
    assert first.channels == again.channels
    assert len(slack_emulator.messages()) == 1


@pytest.mark.parametrize(
    ("channel", "reason"),
    [
        ("#does-not-exist", "channel_not_found"),
        ("#private-ops", "not_in_channel"),  # private: joining is impossible, the bot must be invited
    ],
)
def test_permanent_channel_errors(slack_emulator: SlackEmulator, channel: str, reason: str) -> None:
    error = permanent(sink_for(slack_emulator), make_alert(channels=(channel,)), {})
    assert error.reason.startswith(reason)
    assert channel in error.reason
    assert slack_emulator.messages() == []


def test_not_in_channel_joins_a_public_channel_once(slack_emulator: SlackEmulator) -> None:
    deliver(sink_for(slack_emulator), make_alert(channels=("#ops",)), {})
    assert len(slack_emulator.messages("ops")) == 1
    assert len(slack_emulator.calls("conversations.join")) == 1
    # conversations.join got the channel id, as Slack requires, found with conversations.list
    assert slack_emulator.calls("conversations.join")[0].channel == slack_emulator.channel("ops").id  # type: ignore[union-attr]


def test_invalid_auth_and_invalid_blocks_are_permanent(slack_emulator: SlackEmulator) -> None:
    error = permanent(sink_for(slack_emulator, token="xoxb-revoked-token"), make_alert(), {})
    assert error.reason.startswith("invalid_auth")
    slack_emulator.add_fault("chat.postMessage", error="invalid_blocks")
    error = permanent(sink_for(slack_emulator), make_alert(2), {})
    assert error.reason.startswith("invalid_blocks")
    assert slack_emulator.messages() == []


def test_server_errors_rate_limits_and_timeouts_are_retried(slack_emulator: SlackEmulator) -> None:
    slack_emulator.add_fault("chat.postMessage", status=500, times=2)
    slack_emulator.add_fault("chat.postMessage", status=503)
    slack_emulator.add_fault("chat.postMessage", status=429, retry_after=0.05)
    slack_emulator.add_fault("chat.postMessage", error="internal_error")
    # slower than the client's 1 s timeout, then failing: the client gives up and tries again
    slack_emulator.add_fault("chat.postMessage", delay=1.5, status=500)
    delivery = deliver(sink_for(slack_emulator, timeout=1), make_alert(), {})
    assert delivery.status == "posted"
    assert len(slack_emulator.messages()) == 1
    failures = Counter(r.error for r in slack_emulator.requests if not r.ok)
    assert failures["internal_error"] >= 4 and failures["ratelimited"] == 1


def test_connection_refused_is_retried_until_cancelled() -> None:
    with SlackEmulator() as slack:
        url = slack.url
    # The emulator is gone: every attempt fails to connect; delivery keeps waiting until cancelled.
    client = AsyncWebClient(token="xoxb-x", base_url=url, timeout=1, retry_handlers=[])
    sink = SlackSink(client, policy=FAST)
    attempts = 0

    async def counting_sleep(delay: float) -> None:
        nonlocal attempts
        attempts += 1
        if attempts == 5:
            raise asyncio.CancelledError
        await asyncio.sleep(delay)

    sink._sleep = counting_sleep
    with pytest.raises(asyncio.CancelledError):
        deliver(sink, make_alert(), {})
    assert attempts == 5


def test_token_never_in_logs_or_errors(slack_emulator: SlackEmulator, caplog: pytest.LogCaptureFixture) -> None:
    secret = "xoxb-1111-2222-very-secret-token"
    caplog.set_level(logging.DEBUG)
    errors: list[BaseException] = []
    sink = sink_for(slack_emulator, token=secret)
    slack_emulator.add_fault("*", status=500)
    for alert in (make_alert(1), make_alert(2, channels=("#nope",))):
        try:
            deliver(sink, alert, {})
        except PermanentDeliveryError as exc:
            errors.append(exc)
    assert len(errors) == 2
    for exc in errors:
        text = "".join(traceback.format_exception(exc)) + repr(exc) + repr(exc.__context__)
        assert secret not in text
    assert secret not in caplog.text
    assert "Sending a request" in caplog.text  # slack-sdk's debug log ran, with its headers redacted


def test_burst_under_rate_limit_loses_and_duplicates_nothing() -> None:
    # Slack allows about one chat.postMessage per second per channel; the emulator scales that to one per 20 ms.
    with SlackEmulator(channels=["alerts"], rate_limit=(1, 0.02)) as slack:
        sink = sink_for(slack)
        state: dict[str, Any] = {}
        alerts = [make_alert(n, title=f"Alert {n}") for n in range(100)]

        async def partition(part: list[Alert]) -> None:  # four partitions, each delivered in order
            for alert in part:
                await sink.deliver(alert, state)

        async def main() -> None:
            await asyncio.gather(*(partition(alerts[i::4]) for i in range(4)))

        asyncio.run(main())
        posted = titles(slack)
        limited = [r for r in slack.requests if r.error == "ratelimited"]
    assert sorted(posted) == sorted(f"Alert {n}" for n in range(100))
    assert limited, "the burst should have met the rate limit"


def test_restart_mid_burst_posts_nothing_twice() -> None:
    with SlackEmulator(channels=["alerts"], rate_limit=(2, 0.05)) as slack:
        state: dict[str, Any] = {}
        alerts = [make_alert(n, title=f"Alert {n}") for n in range(100)]
        waits = 0

        async def killed_while_waiting(delay: float) -> None:
            # The worker dies while waiting out a rate limit: the task is cancelled mid-delivery.
            nonlocal waits
            waits += 1
            if waits == 4:
                raise asyncio.CancelledError
            await asyncio.sleep(delay)

        async def run(sink: SlackSink) -> None:
            for alert in alerts:  # Kafka redelivers from the last committed offset: here, from the start
                await sink.deliver(alert, state)

        with pytest.raises(asyncio.CancelledError):
            asyncio.run(run(sink_for(slack, sleep=killed_while_waiting)))
        before = len(slack.messages())
        asyncio.run(run(sink_for(slack)))  # a new notifier, the same (restored) state
        posted = titles(slack)
    assert 0 < before < 100
    assert Counter(posted) == Counter(f"Alert {n}" for n in range(100))


def test_story_from_five_outlets_is_one_thread(slack_emulator: SlackEmulator) -> None:
    sink = sink_for(slack_emulator)
    state: dict[str, Any] = {}
    outlets = ["Reuters", "AP", "Yonhap", "BBC", "NHK"]
    for i, outlet in enumerate(outlets):
        kind = "new" if i == 0 else "update"
        deliver(sink, make_alert(i, kind=kind, story_key="story", source=outlet, outlets=i + 1), state)
    [parent] = slack_emulator.messages("alerts", top_level=True)
    replies = slack_emulator.replies(parent.ts)
    assert len(replies) == 4
    assert ["AP", "Yonhap", "BBC", "NHK"] == [r.text.split(":")[0].removeprefix("Also reported by ") for r in replies]
    assert parent.updates, "the parent shows the outlet count"
    assert "Reported by *5* outlets" in str(parent.blocks)
    assert "(5 outlets)" in (parent.text or "")


def test_story_update_without_parent_posts_a_new_message(slack_emulator: SlackEmulator) -> None:
    delivery = deliver(sink_for(slack_emulator), make_alert(7, kind="update", story_key="lost", outlets=3), {})
    assert delivery.status == "posted"
    [message] = slack_emulator.messages("alerts")
    assert message.thread_ts is None
    assert "Reported by *3* outlets" in str(message.blocks)


def test_story_restart_between_reply_and_update(slack_emulator: SlackEmulator) -> None:
    state: dict[str, Any] = {}
    deliver(sink_for(slack_emulator), make_alert(0, story_key="s"), state)
    slack_emulator.add_fault("chat.update", status=500)

    async def crash(delay: float) -> None:
        raise asyncio.CancelledError

    update = make_alert(1, kind="update", story_key="s", source="AP", outlets=2)
    with pytest.raises(asyncio.CancelledError):
        deliver(sink_for(slack_emulator, sleep=crash), update, state)
    assert deliver(sink_for(slack_emulator), update, state).status == "threaded"
    [parent] = slack_emulator.messages("alerts", top_level=True)
    assert len(slack_emulator.replies(parent.ts)) == 1  # the reply was not posted again
    assert "Reported by *2* outlets" in str(parent.blocks)
