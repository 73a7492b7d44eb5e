"""Tests of accord.events.dates: absolute dates from a publication date and the text."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.errors import InputError
from accord.events.dates import _CARRIED_WORDS, _DAY_WORDS, DatedText, DateMention, dates_in, parse_date, resolve_date

WEDNESDAY = "2017-03-01"  # a Wednesday; the week runs from Monday 2017-02-27
MONDAY = "2017-02-27"
SUNDAY = "2017-02-26"
NEW_YEAR = "2017-01-02"  # a Monday, right after the turn of the year
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.mark.parametrize("text, published, expected", [
    ("Troops withdrew last Thursday.", WEDNESDAY, "2017-02-23"),
    ("Troops withdrew last Wednesday.", WEDNESDAY, "2017-02-22"),  # strictly before publication
    ("Troops withdrew this past Monday.", WEDNESDAY, "2017-02-27"),
    ("Troops withdrew on Wednesday.", WEDNESDAY, "2017-03-01"),   # at or before publication
    ("Troops withdrew on Tuesday.", WEDNESDAY, "2017-02-28"),
    ("Troops withdrew Thursday.", WEDNESDAY, "2017-02-23"),
    ("Talks open next Thursday.", WEDNESDAY, "2017-03-02"),
    ("Talks open next Wednesday.", WEDNESDAY, "2017-03-08"),
    ("Talks open this Friday.", WEDNESDAY, "2017-03-03"),
    ("The rally was held yesterday.", WEDNESDAY, "2017-02-28"),
    ("The rally is held today.", WEDNESDAY, "2017-03-01"),
    ("The rally is held tomorrow.", WEDNESDAY, "2017-03-02"),
    ("Shots were heard last night.", WEDNESDAY, "2017-02-28"),
    ("It happened the day before yesterday.", WEDNESDAY, "2017-02-27"),
    ("The border closed three days ago.", WEDNESDAY, "2017-02-26"),
    ("The border closed 10 days ago.", WEDNESDAY, "2017-02-19"),
    ("They met on February 23.", WEDNESDAY, "2017-02-23"),
    ("They met on Feb. 23, 2017.", "2018-06-01", "2017-02-23"),
    ("They met on 23 February 2017.", "2018-06-01", "2017-02-23"),
    ("They met on February 23rd.", WEDNESDAY, "2017-02-23"),
    ("They met on the 23rd of February.", WEDNESDAY, "2017-02-23"),
    ("They met on 2017-02-23.", None, "2017-02-23"),
    ("They met on Sept. 9.", "2017-09-20", "2017-09-09"),
    # year left out: the year nearest to publication
    ("They met on December 20.", "2017-01-05", "2016-12-20"),
    ("They will meet on January 3.", "2016-12-30", "2017-01-03"),
    # the seed article: published Monday 2017-02-27
    ("During a press conference last Thursday, the secretary spoke.", MONDAY, "2017-02-23"),
    ("The visit ended on Saturday.", MONDAY, "2017-02-25"),
    # week boundaries and the turn of the year
    ("Fighting resumed last Friday.", NEW_YEAR, "2016-12-30"),
    ("Fighting resumed last Monday.", NEW_YEAR, "2016-12-26"),
    ("Fighting resumed yesterday.", NEW_YEAR, "2017-01-01"),
    ("Fighting resumed on Sunday.", SUNDAY, "2017-02-26"),
    ("Fighting resumed last Sunday.", SUNDAY, "2017-02-19"),
    ("Fighting resumed on Monday.", SUNDAY, "2017-02-20"),
    ("Fighting resumed on December 31.", NEW_YEAR, "2016-12-31"),
])
def test_day_precision(text, published, expected):
    mention = resolve_date(text, published)
    assert mention is not None
    assert (mention.date, mention.precision) == (expected, "day")
    assert mention.first == mention.last == expected
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("text, published, precision, first, last", [
    ("It was tense this week.", WEDNESDAY, "week", "2017-02-27", "2017-03-01"),
    ("Earlier this week, Trump boasted.", WEDNESDAY, "week", "2017-02-27", "2017-02-28"),
    ("Earlier this week, Trump boasted.", MONDAY, "week", "2017-02-20", "2017-02-26"),  # Monday: the week before
    ("Earlier this week, Trump boasted.", NEW_YEAR, "week", "2016-12-26", "2017-01-01"),
    ("Talks resume later this week.", WEDNESDAY, "week", "2017-03-02", "2017-03-05"),
    ("It was tense this week.", SUNDAY, "week", "2017-02-20", "2017-02-26"),
    ("They met last week.", WEDNESDAY, "week", "2017-02-20", "2017-02-26"),
    ("They met last week.", NEW_YEAR, "week", "2016-12-26", "2017-01-01"),
    ("They meet next week.", WEDNESDAY, "week", "2017-03-06", "2017-03-12"),
    ("They met two weeks ago.", WEDNESDAY, "week", "2017-02-13", "2017-02-19"),
    ("They met a couple of weeks ago.", NEW_YEAR, "week", "2016-12-19", "2016-12-25"),
    ("Prices rose over the past week.", WEDNESDAY, "week", "2017-02-23", "2017-03-01"),
    ("Prices rose over the past month.", "2017-03-31", "month", "2017-03-02", "2017-03-31"),
    ("Clashes erupted over the weekend.", WEDNESDAY, "day", "2017-02-25", "2017-02-26"),
    ("Clashes erupted over the weekend.", SUNDAY, "day", "2017-02-25", "2017-02-26"),
    ("Clashes erupted last weekend.", MONDAY, "day", "2017-02-25", "2017-02-26"),
    ("Talks are planned this weekend.", WEDNESDAY, "day", "2017-03-04", "2017-03-05"),
    ("The deal fell through last month.", WEDNESDAY, "month", "2017-02-01", "2017-02-28"),
    ("The deal fell through last month.", NEW_YEAR, "month", "2016-12-01", "2016-12-31"),
    ("The deal fell through three months ago.", WEDNESDAY, "month", "2016-12-01", "2016-12-31"),
    ("The deal fell through this month.", "2017-03-15", "month", "2017-03-01", "2017-03-15"),
    ("The deal fell through earlier this month.", "2017-03-15", "month", "2017-03-01", "2017-03-14"),
    ("Elections are due in March.", WEDNESDAY, "month", "2017-03-01", "2017-03-31"),
    ("Elections were held in December.", WEDNESDAY, "month", "2016-12-01", "2016-12-31"),
    ("Elections were held last March.", WEDNESDAY, "month", "2016-03-01", "2016-03-31"),
    ("Elections were held last March.", "2017-06-10", "month", "2017-03-01", "2017-03-31"),
    ("Elections are due next March.", WEDNESDAY, "month", "2018-03-01", "2018-03-31"),
    ("Elections were held in mid-May.", "2017-06-10", "month", "2017-05-01", "2017-05-31"),
    ("Elections were held in Sept.", WEDNESDAY, "month", "2016-09-01", "2016-09-30"),
    ("Elections were held in February 2016.", WEDNESDAY, "month", "2016-02-01", "2016-02-29"),
    ("The war ended last year.", WEDNESDAY, "year", "2016-01-01", "2016-12-31"),
    ("The war ended last year.", NEW_YEAR, "year", "2016-01-01", "2016-12-31"),
    ("The war ended earlier this year.", "2017-06-10", "year", "2017-01-01", "2017-06-09"),
    ("The war ended two years ago.", WEDNESDAY, "year", "2015-01-01", "2015-12-31"),
    ("The war ended in 2009.", WEDNESDAY, "year", "2009-01-01", "2009-12-31"),
])
def test_periods(text, published, precision, first, last):
    mention = resolve_date(text, published)
    assert mention is not None
    assert (mention.precision, mention.first, mention.last) == (precision, first, last)
    assert mention.date == first  # the date of a period is its first day
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("text, carried, expected", [
    ("A joint statement on the same day stressed cooperation.", "2017-02-23", "2017-02-23"),
    ("That day, protesters gathered.", "2017-02-23", "2017-02-23"),
    ("The day before, the minister had resigned.", "2017-02-23", "2017-02-22"),
    ("Talks resumed the next day.", "2017-02-23", "2017-02-24"),
    ("Talks resumed the following day.", "2016-12-31", "2017-01-01"),
    ("Talks resumed two days later.", "2017-02-23", "2017-02-25"),
    ("Talks had stalled a week earlier.", "2017-02-23", "2017-02-16"),
])
def test_dates_carried_from_an_earlier_sentence(text, carried, expected):
    mention = resolve_date(text, WEDNESDAY, carried=carried)
    assert mention is not None and mention.date == expected
    assert resolve_date(text, WEDNESDAY) is None  # nothing to count from


@pytest.mark.parametrize("text", [
    "The talks resumed.",
    "May said the plan would work.",          # a name, not the month
    "Protesters may march on the capital.",   # lowercase: verbs, not months
    "The 2016 budget was cut.",               # a year with no preposition is not a date of the event
    "He said the day was long.",
    "Trump stayed at Mar-a-Lago.",            # a name that starts like a month
    "Jan Kowalski spoke to Jan.",             # an abbreviation alone needs its dot
    "",
])
def test_no_date(text):
    assert resolve_date(text, WEDNESDAY) is None
    assert dates_in(text, WEDNESDAY) == []


@pytest.mark.parametrize("text, expected", [
    ("Troops withdrew last Thursday.", None),
    ("They met on February 23.", None),
    ("They met on Feb. 23, 2017.", "2017-02-23"),
    ("The war ended in 2009.", "2009-01-01"),
])
def test_without_a_publication_date_only_full_dates_resolve(text, expected):
    mention = resolve_date(text, None)
    assert (mention.date if mention else None) == expected


def test_future_clauses_look_forward():
    assert resolve_date("They will meet on Friday.", WEDNESDAY, future=True).date == "2017-03-03"
    assert resolve_date("They will meet on Wednesday.", WEDNESDAY, future=True).date == "2017-03-01"
    assert resolve_date("They will meet on February 20.", WEDNESDAY, future=True).date == "2018-02-20"
    assert resolve_date("They met on Friday.", WEDNESDAY).date == "2017-02-24"


@pytest.mark.parametrize("published", [date(2017, 3, 1), datetime(2017, 3, 1, 18, 30), "2017-03-01T18:30:00Z",
                                       "2017-03-01"])
def test_publication_date_forms(published):
    assert resolve_date("It happened yesterday.", published).date == "2017-02-28"


@pytest.mark.parametrize("published", ["01/03/2017", "2017-02-30", "yesterday"])
def test_invalid_publication_date_raises_a_coded_error(published):
    with pytest.raises(InputError) as caught:
        resolve_date("It happened yesterday.", published)
    assert caught.value.code == "E112"


def test_dates_in_finds_all_with_offsets_in_order():
    text = "Kelly arrived last Thursday and left on Friday, three days ago."
    mentions = dates_in(text, "2017-02-27", start_offset=100)
    assert [m.text for m in mentions] == ["last Thursday", "Friday", "three days ago"]
    assert [m.date for m in mentions] == ["2017-02-23", "2017-02-24", "2017-02-24"]
    assert all(text[m.start - 100:m.end - 100] == m.text for m in mentions)
    assert [m.preposition for m in mentions] == [None, "on", None]
    assert all(isinstance(m, DateMention) for m in mentions)


def test_resolve_date_skips_deadlines_when_another_date_is_there():
    text = "Trump requested on Monday an assessment by last Friday."
    assert resolve_date(text, "2017-03-01").date == "2017-02-27"
    assert resolve_date("an assessment by last Friday", "2017-03-01").date == "2017-02-24"


def test_resolve_date_near_picks_the_date_closest_to_the_trigger():
    text = "On Monday talks failed; on Friday troops attacked the town."
    assert resolve_date(text, WEDNESDAY).text == "Monday"
    assert resolve_date(text, WEDNESDAY, near=text.index("attacked")).text == "Friday"
    assert resolve_date(text, WEDNESDAY, near=text.index("failed")).text == "Monday"


def test_parse_date():
    assert parse_date("2017-02-27") == date(2017, 2, 27)
    assert parse_date(None) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 6))
def test_last_weekday_is_the_latest_one_strictly_before(published, weekday):
    found = date.fromisoformat(resolve_date(f"It happened last {WEEKDAY_NAMES[weekday]}.", published).date)
    assert found.weekday() == weekday
    assert published - timedelta(days=7) <= found < published


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 6))
def test_bare_weekday_is_the_latest_one_at_or_before(published, weekday):
    found = date.fromisoformat(resolve_date(f"It happened on {WEEKDAY_NAMES[weekday]}.", published).date)
    assert found.weekday() == weekday
    assert published - timedelta(days=6) <= found <= published


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_week_periods_run_monday_to_sunday(published):
    for phrase in ("last week", "this week", "two weeks ago", "earlier this week"):
        mention = resolve_date(f"They met {phrase}.", published)
        first, last = date.fromisoformat(mention.first), date.fromisoformat(mention.last)
        assert first.weekday() == 0 and first <= last <= first + timedelta(days=6)
        assert last <= published


@pytest.mark.parametrize("text", [
    "Kelly met Videgaray on Thursday and again two days later.",
    "The talks, held on Feb. 23, 2017, resumed the next day in 2017-03-02 form.",
    "Officials said the deal, first floated last March, would be signed next week.",
    "Nothing here names a time.",
])
def test_a_dated_text_resolves_like_the_one_shot_functions(text):
    dated = DatedText(text)
    for published, carried in ((WEDNESDAY, None), (MONDAY, "2017-02-20"), (NEW_YEAR, SUNDAY), (None, MONDAY)):
        assert dated.dates(published, carried) == dates_in(text, published, carried)
        assert dated.dates(published, carried, start_offset=40) == dates_in(text, published, carried, start_offset=40)
        for near in (None, 0, len(text) // 2, len(text)):
            assert dated.resolve(published, carried, near=near) == resolve_date(text, published, carried, near=near)


def test_a_dated_text_hands_out_copies_of_what_it_keeps():
    dated = DatedText("They met on Monday.")
    first = dated.dates(WEDNESDAY)
    first.clear()
    assert [m.text for m in dated.dates(WEDNESDAY)] == ["Monday"]


def test_a_malformed_publication_date_is_an_error_even_without_a_date_in_the_text():
    with pytest.raises(InputError):
        dates_in("Nothing here names a time.", "next Tuesday-ish")
    with pytest.raises(InputError):
        DatedText("Nothing here names a time.").resolve("2017-13-45")


@pytest.mark.parametrize("text, expected", [
    ("They met TONIGHT.", "TONIGHT"),          # time words in any case
    ("Talks resume Next WEEK.", "Next WEEK"),
    ("The vote was held in 2016.", "2016"),  # a digit alone: a year
    ("He left in March.", "March"),           # a month alone
    ("They met last wee\u212a.", "last wee\u212a"),  # the Kelvin sign folds to "k" as in the patterns
    ("Talks ended three\u00a0Days ago.", "three\u00a0Days ago"),  # a unit after any space
    ("They met on Monday.", "Monday"),        # a weekday alone
    ("The rebels left the day before yesterday.", "the day before yesterday"),
])
def test_the_cheap_cues_never_skip_a_pattern_that_matches(text, expected):
    found = dates_in(text, WEDNESDAY)
    assert [m.text for m in found] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("It happened three DAYS ago.", [("three DAYS ago", "2017-02-21")]),
    ("Two WEEKS later they met.", [("Two WEEKS later", "2017-03-06")]),
    # words that match the patterns only through Unicode case folding are none of ours: no date, no crash
    ("We meet ton\u0131ght.", []),
    ("\u017fix days ago they met.", []),
    ("They left the \u017fame day.", []),
])
def test_upper_case_units_and_case_folded_lookalikes(text, expected):
    found = dates_in(text, "2017-02-24", carried="2017-02-20")
    assert [(d.text, d.date) for d in found] == expected


@pytest.mark.parametrize("phrase", sorted(set(_DAY_WORDS) | set(_CARRIED_WORDS)))
def test_every_day_phrase_passes_the_cheap_cue_test_and_is_found(phrase):
    """The cues that let a text skip a pattern are hand-written beside the tables: a phrase they
    miss would never be found."""
    found = dates_in(f"It happened {phrase} in the capital.", "2017-02-24", carried="2017-02-20")
    assert [d.text.lower() for d in found] == [phrase]
