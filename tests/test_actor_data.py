"""Checks of the hand-written actor knowledge files: countries, organisations, sectors.

The loader (``accord.actors.knowledge``) validates what it needs to run; these tests
check the data itself: complete ISO coverage, code patterns, no phrase that stands for
two different actors, and spot facts an analyst would expect.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "accord" / "resources" / "actors"

COUNTRY_COLUMNS = ["iso3", "iso2", "name", "aliases", "demonyms", "capital", "government_seats", "cities"]
ORGANISATION_COLUMNS = ["name", "aliases", "code", "kind", "country"]
SECTOR_COLUMNS = ["term", "sector", "kind", "priority"]
COUNTRY_KEY_COLUMNS = ("name", "aliases", "demonyms", "capital", "government_seats", "cities")

#: sector codes the files may use (README: "Sector codes")
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "CRM", "CVL", "BUS", "MED", "JRN",
           "REF", "REL", "EDU", "LAB", "SPY", "HLH", "AGR", "NGO", "HRI", "ENV"}
#: first parts of a code that are not a state or region: international bodies and groups
TRANSNATIONAL = {"IGO", "NGO", "IMG"}
ORGANISATION_KINDS = {"igo", "ngo", "media", "party", "armed_group", "government_body", "military_body",
                      "company", "religious"}
#: states outside ISO 3166-1 that news reports treat as countries
NON_ISO_STATES = {"KSV"}
#: short names and demonyms two countries share; the file gives them to the country
#: news means far more often (README: "Shared names"), so the other has none
SHARED_NAME_OWNERS = {"COG": ("Congo", "COD"), "DMA": ("Dominican", "DOM")}
#: official ISO entries without a demonym in use
WITHOUT_DEMONYM = {"BES"}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (ACTORS / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def items(value: str) -> list[str]:
    return value.split("|") if value else []


def fold(text: str) -> str:
    """The form phrases are compared in: accents removed, lowercase, words only, a
    leading "the" dropped (the loader also indexes "the Kremlin" as "Kremlin")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", plain.lower())
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


COUNTRY_HEADER, COUNTRIES = read("countries.csv")
ORGANISATION_HEADER, ORGANISATIONS = read("organisations.csv")
SECTOR_HEADER, SECTOR_TERMS = read("sectors.csv")
BY_ISO3 = {row["iso3"]: row for row in COUNTRIES}
REGIONS = {row["iso3"] for row in COUNTRIES if not row["iso2"]}


@lru_cache(maxsize=None)
def country_keys() -> dict[str, set[tuple[str, str]]]:
    """Folded phrase -> {(iso3, column)} over every phrase column of countries.csv."""
    keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in COUNTRIES:
        for column in COUNTRY_KEY_COLUMNS:
            for phrase in items(row[column]):
                keys[fold(phrase)].add((row["iso3"], column))
    return keys


@lru_cache(maxsize=None)
def organisation_keys() -> dict[str, set[str]]:
    """Folded name or alias -> {organisation names}."""
    keys: dict[str, set[str]] = defaultdict(set)
    for row in ORGANISATIONS:
        for phrase in [row["name"], *items(row["aliases"])]:
            keys[fold(phrase)].add(row["name"])
    return keys


# --------------------------------------------------------------------------- all files

@pytest.mark.parametrize("header,expected", [
    (COUNTRY_HEADER, COUNTRY_COLUMNS),
    (ORGANISATION_HEADER, ORGANISATION_COLUMNS),
    (SECTOR_HEADER, SECTOR_COLUMNS),
], ids=["countries", "organisations", "sectors"])
def test_headers(header, expected):
    assert header == expected


@pytest.mark.parametrize("rows,columns", [
    (COUNTRIES, COUNTRY_KEY_COLUMNS),
    (ORGANISATIONS, ("name", "aliases")),
    (SECTOR_TERMS, ("term",)),
], ids=["countries", "organisations", "sectors"])
def test_phrases_are_clean(rows, columns):
    """No empty list item, stray space, repeated item or phrase without a letter."""
    for row in rows:
        for column in columns:
            phrases = items(row[column])
            assert len(phrases) == len(set(phrases)), (row, column)
            for phrase in phrases:
                assert phrase == phrase.strip() and phrase, (row, column)
                assert "  " not in phrase, (row, column)
                assert re.search(r"[a-z]", fold(phrase)), (row, column, phrase)


