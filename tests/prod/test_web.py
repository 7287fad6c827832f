"""/health, /ready and /metrics served by Faust's web app, exercised over real HTTP without a broker."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import faust
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from streams import metrics
from streams.web import Readiness, register_web


def _app() -> faust.App:
    # The broker is never contacted: only the web application object is built.
    return faust.App(f"t-web-{uuid.uuid4().hex[:8]}", broker="kafka://127.0.0.1:1", autodiscover=False)


Answer = tuple[int, str, str]


def _serve(app: faust.App, script: Callable[[Callable[[str], Awaitable[Answer]]], Awaitable[None]]) -> None:
    """Run ``script(get)`` against the app's web server on one event loop (aiohttp binds an app to a loop)."""

    async def run() -> None:
        async with TestClient(TestServer(app.web.web_app)) as client:

            async def get(path: str) -> Answer:
                response = await client.get(path)
                return response.status, response.headers["Content-Type"], await response.text()

            await script(get)

    asyncio.run(run())


def _get(app: faust.App, path: str) -> Answer:
    answers: list[Answer] = []

    async def script(get: Callable[[str], Awaitable[Answer]]) -> None:
        answers.append(await get(path))

    _serve(app, script)
    return answers[0]


def test_health_answers_while_nothing_is_ready() -> None:
    app = _app()
    register_web(app, Readiness())
    status, _ctype, body = _get(app, "/health")
    assert status == 200
    assert "alive" in body


def test_ready_names_what_is_missing_until_everything_is_up() -> None:
    app = _app()
    readiness = Readiness(model=True)
    register_web(app, readiness)
    answers: list[Answer] = []

    async def script(get: Callable[[str], Awaitable[Answer]]) -> None:
        answers.append(await get("/ready"))
        readiness.broker = readiness.rules = True
        answers.append(await get("/ready"))

    _serve(app, script)
    (status, ctype, body), (status_after, _ctype, body_after) = answers
    assert status == 503
    assert ctype.startswith("application/json")
    assert json.loads(body) == {"status": "not ready", "missing": ["broker", "rules"]}
    assert status_after == 200
    assert json.loads(body_after) == {"status": "ready"}


def test_metrics_are_prometheus_text_with_every_documented_family() -> None:
    app = _app()
    register_web(app, Readiness())
    metrics.ARTICLES_CONSUMED.inc()
    metrics.EVENTS_EXTRACTED.labels(category="DISAPPROVE").inc()
    metrics.RULE_MATCHES.labels(rule="ambassador-summoned").inc()
    metrics.ALERTS_POSTED.labels(sink="slack").inc()
    metrics.SLACK_LATENCY.labels(method="chat.postMessage").observe(0.2)
    metrics.observe_processing_latency(produced_at=100.0, now=101.5)
    status, ctype, body = _get(app, "/metrics")
    assert status == 200
    assert ctype.startswith("text/plain")
    families = {family.name: family for family in text_string_to_metric_families(body)}
    expected = {
        "newsalert_articles_consumed",
        "newsalert_articles_deadlettered",
        "newsalert_events_extracted",
        "newsalert_rule_matches",
        "newsalert_rules_loaded",
        "newsalert_rule_load_errors",
        "newsalert_alerts_posted",
        "newsalert_alerts_retried",
        "newsalert_alerts_deadlettered",
        "newsalert_slack_request_seconds",
        "newsalert_processing_latency_seconds",
        "newsalert_consumer_lag",
    }
    assert expected <= set(families)
    samples: dict[str, Any] = {
        (s.name, tuple(sorted(s.labels.items()))): s.value for f in families.values() for s in f.samples
    }
    assert samples[("newsalert_events_extracted_total", (("category", "DISAPPROVE"),))] >= 1
    assert samples[("newsalert_rule_matches_total", (("rule", "ambassador-summoned"),))] >= 1
    assert samples[("newsalert_processing_latency_seconds_bucket", (("le", "2.5"),))] >= 1


def test_consumer_lag_replaces_revoked_partitions() -> None:
    metrics.set_consumer_lag({("articles", 0): 5, ("articles", 1): 0})
    metrics.set_consumer_lag({("articles", 1): 3})
    values = {s.labels["partition"]: s.value for s in metrics.CONSUMER_LAG.collect()[0].samples}
    assert values == {"1": 3.0}


def test_register_web_twice_is_harmless() -> None:
    app = _app()
    readiness = Readiness()
    register_web(app, readiness)
    register_web(app, readiness)
    assert _get(app, "/health")[0] == 200
