"""Admin-channel notices: rule load errors and dead-lettered alerts reach NEWSALERT_ADMIN_CHANNEL, escaped."""

from __future__ import annotations

import asyncio

from slack_emulator import SlackEmulator

from streams.settings import Settings
from streams.slack.admin import MAX_NOTICES_PER_FLUSH, AdminNotices


def notices_for(slack: SlackEmulator, channel: str | None = "#ops-admin") -> AdminNotices:
    settings = Settings.load(
        {}, slack_bot_token=slack.token, slack_api_url=slack.url, slack_admin_channel=channel
    )
    return AdminNotices(settings)


def test_queued_notices_are_posted_as_one_escaped_message(slack_emulator: SlackEmulator) -> None:
    slack_emulator.add_channel("ops-admin")
    admin = notices_for(slack_emulator)
    admin.add("rules/x.yaml:3:5: unknown key 'titel' <!channel>")
    admin.add("Alert 'Ambassador summoned' dead-lettered: channel_not_found")
    asyncio.run(admin.flush())

    [message] = slack_emulator.messages(channel="ops-admin")
    assert "rules/x.yaml:3:5" in (message.text or "")
    assert "channel_not_found" in (message.text or "")
    assert "<!channel>" not in (message.text or ""), "article or rule text must not ping"

    asyncio.run(admin.flush())  # nothing queued: nothing posted
    assert len(slack_emulator.messages(channel="ops-admin")) == 1


def test_a_burst_is_capped_and_counted(slack_emulator: SlackEmulator) -> None:
    slack_emulator.add_channel("ops-admin")
    admin = notices_for(slack_emulator)
    for n in range(MAX_NOTICES_PER_FLUSH + 5):
        admin.add(f"notice {n}")
    asyncio.run(admin.flush())
    [message] = slack_emulator.messages(channel="ops-admin")
    assert "and 5 more" in (message.text or "")


def test_without_an_admin_channel_nothing_is_queued_or_posted(slack_emulator: SlackEmulator) -> None:
    admin = notices_for(slack_emulator, channel=None)
    admin.add("ignored")
    asyncio.run(admin.flush())
    assert not admin.enabled
    assert slack_emulator.requests == []


def test_an_unknown_admin_channel_is_logged_not_raised(slack_emulator: SlackEmulator) -> None:
    admin = notices_for(slack_emulator, channel="#no-such-channel")
    admin.add("something failed")
    asyncio.run(admin.flush())  # must not raise: notices are best effort, the log has them
    assert slack_emulator.messages() == []
