"""Loading rule files: every error as path:line:col, all of them at once, and the cross-file checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_helpers import ARTICLE, event, rule_text, write

from streams.errors import RuleError
from streams.rules import check_paths, load_rules
from streams.rules.loader import MAX_RULE_FILE_BYTES


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in check_paths([folder])]


def one(folder: Path) -> str:
    found = problems_of(folder)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_rule_loads_with_its_metadata(tmp_path: Path) -> None:
    write(
        tmp_path,
        "r.yaml",
        """
        id: summon
        title: Ambassador summoned
        level: high
        status: stable
        labels: {team: asia, priority: 1}
        enabled: true
        channels: ["#asia"]
        channel: "#all"
        selections:
          s: {event: DISAPPROVE, lemma: summon}
        """,
    )
    rules = load_rules([tmp_path])
    rule = rules.get("summon")
    assert (rule.level, rule.status, dict(rule.labels)) == ("high", "stable", {"team": "asia", "priority": "1"})
    assert rule.channels == ("#all", "#asia")
    assert rule.condition_text == "all of them"
    assert [m.rule_id for m in rules.match(ARTICLE, [event()])] == ["summon"]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", "id: x\ntitle: [unclosed\n")
    assert one(tmp_path).startswith(f"{tmp_path}/bad.yaml:3:1: YAML syntax error")


def test_wrong_types_and_unknown_keys(tmp_path: Path) -> None:
    write(
        tmp_path,
        "r.yaml",
        """
        id: r1
        title: t
        level: urgent
        min_confidence: lots
        selections:
          s: {event: AGREE}
        colour: red
        """,
    )
    found = problems_of(tmp_path)
    assert any(":3:8: level: Input should be 'info', 'low', 'medium', 'high' or 'critical'" in p for p in found)
    assert any(":4:17: min_confidence: Input should be a valid number" in p for p in found)
    assert any(":7:1: colour: unknown key 'colour'; known keys: id, title" in p for p in found)


def test_unknown_key_in_nested_block_lists_that_blocks_keys(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", rule_text(dedup="{key: [source.code], windw: 1h}"))
    assert "unknown key 'windw'; known keys: key, window" in one(tmp_path)


def test_missing_required_key(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", "id: r1\nselections:\n  s: {event: AGREE}\n")
    assert one(tmp_path).endswith(":1:1: missing required key 'title'")


def test_every_error_is_reported_not_just_the_first(tmp_path: Path) -> None:
    write(
        tmp_path,
        "r.yaml",
        """
        id: r1
        title: t
        realert: soon
        selections:
          a:
            lemma|regex: '(a)\\1'
            title: x
          b: {target.code: $nope}
        condition: a and (b or
        template: "{{ ''.__class__ }}"
        """,
    )
    found = problems_of(tmp_path)
    assert [p.split(": ", 1)[0].rsplit("/", 1)[1] for p in found] == [
        "r.yaml:3:10",
        "r.yaml:6:18",
        "r.yaml:7:5",
        "r.yaml:8:20",
        "r.yaml:9:23",
        "r.yaml:10:11",
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", rule_text("same"))
    write(tmp_path, "b.yaml", rule_text("same"))
    assert one(tmp_path) == f"{tmp_path}/b.yaml:1:5: duplicate rule id 'same' (first defined at {tmp_path}/a.yaml:1)"


def test_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", rule_text() + "title: again\n")
    assert "r.yaml:6:1: duplicate key 'title'" in one(tmp_path)


def test_unknown_list_name(tmp_path: Path) -> None:
    write(tmp_path, "lists.yaml", "lists:\n  envoys: [DIP]\n")
    write(tmp_path, "r.yaml", rule_text(selections="s: {target.sector: $envoy}"))
    assert one(tmp_path).endswith("r.yaml:4:22: unknown list 'envoy' (known lists: envoys)")


def test_regex_rejected_by_re2(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", rule_text(selections="s: {text|regex: '(?<=a)b'}"))
    assert "r.yaml:4:19: regex '(?<=a)b' is rejected by RE2" in one(tmp_path)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('"{{ event.__class__.__mro__ }}"', "template reaches for '__"),
        ("\"{{ event['__class__'] }}\"", "template reaches for '__class__'"),
        ('"{{ rule.id.format.__globals__ }}"', "template reaches for '__globals__'"),
        ('"{{ event.source.append(1) }}"', "the sandbox forbids"),
        ('"{% for x in event %}"', "template syntax error"),
        ('"{{ evnt.text }}"', "'evnt' is undefined"),
    ],
)
def test_bad_templates(tmp_path: Path, template: str, message: str) -> None:
    write(tmp_path, "r.yaml", rule_text(template=template))
    problem = one(tmp_path)
    assert ":6:11: template: " in problem and message in problem


def test_template_error_line_inside_a_block_scalar(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", rule_text(template="|\n  line one\n  {{ event.text }\n"))
    assert one(tmp_path).endswith("r.yaml:8: template: template syntax error: unexpected '}'")


def test_a_ten_megabyte_file_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (10 * 1024 * 1024) + b"\n")
    assert path.stat().st_size > MAX_RULE_FILE_BYTES
    assert one(tmp_path) == f"{path}:1: rule file is 10.5 MB; the limit is 1 MB (split it into several files)"


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 10)]
    write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    assert "expands to more than" in one(tmp_path)


def test_yaml_11_booleans_stay_strings(tmp_path: Path) -> None:
    # `NO` is Norway and `no` a word; only true/false are booleans in rule files.
    write(tmp_path, "r.yaml", rule_text(selections="s: {source.code: NO, modality|not: no}"))
    assert problems_of(tmp_path) == []


def test_unused_selection_and_unknown_dedup_field(tmp_path: Path) -> None:
    write(
        tmp_path,
        "r.yaml",
        rule_text(selections="a: {event: AGREE}\n  b: {lemma: sign}", condition="a", dedup="{key: [souce.code]}"),
    )
    found = problems_of(tmp_path)
    assert any(":5:3: selection 'b' is not used in the condition" in p for p in found)
    assert any("unknown field 'souce.code' in dedup key" in p for p in found)


def test_test_blocks_are_validated(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", rule_text(tests="\n  - {match: true}\n  - {text: x, match: false, expect: {lemma: a}}"))
    found = problems_of(tmp_path)
    assert any("a test needs exactly one of `text` or `article`" in p for p in found)
    assert any("`expect` only makes sense with `match: true`" in p for p in found)


def test_non_mapping_document_and_empty_documents(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", "- just\n- a list\n")
    write(tmp_path, "empty.yaml", "---\n")
    assert one(tmp_path).endswith("r.yaml:1:1: a rule file document must be a mapping, not list")


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_bytes(b"id: r1\ntitle: \xff\n")
    assert one(tmp_path).endswith("r.yaml:2: not UTF-8 text (byte 14)")


def test_load_rules_raises_with_every_problem(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "id: a\n")
    write(tmp_path, "b.yaml", "id: [\n")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path])
    assert len(info.value.problems) == 3  # missing title, missing selections, syntax error
    assert str(info.value).count("\n") == 2


def test_missing_path(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope") == [f"{tmp_path}/nope: no such file or folder"]


def test_folder_skips_other_stages_files_and_subfolders(tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", rule_text())
    write(tmp_path, "subscriptions.yaml", "subscriptions: []\n")
    write(tmp_path, "_draft.yaml", "not: a rule\n")
    (tmp_path / "actors").mkdir()
    write(tmp_path / "actors", "custom.yaml", "whatever: 1\n")
    assert problems_of(tmp_path) == []


def test_multi_document_file_with_library_and_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        "all.yaml",
        "lists:\n  l: [summon]\n---\n" + rule_text("a", selections="s: {lemma: $l}") + "---\n" + rule_text("b"),
    )
    assert [r.id for r in load_rules([tmp_path])] == ["a", "b"]
