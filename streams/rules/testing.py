"""Run the ``tests:`` written inside rules: sentences or articles that must (or must not) match.

The extractor is passed in (``extract_batch``-shaped), so unit tests can use hand-built events and the CLI the
real spaCy pipeline. Every test article is extracted in one batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from streams.models import Article, Event
from streams.rules.engine import InlineTest, Rule, RuleSet, explain_rule

BatchExtractor = Callable[[Sequence[Article]], Sequence[Sequence[Event]]]


@dataclass(frozen=True)
class TestOutcome:
    rule_id: str
    name: str
    passed: bool
    where: str  # path:line of the test
    detail: str = ""  # why it failed


def run_inline_tests(ruleset: RuleSet, extract: BatchExtractor) -> list[TestOutcome]:
    cases = [(rule, test) for rule in ruleset.rules for test in rule.tests]
    if not cases:
        return []
    events = extract([test.article for _, test in cases])
    return [_run(rule, test, list(evs)) for (rule, test), evs in zip(cases, events, strict=True)]


def _run(rule: Rule, test: InlineTest, events: list[Event]) -> TestOutcome:
    article = test.article
    where = f"{rule.path}:{test.line}" if test.line else rule.path
    hits = [e for e in events if rule.matches(e, article)]
    if test.match and test.expect is not None:
        expect = test.expect
        good = [e for e in hits if expect.test(e, article)]
        if good:
            return TestOutcome(rule.id, test.name, True, where)
        if hits:
            lines = [f"matched, but no match has the expected values; on {describe(hits[0])}:"]
            lines += ["  " + line for line in expect.explain(hits[0], article)[1]]
            return TestOutcome(rule.id, test.name, False, where, "\n".join(lines))
    if test.match:
        if hits:
            return TestOutcome(rule.id, test.name, True, where)
        return TestOutcome(rule.id, test.name, False, where, _why_not(rule, article, events))
    if not hits:
        return TestOutcome(rule.id, test.name, True, where)
    return TestOutcome(rule.id, test.name, False, where, f"must not match, but matched {describe(hits[0])}")


def _why_not(rule: Rule, article: Article, events: list[Event]) -> str:
    if not events:
        return f"expected a match, but no event was extracted from {_short(article.body)!r}"
    lines = [f"expected a match; {len(events)} event(s) extracted, none matched:"]
    for event in events:
        why = explain_rule(rule, article, event)
        lines.append(f"  {describe(event)}: {why.reason}")
        for sel in why.selections:
            if not sel.passed:
                lines += [f"    {sel.name}: {check}" for check in sel.checks if "FAILS" in check]
    return "\n".join(lines)


def describe(event: Event) -> str:
    """One line: ``KOR -> DISAPPROVE(summon) -> RUS``."""

    def side(actors: Sequence[object]) -> str:
        codes = [getattr(a, "code", None) or getattr(a, "actorText", "?") for a in actors]
        return "+".join(str(c) for c in codes) or "?"

    modality = "" if event.modality == "asserted" else f" [{event.modality}]"
    return f"{side(event.source)} -> {event.event}({event.lemma}){modality} -> {side(event.target)}"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
