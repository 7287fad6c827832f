"""Derive a fallback trigger lexicon from PETRARCH's CAMEO verb-pattern dictionary.

``python -m streams.nlp.cameo_lexicon CAMEO.2.0.txt > streams/data/lexicon/triggers-cameo.tsv``

The dictionary (openeventdata/petrarch2, ``petrarch2/data/dictionaries/CAMEO.2.0.txt``, MIT) groups verbs in
blocks (``--- NAME [code] ---``), each verb line a base form with optional irregular forms in braces and an
optional code of its own; the block's patterns (``- words * words [code] # comment``) apply to every verb of the
block, as in PETRARCH. Synonym sets (``&NAME`` then ``+WORD`` lines) stand for any of their words.

Only what our condition language says with the same meaning is kept (see ``translate``): a particle or a bare
preposition after ``*`` becomes ``prep=``, a noun, a synonym set or each word of a ``{multi word}`` phrase an
``obj=`` condition. Patterns with words before ``*`` (the subject), a prepositional phrase with its own object
(``(TO BORDER)``: we cannot require the preposition's object), a skip marker ``^``, or words that can be no object
lemma are dropped, as are ``[---]`` and empty codes. CAMEO codes map to PLOVER by root; 01-02 (statements and
appeals) become ``NONE`` only with conditions (see ``NONE_BARE``). Entries that the dictionary codes two ways
(same verb and conditions, different categories) are dropped.

The output is written as a lower tier (``# tier: fallback``): the extractor only uses an entry of it where no
hand-written entry for the token holds (``lexicon.py``, ``events.Extractor._choose``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streams.nlp.lexicon import CATEGORIES, FALLBACK_HEADER, NONE, cameo_category, inflections

SOURCE = "openeventdata/petrarch2 petrarch2/data/dictionaries/CAMEO.2.0.txt"
LICENCE = """\
The MIT License (MIT)

Copyright (c) 2015 Open Event Data Alliance

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

# Statements and appeals (01-02) have no PLOVER event. A bare NONE entry ("said", "noted") would silence every
# noun trigger under the verb ("said the attack killed ten"), so only conditioned ones are kept: "deliver a
# plea", "ask for aid" are appeals whatever else the sentence holds.
NONE_BARE = False
# Verbs so general in English that a CAMEO block default misreads most of their uses in news ("considering a
# bid" is no consultation, "took office" no seizure, "called it a mistake" no contact, "is expected to" no
# intent): their patterns, which require an object or particle, are kept; the bare entry is not.
GENERAL_VERBS = frozenset(
    {"affect", "aim", "arrive", "call", "claim", "come", "consider", "decide", "determine", "ensure", "expect",
     "explore", "get", "give", "go", "hold", "improve", "increase", "issue", "lead", "leave", "link", "make", "need",
     "pass", "put", "relate", "seek", "set", "take", "use"}
)  # fmt: skip
# A pattern of those verbs that only adds a preposition or particle is about as general as the bare verb and is
# left out too: "went to" the polls, "came to" an end, "set up" a unit.
# Cooperation (CAMEO 03-07) is in a verb's object ("signed an agreement", "sent aid"), which the patterns require;
# the verbs of those blocks are ordinary English verbs grouped by meaning ("blend", "augment", "better", "stock",
# "assemble", "reason", "volunteer") whose bare entries coded business news as cooperation. Bare entries of these
# categories are left out (measured: tune top-1 unchanged; about a fifth of what BUSINESS_VERBS left on Reuters).
NO_BARE_CATEGORIES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})
# Synonym-set words (or heads of multi-word members) whose usual sense in news is another one: &MILITARY's
# "reserves" (oil, currency reserves) and "armed services" (financial services), &EVIDENCE's "probable cause",
# &WMD's "nuclear device", &CAR's and &AIRCRAFT's "vehicle", &TOWN's "urban area/center",
# &CEASEFIRE's "cease fire" (the object "fire" of "opened fire"), &REFUGEE's "displaced person".
AMBIGUOUS_MEMBERS = frozenset(
    {"reserves", "services", "cause", "device", "vehicle", "area", "center", "fire", "person"}
)
# CAMEO sub-codes whose act has a mode word in the hand-written lexicon: the derived entry takes the same mode, so
# that rules pinning (or excluding) a mode treat it alike ("cut ties" and CAMEO 161 are both ``suspend``).
MODES = {
    "062": "military", "063": "judicial", "071": "economic", "072": "military", "073": "humanitarian",
    "074": "peacekeeping", "075": "asylum", "0841": "release", "0871": "ceasefire", "0874": "withdraw",
    "161": "suspend", "162": "suspend", "164": "suspend", "163": "embargo", "173": "arrest", "181": "abduct",
}  # fmt: skip
# "block": a pattern applies to every verb of its block (PETRARCH); "origin": to the verbs its comment names.
PATTERN_SCOPE = "origin"
# Words that, written bare after ``*``, are the verb's particle ("set up", "put down"), not its object.
PARTICLES = frozenset(
    {"up", "down", "off", "out", "back", "away", "aside", "forward", "over", "along", "around", "together", "apart"}
)
# Prepositions that a one-word "(PREP)" group may name; our ``prep=`` looks for them among the verb's children.
PREPOSITIONS = PARTICLES | frozenset(
    {"to", "for", "with", "against", "on", "upon", "at", "in", "into", "from", "of", "by", "about", "onto",
     "toward", "towards", "across", "through", "behind", "under", "within", "between", "among", "before"}
)  # fmt: skip
# Words that cannot be an object lemma or a compound/adjective of one: a pattern needing them cannot be expressed.
FUNCTION_WORDS = PREPOSITIONS | frozenset(
    {"a", "an", "the", "no", "not", "his", "her", "its", "their", "our", "this", "that", "these", "those", "and",
     "or", "as", "than", "so", "very", "himself", "herself", "itself", "themselves", "who", "which", "what",
     "is", "are", "was", "were", "be", "been", "will", "would", "to"}
)  # fmt: skip
_WORD = re.compile(r"^[a-z][a-z']*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|&\w+|[^\s(){}]+")


