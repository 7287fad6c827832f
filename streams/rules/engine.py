"""Compiled rules, the rule set, its index, stateless matching and explanations.

The index: for each rule we work out, from its selections and condition, a set of (field, value) pairs over
``lemma``, ``target.code``, ``source.code`` and ``event`` one of which every event it matches must have (plain
equalities pin a field; an ``and`` takes its most selective branch, an ``or`` needs all its branches). The
rule is filed under those pairs; rules without such a set are checked for every event. An event looks up its
own lemma, codes and category, so 1,000 rules cost little more than the handful that could match it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2

from streams.models import Article, Event, Match
from streams.rules import condition as cond
from streams.rules.fields import FIELDS
from streams.rules.operators import Selection

# Most selective first: a lemma names one verb, a code one country, a category covers many verbs.
INDEX_FIELDS = ("lemma", "target.code", "source.code", "event")
# The fields an event takes from its trigger's lexicon entry (see RuleSet.trigger_pins).
TRIGGER_FIELDS = ("event", "lemma", "mode")


@dataclass(frozen=True)
class Dedup:
    key: tuple[str, ...]
    window: float


@dataclass(frozen=True)
class Threshold:
    count: int
    by: str  # "outlets" or "articles"
    window: float


@dataclass(frozen=True)
class InlineTest:
    name: str
    article: Article
    match: bool
    expect: Selection | None
    line: int | None


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    title: str
    path: str
    line: int
    selections: Mapping[str, Selection]
    condition: cond.Node
    condition_text: str
    macros: Mapping[str, Selection] = field(default_factory=dict)
    exceptions: Mapping[str, Selection] = field(default_factory=dict)
    description: str = ""
    level: str = "medium"
    status: str = "experimental"
    labels: Mapping[str, str] = field(default_factory=dict)
    enabled: bool = True
    min_confidence: float = 0.0
    dedup: Dedup = Dedup(("source.code", "target.code"), 24 * 3600.0)
    realert: float = 0.0
    threshold: Threshold | None = None
    channels: tuple[str, ...] = ()
    template: jinja2.Template | None = None
    tests: tuple[InlineTest, ...] = ()

    def _selection(self, name: str) -> Selection:
        return self.selections[name] if name in self.selections else self.macros[name]

    def matches(self, event: Event, article: Article) -> bool:
        if event.confidence < self.min_confidence:
            return False
        if not cond.evaluate(self.condition, lambda n: self._selection(n).test(event, article)):
            return False
        return not any(s.test(event, article) for s in self.exceptions.values())

    def story_key(self, event: Event, article: Article) -> str:
        parts = [self.id]
        for name in self.dedup.key:
            values = sorted({str(v) for v in FIELDS[name].get(event, article)})
            parts.append(",".join(values) or "-")
        return "|".join(parts)

    def pinned(self, field_name: str) -> frozenset[str] | None:
        return cond.pinned(self.condition, lambda n: self._selection(n).pinned(field_name))

    def index_keys(self) -> cond.Keys | None:
        """(field, value) pairs one of which any event this rule matches must have (None: any event may)."""
        return cond.index_keys(self.condition, lambda n: self._selection(n).index_keys(INDEX_FIELDS), _rank_keys)

    def summary(self) -> dict[str, Any]:
        """The rule's metadata as plain values (for templates and listings)."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "level": self.level,
            "status": self.status,
            "labels": dict(self.labels),
            "channels": list(self.channels),
        }


def _rank_keys(keys: cond.Keys) -> tuple[int, int]:
    """Smaller is more selective: the least selective field used, then how many values."""
    return max(INDEX_FIELDS.index(name) for name, _ in keys) if keys else 0, len(keys)


@dataclass(frozen=True)
class SelectionResult:
    name: str
    passed: bool
    checks: tuple[str, ...]  # one line per field condition, "ok" or "FAILS" with the actual value
    evaluated: bool = True


@dataclass(frozen=True)
class Explanation:
    """Why a rule did or did not match one event (``event`` is None when the article gave no event)."""

    rule_id: str
    article_id: str
    event: Event | None
    matched: bool
    reason: str
    selections: tuple[SelectionResult, ...] = ()
    exceptions: tuple[SelectionResult, ...] = ()


