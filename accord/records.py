"""Typed records passed between accord's stages.

Every stage takes and returns these frozen dataclasses; JSON, Arrow and SQL
conversions happen only at the edges (``to_dict`` here, the store, the CLI).

Offsets: a :class:`Page` has one canonical document text, ``Page.text``: its
body paragraphs joined by a blank line (``"\\n\\n"``). Every character offset
of a paragraph, mention, trigger, source or target refers to that text, so an
analyst can always cut the evidence back out of ``page.text[start:end]``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"

#: kinds a paragraph of a page can have; only ``body`` feeds event coding
PARAGRAPH_KINDS = ("body", "heading", "bio", "related", "provenance", "boilerplate")

#: modalities an event can carry
MODALITIES = ("asserted", "negated", "hypothetical", "implied", "reported")

#: kinds of actor
ACTOR_KINDS = ("person", "organisation", "country", "group")


def to_dict(record: Any) -> Any:
    """Convert a record (or a tuple/list of records) to plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


@dataclass(frozen=True)
class RawDocument:
    """One input document before parsing: plain text or HTML, with what the input knows."""

    doc_id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    date: str | None = None  # ISO date YYYY-MM-DD, the publication date when known
    path: str | None = None  # where it was read from, for messages

    @property
    def content(self) -> str:
        return self.html if self.html is not None else (self.text or "")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a page. ``start``/``end`` index ``Page.text`` for body paragraphs
    and are -1 for paragraphs outside the body."""

    text: str
    section: str | None = None
    kind: str = "body"
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Comment:
    """A reader comment; ``parent`` is the id of the comment it replies to."""

    id: str
    author: str | None
    parent: str | None
    text: str
    date: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split(PARAGRAPH_SEPARATOR) if p.strip()]


@dataclass(frozen=True)
class Page:
    """The structure of one news page."""

    doc_id: str
    title: str | None = None
    subtitles: tuple[str, ...] = ()
    reprinted_from: str | None = None
    author: str | None = None
    published: str | None = None
    sections: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    comments: tuple[Comment, ...] = ()
    boilerplate: tuple[str, ...] = ()
    url: str | None = None
    source_format: str = "text"  # text | html
    language: str | None = "en"

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "body")

    @property
    def text(self) -> str:
        """The canonical document text that all offsets refer to."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.body)

    def to_json(self) -> dict[str, Any]:
        """The JSON object printed by ``accord page``."""
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "title": self.title,
            "subtitles": list(self.subtitles),
            "reprinted_from": self.reprinted_from,
            "author": self.author,
            "published": self.published,
            "sections": list(self.sections),
            "paragraphs": [
                {"text": p.text, "section": p.section, "kind": p.kind, "start": p.start, "end": p.end}
                for p in self.paragraphs
            ],
            "comments": [
                {"id": c.id, "author": c.author, "parent": c.parent, "text": c.text, "date": c.date}
                for c in self.comments
            ],
            "boilerplate": list(self.boilerplate),
            "source_format": self.source_format,
            "language": self.language,
        }


def build_page(
    doc_id: str,
    paragraphs: list[tuple[str, str | None, str]],
    **fields: Any,
) -> Page:
    """Build a :class:`Page`, computing body offsets from ``(text, section, kind)`` triples."""
    built: list[Paragraph] = []
    cursor = 0
    first = True
    for text, section, kind in paragraphs:
        if kind == "body":
            if not first:
                cursor += len(PARAGRAPH_SEPARATOR)
            built.append(Paragraph(text=text, section=section, kind=kind, start=cursor, end=cursor + len(text)))
            cursor += len(text)
            first = False
        else:
            built.append(Paragraph(text=text, section=section, kind=kind))
    return Page(doc_id=doc_id, paragraphs=tuple(built), **fields)


@dataclass(frozen=True)
class Skip:
    """A document that a stage could not process, and why. Batches count these."""

    doc_id: str
    stage: str
    code: str
    reason: str
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"skip": True, "doc_id": self.doc_id, "stage": self.stage, "code": self.code,
                "reason": self.reason, "path": self.path}


@dataclass(frozen=True)
class Mention:
    """A stretch of ``Page.text`` that refers to an actor."""

    text: str
    start: int
    end: int
    sentence_index: int | None = None


