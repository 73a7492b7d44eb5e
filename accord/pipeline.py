"""The whole pipeline for one document: raw input -> page -> parse -> actors -> events.

:class:`Pipeline` holds what is loaded once (the spaCy pipeline, the knowledge
base, user dictionaries) and turns each :class:`RawDocument` into an
:class:`Analysis`. Expected failures become :class:`Skip` records in batches,
so one bad document never stops the rest.

>>> from accord.pipeline import Pipeline  # doctest: +SKIP
>>> for result in Pipeline().run(["news/"]):  # doctest: +SKIP
...     print(result)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

from accord.errors import AccordError
from accord.limits import DEFAULT_MAX_SECONDS, time_limit
from accord.records import (
    Actor,
    ActorMention,
    ArticleReactions,
    CommentReaction,
    Event,
    Page,
    RawDocument,
    Skip,
    Statement,
)

#: every stage, in order; ``PipelineOptions.stages`` picks a subset
STAGES = ("page", "actors", "events", "statements", "reactions")


@dataclass(frozen=True)
class Analysis:
    """Everything accord found in one document. Reader reactions are kept apart
    from the news events: comments never feed ``events`` or ``statements``."""

    page: Page
    actors: tuple[Actor, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    reactions: tuple[CommentReaction, ...] = ()
    reaction_summary: ArticleReactions | None = None


@dataclass
class PipelineOptions:
    """What a user can change about the pipeline."""

    actor_files: Sequence[str] = ()
    verb_files: Sequence[str] = ()
    discard_files: Sequence[str] = ()
    date: str | None = None  # publication date when the input gives none
    encoding: str | None = None
    max_bytes: int | None = None
    stages: Sequence[str] = STAGES
    max_seconds: float | None = DEFAULT_MAX_SECONDS  # per-document time budget (E111); None: no limit


class Pipeline:
    """Turns raw documents into analyses; load once, reuse for many documents."""

    def __init__(self, options: PipelineOptions | None = None) -> None:
        self.options = options or PipelineOptions()
        self._nlp: Any = None
        self._knowledge: Any = None
        self._lexicon: Any = None

    # loaded lazily so that `accord page` never loads spaCy
    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from accord import nlp

            self._nlp = nlp.load()
        return self._nlp

    @property
    def knowledge(self) -> Any:
        if self._knowledge is None:
            from accord.actors import load_knowledge

            self._knowledge = load_knowledge(extra_actor_files=tuple(self.options.actor_files))
        return self._knowledge

    @property
    def lexicon(self) -> Any:
        if self._lexicon is None:
            from accord.events import load_lexicon

            self._lexicon = load_lexicon(verb_files=tuple(self.options.verb_files),
                                         discard_files=tuple(self.options.discard_files))
        return self._lexicon

    def analyse(self, raw: RawDocument) -> Analysis:
        """Analyse one document; raises :class:`AccordError` for expected failures,
        E111 when it takes longer than ``options.max_seconds``."""
        if not self._page_only():
            self.nlp  # load the model outside the document's time budget
        with time_limit(self.options.max_seconds, raw.path or raw.doc_id):
            page = self._parse_page(raw)
            if self._page_only():
                return Analysis(page=page)
            return self._code(raw, page, self.nlp(page.text))

    def analyse_or_skip(self, raw: RawDocument) -> Analysis | Skip:
        """:meth:`analyse`, with an expected failure turned into the page's :class:`Skip`."""
        try:
            return self.analyse(raw)
        except AccordError as error:
            return _skip(raw, error)

    def analyse_many(self, raws: Sequence[RawDocument], batch_size: int = 16) -> list[Analysis | Skip]:
        """Analyse ``raws`` together, in their order; an expected failure becomes that page's Skip.

        spaCy parses the batch's pages in one ``nlp.pipe`` call, about 15% less CPU than one call per
        page; every other stage runs page by page as in :meth:`analyse`, so the results are the same.
        """
        if self._page_only() or not self.options.max_seconds:
            return self._analyse_many(raws, batch_size)
        self.nlp  # load the model outside the documents' time budget
        try:
            with time_limit(self.options.max_seconds * max(1, len(raws)), "a batch of pages"):
                return self._analyse_many(raws, batch_size)
        except AccordError as error:
            if error.code != "E111":
                raise
        # one page ran over: analyse the batch page by page, each with its own budget
        return [self.analyse_or_skip(raw) for raw in raws]

    def _analyse_many(self, raws: Sequence[RawDocument], batch_size: int) -> list[Analysis | Skip]:
        results: list[Analysis | Skip | None] = [None] * len(raws)
        parsed = []
        for position, raw in enumerate(raws):
            try:
                page = self._parse_page(raw)
            except AccordError as error:
                results[position] = _skip(raw, error)
                continue
            if self._page_only():
                results[position] = Analysis(page=page)
            else:
                parsed.append((position, raw, page))
        docs = self.nlp.pipe([page.text for _, _, page in parsed], batch_size=batch_size) if parsed else []
        for (position, raw, page), doc in zip(parsed, docs):
            try:
                results[position] = self._code(raw, page, doc)
            except AccordError as error:
                results[position] = _skip(raw, error)
        return [result for result in results if result is not None]

    def _parse_page(self, raw: RawDocument) -> Page:
        from accord.page import parse_page

        if self.options.max_bytes:
            return parse_page(raw, max_chars=self.options.max_bytes)
        return parse_page(raw)

    def _page_only(self) -> bool:
        return list(self.options.stages) == ["page"]

    def _code(self, raw: RawDocument, page: Page, doc: Any) -> Analysis:
        """The stages after the parse: actors, events, statements, reactions."""
        stages = self.options.stages
        date = page.published or raw.date or self.options.date
        from accord.actors import resolve_actors

        actors, mentions = resolve_actors(page, doc, kb=self.knowledge, date=date)
        events: list[Event] = []
        if "events" in stages:
            from accord.events import code_events

            events = code_events(page, doc, mentions, published=date, lexicon=self.lexicon)
        statements: list[Statement] = []
        if "statements" in stages:
            from accord.statements import extract_statements

            statements = extract_statements(page, doc, mentions, date)
        reactions: list[CommentReaction] = []
        summary = None
        if "reactions" in stages and page.comments:
            from accord.reactions import assess_comments

            reactions, summary = assess_comments(page, actors=actors)
        return Analysis(page=page, actors=tuple(actors), mentions=tuple(mentions), events=tuple(events),
                        statements=tuple(statements), reactions=tuple(reactions), reaction_summary=summary)

    def run(self, inputs: Iterable[str | RawDocument]) -> Iterator[Analysis | Skip]:
        """Analyse many documents (paths, folders, JSON Lines files or RawDocuments).

        Yields an :class:`Analysis` per document, or a :class:`Skip` with the
        coded reason when a document cannot be read or analysed.
        """
        for raw in self._documents(inputs):
            if isinstance(raw, Skip):
                yield raw
                continue
            yield self.analyse_or_skip(raw)

    def _documents(self, inputs: Iterable[str | RawDocument]) -> Iterator[RawDocument | Skip]:
        # accord.readers adds Parquet, WARC and WET files to what accord.inputs reads
        from accord.readers import iter_raw as iter_documents

        paths: list[str] = []
        for item in inputs:
            if isinstance(item, RawDocument):
                if paths:
                    yield from iter_documents(paths, **self._read_options())
                    paths = []
                yield item
            else:
                paths.append(str(item))
        if paths:
            yield from iter_documents(paths, **self._read_options())

    def _read_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"date": self.options.date, "encoding": self.options.encoding}
        if self.options.max_bytes is not None:
            options["max_bytes"] = self.options.max_bytes
        return options


def in_batches(items: Iterable[RawDocument | Skip], analyse: Callable[[list[RawDocument]], list[Analysis | Skip]],
               size: int) -> Iterator[tuple[RawDocument | Skip, Analysis | Skip]]:
    """Each of ``items`` with its result, in order, the documents analysed ``size`` at a time by
    ``analyse`` (a batch in, its results in order out); a Skip (an input that could not be read)
    is its own result. Only one batch is held at a time."""
    batch: list[RawDocument] = []
    for item in items:
        if not isinstance(item, Skip):
            batch.append(item)
        if batch and (isinstance(item, Skip) or len(batch) >= size):
            yield from zip(batch, analyse(batch))
            batch = []
        if isinstance(item, Skip):
            yield item, item
    if batch:
        yield from zip(batch, analyse(batch))


def _skip(raw: RawDocument, error: AccordError) -> Skip:
    return Skip(doc_id=raw.doc_id, stage="analyse", code=error.code, reason=error.message, path=raw.path)
