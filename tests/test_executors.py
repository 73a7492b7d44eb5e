"""Executors and what surrounds them: readers that cut a corpus into units, the local executor,
Parquet output, and relations read back from Parquet (the same numbers as the store's)."""

from __future__ import annotations

import json
import sys

import pytest

from accord.cli import main
from accord.demo import demo_documents
from accord.errors import ConfigError
from accord.executors import LocalExecutor
from accord.executors.parquet import check_out
from accord.executors.rows import write_parquet_batches
from accord.inputs import iter_documents
from accord.parquet_relations import parquet_store, relations_from_parquet
from accord.pipeline import Pipeline
from accord.readers import iter_raw, plan_units, read_unit
from accord.records import RawDocument, Skip
from accord.store import ingest, open_store, queries

SENTENCE = "The president of France met the prime minister of Italy in Rome on Monday to discuss trade."


def jsonl_lines() -> list[str]:
    """Records with and without ids, a blank line and a broken line: ids then depend on line numbers."""
    lines = []
    for number in range(1, 31):
        record = {"text": f"{SENTENCE} Meeting number {number} ended with a joint statement."}
        if number % 3 == 0:
            record["id"] = f"doc-{number}"
        lines.append(json.dumps(record))
        if number == 10:
            lines.append("")
        if number == 20:
            lines.append("{not json")
    return lines


@pytest.mark.parametrize("split_bytes, pieces, cut", [(200, 1, True), (10**9, 4, True), (10**9, 1, False)])
def test_jsonl_cut_into_byte_ranges_reads_exactly_like_the_whole_file(tmp_path, split_bytes, pieces, cut):
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    units = list(plan_units([path], pieces=pieces, split_bytes=split_bytes))
    assert (len(units) >= max(2, pieces)) if cut else len(units) == 1
    pieces = [item for unit in units for item in read_unit(unit)]
    whole = list(iter_documents([path]))
    assert pieces == whole
    assert sum(isinstance(item, Skip) and item.code == "E105" for item in pieces) == 1


def test_parquet_rows_are_pages_one_row_group_per_unit(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": f"p{n}", "url": f"https://example.org/{n}", "date": "2020-01-0" + str(1 + n % 9),
             "text": f"{SENTENCE} Report {n}.", "html": None} for n in range(10)]
    rows[4]["id"] = None
    rows[7]["text"] = None  # neither text nor html: a coded skip
    rows[8].update(text=None, html=f"<html><body><p>{SENTENCE}</p></body></html>")
    path = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    units = list(plan_units([path]))
    assert [unit.part for unit in units] == [0, 1, 2, 3]
    items = [item for unit in units for item in read_unit(unit)]
    assert len(items) == 10
    assert isinstance(items[7], Skip) and items[7].code == "E114"
    assert items[4].doc_id == "pages:5", "a row without id is named by its row number"
    assert items[8].html and items[8].text is None
    assert [item.date for item in items if isinstance(item, RawDocument)][:2] == ["2020-01-01", "2020-01-02"]
    assert items == list(iter_raw([path]))


