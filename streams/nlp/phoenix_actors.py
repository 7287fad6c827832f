"""Derive actor tables from petrarch2's Phoenix dictionaries (openeventdata/petrarch2, MIT).

``python -m streams.nlp.phoenix_actors DICT_DIR OUT_DIR`` reads ``Phoenix.Countries.actors.txt``,
``Phoenix.International.actors.txt``, ``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt`` from DICT_DIR
and writes, in the formats ``actors.py`` already reads:

- ``people-phoenix.yaml``: people (entries whose codes carry dates: office holders), alias -> country and sector;
- ``metonyms-phoenix.yaml``: organisations, agencies and armed groups that stand for a country (or for no country:
  international militant groups, NGOs) and a sector;
- ``igos-phoenix.yaml``: international organisations and their officials (code IGO, name kept);
- ``roles-phoenix.yaml``: agent words ("insurgent groups", "hackers") -> sector.

Phoenix entries: a headword line, ``+alias`` lines, and ``[CODE date-range]`` items (on the headword line or on
indented lines). A CAMEO code is a country (3 letters) or a pseudo-country (IGO, NGO, IMG, MNC) followed by sector
groups of 3 letters: ``IRQMILREB``. Of an entry's codes the one in force on the reference date wins (the latest
starting one if several are), else the undated default ("[AFGELI]": elites, former leaders); an entry whose
offices have all ended and that has no default is left out.

Kept out: country-level entries (bare country codes: ``countries.tsv`` is the country table), multinational
companies (MNC), regions and historical states, codes of countries our table lacks; aliases that a hand table
(any non-``-phoenix`` file) already has, in any case; aliases two derived entries give different countries;
single-word aliases that are common English words (``common_words``) unless they are an entry's acronym, which
is then written in capitals so that it only matches in capitals ("ICE", never "ice"); single-word aliases that are
also part of another country's names (given names, common surnames).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from streams.nlp.data import CAMEO_COUNTRY_CODES, PACKAGED_DATA, read_tsv, read_yaml, split_list

logger = logging.getLogger(__name__)

SOURCE = "openeventdata/petrarch2, petrarch2/data/dictionaries/"
LICENCE = """\
# The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
# documentation files (the "Software"), to deal in the Software without restriction, including without limitation
# the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
# to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above
# copyright notice and this permission notice shall be included in all copies or substantial portions of the
# Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
# LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT
# SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
# OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
"""
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt")
AGENTS_FILE = "Phoenix.agents.txt"
NAMES = PACKAGED_DATA / "actors" / "names-phoenix.txt"  # WordNet words that are names in the news
SKIPPED_AGENTS = PACKAGED_DATA / "actors" / "agents-skip-phoenix.txt"

# CAMEO sector -> ours (roles.yaml's header lists ours). None: the code says who, not which part (ELI: elites and
# former office holders). Religious groups are civilians here; what matters more is the country.
SECTORS: dict[str, str | None] = {
    **{
        s: s
        for s in (
            "GOV",
            "MIL",
            "REB",
            "OPP",
            "PTY",
            "COP",
            "JUD",
            "LEG",
            "SPY",
            "MED",
            "BUS",
            "EDU",
            "CVL",
            "REF",
            "HLH",
            "NGO",
            "LAB",
            "CRM",
            "DIP",
        )
    },  # fmt: skip
    "UAF": "REB",  # unaffiliated armed forces: gunmen, militias outside the state
    "RAD": "OPP",
    "AGR": "CVL",
    "HRI": "NGO",
    "ENV": "NGO",
    "DEV": "GOV",
    "MOD": "GOV",
    "PPL": "CVL",
    **{s: "CVL" for s in ("REL", "MUS", "CHR", "JEW", "HIN", "BUD", "SHI", "SUN", "CTH", "ORT", "PRO")},
    "ELI": None,
}
CONNECTORS = {"of", "the", "and", "for", "to", "at", "by", "with", "from",
              "de", "del", "la", "al", "el", "ad", "as", "ash", "an", "in", "on", "y",
              "des", "du", "da", "van", "von", "bin", "ibn", "le", "li", "fi", "wa"}  # fmt: skip
ALIAS_CHARS = re.compile(r"^[\w .'&/-]+$")
CODE_ITEM = re.compile(r"\[([^\]]*)\]")
PARENS = re.compile(r"\(([^)]*)\)")


class PhoenixError(ValueError):
    """A dictionary line this converter cannot read."""


@dataclass(frozen=True)
class Coded:
    """One ``[CODE range]`` item; a missing bound is open."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class DictEntry:
    """A headword with its aliases (as written, underscores kept) and coded items."""

    head: str
    aliases: list[str] = field(default_factory=list)
    codes: list[Coded] = field(default_factory=list)
    line: int = 0


