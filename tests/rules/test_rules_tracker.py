"""Behaviour over time (explicit `now`): dedup windows, story updates, realert, thresholds, re-delivery."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rules_helpers import event, rule_text, ruleset

from streams.models import Article, Match
from streams.rules import Rule, StoryTracker

HOUR = 3600.0


def make_rule(tmp_path: Path, **extra: str) -> Rule:
    return ruleset(tmp_path, ("r.yaml", rule_text("summon", **extra))).get("summon")


def match_for(rule: Rule, article_id: str, outlet: str | None, *, start: int = 12) -> Match:
    article = Article(id=article_id, body="...", source=outlet)
    ev = event(start=start)
    return Match(rule.id, article, ev, rule.story_key(ev, article))


def kinds(tracker: StoryTracker, rule: Rule, steps: list[tuple[float, str, str | None]]) -> list[str]:
    return [tracker.decide(rule, match_for(rule, a, o), now=t).kind for t, a, o in steps]


def test_first_report_is_new_and_other_outlets_update_the_story(tmp_path: Path) -> None:
    rule = make_rule(tmp_path)
    tracker = StoryTracker({})
    steps = [(0, "a1", "Yonhap"), (60, "a2", "Reuters"), (120, "a3", "AP"), (180, "a4", "Reuters")]
    assert kinds(tracker, rule, steps) == ["new", "update", "update", "suppress"]
    decision = tracker.decide(rule, match_for(rule, "a5", "BBC"), now=240)
    assert (decision.kind, decision.outlets, decision.articles) == ("update", 4, 5)  # Reuters twice


def test_story_key_is_rule_plus_dedup_fields(tmp_path: Path) -> None:
    rule = make_rule(tmp_path)
    assert match_for(rule, "a1", "x").story_key == "summon|KOR|RUS"
    rule = make_rule(tmp_path, dedup="{key: [event, source.sector]}")
    assert match_for(rule, "a1", "x").story_key == "summon|DISAPPROVE|GOV"


def test_redelivered_match_is_suppressed_as_duplicate(tmp_path: Path) -> None:
    rule = make_rule(tmp_path)
    tracker = StoryTracker({})
    m = match_for(rule, "a1", "Yonhap")
    assert tracker.decide(rule, m, now=0).kind == "new"
    again = tracker.decide(rule, m, now=5)
    assert (again.kind, again.reason) == ("suppress", "duplicate (already processed)")


def test_second_sentence_of_the_same_article_is_not_a_second_alert(tmp_path: Path) -> None:
    rule = make_rule(tmp_path)
    tracker = StoryTracker({})
    assert tracker.decide(rule, match_for(rule, "a1", "Yonhap", start=10), now=0).kind == "new"
    second = tracker.decide(rule, match_for(rule, "a1", "Yonhap", start=400), now=0)
    assert (second.kind, second.reason) == ("suppress", "same article already in the story")


def test_after_the_dedup_window_a_new_story_begins(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, dedup="{window: 6h}")
    tracker = StoryTracker({})
    steps = [(0, "a1", "Yonhap"), (5 * HOUR, "a2", "AP"), (6 * HOUR + 1, "a3", "Reuters"), (7 * HOUR, "a4", "BBC")]
    assert kinds(tracker, rule, steps) == ["new", "update", "new", "update"]


def test_realert_is_a_minimum_gap_between_alerts_of_a_key(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, dedup="{window: 1h}", realert="3h")
    tracker = StoryTracker({})
    steps = [
        (0, "a1", "Yonhap"),  # new
        (30 * 60, "a2", "AP"),  # update, but only 30 min after the last alert: suppressed
        (2 * HOUR, "a3", "BBC"),  # story over (1 h window), new story, but realert: suppressed
        (3 * HOUR + 1, "a4", "NHK"),  # 3 h after the last alert: new story fires
    ]
    decisions = [tracker.decide(rule, match_for(rule, a, o), now=t) for t, a, o in steps]
    assert [d.kind for d in decisions] == ["new", "suppress", "suppress", "new"]
    assert decisions[1].reason.startswith("realert")


def test_threshold_counts_distinct_outlets_within_the_window(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, threshold="{count: 3, by: outlets, window: 1h}")
    tracker = StoryTracker({})
    steps = [
        (0, "a1", "Yonhap"),
        (60, "a2", "Yonhap"),  # same outlet: still 1
        (120, "a3", "AP"),  # 2
        (HOUR + 100, "a4", "BBC"),  # Yonhap's reports left the window: 2 (AP, BBC)
        (HOUR + 110, "a5", "NHK"),  # AP, BBC, NHK within the hour: fire
        (HOUR + 300, "a6", "Reuters"),  # the story has fired: update
    ]
    decisions = [tracker.decide(rule, match_for(rule, a, o), now=t) for t, a, o in steps]
    assert [d.kind for d in decisions] == ["suppress", "suppress", "suppress", "suppress", "new", "update"]
    assert decisions[3].reason == "threshold 2/3 outlets"
    assert decisions[4].reason == "threshold reached: 3 outlets"


def test_threshold_by_articles(tmp_path: Path) -> None:
    rule = make_rule(tmp_path, threshold="{count: 2, by: articles, window: 10m}")
    tracker = StoryTracker({})
    assert kinds(tracker, rule, [(0, "a1", "Yonhap"), (60, "a2", "Yonhap")]) == ["suppress", "new"]


def test_outlet_falls_back_to_url_host_then_article(tmp_path: Path) -> None:
    from streams.rules.tracker import outlet_of

    assert outlet_of(Article(id="x", body="", source=" Reuters ")) == "reuters"
    assert outlet_of(Article(id="x", body="", url="https://www.bbc.co.uk/news/1")) == "bbc.co.uk"
    assert outlet_of(Article(id="x", body="")) == "article:x"


def test_state_is_plain_json_and_assigned_not_mutated(tmp_path: Path) -> None:
    class Recording(dict[str, Any]):
        writes = 0

        def __setitem__(self, key: str, value: Any) -> None:
            Recording.writes += 1
            # what a Faust table stores must survive JSON
            super().__setitem__(key, json.loads(json.dumps(value)))

    rule = make_rule(tmp_path)
    state = Recording()
    tracker = StoryTracker(state)
    kinds(tracker, rule, [(0, "a1", "Yonhap"), (60, "a2", "AP")])
    assert Recording.writes == 2
    # A new tracker over the same state (a restarted worker) continues the story.
    assert kinds(StoryTracker(state), rule, [(120, "a3", "BBC")]) == ["update"]


def test_prune_forgets_old_stories(tmp_path: Path) -> None:
    rule = make_rule(tmp_path)
    state: dict[str, Any] = {}
    tracker = StoryTracker(state)
    kinds(tracker, rule, [(0, "a1", "Yonhap")])
    assert tracker.prune(now=HOUR, older_than=2 * HOUR) == 0
    assert tracker.prune(now=3 * HOUR, older_than=2 * HOUR) == 1
    assert state == {}
