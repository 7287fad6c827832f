"""`newsalert rules ...`: check, test and dry-run rule files (the rule editing loop)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from streams.errors import RuleError
from streams.models import Article, Event, Match
from streams.rules import RuleSet, check_paths, load_rules, rule_files
from streams.rules.schema import json_schema_text
from streams.rules.testing import describe, run_inline_tests
from streams.sources import batched

BATCH = 32  # articles per extraction batch (spaCy's nlp.pipe is faster on batches)


@click.group()
def rules() -> None:
    """Check, test and dry-run rule files.

    The loop: edit a file in rules/, run `newsalert rules check rules`, then `newsalert rules test rules`
    (the rules' own tests) or `newsalert rules test rules --articles some/articles`; a running worker picks the
    change up within seconds.
    """


@rules.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate rule files (folders: every *.yaml inside) and print every problem as path:line:col: message.

    Exits 1 if there is any problem, 0 otherwise.
    """
    problems = check_paths(list(paths))
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({p.location.path for p in problems})
        click.echo(f"{len(problems)} problem(s) in {files} file(s)", err=True)
        sys.exit(1)
    ruleset = load_rules(list(paths))
    n_files = len(rule_files(list(paths)))
    enabled = sum(r.enabled for r in ruleset.rules)
    tests = sum(len(r.tests) for r in ruleset.rules)
    click.echo(f"OK: {len(ruleset)} rules ({enabled} enabled, {tests} inline tests) in {n_files} file(s)")


@rules.command()
def schema() -> None:
    """Print the JSON Schema of a rule file (for editors: `# yaml-language-server: $schema=...`)."""
    click.echo(json_schema_text(), nl=False)


@rules.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--articles",
    "article_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Dry-run over an article file or folder (JSONL, JSON or .txt) instead of the inline tests; repeatable.",
)
@click.option("--from-topic", "topic", help="Dry-run over a range of this Kafka topic (read-only, no group).")
@click.option("--broker", help="Kafka URL for --from-topic (default: $NEWSALERT_BROKER).")
@click.option("--since", help="With --from-topic: start at this time (ISO 8601 or epoch seconds); default: start.")
@click.option("--until", help="With --from-topic: stop at this time (ISO 8601 or epoch seconds); default: now.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per match on stdout; summary on stderr.")
@click.option("--explain", is_flag=True, help="Show, per article and rule, which selections passed or failed.")
def test(
    paths: tuple[Path, ...],
    article_paths: tuple[Path, ...],
    topic: str | None,
    broker: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
    explain: bool,
) -> None:
    """Run the rules' inline tests, or dry-run the rules over articles and print each match.

    Without --articles or --from-topic, every rule's `tests:` run through the real extractor (exit 1 if any
    fails). With them, each match is printed (with --json, as {"rule", "article", "event"} lines), followed by a
    table of matches per rule. Nothing is sent anywhere.
    """
    try:
        ruleset = load_rules(list(paths))
    except RuleError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    extractor = _extractor(paths)
    if not article_paths and not topic:
        sys.exit(_inline_tests(ruleset, extractor, as_json))
    articles: Iterable[Article]
    if topic:
        articles = _topic_articles(topic, broker, since, until)
        if article_paths:
            articles = _chain(_file_articles(article_paths), articles)
    else:
        articles = _file_articles(article_paths)
    _dry_run(ruleset, extractor, articles, as_json=as_json, explain=explain)


def _chain(*parts: Iterable[Article]) -> Iterator[Article]:
    for part in parts:
        yield from part


def _extractor(paths: Sequence[Path]) -> Any:
    from streams.nlp import Extractor
    from streams.settings import Settings

    settings = Settings.load()
    data_dir = next((p for p in paths if p.is_dir()), settings.rules_dir)
    return Extractor(model=settings.model, data_dir=data_dir, max_chars=settings.max_article_chars)


def _inline_tests(ruleset: RuleSet, extractor: Any, as_json: bool) -> int:
    outcomes = run_inline_tests(ruleset, lambda articles: extractor.extract_batch(list(articles)))
    for outcome in outcomes:
        if as_json:
            click.echo(json.dumps(outcome.__dict__))
            continue
        mark = "PASS" if outcome.passed else "FAIL"
        click.echo(f"{mark}  {outcome.rule_id}: {outcome.name}  ({outcome.where})")
        if outcome.detail:
            click.echo("      " + outcome.detail.replace("\n", "\n      "))
    failed = sum(not o.passed for o in outcomes)
    untested = [r.id for r in ruleset.rules if not r.tests]
    summary = f"{len(outcomes) - failed} passed, {failed} failed"
    if untested:
        summary += f"; rules without tests: {', '.join(untested)}"
    click.echo(summary, err=as_json)
    return 1 if failed else 0


def _file_articles(paths: Sequence[Path]) -> Iterator[Article]:
    from streams.sources import read_articles

    yield from read_articles(paths)


