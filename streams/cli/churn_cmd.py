"""`newsalert churn`: the check that workers joining, leaving and crashing lose no article (issue 8)."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click

from streams.churn import ChurnPlan, ChurnReport


@click.command()
@click.option("--workers", type=click.IntRange(1, 8), default=2, show_default=True,
              help="Worker processes in the consumer group.")
@click.option("--cycles", type=click.IntRange(0), default=10, show_default=True,
              help="Stop/restart cycles (each stops one worker, waits, restarts it).")
@click.option("--articles", type=click.IntRange(1), default=400, show_default=True,
              help="Synthetic keyed articles replayed during the churn (about 5% match a shipped rule).")
@click.option("--partitions", type=click.IntRange(1), default=4, show_default=True,
              help="Partitions of the topics created for the run.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the articles, of which worker stops and how (same seed, same plan).")
@click.option("--kill-ratio", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Share of stops that are SIGKILL crashes; the others are graceful SIGTERM.")
@click.option("--rate", type=float, help="Articles per second (default: spread over the planned churn).")
@click.option("--timeout", type=float, default=300.0, show_default=True,
              help="Seconds to wait for the last article after the cycles.")
@click.option("--broker", "broker_url",
              help="Kafka URL (default: $NEWSALERT_BROKER; unset = an embedded broker for this run).")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Rules folder the workers load (default: $NEWSALERT_RULES or rules/).")
@click.option("--log-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the worker logs go (default: a folder under the data dir).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def churn(
    workers: int,
    cycles: int,
    articles: int,
    partitions: int,
    seed: int,
    kill_ratio: float,
    rate: float | None,
    timeout: float,
    broker_url: str | None,
    rules_dir: Path | None,
    log_dir: Path | None,
    as_json: bool,
) -> None:
    """Replay keyed articles while workers are stopped, crashed and restarted; count what was lost.

    Starts the embedded broker (unless --broker), W real workers with the console sink (never Slack), and for C
    cycles stops one worker (SIGTERM or kill -9), waits and restarts it. Then waits until every article has a
    receipt and reports per partition the offsets skipped (committed past but never processed), still
    unprocessed, and processed more than once, and any alert delivered twice. Exit status 1 if any record was
    skipped or left unprocessed, or an alert was delivered twice.
    """
    from streams.churn import run_churn
    from streams.cli.main import load_settings, setup_logging

    settings = load_settings(broker=broker_url, rules_dir=rules_dir)
    setup_logging(settings)
    plan = ChurnPlan(
        workers=workers, cycles=cycles, articles=articles, partitions=partitions, seed=seed,
        kill_ratio=kill_ratio, rate=rate, timeout=timeout, log_dir=log_dir,
    )
    # A SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so the broker and the workers are stopped too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    report = run_churn(settings, plan)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    else:
        click.echo(format_report(report))
    sys.exit(0 if report.ok else 1)


def format_report(report: ChurnReport) -> str:
    plan = report.plan
    kills = sum(1 for e in report.events if e["action"] == "kill")
    lines = [
        f"churn: {plan.workers} workers, {plan.cycles} cycles ({kills} kill -9, {plan.cycles - kills} SIGTERM), "
        f"{plan.articles} articles, {plan.partitions} partitions, seed {plan.seed}, {report.elapsed:.0f} s",
        f"{'partition':>9} {'end':>6} {'committed':>9} {'processed':>9} {'skipped':>7} {'pending':>7} "
        f"{'dup-offsets':>11} {'reprocessed':>11}",
    ]
    for p in report.partitions:
        committed = "-" if p.committed is None else str(p.committed)
        lines.append(
            f"{p.partition:>9} {p.end_offset:>6} {committed:>9} {p.processed:>9} {p.skipped_count:>7} "
            f"{p.unprocessed_count:>7} {p.duplicates:>11} {p.reprocessed:>11}"
        )
        if p.skipped:
            lines.append(f"{'':>9} skipped offsets: {', '.join(_span(r) for r in p.skipped)}")
    lines.append(
        f"alerts delivered: {report.alerts_delivered}; delivered twice: {len(report.double_deliveries)}; "
        f"re-deliveries stopped by the delivery table: {report.duplicate_receipts}"
    )
    if report.unplanned_exits:
        lines.append(f"workers that exited by themselves (restarted): {report.unplanned_exits}; see the worker logs")
    if not report.complete:
        lines.append(f"not complete: still without a receipt after the timeout: {report.pending}")
    verdict = "OK: 0 skipped" if report.ok else (
        f"FAILED: {report.skipped} skipped, {report.unprocessed} unprocessed, "
        f"{len(report.double_deliveries)} alerts delivered twice"
        + ("" if report.complete else f", pipeline not complete {report.pending}")
    )
    lines.append(verdict)
    return "\n".join(lines)


def _span(r: tuple[int, int]) -> str:
    return str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}"
