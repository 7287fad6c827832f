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


def test_extract_readable_form_marks_fallback_readings(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("French protesters burned the German flag.\n\nRussia condemned the attack.\n", encoding="utf-8")
    lines = [ln for ln in CliRunner().invoke(extract, [str(article)]).stdout.splitlines() if " -> " in ln]
    assert any("PROTEST (burned)" in ln and "fallback lexicon" in ln for ln in lines), lines
    assert any("DISAPPROVE (condemned)" in ln and "fallback" not in ln for ln in lines), lines


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


def test_eval_origin_filter_and_splits(extractor: Extractor, tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "Germany praised Italy.", "origin": "conflibert_cameo/train",
         "events": [{"label_raw": "1", "source_actor": "Germany", "target_actor": "Italy"}]},
        {"id": "b", "text": "China condemned Japan.", "origin": "conflibert_cameo/test",
         "events": [{"label_raw": "3", "source_actor": "China", "target_actor": "Japan"}]},
        {"id": "petr2-c", "text": "Rebels attacked Syrian troops.", "origin": "petr2_gsr_validation/X",
         "events": [{"code_or_type": "CAMEO 190", "source_code": "---REB", "target_code": "SYRMIL"}]},
        # The ConfliBERT test row again, labelled by PETRARCH: a second row, the same sentence.
        {"id": "petr2-b", "text": "China  condemned Japan.", "origin": "petr2_gsr_validation/X",
         "events": [{"code_or_type": "CAMEO 111", "source_code": "CHNGOV", "target_code": "JPN"}]},
    ]  # fmt: skip
    path = tmp_path / "l.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert evaluate(path, extractor, origins=["conflibert_cameo/test"]).rows == 1
    result = CliRunner().invoke(eval_cmd, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.splitlines()[-1])
    assert (report["rows"], report["distinct_texts"]) == (4, 3)
    assert report["splits"]["tune"]["rows"] == 1
    assert (report["splits"]["held-out"]["rows"], report["splits"]["held-out"]["distinct_texts"]) == (3, 2)
    # "---REB": the country is unknown, so the row has no gold source code (left out, not counted wrong).
    assert report["splits"]["held-out"]["source_code_accuracy"]["total"] == 2
    result = CliRunner().invoke(eval_cmd, [str(path), "--origin", "petr2_gsr_validation/", "--json"])
    assert json.loads(result.stdout.splitlines()[-1])["rows"] == 2
    table = CliRunner().invoke(eval_cmd, [str(path)]).stdout
    assert "4 (3)" in table and "rows (distinct)" in table


def test_eval_multi_event_row_scored_against_the_event_predicted(extractor: Extractor, tmp_path: Path) -> None:
    row = {"id": "petr2-m", "text": "Syrian forces clashed with Egyptian rioters.", "origin": "petr2_gsr_validation/X",
           "events": [{"code_or_type": "CAMEO 145", "source_code": "EGY", "target_code": "SYR"},
                      {"code_or_type": "CAMEO 190", "source_code": "SYRMIL", "target_code": "EGY"}]}  # fmt: skip
    path = tmp_path / "m.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    report = evaluate(path, extractor).to_dict()
    assert report["top1_accuracy"]["right"] == 1  # FIGHT predicted; the second labelled event is FIGHT
    assert report["source_code_accuracy"] == {"value": 1.0, "right": 1, "total": 1}


def test_eval_reciprocal_and_compound_spans(extractor: Extractor, tmp_path: Path) -> None:
    rows = [
        # Reciprocal: both spans name the two actors; a source of either and a target of either are right.
        {"id": "r", "text": "The French president met the Italian prime minister in Rome.", "origin": "x",
         "events": [{"label_raw": "1", "source_actor": "The French president; the Italian prime minister",
                     "target_actor": "The French president; the Italian prime minister", "reciprocal": True}]},
        # Not reciprocal: the target must be the annotated target, whatever the source span names.
        {"id": "n", "text": "France condemned Italy.", "origin": "x",
         "events": [{"label_raw": "3", "source_actor": "France", "target_actor": "France; Spain",
                     "reciprocal": False}]},
    ]  # fmt: skip
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = evaluate(path, extractor).to_dict()
    assert report["source_code_accuracy"] == {"value": 1.0, "right": 2, "total": 2}
    # FRA -> ITA is right for the meeting; ITA is neither France nor Spain for the condemnation.
    assert report["target_code_accuracy"] == {"value": 0.5, "right": 1, "total": 2}


def test_eval_scores_an_intent_to_yield_as_verbal_cooperation(extractor: Extractor, tmp_path: Path) -> None:
    # PLOVER records "will withdraw" as a CONCEDE; CAMEO codes it 035, intent to yield: class 1, not class 2.
    rows = [
        {"id": "i", "text": "Israel said it will withdraw its troops from Gaza.", "origin": "x",
         "events": [{"label_raw": "1", "source_actor": "Israel", "target_actor": None, "reciprocal": False}]},
        {"id": "c", "text": "The rebels conceded defeat.", "origin": "x",
         "events": [{"label_raw": "2", "source_actor": None, "target_actor": None, "reciprocal": False}]},
    ]  # fmt: skip
    path = tmp_path / "i.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = evaluate(path, extractor).to_dict()
    assert report["predicted_categories"] == {"CONCEDE": 2}
    assert report["top1_accuracy"] == {"value": 1.0, "right": 2, "total": 2}
