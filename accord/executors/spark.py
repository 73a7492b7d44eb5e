"""The Spark executor: the same pipeline on Apache Spark (optional extra ``spark``).

Each Python worker process loads the pipeline (spaCy model, knowledge base,
lexicon) once, on its first partition, and keeps it for the next ones
(``mapPartitions`` plus Spark's Python worker reuse). Inputs are cut into
units on the driver (:func:`accord.readers.plan_units`: files, byte ranges of
JSON Lines files, Parquet row groups) and each task reads its own units, so
the corpus is read lazily, partition by partition, and never gathered on the
driver. :meth:`SparkExecutor.write_parquet` writes pages, events and skips as
Parquet (pages and events partitioned by ``date``); ``accord relations
--from-parquet`` reads them back.

>>> with SparkExecutor(master="local[2]") as spark:      # doctest: +SKIP
...     spark.write_parquet(["pages.jsonl"], "out/")
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from accord.errors import ConfigError
from accord.executors.local import CHUNK
from accord.executors.parquet import TABLES, check_out
from accord.executors.rows import (DATE_COLUMNS, DOUBLE_COLUMNS, EVENT_COLUMNS, INTEGER_COLUMNS, LIST_COLUMNS,
                                   PAGE_COLUMNS, SKIP_COLUMNS, TABLE_COLUMNS, event_rows, page_row, skip_row,
                                   write_parquet_batches)
from accord.inputs import DEFAULT_MAX_BYTES, check_date
from accord.pipeline import Analysis, Pipeline, PipelineOptions, in_batches
from accord.records import RawDocument, Skip

DEFAULT_MASTER = "local[2]"
_LOG_CONFIG = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""

# one pipeline per Python worker process, kept between partitions
_worker_pipelines: dict[str, Pipeline] = {}


def require_spark() -> None:
    """Raise E501 with the install hint when pyspark is not installed."""
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ConfigError("E501", feature="the Spark executor", extra="spark") from exc


def _worker_pipeline(options: PipelineOptions) -> Pipeline:
    key = repr(options)
    if key not in _worker_pipelines:
        _worker_pipelines.clear()
        _worker_pipelines[key] = Pipeline(options)
    return _worker_pipelines[key]


def _analysed(pipeline: Pipeline,
              items: Iterable[RawDocument | Skip]) -> Iterator[tuple[RawDocument | Skip, Analysis | Skip]]:
    """Each item with its result, in order; pages are analysed in streamed batches of ``CHUNK``
    (one ``nlp.pipe`` call each), as the local executor does."""
    return in_batches(items, pipeline.analyse_many, CHUNK)


def _analyse_partition(options: PipelineOptions, raws: Iterable[RawDocument]) -> Iterator[Analysis | Skip]:
    for _, result in _analysed(_worker_pipeline(options), raws):
        yield result


def _read_partition(read_options: dict[str, Any], units: Iterable[Any]) -> Iterator[RawDocument | Skip]:
    from accord.readers import read_unit

    for unit in units:
        yield from read_unit(unit, **read_options)


#: the one row shape all three tables travel in from the Python workers to Spark: the table's
#: name, then every column of any table (a column name has one type in every table), so that rows
#: cross into the JVM once and Spark itself splits them into the tables
_TABLE = "_table"
UNION_COLUMNS: tuple[str, ...] = (_TABLE, *dict.fromkeys(c for t in TABLES for c in TABLE_COLUMNS[t]))


def _row_partition(options: PipelineOptions, items: Iterable[RawDocument | Skip]) -> Iterator[tuple]:
    """The rows (see :data:`UNION_COLUMNS`) of the documents of one partition, analysed as they stream by."""
    for item, result in _analysed(_worker_pipeline(options), items):
        if isinstance(result, Skip):
            yield _union_row("skips", skip_row(result))
            continue
        yield _union_row("pages", page_row(item, result))
        for row in event_rows(item, result):
            yield _union_row("events", row)


#: the folder under ``--out`` where the tasks of ``writer="workers"`` write before moving their files
_TASKS = "_tasks"
SPARK_WRITERS = ("workers", "spark")


def _write_partition(options: PipelineOptions, out: str,
                     items: Iterable[RawDocument | Skip]) -> Iterator[dict[str, int]]:
    """Analyse one partition and write its rows with :func:`write_parquet_batches` into a folder of
    this task attempt, then move the files into place under names of this partition: a retried
    task first removes what an earlier attempt of it moved, so that no row is written twice."""
    from pyspark import TaskContext

    context = TaskContext.get()
    partition = context.partitionId() if context is not None else 0
    attempt = context.attemptNumber() if context is not None else 0
    prefix = f"part-p{partition:05d}"
    staging = Path(out) / _TASKS / f"{prefix}-a{attempt}"
    shutil.rmtree(staging, ignore_errors=True)
    counts = write_parquet_batches(_analysed(_worker_pipeline(options), items), staging, prefix=prefix)
    for table in TABLES:
        for earlier in (Path(out) / table).rglob(f"{prefix}-*.parquet"):
            earlier.unlink()
        for path in sorted((staging / table).rglob("*.parquet")):
            target = Path(out) / table / path.relative_to(staging / table)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    shutil.rmtree(staging, ignore_errors=True)
    yield counts


def _union_row(table: str, row: dict[str, Any]) -> tuple:
    values = dict(zip(TABLE_COLUMNS[table], _ordered(row, TABLE_COLUMNS[table])))
    values[_TABLE] = table
    return tuple(values.get(column) for column in UNION_COLUMNS)


def _ordered(row: dict[str, Any], columns: Sequence[str]) -> tuple:
    values = []
    for column in columns:
        value = row[column]
        if value is not None and column in DOUBLE_COLUMNS:
            value = float(value)
        values.append(value)
    return tuple(values)


def _schema(columns: Sequence[str]) -> Any:
    from pyspark.sql import types as T

    def kind(column: str) -> Any:
        if column in INTEGER_COLUMNS:
            return T.IntegerType()
        if column in DOUBLE_COLUMNS:
            return T.DoubleType()
        if column in DATE_COLUMNS:
            return T.DateType()
        if column in LIST_COLUMNS:
            return T.ArrayType(T.StringType())
        return T.StringType()

    return T.StructType([T.StructField(column, kind(column), True) for column in columns])


class SparkExecutor:
    """Runs the pipeline on a Spark cluster (``master``), one pipeline per Python worker process."""

    name = "spark"

    def __init__(self, options: PipelineOptions | None = None, master: str = DEFAULT_MASTER,
                 session: Any = None, config: dict[str, str] | None = None) -> None:
        require_spark()
        self.options = options or PipelineOptions()
        self.master = master
        self.config = dict(config or {})
        self._session = session
        self._owned = session is None
        self._local_dir: str | None = None
        self.startup_seconds = 0.0

    @property
    def session(self) -> Any:
        """The Spark session, started on first use (its start-up time is kept in ``startup_seconds``)."""
        if self._session is None:
            started = time.perf_counter()
            self._session = self._start()
            self.startup_seconds = time.perf_counter() - started
        return self._session

    def _start(self) -> Any:
        from pyspark.sql import SparkSession

        # the Python workers must run this interpreter, which has accord and spaCy
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        self._local_dir = tempfile.mkdtemp(prefix="accord-spark-")
        log_config = Path(self._local_dir) / "log4j2.properties"
        log_config.write_text(_LOG_CONFIG, encoding="utf-8")
        builder = (SparkSession.builder.master(self.master).appName("accord")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.local.dir", self._local_dir)
                   .config("spark.python.worker.reuse", "true")
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}")
                   .config("spark.sql.session.timeZone", "UTC"))
        for key, value in self.config.items():
            builder = builder.config(key, value)
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
        return session

    @property
    def parallelism(self) -> int:
        return max(1, int(self.session.sparkContext.defaultParallelism))

    def analyse(self, raws: Sequence[RawDocument]) -> list[Analysis | Skip]:
        """Analyse ``raws`` on the cluster; results come back in the order of ``raws``."""
        if not raws:
            return []
        context = self.session.sparkContext
        slices = min(len(raws), self.parallelism * 2)
        rdd = context.parallelize(list(raws), slices)
        return rdd.mapPartitions(functools.partial(_analyse_partition, self.options)).collect()

    def write_parquet(self, paths: Iterable[str], out: str | Path, date: str | None = None,
                      encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                      writer: str = "workers") -> dict[str, int]:
        """Read ``paths`` on the workers, analyse them and write ``out/pages``, ``out/events`` (both
        partitioned by ``date``) and ``out/skips`` as Parquet; returns the rows written per table.

        ``writer="workers"`` (the default): each task writes its own files with the local executor's
        writer, moved into place when the task ends, so ``out`` must be a folder every worker can
        write (always so with a ``local[N]`` master; a shared file system on a cluster).
        ``writer="spark"``: Spark's own Parquet writer, for any file system Spark can write (HDFS,
        S3...); it costs more, mostly a file commit per date and task.
        """
        from accord.readers import plan_units

        if writer not in SPARK_WRITERS:
            raise ConfigError("E502", detail=f"unknown Spark writer {writer!r}; use one of {', '.join(SPARK_WRITERS)}")
        out = check_out(out)
        read_options = {"date": check_date(date, "--date"), "encoding": encoding, "max_bytes": max_bytes}
        units = list(plan_units(paths, pieces=self.parallelism * 2))
        if not units:
            return {table: 0 for table in TABLES}
        slices = min(len(units), max(self.parallelism * 2, math.ceil(len(units) / 16)))
        context = self.session.sparkContext
        read = context.parallelize(units, slices).mapPartitions(functools.partial(_read_partition, read_options))
        if writer == "workers":
            written = read.mapPartitions(functools.partial(_write_partition, self.options, str(out))).collect()
            shutil.rmtree(out / _TASKS, ignore_errors=True)
            return {table: sum(counts[table] for counts in written) for table in TABLES}
        return self._write_with_spark(read, out)

    def _write_with_spark(self, read: Any, out: Path) -> dict[str, int]:
        from pyspark import StorageLevel

        rows = read.mapPartitions(functools.partial(_row_partition, self.options))
        # analysed once (by the first table's write) and kept on local disk, not in memory, in Spark's
        # own format: the other tables are then split off without Python
        frame = self.session.createDataFrame(rows, _schema(UNION_COLUMNS)).persist(StorageLevel.DISK_ONLY)
        try:
            for table in TABLES:
                selected = frame.where(frame[_TABLE] == table).select(*TABLE_COLUMNS[table])
                writer = selected.write.mode("errorifexists")
                if "date" in TABLE_COLUMNS[table]:
                    writer = writer.partitionBy("date")
                writer.parquet(str(out / table))
        finally:
            frame.unpersist()
        return {table: _rows_written(out / table) for table in TABLES}

    def close(self) -> None:
        if self._session is not None and self._owned:
            self._session.stop()
            self._session = None
        if self._local_dir:
            shutil.rmtree(self._local_dir, ignore_errors=True)
            self._local_dir = None

    def __enter__(self) -> "SparkExecutor":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def _rows_written(folder: Path) -> int:
    """Rows in the Parquet files under ``folder``, from their footers (nothing else is read)."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(path).metadata.num_rows for path in folder.rglob("*.parquet"))
