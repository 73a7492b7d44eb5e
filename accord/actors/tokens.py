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


class Tokens:
    """Per-position token attributes of one spaCy ``Doc`` (a read-only snapshot).

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
        self.source: str = doc.text
        self.text: list[str] = []
        self.lower: list[str] = []
        self.lemma: list[str] = []
        self.pos: list[str] = []
        self.tag: list[str] = []
        self.dep: list[str] = []
        self.head: list[int] = []
        self.ent_type: list[str] = []
        self.ent_iob: list[str] = []
        self.newline_after: list[bool] = []  # a line break in the whitespace after the token
        self.is_punct: list[bool] = []
        self.is_space: list[bool] = []
        self.like_num: list[bool] = []
        self.idx: list[int] = []  # character offset in ``source``
        for token in doc:
            self.text.append(token.text)
            self.lower.append(token.lower_)
            self.lemma.append(token.lemma_)
            self.pos.append(token.pos_)
            self.tag.append(token.tag_)
            self.dep.append(token.dep_)
            self.head.append(token.head.i)
            self.ent_type.append(token.ent_type_)
            self.ent_iob.append(token.ent_iob_)
            self.newline_after.append("\n" in token.whitespace_)
            self.is_punct.append(token.is_punct)
            self.is_space.append(token.is_space)
            self.like_num.append(token.like_num)
            self.idx.append(token.idx)
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
