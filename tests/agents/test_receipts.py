"""The receipts ledger: an article is done only when its matches are decided and their alerts delivered."""

from __future__ import annotations

from streams.receipts import Ledger, alert_receipt, article_receipt, match_receipt


def test_an_article_is_done_only_when_its_alerts_are_delivered() -> None:
    ledger = Ledger({"a1", "a2"})
    assert ledger.pending_ids() == {"articles": {"a1", "a2"}, "matches": set(), "alerts": set()}

    ledger.add(article_receipt(article_id="a1", partition=0, offset=0, status="ok", matches=["m1", "m2"]))
    ledger.add(article_receipt(article_id="a2", partition=1, offset=0, status="deadletter"))
    assert ledger.pending_ids()["matches"] == {"m1", "m2"}

    ledger.add(match_receipt(match_id="m1", alerts=["x1"], decision="new"))
    ledger.add(match_receipt(match_id="m2", alerts=[], decision="suppress"))
    assert ledger.pending() == {"articles": 0, "matches": 0, "alerts": 1}
    assert not ledger.done

    progress = ledger.progress
    ledger.add(alert_receipt(alert_id="x1", status="printed"))
    assert ledger.done
    assert ledger.progress == progress + 1
    assert [r["id"] for r in ledger.delivered()] == ["x1"]


def test_reprocessed_offsets_are_counted() -> None:
    ledger = Ledger({"a1"})
    receipt = article_receipt(article_id="a1", partition=2, offset=7, status="ok")
    ledger.add(receipt)
    ledger.add(receipt)  # at-least-once: the same offset processed again after a rebalance
    assert ledger.offsets == {(2, 7): 2}
    assert ledger.done