@dataclass(frozen=True)
class Verb:
    """One verb of a block: its base form, the particle of a multi-word verb ("call off"), its own code."""

    lemma: str
    particle: str | None = None
    forms: frozenset[str] = frozenset()
    code: str | None = None


@dataclass
class Block:
    name: str
    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[str, str | None, str]] = field(default_factory=list)  # (text after "-", code, comment)


@dataclass(frozen=True)
class Entry:
    category: str
    lemma: str
    conditions: tuple[tuple[str, tuple[str, ...]], ...]
    forms: frozenset[str] = frozenset()
    cameo: str = ""
    mode: str | None = None

    def row(self) -> str:
        cond = ";".join(f"{k}={'|'.join(v)}" for k, v in self.conditions) or "-"
        forms = "|".join(sorted(self.forms)) or "-"
        return "\t".join([self.category, "verb", self.lemma, cond, self.mode or "-", forms, self.cameo])


@dataclass
class Dictionary:
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


def parse(lines: Iterable[str]) -> Dictionary:
    """Synonym sets and verb blocks of a CAMEO verb dictionary."""
    out = Dictionary()
    current_set: list[str] | None = None
    block: Block | None = None
    for line in lines:
        text, _, comment = line.partition("#")
        text = text.rstrip()
        stripped = text.strip()
        if not stripped:
            current_set = None
            continue
        if stripped.startswith("---"):
            name = stripped.strip("-").strip()
            code = _code(name)
            block = Block(_CODE.sub("", name).strip(), code)
            out.blocks.append(block)
            current_set = None
            continue
        if stripped.startswith("&") and block is None:
            current_set = out.synonyms.setdefault(stripped.split()[0][1:].upper(), [])
            continue
        if current_set is not None and stripped.startswith("+"):
            current_set.append(stripped[1:].split()[0])
            continue
        if block is None:
            continue
        if stripped.startswith("-"):
            found = _CODE.findall(stripped)
            body = _CODE.sub("", stripped)[1:].strip()
            block.patterns.append((body, _code_of(found[-1]) if found else None, comment.strip()))
            continue
        verb = _verb(stripped)
        if verb is not None:
            block.verbs.append(verb)
    return out


def _code(text: str) -> str | None:
    found = _CODE.findall(text)
    return _code_of(found[-1]) if found else None


def _code_of(raw: str) -> str | None:
    """"042:043" -> "042" (the first part codes the event); "---", ":173" and "" code nothing."""
    first = raw.split(":", 1)[0].strip()
    match = re.match(r"\d{3,4}", first)
    return match.group(0) if match else None


