"""Retry an agent's work on a record until it succeeds, instead of letting the agent crash.

An exception that escapes an agent's loop is not a retry in Faust: `take_events` acks the whole batch on its way
out and a crashed agent's current event is acknowledged, so the offsets get committed and the records are never
processed. Stalling the partition (with the error logged every time and the lag metric growing) loses nothing;
processing the record again is safe because every effect is idempotent (match outcomes and deliveries tables).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

FIRST_DELAY = 0.5
MAX_DELAY = 30.0


async def until_done(work: Callable[[], Awaitable[None]], *, what: str) -> None:
    """Run ``work()``; on an exception log it, wait (exponential backoff up to 30 s) and run it again."""
    delay = FIRST_DELAY
    attempt = 1
    while True:
        try:
            await work()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s failed (attempt %d); retrying in %.1f s, nothing is acknowledged", what, attempt,
                             delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_DELAY)
        attempt += 1
