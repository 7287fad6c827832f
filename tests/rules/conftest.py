"""Fixtures for the rule engine tests; unit tests use hand-built events, only test_rules_shipped loads spaCy."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