class RuleSet:
    """An immutable, indexed collection of compiled rules."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._by_id = {r.id: r for r in self.rules}
        self._enabled = [r for r in self.rules if r.enabled]
        self._index: dict[str, dict[str, list[int]]] = {f: defaultdict(list) for f in INDEX_FIELDS}
        self._always: list[int] = []
        self._trigger_pins: tuple[dict[str, frozenset[str] | None], ...] | None = None
        # Per rule, every index field it pins: a candidate whose event lacks a pinned value is dropped before
        # its selections are evaluated (cheap set tests instead of full checks).
        self._prefilter: list[tuple[tuple[str, frozenset[str]], ...]] = []
        for pos, rule in enumerate(self._enabled):
            pins = ((name, rule.pinned(name)) for name in INDEX_FIELDS)
            self._prefilter.append(tuple((name, values) for name, values in pins if values is not None))
            keys = rule.index_keys()
            if keys is None:
                self._always.append(pos)
                continue
            for name, value in keys:
                self._index[name][value].append(pos)

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Any:
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"no rule with id {rule_id!r}") from None

    def categories(self) -> frozenset[str] | None:
        """PLOVER categories any enabled rule can match; None when some rule does not constrain ``event``."""
        out: set[str] = set()
        for rule in self._enabled:
            pinned = rule.pinned("event")
            if pinned is None:
                return None
            out |= {v.upper() for v in pinned}
        return frozenset(out)

    def lemmas(self) -> frozenset[str] | None:
        """Trigger lemmas any enabled rule can match; None when some rule does not constrain ``lemma``."""
        out: set[str] = set()
        for rule in self._enabled:
            pinned = rule.pinned("lemma")
            if pinned is None:
                return None
            out |= pinned
        return frozenset(out)

    def trigger_pins(self) -> tuple[dict[str, frozenset[str] | None], ...]:
        """Per enabled rule, the values it pins ``event``, ``lemma`` and ``mode`` to (None: any value).

        Extraction uses them to parse only sentences whose trigger words could give an event some rule matches
        (``streams.nlp.selection.TriggerFilter.from_pins``). A field under ``not``, a regex or any operator other
        than equality is not pinned, so such a rule keeps every trigger of its categories.
        """
        if self._trigger_pins is None:  # asked for every batch the worker extracts; the set never changes
            self._trigger_pins = tuple({name: rule.pinned(name) for name in TRIGGER_FIELDS} for rule in self._enabled)
        return self._trigger_pins

    def candidates(self, event: Event, article: Article) -> list[Rule]:
        """The enabled rules that could match ``event`` (a superset of those that do), in file order."""
        values = {name: {str(v).casefold() for v in FIELDS[name].get(event, article)} for name in INDEX_FIELDS}
        positions = set(self._always)
        for name in INDEX_FIELDS:
            table = self._index[name]
            if table:
                for value in values[name]:
                    hit = table.get(value)
                    if hit:
                        positions.update(hit)
        return [
            self._enabled[p]
            for p in sorted(positions)
            if all(values[name] & pinned for name, pinned in self._prefilter[p])
        ]

    def match(self, article: Article, events: Sequence[Event]) -> list[Match]:
        """Every (rule, event) pair that matches; stateless (dedup and thresholds are StoryTracker's job)."""
        out: list[Match] = []
        for event in events:
            for rule in self.candidates(event, article):
                if rule.matches(event, article):
                    out.append(Match(rule.id, article, event, rule.story_key(event, article)))
        return out

    def explain(self, article: Article, events: Sequence[Event]) -> list[Explanation]:
        """For every enabled rule and event: which selections passed or failed, and why."""
        out: list[Explanation] = []
        for rule in self._enabled:
            if not events:
                out.append(Explanation(rule.id, article.id, None, False, "no events were extracted"))
            for event in events:
                out.append(explain_rule(rule, article, event))
        return out


def explain_rule(rule: Rule, article: Article, event: Event) -> Explanation:
    results: dict[str, SelectionResult] = {}
    for name in sorted(cond.names(rule.condition)):
        passed, lines = rule._selection(name).explain(event, article)
        results[name] = SelectionResult(name, passed, tuple(lines))
    held = cond.evaluate(rule.condition, lambda n: results[n].passed)
    exceptions = tuple(
        SelectionResult(name, *_pair(sel.explain(event, article))) for name, sel in rule.exceptions.items()
    )
    if event.confidence < rule.min_confidence:
        matched, reason = (
            False,
            f"confidence {event.confidence:.2f} is below min_confidence {rule.min_confidence}",
        )
    elif not held:
        failed = [n for n, r in results.items() if not r.passed]
        reason = f"condition `{rule.condition_text}` is false (failed: {', '.join(failed) or 'none'})"
        matched = False
    elif hits := [e.name for e in exceptions if e.passed]:
        matched, reason = False, f"exception {', '.join(hits)} holds"
    else:
        matched, reason = True, f"condition `{rule.condition_text}` holds"
    return Explanation(rule.id, article.id, event, matched, reason, tuple(results.values()), exceptions)


def _pair(value: tuple[bool, list[str]]) -> tuple[bool, tuple[str, ...]]:
    return value[0], tuple(value[1])
