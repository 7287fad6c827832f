"""Floors on the news-probe set (tests/fixtures/nlp/news-probe.md): 326 wire-style sentences labelled by the CAMEO
codebook, written for us without sight of the extractor. A change that costs a few points anywhere fails here."""

from __future__ import annotations

from typing import Any

import pytest
from nlp_helpers import FIXTURES

from streams.nlp import Extractor
from streams.nlp.evaluate import evaluate

PROBE = FIXTURES / "news-probe.jsonl"
# About three points under the figures of the commit that set them (0.892 / 0.901 / 0.676 on 2026-11-28).
FLOORS = {"top1_accuracy": 0.86, "source_code_accuracy": 0.87, "target_code_accuracy": 0.64}


@pytest.fixture(scope="module")
def report(extractor: Extractor) -> dict[str, Any]:
    return evaluate(PROBE, extractor).to_dict()


def test_news_probe_accuracy_stays_above_its_floors(report: dict[str, Any]) -> None:
    assert report["rows"] == 326
    below = {name: report[name]["value"] for name, floor in FLOORS.items() if report[name]["value"] < floor}
    assert not below, f"news-probe below its floors {FLOORS}: {below}"


def test_every_plover_category_is_found_on_the_probe(report: dict[str, Any]) -> None:
    missed = sorted(cat for cat, score in report["per_category"].items() if score["recall"] == 0)
    assert not missed, f"categories never predicted right on news-probe: {missed}"
