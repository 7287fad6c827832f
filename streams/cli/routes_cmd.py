"""`newsalert routes test`: which Slack channels an alert with given labels, level and rule would reach."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from streams.errors import RuleError
from streams.models import Alert, Article, Event
from streams.settings import Settings
from streams.slack.routing import LEVELS, Subscription, load_subscriptions
from streams.slack.routing import routes as find_routes


@click.group("routes")
def routes() -> None:
    """Inspect alert routing: rule channels, rules/subscriptions.yaml and the default channel."""


@routes.command("test")
@click.argument("label_args", metavar="[KEY=VALUE]...", nargs=-1)
@click.option(
    "--labels",
    "-l",
    "label_opts",
    multiple=True,
    metavar="KEY=VALUE[,KEY=VALUE]",
    help="Alert labels (repeatable, or comma-separated); labels may also be given as arguments.",
)
@click.option("--level", default="medium", show_default=True, help=f"Alert level: {', '.join(LEVELS)}.")
@click.option("--rule", "rule_id", default="routes-test", show_default=True, help="Rule id of the alert.")
@click.option(
    "--channel",
    "rule_channels",
    multiple=True,
    help="A channel the rule itself names (repeatable); these come first.",
)
@click.option(
    "--subscriptions",
    "subscriptions_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Subscriptions file [default: <rules dir>/subscriptions.yaml, $NEWSALERT_RULES].",
)
@click.option(
    "--default-channel",
    default=None,
    help="Channel used when nothing else matches [default: $SLACK_DEFAULT_CHANNEL or #alerts].",
)
@click.option(
    "--at",
    "at_time",
    default=None,
    metavar="ISO-TIME",
    help="Evaluate quiet hours at this time (ISO 8601, e.g. 2024-06-20T23:00:00+00:00) [default: now].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def routes_test(
    label_args: tuple[str, ...],
    label_opts: tuple[str, ...],
    level: str,
    rule_id: str,
    rule_channels: tuple[str, ...],
    subscriptions_path: Path | None,
    default_channel: str | None,
    at_time: str | None,
    as_json: bool,
) -> None:
    """Print the channels an alert with these labels, level and rule would reach, and whether quiet hours
    would hold it for a digest.

    Example: newsalert routes test region=east-asia --level high --rule ambassador-summoned
    """
    settings = Settings.load()
    labels = _parse_labels([*label_opts, *label_args])
    path = subscriptions_path or Path(settings.rules_dir) / "subscriptions.yaml"
    if subscriptions_path is not None and not subscriptions_path.exists():
        raise click.BadParameter(f"{subscriptions_path} does not exist", param_hint="--subscriptions")
    try:
        subscriptions = load_subscriptions(path)
    except RuleError as exc:
        raise click.ClickException(f"invalid subscriptions file:\n{exc}") from None
    now = _parse_time(at_time)
    alert = _probe(rule_id=rule_id, level=level, labels=labels, channels=rule_channels)
    found = find_routes(alert, subscriptions, default_channel=default_channel or settings.slack_default_channel)
    results = [
        {
            "channel": r.channel,
            "held": r.held_at(now),
            "why": _why(r.channel, rule_channels, subscriptions.items, alert),
        }
        for r in found
    ]
    if as_json:
        click.echo(json.dumps({"labels": labels, "level": level, "rule": rule_id, "routes": results}))
        return
    source = subscriptions.source if path.exists() else f"{path} (absent: no subscriptions)"
    click.echo(f"Subscriptions: {source}")
    for result in results:
        held = "  [held: quiet hours, delivered later as a digest]" if result["held"] else ""
        click.echo(f"{result['channel']}  ({result['why']}){held}")


def _probe(*, rule_id: str, level: str, labels: dict[str, str], channels: tuple[str, ...]) -> Alert:
    event = Event(event="-", eventText="", text="", lemma="", start=0, end=0, sentence_start=0, sentence_end=0)
    return Alert(
        alert_id="routes-test",
        kind="new",
        rule_id=rule_id,
        title=rule_id,
        level=level,
        story_key="routes-test",
        article=Article(id="routes-test", body=""),
        event=event,
        channels=channels,
        labels=labels,
    )


def _why(channel: str, rule_channels: tuple[str, ...], subscriptions: tuple[Subscription, ...], alert: Alert) -> str:
    reasons = []
    if any(c.lstrip("#") == channel.lstrip("#") for c in rule_channels):
        reasons.append("named by the rule")
    for i, sub in enumerate(subscriptions):
        if sub.channel.lstrip("#") == channel.lstrip("#") and sub.matches(alert):
            reasons.append(f"subscription #{i + 1}")
    return ", ".join(reasons) or "default channel"


def _parse_labels(items: list[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise click.BadParameter(f"{part!r} is not KEY=VALUE", param_hint="labels")
            labels[key.strip()] = value.strip()
    return labels


def _parse_time(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time", param_hint="--at") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
