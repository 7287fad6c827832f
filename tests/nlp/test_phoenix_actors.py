"""Actor tables derived from Phoenix dictionaries: the converter on hand-written snippets, and sentences whose
actors only the derived tables name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from nlp_helpers import codes, events_of, find

from streams.nlp import Extractor
from streams.nlp.phoenix_actors import (
    Coded,
    convert_actors,
    convert_agents,
    current_code,
    parse_actors,
    parse_agents,
    parse_code,
    write_tables,
)

TODAY = date(2020, 1, 1)
COUNTRIES = {"AFG", "EGY", "LBN", "SYR", "USA", "XKX"}
COUNTRY_FILE = """\
AFGHANISTAN_  [AFG]
+KABUL_
SARDAR_DAUD_  # CountryInfo.txt
\t[AFGELI 19270101-730717]
\t[AFGGOV 730717-780427]
HAMID_KARZAI_  # CountryInfo.txt
+PRESIDENT_KARZAI_
\t[AFGELI 750101-011222]
\t[AFGGOV >011222]
\t[AFGELI]
ABDEL_FATTAH_EL_SISI
+EL_SISI_
\t[EGYMIL 770101-120812]
\t[EGYGOV > 140608]
GENERAL_ADAM_
+ADAM_
\t[AFGMIL]
ROBERT_ADAM_
\t[USAGOV >100101]
KOSOVO_LIBERATION_ARMY_(KLA)_ [KSVREB]
BAD_DATE_MINISTER_
\t[AFGGOV 2004017-20061201]
"""
GROUPS_FILE = """\
HIZBOLLAH_PARTY_ [LBNREB] # kkl 21 Mar 13
+HIZB_ALLAH_
AHRAR_AL_SHAM_ [SYRREBMUS]
+AHRAR_AL-SHAM_
GLOBAL_CONSOLIDATED_OIL_ [MNCUSA]
FUTURE_ [SYRREB]
NILE_LEAGUE_ [IGOAFRNIL]
+NL
"""
AGENTS_FILE = """\
!PERSON! = MAN, WOMAN
INSURGENT_GROUP [~REB]
CATTLE!PERSON! [~AGR]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
TRUCE_MONITOR [IGO~]
SOLDIER [~MIL]
MANDARIN [~ELI]
SPECIAL_AMBASSADOR [~GOV]
AMBASSADOR_TO [~GOV]
"""


def test_date_ranges_are_read() -> None:
    assert parse_code("AFGGOV >011222") == Coded("AFGGOV", start=date(2001, 12, 22))
    assert parse_code("EGYGOV > 140608") == Coded("EGYGOV", start=date(2014, 6, 8))
    assert parse_code("AFGELI 19270101-730717") == Coded("AFGELI", date(1927, 1, 1), date(1973, 7, 17))
    assert parse_code("USRARM <900823") == Coded("USRARM", end=date(1990, 8, 23))


def test_the_code_in_force_wins_then_the_default() -> None:
    codes_ = [Coded("AFGELI"), Coded("AFGGOV", start=date(2001, 12, 22)), Coded("AFGREB", end=date(1990, 1, 1))]
    assert current_code(codes_, TODAY) == (Coded("AFGGOV", start=date(2001, 12, 22)), True)
    assert current_code(codes_, date(1995, 1, 1)) == (Coded("AFGELI"), True)
    assert current_code([Coded("AFGGOV", end=date(1990, 1, 1))], TODAY) == (
        Coded("AFGGOV", end=date(1990, 1, 1)),
        False,
    )


def _actors(
    *texts: str, hand: set[str] = frozenset(), common: set[str] = frozenset()
) -> dict[str, tuple[str | None, str | None, str]]:
    tables = None
    for text in texts:
        tables = convert_actors(
            parse_actors(text.splitlines()),
            today=TODAY,
            countries=COUNTRIES,
            hand=set(hand),
            common=set(common),
            tables=tables,
        )
    assert tables is not None
    return {alias: (a.code, a.sector, a.kind) for alias, a in tables.actors.items()}


def test_actor_entries_convert_with_their_current_code() -> None:
    found = _actors(COUNTRY_FILE, GROUPS_FILE, hand={"hizb allah"}, common={"future"})
    assert found["Hamid Karzai"] == ("AFG", "GOV", "person")  # [AFGGOV >011222] is in force
    assert found["President Karzai"] == ("AFG", "GOV", "person")
    assert found["Abdel Fattah el Sisi"] == ("EGY", "GOV", "person")
    assert found["Ahrar al-Sham"] == ("SYR", "REB", "group")
    assert found["Kosovo Liberation Army"] == ("XKX", "REB", "group")  # CAMEO KSV is ISO XKX
    assert found["KLA"] == ("XKX", "REB", "group")  # a parenthesised acronym, kept in capitals
    assert found["Nile League"] == ("IGO", "GOV", "igo")
    assert found["Hizbollah Party"] == ("LBN", "REB", "group")


def test_what_our_tables_cannot_say_is_left_out() -> None:
    found = {alias.lower() for alias in _actors(COUNTRY_FILE, GROUPS_FILE, hand={"hizb allah"}, common={"future"})}
    assert "afghanistan" not in found and "kabul" not in found  # countries.tsv is the country table
    assert "sardar daud" not in found  # offices over and no lasting code
    assert "global consolidated oil" not in found  # a company: no country
    assert "hizb allah" not in found  # a hand table has it
    assert "future" not in found  # a common word
    assert "adam" not in found  # part of names of two countries' people
    assert "bad date minister" not in found  # its only code has an unreadable date


def test_a_countrys_aliases_become_its_places(tmp_path: Path) -> None:
    countries = """\
