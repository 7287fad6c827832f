"""`newsalert bench`: the throughput benchmark (see streams/bench and docs/benchmarks.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

PHASE_HELP = (
    "Skip a phase (repeatable): a (bare spaCy), c (offline path), rules (10 vs 1,000 rules), b (service, one "
    "worker), latency (steady rate), scaleout (two workers), fullparse (full-parse run and alert comparison)."
)


@click.command()
@click.option(
    "--articles",
    "n_articles",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="News articles to take from the data file (the seed articles are added).",
)
@click.option(
    "--data",
    type=click.Path(exists=True, path_type=Path),
    help="Folder holding reuters21578.jsonl, or an article file (default: ../shared/data).",
)
@click.option(
    "--seeds",
    type=click.Path(exists=True, path_type=Path),
    help="Seed articles mixed into the stream (default: the checkout's seeds/).",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Rules folder (default: $NEWSALERT_RULES or rules/).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("bench-results/latest.json"),
    show_default=True,
    help="Where to write the JSON results.",
)
@click.option(
    "--skip",
    multiple=True,
    type=click.Choice(["a", "c", "rules", "b", "latency", "scaleout", "fullparse"], case_sensitive=False),
    help=PHASE_HELP,
)
@click.option(
    "--latency-articles",
    type=click.IntRange(min=1),
    default=150,
    show_default=True,
    help="Articles in the latency phase.",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    help="Articles per second in the latency phase.",
)
@click.option(
    "--console-sink",
    is_flag=True,
    help="Deliver to the console sink instead of the Slack emulator (tests/slack_emulator.py).",
)
@click.option("--quick", is_flag=True, help="A tiny input (12 articles, 10 in the latency phase): proves it works.")
@click.option("--json", "as_json", is_flag=True, help="Print the results JSON on stdout instead of the tables.")
def bench(
    n_articles: int,
    data: Path | None,
    seeds: Path | None,
    rules_dir: Path | None,
    output: Path,
    skip: tuple[str, ...],
    latency_articles: int,
    rate: float,
    console_sink: bool,
    quick: bool,
    as_json: bool,
) -> None:
    """Measure throughput against bare spaCy, latency, memory, rule scaling and scale-out, in one run.

    Runs, on the same articles (N news articles mixed with the seeds): A bare spaCy nlp.pipe; C the offline
    path; B the service end to end (embedded broker, worker processes, Slack emulator) with one worker, then two,
    then one with NEWSALERT_FULL_PARSE=true, whose matches and alerts must equal B's. Writes JSON to --output and
    prints a table. Exits 1 if the alerts differ from the full-parse run's. Worker settings (batch size,
    partitions, ...) come from the environment as for `newsalert worker`.
    """
    import json

    from rich.console import Console

    from streams.bench import BenchOptions, run_benchmark
    from streams.bench.report import render
    from streams.cli.main import load_settings

    settings = load_settings(rules_dir=rules_dir)
    options = BenchOptions(
        articles=n_articles, latency_articles=latency_articles, rate=rate, data=data, seeds=seeds, output=output,
        skip=frozenset(s.lower() for s in skip), use_slack_emulator=not console_sink, settings=settings,
    )  # fmt: skip
    if quick:
        options = options.quick()
    console = Console(stderr=True)
    try:
        results = run_benchmark(options, console)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        render(results, Console())
    click.echo(f"newsalert: results written to {options.output}", err=True)
    if results["identical_alerts"]["identical"] is False:
        click.echo("newsalert: alerts differ from the full-parse run", err=True)
        sys.exit(1)
