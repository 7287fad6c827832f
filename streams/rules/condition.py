"""The ``condition`` expression: selection names combined with and/or/not, parentheses and quantifiers.

Grammar (lowest precedence first)::

    expr   := term ("or" term)*
    term   := factor ("and" factor)*
    factor := "not" factor | "(" expr ")" | quant | NAME
    quant  := (NUMBER | "any" | "all") "of" (PATTERN | "them")

``PATTERN`` is a name with ``*`` wildcards over the rule's own selections (``1 of selection_*``); ``them`` is
all of them. A NAME is a selection of the rule, or else a shared macro.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(?P<paren>[()])|(?P<word>[A-Za-z0-9_*.\-]+)|(?P<bad>\S))")
KEYWORDS = {"and", "or", "not", "of", "them", "all", "any"}


class ConditionError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class AtLeast:
    count: int
    items: tuple[Node, ...]


Node = Name | Not | And | Or | AtLeast


def parse(text: str, *, local: Iterable[str], known: Callable[[str], bool]) -> Node:
    """Parse ``text``; names must satisfy ``known``; patterns expand over ``local`` (rule selections)."""
    tokens = _tokenize(text)
    parser = _Parser(tokens, text, sorted(local), known)
    node = parser.expr()
    if parser.pos < len(tokens):
        word, offset = tokens[parser.pos]
        raise ConditionError(f"unexpected {word!r} in condition", offset)
    return node


def names(node: Node) -> set[str]:
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Not):
        return names(node.item)
    return set().union(*(names(i) for i in node.items)) if node.items else set()


def evaluate(node: Node, test: Callable[[str], bool]) -> bool:
    """Evaluate lazily (short-circuit): ``test(name)`` tells whether a selection holds."""
    if isinstance(node, Name):
        return test(node.name)
    if isinstance(node, Not):
        return not evaluate(node.item, test)
    if isinstance(node, And):
        return all(evaluate(i, test) for i in node.items)
    if isinstance(node, Or):
        return any(evaluate(i, test) for i in node.items)
    hits = 0
    for item in node.items:
        hits += evaluate(item, test)
        if hits >= node.count:
            return True
    return False


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # only trailing whitespace is left
            break
        if m.group("bad"):
            raise ConditionError(f"unexpected character {m.group('bad')!r} in condition", m.start("bad"))
        kind = "paren" if m.group("paren") else "word"
        tokens.append((m.group(kind), m.start(kind)))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(
        self, tokens: list[tuple[str, int]], text: str, local: list[str], known: Callable[[str], bool]
    ) -> None:
        self.tokens, self.text, self.local, self.known = tokens, text, local, known
        self.pos = 0

    def _peek(self) -> str | None:
        return self.tokens[self.pos][0].lower() if self.pos < len(self.tokens) else None

    def _offset(self) -> int:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else len(self.text)

    def _take(self) -> tuple[str, int]:
        if self.pos >= len(self.tokens):
            raise ConditionError("condition ends too early", len(self.text))
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expr(self) -> Node:
        items = [self.term()]
        while self._peek() == "or":
            self.pos += 1
            items.append(self.term())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def term(self) -> Node:
        items = [self.factor()]
        while self._peek() == "and":
            self.pos += 1
            items.append(self.factor())
        return items[0] if len(items) == 1 else And(tuple(items))

    def factor(self) -> Node:
        word, offset = self._take()
        lowered = word.lower()
        if lowered == "not":
            return Not(self.factor())
        if word == "(":
            node = self.expr()
            if self._peek() != ")":
                raise ConditionError("missing ')'", self._offset())
            self.pos += 1
            return node
        if word == ")":
            raise ConditionError("unexpected ')'", offset)
        if self._peek() == "of":
            return self._quantifier(lowered, offset)
        if lowered in KEYWORDS:
            raise ConditionError(f"expected a selection name, found {word!r}", offset)
        if "*" in word:
            raise ConditionError(
                f"a pattern like {word!r} needs a quantifier: `1 of {word}` or `all of {word}`", offset
            )
        if not self.known(word):
            hint = f" (selections: {', '.join(self.local)})" if self.local else ""
            raise ConditionError(f"unknown selection or macro {word!r}{hint}", offset)
        return Name(word)

    def _quantifier(self, word: str, offset: int) -> Node:
        self.pos += 1  # "of"
        target, target_offset = self._take()
        if target.lower() == "them":
            chosen = self.local
        else:
            chosen = [n for n in self.local if fnmatch.fnmatchcase(n, target)]
            if not chosen:
                raise ConditionError(f"{target!r} matches none of the rule's selections", target_offset)
        items = tuple(Name(n) for n in chosen)
        if word == "all":
            return And(items)
        if word == "any":
            return AtLeast(1, items)
        if not word.isdigit() or int(word) < 1:
            raise ConditionError(f"expected a number, `any` or `all` before 'of', found {word!r}", offset)
        if int(word) > len(items):
            raise ConditionError(f"`{word} of {target}` can never hold: only {len(items)} selection(s) match", offset)
        return AtLeast(int(word), items)


def pinned(node: Node, of_name: Callable[[str], frozenset[str] | None]) -> frozenset[str] | None:
    """Values a field must take for ``node`` to hold (None: unconstrained), from each name's pinned values."""
    if isinstance(node, Name):
        return of_name(node.name)
    if isinstance(node, Not):
        return None
    subs = [pinned(i, of_name) for i in node.items]
    if isinstance(node, And) or (isinstance(node, AtLeast) and node.count == len(node.items)):
        known = [s for s in subs if s is not None]
        return frozenset.intersection(*known) if known else None
    if any(s is None for s in subs):
        return None
    return frozenset().union(*subs)  # type: ignore[arg-type]


Keys = frozenset[tuple[str, str]]


def index_keys(
    node: Node, of_name: Callable[[str], Keys | None], rank: Callable[[Keys], tuple[int, int]]
) -> Keys | None:
    """(field, value) pairs one of which every event matching ``node`` has (None: no such set).

    An ``or`` needs keys from every branch; an ``and`` takes the best-ranked branch's keys.
    """
    if isinstance(node, Name):
        return of_name(node.name)
    if isinstance(node, Not):
        return None
    subs = [index_keys(i, of_name, rank) for i in node.items]
    if isinstance(node, And) or (isinstance(node, AtLeast) and node.count == len(node.items)):
        known = [s for s in subs if s is not None]
        return min(known, key=rank) if known else None
    if any(s is None for s in subs):
        return None
    return frozenset().union(*subs)  # type: ignore[arg-type]
