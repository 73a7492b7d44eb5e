"""Quotes and statements: who said what, on which topic, asserting or denying it, and when.

A statement is read from the dependency parse of one sentence of ``page.text``:

* a reporting verb of ``resources/signals/speech_verbs.tsv`` ("said", "insisted",
  "boasted", "denied", "ruled out"...) with a subject that is a resolved actor
  mention; its content is the clausal complement ("said *that the military would
  not be involved*"), or its direct object for verbs such as "acknowledged the need";
  a direct quote in quotation marks is the same shape and is marked ``direct``;
* "according to X, ...": X is the speaker and the rest of the main clause the content;
* a reporting participle without a subject of its own ("..., warning that ...")
  takes the subject of the clause it hangs on.

Each clause of the content gets a polarity (+1 asserted, -1 negated by "not",
"no", "never", a negative-implicative verb such as "refuse", or a denying
reporting verb). Coordinated clauses of one report ("that X would not ... and
that there would be no Y") stay one statement when they agree, and are split
when they do not. The topic is the content's key terms: lemmas of nouns, content
verbs and adjectives, without names of places, people and dates, normalised by
``resources/signals/concepts.tsv`` when a word stands for a listed concept.

The date is the date the sentence names (through :mod:`accord.events.dates`),
else the publication date.

>>> from accord import nlp  # doctest: +SKIP
>>> statements = extract_statements(page, nlp.parse(page.text), mentions, "2017-02-27")  # doctest: +SKIP
>>> [(s.speaker, s.polarity, s.topic) for s in statements]  # doctest: +SKIP
[('John Kelly', -1, 'military, involve, mass, deportation')]
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterator, Sequence

from accord.errors import KnowledgeError
from accord.events.dates import resolve_date
from accord.records import ActorMention, Page, Statement

__all__ = ["extract_statements", "read_table", "Lexicon", "load_lexicon", "topic_terms", "STATEMENT_KINDS"]

#: how a statement was found
STATEMENT_KINDS = ("direct", "indirect", "according")

#: dependency labels of a reporting verb's content
_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
_OBJECT_DEPS = ("dobj",)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: entity labels whose words are who/where/when, not what a statement is about
_NOT_TOPIC_ENTITIES = frozenset({"GPE", "NORP", "PERSON", "DATE", "TIME", "LOC"})
#: verbs that carry grammar, not topic
_LIGHT_VERBS = frozenset({"be", "have", "do", "say", "make", "go", "get", "take", "would", "will", "can",
                          "could", "may", "might", "must", "shall", "should", "become", "seem", "come"})
_QUOTES = "\"“”«»"
#: the parts of speech a topic term can have
_TOPIC_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def read_table(name: str, columns: int, folder: str = "signals") -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated resource ``accord/resources/<folder>/<name>`` as
    ``(line number, fields)``; ``#`` starts a comment line. Raises ``KnowledgeError``
    E201 naming the file and line when a row does not have ``columns`` fields."""
    path = resources.files("accord") / "resources" / folder / name
    rows: list[tuple[int, list[str]]] = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")] if columns > 1 else [line.strip()]
        if len(fields) != columns or not all(fields):
            raise KnowledgeError("E201", path=f"accord/resources/{folder}/{name}", line=number,
                                 detail=f"expected {columns} tab-separated non-empty fields")
        rows.append((number, fields))
    return rows


