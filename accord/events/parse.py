"""A light copy of a spaCy ``Doc``'s parse for the event coder: words that read like Tokens.

The coder walks the dependency parse word by word (children, heads, conjuncts,
subtrees). Through spaCy each step builds a new ``Token`` object, which costs
more than the coder's own logic. :class:`Parse` reads the attributes the coder
needs once per document with ``Doc.to_array`` and hands out :class:`Word`
objects, made at most once per position, that offer the same attributes under
the same names (``lower_``, ``lemma_``, ``pos_``, ``dep_``, ``head``,
``children``, ``conjuncts``, ``subtree``...). :class:`Sentence` stands for a
sentence ``Span``. The helpers of :mod:`~accord.events.coder`,
:mod:`~accord.events.modality` and :mod:`~accord.events.attribution` take either
spaCy objects or these.

>>> from accord.nlp import parse  # doctest: +SKIP
>>> words = Parse(parse("Kelly met Tillerson."))  # doctest: +SKIP
>>> words[1].lemma_, [c.text for c in words[1].children]  # doctest: +SKIP
('meet', ['Kelly', 'Tillerson', '.'])
"""

from __future__ import annotations

from typing import Any, Iterator

from accord.tokens import Tokens

__all__ = ["Parse", "Word", "Sentence"]


class Parse:
    """The parse of one spaCy ``Doc``, as plain lists indexed by token position.

    ``parse[i]`` is the :class:`Word` at position ``i`` (always the same object);
    ``parse[a:b]`` a :class:`Sentence` over positions ``a`` to ``b``; ``text`` is
    ``Doc.text``.
    """

    __slots__ = ("doc", "orth", "lower", "lemma", "pos", "tag", "dep", "head", "idx", "text", "_words",
                 "_children")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        table = Tokens.of(doc)  # the actor stage has usually read it already
        self.orth: list[str] = table.text
        self.lower: list[str] = table.lower
        self.lemma: list[str] = table.lemma
        self.pos: list[str] = table.pos
        self.tag: list[str] = table.tag
        self.dep: list[str] = table.dep
        self.head: list[int] = table.head
        self.idx: list[int] = table.idx
        self.text: str = table.source  # ``Doc.text``
        self._words: list[Word | None] = [None] * len(self.orth)
        self._children: list[list[int]] | None = None

    def __len__(self) -> int:
        return len(self.orth)

    def first_conjunct(self, i: int) -> int:
        """The first of the words coordinated with word ``i`` (``i`` itself when it is not a conjunct)."""
        heads, deps = self.head, self.dep
        while heads[i] != i and deps[i] == "conj":  # the heads form a tree: the climb ends
            i = heads[i]
        return i

    def word(self, i: int) -> "Word":
        """The word at position ``i`` (``i`` >= 0)."""
        word = self._words[i]
        if word is None:
            word = self._words[i] = Word(self, i)
        return word

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.orth))
            return Sentence(self, start, max(start, stop))
        word = self._words[key]
        if word is None:
            if key < 0:
                return self[key + len(self.orth)]
            word = self._words[key] = Word(self, key)
        return word

    def children_of(self, i: int) -> list[int]:
        """Positions of the children of word ``i``, in text order."""
        children = self._children
        if children is None:
            children = self._children = [[] for _ in self.orth]
            for child, head in enumerate(self.head):
                if head != child:
                    children[head].append(child)
        return children[i]


class Word:
    """One word of a :class:`Parse`, with the attributes of a spaCy ``Token`` that the coder reads."""

    __slots__ = ("doc", "i", "idx", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "_children")

    def __init__(self, parse: Parse, i: int) -> None:
        self.doc = parse
        self.i = i
        self.idx: int = parse.idx[i]
        self.text: str = parse.orth[i]
        self.lower_: str = parse.lower[i]
        self.lemma_: str = parse.lemma[i]
        self.pos_: str = parse.pos[i]
        self.tag_: str = parse.tag[i]
        self.dep_: str = parse.dep[i]
        self._children: list[Word] | None = None

    def __repr__(self) -> str:
        return self.text

    @property
    def head(self) -> "Word":
        return self.doc.word(self.doc.head[self.i])

    @property
    def children(self) -> list["Word"]:
        """The children in text order (one list, made once: callers must not change it)."""
        children = self._children
        if children is None:
            word = self.doc.word
            children = self._children = [word(c) for c in self.doc.children_of(self.i)]
        return children

    @property
    def lefts(self) -> list["Word"]:
        return [c for c in self.children if c.i < self.i]

    @property
    def rights(self) -> list["Word"]:
        return [c for c in self.children if c.i > self.i]

    def _descendants(self) -> list[int]:
        """Positions of the word and all words under it (in no particular order)."""
        children_of = self.doc.children_of
        found = [self.i]
        for position in found:
            found.extend(children_of(position))
        return found

    @property
    def subtree(self) -> list["Word"]:
        word = self.doc.word
        return [word(i) for i in sorted(self._descendants())]

    @property
    def left_edge(self) -> "Word":
        return self.doc.word(min(self._descendants()))

    @property
    def right_edge(self) -> "Word":
        return self.doc.word(max(self._descendants()))

    @property
    def conjuncts(self) -> tuple["Word", ...]:
        """The words coordinated with this one (``Token.conjuncts``: the first conjunct, then
        the "conj" children of each, breadth first, without the word itself)."""
        doc = self.doc
        deps = doc.dep
        start = doc.first_conjunct(self.i)
        queue = [start]
        for position in queue:
            queue.extend(c for c in doc.children_of(position) if c > position and deps[c] == "conj")
        if len(queue) == 1 and start == self.i:
            return ()
        return tuple(doc.word(i) for i in queue if i != self.i)

    def nbor(self, offset: int = 1) -> "Word":
        i = self.i + offset
        if not 0 <= i < len(self.doc):
            raise IndexError(f"no word at {i}")  # as spaCy's Token.nbor: no wrapping round the document
        return self.doc[i]


class Sentence:
    """A range of words of a :class:`Parse` (a sentence ``Span``)."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, parse: Parse, start: int, end: int) -> None:
        self.doc = parse
        self.start = start
        self.end = end

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Word]:
        word = self.doc.word
        return (word(i) for i in range(self.start, self.end))

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, _ = key.indices(self.end - self.start)
            return Sentence(self.doc, self.start + start, self.start + max(start, stop))
        if key < 0:
            key += self.end - self.start
        return self.doc.word(self.start + key)

    @property
    def start_char(self) -> int:
        return self.doc.idx[self.start] if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return 0
        return self.doc.idx[self.end - 1] + len(self.doc.orth[self.end - 1])

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    @property
    def lowers(self) -> list[str]:
        """The lower-case forms of the words."""
        return self.doc.lower[self.start:self.end]
