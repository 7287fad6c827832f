"""Read YAML while keeping where every value came from, so each error can say ``path:line:col``.

PyYAML's composer gives nodes with start marks; we turn nodes into plain Python values ourselves and record,
for every path of keys/indexes, the mark of its value and of its key. Two YAML 1.1 surprises are switched off
on purpose: only ``true``/``false`` are booleans (so ``modality: no`` or the country code ``NO`` stay
strings), and a document may not expand into more than ``MAX_NODES`` nodes (alias bombs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from streams.errors import Location, Problem

MAX_NODES = 200_000

PathKey = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader whose implicit booleans are YAML 1.2's ``true``/``false`` only."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """One YAML document as plain values, with the marks of every value and key."""

    path: str
    value: Any
    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)
    # Column offset of a scalar's text inside its line (quoted scalars start one character later).
    scalar_style: dict[PathKey, str | None] = field(default_factory=dict)

    def location(self, path: PathKey, *, key: bool = False, offset: int = 0) -> Location:
        """The location of ``path`` (or of its key), falling back to the nearest enclosing value."""
        table = self.keys if key else self.values
        mark = table.get(path)
        if mark is None:
            mark = self.values.get(path)
        probe = path
        while mark is None and probe:
            probe = probe[:-1]
            mark = self.values.get(probe)
        if mark is None:
            return Location(self.path, 1, 1)
        if offset:
            shift = 1 if self.scalar_style.get(path) in ("'", '"') else 0
            return Location(self.path, mark.line, mark.column + shift + offset)
        return Location(self.path, mark.line, mark.column)

    def problem(self, path: PathKey, message: str, *, key: bool = False, offset: int = 0) -> Problem:
        return Problem(self.location(path, key=key, offset=offset), message)


class _TooBig(Exception):
    pass


def read_documents(path: str, text: str) -> tuple[list[Document], list[Problem]]:
    """Parse every document of a YAML stream; a syntax error becomes one Problem with its line and column."""
    docs: list[Document] = []
    try:
        nodes = list(_compose_all(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return [], [Problem(where, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return [], [Problem(Location(path, 1, 1), f"YAML error: {exc}")]
    problems: list[Problem] = []
    for node in nodes:
        doc = Document(path=path, value=None)
        state = _State(yaml.constructor.SafeConstructor(), problems)
        try:
            doc.value = _convert(node, (), doc, state)
        except _TooBig:
            line = node.start_mark.line + 1
            problems.append(
                Problem(Location(path, line, 1), f"document expands to more than {MAX_NODES} values (alias bomb?)")
            )
            continue
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
            problems.append(Problem(where, f"YAML error: {exc.problem}"))
            continue
        docs.append(doc)
    return docs, problems


def _compose_all(text: str) -> Iterator[yaml.Node]:
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()


@dataclass
class _State:
    constructor: yaml.constructor.SafeConstructor
    problems: list[Problem]
    nodes: int = 0


def _convert(node: yaml.Node, path: PathKey, doc: Document, state: _State) -> Any:
    state.nodes += 1
    if state.nodes > MAX_NODES:
        raise _TooBig
    doc.values[path] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # merge keys are not part of our format; schema validation reports nothing odd
            raw_key = (
                state.constructor.construct_object(key_node)
                if isinstance(key_node, yaml.ScalarNode)
                else key_node.start_mark
            )
            key = raw_key if isinstance(raw_key, str) else str(raw_key)
            child = (*path, key)
            key_mark = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                where = Location(doc.path, key_mark.line, key_mark.column)
                state.problems.append(Problem(where, f"duplicate key {key!r} in the same mapping"))
            doc.keys[child] = key_mark
            out[key] = _convert(value_node, child, doc, state)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, state) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    doc.scalar_style[path] = node.style
    return state.constructor.construct_object(node)
