"""Parses the small model gets wrong and streams/nlp/repair.py mends: headline English, "let free", a particle after
the object."""

from __future__ import annotations

from nlp_helpers import codes, events_of, find, top_of

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


def test_let_free_and_set_free_are_releases(extractor: Extractor) -> None:
    # The parser reads "free" as a clause of its own, even with the one freed as its subject.
    freed = find(events_of(extractor, "Egypt finally let free the American aid worker Aya Hijazi."), "RETREAT")
    assert codes(freed.source) == {"EGY"} and freed.eventText == "let free"
    hostages = find(events_of(extractor, "Philippine troops set free three Indonesian hostages."), "RETREAT")
    assert codes(hostages.source) == {"PHL"} and codes(hostages.target) == {"IDN"}
    prisoners = events_of(extractor, "Ethiopia let free 74 political prisoners.")
    assert [(e.event, e.eventText) for e in prisoners] == [("RETREAT", "let free")]


def test_a_particle_after_the_object_is_the_verbs(extractor: Extractor) -> None:
    # "over" hung from the object, and "suspects" read as a verb: still a hand-over of suspects.
    handed = top_of(extractor, "Oman said it had handed two al Qaeda suspects over to Yemen.")
    assert (handed.event, handed.eventText) == ("COOPERATE", "handed over")
    assert codes(handed.source) == {"OMN"} and codes(handed.target) == {"YEM"}
