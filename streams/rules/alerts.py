"""Turn a match and the tracker's decision into an Alert for the notifier."""

from __future__ import annotations

import logging

from jinja2.exceptions import TemplateError

from streams.models import Alert, Match, stable_id
from streams.rules.engine import Rule
from streams.rules.templates import render, template_context
from streams.rules.tracker import Decision

logger = logging.getLogger(__name__)


def build_alert(rule: Rule, match: Match, decision: Decision, *, default_channel: str, now: float) -> Alert:
    """An Alert whose id is stable for (story, article, kind), so re-delivery is recognised downstream.

    ``text`` is the rule template's rendering, or None when the rule has no template or it failed on this
    match (logged; the notifier then uses its default layout rather than dropping the alert).
    """
    if decision.kind not in ("new", "update"):
        raise ValueError(f"cannot build an alert from a {decision.kind!r} decision")
    text = None
    if rule.template is not None:
        context = template_context(
            rule=rule.summary(),
            article=match.article,
            event=match.event,
            kind=decision.kind,
            outlets=decision.outlets,
            story_key=match.story_key,
        )
        try:
            text = render(rule.template, context)
        except (TemplateError, ArithmeticError, TypeError, ValueError) as exc:
            logger.warning("rule %s: template failed for article %s: %s", rule.id, match.article.id, exc)
    return Alert(
        alert_id=stable_id(match.story_key, match.article.id, decision.kind),
        kind=decision.kind,
        rule_id=rule.id,
        title=rule.title,
        level=rule.level,
        story_key=match.story_key,
        article=match.article,
        event=match.event,
        channels=rule.channels or (default_channel,),
        labels=dict(rule.labels),
        text=text,
        outlets=max(decision.outlets, 1),
        created_at=now,
    )
