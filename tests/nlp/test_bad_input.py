"""Input that must neither crash nor hang the extractor."""

from __future__ import annotations

import logging

import pytest
from nlp_helpers import SEED

from streams.models import Article
from streams.nlp import Extractor


@pytest.mark.parametrize(
    "body",
    ["", "   \n\t  ", "\x00\x01\x02 South Korea \x07summoned\x1b the Russian ambassador.\x7f",
     "🇰🇷 South Korea 😡 summoned the Russian ambassador 🙄 on Friday. 🚀🚀🚀",
     "a" * 50_000, ".\n" * 5_000, "South" + " Korea" * 3000],
    ids=["empty", "whitespace", "control-chars", "emoji", "one-long-word", "punctuation", "no-sentence-end"],
)  # fmt: skip
def test_odd_bodies_give_a_list(extractor: Extractor, body: str) -> None:
    events = extractor.extract(Article(id="odd", body=body))
    assert isinstance(events, list)
    for event in events:
        assert 0 <= event.start <= event.end <= len(body)


def test_control_characters_do_not_shift_offsets(extractor: Extractor) -> None:
    body = "\x00\x01 South Korea summoned the Russian ambassador.\x7f"
    events = extractor.extract(Article(id="ctl", body=body))
    event = next(e for e in events if e.lemma == "summon")
    assert body[event.start : event.end] == "summoned"


def test_right_to_left_text_is_skipped_as_non_english(extractor: Extractor, caplog: pytest.LogCaptureFixture) -> None:
    arabic = "استدعت كوريا الجنوبية السفير الروسي يوم الجمعة بعد أن وقعت كوريا الشمالية وروسيا اتفاقية دفاعية " * 5
    with caplog.at_level(logging.INFO, logger="streams.nlp.events"):
        assert extractor.extract(Article(id="ar", body=arabic)) == []
    assert "not English" in caplog.text


def test_non_english_latin_text_is_skipped_with_a_reason(
    extractor: Extractor, caplog: pytest.LogCaptureFixture
) -> None:
    french = (
        "La Corée du Sud a convoqué l'ambassadeur de Russie à Séoul vendredi, après que la Corée du Nord et "
        "la Russie ont signé un accord de défense prévoyant une assistance mutuelle en cas d'agression. "
    ) * 3
    with caplog.at_level(logging.INFO, logger="streams.nlp.events"):
        assert extractor.extract(Article(id="fr", body=french)) == []
    assert "fr" in caplog.text and "not English" in caplog.text


def test_an_english_lead_dense_with_names_is_not_skipped(extractor: Extractor) -> None:
    # Twenty words, few of them function words: the names must not count against the text being English.
    lead = (
        "Former U.S. President Barack Obama endorsed Emmanuel Macron in a video released days before France's "
        "presidential run-off."
    )
    assert "endorse" in {e.lemma for e in extractor.extract(Article(id="names", body=lead))}
    # German, whose nouns are capitalised, is still judged by its other words.
    german = (
        "Der Bundeskanzler hat am Montag die Regierungserklärung abgegeben und dabei die Opposition scharf "
        "kritisiert, wie die Nachrichtenagentur berichtete und wie es in Berlin hieß."
    )
    assert extractor.extract(Article(id="de", body=german)) == []


def test_declared_language_is_respected(extractor: Extractor) -> None:
    body = SEED.read_text(encoding="utf-8")
    assert extractor.extract(Article(id="de", body=body, language="de")) == []
    assert extractor.extract(Article(id="en", body=body, language="en")) != []


def test_huge_article_is_capped_and_the_cap_reported(extractor: Extractor, caplog: pytest.LogCaptureFixture) -> None:
    seed = SEED.read_text(encoding="utf-8")
    body = seed + "\n" + ("Markets were calm on Monday. " * 200_000)  # ~5.8 MB
    capped = Extractor(extractor.nlp, max_chars=20_000)
    with caplog.at_level(logging.WARNING, logger="streams.nlp.events"):
        events = capped.extract(Article(id="big", body=body))
    assert "capped at 20000" in caplog.text
    assert any(e.lemma == "summon" for e in events)
    assert all(e.end <= 20_000 for e in events)