@dataclass(frozen=True)
class Actor:
    """An actor of one document, resolved to a CAMEO-style code, with all its mentions."""

    doc_id: str
    name: str
    code: str | None
    role: str | None
    kind: str  # person | organisation | country | group
    mentions: tuple[Mention, ...] = ()
    country: str | None = None  # ISO 3166 alpha-3 (or IGO/NGO) part of the code

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "name": self.name,
            "code": self.code,
            "role": self.role,
            "kind": self.kind,
            "country": self.country,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in self.mentions],
        }


@dataclass(frozen=True)
class ActorMention:
    """One resolved mention: a stretch of ``Page.text`` and the actor it stands for.

    The event coder reads these to fill an event's source and target; ``actor``
    indexes the list of :class:`Actor` records returned with it (or is None).
    """

    text: str
    start: int
    end: int
    code: str | None
    name: str
    kind: str  # person | organisation | country | group
    role: str | None = None
    sentence_index: int | None = None
    actor: int | None = None
    via: str = "name"  # how it was resolved: name | title | demonym | capital | coref | pronoun | noun | dictionary


@dataclass(frozen=True)
class Location:
    """Where an event happened, from a gazetteer."""

    name: str
    country: str | None = None  # ISO 3166 alpha-3
    adm1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    feature_id: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Offsets:
    """Character offsets (start, end) in ``Page.text`` of an event's parts."""

    trigger: tuple[int, int]
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    sentence: tuple[int, int] | None = None


@dataclass(frozen=True)
class Event:
    """One coded event report: a sentence of one document saying who did what to whom."""

    doc_id: str
    sentence_index: int
    sentence: str
    source: str | None
    source_name: str | None
    target: str | None
    target_name: str | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str | None
    modality: str
    attributed_to: str | None
    date: str | None
    trigger: str
    offsets: Offsets
    rule: str
    location: Location | None = None
    context: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = to_dict(self)
        data["offsets"] = {k: (list(v) if v is not None else None) for k, v in to_dict(self.offsets).items()}
        return data


@dataclass(frozen=True)
class BatchSummary:
    """What a batch did: how many documents were read, produced, and skipped by reason."""

    read: int = 0
    produced: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{code}: {n}" for code, n in sorted(self.skipped.items()))
        text = f"accord: {self.read} documents read, {self.produced} processed, {skipped} skipped"
        return text + (f" ({reasons})" if reasons else "")


#: stances a reader comment can take toward the article (or, for a reply, toward its parent)
STANCES = ("agrees", "disputes", "off-topic")


@dataclass(frozen=True)
class CommentReaction:
    """How one reader comment reacts: its stance toward the article, incivility, targets,
    and its place in the thread (``depth`` 0 = top level, ``replies`` = direct replies).
    ``toward_parent`` is a reply's stance toward the comment it answers (None at top level);
    ``cues`` name the lexicon entries that decided it, so every label explains itself."""

    doc_id: str
    comment_id: str
    author: str | None
    parent: str | None
    stance: str
    uncivil: bool
    targets: tuple[str, ...]
    depth: int
    replies: int
    cues: tuple[str, ...] = ()
    toward_parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(frozen=True)
class ArticleReactions:
    """The comment thread of one article in numbers."""

    doc_id: str
    comments: int
    stances: dict[str, int]
    uncivil_share: float
    most_replied: str | None  # comment id, None when no comment has replies
    most_replied_count: int = 0

    def to_json(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(frozen=True)
class Statement:
    """A direct or indirect quote, or a reported statement, of one actor.

    ``text`` is the content (``page_text[start:end]``); ``topic`` its key terms,
    normalised and joined by ", "; ``polarity`` +1 when it asserts, -1 when it
    negates or denies; ``kind`` is ``direct``, ``indirect`` or ``according``."""

    doc_id: str
    sentence_index: int
    speaker: str
    speaker_code: str | None
    text: str
    topic: str
    polarity: int
    date: str | None
    start: int
    end: int
    kind: str

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for t in self.topic.split(", ") if t)

    def to_json(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(frozen=True)
class Signal:
    """Two statements by one side that contradict each other on a topic (a mixed signal)."""

    topic: str
    a: Statement
    b: Statement
    score: float

    def to_json(self) -> dict[str, Any]:
        """The line printed by ``accord signals``."""
        def side(statement: Statement) -> dict[str, Any]:
            return {"actor": statement.speaker, "actor_code": statement.speaker_code,
                    "text": statement.text, "date": statement.date}

        return {"topic": self.topic, "a": side(self.a), "b": side(self.b), "score": round(self.score, 3)}
