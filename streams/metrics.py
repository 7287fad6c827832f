"""Prometheus metrics of a newsalert worker: a plain module of metric objects.

Every metric lives in ``REGISTRY``, our own ``CollectorRegistry``, so tests and several Faust apps in one
process never collide with prometheus-client's global registry, and ``/metrics`` (streams/web.py) shows
exactly these.
Agents update them directly::

    from streams import metrics
    metrics.ARTICLES_CONSUMED.inc()
    metrics.EVENTS_EXTRACTED.labels(category="DISAPPROVE").inc()
    with metrics.SLACK_LATENCY.labels(method="chat.postMessage").time():
        ...

Label values must come from small, bounded sets (a reason class such as ``invalid_json``, a PLOVER category, a
rule id): never an article id, a free-text error message or a channel name typed by a user, because every
distinct value is a new time series kept in memory forever.
"""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

# Processing latency spans NLP batching and Slack delivery: from well under a second up to a long outage.
_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0)
# Slack Web API calls normally take 100-500 ms; the top buckets catch timeouts and Retry-After waits.
_SLACK_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0, 30.0)

# --- ingest -------------------------------------------------------------------------------------------------
ARTICLES_CONSUMED = Counter(
    "newsalert_articles_consumed",
    "Articles read from the articles topic (valid or not).",
    registry=REGISTRY,
)
ARTICLES_DEADLETTERED = Counter(
    "newsalert_articles_deadlettered",
    "Articles sent to the dead-letter topic, by reason class (invalid_json, missing_field, ...).",
    ["reason"],
    registry=REGISTRY,
)

# --- extraction and matching --------------------------------------------------------------------------------
EVENTS_EXTRACTED = Counter(
    "newsalert_events_extracted",
    "Events extracted from articles, by PLOVER category.",
    ["category"],
    registry=REGISTRY,
)
RULE_MATCHES = Counter(
    "newsalert_rule_matches",
    "Events matched by a rule (before dedup/realert), by rule id.",
    ["rule"],
    registry=REGISTRY,
)
RULES_LOADED = Gauge(
    "newsalert_rules_loaded",
    "Rules currently active in this worker.",
    registry=REGISTRY,
)
RULE_LOAD_ERRORS = Counter(
    "newsalert_rule_load_errors",
    "Rule files that failed validation on load or reload (the last good version keeps running).",
    registry=REGISTRY,
)

# --- delivery -----------------------------------------------------------------------------------------------
ALERTS_POSTED = Counter(
    "newsalert_alerts_posted",
    "Alerts delivered (Slack message posted or updated, webhook or console sink), by sink.",
    ["sink"],
    registry=REGISTRY,
)
ALERTS_RETRIED = Counter(
    "newsalert_alerts_retried",
    "Delivery attempts that failed and will be retried, by reason class (ratelimited, server_error, ...).",
    ["reason"],
    registry=REGISTRY,
)
ALERTS_DEADLETTERED = Counter(
    "newsalert_alerts_deadlettered",
    "Alerts sent to the dead-letter topic after a permanent error, by Slack error (channel_not_found, ...).",
    ["reason"],
    registry=REGISTRY,
)
SLACK_LATENCY = Histogram(
    "newsalert_slack_request_seconds",
    "Duration of one Slack API request, by API method.",
    ["method"],
    buckets=_SLACK_BUCKETS,
    registry=REGISTRY,
)
PROCESSING_LATENCY = Histogram(
    "newsalert_processing_latency_seconds",
    "From the article's produce timestamp on Kafka to its alert being delivered.",
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)

# --- consumption --------------------------------------------------------------------------------------------
CONSUMER_LAG = Gauge(
    "newsalert_consumer_lag",
    "Records in a partition assigned to this worker that it has not yet processed and committed.",
    ["topic", "partition"],
    registry=REGISTRY,
)


def observe_processing_latency(produced_at: float, *, now: float | None = None) -> None:
    """Record one delivered alert's latency from its article's Kafka timestamp (epoch seconds)."""
    delay = (time.time() if now is None else now) - produced_at
    # Clock skew between producer and worker can make this slightly negative; that is 0, not an error.
    PROCESSING_LATENCY.observe(max(0.0, delay))


def set_consumer_lag(lags: dict[tuple[str, int], int]) -> None:
    """Replace every lag series with ``{(topic, partition): records behind}``.

    Replacing (not updating) drops partitions revoked from this worker, so a partition moved to another
    worker after a rebalance does not keep reporting its last lag here forever.
    """
    CONSUMER_LAG.clear()
    for (topic, partition), lag in lags.items():
        CONSUMER_LAG.labels(topic=topic, partition=str(partition)).set(lag)
