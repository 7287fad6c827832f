"""Shared fixtures: the embedded broker (one per test session), isolated settings per test, the Slack emulator."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker, free_port
from streams.settings import Settings

RULES = Path(__file__).resolve().parent.parent / "rules"

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slack_emulator import SlackEmulator  # noqa: E402


@pytest.fixture(scope="session")
def broker() -> Iterator[EmbeddedBroker]:
    """A real Tansu broker on a free loopback port, shared by the tests of one session."""
    with EmbeddedBroker() as embedded:
        yield embedded


@pytest.fixture
def isolated_settings(broker: EmbeddedBroker, tmp_path: Path) -> Settings:
    """Settings whose app id and topics are unique to this test, so tests never see each other's messages."""
    tag = f"it-{uuid.uuid4().hex[:10]}"
    return Settings.load(
        {},
        broker=broker.url,
        app_id=tag,
        partitions=2,
        topic_articles=f"{tag}-articles",
        topic_candidates=f"{tag}-candidates",
        topic_alerts=f"{tag}-alerts",
        topic_deadletter=f"{tag}-deadletter",
        topic_receipts=f"{tag}-receipts",
        rules_dir=RULES,
        data_dir=tmp_path / "state",
        web_port=free_port(),
        batch_within=0.2,
    )


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    with SlackEmulator(channels=None) as emulator:
        yield emulator
