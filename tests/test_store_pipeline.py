"""The store end to end: the real pipeline over the demo corpus and the seed page, a real DuckDB file,
`accord ingest` killed midway, and the dashboard on the result."""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from accord.demo import demo_documents
from accord.inputs import read_document
from accord.store import ingest, open_store, queries
from tests.conftest import SEED_TEXT

TABLES = ("documents", "paragraphs", "comments", "actors", "events", "clusters", "event_clusters", "statements",
          "comment_reactions", "article_reactions", "skips")


def corpus():
    return [*demo_documents(), read_document(SEED_TEXT, date="2017-02-27")]


def snapshot(db) -> dict[str, list]:
    """Every row of every table (minus the batch numbers, which count runs), sorted."""
    with open_store(db) as connection:
        result = {}
        for table in TABLES:
            columns = [r[0] for r in connection.execute(f"DESCRIBE {table}").fetchall() if r[0] != "batch"]
            rows = connection.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            result[table] = sorted(map(repr, rows))
        return result


@pytest.fixture()
def store(demo_store):
    return demo_store


def test_ingesting_twice_leaves_the_store_identical(store):
    before = snapshot(store)
    again = ingest(corpus(), store)
    assert again.pages_added == 0 and again.pages_already_stored == len(corpus())
    assert snapshot(store) == before


def test_us_mexico_monthly_series_equals_a_hand_computed_check(store):
    with open_store(store) as connection:
        series = queries.relations(connection, "USA", "MEX", by="month")
        reports = connection.execute(
            """SELECT e.event_key, e.source, e.target, e.cameo_base, e.event_date, e.goldstein, e.quad_class,
                      e.modality FROM events e""").fetchall()
    # recompute the definitions from the raw reports, independently of the store's SQL
    from accord.store.cluster import COUNTED_MODALITIES, assign_clusters

    counted = [r for r in reports if r[7] in COUNTED_MODALITIES]
    assignment = assign_clusters([r[:5] for r in counted])
    clusters: dict[str, list] = collections.defaultdict(list)
    for r in counted:
        clusters[assignment[r[0]]].append(r)
    expected: dict[str, dict] = {}
    for members in clusters.values():
        first = min(m[4] for m in members if m[4] is not None) if any(m[4] for m in members) else None
        source, target = members[0][1] or "", members[0][2] or ""
        if first is None or source[:3] != "USA" or target[:3] != "MEX":
            continue
        period = first.strftime("%Y-%m")
        row = expected.setdefault(period, {"events": 0, "clusters": 0, "coop": 0.0, "conflict": 0.0, "quad": [0] * 4})
        goldstein = collections.Counter(m[5] for m in members).most_common(1)[0][0]
        row["events"] += len(members)
        row["clusters"] += 1
        row["quad"][members[0][6] - 1] += 1
        row["coop" if goldstein > 0 else "conflict"] += goldstein if goldstein else 0.0
    assert len(series) >= 8, "the demo corpus spreads US-Mexico events over many months"
    assert [r.period for r in series] == sorted(expected), "one point per month with events"
    for row in series:
        want = expected[row.period]
        assert (row.events, row.clusters, [row.quad1, row.quad2, row.quad3, row.quad4]) == (
            want["events"], want["clusters"], want["quad"])
        assert row.coop == pytest.approx(want["coop"], abs=1e-6)
        assert row.conflict == pytest.approx(want["conflict"], abs=1e-6)
        assert row.net == pytest.approx(want["coop"] + want["conflict"], abs=1e-6)


def test_seed_article_is_stored_with_its_comments_reactions_and_signal(store):
    with open_store(store) as connection:
        doc = queries.document(connection, "kelly-tillerson-damage-control")
        statements = queries.statements(connection, actor="USA")
    assert doc is not None and len(doc["comments"]) == 6
    assert {c["author"]: c["stance"] for c in doc["comments"]}["cooncats"] == "disputes"
    assert sum(1 for c in doc["comments"] if c["uncivil"]) == 3
    from accord.signals import find_signals

    pairs = find_signals(statements, window_days=14)
    speakers = [{p.a.speaker, p.b.speaker} for p in pairs]
    assert any(any("Trump" in s for s in pair) and any("Kelly" in s for s in pair) for pair in speakers)


COPIES = 2


def test_killed_ingest_resumes_to_the_same_store_as_one_clean_run(store, tmp_path):
    db = tmp_path / "killed.duckdb"
    folder = tmp_path / "pages"
    folder.mkdir()
    import json

    with open(folder / "batch.jsonl", "w", encoding="utf-8") as stream:
        # the corpus twice over (distinct ids and URLs), so that the run lasts well past the kill
        for copy in range(COPIES):
            for raw in corpus():
                stream.write(json.dumps({"id": f"{raw.doc_id}-{copy}", "url": f"{raw.url or raw.doc_id}#{copy}",
                                         "date": raw.date,
                                         "text" if raw.text is not None else "html": raw.content}) + "\n")
    command = [sys.executable, "-m", "accord", "ingest", str(folder), "--db", str(db), "--batch-size", "5",
               "--workers", "1", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill without warning at a point inside the run (after start-up, before the end)
    time.sleep(random.Random(7).uniform(5.0, 9.0))
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert killed, "the first run must be cut short for this test to mean anything"
    subprocess.run(command, check=True, timeout=300)
    resumed = snapshot(db)
    clean = tmp_path / "clean.duckdb"
    subprocess.run([*command[:6], str(clean), *command[7:]], check=True, timeout=300)
    assert resumed == snapshot(clean)
    assert len(resumed["documents"]) == COPIES * len(corpus())


def test_related_command_ranks_articles_sharing_events(store, capsys):
    import json

    from accord.cli import main

    assert main(["related", "kelly-tillerson-damage-control", "--db", str(store), "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows, "the seed shares actors with the US-Mexico demo reports"
    assert all(r["doc_id"] != "kelly-tillerson-damage-control" for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert main(["related", "no-such-article", "--db", str(store)]) == 2
