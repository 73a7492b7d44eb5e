"""The knowledge base loaders: our CSV tables, user dictionaries, PETRARCH/TABARI files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.actors import knowledge
from accord.actors.knowledge import (
    KnowledgeBase,
    build_knowledge,
    load_user_dictionary,
    parse_petrarch_actors,
    parse_petrarch_agents,
    words_of,
)
from accord.errors import KnowledgeError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"
PETRARCH = Path(__file__).resolve().parents[1].parent / "shared" / "dictionaries" / "petrarch2"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    base = build_knowledge(FIXTURES)
    knowledge.load_descriptions(base, knowledge.RESOURCES / "descriptions.csv")
    return base


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, date, code, role", [
    ("John Kelly", "2014-06-01", "USAMIL", "Commander of Southern Command"),
    ("Kelly", "2017-02-23", "USAGOV", "Secretary of Homeland Security"),
    ("Kelly", "2018-05-01", "USAGOV", "White House Chief of Staff"),
    ("Trump", "2010-01-01", "USABUS", "Businessman"),
    ("Donald Trump", "2017-02-23", "USAGOV", "President"),
    ("Donald J. Trump", "2026-01-01", "USAGOV", "President"),
])
def test_person_roles_follow_the_date(kb, name, date, code, role):
    found = kb.person(name, date)
    assert found is not None
    assert found[0] == code and found[1] == role


@pytest.mark.parametrize("name, date", [("Donald Trump", "2022-06-01"), ("Nobody Known", "2017-01-01")])
def test_person_without_a_role_on_the_date(kb, name, date):
    assert kb.person(name, date) is None


@pytest.mark.parametrize("word, iso3", [
    ("Mexico", "MEX"), ("Mexican", "MEX"), ("Mexicans", "MEX"), ("U.S.", "USA"), ("Washington", "USA"),
    ("White House", "USA"), ("Budapest", "HUN"), ("Tel Aviv", "ISR"), ("the United States", "USA"), ("GB", "GBR"),
])
def test_country_of(kb, word, iso3):
    assert kb.country_of(word) == iso3


def test_country_of_unknown(kb):
    assert kb.country_of("Atlantis") is None


@pytest.mark.parametrize("term, sector", [("president", "GOV"), ("troops", "MIL"), ("police", "COP"),
                                          ("rebels", "REB"), ("newspaper", "MED")])
def test_sector_of(kb, term, sector):
    assert kb.sector_of(term) == sector


def test_holders_match_title_words(kb):
    holders = kb.holders("USA", words_of("Secretary of Homeland Security"), dt.date(2017, 3, 1))
    assert [p.name for p in holders] == ["John Kelly"]
    # "minister" is an office synonym of "secretary" in descriptions.csv
    assert [p.name for p in kb.holders("MEX", ["foreign", "minister"], dt.date(2017, 3, 1))] == ["Luis Videgaray"]
    assert kb.holders("MEX", ["foreign", "minister"], dt.date(2019, 3, 1)) == []


@pytest.mark.parametrize("name, header, row, detail", [
    ("people.csv", "name,aliases,code,role,start,end", "X,,usagov,President,2017-01-01,", "invalid actor code"),
    ("people.csv", "name,aliases,code,role,start,end", "X,,USAGOV,President,2017-13-01,", "invalid date"),
    ("people.csv", "name,aliases,code,role,start,end", "X,,USAGOV,President,2017-01-01,2016-01-01", "end date"),
    ("people.csv", "name,aliases,code,role,start,end", "X,,USAGOV,President", "fields"),
    ("organisations.csv", "name,aliases,code,kind,country", "Y,,NGO,club,", "kind"),
    ("countries.csv", "iso3,iso2,name,aliases,demonyms,capital,government_seats,cities", "mex,MX,Mexico,,,,,", "iso3"),
    ("sectors.csv", "term,sector,kind,priority", "police,COP,verb,1", "title or noun"),
    ("sectors.csv", "term,sector,kind,priority", "police,COP,noun,high", "integer"),
])
def test_wrong_line_names_file_and_line(tmp_path, name, header, row, detail):
    folder = tmp_path / "resources"
    folder.mkdir()
    write(folder, name, f"{header}\n# a comment line\n{row}\n")
    with pytest.raises(KnowledgeError) as caught:
        build_knowledge(folder)
    assert caught.value.code == "E201"
    assert caught.value.fields["line"] == 3
    assert caught.value.fields["path"].endswith(name)
    assert detail in caught.value.message


def test_missing_columns(tmp_path):
    path = write(tmp_path, "people.csv", "name,code\nX,USAGOV\n")
    with pytest.raises(KnowledgeError) as caught:
        knowledge.load_people(KnowledgeBase(), path)
    assert caught.value.fields["line"] == 1


def test_user_csv_dictionaries(tmp_path):
    people = write(tmp_path, "mine.csv", "name,aliases,code,role,start,end\n"
                                         "Ada Quill,Quill,FRAGOV,Mayor,2020-01-01,2024-12-31\n")
    organisations = write(tmp_path, "orgs.csv", "name,aliases,code,kind,country\n"
                                                "Blue Owl Watch,BOW,NGO,ngo,\n")
    kb = KnowledgeBase()
    load_user_dictionary(kb, people)
    load_user_dictionary(kb, organisations)
    assert kb.person("Quill", "2021-05-01")[0] == "FRAGOV"
    assert kb.person("Quill", "2025-05-01") is None
    assert kb.organisations["Blue Owl Watch"].code == "NGO"


def test_unknown_dictionary_file():
    with pytest.raises(KnowledgeError) as caught:
        load_user_dictionary(KnowledgeBase(), "/nonexistent/dictionary.txt")
    assert caught.value.code == "E202"


def test_petrarch_actor_format(tmp_path):
    path = write(tmp_path, "mine.actors.txt", """<!-- a header
