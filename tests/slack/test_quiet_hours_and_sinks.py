"""Quiet hours and digests (with an injected clock), the webhook and console sinks, and build_sink."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from slack_emulator import SlackEmulator
from slack_helpers import FAST, make_alert, quiet_hours_sink

from streams.errors import PermanentDeliveryError
from streams.settings import Settings
from streams.slack import ConsoleSink, SlackSink, WebhookSink, build_sink


def test_quiet_hours_hold_alerts_and_post_one_digest(slack_emulator: SlackEmulator, tmp_path: Path) -> None:
    now = datetime(2024, 6, 20, 23, 0, tzinfo=UTC)
    sink = quiet_hours_sink(slack_emulator, tmp_path, clock=lambda: now)
    state: dict[str, Any] = {}

    async def night() -> list[str]:
        statuses = [
            (await sink.deliver(make_alert(n, title=f"Night {n}", channels=()), state)).status for n in range(3)
        ]
        statuses.append((await sink.deliver(make_alert(1, channels=()), state)).status)  # redelivered while held
        return statuses

    assert asyncio.run(night()) == ["held", "held", "held", "duplicate"]
    assert asyncio.run(sink.flush(state)) == []  # still quiet
    assert slack_emulator.messages() == []

    now = datetime(2024, 6, 21, 7, 30, tzinfo=UTC)
    sink.clock = lambda: now
    delivered = asyncio.run(sink.flush(state))
    assert [d.status for d in delivered] == ["posted"]
    [digest] = slack_emulator.messages("alerts")
    assert digest.blocks[0]["text"]["text"] == "Digest: 3 alerts held during quiet hours"
    lines = digest.blocks[1]["text"]["text"].splitlines()
    assert [line.split("*")[1] for line in lines] == ["Night 0", "Night 1", "Night 2"]
    assert not any(key.startswith("h:") for key in state)
    assert asyncio.run(sink.flush(state)) == []  # posted once
    # Daytime alerts go out at once.
    assert asyncio.run(sink.deliver(make_alert(9, channels=()), state)).status == "posted"
    assert len(slack_emulator.messages("alerts")) == 2


def test_webhook_sink_posts_retries_and_rejects() -> None:
    with SlackEmulator() as slack:
        sink = WebhookSink(slack.webhook_url, policy=FAST)
        state: dict[str, Any] = {}
        slack.add_fault("webhook", status=429, retry_after=0.05)
        slack.add_fault("webhook", status=500)
        assert asyncio.run(sink.deliver(make_alert(1), state)).status == "posted"
        assert asyncio.run(sink.deliver(make_alert(1), state)).status == "duplicate"
        [message] = slack.messages()
        assert message.via == "webhook" and message.blocks[0]["text"]["text"] == "Ambassador summoned"

        slack.add_fault("webhook", error="invalid_blocks")
        with pytest.raises(PermanentDeliveryError) as info:
            asyncio.run(sink.deliver(make_alert(2), state))
        assert info.value.reason.startswith("invalid_blocks")
        assert "emulatorwebhooksecret" not in str(info.value)

        wrong = WebhookSink(slack.webhook_url + "x", policy=FAST)
        with pytest.raises(PermanentDeliveryError) as info:
            asyncio.run(wrong.deliver(make_alert(3), {}))
        assert "no_service" in info.value.reason and "emulatorwebhooksecret" not in str(info.value)


def test_console_sink_prints_readably_once() -> None:
    out = io.StringIO()
    sink = ConsoleSink(out)
    state: dict[str, Any] = {}
    assert asyncio.run(sink.deliver(make_alert(1), state)).status == "printed"
    assert asyncio.run(sink.deliver(make_alert(1), state)).status == "duplicate"
    text = out.getvalue()
    assert text.startswith("ALERT [high] Ambassador summoned\n  South Korea -> summoned (DISAPPROVE) -> Russia\n")
    assert "[summoned]" in text and text.count("ALERT") == 1


def test_build_sink_picks_the_transport(slack_emulator: SlackEmulator, tmp_path: Path) -> None:
    base = Settings.load({}, rules_dir=tmp_path)
    assert isinstance(build_sink(base), ConsoleSink)
    assert isinstance(build_sink(base.replace(slack_webhook_url=slack_emulator.webhook_url)), WebhookSink)
    bot = build_sink(base.replace(slack_bot_token=slack_emulator.token, slack_api_url=slack_emulator.url))
    assert isinstance(bot, SlackSink)
    assert asyncio.run(bot.deliver(make_alert(channels=()), {})).status == "posted"
    assert len(slack_emulator.messages("alerts")) == 1  # SLACK_DEFAULT_CHANNEL's default, #alerts