@dataclass(frozen=True)
class Actor:
    """What a derived entry says: ``kind`` is "person", "group" or "igo"; code None for groups of no country."""

    kind: str
    code: str | None
    sector: str | None
    name: str


# ---- reading -------------------------------------------------------------------------------------------------
def parse_date(text: str) -> date:
    """``YYYYMMDD`` or ``YYMMDD`` (years 00-29 are this century, as in CAMEO's CountryInfo)."""
    if len(text) == 8 and text.isdigit():
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    if len(text) == 6 and text.isdigit():
        yy = int(text[:2])
        return date((2000 if yy < 30 else 1900) + yy, int(text[2:4]), int(text[4:]))
    raise PhoenixError(f"unreadable date {text!r}")


def parse_code(item: str) -> Coded:
    """The inside of one ``[...]``: ``AFGGOV``, ``AFGGOV >011222``, ``AFGGOV <900823``, ``AFGGOV 011222-050101``."""
    parts = item.split(None, 1)
    if not parts:
        raise PhoenixError("empty code")
    code, period = parts[0], "".join(parts[1:]).replace(" ", "")
    if not period:
        return Coded(code)
    if period.startswith(">"):
        return Coded(code, start=parse_date(period[1:]))
    if period.startswith("<"):
        return Coded(code, end=parse_date(period[1:]))
    if "-" in period:
        first, last = period.split("-", 1)
        return Coded(code, start=parse_date(first), end=parse_date(last))
    raise PhoenixError(f"unreadable date range {period!r}")


def _codes(text: str) -> list[Coded]:
    found: list[Coded] = []
    for item in CODE_ITEM.findall(text):
        try:
            found.append(parse_code(item))
        except (PhoenixError, ValueError):
            continue  # one bad date (a 7-digit typo) loses that item, not the entry
    return found


def parse_actors(lines: Iterable[str]) -> list[DictEntry]:
    """Entries of a Phoenix ``.actors`` file."""
    entries: list[DictEntry] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        text, _, rest = line.partition("[")
        rest = "[" + rest if rest else ""
        if line[0].isspace():
            if entries:
                entries[-1].codes.extend(_codes(line))
        elif line.startswith("+"):
            if entries:
                entries[-1].aliases.append(text[1:].strip())
                entries[-1].codes.extend(_codes(rest))
        else:
            entries.append(DictEntry(head=text.strip(), codes=_codes(rest), line=number))
    return entries


