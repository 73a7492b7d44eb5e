"""Shared fixtures: paths to the shared gold sets and one spaCy pipeline per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: gold sets, dictionaries and the seed live beside the repository, never inside it
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "corpus" / "seed" / "kelly-tillerson-damage-control.txt"
SEED_GOLD = SHARED / "corpus" / "seed" / "kelly-tillerson-damage-control.gold.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    assert SHARED.is_dir(), f"the shared gold sets are expected at {SHARED}"
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    from accord import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """A real DuckDB store holding the demo corpus and the seed page, through the real pipeline."""
    from accord.demo import demo_documents
    from accord.inputs import read_document
    from accord.store import ingest

    db = tmp_path_factory.mktemp("demo-store") / "demo.duckdb"
    corpus = [*demo_documents(), read_document(SEED_TEXT, date="2017-02-27")]
    summary = ingest(corpus, db)
    assert summary.pages_added == len(corpus) and not summary.skipped
    return db
