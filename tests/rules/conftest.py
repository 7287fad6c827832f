"""Fixtures for the rule engine tests; unit tests use hand-built events, only test_rules_shipped loads spaCy."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


import pytest  # noqa: E402

from streams.nlp import Extractor  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
SEED = ROOT / "seeds" / "000_a37d2364f582c819.txt"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real spaCy extractor, loaded once per session (the model is cached per process)."""
    return Extractor(data_dir=RULES)
