"""Resolution of one candidate mention to a CAMEO-style code, from what it says alone.

A code is a country (ISO 3166 alpha-3, or IGO/NGO for international bodies)
followed by sectors: "Mexican Foreign Minister X" -> ``MEXGOV``, "Burundian
militiamen" -> ``BDIMIL``, "Washington said" -> ``USAGOV``. Known people get the
code of the role they held on the document date. What a mention cannot settle
alone ("the president", "his country's government", "the former general") is
left ``pending`` for :mod:`accord.actors.coref`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from accord.actors.knowledge import Agent, DictionaryActor, KnowledgeBase, Organisation, Person, words_of
from accord.actors.mentions import Candidate
from accord.tokens import Tokens

#: sectors that are codes by themselves, without a country
INTERNATIONAL_SECTORS = ("IGO", "NGO", "IMG", "MNC")
#: which country-naming category wins inside one phrase
COUNTRY_ORDER = ("country", "demonym", "seat", "capital", "city")
#: dependency labels of a word acting for its referent ("Washington said", "Beijing's warning")
ACTING_DEPS = ("nsubj", "nsubjpass", "poss", "agent", "csubj", "dobj", "dative", "pobj", "conj", "appos")
#: prepositions after which a capital is where something happens, not who acts
LOCATIVE_PREPOSITIONS = ("in", "at", "near", "into", "inside", "outside", "around", "across", "through", "from",
                         "to", "toward", "towards", "via", "within", "throughout", "over")
#: words of a title phrase that do not name the office
NON_TITLE_WORDS = {"the", "a", "an", "his", "her", "its", "their", "this", "that", "s", "of"}


def combine(country: str | None, sector: str | None, prefix: str = "") -> str | None:
    """A code from its parts; None when there is no country (a bare sector says too little)."""
    if not country:
        # international bodies need no country ("human rights group" -> NGO)
        return prefix + sector if sector in INTERNATIONAL_SECTORS else None
    code = prefix + country
    if sector and not code.endswith(sector):
        code += sector
    return code


@dataclass
class Evidence:
    """What the words of one candidate say, before any decision."""

    people: list[Person]
    organisations: list[Organisation]
    actors: list[DictionaryActor]
    agent: Agent | None
    references: set[str]
    described: dict[str, str]
    country: str | None
    place_kind: str | None
    sector: str | None
    titled: bool
    head_atom: Any
    role: str | None  # the title or noun that gave the sector


def gather(c: Candidate, kb: KnowledgeBase, when: dt.date | None, tokens: Tokens) -> Evidence:
    """Collect the knowledge-base facts behind a candidate's words."""
    entries = [e for atom in c.atoms for e in atom.entries if not _partial_name(atom, e, c, tokens, kb)]
    keys: dict[str, list[str]] = {}  # category -> keys of its entries, in text order
    for e in entries:
        keys.setdefault(e.category, []).append(e.key)
    actors = list(dict.fromkeys(kb.actors[key] for key in keys.get("actor", ())))
    agents = [kb.agents[key] for key in keys.get("agent", ())]
    terms = [kb.sectors[e.key] for e in entries if e.category in ("title", "noun")]
    references = set(keys.get("reference", ()))
    described: dict[str, str] = {}
    for key in keys.get("description", ()):
        for attribute, value in kb.descriptions.get(key, ()):
            described.setdefault(attribute, value)
    # the place of the first category of COUNTRY_ORDER found, the first one of it in the text
    place_kind = next((category for category in COUNTRY_ORDER if category in keys), None)
    country = keys[place_kind][0] if place_kind else None
    actor_code = actors[0].code_on(when) if actors else None
    if country is None and actor_code and len(actor_code) == 3 and (terms or agents or references):
        # a user dictionary's country ("Gondor's Prime Minister X", "the Calenardhon government")
        country, place_kind, actors = actor_code, "country", []
    best_term = max(terms, key=lambda t: t.priority) if terms else None
    sector = best_term.sector if best_term else None
    agent = agents[0] if agents else None
    if agent is not None and agent.suffix:
        sector = agent.suffix  # a user's agent dictionary speaks for the user's ontology
    if sector is None and "sector" in described:
        sector = described["sector"]
    if sector is None and ("government" in references or place_kind == "seat"):
        sector = "GOV"
    return Evidence(
        people=list(dict.fromkeys(kb.people[key] for key in keys.get("person", ()))),
        organisations=list(dict.fromkeys(kb.organisations[key] for key in keys.get("organisation", ()))),
        actors=actors, agent=agent, references=references, described=described, country=country,
        place_kind=place_kind, sector=sector, titled=any(t.kind == "title" for t in terms),
        head_atom=next((a for a in c.atoms if a.start <= c.head < a.end), None),
        role=best_term.term if best_term else None,
    )


