"""Quotes and statements: speaker, content, polarity, topic, date and offsets."""

from __future__ import annotations

import re

import pytest

from accord.records import ActorMention, RawDocument, build_page
from accord.statements import extract_statements, load_lexicon, topic_terms


def _extract(nlp, text: str, actors: dict[str, str], published: str = "2019-03-01"):
    page = build_page("d", [(text, None, "body")], published=published)
    mentions = []
    for index, (name, code) in enumerate(actors.items()):
        for match in re.finditer(r"\b" + re.escape(name) + r"\b", page.text):
            mentions.append(ActorMention(text=name, start=match.start(), end=match.end(), code=code, name=name,
                                         kind="organisation" if code.endswith("MED") else "person", actor=index))
    return page, extract_statements(page, nlp(page.text), mentions, published)


@pytest.mark.parametrize("text,speaker,polarity,kind,content,term", [
    ("Kuleba said that Ukraine would not give up any territory.", "Kuleba", -1, "indirect",
     "Ukraine would not give up any territory", "territory"),
    ("Ross insisted the tariffs would take effect on Friday.", "Ross", 1, "indirect",
     "the tariffs would take effect on Friday", "tariff"),
    ("Lavrov denied that Russian troops had crossed the border.", "Lavrov", -1, "indirect",
     "Russian troops had crossed the border", "military"),
    ("“We will never pay for the wall,” Videgaray told reporters.", "Videgaray", -1, "direct",
     "We will never pay for the wall", "wall"),
    ("According to Qureshi, Pakistan is ready for talks.", "Qureshi", 1, "according",
     "Pakistan is ready for talks", "talk"),
    ("Khan warned that there would be no dialogue without a ceasefire.", "Khan", -1, "indirect",
     "there would be no dialogue without a ceasefire", "talk"),
    ("The talks collapsed on Friday, said Lighthizer.", "Lighthizer", 1, "indirect", "The talks collapsed", "talk"),
    ("Xi refused to lift the sanctions, Reuters reported.", "Reuters", -1, "indirect",
     "Xi refused to lift the sanctions", "sanction"),
])
def test_statement_cases(nlp, text, speaker, polarity, kind, content, term):
    actors = {name: ("GBRMED" if name == "Reuters" else "XXXGOV")
              for name in ("Kuleba", "Ross", "Lavrov", "Videgaray", "Qureshi", "Khan", "Lighthizer", "Reuters")}
    page, statements = _extract(nlp, text, actors)
    found = [s for s in statements if s.speaker == speaker]
    assert len(found) == 1, statements
    statement = found[0]
    assert (statement.polarity, statement.kind) == (polarity, kind)
    assert content in statement.text
    assert page.text[statement.start:statement.end] == statement.text
    assert term in statement.terms


def test_no_speaker_no_statement(nlp):
    _, statements = _extract(nlp, "Officials said the talks would resume.", {"Kuleba": "UKRGOV"})
    assert statements == []


def test_mixed_clauses_are_split(nlp):
    _, statements = _extract(nlp, "Guajardo said that Mexico would not raise tariffs and that talks would resume.",
                             {"Guajardo": "MEXGOV"})
    assert sorted(s.polarity for s in statements) == [-1, 1]
    assert all(s.speaker_code == "MEXGOV" for s in statements)


def test_dates_come_from_the_sentence_or_the_page(nlp):
    _, statements = _extract(nlp, "Ross said on Monday that tariffs would rise. Ross said quotas would follow.",
                             {"Ross": "USAGOV"}, published="2018-03-08")
    assert [s.date for s in statements] == ["2018-03-05", "2018-03-08"]


def test_code_comes_from_another_mention_of_the_actor(nlp):
    page = build_page("d", [("Minister Ana Ruiz arrived. Ruiz said the border would stay open.", None, "body")])
    first = page.text.index("Minister Ana Ruiz")
    second = page.text.index("Ruiz said")
    mentions = [ActorMention("Minister Ana Ruiz", first, first + 17, "ESPGOV", "Ana Ruiz", "person", actor=0),
                ActorMention("Ruiz", second, second + 4, None, "Ana Ruiz", "person", actor=0, via="coref")]
    statements = extract_statements(page, nlp(page.text), mentions, "2020-01-01")
    assert [(s.speaker, s.speaker_code) for s in statements] == [("Ana Ruiz", "ESPGOV")]


def test_topic_terms_drop_names_and_map_concepts(nlp):
    doc = nlp("The Mexican army deported three hundred migrants to Guatemala on Monday.")
    terms = topic_terms(list(doc), load_lexicon())
    assert "military" in terms and "deportation" in terms and "migrant" in terms
    assert not {"guatemala", "monday", "mexican"} & set(terms)


def test_seed_statements(nlp, seed_text, seed_gold):
    from accord.actors import resolve_actors
    from accord.page import parse_page

    page = parse_page(RawDocument(doc_id="seed", text=seed_text))
    doc = nlp(page.text)
    _, mentions = resolve_actors(page, doc, date=seed_gold["published"])
    statements = extract_statements(page, doc, mentions, seed_gold["published"])
    kelly = [s for s in statements if s.speaker == "John Kelly" and s.polarity == -1]
    trump = [s for s in statements if s.speaker == "Donald Trump"]
    assert kelly and trump
    assert "would not be involved" in kelly[0].text and "no mass deportation" in kelly[0].text
    assert trump[0].polarity == 1 and "military operation" in trump[0].text
    assert all(s.date and s.date <= seed_gold["published"] for s in statements)
    # comments are never statements: every statement lies in the article's text
    assert all(page.text[s.start:s.end] == s.text for s in statements)