AFGHANISTAN_  [AFG]
+AFGHAN_
+HELMAND_
+SOUTH_
+ISLAMIC_REPUBLIC_OF_AFGHANISTAN
+KABUL_
+SHARED_VALLEY_
SYRIA_  [SYR]
+SHARED_VALLEY_
+IDLIB_
"""
    tables = convert_actors(
        parse_actors(countries.splitlines()), today=TODAY, countries=COUNTRIES,
        hand={"afghan", "afghanistan", "syria"}, common={"south"}, places={"idlib"},
        is_place=lambda name: False,
    )  # fmt: skip
    assert tables.places == {"Helmand": "AFG", "Kabul": "AFG"}
    # Left out: a country-name variant holding a hand alias (it would hide the country), a common word the NER
    # does not read as a place ("South", CAMEO's South Korea), a name two countries list, a city GeoNames places.
    write_tables(tables, tmp_path)
    written = (tmp_path / "places-phoenix.tsv").read_text(encoding="utf-8")
    assert "AFG\tHelmand\n" in written and "MIT License" in written


def test_agents_convert_to_roles() -> None:
    tables = convert_agents(
        parse_agents(AGENTS_FILE.splitlines()), hand={"soldier"}, skip={"cattlewoman"}, roles={"ambassador": "DIP"}
    )
    roles = {sector: set(words) for sector, words in tables.roles.items()}
    assert roles["REB"] == {"insurgent group"}
    assert roles["CVL"] == {"cattleman"}  # AGR is civilians here; the skip list drops the other
    assert roles["BUS"] == {"chamber of commerce", "chambers of commerce"}
    assert "truce monitor" not in set().union(*roles.values())  # a code, no sector
    assert "MIL" not in roles  # "soldier" is a hand word
    assert "mandarin" not in set().union(*roles.values())  # ELI has no sector of ours
    # As longer matches these would overrule the hand table's "ambassador" (DIP); "ambassador to" is a fragment.
    assert "GOV" not in roles


def test_written_files_load_as_actor_tables(tmp_path: Path) -> None:
    tables = convert_actors(parse_actors(GROUPS_FILE.splitlines()), today=TODAY, countries=COUNTRIES, hand=set(),
                            common={"future"})  # fmt: skip
    convert_agents(parse_agents(AGENTS_FILE.splitlines()), hand=set(), tables=tables)
    write_tables(tables, tmp_path, commit="0" * 40)
    groups = yaml.safe_load((tmp_path / "metonyms-phoenix.yaml").read_text(encoding="utf-8"))
    assert {"aliases": ["Ahrar al Sham", "Ahrar al-Sham"], "code": "SYR", "sector": "REB"} in groups
    header = (tmp_path / "igos-phoenix.yaml").read_text(encoding="utf-8")
    assert "MIT License" in header and "openeventdata/petrarch2" in header and "0" * 40 in header
    assert yaml.safe_load((tmp_path / "roles-phoenix.yaml").read_text(encoding="utf-8"))["REB"] == ["insurgent group"]


def test_sentences_with_derived_actors(extractor: Extractor) -> None:
    event = find(
        events_of(extractor, "Ahrar al-Sham fighters attacked a Syrian army checkpoint near Aleppo."), "ASSAULT"
    )
    assert codes(event.source) == {"SYR"} and {a.sector for a in event.source} == {"REB"}
    event = find(events_of(extractor, "Nawaz Sharif met Chinese officials in Beijing on Monday."), "CONSULT")
    assert codes(event.source) == {"PAK"}
    event = find(events_of(extractor, "Insurgent groups attacked a police station."), "ASSAULT")
    assert {a.sector for a in event.source} == {"REB"}
    event = find(events_of(extractor, "Kenyan contingents withdrew from Somalia."), "RETREAT")
    assert (codes(event.source), {a.sector for a in event.source}) == ({"KEN"}, {"MIL"})


def test_regions_of_the_derived_place_table_place_their_people(extractor: Extractor) -> None:
    event = find(events_of(extractor, "Police in Catalonia arrested five separatist leaders."), "COERCE")
    assert (codes(event.source), codes(event.target)) == ({"ESP"}, {"ESP"})
    event = find(events_of(extractor, "Gunmen in Balochistan killed six soldiers on Monday."), "ASSAULT")
    assert codes(event.source) == {"PAK"}


def test_common_words_in_names_do_not_become_actors(extractor: Extractor) -> None:
    # "Future" (a Syrian group in Phoenix) and "Olive" are left out: sentence-initial words are capitalised.
    for event in events_of(extractor, "Future talks with Egypt were cancelled after police attacked protesters."):
        assert "SYR" not in codes(event.source) | codes(event.target)
