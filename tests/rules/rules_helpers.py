"""Hand-built events and small rule files for the rule engine's tests (no spaCy model needed)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from streams.models import Actor, Article, Event
from streams.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
SEED = ROOT / "seeds" / "000_a37d2364f582c819.txt"

ARTICLE = Article(id="a1", body="...", title="Seoul summons envoy", source="Yonhap", url="https://yna.co.kr/x")


def actor(code: str | None, sector: str | None = None, text: str | None = None) -> Actor:
    return Actor(actorText=text or code or "?", code=code, sector=sector)


def event(
    category: str = "DISAPPROVE",
    lemma: str = "summon",
    source: tuple[Actor, ...] = (Actor("South Korea", "KOR", "GOV"),),
    target: tuple[Actor, ...] = (Actor("Russia's ambassador", "RUS", "DIP"),),
    **fields: Any,
) -> Event:
    values: dict[str, Any] = {
        "event": category,
        "eventText": lemma,
        "text": "South Korea summoned the Russian ambassador to Seoul on Friday.",
        "lemma": lemma,
        "start": 12,
        "end": 20,
        "sentence_start": 0,
        "sentence_end": 64,
        "source": source,
        "target": target,
    }
    values.update(fields)
    return Event(**values)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def ruleset(folder: Path, *files: tuple[str, str]) -> RuleSet:
    for name, text in files:
        write(folder, name, text)
    return load_rules([folder])


def rule_text(rule_id: str = "r1", selections: str = "s:\n    event: DISAPPROVE", **extra: str) -> str:
    """A minimal valid rule; ``selections`` is indented under `selections:`; extra keys are appended."""
    body = f"id: {rule_id}\ntitle: Test rule {rule_id}\nselections:\n  {selections}\n"
    for key, value in extra.items():
        body += f"{key}: {value}\n"
    return body