@pytest.mark.parametrize("rows,groups", [
    (COUNTRIES, (("name", "aliases"), ("demonyms",), ("capital",), ("government_seats",), ("cities",))),
    (ORGANISATIONS, (("name", "aliases"),)),
], ids=["countries", "organisations"])
def test_no_phrase_repeats_within_a_row(rows, groups):
    """Spellings that differ only in accents or punctuation are one phrase to the
    loader; only a change of letter case may repeat it ("NATO" and "Nato": an acronym
    is matched in capitals only)."""
    for row in rows:
        for columns in groups:
            phrases = [p for column in columns for p in items(row[column])]
            seen: dict[str, set[str]] = defaultdict(set)
            for phrase in phrases:
                seen[fold(phrase)].add(unicodedata.normalize("NFKD", phrase).casefold())
            repeated = {key: forms for key, forms in seen.items() if len(forms) > 1}
            assert repeated == {}, (row, columns)


# --------------------------------------------------------------------------- countries

def test_every_iso_country_is_present_with_its_alpha2():
    for country in pycountry.countries:
        assert country.alpha_3 in BY_ISO3, country.name
        assert BY_ISO3[country.alpha_3]["iso2"] == country.alpha_2


def test_every_row_is_an_iso_country_a_listed_state_or_a_region():
    iso = {country.alpha_3 for country in pycountry.countries}
    assert len(BY_ISO3) == len(COUNTRIES), "an iso3 code appears twice"
    for row in COUNTRIES:
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]) and re.fullmatch(r"([A-Z]{2})?", row["iso2"])
        assert row["name"]
        if row["iso3"] not in iso:
            assert row["iso3"] in NON_ISO_STATES or row["iso3"] in REGIONS, row["iso3"]


def test_regions_are_marked_by_an_empty_iso2_and_have_no_places():
    assert {"EUR", "AFR", "ASA", "MEA", "LAM", "WST"} <= REGIONS
    iso = {country.alpha_3 for country in pycountry.countries}
    for code in REGIONS:
        row = BY_ISO3[code]
        assert code not in iso, f"region code {code} is an ISO country code"
        assert not (row["capital"] or row["government_seats"] or row["cities"]), code


def test_common_iso_name_is_known():
    """The short name pycountry gives (when it is not an inverted 'Korea, Republic of')
    is the row's name or one of its aliases."""
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        if "," in name or "(" in name or country.alpha_3 in SHARED_NAME_OWNERS:
            continue
        row = BY_ISO3[country.alpha_3]
        assert fold(name) in {fold(p) for p in [row["name"], *items(row["aliases"])]}, name


def test_sovereign_looking_rows_have_demonyms_and_capitals():
    """Every UN member state (a name pycountry marks with an official name) has a
    demonym; all but a few have a capital."""
    missing_demonym = [c.alpha_3 for c in pycountry.countries
                       if getattr(c, "official_name", None) and not BY_ISO3[c.alpha_3]["demonyms"]]
    assert set(missing_demonym) == WITHOUT_DEMONYM | {"COG", "DMA"}
    capitals = sum(1 for row in COUNTRIES if row["iso2"] and row["capital"])
    assert capitals >= 225


@pytest.mark.parametrize("loser,phrase,owner", [(k, *v) for k, v in SHARED_NAME_OWNERS.items()])
def test_shared_names_go_to_one_country(loser, phrase, owner):
    found = {iso for iso, _ in country_keys().get(fold(phrase), set())}
    assert found == {owner}
    assert fold(phrase) not in {fold(p) for column in COUNTRY_KEY_COLUMNS for p in items(BY_ISO3[loser][column])}


def test_no_phrase_names_two_countries():
    clashes = {key: places for key, places in country_keys().items() if len({iso for iso, _ in places}) > 1}
    assert clashes == {}


def test_large_countries_have_cities():
    for code in ("USA", "MEX", "CHN", "RUS", "IND", "BRA", "IRQ", "SYR", "NGA", "COL", "UKR", "AFG", "PAK", "TUR"):
        assert 3 <= len(items(BY_ISO3[code]["cities"])), code


