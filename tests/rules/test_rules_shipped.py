"""The starter rules in rules/: they check, their inline tests pass on the real extraction, the seed fires."""

from __future__ import annotations

import json
from pathlib import Path

from rules_helpers import RULES, SEED

from streams.nlp import Extractor
from streams.rules import StoryTracker, check_paths, load_rules, rule_files
from streams.rules.schema import json_schema_text
from streams.rules.testing import run_inline_tests
from streams.sources import read_articles

EXPECTED_STARTERS = {
    "ambassador-summoned",
    "arms-policy-change",
    "defense-pact-signed",
    "sanctions-imposed",
    "un-veto",
    "military-mobilisation",
    "ambassador-expelled",
}


def test_shipped_rules_check_clean() -> None:
    assert [str(p) for p in check_paths([RULES])] == []


def test_shipped_rules_cover_the_starter_set_and_each_has_tests() -> None:
    rules = load_rules([RULES])
    assert EXPECTED_STARTERS <= {r.id for r in rules.rules}
    for rule in rules.rules:
        assert any(t.match for t in rule.tests) and any(not t.match for t in rule.tests), rule.id


def test_shipped_rule_files_point_editors_at_the_schema() -> None:
    for path in rule_files([RULES]):
        assert path.read_text().startswith("# yaml-language-server: $schema=rule.schema.json\n"), path
    regenerate = "run: newsalert rules schema > rules/rule.schema.json"
    assert (RULES / "rule.schema.json").read_text() == json_schema_text(), regenerate


def test_schema_is_valid_json_schema_naming_the_rule_keys() -> None:
    schema = json.loads(json_schema_text())
    assert {"RuleSpec", "LibrarySpec"} <= set(schema["$defs"])
    rule = schema["$defs"]["RuleSpec"]
    assert rule["additionalProperties"] is False
    assert {"id", "title", "selections", "condition", "dedup", "threshold", "tests"} <= set(rule["properties"])


def test_inline_tests_of_shipped_rules_pass(extractor: Extractor) -> None:
    outcomes = run_inline_tests(load_rules([RULES]), lambda arts: extractor.extract_batch(list(arts)))
    failures = [f"{o.rule_id}: {o.name}\n{o.detail}" for o in outcomes if not o.passed]
    assert not failures, "\n".join(failures)
    assert len(outcomes) >= 20


def test_seed_article_fires_the_three_seed_rules_once_each(extractor: Extractor) -> None:
    rules = load_rules([RULES])
    [article] = list(read_articles([SEED]))
    matches = rules.match(article, extractor.extract_batch([article], categories=rules.categories())[0])
    fired = {m.rule_id for m in matches}
    assert {"ambassador-summoned", "arms-policy-change", "defense-pact-signed"} <= fired
    summon = [m for m in matches if m.rule_id == "ambassador-summoned"]
    assert {m.story_key for m in summon} == {"ambassador-summoned|KOR|RUS"}
    # Two sentences report the summons; the tracker makes it one alert.
    tracker = StoryTracker({})
    decisions = [tracker.decide(rules.get(m.rule_id), m, now=0.0).kind for m in summon]
    assert decisions.count("new") == 1 and set(decisions) <= {"new", "suppress"}


def test_selective_parsing_with_the_rules_categories_gives_the_same_matches(extractor: Extractor) -> None:
    rules = load_rules([RULES])
    [article] = list(read_articles([SEED]))
    selective = rules.match(article, extractor.extract_batch([article], categories=rules.categories())[0])
    full = rules.match(article, extractor.extract_batch([article])[0])
    assert [(m.rule_id, m.event.start) for m in selective] == [(m.rule_id, m.event.start) for m in full]


def test_rules_folder_is_also_the_extractors_data_folder(tmp_path: Path) -> None:
    # Subfolders (actors/, lexicon/) and subscriptions.yaml belong to other stages: never read as rules.
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "custom.yaml").write_text("x: 1\n")
    (tmp_path / "subscriptions.yaml").write_text("routes: []\n")
    assert check_paths([tmp_path]) == []


def test_readme_example_rule_is_valid(tmp_path: Path) -> None:
    readme = (RULES / "README.md").read_text()
    example = readme.split("## A rule by example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    for shared in ("lists.yaml", "macros.yaml"):
        (tmp_path / shared).write_text((RULES / shared).read_text())
    (tmp_path / "example.yaml").write_text(example)
    assert [str(p) for p in check_paths([tmp_path])] == []