def resolve_candidate(candidate: Candidate, kb: KnowledgeBase, when: dt.date | None, doc: Any) -> None:
    """Fill ``kind``, ``code``, ``name``, ``role``, ``via`` and ``key`` of a candidate,
    or set ``pending`` when coreference must decide. ``doc`` is the spaCy ``Doc`` or,
    cheaper, its :class:`~accord.tokens.Tokens`."""
    c = candidate
    tokens = Tokens.of(doc)
    c.attributes["dep"] = tokens.dep[c.head]
    if c.pronoun:
        c.kind, c.via, c.pending, c.name = "person", "pronoun", "pronoun", c.text
        return
    ev = gather(c, kb, when, tokens)
    c.country, c.sector, c.role = ev.country, ev.sector, ev.role
    c.attributes.update(ev.described)
    if ev.place_kind == "demonym" and any(tokens.lower[a.start - 1] == "ethnic" for a in c.atoms
                                          if a.start > 0 and a.has("demonym")):
        # "ethnic Albanians in Macedonia" are coded by where they live (coreference decides)
        c.attributes["ethnic"] = ev.country
    c.attributes["title"] = " ".join(_title_words(c, tokens))
    head_atom = ev.head_atom
    if head_atom is not None and head_atom.has("reference") and not head_atom.has("person", "organisation"):
        _as_government(c, ev, kb, when)
    elif _unknown_place(c, tokens):
        c.kind, c.code, c.name, c.via, c.key = "place", None, c.text, "name", None
    elif ev.people:
        _as_known_person(c, ev, when)
    elif c.names and (any(s <= c.head < e for s, e in c.names) or not (c.plural and ev.sector)):
        _as_named_person(c, ev, tokens)
    elif ev.organisations:
        _as_organisation(c, ev)
    elif ev.actors:
        _as_dictionary_actor(c, ev, when)
    elif "country" in ev.references and not ev.sector:
        c.kind, c.name, c.via, c.pending = "country", c.text, "coref", "country"
        if ev.country:
            c.code, c.pending, c.key = ev.country, None, ("country", ev.country)
    elif ev.sector is not None or ev.agent is not None:
        _as_sector_phrase(c, ev, kb)
    elif ev.country is not None and head_atom is not None and head_atom.has("description"):
        # "head of the U.S. Southern Command": someone of that country, office unknown
        c.kind, c.code, c.name, c.via = "person", ev.country, c.text, "title"
        c.key = ("office", ev.country, c.attributes["title"])
    elif ev.country is not None and "ORG" in c.labels and tokens.ent_type[c.head] == "ORG" and head_atom is None:
        # an organisation the knowledge base does not know, named with its country ("U.S. Southern Command")
        c.kind, c.code, c.name, c.via = "organisation", ev.country, _strip_article(c.text), "name"
        c.key = ("organisation", c.name)
    elif ev.country is not None:
        _resolve_place(c, kb, ev.country, ev.place_kind, tokens)


def _as_government(c: Candidate, ev: Evidence, kb: KnowledgeBase, when: dt.date | None) -> None:
    """"the Trump administration", "Mexico's government": a country's government."""
    owner = ev.country
    if owner is None and ev.people:
        person = _active(ev.people, when)
        role = person.role_on(when)
        owner = role.code[:3] if role is not None and role.code else _last_country(person, when)
    c.kind, c.via = "country", "name"
    c.sector = "GOV" if "government" in ev.references else ev.sector
    c.country = owner
    c.code = combine(owner, c.sector)
    c.name = kb.countries[owner].name if owner in kb.countries else c.text
    c.key = ("country", c.code) if c.code else None
    if owner is None:
        c.pending = "country"


