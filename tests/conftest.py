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
