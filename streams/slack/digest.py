"""Quiet hours: alerts for a channel in its quiet hours are held in the delivery state and posted afterwards as
one digest message per channel and quiet period.

Held alerts live in the same state mapping as everything else (a Faust table in the worker), one key per alert
(``h:<channel>:<alert id>``), so they survive restarts and wait in Kafka's changelog, not in memory. ``due``
finds the digests whose quiet period has ended; the sink posts each and then drops its keys. The sink calls it on
every delivery, and the worker also calls ``sink.flush(table)`` on a periodic tick so that a digest does not wait
for the next alert. (Faust tables can only be written while processing an event, so the tick must be a
message on the alerts topic, not a bare timer.)
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

from streams.models import Alert
from streams.slack.blocks import SlackMessage, digest_line, digest_message
from streams.slack.routing import Route

HELD_PREFIX = "h:"


class Digests:
    """Holds alerts and finds due digests. Remembers in memory only whether a scan of the state is worth it."""

    def __init__(self) -> None:
        self._maybe_held = True  # after a start, held alerts may be in the restored state

    def hold(
        self, state: MutableMapping[str, Any], channel: str, alert: Alert, route: Route, now: datetime
    ) -> datetime:
        until = max(q.ends_after(now) for q in route.quiet_hours if q.active(now))
        state[f"{HELD_PREFIX}{channel}:{alert.alert_id}"] = {
            "line": digest_line(alert),
            "until": until.isoformat(),
            "held_at": now.isoformat(),
        }
        self._maybe_held = True
        return until

    def due(self, state: MutableMapping[str, Any], now: datetime) -> list[tuple[str, str, list[str], list[str]]]:
        """``(channel, until, lines, keys)`` for each digest whose quiet period is over, oldest first."""
        if not self._maybe_held:
            return []
        groups: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        still_held = False
        for key, value in list(state.items()):
            if not isinstance(key, str) or not key.startswith(HELD_PREFIX) or not isinstance(value, dict):
                continue
            until = str(value.get("until", ""))
            try:
                ended = datetime.fromisoformat(until) <= now
            except ValueError:
                ended = True
            if not ended:
                still_held = True
                continue
            channel = key[len(HELD_PREFIX) :].rsplit(":", 1)[0]
            groups.setdefault((channel, until), []).append(
                (str(value.get("held_at", "")), key, str(value.get("line", "")))
            )
        # Keep scanning while anything is held; a failed post leaves its keys, so they are found again.
        self._maybe_held = still_held or bool(groups)
        found = []
        for (channel, until), items in sorted(groups.items(), key=lambda item: item[0][1]):
            items.sort()
            found.append((channel, until, [line for _, _, line in items], [key for _, key, _ in items]))
        return found


def message(lines: list[str], *, until: str) -> SlackMessage:
    count = len(lines)
    noun = "alert" if count == 1 else "alerts"
    return digest_message(lines, title=f"Digest: {count} {noun} held during quiet hours")
