"""NLP stage: spaCy model loading and PLOVER event extraction (see events.py)."""

from streams.nlp.events import Extractor
from streams.nlp.pipeline import load_model
from streams.nlp.selection import TriggerFilter

__all__ = ["Extractor", "TriggerFilter", "load_model"]
