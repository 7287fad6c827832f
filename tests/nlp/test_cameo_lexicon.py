"""The CAMEO-derived fallback lexicon: the converter, the fallback order, and sentences it now codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from nlp_helpers import codes, events_of, find

from streams.models import Article
from streams.nlp import Extractor, TriggerFilter
from streams.nlp.cameo_lexicon import entries, parse, render, resolve
from streams.nlp.lexicon import FALLBACK_HEADER, load_lexicon

SNIPPET = """\
####### SYNONYM SETS #######

&FOOD
+FOOD
+RICE
+WHEAT_FLOUR

####### VERB PATTERNS #######

---  RUSH   [---]  ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
- * &FOOD                                      [073]         # RUSH
- * (TO)                                       [042:043]     # RUSH
- * (TO BORDER)                                [154]         # RUSH
- &MILITARY *                                  [154]         # RUSH
- * {HUMANITARIAN AID}                         [0233]        # RUSH
- * DEFEAT                                     [---]         # RUSH
- * VERDICT                                    [:173]        # RUSH
- * AID                                        [073]         # SPEED

---  GRAB   [171]  ---
GRAB
SNATCH [181]
+CALL_OFF {+CALLED_OFF +CALLING_OFF} [160]
- * STRIKE                                     [087]         # CALLED_OFF
- * HOSTAGES                                   [0841]
- * WRIT                                       [081]
- * WRIT                                       [110]

---  PONDER   [012]  ---
PONDER
- * REQUEST                                    [020]
"""


def converted() -> dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], str]:
    kept, _ = resolve(entries(parse(SNIPPET.splitlines())))
    return {(e.lemma, e.conditions): e.category for e in kept}


def test_converter_translates_what_the_condition_language_can_say() -> None:
    got = converted()
    assert got[("rush", (("obj", ("flour", "food", "rice")),))] == "AID"  # synonym set, multi-word member by head
    assert got[("rush", (("prep", ("to",)),))] == "CONSULT"  # [042:043] codes by its first part
    assert got[("rush", (("obj", ("humanitarian",)), ("obj", ("aid",))))] == "NONE"  # appeal, with a condition
    assert got[("grab", ())] == "COERCE"  # the block's own code makes a bare entry
    assert got[("snatch", ())] == "ASSAULT"  # a verb's own code wins over the block's
    assert got[("call", (("prep", ("off",)),))] == "SANCTION"  # multi-word verb: verb plus particle
    assert got[("call", (("prep", ("off",)), ("obj", ("strike",))))] == "RETREAT"  # 087: de-escalate
    assert got[("grab", (("obj", ("hostages",)),))] == "RETREAT"  # 0841 release: 084-087 retreat
    kept, _ = resolve(entries(parse(SNIPPET.splitlines())))
    modes = {(e.lemma, e.conditions): e.mode for e in kept}
    assert modes[("grab", (("obj", ("hostages",)),))] == "release"  # the hand-written lexicon's mode word
    assert modes[("grab", ())] is None


def test_converter_drops_what_it_cannot_express_faithfully() -> None:
    got = converted()
    conditions = {c for (lemma, c) in got if lemma == "rush"}
    assert not any(("obj", ("border",)) in c for c in conditions)  # "(TO BORDER)": no preposition object
    assert not any(("obj", ("defeat",)) in c or ("obj", ("verdict",)) in c for c in conditions)  # [---], [:173]
    assert ("rush", ()) not in got  # a [---] block gives no bare entry; "&MILITARY *" (a subject) is dropped
    assert ("ponder", ()) not in got  # statements (01-02) are imported only with a condition
    assert got[("ponder", (("obj", ("request",)),))] == "NONE"
    assert ("grab", (("obj", ("writ",)),)) not in got  # coded two ways (081 and 110): left out
    # The pattern names SPEED: it applies to that verb only, not to the whole block.
    assert got[("speed", (("obj", ("aid",)),))] == "AID"
    assert ("rush", (("obj", ("aid",)),)) not in got


def test_generated_file_is_a_fallback_tier_with_its_forms(tmp_path: Path) -> None:
    kept, dropped = resolve(entries(parse(SNIPPET.splitlines())))
    text = render(kept, dropped, "0" * 40)
    assert FALLBACK_HEADER in text.splitlines()
    assert "Copyright (c) 2015 Open Event Data Alliance" in text
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "triggers-snippet.tsv").write_text(text, encoding="utf-8")
    lexicon = load_lexicon(tmp_path)
    sped = [t for t in lexicon.by_form["sped"] if t.lemma == "speed"]  # an irregular form from the braces
    assert sped and all(t.is_fallback for t in sped)
    assert any(not t.is_fallback for t in lexicon.by_form["signed"])  # triggers.tsv stays hand-written


@pytest.fixture(scope="module")
def tiered(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    """A rules folder with one hand-written and one fallback entry for the same verb."""
    folder = tmp_path_factory.mktemp("rules")
    (folder / "lexicon").mkdir()
    (folder / "lexicon" / "triggers-hand.tsv").write_text(
        "category\tpos\tlemma\tconditions\tmode\nDISAPPROVE\tverb\twave\tobj=fist\t-\n", encoding="utf-8"
    )
    (folder / "lexicon" / "triggers-wide.tsv").write_text(
        f"{FALLBACK_HEADER}\ncategory\tpos\tlemma\tconditions\tmode\nSUPPORT\tverb\twave\t-\t-\n"
        "PROTEST\tverb\twave\tobj=banner\t-\n",
        encoding="utf-8",
    )
    return Extractor(extractor.nlp, data_dir=folder)


def test_hand_written_entry_beats_a_derived_one(tiered: Extractor) -> None:
    # The derived bare entry holds too, and so would a more specific derived one: the hand entry wins.
    events = events_of(tiered, "Angry Greek farmers waved their fists at the German minister.")
    assert [e.event for e in events if e.lemma == "wave"] == ["DISAPPROVE"]


def test_derived_entry_fires_where_no_hand_entry_holds(tiered: Extractor) -> None:
    events = events_of(tiered, "The Japanese prime minister waved to Chinese reporters.")
    assert [e.event for e in events if e.lemma == "wave"] == ["SUPPORT"]
    # Among derived entries the most specific one wins, as among hand-written ones.
    events = events_of(tiered, "Greek farmers waved banners outside the German embassy.")
    assert [e.event for e in events if e.lemma == "wave"] == ["PROTEST"]


# Phrasings the hand-written lexicon misses; the derived tier codes them (sentence, category, lemma, source).
CASES = [
    ("Protesters burned the American flag outside the embassy in Tehran.", "PROTEST", "burn", None),
    ("Britain shared evidence with French investigators.", "COOPERATE", "share", {"GBR"}),
    ("Ecuador launched legal action against the Colombian government.", "DISAPPROVE", "launch", {"ECU"}),
    ("The Egyptian army stormed the militants' hideout in Sinai.", "FIGHT", "storm", {"EGY"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "category", "lemma", "source"), CASES, ids=[c[2] for c in CASES])
def test_derived_tier_codes_news_phrasings(
    extractor: Extractor, text: str, category: str, lemma: str, source: set[str] | None
) -> None:
    event = find(events_of(extractor, text), category, lemma)
    if source is not None:
        assert codes(event.source) == source


def test_statements_are_not_imported_bare(extractor: Extractor) -> None:
    # A bare NONE on "say" would silence the attack under it; CAMEO's 01x codes come in only with conditions.
    find(events_of(extractor, "The Iranian foreign minister said the attack killed ten people."), "ASSAULT")


def test_selective_parse_keeps_sentences_only_derived_entries_can_code(extractor: Extractor) -> None:
    article = Article(id="t", body="Prices rose in March. Protesters burned the American flag in Tehran.")
    only = TriggerFilter.for_categories({"PROTEST"})
    selective = extractor.extract_batch([article], triggers=only)[0]
    full = [e for e in extractor.extract(article) if e.event == "PROTEST"]
    assert [e.to_dict() for e in selective if e.event == "PROTEST"] == [e.to_dict() for e in full]
    assert any(e.lemma == "burn" for e in full)


def test_events_say_which_tier_gave_their_trigger(extractor: Extractor) -> None:
    assert find(events_of(extractor, "Turkey condemned the attack."), "DISAPPROVE").tier == "hand"
    burned = [e for e in events_of(extractor, "Protesters burned the French flag.") if e.event == "PROTEST"]
    assert burned and all(e.tier == "fallback" for e in burned)
    # A derived verb whose object is a curated trigger of its category is vouched for by it.
    announced = find(events_of(extractor, "The EU announced new sanctions against Russia on Monday."), "SANCTION")
    assert announced.lemma == "announce" and announced.tier == "hand"


PRUNING_SNIPPET = """\
&MILITARY
+TROOPS
+RESERVES
+ARMED_SERVICES

