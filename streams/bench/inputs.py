"""The benchmark's input: N articles of a news file mixed with the seed articles, and a latency stream."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from streams.errors import NewsalertError
from streams.models import Article
from streams.sources import read_articles

DATA_FILE = "reuters21578.jsonl"
REPO_ROOT = Path(__file__).resolve().parents[2]


def default_data_path() -> Path | None:
    """``../shared/data`` next to the working directory or the checkout, when it exists."""
    for base in (Path.cwd(), REPO_ROOT):
        candidate = base.parent / "shared" / "data"
        if (candidate / DATA_FILE).is_file():
            return candidate
    return None


def default_seeds_path() -> Path | None:
    for base in (Path.cwd(), REPO_ROOT):
        if (base / "seeds").is_dir():
            return base / "seeds"
    return None


def data_file(path: Path) -> Path:
    """A folder means its ``reuters21578.jsonl``; anything else is read as an article file."""
    if path.is_dir():
        path = path / DATA_FILE
    if not path.exists():
        raise NewsalertError(f"benchmark data not found: {path} (pass --data)")
    return path


@dataclass(frozen=True)
class Inputs:
    articles: list[Article]  # the benchmark stream: news articles with the seeds spread through them
    news: int
    seeds: int
    latency: list[Article]  # a separate, shorter stream for the latency phase (ids not in ``articles``)


def load_inputs(data: Path, seeds: Path | None, *, n: int, latency_n: int, seed_every: int = 10) -> Inputs:
    """The first ``n`` articles of ``data`` with the seed articles spread evenly through them.

    The latency stream takes the next ``latency_n`` articles of ``data`` (reused under fresh ids when the file
    runs short) with a copy of a seed article, as if from another outlet, every ``seed_every`` articles, so that
    it produces alerts to time.
    """
    source = data_file(data)
    stream = iter(read_articles([source]))
    news = list(itertools.islice(stream, n))
    if not news:
        raise NewsalertError(f"no articles in {source}")
    seed_articles = list(read_articles([seeds])) if seeds is not None else []
    mixed = _spread(news, seed_articles)
    rest = list(itertools.islice(stream, latency_n))
    pool = rest or news
    latency: list[Article] = []
    copies = _seed_copies(seed_articles)
    for i in range(latency_n):
        if seed_articles and i % seed_every == seed_every // 2:
            latency.append(next(copies))
        else:
            article = pool[i % len(pool)]
            if i >= len(rest):
                article = dataclasses.replace(article, id=f"{article.id}~lat{i}")
            latency.append(article)
    return Inputs(articles=mixed, news=len(news), seeds=len(seed_articles), latency=latency)


def _spread(news: list[Article], seeds: list[Article]) -> list[Article]:
    if not seeds:
        return list(news)
    out = list(news)
    step = len(news) / (len(seeds) + 1)
    for k, seed in enumerate(seeds, start=1):
        out.insert(int(k * step) + k - 1, seed)
    return out


def _seed_copies(seeds: list[Article]) -> Iterator[Article]:
    """Seed articles under fresh ids and outlets: the same story from other outlets (thread replies)."""
    for i in itertools.count(1):
        for seed in seeds:
            yield dataclasses.replace(seed, id=f"{seed.id}~copy{i}", source=f"bench-outlet-{i}")
