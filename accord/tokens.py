"""The token table every stage reads: a spaCy ``Doc``'s token attributes as plain lists.

Every ``doc[i]`` builds a new spaCy ``Token`` object and every ``token.sent`` walks
its sentence, so reading attributes through the ``Doc`` over and over costs more
than the logic around it. :class:`Tokens` reads the columns once, with one
``Doc.to_array`` call, into plain lists indexed by token position, and
:meth:`Tokens.of` keeps the last one, so that the actor stage and the event coder
(:class:`accord.events.parse.Parse`) share one table per document. Attribute names
are spaCy's (``"ORTH"``, ``"POS"``, ``"HEAD"``...), so no spaCy import is needed.

>>> from accord import nlp
>>> tokens = Tokens(nlp.parse("Kelly met Tillerson."))  # doctest: +SKIP
>>> tokens.text[0], tokens.pos[0], tokens.span_text(0, 2)  # doctest: +SKIP
('Kelly', 'PROPN', 'Kelly met')
"""

from __future__ import annotations

from typing import Any, Sequence


#: string of each hash (or symbol id) seen in a string column: a dict lookup is about twice as
#: quick as the string store's. Hashes are of the strings themselves, the same in every
#: vocabulary; the memo is emptied when it grows past ``MEMO_LIMIT``.
MEMO: dict[int, str] = {}
MEMO_LIMIT = 1 << 18


def columns(doc: Any, names: Sequence[str]) -> dict[str, list[int]]:
    """The ``to_array`` columns ``names`` of ``doc`` as lists of ints (empty lists for an empty
    doc); ``HEAD``, an offset in spaCy, is made the head's absolute position."""
    if not len(doc):
        return {name: [] for name in names}
    array = doc.to_array(list(names))  # unsigned: string hashes need all 64 bits
    named = dict(zip(names, array.T.tolist()))
    if "HEAD" in named:
        heads = array[:, list(names).index("HEAD")].astype("int64")  # negative for a head on the left
        heads += range(len(doc))
        named["HEAD"] = heads.tolist()
    return named


def strings(store: Any, hashes: list[int]) -> list[str]:
    """The strings of a column of hashes, through ``store`` (a spaCy ``StringStore``) and :data:`MEMO`."""
    try:
        return list(map(MEMO.__getitem__, hashes))
    except KeyError:
        if len(MEMO) > MEMO_LIMIT:
            MEMO.clear()
        found: list[str] = []
        for key in hashes:
            text = MEMO.get(key)
            if text is None:
                text = MEMO[key] = store[key]
            found.append(text)
        return found


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
                 "is_punct", "is_space", "like_num", "idx", "sentence", "sentences")

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
        # spaCy keeps one flag for the whitespace after a token: a single space or nothing (line
        # breaks are tokens of their own), and the text is the tokens with that space
        self.source: str = "".join(map(_with_space, self.text, named["SPACY"]))  # ``Doc.text``
        self.sentence: list[int] = [0] * len(self.text)
        self.sentences: list[tuple[int, int]] = []
        for number, sentence in enumerate(doc.sents):
            self.sentences.append((sentence.start, sentence.end))
            self.sentence[sentence.start:sentence.end] = [number] * (sentence.end - sentence.start)

    @classmethod
    def of(cls, doc: Any) -> "Tokens":
        """``doc`` itself when it already is a :class:`Tokens`, else its token table. The table of the
        last Doc asked for is kept, so the stages of one document share one (the stages never change
        a parsed Doc); keeping only the last one keeps no corpus in memory."""
        global _last
        if isinstance(doc, Tokens):
            return doc
        table = _last
        if table is None or table.doc is not doc or len(table) != len(doc):
            table = _last = cls(doc)
        return table

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


#: the table :meth:`Tokens.of` read last
_last: Tokens | None = None
