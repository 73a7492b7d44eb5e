"""Coreference within one document: linking mentions that stand for the same actor.

Works on resolved :class:`~accord.actors.mentions.Candidate` objects in text order:

- short names to full names ("Kelly" -> "John Kelly", also across the headline);
- appositions ("the head of the agency, John Kelly");
- titles alone or with a country ("the president", "the U.S. Secretary of Homeland
  Security", "his president"): an earlier holder of that title in the document,
  else the knowledge base's holder on the document date, else a later one;
- descriptions ("the former general", "the Mexican top official", "the real
  estate mogul"): the latest person whose country and sector (now, or in any
  earlier role for "former") fit, with the description words read from
  ``descriptions.csv``;
- pronouns ("he", "his president", "his country's government") through the
  latest person before them;
- plural titles ("the two secretaries") as the group of the latest holders;
- group nouns and titled names with no country ("police", "President X"): the one
  country their sentence names, else (for titled names) the document's main country;
- ethnic groups ("ethnic Albanians ... in Macedonia"): the country they live in.

Nothing here names a particular person or document.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from accord.actors.knowledge import KnowledgeBase, Person, words_of
from accord.actors.mentions import Candidate
from accord.tokens import Tokens

#: how many sentences back a pronoun or "the country" may look for its antecedent
WINDOW = 2
#: words of a description that say when, not what
TIME_WORDS = {"former", "ex", "new", "incoming", "current", "sitting", "onetime", "retired", "outgoing"}


def main_country(candidates: list[Candidate]) -> str | None:
    """The country the document is most about: the most frequent country part of its codes."""
    counts = Counter(c.code[:3] for c in candidates
                     if c.code and c.kind != "place" and c.code[:3] not in ("IGO", "NGO") and not c.parts)
    return counts.most_common(1)[0][0] if counts else None


def link(candidates: list[Candidate], kb: KnowledgeBase, when: dt.date | None, doc: Any) -> None:
    """Resolve every ``pending`` candidate in place, in text order. ``doc`` is the spaCy
    ``Doc`` or, cheaper, its :class:`~accord.tokens.Tokens`."""
    tokens = Tokens.of(doc)
    _link_names(candidates)
    _link_appositions(candidates, tokens)
    home = main_country(candidates)
    for index, c in enumerate(candidates):
        if not c.pending or c.parts:
            continue
        before = [p for p in candidates[:index] if p.kind == "person" and p.key and p.key[0] == "person"
                  and not p.parts and p.end <= c.start]
        if c.pending == "pronoun":
            _link_pronoun(c, before)
        elif c.pending == "title" and c.plural:
            _link_plural_title(c, before, kb)
        elif c.pending == "title":
            after = [p for p in candidates[index + 1:] if p.kind == "person" and p.key and p.key[0] == "person"]
            if c.attributes.get("time") == "past":
                # "the former general" holds no such office now: a description, not a title
                _link_description(c, before, kb, when, _described_sectors(candidates, tokens))
            elif not _link_title(c, before, after, kb, when, home) and (
                    "time" in c.attributes or "sector" in c.attributes):
                _link_description(c, before, kb, when, _described_sectors(candidates, tokens))
        elif c.pending == "description":
            _link_description(c, before, kb, when, _described_sectors(candidates, tokens))
        elif c.pending == "country" and c.plural and c.kind == "group" and c.definite and c.sector:
            _link_plural_title(c, before, kb)
        elif c.pending == "country":
            _link_country(c, candidates[:index], before, kb, home, candidates[index + 1:])
        c.pending = None
    for c in candidates:
        if "ethnic" in c.attributes:
            _place_ethnic_group(c, candidates)
        if "countryless" in c.attributes and c.code is None and c.key and c.key[0] == "person":
            _place_titled_person(c, candidates, home)


def _place_titled_person(c: Candidate, candidates: list[Candidate], home: str | None) -> None:
    """"President X" of no stated country: the one country of the sentence, else the
    document's main country."""
    countries = {p.code[:3] for p in candidates if p.sentence == c.sentence and p.code and not p.parts
                 and p.code[:3] not in ("IGO", "NGO") and p.key != c.key}
    country = countries.pop() if len(countries) == 1 else home
    if country is None:
        return
    c.code, c.country, c.via = country + c.attributes["countryless"], country, "coref"
    for other in candidates:
        if other.key == c.key and other.code is None:
            other.code, other.country = c.code, country


def _place_ethnic_group(c: Candidate, candidates: list[Candidate]) -> None:
    """An ethnic group takes the country it lives in: another country of its sentence."""
    own = c.attributes["ethnic"]
    others = [p.code[:3] for p in candidates if p.sentence == c.sentence and p is not c and p.code
              and p.code[:3] != own and p.code[:3] not in ("IGO", "NGO") and not p.parts]
    if others and c.code:
        c.code = others[0] + c.code[3:]
        c.country = others[0]
        c.key = (c.key[0], c.code) if c.key else None


