"""Absolute event dates from a page's publication date and the words of its text.

News rarely names the day of an event outright; it says "last Thursday",
"earlier this week" or "two weeks ago" and leaves the reader to count back
from the publication date. This module does that counting with our own
patterns over plain ``datetime`` arithmetic.

Every :class:`DateMention` carries the ISO date of the first day of the period
it names, the period itself (``first`` .. ``last``), its precision (day, week,
month or year), the words matched and their offsets.

The rules, for a publication date P (weeks run Monday to Sunday):

* ``yesterday`` P-1, ``today``/``this morning``/``earlier today`` P,
  ``tomorrow`` P+1, ``last night`` P-1, ``the day before yesterday`` P-2.
* ``last Thursday`` / ``this past Thursday``: the latest Thursday strictly before P.
  ``next Thursday``: the first Thursday strictly after P. ``this Thursday``:
  the Thursday of P's week.
* A bare or ``on`` weekday (``on Saturday``, ``Thursday``): news reports what
  happened, so it is the latest such day at or before P; with ``future=True``
  (the caller knows the clause is about the future) the first one at or after P.
* ``this week``: P's week, from its Monday to P. ``earlier this week``: the
  week of P-1, from its Monday to P-1 (so on a Monday it is the week before).
  ``later this week``: P+1 to the Sunday of that week. ``last week`` and
  ``next week``: the calendar week before or after P's. ``two weeks ago``:
  the calendar week holding P-14. Months and years follow the same scheme
  (``last month``, ``earlier this year``, ``three months ago``).
* ``three days ago`` P-3; ``over the weekend`` / ``last weekend``: the
  Saturday-Sunday before P (or P's own, when P falls on a weekend); ``this
  weekend``: the coming one (P's own on a weekend).
* Explicit dates (``February 23``, ``Feb. 23, 2017``, ``23 February 2017``,
  ``2017-02-23``, ``February 2017``, ``in March``, ``in 2016``). When the year
  is left out, the year that puts the date nearest to P is taken (ties go to
  the past); ``last March`` is the latest March before P's month, ``next
  March`` the first after it.
* Dates that refer to an earlier event of the text (``on the same day``,
  ``that day``, ``the day before``, ``the next day``, ``two days later``)
  count from ``carried``, the date already established for the text; without
  one they are not resolved.

>>> resolve_date("The minister arrived last Thursday.", "2017-02-27").date
'2017-02-23'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from accord.errors import InputError

__all__ = ["DateMention", "DatedText", "PRECISIONS", "dates_in", "parse_date", "resolve_date"]

#: granularities a date mention can have
PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMention:
    """A date named in a text: ``date`` is the first day of the period ``first``..``last``
    (ISO strings), ``start``/``end`` the offsets of ``text``, ``preposition`` the word
    just before it (``on``, ``by``, ``since``...) when there is one."""

    date: str
    start: int
    end: int
    text: str
    precision: str
    first: str
    last: str
    preposition: str | None = None


MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
_FULL_MONTHS = tuple(MONTHS)[:12]
WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2,
}
#: words that, just before a date, say how the date relates to the event
PREPOSITIONS = {"on", "in", "by", "until", "till", "since", "before", "after", "from", "during", "through", "of",
                "at", "as"}
#: prepositions that mark a deadline or a boundary rather than when the event happened
BOUNDARY_PREPOSITIONS = {"by", "until", "till", "since", "before", "after", "from", "through"}

# Month and weekday names must be capitalised ("a march", "may" are not dates);
# the words around them may be in any case.
_MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)" \
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z-])"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_NUMBER = r"(?P<number>\d{1,3}|(?i:a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
_UNIT = r"(?P<unit>(?i:day|week|month|year))(?i:s)?"


def parse_date(value: str | date | datetime | None) -> date | None:
    """A publication date as a :class:`date`; accepts ``YYYY-MM-DD`` (with an optional time part).

    Raises ``InputError`` E112 for a string that is not such a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?\s*$", str(value))
    try:
        if not match:
            raise ValueError(value)
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise InputError("E112", path="publication date", value=value) from None


