"""Tests of accord.events.formats: GDELT 2.0 rows and PLOVER JSON from hand-built events."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import datetime

import pytest

from accord import __version__
from accord.events.formats import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    event_id,
    split_actor_code,
    to_gdelt_mention_row,
    to_gdelt_row,
    to_plover,
    write_gdelt,
    write_gdelt_mentions,
    write_plover,
)
from accord.records import Event, Location, Offsets, build_page

SENTENCE = "Kelly visited Kirkuk on Thursday."
KIRKUK = Location(name="Kirkuk", country="IRQ", adm1="IQ.13", latitude=35.46806, longitude=44.39222,
                  feature_id="94787", start=14, end=20)
MEXICO = Location(name="Mexico", country="MEX", adm1=None, latitude=19.42847, longitude=-99.12766,
                  feature_id="3996063", start=14, end=20)
TEXAS = Location(name="Texas", country="USA", adm1="US.TX", feature_id="4736286")
KASHMIR = Location(name="Jammu and Kashmir", country="IND", adm1="IN-JK", feature_id="IN-JK")
HOUSTON = Location(name="Houston", country="USA", adm1="US.TX", latitude=29.76328, longitude=-95.36327,
                   feature_id="4699066")


def make_event(**changes) -> Event:
    fields = dict(
        doc_id="doc1", sentence_index=0, sentence=SENTENCE, source="USAGOV", source_name="John Kelly",
        target="IRQ", target_name="Iraq", cameo="0421", cameo_root="04", quad_class=1, goldstein=1.9,
        plover="CONSULT", mode="visit", modality="asserted", attributed_to="The New York Times",
        date="2017-02-23", trigger="visited", offsets=Offsets(trigger=(6, 13), source=(0, 5), target=(14, 20),
                                                             sentence=(0, len(SENTENCE))),
        rule="test-rule 1", location=KIRKUK,
    )
    fields.update(changes)
    return Event(**fields)


def page(**fields):
    return build_page("doc1", [(SENTENCE, None, "body"), ("Second paragraph.", None, "body")],
                      published="2017-02-27", url="https://www.example.org/news/1", **fields)


def row_of(event, **options) -> dict[str, str]:
    options.setdefault("date_added", datetime(2017, 2, 27, 10, 15, 0))
    values = to_gdelt_row(event, **options)
    assert len(values) == 61
    return dict(zip(GDELT_EVENT_COLUMNS, values))


def test_column_layout():
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(set(GDELT_EVENT_COLUMNS)) == 61
    assert GDELT_EVENT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_EVENT_COLUMNS[5] == "Actor1Code" and GDELT_EVENT_COLUMNS[15] == "Actor2Code"
    assert GDELT_EVENT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                          "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_EVENT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_EVENT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_EVENT_COLUMNS[58] == "ActionGeo_FeatureID"
    assert GDELT_EVENT_COLUMNS[59:] == ("DATEADDED", "SOURCEURL")
    assert len(GDELT_MENTION_COLUMNS) == 14


def test_gdelt_row_values():
    row = row_of(make_event(), event_id=42)
    assert row["GLOBALEVENTID"] == "42"
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20170223", "201702", "2017")
    assert float(row["FractionDate"]) == pytest.approx(2017 + 53 / 365, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "USAGOV", "JOHN KELLY", "USA", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("IRQ", "IRQ", "")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0421", "042", "04")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "1.9")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["AvgTone"]) == ("1", "1", "1", "0")
    assert row["IsRootEvent"] == "1"
    assert row["DATEADDED"] == "20170227101500"
    assert row["SOURCEURL"] == "doc1"  # no page: the document id


def test_gdelt_action_geo_of_a_world_city():
    row = row_of(make_event())
    assert row["ActionGeo_Type"] == "4"
    assert row["ActionGeo_FullName"] == "Kirkuk, Iraq"
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("IZ", "IZ13")  # FIPS, as GDELT
    assert (float(row["ActionGeo_Lat"]), float(row["ActionGeo_Long"])) == (35.46806, 44.39222)
    assert row["ActionGeo_FeatureID"] == "94787"
    for prefix in ("Actor1Geo_", "Actor2Geo_"):
        assert row[prefix + "Type"] == "0" and row[prefix + "FullName"] == ""


@pytest.mark.parametrize("location, geo_type, country, adm1, feature", [
    (MEXICO, "1", "MX", "", "MX"),
    (TEXAS, "2", "US", "USTX", "4736286"),
    (HOUSTON, "3", "US", "USTX", "4699066"),
    (KIRKUK, "4", "IZ", "IZ13", "94787"),
    (KASHMIR, "5", "IN", "IN", "IN-JK"),
    (None, "0", "", "", ""),
])
def test_gdelt_geo_types(location, geo_type, country, adm1, feature):
    row = row_of(make_event(location=location))
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"],
            row["ActionGeo_FeatureID"]) == (geo_type, country, adm1, feature)


def test_gdelt_actor_geography_can_be_given():
    row = row_of(make_event(), actor1_location=HOUSTON, actor2_location=MEXICO)
    assert (row["Actor1Geo_Type"], row["Actor1Geo_FullName"]) == ("3", "Houston, United States")
    assert (row["Actor2Geo_Type"], row["Actor2Geo_FullName"]) == ("1", "Mexico")


def test_gdelt_row_overrides_and_page():
    event = make_event(sentence_index=3, offsets=Offsets(trigger=(36, 42), sentence=(35, 52)))
    row = row_of(event, page=page(), num_mentions=5, num_sources=3, num_articles=4, avg_tone=-2.5)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["AvgTone"]) == ("5", "3", "4", "-2.5")
    assert row["SOURCEURL"] == "https://www.example.org/news/1"
    assert row["IsRootEvent"] == "0"  # not in the lead paragraph
    assert row["GLOBALEVENTID"] == str(event_id(event))


@pytest.mark.parametrize("code, country, group, types", [
    ("USAGOV", "USA", "", ("GOV", "", "")),
    ("EGYGOVMIL", "EGY", "", ("GOV", "MIL", "")),
    ("MEX", "MEX", "", ("", "", "")),
    ("IGOUNO", "", "UNO", ("IGO", "", "")),
    ("GOV", "", "", ("GOV", "", "")),
    (None, "", "", ("", "", "")),
])
def test_split_actor_code(code, country, group, types):
    parts = split_actor_code(code)
    assert (parts["CountryCode"], parts["KnownGroupCode"]) == (country, group)
    assert (parts["Type1Code"], parts["Type2Code"], parts["Type3Code"]) == types


def test_gdelt_row_without_date_or_actors():
    row = row_of(make_event(date=None, source=None, source_name=None, target=None, target_name=None))
    assert row["SQLDATE"] == row["Year"] == ""
    assert row["Actor1Code"] == row["Actor2Code"] == row["Actor1CountryCode"] == ""
    # the page's publication date stands in for a missing event date
    assert row_of(make_event(date=None), page=page())["SQLDATE"] == "20170227"


def test_gdelt_fields_hold_no_tabs_or_newlines():
    row = to_gdelt_row(make_event(source_name="John\tKelly\nJr"), date_added="2017-02-27T00:00:00")
    assert all("\t" not in value and "\n" not in value for value in row)
    assert row[GDELT_EVENT_COLUMNS.index("Actor1Name")] == "JOHN KELLY JR"


def test_event_id_is_stable_and_distinct():
    assert event_id(make_event()) == event_id(make_event())
    assert event_id(make_event()) != event_id(make_event(cameo="043"))
    assert event_id(make_event()) > 0


def test_write_gdelt_is_tab_separated_without_header():
    events = [make_event(), make_event(cameo="043", sentence_index=1)]
    buffer = io.StringIO()
    assert write_gdelt(events, buffer, pages={"doc1": page()}, date_added="2017-02-27T10:00:00") == 2
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 2
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert lines[1].split("\t")[26] == "043"
    assert not lines[0].startswith("GLOBALEVENTID")


def test_gdelt_mention_row():
    values = to_gdelt_mention_row(make_event(sentence_index=2), page=page(), event_id=7)
    row = dict(zip(GDELT_MENTION_COLUMNS, values))
    assert len(values) == 14
    assert (row["GLOBALEVENTID"], row["EventTimeDate"], row["MentionTimeDate"]) == (
        "7", "20170223000000", "20170227000000")
    assert (row["MentionType"], row["MentionSourceName"], row["MentionIdentifier"]) == (
        "1", "example.org", "https://www.example.org/news/1")
    assert row["SentenceID"] == "3"
    assert (row["Actor1CharOffset"], row["Actor2CharOffset"], row["ActionCharOffset"]) == ("0", "14", "6")
    assert row["MentionDocLen"] == str(len(page().text))
    no_target = to_gdelt_mention_row(make_event(offsets=Offsets(trigger=(6, 13))))
    assert no_target[7] == no_target[8] == "-1" and no_target[12] == ""
    buffer = io.StringIO()
    assert write_gdelt_mentions([make_event()], buffer) == 1
    assert len(buffer.getvalue().rstrip("\n").split("\t")) == 14


def test_to_plover():
    record = to_plover(make_event(), page=page())
    assert record["date"] == "2017-02-23"
    assert record["actor"] == ["USAGOV"] and record["recipient"] == ["IRQ"]
    assert (record["event"], record["mode"]) == ("CONSULT", "visit")
    assert record["event_text"] == "visited" and record["text"] == SENTENCE
    assert (record["quad_code"], record["event_scale"]) == (1, 1.9)
    assert record["coder"] == f"accord {__version__}"
    assert record["cite_info"]["url"] == "https://www.example.org/news/1"
    assert record["cite_info"]["attributed_to"] == "The New York Times"
    assert record["cite_info"]["offsets"]["trigger"] == [6, 13]
    assert record["location"]["kind"] == "city" and record["location"]["country"] == "IRQ"
    assert record["id"].startswith("doc1-")
    json.dumps(record)  # plain JSON


def test_to_plover_fills_type_mode_and_context_from_the_table():
    record = to_plover(make_event(cameo="173", cameo_root="17", plover=None, mode=None, context=None))
    assert (record["event"], record["mode"], record["context"]) == ("COERCE", "arrest", "legal")
    statement = to_plover(make_event(cameo="010", cameo_root="01", plover=None, mode=None))
    assert statement["event"] is None


def test_to_plover_uses_names_when_codes_are_missing():
    record = to_plover(make_event(source=None, target=None, target_name=None, location=None))
    assert record["actor"] == ["John Kelly"] and record["recipient"] == []
    assert record["location"] is None


def test_write_plover_writes_json_lines():
    events = [make_event(), dataclasses.replace(make_event(), cameo="043")]
    buffer = io.StringIO()
    assert write_plover(events, buffer) == 2
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert [r["cameo"] for r in records] == ["0421", "043"]
    assert records[0]["id"] != records[1]["id"]


def test_support_modules_import_without_spacy():
    import subprocess
    import sys

    script = ("import sys; import accord.events.ontology, accord.events.dates, accord.events.location, "
              "accord.events.formats; accord.events.location.find_locations('in Paris'); "
              "print('spacy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
