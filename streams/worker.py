"""A newsalert worker: the Faust app with its topics, tables, agents and timers, and how to run it."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
from typing import Any

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


class BoundedWorker(faust.Worker):
    """A Faust worker whose stop on SIGTERM or Ctrl-C takes at most ``grace`` seconds.

    Faust stops its services one by one and waits up to 60 s for each that talks to the broker; with the broker
    gone (the embedded one dies with ``newsalert run``) a worker would linger a minute as an orphan. Past the
    grace period the process exits at once: offsets it had not committed are redone by the next worker, and
    Slack posts are deduplicated by their receipts, so nothing is lost or sent twice.
    """

    def __init__(self, *args: Any, grace: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._grace = grace
        self._deadline: threading.Timer | None = None

    def _schedule_shutdown(self, signum: signal.Signals) -> None:
        super()._schedule_shutdown(signum)
        if self._deadline is None:
            # A thread, not the event loop: a stop stuck in the loop must not delay the exit.
            self._deadline = threading.Timer(self._grace, _exit_after_grace, args=(self._grace,))
            self._deadline.daemon = True
            self._deadline.start()


def _exit_after_grace(grace: float) -> None:
    logger.warning("worker still stopping after %.0f s (NEWSALERT_SHUTDOWN_GRACE): exiting now", grace)
    logging.shutdown()
    os._exit(1)


def run_worker(settings: Settings) -> None:
    """Create missing topics, then run a worker until it is stopped (SIGTERM / Ctrl-C)."""
    create_topics(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app, _services = build_worker_app(settings)
    # Faust's banner and progress go to stderr: stdout carries only alerts (console sink) and command output.
    worker = BoundedWorker(app, loglevel=settings.log_level, override_logging=False, stdout=sys.stderr,
                           grace=settings.shutdown_grace)  # fmt: skip
    worker.execute_from_commandline()