# -- calendar helpers --------------------------------------------------------

def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date, shift: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(published: date, month: int, day: int, future: bool) -> date | None:
    """The date month/day in the year that puts it nearest to ``published`` (ties: the past)."""
    options = [d for d in (_safe_date(published.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if future:
        options = [d for d in options if d >= published]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - published).days), d > published))


def _number(text: str) -> int | None:
    """The count a number word or numeral stands for; None for a word that matched its pattern
    only through Unicode case folding ("ſix" with a long s), which is none of ours."""
    words = " ".join(text.lower().split())
    if words in NUMBERS:
        return NUMBERS[words]
    return int(words) if words.isdecimal() else None


# -- periods -----------------------------------------------------------------

Period = tuple[date, date, str]


def _day(day: date) -> Period:
    return (day, day, "day")


def _week(monday: date) -> Period:
    return (monday, monday + timedelta(days=6), "week")


def _month(first: date) -> Period:
    return (first, _month_end(first), "month")


def _year(year: int) -> Period:
    return (date(year, 1, 1), date(year, 12, 31), "year")


def _unit_ago(published: date, unit: str, count: int) -> Period:
    if unit == "day":
        return _day(published - timedelta(days=count))
    if unit == "week":
        return _week(_monday(published - timedelta(days=7 * count)))
    if unit == "month":
        return _month(_month_start(published, -count))
    return _year(published.year - count)


def _this_unit(published: date, unit: str, when: str) -> Period:
    """this / earlier this / later this / last / next week, month or year."""
    if when == "last":
        return _unit_ago(published, unit, 1)
    if when == "next":
        return _unit_ago(published, unit, -1)
    anchor = published - timedelta(days=1) if when == "earlier" else published
    anchor = published + timedelta(days=1) if when == "later" else anchor
    if unit == "week":
        first, last = _monday(anchor), _monday(anchor) + timedelta(days=6)
    elif unit == "month":
        first, last = _month_start(anchor), _month_end(anchor)
    else:
        first, last = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    if when == "earlier":
        last = anchor
    elif when == "later":
        first = anchor
    else:
        last = min(last, published)
    return (first, last, unit)


def _past_unit(published: date, unit: str) -> Period:
    """"the past week": the 7 (30, 365) days that end on the publication date."""
    length = {"week": 7, "month": 30, "year": 365}[unit]
    return (published - timedelta(days=length - 1), published, unit)


def _weekday(published: date, weekday: int, modifier: str, future: bool) -> Period:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier in ("last", "this past", "past"):
        return _day(published - timedelta(days=back or 7))
    if modifier == "next":
        return _day(published + timedelta(days=ahead or 7))
    if modifier == "this":
        return _day(_monday(published) + timedelta(days=weekday))
    if future:
        return _day(published + timedelta(days=ahead))
    return _day(published - timedelta(days=back))


def _weekend(published: date, coming: bool) -> Period:
    if published.weekday() >= 5:  # published on the weekend itself: that weekend
        saturday = published - timedelta(days=published.weekday() - 5)
    elif coming:
        saturday = published + timedelta(days=5 - published.weekday())
    else:
        saturday = published - timedelta(days=published.weekday() + 2)
    return (saturday, saturday + timedelta(days=1), "day")


# -- the patterns ------------------------------------------------------------

Context = tuple[date | None, date | None, bool]  # published, carried, future
Handler = Callable[[re.Match, Context, str], Period | None]


def _explicit_day(match: re.Match, context: Context, before: str) -> Period | None:
    published, _, future = context
    month, day = MONTHS[match.group("month").rstrip(".")], int(match.group("day"))
    if match.group("year"):
        found = _safe_date(int(match.group("year")), month, day)
    elif published is not None:
        found = _nearest_year(published, month, day, future)
    else:
        return None
    return _day(found) if found else None


def _iso(match: re.Match, context: Context, before: str) -> Period | None:
    found = _safe_date(int(match.group("year")), int(match.group("mon")), int(match.group("day")))
    return _day(found) if found else None


