"""Load rule files into a RuleSet, collecting every problem as ``path:line:col: message``.

Loading is two steps so the hot-reloader can swap single files: ``parse_file`` (size cap, YAML, schema:
problems local to one file) and ``build`` (shared lists and macros, selections, conditions, templates, inline
tests and duplicate ids across files). ``build`` returns the rules that compiled together with the problems of
the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from streams.errors import Location, Problem, RuleError
from streams.models import Article
from streams.rules import condition as cond
from streams.rules.engine import Dedup, InlineTest, Rule, RuleSet, Threshold
from streams.rules.fields import FIELDS
from streams.rules.operators import Selection, SpecError, compile_selection
from streams.rules.schema import LibrarySpec, RuleSpec
from streams.rules.templates import TemplateProblem, compile_template
from streams.rules.yamlmarks import Document, PathKey, read_documents

logger = logging.getLogger(__name__)

MAX_RULE_FILE_BYTES = 1_000_000
RULE_SUFFIXES = (".yaml", ".yml")
# Files other stages keep in the rules folder; they are not rule files.
NOT_RULE_FILES = frozenset({"subscriptions.yaml", "subscriptions.yml"})


@dataclass
class ParsedFile:
    """One rule file after YAML parsing and schema validation."""

    path: str
    rules: list[tuple[Document, RuleSpec]] = field(default_factory=list)
    libraries: list[tuple[Document, LibrarySpec]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Rules that failed the schema, with the failing keys replaced by defaults: compiled only to find their
    # other problems too (every error at once, not one per run).
    partial_rules: list[tuple[Document, RuleSpec]] = field(default_factory=list)


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their rule files (``*.yaml``/``*.yml`` directly inside, not hidden or
    ``_``-prefixed, not another stage's file such as subscriptions.yaml); files given by name are always
    included."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.iterdir())
                if p.suffix in RULE_SUFFIXES
                and p.is_file()
                and not p.name.startswith((".", "_"))
                and p.name not in NOT_RULE_FILES
            )
        else:
            out.append(path)
    return out


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem: missing, too large, not UTF-8."""
    where = Location(str(path), 1)
    try:
        size = path.stat().st_size
        if size > MAX_RULE_FILE_BYTES:
            return None, [
                Problem(
                    where,
                    f"rule file is {size / 1e6:.1f} MB; the limit is {MAX_RULE_FILE_BYTES / 1e6:.0f} MB "
                    "(split it into several files)",
                )
            ]
        data = path.read_bytes()[: MAX_RULE_FILE_BYTES + 1]  # the file may grow between stat and read
    except OSError as exc:
        return None, [Problem(Location(str(path)), f"cannot read rule file: {exc.strerror or exc}")]
    if len(data) > MAX_RULE_FILE_BYTES:
        return None, [Problem(where, f"rule file is larger than {MAX_RULE_FILE_BYTES / 1e6:.0f} MB")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(Location(str(path), line), f"not UTF-8 text (byte {exc.start})")]


def parse_file(path: Path, text: str | None = None) -> ParsedFile:
    """Parse and schema-check one file (read from disk unless ``text`` is given)."""
    parsed = ParsedFile(str(path))
    if text is None:
        text, problems = read_text(path)
        if text is None:
            parsed.problems = problems
            return parsed
    docs, parsed.problems = read_documents(str(path), text)
    for doc in docs:
        if doc.value is None:
            continue  # an empty document, e.g. after a trailing ---
        if not isinstance(doc.value, dict):
            parsed.problems.append(
                doc.problem((), f"a rule file document must be a mapping, not {type(doc.value).__name__}")
            )
            continue
        is_library = "id" not in doc.value and ("lists" in doc.value or "macros" in doc.value)
        try:
            if is_library:
                parsed.libraries.append((doc, LibrarySpec.model_validate(doc.value)))
            else:
                parsed.rules.append((doc, RuleSpec.model_validate(doc.value)))
        except ValidationError as exc:
            parsed.problems.extend(_validation_problems(doc, exc))
            if not is_library:
                partial = _partial_rule(doc.value, exc)
                if partial is not None:
                    parsed.partial_rules.append((doc, partial))
    return parsed


