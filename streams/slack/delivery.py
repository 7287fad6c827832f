"""Deliver alerts to Slack exactly once in effect: idempotent per alert, stories as threads, retries forever.

The notifier consumes the ``alerts`` topic at least once (a replay or a restart re-reads some alerts); the
``state`` mapping (a Faust table in the worker, a dict in tests) remembers what was delivered, so a re-read alert
is recognised and not posted again. Its keys, all with JSON-able values:

    d:<alert id>                  the alert is done: {"status", "channels": {channel: ts or "held"}}
    p:<alert id>:<channel>        progress inside one alert: {"ts", "updated"} (several channels, thread + update)
    s:<story key>:<channel>       a story's parent message: {"channel_id", "ts", "outlets", "text", "blocks"}
    h:<channel>:<alert id>        an alert held by quiet hours: {"line", "until"} (see digest.py)
    g:<channel>:<until>           a digest already posted: its ts
    c:<channel name>              the channel's id (for conversations.join)

Each step is written to ``state`` as soon as Slack confirms it, so a restart resumes after the last confirmed
step. One window remains: a crash after Slack accepted a post and before its ts reached the state (Slack's Web
API has no idempotency key) could repeat that one post.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from slack_sdk.web.async_client import AsyncWebClient

from streams import metrics
from streams.errors import PermanentDeliveryError
from streams.models import Alert
from streams.slack import digest
from streams.slack.api import SlackApi, SlackError
from streams.slack.blocks import SlackMessage, alert_message, reply_message, with_outlets
from streams.slack.retry import RetryPolicy, with_retries
from streams.slack.routing import Route, Subscriptions, routes

logger = logging.getLogger(__name__)

State = MutableMapping[str, Any]
Clock = Callable[[], datetime]
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
    async def deliver(self, alert: Alert, state: State) -> Delivery:
        """Deliver ``alert`` once; raise PermanentDeliveryError when it cannot be delivered at all."""
        ...

    async def flush(self, state: State) -> list[Delivery]:
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
    ) -> None:
        self.api = SlackApi(client)
        self.subscriptions = subscriptions or Subscriptions()
        self.default_channel = default_channel
        self.policy = policy or RetryPolicy()
        self.clock = clock
        self._sleep = sleep
        self._digests = digest.Digests()

    async def close(self) -> None:
        session = getattr(self.api.client, "session", None)
        if session is not None and not session.closed:
            await session.close()

    async def deliver(self, alert: Alert, state: State) -> Delivery:
        try:
            return await self._deliver(alert, state)
        except PermanentDeliveryError as exc:
            metrics.ALERTS_DEADLETTERED.labels(reason=exc.reason.split(" ", 1)[0]).inc()
            raise

    async def _deliver(self, alert: Alert, state: State) -> Delivery:
        await self.flush(state)
        done = state.get(f"d:{alert.alert_id}")
        if done is not None:
            logger.info("Alert %s already delivered; not posting it again", alert.alert_id)
            return Delivery(alert.alert_id, "duplicate", dict(done.get("channels", {})))
        now = self.clock()
        channels: dict[str, str] = {}
        statuses: set[str] = set()
        for target in routes(alert, self.subscriptions, default_channel=self.default_channel):
            status, ts = await self._deliver_to(alert, target, state, now)
            channels[target.channel] = ts
            statuses.add(status)
        status = "held" if statuses == {"held"} else ("threaded" if statuses <= {"threaded", "held"} else "posted")
        state[f"d:{alert.alert_id}"] = {"status": status, "channels": channels}
        for channel in channels:
            state.pop(f"p:{alert.alert_id}:{channel}", None)
        if status != "held":
            metrics.ALERTS_POSTED.labels(sink=self.name).inc()
        return Delivery(alert.alert_id, status, channels)

    async def flush(self, state: State) -> list[Delivery]:
        deliveries = []
        for channel, until, lines, keys in self._digests.due(state, self.clock()):
            done_key = f"g:{channel}:{until}"
            if done_key not in state:
                message = digest.message(lines, until=until)
                response = await self._post(channel, message, state)
                state[done_key] = response["ts"]
                deliveries.append(Delivery(f"digest:{channel}:{until}", "posted", {channel: response["ts"]}))
            for key in keys:
                state.pop(key, None)
        return deliveries

    # -- one channel ---------------------------------------------------------------------------------------

    async def _deliver_to(self, alert: Alert, target: Route, state: State, now: datetime) -> tuple[str, str]:
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
                    reply = reply_message(alert)
                    response = await self._post(story["channel_id"], reply, state, thread_ts=story["ts"])
                except SlackError as exc:
                    if exc.error not in _PARENT_GONE:
                        raise _permanent(exc, channel) from None
                    logger.warning("Story %s lost its parent message in %s; posting anew", alert.story_key, channel)
                    return "posted", await self._new_story(alert, channel, story_key, progress_key, state)
                progress = {"ts": response["ts"], "updated": False}
                state[progress_key] = progress
            if not progress.get("updated"):
                await self._update_parent(alert, story, story_key, state)
                state[progress_key] = {**progress, "updated": True}
            return "threaded", str(progress["ts"])
        if progress is not None:  # posted before a restart
            return "posted", str(progress["ts"])
        return "posted", await self._new_story(alert, channel, story_key, progress_key, state)

    async def _new_story(self, alert: Alert, channel: str, story_key: str, progress_key: str, state: State) -> str:
        outlets = max(alert.outlets, 1) if alert.kind == "update" else 1
        message = alert_message(alert, outlets=outlets)
        response = await self._post(channel, message, state)
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

    async def _post(
        self, channel: str, message: SlackMessage, state: State, *, thread_ts: str | None = None
    ) -> dict[str, Any]:
        """chat.postMessage with retries; joins a public channel once on ``not_in_channel``."""
        args: dict[str, Any] = {"channel": channel, "text": message.text, "blocks": message.blocks}
        if thread_ts is not None:
            args["thread_ts"] = thread_ts
        # Links and images in untrusted text must not unfurl into previews of someone else's choosing.
        args.update(unfurl_links=False, unfurl_media=False)
        joined = False
        while True:
            try:
                return await with_retries(
                    lambda: self.api.post(**args),
                    policy=self.policy,
                    what="chat.postMessage",
                    **self._sleep_arg(),
                )
            except SlackError as exc:
                if exc.error == "not_in_channel" and not joined:
                    joined = True
                    await self._join(channel, state)
                    continue
                if exc.error in _PARENT_GONE and thread_ts is not None:
                    raise
                raise _permanent(exc, channel) from None

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

    async def _channel_id(self, channel: str, state: State) -> str:
        """conversations.join wants an id; names are looked up once with conversations.list."""
        if _CHANNEL_ID.match(channel):
            return channel
        name = channel.lstrip("#")
        known = state.get(f"c:{name}")
        if known:
            return str(known)
        cursor: str | None = None
        while True:
            page = await with_retries(
                functools.partial(self.api.list_channels, cursor),
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


def _permanent(exc: SlackError, channel: str) -> PermanentDeliveryError:
    reason = f"{exc.error} (channel {channel}, {exc.method})"
    if exc.detail:
        reason += f": {exc.detail}"
    return PermanentDeliveryError(reason)
