"""PETRARCH's own test dictionaries as user dictionaries, on PETRARCH's unit-test sentences."""

from __future__ import annotations

from accord.evaluation.actors import evaluate_actors_petrarch

#: share of the expected actor codes that must come out (0.899 measured when set)
RECALL_FLOOR = 0.85


def test_petrarch_unit_test_actor_codes(nlp, shared_dir):
    folder = shared_dir / "dictionaries" / "petrarch2"
    result = evaluate_actors_petrarch(shared_dir / "eval" / "petrarch_unittest.jsonl",
                                      (folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"),
                                      nlp=nlp)
    assert result["expected"] > 500
    assert result["recall"] >= RECALL_FLOOR, result
