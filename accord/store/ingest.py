"""Ingest: run the pipeline over inputs and write the results into the store.

Guarantees:

* **idempotent**: a page is keyed by its URL, or the sha256 of its content when
  it has none; a key already in the store is not analysed again;
* **transactional per batch**: a batch's pages, paragraphs, comments, actors,
  events and skips are committed together or not at all;
* **resumable**: after a crash or Ctrl-C the committed batches stay, and a rerun
  analyses only what is missing; clusters are rebuilt at the end of every run
  that changed the store (and by any run that finds them stale);
* **shared with readers**: the file is opened only to look up keys, commit a
  batch and rebuild clusters, and closed while pages are analysed, so the API
  and the CLI can read the store between batches (DuckDB admits one writing
  process or many reading ones; each side waits for the other, see
  :func:`accord.store.database.connect`).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO
from urllib.parse import urlparse

from accord.pipeline import Analysis, Pipeline
from accord.records import RawDocument, Skip
from accord.store import cluster as clustering
from accord.store.database import connect

DEFAULT_BATCH_SIZE = 25
#: how long the writer waits for readers in other processes to let go of the file, in seconds
WRITER_LOCK_WAIT = 300.0


@dataclass
class IngestSummary:
    """What one ingest run did."""

    pages_read: int = 0
    pages_added: int = 0
    pages_already_stored: int = 0
    events_added: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    clusters: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{code}: {n}" for code, n in sorted(self.skipped.items()))
        return [
            f"pages read {self.pages_read}, added {self.pages_added}, already stored {self.pages_already_stored}",
            f"events added {self.events_added}, clusters in store {self.clusters}",
            f"skipped {skipped}" + (f" ({reasons})" if reasons else ""),
            f"took {self.seconds:.1f} s",
        ]


def document_key(raw: RawDocument) -> tuple[str, str]:
    """(key, content hash) of a raw document: its URL when known, else the hash."""
    digest = hashlib.sha256(raw.content.encode("utf-8", "surrogatepass")).hexdigest()
    return (raw.url.strip() if raw.url and raw.url.strip() else f"sha256:{digest}"), digest


def origin_of(url: str | None, reprinted_from: str | None, doc_id: str) -> str:
    """The independent source of a page: the original outlet of a reprint or wire copy,
    else the site it was published on. Names are normalised so that "The AP" and
    "AP" count as one source."""
    if reprinted_from:
        return _normalise_outlet(reprinted_from)
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            host = host[4:] if host.startswith("www.") else host
            return host
    return f"unknown:{doc_id}"


_WIRE_NAMES = {
    "ap": "associated press", "the associated press": "associated press",
    "afp": "agence france-presse", "agence france presse": "agence france-presse",
    "reuters": "reuters", "thomson reuters": "reuters",
}


def _normalise_outlet(name: str) -> str:
    name = " ".join(name.lower().split()).strip(" .")
    name = name[4:] if name.startswith("the ") else name
    name = name[4:] if name.startswith("www.") else name
    return _WIRE_NAMES.get(name.replace(".", ""), name)


def ingest(
    inputs: Iterable[str | RawDocument],
    db: str | Path,
    pipeline: Pipeline | None = None,
    *,
    executor: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: TextIO | None = None,
    window_days: int = clustering.DEFAULT_WINDOW_DAYS,
) -> IngestSummary:
    """Run the pipeline over ``inputs`` and store the results in the DuckDB file ``db``.

    ``executor`` (default: this process) decides where pages are analysed; the
    store is written here, one transaction per batch.

    >>> summary = ingest(["news/"], "accord.duckdb")  # doctest: +SKIP
    """
    from accord.executors import LocalExecutor

    owned = executor is None
    pipeline = pipeline or (executor.pipeline if executor is not None else Pipeline())
    executor = executor or LocalExecutor(pipeline=pipeline, workers=1)
    started = time.monotonic()
    summary = IngestSummary()
    try:
        # the file is held only while looking up keys, committing a batch and rebuilding clusters,
        # so that readers in other processes (the API, `accord relations`) get in between
        with _holding(db) as connection:
            batch_number = int(connection.execute(
                "SELECT coalesce(max(batch), 0) FROM (SELECT batch FROM documents UNION ALL SELECT batch FROM skips)"
            ).fetchone()[0])
        changed = False
        for batch in _batches(pipeline._documents(inputs), batch_size):
            batch_number += 1
            rows = _analyse_batch(db, executor, batch, summary)
            if rows.has_data():
                with _holding(db) as connection:
                    _write_batch(connection, rows, batch_number)
                changed = True
            if progress is not None:
                progress.write(f"\raccord ingest: {summary.pages_read} pages read, {summary.pages_added} added, "
                               f"{summary.events_added} events")
                progress.flush()
        if progress is not None:
            progress.write("\n")
        with _holding(db) as connection:
            if changed or _clusters_stale(connection):
                clustering.rebuild(connection, window_days=window_days)
            summary.clusters = int(connection.execute("SELECT count(*) FROM clusters").fetchone()[0])
    finally:
        if owned:
            executor.close()
    summary.seconds = time.monotonic() - started
    return summary


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Rows:
    documents: list[tuple] = field(default_factory=list)
    paragraphs: list[tuple] = field(default_factory=list)
    comments: list[tuple] = field(default_factory=list)
    actors: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    statements: list[tuple] = field(default_factory=list)
    comment_reactions: list[tuple] = field(default_factory=list)
    article_reactions: list[tuple] = field(default_factory=list)
    skips: list[tuple] = field(default_factory=list)

    def has_data(self) -> bool:
        return bool(self.documents or self.skips)


@contextmanager
def _holding(db: str | Path) -> Iterator[Any]:
    """The store opened for writing, closed (and the file let go) at the end of the block."""
    connection = connect(db, lock_wait=WRITER_LOCK_WAIT)
    try:
        yield connection
    finally:
        connection.close()


def _analyse_batch(db: str | Path, executor: Any, batch: list[Any], summary: IngestSummary) -> _Rows:
    rows = _Rows()
    keyed = []
    for item in batch:
        summary.pages_read += 1
        if isinstance(item, Skip):
            _add_skip(rows, item, summary)
            continue
        key, digest = document_key(item)
        keyed.append((key, digest, item))
    if keyed:
        placeholders = ",".join("?" for _ in keyed)
        with _holding(db) as connection:
            stored = {row[0] for row in connection.execute(
                f"SELECT doc_key FROM documents WHERE doc_key IN ({placeholders})", [k for k, _, _ in keyed]
            ).fetchall()}
    else:
        stored = set()
    seen: set[str] = set()
    todo = []
    for key, digest, raw in keyed:
        if key in stored or key in seen:
            summary.pages_already_stored += 1
            continue
        seen.add(key)
        todo.append((key, digest, raw))
    results = executor.analyse([raw for _, _, raw in todo])
    for (key, digest, raw), analysis in zip(todo, results):
        if isinstance(analysis, Skip):
            _add_skip(rows, analysis, summary)
            continue
        _add_analysis(rows, key, digest, raw, analysis)
        summary.pages_added += 1
        summary.events_added += len(analysis.events)
    return rows


def _add_skip(rows: _Rows, skip: Skip, summary: IngestSummary) -> None:
    summary.skipped[skip.code] = summary.skipped.get(skip.code, 0) + 1
    key = f"{skip.path or ''}|{skip.doc_id}|{skip.code}"
    rows.skips.append((key, skip.doc_id, skip.path, skip.stage, skip.code, skip.reason))


def _add_analysis(rows: _Rows, key: str, digest: str, raw: RawDocument, analysis: Analysis) -> None:
    page = analysis.page
    url = page.url or raw.url
    published = page.published or raw.date
    rows.documents.append((
        key, page.doc_id, url, digest, page.title, list(page.subtitles), page.reprinted_from,
        origin_of(url, page.reprinted_from, page.doc_id), page.author, published, list(page.sections),
        list(page.boilerplate), page.source_format, page.language, page.text,
    ))
    for position, paragraph in enumerate(page.paragraphs):
        rows.paragraphs.append((key, position, paragraph.text, paragraph.section, paragraph.kind,
                                paragraph.start, paragraph.end))
    for position, comment in enumerate(page.comments):
        rows.comments.append((key, position, comment.id, comment.author, comment.parent, comment.text, comment.date))
    for position, actor in enumerate(analysis.actors):
        mentions = json.dumps([{"text": m.text, "start": m.start, "end": m.end} for m in actor.mentions])
        rows.actors.append((key, position, actor.name, actor.code, actor.country, actor.role, actor.kind, mentions))
    for event in analysis.events:
        rows.events.append(event_row(key, page.doc_id, event, published))
    for position, st in enumerate(analysis.statements):
        rows.statements.append((key, position, st.doc_id, st.sentence_index, st.speaker, st.speaker_code, st.text,
                                st.topic, st.polarity, st.date, st.start, st.end, st.kind))
    for reaction in analysis.reactions:
        rows.comment_reactions.append((key, reaction.comment_id, reaction.stance, reaction.uncivil,
                                       list(reaction.targets), reaction.depth, reaction.replies, list(reaction.cues),
                                       reaction.toward_parent))
    summary = analysis.reaction_summary
    if summary is not None:
        rows.article_reactions.append((key, summary.comments, summary.stances.get("agrees", 0),
                                       summary.stances.get("disputes", 0), summary.stances.get("off-topic", 0),
                                       summary.uncivil_share, summary.most_replied, summary.most_replied_count))


def event_row(key: str, doc_id: str, event: Any, published: str | None) -> tuple:
    """One event as a row of the ``events`` table (columns in ``INSERT_COLUMNS["events"]`` order);
    the Parquet writers use the same row so that both outputs agree."""
    offsets = event.offsets
    trigger = offsets.trigger or (None, None)
    source = offsets.source or (None, None)
    target = offsets.target or (None, None)
    sentence = offsets.sentence or (None, None)
    location = event.location
    event_key = f"{key}|{event.sentence_index}|{trigger[0]}|{event.cameo}|{event.source}|{event.target}"
    base = event.cameo[:3] if len(event.cameo) >= 3 else event.cameo
    return (
        event_key, key, doc_id, event.sentence_index, event.sentence,
        event.source, _country(event.source), event.source_name,
        event.target, _country(event.target), event.target_name,
        event.cameo, base, event.cameo_root, event.quad_class, event.goldstein,
        event.plover, event.mode, event.context, event.modality, event.attributed_to,
        event.date or published, event.trigger,
        trigger[0], trigger[1], source[0], source[1], target[0], target[1], sentence[0], sentence[1],
        event.rule,
        location.name if location else None, location.country if location else None,
        location.adm1 if location else None, location.latitude if location else None,
        location.longitude if location else None, location.feature_id if location else None,
    )


def _country(code: str | None) -> str | None:
    """The country part of an actor code: its first three letters (IGO, NGO and IMG included)."""
    return code[:3] if code and len(code) >= 3 else code


#: table -> (column list, column count) of the rows ingest writes
INSERT_COLUMNS = {
    "documents": ("doc_key, doc_id, url, content_hash, title, subtitles, reprinted_from, origin, author, "
                  "published, sections, boilerplate, source_format, language, text, batch", 16),
    "paragraphs": ("doc_key, position, text, section, kind, start_offset, end_offset", 7),
    "comments": ("doc_key, position, comment_id, author, parent, text, posted", 7),
    "actors": ("doc_key, position, name, code, country, role, kind, mentions", 8),
    "events": (
        "event_key, doc_key, doc_id, sentence_index, sentence, source, source_country, source_name, target, "
        "target_country, target_name, cameo, cameo_base, cameo_root, quad_class, goldstein, plover, mode, "
        "context, modality, attributed_to, event_date, trigger, trigger_start, trigger_end, source_start, "
        "source_end, target_start, target_end, sentence_start, sentence_end, rule, location_name, "
        "location_country, location_adm1, latitude, longitude, location_feature", 38),
    "statements": ("doc_key, position, doc_id, sentence_index, speaker, speaker_code, text, topic, polarity, "
                   "statement_date, start_offset, end_offset, kind", 13),
    "comment_reactions": ("doc_key, comment_id, stance, uncivil, targets, depth, replies, cues, toward_parent", 9),
    "article_reactions": ("doc_key, comments, agrees, disputes, off_topic, uncivil_share, most_replied, "
                          "most_replied_count", 8),
    "skips": ("skip_key, doc_id, path, stage, code, reason, batch", 7),
}


def _write_batch(connection: Any, rows: _Rows, batch_number: int) -> None:
    connection.execute("BEGIN TRANSACTION")
    try:
        for table in ("documents", "paragraphs", "comments", "actors", "events", "statements",
                      "comment_reactions", "article_reactions", "skips"):
            values = getattr(rows, table)
            if not values:
                continue
            if table in ("documents", "skips"):
                values = [tuple(v) + (batch_number,) for v in values]
            columns, count = INSERT_COLUMNS[table]
            conflict = " ON CONFLICT DO NOTHING" if table in ("skips", "events", "comment_reactions") else ""
            connection.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * count)}){conflict}", values
            )
        connection.execute(
            "INSERT OR REPLACE INTO store_state (key, value) VALUES ('clusters_stale', 'true')"
        )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _clusters_stale(connection: Any) -> bool:
    row = connection.execute("SELECT value FROM store_state WHERE key = 'clusters_stale'").fetchone()
    return bool(row and row[0] == "true")


def print_summary(summary: IngestSummary, stream: TextIO = sys.stderr) -> None:
    for line in summary.lines():
        print(f"accord ingest: {line}", file=stream)
