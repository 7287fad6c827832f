"""A newsalert worker: the Faust app with its topics, tables, agents and timers, and how to run it."""

from __future__ import annotations

import asyncio
import logging
import sys

import faust

from streams import metrics
from streams.agents import extract, match, notify
from streams.agents.wiring import declare_tables, declare_topics
from streams.app import create_app
from streams.services import Services
from streams.settings import Settings
from streams.topics import create_topics
from streams.web import Readiness, register_web

logger = logging.getLogger(__name__)

RULES_POLL_INTERVAL = 1.0  # seconds; a changed rule file is live within this plus its validation time


def build_worker_app(settings: Settings) -> tuple[faust.App, Services]:
    """The app with everything registered; loading the model and rules happens here, before joining the group."""
    app = create_app(settings)
    readiness = Readiness()
    register_web(app, readiness)
    topics = declare_topics(app, settings)
    tables = declare_tables(app, settings)
    services = Services(settings)
    # Load up front so that a broken model or rule folder fails at start, not on the first article.
    rule_count = len(services.rules.current.rules)
    metrics.RULES_LOADED.set(rule_count)
    readiness.rules = True
    logger.info("Loaded %d rules from %s", rule_count, settings.rules_dir)
    services.extractor.extract_batch([])
    readiness.model = True

    extract.register(app, topics, services)
    match.register(app, topics, tables, services)
    notify.register(app, topics, tables, services)

    @app.timer(RULES_POLL_INTERVAL)  # type: ignore[untyped-decorator]
    async def reload_rules() -> None:
        await asyncio.get_running_loop().run_in_executor(None, services.rules.poll_once)
        await services.admin.flush()

    return app, services


def run_worker(settings: Settings) -> None:
    """Create missing topics, then run a worker until it is stopped (SIGTERM / Ctrl-C)."""
    create_topics(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app, _services = build_worker_app(settings)
    # Faust's banner and progress go to stderr: stdout carries only alerts (console sink) and command output.
    worker = faust.Worker(app, loglevel=settings.log_level, override_logging=False, stdout=sys.stderr)
    worker.execute_from_commandline()
