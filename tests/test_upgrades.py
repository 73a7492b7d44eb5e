"""Schema upgrades: a store written by schema version 1 opens with this accord and is migrated with its
data kept; a store written by a newer accord is refused with E402 and a clear message."""

from __future__ import annotations

import duckdb
import pytest

from accord.cli import main
from accord.errors import StoreError
from accord.store import connect, open_store, queries, schema_version_supported
from accord.store.database import _statements, migrations


def write_version_1_store(path) -> None:
    """What accord with only migration 001 wrote: its tables, schema_info at 1, one page and two events."""
    first = migrations()[0]
    assert first[0] == 1
    connection = duckdb.connect(str(path))
    connection.execute("CREATE TABLE schema_info (version INTEGER PRIMARY KEY, name VARCHAR, "
                       "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for statement in _statements(first[2]):
        connection.execute(statement)
    connection.execute("INSERT INTO schema_info (version, name) VALUES (1, ?)", [first[1]])
    connection.execute(
        "INSERT INTO documents (doc_key, doc_id, url, content_hash, title, origin, text, batch, published) "
        "VALUES ('https://old.example/1', 'old-1', 'https://old.example/1', 'abc', 'An old page', "
        "'old.example', 'The old text.', 1, DATE '2016-05-01')")
    for index, (code, goldstein) in enumerate((("042", 1.9), ("172", -5.0))):
        connection.execute(
            "INSERT INTO events (event_key, doc_key, doc_id, sentence_index, sentence, source, source_country, "
            "target, target_country, cameo, cameo_base, cameo_root, quad_class, goldstein, modality, "
            "event_date, trigger, rule) VALUES (?, 'https://old.example/1', 'old-1', ?, 'A sentence.', "
            "'USAGOV', 'USA', 'MEXGOV', 'MEX', ?, ?, ?, ?, ?, 'asserted', DATE '2016-05-01', 'did', 'old@1')",
            [f"k{index}", index, code, code, code[:2], 1 if code == "042" else 4, goldstein])
    connection.close()


def test_version_1_store_is_migrated_with_its_data(tmp_path):
    db = tmp_path / "v1.duckdb"
    write_version_1_store(db)
    assert schema_version_supported() > 1, "this test needs at least one migration after 001"
    connection = connect(db)  # a writer migrates
    try:
        versions = [row[0] for row in connection.execute("SELECT version FROM schema_info ORDER BY 1").fetchall()]
        tables = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        kept = connection.execute("SELECT doc_id, title, text FROM documents").fetchall()
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        connection.close()
    assert versions == [m[0] for m in migrations()]
    assert {"statements", "comment_reactions", "article_reactions"} <= tables
    assert kept == [("old-1", "An old page", "The old text.")]
    assert events == 2
    # and the migrated store answers queries like a new one
    with open_store(db) as reader:
        document = queries.document(reader, "old-1")
        assert document is not None and document["title"] == "An old page"
        assert len(document["events"]) == 2


def test_readers_never_migrate_an_old_store_but_say_how(tmp_path):
    db = tmp_path / "v1.duckdb"
    write_version_1_store(db)
    with pytest.raises(StoreError) as caught:
        connect(db, read_only=True)
    assert caught.value.code == "E401" and "migrat" in caught.value.line()
    with duckdb.connect(str(db), read_only=True) as raw:
        assert raw.execute("SELECT max(version) FROM schema_info").fetchone()[0] == 1, "the reader wrote nothing"


def newer_store(path) -> int:
    connect(path).close()
    newer = schema_version_supported() + 5
    with duckdb.connect(str(path)) as raw:
        raw.execute("INSERT INTO schema_info (version, name) VALUES (?, 'from_the_future')", [newer])
    return newer


@pytest.mark.parametrize("read_only", [False, True])
def test_store_from_a_newer_accord_is_refused_with_e402(tmp_path, read_only):
    db = tmp_path / "future.duckdb"
    newer = newer_store(db)
    with pytest.raises(StoreError) as caught:
        connect(db, read_only=read_only)
    error = caught.value
    assert error.code == "E402"
    assert str(newer) in error.message and str(schema_version_supported()) in error.message
    assert "upgrade accord" in error.hint
    with duckdb.connect(str(db), read_only=True) as raw:
        assert raw.execute("SELECT max(version) FROM schema_info").fetchone()[0] == newer, "nothing rolled back"


def test_cli_refuses_a_newer_store_with_one_coded_line(tmp_path, capsys):
    db = tmp_path / "future.duckdb"
    newer_store(db)
    status = main(["relations", "USA", "MEX", "--db", str(db)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("E402: ") and "Traceback" not in err
