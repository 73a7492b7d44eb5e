"""Finding the stretches of a document that may name an actor.

Reads a spaCy ``Doc`` of ``Page.text`` (never imports spaCy), through the
plain token table of :class:`~accord.tokens.Tokens`. Three layers:

1. *atoms*: longest matches of knowledge-base phrases (names, demonyms,
   capitals, titles, group nouns, description words, user dictionary entries);
2. *candidates*: noun chunks and named entities merged with the atoms they
   overlap, extended over "of"/"in" phrases ("Security forces in Guinea",
   "the head of the U.S. Department of Homeland Security"), reduced to the actor
   words when their head is not an actor ("Trump's inflammatory statements"
   -> "Trump");
3. *parts*: compound candidates ("Kelly and Tillerson", "Senior Hungarian and
   Romanian officials") also yield one candidate per conjunct.

Candidates carry token and character offsets; :mod:`accord.actors.resolve`
gives them codes and :mod:`accord.actors.coref` links them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accord.actors.knowledge import Entry, KnowledgeBase, words_of
from accord.tokens import Tokens

#: spaCy entity labels that can name an actor
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
#: atom categories that are proper names (matched only when capitalised)
NAME_CATEGORIES = ("person", "organisation", "country", "demonym", "capital", "seat", "city", "actor")
#: atom categories that can head an actor phrase
ACTOR_CATEGORIES = NAME_CATEGORIES + ("title", "noun", "agent", "reference")
PRONOUNS = ("he", "she")
POSSESSIVE_PRONOUNS = ("his", "her", "its", "their")
MAX_PHRASE_TOKENS = 12
PLACE_CATEGORIES = ("country", "demonym", "capital", "seat", "city")
#: entity labels of words that never name an actor
NON_ACTOR_ENTITIES = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
STANCE_PREFIXES = ("pro", "anti")
#: tokens that may sit inside a phrase without words of their own ("Asia-Pacific")
JOINERS = ("-", "–", "'", "’", "&")
#: prepared category sets for :meth:`Atom.has_any`
_ACTOR_SET = frozenset(ACTOR_CATEGORIES)
_ACTOR_OR_DESCRIPTION = _ACTOR_SET | {"description"}
_PERSON_NAME_BLOCKERS = frozenset(("title", "country", "demonym", "organisation", "noun", "capital", "seat", "city",
                                   "description", "agent", "actor"))
_NAME_BREAKERS = frozenset(("title", "country", "demonym", "organisation"))
_OFFICE_WORDS = frozenset(("title", "noun", "agent", "description"))
_NAMED_OWNERS = frozenset(("country", "demonym", "organisation", "person"))
_PLACES_AND_BODIES = frozenset(("country", "capital", "city", "organisation", "seat", "actor"))
_TITLE = frozenset(("title",))
_PERSON_OR_ORGANISATION = frozenset(("person", "organisation"))
_DESCRIPTION_TITLE_NOUN = frozenset(("description", "title", "noun"))
_DESCRIPTION = frozenset(("description",))


@dataclass
class Atom:
    """A knowledge-base phrase found at tokens ``start:end``."""

    start: int
    end: int
    entries: list[Entry]
    #: the categories of ``entries``, for :meth:`has`
    categories: frozenset[str] = field(init=False, repr=False, compare=False)

    #: whether one of ``entries`` is of :data:`ACTOR_CATEGORIES` (the most asked question)
    actor: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.categories = frozenset(e.category for e in self.entries)
        self.actor = not self.categories.isdisjoint(_ACTOR_SET)

    def has(self, *categories: str) -> bool:
        return self.has_any(categories)

    def has_any(self, categories: Iterable[str]) -> bool:
        """:meth:`has` for a prepared set of categories (no argument tuple to build)."""
        return not self.categories.isdisjoint(categories)

    def of(self, *categories: str) -> list[Entry]:
        return [e for e in self.entries if e.category in categories]


@dataclass
class Candidate:
    """A stretch of tokens that may name an actor, and what resolution found."""

    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    text: str
    sentence: int
    atoms: list[Atom] = field(default_factory=list)
    names: list[tuple[int, int]] = field(default_factory=list)  # token spans of person names
    labels: tuple[str, ...] = ()  # entity labels inside
    possessor: bool = False  # begins with his/her/its/their
    pronoun: bool = False  # a bare he/she
    plural: bool = False
    definite: bool = False
    indefinite: bool = False  # "a senior official": someone new, not someone mentioned before
    number: int | None = None  # "the two secretaries" -> 2
    parent: "Candidate | None" = None
    parts: list["Candidate"] = field(default_factory=list)
    # filled by resolution and coreference
    kind: str | None = None
    code: str | None = None
    name: str | None = None
    role: str | None = None
    via: str = "name"
    country: str | None = None
    sector: str | None = None
    person: Any = None  # knowledge.Person when known
    pending: str | None = None  # what coreference must still decide
    attributes: dict[str, str] = field(default_factory=dict)
    key: tuple | None = None  # identity of the actor it stands for
    head: int = -1  # token index of the phrase head


def find_atoms(doc: Any, kb: KnowledgeBase) -> list[Atom]:
    """Greedy longest matches of knowledge-base phrases over the tokens of ``doc``
    (a spaCy ``Doc`` or its :class:`~accord.tokens.Tokens`)."""
    tokens = Tokens.of(doc)
    texts = tokens.text
    token_words = [words_of(text) for text in texts]
    reach = _phrase_reach(tokens, token_words)
    atoms: list[Atom] = []
    i = 0
    n = len(texts)
    index = kb.index
    while i < n:
        if not token_words[i] or not index.opens(token_words[i][0]):
            i += 1
            continue
        best: tuple[int, list[Entry]] | None = None
        # the longest phrase with entries the text allows
        for end, entries in reversed(index.token_matches(token_words, i, min(reach[i], i + MAX_PHRASE_TOKENS))):
            usable = [e for e in entries if _allowed(tokens, i, end, e)]
            if usable:
                best = (end, usable)
                break
        if best is None:
            i += 1
            continue
        entries = _with_references(kb, best[1])
        if i >= 2 and texts[i - 1] == "-" and tokens.lower[i - 2] in STANCE_PREFIXES:
            # "pro-Iranian militia", "anti-Syria journalist": a stance, not a nationality
            entries = [e for e in entries if e.category not in PLACE_CATEGORIES]
        if entries:
            atoms.append(Atom(i, best[0], entries))
        i = best[0]
    return atoms


def _phrase_reach(tokens: Tokens, token_words: list[tuple[str, ...]]) -> list[int]:
    """For each token, the end of the tokens one phrase starting there may span, before the
    :data:`MAX_PHRASE_TOKENS` limit: the phrase stays within one line and is joined only by
    word tokens and :data:`JOINERS` (a phrase's first token is never a line break)."""
    texts = tokens.text
    n = len(texts)
    reach = [n] * n
    following = n  # the first token after the current one that no phrase may reach into
    for j in range(n - 1, -1, -1):
        reach[j] = following
        if "\n" in texts[j] or (not token_words[j] and texts[j] not in JOINERS):
            following = j
    return reach


def _with_references(kb: KnowledgeBase, entries: list[Entry]) -> list[Entry]:
    """Description words that stand for a country or its government ("country",
    "administration") also become ``reference`` entries."""
    extra = [Entry("reference", value, e.phrase) for e in entries if e.category == "description"
             for attribute, value in kb.descriptions.get(e.key, ()) if attribute == "refers"]
    return entries + extra


def _allowed(tokens: Tokens, start: int, end: int, entry: Entry) -> bool:
    """Proper names must be capitalised in the text; acronyms must be upper case."""
    first = tokens.text[start]
    if entry.category in NAME_CATEGORIES:
        if entry.phrase.isupper() and len(entry.phrase) <= 6 and entry.category != "actor":
            # an acronym ("GIA", "NATO") is not the same-spelled word ("Gia")
            return tokens.span_text(start, end).isupper()
        if tokens.ent_type[start] in NON_ACTOR_ENTITIES:
            return False  # "May 5" is a date, whoever is called May
        if entry.category == "person" and end - start == 1 and tokens.pos[start] != "PROPN":
            return False  # "Rice prices rose": a surname alias must be used as a name
        # names written in lower case in the knowledge base ("al-Qaeda") may be so in the text
        return first[:1].isupper() or not first[:1].isalpha() or entry.phrase[:1].islower()
    if entry.category in ("noun", "agent", "description"):
        # "General Motors", "Army of God": a common word opening an organisation's name is part of that name
        return not (tokens.ent_type[start] == "ORG" and tokens.ent_iob[start] == "B")
    return True


def find_candidates(doc: Any, kb: KnowledgeBase) -> list[Candidate]:
    """All candidate mentions of ``doc`` (a spaCy ``Doc`` or its
    :class:`~accord.tokens.Tokens`), in text order, compound parts included."""
    tokens = Tokens.of(doc)
    atoms = find_atoms(tokens, kb)
    atom_at: dict[int, Atom] = {}
    for atom in atoms:
        for i in range(atom.start, atom.end):
            atom_at[i] = atom
    spans = _base_spans(tokens, atoms)
    spans = _extend_prepositions(tokens, spans, atom_at)
    candidates: list[Candidate] = []
    for start, end, inner in spans:
        for sub_start, sub_end in _actor_stretches(tokens, start, end, atom_at):
            candidate = _make(tokens, sub_start, sub_end, atom_at)
            if candidate is None:
                continue
            candidates.append(candidate)
            candidates.extend(_split_compound(tokens, candidate, atom_at))
        for inner_start, inner_end in inner:
            candidate = _make(tokens, inner_start, inner_end, atom_at)
            if candidate is not None:
                candidates.append(candidate)
    covered = {i for c in candidates for i in range(c.start, c.end)}
    for i, lower in enumerate(tokens.lower):
        if lower in PRONOUNS and i not in covered and tokens.dep[i] in ("nsubj", "nsubjpass"):
            candidate = _make(tokens, i, i + 1, atom_at, pronoun=True)
            if candidate is not None:
                candidates.append(candidate)
    unique: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        unique.setdefault((candidate.start, candidate.end), candidate)
    return sorted(unique.values(), key=lambda c: (c.start, -c.end))


def _base_spans(tokens: Tokens, atoms: list[Atom]) -> list[tuple[int, int]]:
    """Noun chunks, actor entities and name atoms, merged where they overlap."""
    raw: list[tuple[int, int]] = _noun_chunks(tokens.doc)
    raw += [(e.start, e.end) for e in tokens.doc.ents if e.label_ in ACTOR_LABELS]
    raw += [(a.start, a.end) for a in atoms if a.has_any(_ACTOR_OR_DESCRIPTION)]
    raw.sort()
    pos = tokens.pos
    merged: list[list[int]] = []
    for start, end in raw:
        # overlapping stretches are one phrase; so are touching name-like ones
        # ("U.S." + "Secretary of State" + "Rex Tillerson"), unless the second opens a new phrase
        touching = merged and start == merged[-1][1] and pos[start] in ("PROPN", "NOUN", "ADJ") \
            and pos[start - 1] in ("PROPN", "NOUN")
        if merged and (start < merged[-1][1] or touching) and _same_sentence(tokens, merged[-1][0], end - 1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return _join_conjuncts(tokens, [(s, e) for s, e in merged])


def _noun_chunks(doc: Any) -> list[tuple[int, int]]:
    """The token ranges of ``doc.noun_chunks``, from spaCy's own noun chunk iterator but
    without the ``Span`` object ``Doc.noun_chunks`` builds for each."""
    iterator = getattr(doc, "noun_chunks_iterator", None)
    if iterator is None:
        return [(chunk.start, chunk.end) for chunk in doc.noun_chunks]  # raises what spaCy raises
    return [(start, end) for start, end, _label in iterator(doc)]


def _join_conjuncts(tokens: Tokens, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"Kelly and Tillerson", "Iraq, Libya and Syria": conjoined phrases as one span
    (split again into parts later)."""
    joined: list[list[int]] = []
    for start, end in spans:
        if joined:
            gap = range(joined[-1][1], start)
            linking = len(gap) in (1, 2) and all(tokens.lower[k] in ("and", "or", "nor", ",") for k in gap)
            if linking and _conj_chain(tokens, _head(tokens, start, end), joined[-1][0], joined[-1][1]):
                joined[-1][1] = end
                continue
        joined.append([start, end])
    return [(s, e) for s, e in joined]


def _conj_chain(tokens: Tokens, token_index: int, start: int, end: int) -> bool:
    """Whether the token is a conjunct of a token inside ``start:end`` (through other conjuncts)."""
    i = token_index
    while tokens.dep[i] == "conj" and tokens.head[i] != i:
        i = tokens.head[i]
        if start <= i < end:
            return True
    return False


def _same_sentence(tokens: Tokens, first: int, last: int) -> bool:
    return tokens.sentence[first] == tokens.sentence[last]


def _has(atom_at: dict[int, Atom], start: int, end: int, categories: frozenset[str]) -> bool:
    """Whether an atom over one of the tokens ``start:end`` has one of ``categories``."""
    for i in range(start, end):
        atom = atom_at.get(i)
        if atom is not None and not atom.categories.isdisjoint(categories):
            return True
    return False


def _extend_prepositions(tokens: Tokens, spans: list[tuple[int, int]],
                         atom_at: dict[int, Atom]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Join "TITLE of PLACE/ORG" and "GROUP in PLACE" into one span, keeping the object
    as an inner span of its own."""
    result: list[tuple[int, int, list[tuple[int, int]]]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        inner: list[tuple[int, int]] = []
        while i + 1 < len(spans):
            next_start, next_end = spans[i + 1]
            if next_start != end + 1 or tokens.lower[end] not in ("of", "in", "from"):
                break
            if not _same_sentence(tokens, start, next_end - 1):
                break
            head_ok = (_has(atom_at, start, end, _OFFICE_WORDS)
                       and not _has(atom_at, start, end, _NAMED_OWNERS))
            object_ok = _has(atom_at, next_start, next_end, _PLACES_AND_BODIES) \
                or any(tokens.ent_type[k] in ("ORG", "GPE") for k in range(next_start, next_end))
            if tokens.lower[end] == "of" and _has(atom_at, start, end, _TITLE) and not head_ok:
                head_ok = not _has(atom_at, start, end, _PERSON_OR_ORGANISATION)
            if not (head_ok and object_ok):
                break
            inner.append((next_start, next_end))
            end = next_end
            i += 1
        result.append((start, end, inner))
        i += 1
    return result


def _is_actor_word(tokens: Tokens, index: int, atom_at: dict[int, Atom]) -> bool:
    if index in atom_at and atom_at[index].actor:
        return True
    return tokens.ent_type[index] in ACTOR_LABELS and tokens.pos[index] == "PROPN"


def _head(tokens: Tokens, start: int, end: int) -> int:
    """The last token of the span whose syntactic head lies outside it."""
    head = tokens.head
    heads = [i for i in range(start, end) if not (start <= head[i] < end) or head[i] == i]
    return heads[-1] if heads else end - 1


def _actor_stretches(tokens: Tokens, start: int, end: int, atom_at: dict[int, Atom]) -> list[tuple[int, int]]:
    """The whole span when its head names an actor; otherwise the stretches inside it
    that do ("Trump's inflammatory statements" -> "Trump"). A government named through
    someone ("the Trump administration") yields both the whole and that someone."""
    head = _head(tokens, start, end)
    whole: list[tuple[int, int]] = []
    if _heads_actor(tokens, head, atom_at):
        if not (head in atom_at and atom_at[head].has("reference")):
            return [(start, end)]
        whole = [(start, end)]
    stretches: list[tuple[int, int]] = []
    i = start
    while i < end:
        if tokens.dep[i] == "poss" and tokens.head[i] < end and i < head:
            # a possessor phrase: "his president's comments" -> "his president"
            sub_start = min(t.i for t in tokens.doc[i].subtree)
            if sub_start >= start and _has_actor(tokens, sub_start, i + 1, atom_at):
                stretches = [s for s in stretches if s[1] <= sub_start]
                stretches.append((sub_start, i + 1))
                i += 1
                continue
        if _is_actor_word(tokens, i, atom_at):
            j = i + 1
            while j < end and j < head and (_is_actor_word(tokens, j, atom_at) or tokens.text[j] in JOINERS
                                             or (i in atom_at and j in atom_at and atom_at[i] is atom_at[j])):
                j += 1
            if j == i + 1 and i in atom_at:
                j = max(j, min(atom_at[i].end, end))
            stretches.append((i, j))
            i = j
            continue
        i += 1
    if whole:
        stretches = [piece for piece in stretches if piece[1] <= head]
    return whole + [piece for piece in stretches if piece not in whole]


def _heads_actor(tokens: Tokens, head: int, atom_at: dict[int, Atom]) -> bool:
    if head in atom_at:
        atom = atom_at[head]
        if atom.has_any(_ACTOR_OR_DESCRIPTION):
            return True
    return tokens.ent_type[head] in ACTOR_LABELS or tokens.lower[head] in PRONOUNS


def _has_actor(tokens: Tokens, start: int, end: int, atom_at: dict[int, Atom]) -> bool:
    return any(_is_actor_word(tokens, i, atom_at) for i in range(start, end)) or (
        tokens.lower[start] in POSSESSIVE_PRONOUNS and _has(atom_at, start, end, _DESCRIPTION_TITLE_NOUN))


def _make(tokens: Tokens, start: int, end: int, atom_at: dict[int, Atom], pronoun: bool = False) -> Candidate | None:
    """A candidate over tokens ``start:end``, trimmed of punctuation and possessive endings."""
    is_punct, is_space, lower = tokens.is_punct, tokens.is_space, tokens.lower
    while start < end and (is_punct[start] or is_space[start]):
        start += 1
    if start > 0 and tokens.dep[start - 1] in ("det", "predet") and start <= tokens.head[start - 1] < end:
        start -= 1  # keep "the" of "the U.S. Secretary of ..." with its phrase
    while end > start and (is_punct[end - 1] or is_space[end - 1] or tokens.tag[end - 1] == "POS"):
        end -= 1
    if start >= end:
        return None
    if not pronoun and not _has_actor(tokens, start, end, atom_at) and not _has(atom_at, start, end, _DESCRIPTION):
        return None
    atoms: list[Atom] = []  # the atoms wholly inside, in text order (an atom covers one run of tokens)
    i = start
    while i < end:
        atom = atom_at.get(i)
        if atom is None:
            i += 1
            continue
        if atom.start >= start and atom.end <= end:
            atoms.append(atom)
        i = atom.end
    candidate = Candidate(start=start, end=end, start_char=tokens.start_char(start), end_char=tokens.end_char(end),
                          text=tokens.span_text(start, end), sentence=tokens.sentence[start], atoms=atoms,
                          pronoun=pronoun)
    candidate.head = _head(tokens, start, end)
    candidate.labels = tuple(sorted({tokens.ent_type[i] for i in range(start, end) if tokens.ent_type[i]}))
    candidate.names = _person_names(tokens, start, end, atom_at)
    candidate.possessor = lower[start] in POSSESSIVE_PRONOUNS
    candidate.definite = lower[start] in ("the", "this", "that", "these", "those")
    candidate.indefinite = lower[start] in ("a", "an", "another", "one")
    head = candidate.head
    candidate.plural = tokens.tag[head] in ("NNS", "NNPS") or (pronoun is False and lower[head] in ("police",))
    for i in range(start, end):
        if tokens.like_num[i] and tokens.pos[i] == "NUM":
            try:
                candidate.number = int(tokens.text[i])
            except ValueError:
                candidate.number = {"two": 2, "three": 3, "four": 4, "both": 2}.get(lower[i])
    return candidate


def _person_names(tokens: Tokens, start: int, end: int, atom_at: dict[int, Atom]) -> list[tuple[int, int]]:
    """Token spans of person names: PERSON entities and capitalised words after a title,
    without the title, country or organisation words inside them."""
    pos = tokens.pos
    names: list[tuple[int, int]] = []
    i = start
    while i < end:
        atom = atom_at.get(i)
        if atom is not None and atom.has("person") and atom.start >= start and atom.end <= end:
            names.append((atom.start, atom.end))
            i = atom.end
            continue
        blocked = atom is not None and atom.has_any(_PERSON_NAME_BLOCKERS)
        after_title = i > start and (i - 1) in atom_at and atom_at[i - 1].has("title")
        if not blocked and pos[i] == "PROPN":
            j = i
            while j < end and pos[j] == "PROPN" and not (j in atom_at and atom_at[j].has_any(_NAME_BREAKERS)):
                j += 1
            # a first name before a known surname ("Megyn Kelly") belongs to the name
            before_person = j > i + 1 and (j - 1) in atom_at and atom_at[j - 1].has("person")
            if tokens.ent_type[i] == "PERSON" or after_title or before_person:
                names.append((i, j))
                i = j
                continue
        i += 1
    return names


def _pieces(tokens: Tokens, start: int, end: int, bounds: list[int]) -> list[tuple[int, int]]:
    """The stretches of ``start:end`` between the separator tokens at ``bounds`` (in order) that
    hold more than punctuation."""
    pieces: list[tuple[int, int]] = []
    previous = start
    for cut in bounds:
        pieces.append((previous, cut))
        previous = cut + 1
    pieces.append((previous, end))
    return [(s, e) for s, e in pieces if any(not tokens.is_punct[k] for k in range(s, e))]


def _split_countries_of(tokens: Tokens, candidate: Candidate, atom_at: dict[int, Atom], of: int) -> list[Candidate]:
    """"The presidents of Kenya and Tanzania", "the foreign ministers of France, Germany and Italy":
    a plural title over conjoined countries is one actor per country, each with the title.
    (A singular title keeps its object whole: "Secretary of State and Homeland Security".)"""
    titles = [a for a in candidate.atoms if a.end <= of and a.has("title")]
    if not titles or tokens.tag[candidate.head] not in ("NNS", "NNPS"):
        return []
    start = of + 1
    bounds = [i for i in range(start, candidate.end)
              if (tokens.lower[i] in ("and", "&") or tokens.text[i] == ",") and i not in atom_at]
    if not any(tokens.lower[i] in ("and", "&") for i in bounds):
        return []
    pieces = _pieces(tokens, start, candidate.end, bounds)
    if len(pieces) < 2 or not all(any(k in atom_at and atom_at[k].has("country") for k in range(s, e))
                                  for s, e in pieces):
        return []
    parts = _parts(tokens, candidate, pieces, atom_at)
    for part in parts:
        part.atoms.append(titles[-1])
        part.plural = True
    candidate.parts = parts
    return parts


def _parts(tokens: Tokens, candidate: Candidate, pieces: list[tuple[int, int]],
           atom_at: dict[int, Atom]) -> list[Candidate]:
    """A candidate for each piece, as parts of ``candidate``; none when a piece makes no candidate."""
    parts: list[Candidate] = []
    for s, e in pieces:
        part = _make(tokens, s, e, atom_at)
        if part is None:
            return []
        part.parent = candidate
        parts.append(part)
    return parts


def _split_compound(tokens: Tokens, candidate: Candidate, atom_at: dict[int, Atom]) -> list[Candidate]:
    """Conjuncts of a compound candidate as candidates of their own."""
    lower = tokens.lower
    # conjunctions inside an "of" phrase join its object ("Secretaries of State and Homeland Security")
    limit = next((i for i in range(candidate.start, candidate.end) if lower[i] == "of"), candidate.end)
    cuts = [i for i in range(candidate.start, limit)
            if lower[i] in ("and", "or", "nor", "&") and i not in atom_at and tokens.ent_type[i] != "ORG"]
    if not cuts:
        # the "of" of the object, past any inside a title ("the heads of state of Kenya and Tanzania")
        of = next((i for i in range(candidate.start, candidate.end) if lower[i] == "of" and i not in atom_at), None)
        return _split_countries_of(tokens, candidate, atom_at, of) if of is not None else []
    commas = [i for i in range(candidate.start, limit) if tokens.text[i] == "," and i not in atom_at]
    pieces = _pieces(tokens, candidate.start, candidate.end, sorted(cuts + commas))
    if len(pieces) < 2 or not all(_has_actor(tokens, s, e, atom_at) for s, e in pieces):
        return []
    parts = _parts(tokens, candidate, pieces, atom_at)
    if not parts:
        return []
    # "Senior Hungarian and Romanian officials": earlier conjuncts share the last one's head noun
    last = parts[-1]
    shared = [a for a in last.atoms if a.has("title", "noun", "agent") and a.end == last.end]
    for part in parts[:-1]:
        if shared and not any(a.has("title", "noun", "agent", "person", "organisation") for a in part.atoms) \
                and not part.names:
            part.atoms.append(shared[-1])
            part.plural = last.plural
    candidate.parts = parts
    return parts
