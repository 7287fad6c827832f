"""A thin layer over slack-sdk's AsyncWebClient that sorts every failure into retryable or permanent.

slack-sdk raises SlackApiError for ``ok: false`` and for HTTP errors, and aiohttp errors for transport
failures. Here each becomes either RetryableDeliveryError (429 with its Retry-After, 5xx, Slack's own transient
error codes, timeouts, connection errors) or SlackError (a permanent error code the caller may act on, e.g.
``not_in_channel``). Messages carry only the method, the HTTP status and Slack's error code: never the token,
request headers or the SDK's exception text.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from streams import metrics
from streams.errors import DeliveryError, RetryableDeliveryError

logger = logging.getLogger(__name__)

# Error codes Slack documents as temporary (answered with HTTP 200 or 5xx).
TRANSIENT_ERRORS = frozenset(
    {
        "ratelimited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "team_added_to_org",
    }
)


class SlackError(DeliveryError):
    """Slack answered ``ok: false`` with an error code that retrying will not fix."""

    def __init__(self, method: str, error: str, detail: str = "") -> None:
        self.method = method
        self.error = error
        self.detail = detail
        super().__init__(f"{method}: {error}{f' ({detail})' if detail else ''}")


class SlackApi:
    """The Web API calls the notifier makes, each one attempt, failures classified."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def post(self, **kwargs: Any) -> dict[str, Any]:
        return await self._call("chat.postMessage", self.client.chat_postMessage, kwargs)

    async def update(self, **kwargs: Any) -> dict[str, Any]:
        return await self._call("chat.update", self.client.chat_update, kwargs)

    async def join(self, channel: str) -> dict[str, Any]:
        return await self._call("conversations.join", self.client.conversations_join, {"channel": channel})

    async def list_channels(self, cursor: str | None, *, types: str = "public_channel") -> dict[str, Any]:
        args: dict[str, Any] = {"types": types, "exclude_archived": True, "limit": 1000}
        if cursor:
            args["cursor"] = cursor
        return await self._call("conversations.list", self.client.conversations_list, args)

    async def history(self, channel: str, *, oldest: str, cursor: str | None) -> dict[str, Any]:
        """One page of a channel's top-level messages since ``oldest``, newest first, with their metadata."""
        args: dict[str, Any] = {"channel": channel, "oldest": oldest, "include_all_metadata": True, "limit": 200}
        if cursor:
            args["cursor"] = cursor
        return await self._call("conversations.history", self.client.conversations_history, args)

    async def replies(self, channel: str, ts: str, *, oldest: str, cursor: str | None) -> dict[str, Any]:
        """One page of the thread under ``ts`` since ``oldest``, with their metadata."""
        args: dict[str, Any] = {"channel": channel, "ts": ts, "oldest": oldest, "include_all_metadata": True}
        args["limit"] = 200
        if cursor:
            args["cursor"] = cursor
        return await self._call("conversations.replies", self.client.conversations_replies, args)

    async def _call(self, method: str, func: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        started = time.monotonic()
        try:
            response = await func(**kwargs)
            return dict(response.data) if isinstance(response.data, dict) else {}
        except SlackApiError as exc:
            raise _classify(method, exc) from None
        except TimeoutError:
            raise RetryableDeliveryError(f"{method}: timed out") from None
        except (aiohttp.ClientError, OSError) as exc:
            # The type name is enough to act on; the exception text could echo a URL.
            raise RetryableDeliveryError(f"{method}: connection error ({type(exc).__name__})") from None
        except SlackClientError as exc:
            raise RetryableDeliveryError(f"{method}: client error ({type(exc).__name__})") from None
        finally:
            metrics.SLACK_LATENCY.labels(method=method).observe(time.monotonic() - started)


def _classify(method: str, exc: SlackApiError) -> DeliveryError:
    response = exc.response
    status = getattr(response, "status_code", 0) or 0
    data = response.data if isinstance(getattr(response, "data", None), dict) else {}
    error = str(data.get("error") or "")
    if status == 429 or error == "ratelimited":
        headers = getattr(response, "headers", {}) or {}
        return RetryableDeliveryError(f"{method}: ratelimited", retry_after=_retry_after(headers))
    if status >= 500 or error in TRANSIENT_ERRORS:
        return RetryableDeliveryError(f"{method}: {error or 'server error'} (HTTP {status})")
    if not error:
        # An answer that is not Slack's JSON (a proxy's error page, say): most likely temporary.
        return RetryableDeliveryError(f"{method}: unexpected answer (HTTP {status})")
    messages = data.get("response_metadata", {}).get("messages") if isinstance(data, dict) else None
    detail = "; ".join(str(m) for m in messages[:5]) if isinstance(messages, list) else ""
    return SlackError(method, error, detail)


def _retry_after(headers: Any) -> float:
    for key in ("Retry-After", "retry-after"):
        value = headers.get(key) if hasattr(headers, "get") else None
        if value:
            try:
                return max(float(value), 0.0)
            except ValueError:
                break
    return 1.0