def _as_known_person(c: Candidate, ev: Evidence, when: dt.date | None) -> None:
    """A person of the knowledge base: the code of the role held on the date."""
    person = _active(ev.people, when)
    c.person, c.kind, c.name, c.key = person, "person", person.name, ("person", person.name)
    role = person.role_on(when)
    if role is not None and role.code:
        c.code, c.role, c.via = role.code, role.role, "name"
    else:
        c.code = combine(ev.country or _last_country(person, when), ev.sector)
        c.via = "title" if ev.sector else "name"


def _as_named_person(c: Candidate, ev: Evidence, tokens: Tokens) -> None:
    """A name the knowledge base does not know: its title and nationality, if any, make the code."""
    name = " ".join(tokens.span_text(s, e) for s, e in c.names)
    c.kind, c.name, c.key = "person", name, ("person", name)
    c.code = ev.organisations[0].code if ev.organisations else combine(ev.country, ev.sector)
    c.via = "title" if ev.sector else ("demonym" if ev.place_kind == "demonym" else "name")
    c.pending = "name"
    if c.code is None and ev.sector:
        c.attributes["countryless"] = ev.sector  # "President X": whose president, coreference guesses


def _as_organisation(c: Candidate, ev: Evidence) -> None:
    """A known organisation, or people of it ("UN peacekeepers", "the head of the agency")."""
    organisation = ev.organisations[0]
    c.code = organisation.code
    c.country = organisation.country or organisation.code[:3]
    head_in_name = any(a.start <= c.head < a.end and a.has("organisation") for a in c.atoms)
    if head_in_name:
        c.kind, c.name, c.via, c.key = "organisation", organisation.name, "name", ("organisation", organisation.name)
    elif not c.plural:
        c.kind, c.name, c.via, c.key = "person", c.text, "title", ("office", c.code, c.attributes["title"])
    else:
        c.kind, c.name, c.via, c.key = "group", c.text, "noun", ("group", c.code)


def _as_dictionary_actor(c: Candidate, ev: Evidence, when: dt.date | None) -> None:
    """An entry of a PETRARCH/TABARI actor dictionary, with its code on the date."""
    actor = ev.actors[0]
    base = actor.code_on(when)
    sector = ev.sector
    c.code = base + (sector if sector and not base.endswith(sector) else "") if base else None
    c.kind = "country" if base and len(base) == 3 else "organisation"
    c.name, c.via, c.key = _title_case(actor.phrase), "dictionary", ("actor", actor.phrase)


def _as_sector_phrase(c: Candidate, ev: Evidence, kb: KnowledgeBase) -> None:
    """A title or group noun, with a country when the phrase names one."""
    country, sector = ev.country, ev.sector
    c.code = combine(country, sector, ev.agent.prefix if ev.agent else "")
    c.via = "title" if ev.titled else "noun"
    person_like = not c.plural and (ev.titled or "sector" in ev.described)
    if "government" in ev.references or ev.place_kind == "seat":
        c.kind, c.name = "country", (kb.countries[country].name if country in kb.countries else c.text)
        c.key = ("country", c.code)
    elif person_like and c.indefinite:
        # "a senior official": someone new, never an earlier person
        c.kind, c.name = "person", c.text
        c.key = ("office", c.code, c.attributes["title"], c.start) if c.code else None
    elif person_like:
        c.kind, c.name, c.pending = "person", c.text, ("title" if ev.titled else "description")
        c.key = ("office", c.code, c.attributes["title"])
        return
    else:
        c.kind, c.name = "group", c.text
        c.key = ("group", c.code) if c.code else None
    if country is None:
        c.pending = "country"


