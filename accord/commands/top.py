"""`accord top`: the most active dyads and the largest changes between periods."""

from __future__ import annotations

import argparse
import json
import sys

from accord.commands._common import add_db_option, format_table

NAME = "top"
HELP = "the most active country dyads and the largest changes of net Goldstein between periods"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--by", choices=("day", "week", "month", "year"), default="month")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    from accord.store import open_store, queries

    with open_store(args.db) as connection:
        result = queries.top_dyads(connection, limit=args.limit, by=args.by)
    if args.format == "json":
        sys.stdout.write(json.dumps(result) + "\n")
        return 0
    print("Most active dyads (clusters of events)")
    print(format_table(result["active"], ("source", "target", "clusters", "events", "net")))
    print()
    print(f"Largest changes of net Goldstein between consecutive {args.by}s")
    print(format_table(result["changes"], ("source", "target", "from_period", "to_period", "from_net",
                                           "to_net", "change")))
    return 0
