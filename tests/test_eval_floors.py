"""The quality gate: every gold-set metric at or above its floor pinned in eval-floors.json."""

from __future__ import annotations

import pytest

from accord.evaluation.suite import DEFAULT_FLOORS, SETS, below_floors, load_floors, run_sets


@pytest.fixture(scope="module")
def results(shared_dir):
    return run_sets(SETS, shared_dir)


def test_every_metric_has_a_floor(results):
    floors = load_floors(DEFAULT_FLOORS)
    missing = [key for r in results for key in r.metrics if key not in floors]
    assert missing == [], "pin a floor for each new metric in eval-floors.json"


def test_no_metric_below_its_floor(results):
    assert below_floors(results, load_floors(DEFAULT_FLOORS)) == []


def test_issue_targets_hold(results):
    metrics = {k: v for r in results for k, v in r.metrics.items()}
    assert metrics["seed.matched"] >= 9, "at least 9 of the 10 seed gold events"
    assert -metrics["seed.outside_max"] <= 3, "at most 3 seed events outside gold and optional lists"
    assert metrics["plover.f1"] >= 0.75
    assert metrics["petrarch.f1"] > 0.497, "above PETRARCH2 itself on its own unit tests"
    assert metrics["pages.body_f1"] >= 0.918, "at least trafilatura's body F1 on the dev pages"


def test_below_floors_reports_a_drop():
    from accord.evaluation.suite import SetResult

    fake = [SetResult("x", {"x.f1": 0.5}, "", {})]
    assert below_floors(fake, {"x.f1": 0.6}) == ["x.f1 = 0.5 is below its floor 0.6"]
    assert below_floors(fake, {"x.f1": 0.5}) == []
