"""One spaCy model and one extractor for the whole NLP test session (loading costs about a second)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nlp_helpers import SEED  # noqa: E402

from streams.models import Article, Event  # noqa: E402
from streams.nlp import Extractor  # noqa: E402


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def seed_events(extractor: Extractor) -> list[Event]:
    return extractor.extract(Article(id="seed", body=SEED.read_text(encoding="utf-8")))
