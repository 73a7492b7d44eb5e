"""Actors on the gold sets: the seed article and the PLOVER dev sentences, with the package's knowledge."""

from __future__ import annotations

import pytest

from accord.evaluation.actors import evaluate_actors_plover, evaluate_actors_seed

#: floors the PLOVER dev accuracy may not fall under (measured 0.930 and 0.962 when set; only raise them)
PLOVER_FLOORS = {"source": 0.88, "target": 0.9}


@pytest.fixture(scope="module")
def seed_result(nlp, seed_gold):
    return evaluate_actors_seed(nlp=nlp)


def test_every_gold_actor_found_with_its_code(seed_result, seed_gold):
    assert seed_result["missing"] == []
    assert seed_result["found"] == len(seed_gold["actors"])


@pytest.mark.parametrize("name", ["John Kelly", "Donald Trump", "Luis Videgaray"])
def test_gold_mentions_found(seed_result, name):
    assert seed_result["mentions"][name]["missing"] == []


def test_plover_country_accuracy_floor(nlp, shared_dir):
    result = evaluate_actors_plover(shared_dir / "eval" / "plover_gsr_dev.jsonl", nlp=nlp)
    for side, floor in PLOVER_FLOORS.items():
        assert result[side]["gold"] > 100
        assert result[side]["accuracy"] >= floor, (side, result[side])
