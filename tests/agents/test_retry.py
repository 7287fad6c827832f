"""An agent's failing work is retried, never dropped: the record stays unacknowledged until it succeeds."""

from __future__ import annotations

import asyncio

import pytest

from streams.agents import retry


def test_work_is_retried_until_it_succeeds(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(retry, "FIRST_DELAY", 0.001)
    attempts: list[int] = []

    async def flaky() -> None:
        attempts.append(len(attempts) + 1)
        if len(attempts) < 3:
            raise ConnectionError("broker unavailable")

    asyncio.run(retry.until_done(flaky, what="a batch of 2 articles"))
    assert attempts == [1, 2, 3]
    failures = [r for r in caplog.records if "a batch of 2 articles failed" in r.getMessage()]
    assert len(failures) == 2 and failures[0].exc_info is not None


def test_cancellation_is_not_swallowed() -> None:
    async def cancelled() -> None:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(retry.until_done(cancelled, what="an alert"))