def parse_agents(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(phrase, code) pairs of the agents file, macros (``!PERSON!``) and explicit plurals (``{...}``) expanded."""
    macros: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        codes = CODE_ITEM.findall(line)
        if not codes:
            continue
        text = line.split("[", 1)[0]
        plurals = re.findall(r"\{([^}]*)\}", text)
        text = re.sub(r"\{[^}]*\}", "", text).strip()
        for phrase in [text, *[p for p in plurals if p.strip()]]:
            for expanded in _expand_macros(phrase, macros):
                pairs.append((expanded, codes[0].strip()))
    return pairs


def _expand_macros(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if match is None:
        return [phrase]
    words = macros.get(match.group(0))
    if not words:
        return []
    out: list[str] = []
    for word in words:
        out.extend(_expand_macros(phrase[: match.start()] + word + phrase[match.end() :], macros))
    return out


# ---- interpreting ----------------------------------------------------------------------------------------------
def current_code(codes: Sequence[Coded], today: date) -> tuple[Coded, bool] | None:
    """The code in force on ``today`` and whether it is (False: the latest one, expired)."""
    valid = [c for c in codes if c.dated and (c.start or date.min) <= today <= (c.end or date.max)]
    if valid:
        return max(valid, key=lambda c: c.start or date.min), True
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[-1], True
    past = [c for c in codes if c.end is not None and c.end < today]
    if past:
        return max(past, key=lambda c: c.end or date.min), False
    return None


def interpret(code: str, countries: set[str]) -> tuple[str, str | None, str | None] | None:
    """(kind, country code, sector) of a CAMEO code, or None when our tables cannot express it."""
    prefix, groups = code[:3], [code[i : i + 3] for i in range(3, len(code), 3)]
    first = next((SECTORS[g] for g in groups if g in SECTORS), None)
    if prefix == "IGO":
        return "igo", "IGO", next((SECTORS[g] for g in groups if SECTORS.get(g)), "GOV")
    if prefix == "NGO":
        return "group", None, "NGO"
    if prefix == "IMG":
        return "group", None, "REB"
    country = CAMEO_COUNTRY_CODES.get(prefix, prefix)
    if country not in countries or not groups:
        return None  # regions, companies, historical states, countries we lack, bare country codes
    if groups[0] not in SECTORS:
        return None  # a sub-national or unknown group code ("AFGKAB")
    return "group", country, first


def _alias_forms(raw: str) -> list[str]:
    """A dictionary alias as text: underscores to spaces; parenthesised acronyms become aliases of their own."""
    forms: list[str] = []
    for inner in PARENS.findall(raw):
        inner = inner.strip()
        if inner.replace("-", "").replace("/", "").isalpha() and inner.isupper() and len(inner) <= 6:
            forms.append(inner)
    text = " ".join(PARENS.sub(" ", raw).replace("_", " ").split())
    if text and ALIAS_CHARS.match(text) and any(c.isalpha() for c in text):
        forms.insert(0, text)
    return forms


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", text.lower()) if w and w not in CONNECTORS)


def looks_like_acronym(token: str, siblings: Iterable[str]) -> bool:
    """A short capitalised token that abbreviates another alias of the entry, or has no vowel ("PKK")."""
    letters = token.replace(".", "").replace("-", "").replace("/", "")
    if not letters.isalpha() or len(letters) > 6:
        return False
    if not re.search(r"[aeiou]", letters.lower()) or "." in token:
        return True
    low = letters.lower()
    return any(len(s.split()) > 1 and _initials(s).startswith(low) for s in siblings)


def display(alias: str, *, acronym: bool) -> str:
    """Title case for names ("Ahrar al-Sham"); capitals kept for acronyms and dotted abbreviations."""
    if acronym:
        return alias.upper()
    words = []
    for i, word in enumerate(alias.split()):
        parts = []
        for j, part in enumerate(word.split("-")):
            low = part.lower()
            if "." in part or (len(part) <= 4 and part.isupper() and not re.search(r"[AEIOU]", part)):
                parts.append(part.upper())
            elif (i or j) and low in CONNECTORS:
                parts.append(low)
            else:
                parts.append(low[:1].upper() + low[1:])
        words.append("-".join(parts))
    return " ".join(words)


# ---- hand tables and the stop list ------------------------------------------------------------------------------
def is_derived_table(path: Path) -> bool:
    """A generated actor table (``*-phoenix.*`` here, ``places-geonames.tsv`` by geonames_places), not a hand one."""
    return "-phoenix" in path.name or path.name.startswith("places")


def hand_aliases(actors_dir: Path = PACKAGED_DATA / "actors") -> set[str]:
    """Every alias (lower case) of the hand-written actor tables: the derived files must not redefine them."""
    found: set[str] = set()
    for path in sorted(actors_dir.iterdir()):
        if is_derived_table(path):
            continue
        if path.suffix == ".tsv":
            for _, row in read_tsv(path):
                for cell in row[1:5]:
                    for alias in split_list(cell):
                        found.add(alias.lower())
                        if alias.lower().startswith("the "):
                            found.add(alias[4:].lower())
        elif path.name.startswith("roles") and path.suffix == ".yaml":
            for words in (read_yaml(path) or {}).values():
                for word in words or []:
                    found.update({str(word).lower(), str(word).lower() + "s"})
        elif path.suffix == ".yaml":
            for item in read_yaml(path) or []:
                if isinstance(item, dict):
                    for alias in item.get("aliases") or [item.get("alias")]:
                        if alias:
                            found.add(str(alias).lower())
    return {" ".join(a.split()) for a in found}


def hand_roles(actors_dir: Path = PACKAGED_DATA / "actors") -> dict[str, str]:
    """Role words of the hand tables (lower case, singular as written) and their sectors."""
    roles: dict[str, str] = {}
    for path in sorted(actors_dir.glob("roles*.yaml")):
        if not is_derived_table(path):
            for sector, words in (read_yaml(path) or {}).items():
                roles.update({" ".join(str(w).lower().split()): str(sector) for w in words or []})
    return roles


def contradicts(words: str, sector: str, roles: dict[str, str]) -> bool:
    """Whether a part of ``words`` is a hand role of another sector ("ambassador to" holds "ambassador", DIP):
    as the longer match, the derived phrase would overrule the hand table."""
    tokens = words.split()
    for i in range(len(tokens)):
        for j in range(i + 1, len(tokens) + 1):
            part = tokens[i:j]
            for form in (" ".join(part), " ".join(t.removesuffix("s") for t in part)):
                if roles.get(form, sector) != sector:
                    return True
    return False


def _holds_known(words: str, known: set[str]) -> bool:
    """Whether some run of the words is a known name ("peoples republic of china" holds "china")."""
    tokens = words.split()
    return any(" ".join(tokens[i:j]) in known for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1))


def seen_as_place(name: str) -> bool:
    """Whether spaCy's NER reads ``name`` as a geopolitical place in a plain sentence."""
    from streams.nlp.pipeline import load_model

    doc = load_model()(f"They travelled to {name} last week.")
    return any(ent.text == name and ent.label_ == "GPE" for ent in doc.ents)


def city_names(actors_dir: Path = PACKAGED_DATA / "actors") -> set[str]:
    """Every name (lower case) of the GeoNames city table: a city's country is the one GeoNames gives."""
    path = actors_dir / "places-geonames.tsv"
    if not path.exists():
        return set()
    return {name.lower() for _, row in read_tsv(path) if len(row) > 1 for name in split_list(row[1])}


def hand_countries(actors_dir: Path = PACKAGED_DATA / "actors") -> set[str]:
    """The codes of the country table."""
    tables = sorted(actors_dir.glob("countries*.tsv"))
    return {row[0] for path in tables for _, row in read_tsv(path) if len(row[0]) == 3}


def read_words(path: Path) -> set[str]:
    """One lower-case word or phrase a line; ``#`` lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def common_words(names: Path = NAMES) -> set[str]:
    """Lower-case English words: WordNet's lemma index shipped with the spaCy model and spaCy's stop words, less
    the words of ``names`` (WordNet also lists names: "Mubarak", "Mossad")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from streams.nlp.pipeline import load_model

    lemmatizer: Any = load_model().get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    words = {w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, [])}
    return ({w.replace("_", " ") for w in words} | set(STOP_WORDS)) - read_words(names)


