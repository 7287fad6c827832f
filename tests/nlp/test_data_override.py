"""Actor tables and lexicons are data: a rules folder's actors/ and lexicon/ files extend the packaged ones."""

from __future__ import annotations

from pathlib import Path

from nlp_helpers import codes, events_of, find

from streams.nlp import Extractor


def test_user_data_extends_actors_and_lexicon(extractor: Extractor, tmp_path: Path) -> None:
    (tmp_path / "actors").mkdir()
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "actors" / "custom.yaml").write_text(
        "- {alias: Freedonia, code: FRE, sector: GOV}\n- {alias: Sylvania, code: SYL, sector: GOV}\n",
        encoding="utf-8",
    )
    (tmp_path / "lexicon" / "triggers-local.tsv").write_text(
        "category\tpos\tlemma\tconditions\tmode\nDISAPPROVE\tverb\tupbraid\t-\t-\n", encoding="utf-8"
    )
    text = "Freedonia upbraided Sylvania at the summit."
    assert not any(e.lemma == "upbraid" for e in events_of(extractor, text))
    local = Extractor(extractor.nlp, data_dir=tmp_path)
    event = find(events_of(local, text), "DISAPPROVE", "upbraid")
    assert codes(event.source) == {"FRE"}
    assert codes(event.target) == {"SYL"}


def test_lowercase_common_words_are_not_countries(extractor: Extractor) -> None:
    event = find(events_of(extractor, "Farmers in Chad condemned the turkey ban, the minister said."), "DISAPPROVE")
    assert "TUR" not in codes(event.source) | codes(event.target)
