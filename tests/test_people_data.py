"""Checks on the office-holder table ``accord/resources/actors/people.csv``.

The file is read with the csv module only, so these tests hold whatever the
loader in ``accord.actors.knowledge`` does with it: the format, the dates, the
coverage, and a sample of facts that anyone can verify in public records.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

PEOPLE_CSV = Path(__file__).resolve().parents[1] / "accord" / "resources" / "actors" / "people.csv"
ORGANISATIONS_CSV = PEOPLE_CSV.with_name("organisations.csv")
COUNTRIES_CSV = PEOPLE_CSV.with_name("countries.csv")
#: the sector codes of the actor README
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "CRM", "CVL", "BUS", "MED", "JRN",
           "REF", "REL", "EDU", "LAB", "SPY", "HLH", "AGR", "NGO", "HRI", "ENV"}
HEADER = ["name", "aliases", "code", "role", "start", "end"]
CODE = re.compile(r"^[A-Z]{3}[A-Z]*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: words that are titles, not names; the resolver strips them from the text
TITLE_WORDS = {"president", "king", "queen", "emperor", "prince", "sheikh", "sir", "lord", "baroness",
               "dr", "ayatollah", "mullah", "maulana", "sayyed", "general", "secretary", "minister"}
G20_COUNTRIES = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX",
                 "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]
#: role titles that make someone the head of state or of government
HEAD_ROLES = {"President", "Acting President", "Prime Minister", "Chancellor", "Premier", "King", "Queen",
              "Emperor", "Supreme Leader", "President of the European Commission",
              "President of the European Council"}


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with PEOPLE_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _holds(row: dict[str, str], on: dt.date) -> bool:
    start, end = _date(row["start"]), _date(row["end"])
    return (start is None or start <= on) and (end is None or on <= end)


def _roles_on(rows: list[dict[str, str]], name: str, on: str) -> set[tuple[str, str]]:
    """(code, role) pairs held by ``name`` on ``on``."""
    when = dt.date.fromisoformat(on)
    return {(r["code"], r["role"]) for r in rows if r["name"] == name and _holds(r, when)}


def test_header_is_the_agreed_format():
    with PEOPLE_CSV.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == HEADER


def test_every_row_is_complete(rows):
    for number, row in enumerate(rows, start=2):
        assert None not in row and None not in row.values(), f"line {number} has a wrong number of fields"
        assert row["name"].strip() == row["name"] and row["name"], f"line {number}: name"
        assert row["role"].strip(), f"line {number}: role"


def test_codes_are_cameo_shaped(rows):
    bad = [(r["name"], r["code"]) for r in rows if not CODE.match(r["code"])]
    assert not bad


def test_dates_are_iso_and_ordered(rows):
    for row in rows:
        for column in ("start", "end"):
            if row[column]:
                assert ISO_DATE.match(row[column]), (row["name"], row[column])
                _date(row[column])  # raises on 2017-02-30 and the like
        start, end = _date(row["start"]), _date(row["end"])
        if start and end:
            assert start <= end, (row["name"], row["role"], start, end)


def test_nearly_every_row_has_a_start_date(rows):
    undated = [r["name"] for r in rows if not r["start"]]
    assert len(undated) <= 15, undated


def test_no_person_holds_the_same_role_twice_at_once(rows):
    spans: dict[tuple[str, str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for row in rows:
        start = _date(row["start"]) or dt.date.min
        end = _date(row["end"]) or dt.date.max
        spans[(row["name"], row["code"], row["role"])].append((start, end))
    for key, periods in spans.items():
        periods.sort()
        for (_, first_end), (second_start, _) in zip(periods, periods[1:]):
            # a handover day may be shared; anything longer is a duplicate
            assert second_start >= first_end, key


def test_a_person_keeps_one_alias_list(rows):
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        aliases[row["name"]].add(row["aliases"])
    assert {name: forms for name, forms in aliases.items() if len(forms) > 1} == {}


def test_aliases_carry_no_titles_and_no_repeats(rows):
    for row in rows:
        forms = [a for a in row["aliases"].split("|") if a]
        assert len(forms) == len(set(forms)), row["name"]
        assert row["name"] not in forms, row["name"]
        for form in forms:
            first = re.split(r"[\s.]", form)[0].lower()
            # "Sheikh Hasina" is a name, not a title followed by one
            if not row["name"].lower().startswith(first + " "):
                assert first not in TITLE_WORDS, (row["name"], form)


def test_an_alias_names_one_person_per_day(rows):
    """Two people sharing an alias must not hold office on the same day, or the
    alias could not be resolved by date."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for form in (row["name"], *filter(None, row["aliases"].split("|"))):
            owners[form.lower()].add(row["name"])
    by_name: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_name[row["name"]].append(row)
    clashes = []
    for form, names in owners.items():
        ordered = sorted(names)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1:]:
                for a in by_name[first]:
                    for b in by_name[second]:
                        a_start, a_end = _date(a["start"]) or dt.date.min, _date(a["end"]) or dt.date.max
                        b_start, b_end = _date(b["start"]) or dt.date.min, _date(b["end"]) or dt.date.max
                        if a_start < b_end and b_start < a_end:
                            clashes.append((form, first, second))
    assert not clashes


