"""Analyses as flat rows for columnar output (Parquet): pages, events and skips.

The columns are the store's (see ``accord/store/migrations``) so that a
Parquet output and a DuckDB store hold the same values under the same names;
keys (``doc_key``, ``event_key``) are built by the store's own functions.
Each table has a ``date`` column to partition by: the publication date for
pages, the event date (or, failing it, the publication date) for events.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from accord.pipeline import Analysis
from accord.records import RawDocument, Skip
from accord.store.ingest import INSERT_COLUMNS, event_row, document_key, origin_of

PAGE_COLUMNS = ("doc_key", "doc_id", "url", "content_hash", "title", "subtitles", "reprinted_from", "origin",
                "author", "published", "sections", "boilerplate", "source_format", "language", "text", "date")
EVENT_COLUMNS = tuple(c.strip() for c in INSERT_COLUMNS["events"][0].split(",")) + ("date",)
SKIP_COLUMNS = ("skip_key", "doc_id", "path", "stage", "code", "reason")
INTEGER_COLUMNS = frozenset({"sentence_index", "quad_class", "trigger_start", "trigger_end", "source_start",
                             "source_end", "target_start", "target_end", "sentence_start", "sentence_end"})
DOUBLE_COLUMNS = frozenset({"goldstein", "latitude", "longitude"})
#: columns holding dates (kept as ``datetime.date`` so that Parquet types them DATE)
DATE_COLUMNS = frozenset({"published", "event_date"})
LIST_COLUMNS = frozenset({"subtitles", "sections", "boilerplate"})
TABLE_COLUMNS = {"pages": PAGE_COLUMNS, "events": EVENT_COLUMNS, "skips": SKIP_COLUMNS}
#: the value of ``date`` for rows without any date: a partition of its own
NO_DATE = "none"


def page_row(raw: RawDocument, analysis: Analysis) -> dict[str, Any]:
    """The ``pages`` row of an analysed document."""
    page = analysis.page
    key, digest = document_key(raw)
    url = page.url or raw.url
    published = page.published or raw.date
    return {
        "doc_key": key, "doc_id": page.doc_id, "url": url, "content_hash": digest, "title": page.title,
        "subtitles": list(page.subtitles), "reprinted_from": page.reprinted_from,
        "origin": origin_of(url, page.reprinted_from, page.doc_id), "author": page.author,
        "published": _date(published), "sections": list(page.sections), "boilerplate": list(page.boilerplate),
        "source_format": page.source_format, "language": page.language, "text": page.text,
        "date": published or NO_DATE,
    }


def event_rows(raw: RawDocument, analysis: Analysis) -> list[dict[str, Any]]:
    """The ``events`` rows of an analysed document, keyed exactly as the store keys them."""
    key, _ = document_key(raw)
    published = analysis.page.published or raw.date
    rows = []
    for event in analysis.events:
        row = dict(zip(EVENT_COLUMNS, event_row(key, analysis.page.doc_id, event, published)))
        row["date"] = row["event_date"] or NO_DATE
        row["event_date"] = _date(row["event_date"])
        rows.append(row)
    return rows


def skip_row(skip: Skip) -> dict[str, Any]:
    """The ``skips`` row of a skipped document (keyed as the store keys skips)."""
    return {"skip_key": f"{skip.path or ''}|{skip.doc_id}|{skip.code}", "doc_id": skip.doc_id, "path": skip.path,
            "stage": skip.stage, "code": skip.code, "reason": skip.reason}


def arrow_schema(columns: tuple[str, ...]) -> Any:
    """The Arrow (Parquet) schema of a table's columns: the store's column types."""
    import pyarrow as pa

    def kind(column: str) -> Any:
        if column in INTEGER_COLUMNS:
            return pa.int32()
        if column in DOUBLE_COLUMNS:
            return pa.float64()
        if column in DATE_COLUMNS:
            return pa.date32()
        if column in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.string()

    return pa.schema([(column, kind(column)) for column in columns])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def write_parquet_batches(results: Any, out: Any, batch_pages: int = 200, prefix: str = "part") -> dict[str, int]:
    """Write ``(raw, analysis_or_skip)`` pairs as the Parquet layout of the Spark executor (``out/pages``
    and ``out/events`` partitioned by ``date``, ``out/skips``), a bounded batch at a time; returns the
    rows written per table. File names start with ``prefix`` (a writer of its own per Spark task)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(out)
    counts = {"pages": 0, "events": 0, "skips": 0}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in counts}
    number = 0

    def flush() -> None:
        nonlocal number
        number += 1
        for name, rows in tables.items():
            if not rows:
                continue
            table = pa.Table.from_pylist(rows, schema=arrow_schema(TABLE_COLUMNS[name]))
            template = f"{prefix}-{number:06d}-{{i}}.parquet"
            if name == "skips":
                pq.write_to_dataset(table, str(root / name), basename_template=template)
            else:
                pq.write_to_dataset(table, str(root / name), partition_cols=["date"], basename_template=template)
            counts[name] += len(rows)
            rows.clear()

    pending = 0
    for raw, result in results:
        if isinstance(result, Skip):
            tables["skips"].append(skip_row(result))
        else:
            tables["pages"].append(page_row(raw, result))
            tables["events"].extend(event_rows(raw, result))
        pending += 1
        if pending >= batch_pages:
            flush()
            pending = 0
    flush()
    return counts