def _month_year(match: re.Match, context: Context, before: str) -> Period | None:
    return _month(date(int(match.group("year")), MONTHS[match.group("month").rstrip(".")], 1))


def _bare_month(match: re.Match, context: Context, before: str) -> Period | None:
    published, _, future = context
    modifier = (match.group("mod") or "").lower().rstrip("-").strip()
    if not modifier and before not in ("in", "since", "until", "till", "by", "during", "of", "from", "through"):
        return None  # a capitalised month alone ("May") is too often something else
    name = match.group("month")
    if published is None or (name not in _FULL_MONTHS and not name.endswith(".")):
        return None  # an abbreviation alone needs its dot ("in Jan." but not "Jan said")
    month = MONTHS[name.rstrip(".")]
    this = date(published.year, month, 1)
    if modifier == "last":
        first = this if month < published.month else date(published.year - 1, month, 1)
    elif modifier == "next":
        first = this if month > published.month else date(published.year + 1, month, 1)
    elif modifier == "this":
        first = this
    else:
        options = [date(published.year + k, month, 1) for k in (-1, 0, 1)]
        start = _month_start(published)
        if future:
            options = [d for d in options if d >= start]
        first = min(options, key=lambda d: (abs((d.year - start.year) * 12 + d.month - start.month), d > start))
    return _month(first)


def _in_year(match: re.Match, context: Context, before: str) -> Period | None:
    return _year(int(match.group("year")))


def _weekday_handler(match: re.Match, context: Context, before: str) -> Period | None:
    published, _, future = context
    if published is None:
        return None
    modifier = " ".join((match.group("mod") or "").lower().split())
    return _weekday(published, WEEKDAYS[match.group("weekday")], modifier, future)


_DAY_WORDS = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "last night": -1,
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "tomorrow": 1,
}


def _day_word(match: re.Match, context: Context, before: str) -> Period | None:
    published = context[0]
    if published is None:
        return None
    offset = _DAY_WORDS.get(" ".join(match.group(0).lower().split()))
    # None: the phrase matched only through Unicode case folding ("tonıght" with a dotless ı)
    return _day(published + timedelta(days=offset)) if offset is not None else None


def _this_unit_handler(match: re.Match, context: Context, before: str) -> Period | None:
    published = context[0]
    if published is None:
        return None
    when = (match.group("when") or "").lower()
    return _this_unit(published, match.group("unit").lower(), when)


def _past_unit_handler(match: re.Match, context: Context, before: str) -> Period | None:
    published = context[0]
    return _past_unit(published, match.group("unit").lower()) if published is not None else None


def _ago(match: re.Match, context: Context, before: str) -> Period | None:
    published = context[0]
    if published is None:
        return None
    count = _number(match.group("number"))
    return _unit_ago(published, match.group("unit").lower(), count) if count is not None else None


def _weekend_handler(match: re.Match, context: Context, before: str) -> Period | None:
    published = context[0]
    if published is None:
        return None
    coming = match.group(0).lower().startswith("this") and "past" not in match.group(0).lower()
    return _weekend(published, coming or context[2])


_CARRIED_WORDS = {
    "the same day": 0, "that same day": 0, "that day": 0, "the day before": -1, "the previous day": -1,
    "the day earlier": -1, "a day earlier": -1, "the next day": 1, "the following day": 1, "the day after": 1,
    "a day later": 1,
}


def _carried_word(match: re.Match, context: Context, before: str) -> Period | None:
    carried = context[1]
    if carried is None:
        return None
    offset = _CARRIED_WORDS.get(" ".join(match.group(0).lower().split()))
    return _day(carried + timedelta(days=offset)) if offset is not None else None  # None: as in _day_word


def _later(match: re.Match, context: Context, before: str) -> Period | None:
    carried = context[1]
    if carried is None:
        return None
    count = _number(match.group("number"))
    if count is None:
        return None
    sign = 1 if match.group("dir").lower() in ("later", "after") else -1
    unit = match.group("unit").lower()
    if unit == "day":
        return _day(carried + timedelta(days=sign * count))
    if unit == "week":
        return _day(carried + timedelta(days=sign * 7 * count))
    return None  # "two months later" is too vague to pin to a day