def test_international_codes_match_the_organisations_table(rows):
    """A head of NATO carries NATO's own code, so people and bodies agree."""
    with ORGANISATIONS_CSV.open(encoding="utf-8", newline="") as handle:
        known = {row["code"] for row in csv.DictReader(handle)}
    unknown = {r["code"] for r in rows if r["code"].startswith(("IGO", "IMG"))} - known
    assert not unknown


def test_state_codes_are_a_known_country_and_one_sector(rows):
    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as handle:
        countries = {row["iso3"] for row in csv.DictReader(handle)}
    for row in rows:
        code = row["code"]
        if code.startswith(("IGO", "IMG", "NGO")):
            continue
        assert code[:3] in countries, (row["name"], code)
        assert code[3:] in SECTORS, (row["name"], code)


def test_coverage_is_broad(rows):
    assert len({r["name"] for r in rows}) >= 500
    assert len({r["code"][:3] for r in rows if not r["code"].startswith("IGO")}) >= 80


@pytest.mark.parametrize("country", G20_COUNTRIES)
def test_every_g20_country_has_a_leader_on_the_seed_date(rows, country):
    on = dt.date(2017, 2, 23)
    leaders = [r["name"] for r in rows
               if r["code"].startswith(country) and r["role"] in HEAD_ROLES and _holds(r, on)]
    assert leaders, country


def test_the_eu_has_leaders_on_the_seed_date(rows):
    on = dt.date(2017, 2, 23)
    leaders = {r["name"] for r in rows
               if r["code"] == "IGOEUREEC" and r["role"] in HEAD_ROLES and _holds(r, on)}
    assert leaders == {"Jean-Claude Juncker", "Donald Tusk"}


#: foreign-affairs offices whose title does not say "Foreign"
FOREIGN_TITLES = {"Secretary of State", "Minister of External Affairs"}


@pytest.mark.parametrize("country", ["USA", "MEX", "GBR", "FRA", "DEU", "RUS", "CHN", "JPN", "IND", "TUR"])
@pytest.mark.parametrize("word", ["Foreign", "Defen"])
def test_big_countries_have_foreign_and_defence_ministers(rows, country, word):
    on = dt.date(2017, 2, 23)
    found = [r for r in rows if r["code"].startswith(country) and _holds(r, on)
             and (word in r["role"] or (word == "Foreign" and r["role"] in FOREIGN_TITLES))]
    assert found, (country, word)


