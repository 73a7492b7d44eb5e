"""Mixed signals: statements by one side that contradict each other on the same topic.

Two :class:`~accord.records.Statement` records make a mixed signal when

* both speakers speak for the same country's state: the first three letters of
  their codes are the same ISO 3166 country, and the sector after it is empty or
  one of ``resources/signals/official_sectors.txt`` (government, military,
  legislature...). A US and a Mexican statement that disagree are a conflict
  between two sides, not a mixed signal; a newspaper or an opposition party that
  contradicts the government is another voice, not the government contradicting itself;
* they share a topic: at least two key terms (already normalised to concepts by
  :mod:`accord.statements`), and at least a third of the shorter statement's terms;
* they contradict: opposite polarity ("amounted to a military operation" /
  "the military would not be involved"), or the same polarity with opposite terms
  from ``resources/signals/antonyms.tsv`` ("will raise tariffs" / "will cut tariffs");
* their dates lie within ``window_days`` of each other (undated statements pair only
  within one document).

The score in [0, 1] grows with the share of terms the two statements share and
falls slowly with the days between them; an antonym contradiction counts a little
less than an explicit negation.

>>> signals = find_signals(statements, window_days=14)  # doctest: +SKIP
>>> [(s.a.speaker, s.b.speaker, s.topic) for s in signals]  # doctest: +SKIP
[('Donald Trump', 'John Kelly', 'deportation, military')]
"""

from __future__ import annotations

import collections
import functools
from datetime import date
from typing import Iterator, Iterable, Sequence

from accord.records import Signal, Statement
from accord.statements import read_table

__all__ = ["find_signals", "same_side", "contradiction", "topic_overlap", "MIN_OVERLAP", "MIN_SHARED"]

#: least number of terms two statements must share: one word in common is too weak a topic
MIN_SHARED = 2
#: least share of the shorter statement's terms that the two must share
MIN_OVERLAP = 0.34
#: weight of a contradiction by opposite terms, against 1.0 for one by negation
_ANTONYM_WEIGHT = 0.8
#: how much of the score the days between the statements can take away, at the window's edge
_TIME_DECAY = 0.3


@functools.lru_cache(maxsize=1)
def _official_sectors() -> frozenset[str]:
    return frozenset(fields[0].upper() for _, fields in read_table("official_sectors.txt", 1))


@functools.lru_cache(maxsize=1)
def _antonyms() -> dict[str, frozenset[str]]:
    pairs: dict[str, set[str]] = {}
    for _, (term, opposite) in read_table("antonyms.tsv", 2):
        pairs.setdefault(term.lower(), set()).add(opposite.lower())
        pairs.setdefault(opposite.lower(), set()).add(term.lower())
    return {term: frozenset(opposites) for term, opposites in pairs.items()}


