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


# --- the attribute rules without the Matcher -------------------------------------------------------

def _tokens(doc):
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_the_loaded_pipeline_runs_the_fast_rules_in_place_of_the_attribute_ruler():
    model = nlp.load()
    assert nlp.FAST_RULES_NAME in model.pipe_names and "attribute_ruler" not in model.pipe_names
    names = model.pipe_names
    assert names.index("parser") < names.index(nlp.FAST_RULES_NAME) < names.index("lemmatizer")
    with nlp.stock_rules(model):
        assert "attribute_ruler" in model.pipe_names and nlp.FAST_RULES_NAME not in model.pipe_names
    assert model.pipe_names == names


TRICKY = [
    "Y'all gonna let's see: it ain't over, c'mon, we got ta go. There 's a cat. Nothin' is certain.",
    "The U.S. did n't say whether it would. Mexico's foreign minister, Luis Videgaray, gets it.",
    "Words\n\n  spaced   out \t and\n odd ones: am 'm I'm don't won't, 2017-02-23 and $5.",
    "",
]


def test_fast_rules_give_exactly_the_tokens_of_spacys_attribute_ruler(demo_texts):
    """Part of speech, tag, morphology, lemma, parse, entities and sentences, token by token, on the
    demo corpus and hand-made awkward texts (contractions, the multi-token rules, spaces)."""
    model = nlp.load()
    texts = demo_texts + TRICKY
    fast = [_tokens(doc) for doc in model.pipe(texts)]
    with nlp.stock_rules(model):
        stock = [_tokens(doc) for doc in model.pipe(texts)]
    assert sum(len(doc) for doc in fast) > 5000
    assert fast == stock


@pytest.fixture(scope="module")
def demo_texts():
    from accord.demo import demo_documents
    from accord.page import parse_page

    return [parse_page(raw).text for raw in demo_documents()]


def _blank_ruler(patterns):
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return blank, ruler


def test_fast_rules_apply_later_rules_over_earlier_ones_and_multi_token_indices():
    blank, ruler = _blank_ruler([
        {"patterns": [[{"LOWER": "set"}]], "attrs": {"LEMMA": "first"}},
        {"patterns": [[{"LOWER": {"IN": ["set", "go"]}}]], "attrs": {"LEMMA": "second", "POS": "VERB"}},
        {"patterns": [[{"LOWER": "let"}, {"LOWER": {"REGEX": "^'?s$"}}]], "attrs": {"LEMMA": "us"}, "index": -1},
        {"patterns": [[{"LOWER": {"NOT_IN": ["set", "let", "'s", "go"]}}]], "attrs": {"POS": "X"}},
    ])
    rules = nlp.FastAttributeRules(ruler)
    doc = rules(blank("let 's set go now"))
    assert [(t.lemma_, t.pos_) for t in doc] == [("", ""), ("us", ""), ("second", "VERB"), ("second", "VERB"),
                                                   ("", "X")]
    assert [(t.lemma_, t.pos_) for t in ruler(blank("let 's set go now"))] == [(t.lemma_, t.pos_) for t in doc]


@pytest.mark.parametrize("pattern", [
    [{"ORTH": "set"}],  # an attribute the fast rules do not read
    [{"LOWER": "set", "OP": "+"}],  # an operator
    [{"LOWER": {"FUZZY": "set"}}],  # a predicate they do not know
])
def test_fast_rules_refuse_rules_they_cannot_apply_exactly(pattern):
    _, ruler = _blank_ruler([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
    with pytest.raises(nlp.UnsupportedRule):
        nlp.FastAttributeRules(ruler)


def test_a_pipeline_with_rules_the_fast_ones_cannot_apply_keeps_spacys_ruler():
    blank, _ = _blank_ruler([{"patterns": [[{"ORTH": "set"}]], "attrs": {"LEMMA": "x"}}])
    assert nlp.use_fast_rules(blank) is False
    assert blank.pipe_names == ["attribute_ruler"]
    supported, _ = _blank_ruler([{"patterns": [[{"LOWER": "set"}]], "attrs": {"LEMMA": "x"}}])
    assert nlp.use_fast_rules(supported) is True
    assert supported.pipe_names == [nlp.FAST_RULES_NAME] and [t.lemma_ for t in supported("set it")] == ["x", ""]


def test_fast_rules_stay_exact_when_their_cache_is_emptied_between_documents(monkeypatch, demo_texts):
    model = nlp.load()
    monkeypatch.setattr(nlp, "_RULE_CACHE_SIZE", 50)
    rules = nlp.FastAttributeRules(model.get_pipe("attribute_ruler"))
    texts = demo_texts[:6] + TRICKY
    with nlp.stock_rules(model):
        stock = [_tokens(doc) for doc in model.pipe(texts)]
    with model.select_pipes(disable=[nlp.FAST_RULES_NAME, "lemmatizer", "ner"]):
        parsed = list(model.pipe(texts))
    sizes = []
    for doc in parsed:
        rules(doc)
        sizes.append(len(rules._fired))
    lemmatized = [_tokens(model.get_pipe("ner")(model.get_pipe("lemmatizer")(doc))) for doc in parsed]
    assert max(sizes) < 50 + max(len(doc) for doc in parsed)
    assert lemmatized == stock
