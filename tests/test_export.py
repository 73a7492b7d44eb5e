"""`accord export` from a real store built from prepared analyses."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from accord.cli import main
from accord.events.formats import GDELT_EVENT_COLUMNS
from accord.store import ingest
from tests.prepared import PreparedPipeline, corpus  # noqa: F401 - corpus is a fixture


@pytest.fixture()
def store(tmp_path, corpus):
    raws, analyses = corpus
    db = tmp_path / "e.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    return db


def test_gdelt_has_one_row_per_cluster_with_counts(store, tmp_path):
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", str(store), "--format", "gdelt", "--output", str(out)]) == 0
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert all(len(r) == len(GDELT_EVENT_COLUMNS) == 61 for r in rows)
    column = {name: i for i, name in enumerate(GDELT_EVENT_COLUMNS)}
    visits = [r for r in rows if r[column["EventCode"]] == "042" and r[column["SQLDATE"]] == "20170223"]
    assert len(visits) == 1
    visit = visits[0]
    assert (visit[column["NumMentions"]], visit[column["NumSources"]], visit[column["NumArticles"]]) == ("3", "2", "3")
    assert len(rows) == 5, "8 reports: one negated, three of one visit; 5 clusters"


def test_gdelt_mentions_one_row_per_counted_report(store, tmp_path):
    out = tmp_path / "mentions.tsv"
    assert main(["export", "--db", str(store), "--format", "gdelt-mentions", "--output", str(out)]) == 0
    rows = out.read_text().splitlines()
    assert len(rows) == 7 and all(len(r.split("\t")) == 14 for r in rows)


@pytest.mark.parametrize("args, expected", [
    ([], 8), (["--actor", "MEX"], 7), (["--code", "042"], 4), (["--from", "2017-03-01"], 2),
    (["--actor", "USAMIL", "--to", "2017-03-31"], 1),
])
def test_plover_filters(store, tmp_path, args, expected):
    out = tmp_path / "p.jsonl"
    assert main(["export", "--db", str(store), "--format", "plover", "--output", str(out), *args]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == expected
    assert all(r["coder"].startswith("accord") and r["text"] for r in records)


def test_parquet_and_csv_hold_every_report(store, tmp_path):
    out = tmp_path / "e.parquet"
    assert main(["export", "--db", str(store), "--format", "parquet", "--output", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 8 and "cluster_id" in table.column_names
    csv_out = tmp_path / "e.csv"
    assert main(["export", "--db", str(store), "--format", "csv", "--output", str(csv_out)]) == 0
    assert len(csv_out.read_text().splitlines()) == 9


def test_parquet_without_output_is_a_coded_error(store, capsys):
    assert main(["export", "--db", str(store), "--format", "parquet"]) == 2
    assert capsys.readouterr().err.startswith("E502")