---  PAY   [061]  ---
PAY {PAID PAYING PAYS }
- * VISIT                                      [042]

---  GO   [040]  ---
GO {WENT GONE GOING GOES }
- * (TO)                                       [040]
- * (TO WAR)                                   [190]

---  HIT   [190]  ---
HIT
- * &MILITARY                                  [190]
"""


def test_pruning_keeps_what_needs_an_object() -> None:
    kept, _ = resolve(entries(parse(PRUNING_SNIPPET.splitlines())))
    got = {(e.lemma, e.conditions): e.category for e in kept}
    assert ("pay", ()) not in got  # cooperation lies in the object ("paid a dividend" is none): no bare entry
    assert got[("pay", (("obj", ("visit",)),))] == "CONSULT"  # "paid a visit" is
    assert ("go", ()) not in got and ("go", (("prep", ("to",)),)) not in got  # a general verb, "went to the polls"
    assert got[("hit", ())] == "FIGHT"  # conflict verbs keep their bare entry
    # Synonym-set words whose usual sense in news is another: "reserves" (oil), "services" (armed services' head).
    assert got[("hit", (("obj", ("troops",)),))] == "FIGHT"


# Business news the derived tier misread (Reuters-21578, 1987): no coded actor on either side, so no derived event.
BUSINESS = [
    "The company added that it plans to buy the unit and paid 5.4 mln dlrs for a 9 pct stake.",
    "Car sales declined 26.6 pct to 629,088 units, and the bank will boost its foreign exchange reserves.",
    "The insurer was established in 1946 and is controlled by investor Kirk Kerkorian.",
    "The board approved a stock split, which will allow shareholders to trade more easily.",
]


@pytest.mark.parametrize("text", BUSINESS, ids=range(len(BUSINESS)))
def test_business_news_gives_no_derived_event(extractor: Extractor, text: str) -> None:
    assert [(e.event, e.lemma) for e in events_of(extractor, text) if e.tier == "fallback"] == []


def test_political_uses_of_frequent_verbs_are_still_coded(extractor: Extractor) -> None:
    find(events_of(extractor, "Syrian rebels hit the town with rockets on Tuesday."), "FIGHT", "hit")
    find(events_of(extractor, "Talks between Israel and the Palestinians failed again."), "REJECT", "fail")
    # A cooperation verb codes through its patterns: "paid a visit" is a consultation.
    find(events_of(extractor, "The Chinese premier paid a visit to Moscow."), "CONSULT", "pay")
