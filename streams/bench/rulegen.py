"""Generated rule files for the rule-scaling phase: many valid rules with varied lemmas, codes and shapes.

Every rule pins ``event`` to the given categories, so the set's categories (and so selective extraction) do not
depend on how many rules there are; lemmas come from the trigger lexicon and codes from the shipped country
table, so the rule index is exercised with realistic keys.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from streams.nlp.lexicon import Lexicon


def country_codes() -> list[str]:
    """ISO alpha-3 codes of the shipped country table (first column of streams/data/actors/countries.tsv)."""
    text = resources.files("streams").joinpath("data/actors/countries.tsv").read_text(encoding="utf-8")
    codes = [line.split("\t", 1)[0] for line in text.splitlines() if line and not line.startswith("#")]
    return sorted({c for c in codes if len(c) == 3})


def lemmas_by_category(lexicon: Lexicon) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    for entries in lexicon.by_form.values():
        for trigger in entries:
            out.setdefault(trigger.category, set()).add(trigger.lemma)
    return {category: sorted(lemmas) for category, lemmas in out.items()}


def write_rules(folder: Path, *, count: int, categories: Sequence[str], lexicon: Lexicon, seed: int = 6) -> list[Path]:
    """Write ``count`` rule files into ``folder``; the first rules cycle through ``categories`` so that any
    count covers all of them (the last rule of a set smaller than the category list takes the remainder)."""
    if not categories:
        raise ValueError("rule generation needs at least one event category")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    codes = country_codes()
    lemmas = lemmas_by_category(lexicon)
    cats = list(categories)
    paths = []
    for i in range(count):
        pinned = cats[i:] if (i == count - 1 and count < len(cats)) else [cats[i % len(cats)]]
        rule = _rule(i, pinned, rng, codes, lemmas)
        path = folder / f"gen-{i:05d}.yaml"
        # JSON is YAML: no extra dependency on a YAML writer, and the files stay valid rule files.
        path.write_text(json.dumps(rule, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _rule(
    i: int, pinned: list[str], rng: random.Random, codes: list[str], lemmas: dict[str, list[str]]
) -> dict[str, object]:
    event: object = pinned[0] if len(pinned) == 1 else pinned
    words = sorted({w for c in pinned for w in lemmas.get(c, [])})
    trigger: dict[str, object] = {"event": event}
    shape = i % 4
    if words and shape in (0, 2):
        trigger["lemma"] = rng.sample(words, k=min(len(words), rng.randint(1, 3)))
    selections: dict[str, object] = {"trigger": trigger}
    if shape == 0:
        selections["who"] = {"target.code": rng.sample(codes, k=2)}
        condition = "trigger and who"
    elif shape == 1:
        selections["who"] = {"source.code": rng.choice(codes)}
        selections["denied"] = {"modality": "negated"}
        condition = "trigger and who and not denied"
    elif shape == 2:
        selections["who"] = [{"source.code": rng.sample(codes, k=2)}, {"target.code": rng.sample(codes, k=2)}]
        condition = "trigger and who"
    else:
        selections["who"] = {"source.code|exists": True, "target.code": rng.choice(codes)}
        selections["quiet"] = {"eventText|contains": rng.choice(["rumour", "alleged", "reportedly"])}
        condition = "trigger and who and not quiet"
    return {
        "id": f"gen-{i:05d}",
        "title": f"Generated rule {i}",
        "level": rng.choice(["low", "medium", "high"]),
        "selections": selections,
        "condition": condition,
    }
