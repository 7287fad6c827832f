"""Fixtures for the Slack delivery tests: a fresh Slack Web API emulator per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_emulator import SlackEmulator  # noqa: E402


@pytest.fixture
def slack_emulator() -> Iterator[SlackEmulator]:
    """An emulator with channels #alerts (joined), #ops (public, not joined) and #private-ops (private, not
    joined); tests reconfigure it with ``add_channel``, ``add_fault`` and ``rate_limit``."""
    with SlackEmulator(channels=["alerts"], not_joined=["ops", "private-ops"]) as slack:
        yield slack