def _partial_rule(value: dict[str, Any], exc: ValidationError) -> RuleSpec | None:
    bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
    cleaned = {k: v for k, v in value.items() if k not in bad}
    cleaned.setdefault("id", "partial")
    cleaned.setdefault("title", "partial")
    try:
        return RuleSpec.model_validate(cleaned)
    except ValidationError:
        return None


def _validation_problems(doc: Document, exc: ValidationError) -> list[Problem]:
    # Errors from the branches of one union (e.g. "a string or a list") are merged into one message.
    merged: dict[tuple[PathKey, bool, int], list[str]] = {}
    for n, error in enumerate(exc.errors()):
        path, union_branch = _real_path(doc.value, error["loc"])
        kind = error["type"]
        if kind == "missing":
            message, at_key = f"missing required key {str(error['loc'][-1])!r}", False
            path = path if len(path) < len(error["loc"]) else path[:-1]
        elif kind == "extra_forbidden":
            message, at_key = f"unknown key {str(error['loc'][-1])!r}{_known_keys(doc.value, path)}", True
        else:
            message, at_key = _message(error), False
            if error["input"] is not None and kind != "value_error" and not union_branch:
                message += f" (got {_short(error['input'])})"
        group = merged.setdefault((path, at_key, -1 if union_branch and kind != "missing" else n), [])
        if message not in group:
            group.append(message)
    out = []
    for (path, at_key, _), messages in merged.items():
        where = ".".join(str(p) for p in path)
        prefix = f"{where}: " if where else ""
        out.append(doc.problem(path, prefix + " or ".join(messages), key=at_key))
    return out


