"""The actor knowledge base: countries, organisations, office holders, sector terms.

Everything here is data read from files with validating loaders: the package's
own tables under ``accord/resources/actors/`` (CSV), and user dictionaries in
our CSV format or in the PETRARCH/TABARI actor and agent formats. A wrong line
raises ``KnowledgeError("E201")`` naming the file and line; a file that cannot
be read raises ``E202``.

>>> kb = load_knowledge()  # doctest: +SKIP
>>> kb.person("Kelly", "2017-02-23")  # doctest: +SKIP
('USAGOV', 'Secretary of Homeland Security', 'John Kelly')
>>> kb.country_of("Mexican")  # doctest: +SKIP
'MEX'
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from accord.errors import KnowledgeError

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "actors"

ORGANISATION_KINDS = ("igo", "ngo", "media", "party", "armed_group", "government_body",
                      "military_body", "company", "religious")
SECTOR_TERM_KINDS = ("title", "noun")
CODE_PATTERN = re.compile(r"^[A-Z0-9]{3,}$")
PEOPLE_COLUMNS = ("name", "aliases", "code", "role", "start", "end")
COUNTRY_COLUMNS = ("iso3", "iso2", "name", "aliases", "demonyms", "capital", "government_seats", "cities")
ORGANISATION_COLUMNS = ("name", "aliases", "code", "kind", "country")
SECTOR_COLUMNS = ("term", "sector", "kind", "priority")
DESCRIPTION_COLUMNS = ("term", "attribute", "value")
DESCRIPTION_ATTRIBUTES = ("sector", "time", "rank", "refers", "honorific", "office")


# --------------------------------------------------------------------------- text keys

@lru_cache(maxsize=1 << 16)
def words_of(text: str) -> tuple[str, ...]:
    """The lowercase alphanumeric words of ``text``, accents removed: the key every
    phrase of the knowledge base and every stretch of a document is matched on.
    Memoised: the same token texts and role titles come back document after document.

    >>> words_of("U.S. Secretary of State")
    ('u', 's', 'secretary', 'of', 'state')
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return tuple(re.findall(r"[a-z0-9]+", folded))


def plural_forms(phrase: str) -> tuple[str, ...]:
    """Regular English plurals of a phrase's last word ("secretary" -> "secretaries")."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if lower.endswith("man"):
        forms = [last[:-3] + "men"]
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        forms = [last + "es"]
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        forms = [last[:-1] + "ies"]
    else:
        forms = [last + "s"]
    return tuple((head + " " + form).strip() for form in forms)


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """An ISO date (``YYYY-MM-DD``), a date, or None."""
    if value is None or isinstance(value, dt.date):
        return value
    value = value.strip()
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class DatedCode:
    """A code valid between two dates (inclusive; None = open)."""

    code: str | None  # None for a null code ("---" in PETRARCH files)
    start: dt.date | None = None
    end: dt.date | None = None
    role: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def active(self, when: dt.date | None) -> bool:
        """Whether the code holds on ``when`` (an undated question matches any code)."""
        if when is None:
            return True
        if self.start is not None and when < self.start:
            return False
        return not (self.end is not None and when > self.end)


@dataclass(frozen=True)
class Person:
    """A person with all their date-bounded roles."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[DatedCode, ...] = ()

    def role_on(self, when: dt.date | None) -> DatedCode | None:
        """The role held on ``when``: the first dated match in file order, else the
        first undated role; with no date, the most recent role."""
        if when is None:
            dated = [r for r in self.roles if r.code]
            return max(dated, key=lambda r: r.start or dt.date.min) if dated else None
        for role in self.roles:
            if role.dated and role.active(when):
                return role
        for role in self.roles:
            if not role.dated:
                return role
        return None

    def held_sector(self, sector: str, before: dt.date | None = None) -> bool:
        """Whether any role (started before ``before``) had ``sector`` in its code or role."""
        for role in self.roles:
            if before is not None and role.start is not None and role.start > before:
                continue
            if role.code and sector in role.code[3:]:
                return True
        return False


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    government_seats: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    code: str
    kind: str
    country: str | None


@dataclass(frozen=True)
class SectorTerm:
    """A role title or a common noun naming a sector ("minister" -> GOV, "police" -> COP)."""

    term: str
    sector: str
    kind: str  # title | noun
    priority: int = 0


