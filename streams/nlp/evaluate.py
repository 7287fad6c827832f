"""Scoring the extractor on a labelled file (``newsalert eval``).

The labelled data (see the shared data README) mixes two label schemes, scored on a common footing:

- ConfliBERT rows carry a five-way class (0 statement/appeal, 1 verbal cooperation, 2 material cooperation,
  3 verbal conflict, 4 material conflict); PETRARCH-2 rows carry CAMEO codes, mapped to PLOVER by root code and
  from there to the same five classes. Class 0 has no PLOVER category: there, predicting no event is right.
- The prediction for a sentence is its top-1 event (highest confidence, then earliest); none means class 0. Its
  class is its category's, except an intent to yield ("will withdraw"): PLOVER's CONCEDE, CAMEO's 035, class 1
  (``predicted_class``).
- Top-1 accuracy counts the rows whose gold class has a PLOVER category (1-4); ``overall_accuracy`` also counts
  class 0. Per-class precision/recall/F1 is over all five classes; per-category figures (exact PLOVER category)
  use the PETRARCH rows, the only ones labelled that finely.
- Source/target code accuracy: the gold code is the CAMEO actor code's country (PETRARCH rows), or, for
  ConfliBERT rows, the codes our own actor tables give the annotated span (so this measures who-is-who, not the
  tables' coverage; a span of several actors, "A; B", gives each one's code); rows whose gold actor has no code,
  and statement rows (class 0, no event), are left out. A row counts as right when the top-1 event's source
  (target) actors include a gold code. In a reciprocal row (the actors act on each other, "X met Y": both spans
  are "X; Y") either role may name any of the actors. Span overlap accuracy (no tables involved) is also given.
  A CAMEO code with no country ("---REB", "IMGMUSISI") gives no gold country. Note that extending the actor tables
  can move ConfliBERT rows in or out of the code figures (a span that now resolves gains a gold code).
- A sentence with several labelled events (a few PETRARCH rows) is scored against the labelled event the top-1
  prediction points to: the one of the same category, else of the same class, else the first.
- Splits (``SPLITS``): the lexicons and rules are tuned on ``conflibert_cameo/train`` rows only; the
  ``conflibert_cameo/test`` and ``petr2_gsr_validation/*`` rows are held out and reported separately.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from streams.errors import ExtractionError
from streams.models import Article, Event
from streams.nlp.actors import ENTITY_KINDS
from streams.nlp.data import CAMEO_COUNTRY_CODES
from streams.nlp.events import Extractor
from streams.nlp.lexicon import cameo_category, derived_mode

logger = logging.getLogger(__name__)

CLASS_NAMES = {
    0: "statement/appeal (no PLOVER event)",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
CATEGORY_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "INVESTIGATE": 3, "DEMAND": 3, "DISAPPROVE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4, "CRIME": 4,
}  # fmt: skip




_CAMEO = re.compile(r"CAMEO\s+(\d{2,4})")
# CAMEO actor-code prefixes that name a kind of actor, not a country (IGO is kept: our tables code IGOs as IGO).
NON_COUNTRY_PREFIXES = frozenset({"IMG", "NGO", "MNC", "UAF", "NGM", "UIS", "REB", "MIL", "GOV", "OPP", "CVL"})
# The two halves of the labelled file: rules and lexicons are tuned on the first only, and reported on both.
SPLITS: dict[str, tuple[str, ...]] = {
    "tune": ("conflibert_cameo/train",),
    "held-out": ("conflibert_cameo/test", "petr2_gsr_validation/"),
}


@dataclass
class Gold:
    id: str
    text: str
    cls: int  # 0-4
    category: str | None  # exact PLOVER category when known
    origin: str = ""
    source_code: str | None = None
    target_code: str | None = None
    source_span: str | None = None
    target_span: str | None = None
    reciprocal: bool = False  # the annotated actors act on each other: each is a source and a target
    # Further labelled events of the same sentence (PETRARCH rows may have several, e.g. both directions of a
    # meeting); the prediction is scored against the one it points to (see ``_pick``).
    alternatives: list[Gold] = field(default_factory=list)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def to_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        support = self.tp + self.fn
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": support}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def value(self) -> float:
        return round(self.right / self.total, 3) if self.total else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"value": self.value, "right": self.right, "total": self.total}


@dataclass
class EvalReport:
    path: str
    origins: tuple[str, ...] | None = None
    rows: int = 0
    top1_accuracy: Ratio = field(default_factory=Ratio)
    overall_accuracy: Ratio = field(default_factory=Ratio)
    per_class: dict[str, Score] = field(default_factory=dict)
    per_category: dict[str, Score] = field(default_factory=dict)
    source_code_accuracy: Ratio = field(default_factory=Ratio)
    target_code_accuracy: Ratio = field(default_factory=Ratio)
    source_code_accuracy_given_event: Ratio = field(default_factory=Ratio)
    target_code_accuracy_given_event: Ratio = field(default_factory=Ratio)
    source_span_accuracy: Ratio = field(default_factory=Ratio)
    target_span_accuracy: Ratio = field(default_factory=Ratio)
    predicted_categories: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[int, int]] = field(default_factory=Counter)  # (gold class, predicted class) -> rows
    # The same sentence may be labelled in two sources (62 of the held-out PETRARCH rows are also ConfliBERT test
    # rows): each row counts, and this says how many sentences the rows hold.
    texts: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "rows": self.rows, "distinct_texts": len(self.texts)}
        if self.origins is not None:
            out["origins"] = list(self.origins)
        for name in (
            "top1_accuracy", "overall_accuracy", "source_code_accuracy", "target_code_accuracy",
            "source_code_accuracy_given_event", "target_code_accuracy_given_event", "source_span_accuracy",
            "target_span_accuracy",
        ):  # fmt: skip
            out[name] = getattr(self, name).to_dict()
        out["per_class"] = {k: v.to_dict() for k, v in sorted(self.per_class.items())}
        out["per_category"] = {k: v.to_dict() for k, v in sorted(self.per_category.items())}
        out["predicted_categories"] = dict(self.predicted_categories.most_common())
        out["confusion"] = {
            str(g): {str(p): self.confusion[(g, p)] for p in CLASS_NAMES} for g in CLASS_NAMES
        }  # gold class -> predicted class -> rows
        return out


def read_gold(path: Path, *, limit: int | None = None, origins: Sequence[str] | None = None) -> Iterator[Gold]:
    """Labelled rows of ``path``; with ``origins``, only rows whose ``origin`` starts with one of them."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read labelled file: {exc}") from exc
    count = 0
    with fh:
        for number, line in enumerate(fh, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold = _gold(row)
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                logger.warning("%s:%d: unusable labelled row skipped (%s)", path, number, exc)
                continue
            if origins is not None and not gold.origin.startswith(tuple(origins)):
                continue
            count += 1
            yield gold


def _gold(row: dict[str, Any]) -> Gold:
    events = row.get("events") or []
    origin = str(row.get("origin") or "")
    if not events:
        return Gold(str(row["id"]), str(row["text"]), 0, None, origin)
    golds = [_gold_event(row, origin, event) for event in events]
    golds[0].alternatives = golds[1:]
    return golds[0]


def _gold_event(row: dict[str, Any], origin: str, event: dict[str, Any]) -> Gold:
    label = str(event.get("code_or_type", ""))
    cameo = None if "label_raw" in event else _CAMEO.search(label)
    if cameo:
        category = cameo_category(cameo.group(1))
        cls = CATEGORY_CLASS[category] if category else 0
        return Gold(
            str(row["id"]), str(row["text"]), cls, category, origin,
            source_code=_country(event.get("source_code")), target_code=_country(event.get("target_code")),
        )  # fmt: skip
    cls = int(event["label_raw"])
    if cls not in CLASS_NAMES:
        raise ValueError(f"unknown class {cls}")
    return Gold(
        str(row["id"]), str(row["text"]), cls, None, origin,
        source_span=event.get("source_actor"), target_span=event.get("target_actor"),
        reciprocal=bool(event.get("reciprocal")),
    )  # fmt: skip


def _country(code: Any) -> str | None:
    """The country part of a CAMEO actor code ("IRQGOVMIL" -> IRQ; "IGOUNO" -> IGO).

    "---" (country unknown, e.g. "---REB") and CAMEO's non-state prefixes that are no country (IMG, NGO, MNC, UAF,
    ...) give None: the row then has no gold country for that role and is left out of the code accuracy.
    """
    if not isinstance(code, str) or len(code) < 3:
        return None
    prefix = code[:3].upper()
    if not prefix.isalpha() or prefix in NON_COUNTRY_PREFIXES:
        return None
    return CAMEO_COUNTRY_CODES.get(prefix, prefix)


def predicted_class(event: Event | None) -> int:
    """The labels' class of a predicted event. An intent to yield ("will withdraw", "would release the hostages")
    is CAMEO 035, verbal cooperation (class 1); PLOVER records it as a CONCEDE derived from the intended RETREAT
    (events.py), and CONCEDE is otherwise yielding done (CAMEO 081-083, class 2)."""
    if event is None:
        return 0
    if event.event == "CONCEDE" and event.mode == derived_mode("CONCEDE", "RETREAT"):
        return 1
    return CATEGORY_CLASS.get(event.event, 0)


def top1(events: list[Event]) -> Event | None:
    if not events:
        return None
    return sorted(events, key=lambda e: (-e.confidence, e.start))[0]


def evaluate(
    path: Path,
    extractor: Extractor,
    *,
    limit: int | None = None,
    origins: Sequence[str] | None = None,
    batch: int = 64,
) -> EvalReport:
    """Run ``extractor`` over the labelled sentences in ``path`` (those of ``origins`` when given) and score it."""
    report = EvalReport(path=str(path), origins=tuple(origins) if origins else None)
    for gold, pred in _predictions(list(read_gold(path, limit=limit, origins=origins)), extractor, batch):
        _score(report, gold, pred, extractor)
    return report


def evaluate_splits(
    path: Path,
    extractor: Extractor,
    *,
    splits: dict[str, tuple[str, ...]] | None = None,
    limit: int | None = None,
    batch: int = 64,
) -> dict[str, EvalReport]:
    """One extraction pass, scored three ways: all rows, and each split of ``splits`` (default ``SPLITS``:
    the rows the lexicons were tuned on, and the held-out rows). Splits with no rows are left out."""
    splits = SPLITS if splits is None else splits
    reports = {"all": EvalReport(path=str(path))}
    reports.update({name: EvalReport(path=str(path), origins=prefixes) for name, prefixes in splits.items()})
    for gold, pred in _predictions(list(read_gold(path, limit=limit)), extractor, batch):
        _score(reports["all"], gold, pred, extractor)
        for name, prefixes in splits.items():
            if gold.origin.startswith(prefixes):
                _score(reports[name], gold, pred, extractor)
    return {name: r for name, r in reports.items() if r.rows or name == "all"}


def _predictions(golds: list[Gold], extractor: Extractor, batch: int) -> Iterator[tuple[Gold, Event | None]]:
    for start in range(0, len(golds), batch):
        chunk = golds[start : start + batch]
        articles = [Article(id=g.id, body=g.text) for g in chunk]
        for gold, events in zip(chunk, extractor.extract_batch(articles), strict=True):
            yield gold, top1(events)


def _pick(gold: Gold, pred: Event | None) -> Gold:
    """For a sentence with several labelled events, the one the prediction points to: same category, else same
    class, else the first. Sentences with one labelled event are scored against it."""
    if pred is None or not gold.alternatives:
        return gold
    options = [gold, *gold.alternatives]
    for option in options:
        if option.category == pred.event:
            return option
    for option in options:
        if option.cls == predicted_class(pred):
            return option
    return gold


def _score(report: EvalReport, gold: Gold, pred: Event | None, extractor: Extractor) -> None:
    gold = _pick(gold, pred)
    report.rows += 1
    report.texts.add(" ".join(gold.text.split()))
    pred_cls = predicted_class(pred)
    report.confusion[(gold.cls, pred_cls)] += 1
    report.predicted_categories[pred.event if pred is not None else "(none)"] += 1
    report.overall_accuracy.add(pred_cls == gold.cls)
    if gold.cls != 0:
        report.top1_accuracy.add(pred_cls == gold.cls)
    for cls, name in CLASS_NAMES.items():
        score = report.per_class.setdefault(f"{cls} {name}", Score())
        if pred_cls == cls and gold.cls == cls:
            score.tp += 1
        elif pred_cls == cls:
            score.fp += 1
        elif gold.cls == cls:
            score.fn += 1
    if gold.category is not None or (gold.cls == 0 and gold.source_code is None and gold.source_span is None):
        # Exact categories: only rows labelled at PLOVER granularity (PETRARCH rows).
        if gold.id.startswith("petr") or gold.category is not None:
            pred_cat = pred.event if pred is not None else None
            if pred_cat is not None and pred_cat == gold.category:
                report.per_category.setdefault(pred_cat, Score()).tp += 1
            else:
                if pred_cat is not None:
                    report.per_category.setdefault(pred_cat, Score()).fp += 1
                if gold.category is not None:
                    report.per_category.setdefault(gold.category, Score()).fn += 1
    for role in ("source", "target"):
        if gold.cls == 0:
            # A statement has no PLOVER event whose actors could be right or wrong; scoring its annotated actors
            # would reward producing a wrong event (ConfliBERT test rows of class 0 carry actor spans).
            continue
        codes = _gold_codes(gold, role, extractor)
        actors = getattr(pred, role) if pred is not None else ()
        if codes:
            ok = any(a.code in codes for a in actors)
            getattr(report, f"{role}_code_accuracy").add(ok)
            if pred is not None:
                getattr(report, f"{role}_code_accuracy_given_event").add(ok)
        span = getattr(gold, f"{role}_span")
        if span:
            parts = [p.strip().lower() for p in span.split(";") if p.strip()]
            getattr(report, f"{role}_span_accuracy").add(
                any(_overlap(a.actorText.lower(), p) for a in actors for p in parts)
            )


def _gold_codes(gold: Gold, role: str, extractor: Extractor) -> frozenset[str]:
    """The codes a prediction's ``role`` actors may name to be right: the CAMEO code's country, or the codes of
    the annotated span's actors ("Germany; UNICEF": either). In a reciprocal row both spans name actors that act on
    each other ("Trump will meet Hariri": source and target "Trump; Hariri"), so either role may name any of them."""
    code = getattr(gold, f"{role}_code")
    if code is not None:
        return frozenset({code})
    spans = [gold.source_span, gold.target_span] if gold.reciprocal else [getattr(gold, f"{role}_span")]
    return frozenset(c for span in spans for c in _span_codes(span, extractor))


def _span_codes(span: str | None, extractor: Extractor) -> list[str]:
    """The code of each actor in an annotated span ("A; B"): the first coded alias of each part."""
    found: list[str] = []
    for part in (span or "").split(";"):
        matches = extractor.actors.annotate(extractor.nlp.make_doc(part.strip()))
        entry = next((m[1] for _, m in sorted(matches.items()) if m[1].kind in ENTITY_KINDS and m[1].code), None)
        if entry is not None and entry.code:
            found.append(entry.code)
    return found


def _overlap(a: str, b: str) -> bool:
    wa = set(re.findall(r"\w+", a)) - {"the", "a", "an", "of"}
    wb = set(re.findall(r"\w+", b)) - {"the", "a", "an", "of"}
    return bool(wa & wb)


def report_rows(report: EvalReport) -> list[tuple[str, str]]:
    """The headline figures as (name, value) pairs for a readable table."""
    d = report.to_dict()
    rows = [("rows (distinct)", f"{report.rows} ({len(report.texts)})")]
    for name in (
        "top1_accuracy", "overall_accuracy", "source_code_accuracy", "target_code_accuracy",
        "source_code_accuracy_given_event", "target_code_accuracy_given_event", "source_span_accuracy",
        "target_span_accuracy",
    ):  # fmt: skip
        r = d[name]
        rows.append((name, f"{r['value']:.3f} ({r['right']}/{r['total']})"))
    return rows


def as_json(report: EvalReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False)


__all__ = ["SPLITS", "EvalReport", "evaluate", "evaluate_splits", "asdict"]
