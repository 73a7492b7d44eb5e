"""The Spark executor on a real local Spark session (local[2], started once for this module)."""

from __future__ import annotations

import gzip
import json

import pytest

from accord.demo import demo_documents
from accord.executors import LocalExecutor
from accord.executors.spark import SparkExecutor
from accord.parquet_relations import parquet_store
from accord.pipeline import Pipeline
from accord.store import ingest, open_store, queries

pytestmark = pytest.mark.slow  # starts Spark and analyses the demo corpus twice

EVENT_FIELDS = "event_key, doc_id, cameo, source, target, event_date, modality, quad_class, goldstein, trigger"


@pytest.fixture(scope="module")
def spark():
    executor = SparkExecutor(master="local[2]")
    executor.session  # noqa: B018 - start it once for every test of the module
    yield executor
    executor.close()


def write_demo_jsonl(path) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for raw in demo_documents():
            record = {"id": raw.doc_id, "url": raw.url, "date": raw.date}
            record["html" if raw.html is not None else "text"] = raw.content
            stream.write(json.dumps(record) + "\n")


@pytest.mark.parametrize("writer", ["workers", "spark"])
def test_the_demo_corpus_gives_the_same_events_and_relations_through_spark_and_locally(spark, tmp_path, writer):
    corpus = tmp_path / "demo.jsonl"
    write_demo_jsonl(corpus)
    counts = spark.write_parquet([corpus], tmp_path / "out", writer=writer)
    assert not (tmp_path / "out" / "_tasks").exists()
    assert counts["pages"] == len(demo_documents()) and counts["skips"] == 0
    db = tmp_path / "demo.duckdb"
    with LocalExecutor(workers=1) as local:
        summary = ingest([str(corpus)], db, executor=local)
    assert summary.events_added == counts["events"] > 0
    with open_store(db) as connection:
        local_events = set(connection.execute(f"SELECT {EVENT_FIELDS} FROM events").fetchall())
        dyads = queries.top_dyads(connection, limit=10)["active"]
        expected = {(d["source"], d["target"]): queries.relations(connection, d["source"], d["target"], "month")
                    for d in dyads}
    with parquet_store(tmp_path / "out") as connection:
        spark_events = set(connection.execute(f"SELECT {EVENT_FIELDS} FROM events").fetchall())
        assert spark_events == local_events
        for (source, target), rows in expected.items():
            assert rows and queries.relations(connection, source, target, "month") == rows


def test_analyse_returns_the_local_results_in_order(spark):
    raws = demo_documents()[:5]
    pipeline = Pipeline()
    assert spark.analyse(raws) == [pipeline.analyse(raw) for raw in raws]


def test_workers_read_warc_files_and_record_skips(spark, tmp_path):
    text = ("Protesters marched through the capital on Monday to demand the release of the detained "
            "journalists, and the police said that the march had ended peacefully in the evening.").encode()
    head = (f"WARC/1.1\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://news.example/c\r\n"
            f"WARC-Date: 2019-03-03T08:00:00Z\r\nContent-Length: {len(text)}\r\n\r\n").encode()
    record = head + text + b"\r\n\r\n"
    (tmp_path / "crawl.wet.gz").write_bytes(gzip.compress(record) + gzip.compress(record)[:30])
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    counts = spark.write_parquet([tmp_path / "crawl.wet.gz", tmp_path / "bad.jsonl"], tmp_path / "out")
    assert counts["pages"] == 1 and counts["skips"] == 2
    import duckdb

    codes = duckdb.sql(f"SELECT code FROM read_parquet('{tmp_path}/out/skips/*.parquet') ORDER BY code").fetchall()
    assert codes == [("E105",), ("E113",)]
    assert (tmp_path / "out" / "pages" / "date=2019-03-03").is_dir()


def test_a_retried_task_replaces_what_its_earlier_attempt_moved(tmp_path):
    """A task's files carry its partition's name; a second attempt of the partition removes the first
    attempt's files before it moves its own, so a retry never writes a row twice."""
    from accord.executors.spark import _write_partition
    from accord.pipeline import PipelineOptions

    raws = demo_documents()[:3]
    assert len({raw.date for raw in raws}) == 3  # one file per page, in three date folders
    out = tmp_path / "out"
    first = next(_write_partition(PipelineOptions(), str(out), iter(raws)))
    again = next(_write_partition(PipelineOptions(), str(out), iter(raws[:2])))
    assert first["pages"] == 3 and again["pages"] == 2
    import duckdb

    pages = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/pages/*/*.parquet')").fetchall()[0][0]
    assert pages == 2 and not list((out / "_tasks").glob("*/pages/*/*.parquet"))


def test_an_unknown_writer_is_refused(spark, tmp_path):
    from accord.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        spark.write_parquet([tmp_path / "x.jsonl"], tmp_path / "out", writer="hdfs")
    assert caught.value.code == "E502"
