"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Screenshots are saved under artifacts/ for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.prepared import corpus  # noqa: F401 - corpus is a fixture
from tests.test_web_api import free_port  # noqa: F401

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium must be installed (scripts/setup.sh does it)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture()
def dashboard(tmp_path, corpus, browser):
    import threading
    import time

    import uvicorn

    from accord.store import ingest
    from accord.web.app import create_app
    from tests.prepared import PreparedPipeline

    raws, analyses = corpus
    db = tmp_path / "dash.duckdb"
    ingest(raws, db, PreparedPipeline(analyses))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    yield page, errors
    page.close()
    server.should_exit = True
    thread.join(timeout=10)


def test_dyad_chart_event_evidence_and_article(dashboard):
    page, errors = dashboard
    ARTIFACTS.mkdir(exist_ok=True)
    # the default dyad USA -> MEX: two months with events, so two points
    assert page.get_attribute("#relations-chart", "data-points") == "2"
    assert page.evaluate("() => typeof Chart") == "function", "the bundled chart library loaded"
    assert page.locator("#relations-table tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "dashboard-relations.png"))
    # pick the reverse dyad from the picker
    page.select_option("#dyad-pick", "MEX-USA")
    page.wait_for_selector("#relations-chart[data-points='1']")
    # event table: open one event, see its highlighted evidence and its reports
    page.click("nav button[data-view=events]")
    page.wait_for_selector("#events-table tbody tr")
    page.fill("#event-form input[name=code]", "042")
    page.click("#event-form button[type=submit]")
    page.wait_for_selector("#events-count:text-matches('^4 events')")
    page.click("#events-table tbody tr >> nth=0")
    page.wait_for_selector("#event-detail mark.trigger")
    assert page.locator("#event-detail mark.trigger").inner_text() == "did"
    page.wait_for_selector("#event-reports li")
    page.screenshot(path=str(ARTIFACTS / "dashboard-event.png"))
    # article view with the comment thread beside it; hostile comment text stays text
    page.evaluate("() => { window.location.hash = 'doc=a1'; }")
    page.wait_for_selector("#comments li.comment")
    assert page.locator("#comments li.comment").count() == 2
    assert page.locator("#comments li.comment li.comment").count() == 1, "the reply is nested"
    assert "<script>" in page.locator("#comments").inner_text()
    assert page.locator("#article-body mark.event").count() == 3
    page.screenshot(path=str(ARTIFACTS / "dashboard-article.png"))
    # network
    page.click("nav button[data-view=network]")
    page.wait_for_selector("#network svg circle.node")
    assert page.locator("#network svg circle.node").count() == 5  # USAGOV MEX MEXGOV USA USAMIL
    assert errors == []


@pytest.fixture()
def real_dashboard(demo_store, browser):
    import threading
    import time

    import uvicorn

    from accord.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(demo_store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    yield page, errors, port
    page.close()
    server.should_exit = True
    thread.join(timeout=10)


def test_demo_store_dashboard_seed_article_and_signals(real_dashboard, demo_store):
    from accord.store import open_store, queries

    page, errors, _ = real_dashboard
    with open_store(demo_store) as connection:
        months = len(queries.relations(connection, "USA", "MEX", by="month"))
    assert int(page.get_attribute("#relations-chart", "data-points")) == months >= 8
    page.screenshot(path=str(ARTIFACTS / "demo-relations.png"))
    page.evaluate("() => { window.location.hash = 'doc=kelly-tillerson-damage-control'; }")
    page.wait_for_selector("#comments li.comment")
    assert page.locator("#comments li.comment").count() == 6
    assert page.locator("#comments li.comment .badge.uncivil").count() == 3
    assert page.locator("#article-body mark.event").count() >= 9
    page.screenshot(path=str(ARTIFACTS / "demo-seed-article.png"), full_page=True)
    page.click("nav button[data-view=signals]")
    page.wait_for_selector("#signals li.signal")
    text = page.locator("#signals").inner_text()
    assert "Trump" in text and "Kelly" in text
    page.screenshot(path=str(ARTIFACTS / "demo-signals.png"))
    assert errors == []
