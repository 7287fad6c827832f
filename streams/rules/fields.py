"""The fields a rule can test, and how to read each one from an event and its article.

Every field reads as a tuple of values: scalar fields give zero or one value, ``context`` gives its list, and
the actor fields (``source.code``, ``target.sector``, ...) give one value per actor, so "the condition holds
if any actor satisfies it" falls out of the operators' any-value semantics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from streams.models import Actor, Article, Event

Value = str | float
Getter = Callable[[Event, Article], tuple[Any, ...]]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text" or "number"
    doc: str
    get: Getter


def _event_attr(name: str) -> Getter:
    def get(event: Event, article: Article) -> tuple[Any, ...]:
        value = getattr(event, name)
        return () if value is None else (value,)

    return get


def _actors(side: str, attr: str) -> Getter:
    def get(event: Event, article: Article) -> tuple[Any, ...]:
        actors: tuple[Actor, ...] = getattr(event, side)
        return tuple(v for a in actors if (v := getattr(a, attr)) is not None)

    return get


def _article_attr(name: str) -> Getter:
    def get(event: Event, article: Article) -> tuple[Any, ...]:
        value = getattr(article, name)
        return () if value is None else (value,)

    return get


def _context(event: Event, article: Article) -> tuple[Any, ...]:
    return tuple(event.context)


def _build() -> dict[str, Field]:
    fields = [
        Field("event", "text", "PLOVER category, e.g. DISAPPROVE, AGREE, SANCTION", _event_attr("event")),
        Field("mode", "text", "PLOVER mode (the kind of SANCTION, AGREE, ...)", _event_attr("mode")),
        Field("context", "text", "context labels (a list): military, arms, diplomatic, ...", _context),
        Field("lemma", "text", "lemma of the trigger word, e.g. summon", _event_attr("lemma")),
        Field("modality", "text", "asserted, negated, hypothetical, future or reported", _event_attr("modality")),
        Field(
            "speaker",
            "text",
            "who is quoted or reported, when the event is a statement",
            _event_attr("speaker"),
        ),
        Field("eventText", "text", "the trigger words as written", _event_attr("eventText")),
        Field("text", "text", "the sentence of the event", _event_attr("text")),
        Field("date", "text", "a date the text gives for the event", _event_attr("date")),
        Field("location", "text", "a location the text gives for the event", _event_attr("location")),
        Field("confidence", "number", "extraction confidence in [0, 1]", _event_attr("confidence")),
        Field(
            "tier",
            "text",
            "the trigger's lexicon: hand (curated) or fallback (CAMEO-derived: broader, less precise)",
            _event_attr("tier"),
        ),
    ]
    for side in ("source", "target"):
        fields += [
            Field(f"{side}.code", "text", f"{side} actors' codes (ISO alpha-3 or IGO)", _actors(side, "code")),
            Field(
                f"{side}.sector",
                "text",
                f"{side} actors' sectors: GOV, MIL, DIP, ...",
                _actors(side, "sector"),
            ),
            Field(f"{side}.actorText", "text", f"{side} actors as written", _actors(side, "actorText")),
            Field(f"{side}.name", "text", f"{side} actors' normalised names", _actors(side, "name")),
        ]
    for name in ("id", "title", "body", "source", "language", "url", "published_at"):
        fields.append(Field(f"article.{name}", "text", f"the article's {name}", _article_attr(name)))
    return {f.name: f for f in fields}


FIELDS: dict[str, Field] = _build()

# Names people are likely to write, with what they meant; used in "unknown field" messages.
HINTS = {
    "title": "article.title",
    "body": "article.body",
    "url": "article.url",
    "language": "article.language",
    "outlet": "article.source",
    "source": "source.code (the acting country) or article.source (the outlet)",
    "target": "target.code",
    "category": "event",
    "trigger": "lemma or eventText",
    "sentence": "text",
}