def _dry_run(ruleset: RuleSet, extractor: Any, articles: Iterable[Article], *, as_json: bool, explain: bool) -> None:
    counts: Counter[str] = Counter()
    n_articles = 0
    from streams.nlp import TriggerFilter

    # --explain wants every event, not only those some rule could match.
    triggers = None if explain else TriggerFilter.from_pins(ruleset.trigger_pins())
    for batch in batched(articles, BATCH):
        for article, events in zip(batch, extractor.extract_batch(batch, triggers=triggers), strict=True):
            n_articles += 1
            matches = ruleset.match(article, events)
            for m in matches:
                counts[m.rule_id] += 1
                click.echo(_match_json(m) if as_json else _match_line(m))
            if explain:
                _print_explanation(ruleset, article, events, err=as_json)
    _summary(ruleset, counts, n_articles, err=as_json)


def _match_json(m: Match) -> str:
    row = {"rule": m.rule_id, "article": m.article.id, "event": m.event.to_dict(), "story_key": m.story_key}
    return json.dumps(row, ensure_ascii=False)


def _match_line(m: Match) -> str:
    return f"{m.rule_id}  {m.article.id}  {describe(m.event)}  | {_short(m.event.text, 120)}"


def _print_explanation(ruleset: RuleSet, article: Article, events: Sequence[Event], *, err: bool) -> None:
    click.echo(f"== {article.id}: {len(events)} event(s)", err=err)
    for event in events:
        click.echo(f"   event {describe(event)}: {_short(event.text, 100)!r}", err=err)
    for why in ruleset.explain(article, events):
        verdict = "MATCH" if why.matched else "no"
        on = describe(why.event) if why.event else "-"
        click.echo(f"   [{verdict}] {why.rule_id} on {on}: {why.reason}", err=err)
        if why.event is None:
            continue
        for sel in (*why.selections, *why.exceptions):
            state = "pass" if sel.passed else "fail"
            click.echo(f"      {sel.name}: {state}", err=err)
            for line in sel.checks:
                click.echo(f"         {line}", err=err)


def _summary(ruleset: RuleSet, counts: Counter[str], n_articles: int, *, err: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Matches per rule ({n_articles} articles)")
    table.add_column("rule")
    table.add_column("level")
    table.add_column("matches", justify="right")
    for rule in ruleset.rules:
        table.add_row(rule.id + ("" if rule.enabled else " (disabled)"), rule.level, str(counts[rule.id]))
    Console(stderr=err, soft_wrap=True).print(table)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- reading a topic range ---------------------------------------------------------------------------------


def _parse_time(value: str | None, option: str) -> int | None:
    """Epoch milliseconds from ISO 8601 or epoch seconds."""
    if value is None:
        return None
    try:
        return int(float(value) * 1000)
    except ValueError:
        pass
    try:
        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither ISO 8601 nor epoch seconds", param_hint=option) from None


def _topic_articles(topic: str, broker: str | None, since: str | None, until: str | None) -> Iterator[Article]:
    """Articles from [since, until) of every partition: partition assignment, no group, no commits, no sends."""
    from kafka import KafkaConsumer, TopicPartition

    from streams.errors import ArticleError
    from streams.settings import Settings

    settings = Settings.load(broker=broker)
    if settings.broker is None:
        raise click.UsageError("--from-topic needs --broker or $NEWSALERT_BROKER")
    start_ms, end_ms = _parse_time(since, "--since"), _parse_time(until, "--until")
    bootstrap = settings.broker.removeprefix("kafka://")
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, consumer_timeout_ms=5000
    )
    try:
        partitions = consumer.partitions_for_topic(topic)
        if not partitions:
            raise click.UsageError(f"topic {topic!r} does not exist or has no partitions")
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        stop = consumer.end_offsets(tps)  # a fixed range: what is in the topic now
        if start_ms is not None:
            found = consumer.offsets_for_times({tp: start_ms for tp in tps})
            for tp in tps:
                hit = found.get(tp)
                consumer.seek(tp, hit.offset if hit is not None else stop[tp])
        else:
            consumer.seek_to_beginning(*tps)
        remaining = {tp for tp in tps if consumer.position(tp) < stop[tp]}
        while remaining:
            batch = consumer.poll(timeout_ms=1000)
            if not batch:
                if all(consumer.position(tp) >= stop[tp] for tp in remaining):
                    break
                continue
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= stop[tp] or (end_ms is not None and record.timestamp >= end_ms):
                        remaining.discard(tp)
                        consumer.pause(tp)
                        break
                    try:
                        yield Article.from_json(record.value)
                    except ArticleError as exc:
                        click.echo(f"newsalert: skipped {topic}[{tp.partition}]@{record.offset}: {exc}", err=True)
                if consumer.position(tp) >= stop[tp]:
                    remaining.discard(tp)
    finally:
        consumer.close()