spread over lines -->
FREEDONIA_  [FRD]  # comment
+FREEDONIAN
RUFUS_T._FIREFLY
+FIREFLY
\t[FRDGOV 330101-331231]
\t[FRDELI >331231]
\t[FRD]
SYLVANIA [SYL <400101] [SYLGOV]
""")
    actors = {a.phrase: a for a in parse_petrarch_actors(path)}
    assert set(actors) == {"FREEDONIA_", "RUFUS_T._FIREFLY", "SYLVANIA"}
    assert actors["FREEDONIA_"].synonyms == ("FREEDONIAN",)
    firefly = actors["RUFUS_T._FIREFLY"]
    assert firefly.code_on(dt.date(1933, 6, 1)) == "FRDGOV"
    assert firefly.code_on(dt.date(1935, 6, 1)) == "FRDELI"
    assert firefly.code_on(dt.date(1920, 6, 1)) == "FRD"
    assert actors["SYLVANIA"].code_on(dt.date(1939, 12, 31)) == "SYL"
    assert actors["SYLVANIA"].code_on(dt.date(1940, 1, 2)) == "SYLGOV"


@pytest.mark.parametrize("text, line", [
    ("GOOD [AAA]\nBAD [AAA 9901-990101]\n", 2),
    ("GOOD [AAA]\nNO_CODE\nNEXT [BBB]\n", 2),
    ("+SYNONYM_FIRST\n", 1),
    ("GOOD [AAA\n", 1),
    ("GOOD [AAA 990101-980101]\n", 1),
])
def test_petrarch_wrong_line(tmp_path, text, line):
    path = write(tmp_path, "bad.actors.txt", text)
    with pytest.raises(KnowledgeError) as caught:
        parse_petrarch_actors(path)
    assert caught.value.code == "E201" and caught.value.fields["line"] == line


def test_petrarch_agent_format(tmp_path):
    path = write(tmp_path, "mine.agents.txt", """!STAFF! = CLERK, CLERKS
POLICE {} [~COP]
GOOSE_HERD {GEESE_HERDS} [~AGR]
TOWN_!STAFF! [~GOV]
AID_AGENCY [NGO~]
""")
    agents = parse_petrarch_agents(path)
    phrases = {agent.phrase: (agent, plurals) for agent, plurals in agents}
    assert phrases["POLICE"][1] == ()
    assert phrases["GOOSE HERD"][1] == ("GEESE HERDS",)
    assert {"TOWN CLERK", "TOWN CLERKS"} <= set(phrases)
    assert phrases["AID AGENCY"][0].prefix == "NGO" and phrases["AID AGENCY"][0].suffix == ""
    kb = KnowledgeBase()
    load_user_dictionary(kb, path)
    assert {e.key for e in kb.index.lookup("geese herds")} == {"GOOSE HERD"}
    assert kb.index.lookup("polices") == []


def test_petrarch_agent_wrong_line(tmp_path):
    path = write(tmp_path, "bad.agents.txt", "POLICE [~COP]\nECOLOGIST [~ENV}\n")
    with pytest.raises(KnowledgeError) as caught:
        parse_petrarch_agents(path)
    assert caught.value.fields["line"] == 2


# ----------------------------------------------------------------- the PETRARCH test dictionaries

@pytest.fixture(scope="module")
def validate_actors() -> list:
    return parse_petrarch_actors(PETRARCH / "PETR.Validate.actors.txt")


def _dated_cases(actors: list) -> list[tuple[str, dt.date, str | None]]:
    """For each date-bounded code of the file, a date inside its range and the code the
    file's rule (first matching bound in file order, else the undated code) gives."""
    cases = []
    for actor in actors:
        for code in actor.codes:
            if not code.dated:
                continue
            probe = code.start or (code.end - dt.timedelta(days=30))
            expected = next((c.code for c in actor.codes if c.dated and c.active(probe)), None)
            cases.append((actor.phrase, probe, expected))
    return cases


def test_petrarch_validate_dictionaries_load(validate_actors):
    kb = KnowledgeBase()
    load_user_dictionary(kb, PETRARCH / "PETR.Validate.actors.txt")
    load_user_dictionary(kb, PETRARCH / "PETR.Validate.agents.txt")
    assert len(kb.actors) == len(validate_actors) > 100
    assert kb.agents["POLICE"].suffix == "COP"
    assert {"CONGRESSMAN", "CONGRESSWOMEN", "MINISTER OF SILLY WALKS"} <= set(kb.agents)
    assert {e.key for e in kb.index.lookup("golden geese")} == {"GOLDEN GOOSE"}


