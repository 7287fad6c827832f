"""Hot reload in a running worker: a new rule file goes live without a restart; a broken edit is not applied."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from kafka_tools import newsalert, wait_until_done

from streams.processes import stop_process
from streams.receipts import Ledger
from streams.runner import ReceiptFollower, start_worker_process
from streams.settings import Settings
from streams.topics import create_topics

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.broker, pytest.mark.slow]

SUMMON_RULE = """\
id: envoy-summoned
title: Envoy summoned (hot reload test)
selections:
  summon: {event: DISAPPROVE, lemma: summon}
"""

SUMMON = "Germany summoned the Iranian ambassador on Monday over the execution of a German citizen."


def replay_one(settings: Settings, article_id: str, body: str, tmp_path: Path) -> None:
    path = tmp_path / f"{article_id}.jsonl"
    path.write_text(json.dumps({"id": article_id, "body": body}) + "\n")
    result = newsalert("replay", str(path), settings=settings)
    assert result.returncode == 0, result.stderr


def alerts_for(ledger: Ledger, article_id: str) -> list[str]:
    matches = ledger.articles[article_id]["matches"]
    return [a for m in matches for a in ledger.matches[m]["alerts"]]


def test_rule_files_are_reloaded_without_restart(isolated_settings: Settings, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "lists.yaml", rules / "lists.yaml")
    settings = isolated_settings.replace(rules_dir=rules)
    create_topics(settings)
    worker = start_worker_process(settings)
    follower = ReceiptFollower(settings)
    try:
        # No rules yet: the article is processed and matches nothing.
        replay_one(settings, "before", SUMMON, tmp_path)
        ledger = wait_until_done(follower, Ledger({"before"}), worker=worker)
        assert ledger.articles["before"]["matches"] == []

        # A new rule file goes live: the worker polls every second and promises 5 s.
        (rules / "envoy-summoned.yaml").write_text(SUMMON_RULE)
        time.sleep(5)
        replay_one(settings, "after-add", SUMMON, tmp_path)
        ledger = wait_until_done(follower, Ledger({"after-add"}), worker=worker)
        assert len(alerts_for(ledger, "after-add")) == 1

        # A broken edit is rejected: the last good version keeps matching.
        (rules / "envoy-summoned.yaml").write_text(SUMMON_RULE + "condition: summon and (\n")
        time.sleep(5)
        replay_one(settings, "after-bad-edit", SUMMON.replace("Monday", "Tuesday"), tmp_path)
        ledger = wait_until_done(follower, Ledger({"after-bad-edit"}), worker=worker)
        assert len(ledger.articles["after-bad-edit"]["matches"]) == 1, "the last good rule must keep running"

        # Removing the file removes the rule.
        (rules / "envoy-summoned.yaml").unlink()
        time.sleep(5)
        replay_one(settings, "after-remove", SUMMON, tmp_path)
        ledger = wait_until_done(follower, Ledger({"after-remove"}), worker=worker)
        assert ledger.articles["after-remove"]["matches"] == []
        assert worker.poll() is None
    finally:
        follower.close()
        stop_process(worker)
