"""The benchmark's short table (rich), printed by `newsalert bench` after the JSON is written."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

LABELS = {
    "a": "A  spaCy nlp.pipe",
    "c": "C  offline path",
    "b": "B  service, 1 worker",
    "scaleout": "B2 service, 2 workers",
    "fullparse": "BF full parse, 1 worker",
}


def _num(value: Any, fmt: str = ".1f") -> str:
    return "-" if value is None else format(value, fmt)


def render(results: dict[str, Any], console: Console) -> None:
    phases = results["phases"]
    machine = results["machine"]
    throughput = Table(title=f"newsalert bench: {results['input']['articles']} articles "
                             f"({machine['cores']} cores, {machine['cpu']})")  # fmt: skip
    throughput.add_column("phase")
    throughput.add_column("articles/s", justify="right")
    throughput.add_column("seconds", justify="right")
    throughput.add_column("x A", justify="right")
    throughput.add_column("alerts/matches", justify="right")
    throughput.add_column("RSS MB", justify="right")
    a = (phases.get("a") or {}).get("articles_per_s")
    for name, label in LABELS.items():
        phase = phases.get(name)
        if phase is None or "articles_per_s" not in phase:
            continue
        ratio = phase["articles_per_s"] / a if a else None
        found = f"{phase.get('alerts', '-')} / {phase.get('matches', '-')}"
        rss = ", ".join(_num(v, ".0f") for v in phase.get("peak_rss_mb") or []) or "-"
        throughput.add_row(label, _num(phase["articles_per_s"]), _num(phase["seconds"]), _num(ratio, ".2f"),
                           found, rss)  # fmt: skip
    console.print(throughput)

    latency = phases.get("latency")
    if latency is not None:
        table = Table(title=f"Latency at {latency['rate']:g} articles/s ({latency['articles']} articles)")
        table.add_column("produce ->")
        for column in ("n", "p50 ms", "p99 ms", "max ms"):
            table.add_column(column, justify="right")
        for key, label in (("latency_ms", "article fully processed"), ("alert_latency_ms", "alert posted")):
            row = latency[key]
            table.add_row(label, str(row["n"]), _num(row["p50"], ".0f"), _num(row["p99"], ".0f"),
                          _num(row["max"], ".0f"))  # fmt: skip
        console.print(table)

    rules = phases.get("rules")
    if rules is not None:
        small, large = (str(c) for c in rules["rules"])
        console.print(
            f"Rule scaling: extraction {rules['extract_s']:.2f} s + matching {rules['match_s'][small]:.3f} s "
            f"({small} rules) vs {rules['match_s'][large]:.3f} s ({large} rules): {rules['path_ratio']:.2f}x"
        )

    identical = results["identical_alerts"]
    if identical["checked"]:
        verdict = "[green]identical[/]" if identical["identical"] else "[red]DIFFERENT[/]"
        console.print(
            f"Alerts vs full parse: {verdict} ({identical['alerts']['selective']} alerts, "
            f"{identical['matches']['selective']} matches selective; {identical['alerts']['full_parse']} / "
            f"{identical['matches']['full_parse']} full parse)"
        )
    else:
        console.print(f"Alerts vs full parse: not checked ({identical['reason']})")

    table = Table(title="Targets")
    table.add_column("target")
    table.add_column("wanted", justify="right")
    table.add_column("measured", justify="right")
    table.add_column("met")
    for row in results["targets"]:
        value = row["value"]
        shown = _num(value, ".2f") if isinstance(value, float) else ("-" if value is None else str(value))
        met = {True: "[green]yes[/]", False: "[red]no[/]", None: "-"}[row["met"]]
        table.add_row(row["name"], row["target"], shown, met)
    console.print(table)
    load = ", ".join(f"{x:.2f}" for x in machine["load_average_start"])
    console.print(f"Delivery: {results.get('delivery', '-')}; load average at start {load}; "
                  f"total {results['seconds']:.0f} s")  # fmt: skip