def _real_path(value: Any, loc: tuple[int | str, ...]) -> tuple[PathKey, bool]:
    """Keep the parts of a pydantic location that exist in the data (drop union branch names)."""
    path: list[str | int] = []
    dropped = False
    for part in loc:
        if isinstance(value, dict) and part in value:
            value = value[part]
            path.append(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
            path.append(part)
        else:
            dropped = True
            path.append(part) if not isinstance(value, dict | list) else None
            break
    return tuple(path), dropped


def _known_keys(value: Any, path: PathKey) -> str:
    from streams.rules import schema

    parent = path[:-1]
    models: dict[PathKey, type[Any]] = {(): RuleSpec if "id" in value else LibrarySpec}
    model = models.get(parent)
    if model is None and len(parent) == 1:
        model = {"dedup": schema.DedupSpec, "threshold": schema.ThresholdSpec}.get(str(parent[0]))
    if model is None and len(parent) == 2 and parent[0] == "tests":
        model = schema.InlineTestSpec
    if model is None and len(parent) == 3 and parent[0] == "tests" and parent[2] == "article":
        model = schema.ArticleSpec
    if model is None:
        return ""
    return f"; known keys: {', '.join(model.model_fields)}"


def _message(error: Any) -> str:
    msg = str(error["msg"])
    return msg.removeprefix("Value error, ")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- build --------------------------------------------------------------------------------------------------


@dataclass
class _Shared:
    lists: dict[str, list[Any]]
    macros: dict[str, Selection]


def build(files: Sequence[ParsedFile]) -> tuple[RuleSet, list[Problem]]:
    """Compile parsed files together; return the rules that compiled and every problem found."""
    problems: list[Problem] = [p for f in files for p in f.problems]
    shared = _shared(files, problems)
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for parsed in files:
        for doc, spec in parsed.partial_rules:
            problems.extend(compile_rule(doc, spec, shared)[1])
        for doc, spec in parsed.rules:
            rule, rule_problems = compile_rule(doc, spec, shared)
            problems.extend(rule_problems)
            if rule is None:
                continue
            if spec.id in seen:
                first = seen[spec.id]
                problems.append(
                    doc.problem(("id",), f"duplicate rule id {spec.id!r} (first defined at {first.path}:{first.line})")
                )
                continue
            seen[spec.id] = rule
            rules.append(rule)
    return RuleSet(rules), problems


def _shared(files: Sequence[ParsedFile], problems: list[Problem]) -> _Shared:
    raw_lists: dict[str, tuple[Document, list[Any]]] = {}
    for parsed in files:
        for doc, lib in parsed.libraries:
            for name, items in lib.lists.items():
                if name in raw_lists:
                    first = raw_lists[name][0].location(("lists", name), key=True)
                    problems.append(
                        doc.problem(("lists", name), f"list {name!r} is already defined at {first}", key=True)
                    )
                    continue
                raw_lists[name] = (doc, items)
    lists: dict[str, list[Any]] = {}
    for name, (doc, items) in raw_lists.items():
        expanded: list[Any] = []
        for i, item in enumerate(items):
            if isinstance(item, str) and item.startswith("$") and not item.startswith("$$"):
                ref = item[1:]
                if ref not in raw_lists or ref == name:
                    problems.append(doc.problem(("lists", name, i), f"unknown list {ref!r} inside list {name!r}"))
                    continue
                ref_items = raw_lists[ref][1]
                if any(isinstance(v, str) and v.startswith("$") and not v.startswith("$$") for v in ref_items):
                    problems.append(doc.problem(("lists", name, i), "lists may include other lists one level deep"))
                    continue
                expanded.extend(ref_items)
            else:
                expanded.append(item)
        lists[name] = expanded
    macros: dict[str, Selection] = {}
    for parsed in files:
        for doc, lib in parsed.libraries:
            for name, raw in lib.macros.items():
                where = ("macros", name)
                if name in macros:
                    problems.append(doc.problem(where, f"macro {name!r} is defined twice", key=True))
                    continue
                selection, errors = compile_selection(name, raw, lists)
                problems.extend(_spec_problems(doc, where, errors))
                if selection is not None:
                    macros[name] = selection
    return _Shared(lists, macros)


def _spec_problems(doc: Document, base: PathKey, errors: Sequence[SpecError]) -> list[Problem]:
    return [doc.problem((*base, *e.path), str(e), key=e.key) for e in errors]


def _compile_selections(
    doc: Document, group: str, specs: Mapping[str, Any], shared: _Shared, problems: list[Problem]
) -> dict[str, Selection]:
    """Compile a rule's named selections (or exceptions); their problems go to ``problems``."""
    compiled: dict[str, Selection] = {}
    for name, raw in specs.items():
        selection, errors = compile_selection(name, raw, shared.lists)
        problems.extend(_spec_problems(doc, (group, name), errors))
        if selection is not None:
            compiled[name] = selection
    return compiled


def compile_rule(doc: Document, spec: RuleSpec, shared: _Shared) -> tuple[Rule | None, list[Problem]]:
    problems: list[Problem] = []
    selections = _compile_selections(doc, "selections", spec.selections, shared, problems)
    exceptions = _compile_selections(doc, "exceptions", spec.exceptions, shared, problems)

    condition_text = spec.condition if spec.condition is not None else "all of them"
    node: cond.Node | None = None
    try:
        node = cond.parse(
            condition_text, local=spec.selections, known=lambda n: n in spec.selections or n in shared.macros
        )
    except cond.ConditionError as exc:
        problems.append(doc.problem(("condition",), f"condition: {exc}", offset=exc.offset))
    if node is not None:
        for name in sorted(set(spec.selections) - cond.names(node)):
            problems.append(
                doc.problem(("selections", name), f"selection {name!r} is not used in the condition", key=True)
            )

    for i, key in enumerate(spec.dedup.key):
        if key not in FIELDS:
            problems.append(doc.problem(("dedup", "key", i), f"unknown field {key!r} in dedup key"))

    template = None
    if spec.template is not None:
        try:
            template = compile_template(spec.template)
        except TemplateProblem as exc:
            problems.append(_template_problem(doc, exc))

    tests = _tests(doc, spec, shared, problems)
    if problems or node is None:
        return None, problems
    used_macros = {n: shared.macros[n] for n in cond.names(node) if n not in selections}
    channels = tuple(dict.fromkeys(([spec.channel] if spec.channel else []) + spec.channels))
    threshold = spec.threshold
    rule = Rule(
        id=spec.id,
        title=spec.title,
        path=doc.path,
        line=doc.location(("id",)).line or 1,
        selections=selections,
        condition=node,
        condition_text=condition_text,
        macros=used_macros,
        exceptions=exceptions,
        description=spec.description,
        level=spec.level,
        status=spec.status,
        labels=dict(spec.labels),
        enabled=spec.enabled,
        min_confidence=spec.min_confidence,
        dedup=Dedup(tuple(spec.dedup.key), spec.dedup.window),
        realert=spec.realert,
        threshold=Threshold(threshold.count, threshold.by, threshold.window) if threshold else None,
        channels=channels,
        template=template,
        tests=tests,
    )
    return rule, []


def _template_problem(doc: Document, exc: TemplateProblem) -> Problem:
    where = doc.location(("template",))
    style = doc.scalar_style.get(("template",))
    if exc.line is not None and where.line is not None:
        # A block scalar's text starts on the line after the `|`/`>` indicator.
        line = where.line + exc.line if style in ("|", ">") else where.line + exc.line - 1
        where = Location(where.path, line, None if style in ("|", ">") else where.column)
    return Problem(where, f"template: {exc}")


def _tests(doc: Document, spec: RuleSpec, shared: _Shared, problems: list[Problem]) -> tuple[InlineTest, ...]:
    out: list[InlineTest] = []
    for i, test in enumerate(spec.tests):
        where = ("tests", i)
        if (test.text is None) == (test.article is None):
            problems.append(doc.problem(where, "a test needs exactly one of `text` or `article`"))
            continue
        if test.article is not None:
            fields = test.article.model_dump()
            article = Article(**{**fields, "id": fields["id"] or f"{spec.id}-test-{i + 1}"})
        else:
            article = Article(id=f"{spec.id}-test-{i + 1}", body=test.text or "")
        expect = None
        if test.expect is not None:
            if not test.match:
                problems.append(doc.problem((*where, "expect"), "`expect` only makes sense with `match: true`"))
                continue
            expect, errors = compile_selection("expect", test.expect, shared.lists)
            problems.extend(_spec_problems(doc, (*where, "expect"), errors))
        name = test.name or f"test {i + 1}"
        out.append(InlineTest(name, article, test.match, expect, doc.location(where).line))
    return tuple(out)


# --- public entry points ------------------------------------------------------------------------------------


def check_paths(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in the rule files under ``paths``; never raises for bad files."""
    files = rule_files(paths)
    problems = [Problem(Location(str(p)), "no such file or folder") for p in paths if not p.exists()]
    _, more = build([parse_file(p) for p in files if p.exists()])
    return problems + sorted(more, key=_order)


def _order(problem: Problem) -> tuple[str, int, int]:
    loc = problem.location
    return loc.path, loc.line or 0, loc.column or 0


def load_rules(paths: Sequence[Path]) -> RuleSet:
    """Load every rule file under ``paths``; raise RuleError listing every problem if there is any."""
    missing = [Problem(Location(str(p)), "no such file or folder") for p in paths if not p.exists()]
    ruleset, problems = build([parse_file(p) for p in rule_files(paths) if p.exists()])
    if missing or problems:
        raise RuleError(missing + sorted(problems, key=_order))
    logger.info("loaded %d rules from %s", len(ruleset), ", ".join(str(p) for p in paths))
    return ruleset
