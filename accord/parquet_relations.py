"""Relations indices from a Parquet output (``accord ingest --out DIR``), with the store's definitions.

The pages and events under ``DIR`` are loaded by DuckDB, straight from the
Parquet files, into a temporary store with the store's own schema; the
store's clustering (:func:`accord.store.cluster.rebuild`) and its relations
query (:func:`accord.store.queries.relations`) then run unchanged, so the
figures are those ``accord relations --db`` gives for the same pages. A page
or event written twice (the same key) counts once, as in the store.

>>> relations_from_parquet("out/", "USA", "MEX", by="month")  # doctest: +SKIP
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from accord.errors import ConfigError
from accord.executors.rows import EVENT_COLUMNS, PAGE_COLUMNS


def _files(folder: Path, table: str) -> str | None:
    """The glob of a table's Parquet files, or None when it has none."""
    root = folder / table
    if not root.is_dir() or not any(root.rglob("*.parquet")):
        return None
    return str(root / "**" / "*.parquet")


@contextmanager
def parquet_store(folder: str | Path, window_days: int | None = None) -> Iterator[Any]:
    """A temporary in-memory store holding the pages and events of the Parquet output in ``folder``,
    clustered with the store's rule."""
    from accord.store import cluster, connect

    root = Path(folder)
    pages, events = _files(root, "pages"), _files(root, "events")
    if pages is None:
        raise ConfigError("E502", detail=f"{root} holds no pages/*.parquet; write it with `accord ingest --out`")
    connection = connect(":memory:")
    try:
        page_columns = ", ".join(c for c in PAGE_COLUMNS if c != "date")
        # hive_partitioning off: the date column is in the files already, typed
        connection.execute(
            f"INSERT OR IGNORE INTO documents BY NAME SELECT {page_columns}, 0 AS batch "
            f"FROM read_parquet(?, hive_partitioning = false)", [pages])
        if events is not None:
            event_columns = ", ".join(c for c in EVENT_COLUMNS if c != "date")
            connection.execute(
                f"INSERT OR IGNORE INTO events BY NAME SELECT {event_columns} "
                f"FROM read_parquet(?, hive_partitioning = false)", [events])
        cluster.rebuild(connection, window_days=cluster.DEFAULT_WINDOW_DAYS if window_days is None else window_days)
        yield connection
    finally:
        connection.close()


def relations_from_parquet(folder: str | Path, source: str, target: str, by: str = "month",
                           date_from: str | None = None, date_to: str | None = None,
                           window_days: int | None = None, both: bool = False) -> list[Any]:
    """Relations rows (:class:`accord.store.queries.RelationRow`) of SOURCE -> TARGET from a Parquet output."""
    from accord.store import queries

    with parquet_store(folder, window_days) as connection:
        rows = queries.relations(connection, source, target, by, date_from, date_to)
        if both:
            rows += queries.relations(connection, target, source, by, date_from, date_to)
    return rows