@dataclass(frozen=True)
class Lexicon:
    """The statement lexicons: reporting verbs with their polarity, negators, concepts."""

    speech_verbs: dict[str, int]  # "say" -> 1, "deny" -> -1, "rule out" -> -1
    object_verbs: frozenset[str]  # reporting verbs whose noun object can be the content
    particles: frozenset[str]  # not, no, never...
    implicatives: frozenset[str]  # refuse, reject...
    concept_of: dict[str, str]  # lemma -> concept
    stop_terms: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and validate the statement lexicons under ``accord/resources/signals/``."""
    verbs: dict[str, int] = {}
    object_verbs = set()
    for number, (lemma, polarity, takes_object) in read_table("speech_verbs.tsv", 3):
        if polarity not in ("1", "-1") or takes_object not in ("yes", "no"):
            raise KnowledgeError("E201", path="speech_verbs.tsv", line=number,
                                 detail="polarity must be 1 or -1 and object yes or no")
        verbs[lemma.lower()] = int(polarity)
        if takes_object == "yes":
            object_verbs.add(lemma.lower())
    particles, implicatives = set(), set()
    for number, (word, kind) in read_table("negators.tsv", 2):
        if kind not in ("particle", "implicative"):
            raise KnowledgeError("E201", path="negators.tsv", line=number,
                                 detail="kind must be particle or implicative")
        (particles if kind == "particle" else implicatives).add(word.lower())
    concept_of: dict[str, str] = {}
    for number, (concept, terms) in read_table("concepts.tsv", 2):
        for term in terms.split(","):
            term = term.strip().lower()
            if not term or " " in term:
                raise KnowledgeError("E201", path="concepts.tsv", line=number,
                                     detail=f"terms must be single lemmas, got {term!r}")
            concept_of[term] = concept
    stops = frozenset(fields[0].lower() for _, fields in read_table("stop_terms.txt", 1))
    return Lexicon(verbs, frozenset(object_verbs), frozenset(particles), frozenset(implicatives), concept_of, stops)


def topic_terms(tokens: Sequence[Any], lexicon: Lexicon | None = None) -> list[str]:
    """The key terms of a stretch of tokens, in order and without repeats: lemmas of
    nouns, content verbs and adjectives, mapped to their concept when one is listed.
    Names of places, people, dates and numbers are left out (they say who and when)."""
    lexicon = lexicon or load_lexicon()
    terms: list[str] = []
    for token in tokens:
        pos = token.pos_
        if pos not in _TOPIC_POS:  # the cheapest test first: every test below must hold too
            continue
        lemma = token.lemma_.lower().strip(_QUOTES + "'")
        if not lemma.isalpha() or token.ent_type_ in _NOT_TOPIC_ENTITIES or lemma in lexicon.stop_terms:
            continue
        if lemma in lexicon.particles or lemma in lexicon.implicatives or _implicative(token, lexicon):
            continue
        if pos in ("NOUN", "PROPN"):
            pass
        elif pos == "VERB" and lemma not in _LIGHT_VERBS and lemma not in lexicon.speech_verbs:
            pass
        elif pos == "ADJ" and (lemma in lexicon.concept_of or token.dep_ in ("amod", "acomp")):
            pass
        else:
            continue
        term = lexicon.concept_of.get(lemma, lemma)
        if term not in terms:
            terms.append(term)
    return terms


def _verb_key(verb: Any) -> str:
    """The verb's lemma, with its particle when it has one ("rule out", "hold off")."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{lemma} {particle}" if particle else lemma


@functools.lru_cache(maxsize=8)
def _key_starts(keys: frozenset[str]) -> frozenset[str]:
    """Each run of words before a space in ``keys`` ("rule" of "rule out"): the lemmas
    whose key with a particle (see :func:`_verb_key`) can be one of ``keys``."""
    return frozenset(key[:at] for key in keys for at, char in enumerate(key) if char == " ")


def _implicative(verb: Any, lexicon: Lexicon) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in lexicon.implicatives:
        return True
    # the key with a particle is looked up only for a lemma that starts a listed key
    return lemma in _key_starts(lexicon.implicatives) and _verb_key(verb) in lexicon.implicatives


def _speech_polarity(verb: Any, lexicon: Lexicon) -> int | None:
    """The reporting verb's polarity, or None when ``verb`` is not a reporting verb."""
    key = _verb_key(verb)
    if key in lexicon.speech_verbs:
        return lexicon.speech_verbs[key]
    return lexicon.speech_verbs.get(verb.lemma_.lower())


def _clause_negated(head: Any, lexicon: Lexicon) -> bool:
    """True when the clause headed by ``head`` is negated: a negating child of the verb,
    "no"/"never" on its subject or object, or a negative-implicative verb over it
    ("refused to pay")."""
    for child in head.children:  # one pass: every test below only ever answers True
        word, dep = child.lower_, child.dep_
        if dep == "neg" or (dep == "advmod" and word in lexicon.particles):
            return True
        if dep in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "expl") or dep.endswith("obj"):
            if any(d.dep_ == "det" and d.lower_ in lexicon.particles for d in child.children):
                return True
            if word in lexicon.particles and dep != "expl":
                return True
        if dep == "prep" and word == "without":
            return True
    return False


