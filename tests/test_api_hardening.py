"""API hardening: injection strings in every parameter of every endpoint, limits on page size, request size
and query time, path traversal on /static, localhost binding by default, and no write endpoint."""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time

import httpx
import pytest
import uvicorn

from accord.store import ingest, open_store
from accord.web.app import create_app
from tests.prepared import PreparedPipeline, document, event
from tests.test_web_api import free_port

INJECTIONS = [
    "' OR 1=1 --", "' OR '1'='1", "1; DROP TABLE events; --", "USA'); DELETE FROM documents; --",
    "\" OR \"\"=\"", "%' --", "' UNION SELECT doc_key, text FROM documents --", "1 OR 1=1", "*", "%", "_",
    "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}",
    "\x00", "USA\x00", "\u202eASU", "-1", "99999999999999999999", "1e309", "NaN", "true", "[]", "{}",
    "2017-02-30", "2017-02-27' OR '1'='1", "042' OR '1'='1", "x" * 5000,
]
ENDPOINT_PARAMETERS = {
    "/api/stats": [], "/api/top": ["limit", "by"], "/api/documents": ["limit", "offset"],
    "/api/events": ["source", "target", "code", "from", "to", "doc_id", "modality", "limit", "offset"],
    "/api/clusters": ["source", "target", "from", "to", "limit", "offset"],
    "/api/relations": ["source", "target", "by", "both", "from", "to"],
    "/api/actors": ["kind", "limit", "offset"], "/api/network": ["from", "to", "limit"],
    "/api/reactions": ["doc_id", "limit", "offset"], "/api/signals": ["actor", "window_days", "from", "to", "limit"],
}
PATH_PARAMETERS = ["/api/clusters/{}", "/api/documents/{}", "/api/documents/{}/related"]


def build_store(db) -> None:
    docs = [
        document("d1", "https://one.example/d1", [event("d1", "042", "USAGOV", "MEX", "2017-02-23"),
                                                   event("d1", "172", "MEXGOV", "USA", "2017-02-24", 1)]),
        document("d2", "https://two.example/d2", [event("d2", "042", "USAGOV", "MEX", "2017-02-24")]),
    ]
    ingest([raw for raw, _ in docs], db, PreparedPipeline({raw.doc_id: a for raw, a in docs}))


def counts(db) -> dict[str, int]:
    with open_store(db) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def serve(app):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    return server, thread, port


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("hardening") / "api.duckdb"
    build_store(db)
    return db


@pytest.fixture(scope="module")
def api(store):
    server, thread, port = serve(create_app(store))
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        yield client, port
    server.should_exit = True
    thread.join(timeout=10)


def assert_answer_is_empty_or_refused(response, where) -> None:
    assert response.status_code in (200, 404, 422), (where, response.status_code, response.text[:200])
    body = response.json()
    if response.status_code != 200:
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}, where
        return
    # nothing in the store matches an injection string: the answer is empty, never "everything"
    assert body.get("total", 0) == 0, where
    for key, value in body.items():
        if isinstance(value, list):
            assert value == [], (where, key)


@pytest.mark.parametrize("path", sorted(ENDPOINT_PARAMETERS))
def test_injection_strings_in_every_query_parameter(api, store, path):
    client, _ = api
    before = counts(store)
    required = {"/api/relations": {"source": "USA", "target": "MEX"}}.get(path, {})
    sent = 0
    for name in ENDPOINT_PARAMETERS[path]:
        for value in INJECTIONS:
            response = client.get(path, params={**required, name: value})
            sent += 1
            if path == "/api/relations" and name == "both" and value == "true":
                assert response.status_code == 200  # a real boolean: the normal answer
                continue
            assert_answer_is_empty_or_refused(response, (path, name, value))
    assert counts(store) == before, "tables and rows intact"
    assert sent == len(ENDPOINT_PARAMETERS[path]) * len(INJECTIONS)


@pytest.mark.parametrize("template", PATH_PARAMETERS)
def test_injection_strings_in_path_parameters(api, store, template):
    from urllib.parse import quote

    client, _ = api
    before = counts(store)
    for value in INJECTIONS:
        response = client.get(template.format(quote(value, safe="")))
        assert_answer_is_empty_or_refused(response, (template, value))
    assert counts(store) == before


