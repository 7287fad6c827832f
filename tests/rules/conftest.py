"""Fixtures for the rule engine tests; unit tests use hand-built events, only test_rules_shipped loads spaCy."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


import pytest  # noqa: E402
from rules_helpers import RULES  # noqa: E402

from streams.nlp import Extractor  # noqa: E402


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real spaCy extractor, loaded once per session (the model is cached per process)."""
    return Extractor(data_dir=RULES)
