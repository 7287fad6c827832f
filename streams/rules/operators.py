"""Field conditions (``lemma: summon``, ``text|regex: ...``) and selections (named groups of them).

A key is ``field`` or ``field|modifier|...``. Modifiers: one operator (``equals`` is the default,
``contains``, ``startswith``, ``endswith``, ``regex``, ``exists``, ``gt``, ``gte``, ``lt``, ``lte``) plus the
flags ``not`` (negates the whole condition) and ``all`` (every listed value must hold, instead of any one).
Text comparisons ignore case; regexes use RE2 (linear time, so no pattern can backtrack catastrophically) and
are case-sensitive unless they start with ``(?i)``. A field read from several actors holds if any actor
satisfies the condition.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import re2

from streams.models import Article, Event
from streams.rules.fields import FIELDS, HINTS, Field

TEXT_OPS = ("equals", "contains", "startswith", "endswith", "regex")
NUMBER_OPS = ("gt", "gte", "lt", "lte")
OPERATORS = (*TEXT_OPS, "exists", *NUMBER_OPS)
FLAGS = ("not", "all")
MODIFIERS = (*OPERATORS, *FLAGS)

_NUMERIC: dict[str, Callable[[float, float], bool]] = {
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}
_TEXT: dict[str, Callable[[str, str], bool]] = {
    "equals": operator.eq,
    "contains": operator.contains,
    "startswith": str.startswith,
    "endswith": str.endswith,
}

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # RE2 would print its own copy of the error on stderr


def compile_regex(pattern: str) -> Any:
    """Compile with RE2; raise ValueError with RE2's reason for patterns it rejects."""
    try:
        return re2.compile(pattern, options=_RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(
            f"regex {pattern!r} is rejected by RE2 ({reason}); RE2 has no backreferences or lookaround, "
            "which is what keeps matching linear-time"
        ) from None


class SpecError(ValueError):
    """A problem in a rule's matching spec, with the key path (relative to the selection) where it is."""

    def __init__(self, message: str, path: tuple[str | int, ...] = (), *, key: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.key = key


@dataclass(frozen=True)
class Check:
    """One field condition. ``values`` are casefolded strings, numbers, compiled regexes or one bool
    (exists)."""

    label: str  # as written, e.g. "lemma|not"
    field: Field
    op: str
    values: tuple[Any, ...]
    shown: tuple[Any, ...]  # values as written, for explanations
    negate: bool = False
    every: bool = False

    def test(self, event: Event, article: Article) -> bool:
        return self._holds(self.field.get(event, article)) != self.negate

    def explain(self, event: Event, article: Article) -> tuple[bool, str]:
        actual = self.field.get(event, article)
        passed = self._holds(actual) != self.negate
        seen = ", ".join(repr(_short(v)) for v in actual) or "nothing"
        want = self.shown[0] if len(self.shown) == 1 else list(self.shown)
        verdict = "ok" if passed else "FAILS"
        return passed, f"{self.label}: {want!r} {verdict} ({self.field.name} is {seen})"

    def _holds(self, actual: tuple[Any, ...]) -> bool:
        if self.op == "exists":
            present = any(v not in ("", None) for v in actual)
            return present is self.values[0]
        if self.op == "equals_number":
            return any(isinstance(a, int | float) and float(a) in self.values for a in actual)
        if self.op in _NUMERIC:
            compare = _NUMERIC[self.op]
            return any(isinstance(a, int | float) and compare(float(a), self.values[0]) for a in actual)
        if self.op == "regex":
            texts = [str(a) for a in actual]
            hits: Callable[[Any], bool] = lambda rx: any(rx.search(t) is not None for t in texts)  # noqa: E731
        else:
            folded = [str(a).casefold() for a in actual]
            test = _TEXT[self.op]
            hits = lambda v: any(test(a, v) for a in folded)  # noqa: E731
        if self.every:
            return all(hits(v) for v in self.values)
        return any(hits(v) for v in self.values)

    def equals_set(self) -> frozenset[str] | None:
        """The values this check pins its field to (for the rule index), or None when it does not pin it."""
        if self.op != "equals" or self.negate or (self.every and len(self.values) > 1):
            return None
        return frozenset(self.values)


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    return value


@dataclass(frozen=True)
class Selection:
    """Alternatives (a list of mappings in YAML) each of which is an AND of checks; the selection holds if any
    alternative holds."""

    name: str
    alternatives: tuple[tuple[Check, ...], ...]
    index_sets: dict[str, frozenset[str] | None] = field(default_factory=dict, compare=False)

    def test(self, event: Event, article: Article) -> bool:
        return any(all(c.test(event, article) for c in alt) for alt in self.alternatives)

    def explain(self, event: Event, article: Article) -> tuple[bool, list[str]]:
        lines: list[str] = []
        passed_any = False
        for i, alt in enumerate(self.alternatives):
            prefix = f"[{i}] " if len(self.alternatives) > 1 else ""
            passed_all = True
            for check in alt:
                ok, text = check.explain(event, article)
                passed_all &= ok
                lines.append(prefix + text)
            passed_any |= passed_all
        return passed_any, lines

    def index_keys(self, fields: Sequence[str]) -> frozenset[tuple[str, str]] | None:
        """(field, value) pairs one of which every matching event has; None if no such set exists.

        Each alternative contributes the values of the first of ``fields`` (most selective first) it pins.
        """
        keys: set[tuple[str, str]] = set()
        for alt in self.alternatives:
            for name in fields:
                sets = [s for c in alt if c.field.name == name and (s := c.equals_set()) is not None]
                if sets:
                    keys |= {(name, v) for v in frozenset.intersection(*sets)}
                    break
            else:
                return None
        return frozenset(keys)

    def pinned(self, field_name: str) -> frozenset[str] | None:
        """Values ``field_name`` must take for this selection to hold, or None if any value may."""
        out: set[str] = set()
        for alt in self.alternatives:
            sets = [s for c in alt if c.field.name == field_name and (s := c.equals_set()) is not None]
            if not sets:
                return None
            out |= frozenset.intersection(*sets)
        return frozenset(out)


def compile_selection(
    name: str, raw: Any, lists: Mapping[str, Sequence[Any]]
) -> tuple[Selection | None, list[SpecError]]:
    """Compile a selection (a mapping, or a list of mappings meaning "any of these"); collect every error."""
    errors: list[SpecError] = []
    mappings: list[tuple[tuple[str | int, ...], Any]]
    if isinstance(raw, list):
        if not raw:
            return None, [SpecError("a selection list needs at least one mapping")]
        mappings = [((i,), item) for i, item in enumerate(raw)]
    else:
        mappings = [((), raw)]
    alternatives: list[tuple[Check, ...]] = []
    for base, mapping in mappings:
        if not isinstance(mapping, dict) or not mapping:
            errors.append(SpecError("a selection is a non-empty mapping of `field|modifier: value`", base))
            continue
        checks: list[Check] = []
        for key, value in mapping.items():
            try:
                checks.append(compile_check(str(key), value, lists, (*base, key)))
            except SpecError as exc:
                errors.append(exc)
        alternatives.append(tuple(checks))
    if errors:
        return None, errors
    return Selection(name, tuple(alternatives)), []


def compile_check(key: str, value: Any, lists: Mapping[str, Sequence[Any]], path: tuple[str | int, ...] = ()) -> Check:
    name, *mods = [part.strip() for part in key.split("|")]
    fld = FIELDS.get(name)
    if fld is None:
        hint = f" (did you mean {HINTS[name]}?)" if name in HINTS else ""
        raise SpecError(f"unknown field {name!r}{hint}; known fields: {', '.join(FIELDS)}", path, key=True)
    ops = [m for m in mods if m in OPERATORS]
    unknown = [m for m in mods if m not in MODIFIERS]
    if unknown:
        raise SpecError(
            f"unknown modifier {unknown[0]!r} in {key!r}; known modifiers: {', '.join(MODIFIERS)}",
            path,
            key=True,
        )
    if len(ops) > 1:
        raise SpecError(f"{key!r} has two operators ({', '.join(ops)}); use one", path, key=True)
    if len(set(mods)) != len(mods):
        raise SpecError(f"{key!r} repeats a modifier", path, key=True)
    op = ops[0] if ops else "equals"
    negate, every = "not" in mods, "all" in mods

    if op == "exists":
        if not isinstance(value, bool):
            raise SpecError(f"{key!r} takes true or false, not {value!r}", path)
        if every:
            raise SpecError(f"{key!r}: the `all` modifier does not apply to exists", path, key=True)
        return Check(key, fld, op, (value,), (value,), negate)

    items = _expand(value, lists, path)
    if not items:
        raise SpecError(f"{key!r} needs at least one value", path)
    if op in NUMBER_OPS:
        if fld.kind != "number":
            raise SpecError(f"{op!r} compares numbers, but {name!r} is a text field", path, key=True)
        if len(items) != 1 or isinstance(items[0][1], bool) or not isinstance(items[0][1], int | float):
            raise SpecError(f"{key!r} takes one number, not {value!r}", path)
        return Check(key, fld, op, (float(items[0][1]),), (items[0][1],), negate)

    if fld.kind == "number" and op == "equals":
        bad = [v for _, v in items if isinstance(v, bool) or not isinstance(v, int | float)]
        if bad:
            raise SpecError(f"{name!r} is a number field; {bad[0]!r} is not a number", path)
        numbers = tuple(float(v) for _, v in items)
        return Check(key, fld, "equals_number", numbers, tuple(v for _, v in items), negate)
    if fld.kind == "number":
        raise SpecError(f"{op!r} applies to text fields; {name!r} is a number (use gt/gte/lt/lte)", path, key=True)

    values: list[Any] = []
    for where, item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise SpecError(f"{key!r}: {item!r} is not a text value (quote it)", where)
        text = str(item)
        if op == "regex":
            try:
                values.append(compile_regex(text))
            except ValueError as exc:
                raise SpecError(str(exc), where) from None
        else:
            values.append(text.casefold())
    return Check(key, fld, op, tuple(values), tuple(str(v) for _, v in items), negate, every)


def _expand(
    value: Any, lists: Mapping[str, Sequence[Any]], path: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], Any]]:
    """Values as a flat list of (path, value), with ``$name`` list references replaced by the list's items."""
    raw = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    out: list[tuple[tuple[str | int, ...], Any]] = []
    for i, item in raw:
        where = path if i is None else (*path, i)
        if isinstance(item, str) and item.startswith("$$"):
            out.append((where, item[1:]))  # "$$x" is the literal "$x"
        elif isinstance(item, str) and item.startswith("$"):
            name = item[1:]
            if name not in lists:
                known = ", ".join(sorted(lists)) or "none defined"
                raise SpecError(f"unknown list {name!r} (known lists: {known})", where)
            out.extend((where, v) for v in lists[name])
        elif isinstance(item, list | dict):
            raise SpecError(f"expected a value or a list of values, not {type(item).__name__}", where)
        else:
            out.append((where, item))
    return out
