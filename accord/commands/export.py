"""`accord export`: events from the store as GDELT, GDELT mentions, PLOVER, Parquet or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any, Iterator

from accord.commands._common import add_db_option
from accord.errors import ConfigError

NAME = "export"
HELP = "export stored events as gdelt, gdelt-mentions, plover, parquet or csv, filtered by date, actor and code"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--format", choices=("gdelt", "gdelt-mentions", "plover", "parquet", "csv"), required=True)
    parser.add_argument("--from", dest="date_from", help="first event date (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", help="last event date (YYYY-MM-DD)")
    parser.add_argument("--actor", help="country or actor code, as source or target (USA, MEXGOV)")
    parser.add_argument("--code", help="CAMEO code or prefix (04, 042)")
    parser.add_argument("--output", help="file to write (required for parquet; default standard output)")


def event_from_row(row: dict[str, Any]) -> Any:
    """Rebuild an :class:`accord.records.Event` from an exported store row."""
    from accord.records import Event, Location, Offsets

    def span(name: str) -> tuple[int, int] | None:
        start, end = row.get(f"{name}_start"), row.get(f"{name}_end")
        return (start, end) if start is not None and end is not None else None

    location = None
    if row.get("location_name"):
        location = Location(name=row["location_name"], country=row.get("location_country"),
                            adm1=row.get("location_adm1"), latitude=row.get("latitude"),
                            longitude=row.get("longitude"), feature_id=row.get("location_feature"))
    return Event(
        doc_id=row["doc_id"], sentence_index=row["sentence_index"], sentence=row["sentence"], source=row["source"],
        source_name=row["source_name"], target=row["target"], target_name=row["target_name"], cameo=row["cameo"],
        cameo_root=row["cameo_root"], quad_class=row["quad_class"], goldstein=row["goldstein"], plover=row["plover"],
        mode=row["mode"], modality=row["modality"], attributed_to=row["attributed_to"], date=row["event_date"],
        trigger=row["trigger"], offsets=Offsets(trigger=span("trigger") or (0, 0), source=span("source"),
                                                target=span("target"), sentence=span("sentence")),
        rule=row["rule"], location=location, context=row["context"],
    )


def _page_of(row: dict[str, Any]) -> Any:
    from accord.records import Page

    return Page(doc_id=row["doc_id"], url=row.get("url"), published=row.get("published"))


def _cluster_number(cluster_id: str) -> int:
    # GLOBALEVENTID must be an integer: a stable one from the cluster id's hex digits
    return int(cluster_id[1:13], 16)


def run(args: argparse.Namespace) -> int:
    from accord.store import open_store, queries

    if args.format == "parquet" and not args.output:
        raise ConfigError("E502", detail="--format parquet needs --output FILE")
    with open_store(args.db) as connection:
        rows = queries.iter_export(connection, date_from=args.date_from, date_to=args.date_to,
                                   actor=args.actor, code=args.code)
        if args.format == "parquet":
            _write_parquet(rows, args.output)
            return 0
        stream = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        try:
            _write(args.format, rows, stream)
        finally:
            if args.output:
                stream.close()
    return 0


def _write(fmt: str, rows: Iterator[dict[str, Any]], stream: Any) -> None:
    from accord.events import formats

    if fmt == "csv":
        from accord.store.queries import EVENT_COLUMNS, EXPORT_EXTRA

        writer = csv.DictWriter(stream, fieldnames=[*EVENT_COLUMNS, *EXPORT_EXTRA], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "plover":
        for row in rows:
            record = formats.to_plover(event_from_row(row), _page_of(row))
            record["cluster_id"] = row.get("cluster_id")
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "gdelt":
        # one row per event cluster (an occurrence), represented by its first report;
        # negated and hypothetical reports have no cluster and no GDELT row
        written: set[str] = set()
        for row in rows:
            cluster_id = row.get("cluster_id")
            if not cluster_id or cluster_id in written:
                continue
            written.add(cluster_id)
            values = formats.to_gdelt_row(
                event_from_row(row), _page_of(row), _cluster_number(cluster_id),
                num_mentions=row["num_mentions"], num_sources=row["num_sources"],
                num_articles=row["num_articles"], date_added=row.get("published"))
            stream.write("\t".join(values) + "\n")
    elif fmt == "gdelt-mentions":
        for row in rows:
            if not row.get("cluster_id"):
                continue
            values = formats.to_gdelt_mention_row(event_from_row(row), _page_of(row),
                                                  _cluster_number(row["cluster_id"]), source_name=row.get("origin"))
            stream.write("\t".join(values) + "\n")


def _write_parquet(rows: Iterator[dict[str, Any]], output: str, chunk: int = 10_000) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    batch: list[dict[str, Any]] = []
    try:
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                writer = _flush(pa, pq, writer, batch, output)
                batch = []
        if batch or writer is None:
            writer = _flush(pa, pq, writer, batch, output)
    finally:
        if writer is not None:
            writer.close()


_INTEGER_COLUMNS = {"sentence_index", "quad_class", "trigger_start", "trigger_end", "source_start", "source_end",
                    "target_start", "target_end", "sentence_start", "sentence_end", "num_mentions", "num_sources",
                    "num_articles", "doc_length"}
_FLOAT_COLUMNS = {"goldstein", "latitude", "longitude"}


def export_schema(pa: Any) -> Any:
    """The explicit Arrow schema of exported events (so that empty or sparse batches agree)."""
    from accord.store.queries import EVENT_COLUMNS, EXPORT_EXTRA

    def kind(name: str) -> Any:
        if name in _INTEGER_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in (*EVENT_COLUMNS, *EXPORT_EXTRA)])


def _flush(pa: Any, pq: Any, writer: Any, batch: list[dict[str, Any]], output: str) -> Any:
    schema = export_schema(pa)
    table = pa.Table.from_pylist([{name: row.get(name) for name in schema.names} for row in batch], schema=schema)
    if writer is None:
        writer = pq.ParquetWriter(output, schema)
    writer.write_table(table)
    return writer
