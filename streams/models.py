"""The records that flow through newsalert: Article -> Event -> Match -> Alert.

They are plain, typed dataclasses with explicit ``to_dict`` / ``from_dict`` JSON forms. Topics carry JSON bytes
(not Faust Records) so that a malformed message is caught by our own validation and dead-lettered with a reason
instead of failing inside the consumer.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from streams.errors import ArticleError

ARTICLE_FIELDS = ("id", "body", "title", "url", "source", "published_at", "language")


@dataclass(frozen=True)
class Article:
    """A news article as it arrives. ``id`` and ``body`` are required; the rest is optional metadata."""

    id: str
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    language: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Article:
        """Validate a decoded JSON value; raise ArticleError naming the first thing wrong."""
        if not isinstance(data, dict):
            raise ArticleError(f"an article must be a JSON object, not {type(data).__name__}")
        article_id = data.get("id")
        if isinstance(article_id, int) and not isinstance(article_id, bool):
            article_id = str(article_id)
        if not isinstance(article_id, str) or not article_id.strip():
            raise ArticleError("missing required field 'id' (a non-empty string)")
        body = data.get("body")
        if not isinstance(body, str):
            what = "missing" if body is None else f"of type {type(body).__name__}"
            raise ArticleError(f"article {article_id!r}: required field 'body' is {what}, expected a string")
        optional: dict[str, str | None] = {}
        for name in ARTICLE_FIELDS[2:]:
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise ArticleError(f"article {article_id!r}: field {name!r} must be a string")
            optional[name] = value
        published = optional["published_at"]
        if published:
            try:
                datetime.fromisoformat(published.replace("Z", "+00:00"))
            except ValueError:
                raise ArticleError(
                    f"article {article_id!r}: published_at {published!r} is not an ISO 8601 date"
                ) from None
        return cls(id=article_id, body=body, **optional)

    @classmethod
    def from_json(cls, raw: bytes | str) -> Article:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ArticleError(f"not valid JSON: {exc}") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Actor:
    """One participant of an event. ``code`` is ISO 3166-1 alpha-3, ``IGO`` or None when unknown."""

    actorText: str  # noqa: N815 - PLOVER's JSON field name
    code: str | None = None
    sector: str | None = None
    name: str | None = None  # a normalised name, e.g. "Russia" or "United Nations Security Council"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            actorText=str(data.get("actorText", "")),
            code=data.get("code"),
            sector=data.get("sector"),
            name=data.get("name"),
        )


@dataclass(frozen=True)
class Event:
    """Who did what to whom: one PLOVER event record, plus newsalert's own fields (lemma, modality, ...)."""

    event: str
    eventText: str  # noqa: N815
    text: str
    lemma: str
    start: int  # character offsets of the trigger in the article body
    end: int
    sentence_start: int
    sentence_end: int
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    mode: str | None = None
    context: tuple[str, ...] = ()
    modality: str = "asserted"  # asserted, negated, hypothetical, future, reported
    speaker: str | None = None
    date: str | None = None
    location: str | None = None
    confidence: float = 1.0
    tier: str = "hand"  # the trigger's lexicon: "hand" (curated) or "fallback" (CAMEO-derived, broader, less precise)

    @property
    def reciprocal(self) -> bool:
        """Several actors acting on each other ("Armenia and Azerbaijan agreed a ceasefire"): the extractor gives
        them as both source and target, as event coders code each pair."""
        return len(self.source) > 1 and set(self.source) == set(self.target)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = [a.to_dict() for a in self.source]
        data["target"] = [a.to_dict() for a in self.target]
        data["context"] = list(self.context)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = dict(data)
        values["source"] = tuple(Actor.from_dict(a) for a in data.get("source", []))
        values["target"] = tuple(Actor.from_dict(a) for a in data.get("target", []))
        values["context"] = tuple(data.get("context", []))
        return cls(**values)


@dataclass(frozen=True)
class Match:
    """A rule matched an event of an article. ``story_key`` groups matches that are the same story."""

    rule_id: str
    article: Article
    event: Event
    story_key: str
    produced_at: float | None = None  # Kafka timestamp of the article, for end-to-end latency

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "article": self.article.to_dict(),
            "event": self.event.to_dict(),
            "story_key": self.story_key,
            "produced_at": self.produced_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Match:
        return cls(
            rule_id=data["rule"],
            article=Article.from_dict(data["article"]),
            event=Event.from_dict(data["event"]),
            story_key=data["story_key"],
            produced_at=data.get("produced_at"),
        )

    @property
    def match_id(self) -> str:
        """Stable id of this match: the same article, rule and event always give the same id."""
        return stable_id(self.rule_id, self.article.id, str(self.event.start), self.event.event)


@dataclass(frozen=True)
class Alert:
    """What the notifier delivers. ``alert_id`` is stable, so redelivery is recognised and never posted twice.

    ``kind`` is ``new`` for the first alert of a story and ``update`` for a later outlet of the same story,
    which the notifier adds to the story's thread instead of posting again.
    """

    alert_id: str
    kind: str  # "new" or "update"
    rule_id: str
    title: str
    level: str
    story_key: str
    article: Article
    event: Event
    channels: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    text: str | None = None  # the rule template's rendering, when the rule has one
    outlets: int = 1  # outlets that have reported the story so far
    created_at: float = 0.0
    produced_at: float | None = None  # Kafka timestamp of the article that caused it

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["article"] = self.article.to_dict()
        data["event"] = self.event.to_dict()
        data["channels"] = list(self.channels)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        values = dict(data)
        values["article"] = Article.from_dict(data["article"])
        values["event"] = Event.from_dict(data["event"])
        values["channels"] = tuple(data.get("channels", ()))
        return cls(**values)

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes | str) -> Alert:
        return cls.from_dict(json.loads(raw))


def stable_id(*parts: str) -> str:
    """A short, deterministic id from parts (for idempotency keys)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]
