"""The benchmark run: phases in order, comparisons, targets and the results document."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import spacy.about
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from streams.bench.inputs import default_data_path, default_seeds_path, load_inputs
from streams.bench.offline import bare_spacy, offline_path, rule_scaling
from streams.bench.service import Service
from streams.bench.slack import SlackTarget
from streams.cli.rules_cmd import BATCH as RULES_TEST_BATCH  # C measures exactly what `rules test` does
from streams.nlp import Extractor, load_model
from streams.rules import load_rules
from streams.settings import Settings

# Phase names for --skip, in the order they run.
PHASES = ("a", "c", "rules", "b", "latency", "scaleout", "fullparse")

TARGETS = {
    "b_over_a": 5.0,
    "rules_1000_over_10": 1.3,
    "two_over_one": 1.7,
    "alert_p99_ms": 1000.0,
    "peak_rss_mb": 500.0,
}


@dataclass(frozen=True)
class BenchOptions:
    articles: int = 2000
    data: Path | None = None  # folder holding reuters21578.jsonl, or an article file; None = ../shared/data
    seeds: Path | None = None  # None = the checkout's seeds/
    output: Path = Path("bench-results/latest.json")
    skip: frozenset[str] = frozenset()
    latency_articles: int = 150
    rate: float = 5.0
    rule_counts: tuple[int, int] = (10, 1000)
    use_slack_emulator: bool = True
    settings: Settings = field(default_factory=Settings.load)

    def quick(self) -> BenchOptions:
        """The same options on a tiny input that still exercises every phase (for tests)."""
        return dataclasses.replace(self, articles=min(self.articles, 12), latency_articles=10, rate=10.0)


def run_benchmark(options: BenchOptions, console: Console | None = None) -> dict[str, Any]:
    """Run every phase not skipped; write the results as JSON to ``options.output`` and return them."""
    console = console or Console(stderr=True)
    unknown = set(options.skip) - set(PHASES)
    if unknown:
        raise ValueError(f"unknown phase(s) {', '.join(sorted(unknown))}; known: {', '.join(PHASES)}")
    wanted = [p for p in PHASES if p not in options.skip]
    data = options.data or default_data_path()
    if data is None:
        raise FileNotFoundError("no benchmark data: ../shared/data/reuters21578.jsonl not found; pass --data")
    settings = options.settings
    seeds = options.seeds or default_seeds_path()
    inputs = load_inputs(data, seeds, n=options.articles, latency_n=options.latency_articles)
    articles = inputs.articles
    results: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "options": {
            "articles": options.articles,
            "data": str(data),
            "seeds": str(seeds) if seeds else None,
            "rules": str(settings.rules_dir),
            "skip": sorted(options.skip),
            "latency_articles": options.latency_articles,
            "rate": options.rate,
            "batch_size": settings.batch_size,
            "batch_within": settings.batch_within,
            "partitions": max(2, settings.partitions),
        },
        "input": {
            "articles": len(articles),
            "news": inputs.news,
            "seeds": inputs.seeds,
            "chars": sum(len(a.body) for a in articles),
        },
        "phases": {},
    }
    phases: dict[str, Any] = results["phases"]
    console.print(f"[bold]newsalert bench[/]: {len(articles)} articles ({inputs.news} news + {inputs.seeds} seed) "
                  f"from {data}; phases: {', '.join(wanted)}")  # fmt: skip
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsalert-bench-") as tmp:
        workdir = Path(tmp)
        if {"a", "c", "rules"} & set(wanted):
            _offline_phases(options, settings, articles, wanted, phases, workdir, console)
        if {"b", "latency", "scaleout", "fullparse"} & set(wanted):
            with SlackTarget(use_emulator=options.use_slack_emulator) as slack:
                results["delivery"] = slack.kind
                _service_phases(options, settings, inputs, wanted, phases, slack, workdir, console)
    results["seconds"] = time.monotonic() - started
    results["machine"]["load_average_end"] = list(os.getloadavg())
    results["ratios"] = ratios(phases)
    results["identical_alerts"] = compare(phases)
    results["targets"] = targets(results)
    for phase in phases.values():  # the match sets were only needed for the comparison
        phase.pop("_matches", None)
        phase.pop("_alerts", None)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


def _offline_phases(
    options: BenchOptions,
    settings: Settings,
    articles: list[Any],
    wanted: list[str],
    phases: dict[str, Any],
    workdir: Path,
    console: Console,
) -> None:
    nlp = load_model(settings.model)
    ruleset = load_rules([settings.rules_dir])
    extractor = Extractor(nlp, data_dir=settings.rules_dir, max_chars=settings.max_article_chars)
    extractor.extract_batch(articles[:2])  # warm caches, as a worker does at start
    if "a" in wanted:
        with _progress(console, "A  bare spaCy nlp.pipe", len(articles)) as advance:
            phases["a"] = bare_spacy(nlp, articles, progress=advance)
        console.print(f"A  bare spaCy: {phases['a']['articles_per_s']:.1f} articles/s")
    if "c" in wanted or "rules" in wanted:
        with _progress(console, "C  offline extract + match", len(articles)) as advance:
            offline = offline_path(extractor, ruleset, articles, batch_size=RULES_TEST_BATCH, progress=advance)
        if "c" in wanted:
            phases["c"] = offline.result
            phases["c"]["_matches"] = {_key(m) for m in offline.matches}
            console.print(f"C  offline path: {offline.result['articles_per_s']:.1f} articles/s, "
                          f"{offline.result['matches']} matches")  # fmt: skip
        if "rules" in wanted:
            categories = ruleset.categories() or frozenset(offline.result["categories"] or ())
            console.print(f"rules  generating {options.rule_counts[0]} and {options.rule_counts[1]} rules ...")
            scaling = rule_scaling(extractor, articles, offline.events, sorted(categories), workdir,
                                   counts=options.rule_counts)  # fmt: skip
            small, large = (str(c) for c in options.rule_counts)
            extract_s = offline.result["extract_s"]
            scaling["extract_s"] = extract_s
            scaling["path_s"] = {c: extract_s + scaling["match_s"][c] for c in (small, large)}
            scaling["path_ratio"] = scaling["path_s"][large] / scaling["path_s"][small]
            scaling["match_ratio"] = scaling["match_s"][large] / max(scaling["match_s"][small], 1e-9)
            phases["rules"] = scaling
            console.print(f"rules  {large} vs {small} rules: {scaling['path_ratio']:.2f}x the time "
                          f"(matching alone {scaling['match_ratio']:.1f}x)")  # fmt: skip


def _service_phases(
    options: BenchOptions,
    settings: Settings,
    inputs: Any,
    wanted: list[str],
    phases: dict[str, Any],
    slack: SlackTarget,
    workdir: Path,
    console: Console,
) -> None:
    articles = inputs.articles
    runs: list[tuple[str, int, bool]] = []
    if "b" in wanted or "latency" in wanted:
        runs.append(("b", 1, False))
    if "scaleout" in wanted:
        runs.append(("scaleout", 2, False))
    if "fullparse" in wanted:
        runs.append(("fullparse", 1, True))
    for name, workers, full_parse in runs:
        label = {"b": "B  service, 1 worker", "scaleout": "B2 service, 2 workers",
                 "fullparse": "BF service, full parse"}[name]  # fmt: skip
        console.print(f"{label}: starting broker and {workers} worker(s) ...")
        with Service(settings, workers=workers, slack=slack, workdir=workdir / name, full_parse=full_parse) as svc:
            result: dict[str, Any] = {"workers": workers, "full_parse": full_parse, "startup_s": svc.startup_s}
            if name != "b" or "b" in wanted:
                with _progress(console, label, len(articles)) as advance:
                    result.update(svc.stream(articles, progress=_absolute(advance)))
                result["_matches"] = svc.matches()
                result["_alerts"] = svc.alerts()
                result["matches"] = len(result["_matches"])
                console.print(f"{label}: {result['articles_per_s']:.1f} articles/s, {result['alerts']} alerts")
            if name == "b" and "latency" in wanted:
                with _progress(console, f"L  latency at {options.rate:g}/s", len(inputs.latency)) as advance:
                    latency = svc.stream(inputs.latency, rate=options.rate, progress=_absolute(advance))
                phases["latency"] = latency
                p99 = latency["alert_latency_ms"]["p99"]
                console.print(
                    f"L  latency: article p99 {latency['latency_ms']['p99'] or 0:.0f} ms, alert p99 "
                    + (f"{p99:.0f} ms" if p99 is not None else "n/a (no alerts)")
                )
            result["peak_rss_mb"] = svc.peak_rss_mb()
            if name != "b" or "b" in wanted:
                phases[name] = result
            elif "latency" in phases:
                phases["latency"]["peak_rss_mb"] = result["peak_rss_mb"]


def _key(match: Any) -> tuple[str, str, int, int]:
    return (match.rule_id, match.article.id, match.event.start, match.event.end)


def ratios(phases: dict[str, Any]) -> dict[str, float | None]:
    def aps(name: str) -> float | None:
        value = phases.get(name, {}).get("articles_per_s")
        return float(value) if value else None

    def div(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    return {
        "b_over_a": div(aps("b"), aps("a")),
        "c_over_a": div(aps("c"), aps("a")),
        "fullparse_over_a": div(aps("fullparse"), aps("a")),
        "two_over_one": div(aps("scaleout"), aps("b")),
        "two_over_a": div(aps("scaleout"), aps("a")),
        "rules_1000_over_10": phases.get("rules", {}).get("path_ratio"),
    }


def compare(phases: dict[str, Any]) -> dict[str, Any]:
    """B's matches and alerts against the full-parse run's: (rule id, article id, trigger offsets)."""
    b, full = phases.get("b"), phases.get("fullparse")
    if b is None or full is None:
        return {"checked": False, "identical": None, "reason": "needs phases b and fullparse"}
    out: dict[str, Any] = {"checked": True}
    for kind in ("matches", "alerts"):
        mine, theirs = b[f"_{kind}"], full[f"_{kind}"]
        out[kind] = {
            "selective": len(mine),
            "full_parse": len(theirs),
            "only_selective": [list(k) for k in sorted(mine - theirs)][:20],
            "only_full_parse": [list(k) for k in sorted(theirs - mine)][:20],
        }
    if "c" in phases:
        out["offline_matches_equal_full_parse"] = phases["c"]["_matches"] == full["_matches"]
    out["identical"] = all(not out[k]["only_selective"] and not out[k]["only_full_parse"]
                           for k in ("matches", "alerts"))  # fmt: skip
    return out


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    r, phases = results["ratios"], results["phases"]
    rss = [v for p in phases.values() if isinstance(p, dict) for v in (p.get("peak_rss_mb") or []) if v]
    p99 = phases.get("latency", {}).get("alert_latency_ms", {}).get("p99")
    rows = [
        ("B/A articles per second", ">=", TARGETS["b_over_a"], r["b_over_a"]),
        ("1,000 rules / 10 rules time", "<=", TARGETS["rules_1000_over_10"], r["rules_1000_over_10"]),
        ("two workers / one worker", ">=", TARGETS["two_over_one"], r["two_over_one"]),
        ("p99 produce -> Slack post (ms)", "<=", TARGETS["alert_p99_ms"], p99),
        ("peak RSS per worker (MB)", "<=", TARGETS["peak_rss_mb"], max(rss) if rss else None),
    ]
    out = []
    for name, op, target, value in rows:
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        out.append({"name": name, "target": f"{op} {target:g}", "value": value, "met": met})
    identical = results["identical_alerts"]["identical"]
    out.append({"name": "alerts identical to full parse", "target": "yes", "value": identical, "met": identical})
    return out


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "host": platform.node(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average_start": list(os.getloadavg()),
        "python": platform.python_version(),
        "spacy": spacy.about.__version__,
        "platform": platform.platform(),
    }


@contextmanager
def _progress(console: Console, label: str, total: int) -> Iterator[Callable[[int], None]]:
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _absolute(advance: Callable[[int], None]) -> Callable[[int, int], None]:
    """Adapt a relative progress callback to (done, total) reports."""
    state = {"done": 0}

    def report(done: int, total: int) -> None:
        if done > state["done"]:
            advance(done - state["done"])
            state["done"] = done

    return report
