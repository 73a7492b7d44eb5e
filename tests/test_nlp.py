"""The NLP backbone: the pinned English pipeline, loaded offline, and the rule that only accord.nlp imports spaCy."""

import ast

import pytest
from pathlib import Path

from accord import nlp

PACKAGE = Path(__file__).resolve().parents[1] / "accord"


def test_pinned_model_weights_and_scores(nlp):  # noqa: F811 - the fixture shadows the module name here only
    from accord.nlp import MODEL_SCORES, MODEL_VERSION, MODEL_WEIGHTS_SHA256, verify_model

    found = verify_model()
    assert found["version"] == MODEL_VERSION
    assert found["weights"] == MODEL_WEIGHTS_SHA256
    assert found["scores"] == {key: pytest.approx(value, abs=1e-9) for key, value in MODEL_SCORES.items()}


def test_parse_gives_sentences_and_entities():
    doc = nlp.parse("Mexican Foreign Secretary Luis Videgaray met Rex Tillerson in Mexico City. They talked.")
    assert len(list(doc.sents)) == 2
    assert {e.label_ for e in doc.ents} & {"PERSON", "GPE", "NORP"}


def test_only_the_nlp_module_imports_spacy():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "spacy" or n.startswith("spacy.") for n in names) and path.name != "nlp.py":
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
