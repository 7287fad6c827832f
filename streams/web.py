"""The worker's HTTP endpoints on Faust's own web server: ``/metrics``, ``/health`` and ``/ready``.

Faust already runs an aiohttp server in every worker (settings ``web_port`` and ``web_bind``), so these are
plain ``app.page`` views on it rather than a second server. Call :func:`register_web` once, after the app is
configured and before the worker starts.

- ``/health``: 200 while the process answers at all (liveness; a wedged event loop makes it time out).
- ``/ready``: 200 when the broker is joined, rules are loaded and the model is loaded; 503 with a JSON body
  naming what is missing otherwise (readiness: compose/Kubernetes keep traffic and rollouts waiting on it).
- ``/metrics``: our registry (streams/metrics.py) in Prometheus text format; consumer lag is refreshed from
  Faust's monitor at each scrape so it is never older than the scrape itself.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import faust
from faust.types import TP
from faust.web import Request, Response, View
from mode.types.signals import BaseSignalT
from prometheus_client.exposition import choose_encoder

from streams import metrics

logger = logging.getLogger(__name__)

_PATHS = ("/metrics", "/health", "/ready")


@dataclass
class Readiness:
    """What the worker has finished starting; it flips each flag to True when that part is up."""

    broker: bool = False
    rules: bool = False
    model: bool = False

    def missing(self) -> list[str]:
        return [name for name, up in asdict(self).items() if not up]

    @property
    def ready(self) -> bool:
        return not self.missing()


def register_web(app: faust.App, readiness: Readiness) -> None:
    """Add ``/metrics``, ``/health`` and ``/ready`` to ``app``'s web server.

    Also marks ``readiness.broker`` once the first rebalance completes (the worker has joined its consumer
    group and recovered its tables): then it can process records, which is what "connected" must mean here.
    Calling it twice on one app is harmless.
    """
    if any(path in app.web.views for path in _PATHS):
        return

    async def _joined(sender: Any, /, *args: Any, signal: BaseSignalT[Any], **kwargs: Any) -> None:
        if not readiness.broker:
            logger.info("joined consumer group %s; broker ready", app.conf.id)
        readiness.broker = True

    app.on_rebalance_complete.connect(_joined)

    @app.page("/health", name="newsalert_health")
    async def health(self: View, request: Request) -> Response:
        return self.json({"status": "alive"})

    @app.page("/ready", name="newsalert_ready")
    async def ready(self: View, request: Request) -> Response:
        missing = readiness.missing()
        if missing:
            return self.json({"status": "not ready", "missing": missing}, status=503)
        return self.json({"status": "ready"})

    @app.page("/metrics", name="newsalert_metrics")
    async def metrics_view(self: View, request: Request) -> Response:
        try:
            # Before the group is joined there is no assignment to report (and no consumer thread to ask).
            metrics.set_consumer_lag(consumer_lag(app) if readiness.broker else {})
        except Exception:  # a scrape must still answer if Faust's internals shift between versions
            logger.exception("could not compute consumer lag")
        # Negotiate like prometheus-client's own server: text 0.0.4 by default, OpenMetrics when the scraper
        # asks. The content type carries a charset, which aiohttp refuses in content_type=; a header is fine.
        encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
        return self.bytes(encoder(metrics.REGISTRY), headers={"Content-Type": content_type})


def consumer_lag(app: faust.App) -> dict[tuple[str, int], int]:
    """Records behind per partition assigned to this worker: log end offset minus the next offset to process.

    Uses Faust's monitor, which records each partition's end offset as records are fetched and each commit.
    Before the first commit of a partition, the last read offset stands in for the committed one.
    """
    monitor = app.monitor
    consumer = app.consumer
    assigned: set[TP] = set(consumer.assignment())
    lags: dict[tuple[str, int], int] = {}
    for tp in assigned:
        end = monitor.tp_end_offsets.get(tp)
        if end is None:
            continue
        committed = monitor.tp_committed_offsets.get(tp)
        if committed is None:
            read = monitor.tp_read_offsets.get(tp)
            if read is None:
                continue
            committed = read + 1
        lags[(tp.topic, tp.partition)] = max(0, end - committed)
    return lags
