"""Small helpers for the NLP tests."""

from __future__ import annotations

from pathlib import Path

from streams.models import Actor, Article, Event
from streams.nlp import Extractor

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a37d2364f582c819.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "nlp"


def events_of(extractor: Extractor, text: str) -> list[Event]:
    return extractor.extract(Article(id="t", body=text))


def codes(actors: tuple[Actor, ...]) -> set[str | None]:
    return {a.code for a in actors}


def find(events: list[Event], category: str, lemma: str | None = None) -> Event:
    for event in events:
        if event.event == category and (lemma is None or event.lemma == lemma):
            return event
    raise AssertionError(f"no {category}/{lemma} event in {[(e.event, e.lemma) for e in events]}")
