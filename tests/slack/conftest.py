"""Fixtures for the Slack delivery tests: a fresh Slack Web API emulator per test."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from slack_emulator import SlackEmulator  # noqa: E402
from slack_helpers import make_alert  # noqa: E402

from streams.models import Alert  # noqa: E402


@pytest.fixture
def slack_emulator() -> Iterator[SlackEmulator]:
    """An emulator with channels #alerts (joined), #ops (public, not joined) and #private-ops (private, not
    joined); tests reconfigure it with ``add_channel``, ``add_fault`` and ``rate_limit``."""
    with SlackEmulator(channels=["alerts"], not_joined=["ops", "private-ops"]) as slack:
        yield slack


@pytest.fixture
def alert_factory() -> Callable[..., Alert]:
    return make_alert
