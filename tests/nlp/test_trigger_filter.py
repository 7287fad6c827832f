"""Selective parsing by what the rules can match (category, lemma and mode of the trigger): the same matches as a
full parse of everything, for rules that pin a lemma, a mode, or nothing (``lemma|not``, regex, ``eventText``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_helpers import SEED
from test_selective import SENTENCES

from streams.models import Article, Event
from streams.nlp import Extractor, TriggerFilter
from streams.nlp.selection import LemmaForms, Pin, SentenceGate
from streams.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[2]
EXTRA = [
    "Russia said it would reconsider its ban on grain exports.",
    "The build-up of Russian troops near the border alarmed NATO.",
    "Prices rose 5 pct, up from 3 pct a year ago.",
    "Ford cut prices on its trucks by 2 pct.",
    "Canada cut ties with Iran and expelled its diplomats.",
    "The army conducted exercises near the border.",
    "Japan will not provide aid to the junta.",
    "Japan will provide humanitarian aid to Haiti.",
    "The two sides signed a ceasefire agreement in Doha.",
    "The company signed a lease for new offices.",
    "The United States vetoed a UN Security Council resolution on Gaza.",
]
# Rule bodies (selections and condition) covering every way a rule can constrain the trigger.
RULES = {
    "lemma-pinned": "s: {event: DISAPPROVE, lemma: summon}",
    "lemma-list": "s: {event: AGREE, lemma: [sign, reach]}",
    "mode-pinned": "s: [{event: CONCEDE, mode: policy}, {event: RETREAT, mode: ease}]",
    "lemma-not": "s: {event: SANCTION, lemma|not: impose}",
    "lemma-regex": "s: {event: AGREE, lemma|regex: '^sig'}",
    "event-text": "s: {event: MOBILIZE, eventText|contains: up}",
    "derived-reject": "s: {event: REJECT, lemma: provide}",
    "derived-agree": "s: {event: AGREE, mode: aid}",
    "no-event-pin": "s: {lemma: veto}",
}


def _articles() -> list[Article]:
    sentences = SENTENCES + EXTRA
    chunks = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    seed = Article(id="seed", body=SEED.read_text(encoding="utf-8"))
    return [seed, *(Article(id=f"c{i}", body=c) for i, c in enumerate(chunks))]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return _articles()


@pytest.fixture(scope="module")
def everything(extractor: Extractor, articles: list[Article]) -> list[list[Event]]:
    return extractor.extract_batch(articles)


def _rules(tmp_path: Path, name: str) -> RuleSet:
    if name == "shipped":
        return load_rules([ROOT / "rules"])
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / f"{name}.yaml").write_text(
        f"id: {name}\ntitle: {name}\nselections:\n  {RULES[name]}\ncondition: s\n", encoding="utf-8"
    )
    return load_rules([tmp_path])


def _matches(rules: RuleSet, articles: list[Article], events: list[list[Event]]) -> list[tuple[str, str, int]]:
    return sorted(
        (m.rule_id, m.article.id, m.event.start)
        for a, e in zip(articles, events, strict=True)
        for m in rules.match(a, e)
    )


@pytest.mark.parametrize("name", ["shipped", *RULES])
def test_filtered_selective_parsing_changes_no_match(
    extractor: Extractor, articles: list[Article], everything: list[list[Event]], tmp_path: Path, name: str
) -> None:
    rules = _rules(tmp_path, name)
    triggers = TriggerFilter.from_pins(rules.trigger_pins())
    selective = extractor.extract_batch(articles, triggers=triggers)
    # Identical to parsing every sentence with the same filter on the output...
    assert selective == extractor.extract_batch(articles, triggers=triggers, full_parse=True)
    # ...which is the unfiltered result less the events the filter does not admit...
    admitted = [[e for e in events if triggers.admits(e.event, e.lemma, e.mode)] for events in everything]
    assert selective == admitted
    # ...and those are exactly the events no rule can match.
    assert _matches(rules, articles, selective) == _matches(rules, articles, everything)
    assert _matches(rules, articles, everything), f"the test articles should give {name} a match"


def test_rules_that_do_not_pin_the_lemma_keep_every_trigger_of_their_categories(tmp_path: Path) -> None:
    for name in ("lemma-not", "lemma-regex", "event-text"):
        [pins] = _rules(tmp_path / name, name).trigger_pins()
        assert pins["lemma"] is None and pins["event"] is not None
    [pins] = _rules(tmp_path / "p", "lemma-pinned").trigger_pins()
    assert pins == {"event": frozenset({"disapprove"}), "lemma": frozenset({"summon"}), "mode": None}


def test_filter_admits_by_category_lemma_and_mode() -> None:
    triggers = TriggerFilter.from_pins(
        [
            {"event": frozenset({"disapprove"}), "lemma": frozenset({"summon"})},
            {"event": None, "mode": frozenset({"ease"})},
        ]
    )
    assert triggers.admits("DISAPPROVE", "summon", None)
    assert not triggers.admits("DISAPPROVE", "condemn", None)
    assert triggers.admits("RETREAT", "lift", "ease") and not triggers.admits("RETREAT", "lift", None)
    assert triggers.categories is None
    assert triggers.restrict({"DISAPPROVE"}).pins == (
        Pin(frozenset({"DISAPPROVE"}), frozenset({"summon"})),
        Pin(frozenset({"DISAPPROVE"}), None, frozenset({"ease"})),
    )
    assert TriggerFilter.from_pins([]).categories == frozenset()  # no enabled rule: nothing to extract
    pins = ({"event": frozenset({"threaten"})},)
    assert TriggerFilter.from_pins(pins) is TriggerFilter.from_pins(pins)  # built once per rule set, not per batch


def test_categories_alone_still_work(
    extractor: Extractor, articles: list[Article], everything: list[list[Event]]
) -> None:
    wanted = frozenset({"SANCTION", "REJECT"})
    assert extractor.extract_batch(articles, categories=wanted) == [
        [e for e in events if e.event in wanted] for events in everything
    ]


def _gate(extractor: Extractor, pins: dict[str, frozenset[str] | None]) -> SentenceGate:
    return SentenceGate(extractor.lexicon, TriggerFilter.from_pins([pins]), LemmaForms(extractor.nlp))


def test_a_hyphenated_trigger_needs_its_first_part(extractor: Extractor) -> None:
    gate = _gate(extractor, {"event": frozenset({"mobilize"})})
    assert gate.wants(extractor.nlp.make_doc("The build-up of troops alarmed NATO."))
    assert not gate.wants(extractor.nlp.make_doc("Prices rose 5 pct, up from 3 pct a year ago."))


def test_an_object_condition_needs_one_of_its_words(extractor: Extractor) -> None:
    gate = _gate(extractor, {"event": frozenset({"sanction"}), "lemma": frozenset({"cut"})})
    assert gate.wants(extractor.nlp.make_doc("Canada cut ties with Iran."))
    assert not gate.wants(extractor.nlp.make_doc("Ford cut prices on its trucks by 2 pct."))


def test_narrow_derivations_need_their_own_cue(extractor: Extractor) -> None:
    # A rally or sanctions are a threat only on a condition: no parse for a threat rule without an "if".
    threats = _gate(extractor, {"event": frozenset({"threaten"})})
    assert threats.wants(extractor.nlp.make_doc("Teachers will rally outside parliament unless pay rises."))
    assert not threats.wants(extractor.nlp.make_doc("Teachers will rally outside parliament on Monday."))
    # A restriction is a sanction only on another country's trade.
    sanctions = _gate(extractor, {"event": frozenset({"sanction"}), "lemma": frozenset({"ban"})})
    assert sanctions.wants(extractor.nlp.make_doc("China banned imports of Australian coal."))
    assert not sanctions.wants(extractor.nlp.make_doc("The city banned street parking at night."))
    # A fight is cooperation only when joint.
    joint = _gate(extractor, {"event": frozenset({"cooperate"}), "lemma": frozenset({"launch"})})
    assert joint.wants(extractor.nlp.make_doc("India and Myanmar launched coordinated strikes on the camps."))
    assert not joint.wants(extractor.nlp.make_doc("Rebels launched strikes on the camps."))


def test_lemma_forms_cover_every_lemma_the_pipeline_gives(extractor: Extractor, articles: list[Article]) -> None:
    """The pre-check looks for forms of a lemma; each token's own form must be among its lemma's forms."""
    forms = LemmaForms(extractor.nlp)
    assert forms.available
    assert {"agreements", "signed", "ties"} <= (forms.forms({"agreement", "sign", "tie"}) or set())
    docs = extractor.nlp.pipe(a.body for a in articles)
    for doc in docs:
        for tok in doc:
            lemma = tok.lemma_.lower()
            inverse = forms.forms({lemma})
            assert inverse is None or tok.lower_ in inverse, (tok.text, lemma)
