"""`newsalert extract` and `newsalert eval`: run the event extractor offline, and score it on labelled data."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from streams.models import Event
from streams.settings import Settings
from streams.sources import batched

if TYPE_CHECKING:
    from streams.nlp.evaluate import EvalReport

BATCH = 32  # articles per extraction batch
DEFAULT_LABELLED = Path("../shared/data/dev-labelled.jsonl")


def _extractor(settings: Settings, rules_dir: Path | None) -> object:
    from streams.nlp import Extractor

    data_dir = rules_dir if rules_dir is not None else settings.rules_dir
    return Extractor(
        model=settings.model,
        data_dir=data_dir if data_dir.is_dir() else None,
        max_chars=settings.max_article_chars,
    )


def describe_event(event: Event) -> str:
    """who -> did what -> to whom [modality], for people."""

    def names(actors: Sequence[object]) -> str:
        parts = []
        for a in actors:
            text = getattr(a, "actorText", "?")
            code = "/".join(x for x in (getattr(a, "code", None), getattr(a, "sector", None)) if x)
            parts.append(f"{text} ({code})" if code else text)
        return " + ".join(parts) or "?"

    extra = [event.modality]
    if event.speaker:
        extra.append(f"says {event.speaker}")
    if event.context:
        extra.append("context " + ",".join(event.context))
    if event.date:
        extra.append(event.date)
    if event.tier != "hand":
        extra.append(f"{event.tier} lexicon")  # a CAMEO-derived reading: broader, less precise
    return (
        f"{names(event.source)} -> {event.event} ({event.eventText}) -> "
        f"{'each other' if event.reciprocal else names(event.target)}"
        f"  [{'; '.join(extra)}; confidence {event.confidence:.2f}]"
    )


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help='One JSON line per article: {"id": ..., "events": [...]}.')
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Rules folder whose actors/ and lexicon/ extend the packaged data (default: $NEWSALERT_RULES).",
)
@click.option("--model", default=None, help="spaCy model to load (default: $NEWSALERT_MODEL or the packaged one).")
def extract(paths: tuple[str, ...], as_json: bool, rules_dir: Path | None, model: str | None) -> None:
    """Print the events extracted from articles, offline (no Kafka).

    PATHS are JSON Lines, JSON or .txt files, folders (read recursively), or - for JSON Lines on stdin.
    Bad records are reported on stderr with their path and line and skipped.
    """
    from streams.sources import read_articles

    settings = Settings.load(model=model)
    logging.basicConfig(level=getattr(logging, settings.log_level.upper(), logging.INFO), format="%(message)s")
    extractor = _extractor(settings, rules_dir)
    for batch in batched(read_articles(paths), BATCH):
        for article, events in zip(batch, extractor.extract_batch(batch), strict=True):  # type: ignore[attr-defined]
            if as_json:
                line = {"id": article.id, "events": [e.to_dict() for e in events]}
                click.echo(json.dumps(line, ensure_ascii=False))
                continue
            click.echo(f"== {article.id}: {len(events)} event(s)")
            for event in events:
                click.echo(f"  {describe_event(event)}")
                click.echo(f"      {event.text}")


@click.command(name="eval")
@click.argument("labelled", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--limit", type=int, default=None, help="Score only the first N rows (after --origin filtering).")
@click.option(
    "--origin",
    "origins",
    multiple=True,
    metavar="PREFIX",
    help="Score only rows whose origin starts with PREFIX (repeatable), e.g. conflibert_cameo/train. Without it, "
    "the report covers all rows and each split: tune (conflibert_cameo/train) and held-out "
    "(conflibert_cameo/test, petr2_gsr_validation/).",
)
@click.option("--model", default=None, help="spaCy model to load (default: $NEWSALERT_MODEL or the packaged one).")
def eval_cmd(
    labelled: Path | None, as_json: bool, limit: int | None, origins: tuple[str, ...], model: str | None
) -> None:
    """Score extraction on a labelled JSON Lines file (default: ../shared/data/dev-labelled.jsonl).

    Prints top-1 category accuracy, per-class and per-category precision/recall/F1, the class confusion matrix,
    and source/target code accuracy; see streams/nlp/evaluate.py for exactly how each figure is counted.
    """
    from streams.nlp.evaluate import evaluate, evaluate_splits

    path = labelled or DEFAULT_LABELLED
    if not path.is_file():
        raise click.UsageError(f"labelled file {path} not found; pass its path")
    settings = Settings.load(model=model)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    extractor = _extractor(settings, None)
    reports: dict[str, EvalReport]
    if origins:
        report = evaluate(path, extractor, limit=limit, origins=origins)  # type: ignore[arg-type]
        reports = {"selected": report}
    else:
        reports = evaluate_splits(path, extractor, limit=limit)  # type: ignore[arg-type]
        report = reports["all"]
    if as_json:
        out = report.to_dict()
        if not origins:
            out["splits"] = {name: r.to_dict() for name, r in reports.items() if name != "all"}
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    _print_report(path, report, reports if not origins else {})


def _print_report(path: Path, report: EvalReport, splits: dict[str, EvalReport]) -> None:
    from rich.console import Console
    from rich.table import Table

    from streams.nlp.evaluate import CLASS_NAMES, report_rows

    console = Console()
    origins = f" (origin {', '.join(report.origins)})" if report.origins else ""
    head = Table(title=f"Extraction on {path}{origins}")
    head.add_column("measure")
    columns = splits or {"value": report}
    for name in columns:
        head.add_column(name, justify="right")
    rows = [report_rows(r) for r in columns.values()]
    for i, (measure, _) in enumerate(rows[0]):
        head.add_row(measure, *(r[i][1] for r in rows))
    console.print(head)
    for name, r in columns.items():
        if r.origins:
            console.print(f"  {name}: rows whose origin starts with {' or '.join(r.origins)}")
    d = report.to_dict()
    for title, key in (("Per class (five-way)", "per_class"), ("Per PLOVER category (PETRARCH rows)", "per_category")):
        table = Table(title=title + (" — all rows" if splits else ""))
        for col in ("label", "precision", "recall", "f1", "support"):
            table.add_column(col, justify="left" if col == "label" else "right")
        for label, s in d[key].items():
            table.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["support"]))
        console.print(table)
    suffix = " — all rows" if splits else ""
    confusion = Table(title=f"Confusion (rows: gold class, columns: predicted class){suffix}")
    confusion.add_column("gold \\ predicted")
    for cls in CLASS_NAMES:
        confusion.add_column(str(cls), justify="right")
    for gold_cls, name in CLASS_NAMES.items():
        confusion.add_row(f"{gold_cls} {name}", *(str(d["confusion"][str(gold_cls)][str(p)]) for p in CLASS_NAMES))
    console.print(confusion)
