"""The plain token table of the actor stages, and the knowledge base's lookup caches.

:class:`~accord.tokens.Tokens` must read exactly what the spaCy ``Token`` and
``Span`` objects say, and the caches of the knowledge base must follow its changes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from accord.actors import knowledge
from accord.actors.knowledge import DatedCode, Entry, KnowledgeBase, PhraseIndex, words_of
from accord.actors.mentions import find_candidates
from accord.tokens import Tokens

TEXTS = [
    "Mexican Foreign Minister Luis Videgaray met U.S. Secretary of State Rex Tillerson in Mexico City on "
    "Thursday. He said 2,000 troops\u2019 families left.\n\nPro-Iranian militia fighters and al-Qaeda "
    "attacked the U.N. compound; \"We condemn it,\" she told Reuters.",
    "  Leading spaces,\ttabs\tand  double  spaces.\nA new line \u2013 and caf\u00e9 na\u00efve words. ",
    "",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(text) for text in TEXTS]


def test_token_table_matches_spacy_tokens(docs):
    for doc in docs:
        tokens = Tokens(doc)
        assert len(tokens) == len(doc)
        assert tokens.source == doc.text
        for token in doc:
            i = token.i
            assert (tokens.text[i], tokens.lower[i], tokens.lemma[i], tokens.pos[i], tokens.tag[i], tokens.dep[i],
                    tokens.head[i], tokens.ent_type[i], tokens.ent_iob[i], tokens.is_punct[i], tokens.is_space[i],
                    tokens.like_num[i], tokens.idx[i]) == (
                token.text, token.lower_, token.lemma_, token.pos_, token.tag_, token.dep_, token.head.i,
                token.ent_type_, token.ent_iob_, token.is_punct, token.is_space, token.like_num, token.idx)
            assert tokens.sentences[tokens.sentence[i]] == (token.sent.start, token.sent.end)


def test_span_helpers_match_spacy_spans(docs):
    doc = docs[0]
    tokens = Tokens(doc)
    checked = 0
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            span = doc[start:end]
            assert tokens.span_text(start, end) == span.text
            assert (tokens.start_char(start), tokens.end_char(end)) == (span.start_char, span.end_char)
            checked += 1
    assert checked > 100


def test_a_table_is_read_once_per_doc_and_shared_by_the_stages(docs):
    table = Tokens(docs[0])
    assert Tokens.of(table) is table
    first = Tokens.of(docs[0])
    assert Tokens.of(docs[0]) is first and first.doc is docs[0]
    assert Tokens.of(docs[1]) is not first and Tokens.of(docs[1]).doc is docs[1]


def test_holders_see_people_added_after_a_lookup():
    kb = KnowledgeBase()
    kb.add_description("minister", "office", "minister")
    role = DatedCode(code="FRAGOV", start=dt.date(2017, 1, 1), role="Foreign Minister")
    kb.add_person_role("Anne Martin", [], role)
    when = dt.date(2018, 1, 1)
    assert [p.name for p in kb.holders("FRA", ["foreign", "minister"], when)] == ["Anne Martin"]
    assert kb.holders("DEU", ["foreign", "minister"], when) == []
    kb.add_person_role("Karl Weber", [], DatedCode(code="DEUGOV", start=dt.date(2017, 1, 1),
                                                   role="Foreign Minister"))
    assert [p.name for p in kb.holders("DEU", ["foreign", "minister"], when)] == ["Karl Weber"]


def test_phrase_openers_follow_additions():
    index = PhraseIndex()
    index.add([("united", False), ("nations", False)], Entry("organisation", "UN", "United Nations"))
    assert index.opens("united") and not index.opens("argentina")
    index.add([("argentin", True)], Entry("country", "ARG", "ARGENTIN"))
    assert index.opens("argentina") and not index.opens("nations")
    assert [length for length, _ in index.matches(iter(["united", "nations", "today"]))] == [2]


def test_words_of_is_memoised_and_unchanged():
    assert words_of("Caf\u00e9 U.S. Secretary") == ("cafe", "u", "s", "secretary")
    assert words_of("Caf\u00e9 U.S. Secretary") is words_of("Caf\u00e9 U.S. Secretary")


def test_string_memo_stays_bounded_and_right(docs, monkeypatch):
    from accord import tokens as arrays

    monkeypatch.setattr(arrays, "MEMO_LIMIT", 8)
    arrays.MEMO.clear()
    for doc in docs[:2] * 2:
        table = Tokens(doc)
        assert table.text == [token.text for token in doc]
        assert table.dep == [token.dep_ for token in doc]
    assert len(arrays.MEMO) <= 8 + max(len(doc) for doc in docs) * 7
