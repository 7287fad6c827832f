"""Processing receipts: what each stage did with each record, published to the receipts topic.

They make "nothing lost" checkable from outside the worker. `newsalert run --exit-when-done` waits on them, and the
churn check counts, per partition, which article offsets were processed. Three kinds:

- ``article``: an article was processed (``status`` ok or deadletter), with the ids of the matches it produced;
- ``match``: a match was decided, with the ids of the alerts it produced (none when suppressed);
- ``alert``: an alert reached its end (``status`` posted, threaded, printed, duplicate, held or deadletter).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Alert receipt statuses that mean the alert reached people (held = waiting for quiet hours to end).
DELIVERED = frozenset({"posted", "threaded", "printed"})


def article_receipt(
    *, article_id: str | None, partition: int, offset: int, status: str, matches: Iterable[str] = ()
) -> dict[str, Any]:
    return {
        "type": "article",
        "id": article_id,
        "partition": partition,
        "offset": offset,
        "status": status,
        "matches": list(matches),
    }


def match_receipt(*, match_id: str, alerts: Iterable[str], decision: str) -> dict[str, Any]:
    return {"type": "match", "id": match_id, "alerts": list(alerts), "decision": decision}


def alert_receipt(*, alert_id: str, status: str) -> dict[str, Any]:
    return {"type": "alert", "id": alert_id, "status": status}


def encode(receipt: dict[str, Any]) -> bytes:
    return json.dumps(receipt).encode()


@dataclass
class Ledger:
    """Follows receipts until every expected article has gone all the way through the pipeline."""

    expected_articles: set[str]
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    matches: dict[str, dict[str, Any]] = field(default_factory=dict)
    alerts: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (partition, offset) -> how many times the article stage reported it; >1 means reprocessed.
    offsets: dict[tuple[int, int], int] = field(default_factory=dict)

    def add(self, receipt: dict[str, Any]) -> None:
        kind = receipt.get("type")
        if kind == "article":
            if receipt.get("id") is not None:
                self.articles[receipt["id"]] = receipt
            key = (int(receipt["partition"]), int(receipt["offset"]))
            self.offsets[key] = self.offsets.get(key, 0) + 1
        elif kind == "match":
            self.matches[receipt["id"]] = receipt
        elif kind == "alert":
            self.alerts[receipt["id"]] = receipt

    def pending_ids(self) -> dict[str, set[str]]:
        """The ids of the articles, matches and alerts still on their way."""
        waiting_articles = self.expected_articles - self.articles.keys()
        match_ids = {m for a in self.articles.values() for m in a.get("matches", ())}
        waiting_matches = match_ids - self.matches.keys()
        alert_ids = {al for m in match_ids if m in self.matches for al in self.matches[m].get("alerts", ())}
        waiting_alerts = alert_ids - self.alerts.keys()
        return {"articles": waiting_articles, "matches": waiting_matches, "alerts": waiting_alerts}

    def pending(self) -> dict[str, int]:
        """How many articles, matches and alerts are still on their way."""
        return {kind: len(ids) for kind, ids in self.pending_ids().items()}

    @property
    def progress(self) -> int:
        """Grows with every receipt that moves the work on (for stall detection)."""
        return len(self.articles) + len(self.matches) + len(self.alerts)

    @property
    def done(self) -> bool:
        return not any(self.pending().values())

    def delivered(self) -> list[dict[str, Any]]:
        return [r for r in self.alerts.values() if r.get("status") in DELIVERED]
