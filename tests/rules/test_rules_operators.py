"""Each operator and modifier of `field|modifier: value`, on hand-built events."""

from __future__ import annotations

import re

import pytest
from rules_helpers import ARTICLE, actor, event

from streams.models import Article
from streams.rules.operators import SpecError, compile_check, compile_selection


def holds(key: str, value: object, ev=None, article: Article = ARTICLE, lists=None) -> bool:
    check = compile_check(key, value, lists or {})
    return check.test(ev or event(), article)


def test_equals_is_case_insensitive_and_a_list_means_any_of() -> None:
    assert holds("event", "DISAPPROVE")
    assert holds("event", "disapprove")
    assert not holds("event", "AGREE")
    assert holds("lemma", ["sign", "summon"])
    assert not holds("lemma", ["sign", "veto"])


def test_contains_startswith_endswith() -> None:
    assert holds("text|contains", "russian ambassador")
    assert not holds("text|contains", "chinese")
    assert holds("text|startswith", "South Korea")
    assert holds("text|endswith", "friday.")
    assert holds("article.title|contains", ["nothing", "envoy"])


def test_regex_uses_re2_and_is_case_sensitive_unless_asked() -> None:
    assert holds("text|regex", r"\bsummon(ed|s)?\b")
    assert not holds("text|regex", "SOUTH KOREA")
    assert holds("text|regex", "(?i)SOUTH KOREA")


@pytest.mark.parametrize("pattern", [r"(a)\1", r"foo(?=bar)", r"(?<!x)y"])
def test_regex_that_re2_rejects_is_an_error_naming_re2(pattern: str) -> None:
    with pytest.raises(SpecError, match="rejected by RE2"):
        compile_check("text|regex", pattern, {})


def test_catastrophic_pattern_runs_in_linear_time() -> None:
    # (a+)+$ backtracks exponentially in Python's re on this input; RE2 answers at once.
    ev = event(text="a" * 5000 + "!")
    assert not holds("text|regex", r"^(a+)+$", ev)


def test_exists() -> None:
    assert holds("source.code|exists", True)
    assert holds("speaker|exists", False)
    assert not holds("speaker|exists", True)
    assert holds("speaker|exists", True, event(speaker="a spokesman"))
    assert holds("target.code|exists", False, event(target=()))
    with pytest.raises(SpecError, match="takes true or false"):
        compile_check("speaker|exists", "yes", {})


def test_numeric_comparisons() -> None:
    ev = event(confidence=0.7)
    assert holds("confidence|gt", 0.5, ev)
    assert not holds("confidence|gt", 0.7, ev)
    assert holds("confidence|gte", 0.7, ev)
    assert holds("confidence|lt", 0.8, ev)
    assert holds("confidence|lte", 0.7, ev)
    assert holds("confidence", 0.7, ev)
    with pytest.raises(SpecError, match="takes one number"):
        compile_check("confidence|gt", "high", {})
    with pytest.raises(SpecError, match="is a text field"):
        compile_check("lemma|gt", 3, {})
    with pytest.raises(SpecError, match="is a number"):
        compile_check("confidence|contains", "0.5", {})


def test_not_negates_the_whole_condition() -> None:
    assert holds("lemma|not", "sign")
    assert not holds("lemma|not", "summon")
    assert holds("lemma|not|contains", "xyz")
    # not over actors: no actor may satisfy it
    ev = event(source=(actor("KOR"), actor("USA")))
    assert not holds("source.code|not", "USA", ev)
    assert holds("mode|not", ["expel"])  # mode is unset: nothing equals expel


def test_actor_fields_hold_if_any_actor_satisfies() -> None:
    ev = event(category="AGREE", lemma="sign", source=(actor("PRK", "GOV"), actor("RUS", "GOV")), target=())
    assert holds("source.code", "RUS", ev)
    assert holds("source.code", "PRK", ev)
    assert not holds("source.code", "KOR", ev)
    assert not holds("target.code", "RUS", ev)


def test_all_modifier_requires_every_value() -> None:
    ev = event(category="AGREE", source=(actor("PRK"), actor("RUS")), context=("military", "arms"))
    assert holds("source.code|all", ["PRK", "RUS"], ev)
    assert not holds("source.code|all", ["PRK", "CHN"], ev)
    assert holds("context|all", ["military", "arms"], ev)
    assert holds("context", "arms", ev)  # a list field: equals any element
    assert not holds("context", "nuclear", ev)


def test_article_fields() -> None:
    assert holds("article.source", "yonhap")
    assert holds("article.url|startswith", "https://yna")
    assert holds("article.language|exists", False)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("title", "x", "unknown field 'title' (did you mean article.title?)"),
        ("lemma|containz", "x", "unknown modifier 'containz'"),
        ("lemma|contains|regex", "x", "has two operators"),
        ("lemma|not|not", "x", "repeats a modifier"),
        ("lemma", [], "needs at least one value"),
        ("lemma", {"a": 1}, "expected a value or a list of values, not dict"),
        ("lemma", True, "not a text value (quote it)"),
        ("lemma", "$nope", "unknown list 'nope'"),
    ],
)
def test_check_errors(key: str, value: object, message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        compile_check(key, value, {})


def test_list_references_expand_and_double_dollar_escapes() -> None:
    lists = {"envoys": ["DIP", "GOV"]}
    assert holds("target.sector", "$envoys", lists=lists)
    assert holds("target.sector", ["MIL", "$envoys"], lists=lists)
    assert holds("text|contains", "$$", event(text="costs $$5"))  # "$$x" is the literal "$x"


def test_selection_list_means_any_alternative() -> None:
    sel, errors = compile_selection("s", [{"lemma": "sign"}, {"lemma": "summon", "target.code": "RUS"}], {})
    assert not errors and sel is not None
    assert sel.test(event(), ARTICLE)
    assert not sel.test(event(target=(actor("CHN"),)), ARTICLE)
    assert sel.pinned("lemma") == frozenset({"sign", "summon"})
    assert sel.pinned("target.code") is None  # the first alternative does not pin it


def test_explain_lines_say_which_check_failed_and_why() -> None:
    sel, _ = compile_selection("s", {"lemma": "sign", "target.code": "RUS"}, {})
    assert sel is not None
    passed, lines = sel.explain(event(), ARTICLE)
    assert not passed
    assert lines[0].startswith("lemma: 'sign' FAILS (lemma is 'summon')")
    assert "ok" in lines[1]