def _words(table: dict[str, int]) -> str:
    """An alternation of the table's phrases, longest first, any case, flexible spaces."""
    phrases = sorted(table, key=len, reverse=True)
    return "(?i:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + ")"


# Cheap tests for what a pattern needs before it can match anything: a digit, the first
# letters of a capitalised month (every name and abbreviation begins with one of these), a
# weekday's name, one of the day words, a unit of time as a word of its own (a unit, the
# weekend and the carried phrases all put one after a space). The case-insensitive words use
# the same ``(?i:)`` matching as the patterns, so that no text a pattern matches is ever skipped.
_CUES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "weekday": re.compile(_WEEKDAY),
    "day word": re.compile(r"(?i:yesterday|today|tomorrow|night|morning|afternoon|evening)"),
    "unit": re.compile(r"\b(?i:day|week|month|year)"),
}

#: (cues the pattern needs, pattern, handler): a text without the cues of a pattern skips its scan
_PATTERNS: list[tuple[frozenset[str], re.Pattern, Handler]] = [
    (frozenset({"digit"}), re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    (frozenset({"month", "digit"}), re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?"),
     _explicit_day),
    (frozenset({"month", "digit"}),
     re.compile(r"\b" + _DAY + r"\s+(?:(?i:of)\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?"), _explicit_day),
    (frozenset({"month", "digit"}), re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR), _month_year),
    (frozenset({"month"}), re.compile(r"(?:\b(?P<mod>(?i:last|next|this|early|late|mid-|mid)\s*))?\b" + _MONTH),
     _bare_month),
    (frozenset({"digit"}),
     re.compile(r"\b(?i:in|during|since|until|by|from)\s+(?P<span>(?:(?i:early|late|mid-)\s*)?" + _YEAR + ")"),
     _in_year),
    (frozenset({"weekday"}), re.compile(r"(?:\b(?P<mod>(?i:last|next|this\s+past|this|past))\s+)?\b" + _WEEKDAY),
     _weekday_handler),
    (frozenset({"day word"}), re.compile(r"\b" + _words(_DAY_WORDS) + r"\b"), _day_word),
    (frozenset({"unit"}),
     re.compile(r"\b(?:(?P<when>(?i:earlier|later))\s+)?(?i:this)\s+" + r"(?P<unit>(?i:week|month|year))\b"),
     _this_unit_handler),
    (frozenset({"unit"}), re.compile(r"\b(?P<when>(?i:last|next))\s+(?P<unit>(?i:week|month|year))\b"),
     _this_unit_handler),
    (frozenset({"unit"}), re.compile(r"\b(?i:the\s+)?(?i:past|last)\s+(?P<unit>(?i:week|month|year))\b"),
     _past_unit_handler),
    (frozenset({"unit"}), re.compile(r"\b" + _NUMBER + r"\s+" + _UNIT + r"\s+(?i:ago)\b"), _ago),
    (frozenset({"unit"}), re.compile(r"\b(?i:over\s+the|last|this\s+past|this|on\s+the)\s+(?i:weekend)\b"),
     _weekend_handler),
    (frozenset({"unit"}), re.compile(r"\b" + _words(_CARRIED_WORDS) + r"\b(?!\s+(?i:yesterday|tomorrow))"),
     _carried_word),
    (frozenset({"unit"}),
     re.compile(r"\b" + _NUMBER + r"\s+" + _UNIT + r"\s+(?P<dir>(?i:later|earlier|after|before))\b"), _later),
]

Found = tuple[int, int, re.Match, Handler]


def _scan(text: str) -> tuple[Found, ...]:
    """Every pattern match in ``text`` (start, end, match, handler), by start and longest first."""
    present = {name for name, cue in _CUES.items() if cue.search(text) is not None}
    if not present:
        return ()
    found: list[Found] = []
    for needs, pattern, handler in _PATTERNS:
        if not needs <= present:
            continue
        for match in pattern.finditer(text):
            # a pattern that needs a leading word to be sure ("in 2016") marks the date itself as "span"
            span = match.span("span") if "span" in pattern.groupindex else match.span()
            found.append((span[0], span[1], match, handler))
    # The longest match wins where matches overlap ("last Thursday" over "Thursday").
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    return tuple(found)


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 20):start])
    return match.group(1).lower() if match else ""


