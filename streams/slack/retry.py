"""Retrying transient delivery failures: Retry-After for 429, exponential backoff with jitter for the rest.

There is no attempt limit on purpose: during a Slack outage the notifier blocks here, so alerts wait in Kafka
(in order, not in memory) and go out when Slack is back. The wait is an ``asyncio.sleep``, so a worker shutting
down cancels it cleanly.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from streams import metrics
from streams.errors import RetryableDeliveryError

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class RetryPolicy:
    """Backoff ``min(cap, base * 2**attempt)`` scaled by a random factor in [0.5, 1] (jitter spreads workers)."""

    base: float = 0.5
    cap: float = 60.0
    max_retry_after: float = 300.0  # a broken Retry-After header must not park the notifier for hours
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int) -> float:
        return float(min(self.cap, self.base * 2.0 ** min(attempt, 30)) * self.rng.uniform(0.5, 1.0))


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    what: str,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Await ``call()`` until it succeeds or raises something other than RetryableDeliveryError."""
    attempt = 0
    while True:
        try:
            return await call()
        except RetryableDeliveryError as exc:
            if exc.retry_after is not None:
                delay = min(max(exc.retry_after, 0.0), policy.max_retry_after)
                reason = "ratelimited"
            else:
                delay = policy.backoff(attempt)
                reason = "transient"
            attempt += 1
            metrics.ALERTS_RETRIED.labels(reason=reason).inc()
            log = logger.warning if attempt in (1, 5) or attempt % 20 == 0 else logger.debug
            log("%s failed (%s, attempt %d); retrying in %.2fs", what, exc, attempt, delay)
            await sleep(delay)
