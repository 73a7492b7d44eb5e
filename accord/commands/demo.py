"""`accord demo`: the main job on the bundled demo corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accord.commands._common import format_table

NAME = "demo"
HELP = "ingest the bundled demo corpus into a fresh store and print US-Mexico relations by month"
DEFAULT_DEMO_DB = "accord-demo.duckdb"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DEMO_DB, help=f"store to create (default {DEFAULT_DEMO_DB})")


def run(args: argparse.Namespace) -> int:
    from accord.commands.relations import COLUMNS
    from accord.demo import demo_documents
    from accord.pipeline import Pipeline
    from accord.store import ingest, open_store, queries
    from accord.store.ingest import print_summary

    db = Path(args.db)
    for stale in (db, db.with_name(db.name + ".wal")):
        if stale.exists():
            stale.unlink()
    documents = demo_documents()
    print(f"accord demo: analysing {len(documents)} bundled pages into {db}", file=sys.stderr)
    summary = ingest(documents, db, Pipeline(), progress=sys.stderr if sys.stderr.isatty() else None)
    print_summary(summary)
    with open_store(db) as connection:
        for source, target in (("USA", "MEX"), ("MEX", "USA")):
            rows = [row.to_json() for row in queries.relations(connection, source, target, by="month")]
            print(f"\n{source} -> {target} relations by month")
            print(format_table(rows, COLUMNS))
    print(f"\nOpen the dashboard: accord serve --db {db}   (then browse http://127.0.0.1:8321/)")
    print(f"More: `accord top --db {db}`, `accord relations USA MEX --db {db} --by year --both`.")
    return 0
