"""Small helpers for the NLP tests."""

from __future__ import annotations

from pathlib import Path

from streams.models import Actor, Article, Event
from streams.nlp import Extractor
from streams.nlp.evaluate import top1

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


def top_event(events: list[Event]) -> Event:
    """The event the evaluation calls top-1 (``evaluate.top1``: the highest confidence, the earliest of equals)."""
    event = top1(events)
    assert event is not None, "no event at all"
    return event


def top_of(extractor: Extractor, text: str) -> Event:
    return top_event(events_of(extractor, text))