def skeleton_tool():
    spec = importlib.util.spec_from_file_location("country_skeleton", ROOT / "tools" / "country_skeleton.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_skeleton_tool_finds_the_file_in_step_with_pycountry():
    tool = skeleton_tool()
    merged, changes = tool.merge(COUNTRIES, tool.iso_skeleton())
    assert changes == []
    assert merged == COUNTRIES


def test_skeleton_tool_restores_a_lost_country_and_keeps_hand_columns():
    tool = skeleton_tool()
    damaged = [row for row in COUNTRIES if row["iso3"] != "FRA"]
    merged, changes = tool.merge(damaged, tool.iso_skeleton())
    assert changes == ["added FRA France (fill in its hand-written columns)"]
    restored = {row["iso3"]: row for row in merged}
    assert restored["FRA"]["iso2"] == "FR" and restored["FRA"]["capital"] == ""
    assert restored["MEX"] == BY_ISO3["MEX"]


def country_of(phrase: str, column: str) -> set[str]:
    return {iso for iso, col in country_keys().get(fold(phrase), set()) if col == column}


@pytest.mark.parametrize("phrase,code", [
    ("Mexican", "MEX"), ("Mexicans", "MEX"), ("Burundian", "BDI"), ("Hungarian", "HUN"), ("Romanian", "ROU"),
    ("Pakistani", "PAK"), ("Filipino", "PHL"), ("Philippine", "PHL"), ("Dutch", "NLD"), ("Emirati", "ARE"),
    ("Israeli", "ISR"), ("Palestinians", "PSE"), ("American", "USA"), ("British", "GBR"), ("Ivorian", "CIV"),
    ("Congolese", "COD"), ("Kosovar", "KSV"), ("Burmese", "MMR"), ("Sri Lankan", "LKA"), ("Sierra Leonean", "SLE"),
])
def test_demonyms(phrase, code):
    assert country_of(phrase, "demonyms") == {code}


@pytest.mark.parametrize("phrase,code", [
    ("Washington", "USA"), ("Beijing", "CHN"), ("Moscow", "RUS"), ("Mexico City", "MEX"), ("Kyiv", "UKR"),
    ("Kiev", "UKR"), ("Baghdad", "IRQ"), ("Tokyo", "JPN"), ("Baku", "AZE"), ("Algiers", "DZA"), ("Monrovia", "LBR"),
    ("Pristina", "KSV"), ("Ramallah", "PSE"), ("Juba", "SSD"),
])
def test_capitals(phrase, code):
    assert country_of(phrase, "capital") == {code}


@pytest.mark.parametrize("phrase,code", [
    ("White House", "USA"), ("Kremlin", "RUS"), ("Downing Street", "GBR"), ("Elysee", "FRA"), ("Élysée", "FRA"),
    ("Zhongnanhai", "CHN"), ("Los Pinos", "MEX"), ("Palacio Nacional", "MEX"), ("Blue House", "KOR"),
    ("Quai d'Orsay", "FRA"), ("Foggy Bottom", "USA"), ("Casa Rosada", "ARG"), ("Miraflores", "VEN"),
])
def test_government_seats(phrase, code):
    assert country_of(phrase, "government_seats") == {code}


@pytest.mark.parametrize("phrase,code", [
    ("United States", "USA"), ("U.S.", "USA"), ("US", "USA"), ("America", "USA"), ("Britain", "GBR"), ("UK", "GBR"),
    ("Great Britain", "GBR"), ("South Korea", "KOR"), ("ROK", "KOR"), ("North Korea", "PRK"), ("DPRK", "PRK"),
    ("Democratic People's Republic of Korea", "PRK"), ("Russia", "RUS"), ("Russian Federation", "RUS"),
    ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Burma", "MMR"), ("Czechia", "CZE"),
    ("Emirates", "ARE"), ("PRC", "CHN"), ("East Timor", "TLS"), ("Bosnia", "BIH"), ("Macedonia", "MKD"),
    ("Türkiye", "TUR"), ("Taiwan", "TWN"), ("Kosovo", "KSV"), ("West Bank", "PSE"),
])
def test_country_names_and_aliases(phrase, code):
    found = country_of(phrase, "name") | country_of(phrase, "aliases") | country_of(phrase, "cities")
    assert found == {code}


@pytest.mark.parametrize("phrase,code", [
    ("Kirkuk", "IRQ"), ("Mosul", "IRQ"), ("Basra", "IRQ"), ("Tijuana", "MEX"), ("Ciudad Juarez", "MEX"),
    ("Ciudad Juárez", "MEX"), ("Monterrey", "MEX"), ("Sinaloa", "MEX"), ("Chihuahua", "MEX"), ("Darfur", "SDN"),
    ("Samarra", "IRQ"), ("Tel Aviv", "ISR"), ("Gaza", "PSE"), ("Chechnya", "RUS"), ("Cizre", "TUR"),
])
def test_cities(phrase, code):
    assert country_of(phrase, "cities") == {code}


# --------------------------------------------------------------------------- organisations

def test_enough_organisations_of_every_kind():
    assert len(ORGANISATIONS) >= 300
    kinds = {row["kind"] for row in ORGANISATIONS}
    assert kinds == ORGANISATION_KINDS


def test_organisation_codes_follow_the_scheme():
    """Codes are 3-letter parts: a country part (ISO alpha-3, a listed state, a region,
    IGO, NGO or IMG); after a state or region only sector codes follow."""
    for row in ORGANISATIONS:
        code = row["code"]
        assert re.fullmatch(r"(?:[A-Z]{3})+", code), row
        parts = [code[i:i + 3] for i in range(0, len(code), 3)]
        assert row["kind"] in ORGANISATION_KINDS, row
        if parts[0] == "IGO":
            assert row["country"] == "", row
            continue
        if parts[0] in TRANSNATIONAL:
            assert not row["country"] or row["country"] in BY_ISO3, row
            continue
        assert parts[0] in BY_ISO3, row
        assert row["country"] == parts[0], row
        assert set(parts[1:]) <= SECTORS and parts[1:], row


@pytest.mark.parametrize("kind,first,sector", [
    ("igo", "IGO", None), ("ngo", "NGO", None), ("media", None, "MED"), ("party", None, {"PTY", "OPP"}),
    ("company", None, "BUS"), ("religious", None, "REL"),
])
def test_kinds_match_their_codes(kind, first, sector):
    for row in ORGANISATIONS:
        if row["kind"] != kind:
            continue
        if first:
            assert row["code"].startswith(first), row
        if sector:
            assert row["code"][3:6] in ({sector} if isinstance(sector, str) else sector), row


def test_no_phrase_names_two_organisations():
    clashes = {key: names for key, names in organisation_keys().items() if len(names) > 1}
    assert clashes == {}


def test_organisation_phrases_are_not_country_phrases():
    countries = country_keys()
    assert [key for key in organisation_keys() if key in countries] == []


def organisation_code(phrase: str) -> set[str]:
    codes = {row["name"]: row["code"] for row in ORGANISATIONS}
    return {codes[name] for name in organisation_keys().get(fold(phrase), set())}


@pytest.mark.parametrize("phrase,code", [
    ("La Jornada", "MEXMED"), ("BBC", "GBRMED"), ("The New York Times", "USAMED"), ("New York Times", "USAMED"),
    ("Washington Post", "USAMED"), ("CNN", "USAMED"), ("Associated Press", "USAMED"), ("Reuters", "GBRMED"),
    ("Al Jazeera", "QATMED"), ("AFP", "FRAMED"), ("Xinhua", "CHNMED"), ("TASS", "RUSMED"), ("Reforma", "MEXMED"),
    ("Proceso", "MEXMED"), ("La Prensa", "NICMED"),
    ("InSight Crime", "NGO"), ("Amnesty International", "NGOHRI"), ("Human Rights Watch", "NGOHRI"),
    ("United Nations", "IGOUNO"), ("U.N. Security Council", "IGOUNO"), ("NATO", "IGOWSTNAT"),
    ("European Union", "IGOEUREEC"), ("European Community", "IGOEUREEC"), ("African Union", "IGOAFRAFU"),
    ("Arab League", "IGOMEAARL"), ("International Labor Office", "IGOUNOILO"), ("OSCE", "IGOEURSCE"),
    ("U.S. Department of Homeland Security", "USAGOV"), ("State Department", "USAGOV"), ("Pentagon", "USAMIL"),
    ("U.S. Southern Command", "USAMIL"), ("SOUTHCOM", "USAMIL"), ("Border Patrol", "USACOP"), ("ICE", "USACOP"),
    ("SEDENA", "MEXMIL"), ("Mexican Congress", "MEXLEG"), ("FSB", "RUSSPY"),
    # words many countries use name no one organisation: they are sector nouns
    ("Congress", set()), ("Senate", set()), ("Supreme Court", set()),
    ("Republican Party", "USAPTY"), ("PRI", "MEXPTY"), ("Morena", "MEXPTY"),
    ("Sinaloa Cartel", "MEXCRM"), ("Islamic State", "IMGMUSISI"), ("ISIS", "IMGMUSISI"), ("al-Qaeda", "IMGMUSALQ"),
    ("Taliban", "AFGINS"), ("Hamas", "PSEREB"), ("Hezbollah", "LBNREB"), ("Kurdistan Workers' Party", "TURREB"),
    ("Pemex", "MEXBUS"), ("Kenya Anti-Corruption Commision", "KENGOV"), ("PLO", "PSEGOV"),
])
def test_organisation_codes(phrase, code):
    assert organisation_code(phrase) == ({code} if isinstance(code, str) else code)


# --------------------------------------------------------------------------- sectors

SECTOR_BY_TERM = {fold(row["term"]): row for row in SECTOR_TERMS}


def test_sector_rows_are_valid_and_unique():
    assert len(SECTOR_TERMS) >= 250
    assert len(SECTOR_BY_TERM) == len(SECTOR_TERMS), "a term appears twice"
    for row in SECTOR_TERMS:
        assert row["sector"] in SECTORS, row
        assert row["kind"] in ("title", "noun"), row
        assert re.fullmatch(r"[1-9][0-9]*", row["priority"]), row


def test_longer_terms_outrank_the_terms_inside_them():
    """'opposition spokesman' outranks 'spokesman', 'rights activist' outranks 'activist'."""
    for outer in SECTOR_TERMS:
        words = fold(outer["term"]).split()
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                inner = SECTOR_BY_TERM.get(" ".join(words[start:start + size]))
                if inner is not None:
                    assert int(outer["priority"]) > int(inner["priority"]), (outer, inner)


def test_sector_terms_are_not_names():
    names = set(country_keys()) | set(organisation_keys())
    assert [term for term in SECTOR_BY_TERM if term in names] == []


@pytest.mark.parametrize("term,sector,kind", [
    ("police", "COP", "noun"), ("policemen", "COP", "noun"), ("police officers", "COP", "noun"),
    ("security forces", "COP", "noun"), ("army", "MIL", "noun"), ("troops", "MIL", "noun"), ("soldiers", "MIL", "noun"),
    ("rebels", "REB", "noun"), ("insurgents", "REB", "noun"), ("militants", "REB", "noun"),
    ("militiamen", "REB", "noun"), ("guerrillas", "REB", "noun"), ("protesters", "OPP", "noun"),
    ("demonstrators", "OPP", "noun"), ("activists", "OPP", "noun"), ("officials", "GOV", "noun"),
    ("government", "GOV", "noun"), ("lawmakers", "LEG", "noun"), ("parliament", "LEG", "noun"),
    ("congressional representatives", "LEG", "noun"), ("court", "JUD", "noun"), ("judges", "JUD", "title"),
    ("journalists", "JRN", "noun"), ("reporters", "JRN", "noun"), ("newspaper", "MED", "noun"),
    ("broadcaster", "MED", "noun"), ("refugees", "REF", "noun"), ("migrants", "CVL", "noun"),
    ("businessmen", "BUS", "noun"), ("students", "EDU", "noun"), ("workers", "LAB", "noun"), ("unions", "LAB", "noun"),
    ("clerics", "REL", "noun"), ("church", "REL", "noun"), ("opposition", "OPP", "noun"), ("party", "PTY", "noun"),
    ("spies", "SPY", "noun"), ("intelligence agency", "SPY", "noun"), ("criminals", "CRM", "noun"),
    ("cartel", "CRM", "noun"), ("smugglers", "CRM", "noun"), ("gang", "CRM", "noun"), ("civilians", "CVL", "noun"),
    ("residents", "CVL", "noun"), ("villagers", "CVL", "noun"), ("people", "CVL", "noun"),
    ("hospital", "HLH", "noun"), ("doctors", "HLH", "noun"), ("diplomats", "GOV", "noun"), ("embassy", "GOV", "noun"),
    ("human rights group", "NGO", "noun"), ("landowners", "AGR", "noun"),
    ("president", "GOV", "title"), ("prime minister", "GOV", "title"), ("foreign minister", "GOV", "title"),
    ("secretary of state", "GOV", "title"), ("secretary", "GOV", "title"), ("minister", "GOV", "title"),
    ("ambassador", "GOV", "title"), ("general", "MIL", "title"), ("senator", "LEG", "title"),
    ("governor", "GOV", "title"), ("mayor", "GOV", "title"), ("judge", "JUD", "title"), ("spokesman", "GOV", "title"),
    ("foreign affairs secretary", "GOV", "title"), ("secretary of homeland security", "GOV", "title"),
])
def test_sector_terms(term, sector, kind):
    row = SECTOR_BY_TERM[fold(term)]
    assert (row["sector"], row["kind"]) == (sector, kind)


@pytest.mark.parametrize("phrase_terms,winner", [
    (("opposition", "spokesman"), "OPP"), (("police", "spokesman"), "COP"), (("rebel", "leader"), "REB"),
    (("party", "leader"), "PTY"), (("military", "officials"), "MIL"), (("student", "protesters"), "OPP"),
])
def test_priority_picks_the_more_specific_group(phrase_terms, winner):
    rows = [SECTOR_BY_TERM[fold(term)] for term in phrase_terms]
    assert max(rows, key=lambda row: int(row["priority"]))["sector"] == winner
