"""A local Slack Web API emulator: a real HTTP server that speaks the Web API's JSON, for tests.

It answers ``chat.postMessage``, ``chat.update``, ``conversations.join`` / ``.list`` / ``.history`` /
``.replies``, ``auth.test`` and an incoming webhook, checks the bearer token, enforces Slack's Block Kit limits
and rate limits, and records every request, so tests point slack-sdk at it (``base_url=slack.url``) instead of
mocking slack-sdk.

In a test::

    with SlackEmulator(channels=["alerts"], rate_limit=(20, 0.2)) as slack:
        client = AsyncWebClient(token=slack.token, base_url=slack.url)
        ...
        assert len(slack.messages(channel="alerts")) == 1

As a process (for end-to-end tests that run the worker as a subprocess)::

    python tests/slack_emulator.py --port 0        # prints "listening on http://127.0.0.1:PORT/api/"

The process also serves its records as JSON: ``GET /_emulator/messages``, ``GET /_emulator/requests``, and
``POST /_emulator/reset`` clears them.

Faithfulness notes (what Slack does and the emulator copies): errors are HTTP 200 with
``{"ok": false, "error": ...}``, except rate limits (HTTP 429, ``ratelimited``, ``Retry-After`` in whole
seconds) and server failures; ``chat.postMessage`` accepts a channel name or id, answers with the channel id
and a fresh ``ts``; a bot must be a member to post (``not_in_channel``) and can join public channels only.
``ts`` values are the wall clock in microseconds, strictly increasing. Messages keep the ``metadata`` they were
posted with; ``conversations.history`` (top-level messages, newest first) and ``conversations.replies`` (the
parent, then its replies, oldest first) return it only with ``include_all_metadata``, take a channel *id* (a
name is ``channel_not_found``), honour ``oldest`` / ``latest`` (exclusive unless ``inclusive``) and ``limit``, and
paginate with an opaque ``cursor`` (``response_metadata.next_cursor``, ``has_more``).
Deviations: ``Retry-After`` is fractional when the configured window is shorter than a second (so tests stay
fast), and ``conversations.join`` / ``chat.update`` also accept channel names, not only ids.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import itertools
import json
import math
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DEFAULT_TOKEN = "xoxb-emulator-0000-token"
WEBHOOK_PATH = "/services/T0EMULATOR/B0EMULATOR/emulatorwebhooksecret"
BOT_USER = "U0EMULBOT"
BOT_ID = "B0EMULBOT"

# Slack's documented Block Kit limits.
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_MESSAGE_TEXT = 40_000
KNOWN_BLOCKS = {
    "section",
    "header",
    "context",
    "divider",
    "actions",
    "image",
    "rich_text",
    "input",
    "file",
    "video",
}

METHODS = (
    "chat.postMessage",
    "chat.update",
    "conversations.join",
    "conversations.list",
    "conversations.history",
    "conversations.replies",
    "auth.test",
)


@dataclass
class Channel:
    id: str
    name: str
    is_private: bool = False
    is_member: bool = True


@dataclass
class Message:
    """A message as it stands in a channel (``updates`` keeps every chat.update applied to it)."""

    channel: str  # the channel id
    channel_name: str
    ts: str
    text: str | None
    blocks: list[Any] | None
    thread_ts: str | None = None
    metadata: Any = None
    via: str = "chat.postMessage"  # or "webhook"
    updates: list[dict[str, Any]] = field(default_factory=list)
    reply_count: int = 0


@dataclass
class Request:
    """One request as received (the token is never stored)."""

    method: str  # the API method, or "webhook"
    params: dict[str, Any]
    status: int
    ok: bool
    error: str | None
    at: float

    @property
    def blocks(self) -> Any:
        return self.params.get("blocks")

    @property
    def thread_ts(self) -> str | None:
        value = self.params.get("thread_ts")
        return str(value) if value is not None else None

    @property
    def channel(self) -> str | None:
        value = self.params.get("channel")
        return str(value) if value is not None else None


@dataclass
class Fault:
    """A scripted misbehaviour for the next matching request.

    ``delay`` seconds pass before anything happens (a slow response); then, if ``status`` is set, the emulator
    answers with that status (500, 502, 503, ...) without processing the request, or if ``error`` is set with
    ``{"ok": false, "error": error}`` at HTTP 200. With neither, it processes the request normally after the
    delay.

    With ``processed``, the request is processed first (a message is posted) and then its answer goes wrong:
    after ``delay`` (longer than the client's timeout: the client gives up) the real answer, or the ``status``
    instead of it (a gateway error after Slack did the work). The client cannot tell it from a failed request.
    """

    method: str = "*"
    status: int | None = None
    error: str | None = None
    delay: float = 0.0
    retry_after: float | None = None  # with status=429
    processed: bool = False


class _SlackError(Exception):
    def __init__(self, error: str, status: int = 200, **extra: Any) -> None:
        self.error = error
        self.status = status
        self.extra = extra
        super().__init__(error)


class SlackEmulator:
    """A Slack Web API emulator on 127.0.0.1 (port 0 = a free port), run in a background thread.

    Args:
        token: the bot token accepted in ``Authorization: Bearer``; ``None`` accepts any ``xox...`` token.
        channels: channel names the workspace has (``#`` optional); names starting ``private-`` are private.
            ``None`` = any channel exists (created on first use, with the bot as a member).
        not_joined: names of public or private channels the bot is not a member of.
        rate_limit: ``(requests, per_seconds)``: more requests than that per method within the sliding window
            get HTTP 429 ``ratelimited`` with ``Retry-After``.
        webhook_channel: the channel the incoming webhook posts to.
    """

    def __init__(
        self,
        *,
        token: str | None = DEFAULT_TOKEN,
        channels: Iterable[str] | None = None,
        not_joined: Iterable[str] = (),
        rate_limit: tuple[int, float] | None = None,
        webhook_channel: str = "webhook-alerts",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token if token is not None else DEFAULT_TOKEN
        self._accept_any_token = token is None
        self.rate_limit = rate_limit
        self.webhook_channel = webhook_channel
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._last_ts_us = 0
        self._open_workspace = channels is None
        self._channels: dict[str, Channel] = {}  # by name
        not_joined_names = {_name(n) for n in not_joined}
        for name in list(channels or ()) + sorted(not_joined_names):
            self.add_channel(name, is_member=_name(name) not in not_joined_names)
        self._requests: list[Request] = []
        self._messages: list[Message] = []
        self._faults: list[Fault] = []
        self._windows: dict[str, deque[float]] = {}
        self._server = ThreadingHTTPServer((host, port), _make_handler(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- lifecycle

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The ``base_url`` to give slack-sdk (ends in ``/api/``)."""
        return f"{self.base}/api/"

    @property
    def webhook_url(self) -> str:
        return f"{self.base}{WEBHOOK_PATH}"

    def start(self) -> SlackEmulator:
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever, name="slack-emulator", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> SlackEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- configuration

    def add_channel(self, name: str, *, is_private: bool | None = None, is_member: bool = True) -> Channel:
        name = _name(name)
        with self._lock:
            if name not in self._channels:
                private = name.startswith("private-") if is_private is None else is_private
                prefix = "G" if private else "C"
                channel = Channel(id=f"{prefix}{next(self._ids):08d}", name=name, is_private=private)
                self._channels[name] = channel
            self._channels[name].is_member = is_member
            return self._channels[name]

    def channel(self, name_or_id: str) -> Channel | None:
        with self._lock:
            return self._lookup(name_or_id)

    def add_fault(
        self,
        method: str = "*",
        *,
        status: int | None = None,
        error: str | None = None,
        delay: float = 0.0,
        retry_after: float | None = None,
        processed: bool = False,
        times: int = 1,
    ) -> None:
        """Script the next ``times`` requests to ``method`` (``"*"`` = any, ``"webhook"`` = the webhook); see
        Fault for what each argument does."""
        with self._lock:
            for _ in range(times):
                fault = Fault(
                    method=method,
                    status=status,
                    error=error,
                    delay=delay,
                    retry_after=retry_after,
                    processed=processed,
                )
                self._faults.append(fault)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def reset(self) -> None:
        """Forget recorded requests, messages and faults (channels and settings stay)."""
        with self._lock:
            self._requests.clear()
            self._messages.clear()
            self._faults.clear()
            self._windows.clear()

    # -- records

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def calls(self, method: str) -> list[Request]:
        """Requests to ``method`` that succeeded."""
        return [r for r in self.requests if r.method == method and r.ok]

    def messages(self, channel: str | None = None, *, top_level: bool | None = None) -> list[Message]:
        """Posted messages, optionally of one channel (name or id), only top-level or only replies."""
        with self._lock:
            found = list(self._messages)
            wanted = self._lookup(channel) if channel is not None else None
        if channel is not None:
            if wanted is None:
                return []
            found = [m for m in found if m.channel == wanted.id]
        if top_level is True:
            found = [m for m in found if m.thread_ts is None]
        elif top_level is False:
            found = [m for m in found if m.thread_ts is not None]
        return found

    def replies(self, ts: str) -> list[Message]:
        return [m for m in self.messages() if m.thread_ts == ts]

    # -- request handling (called from server threads)

    def _lookup(self, name_or_id: str) -> Channel | None:
        key = str(name_or_id)
        for channel in self._channels.values():
            if channel.id == key:
                return channel
        return self._channels.get(_name(key))

    def _take_fault(self, method: str) -> Fault | None:
        with self._lock:
            for i, fault in enumerate(self._faults):
                if fault.method in ("*", method):
                    return self._faults.pop(i)
        return None

    def _rate_limited(self, method: str) -> float | None:
        """Seconds to wait if this request exceeds the rate limit, else None (and the request is counted)."""
        if self.rate_limit is None:
            return None
        limit, per = self.rate_limit
        now = time.monotonic()
        with self._lock:
            window = self._windows.setdefault(method, deque())
            while window and window[0] <= now - per:
                window.popleft()
            if len(window) >= limit:
                return max(window[0] + per - now, 0.001)
            window.append(now)
        return None

    def _record(self, method: str, params: dict[str, Any], status: int, error: str | None) -> None:
        with self._lock:
            self._requests.append(
                Request(method=method, params=params, status=status, ok=error is None, error=error, at=time.time())
            )

    def _next_ts(self) -> str:
        """Slack's ts: seconds.microseconds of the post, unique within a channel (here: strictly increasing)."""
        with self._lock:
            self._last_ts_us = max(int(time.time() * 1_000_000), self._last_ts_us + 1)
            us = self._last_ts_us
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    def _check_token(self, headers: Mapping[str, str], params: dict[str, Any]) -> None:
        auth = headers.get("Authorization", "")
        token = auth[len("Bearer ") :].strip() if auth.startswith("Bearer ") else str(params.pop("token", "") or "")
        if not token:
            raise _SlackError("not_authed")
        if self._accept_any_token:
            if not token.startswith("xox"):
                raise _SlackError("invalid_auth")
        elif token != self.token:
            raise _SlackError("invalid_auth")

    def _resolve_channel(self, value: Any) -> Channel:
        if not value:
            raise _SlackError("channel_not_found")
        with self._lock:
            channel = self._lookup(str(value))
            if channel is None and self._open_workspace and not str(value).startswith(("C", "G", "D")):
                channel = self.add_channel(str(value))
        if channel is None:
            raise _SlackError("channel_not_found")
        return channel

    def api(self, method: str, headers: Mapping[str, str], params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Handle one Web API call; returns (HTTP status, JSON body)."""
        if method not in METHODS:
            raise _SlackError("unknown_method", status=404)
        self._check_token(headers, params)
        if method == "auth.test":
            return 200, {
                "ok": True,
                "url": "https://emulator.slack.com/",
                "team": "Emulator",
                "user": "newsalert",
                "team_id": "T0EMULATOR",
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
            }
        if method == "conversations.list":
            return 200, self._list_channels(params)
        if method in ("conversations.history", "conversations.replies"):
            return 200, self._read(method, params)
        if method == "conversations.join":
            channel = self._resolve_channel(params.get("channel"))
            if channel.is_private:
                raise _SlackError("method_not_supported_for_channel_type")
            with self._lock:
                channel.is_member = True
            return 200, {"ok": True, "channel": {"id": channel.id, "name": channel.name, "is_member": True}}
        if method == "chat.postMessage":
            channel = self._resolve_channel(params.get("channel"))
            if not channel.is_member:
                raise _SlackError("not_in_channel")
            text, blocks = _check_content(params)
            thread_ts = params.get("thread_ts")
            with self._lock:
                if thread_ts is not None:
                    parent = self._find(channel.id, str(thread_ts))
                    if parent is None:
                        raise _SlackError("thread_not_found")
                    if parent.thread_ts is not None:  # replying to a reply goes to the same thread
                        thread_ts = parent.thread_ts
                        parent = self._find(channel.id, str(thread_ts))
                    assert parent is not None
                    parent.reply_count += 1
                message = Message(
                    channel=channel.id,
                    channel_name=channel.name,
                    ts=self._next_ts(),
                    text=text,
                    blocks=blocks,
                    thread_ts=str(thread_ts) if thread_ts is not None else None,
                    metadata=_metadata(params.get("metadata")),
                )
                self._messages.append(message)
            return 200, {
                "ok": True,
                "channel": channel.id,
                "ts": message.ts,
                "message": _message_json(message),
            }
        # chat.update
        channel = self._resolve_channel(params.get("channel"))
        ts = params.get("ts")
        if not ts:
            raise _SlackError("invalid_arguments")
        text, blocks = _check_content(params)
        with self._lock:
            message = self._find(channel.id, str(ts))
            if message is None:
                raise _SlackError("message_not_found")
            message.updates.append({"text": text, "blocks": blocks})
            if text is not None:
                message.text = text
            if blocks is not None:
                message.blocks = blocks
        return 200, {"ok": True, "channel": channel.id, "ts": message.ts, "text": text or ""}

    def _read(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """conversations.history / conversations.replies: a page of messages, metadata only when asked for."""
        value = str(params.get("channel") or "")
        with self._lock:
            channel = next((c for c in self._channels.values() if c.id == value), None)
        if channel is None:  # Slack wants the id here; a name is not found
            raise _SlackError("channel_not_found")
        if not channel.is_member:  # a bot reads only conversations it is in
            raise _SlackError("channel_not_found" if channel.is_private else "not_in_channel")
        oldest, latest = _ts_arg(params, "oldest", Decimal(0)), _ts_arg(params, "latest", Decimal("Infinity"))
        inclusive = _flag(params.get("inclusive"))
        default_limit, max_limit = (100, 999) if method == "conversations.history" else (1000, 1000)
        try:
            limit = max(1, min(int(params.get("limit") or default_limit), max_limit))
        except ValueError:
            raise _SlackError("invalid_limit") from None
        with self._lock:
            in_channel = [m for m in self._messages if m.channel == channel.id]
            if method == "conversations.history":
                top = (m for m in in_channel if m.thread_ts is None)
                found = sorted(top, key=lambda m: Decimal(m.ts), reverse=True)
            else:
                ts = str(params.get("ts") or "")
                anchor = next((m for m in in_channel if m.ts == ts), None)
                if anchor is None:
                    raise _SlackError("thread_not_found")
                root = anchor.thread_ts or anchor.ts
                found = sorted(
                    (m for m in in_channel if m.ts == root or m.thread_ts == root), key=lambda m: Decimal(m.ts)
                )

        def in_range(m: Message) -> bool:
            ts = Decimal(m.ts)
            return (oldest <= ts <= latest) if inclusive else (oldest < ts < latest)

        found = [m for m in found if in_range(m)]
        start = _cursor_offset(params.get("cursor"))
        page = found[start : start + limit]
        more = start + limit < len(found)
        metadata = _flag(params.get("include_all_metadata"))
        return {
            "ok": True,
            "messages": [_message_json(m, metadata=metadata) for m in page],
            "has_more": more,
            "response_metadata": {"next_cursor": _cursor(start + limit) if more else ""},
        }

    def _list_channels(self, params: dict[str, Any]) -> dict[str, Any]:
        """Public channels (private ones only when asked for and the bot is a member), paginated by cursor."""
        types = str(params.get("types") or "public_channel").split(",")
        limit = max(1, min(int(params.get("limit") or 100), 1000))
        start = int(params.get("cursor") or 0)
        with self._lock:
            visible = [
                c
                for c in self._channels.values()
                if (not c.is_private and "public_channel" in types)
                or (c.is_private and c.is_member and "private_channel" in types)
            ]
        page = visible[start : start + limit]
        cursor = str(start + limit) if start + limit < len(visible) else ""
        return {
            "ok": True,
            "channels": [
                {"id": c.id, "name": c.name, "is_private": c.is_private, "is_member": c.is_member} for c in page
            ],
            "response_metadata": {"next_cursor": cursor},
        }

    def webhook(self, path: str, params: dict[str, Any]) -> tuple[int, str]:
        """Handle an incoming-webhook post; Slack answers in plain text."""
        if path != WEBHOOK_PATH:
            raise _SlackError("no_service", status=404)
        text, blocks = _check_content(params, webhook=True)
        channel = self.add_channel(self.webhook_channel)
        with self._lock:
            self._messages.append(
                Message(
                    channel=channel.id,
                    channel_name=channel.name,
                    ts=self._next_ts(),
                    text=text,
                    blocks=blocks,
                    via="webhook",
                )
            )
        return 200, "ok"

    def _find(self, channel_id: str, ts: str) -> Message | None:
        for message in self._messages:
            if message.channel == channel_id and message.ts == ts:
                return message
        return None

    def dump(self) -> dict[str, Any]:
        return {
            "messages": [asdict(m) for m in self.messages()],
            "requests": [asdict(r) for r in self.requests],
        }


def _name(name: str) -> str:
    return str(name).lstrip("#")


def _message_json(message: Message, *, metadata: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": message.ts}
    data["text"] = message.text or ""
    if message.blocks is not None:
        data["blocks"] = message.blocks
    if message.thread_ts is not None:
        data["thread_ts"] = message.thread_ts
    elif message.reply_count:
        data.update(thread_ts=message.ts, reply_count=message.reply_count)
    if metadata and message.metadata is not None:
        data["metadata"] = message.metadata
    return data


def _metadata(value: Any) -> Any:
    """chat.postMessage's ``metadata``: an object, or its JSON text in a form-encoded request."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise _SlackError("invalid_metadata_format") from None
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("event_type"), str):
        raise _SlackError("invalid_metadata_schema")
    if not isinstance(value.get("event_payload", {}), dict):
        raise _SlackError("invalid_metadata_schema")
    return value


def _flag(value: Any) -> bool:
    return str(value).lower() in ("1", "true") if value is not None else False


def _ts_arg(params: dict[str, Any], name: str, default: Decimal) -> Decimal:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise _SlackError("invalid_ts_" + name) from None


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _cursor_offset(value: Any) -> int:
    if not value:
        return 0
    try:
        kind, _, offset = base64.b64decode(str(value), validate=True).decode().partition(":")
        if kind == "offset" and offset.isdigit():
            return int(offset)
    except (binascii.Error, UnicodeDecodeError):
        pass
    raise _SlackError("invalid_cursor")


def _check_content(params: dict[str, Any], *, webhook: bool = False) -> tuple[str | None, list[Any] | None]:
    """Validate ``text`` and ``blocks`` the way Slack does; raise _SlackError on what Slack rejects."""
    blocks = params.get("blocks")
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except json.JSONDecodeError:
            raise _SlackError("invalid_blocks_format", status=400 if webhook else 200) from None
    text = params.get("text")
    if text is not None and not isinstance(text, str):
        text = str(text)
    if not text and not blocks and not params.get("attachments"):
        raise _SlackError("no_text", status=400 if webhook else 200)
    if text is not None and len(text) > MAX_MESSAGE_TEXT:
        raise _SlackError("msg_too_long", status=400 if webhook else 200)
    if blocks is not None:
        problems = _block_problems(blocks)
        if problems:
            raise _SlackError(
                "invalid_blocks", status=400 if webhook else 200, response_metadata={"messages": problems}
            )
    return text, blocks


def _block_problems(blocks: Any) -> list[str]:
    if not isinstance(blocks, list):
        return ["[ERROR] blocks must be an array"]
    problems: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"[ERROR] no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]")
    for i, block in enumerate(blocks):
        where = f"[json-pointer:/blocks/{i}]"
        if not isinstance(block, dict) or block.get("type") not in KNOWN_BLOCKS:
            problems.append(f"[ERROR] unknown or missing block type {where}")
            continue
        kind = block["type"]
        if kind == "header":
            text = block.get("text")
            if not _is_text(text, plain_only=True):
                problems.append(f"[ERROR] header text must be a plain_text object {where}/text")
            elif len(text["text"]) > MAX_HEADER_TEXT:
                problems.append(f"[ERROR] must be less than {MAX_HEADER_TEXT + 1} characters {where}/text")
        elif kind == "section":
            text, fields = block.get("text"), block.get("fields")
            if text is None and fields is None:
                problems.append(f"[ERROR] section needs text or fields {where}")
            if text is not None:
                if not _is_text(text):
                    problems.append(f"[ERROR] invalid text object {where}/text")
                elif len(text["text"]) > MAX_SECTION_TEXT:
                    problems.append(f"[ERROR] must be less than {MAX_SECTION_TEXT + 1} characters {where}/text")
            if fields is not None:
                if not isinstance(fields, list) or len(fields) > MAX_FIELDS:
                    problems.append(f"[ERROR] no more than {MAX_FIELDS} items allowed {where}/fields")
                else:
                    for j, f in enumerate(fields):
                        if not _is_text(f) or len(f["text"]) > MAX_FIELD_TEXT:
                            problems.append(f"[ERROR] invalid field {where}/fields/{j}")
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not elements or len(elements) > MAX_CONTEXT_ELEMENTS:
                problems.append(f"[ERROR] context needs 1 to {MAX_CONTEXT_ELEMENTS} elements {where}/elements")
            else:
                for j, element in enumerate(elements):
                    if element.get("type") in ("mrkdwn", "plain_text") and not _is_text(element):
                        problems.append(f"[ERROR] invalid text element {where}/elements/{j}")
    return problems


def _is_text(obj: Any, *, plain_only: bool = False) -> bool:
    kinds = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    return (
        isinstance(obj, dict) and obj.get("type") in kinds and isinstance(obj.get("text"), str) and len(obj["text"]) > 0
    )


def _parse_body(headers: Mapping[str, str], query: str, raw: bytes) -> dict[str, Any]:
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not raw:
        return params
    if content_type == "application/json":
        body = json.loads(raw)
        if not isinstance(body, dict):
            raise _SlackError("invalid_json")
        params.update(body)
    else:
        params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    return params


def _make_handler(emulator: SlackEmulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read the records instead
            pass

        def _send(self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] = {}) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): Slack would not notice either

        def _send_json(self, status: int, data: Any, headers: Mapping[str, str] = {}) -> None:
            self._send(status, json.dumps(data).encode(), "application/json; charset=utf-8", headers)

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            if parts.path == "/_emulator/messages":
                self._send_json(200, emulator.dump()["messages"])
            elif parts.path == "/_emulator/requests":
                self._send_json(200, emulator.dump()["requests"])
            elif parts.path.startswith("/api/"):
                self._handle(parts.path, parts.query, b"")
            else:
                self._send_json(404, {"ok": False, "error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if parts.path == "/_emulator/reset":
                emulator.reset()
                self._send_json(200, {"ok": True})
                return
            self._handle(parts.path, parts.query, raw)

        def _handle(self, path: str, query: str, raw: bytes) -> None:
            is_webhook = not path.startswith("/api/")
            method = "webhook" if is_webhook else path[len("/api/") :]
            headers = {k: v for k, v in self.headers.items()}
            try:
                params = _parse_body(headers, query, raw)
            except (ValueError, _SlackError):
                params = {}
                self._finish(method, params, 400 if is_webhook else 200, "invalid_json", is_webhook)
                return
            fault = emulator._take_fault(method)
            if fault is not None and fault.processed:
                self._process(method, path, headers, params, is_webhook, fault)
                return
            if fault is not None:
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.status is not None:
                    extra = {}
                    if fault.status == 429:
                        extra["Retry-After"] = _retry_after_header(fault.retry_after or 1.0)
                    error = "ratelimited" if fault.status == 429 else "internal_error"
                    self._finish(method, params, fault.status, error, is_webhook, extra)
                    return
                if fault.error is not None:
                    self._finish(method, params, 400 if is_webhook else 200, fault.error, is_webhook)
                    return
            wait = emulator._rate_limited(method)
            if wait is not None:
                header = _retry_after_header(wait)
                self._finish(method, params, 429, "ratelimited", is_webhook, {"Retry-After": header})
                return
            self._process(method, path, headers, params, is_webhook)

        def _process(
            self,
            method: str,
            path: str,
            headers: Mapping[str, str],
            params: dict[str, Any],
            is_webhook: bool,
            lost: Fault | None = None,
        ) -> None:
            stored = {k: v for k, v in params.items() if k != "token"}
            try:
                if is_webhook:
                    status, text = emulator.webhook(path, dict(params))
                    emulator._record(method, stored, status, None)
                    answer = (text.encode(), "text/plain; charset=utf-8")
                else:
                    status, body = emulator.api(method, headers, dict(params))
                    emulator._record(method, stored, status, None)
                    answer = (json.dumps(body).encode(), "application/json; charset=utf-8")
            except _SlackError as exc:
                self._finish(method, stored, exc.status, exc.error, is_webhook, extra_body=exc.extra)
                return
            if lost is not None:
                time.sleep(lost.delay)
                if lost.status is not None:  # the work is done, the answer is an error page
                    self._send(lost.status, b"<html><body>Bad Gateway</body></html>", "text/html")
                    return
            self._send(status, *answer)

        def _finish(
            self,
            method: str,
            params: dict[str, Any],
            status: int,
            error: str,
            is_webhook: bool,
            headers: Mapping[str, str] = {},
            extra_body: Mapping[str, Any] = {},
        ) -> None:
            emulator._record(method, {k: v for k, v in params.items() if k != "token"}, status, error)
            if is_webhook:
                self._send(status, error.encode(), "text/plain; charset=utf-8", headers)
            elif status >= 500:
                self._send(status, b"<html><body>Internal Server Error</body></html>", "text/html", headers)
            else:
                self._send_json(status, {"ok": False, "error": error, **extra_body}, headers)

    return Handler


def _retry_after_header(seconds: float) -> str:
    """Slack sends whole seconds; sub-second windows (tests) get a fractional value so tests stay fast."""
    if seconds >= 1.0:
        return str(math.ceil(seconds))
    return f"{seconds:.3f}"


def _iter_channels(value: str | None) -> Iterator[str]:
    for part in (value or "").split(","):
        if part.strip():
            yield part.strip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the Slack Web API emulator in the foreground.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = a free port)")
    parser.add_argument("--token", default=None, help="the only accepted bot token (default: any xox... token)")
    parser.add_argument("--channels", default=None, help="comma-separated channel names (default: any channel)")
    parser.add_argument("--rate-limit", default=None, help="N/SECONDS per method, e.g. 1/1 or 20/0.2")
    args = parser.parse_args(argv)
    rate = None
    if args.rate_limit:
        count, _, per = args.rate_limit.partition("/")
        rate = (int(count), float(per or 1))
    channels = list(_iter_channels(args.channels)) if args.channels is not None else None
    emulator = SlackEmulator(token=args.token, channels=channels, rate_limit=rate, port=args.port)
    print(f"listening on {emulator.url} webhook {emulator.webhook_url}", flush=True)
    try:
        emulator._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        emulator._server.server_close()


if __name__ == "__main__":
    main()
