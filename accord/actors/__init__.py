"""Actors: who acts in a document, resolved to CAMEO-style codes, with coreference.

>>> from accord import nlp
>>> from accord.records import build_page
>>> page = build_page("d1", [("Mexican Foreign Minister Luis Videgaray met U.S. troops.", None, "body")])
>>> actors, mentions = resolve_actors(page, nlp.parse(page.text), date="2017-02-23")  # doctest: +SKIP
>>> [(a.name, a.code) for a in actors]  # doctest: +SKIP
[('Luis Videgaray', 'MEXGOV'), ('U.S. troops', 'USAMIL')]

Stages: :mod:`~accord.actors.mentions` finds candidate stretches,
:mod:`~accord.actors.resolve` codes each alone, :mod:`~accord.actors.coref`
links what needs the rest of the document, and :func:`resolve_actors` groups
the mentions into :class:`~accord.records.Actor` records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from accord.actors.coref import link
from accord.actors.knowledge import KnowledgeBase, load_knowledge, parse_date
from accord.actors.mentions import Candidate, find_candidates
from accord.actors.resolve import resolve_candidate
from accord.tokens import Tokens
from accord.errors import InputError
from accord.records import Actor, ActorMention, Mention, Page

__all__ = ["KnowledgeBase", "load_knowledge", "resolve_actors"]


def resolve_actors(page: Page, doc: Any, kb: KnowledgeBase | None = None,
                   date: str | dt.date | None = None) -> tuple[list[Actor], list[ActorMention]]:
    """The actors of ``page`` and every resolved mention, from the spaCy ``doc`` of ``page.text``.

    ``date`` (ISO ``YYYY-MM-DD``; default the page's publication date) decides which
    role a known person held. Mentions keep exact offsets into ``page.text``; a
    compound mention ("Kelly and Tillerson") comes with one mention per part.
    Place names that are not actors come back as mentions of kind ``place``.
    """
    kb = kb or load_knowledge()
    raw_date = date if date is not None else page.published
    try:
        when = parse_date(raw_date)
    except ValueError:
        raise InputError("E112", path=page.doc_id, value=raw_date) from None
    tokens = Tokens.of(doc)  # read from the Doc once; the event coder reuses it
    candidates = find_candidates(tokens, kb)
    for candidate in candidates:
        resolve_candidate(candidate, kb, when, tokens)
    link(candidates, kb, when, tokens)
    for candidate in candidates:
        if candidate.parts:
            _resolve_compound(candidate)
    candidates = sorted(candidates + _name_parts(candidates, tokens), key=lambda c: (c.start, -c.end))
    return _assemble(page.doc_id, candidates)


def _name_parts(candidates: list[Candidate], tokens: Tokens) -> list[Candidate]:
    """The bare name inside a titled mention ("Rex Tillerson" in "U.S. Secretary of State
    Rex Tillerson"), as a mention of the same person."""
    taken = {(c.start, c.end) for c in candidates}
    extra: list[Candidate] = []
    for c in candidates:
        if not (c.key and c.key[0] == "person" and c.names) or c.parts:
            continue
        start, end = c.names[0][0], c.names[-1][1]
        if (start, end) == (c.start, c.end) or (start, end) in taken:
            continue
        extra.append(dataclasses.replace(c, start=start, end=end, start_char=tokens.start_char(start),
                                         end_char=tokens.end_char(end), text=tokens.span_text(start, end),
                                         parts=[], parent=c))
        taken.add((start, end))
    return extra


def _resolve_compound(candidate: Candidate) -> None:
    codes = {part.code for part in candidate.parts}
    candidate.kind, candidate.via, candidate.key = "group", "compound", None
    candidate.code = codes.pop() if len(codes) == 1 else None
    candidate.name = " and ".join(part.name or part.text for part in candidate.parts)
    candidate.role = None


def _assemble(doc_id: str, candidates: list[Candidate]) -> tuple[list[Actor], list[ActorMention]]:
    order: dict[tuple, int] = {}
    grouped: dict[tuple, list[Candidate]] = {}
    for c in candidates:
        if c.key is None or c.kind in (None, "place") or c.parts:
            continue
        if c.key not in order:
            order[c.key] = len(order)
        grouped.setdefault(c.key, []).append(c)
    actors: list[Actor] = []
    for key, members in grouped.items():
        named = [m for m in members if m.via in ("name", "dictionary", "title", "demonym", "capital", "noun")] or members
        code = next((m.code for m in named if m.code), None)
        name = max((m.name or m.text for m in named), key=len) if key[0] != "person" else key[1]
        role = next((m.role for m in named if m.role), None)
        actors.append(Actor(
            doc_id=doc_id, name=name, code=code, role=role, kind=named[0].kind or "group",
            mentions=tuple(Mention(text=m.text, start=m.start_char, end=m.end_char, sentence_index=m.sentence)
                           for m in members),
            country=code[:3] if code else None,
        ))
    mentions = [
        ActorMention(text=c.text, start=c.start_char, end=c.end_char, code=c.code, name=c.name or c.text,
                     kind=c.kind or "group", role=c.role, sentence_index=c.sentence,
                     actor=order.get(c.key) if c.key is not None and c.kind != "place" and not c.parts else None,
                     via=c.via)
        for c in candidates if c.kind is not None
    ]
    return actors, mentions
