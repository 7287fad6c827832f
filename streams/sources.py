"""Reading articles from files: JSON Lines, a JSON object or array, or plain-text files.

A bad record never stops the read: it is reported (path, line, reason) through ``on_error`` and skipped.
Directories are read recursively in a stable (sorted) order; ``-`` reads JSON Lines from standard input.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from streams.errors import ArticleError, Location
from streams.models import Article

logger = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".jsonl", ".ndjson", ".json", ".txt"}

ErrorHandler = Callable[[ArticleError], None]


def report_to_stderr(error: ArticleError) -> None:
    print(f"newsalert: skipped {error}", file=sys.stderr)


def batched(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Articles in lists of ``size`` (the last may be shorter), for ``nlp.pipe``-style batch work."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def read_articles(paths: Iterable[str | Path], *, on_error: ErrorHandler = report_to_stderr) -> Iterator[Article]:
    """Yield every valid article found in ``paths`` (files, directories, or ``-`` for stdin)."""
    for path in paths:
        if str(path) == "-":
            yield from _read_lines(sys.stdin, "<stdin>", on_error)
            continue
        p = Path(path)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file() and c.suffix in ARTICLE_SUFFIXES):
                yield from _read_file(child, on_error)
        elif p.is_file():
            yield from _read_file(p, on_error)
        else:
            on_error(ArticleError("no such file or directory", location=Location(str(p))))


def _read_file(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    try:
        if path.suffix == ".txt":
            body = path.read_text(encoding="utf-8", errors="replace")
            yield Article(id=path.stem, body=body)
            return
        if path.suffix == ".json":
            yield from _read_json_document(path, on_error)
            return
        with path.open(encoding="utf-8", errors="replace") as handle:
            yield from _read_lines(handle, str(path), on_error)
    except OSError as exc:
        on_error(ArticleError(f"cannot read: {exc.strerror}", location=Location(str(path))))


def _read_lines(lines: Iterable[str], name: str, on_error: ErrorHandler) -> Iterator[Article]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield Article.from_json(line)
        except ArticleError as exc:
            on_error(ArticleError(exc.reason, location=Location(name, number)))


def _read_json_document(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        # A .json file may also be JSON Lines; fall back before reporting.
        if exc.msg == "Extra data":
            yield from _read_lines(text.splitlines(), str(path), on_error)
            return
        on_error(ArticleError(f"not valid JSON: {exc.msg}", location=Location(str(path), exc.lineno, exc.colno)))
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        try:
            yield Article.from_dict(item)
        except ArticleError as exc:
            where = f"item {index}: " if isinstance(data, list) else ""
            on_error(ArticleError(where + exc.reason, location=Location(str(path))))