# ---- converting ------------------------------------------------------------------------------------------------
@dataclass
class Tables:
    """Derived entries by kind, and counts of what was left out and why."""

    actors: dict[str, Actor] = field(default_factory=dict)  # display alias -> actor
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    places: dict[str, str] = field(default_factory=dict)  # display name -> country code
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def convert_actors(
    entries: Iterable[DictEntry],
    *,
    today: date,
    countries: set[str],
    hand: set[str],
    common: set[str],
    places: Collection[str] = (),
    is_place: Callable[[str], bool] | None = None,
    tables: Tables | None = None,
) -> Tables:
    """Add the entries' aliases to ``tables`` (or new ones), dropping what our tables cannot say safely; a
    country's own entry gives places (``places``: names the city table already has, left to it)."""
    tables = tables or Tables()
    candidates: list[tuple[str, Actor, list[str]]] = []
    place_names: dict[str, set[str]] = defaultdict(set)  # lower-case name -> countries that list it
    for entry in entries:
        chosen = current_code(entry.codes, today)
        if chosen is None:
            tables.skipped["no usable code"] += 1
            continue
        coded, in_force = chosen
        country = CAMEO_COUNTRY_CODES.get(coded.code, coded.code)
        if country in countries and len(coded.code) == 3:
            # A country's own entry: its aliases are its regions, provinces, cities and landmarks ("Catalonia",
            # "Jammu and Kashmir", "Pattani"), places of it.
            for form in (f for raw in entry.aliases for f in _alias_forms(raw)):
                place_names[form.lower()].add(country)
            tables.skipped["country entry (its aliases are places)"] += 1
            continue
        meaning = interpret(coded.code, countries)
        if meaning is None:
            tables.skipped["code we cannot express"] += 1
            continue
        kind, code, sector = meaning
        if kind == "group" and any(c.dated for c in entry.codes):
            kind = "person"
        if not in_force:
            # A past office holder that Phoenix gives no lasting code (no "[AFGELI]"): mostly ministers of the
            # 2000s, rare in the news now, and the bulk of the dictionary (they slowed loading for no gain).
            tables.skipped["office over, no lasting code"] += 1
            continue
        forms = [f for raw in [entry.head, *entry.aliases] for f in _alias_forms(raw)]
        if not forms:
            tables.skipped["no usable alias"] += 1
            continue
        name = display(forms[0], acronym=False)
        candidates.append((name, Actor(kind, code, sector, name), forms))
    # Words that are part of several countries' names (given names, common surnames) say nobody in particular.
    token_codes: dict[str, set[str | None]] = defaultdict(set)
    for _, actor, forms in candidates:
        for form in forms:
            for token in form.lower().split():
                token_codes[token].add(actor.code)
    by_alias: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
    for _, actor, forms in candidates:
        for form in dict.fromkeys(forms):
            single = len(form.split()) == 1
            acronym = single and looks_like_acronym(form, forms)
            low = form.lower()
            if low in hand:
                tables.skipped["alias in a hand table"] += 1
                continue
            if single and not acronym and (low in common or len(low) < 3):
                tables.skipped["common word"] += 1
                logger.debug("common word left out: %s (%s)", form, actor.name)
                continue
            if single and not acronym and len(token_codes[low]) > 1:
                tables.skipped["name part shared by several countries"] += 1
                continue
            by_alias[low].append((display(form, acronym=acronym), actor))
    for low, found in by_alias.items():
        if len({a.code for _, a in found}) > 1:
            tables.skipped["alias of several countries"] += 1
            continue
        alias, actor = found[0]
        if low in {a.lower() for a in tables.actors}:
            continue
        tables.actors[alias] = actor
    _add_places(tables, place_names, known=hand | set(places) | {a.lower() for a in tables.actors}, common=common,
                is_place=is_place)  # fmt: skip
    return tables


