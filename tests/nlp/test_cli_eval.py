"""`newsalert extract` and `newsalert eval`, and the evaluation's counting, on the project's own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from nlp_helpers import FIXTURES, SEED

from streams.cli.extract_cmd import eval_cmd, extract
from streams.nlp import Extractor, load_model
from streams.nlp.evaluate import evaluate


def test_extract_json_one_line_per_article(tmp_path: Path) -> None:
    articles = tmp_path / "a.jsonl"
    articles.write_text(
        json.dumps({"id": "x1", "body": "Russia rejected the French proposal."}) + "\n"
        + json.dumps({"id": "x2", "body": ""}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = CliRunner().invoke(extract, [str(articles), str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [line["id"] for line in lines] == ["x1", "x2", SEED.stem]
    assert lines[0]["events"][0]["event"] == "REJECT"
    assert lines[1]["events"] == []
    seed = lines[2]["events"]
    assert any(e["lemma"] == "summon" and e["target"][0]["code"] == "RUS" for e in seed)


def test_extract_readable_form() -> None:
    result = CliRunner().invoke(extract, [str(SEED)])
    assert result.exit_code == 0, result.output
    assert "South Korea (KOR/GOV) -> DISAPPROVE (summoned) -> Russian ambassador (RUS/DIP)" in result.stdout


def test_eval_counts(extractor: Extractor) -> None:
    report = evaluate(FIXTURES / "labelled.jsonl", extractor)
    d = report.to_dict()
    assert d["rows"] == 5  # the truncated last line is reported and skipped
    assert d["top1_accuracy"] == {"value": 1.0, "right": 4, "total": 4}
    assert d["overall_accuracy"]["total"] == 5
    assert d["per_category"]["SANCTION"]["recall"] == 1.0
    assert d["source_code_accuracy"]["total"] >= 3
    assert d["target_code_accuracy"] == {"value": 1.0, "right": 4, "total": 4}


def test_eval_command_json_and_limit() -> None:
    result = CliRunner().invoke(eval_cmd, [str(FIXTURES / "labelled.jsonl"), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["rows"] == 2
    assert set(report) >= {"top1_accuracy", "per_class", "per_category", "source_code_accuracy"}


def test_eval_command_table() -> None:
    result = CliRunner().invoke(eval_cmd, [str(FIXTURES / "labelled.jsonl")])
    assert result.exit_code == 0, result.output
    assert "top1_accuracy" in result.stdout and "verbal conflict" in result.stdout


def test_model_is_loaded_once() -> None:
    assert load_model() is load_model()
