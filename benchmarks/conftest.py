"""Fixtures of the benchmark suite: the demo corpus, its pages and parses, loaded once per session.

Run with ``.venv/bin/python -m pytest benchmarks --benchmark-only``; the default
test run (``tests/``) never collects this folder.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from accord.pipeline import Pipeline

    loaded = Pipeline()
    loaded.nlp, loaded.knowledge, loaded.lexicon  # noqa: B018 - load everything before timing
    return loaded


@pytest.fixture(scope="session")
def raws():
    from accord.demo import demo_documents

    return demo_documents()


@pytest.fixture(scope="session")
def parsed(pipeline, raws):
    """(raw, page, spaCy doc, date) for every demo page."""
    from accord.page import parse_page

    result = []
    for raw in raws:
        page = parse_page(raw)
        result.append((raw, page, pipeline.nlp(page.text), page.published or raw.date))
    return result


@pytest.fixture(scope="session")
def resolved(pipeline, parsed):
    """(page, doc, mentions, date) for every demo page, actors resolved."""
    from accord.actors import resolve_actors

    result = []
    for _, page, doc, date in parsed:
        _, mentions = resolve_actors(page, doc, kb=pipeline.knowledge, date=date)
        result.append((page, doc, mentions, date))
    return result
