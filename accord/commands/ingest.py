"""`accord ingest`: run the pipeline over pages and store the results."""

from __future__ import annotations

import argparse
import sys

from accord.commands._common import add_db_option, add_pipeline_options, pipeline_options

NAME = "ingest"
HELP = "analyse pages and store pages, comments, actors, events and skips in a DuckDB file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or JSON Lines batches")
    add_db_option(parser)
    add_pipeline_options(parser)
    parser.add_argument("--batch-size", type=int, default=25, help="pages committed together (default 25)")
    parser.add_argument("--window-days", type=int, default=1,
                        help="days within which reports of one dyad and base code form one cluster (default 1)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes on this machine (default: all cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress line and no summary")
    parser.add_argument("--executor", choices=("local", "spark"), default="local",
                        help="where pages are analysed: this machine (default) or Spark (extra 'spark')")
    parser.add_argument("--master", default=None,
                        help="Spark master URL for --executor spark (default local[2])")
    parser.add_argument("--spark-writer", choices=("workers", "spark"), default="workers",
                        help="with --executor spark: each task writes its Parquet files into --out (default; "
                             "--out must be a folder every worker can write) or Spark's own writer (any file "
                             "system Spark writes, such as HDFS or S3; slower)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="write pages, events and skips as Parquet under DIR (partitioned by date) "
                             "instead of the store; required with --executor spark")


def run(args: argparse.Namespace) -> int:
    if args.executor == "spark" or args.out:
        return _run_parquet(args)
    from accord.executors import LocalExecutor
    from accord.store import ingest
    from accord.store.ingest import print_summary

    progress = sys.stderr if (sys.stderr.isatty() and not args.quiet) else None
    with LocalExecutor(pipeline_options(args), workers=args.workers) as executor:
        summary = ingest(args.paths, args.db, executor=executor, batch_size=max(1, args.batch_size),
                         progress=progress, window_days=max(0, args.window_days))
    if not args.quiet:
        print_summary(summary)
    return 0


def _run_parquet(args: argparse.Namespace) -> int:
    """Analyse with the chosen executor and write Parquet under ``--out``."""
    from accord.errors import ConfigError
    from accord.executors.parquet import ingest_parquet

    if not args.out:
        raise ConfigError("E502", detail="--executor spark writes Parquet: give --out DIR")
    counts, timings = ingest_parquet(args.paths, args.out, executor=args.executor, options=pipeline_options(args),
                                     workers=args.workers, master=args.master, spark_writer=args.spark_writer)
    if not args.quiet:
        print(f"accord ingest: wrote {counts['pages']} pages, {counts['events']} events and {counts['skips']} "
              f"skips under {args.out}", file=sys.stderr)
        print(f"accord ingest: took {timings['seconds']:.1f} s"
              + (f" (+ {timings['startup_seconds']:.1f} s starting Spark)" if args.executor == "spark" else ""),
              file=sys.stderr)
    return 0
