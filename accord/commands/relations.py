"""`accord relations`: per directed dyad and period, counts and Goldstein sums."""

from __future__ import annotations

import argparse
import sys

from accord.commands._common import add_db_option, write_rows

NAME = "relations"
HELP = "relations indices of a directed dyad per period (events, clusters, QuadClass counts, Goldstein sums)"
COLUMNS = ("source", "target", "period", "events", "clusters", "quad1", "quad2", "quad3", "quad4",
           "coop", "conflict", "net", "mean")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="country code (USA) or actor code (USAGOV)")
    parser.add_argument("target", metavar="TARGET", help="country code (MEX) or actor code (MEXGOV)")
    add_db_option(parser)
    parser.add_argument("--by", choices=("day", "week", "month", "year"), default="month")
    parser.add_argument("--both", action="store_true", help="also the reverse direction TARGET -> SOURCE")
    parser.add_argument("--from", dest="date_from", help="first date (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", help="last date (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table")
    parser.add_argument("--output", help="file to write (required for parquet)")
    parser.add_argument("--from-parquet", metavar="DIR", default=None,
                        help="read the Parquet output of `accord ingest --out DIR` instead of the store")
    parser.add_argument("--window-days", type=int, default=None,
                        help="with --from-parquet: the clustering window in days (default: the store's, 1)")


def run(args: argparse.Namespace) -> int:
    from accord.store import open_store, queries

    if args.from_parquet:
        from accord.parquet_relations import relations_from_parquet

        rows = relations_from_parquet(args.from_parquet, args.source, args.target, args.by, args.date_from,
                                      args.date_to, window_days=args.window_days, both=args.both)
    else:
        with open_store(args.db) as connection:
            rows = queries.relations(connection, args.source, args.target, args.by, args.date_from, args.date_to)
            if args.both:
                rows += queries.relations(connection, args.target, args.source, args.by, args.date_from,
                                          args.date_to)
    data = [row.to_json() for row in rows]
    if args.output and args.format != "parquet":
        with open(args.output, "w", encoding="utf-8") as stream:
            write_rows(data, args.format, COLUMNS, stream=stream)
    else:
        write_rows(data, args.format, COLUMNS, stream=sys.stdout, output=args.output)
    return 0