def _add_places(
    tables: Tables,
    names: dict[str, set[str]],
    *,
    known: set[str],
    common: set[str],
    is_place: Callable[[str], bool] | None,
) -> None:
    """Place names of one country each that no hand table or city table already has, and that are not too short
    to say much. A one-word name that is also a common word is kept only where spaCy's NER reads it as a
    geopolitical place in a plain sentence (``is_place``): WordNet lists "Catalonia" and "Tibet", but also
    "South" (CAMEO's alias of South Korea) and "Nation"."""
    for low, countries in sorted(names.items()):
        if len(countries) > 1:
            tables.skipped["place of several countries"] += 1
        elif low in known or any(ch.isdigit() for ch in low) or len(low) < 4:
            tables.skipped["place known or unusable"] += 1
        elif len(low.split()) == 1 and low in common and (is_place is None or not is_place(low.title())):
            tables.skipped["place that is a common word"] += 1
        elif _holds_known(low, known):
            # "Peoples Republic of China", "Western Australia": as the longer match it would hide the country the
            # hand tables name, and a place only counts where the NER sees one.
            tables.skipped["place holding a known name"] += 1
        else:
            tables.places[display(low, acronym=False)] = next(iter(countries))


def convert_agents(
    pairs: Iterable[tuple[str, str]],
    *,
    hand: set[str],
    skip: Collection[str] = (),
    roles: dict[str, str] | None = None,
    tables: Tables | None = None,
) -> Tables:
    """Agent words with a sector we have; ``[IGO~]``-style agents (a code, no sector) and ``skip`` left out."""
    tables = tables or Tables()
    for phrase, code in pairs:
        if not code.startswith("~"):
            tables.skipped["agent with a code"] += 1
            continue
        sector = SECTORS.get(code[1:4])
        words = " ".join(phrase.replace("_", " ").lower().split())
        if sector is None or not words or not ALIAS_CHARS.match(words):
            tables.skipped["agent we cannot express"] += 1
            continue
        if words.split()[-1] in CONNECTORS:
            tables.skipped["agent we cannot express"] += 1  # a fragment ("central jail of")
            continue
        if words in hand:
            tables.skipped["agent in a hand table"] += 1
            continue
        if words in skip:
            tables.skipped["agent on the skip list"] += 1
            continue
        if roles and contradicts(words, sector, roles):
            tables.skipped["agent holding a hand role of another sector"] += 1
            continue
        tables.roles[sector].add(words)
    return tables