def _polarity(head: Any, lexicon: Lexicon) -> int:
    """+1 or -1 for one content clause, counting every negation on the way from its
    head up through negative-implicative verbs ("refused to" + "not")."""
    negations = 1 if _clause_negated(head, lexicon) else 0
    current = head
    while current.dep_ == "xcomp" and current.head.i != current.i:
        current = current.head
        if _implicative(current, lexicon):
            negations += 1
        if _clause_negated(current, lexicon):
            negations += 1
    if _implicative(head, lexicon) and any(c.dep_ in ("xcomp", "dobj", "prep") for c in head.children):
        negations += 1
    return -1 if negations % 2 else 1


def _clauses(content: Any) -> list[Any]:
    """The content clause and the clauses coordinated with it ("that X and that Y")."""
    heads = [content]
    for token in content.children:
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            heads.extend(_clauses(token))
    return heads


def _span(tokens: Sequence[Any]) -> tuple[int, int]:
    """Character offsets (in the doc) of tokens, without leading "that" and edge punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].dep_ in ("mark", "cc", "punct") or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].dep_ in ("punct", "cc", "mark") or tokens[-1].is_space):
        if tokens[-1].text in _QUOTES and any(t.text in _QUOTES for t in tokens[:-1]):
            break  # keep a closing quote mark that closes an opening one inside
        tokens = tokens[:-1]
    if not tokens:
        return (-1, -1)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_excluding(head: Any, excluded: set[int]) -> list[Any]:
    return [t for t in head.subtree if t.i not in excluded]


def _speaker_mention(tokens: Sequence[Any], mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The resolved mention that the subject phrase ``tokens`` stands for: one covering
    the phrase's head, preferring a coded one, then the tightest."""
    if not tokens:
        return None
    head = min(tokens, key=lambda t: len(list(t.ancestors)))
    start, end = head.idx, head.idx + len(head.text)
    covering = [m for m in mentions if m.start <= start and end <= m.end and m.kind != "place"]
    if not covering:
        return None
    return min(covering, key=lambda m: (m.code is None, m.end - m.start))


def _speaker_code(mention: ActorMention, mentions: Sequence[ActorMention]) -> str | None:
    """The mention's code, else the code another mention of the same actor carries, else
    that of a coded organisation named inside the mention ("the head of the U.S.
    Department of Homeland Security")."""
    if mention.code:
        return mention.code
    same = [mention]
    if mention.actor is not None:
        same = [m for m in mentions if m.actor == mention.actor] or same
        for other in same:
            if other.code:
                return other.code
    for own in same:
        inner = [m for m in mentions if own.start <= m.start and m.end <= own.end and m.code
                 and m is not own and m.kind == "organisation"]
        if inner:
            return max(inner, key=lambda m: m.end - m.start).code
    return None


