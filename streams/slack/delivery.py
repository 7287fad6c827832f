"""Deliver alerts to Slack exactly once in effect: idempotent per alert, stories as threads, retries forever.

The notifier consumes the ``alerts`` topic at least once (a replay or a restart re-reads some alerts); the
``state`` mapping (a Faust table in the worker, a dict in tests) remembers what was delivered, so a re-read alert
is recognised and not posted again. Its keys, all with JSON-able values:

    d:<alert id>                  the alert is done: {"status", "channels": {channel: ts or "held"}}
    a:<id>:<channel>:<kind>       a post is being attempted: {"at", "channel_id", "thread_ts"} (see below)
    p:<alert id>:<channel>        progress inside one alert: {"ts", "updated"} (several channels, thread + update)
    s:<story key>:<channel>       a story's parent message: {"channel_id", "ts", "outlets", "text", "blocks"}
    h:<channel>:<alert id>        an alert held by quiet hours: {"line", "until"} (see digest.py)
    g:<channel>:<until>           a digest already posted: its ts
    c:<channel name>              the channel's id (for conversations.join and lookups)

Each step is written to ``state`` as soon as Slack confirms it, so a restart resumes after the last confirmed
step. That leaves the post itself: Slack's Web API has no idempotency key, and a worker may die after Slack
accepted a post and before its ts reached the state (the Faust table's changelog is written asynchronously), or
a timeout may hide whether Slack accepted it. So every post is made at most once in effect:

1. before posting, an ``a:`` marker is written and made durable with the caller's ``checkpoint`` (in the worker,
   acknowledged by Kafka: streams/agents/notify.py);
2. every post carries message metadata ``{"event_type": "newsalert_alert", "event_payload": {"alert_id", "kind"}}``;
3. finding a marker without progress (after a crash), or retrying a post whose outcome is unknown (timeout, 5xx,
   connection error; not a 429), the sink first looks the message up (conversations.history for top-level posts,
   conversations.replies for thread replies, from the marker's time minus a margin) and adopts its ts.

Normal delivery costs one checkpoint per post and no extra API call; lookups happen only after a crash or an
ambiguous failure, and are retried like posts. Limits: a lookup needs the channel id (known after the first
post to a channel, else conversations.list, which sees private channels only with ``groups:read``) and the
``channels:history`` / ``groups:history`` scopes; when a lookup is impossible the sink logs a warning and posts
(an alert is never skipped for fear of a duplicate). A post Slack is still processing when the lookup runs (it
follows the client's timeout) is not seen. The webhook sink cannot read history: it keeps the window.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from slack_sdk.web.async_client import AsyncWebClient

from streams import metrics
from streams.errors import PermanentDeliveryError, RetryableDeliveryError
from streams.models import Alert
from streams.slack import digest
from streams.slack.api import SlackApi, SlackError
from streams.slack.blocks import SlackMessage, alert_message, reply_message, with_outlets
from streams.slack.retry import RetryPolicy, with_retries
from streams.slack.routing import Route, Subscriptions, routes

logger = logging.getLogger(__name__)

State = MutableMapping[str, Any]
Clock = Callable[[], datetime]
Checkpoint = Callable[[str], Awaitable[None]]
"""``await checkpoint(key)`` returns once ``state[key]`` survives a crash of this process."""

EVENT_TYPE = "newsalert_alert"  # the metadata event_type of every message the sink posts
# Slack stamps ts with its own clock and the marker holds ours: look this far before the marker for the post
# (generous for NTP-synchronised hosts; every message since then is paged through, so not more).
LOOKUP_MARGIN = 60.0
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
# The parent of a thread is gone (deleted, or in a channel we lost): post the update as a new story.
_PARENT_GONE = frozenset({"thread_not_found", "message_not_found", "cant_update_message", "edit_window_closed"})


@dataclass(frozen=True)
class Delivery:
    """What happened to one alert: ``posted``, ``threaded``, ``held``, ``printed`` or ``duplicate``."""

    alert_id: str
    status: str
    channels: dict[str, str] = field(default_factory=dict)


class AlertSink(Protocol):
    async def deliver(self, alert: Alert, state: State, *, checkpoint: Checkpoint | None = None) -> Delivery:
        """Deliver ``alert`` once; raise PermanentDeliveryError when it cannot be delivered at all.

        ``checkpoint(key)`` makes ``state[key]`` durable; a sink calls it before an effect it could not otherwise
        recognise after a crash (without one, ``state`` is taken to be durable as written)."""
        ...

    async def flush(self, state: State, *, checkpoint: Checkpoint | None = None) -> list[Delivery]:
        """Post the digests whose quiet hours are over."""
        ...

    async def close(self) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class SlackSink:
    """Posts alerts with a bot token (chat.postMessage, threads, chat.update)."""

    name = "slack"

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        subscriptions: Subscriptions | None = None,
        default_channel: str = "#alerts",
        policy: RetryPolicy | None = None,
        clock: Clock = utc_now,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.api = SlackApi(client)
        self.subscriptions = subscriptions or Subscriptions()
        self.default_channel = default_channel
        self.policy = policy or RetryPolicy()
        self.clock = clock  # for quiet hours
        self.wall = wall  # compared with Slack's ts: the real clock, whatever ``clock`` says
        self._sleep = sleep
        self._digests = digest.Digests()

    async def close(self) -> None:
        session = getattr(self.api.client, "session", None)
        if session is not None and not session.closed:
            await session.close()

    async def deliver(self, alert: Alert, state: State, *, checkpoint: Checkpoint | None = None) -> Delivery:
        try:
            return await self._deliver(alert, state, checkpoint or _no_checkpoint)
        except PermanentDeliveryError as exc:
            metrics.ALERTS_DEADLETTERED.labels(reason=exc.reason.split(" ", 1)[0]).inc()
            raise

    async def _deliver(self, alert: Alert, state: State, checkpoint: Checkpoint) -> Delivery:
        await self.flush(state, checkpoint=checkpoint)
        done = state.get(f"d:{alert.alert_id}")
        if done is not None:
            logger.info("Alert %s already delivered; not posting it again", alert.alert_id)
            return Delivery(alert.alert_id, "duplicate", dict(done.get("channels", {})))
        now = self.clock()
        channels: dict[str, str] = {}
        statuses: set[str] = set()
        for target in routes(alert, self.subscriptions, default_channel=self.default_channel):
            status, ts = await self._deliver_to(alert, target, state, now, checkpoint)
            channels[target.channel] = ts
            statuses.add(status)
        status = "held" if statuses == {"held"} else ("threaded" if statuses <= {"threaded", "held"} else "posted")
        state[f"d:{alert.alert_id}"] = {"status": status, "channels": channels}
        for channel in channels:
            state.pop(f"p:{alert.alert_id}:{channel}", None)
            for kind in ("alert", "reply"):
                state.pop(_attempt_key(alert.alert_id, channel, kind), None)
        if status != "held":
            metrics.ALERTS_POSTED.labels(sink=self.name).inc()
        return Delivery(alert.alert_id, status, channels)

    async def flush(self, state: State, *, checkpoint: Checkpoint | None = None) -> list[Delivery]:
        deliveries = []
        for channel, until, lines, keys in self._digests.due(state, self.clock()):
            done_key = f"g:{channel}:{until}"
            if done_key not in state:
                message = digest.message(lines, until=until)
                ident = f"digest:{until}"
                post = _Post(ident, "digest", channel, message)
                response = await self._post_once(post, state, checkpoint or _no_checkpoint)
                state[done_key] = response["ts"]
                state.pop(_attempt_key(ident, channel, "digest"), None)
                deliveries.append(Delivery(f"digest:{channel}:{until}", "posted", {channel: response["ts"]}))
            for key in keys:
                state.pop(key, None)
        return deliveries

    # -- one channel ---------------------------------------------------------------------------------------

    async def _deliver_to(
        self, alert: Alert, target: Route, state: State, now: datetime, checkpoint: Checkpoint
    ) -> tuple[str, str]:
        channel = target.channel
        progress_key = f"p:{alert.alert_id}:{channel}"
        progress = state.get(progress_key)
        if target.held_at(now) and progress is None:
            self._digests.hold(state, channel, alert, target, now)
            return "held", "held"
        story_key = f"s:{alert.story_key}:{channel}"
        story = state.get(story_key)
        if alert.kind == "update" and story is not None:
            if progress is None:
                try:
                    reply = _Post(
                        alert.alert_id,
                        "reply",
                        channel,
                        reply_message(alert),
                        channel_id=story["channel_id"],
                        thread_ts=story["ts"],
                    )
                    response = await self._post_once(reply, state, checkpoint)
                except SlackError as exc:
                    if exc.error not in _PARENT_GONE:
                        raise _permanent(exc, channel) from None
                    logger.warning("Story %s lost its parent message in %s; posting anew", alert.story_key, channel)
                    return "posted", await self._new_story(alert, channel, story_key, progress_key, state, checkpoint)
                progress = {"ts": response["ts"], "updated": False}
                state[progress_key] = progress
            if not progress.get("updated"):
                await self._update_parent(alert, story, story_key, state)
                state[progress_key] = {**progress, "updated": True}
            return "threaded", str(progress["ts"])
        if progress is not None:  # posted before a restart
            return "posted", str(progress["ts"])
        return "posted", await self._new_story(alert, channel, story_key, progress_key, state, checkpoint)

    async def _new_story(
        self, alert: Alert, channel: str, story_key: str, progress_key: str, state: State, checkpoint: Checkpoint
    ) -> str:
        outlets = max(alert.outlets, 1) if alert.kind == "update" else 1
        message = alert_message(alert, outlets=outlets)
        response = await self._post_once(_Post(alert.alert_id, "alert", channel, message), state, checkpoint)
        state[progress_key] = {"ts": response["ts"], "updated": True}
        state[f"c:{channel.lstrip('#')}"] = response["channel"]
        base = alert_message(alert)  # kept without the count: updates add the current count to it
        state[story_key] = {
            "channel_id": response["channel"],
            "ts": response["ts"],
            "outlets": outlets,
            "text": base.text,
            "blocks": base.blocks,
        }
        return str(response["ts"])

    async def _update_parent(self, alert: Alert, story: dict[str, Any], story_key: str, state: State) -> None:
        outlets = max(int(story.get("outlets", 1)) + 1, alert.outlets)
        message = with_outlets(SlackMessage(text=story["text"], blocks=list(story["blocks"])), outlets)
        try:
            await with_retries(
                lambda: self.api.update(
                    channel=story["channel_id"], ts=story["ts"], text=message.text, blocks=message.blocks
                ),
                policy=self.policy,
                what="chat.update",
                **self._sleep_arg(),
            )
        except SlackError as exc:
            # The reply is out; a parent we may no longer edit only loses its count.
            logger.warning("Could not update the parent of story %s: %s", alert.story_key, exc.error)
        state[story_key] = {**story, "outlets": outlets}

    async def _post_once(self, post: _Post, state: State, checkpoint: Checkpoint) -> dict[str, Any]:
        """``post`` at most once in effect: adopt the message a previous attempt posted, else mark and post.

        Returns chat.postMessage's answer, or ``{"ts", "channel"}`` of the adopted message."""
        key = _attempt_key(post.ident, post.channel, post.kind)
        previous = state.get(key)
        if previous is not None:  # an attempt that may have posted: look where it posted
            found = await with_retries(
                lambda: self._find_posted(post, previous, state),
                policy=self.policy,
                what="message lookup",
                **self._sleep_arg(),
            )
            if found is not None:
                logger.info(
                    "%s %s was posted before a restart (ts %s); not posting it again",
                    post.kind,
                    post.ident,
                    found["ts"],
                )
                return found
        channel_id = post.channel_id or _known_channel_id(post.channel, state)
        marker = {"at": self.wall(), "channel_id": channel_id, "thread_ts": post.thread_ts}
        state[key] = marker
        await checkpoint(key)  # from here on, a restart knows this post may have been made
        return await self._post(post, marker, state)

    async def _post(self, post: _Post, marker: dict[str, Any], state: State) -> dict[str, Any]:
        """chat.postMessage with retries; joins a public channel once on ``not_in_channel``. A retry after a
        failure that may hide a successful post (timeout, 5xx) looks the message up first."""
        channel, thread_ts = post.channel_id or post.channel, post.thread_ts
        args: dict[str, Any] = {"channel": channel, "text": post.message.text, "blocks": post.message.blocks}
        if thread_ts is not None:
            args["thread_ts"] = thread_ts
        # Links and images in untrusted text must not unfurl into previews of someone else's choosing.
        args.update(unfurl_links=False, unfurl_media=False)
        args["metadata"] = {"event_type": EVENT_TYPE, "event_payload": {"alert_id": post.ident, "kind": post.kind}}
        uncertain = False

        async def attempt() -> dict[str, Any]:
            nonlocal uncertain
            if uncertain:
                found = await self._find_posted(post, marker, state)
                if found is not None:
                    logger.info(
                        "%s %s was posted by an attempt that failed to answer (ts %s)",
                        post.kind,
                        post.ident,
                        found["ts"],
                    )
                    return found
            try:
                return await self.api.post(**args)
            except RetryableDeliveryError as exc:
                # A 429 was refused before anything happened; other failures may follow a post Slack made.
                uncertain = uncertain or exc.retry_after is None
                raise

        joined = False
        while True:
            try:
                return await with_retries(attempt, policy=self.policy, what="chat.postMessage", **self._sleep_arg())
            except SlackError as exc:
                if exc.error == "not_in_channel" and not joined:
                    joined = True
                    await self._join(post.channel, state)
                    continue
                if exc.error in _PARENT_GONE and thread_ts is not None:
                    raise
                raise _permanent(exc, post.channel) from None

    async def _find_posted(self, post: _Post, marker: dict[str, Any], state: State) -> dict[str, Any] | None:
        """The message ``post`` left in Slack after the marker's time, or None. Transient failures raise
        RetryableDeliveryError; when Slack will not let us look, say so and answer None (post: never skip)."""
        channel_id = marker.get("channel_id") or post.channel_id
        try:
            if not channel_id:
                channel_id = await self._channel_id(post.channel, state, types="public_channel,private_channel")
                if not _CHANNEL_ID.match(channel_id):
                    raise SlackError("conversations.list", "channel_not_found")
            oldest = f"{float(marker['at']) - LOOKUP_MARGIN:.6f}"
            thread_ts = marker.get("thread_ts")
            cursor: str | None = None
            while True:
                if thread_ts:
                    page = await self.api.replies(channel_id, thread_ts, oldest=oldest, cursor=cursor)
                else:
                    page = await self.api.history(channel_id, oldest=oldest, cursor=cursor)
                for message in page.get("messages") or []:
                    if _posted_by(message, post) and (not thread_ts or message.get("ts") != thread_ts):
                        return {"ts": str(message["ts"]), "channel": channel_id}
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    return None
        except SlackError as exc:
            if exc.error in _PARENT_GONE:  # nothing can have been posted in a thread that is gone
                return None
            logger.warning(
                "Cannot tell whether %s %s was already posted to %s (%s: %s); posting it, a duplicate is possible",
                post.kind,
                post.ident,
                post.channel,
                exc.method,
                exc.error,
            )
            return None

    async def _join(self, channel: str, state: State) -> None:
        channel_id = await self._channel_id(channel, state)
        try:
            await with_retries(
                lambda: self.api.join(channel_id),
                policy=self.policy,
                what="conversations.join",
                **self._sleep_arg(),
            )
        except SlackError as exc:
            reason = "not_in_channel"
            if exc.error == "method_not_supported_for_channel_type":
                reason += " (a private channel: invite the bot with /invite)"
            else:
                reason += f" (conversations.join failed: {exc.error})"
            raise PermanentDeliveryError(f"{reason}; channel {channel}") from None
        logger.info("Joined channel %s to post alerts", channel)

    async def _channel_id(self, channel: str, state: State, *, types: str = "public_channel") -> str:
        """conversations.join and .history want an id; names are looked up once with conversations.list."""
        known = _known_channel_id(channel, state)
        if known:
            return known
        name = channel.lstrip("#")
        cursor: str | None = None
        while True:
            page = await with_retries(
                functools.partial(self.api.list_channels, cursor, types=types),
                policy=self.policy,
                what="conversations.list",
                **self._sleep_arg(),
            )
            for found in page.get("channels", []):
                if found.get("name") == name:
                    state[f"c:{name}"] = found["id"]
                    return str(found["id"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                # Not visible to the bot: a private channel or none at all. Let Slack say which.
                return name

    def _sleep_arg(self) -> dict[str, Any]:
        return {"sleep": self._sleep} if self._sleep is not None else {}


@dataclass(frozen=True)
class _Post:
    """One message to post: ``ident`` (alert id or digest id) and ``kind`` name it in the message's metadata."""

    ident: str
    kind: str  # "alert" (top level), "reply" (in a story's thread) or "digest"
    channel: str  # as routed: a name or an id
    message: SlackMessage
    channel_id: str | None = None
    thread_ts: str | None = None


def _attempt_key(ident: str, channel: str, kind: str) -> str:
    return f"a:{ident}:{channel}:{kind}"


def _known_channel_id(channel: str, state: State) -> str | None:
    if _CHANNEL_ID.match(channel):
        return channel
    known = state.get(f"c:{channel.lstrip('#')}")
    return str(known) if known else None


def _posted_by(message: dict[str, Any], post: _Post) -> bool:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return bool(
        metadata.get("event_type") == EVENT_TYPE
        and payload.get("alert_id") == post.ident
        and payload.get("kind") == post.kind
    )


async def _no_checkpoint(key: str) -> None:
    """The state is durable as written (a dict in tests; the console and webhook sinks need nothing more)."""


def _permanent(exc: SlackError, channel: str) -> PermanentDeliveryError:
    reason = f"{exc.error} (channel {channel}, {exc.method})"
    if exc.detail:
        reason += f": {exc.detail}"
    return PermanentDeliveryError(reason)
