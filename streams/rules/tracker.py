"""Behaviour over time: dedup windows, realert gaps and thresholds, one story key at a time.

State lives in a MutableMapping supplied by the caller: a Faust table in the worker (so it survives restarts
and is partitioned by story key across workers), a dict offline. Values are plain JSON (dicts, lists, numbers,
strings), and every change assigns a new value to the key, because a Faust table only persists assignments.

Per story key we keep::

    {"fired_at": t | null, "last_alert": t | null,
     "seen": [[t, outlet, article_id], ...],      # observations, for thresholds and outlet counts
     "matches": [match_id, ...]}                   # recent match ids, to recognise re-delivery

Decisions, for a rule with window W, realert R and threshold N within T:
  * a match id already recorded -> suppress "duplicate" (at-least-once re-delivery never alerts twice);
  * a story whose first alert is older than W is over: the next match starts a new one (a story that has not
    fired yet keeps only observations inside the threshold window, or W without a threshold);
  * an article already in the story -> suppress "same article" (one article, several matching sentences);
  * before the story has fired: fire ``new`` once N distinct outlets (or articles) are seen within T,
    otherwise suppress "threshold k/N";
  * after it fired: a new outlet gives ``update`` (one Slack thread per story); an outlet already counted is
    suppressed ("outlet already reported");
  * any alert closer than R to the story key's previous alert is suppressed ("realert").
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from streams.models import Article, Match
from streams.rules.engine import Rule

logger = logging.getLogger(__name__)

MAX_MATCH_IDS = 500  # per story; enough to recognise any plausible re-delivery
MAX_SEEN = 1000  # observations kept per story


@dataclass(frozen=True)
class Decision:
    kind: str  # "new", "update" or "suppress"
    reason: str
    story_key: str
    outlets: int = 0  # distinct outlets in the story so far
    articles: int = 0  # distinct articles in the story so far

    @property
    def alert(self) -> bool:
        return self.kind != "suppress"


def outlet_of(article: Article) -> str:
    """The outlet: the article's ``source``, else its URL's host, else the article itself."""
    if article.source:
        return article.source.strip().lower()
    if article.url:
        host = urlparse(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return f"article:{article.id}"


class StoryTracker:
    def __init__(self, state: MutableMapping[str, Any]) -> None:
        self.state = state

    def decide(self, rule: Rule, match: Match, *, now: float) -> Decision:
        key = match.story_key
        story = self._load(key, rule, now)
        match_id = match.match_id
        if match_id in story["matches"]:
            return self._decision("suppress", "duplicate (already processed)", key, story)
        story["matches"] = [*story["matches"], match_id][-MAX_MATCH_IDS:]

        outlet = outlet_of(match.article)
        article_id = match.article.id
        if any(obs[2] == article_id for obs in story["seen"]):
            self._save(key, story)
            return self._decision("suppress", "same article already in the story", key, story)
        outlet_known = any(obs[1] == outlet for obs in story["seen"])
        story["seen"] = [*story["seen"], [now, outlet, article_id]][-MAX_SEEN:]

        kind, reason = self._kind(rule, story, now, outlet_known)
        if kind != "suppress":
            if story["last_alert"] is not None and now - story["last_alert"] < rule.realert:
                kind, reason = "suppress", f"realert: last alert {now - story['last_alert']:.0f}s ago"
            else:
                story["last_alert"] = now
                if kind == "new":
                    story["fired_at"] = now
        self._save(key, story)
        return self._decision(kind, reason, key, story)

    def _kind(self, rule: Rule, story: dict[str, Any], now: float, outlet_known: bool) -> tuple[str, str]:
        if story["fired_at"] is not None:
            if outlet_known:
                return "suppress", "outlet already reported this story"
            return "update", "another outlet reports the story"
        if rule.threshold is None:
            return "new", "first report of the story"
        recent = story["seen"]  # _load dropped observations outside the threshold window
        if rule.threshold.by == "outlets":
            count = len({obs[1] for obs in recent})
        else:
            count = len({obs[2] for obs in recent})
        if count >= rule.threshold.count:
            return "new", f"threshold reached: {count} {rule.threshold.by}"
        return "suppress", f"threshold {count}/{rule.threshold.count} {rule.threshold.by}"

    def _load(self, key: str, rule: Rule, now: float) -> dict[str, Any]:
        raw = self.state.get(key)
        fresh: dict[str, Any] = {"fired_at": None, "last_alert": None, "seen": [], "matches": []}
        if not isinstance(raw, dict):
            return fresh
        story = dict(raw)
        if story.get("fired_at") is not None:
            if now - story["fired_at"] <= rule.dedup.window:
                return story
            # The story is over; a new one begins, remembering when we last alerted (realert) and what we saw.
            fresh["last_alert"] = story.get("last_alert")
            fresh["matches"] = story.get("matches", [])
            return fresh
        # Not fired yet: observations count only while they are inside the threshold (or dedup) window.
        horizon = rule.threshold.window if rule.threshold else rule.dedup.window
        story["seen"] = [obs for obs in story.get("seen", []) if now - obs[0] <= horizon]
        return story

    def _save(self, key: str, story: dict[str, Any]) -> None:
        self.state[key] = story  # assignment, not mutation: Faust tables persist only assignments

    @staticmethod
    def _decision(kind: str, reason: str, key: str, story: dict[str, Any]) -> Decision:
        outlets = len({obs[1] for obs in story["seen"]})
        articles = len({obs[2] for obs in story["seen"]})
        return Decision(kind, reason, key, outlets, articles)

    def prune(self, *, now: float, older_than: float) -> int:
        """Forget stories with no observation for ``older_than`` seconds; returns how many were dropped."""
        stale = [
            key
            for key, story in list(self.state.items())
            if isinstance(story, dict)
            and now - max([obs[0] for obs in story.get("seen", [])] + [story.get("fired_at") or 0.0]) > older_than
        ]
        for key in stale:
            del self.state[key]
        return len(stale)