def _subject(verb: Any) -> list[Any]:
    """The subject phrase of ``verb``, or of the clause a subjectless participle hangs on."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                return list(child.subtree)
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return list(objects[0].subtree)
        if current.dep_ in ("advcl", "conj", "xcomp") and current.head.i != current.i:
            current = current.head
        else:
            break
    return []


def _inverted_report(verb: Any, mentions: Sequence[ActorMention]) -> tuple[ActorMention, list[Any]] | None:
    """"X did Y, reported the Times" / "..., said the minister": a reporting verb after
    its content clause, whose object names the speaker. Returns the speaker and the
    content tokens (the head clause without the report), or None."""
    if verb.dep_ not in ("conj", "parataxis", "ccomp") or verb.head.i == verb.i or verb.i < verb.head.i:
        return None
    named = [c for c in verb.children if c.dep_ in ("dobj", "attr", "npadvmod")]
    speaker = _speaker_mention(list(named[0].subtree), mentions) if named else None
    if speaker is None:
        return None
    excluded = {t.i for t in verb.subtree}
    tokens = [t for t in verb.head.subtree if t.i not in excluded and not (t.dep_ == "cc" and t.head.i == verb.head.i
                                                                          and t.i > verb.head.i)]
    return speaker, tokens


def _close_quote(text: str, start: int, end: int, limit: int) -> int:
    """Extend ``end`` over the closing mark of a quotation opened inside ``text[start:end]``."""
    piece = text[start:end]
    if piece.count("“") > piece.count("”"):
        close = text.find("”", end, limit + 1)
        if close != -1:
            return close + 1
    elif piece.count('"') % 2:
        close = text.find('"', end, limit + 1)
        if close != -1:
            return close + 1
    return end


def _is_direct(text: str, sentence: Any, start: int, end: int) -> bool:
    """True when quotation marks stand just before or just after ``text[start:end]``
    (``text`` is the page text, which the sentence's doc was parsed from)."""
    before = text[max(sentence.start_char, start - 2):start]
    after = text[end:min(sentence.end_char, end + 3)]
    return any(q in before for q in _QUOTES) or any(q in after for q in _QUOTES)


@dataclass
class _Found:
    speaker: ActorMention
    clauses: list[Any]
    tokens: list[Any]
    reporting: int  # polarity of the reporting verb
    kind: str


@functools.lru_cache(maxsize=1)
def _verb_starts() -> frozenset[str]:
    """The lemmas a reporting verb's key can start with: every listed key, and for a key of
    several words each run of its words before a space ("rule" of "rule out")."""
    keys = frozenset(load_lexicon().speech_verbs)
    return keys | _key_starts(keys)


def _candidates(doc: Any) -> tuple[list[int], list[int]]:
    """Indices of the tokens of ``doc`` that may open a report: verbs and auxiliaries
    whose lemma can start a reporting verb's key, and the words "according". Read from
    the doc's arrays, so that no token object is built for the other words; each
    candidate still goes through every test of :func:`_reports`."""
    import numpy

    if len(doc) == 0:
        return [], []
    strings = doc.vocab.strings
    verb, aux = strings["VERB"], strings["AUX"]  # part-of-speech symbols: their ids, as POS holds them
    starts = _verb_starts()
    array = doc.to_array(["POS", "LEMMA", "LOWER"])
    verbish = numpy.flatnonzero((array[:, 0] == verb) | (array[:, 0] == aux))
    verb_lemma: dict[int, bool] = {}
    verbs: list[int] = []
    for i, lemma in zip(verbish.tolist(), array[verbish, 1].tolist()):
        known = verb_lemma.get(lemma)
        if known is None:
            known = verb_lemma[lemma] = strings[lemma].lower() in starts
        if known:
            verbs.append(i)
    accordings = numpy.flatnonzero(array[:, 2] == numpy.uint64(strings["according"])).tolist()
    return verbs, accordings


def _reports(verbs: Sequence[Any], accordings: Sequence[Any], mentions: Sequence[ActorMention],
             lexicon: Lexicon) -> Iterator[_Found]:
    """Every report in one sentence, from its candidate tokens (see :func:`_candidates`) in
    text order: reporting verbs, then "according to" phrases."""
    for verb in verbs:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        polarity = _speech_polarity(verb, lexicon)
        if polarity is None:
            continue
        own_subject = any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
        inverted = None if own_subject else _inverted_report(verb, mentions)
        if inverted is not None:
            yield _Found(inverted[0], [verb.head], inverted[1], polarity, "indirect")
            continue
        speaker = _speaker_mention(_subject(verb), mentions)
        if speaker is None:
            continue
        contents = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
        if not contents and _verb_key(verb) in lexicon.object_verbs:
            contents = [c for c in verb.children if c.dep_ in _OBJECT_DEPS and c.pos_ in ("NOUN", "PROPN")
                        and _speaker_mention([c], mentions) is None]
        if not contents:
            continue
        content = contents[0]
        clauses = _clauses(content)
        tokens = list(content.subtree)
        if len(clauses) > 1:
            seen = {t.i for t in tokens}
            for head in clauses[1:]:
                for t in head.subtree:
                    if t.i not in seen:
                        seen.add(t.i)
                        tokens.append(t)
        if verb.lower_.startswith("not") or any(c.dep_ == "neg" for c in verb.children):
            polarity = -polarity
        yield _Found(speaker, clauses if content.pos_ in ("VERB", "AUX") else [content], tokens, polarity, "indirect")
    for token in accordings:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        speaker = _speaker_mention(list(source.subtree), mentions)
        if speaker is None:
            continue
        main = token.head
        if main.pos_ not in ("VERB", "AUX"):
            continue
        excluded = {t.i for t in token.subtree}
        tokens = _subtree_excluding(main, excluded)
        yield _Found(speaker, [main], tokens, 1, "according")


def extract_statements(page: Page, doc: Any, mentions: Sequence[ActorMention],
                       published: str | None = None) -> list[Statement]:
    """The statements of ``page`` (parsed as spaCy ``doc`` of ``page.text``) whose speaker
    is one of the resolved ``mentions``, in text order. ``published`` (ISO date; default
    the page's) anchors dates such as "earlier this week"."""
    lexicon = load_lexicon()
    published = published or page.published
    statements: list[Statement] = []
    named: _NamedChars | None = None
    verbs, accordings = _candidates(doc)
    if not verbs and not accordings:
        return statements
    text = page.text  # built from the paragraphs at each use: once here
    for index, sentence in enumerate(doc.sents):
        first, last = sentence.start, sentence.end
        own_verbs = verbs[bisect.bisect_left(verbs, first):bisect.bisect_left(verbs, last)]
        own_accordings = accordings[bisect.bisect_left(accordings, first):bisect.bisect_left(accordings, last)]
        if not own_verbs and not own_accordings:
            continue
        founds = list(_reports([doc[i] for i in own_verbs], [doc[i] for i in own_accordings], mentions, lexicon))
        if not founds:
            continue
        if named is None:
            named = _NamedChars(text, mentions)
        # the sentence's text is the page text over its characters (the doc is parsed from it)
        dated = resolve_date(text[sentence.start_char:sentence.end_char], published) if published else None
        date = dated.date if dated else published
        for found in founds:
            statements.extend(_statements_of(found, index, sentence, page, text, mentions, date, named,
                                             lexicon))
    return statements


class _NamedChars:
    """Which characters of the page text lie inside an actor mention, and inside a
    person's: built once per page, so that a token's test is a lookup."""

    def __init__(self, text: str, mentions: Sequence[ActorMention]) -> None:
        size = max([len(text), *(m.end for m in mentions)]) + 1
        self.any = bytearray(size)
        self.person = bytearray(size)
        for mention in mentions:
            start, end = max(mention.start, 0), max(mention.end, 0)
            if start >= end:
                continue
            self.any[start:end] = b"\x01" * (end - start)
            if mention.kind == "person":
                self.person[start:end] = b"\x01" * (end - start)

    def names_actor(self, token: Any) -> bool:
        """True when ``token`` starts inside a person's mention, or is a proper noun inside any mention."""
        at = token.idx
        if at < 0 or at >= len(self.any):
            return False
        return bool(self.person[at]) or (bool(self.any[at]) and token.pos_ == "PROPN")


def _statements_of(found: _Found, index: int, sentence: Any, page: Page, text: str,
                   mentions: Sequence[ActorMention], date: str | None, named: _NamedChars,
                   lexicon: Lexicon) -> list[Statement]:
    """One statement per run of content clauses that share a polarity; ``text`` is the
    page text and ``date`` the sentence's."""
    speaker = found.speaker
    code = _speaker_code(speaker, mentions)
    polarities = [_polarity(h, lexicon) * found.reporting for h in found.clauses]
    groups: list[tuple[int, list[Any]]]
    if len(set(polarities)) <= 1:
        groups = [(polarities[0] if polarities else found.reporting, found.tokens)]
    else:
        groups = []
        taken: set[int] = set()
        for head, polarity in zip(found.clauses, polarities):
            # a coordinated clause hangs below the first one: leave out the clauses below this one
            others = {t.i for h in found.clauses if h.i != head.i and h not in head.ancestors for t in h.subtree}
            tokens = [t for t in head.subtree if t.i not in others and t.i not in taken]
            taken.update(t.i for t in tokens)
            groups.append((polarity, tokens))
    out: list[Statement] = []
    for polarity, tokens in groups:
        start, end = _span(tokens)
        if start < 0:
            continue
        end = _close_quote(text, start, end, sentence.end_char)
        # words that name an actor say who, not what: drop people's names and proper names
        topic = topic_terms([t for t in tokens if not named.names_actor(t)], lexicon)
        if not topic:
            continue
        kind = found.kind if found.kind == "according" else ("direct" if _is_direct(text, sentence, start, end)
                                                              else "indirect")
        out.append(Statement(doc_id=page.doc_id, sentence_index=index, speaker=speaker.name, speaker_code=code,
                             text=text[start:end], topic=", ".join(topic), polarity=polarity, date=date,
                             start=start, end=end, kind=kind))
    return out
