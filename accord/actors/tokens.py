"""The token attributes the actor stages read, copied out of a spaCy ``Doc`` once.

Every ``doc[i]`` builds a new spaCy ``Token`` object and every ``token.sent`` walks
its sentence, so reading attributes through the ``Doc`` over and over costs more
than all the actor logic around it. :class:`Tokens` reads each token once, in one
pass, into plain lists indexed by token position; the helpers of
:mod:`~accord.actors.mentions`, :mod:`~accord.actors.resolve` and
:mod:`~accord.actors.coref` read those lists instead of the ``Doc``.

>>> from accord import nlp
>>> tokens = Tokens(nlp.parse("Kelly met Tillerson."))  # doctest: +SKIP
>>> tokens.text[0], tokens.pos[0], tokens.span_text(0, 2)  # doctest: +SKIP
('Kelly', 'PROPN', 'Kelly met')
"""

from __future__ import annotations

from typing import Any

from accord.arrays import columns, strings

#: the spaCy attributes read with ``Doc.to_array``, by name (no spaCy import needed)
_COLUMNS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_TYPE", "ENT_IOB", "IS_PUNCT", "IS_SPACE",
            "LIKE_NUM", "IDX", "SPACY")
#: ``Token.ent_iob_`` by ``ENT_IOB`` code
_IOB = ("", "I", "O", "B")


class Tokens:
    """Per-position token attributes of one spaCy ``Doc`` (a read-only snapshot), read
    with one ``Doc.to_array`` call instead of one ``Token`` object per attribute.

    Each list attribute has one item per token, named after the spaCy attribute it
    copies (``lower`` is ``Token.lower_``, ``head`` is ``Token.head.i``, ...).
    ``sentence[i]`` is the index of the sentence holding token ``i`` and
    ``sentences[k]`` the ``(start, end)`` token range of sentence ``k``. The ``Doc``
    itself stays available as ``doc`` for what is rarely needed (noun chunks,
    entities, subtrees).
    """

    __slots__ = ("doc", "source", "text", "lower", "lemma", "pos", "tag", "dep", "head", "ent_type", "ent_iob",
                 "newline_after", "is_punct", "is_space", "like_num", "idx", "sentence", "sentences")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        length = len(doc)
        named = columns(doc, _COLUMNS)
        store = doc.vocab.strings
        self.text: list[str] = strings(store, named["ORTH"])
        self.lower: list[str] = strings(store, named["LOWER"])
        self.lemma: list[str] = strings(store, named["LEMMA"])
        self.pos: list[str] = strings(store, named["POS"])
        self.tag: list[str] = strings(store, named["TAG"])
        self.dep: list[str] = strings(store, named["DEP"])
        self.head: list[int] = named["HEAD"]
        self.ent_type: list[str] = strings(store, named["ENT_TYPE"])
        self.ent_iob: list[str] = list(map(_IOB.__getitem__, named["ENT_IOB"]))
        self.is_punct: list[bool] = list(map(bool, named["IS_PUNCT"]))
        self.is_space: list[bool] = list(map(bool, named["IS_SPACE"]))
        self.like_num: list[bool] = list(map(bool, named["LIKE_NUM"]))
        self.idx: list[int] = named["IDX"]  # character offset in ``source``
        # spaCy keeps one flag for the whitespace after a token: a single space or nothing
        # (line breaks are tokens of their own), so no token has a line break after it,
        # and the text is the tokens with that space
        self.newline_after: list[bool] = [False] * length
        self.source: str = "".join(map(_with_space, self.text, named["SPACY"]))  # ``Doc.text``
        self.sentence: list[int] = [0] * len(self.text)
        self.sentences: list[tuple[int, int]] = []
        for number, sentence in enumerate(doc.sents):
            self.sentences.append((sentence.start, sentence.end))
            self.sentence[sentence.start:sentence.end] = [number] * (sentence.end - sentence.start)

    @classmethod
    def of(cls, doc: Any) -> "Tokens":
        """``doc`` itself when it already is a :class:`Tokens`, else its token table."""
        return doc if isinstance(doc, Tokens) else cls(doc)

    def __len__(self) -> int:
        return len(self.text)

    def start_char(self, start: int) -> int:
        """Character offset where token ``start`` begins (``Span.start_char``)."""
        return self.idx[start]

    def end_char(self, end: int) -> int:
        """Character offset where the non-empty token range ending before ``end`` ends (``Span.end_char``)."""
        return self.idx[end - 1] + len(self.text[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """The text of the non-empty token range ``start:end`` (``doc[start:end].text``)."""
        return self.source[self.idx[start]:self.end_char(end)]


def _with_space(text: str, space: int) -> str:
    return text + " " if space else text