def test_a_file_that_is_not_parquet_is_a_coded_skip(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 this is not a parquet file at all")
    (item,) = iter_raw([path])
    assert isinstance(item, Skip) and item.code == "E100"


@pytest.fixture(scope="module")
def demo_results(nlp):
    """(raw, analysis) for half the demo pages (test_spark covers them all), analysed once in this process."""
    pipeline = Pipeline()
    return [(raw, pipeline.analyse_or_skip(raw)) for raw in demo_documents()[::2]]


class Replay:
    """An executor that returns analyses made beforehand, so that one analysis feeds two outputs."""

    def __init__(self, results):
        self.results = {raw.doc_id: result for raw, result in results}

    def analyse(self, raws):
        return [self.results[raw.doc_id] for raw in raws]

    def close(self):
        pass


def test_local_executor_gives_the_same_results_with_two_workers(demo_results):
    raws = [raw for raw, _ in demo_results[:6]]
    with LocalExecutor(workers=2) as executor:
        parallel = executor.analyse(raws)
    assert [result.page.doc_id for result in parallel] == [raw.doc_id for raw in raws]
    assert parallel == [result for _, result in demo_results[:6]]


def test_relations_from_parquet_equal_relations_from_the_store(tmp_path, demo_results):
    db = tmp_path / "demo.duckdb"
    ingest([raw for raw, _ in demo_results], db, pipeline=Pipeline(), executor=Replay(demo_results))
    counts = write_parquet_batches(demo_results, tmp_path / "out", batch_pages=7)
    assert counts["pages"] == len(demo_results)
    assert counts["events"] == sum(len(result.events) for _, result in demo_results)
    assert (tmp_path / "out" / "pages" / f"date={demo_results[0][0].date}").is_dir()
    with open_store(db) as connection:
        dyads = queries.top_dyads(connection, limit=20)["active"]
        assert len(dyads) >= 3
        expected = {(d["source"], d["target"], by): queries.relations(connection, d["source"], d["target"], by)
                    for d in dyads for by in ("day", "month", "year")}
        stored = connection.execute("SELECT count(*), count(DISTINCT cluster_id) FROM event_clusters").fetchone()
    with parquet_store(tmp_path / "out") as connection:
        for (source, target, by), rows in expected.items():
            assert rows, "every active dyad has rows"
            assert queries.relations(connection, source, target, by) == rows
        again = connection.execute("SELECT count(*), count(DISTINCT cluster_id) FROM event_clusters").fetchone()
    assert again == stored
    first = dyads[0]
    both = relations_from_parquet(tmp_path / "out", first["source"], first["target"], "month", both=True)
    assert both == (expected[(first["source"], first["target"], "month")]
                    + queries_relations(db, first["target"], first["source"], "month"))


def queries_relations(db, source, target, by):
    with open_store(db) as connection:
        return queries.relations(connection, source, target, by)


def test_an_output_folder_already_written_is_refused(tmp_path):
    (tmp_path / "events").mkdir()
    with pytest.raises(ConfigError) as error:
        check_out(tmp_path)
    assert error.value.code == "E502"


def test_spark_executor_without_pyspark_names_the_extra(monkeypatch):
    from accord.executors import spark

    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    with pytest.raises(ConfigError) as error:
        spark.SparkExecutor()
    assert error.value.code == "E501" and "spark" in error.value.hint


def test_ingest_with_spark_needs_an_output_folder(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(SENTENCE, encoding="utf-8")
    assert main(["ingest", "--executor", "spark", str(page)]) != 0
    assert "E502" in capsys.readouterr().err


def test_ingest_local_to_parquet_then_relations_from_the_cli(tmp_path, capsys, nlp):
    pages = tmp_path / "pages.jsonl"
    with pages.open("w", encoding="utf-8") as stream:
        for raw in demo_documents()[:4]:
            stream.write(json.dumps({"id": raw.doc_id, "url": raw.url, "date": raw.date,
                                     "html" if raw.html else "text": raw.content}) + "\n")
    out = tmp_path / "out"
    assert main(["ingest", "--workers", "1", "--quiet", str(pages), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["events", "pages"]
    capsys.readouterr()
    with parquet_store(out) as connection:
        source, target = connection.execute(
            "SELECT substr(source, 1, 3), substr(target, 1, 3) FROM clusters WHERE source IS NOT NULL "
            "AND target IS NOT NULL AND first_date IS NOT NULL ORDER BY cluster_id LIMIT 1").fetchone()
    assert main(["relations", source, target, "--from-parquet", str(out), "--format", "json", "--by", "year"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and rows == [row.to_json() for row in relations_from_parquet(out, source, target, "year")]


def test_in_batches_keeps_the_order_passes_skips_through_and_bounds_each_batch():
    from accord.pipeline import in_batches
    from accord.records import RawDocument, Skip

    skip = Skip(doc_id="bad", stage="read", code="E105", reason="not JSON")
    items = [RawDocument(doc_id=f"d{n}", text="x") for n in range(5)]
    items.insert(2, skip)
    batches: list[list[str]] = []

    def analyse(batch):
        batches.append([raw.doc_id for raw in batch])
        return [f"result of {raw.doc_id}" for raw in batch]

    pairs = list(in_batches(items, analyse, size=2))
    assert [item.doc_id for item, _ in pairs] == ["d0", "d1", "bad", "d2", "d3", "d4"]
    assert pairs[2] == (skip, skip) and pairs[0][1] == "result of d0"
    assert batches == [["d0", "d1"], ["d2", "d3"], ["d4"]]
