"""Hostile content: script, event-handler, javascript:, SVG and SQL payloads in every field of pages and
comments are stored verbatim and rendered inert by the dashboard in a real headless Chromium.

Every payload (tests/fixtures/hostile/payloads.txt) would set ``window.__pwned`` or change
``document.title`` if it ever ran. Two kinds of page are stored: prepared pages carrying the payloads in
every field (doc id, URL, title, subtitles, author, paragraphs, event sentences and actor names, comment ids,
authors and text), and a hostile HTML page through the real page parser.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import uvicorn

from accord.pipeline import Analysis, Pipeline, PipelineOptions
from accord.records import Comment, RawDocument, build_page
from accord.store import ingest, open_store
from accord.web.app import SECURITY_HEADERS, create_app
from tests.prepared import PreparedPipeline, event
from tests.test_web_api import free_port
from tests.test_web_dashboard import browser  # noqa: F401 - a fixture

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
PAYLOADS = [line for line in (HOSTILE / "payloads.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
TITLE = "accord dashboard"


def hostile_document(number: int) -> tuple[RawDocument, Analysis]:
    """A prepared page whose every field carries a payload (a different one per field and page)."""
    pick = lambda offset: PAYLOADS[(number * 7 + offset) % len(PAYLOADS)]  # noqa: E731
    doc_id = f"h{number}-{pick(0)}"
    events = []
    for index in range(2):
        prepared = event(doc_id, "042", "USAGOV", "MEX", "2017-02-23", index)
        sentence = f"USAGOV did it {pick(10 + index)} to MEX."
        events.append(dataclasses.replace(prepared, sentence=sentence, source_name=pick(20 + index),
                                          target_name=pick(30 + index), attributed_to=pick(40 + index)))
    paragraphs = [(e.sentence, pick(50), "body") for e in events] + [(pick(60 + i), None, "body") for i in range(3)]
    comments = (Comment(pick(70), pick(71), None, pick(72)), Comment(pick(73), pick(74), pick(70), pick(75)))
    url = f"https://hostile.example/{number}?q={quote(pick(80))}" if number % 2 else pick(80)
    page = build_page(doc_id, paragraphs, title=pick(90), subtitles=(pick(91),), author=pick(92),
                      published="2017-02-27", url=url, comments=comments, reprinted_from=pick(93))
    offsets = [p.start for p in page.body]
    aligned = []
    for e, start in zip(events, offsets):
        shift = start - e.offsets.sentence[0]
        move = lambda span: (span[0] + shift, span[1] + shift)  # noqa: E731
        aligned.append(dataclasses.replace(e, offsets=dataclasses.replace(
            e.offsets, trigger=move(e.offsets.trigger), source=move(e.offsets.source),
            target=(start + len(e.sentence) - 4, start + len(e.sentence) - 1), sentence=(start, start + len(e.sentence)))))
    raw = RawDocument(doc_id=doc_id, text=f"text of {doc_id}", url=url, date="2017-02-27")
    return raw, Analysis(page=page, events=tuple(aligned))


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    docs = [hostile_document(number) for number in range(len(PAYLOADS))]
    summary = ingest([raw for raw, _ in docs], db, PreparedPipeline({raw.doc_id: a for raw, a in docs}))
    assert summary.pages_added == len(docs) and not summary.skipped
    # and a hostile HTML page through the real page parser
    parsed = ingest([str(HOSTILE / "article.html")], db, Pipeline(PipelineOptions(stages=("page",))))
    assert parsed.pages_added == 1, parsed
    return db, docs


def test_every_field_is_stored_verbatim(hostile_store):
    db, docs = hostile_store
    with open_store(db) as connection:
        for raw, analysis in docs:
            page = analysis.page
            row = connection.execute(
                "SELECT doc_id, url, title, subtitles, author, reprinted_from, text FROM documents WHERE doc_id = ?",
                [raw.doc_id]).fetchone()
            assert row == (page.doc_id, page.url, page.title, list(page.subtitles), page.author,
                           page.reprinted_from, page.text)
            comments = connection.execute(
                "SELECT c.comment_id, c.author, c.parent, c.text FROM comments c JOIN documents d USING (doc_key) "
                "WHERE d.doc_id = ? ORDER BY c.position", [raw.doc_id]).fetchall()
            assert comments == [(c.id, c.author, c.parent, c.text) for c in page.comments]
            names = connection.execute(
                "SELECT sentence, source_name, target_name, attributed_to FROM events WHERE doc_id = ? "
                "ORDER BY sentence_index", [raw.doc_id]).fetchall()
            assert names == [(e.sentence, e.source_name, e.target_name, e.attributed_to) for e in analysis.events]
        tables = {r[0] for r in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "events", "comments"} <= tables, "the SQL fragments were data, not statements"


def test_the_parsed_hostile_page_keeps_escaped_markup_as_text(hostile_store):
    db, _ = hostile_store
    with open_store(db) as connection:
        title, text = connection.execute(
            "SELECT title, text FROM documents WHERE doc_id = 'article'").fetchone()
        authors = [r[0] for r in connection.execute(
            "SELECT c.author FROM comments c JOIN documents d USING (doc_key) WHERE d.doc_id = 'article'").fetchall()]
    assert "<script>" in title, "escaped markup in the source is text, kept as such"
    assert "DROP TABLE events" in text
    assert "script-in-body" not in text and "inline-script-in-source" not in text, "real scripts are not body text"
    assert any("<script>" in (a or "") for a in authors)


@pytest.fixture()
def served(hostile_store):
    db, docs = hostile_store
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", docs
    server.should_exit = True
    thread.join(timeout=10)


INJECTED = """() => {
  const handlers = [...document.querySelectorAll('*')].filter(
      (node) => [...node.attributes].some((a) => a.name.toLowerCase().startsWith('on')));
  const links = [...document.querySelectorAll('a[href]')].filter(
      (a) => !a.getAttribute('href').startsWith('#'));
  const foreign = document.querySelectorAll('script:not([src]), iframe, object, embed, img, meta[http-equiv], '
      + 'details, math, body svg:not(#network svg)');
  return {handlers: handlers.length, links: links.map((a) => a.getAttribute('href')), foreign: foreign.length,
          pwned: window.__pwned === undefined ? null : String(window.__pwned), title: document.title,
          violations: window.__violations};
}"""


def check_inert(page, where: str) -> None:
    page.wait_for_timeout(300)  # let anything that was going to run, run
    found = page.evaluate(INJECTED)
    assert found == {"handlers": 0, "links": [], "foreign": 0, "pwned": None, "title": TITLE, "violations": []}, where


def test_dashboard_renders_every_hostile_field_inert(served, browser):  # noqa: F811
    base, docs = served
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog {dialog.message}"), dialog.dismiss()))
    # record any Content-Security-Policy violation: a blocked script is a script that tried to run
    page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                         "(e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    check_inert(page, "relations view")
    # the articles list, then each hostile article with its comments
    page.click("nav button[data-view=articles]")
    page.wait_for_selector("#articles-table tbody tr")
    assert page.locator("#articles-table tbody tr").count() == len(docs) + 1
    check_inert(page, "articles list")
    for raw, analysis in docs[:8] + [(RawDocument("article", text="x"), None)]:
        page.evaluate("(id) => { window.location.hash = 'doc=' + encodeURIComponent(id); }", raw.doc_id)
        page.wait_for_function("(id) => document.getElementById('article').hidden === false && "
                               "document.querySelectorAll('#comments li.comment').length > 0", arg=raw.doc_id)
        if analysis is not None:
            page.wait_for_function("(t) => document.getElementById('article-title').textContent === t",
                                   arg=analysis.page.title)
            assert page.locator("#article-meta").inner_text().count(analysis.page.author) == 1
            comments = page.locator("#comments").inner_text()
            assert all(c.text in comments and (c.author in comments) for c in analysis.page.comments)
            assert page.locator("#comments li.comment li.comment").count() == 1, "the reply is nested under its parent"
            assert page.locator("#article-body mark.event").count() == 2
        check_inert(page, f"article {raw.doc_id!r}")
    # the event table and each event's detail with its evidence and reports
    page.click("nav button[data-view=events]")
    page.wait_for_selector("#events-table tbody tr")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 10
    for index in range(0, min(rows.count(), 12)):
        rows.nth(index).click()
        page.wait_for_selector("#event-detail #event-reports li")
        check_inert(page, f"event row {index}")
    page.click("nav button[data-view=network]")
    page.wait_for_selector("#network svg circle.node")
    check_inert(page, "network")
    page.click("nav button[data-view=signals]")
    page.wait_for_selector("#signals li")
    check_inert(page, "signals")
    assert errors == []
    page.close()


def test_security_headers_on_every_kind_of_response(served):
    base, docs = served
    hostile_id = quote(docs[0][0].doc_id, safe="")
    paths = ["/", "/static/app.js", "/static/style.css", "/openapi.json", "/api/stats", f"/api/documents/{hostile_id}",
             "/api/events?source=USA%27--", "/api/nothing", "/static/..%2f..%2fetc%2fpasswd", "/api/events?limit=0"]
    with httpx.Client(base_url=base, timeout=20) as client:
        for path in paths:
            response = client.get(path)
            for name, value in SECURITY_HEADERS.items():
                assert response.headers.get(name) == value, (path, name)
            if path.startswith("/api/") or path == "/openapi.json":
                assert response.headers["content-type"].startswith("application/json"), path
        policy = SECURITY_HEADERS["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