def _verb(line: str) -> Verb | None:
    """A verb line: ``WORD {FORMS} [code]`` or ``+VERB_PARTICLE {+FORMS_PARTICLE} [code]``."""
    code = _code(line)
    text = _CODE.sub("", line)
    braces = re.search(r"\{([^}]*)\}", text)
    head = re.sub(r"\{[^}]*\}", "", text).split()
    if not head:
        return None
    word = head[0].lower().lstrip("+")
    extra = [f.lower().lstrip("+") for f in re.split(r"[\s,]+", braces.group(1)) if f] if braces else []
    parts = word.split("_")
    if len(parts) == 1:
        if not _WORD.match(word):
            return None
        return Verb(word, None, frozenset(f for f in extra if _WORD.match(f)), code)
    if len(parts) == 2 and _WORD.match(parts[0]) and parts[1] in PREPOSITIONS:
        # "+CALL_OFF {+CALLED_OFF}": the verb "call" with the particle "off"; forms are those of the verb.
        forms = frozenset(f.split("_")[0] for f in extra if f.endswith("_" + parts[1]))
        return Verb(parts[0], parts[1], frozenset(f for f in forms if _WORD.match(f)), code)
    return None  # "+TAKE_LEAVE", "+IS_DETERMINED": not a verb and a particle


def translate(body: str, synonyms: dict[str, list[str]]) -> list[tuple[str, tuple[str, ...]]] | None:
    """The conditions of the pattern text ``body`` (after the leading "-"), or None if it cannot be expressed."""
    before, star, after = body.partition("*")
    if not star or before.strip():
        return None  # words before the verb: a subject we cannot require
    conditions: list[tuple[str, tuple[str, ...]]] = []
    for token in _TOKEN.findall(after):
        if token in {"+", "$", "%"}:
            continue  # where the target/source actor is: roles.py finds actors, this is no word to require
        if token.startswith("("):
            inner = [w for w in token[1:-1].split() if w not in {"+", "$", "%"}]
            if len(inner) != 1 or inner[0].lower() not in PREPOSITIONS:
                return None  # "(TO BORDER)": the preposition's object cannot be required
            conditions.append(("prep", (inner[0].lower(),)))
            continue
        if token.startswith("{"):
            words = [w for part in token[1:-1].split() for w in part.split("_") if w]
            for word in words:
                values = _object_values(word, synonyms)
                if values is None:
                    return None
                conditions.append(("obj", values))
            continue
        if token.lower() in PARTICLES and not conditions:
            conditions.append(("prep", (token.lower(),)))  # "set up", "put down": the particle comes first
            continue
        values = _object_values(token, synonyms)
        if values is None:
            return None
        conditions.append(("obj", values))
    return conditions


def _object_values(token: str, synonyms: dict[str, list[str]]) -> tuple[str, ...] | None:
    """The lemmas an ``obj=`` condition takes for one pattern word or synonym set (None: not expressible)."""
    if token.startswith("&"):
        members = synonyms.get(token[1:].upper())
        if not members:
            return None
        # A multi-word member ("ARMED_FORCES") is matched on its head; "CASH_" (no inflection) on the word.
        words = {m.strip("_").split("_")[-1].lower() for m in members}
        words = {w for w in words if _WORD.match(w) and w not in FUNCTION_WORDS and w not in AMBIGUOUS_MEMBERS}
        return tuple(sorted(words)) or None
    word = token.strip("_").lower()
    if not _WORD.match(word) or word in FUNCTION_WORDS or word.endswith("ly"):
        return None  # hyphenated ("SIT-IN" is three tokens), function words, adverbs: no object lemma
    return (word,)


def entries(dictionary: Dictionary) -> Iterator[Entry]:
    """Every (category, verb, conditions) the dictionary codes, one per verb of a block and pattern."""
    for block in dictionary.blocks:
        for verb in block.verbs:
            base: list[tuple[str, tuple[str, ...]]] = [("prep", (verb.particle,))] if verb.particle else []
            default = verb.code or block.code
            category = _category(default)
            # A general verb's own multi-word verbs ("call off", "give up") mean something else: they keep their entry.
            bare_ok = verb.lemma not in GENERAL_VERBS or bool(base)
            bare_ok = bare_ok and (bool(base) or category not in NO_BARE_CATEGORIES)
            if category is not None and bare_ok and (category != NONE or NONE_BARE or base):
                yield Entry(category, verb.lemma, tuple(base), verb.forms, default or "")
            for body, code, comment in block.patterns:
                if not _applies(verb, comment, block):
                    continue
                category = _category(code)
                if category is None:
                    continue
                conditions = translate(body, dictionary.synonyms)
                if conditions is None:
                    continue
                merged = _merge(base + conditions)
                if merged is None:
                    continue
                if verb.lemma in GENERAL_VERBS and all(key == "prep" for key, _ in merged):
                    continue
                if category == NONE and not merged and not NONE_BARE:
                    continue
                yield Entry(category, verb.lemma, merged, verb.forms, code or "")


