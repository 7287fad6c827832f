"""The shape of a rule file, as pydantic models (unknown keys rejected) and the JSON Schema derived from them.

A rule file holds one or more YAML documents. A document with an ``id`` is a rule; a document with only
``lists`` and/or ``macros`` is a library shared by every rule file. Field conditions inside selections are
checked by ``operators.py`` (pydantic sees them as mappings), but the JSON Schema still tells editors the
field names.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from streams.rules.fields import FIELDS
from streams.rules.operators import MODIFIERS

LEVELS = ("info", "low", "medium", "high", "critical")
STATUSES = ("experimental", "test", "stable", "deprecated")
DEFAULT_DEDUP_KEY = ("source.code", "target.code")
DEFAULT_DEDUP_WINDOW = 24 * 3600.0

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
DURATION_PATTERN = r"^\s*\d+(\.\d+)?\s*[smhdw]?\s*$"


def parse_duration(value: Any) -> Any:
    """``90``, ``"90s"``, ``"15m"``, ``"6h"``, ``"2d"``, ``"1w"`` -> seconds."""
    if isinstance(value, bool):
        raise ValueError("a duration is a number of seconds or a string like 15m, 6h, 2d")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNITS[m.group(2) or "s"]
    raise ValueError(f"{value!r} is not a duration: write a number of seconds or e.g. 30s, 15m, 6h, 2d, 1w")


Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": DURATION_PATTERN}],
            "description": "seconds, or a number with a unit: s, m, h, d, w (e.g. 15m, 6h, 2d)",
        }
    ),
]

_KEY_PATTERN = "^(" + "|".join(re.escape(f) for f in FIELDS) + r")(\|(" + "|".join(MODIFIERS) + "))*$"
_VALUE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": ["string", "number", "boolean"]},
        {"type": "array", "items": {"type": ["string", "number"]}},
    ],
    "description": "a value, or a list meaning any one of them; `$name` inserts a shared list",
}
_MAPPING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": _KEY_PATTERN},
    "additionalProperties": _VALUE_SCHEMA,
}
SelectionSpec = Annotated[
    dict[str, Any] | list[dict[str, Any]],
    WithJsonSchema(
        {
            "description": "`field|modifier: value` conditions that must all hold; a list of such mappings "
            "holds when any one of them does",
            "anyOf": [_MAPPING_SCHEMA, {"type": "array", "minItems": 1, "items": _MAPPING_SCHEMA}],
        }
    ),
]
FieldName = Annotated[str, WithJsonSchema({"type": "string", "enum": list(FIELDS)})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class DedupSpec(_Strict):
    """Matches with the same key values within ``window`` are one story: one alert, later outlets as
    updates."""

    key: list[FieldName] = Field(default_factory=lambda: list(DEFAULT_DEDUP_KEY))
    window: Duration = DEFAULT_DEDUP_WINDOW


class ThresholdSpec(_Strict):
    """Fire only once ``count`` distinct outlets (or articles) have reported the story within ``window``."""

    count: int = Field(ge=1)
    by: Literal["outlets", "articles"] = "outlets"
    window: Duration


class ArticleSpec(_Strict):
    id: str | None = None
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None


class InlineTestSpec(_Strict):
    """An inline test: a sentence (``text``) or an ``article`` that must match (or, with ``match: false``,
    must not); ``expect`` holds field conditions that some match's event must satisfy."""

    name: str | None = None
    text: str | None = None
    article: ArticleSpec | None = None
    match: bool = True
    expect: SelectionSpec | None = None


class RuleSpec(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="stable id: lower case, digits, .-_")]
    title: str = Field(min_length=1)
    description: str = ""
    level: Literal["info", "low", "medium", "high", "critical"] = "medium"
    status: Literal["experimental", "test", "stable", "deprecated"] = "experimental"
    labels: dict[str, str] = Field(default_factory=dict, description="free key/values for routing")
    enabled: bool = True
    author: str | None = None
    references: list[str] = Field(default_factory=list)
    falsepositives: list[str] = Field(default_factory=list)
    selections: dict[str, SelectionSpec] = Field(min_length=1)
    condition: str | None = Field(default=None, description="default: all of them")
    exceptions: dict[str, SelectionSpec] = Field(
        default_factory=dict, description="named selections; if any holds, the rule does not fire"
    )
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    dedup: DedupSpec = Field(default_factory=DedupSpec)
    realert: Duration = Field(default=0.0, description="minimum time between two alerts for the same story key")
    threshold: ThresholdSpec | None = None
    channel: str | None = None
    channels: list[str] = Field(default_factory=list)
    template: str | None = Field(default=None, description="Jinja2 message text (sandboxed)")
    tests: list[InlineTestSpec] = Field(default_factory=list)


class LibrarySpec(_Strict):
    """Shared definitions: ``lists`` (named value lists, used as ``$name``) and ``macros`` (named selections
    usable in any rule's condition)."""

    lists: dict[str, list[str | int | float]] = Field(default_factory=dict)
    macros: dict[str, SelectionSpec] = Field(default_factory=dict)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one document of a rule file: a rule or a library."""
    rule = RuleSpec.model_json_schema(ref_template="#/$defs/{model}")
    library = LibrarySpec.model_json_schema(ref_template="#/$defs/{model}")
    defs = {**rule.pop("$defs", {}), **library.pop("$defs", {})}
    defs["RuleSpec"] = rule
    defs["LibrarySpec"] = library
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsalert.invalid/schemas/rule.schema.json",
        "title": "newsalert rule file",
        "description": "A rule (with `id`) or a library of shared `lists` and `macros`.",
        "anyOf": [{"$ref": "#/$defs/RuleSpec"}, {"$ref": "#/$defs/LibrarySpec"}],
        "$defs": defs,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
