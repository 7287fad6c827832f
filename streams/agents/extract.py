"""articles -> candidates: validate, extract events in batches, match rules (stateless part)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from collections.abc import Sequence
from functools import partial
from typing import Any

import faust
from faust.types import EventT

from streams import metrics
from streams.agents.retry import until_done
from streams.agents.wiring import Topics, dead_letter
from streams.errors import ArticleError
from streams.models import Article, Event, Match
from streams.nlp import Extractor, TriggerFilter
from streams.receipts import article_receipt, encode
from streams.rules import RuleSet
from streams.services import Services

logger = logging.getLogger(__name__)


def match_articles(
    extractor: Extractor, ruleset: RuleSet, articles: Sequence[Article], *, full_parse: bool
) -> list[list[Match] | Exception]:
    """Extract events from a batch and match them; CPU work, run in the NLP thread.

    If the batch fails, each article is retried alone so that one bad article cannot take its batch down:
    the failing one gets its exception back (and is dead-lettered), the others their matches.
    """
    # Only sentences that could give an event some rule matches are parsed (same matches, less work).
    triggers = TriggerFilter.from_pins(ruleset.trigger_pins())
    try:
        events = extractor.extract_batch(articles, triggers=triggers, full_parse=full_parse)
        count_events(events)
        return [ruleset.match(a, e) for a, e in zip(articles, events, strict=True)]
    except Exception:
        logger.exception("Batch of %d articles failed; retrying them one by one", len(articles))
    results: list[list[Match] | Exception] = []
    for article in articles:
        try:
            [events_one] = extractor.extract_batch([article], triggers=triggers, full_parse=full_parse)
            count_events([events_one])
            results.append(ruleset.match(article, events_one))
        except Exception as exc:  # dead-lettered by the caller with this reason
            results.append(exc)
    return results


def count_events(per_article: Sequence[Sequence[Event]]) -> None:
    for events in per_article:
        for event in events:
            metrics.EVENTS_EXTRACTED.labels(category=event.event).inc()


def register(app: faust.App, topics: Topics, services: Services) -> None:
    settings = services.settings

    @app.agent(topics.articles, name="extract")
    async def extract(stream: faust.StreamT[bytes]) -> None:
        # take_events (not take) acks each batch only after it is processed.
        batches = stream.take_events(settings.batch_size, within=settings.batch_within)  # type: ignore[attr-defined]
        async for batch in batches:
            await until_done(partial(process_batch, batch, topics, services), what=f"a batch of {len(batch)} articles")


async def process_batch(batch: Sequence[EventT[bytes]], topics: Topics, services: Services) -> None:
    accepted: list[tuple[EventT[bytes], Article]] = []
    metrics.ARTICLES_CONSUMED.inc(len(batch))
    for event in batch:
        try:
            accepted.append((event, Article.from_json(event.value)))
        except ArticleError as exc:
            await _reject(event, exc.reason, topics, article_id=None)
    if not accepted:
        return
    loop = asyncio.get_running_loop()
    articles = [article for _, article in accepted]
    results = await loop.run_in_executor(
        services.nlp_executor,
        lambda: match_articles(
            services.extractor, services.rules.current, articles, full_parse=services.settings.full_parse
        ),
    )
    for (event, article), result in zip(accepted, results, strict=True):
        if isinstance(result, Exception):
            await _reject(event, f"extraction failed: {result!r}", topics, article_id=article.id)
            continue
        produced_at = event.message.timestamp
        for match in result:
            match = dataclasses.replace(match, produced_at=produced_at)
            metrics.RULE_MATCHES.labels(rule=match.rule_id).inc()
            await topics.candidates.send(key=match.story_key.encode(), value=encode(match.to_dict()))
        message = event.message
        await topics.receipts.send(
            value=encode(
                article_receipt(
                    article_id=article.id,
                    partition=message.partition,
                    offset=message.offset,
                    status="ok",
                    matches=[m.match_id for m in result],
                )
            )
        )


async def _reject(event: EventT[bytes], reason: str, topics: Topics, *, article_id: str | None) -> None:
    message = event.message
    metrics.ARTICLES_DEADLETTERED.labels(reason=reason.split(":", 1)[0][:40]).inc()
    logger.warning(
        "Dead-lettered article at %s[%d]@%d: %s", message.topic, message.partition, message.offset, reason
    )
    record: dict[str, Any] = dead_letter(stage="ingest", reason=reason, message=message, raw=event.value)
    await topics.deadletter.send(key=message.key, value=encode(record))
    await topics.receipts.send(
        value=encode(
            article_receipt(
                article_id=article_id or _guess_id(event.value),
                partition=message.partition,
                offset=message.offset,
                status="deadletter",
            )
        )
    )


def _guess_id(raw: Any) -> str | None:
    """The id of a rejected article when one can be read, so its sender can be told it failed."""
    try:
        data = json.loads(raw)
        value = data.get("id") if isinstance(data, dict) else None
        return str(value) if value is not None else None
    except Exception:
        return None
