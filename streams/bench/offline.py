"""In-process phases: bare spaCy (A), the offline path of ``rules test --articles`` (C), and rule scaling."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from streams.bench.rulegen import write_rules
from streams.models import Article, Event, Match
from streams.nlp import Extractor, TriggerFilter
from streams.rules import RuleSet, load_rules
from streams.sources import batched

Progress = Callable[[int], None]  # called with the number of articles just done


def bare_spacy(nlp: Language, articles: Sequence[Article], *, progress: Progress | None = None) -> dict[str, Any]:
    """Phase A: ``nlp.pipe`` with every component spaCy enables by default, over the article bodies."""
    tokens = 0
    started = time.perf_counter()
    for doc in nlp.pipe(a.body for a in articles):
        tokens += len(doc)
        if progress is not None:
            progress(1)
    seconds = time.perf_counter() - started
    return {
        "articles": len(articles),
        "seconds": seconds,
        "articles_per_s": len(articles) / seconds,
        "tokens": tokens,
        "tokens_per_s": tokens / seconds,
        "pipeline": list(nlp.pipe_names),
    }


@dataclass
class OfflineRun:
    result: dict[str, Any]
    events: list[list[Event]]
    matches: list[Match]


def offline_path(
    extractor: Extractor,
    ruleset: RuleSet,
    articles: Sequence[Article],
    *,
    batch_size: int,
    full_parse: bool = False,
    progress: Progress | None = None,
) -> OfflineRun:
    """Phase C: what ``rules test --articles`` does, timed in its two parts (extraction, matching)."""
    categories = ruleset.categories()
    triggers = TriggerFilter.from_pins(ruleset.trigger_pins())
    events: list[list[Event]] = []
    matches: list[Match] = []
    extract_s = match_s = 0.0
    for batch in batched(articles, batch_size):
        t0 = time.perf_counter()
        batch_events = extractor.extract_batch(batch, triggers=triggers, full_parse=full_parse)
        t1 = time.perf_counter()
        for article, article_events in zip(batch, batch_events, strict=True):
            matches.extend(ruleset.match(article, article_events))
        t2 = time.perf_counter()
        extract_s += t1 - t0
        match_s += t2 - t1
        events.extend(batch_events)
        if progress is not None:
            progress(len(batch))
    seconds = extract_s + match_s
    result = {
        "articles": len(articles),
        "seconds": seconds,
        "articles_per_s": len(articles) / seconds if seconds else None,
        "extract_s": extract_s,
        "match_s": match_s,
        "events": sum(len(e) for e in events),
        "matches": len(matches),
        "full_parse": full_parse,
        "categories": sorted(categories) if categories is not None else None,
        "trigger_pins": len(triggers.pins),
        "batch_size": batch_size,
    }
    return OfflineRun(result, events, matches)


def rule_scaling(
    extractor: Extractor,
    articles: Sequence[Article],
    events: Sequence[Sequence[Event]],
    categories: Sequence[str],
    workdir: Path,
    *,
    counts: tuple[int, int] = (10, 1000),
    repeats: int = 3,
) -> dict[str, Any]:
    """The same stream matched by ``counts[0]`` and ``counts[1]`` generated rules.

    Both rule sets constrain ``event`` to the same categories (the small set is a prefix of the large one and
    covers every category), so selective extraction does the same work for both; the extraction is timed once
    (``events`` come from phase C with the shipped rules' categories) and matching is timed for each set, best of
    ``repeats``. ``path_ratio`` is the time of extraction + matching with the large set over that with the small
    set (the service's cost per article); ``match_ratio`` compares matching alone.
    """
    sets: dict[int, RuleSet] = {}
    load_s: dict[int, float] = {}
    for count in counts:
        folder = workdir / f"rules-{count}"
        write_rules(folder, count=count, categories=categories, lexicon=extractor.lexicon)
        t0 = time.perf_counter()
        sets[count] = load_rules([folder])
        load_s[count] = time.perf_counter() - t0
    small, large = (sets[c] for c in counts)
    if small.categories() != large.categories():  # pragma: no cover - rulegen guarantees it
        raise AssertionError("generated rule sets differ in categories; extraction would differ")
    match_s: dict[int, float] = {}
    match_count: dict[int, int] = {}
    for count, ruleset in sets.items():
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            found = sum(len(ruleset.match(a, e)) for a, e in zip(articles, events, strict=True))
            best = min(best, time.perf_counter() - t0)
        match_s[count], match_count[count] = best, found
    # Extraction for these categories, measured by phase C with the same selective path.
    return {
        "rules": list(counts),
        "categories": sorted(small.categories() or ()),
        "load_s": {str(c): load_s[c] for c in counts},
        "match_s": {str(c): match_s[c] for c in counts},
        "matches": {str(c): match_count[c] for c in counts},
        "events": sum(len(e) for e in events),
    }
