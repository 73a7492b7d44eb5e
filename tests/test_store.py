"""The store on hand-built analyses: schema, idempotence, clusters, relations.

The analysis stage is replaced by prepared records here so that the store's own
rules (keys, clusters, indices) are checked against hand-computed figures; the
end-to-end tests over the real pipeline are in test_store_pipeline.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from accord.errors import ConfigError, StoreError
from tests.prepared import PreparedPipeline, corpus  # noqa: F401 - corpus is a fixture
from accord.store import assign_clusters, connect, ingest, open_store, queries, schema_version_supported
from accord.store.ingest import origin_of

def test_new_store_has_the_current_schema(tmp_path):
    connection = connect(tmp_path / "s.duckdb")
    try:
        version = connection.execute("SELECT max(version) FROM schema_info").fetchone()[0]
        assert version == schema_version_supported() >= 1
    finally:
        connection.close()


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    connection = connect(path)
    connection.execute("INSERT INTO schema_info (version, name) VALUES (999, 'future')")
    connection.close()
    with pytest.raises(StoreError) as info:
        connect(path)
    assert info.value.code == "E402"


def test_missing_store_is_a_coded_error(tmp_path):
    with pytest.raises(StoreError) as info:
        with open_store(tmp_path / "absent.duckdb"):
            pass
    assert info.value.code == "E403"


def test_ingest_counts_and_is_idempotent(tmp_path, corpus):
    raws, analyses = corpus
    db = tmp_path / "s.duckdb"
    first = ingest(raws, db, PreparedPipeline(analyses), batch_size=2)
    assert (first.pages_added, first.events_added) == (4, 8)
    with open_store(db) as c:
        before = queries.stats(c)
    pipeline = PreparedPipeline(analyses)
    second = ingest(raws, db, pipeline)
    assert second.pages_added == 0 and second.pages_already_stored == 4
    assert pipeline.analysed == [], "stored pages are not analysed again"
    with open_store(db) as c:
        assert queries.stats(c) == before


def test_clusters_follow_the_documented_rule(tmp_path, corpus):
    raws, analyses = corpus
    db = tmp_path / "s.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    with open_store(db) as c:
        rows = c.execute("SELECT source, target, cameo_base, first_date, num_mentions, num_sources, num_articles "
                         "FROM clusters ORDER BY source, target, cameo_base, first_date").fetchall()
    visit = [r for r in rows if r[:3] == ("USAGOV", "MEX", "042")]
    assert [(r[3], r[4], r[5], r[6]) for r in visit] == [
        (dt.date(2017, 2, 23), 3, 2, 3),  # a1, a2 (next day), a3 (reprint of one.example)
        (dt.date(2017, 2, 27), 1, 1, 1),
    ]
    assert not [r for r in rows if r[2] == "036"], "negated events are not occurrences"


def test_relations_match_a_hand_computed_series(tmp_path, corpus):
    raws, analyses = corpus
    db = tmp_path / "s.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    with open_store(db) as c:
        rows = [r.to_json() for r in queries.relations(c, "USA", "MEX", by="month")]
        gov_only = queries.relations(c, "USAGOV", "MEX", by="month")
    # February: two visit clusters (+1.9 each), 4 reports; March: one 172 cluster (-5.0)
    assert rows == [
        {"source": "USA", "target": "MEX", "period": "2017-02", "events": 4, "clusters": 2, "quad1": 2,
         "quad2": 0, "quad3": 0, "quad4": 0, "coop": 3.8, "conflict": 0.0, "net": 3.8, "mean": 1.9},
        {"source": "USA", "target": "MEX", "period": "2017-03", "events": 1, "clusters": 1, "quad1": 0,
         "quad2": 0, "quad3": 0, "quad4": 1, "coop": 0.0, "conflict": -5.0, "net": -5.0, "mean": -5.0},
    ]
    assert [r.period for r in gov_only] == ["2017-02"], "USAGOV excludes the USAMIL event"


@pytest.mark.parametrize("bad", ["usa; drop table events", "U$A", "12"])
def test_actor_codes_are_validated(tmp_path, corpus, bad):
    raws, analyses = corpus
    db = tmp_path / "s.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    with open_store(db) as c, pytest.raises(ConfigError):
        queries.relations(c, bad, "MEX")


def test_assign_clusters_is_anchored_not_chained():
    day = dt.date(2020, 1, 1)
    rows = [(f"e{i}", "AAA", "BBB", "042", day + dt.timedelta(days=i)) for i in range(5)]
    assignment = assign_clusters(rows, window_days=1)
    ids = [assignment[f"e{i}"] for i in range(5)]
    assert ids[0] == ids[1] != ids[2] == ids[3] != ids[4]
    wide = assign_clusters(rows, window_days=7)
    assert len(set(wide.values())) == 1


@pytest.mark.parametrize("url, reprinted, expected", [
    ("https://www.example.com/x", None, "example.com"),
    ("https://example.com/x", "The AP", "associated press"),
    (None, "Associated Press", "associated press"),
    (None, None, "unknown:d1"),
])
def test_origin_counts_reprints_as_their_original(url, reprinted, expected):
    assert origin_of(url, reprinted, "d1") == expected


def test_related_pages_share_clusters_and_actors(tmp_path, corpus):
    raws, analyses = corpus
    db = tmp_path / "s.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    with open_store(db) as c:
        related = queries.related(c, "a1")
    assert [r["doc_id"] for r in related][:2] == ["a2", "a3"] or [r["doc_id"] for r in related][:2] == ["a3", "a2"]
    assert all(r["shared_clusters"] >= 1 for r in related[:2])
