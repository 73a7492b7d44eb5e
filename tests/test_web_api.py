"""The HTTP API over a real DuckDB file and a real uvicorn server on a loopback port."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
import uvicorn

from accord.store import ingest
from accord.web.app import SECURITY_HEADERS, create_app
from tests.prepared import PreparedPipeline, corpus  # noqa: F401 - corpus is a fixture


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path, corpus):
    raws, analyses = corpus
    db = tmp_path / "api.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        yield client
    instance.should_exit = True
    thread.join(timeout=10)


def test_relations_endpoint_equals_the_query_layer(server):
    body = server.get("/api/relations", params={"source": "USA", "target": "MEX", "by": "month"}).json()
    assert [(r["period"], r["clusters"], r["net"]) for r in body["items"]] == [("2017-02", 2, 3.8),
                                                                               ("2017-03", 1, -5.0)]
    both = server.get("/api/relations", params={"source": "USA", "target": "MEX", "both": "true"}).json()
    assert {(r["source"], r["target"]) for r in both["items"]} == {("USA", "MEX"), ("MEX", "USA")}


def test_events_are_filtered_and_paged(server):
    page1 = server.get("/api/events", params={"source": "USAGOV", "code": "042", "limit": 2}).json()
    assert page1["total"] == 4 and len(page1["items"]) == 2
    page2 = server.get("/api/events", params={"source": "USAGOV", "code": "042", "limit": 2, "offset": 2}).json()
    keys = {e["event_key"] for e in page1["items"]} | {e["event_key"] for e in page2["items"]}
    assert len(keys) == 4
    assert all(e["cameo"].startswith("042") for e in page1["items"])


def test_document_has_structure_comments_and_events(server):
    doc = server.get("/api/documents/a1").json()
    assert doc["title"] == "Title a1"
    assert [c["author"] for c in doc["comments"]] == ["Reader One", "Reader Two"]
    assert doc["comments"][1]["parent"] == "c1"
    assert doc["comments"][1]["text"].startswith("<script>"), "stored verbatim; rendering escapes it"
    assert len(doc["events"]) == 3
    related = server.get("/api/documents/a1/related").json()["items"]
    assert related and related[0]["shared_clusters"] >= 1


def test_clusters_list_their_reports(server):
    clusters = server.get("/api/clusters", params={"source": "USAGOV", "target": "MEX"}).json()["items"]
    biggest = max(clusters, key=lambda c: c["num_mentions"])
    reports = server.get(f"/api/clusters/{biggest['cluster_id']}").json()["reports"]
    assert len(reports) == biggest["num_mentions"] == 3


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"source": "USA' OR 1=1 --"}),
    ("/api/events", {"from": "2017-01-01'; DROP TABLE events; --"}),
    ("/api/relations", {"source": "USA", "target": "MEX'--"}),
    ("/api/events", {"limit": 100000}),
    ("/api/relations", {"source": "USA"}),
])
def test_bad_parameters_get_the_one_error_shape(server, path, params):
    response = server.get(path, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert set(error) == {"code", "message", "hint"} and error["code"] == "E502"


def test_unknown_things_are_404_in_the_same_shape(server):
    for path in ("/api/documents/nope", "/api/clusters/nope", "/api/nothing", "/static/../../etc/passwd"):
        response = server.get(path)
        assert response.status_code == 404, path
        assert set(response.json()["error"]) == {"code", "message", "hint"}


def test_every_response_carries_security_headers(server):
    for path in ("/api/stats", "/api/nothing", "/openapi.json"):
        response = server.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (path, name)


def test_openapi_lists_the_read_endpoints(server):
    paths = server.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/clusters", "/api/relations", "/api/actors", "/api/documents/{doc_id}"):
        assert set(paths[path]) == {"get"}
