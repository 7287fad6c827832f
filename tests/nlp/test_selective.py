"""Selective parsing (only sentences that can yield the wanted categories) gives exactly the full parse's events."""

from __future__ import annotations

import pytest
from nlp_helpers import SEED

from streams.models import Article
from streams.nlp import Extractor

SENTENCES = [
    "Japan and Australia signed a trade agreement on Tuesday.",
    "Shares of Ford Motor rose 3 percent in early trading.",
    "The French foreign minister met his Chinese counterpart in Beijing.",
    "Germany praised Italy for its handling of the migrant crisis.",
    "The central bank left interest rates unchanged for the fifth month.",
    "Israel withdrew its troops from southern Lebanon.",
    "The United States provided humanitarian aid to Haiti.",
    "Wheat futures fell sharply after the harvest report.",
    "Kenyan police are investigating the deaths of three activists.",
    "Iran demanded that the United States release its citizens.",
    "China condemned Japan's decision to send warships to the region.",
    "Russia rejected the French proposal, officials said.",
    "North Korea threatened to attack South Korea.",
    "Thousands of protesters demonstrated against the government in Caracas.",
    "The weather will be sunny with temperatures near 25 degrees.",
    "Turkey deployed troops along the Syrian border.",
    "The European Union imposed sanctions on Russia and froze the assets of twenty officials.",
    "Egyptian police arrested 20 opposition activists in Cairo.",
    "Gunmen killed five Nigerian soldiers in an ambush.",
    "The Russian ambassador was summoned by the Polish foreign ministry.",
    "Russia has not signed the treaty.",
    "Pakistan may expel the Afghan envoy.",
    '"We will not negotiate with terrorists," the Israeli prime minister said.',
    "Syria said Turkish forces had attacked its border posts.",
    "Brazil and Argentina condemned the coup in Bolivia.",
    "The company said quarterly profit rose to 1.2 billion dollars.",
    "Officials said China would impose tariffs on American goods.",
    "Georgy Zinoviev, Russia's ambassador to Seoul, was summoned by South Korea.",
    "Rebels shelled the airport overnight, and the army responded with air strikes.",
    "The two leaders held talks and agreed to restore diplomatic ties.",
    "Washington urged Moscow to withdraw its forces, but the Kremlin refused.",
    "Smugglers stole cattle from farmers near the Kenyan border.",
    "Saudi Arabia recalled its ambassador from Canada and froze new trade.",
    "The court sentenced the opposition leader to five years in prison.",
    "A suicide bomber struck a market in Kabul, killing 12 people.",
    "Oil prices climbed as OPEC kept output steady.",
    # A threat derived from force promised on a condition: parsed for THREATEN rules only where "if" is there.
    "Iran will attack Israel if it strikes its nuclear sites, the Revolutionary Guards said.",
    "Iran will hold military drills near the Strait of Hormuz next week.",
    # Threats derived from declared or vowed force: parsed where "will", "would" or a vow is there.
    "Turkey said it would launch a military operation against Kurdish militants in Syria.",
    "Israel vowed to retaliate against Hezbollah.",
    # ... and from a hostile option kept open: parsed where a negation is there.
    "Israel did not rule out military action against Iran.",
    "Israel ruled out military action against Iran.",
    "Hezbollah attacked Israel.",
    # A condition on what a preposition governs ("pobj"): parsed for DEMAND rules only where "sanctions" is there.
    "Greece called for sanctions against Turkey.",
    "Greece called for calm.",
    # Troops sent at home: an AID entry's event turned deployment, parsed for MOBILIZE rules too.
    "Nigeria sent 2,000 troops to Borno state.",
    # A ban on another country's trade (a COERCE entry's event turned SANCTION), sanctions promised on a condition
    # (a THREATEN), an exercise with a partner (a MOBILIZE turned COOPERATE).
    "China imposed a ban on imports of Australian coal.",
    "The EU said it would impose sanctions on Belarus if it did not free the prisoners.",
    "Indian warships joined Japanese destroyers for drills off Okinawa.",
    "India and Myanmar launched coordinated military operations against insurgent camps.",
]
CATEGORY_SETS = [
    frozenset({"DISAPPROVE"}),
    frozenset({"SANCTION"}),
    frozenset({"THREATEN"}),
    frozenset({"COOPERATE"}),
    frozenset({"AGREE", "REJECT"}),
    frozenset({"SANCTION", "COERCE", "THREATEN"}),
    frozenset({"ASSAULT", "FIGHT", "MOBILIZE", "PROTEST"}),
    frozenset({"CONCEDE", "RETREAT", "AID", "COOPERATE", "CONSULT", "SUPPORT", "DEMAND", "INVESTIGATE", "CRIME"}),
]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    seed = Article(id="seed", body=SEED.read_text(encoding="utf-8"))
    # Articles of several sentences, so that selection happens inside articles as well as between them.
    chunks = [" ".join(SENTENCES[i : i + 4]) for i in range(0, len(SENTENCES), 4)]
    singles = [Article(id=f"s{i}", body=s) for i, s in enumerate(SENTENCES)]
    return [seed, *(Article(id=f"c{i}", body=c) for i, c in enumerate(chunks)), *singles]


@pytest.mark.parametrize("categories", CATEGORY_SETS, ids=lambda c: "+".join(sorted(c)))
def test_selective_equals_full_parse(extractor: Extractor, articles: list[Article], categories: frozenset[str]) -> None:
    full = extractor.extract_batch(articles, categories=categories, full_parse=True)
    selective = extractor.extract_batch(articles, categories=categories)
    assert selective == full
    assert any(full), "the sentences should produce some events of these categories"


def test_categories_filter_the_unfiltered_result(extractor: Extractor, articles: list[Article]) -> None:
    everything = extractor.extract_batch(articles)
    wanted = frozenset({"DISAPPROVE", "REJECT"})
    filtered = [[e for e in events if e.event in wanted] for events in everything]
    assert extractor.extract_batch(articles, categories=wanted) == filtered


def test_articles_without_candidates_stop_early(extractor: Extractor) -> None:
    market = Article(id="m", body="Shares rose 3 percent. The central bank left rates unchanged.")
    assert extractor.extract_batch([market], categories=frozenset({"DISAPPROVE"})) == [[]]
    assert not any(f in extractor.candidate_forms({"DISAPPROVE"}) for f in ("shares", "rose", "rates"))
