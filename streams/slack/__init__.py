"""Slack delivery: message layout, escaping, routing and subscriptions, and the sinks that deliver alerts.

``build_sink(settings)`` picks the transport: a bot token gives SlackSink (threads, updates, joins), a webhook
URL gives WebhookSink, neither gives ConsoleSink. Each sink's ``deliver(alert, state)`` is idempotent per alert
id, retries transient failures without limit and raises PermanentDeliveryError for the rest.
"""

from __future__ import annotations

import logging
from pathlib import Path

from slack_sdk.web.async_client import AsyncWebClient

from streams.settings import Settings
from streams.slack.delivery import AlertSink, Delivery, SlackSink
from streams.slack.routing import Route, Subscriptions, load_subscriptions, route, routes
from streams.slack.sinks import ConsoleSink, WebhookSink

__all__ = [
    "AlertSink",
    "ConsoleSink",
    "Delivery",
    "Route",
    "SlackSink",
    "Subscriptions",
    "WebhookSink",
    "build_sink",
    "load_subscriptions",
    "route",
    "routes",
    "subscriptions_path",
]

logger = logging.getLogger(__name__)


def subscriptions_path(settings: Settings) -> Path:
    return Path(settings.rules_dir) / "subscriptions.yaml"


def build_sink(settings: Settings, *, subscriptions: Subscriptions | None = None) -> AlertSink:
    """The sink the settings ask for. Subscriptions default to ``<rules dir>/subscriptions.yaml`` (may be absent);
    an invalid file raises RuleError naming every problem."""
    if settings.slack_bot_token:
        subs = subscriptions if subscriptions is not None else load_subscriptions(subscriptions_path(settings))
        client = AsyncWebClient(
            token=settings.slack_bot_token,
            base_url=settings.slack_api_url,
            timeout=int(max(settings.slack_timeout, 1)),
            retry_handlers=[],  # SlackSink retries itself, without limit, and counts it
        )
        logger.info(
            "Alerts go to Slack at %s (default channel %s)",
            settings.slack_api_url,
            settings.slack_default_channel,
        )
        return SlackSink(client, subscriptions=subs, default_channel=settings.slack_default_channel)
    if settings.slack_webhook_url:
        logger.info("Alerts go to a Slack incoming webhook")
        return WebhookSink(settings.slack_webhook_url, timeout=settings.slack_timeout)
    logger.info("No SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL: alerts are printed to the console")
    return ConsoleSink()