FACTS_HELD = [
    ("John Kelly", "USAGOV", "Secretary of Homeland Security", "2017-02-23"),
    ("John Kelly", "USAGOV", "White House Chief of Staff", "2018-01-01"),
    ("John Kelly", "USAMIL", "Commander of U.S. Southern Command", "2014-06-01"),
    ("Rex Tillerson", "USAGOV", "Secretary of State", "2017-02-23"),
    ("Donald Trump", "USAGOV", "President", "2017-02-23"),
    ("Donald Trump", "USAGOV", "President", "2025-06-01"),
    ("Luis Videgaray", "MEXGOV", "Foreign Affairs Secretary", "2017-02-23"),
    ("Enrique Peña Nieto", "MEXGOV", "President", "2018-11-30"),
    ("Andrés Manuel López Obrador", "MEXGOV", "President", "2018-12-01"),
    ("Miguel Ángel Osorio Chong", "MEXGOV", "Interior Secretary", "2017-02-23"),
    ("Salvador Cienfuegos", "MEXGOV", "Secretary of National Defense", "2017-02-23"),
    ("Jim Mattis", "USAGOV", "Secretary of Defense", "2017-02-23"),
    ("Jeff Sessions", "USAGOV", "Attorney General", "2017-02-23"),
    ("Angela Merkel", "DEUGOV", "Chancellor", "2017-02-23"),
    ("Theresa May", "GBRGOV", "Prime Minister", "2017-02-23"),
    ("Boris Johnson", "GBRGOV", "Foreign Secretary", "2017-02-23"),
    ("François Hollande", "FRAGOV", "President", "2017-02-23"),
    ("Sergey Lavrov", "RUSGOV", "Minister of Foreign Affairs", "2017-02-23"),
    ("Kofi Annan", "IGOUNO", "Secretary-General of the United Nations", "2003-03-20"),
    ("Jens Stoltenberg", "IGOWSTNAT", "Secretary General of NATO", "2017-02-23"),
    ("Shinzo Abe", "JPNGOV", "Prime Minister", "2017-02-23"),
    ("Park Geun-hye", "KORGOV", "President", "2017-02-23"),
    ("Recep Tayyip Erdoğan", "TURGOV", "Prime Minister", "2010-01-01"),
    ("Yasser Arafat", "PSEGOV", "President of the Palestinian National Authority", "2000-10-01"),
    ("Olusegun Obasanjo", "NGAGOV", "President", "2004-05-01"),
    ("Moody Awori", "KENGOV", "Vice President", "2005-01-01"),
    ("Vojislav Koštunica", "SRBGOV", "President of the Federal Republic of Yugoslavia", "2001-06-01"),
    ("Omar al-Bashir", "SDNGOV", "President", "2010-01-01"),
]

FACTS_NOT_HELD = [
    ("Rex Tillerson", "Secretary of State", "2018-04-01"),
    ("John Kelly", "Secretary of Homeland Security", "2018-01-01"),
    ("Enrique Peña Nieto", "President", "2018-12-01"),
    ("Andrés Manuel López Obrador", "President", "2018-11-30"),
    ("Luis Videgaray", "Foreign Affairs Secretary", "2016-06-01"),
    ("Barack Obama", "President", "2017-02-23"),
    ("Theresa May", "Prime Minister", "2020-01-01"),
    ("Donald Trump", "President", "2022-01-01"),
]


@pytest.mark.parametrize("name,code,role,on", FACTS_HELD)
def test_known_office_holders(rows, name, code, role, on):
    assert (code, role) in _roles_on(rows, name, on)


@pytest.mark.parametrize("name,role,on", FACTS_NOT_HELD)
def test_offices_not_yet_or_no_longer_held(rows, name, role, on):
    assert role not in {held for _, held in _roles_on(rows, name, on)}


@pytest.mark.parametrize("country,role,on,expected", [
    ("USA", "Secretary of State", "2017-02-23", {"Rex Tillerson"}),
    ("USA", "Secretary of State", "2018-06-01", {"Mike Pompeo"}),
    ("MEX", "President", "2020-01-01", {"Andrés Manuel López Obrador"}),
    ("MEX", "Foreign Affairs Secretary", "2019-06-01", {"Marcelo Ebrard"}),
    ("GBR", "Prime Minister", "2019-01-01", {"Theresa May"}),
    ("DEU", "Chancellor", "2023-01-01", {"Olaf Scholz"}),
    ("ISR", "Prime Minister", "2018-01-01", {"Benjamin Netanyahu"}),
    ("IRN", "President", "2015-01-01", {"Hassan Rouhani"}),
])
def test_one_holder_of_a_single_office(rows, country, role, on, expected):
    when = dt.date.fromisoformat(on)
    holders = {r["name"] for r in rows
               if r["code"].startswith(country) and r["role"] == role and _holds(r, when)}
    assert holders == expected