class DatedText:
    """A text scanned once for date phrases, to be resolved against any number of anchors.

    :func:`dates_in` and :func:`resolve_date` scan the text on every call; a caller that
    resolves the same sentence several times (once for the sentence, once per event)
    keeps one ``DatedText`` and pays for the scan once.

    >>> sentence = DatedText("They met on Monday and again two days later.")
    >>> [m.date for m in sentence.dates("2017-02-27", "2017-02-20")]
    ['2017-02-27', '2017-02-22']
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._found = _scan(text)
        # the dates already resolved, by anchors and offset
        self._resolved: dict[tuple[Context, int], list[DateMention]] = {}

    def dates(self, published: str | date | None, carried: str | date | None = None, *,
              future: bool = False, start_offset: int = 0) -> list[DateMention]:
        """What :func:`dates_in` returns for this text."""
        # the dates are checked first: a malformed one is an error even in a text without dates
        context: Context = (parse_date(published), parse_date(carried), future)
        key = (context, start_offset)
        if key not in self._resolved:
            self._resolved[key] = self._dates(context, start_offset)
        return list(self._resolved[key])

    def _dates(self, context: Context, start_offset: int) -> list[DateMention]:
        text = self.text
        mentions: list[DateMention] = []
        taken_until = -1
        for start, end, match, handler in self._found:
            if start < taken_until:
                continue
            before = _word_before(text, start)
            period = handler(match, context, before)
            if period is None:
                continue
            taken_until = end
            first, last, precision = period
            mentions.append(DateMention(
                date=first.isoformat(), start=start + start_offset, end=end + start_offset, text=text[start:end],
                precision=precision, first=first.isoformat(), last=last.isoformat(),
                preposition=before if before in PREPOSITIONS else None,
            ))
        return mentions

    def resolve(self, published: str | date | None, carried: str | date | None = None, *,
                future: bool = False, near: int | None = None) -> DateMention | None:
        """What :func:`resolve_date` returns for this text."""
        return _nearest(self.dates(published, carried, future=future), near)


def _nearest(mentions: list[DateMention], near: int | None = None) -> DateMention | None:
    """The date of the event among ``mentions`` (see :func:`resolve_date`), or None when there is none."""
    if not mentions:
        return None
    plain = [m for m in mentions if m.preposition not in BOUNDARY_PREPOSITIONS] or mentions
    if near is None:
        return plain[0]
    return min(plain, key=lambda m: (0 if m.start <= near < m.end else min(abs(m.start - near), abs(m.end - near))))


def dates_in(
    text: str,
    published: str | date | None,
    carried: str | date | None = None,
    *,
    future: bool = False,
    start_offset: int = 0,
) -> list[DateMention]:
    """Every date named in ``text``, resolved against ``published`` and ``carried``, in text order.

    ``start_offset`` is added to the offsets (pass a sentence's start to get
    offsets in the page text). Phrases that need a date to count from and
    have none are left out.

    >>> [m.date for m in dates_in("on Feb. 23, 2017 and two weeks ago", "2017-03-08")]
    ['2017-02-23', '2017-02-20']
    """
    return DatedText(text).dates(published, carried, future=future, start_offset=start_offset)


def resolve_date(
    text: str,
    published: str | date | None,
    carried: str | date | None = None,
    *,
    future: bool = False,
    near: int | None = None,
) -> DateMention | None:
    """The date of the event that ``text`` reports, or None when the text names no date.

    Dates that mark a boundary (``by last Friday``, ``since Monday``) are used only
    when there is no other; among the rest the one nearest to ``near`` (a
    position in ``text``, e.g. the trigger's) wins, or the first when ``near`` is None.

    >>> resolve_date("Kelly spoke on the same day.", "2017-02-27", carried="2017-02-23").date
    '2017-02-23'
    """
    return DatedText(text).resolve(published, carried, future=future, near=near)
