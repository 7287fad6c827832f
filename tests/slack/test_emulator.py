"""The emulator itself behaves like Slack where our tests rely on it (real HTTP, slack-sdk as the client)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from slack_emulator import SlackEmulator
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient


def _client(slack: SlackEmulator, token: str | None = None) -> AsyncWebClient:
    return AsyncWebClient(token=token or slack.token, base_url=slack.url, retry_handlers=[])


def _error(coro: object) -> SlackApiError:
    with pytest.raises(SlackApiError) as info:
        asyncio.run(coro)  # type: ignore[arg-type]
    return info.value


def test_post_thread_update_and_errors(slack_emulator: SlackEmulator) -> None:
    client = _client(slack_emulator)

    async def scenario() -> None:
        parent = await client.chat_postMessage(channel="#alerts", text="parent")
        await client.chat_postMessage(channel="alerts", text="reply", thread_ts=parent["ts"])
        await client.chat_update(channel=parent["channel"], ts=parent["ts"], text="edited")

    asyncio.run(scenario())
    [parent] = slack_emulator.messages("alerts", top_level=True)
    assert parent.text == "edited" and parent.reply_count == 1
    assert [m.text for m in slack_emulator.replies(parent.ts)] == ["reply"]

    assert _error(client.chat_postMessage(channel="nowhere", text="x")).response["error"] == "channel_not_found"
    assert _error(client.chat_postMessage(channel="ops", text="x")).response["error"] == "not_in_channel"
    assert _error(_client(slack_emulator, "xoxb-wrong").auth_test()).response["error"] == "invalid_auth"
    huge = [{"type": "divider"}] * 51
    assert _error(client.chat_postMessage(channel="alerts", text="x", blocks=huge)).response["error"] == (
        "invalid_blocks"
    )
    slack_emulator.add_fault("chat.postMessage", status=500)
    assert _error(client.chat_postMessage(channel="alerts", text="x")).response.status_code == 500
    assert len(slack_emulator.messages()) == 2


def test_rate_limit_answers_429_with_retry_after() -> None:
    with SlackEmulator(rate_limit=(2, 5.0)) as slack:
        client = _client(slack)
        asyncio.run(client.chat_postMessage(channel="a", text="1"))
        asyncio.run(client.chat_postMessage(channel="a", text="2"))
        error = _error(client.chat_postMessage(channel="a", text="3"))
    assert error.response.status_code == 429
    assert error.response["error"] == "ratelimited"
    assert int(error.response.headers["Retry-After"]) >= 1


def test_standalone_process_serves_records() -> None:
    script = Path(__file__).resolve().parents[1] / "slack_emulator.py"
    proc = subprocess.Popen([sys.executable, str(script), "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[2]
        asyncio.run(AsyncWebClient(token="xoxb-any", base_url=url).chat_postMessage(channel="news", text="hello"))
        base = url.removesuffix("/api/")
        with urllib.request.urlopen(f"{base}/_emulator/messages") as response:
            messages = json.load(response)
        assert [(m["channel_name"], m["text"]) for m in messages] == [("news", "hello")]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_history_and_replies_return_metadata_by_page(slack_emulator: SlackEmulator) -> None:
    client = _client(slack_emulator)
    meta = {"event_type": "newsalert_alert", "event_payload": {"alert_id": "a-1", "kind": "alert"}}

    async def scenario() -> dict[str, object]:
        first = await client.chat_postMessage(channel="#alerts", text="one", metadata=meta)
        channel, parent = first["channel"], first["ts"]
        for n in range(3):
            await client.chat_postMessage(channel=channel, text=f"reply {n}", thread_ts=parent)
        for n in range(4):
            await client.chat_postMessage(channel=channel, text=f"later {n}")
        plain = await client.conversations_history(channel=channel)
        pages, cursor = [], None
        while True:
            page = await client.conversations_history(
                channel=channel, limit=2, oldest=parent, inclusive=True, include_all_metadata=True, cursor=cursor
            )
            pages.append(page.data)
            cursor = page["response_metadata"]["next_cursor"]
            if not cursor:
                break
        after = await client.conversations_history(channel=channel, oldest=parent)  # exclusive by default
        thread = await client.conversations_replies(channel=channel, ts=parent, include_all_metadata=True, limit=2)
        rest = await client.conversations_replies(
            channel=channel, ts=parent, cursor=thread["response_metadata"]["next_cursor"]
        )
        return {"plain": plain.data, "pages": pages, "after": after.data, "thread": thread.data, "rest": rest.data}

    got = asyncio.run(scenario())
    plain = got["plain"]
    assert isinstance(plain, dict)
    # newest first, top-level only (replies stay in their thread), no metadata unless asked for
    assert [m["text"] for m in plain["messages"]] == ["later 3", "later 2", "later 1", "later 0", "one"]
    assert all("metadata" not in m for m in plain["messages"])
    assert plain["messages"][-1]["reply_count"] == 3
    pages = got["pages"]
    assert isinstance(pages, list)
    assert [len(p["messages"]) for p in pages] == [2, 2, 1]
    assert [p["has_more"] for p in pages] == [True, True, False]
    assert pages[-1]["messages"][0]["metadata"] == meta
    assert [m["text"] for m in got["after"]["messages"]] == ["later 3", "later 2", "later 1", "later 0"]  # type: ignore[index]
    thread, rest = got["thread"], got["rest"]
    assert [m["text"] for m in thread["messages"]] == ["one", "reply 0"]  # type: ignore[index]
    assert thread["messages"][0]["metadata"] == meta and thread["has_more"]  # type: ignore[index]
    assert [m["text"] for m in rest["messages"]] == ["reply 1", "reply 2"] and not rest["has_more"]  # type: ignore[index]


def test_history_wants_a_channel_id_and_a_known_thread(slack_emulator: SlackEmulator) -> None:
    client = _client(slack_emulator)
    assert _error(client.conversations_history(channel="#alerts")).response["error"] == "channel_not_found"
    channel = slack_emulator.channel("alerts").id  # type: ignore[union-attr]
    error = _error(client.conversations_replies(channel=channel, ts="1.000001"))
    assert error.response["error"] == "thread_not_found"
    ops = slack_emulator.channel("ops").id  # type: ignore[union-attr]
    assert _error(client.conversations_history(channel=ops)).response["error"] == "not_in_channel"
