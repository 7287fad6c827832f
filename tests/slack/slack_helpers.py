"""Alerts and sinks for the Slack tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from slack_emulator import SlackEmulator
from slack_sdk.web.async_client import AsyncWebClient

from streams.models import Actor, Alert, Article, Event
from streams.slack import SlackSink, load_subscriptions
from streams.slack.retry import RetryPolicy

FAST = RetryPolicy(base=0.01, cap=0.05)

SENTENCE = "South Korea summoned Russia's ambassador on Thursday to protest against the new defence pact."
BODY = "SEOUL, June 20 (Reuters) - " + SENTENCE + " The ministry said more steps could follow."


def make_alert(
    n: int = 0,
    *,
    kind: str = "new",
    story_key: str | None = None,
    outlets: int = 1,
    source: str = "Reuters",
    body: str = BODY,
    sentence: str = SENTENCE,
    trigger: str = "summoned",
    title: str = "Ambassador summoned",
    level: str = "high",
    labels: dict[str, str] | None = None,
    channels: tuple[str, ...] = ("#alerts",),
    rule_id: str = "ambassador-summoned",
    text: str | None = None,
    url: str | None = "https://www.example.com/world/korea-russia",
    source_actor: Actor | None = None,
    target_actor: Actor | None = None,
) -> Alert:
    """An alert like the seed article's "ambassador summoned", with every field a test may vary."""
    s0 = body.find(sentence)
    s0 = max(s0, 0)
    t0 = s0 + max(sentence.find(trigger), 0)
    article = Article(
        id=f"article-{n}",
        body=body,
        title="South Korea summons Russian envoy",
        url=url,
        source=source,
        published_at="2024-06-20T09:14:00Z",
    )
    event = Event(
        event="DISAPPROVE",
        eventText=trigger,
        text=sentence,
        lemma="summon",
        start=t0,
        end=t0 + len(trigger),
        sentence_start=s0,
        sentence_end=s0 + len(sentence),
        source=(source_actor or Actor("South Korea", "KOR", "GOV", "South Korea"),),
        target=(target_actor or Actor("Russia's ambassador", "RUS", "DIP", "Russia"),),
    )
    return Alert(
        alert_id=f"alert-{n}",
        kind=kind,
        rule_id=rule_id,
        title=title,
        level=level,
        story_key=story_key or f"story-{n}",
        article=article,
        event=event,
        channels=channels,
        labels=labels if labels is not None else {"region": "east-asia"},
        text=text,
        outlets=outlets,
    )


def quiet_hours_sink(slack: SlackEmulator, tmp_path: Path, clock: Callable[[], datetime]) -> SlackSink:
    """A sink for '#alerts' with quiet hours 22:00-07:00 UTC, reading the time from ``clock``."""
    path = tmp_path / "subscriptions.yaml"
    path.write_text(
        "subscriptions:\n  - channel: '#alerts'\n    quiet_hours: {start: '22:00', end: '07:00', timezone: UTC}\n"
    )
    client = AsyncWebClient(token=slack.token, base_url=slack.url, retry_handlers=[])
    return SlackSink(client, subscriptions=load_subscriptions(path), policy=FAST, clock=clock)
