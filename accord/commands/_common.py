"""Options and output helpers shared by several commands."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any, Iterable, Sequence, TextIO

from accord.errors import ConfigError


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) for pages that carry none")
    parser.add_argument("--actors", nargs="+", default=[], metavar="DICT",
                        help="extra actor/agent dictionaries (accord CSV or PETRARCH/TABARI format)")
    parser.add_argument("--verbs", nargs="+", default=[], metavar="DICT",
                        help="extra verb-pattern dictionaries (PETRARCH/TABARI format)")
    parser.add_argument("--discards", nargs="+", default=[], metavar="DICT",
                        help="extra discard dictionaries (PETRARCH/TABARI format)")
    parser.add_argument("--encoding", help="encoding of the input files when it is not UTF-8 or declared")
    parser.add_argument("--max-bytes", type=int, default=None, help="largest page accepted, in bytes")
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="time budget for one page, in seconds; over it the page is skipped with E111 (0: none)")


def pipeline_options(args: argparse.Namespace) -> Any:
    from accord.pipeline import PipelineOptions

    return PipelineOptions(actor_files=args.actors, verb_files=args.verbs, discard_files=args.discards,
                           date=args.date, encoding=args.encoding, max_bytes=args.max_bytes,
                           max_seconds=args.max_seconds or None)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    from accord.store import DEFAULT_DB

    parser.add_argument("--db", default=DEFAULT_DB, help=f"the DuckDB store (default {DEFAULT_DB})")


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
               stream: TextIO | None = None, output: str | None = None) -> None:
    """Write dict rows as an aligned table, CSV, JSON Lines or Parquet (Parquet needs ``output``)."""
    stream = stream if stream is not None else sys.stdout
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "parquet":
        if not output:
            raise ConfigError("E502", detail="--format parquet needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])
        pq.write_table(table, output)
    elif fmt == "table":
        stream.write(format_table(rows, columns) + "\n")
    else:
        raise ConfigError("E502", detail=f"unknown format {fmt!r}")


def format_table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    rows = list(rows)
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.rjust(w) if _numeric(v) else v.ljust(w) for v, w in zip(row, widths)))
    if not rows:
        lines.append("(no rows)")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _numeric(value: str) -> bool:
    try:
        float(value)
        return True
    except ValueError:
        return False