def _surname_forms(name: str) -> set[str]:
    words = words_of(name)
    return {words[-1], words[0]} if len(words) >= 2 else set()


def _link_names(candidates: list[Candidate]) -> None:
    """A one-word name stands for the full name of the document that ends or begins with it."""
    full = [c for c in candidates if c.kind == "person" and c.key and c.key[0] == "person"
            and len(words_of(c.name or "")) >= 2]
    for c in candidates:
        if c.pending != "name":
            continue
        c.pending = None
        words = words_of(c.name or "")
        if len(words) != 1:
            continue
        matches = [f for f in full if words[0] in _surname_forms(f.name or "")]
        if not matches:
            continue
        preceding = [f for f in matches if f.start < c.start]
        source = preceding[-1] if preceding else matches[0]
        _copy(c, source, via="coref" if c.via == "name" else c.via)


def _copy(target: Candidate, source: Candidate, via: str = "coref") -> None:
    """Make ``target`` stand for the same actor as ``source``."""
    target.kind, target.key, target.name = source.kind, source.key, source.name
    target.code, target.role, target.person = source.code, source.role or target.role, source.person
    target.country = source.country
    target.via = via
    target.pending = None


def _from_person(target: Candidate, person: Person, when: dt.date | None) -> bool:
    role = person.role_on(when)
    if role is None or not role.code:
        return False
    target.kind, target.key, target.name, target.person = "person", ("person", person.name), person.name, person
    target.code, target.role, target.via, target.pending = role.code, role.role, "coref", None
    return True


def _link_appositions(candidates: list[Candidate], tokens: Tokens) -> None:
    """"TITLE, NAME" and "NAME, TITLE" side by side are one person."""
    starting = {c.start: c for c in reversed(candidates) if not c.parts}
    for first in candidates:
        second = starting.get(first.end + 1)
        if second is None or first.end >= len(tokens) or tokens.text[first.end] != ",":
            continue
        named, titled = (first, second) if first.key and first.key[0] == "person" else (second, first)
        if not (named.key and named.key[0] == "person"):
            continue
        if titled.pending not in ("title", "description") and not (titled.key and titled.key[0] == "office"):
            continue
        if titled.plural or titled.possessor:
            continue
        _copy(titled, named)


def _title_set(c: Candidate) -> set[str]:
    return set(c.attributes.get("title", "").split()) - TIME_WORDS


def _role_words(p: Candidate) -> set[str]:
    words = set(words_of(p.role or ""))
    words |= set(p.attributes.get("title", "").split())
    return words


def _country_of(c: Candidate) -> str | None:
    return c.code[:3] if c.code else c.country


def _link_title(c: Candidate, before: list[Candidate], after: list[Candidate], kb: KnowledgeBase,
                when: dt.date | None, home: str | None) -> bool:
    """Link a title to its holder; False when none was found."""
    country = c.country
    if c.possessor:
        owner = _latest(before, c)
        country = _country_of(owner) if owner else country
    wanted = _title_set(c)
    for pool in (reversed(before),):
        for p in pool:
            if country and _country_of(p) != country:
                continue
            if wanted and kb.title_matches(wanted, _role_words(p)):
                _copy(c, p)
                return True
    holders = kb.holders(country or home or "", wanted, when) if (country or home) else []
    if holders and _from_person(c, holders[0], when):
        return True
    for p in after:
        if country and _country_of(p) != country:
            continue
        if wanted and kb.title_matches(wanted, _role_words(p)):
            _copy(c, p)
            return True
    if country and not c.code:
        c.code = country + (c.sector or "")
        c.key = ("office", c.code, c.attributes.get("title", ""))
    return False


def _latest(before: list[Candidate], c: Candidate) -> Candidate | None:
    """The latest person before ``c`` within the window, subjects first."""
    near = [p for p in before if c.sentence - p.sentence <= WINDOW]
    if not near:
        return None
    same = [p for p in near if p.sentence == c.sentence]
    pool = same or near
    return pool[-1]


def _link_pronoun(c: Candidate, before: list[Candidate]) -> None:
    near = [p for p in before if c.sentence - p.sentence <= WINDOW]
    if not near:
        c.kind, c.key = "person", None
        return
    subjects = [p for p in near if p.attributes.get("dep") in ("nsubj", "nsubjpass")]
    source = (subjects or near)[-1]
    _copy(c, source, via="pronoun")