# ---- writing ---------------------------------------------------------------------------------------------------
def _header(kind: str, commit: str | None, today: date | None) -> str:
    origin = f"{SOURCE}{', '.join((*ACTOR_FILES, AGENTS_FILE))}" + (f" at commit {commit}" if commit else "")
    when = f"# Codes in force on {today.isoformat()} (--date).\n" if today else ""
    return (
        f"# {kind}, derived from the Phoenix dictionaries of {origin}\n{when}"
        "# by streams/nlp/phoenix_actors.py (regenerate it, do not edit it: put corrections in a hand table, which\n"
        "# the converter keeps out of this file, or in a rules folder's actors/).\n" + LICENCE
    )


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None)


def write_tables(
    tables: Tables, out_dir: Path, *, commit: str | None = None, today: date | None = None
) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    grouped: dict[tuple[str, Actor], list[str]] = defaultdict(list)
    for alias, actor in tables.actors.items():
        grouped[(actor.kind, actor)].append(alias)
    files = {"person": "people-phoenix.yaml", "group": "metonyms-phoenix.yaml", "igo": "igos-phoenix.yaml"}
    titles = {"person": "People", "group": "Organisations and armed groups", "igo": "International organisations"}
    for kind, name in files.items():
        items: list[dict[str, Any]] = []
        for (k, actor), aliases in sorted(grouped.items(), key=lambda x: x[0][1].name):
            if k != kind:
                continue
            if kind == "igo":
                items.append({"name": actor.name, "aliases": sorted(aliases), "sector": actor.sector})
            else:
                # A name only where no country names the actor (NGOs, international militant groups), as in
                # the hand tables: for the others the actor's name is the country's.
                item = {"aliases": sorted(aliases), "code": actor.code, "sector": actor.sector}
                items.append(item if actor.code else {**item, "name": actor.name})
        (out_dir / name).write_text(_header(titles[kind], commit, today) + _dump(items), encoding="utf-8")
        counts[name] = sum(len(i["aliases"]) for i in items)
    places = "".join(f"{code}\t{name}\n" for name, code in sorted(tables.places.items(), key=lambda x: (x[1], x[0])))
    header = _header("Places (regions, provinces, cities, landmarks) -> country", commit, None)
    (out_dir / "places-phoenix.tsv").write_text(header + "# code\tname\n" + places, encoding="utf-8")
    counts["places-phoenix.tsv"] = len(tables.places)
    roles = {sector: sorted(words) for sector, words in sorted(tables.roles.items())}
    (out_dir / "roles-phoenix.yaml").write_text(_header("Agent words", commit, today) + _dump(roles), encoding="utf-8")
    counts["roles-phoenix.yaml"] = sum(len(w) for w in roles.values())
    return counts


def convert(dict_dir: Path, out_dir: Path, *, today: date, commit: str | None = None) -> dict[str, int]:
    """Read the four dictionaries in ``dict_dir`` and write the derived tables to ``out_dir``."""
    hand = hand_aliases()
    countries = hand_countries()
    common = common_words()
    cities = city_names()
    tables = Tables()
    for name in ACTOR_FILES:
        with (dict_dir / name).open(encoding="utf-8", errors="replace") as fh:
            convert_actors(parse_actors(fh), today=today, countries=countries, hand=hand, common=common,
                           places=cities, is_place=seen_as_place, tables=tables)  # fmt: skip
    with (dict_dir / AGENTS_FILE).open(encoding="utf-8", errors="replace") as fh:
        convert_agents(parse_agents(fh), hand=hand, skip=read_words(SKIPPED_AGENTS), roles=hand_roles(), tables=tables)
    counts = write_tables(tables, out_dir, commit=commit, today=today)
    counts.update({f"skipped: {why}": n for why, n in sorted(tables.skipped.items())})
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m streams.nlp.phoenix_actors", description=__doc__.split("\n")[0])
    parser.add_argument("dict_dir", type=Path, help="folder holding the Phoenix dictionaries")
    parser.add_argument("out_dir", type=Path, help="where to write the *-phoenix.yaml files")
    parser.add_argument("--date", type=date.fromisoformat, default=date.today(),
                        help="reference date for choosing each entry's code (default: today)")  # fmt: skip
    parser.add_argument("--commit", help="petrarch2 commit the dictionaries come from (written in the headers)")
    args = parser.parse_args(argv)
    for key, value in convert(args.dict_dir, args.out_dir, today=args.date, commit=args.commit).items():
        sys.stdout.write(f"{key}: {value}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
