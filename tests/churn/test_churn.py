"""The churn check on a small input: workers stopped, crashed and restarted while articles flow; nothing skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.broker import EmbeddedBroker
from streams.churn import ChurnPlan, run_churn, synthetic_articles
from streams.settings import Settings

RULES = Path(__file__).resolve().parents[2] / "rules"

pytestmark = [pytest.mark.broker, pytest.mark.slow]


def test_synthetic_articles_are_keyed_unique_and_reproducible() -> None:
    first = synthetic_articles(200, seed=3)
    again = synthetic_articles(200, seed=3)
    assert [a.id for a in first] == [a.id for a in again]
    assert [a.body for a in first] == [a.body for a in again]
    assert len({a.id for a in first}) == 200
    assert any("summoned" in a.body or "expelled" in a.body for a in first)


def test_two_workers_three_cycles_skip_nothing(broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = Settings.load({}, broker=broker.url, rules_dir=RULES, data_dir=tmp_path / "state")
    # Seed 1 mixes graceful stops and kill -9 crashes over the three cycles.
    plan = ChurnPlan(workers=2, cycles=3, articles=150, partitions=4, seed=1, kill_ratio=0.5,
                     down=(1.0, 3.0), up=(7.0, 9.0), timeout=150.0, log_dir=tmp_path / "logs")

    report = run_churn(settings, plan)

    assert {e["action"] for e in report.events} == {"term", "kill"}
    assert report.complete
    assert report.skipped == 0, [p.skipped for p in report.partitions]
    assert report.unprocessed == 0
    assert sum(p.end_offset for p in report.partitions) == 150
    assert not report.double_deliveries
    assert report.alerts_delivered > 0