def _category(code: str | None) -> str | None:
    """PLOVER's category for a CAMEO code, and NONE for statements and appeals (01-02)."""
    return NONE if code and code[:2] in {"01", "02"} else cameo_category(code)


def _applies(verb: Verb, comment: str, block: Block) -> bool:
    """Whether a pattern applies to ``verb``: the verbs its comment names, when it names some of the block's.

    PETRARCH applies a block's patterns to all its verbs; the comment names the verb the pattern was written for
    ("- * FLAG [141] # BURN"). Blocks join loose synonyms (SAY with ANNOUNCE, EXPRESS and REPORT), so with
    ``PATTERN_SCOPE`` "origin" a pattern keeps to the verbs it was written for, and to all when it names none.
    """
    if PATTERN_SCOPE == "block":
        return True
    names = [_names(word) for word in re.split(r"[\s,]+", comment.upper()) if word]
    named = [n for n in names if n is not None and any(_is(v, n) for v in block.verbs)]
    return not named or any(_is(verb, n) for n in named)


def _names(word: str) -> tuple[str, str | None] | None:
    parts = word.lower().split("_")
    if len(parts) == 1 and _WORD.match(parts[0]):
        return parts[0], None
    if len(parts) == 2 and _WORD.match(parts[0]):
        return parts[0], parts[1]
    return None


def _is(verb: Verb, name: tuple[str, str | None]) -> bool:
    word, particle = name
    return particle == verb.particle and word in inflections(verb.lemma, "verb", verb.forms)


def _merge(conditions: list[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """Conditions without repeats; two different particles ("call off" + "(FOR)") are kept as two conditions."""
    seen: dict[tuple[str, tuple[str, ...]], None] = {}
    for cond in conditions:
        seen[cond] = None
    return tuple(seen)


def resolve(found: Iterable[Entry]) -> tuple[list[Entry], int]:
    """One entry per (verb, conditions); those coded to two categories are dropped (returned: their count)."""
    by_key: dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], list[Entry]] = defaultdict(list)
    for entry in found:
        by_key[(entry.lemma, entry.conditions)].append(entry)
    kept: list[Entry] = []
    dropped = 0
    for (lemma, conditions), group in by_key.items():
        categories = {e.category for e in group}
        if len(categories) > 1:
            dropped += 1
            continue
        forms = frozenset(f for e in group for f in e.forms)
        codes = sorted({e.cameo for e in group})
        modes = {MODES.get(c) or MODES.get(c[:3]) for c in codes}
        mode = modes.pop() if len(modes) == 1 else None  # one mode for all its codes, or none
        kept.append(Entry(group[0].category, lemma, conditions, forms, "|".join(codes), mode))
    order = {c: i for i, c in enumerate((*CATEGORIES, NONE))}
    kept.sort(key=lambda e: (order[e.category], e.lemma, e.conditions))
    return kept, dropped


def render(kept: list[Entry], dropped: int, commit: str) -> str:
    lines = [
        "# Fallback trigger lexicon derived from the CAMEO verb-pattern dictionary of PETRARCH-2.",
        f"# Source: {SOURCE} (commit {commit}).",
        "# Generated by `python -m streams.nlp.cameo_lexicon SRC`: edit the converter, not this file; add or",
        "# override entries in triggers.tsv or a rules folder's lexicon/triggers*.tsv (hand-written entries win).",
        FALLBACK_HEADER,
        "# Columns as in triggers.tsv, plus the verb's irregular forms and the CAMEO code(s) the entry came from.",
        f"# {len(kept)} entries; {dropped} (verb, conditions) pairs coded to two categories were left out.",
        "#",
        *(f"# {line}".rstrip() for line in LICENCE.splitlines()),
        "category\tpos\tlemma\tconditions\tmode\tforms\tcameo",
        *(e.row() for e in kept),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="CAMEO.2.0.txt from openeventdata/petrarch2")
    parser.add_argument("--commit", default="676801cd9cb2924bbbad09f86d15c9323e7097bf", help="source commit")
    args = parser.parse_args(argv)
    text = args.source.read_text(encoding="utf-8", errors="replace")
    kept, dropped = resolve(entries(parse(text.splitlines())))
    sys.stdout.write(render(kept, dropped, args.commit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