def test_the_openapi_covers_every_parameter_tested_here(api):
    client, _ = api
    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        names = [p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"]
        if "{" in path:
            assert path.replace("{cluster_id}", "{}").replace("{doc_id}", "{}") in PATH_PARAMETERS
        else:
            assert sorted(names) == sorted(ENDPOINT_PARAMETERS[path]), path


def test_only_get_endpoints_and_every_other_method_is_refused(api, store):
    client, _ = api
    spec = client.get("/openapi.json").json()
    assert {method for methods in spec["paths"].values() for method in methods} == {"get"}
    before = counts(store)
    for path in [*ENDPOINT_PARAMETERS, "/api/documents/d1", "/", "/static/app.js"]:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            response = client.request(method, path, json={"sql": "DROP TABLE events"})
            assert response.status_code == 405, (method, path, response.status_code)
            assert set(response.json()["error"]) == {"code", "message", "hint"}
    assert counts(store) == before


@pytest.mark.parametrize("path", ["/api/events", "/api/clusters", "/api/actors", "/api/documents", "/api/network",
                                  "/api/reactions", "/api/signals", "/api/top"])
def test_page_size_is_capped(api, path):
    from accord.web.app import MAX_PAGE

    client, _ = api
    cap = 100 if path == "/api/top" else MAX_PAGE
    assert client.get(path, params={"limit": cap}).status_code == 200
    response = client.get(path, params={"limit": cap + 1})
    assert response.status_code == 422 and response.json()["error"]["code"] == "E502"


def test_request_bodies_and_huge_urls_are_refused(api):
    from accord.web.app import MAX_BODY_BYTES

    client, port = api
    response = client.request("GET", "/api/stats", content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413 and response.json()["error"]["code"] == "E413"
    assert client.request("GET", "/api/stats", content=b"{}").status_code == 200, "a tiny body is harmless"
    # a 200 KB query string is refused by the HTTP layer, and the server goes on answering
    assert raw_get(port, "/api/events?doc_id=" + "x" * 200_000)[0] in (None, 400, 414, 431)
    assert client.get("/api/stats").status_code == 200


def test_a_slow_query_is_stopped_with_503(store, monkeypatch):
    from accord.store import queries

    def slow_stats(connection):
        return connection.execute("SELECT count(*) FROM range(1000000000000) a, range(1000) b").fetchone()

    monkeypatch.setattr(queries, "stats", slow_stats)
    server, thread, port = serve(create_app(store, query_seconds=0.5))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            started = time.monotonic()
            response = client.get("/api/stats")
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "E503"
            assert time.monotonic() - started < 30, "stopped, not run to the end"
            assert client.get("/api/events").status_code == 200, "the next request is served"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


TRAVERSALS = [
    "/static/../pyproject.toml", "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/%2e%2e%2f%2e%2e%2fapp.py", "/static/..%2fapp.py",
    "/static/%252e%252e%252fapp.py", "/static/%252e%252e/%252e%252e/etc/passwd", "/static/..%5capp.py",
    "/static/..\\app.py", "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/static//etc/passwd",
    "/static/%2fetc%2fpasswd", "/static/vendor/../../app.py", "/static/vendor/..%2f..%2fapp.py",
    "/static/./../app.py", "/static/app.js%00.html", "/static/....//....//app.py", "/static/",
]


def raw_get(port: int, raw_path: str) -> tuple[int | None, str]:
    """GET ``raw_path`` sent byte for byte (no client-side normalisation); None when the server hung up."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.putrequest("GET", raw_path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except (ConnectionError, http.client.HTTPException):
        return None, ""
    finally:
        connection.close()


@pytest.mark.parametrize("raw_path", TRAVERSALS)
def test_path_traversal_on_static_is_refused(api, raw_path):
    _, port = api
    status, body = raw_get(port, raw_path)
    assert status in (400, 404), (raw_path, status)
    for leaked in ("root:", "def create_app", "[project]", "import "):
        assert leaked not in body, raw_path


def test_static_files_are_still_served(api):
    client, _ = api
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200


def test_serve_binds_to_localhost_by_default(store, monkeypatch):
    import uvicorn as uvicorn_module

    from accord.commands import serve

    parser = argparse.ArgumentParser()
    serve.add_arguments(parser)
    args = parser.parse_args(["--db", str(store)])
    assert args.host == "127.0.0.1"
    called = {}
    monkeypatch.setattr(uvicorn_module, "run", lambda app, **options: called.update(options))
    assert serve.run(args) == 0
    assert called["host"] == "127.0.0.1"


def test_cli_refuses_injection_in_codes(store, capsys):
    from accord.cli import main

    assert main(["relations", "USA' OR 1=1 --", "MEX", "--db", str(store)]) == 2
    assert capsys.readouterr().err.startswith("E502: ")


def test_load_tool_smoke_run_has_no_failed_request(tmp_path):
    """A small run of benchmarks/load.py (the full one is run by hand: docs/reliability.md)."""
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("load", ROOT / "benchmarks" / "load.py")
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)
    out = tmp_path / "load.json"
    result = load.main(["--events", "200", "--requests", "150", "--concurrency", "8", "--json", str(out)])
    assert result["requests"] == 150 and result["failures"] == 0, result["failures_by_kind"]
    assert result["store_events"] >= 200 and result["synthetic_store"]
    assert 0 < result["latency_ms"]["p50"] <= result["latency_ms"]["p99"] <= result["latency_ms"]["max"]
    assert {"relations", "events", "documents/{id}"} <= set(result["per_endpoint_ms"])
    assert json.loads(out.read_text()) == result


def test_a_slow_request_outside_the_database_is_answered_503(store, monkeypatch):
    from accord import signals

    def slow_signals(statements, window_days=14, actor=None):
        time.sleep(4)
        return []

    monkeypatch.setattr(signals, "find_signals", slow_signals)
    server, thread, port = serve(create_app(store, query_seconds=0.5))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            started = time.monotonic()
            response = client.get("/api/signals")
            assert response.status_code == 503 and response.json()["error"]["code"] == "E503"
            assert time.monotonic() - started < 3.5, "answered at the limit, not when the work ended"
            assert client.get("/api/stats").status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=10)
