"""Headline English: the small model misreads bare subjects and objects (streams/nlp/repair.py)."""

from __future__ import annotations

from nlp_helpers import codes, events_of, find

from streams.nlp import Extractor
from streams.nlp.repair import repair_parse


def test_a_headline_subject_read_as_a_modifier_is_the_agent(extractor: Extractor) -> None:
    arrest = find(events_of(extractor, "Kenyan police arrest opposition senator in raid on his home"), "COERCE")
    assert codes(arrest.source) == {"KEN"}
    assert arrest.source[0].actorText == "Kenyan police"


def test_a_headline_object_read_as_an_adjective_is_the_object(extractor: Extractor) -> None:
    offensive = find(events_of(extractor, "Ethiopia launches offensive against rebels in Tigray"), "FIGHT", "launch")
    assert codes(offensive.source) == {"ETH"}


def test_linking_verbs_keep_their_complements(extractor: Extractor) -> None:
    doc = extractor.nlp("Border remains calm")
    assert [t.dep_ for t in doc if t.lower_ == "calm"] == ["acomp"]
    repair_parse(doc, lambda word: True)  # even were "calm" an event noun
    assert [t.dep_ for t in doc if t.lower_ == "calm"] == ["acomp"]