def _link_plural_title(c: Candidate, before: list[Candidate], kb: KnowledgeBase) -> None:
    """"the two secretaries": the latest distinct persons holding that title."""
    wanted = {w[:-2] + "y" if w.endswith("ies") else w.rstrip("s") for w in _title_set(c)}
    chosen: list[Candidate] = []
    for p in reversed(before):
        if p.key in {q.key for q in chosen}:
            continue
        if wanted and kb.title_matches(wanted, _role_words(p)):
            chosen.append(p)
        if c.number and len(chosen) == c.number:
            break
    if len(chosen) < 2:
        return
    chosen.reverse()
    codes = {q.code for q in chosen}
    c.kind, c.via = "group", "coref"
    c.name = " and ".join(q.name or "" for q in chosen)
    c.code = codes.pop() if len(codes) == 1 else None
    c.key = ("group", c.code, c.name)


def _link_description(c: Candidate, before: list[Candidate], kb: KnowledgeBase, when: dt.date | None,
                      past_sectors: dict[tuple, set[str]]) -> None:
    sector = c.attributes.get("sector") or c.sector
    past = c.attributes.get("time") == "past"
    people: list[Candidate] = []
    for p in reversed(before):
        if p.key not in {q.key for q in people}:
            people.append(p)

    def fits_country(p: Candidate) -> bool:
        return not c.country or _country_of(p) == c.country

    def fits_sector(p: Candidate) -> bool | None:
        """True or False when the sector can be checked, None when nothing is known."""
        if not sector:
            return True
        now = bool(p.code and sector in p.code[3:])
        if now and not past:
            return True
        if c.attributes.get("time") == "current":
            return now
        if sector in past_sectors.get(p.key, set()) or (p.person and p.person.held_sector(sector, when)):
            return True
        return False if p.person is not None else None

    def near(p: Candidate) -> bool:
        return c.sentence - p.sentence <= WINDOW

    # Offices in the knowledge base are not whole careers: only a description that says
    # "former" insists on a role it can check; others take a recent person of the right country.
    tests = [lambda p: near(p) and fits_country(p) and fits_sector(p) is True,
             lambda p: near(p) and fits_country(p) and (fits_sector(p) is not False or not past),
             lambda p: fits_country(p) and fits_sector(p) is True]
    for test in tests:
        for p in people:
            if test(p):
                _copy(c, p)
                return
    if c.country:
        c.code = c.country + (sector or "")
        c.kind, c.key = "person", ("office", c.code, c.attributes.get("title", ""))


def _link_country(c: Candidate, earlier: list[Candidate], before: list[Candidate], kb: KnowledgeBase,
                  home: str | None, after: list[Candidate]) -> None:
    """"the country", "his country's government", "police": the country they belong to."""
    country = None
    if c.possessor:
        owner = _latest(before, c)
        country = _country_of(owner) if owner else None
    elif c.kind in ("group", "person"):
        # "Police fired on protesters in Nairobi": the one country its sentence names
        countries = {p.code[:3] for p in earlier + after if p.sentence == c.sentence and p.code and not p.parts
                     and p.code[:3] not in ("IGO", "NGO") and p is not c}
        country = countries.pop() if len(countries) == 1 else None
    elif c.kind == "country":
        near = [p for p in earlier if p.code and p.kind != "place" and c.sentence - p.sentence <= WINDOW
                and p.code[:3] not in ("IGO", "NGO") and p.end <= c.start]
        country = near[-1].code[:3] if near else home
    if country is None:
        return
    c.country = country
    c.code = country + (c.sector or "") if c.kind == "country" else (c.code or country + (c.sector or ""))
    c.via = "coref" if not c.possessor else "pronoun"
    if c.kind == "country":
        c.name = kb.countries[country].name if country in kb.countries else country
        c.key = ("country", c.code)
    elif c.kind == "person":
        c.key = ("office", c.code, c.attributes.get("title", ""), c.start)
    else:
        c.key = ("group", c.code)


def _described_sectors(candidates: list[Candidate], tokens: Tokens) -> dict[tuple, set[str]]:
    """Sectors a person is described as having held: "his tenure as head of the U.S.
    Southern Command" gives its subject the sector of that organisation."""
    found: dict[tuple, set[str]] = {}
    for c in candidates:
        if c.kind != "organisation" or not c.code or len(c.code) < 6:
            continue
        sentence_start = tokens.sentences[tokens.sentence[c.start]][0]
        owner = next((i for i in range(sentence_start, c.start) if tokens.lower[i] in ("his", "her")), None)
        if owner is None:
            continue
        people = [p for p in candidates if p.key and p.key[0] == "person" and p.sentence == c.sentence
                  and p.start < owner]
        if people:
            found.setdefault(people[-1].key, set()).add(c.code[3:6])
    return found
