"""Crash safety: an ingest of 2,000 pages killed with SIGKILL at random points, then rerun, ends with the same
store as one clean run (no page lost or doubled); readers (the HTTP API and `accord relations`) keep working
while the ingest runs.

The ingest runs in a child process through the same function `accord ingest` calls
(:func:`accord.store.ingest`), with the page stage only: the full pipeline analyses about 6 pages a second on
two cores, far too slow for 2,000 pages in the test suite, and what is at stake here is the store's
transactions, not the analysis. tests/test_store_pipeline.py kills the real `accord ingest` command over the
full pipeline on the demo corpus.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
import uvicorn

from accord.demo import demo_documents
from accord.errors import StoreError
from accord.store import open_store
from tests.test_store_pipeline import snapshot
from tests.test_web_api import free_port

PAGES = 2_000
BATCH = 100
# a child process: the store's ingest with the page stage only (see the module docstring)
INGEST = """
import sys
from accord.executors import LocalExecutor
from accord.pipeline import Pipeline, PipelineOptions
from accord.store import ingest
pipeline = Pipeline(PipelineOptions(stages=("page",)))
with LocalExecutor(pipeline=pipeline, workers=1) as executor:
    summary = ingest([sys.argv[1]], sys.argv[2], executor=executor, batch_size=int(sys.argv[3]))
print(summary.pages_added, summary.pages_already_stored)
"""


def write_corpus(folder, pages: int) -> None:
    """The demo corpus repeated with distinct ids and URLs, as one JSON Lines batch."""
    folder.mkdir()
    docs = demo_documents()
    with open(folder / "pages.jsonl", "w", encoding="utf-8") as stream:
        for number in range(pages):
            raw = docs[number % len(docs)]
            url = (raw.url or f"https://demo.example/{raw.doc_id}") + f"?copy={number}"
            field = "text" if raw.text is not None else "html"
            stream.write(json.dumps({"id": f"{raw.doc_id}-{number}", "url": url, "date": raw.date,
                                     field: raw.content}) + "\n")


def start(folder, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", INGEST, str(folder), str(db), str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored_pages(db) -> int:
    """Pages committed so far, read by a reader while the writer runs (0 before the file exists)."""
    if not db.exists():
        return 0
    try:
        with open_store(db) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except StoreError as error:
        # a store still being created has no tables yet; the reader itself must not fail otherwise
        assert error.code == "E401" and "migrat" in error.line(), error.line()
        return 0


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "pages"
    write_corpus(folder, PAGES)
    return folder


@pytest.fixture(scope="module")
def clean_store(corpus_folder, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    process = start(corpus_folder, db)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert out.split() == [str(PAGES), "0"]
    return db


def test_sigkill_at_random_points_then_rerun_equals_one_clean_run(corpus_folder, clean_store, tmp_path):
    db = tmp_path / "killed.duckdb"
    rng = random.Random(20260829)
    targets = sorted(rng.sample(range(BATCH, PAGES - BATCH), 3))
    kills = []
    for target in targets:
        process = start(corpus_folder, db)
        # wait until the store holds `target` pages, then a random moment more, then kill without warning
        while process.poll() is None and stored_pages(db) < target:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.5))
        alive = process.poll() is None
        if alive:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        kills.append((target, alive, stored_pages(db)))
    assert all(alive for _, alive, _ in kills), f"each kill must cut a run short: {kills}"
    counts = [count for _, _, count in kills]
    assert counts == sorted(counts) and 0 < counts[0] and counts[-1] < PAGES, kills
    assert all(count % BATCH == 0 for count in counts), f"only whole batches are ever committed: {kills}"
    final = start(corpus_folder, db)
    out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err
    added, already = map(int, out.split())
    assert already == counts[-1] and added == PAGES - counts[-1]
    resumed = snapshot(db)
    assert resumed == snapshot(clean_store)
    with open_store(db) as connection:
        pages, distinct = connection.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
        orphans = connection.execute(
            "SELECT count(*) FROM paragraphs p LEFT JOIN documents d USING (doc_key) WHERE d.doc_key IS NULL"
        ).fetchone()[0]
    assert pages == distinct == PAGES, "no page lost or doubled"
    assert orphans == 0, "no paragraph outlives its page"


@pytest.fixture()
def api(clean_store):
    """The HTTP API over the clean store, in this process (opened read-only per request)."""
    from accord.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(clean_store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=10)


def test_readers_keep_working_while_an_ingest_writes(tmp_path, clean_store, api):
    """A second ingest writes more pages into the store the API and the CLI are reading."""
    more = tmp_path / "more"
    write_corpus(more, 600)
    (more / "pages.jsonl").write_text(
        (more / "pages.jsonl").read_text(encoding="utf-8").replace("?copy=", "?more="), encoding="utf-8")
    writer = start(more, clean_store)
    reads = cli_reads = 0
    statuses = set()
    while writer.poll() is None:
        response = api.get("/api/stats")
        statuses.add(response.status_code)
        reads += 1
        if cli_reads < 3:
            cli = subprocess.run([sys.executable, "-m", "accord", "relations", "USA", "MEX", "--db", str(clean_store),
                                  "--format", "json"], capture_output=True, text=True, timeout=120)
            assert cli.returncode == 0, cli.stderr
            cli_reads += 1
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert out.split() == ["600", "0"], "the writer was never locked out by the readers"
    assert statuses == {200}, "every read during the ingest was answered"
    assert reads >= 2 and cli_reads >= 1
    assert api.get("/api/stats").json()["documents"] == PAGES + 600


HOLDER = """
import sys, time
import duckdb
connection = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.close()
"""


def test_an_opener_waits_for_another_process_to_let_go_then_gives_up_with_e401(clean_store):
    from accord.store import connect

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(clean_store), "2"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError) as caught:
            connect(clean_store, read_only=True, lock_wait=0.2)
        assert caught.value.code == "E401" and "lock" in caught.value.message.lower()
        connection = connect(clean_store, read_only=True, lock_wait=60)  # waits for the holder to finish
        try:
            assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] >= PAGES
        finally:
            connection.close()
    finally:
        holder.kill()
        holder.wait()
