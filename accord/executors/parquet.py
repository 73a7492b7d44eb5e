"""Ingest into Parquet files (``accord ingest --out DIR``) with the local or the Spark executor.

Both write the same layout: ``DIR/pages`` and ``DIR/events`` partitioned by
``date`` (``date=YYYY-MM-DD`` folders, ``date=none`` for undated rows) and
``DIR/skips``, with the store's column names and types, so that
:mod:`accord.parquet_relations` reads either.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from accord.errors import ConfigError
from accord.pipeline import PipelineOptions, in_batches

TABLES = ("pages", "events", "skips")
#: pages analysed and written together by the local executor
LOCAL_BATCH = 200


def check_out(out: str | Path) -> Path:
    """Refuse an output folder that already holds a table (E502): runs never mix."""
    root = Path(out)
    for table in TABLES:
        if (root / table).exists():
            raise ConfigError("E502", detail=f"{root / table} already exists; give a new --out folder")
    return root


def ingest_parquet(paths: Iterable[str], out: str | Path, executor: str = "local",
                   options: PipelineOptions | None = None, workers: int | None = None,
                   master: str | None = None, spark_writer: str = "workers") -> tuple[dict[str, int], dict[str, float]]:
    """Analyse ``paths`` and write Parquet under ``out``; returns (rows per table, timings in seconds:
    ``seconds`` for the work, ``startup_seconds`` for starting the engine)."""
    options = options or PipelineOptions()
    root = check_out(out)
    paths = list(paths)
    if executor == "spark":
        from accord.executors.spark import DEFAULT_MASTER, SparkExecutor

        with SparkExecutor(options, master=master or DEFAULT_MASTER) as spark:
            spark.session  # noqa: B018 - start it now, to time the start-up apart
            started = time.perf_counter()
            counts = spark.write_parquet(paths, root, date=options.date, encoding=options.encoding,
                                         writer=spark_writer, **_max_bytes(options))
            return counts, {"seconds": time.perf_counter() - started, "startup_seconds": spark.startup_seconds}
    from accord.executors import LocalExecutor
    from accord.executors.rows import write_parquet_batches

    started = time.perf_counter()
    with LocalExecutor(options, workers=workers) as local:
        counts = write_parquet_batches(_analysed(local, paths, options), root, batch_pages=LOCAL_BATCH)
    return counts, {"seconds": time.perf_counter() - started, "startup_seconds": 0.0}


def _max_bytes(options: PipelineOptions) -> dict[str, Any]:
    return {"max_bytes": options.max_bytes} if options.max_bytes is not None else {}


def _analysed(executor: Any, paths: list[str], options: PipelineOptions) -> Iterator[tuple[Any, Any]]:
    """(raw, analysis or skip) pairs, reading and analysing a bounded batch at a time."""
    from accord.readers import iter_raw

    raws = iter_raw(paths, date=options.date, encoding=options.encoding, **_max_bytes(options))
    return in_batches(raws, executor.analyse, LOCAL_BATCH)
