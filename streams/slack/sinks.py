"""The two alternative transports: an incoming webhook (teams without a bot) and the console (no Slack at all).

Both are idempotent per alert id like the bot sink. A webhook can neither thread nor edit, so a later outlet of
a story is posted as one short "also reported by" line rather than a full alert. Neither applies quiet hours:
a webhook has one fixed channel and the console has no readers to spare.

Limit: a webhook can post but not read its channel, so it cannot tell whether a post it made survived. A worker
that dies between a webhook post and the ``d:`` record reaching Kafka (at most one commit interval, 0.5 s), or a
post whose answer is lost (timeout, 5xx), can post that alert twice; the bot sink closes that window by looking
the message up (delivery.py). Teams that need "never twice" use a bot token.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TextIO

import aiohttp
from slack_sdk.webhook.async_client import AsyncWebhookClient

from streams import metrics
from streams.errors import PermanentDeliveryError, RetryableDeliveryError
from streams.models import Alert
from streams.slack.blocks import SlackMessage, alert_message, reply_message, sentence_and_trigger
from streams.slack.delivery import Checkpoint, Delivery, State
from streams.slack.retry import RetryPolicy, with_retries

logger = logging.getLogger(__name__)


class WebhookSink:
    name = "webhook"

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 10.0,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self._client = AsyncWebhookClient(url, timeout=int(max(timeout, 1)))
        self.policy = policy or RetryPolicy()
        self._sleep = sleep

    async def close(self) -> None:
        return None

    async def flush(self, state: State, *, checkpoint: Checkpoint | None = None) -> list[Delivery]:
        return []

    async def deliver(self, alert: Alert, state: State, *, checkpoint: Checkpoint | None = None) -> Delivery:
        key = f"d:{alert.alert_id}"
        if key in state:
            return Delivery(alert.alert_id, "duplicate", {"webhook": "sent"})
        if alert.kind == "update":
            reply = reply_message(alert)
            message = SlackMessage(text=reply.text, blocks=reply.blocks)
        else:
            message = alert_message(alert, outlets=alert.outlets)
        extra = {"sleep": self._sleep} if self._sleep is not None else {}
        try:
            await with_retries(lambda: self._send(message), policy=self.policy, what="webhook", **extra)
        except PermanentDeliveryError as exc:
            metrics.ALERTS_DEADLETTERED.labels(reason=exc.reason.split(" ", 1)[0]).inc()
            raise
        state[key] = {"status": "posted", "channels": {"webhook": "sent"}}
        metrics.ALERTS_POSTED.labels(sink=self.name).inc()
        return Delivery(alert.alert_id, "posted", {"webhook": "sent"})

    async def _send(self, message: SlackMessage) -> None:
        try:
            response = await self._client.send(
                text=message.text, blocks=message.blocks, unfurl_links=False, unfurl_media=False
            )
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            # Never the exception's text: the webhook URL is a secret and aiohttp errors may quote it.
            raise RetryableDeliveryError(f"webhook: connection error ({type(exc).__name__})") from None
        status, body = response.status_code, (response.body or "").strip()[:200]
        if status == 200:
            return
        if status == 429:
            retry_after = _float(response.headers.get("Retry-After") or response.headers.get("retry-after"))
            raise RetryableDeliveryError("webhook: ratelimited", retry_after=retry_after)
        if status >= 500:
            raise RetryableDeliveryError(f"webhook: HTTP {status}")
        raise PermanentDeliveryError(f"{body or 'rejected'} (webhook, HTTP {status})")


class ConsoleSink:
    """Prints each alert readably (the default without Slack settings): nothing is dropped silently."""

    name = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    async def close(self) -> None:
        return None

    async def flush(self, state: State, *, checkpoint: Checkpoint | None = None) -> list[Delivery]:
        return []

    async def deliver(self, alert: Alert, state: State, *, checkpoint: Checkpoint | None = None) -> Delivery:
        key = f"d:{alert.alert_id}"
        if key in state:
            return Delivery(alert.alert_id, "duplicate", {"console": "printed"})
        stream = self._stream or sys.stdout
        try:
            stream.write(render_console(alert) + "\n")
            stream.flush()
        except BrokenPipeError:
            # The reader is gone for good (`newsalert run | head`, a log collector that stopped): retried like a
            # transient error this held the alert, and every later one, unacknowledged forever. Dead-lettered, it
            # stays readable in the dead-letter topic and a run with --exit-when-done ends.
            raise PermanentDeliveryError("console output closed (broken pipe): nobody reads the alerts") from None
        state[key] = {"status": "printed", "channels": {"console": "printed"}}
        metrics.ALERTS_POSTED.labels(sink=self.name).inc()
        return Delivery(alert.alert_id, "printed", {"console": "printed"})


def render_console(alert: Alert) -> str:
    """A few plain lines: the title, who did what to whom, the sentence, the source."""
    event, article = alert.event, alert.article
    who = " and ".join(a.name or a.actorText or a.code or "?" for a in event.source) or "someone"
    whom = " and ".join(a.name or a.actorText or a.code or "?" for a in event.target)
    story = f" (story update: {alert.outlets} outlets)" if alert.kind == "update" else ""
    lines = [
        f"ALERT [{alert.level}] {alert.title or alert.rule_id}{story}",
        f"  {who} -> {event.eventText or event.lemma} ({event.event})" + (f" -> {whom}" if whom else ""),
    ]
    if alert.text:
        lines.append(f"  {alert.text}")
    sentence, start, end = sentence_and_trigger(alert)
    if sentence.strip():
        marked = f"{sentence[:start]}[{sentence[start:end]}]{sentence[end:]}" if end > start else sentence
        lines.append(f'  "{" ".join(marked.split())[:500]}"')
    source = ", ".join(p for p in (article.source, article.published_at, article.url) if p)
    lines.append(f"  {source or article.id} · rule {alert.rule_id}")
    return "\n".join(lines)


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
