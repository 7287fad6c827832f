"""`newsalert rules check|schema|test`: exit codes, output formats, inline tests, dry runs and --explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rules_helpers import RULES, SEED, rule_text, write

from streams.cli import rules_cmd
from streams.nlp import Extractor


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> CliRunner:
    monkeypatch.setattr(rules_cmd, "_extractor", lambda paths: extractor)
    return CliRunner()


def test_check_ok_summary() -> None:
    result = CliRunner().invoke(rules_cmd.rules, ["check", str(RULES)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ") and "rules" in result.output


def test_check_reports_every_problem_as_path_line_col_and_exits_1(tmp_path: Path) -> None:
    write(tmp_path, "contract-bad.yaml", "title: [unclosed\n")
    write(tmp_path, "b.yaml", rule_text("b", level="urgent", condition="s and nope"))
    result = CliRunner().invoke(rules_cmd.rules, ["check", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{tmp_path}/b.yaml:6:8: level: Input should be")
    assert lines[1].startswith(f"{tmp_path}/b.yaml:7:18: condition: unknown selection or macro 'nope'")
    assert lines[2].startswith(f"{tmp_path}/contract-bad.yaml:2:1: YAML syntax error")
    assert lines[3] == "3 problem(s) in 2 file(s)"


def test_schema_prints_json() -> None:
    result = CliRunner().invoke(rules_cmd.rules, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "newsalert rule file"


def test_inline_tests_pass_and_fail(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(rules_cmd.rules, ["test", str(RULES)])
    assert result.exit_code == 0, result.output
    assert "PASS  ambassador-summoned: the seed sentence" in result.output
    write(
        tmp_path,
        "r.yaml",
        rule_text(
            "wrong",
            selections="s: {lemma: summon}",
            tests="\n  - text: South Korea summoned Russia's ambassador.\n    expect: {source.code: CHN}"
            "\n  - text: Japan signed a treaty with India.",
        ),
    )
    result = runner.invoke(rules_cmd.rules, ["test", str(tmp_path)])
    assert result.exit_code == 1
    assert "FAIL  wrong: test 1" in result.output
    assert "source.code: 'CHN' FAILS (source.code is 'KOR')" in result.output
    assert "FAIL  wrong: test 2" in result.output and "lemma: 'summon' FAILS (lemma is 'sign')" in result.output
    assert "0 passed, 2 failed" in result.output


def test_dry_run_json_lines_then_summary_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(rules_cmd.rules, ["test", str(RULES), "--articles", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all({"rule", "article", "event"} <= set(r) for r in rows)
    assert {"ambassador-summoned", "arms-policy-change", "defense-pact-signed"} <= {r["rule"] for r in rows}
    assert all(r["article"] == "000_a37d2364f582c819" for r in rows)
    assert "Matches per rule" in result.stderr and "ambassador-summoned" in result.stderr


def test_dry_run_explain(runner: CliRunner) -> None:
    result = runner.invoke(rules_cmd.rules, ["test", str(RULES), "--articles", str(SEED), "--explain"])
    assert result.exit_code == 0, result.output
    assert "[MATCH] ambassador-summoned on KOR -> DISAPPROVE(summon) -> RUS" in result.output
    assert "[no] un-veto on KOR -> DISAPPROVE(summon) -> RUS: condition" in result.output
    assert "lemma: 'veto' FAILS (lemma is 'summon')" in result.output


def test_test_refuses_broken_rules(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, "r.yaml", "id: r\n")
    result = runner.invoke(rules_cmd.rules, ["test", str(tmp_path), "--articles", str(SEED)])
    assert result.exit_code == 1 and "missing required key 'title'" in result.output


def test_from_topic_reads_a_range_without_a_group(runner: CliRunner, broker, tmp_path: Path) -> None:  # noqa: ANN001
    import uuid

    from kafka import KafkaProducer

    from streams.sources import read_articles

    topic = f"it-{uuid.uuid4().hex[:10]}"
    [article] = list(read_articles([SEED]))
    producer = KafkaProducer(bootstrap_servers=broker.url.removeprefix("kafka://"))
    producer.send(topic, article.to_json())
    producer.flush()
    producer.close()
    result = runner.invoke(
        rules_cmd.rules, ["test", str(RULES), "--from-topic", topic, "--broker", broker.url, "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert "ambassador-summoned" in {r["rule"] for r in rows}
