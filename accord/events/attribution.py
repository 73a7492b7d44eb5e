"""Attribution: whom the text credits for a sentence ("reported the BBC", "according to X").

An attribution covers the whole sentence it stands in. It is found in three forms:

* ``according to X, ...`` / ``..., according to X`` -> X;
* a reporting clause whose speaker is an outlet or an unnamed source, or that
  comes after what it reports (``..., reported the New York Times``,
  ``witnesses said``, ``..., officials said on Monday``) -> its speaker;
* ``X told Reuters`` -> the outlet told.

A named actor saying something up front ("Kelly said that ...") is not an
attribution but the actor's own statement; the coder handles it.

>>> from accord.nlp import parse  # doctest: +SKIP
>>> find_attribution(parse("Troops left, reported the BBC.")[:], []).text  # doctest: +SKIP
'the BBC'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from accord.records import ActorMention

__all__ = ["Attribution", "find_attribution", "REPORT_VERBS", "is_outlet_word"]

#: verbs that report what someone said
REPORT_VERBS = frozenset({"say", "report", "tell", "state", "add", "claim", "quote", "write", "announce",
                          "confirm", "note", "insist", "explain", "reveal", "disclose", "allege"})
#: verbs that only report (never an event of their own when they attribute)
_PURE_REPORT = frozenset({"say", "report", "tell", "quote", "write", "add", "state"})
#: words naming anonymous or media sources
_SOURCE_WORDS = frozenset({
    "witness", "official", "source", "report", "media", "newspaper", "paper", "daily", "agency",
    "radio", "television", "tv", "channel", "broadcaster", "spokesman", "spokeswoman", "spokesperson",
    "correspondent", "reporter", "journalist", "resident", "police", "diplomat", "analyst", "observer",
    "aide", "statement", "times", "post", "journal", "press", "news", "reuters", "afp", "ap", "bbc",
    "cnn", "xinhua", "tass", "interfax", "bloomberg", "guardian", "telegraph", "herald", "tribune",
    "gazette", "wire", "service", "outlet", "website", "group", "organization", "organisation",
})
_STRIP_WORDS = frozenset({"newspaper", "daily", "paper", "agency", "outlet", "broadcaster", "channel",
                          "magazine", "weekly", "website"})


@dataclass(frozen=True)
class Attribution:
    """Who a sentence is credited to: the text, its actor code when resolved, its offsets."""

    text: str
    code: str | None
    start: int
    end: int
    verb: int | None = None  # index of the reporting verb in the Doc, when there is one


def is_outlet_word(token: Any) -> bool:
    """True when a token names a media outlet or an unnamed source."""
    return token.lemma_.lower() in _SOURCE_WORDS or token.lower_ in _SOURCE_WORDS


def _phrase(head: Any) -> tuple[int, int]:
    """Token range (start, end) of the noun phrase headed by ``head`` (without clauses)."""
    left = head.i
    right = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "compound", "amod", "nummod", "poss", "nmod", "quantmod", "case", "punct") \
                or child.pos_ == "PROPN":
            left = min(left, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("compound", "appos", "flat", "case") or (child.pos_ == "PROPN" and child.dep_ != "conj"):
            right = max(right, child.right_edge.i)
    return left, right + 1


def _credited(head: Any, mentions: Sequence[ActorMention]) -> Attribution:
    """The attribution for the phrase headed by ``head``: the actor's name when a mention covers it."""
    doc = head.doc
    start, end = _phrase(head)
    # "the newspaper La Jornada": the proper name is what the text credits
    tokens = [t for t in doc[start:end]]
    propn = [t for t in tokens if t.pos_ == "PROPN"]
    if propn and any(t.lemma_.lower() in _STRIP_WORDS for t in tokens):
        tokens = [t for t in tokens if t.i >= propn[0].i]
    char_start = tokens[0].idx
    char_end = tokens[-1].idx + len(tokens[-1].text)
    for mention in mentions:
        if mention.start <= head.idx < mention.end:
            return Attribution(text=mention.name, code=mention.code, start=mention.start, end=mention.end)
    # the phrase's own words (``doc.text`` would join the whole page's tokens anew)
    text = doc[tokens[0].i:tokens[-1].i + 1].text
    return Attribution(text=text, code=None, start=char_start, end=char_end)


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def find_attribution(sentence: Any, mentions: Sequence[ActorMention]) -> Attribution | None:
    """The attribution of one sentence (a spaCy Span, or the list of its tokens), or None when
    the text credits no one."""
    # one pass over the words: "according" first, then the reporting verbs, in text order
    according: list[Any] = []
    verbs: list[Any] = []
    for token in sentence:
        if token.lower_ == "according":
            according.append(token)
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORT_VERBS:
            verbs.append(token)
    for token in according:
        for child in token.children:
            if child.lower_ == "to":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return _credited(objects[0], mentions)
        # spaCy sometimes hangs the object on "according" itself
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and following.lower_ == "to":
            objects = [g for g in following.children if g.dep_ == "pobj"]
            if objects:
                return _credited(objects[0], mentions)
    for token in verbs:
        subject = _subject(token)
        # "X told Reuters": the outlet told is the one credited
        if token.lemma_.lower() == "tell":
            for child in token.children:
                if child.dep_ in ("dative", "dobj") and is_outlet_word(child) or (
                        child.dep_ in ("dative", "dobj") and child.pos_ == "PROPN" and _mention_is_media(child, mentions)):
                    return _credited(child, mentions)
        if subject is None:
            # "..., reported the New York Times": the parser may read the inverted
            # speaker as an object of a verb joined to the main clause
            if token.lemma_.lower() in _PURE_REPORT and token.dep_ in ("conj", "parataxis", "advcl") \
                    and token.head.i < token.i:
                speakers = [c for c in token.children if c.dep_ in ("dobj", "attr", "npadvmod")
                            and (c.pos_ == "PROPN" or is_outlet_word(c))]
                if speakers:
                    attribution = _credited(speakers[0], mentions)
                    return Attribution(attribution.text, attribution.code, attribution.start, attribution.end,
                                       verb=token.i)
            continue
        content = [c for c in token.children if c.dep_ in ("ccomp", "parataxis")]
        after_content = bool(content) and all(c.i < token.i for c in content) or (
            token.dep_ in ("parataxis", "advcl", "ccomp", "conj") and token.head.i < token.i) or (
            subject.i > token.i)  # "..., reported the BBC": inverted speaker
        outlet = is_outlet_word(subject) or _mention_is_media(subject, mentions)
        if token.lemma_.lower() in _PURE_REPORT and (after_content or outlet):
            attribution = _credited(subject, mentions)
            return Attribution(attribution.text, attribution.code, attribution.start, attribution.end, verb=token.i)
    return None


def _mention_is_media(token: Any, mentions: Sequence[ActorMention]) -> bool:
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            code = mention.code or ""
            return code.endswith("MED") or code.endswith("JRN")
    return False
