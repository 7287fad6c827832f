"""The seed article (Seoul summons Russia's ambassador) must yield the events the shipped rules alert on."""

from __future__ import annotations

from nlp_helpers import SEED, codes, find

from streams.models import Event


def test_south_korea_summons_the_russian_ambassador(seed_events: list[Event]) -> None:
    summons = [e for e in seed_events if e.event == "DISAPPROVE" and e.lemma == "summon"]
    assert len(summons) == 2  # the lead sentence and "summoned Russia's ambassador to Seoul, Georgy Zinoviev"
    for event in summons:
        assert {(a.code, a.sector) for a in event.source} == {("KOR", "GOV")}
        assert {(a.code, a.sector) for a in event.target} == {("RUS", "DIP")}  # RUS, not KOR ("to Seoul")
        assert "diplomatic" in event.context
    assert "Russia's ambassador" in summons[1].target[0].actorText


def test_north_korea_and_russia_sign_a_defense_agreement(seed_events: list[Event]) -> None:
    event = find(seed_events, "AGREE", "sign")
    assert codes(event.source) == {"PRK", "RUS"}
    assert "military" in event.context
    assert event.modality == "asserted"
    assert "signed a defense agreement" in event.text


def test_south_korea_would_reconsider_arms_policy(seed_events: list[Event]) -> None:
    event = find(seed_events, "CONCEDE", "reconsider")
    assert codes(event.source) == {"KOR"}
    assert event.modality in {"future", "hypothetical"}
    assert "arms" in event.context
    assert event.speaker == "South Korea"


def test_russia_vetoed_a_security_council_resolution(seed_events: list[Event]) -> None:
    event = find(seed_events, "REJECT", "veto")  # (the seed's "violating Security Council resolutions" is another)
    assert codes(event.source) == {"RUS"}
    assert codes(event.target) == {"IGO"}
    assert event.target[0].name == "United Nations Security Council"


def test_the_kremlin_leader_warned_south_korea(seed_events: list[Event]) -> None:
    event = find(seed_events, "THREATEN", "warn")
    assert codes(event.source) == {"RUS"}
    assert codes(event.target) == {"KOR"}
    assert event.date == "Thursday"


def test_offsets_point_into_the_body(seed_events: list[Event]) -> None:
    body = SEED.read_text(encoding="utf-8")
    for event in seed_events:
        assert body[event.start : event.end].split()[0] == event.eventText.split()[0]
        assert body[event.sentence_start : event.sentence_end] == event.text
        assert 0.0 <= event.confidence <= 1.0
        assert event.modality in {"asserted", "negated", "hypothetical", "future", "reported"}
        assert Event.from_dict(event.to_dict()) == event