def _resolve_place(c: Candidate, kb: KnowledgeBase, country: str, place_kind: str | None, tokens: Tokens) -> None:
    """A country name, demonym, capital, seat or city on its own."""
    head = c.head
    dep = tokens.dep[head]
    locative = dep == "pobj" and tokens.lower[tokens.head[head]] in LOCATIVE_PREPOSITIONS
    acting = not locative and (dep in ACTING_DEPS or (c.end < len(tokens) and tokens.tag[c.end] == "POS"))
    country_name = kb.countries[country].name if country in kb.countries else country
    if place_kind == "country":
        c.kind, c.code, c.name, c.via, c.key = "country", country, country_name, "name", ("country", country)
    elif place_kind == "demonym":
        c.code, c.via = country, "demonym"
        if c.plural and tokens.pos[head] in ("PROPN", "NOUN"):
            c.kind, c.name, c.key = "group", c.text, ("group", country)
        else:
            c.kind, c.name, c.key = "country", country_name, ("country", country)
    elif place_kind == "seat" or (place_kind == "capital" and acting):
        code = country + "GOV"
        c.kind, c.code, c.name, c.via, c.key = "country", code, country_name, "capital", ("country", code)
    else:
        c.kind, c.code, c.name, c.via, c.key = "place", country, c.text, "name", None


def _partial_name(atom: Any, entry: Any, c: Candidate, tokens: Tokens, kb: KnowledgeBase) -> bool:
    """A known person's alias inside a longer unknown name ("Kelly" in "Megyn Kelly"):
    a capitalised word right before or after it that nothing else explains."""
    if entry.category != "person":
        return False
    covered = {i for a in c.atoms for i in range(a.start, a.end)}
    for i in (atom.start - 1, atom.end):
        if not (c.start <= i < c.end) or i in covered or tokens.pos[i] != "PROPN":
            continue
        if tokens.ent_type[i] not in ("", "PERSON") or not tokens.text[i][:1].isupper():
            continue
        if any(a == "honorific" for word in words_of(tokens.text[i]) for a, _ in kb.descriptions.get(word, ())):
            continue
        return True
    return False


def _unknown_place(c: Candidate, tokens: Tokens) -> bool:
    """A place name that only contains a known one ("Latin America", "New Mexico"):
    a capitalised word of the same entity, known to nothing, stands right before it."""
    for atom in c.atoms:
        if not atom.has(*COUNTRY_ORDER) or atom.start <= c.start:
            continue
        before = atom.start - 1
        if tokens.pos[before] == "PROPN" and tokens.ent_type[before] in ("LOC", "GPE") \
                and tokens.ent_iob[atom.start] == "I" and not any(a.start <= before < a.end for a in c.atoms) \
                and tokens.text[before][:1].isupper():
            return True
    return False


def _active(people: list[Person], when: dt.date | None) -> Person:
    for person in people:
        role = person.role_on(when)
        if role is not None and role.code:
            return person
    return people[0]


def _last_country(person: Person, when: dt.date | None) -> str | None:
    """Country of the person's latest role begun before ``when``, else of their first role:
    offices change with the date, the country a person serves rarely does."""
    roles = [r for r in person.roles if r.code and (when is None or r.start is None or r.start <= when)]
    if roles:
        return max(roles, key=lambda r: r.start or dt.date.min).code[:3]
    later = [r for r in person.roles if r.code]
    return min(later, key=lambda r: r.start or dt.date.min).code[:3] if later else None


def _title_words(c: Candidate, tokens: Tokens) -> list[str]:
    """Words naming the office in a titled phrase: not names, places, determiners or time words."""
    skip: set[int] = set()
    for atom in c.atoms:
        if atom.has("country", "demonym", "capital", "city", "seat", "person"):
            skip.update(range(atom.start, atom.end))
        if atom.has("description") and not atom.has("title", "noun"):
            skip.update(range(atom.start, atom.end))
    for start, end in c.names:
        skip.update(range(start, end))
    words: list[str] = []
    for i in range(c.start, c.end):
        if i in skip or tokens.like_num[i]:
            continue
        for word in words_of(tokens.lemma[i] if tokens.tag[i] in ("NNS", "NNPS") else tokens.text[i]):
            if word not in NON_TITLE_WORDS:
                words.append(word)
    return words


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _title_case(phrase: str) -> str:
    return " ".join(w.capitalize() for w in phrase.replace("_", " ").split())
