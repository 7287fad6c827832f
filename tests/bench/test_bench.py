"""`newsalert bench` on a tiny input: every phase runs and reports its figures, and the alert check holds.

Nothing here asserts a time or a speed: the machine is shared, and the figures belong in the benchmark's output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from streams.bench.inputs import load_inputs
from streams.bench.rulegen import write_rules
from streams.bench.service import _percentiles
from streams.nlp.lexicon import load_lexicon
from streams.rules import check_paths, load_rules
from streams.sources import read_articles

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = Path(__file__).resolve().parent / "articles.jsonl"
SEEDS = ROOT / "seeds"
N_SEEDS = len(list(read_articles([SEEDS])))
BENCH = [sys.executable, "-m", "streams.cli.main", "bench", "--quick", "--data", str(ARTICLES), "--rules",
         str(ROOT / "rules")]  # fmt: skip


@pytest.mark.broker
@pytest.mark.slow
def test_quick_run_reports_every_phase_and_alerts_equal_the_full_parse(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSALERT_", "SLACK_"))}
    result = subprocess.run(
        [*BENCH, "--output", str(output)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=400, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(output.read_text())

    n = 12 + N_SEEDS
    assert results["input"] == {**results["input"], "articles": n, "news": 12, "seeds": N_SEEDS}
    assert results["delivery"] == "slack-emulator"
    phases = results["phases"]
    for name in ("a", "c", "b", "scaleout", "fullparse"):
        assert phases[name]["articles"] == n, name
        assert phases[name]["articles_per_s"] > 0, name
    assert phases["b"]["workers"] == 1 and phases["scaleout"]["workers"] == 2
    assert phases["fullparse"]["full_parse"] is True
    # The seed article fires the shipped rules end to end, and every alert reached the Slack emulator.
    assert phases["b"]["alerts"] >= 3
    assert phases["b"]["slack_posts"] == phases["b"]["alerts"]
    assert all(0 < mb < 4096 for mb in phases["b"]["peak_rss_mb"]) and len(phases["scaleout"]["peak_rss_mb"]) == 2

    latency = phases["latency"]
    assert latency["articles"] == 10 and latency["latency_ms"]["n"] == 10
    assert latency["alert_latency_ms"]["n"] >= 1  # the latency stream carries a seed copy from another outlet
    assert latency["alert_latency_ms"]["p50"] <= latency["alert_latency_ms"]["p99"]

    rules = phases["rules"]
    assert rules["rules"] == [10, 1000] and rules["path_ratio"] > 0

    identical = results["identical_alerts"]
    assert identical["checked"] and identical["identical"] is True
    assert identical["alerts"]["selective"] == identical["alerts"]["full_parse"] == phases["b"]["alerts"]
    assert identical["offline_matches_equal_full_parse"] is True

    ratios = results["ratios"]
    assert set(ratios) >= {"b_over_a", "c_over_a", "two_over_one", "rules_1000_over_10"}
    assert all(isinstance(ratios[k], float) for k in ("b_over_a", "c_over_a", "two_over_one"))
    assert {t["name"] for t in results["targets"]} >= {"B/A articles per second", "alerts identical to full parse"}
    assert "Targets" in result.stdout and "articles/s" in result.stdout  # the tables


SERVICE_PHASES = ("b", "latency", "scaleout", "fullparse")


def test_skipping_the_service_phases_needs_no_broker(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    result = subprocess.run(
        [*BENCH, "--output", str(output), "--json", *(f"--skip={p}" for p in SERVICE_PHASES)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(result.stdout)
    assert set(results["phases"]) == {"a", "c", "rules"}
    assert results["identical_alerts"]["checked"] is False
    assert json.loads(output.read_text())["phases"].keys() == results["phases"].keys()


def test_generated_rules_are_valid_and_share_their_categories(tmp_path: Path) -> None:
    lexicon = load_lexicon(None)
    categories = ["AGREE", "DISAPPROVE", "THREATEN"]
    sets = {}
    for count in (2, 10, 300):
        folder = tmp_path / f"r{count}"
        write_rules(folder, count=count, categories=categories, lexicon=lexicon)
        assert check_paths([folder]) == []
        sets[count] = load_rules([folder])
        assert len(sets[count]) == count
    # A set smaller than the category list still covers every category, so extraction is the same for all.
    assert sets[2].categories() == sets[10].categories() == sets[300].categories() == frozenset(categories)
    lemmas = {lemma for r in sets[300] for lemma in (r.pinned("lemma") or ())}
    assert len(lemmas) > 10  # varied keys, so the index is exercised


def test_inputs_spread_the_seeds_and_the_latency_stream_has_fresh_ids() -> None:
    inputs = load_inputs(ARTICLES, SEEDS, n=10, latency_n=12, seed_every=5)
    ids = [a.id for a in inputs.articles]
    assert inputs.news == 10 and inputs.seeds == N_SEEDS and len(ids) == 10 + N_SEEDS
    assert ids[0] != "000_a37d2364f582c819" and "000_a37d2364f582c819" in ids
    assert ids[-1] != "000_a37d2364f582c819"  # spread through the stream, not appended
    latency_ids = [a.id for a in inputs.latency]
    assert len(latency_ids) == len(set(latency_ids)) == 12 and not set(latency_ids) & set(ids)
    originals = {a.id: a for a in read_articles([SEEDS])}
    copies = [a for a in inputs.latency if "~copy" in a.id]
    assert len(copies) == 2  # every 5th article: the same story from another outlet, so it alerts again
    assert all(a.source != originals[a.id.split("~")[0]].source for a in copies)


def test_percentiles_are_nearest_rank() -> None:
    values = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    stats = _percentiles(values)
    assert stats["n"] == 100 and stats["p50"] == pytest.approx(50) and stats["p99"] == pytest.approx(99)
    assert _percentiles([])["p99"] is None
