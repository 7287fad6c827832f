"""RuleSet: matching with lists, macros, exceptions and min_confidence; the index; categories; explain."""

from __future__ import annotations

import random
from pathlib import Path

from rules_helpers import ARTICLE, actor, event, rule_text, ruleset, write

from streams.models import Event
from streams.rules import RuleSet, load_rules

LIBRARY = """
lists:
  envoys: [DIP, GOV]
  watched: [RUS, PRK]
macros:
  happened:
    modality: [asserted, reported]
  watched_target:
    target.code: $watched
"""


def test_lists_and_macros_are_shared_by_every_rule_file(tmp_path: Path) -> None:
    rules = ruleset(
        tmp_path,
        ("lists.yaml", LIBRARY),
        (
            "a.yaml",
            rule_text("a", selections="s: {lemma: summon, target.sector: $envoys}", condition="s and happened"),
        ),
        ("b.yaml", rule_text("b", selections="s: {event: DISAPPROVE}", condition="s and watched_target")),
    )
    assert [m.rule_id for m in rules.match(ARTICLE, [event()])] == ["a", "b"]
    assert rules.match(ARTICLE, [event(modality="negated", target=(actor("CHN", "DIP"),))]) == []


def test_exceptions_and_min_confidence(tmp_path: Path) -> None:
    rules = ruleset(
        tmp_path,
        (
            "r.yaml",
            rule_text(
                "r",
                exceptions="\n  own_side: {source.code: RUS}\n  quoted: {speaker|exists: true}",
                min_confidence="0.6",
            ),
        ),
    )
    assert len(rules.match(ARTICLE, [event()])) == 1
    assert rules.match(ARTICLE, [event(source=(actor("RUS"),))]) == []
    assert rules.match(ARTICLE, [event(speaker="Peskov")]) == []
    assert rules.match(ARTICLE, [event(confidence=0.5)]) == []


def test_disabled_rules_do_not_match(tmp_path: Path) -> None:
    rules = ruleset(tmp_path, ("r.yaml", rule_text("r", enabled="false")))
    assert rules.match(ARTICLE, [event()]) == [] and len(rules) == 1


def test_categories_for_selective_parsing(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("a", selections="s: {event: [DISAPPROVE, sanction]}"))
    write(tmp_path, "b.yaml", rule_text("b", selections="s: [{event: AGREE}, {event: REJECT, lemma: veto}]"))
    assert load_rules([tmp_path]).categories() == {"DISAPPROVE", "SANCTION", "AGREE", "REJECT"}
    write(tmp_path, "c.yaml", rule_text("c", selections="s: {lemma: warn}"))
    assert load_rules([tmp_path]).categories() is None  # rule c could match any category
    write(tmp_path, "c.yaml", rule_text("c", selections="s: {lemma: warn}", enabled="false"))
    assert load_rules([tmp_path]).categories() == {"DISAPPROVE", "SANCTION", "AGREE", "REJECT"}
    assert load_rules([tmp_path]).lemmas() is None


def test_explain_says_which_selection_failed_and_why(tmp_path: Path) -> None:
    rules = ruleset(
        tmp_path,
        ("r.yaml", rule_text("r", selections="act: {lemma: summon}\n  whom: {target.code: CHN}")),
    )
    [why] = rules.explain(ARTICLE, [event()])
    assert not why.matched
    assert why.reason == "condition `all of them` is false (failed: whom)"
    whom = {s.name: s for s in why.selections}["whom"]
    assert whom.checks == ("target.code: 'CHN' FAILS (target.code is 'RUS')",)
    [none] = rules.explain(ARTICLE, [])
    assert none.reason == "no events were extracted"


def test_explain_reports_exceptions_and_confidence(tmp_path: Path) -> None:
    rules = ruleset(
        tmp_path, ("r.yaml", rule_text("r", exceptions="\n  quoted: {speaker|exists: true}", min_confidence="0.5"))
    )
    [why] = rules.explain(ARTICLE, [event(speaker="x")])
    assert (why.matched, why.reason) == (False, "exception quoted holds")
    [why] = rules.explain(ARTICLE, [event(confidence=0.2)])
    assert why.reason == "confidence 0.20 is below min_confidence 0.5"


# --- the index ------------------------------------------------------------------------------------------------

CATEGORIES = ["AGREE", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "MOBILIZE", "CONCEDE", "DEMAND"]
LEMMAS = [f"verb{i}" for i in range(400)]
CODES = ["RUS", "KOR", "PRK", "USA", "CHN", "UKR", "JPN", "DEU", "FRA", "GBR", "IRN", "ISR"]


def generated_rules(folder: Path, n: int, seed: int = 7) -> RuleSet:
    """Rules of the shapes people write: pinned lemma, pinned target, pinned category, or free text."""
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        shape = i % 4
        if shape == 0:
            sel = f"{{event: {rnd.choice(CATEGORIES)}, lemma: [{rnd.choice(LEMMAS)}, {rnd.choice(LEMMAS)}]}}"
        elif shape == 1:
            sel = f"{{target.code: {rnd.choice(CODES)}, source.code: {rnd.choice(CODES)}}}"
        elif shape == 2:
            sel = f"{{event: {rnd.choice(CATEGORIES)}, text|contains: {rnd.choice(LEMMAS)}}}"
        else:
            sel = f"[{{lemma: {rnd.choice(LEMMAS)}}}, {{source.code: {rnd.choice(CODES)}, event: AGREE}}]"
        docs.append(rule_text(f"gen-{i}", selections=f"s: {sel}"))
    write(folder, "generated.yaml", "---\n".join(docs))
    return load_rules([folder])


def random_events(n: int, seed: int = 3) -> list[Event]:
    rnd = random.Random(seed)
    return [
        event(
            category=rnd.choice(CATEGORIES),
            lemma=rnd.choice(LEMMAS),
            source=(actor(rnd.choice(CODES), "GOV"),),
            target=(actor(rnd.choice(CODES), "GOV"),),
            text=f"something about {rnd.choice(LEMMAS)} here",
        )
        for _ in range(n)
    ]


def brute_force(rules: RuleSet, events: list[Event]) -> list[tuple[str, int]]:
    return [(r.id, i) for i, e in enumerate(events) for r in rules.rules if r.enabled and r.matches(e, ARTICLE)]


def test_index_finds_exactly_what_checking_every_rule_finds(tmp_path: Path) -> None:
    rules = generated_rules(tmp_path, 400)
    events = random_events(300)
    indexed = sorted((m.rule_id, events.index(m.event)) for m in rules.match(ARTICLE, events))
    assert indexed == sorted(brute_force(rules, events))
    assert indexed  # the generated rules do match something


def test_index_keeps_candidates_few_with_a_thousand_rules(tmp_path: Path) -> None:
    rules = generated_rules(tmp_path, 1000)
    events = random_events(200)
    mean = sum(len(rules.candidates(e, ARTICLE)) for e in events) / len(events)
    # 1,000 rules spread over 8 categories, 400 lemmas and 12 codes: an event is checked against a few dozen
    # (the rules that pin only its category), not 1,000.
    assert mean < 70, mean  # about 55 with these shapes: 1/4 pin only a category, 1/4 only one code
