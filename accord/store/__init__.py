"""The embedded store: a DuckDB file with pages, comments, actors, event reports,
skips and event clusters. SQL lives only in this package.

>>> from accord.store import ingest, open_store, queries  # doctest: +SKIP
>>> ingest(["news/"], "accord.duckdb")                    # doctest: +SKIP
>>> with open_store("accord.duckdb") as db:                # doctest: +SKIP
...     queries.relations(db, "USA", "MEX", by="month")
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from accord.store import queries
from accord.store.cluster import DEFAULT_WINDOW_DAYS, assign_clusters
from accord.store.database import DEFAULT_DB, connect, schema_version_supported
from accord.store.ingest import IngestSummary, ingest


@contextmanager
def open_store(path: str | Path = DEFAULT_DB, read_only: bool = True) -> Iterator[Any]:
    """Open the store for reading (or writing), closing it afterwards."""
    connection = connect(path, read_only=read_only)
    try:
        yield connection
    finally:
        connection.close()


__all__ = [
    "DEFAULT_DB",
    "DEFAULT_WINDOW_DAYS",
    "IngestSummary",
    "assign_clusters",
    "connect",
    "ingest",
    "open_store",
    "queries",
    "schema_version_supported",
]
