"""Which channels an alert reaches: the rule's own channels, plus every subscription that matches.

``rules/subscriptions.yaml`` lets a channel subscribe by labels, minimum level and rule ids, in the spirit of
Alertmanager's routes (but flat: every matching subscription receives the alert, like ``continue: true``), with
optional quiet hours during which its alerts are held and delivered afterwards as one digest. When neither the
rule nor any subscription names a channel, the alert goes to the default channel: it is never dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from streams.errors import Location, Problem, RuleError
from streams.models import Alert

logger = logging.getLogger(__name__)

# Sigma's levels, lowest first; an alert with an unknown level ranks lowest but is still delivered.
LEVELS = ("informational", "low", "medium", "high", "critical")


def level_rank(level: str) -> int:
    try:
        return LEVELS.index(level.lower())
    except ValueError:
        return -1


class _QuietHoursSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: str = Field(description="Start of quiet hours, HH:MM (local time of `timezone`).")
    end: str = Field(description="End of quiet hours, HH:MM; may be earlier than start (overnight).")
    timezone: str = Field(default="UTC", description="IANA timezone name, e.g. Europe/Berlin.")

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, value: str) -> str:
        _parse_clock(value)
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        return value


class _MatchSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labels: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Every label must be present with this value (or one of these values).",
    )
    level: str | None = Field(default=None, description=f"Minimum level: one of {', '.join(LEVELS)}.")
    rules: list[str] = Field(default_factory=list, description="Rule ids; empty = any rule.")

    @field_validator("level")
    @classmethod
    def _level(cls, value: str | None) -> str | None:
        if value is not None and level_rank(value) < 0:
            raise ValueError(f"unknown level {value!r}; known levels: {', '.join(LEVELS)}")
        return value


class _SubscriptionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: str = Field(description="Slack channel name (#news) or id.")
    match: _MatchSpec = Field(default_factory=_MatchSpec, description="What the channel wants; empty = everything.")
    quiet_hours: _QuietHoursSpec | None = Field(default=None, description="Hold alerts in these hours.")


class _FileSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subscriptions: list[_SubscriptionSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time
    zone: ZoneInfo

    def active(self, now: datetime) -> bool:
        local = now.astimezone(self.zone).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # overnight, e.g. 22:00-07:00

    def ends_after(self, now: datetime) -> datetime:
        """When the quiet period active at ``now`` ends (``now`` itself if none is active)."""
        if not self.active(now):
            return now
        local = now.astimezone(self.zone)
        end = local.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        if end <= local:
            end += timedelta(days=1)
        return end


@dataclass(frozen=True)
class Subscription:
    channel: str
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    min_level: str | None = None
    rules: tuple[str, ...] = ()
    quiet_hours: QuietHours | None = None

    def matches(self, alert: Alert) -> bool:
        if self.rules and alert.rule_id not in self.rules:
            return False
        if self.min_level is not None and level_rank(alert.level) < level_rank(self.min_level):
            return False
        return all(alert.labels.get(key) in wanted for key, wanted in self.labels.items())


@dataclass(frozen=True)
class Subscriptions:
    items: tuple[Subscription, ...] = ()
    source: str | None = None

    def quiet_hours(self, channel: str) -> list[QuietHours]:
        return [s.quiet_hours for s in self.items if s.quiet_hours and _same(s.channel, channel)]


@dataclass(frozen=True)
class Route:
    """One channel an alert goes to, and the quiet hours (if any) that hold it there."""

    channel: str
    quiet_hours: tuple[QuietHours, ...] = ()

    def held_at(self, now: datetime) -> bool:
        return any(q.active(now) for q in self.quiet_hours)


def routes(alert: Alert, subscriptions: Subscriptions, *, default_channel: str) -> list[Route]:
    """Channels for ``alert`` in a stable order (rule channels first), each once, with their quiet hours."""
    ordered: list[str] = []
    for channel in alert.channels:
        _add(ordered, channel)
    for sub in subscriptions.items:
        if sub.matches(alert):
            _add(ordered, sub.channel)
    if not ordered:
        _add(ordered, default_channel)
    found: list[Route] = []
    for channel in ordered:
        quiet = tuple(
            s.quiet_hours
            for s in subscriptions.items
            if s.quiet_hours is not None and _same(s.channel, channel) and s.matches(alert)
        )
        found.append(Route(channel=channel, quiet_hours=quiet))
    return found


def route(alert: Alert, subscriptions: Subscriptions, *, default_channel: str) -> list[str]:
    """The channels ``alert`` reaches."""
    return [r.channel for r in routes(alert, subscriptions, default_channel=default_channel)]


def load_subscriptions(path: Path) -> Subscriptions:
    """Read a subscriptions file; a missing file means no subscriptions. Raise RuleError listing every problem."""
    if not path.exists():
        return Subscriptions(source=str(path))
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = Location(str(path), mark.line + 1, mark.column + 1) if mark else Location(str(path))
        raise RuleError([Problem(location, f"invalid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if raw is None:
        raw = {}
    try:
        spec = _FileSpec.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(Location(str(path)), f"[{' -> '.join(str(p) for p in err['loc'])}] {err['msg']}")
            for err in exc.errors()
        ]
        raise RuleError(problems) from None
    items = tuple(_subscription(s) for s in spec.subscriptions)
    logger.info("Loaded %d subscriptions from %s", len(items), path)
    return Subscriptions(items=items, source=str(path))


def _subscription(spec: _SubscriptionSpec) -> Subscription:
    labels = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in spec.match.labels.items()}
    quiet = None
    if spec.quiet_hours is not None:
        q = spec.quiet_hours
        quiet = QuietHours(start=_parse_clock(q.start), end=_parse_clock(q.end), zone=ZoneInfo(q.timezone))
    return Subscription(
        channel=spec.channel,
        labels=labels,
        min_level=spec.match.level,
        rules=tuple(spec.match.rules),
        quiet_hours=quiet,
    )


def _parse_clock(value: str) -> time:
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"{value!r} is not a time of day (HH:MM)") from None


def _same(a: str, b: str) -> bool:
    return a.lstrip("#") == b.lstrip("#")


def _add(channels: list[str], channel: str) -> None:
    if not any(_same(channel, c) for c in channels):
        channels.append(channel)