@functools.lru_cache(maxsize=None)
def _is_country(code: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def _side(code: str | None) -> str | None:
    """The country whose state ``code`` speaks for, or None when it is no state voice."""
    if not code or len(code) < 3:
        return None
    country, sector = code[:3].upper(), code[3:6].upper()
    if not _is_country(country):
        return None
    if sector and sector not in _official_sectors():
        return None
    return country


def same_side(a: Statement, b: Statement) -> bool:
    """True when both statements speak for the same country's state."""
    side = _side(a.speaker_code)
    return side is not None and side == _side(b.speaker_code)


def topic_overlap(a: Statement, b: Statement) -> tuple[list[str], float]:
    """The terms the statements share (in ``a``'s order) and their share of the shorter one's terms."""
    terms_a, terms_b = a.terms, set(b.terms)
    shared = [t for t in terms_a if t in terms_b]
    shorter = min(len(set(terms_a)), len(terms_b))
    return shared, (len(shared) / shorter if shorter else 0.0)


def contradiction(a: Statement, b: Statement) -> float:
    """How surely ``a`` and ``b`` say opposite things on their shared topic: 1.0 for opposite
    polarity, ``_ANTONYM_WEIGHT`` for opposite terms with the same polarity, else 0.
    Opposite terms under opposite polarity ("will not raise" / "will cut") agree."""
    antonyms = _antonyms()
    terms_a, terms_b = set(a.terms), set(b.terms)
    opposed = any(antonyms.get(t, frozenset()) & (terms_b - terms_a) for t in terms_a - terms_b)
    if a.polarity != b.polarity:
        return 0.0 if opposed else 1.0
    return _ANTONYM_WEIGHT if opposed else 0.0


def _days_apart(a: Statement, b: Statement) -> int | None:
    if not a.date or not b.date:
        return None
    try:
        return abs((date.fromisoformat(a.date[:10]) - date.fromisoformat(b.date[:10])).days)
    except ValueError:
        return None


def _involves(statement: Statement, actor: str) -> bool:
    code = (statement.speaker_code or "").upper()
    return code.startswith(actor.upper()) or statement.speaker.lower() == actor.lower()


def _parsed_date(statement: Statement) -> date | None:
    try:
        return date.fromisoformat(statement.date[:10]) if statement.date else None
    except ValueError:
        return None


def _candidate_pairs(items: Sequence[Statement], window_days: int) -> Iterator[tuple[Statement, Statement]]:
    """The pairs worth comparing, in the order of ``items``: statements of the same side that are
    dated within ``window_days`` of each other, or undated and in the same document. Linear in the
    statements times the pairs in a window, not quadratic in the whole corpus."""
    position = {id(statement): index for index, statement in enumerate(items)}
    sides: dict[str, list[Statement]] = collections.defaultdict(list)
    for statement in items:
        side = _side(statement.speaker_code)
        if side is not None:
            sides[side].append(statement)
    for group in sides.values():
        dated = [(day, s) for s in group if (day := _parsed_date(s)) is not None]
        for i, (day, first) in enumerate(dated):
            for later_day, second in dated[i + 1:]:
                if (later_day - day).days > window_days:
                    break
                yield first, second
        by_document: dict[str, list[Statement]] = collections.defaultdict(list)
        for statement in group:
            by_document[statement.doc_id].append(statement)
        for statement in group:
            if _parsed_date(statement) is not None:
                continue
            for other in by_document[statement.doc_id]:
                if other is statement or (_parsed_date(other) is None and position[id(other)] < position[id(statement)]):
                    continue
                pair = (statement, other) if position[id(statement)] < position[id(other)] else (other, statement)
                yield pair


def find_signals(statements: Iterable[Statement], window_days: int = 14,
                 actor: str | None = None) -> list[Signal]:
    """Pairs of statements by one side that contradict each other on one topic, best first.

    ``statements`` may come from one article or many; ``actor`` (a code prefix such as
    ``USA`` or ``USAGOV``, or a speaker's name) keeps the pairs where one of the two
    statements is that actor's. Pure: records in, records out.
    """
    items: Sequence[Statement] = sorted(statements, key=lambda s: (s.date or "", s.doc_id, s.start))
    found: list[Signal] = []
    for a, b in _candidate_pairs(items, window_days):
        if not same_side(a, b):
            continue
        if a.doc_id == b.doc_id and a.start < b.end and b.start < a.end:
            continue  # one report quoted inside the other ("X said that Y, who he said ...")
        if a.doc_id == b.doc_id and a.sentence_index == b.sentence_index and a.speaker == b.speaker:
            continue  # the clauses of one report, split because they differ in polarity
        if actor and not (_involves(a, actor) or _involves(b, actor)):
            continue
        days = _days_apart(a, b)
        if days is None and a.doc_id != b.doc_id:
            continue
        if days is not None and days > window_days:
            continue
        shared, overlap = topic_overlap(a, b)
        if len(shared) < MIN_SHARED or overlap < MIN_OVERLAP:
            continue
        strength = contradiction(a, b)
        if not strength:
            continue
        decay = 1.0 - _TIME_DECAY * ((days or 0) / window_days if window_days > 0 else 0.0)
        score = strength * (0.5 + 0.5 * min(1.0, overlap)) * decay
        found.append(Signal(topic=", ".join(shared), a=a, b=b, score=round(max(0.0, min(1.0, score)), 3)))
    found.sort(key=lambda s: (-s.score, s.a.date or "", s.a.start))
    return found
