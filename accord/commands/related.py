"""`accord related`: stored articles related to one article, earned from shared events and actors."""

from __future__ import annotations

import argparse

from accord.commands._common import add_db_option, write_rows

NAME = "related"
HELP = "stored articles related to DOC_ID, ranked by shared event clusters, actors and title words"
COLUMNS = ("doc_id", "title", "published", "shared_clusters", "shared_actors", "shared_title_words", "score")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("doc_id", metavar="DOC_ID", help="the id of a stored article")
    add_db_option(parser)
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")


def run(args: argparse.Namespace) -> int:
    from accord.errors import ConfigError
    from accord.store import open_store, queries

    with open_store(args.db) as connection:
        if queries.document(connection, args.doc_id) is None:
            raise ConfigError("E502", detail=f"no stored article {args.doc_id!r}",
                              hint="list the stored articles with the API's /api/documents or `accord export`")
        rows = queries.related(connection, args.doc_id, limit=args.limit)
    write_rows(rows, args.format, COLUMNS)
    return 0
