"""Parsing sentences in batches gives each sentence exactly its parse alone (the reason selective parsing may
batch): tensors bit for bit, and every annotation the extractor reads."""

from __future__ import annotations

import random

from spacy.tokens import Doc
from test_selective import SENTENCES

from streams.nlp import Extractor
from streams.nlp.pipeline import batch_independent, parse


def _signature(doc: Doc) -> tuple[object, ...]:
    tokens = [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]
    return tuple(tokens), doc.tensor.tobytes()


def test_batch_size_and_composition_do_not_change_a_parse(extractor: Extractor) -> None:
    nlp = extractor.nlp
    assert batch_independent(nlp)
    alone = [_signature(d) for d in parse(nlp, (nlp.make_doc(s) for s in SENTENCES), batch_size=1)]
    order = list(range(len(SENTENCES)))
    random.Random(3).shuffle(order)
    for batch_size in (4, 64):
        together = parse(nlp, (nlp.make_doc(SENTENCES[i]) for i in order), batch_size=batch_size)
        for i, doc in zip(order, together, strict=True):
            assert _signature(doc) == alone[i], SENTENCES[i]
