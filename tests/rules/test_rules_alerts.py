"""build_alert: stable ids, channels, sandboxed template rendering."""

from __future__ import annotations

from pathlib import Path

from rules_helpers import ARTICLE, event, rule_text, ruleset

from streams.models import Match
from streams.rules import StoryTracker, build_alert


def test_alert_fields_and_stable_id(tmp_path: Path) -> None:
    rules = ruleset(
        tmp_path,
        (
            "r.yaml",
            rule_text(
                "summon",
                level="high",
                labels="{topic: diplomacy}",
                channels='["#asia"]',
                template='"{{ event.source | actors }} summoned {{ event.target | actors }} ({{ outlets }} outlet)"',
            ),
        ),
    )
    rule = rules.get("summon")
    [match] = rules.match(ARTICLE, [event()])
    decision = StoryTracker({}).decide(rule, match, now=100.0)
    alert = build_alert(rule, match, decision, default_channel="#alerts", now=100.0)
    again = build_alert(rule, match, decision, default_channel="#alerts", now=200.0)
    assert alert.alert_id == again.alert_id
    assert (alert.kind, alert.rule_id, alert.level, alert.channels) == ("new", "summon", "high", ("#asia",))
    assert alert.labels == {"topic": "diplomacy"}
    assert alert.story_key == "summon|KOR|RUS"
    assert alert.text == "South Korea (GOV) summoned Russia's ambassador (DIP) (1 outlet)"


def test_default_channel_and_no_template(tmp_path: Path) -> None:
    rules = ruleset(tmp_path, ("r.yaml", rule_text("plain")))
    rule = rules.get("plain")
    match = Match("plain", ARTICLE, event(), rule.story_key(event(), ARTICLE))
    alert = build_alert(rule, match, StoryTracker({}).decide(rule, match, now=0), default_channel="#d", now=0)
    assert alert.channels == ("#d",) and alert.text is None


def test_a_template_failing_on_one_alert_still_gives_the_alert(tmp_path: Path) -> None:
    # Passes the load-time sample render, fails on an event without targets.
    rules = ruleset(tmp_path, ("r.yaml", rule_text("t", template='"to {{ event.target[0].code }}"')))
    rule = rules.get("t")
    ev = event(target=())
    match = Match("t", ARTICLE, ev, rule.story_key(ev, ARTICLE))
    alert = build_alert(rule, match, StoryTracker({}).decide(rule, match, now=0), default_channel="#d", now=0)
    assert alert.text is None and alert.rule_id == "t"


def test_rendered_text_is_capped(tmp_path: Path) -> None:
    rules = ruleset(tmp_path, ("r.yaml", rule_text("long", template="\"{{ 'x' * 10000 }}\"")))
    rule = rules.get("long")
    match = Match("long", ARTICLE, event(), "k")
    alert = build_alert(rule, match, StoryTracker({}).decide(rule, match, now=0), default_channel="#d", now=0)
    assert alert.text is not None and len(alert.text) == 4000
