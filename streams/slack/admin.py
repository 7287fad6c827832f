"""Operational notices for the admin channel (NEWSALERT_ADMIN_CHANNEL): rejected rule files, dead-lettered alerts.

Notices are best effort: each is logged first, and the dead-letter topic keeps the records themselves, so a
notice that cannot be posted costs nothing but the ping. They are queued from any thread and posted from the
event loop.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk.web.async_client import AsyncWebClient

from streams.errors import DeliveryError
from streams.settings import Settings
from streams.slack.api import SlackApi
from streams.slack.escape import escape_mrkdwn

logger = logging.getLogger(__name__)

MAX_NOTICES_PER_FLUSH = 20  # a burst of failures becomes one message, not a flood


class AdminNotices:
    def __init__(self, settings: Settings) -> None:
        self.channel = settings.slack_admin_channel
        self._api: SlackApi | None = None
        if self.channel and settings.slack_bot_token:
            client = AsyncWebClient(
                token=settings.slack_bot_token,
                base_url=settings.slack_api_url,
                timeout=int(max(settings.slack_timeout, 1)),
            )
            self._api = SlackApi(client)
        self._pending: list[str] = []
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._api is not None

    def add(self, notice: str) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._pending.append(notice)

    async def flush(self) -> None:
        """Post what is queued as one message; a failure is logged and the notices dropped (they were logged)."""
        if self._api is None:
            return
        with self._lock:
            notices, self._pending = self._pending, []
        if not notices:
            return
        shown = notices[:MAX_NOTICES_PER_FLUSH]
        # A code block shows paths and error codes as they are (no _italics_), while escaping keeps
        # entities and mentions inert; a backtick in the text must not close the block.
        lines = [escape_mrkdwn(n.replace("`", "\u02cb"), limit=500, keep_formatting=True) for n in shown]
        if len(notices) > len(shown):
            lines.append(f"... and {len(notices) - len(shown)} more (see the worker's log)")
        text = ":warning: *newsalert*\n```\n" + "\n".join(lines) + "\n```"
        try:
            await self._api.post(channel=self.channel, text=text, unfurl_links=False, unfurl_media=False)
        except DeliveryError as exc:
            logger.warning("Could not post %d notices to the admin channel %s: %s", len(notices), self.channel, exc)