@dataclass(frozen=True)
class Agent:
    """A PETRARCH agent: a common noun phrase with a sector code to add to a country.

    ``prefix`` is set for codes like ``NGO~`` (the agent is placed before the country)."""

    phrase: str
    suffix: str = ""
    prefix: str = ""


@dataclass(frozen=True)
class DictionaryActor:
    """A PETRARCH/TABARI actor entry: a phrase, its synonyms and its codes."""

    phrase: str
    synonyms: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    path: str = ""
    line: int = 0

    def code_on(self, when: dt.date | None) -> str | None:
        """The first date-bounded code active on ``when``, else the first undated code."""
        if when is not None:
            for code in self.codes:
                if code.dated and code.active(when):
                    return code.code
        for code in self.codes:
            if not code.dated:
                return code.code
        if when is None and self.codes:
            return self.codes[-1].code
        return None


@dataclass(frozen=True)
class Entry:
    """What a phrase of the knowledge base stands for."""

    category: str  # person | organisation | country | demonym | capital | seat | city | title | noun | actor | agent | description
    key: str  # name of the person/organisation, iso3 of the country, sector term, ...
    phrase: str


# --------------------------------------------------------------------------- phrase index

@dataclass
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    stems: list[tuple[str, "_Node"]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def _advance(frontier: list["_Node"], word: str) -> list["_Node"]:
    """The trie nodes reached from ``frontier`` by one more word: its child for the word, and the
    stem nodes whose prefix the word starts with."""
    following: list[_Node] = []
    for node in frontier:
        child = node.children.get(word)
        if child is not None:
            following.append(child)
        if node.stems:
            following.extend(stem_node for prefix, stem_node in node.stems if word.startswith(prefix))
    return following


#: words whose :meth:`PhraseIndex.opens` answer is kept
_OPENERS_KEPT = 1 << 16


class PhraseIndex:
    """A word trie over every phrase of the knowledge base, for longest-match lookup.

    Words of PETRARCH phrases not followed by ``_`` are stems and match any word they begin.
    """

    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0
        self._openers: dict[str, bool] = {}  # word -> whether a phrase begins with it, see :meth:`opens`

    def add(self, words: Sequence[tuple[str, bool]], entry: Entry) -> None:
        """Add a phrase as (word, is_stem) pairs."""
        if not words:
            return
        self._openers.clear()
        node = self._root
        for word, stem in words:
            if stem:
                found = next((child for prefix, child in node.stems if prefix == word), None)
                if found is None:
                    found = _Node()
                    node.stems.append((word, found))
                node = found
            else:
                node = node.children.setdefault(word, _Node())
        if entry not in node.entries:
            node.entries.append(entry)
            self.size += 1

    def add_text(self, text: str, entry: Entry) -> None:
        words = words_of(text)
        self.add([(w, False) for w in words], entry)
        if len(words) > 1 and words[0] == "the":
            # "the Netherlands" is also found after another determiner or a possessive
            self.add([(w, False) for w in words[1:]], entry)

    def opens(self, word: str) -> bool:
        """Whether some phrase begins with ``word`` (as a whole word or through a stem):
        the quick test before :meth:`matches`, memoised per word."""
        found = self._openers.get(word)
        if found is None:
            root = self._root
            found = word in root.children or any(word.startswith(prefix) for prefix, _ in root.stems)
            if len(self._openers) >= _OPENERS_KEPT:  # a long run meets ever more words: stay bounded
                self._openers.clear()
            self._openers[word] = found
        return found

    def matches(self, words: Iterable[str]) -> Iterator[tuple[int, list[Entry]]]:
        """Every (length, entries) of phrases that ``words`` begins with."""
        frontier = [self._root]
        for length, word in enumerate(words, start=1):
            frontier = _advance(frontier, word)
            if not frontier:
                return
            entries = [e for node in frontier for e in node.entries]
            if entries:
                yield length, entries

    def token_matches(self, token_words: Sequence[tuple[str, ...]], start: int,
                      stop: int) -> list[tuple[int, list[Entry]]]:
        """Every (token end, entries) of phrases that the words of tokens ``start:stop``
        begin with and that end with a token (tokens without words are passed over), shortest
        first: :meth:`matches` over a run of tokens, with no generator to resume per word."""
        found: list[tuple[int, list[Entry]]] = []
        frontier = [self._root]
        for j in range(start, stop):
            words = token_words[j]
            if not words:
                continue
            for word in words:
                frontier = _advance(frontier, word)
                if not frontier:
                    return found
            entries = [e for node in frontier for e in node.entries]
            if entries:
                found.append((j + 1, entries))
        return found

    def lookup(self, text: str) -> list[Entry]:
        """The entries of exactly the phrase ``text``."""
        words = words_of(text)
        found: list[Entry] = []
        for length, entries in self.matches(words):
            if length == len(words):
                found = entries
        return found


# --------------------------------------------------------------------------- the knowledge base

class KnowledgeBase:
    """Countries, organisations, people with dated roles, sector terms and user dictionaries."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.sectors: dict[str, SectorTerm] = {}
        self.descriptions: dict[str, tuple[tuple[str, str], ...]] = {}
        self.offices: dict[str, str] = {}  # office word -> the synonym titles are compared on
        self.actors: dict[str, DictionaryActor] = {}
        self.agents: dict[str, Agent] = {}
        self.index = PhraseIndex()
        self._iso2: dict[str, str] = {}
        self._people_by_code: dict[str, list[Person]] = {}  # code prefix -> people with a role coded so

    # ----------------------------------------------------------------- building
    def add_country(self, country: Country) -> None:
        self.countries[country.iso3] = country
        if country.iso2:
            self._iso2[country.iso2.upper()] = country.iso3
        for name in (country.name, *country.aliases):
            self.index.add_text(name, Entry("country", country.iso3, name))
        for demonym in country.demonyms:
            self.index.add_text(demonym, Entry("demonym", country.iso3, demonym))
            for plural in plural_forms(demonym):
                self.index.add_text(plural, Entry("demonym", country.iso3, demonym))
        for capital in country.capitals:
            self.index.add_text(capital, Entry("capital", country.iso3, capital))
        for seat in country.government_seats:
            self.index.add_text(seat, Entry("seat", country.iso3, seat))
        for city in country.cities:
            self.index.add_text(city, Entry("city", country.iso3, city))

    def add_organisation(self, organisation: Organisation) -> None:
        self.organisations[organisation.name] = organisation
        for name in (organisation.name, *organisation.aliases):
            self.index.add_text(name, Entry("organisation", organisation.name, name))

    def add_person_role(self, name: str, aliases: Iterable[str], role: DatedCode) -> None:
        known = self.people.get(name)
        merged_aliases = tuple(dict.fromkeys((*(known.aliases if known else ()), *aliases)))
        roles = (*(known.roles if known else ()), role)
        self.people[name] = Person(name=name, aliases=merged_aliases, roles=roles)
        self._people_by_code.clear()
        for phrase in (name, *merged_aliases):
            self.index.add_text(phrase, Entry("person", name, phrase))

    def add_sector_term(self, term: SectorTerm) -> None:
        key = " ".join(words_of(term.term))
        known = self.sectors.get(key)
        if known is None or term.priority > known.priority:
            self.sectors[key] = term
        self.index.add_text(term.term, Entry(term.kind, key, term.term))
        for plural in plural_forms(term.term):
            self.index.add_text(plural, Entry(term.kind, key, term.term))

    def add_description(self, term: str, attribute: str, value: str) -> None:
        key = " ".join(words_of(term))
        self.descriptions[key] = (*self.descriptions.get(key, ()), (attribute, value))
        if attribute == "office":
            self.offices[key] = value
            return
        self.index.add_text(term, Entry("description", key, term))

    def add_dictionary_actor(self, actor: DictionaryActor) -> None:
        self.actors[actor.phrase] = actor
        for phrase in (actor.phrase, *actor.synonyms):
            self.index.add(_petrarch_words(phrase), Entry("actor", actor.phrase, phrase))

    def add_agent(self, agent: Agent, plurals: Sequence[str] | None) -> None:
        self.agents[agent.phrase] = agent
        forms = [agent.phrase, *(plurals if plurals is not None else plural_forms(agent.phrase))]
        for form in forms:
            self.index.add_text(form, Entry("agent", agent.phrase, form))

    # ----------------------------------------------------------------- queries
    def person(self, name: str, date: str | dt.date | None = None) -> tuple[str, str | None, str] | None:
        """``(code, role, canonical name)`` of the person called ``name`` on ``date``.

        ``name`` may be the full name or an alias (a surname when the file gives it);
        when several people share it, the one holding a role on ``date`` wins.
        Returns None for unknown names or when no role is active on the date.
        """
        when = parse_date(date)
        people = [self.people[e.key] for e in self.index.lookup(name) if e.category == "person"]
        for person in dict.fromkeys(people):
            role = person.role_on(when)
            if role is not None and role.code:
                return role.code, role.role, person.name
        actors = [self.actors[e.key] for e in self.index.lookup(name) if e.category == "actor"]
        for actor in actors:
            code = actor.code_on(when)
            if code:
                return code, None, _title_case(actor.phrase)
        return None

    def country_of(self, word: str) -> str | None:
        """ISO alpha-3 code of a country named by ``word``: a name, alias, ISO code,
        demonym, capital, government seat or city; None when unknown."""
        stripped = word.strip()
        if stripped.upper() in self.countries and stripped.isupper():
            return stripped.upper()
        if len(stripped) == 2 and stripped.isupper() and stripped in self._iso2:
            return self._iso2[stripped]
        order = ("country", "demonym", "capital", "seat", "city")
        entries = [e for e in self.index.lookup(stripped) if e.category in order]
        if not entries and stripped.lower().startswith("the "):
            entries = [e for e in self.index.lookup(stripped[4:]) if e.category in order]
        if not entries:
            return None
        return min(entries, key=lambda e: order.index(e.category)).key

    def sector_of(self, term: str) -> str | None:
        """The sector code of a title or common noun ("minister" -> "GOV")."""
        entries = [e for e in self.index.lookup(term) if e.category in ("title", "noun")]
        return self.sectors[entries[0].key].sector if entries else None

    def holders(self, country: str, title_words: Iterable[str], date: str | dt.date | None) -> list[Person]:
        """People whose role on ``date`` is in ``country`` and whose role title holds all
        ``title_words`` (lowercase words; "minister" also matches "secretary")."""
        when = parse_date(date)
        wanted = set(title_words)
        found: list[Person] = []
        for person in self._people_coded(country):
            role = person.role_on(when)
            if role is None or not role.code or not role.dated or not role.code.startswith(country):
                continue
            if wanted and self.title_matches(wanted, words_of(role.role or "")):
                found.append(person)
        return found

    def _people_coded(self, prefix: str) -> list[Person]:
        """The people (in ``people`` order) with any role whose code begins with ``prefix``:
        the only ones whose role on some date can; cached until a person is added."""
        found = self._people_by_code.get(prefix)
        if found is None:
            found = [person for person in self.people.values()
                     if any(role.code and role.code.startswith(prefix) for role in person.roles)]
            self._people_by_code[prefix] = found
        return found

    def title_matches(self, wanted: Iterable[str], have: Iterable[str]) -> bool:
        """Whether every office word of a title is among a role's ("Foreign Affairs Secretary"
        fits "Foreign Minister" when descriptions.csv makes secretary an office synonym of minister)."""
        wanted_words = _office_words(wanted, self.offices)
        return bool(wanted_words) and wanted_words <= _office_words(have, self.offices)


def _office_words(words: Iterable[str], offices: dict[str, str]) -> set[str]:
    """Title words with linking words dropped and synonyms mapped to one word."""
    filler = {"of", "the", "for", "and", "affairs", "s"}
    return {offices.get(w, w) for w in words if w not in filler}


def _title_case(phrase: str) -> str:
    return " ".join(w.capitalize() for w in re.split(r"[_\s]+", phrase) if w)


def _petrarch_words(phrase: str) -> list[tuple[str, bool]]:
    """A PETRARCH phrase as (word, is_stem): a word not followed by ``_`` is a stem."""
    words: list[tuple[str, bool]] = []
    for match in re.finditer(r"([^\s_]+)(_?)", phrase):
        parts = words_of(match.group(1))
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            words.append((part, last and not match.group(2)))
    return words


# --------------------------------------------------------------------------- loaders

def _open_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="strict").splitlines()
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1").splitlines()
    except OSError as exc:
        raise KnowledgeError("E202", path=str(path), detail=exc.strerror or str(exc)) from exc


def _read_csv(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with exactly ``columns`` (at least), as (line number, row)."""
    lines = _open_lines(path)
    reader = csv.reader(lines)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise KnowledgeError("E201", path=str(path), line=1, detail="empty file, expected a header") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise KnowledgeError("E201", path=str(path), line=1, detail=f"missing columns {', '.join(missing)}")
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            raise KnowledgeError("E201", path=str(path), line=line,
                                 detail=f"{len(row)} fields, expected {len(header)}")
        yield line, {h: cell.strip() for h, cell in zip(header, row)}


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _require(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row.get(name):
            raise KnowledgeError("E201", path=str(path), line=line, detail=f"empty {name}")


def _check_code(path: Path, line: int, code: str) -> None:
    if not CODE_PATTERN.match(code):
        raise KnowledgeError("E201", path=str(path), line=line, detail=f"invalid actor code {code!r}")


def _iso_date(path: Path, line: int, value: str) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        raise KnowledgeError("E201", path=str(path), line=line, detail=f"invalid date {value!r}") from None


def load_countries(kb: KnowledgeBase, path: Path) -> None:
    """Read ``countries.csv`` into ``kb``."""
    for line, row in _read_csv(path, COUNTRY_COLUMNS):
        _require(path, line, row, "iso3", "name")
        # regions (CAMEO codes such as AFR, MEA) have no ISO alpha-2 code
        if not re.fullmatch(r"[A-Z]{3}", row["iso3"]) or not re.fullmatch(r"([A-Z]{2})?", row["iso2"]):
            raise KnowledgeError("E201", path=str(path), line=line, detail="iso3/iso2 must be 3/2 capital letters")
        kb.add_country(Country(
            iso3=row["iso3"], iso2=row["iso2"], name=row["name"], aliases=_split(row["aliases"]),
            demonyms=_split(row["demonyms"]), capitals=_split(row["capital"]),
            government_seats=_split(row["government_seats"]), cities=_split(row["cities"]),
        ))


def load_organisations(kb: KnowledgeBase, path: Path) -> None:
    """Read an organisations CSV (``name,aliases,code,kind,country``) into ``kb``."""
    for line, row in _read_csv(path, ORGANISATION_COLUMNS):
        _require(path, line, row, "name", "code", "kind")
        _check_code(path, line, row["code"])
        if row["kind"] not in ORGANISATION_KINDS:
            raise KnowledgeError("E201", path=str(path), line=line,
                                 detail=f"kind {row['kind']!r} is not one of {', '.join(ORGANISATION_KINDS)}")
        kb.add_organisation(Organisation(name=row["name"], aliases=_split(row["aliases"]), code=row["code"],
                                         kind=row["kind"], country=row["country"] or None))


def load_people(kb: KnowledgeBase, path: Path) -> None:
    """Read a people CSV (``name,aliases,code,role,start,end``, one row per role) into ``kb``."""
    for line, row in _read_csv(path, PEOPLE_COLUMNS):
        _require(path, line, row, "name", "code")
        _check_code(path, line, row["code"])
        start, end = _iso_date(path, line, row["start"]), _iso_date(path, line, row["end"])
        if start and end and end < start:
            raise KnowledgeError("E201", path=str(path), line=line, detail="end date before start date")
        kb.add_person_role(row["name"], _split(row["aliases"]),
                           DatedCode(code=row["code"], start=start, end=end, role=row["role"] or None))


def load_sectors(kb: KnowledgeBase, path: Path) -> None:
    """Read ``sectors.csv`` (``term,sector,kind,priority``) into ``kb``."""
    for line, row in _read_csv(path, SECTOR_COLUMNS):
        _require(path, line, row, "term", "sector", "kind")
        if row["kind"] not in SECTOR_TERM_KINDS:
            raise KnowledgeError("E201", path=str(path), line=line, detail=f"kind must be title or noun")
        if not re.fullmatch(r"[A-Z]{3}([A-Z]{3})*", row["sector"]):
            raise KnowledgeError("E201", path=str(path), line=line, detail=f"invalid sector {row['sector']!r}")
        try:
            priority = int(row["priority"] or 0)
        except ValueError:
            raise KnowledgeError("E201", path=str(path), line=line, detail="priority must be an integer") from None
        kb.add_sector_term(SectorTerm(term=row["term"], sector=row["sector"], kind=row["kind"], priority=priority))


def load_descriptions(kb: KnowledgeBase, path: Path) -> None:
    """Read ``descriptions.csv`` (``term,attribute,value``): words of descriptions used by
    coreference ("general" -> sector MIL, "former" -> time past)."""
    for line, row in _read_csv(path, DESCRIPTION_COLUMNS):
        _require(path, line, row, "term", "attribute", "value")
        if row["attribute"] not in DESCRIPTION_ATTRIBUTES:
            raise KnowledgeError("E201", path=str(path), line=line,
                                 detail=f"attribute must be one of {', '.join(DESCRIPTION_ATTRIBUTES)}")
        kb.add_description(row["term"], row["attribute"], row["value"])


# ----------------------------------------------------------------- PETRARCH / TABARI

_COMMENT_BLOCK = re.compile(r"<!.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE_SPEC = re.compile(r"^(?P<code>\S+?)?\s*(?:(?P<op>[<>])\s*(?P<bound>\d+)|(?P<start>\d+)\s*-\s*(?P<end>\d+))?$")


def _strip_comments(text: str) -> list[str]:
    """Lines without ``<!-- -->`` blocks (kept as blank lines) and ``#`` comments."""
    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]


def _petrarch_date(path: Path, line: int, value: str) -> dt.date:
    """A TABARI date: YYMMDD (years up to 30 are 20YY) or YYYYMMDD."""
    try:
        if len(value) == 6:
            year = int(value[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(value[2:4]), int(value[4:6]))
        if len(value) == 8:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        pass
    raise KnowledgeError("E201", path=str(path), line=line, detail=f"invalid date {value!r} (YYMMDD or YYYYMMDD)")


def _petrarch_code(path: Path, line: int, block: str) -> DatedCode:
    """One ``[CODE]``, ``[CODE <date]``, ``[CODE >date]`` or ``[CODE date-date]`` block."""
    match = _DATE_SPEC.match(block.strip())
    if not match or not (match.group("code") or match.group("op") or match.group("start")):
        raise KnowledgeError("E201", path=str(path), line=line, detail=f"invalid code block [{block}]")
    code = match.group("code")
    if code is None or not re.fullmatch(r"[A-Za-z0-9~/+\-]+", code):
        raise KnowledgeError("E201", path=str(path), line=line, detail=f"invalid code block [{block}]")
    resolved = None if set(code) <= {"-", "+"} else code.upper().split("/")[0]
    start = end = None
    if match.group("op") == "<":
        end = _petrarch_date(path, line, match.group("bound")) - dt.timedelta(days=1)
    elif match.group("op") == ">":
        start = _petrarch_date(path, line, match.group("bound")) + dt.timedelta(days=1)
    elif match.group("start"):
        start = _petrarch_date(path, line, match.group("start"))
        end = _petrarch_date(path, line, match.group("end"))
        if end < start:
            raise KnowledgeError("E201", path=str(path), line=line, detail=f"date range ends before it starts [{block}]")
    return DatedCode(code=resolved, start=start, end=end)


def parse_petrarch_actors(path: str | Path, problems: list[KnowledgeError] | None = None) -> list[DictionaryActor]:
    """Parse a PETRARCH/TABARI actor dictionary.

    An entry is a phrase (words joined by ``_`` or spaces), optional ``+`` synonym
    lines and one or more code blocks, on the phrase line or on indented lines.
    Dates are YYMMDD (years up to 30 are 20YY) or YYYYMMDD: ``[C <D]`` holds before D,
    ``[C >D]`` after D, ``[C D1-D2]`` from D1 to D2 inclusive; on a given date the first
    matching bound in file order wins, else the undated code (``[---]`` codes as nothing).
    A word not followed by ``_`` is a stem ("ARGENTIN" matches "Argentina").

    A wrong line raises ``E201``; when a ``problems`` list is given, the error is
    appended to it instead and the line (or the code-less entry) is skipped.
    """
    path = Path(path)
    raw = _read_text(path)
    actors: list[DictionaryActor] = []
    current: dict | None = None

    def fail(line: int, detail: str) -> None:
        error = KnowledgeError("E201", path=str(path), line=line, detail=detail)
        if problems is None:
            raise error
        problems.append(error)

    def close() -> None:
        if current is None:
            return
        if not current["codes"]:
            fail(current["line"], f"actor {current['phrase']!r} has no [CODE]")
            return
        actors.append(DictionaryActor(phrase=current["phrase"], synonyms=tuple(current["synonyms"]),
                                      codes=tuple(current["codes"]), path=str(path), line=current["line"]))

    for number, line in enumerate(_strip_comments(raw), start=1):
        if not line.strip():
            continue
        if line.count("[") != line.count("]"):
            fail(number, "unbalanced [ ]")
            continue
        try:
            blocks = [_petrarch_code(path, number, b) for b in _CODE_BLOCK.findall(line)]
        except KnowledgeError as error:
            if problems is None:
                raise
            problems.append(error)
            continue
        words = _CODE_BLOCK.sub(" ", line).strip()
        if line.lstrip().startswith("+"):
            if current is None:
                fail(number, "synonym line before any actor")
                continue
            current["synonyms"].append(words.lstrip("+").strip())
            current["codes"].extend(blocks)
        elif line[0].isspace() or not words:
            if current is None or words:
                fail(number, "indented line outside an actor")
                continue
            current["codes"].extend(blocks)
        else:
            close()  # a phrase line after a code-less one: TABARI has no such form
            current = {"phrase": words, "synonyms": [], "codes": list(blocks), "line": number}
    close()
    return actors


def parse_petrarch_agents(path: str | Path,
                          problems: list[KnowledgeError] | None = None) -> list[tuple[Agent, tuple[str, ...] | None]]:
    """Parse a PETRARCH agent dictionary: ``PHRASE {plurals} [~SECTOR]`` lines, with
    ``!SET! = A, B`` substitution sets usable inside phrases.

    Returns (agent, plurals): plurals is None when the regular plural applies,
    an empty tuple for ``{}`` (no plural), or the listed forms. Wrong lines raise
    ``E201``, or go to ``problems`` (and are skipped) when that list is given.
    """
    path = Path(path)
    lines = _strip_comments(_read_text(path))
    sets: dict[str, list[str]] = {}
    agents: list[tuple[Agent, tuple[str, ...] | None]] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text:
            continue
        definition = re.fullmatch(r"(![A-Z0-9_]+!)\s*=\s*(.+)", text)
        if definition:
            sets[definition.group(1)] = [w.strip() for w in definition.group(2).split(",") if w.strip()]
            continue
        try:
            agents.extend(_agent_line(path, number, text, sets))
        except KnowledgeError as error:
            if problems is None:
                raise
            problems.append(error)
    return agents


def _agent_line(path: Path, number: int, text: str,
                sets: dict[str, list[str]]) -> list[tuple[Agent, tuple[str, ...] | None]]:
    """The agents of one ``PHRASE {plurals} [~CODE]`` line."""
    match = re.fullmatch(r"(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[\s*(?P<code>[^\]]*?)\s*\]", text)
    if not match or "~" not in match.group("code"):
        raise KnowledgeError("E201", path=str(path), line=number,
                             detail="expected PHRASE {plurals} [~CODE] or !SET! = words")
    prefix, _, suffix = match.group("code").partition("~")
    if not re.fullmatch(r"[A-Z0-9]*", prefix + suffix):
        raise KnowledgeError("E201", path=str(path), line=number, detail=f"invalid agent code {match.group('code')!r}")
    plural_text = match.group("plural")
    plurals: tuple[str, ...] | None = None
    if plural_text is not None:
        plurals = tuple(p.strip().replace("_", " ") for p in plural_text.split(",") if p.strip())
    return [(Agent(phrase=phrase, suffix=suffix, prefix=prefix), plurals)
            for phrase in _expand_sets(path, number, match.group("phrase"), sets)]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_text(encoding="latin-1")
    except OSError as exc:
        raise KnowledgeError("E202", path=str(path), detail=exc.strerror or str(exc)) from exc


def _expand_sets(path: Path, line: int, phrase: str, sets: dict[str, list[str]]) -> list[str]:
    """A phrase with each ``!SET!`` replaced by each of its words, ``_`` as spaces."""
    marker = re.search(r"![A-Z0-9_]+!", phrase)
    if marker is None:
        return [re.sub(r"[_\s]+", " ", phrase).strip()]
    if marker.group(0) not in sets:
        raise KnowledgeError("E201", path=str(path), line=line, detail=f"undefined substitution set {marker.group(0)}")
    expanded: list[str] = []
    for word in sets[marker.group(0)]:
        expanded.extend(_expand_sets(path, line, phrase[:marker.start()] + word + phrase[marker.end():], sets))
    return expanded


def _is_agent_file(path: Path) -> bool:
    """Agent files code common nouns with ``[~SECTOR]``; actor files never use ``~``."""
    for line in _strip_comments(_read_text(path)):
        blocks = _CODE_BLOCK.findall(line)
        if blocks:
            return any("~" in block for block in blocks)
    return False


def load_user_dictionary(kb: KnowledgeBase, path: str | Path, agents: bool | None = None,
                         problems: list[KnowledgeError] | None = None) -> None:
    """Load a user dictionary into ``kb``: our CSV (people or organisations columns) or
    a PETRARCH/TABARI actor or agent file (``agents=None`` tells them apart).

    A wrong line raises ``E201``; with a ``problems`` list, wrong lines of a
    PETRARCH/TABARI file are collected there and skipped (CSV files stay strict).
    """
    path = Path(path)
    if not path.is_file():
        raise KnowledgeError("E202", path=str(path), detail="no such file")
    if path.suffix.lower() == ".csv":
        header = set(next(csv.reader(_open_lines(path)[:1]), []))
        if set(PEOPLE_COLUMNS) <= header:
            load_people(kb, path)
        elif set(ORGANISATION_COLUMNS) <= header:
            load_organisations(kb, path)
        else:
            raise KnowledgeError("E201", path=str(path), line=1,
                                 detail="header must hold the people.csv or organisations.csv columns")
        return
    if path.suffix.lower() in (".yaml", ".yml"):
        raise KnowledgeError("E202", path=str(path), detail="YAML dictionaries need PyYAML, not installed; use CSV")
    if agents is None:
        agents = _is_agent_file(path)
    if agents:
        for agent, plurals in parse_petrarch_agents(path, problems):
            kb.add_agent(agent, plurals)
    else:
        for actor in parse_petrarch_actors(path, problems):
            kb.add_dictionary_actor(actor)


def build_knowledge(resource_dir: str | Path = RESOURCES, extra_actor_files: Sequence[str | Path] = (),
                    extra_agent_files: Sequence[str | Path] = ()) -> KnowledgeBase:
    """Build a knowledge base from a folder of tables (those present) and user dictionaries."""
    folder = Path(resource_dir)
    kb = KnowledgeBase()
    loaders = (("countries.csv", load_countries), ("organisations.csv", load_organisations),
               ("people.csv", load_people), ("sectors.csv", load_sectors),
               ("descriptions.csv", load_descriptions))
    for name, loader in loaders:
        if (folder / name).is_file():
            loader(kb, folder / name)
    for path in extra_actor_files:
        load_user_dictionary(kb, path)
    for path in extra_agent_files:
        load_user_dictionary(kb, path, agents=True)
    return kb


@lru_cache(maxsize=8)
def _cached(extra_actor_files: tuple[str, ...], extra_agent_files: tuple[str, ...]) -> KnowledgeBase:
    return build_knowledge(RESOURCES, extra_actor_files, extra_agent_files)


def load_knowledge(extra_actor_files: Sequence[str | Path] = (),
                   extra_agent_files: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The package's knowledge base plus user dictionaries, loaded once per set of files.

    ``extra_actor_files`` may hold our CSV files or PETRARCH actor or agent files
    (told apart by their codes); ``extra_agent_files`` are read as agent files.
    """
    return _cached(tuple(str(p) for p in extra_actor_files), tuple(str(p) for p in extra_agent_files))
