"""The DuckDB store: opening, versioned schema and migrations.

The schema lives in numbered SQL files under ``migrations/``; the version a
store holds is kept in its ``schema_info`` table. Opening a store applies the
migrations it lacks, in order, each in its own transaction; a store written by
a newer accord is refused with E402.
"""

from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path
from typing import Any

from accord.errors import StoreError

DEFAULT_DB = "accord.duckdb"


def migrations() -> list[tuple[int, str, str]]:
    """The migrations shipped with accord: (version, name, SQL), in order."""
    found = []
    for entry in resources.files("accord.store").joinpath("migrations").iterdir():
        match = re.fullmatch(r"(\d{3})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version_supported() -> int:
    return migrations()[-1][0]


#: how long opening a store waits for another process to let go of the file, in seconds
DEFAULT_LOCK_WAIT = 30.0


def connect(path: str | Path, read_only: bool = False, lock_wait: float = DEFAULT_LOCK_WAIT) -> Any:
    """Open (and for writers, create and migrate) the store at ``path``.

    DuckDB lets one process write a file, or several read it, never both at
    once. The writer (`accord ingest`) holds the file only while it commits a
    batch, so an opener that finds the file locked by another process retries
    with backoff for up to ``lock_wait`` seconds before giving up with E401.
    """
    import duckdb

    path = Path(path)
    if read_only and not path.exists():
        raise StoreError("E403", path=str(path))
    deadline = time.monotonic() + max(0.0, lock_wait)
    pause = 0.01
    while True:
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            detail = str(exc).splitlines()[0]
            if "lock" not in detail.lower() or time.monotonic() + pause > deadline:
                raise StoreError("E401", path=str(path), detail=detail) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
    try:
        version = current_version(connection)
        supported = schema_version_supported()
        if version > supported:
            raise StoreError("E402", path=str(path), found=version, supported=supported)
        if version < supported:
            if read_only:
                raise StoreError("E401", path=str(path),
                                 detail=f"schema version {version} needs migrating to {supported}",
                                 hint="open it once with a writer, e.g. `accord ingest` or `accord migrate`")
            migrate(connection, version)
    except BaseException:
        connection.close()
        raise
    return connection


def current_version(connection: Any) -> int:
    """The schema version of an open store (0 for a new, empty file)."""
    exists = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'"
    ).fetchone()[0]
    if not exists:
        return 0
    row = connection.execute("SELECT max(version) FROM schema_info").fetchone()
    return int(row[0] or 0)


def migrate(connection: Any, from_version: int) -> None:
    """Apply every migration newer than ``from_version``, each atomically."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    for version, name, sql in migrations():
        if version <= from_version:
            continue
        connection.execute("BEGIN TRANSACTION")
        try:
            for statement in _statements(sql):
                connection.execute(statement)
            connection.execute("INSERT INTO schema_info (version, name) VALUES (?, ?)", [version, name])
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