def test_petrarch_dated_codes_resolve_as_the_file_says(validate_actors):
    kb = KnowledgeBase()
    for actor in validate_actors:
        kb.add_dictionary_actor(actor)
    cases = _dated_cases(validate_actors)
    assert len(cases) >= 8
    for phrase, probe, expected in cases:
        found = kb.person(phrase.replace("_", " "), probe)
        assert (found[0] if found else None) == expected, (phrase, probe)


@pytest.mark.parametrize("name, date, code", [
    # the unit-test records of PETRARCH (DATE-01..21) expect these codes on these dates
    ("Sam Gamgee", "1995-01-04", "HOBCIV"),
    ("Sam Gamgee", "2008-01-19", "HOBCIV"),
    ("Sam Gamgee", "2010-01-06", "HOBMIL"),
    ("Sam Gamgee", "2010-01-09", "ORCHOB"),
    ("Sam Gamgee", "2010-01-12", "ORCHOB"),
    ("Sam Gamgee", "2010-01-13", "HOBMIL"),
    ("Sam Gamgee", "2012-12-31", "HOBGOV"),
    ("Hamfast Gamgee", "1995-01-04", "HOB"),
    ("Hamfast Gamgee", "2012-11-09", "HOBGOV"),
    ("Hamfast Gamgee", "2014-01-04", "HOB"),
    ("Smeagol", "1995-11-01", "HOBGOV"),
    ("Smeagol", "1999-01-01", "HOBGOV"),
    ("Slinker", "1992-01-02", "HOB"),
    ("Zimbabwe", "1978-12-23", "RHO"),
    ("Zimbabwe", "2001-01-01", "ZBW"),
])
def test_petrarch_unit_test_dates(name, date, code):
    kb = KnowledgeBase()
    load_user_dictionary(kb, PETRARCH / "PETR.Validate.actors.txt")
    assert kb.person(name, date)[0] == code


def test_petrarch_stems_match_longer_words():
    kb = KnowledgeBase()
    load_user_dictionary(kb, PETRARCH / "PETR.Validate.actors.txt")
    # ARGENTIN has no trailing underscore: a stem; ARNOR_ has one: the exact word
    assert kb.person("Argentina", None)[0] == "ARG"
    assert kb.person("Arnorian", None) is None


def test_phoenix_file_with_a_malformed_date_is_reported():
    with pytest.raises(KnowledgeError) as caught:
        load_user_dictionary(KnowledgeBase(), PETRARCH / "Phoenix.Countries.actors.txt")
    assert caught.value.code == "E201" and caught.value.fields["line"] > 1


def test_package_tables_load():
    kb = knowledge.load_knowledge()
    assert kb is knowledge.load_knowledge()
    assert kb.country_of("Mexican") == "MEX"
    assert kb.descriptions["former"] == (("time", "past"),)


# ----------------------------------------------------------------- property: the TABARI parser round-trips

_WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=8)
_CODE = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=9)
_DAY = st.dates(min_value=dt.date(1931, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def _entries(draw):
    entries = []
    for number in range(draw(st.integers(min_value=1, max_value=5))):
        words = draw(st.lists(_WORD, min_size=1, max_size=3))
        first, second = sorted((draw(_DAY), draw(_DAY)))
        entries.append(("_".join(words) + f"_{number}_", draw(_CODE), draw(_CODE), first, second))
    return entries


@settings(max_examples=40, deadline=None)
@given(_entries())
def test_petrarch_parser_round_trips(tmp_path_factory, entries):
    lines = []
    for phrase, default, dated, first, second in entries:
        lines += [phrase, f"\t[{dated} {first:%Y%m%d}-{second:%Y%m%d}]  # dated", f"\t[{default}]", ""]
    path = tmp_path_factory.mktemp("dict") / "generated.actors.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    parsed = parse_petrarch_actors(path)
    assert [a.phrase for a in parsed] == [e[0] for e in entries]
    for actor, (_, default, dated, first, second) in zip(parsed, entries):
        assert actor.code_on(first) == dated and actor.code_on(second) == dated
        if first > dt.date(1931, 1, 1):
            assert actor.code_on(first - dt.timedelta(days=1)) == default


@pytest.mark.parametrize("name, agents", [("Phoenix.International.actors.txt", False),
                                          ("Phoenix.agents.txt", True)])
def test_lenient_loading_collects_wrong_lines(name, agents):
    problems: list[KnowledgeError] = []
    kb = KnowledgeBase()
    load_user_dictionary(kb, PETRARCH / name, problems=problems)
    assert problems and all(p.code == "E201" and p.fields["line"] > 0 for p in problems)
    assert len(kb.agents if agents else kb.actors) > 100
    with pytest.raises(KnowledgeError):
        load_user_dictionary(KnowledgeBase(), PETRARCH / name)
