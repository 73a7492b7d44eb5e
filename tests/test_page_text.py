"""The plain-text page parser: the seed page against its gold, and our own fixture pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.page import parse_page, parse_text
from accord.page.text import parse_date
from accord.records import RawDocument

TEXT_FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures" / "text").glob("*.txt"))


def _parse_file(path: Path):
    return parse_text(RawDocument(doc_id=path.stem, text=path.read_text(encoding="utf-8"), path=str(path)))


@pytest.fixture(scope="module")
def seed_page(seed_text):
    return parse_text(RawDocument(doc_id="seed", text=seed_text, path="seed.txt"))


def _words(text: str) -> str:
    """Text with runs of whitespace (no-break spaces included) as one space, for comparisons."""
    return " ".join(text.split())


# --- the seed page ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "subtitles", "reprinted_from", "author", "sections"])
def test_seed_page_fields(seed_page, seed_gold, name):
    got = seed_page.to_json()[name]
    assert got == seed_gold["page"][name]


def test_seed_body_starts_and_ends_as_gold(seed_page, seed_gold):
    body = seed_page.body
    assert body[0].text.startswith(seed_gold["page"]["body_starts_with"])
    assert body[-1].text.endswith(seed_gold["page"]["body_ends_with"])
    assert all(p.kind == "body" and p.section in (None, *seed_gold["page"]["sections"]) for p in body)


def test_seed_body_paragraph_count_matches_the_text(seed_page, seed_gold, seed_text):
    # Count the blank-line blocks of the seed from the gold's first to its last body
    # paragraph, less its section headings. (The gold block says 14; the text holds
    # 12 body blocks, plus one heading and a bio: see the report to the lead.)
    blocks = [_words(b) for b in re.split(r"\n\s*\n", seed_text) if b.strip()]
    first = next(i for i, b in enumerate(blocks) if b.startswith(seed_gold["page"]["body_starts_with"]))
    last = next(i for i, b in enumerate(blocks) if b.endswith(seed_gold["page"]["body_ends_with"]))
    expected = [b for b in blocks[first:last + 1] if b not in seed_gold["page"]["sections"]]
    assert [_words(p.text) for p in seed_page.body] == expected


@pytest.mark.parametrize("index", range(5))
def test_seed_not_in_body(seed_page, seed_gold, index):
    phrase = seed_gold["page"]["not_in_body"][index]
    assert all(phrase not in _words(p.text) for p in seed_page.body)


def test_seed_furniture_kinds(seed_page, seed_gold):
    kinds = {_words(p.text)[:40]: p.kind for p in seed_page.paragraphs}
    bio, related, provenance = seed_gold["page"]["not_in_body"][:3]
    assert [kind for text, kind in kinds.items() if bio.startswith(text[:30])] == ["bio"]
    assert [kind for text, kind in kinds.items() if text.startswith(related[:30])] == ["related"]
    assert [kind for text, kind in kinds.items() if text.startswith(provenance)] == ["provenance"]


def test_seed_comments_match_gold(seed_page, seed_gold):
    gold = seed_gold["page"]["comments"]
    comments = seed_page.comments
    assert [c.author for c in comments] == [g["author"] for g in gold]
    authors = {c.id: c.author for c in comments}
    assert [authors.get(c.parent) for c in comments] == [g["parent"] for g in gold]
    assert [len(c.paragraphs) for c in comments] == [g["paragraphs"] for g in gold]
    for comment, expected in zip(comments, gold):
        assert comment.text.startswith(expected["starts_with"])
        assert comment.text == "\n\n".join(comment.paragraphs)
    assert [c.id for c in comments] == [f"c{n}" for n in range(1, len(comments) + 1)]


def test_seed_offsets_cut_the_body_back_out(seed_page):
    text = seed_page.text
    for paragraph in seed_page.body:
        assert text[paragraph.start:paragraph.end] == paragraph.text
    assert all(p.start == -1 for p in seed_page.paragraphs if p.kind != "body")


def test_seed_through_parse_page_is_the_same(seed_text, seed_page):
    assert parse_page(RawDocument(doc_id="seed", text=seed_text, path="seed.txt")) == seed_page


# --- our own fixture pages ---------------------------------------------------------


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_fixture_structure(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    page = _parse_file(path)
    for name in ("title", "subtitles", "author", "reprinted_from", "published", "sections"):
        assert page.to_json()[name] == expected[name], name
    body = page.body
    assert [" ".join(p.text.split()[:6]) for p in body] == expected["body_starts"]
    assert [p.section for p in body] == expected["body_sections"]
    assert dict(Counter(p.kind for p in page.paragraphs if p.kind != "body")) == expected["other_kinds"]
    got_comments = [
        {"id": c.id, "author": c.author, "parent": c.parent, "date": c.date, "paragraphs": len(c.paragraphs),
         "starts_with": " ".join(c.text.split()[:5])}
        for c in page.comments
    ]
    assert got_comments == expected["comments"]
    for phrase in expected["not_in_body"]:
        assert phrase not in page.text, phrase


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_fixture_invariants(path):
    page = _parse_file(path)
    for paragraph in page.body:
        assert page.text[paragraph.start:paragraph.end] == paragraph.text
        assert "\n" not in paragraph.text and paragraph.text == paragraph.text.strip()
    for paragraph in page.paragraphs:
        if paragraph.kind != "body":
            assert paragraph.text not in page.text
    for comment in page.comments:
        assert comment.text not in page.text
    ids = [c.id for c in page.comments]
    assert all(c.parent is None or ids.index(c.parent) < ids.index(c.id) for c in page.comments)
    assert set(page.boilerplate) == {p.text for p in page.paragraphs if p.kind == "boilerplate"}


# --- single behaviours ------------------------------------------------------------


@pytest.mark.parametrize("line, title", [
    ("Talks resume. Talks resume.", "Talks resume"),
    ("Talks resume in Geneva", "Talks resume in Geneva"),
    ("Sanctions on Acme Inc.", "Sanctions on Acme Inc."),
    ("Envoy leaves for the U.S.", "Envoy leaves for the U.S."),
])
def test_titles_are_cleaned(line, title):
    page = parse_text(RawDocument("t", text=f"{line}\n\nThe talks resumed on Monday after a week's pause."))
    assert page.title == title


@pytest.mark.parametrize("first, wire, body", [
    ("WASHINGTON (Reuters) - The senate voted on Monday.", "Reuters", "The senate voted on Monday."),
    ("NEW YORK (AP) — Shares fell sharply.", "Associated Press", "Shares fell sharply."),
    ("(AFP) -- The army withdrew.", "Agence France-Presse", "The army withdrew."),
    ("MEXICO CITY, Feb 23 (Reuters) - Talks ended.", "Reuters", "Talks ended."),
    ("LONDON — Parliament adjourned early.", None, "Parliament adjourned early."),
])
def test_datelines_are_cut_into_provenance(first, wire, body):
    page = parse_text(RawDocument("d", text=f"Headline here\n\n{first}\n\nA second paragraph follows here."))
    assert page.body[0].text == body
    assert page.reprinted_from == wire
    assert page.paragraphs[0].kind == "provenance"
    assert page.paragraphs[0].text == first[: len(first) - len(body)].rstrip(" -—").strip()


@pytest.mark.parametrize("first", [
    "Mexico - the country's largest trading partner - objected.",
    "NATO allies met in Brussels on Tuesday.",
    "US officials - speaking privately - disagreed.",
])
def test_ordinary_openings_are_not_datelines(first):
    page = parse_text(RawDocument("d", text=f"Headline here\n\n{first}\n\nA second paragraph follows here."))
    assert page.body[0].text == first
    assert page.reprinted_from is None


@pytest.mark.parametrize("line, author, wire, published", [
    ("By Jane Doe", "Jane Doe", None, None),
    ("By Jane Doe and John Roe, Reuters", "Jane Doe; John Roe", "Reuters", None),
    ("BY JANE DOE | Associated Press", "Jane Doe", "Associated Press", None),
    ("By Ana de la Cruz, Staff Writer", "Ana de la Cruz", None, None),
    ("Written by Omar Haddad", "Omar Haddad", None, None),
    ("By Jane Doe, John Roe and Ann Lee", "Jane Doe; John Roe; Ann Lee", None, None),
    ("By Jane Doe, The Harbour Times", "Jane Doe", None, None),
    ("By Jane Doe | February 27, 2017", "Jane Doe", None, "2017-02-27"),
    ("Posted by Jane Doe on March 3, 2019", "Jane Doe", None, "2019-03-03"),
])
def test_bylines(line, author, wire, published):
    page = parse_text(RawDocument("b", text=f"Headline here\n\n{line}\n\nThe ministry said on Monday it would act."))
    assert (page.author, page.reprinted_from, page.published) == (author, wire, published)
    assert line not in page.text


@pytest.mark.parametrize("line, source", [
    ("Reprinted from InSight Crime", "InSight Crime"),
    ("Republished with permission from The Diplomat.", "The Diplomat"),
    ("This article first appeared on Global Voices on May 2, 2020.", "Global Voices"),
    ("Source: Reuters", "Reuters"),
    ("Originally published in the Harbour Times", "the Harbour Times"),
])
def test_provenance_lines(line, source):
    page = parse_text(RawDocument("p", text=f"Headline here\n\nThe ministry said on Monday it would act.\n\n{line}"))
    assert page.reprinted_from == source
    assert [p.kind for p in page.paragraphs if p.text == line] == ["provenance"]


@pytest.mark.parametrize("text, iso", [
    ("Published: February 27, 2017", "2017-02-27"),
    ("27 Feb 2017", "2017-02-27"),
    ("Posted on Monday, Feb. 27, 2017 10:04 AM ET", "2017-02-27"),
    ("2017-02-27", "2017-02-27"),
    ("February 30, 2017", None),
    ("no date here", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_date_line_sets_published_unless_the_input_knows_it():
    text = "Headline here\n\nPublished: March 3, 2019\n\nThe ministry said on Monday it would act."
    assert parse_text(RawDocument("d", text=text)).published == "2019-03-03"
    assert parse_text(RawDocument("d", text=text, date="2019-03-04")).published == "2019-03-04"


def test_a_single_short_line_is_body_not_a_title():
    page = parse_text(RawDocument("s", text="Kelly visits Mexico"))
    assert (page.title, page.text) == (None, "Kelly visits Mexico")


@pytest.mark.parametrize("text", ["Share this article\n\nAdvertisement", "   \n\n  ", "© 2020 Example Media"])
def test_pages_of_furniture_only_raise_e109(text):
    with pytest.raises(InputError) as caught:
        parse_text(RawDocument("f", text=text))
    assert caught.value.code == "E109"


def test_says_inside_the_body_does_not_start_comments():
    text = ("Headline here\n\nThe statement says:\n\nThe two sides agreed to meet again in June.\n\n"
            "Officials welcomed the move.")
    page = parse_text(RawDocument("s", text=text))
    assert page.comments == ()
    assert len(page.body) == 3


def test_reply_to_line_sets_the_parent():
    text = ("Headline here\n\nThe ministry said on Monday it would act.\n\nComments\n\nAnna says:\n\nFirst point.\n\n"
            "Ben says:\n\nSecond point.\n\nCarla says:\n\nIn reply to Anna\n\nI agree with the first point.")
    comments = parse_text(RawDocument("r", text=text)).comments
    assert [(c.author, c.parent) for c in comments] == [("Anna", None), ("Ben", None), ("Carla", "c1")]


@pytest.mark.parametrize("thread, expected", [
    ("Comments (2)\n\njdoe\nFebruary 28, 2017 at 3:15 pm\nGreat article.\n\nmary_k\nMarch 1, 2017\nI disagree.",
     [("jdoe", None, "2017-02-28", "Great article."), ("mary_k", None, "2017-03-01", "I disagree.")]),
    ("2 comments\n\n- Anna: I doubt it will last.\n- Ben: We will see.",
     [("Anna", None, None, "I doubt it will last."), ("Ben", None, None, "We will see.")]),
    ("Comments\n\nAnna on May 2, 2020 at 8:00 am said:\n\nToo little.\n\n    Ben said:\n\n    Too late.",
     [("Anna", None, "2020-05-02", "Too little."), ("Ben", "c1", None, "Too late.")]),
])
def test_comment_layouts(thread, expected):
    page = parse_text(RawDocument("c", text=f"Headline here\n\nThe ministry said on Monday it would act.\n\n{thread}"))
    assert [(c.author, c.parent, c.date, c.text) for c in page.comments] == expected
    assert page.text == "The ministry said on Monday it would act."


def test_a_section_named_discussion_is_not_a_comment_thread():
    text = ("Headline here\n\nThe ministry said on Monday it would act.\n\nThe plan was welcomed by the unions.\n\n"
            "Discussion\n\nThe plan leaves open how the money will be raised.\n\nIt also sets no date.")
    page = parse_text(RawDocument("d", text=text))
    assert page.comments == ()
    assert page.sections == ("Discussion",)
    assert len(page.body) == 4


@pytest.mark.parametrize("sentence", [
    "By Monday, Kelly had left the capital.",
    "By the end of the year, the army had withdrawn.",
    "By May the talks had collapsed.",
])
def test_sentences_starting_with_by_stay_in_the_body(sentence):
    page = parse_text(RawDocument("b", text=f"Headline here\n\nThe ministry said on Monday it would act.\n\n{sentence}"))
    assert page.body[-1].text == sentence
    assert page.author is None


@pytest.mark.parametrize("sentence", [
    "Published in 1998, the report was banned.",
    "Posted on Facebook, the video showed the convoy.",
    "Appeared in court on Monday.",
])
def test_sentences_like_provenance_stay_in_the_body(sentence):
    page = parse_text(RawDocument("p", text=f"Headline here\n\nThe ministry said on Monday it would act.\n\n{sentence}"))
    assert page.body[-1].text == sentence
    assert page.reprinted_from is None


def test_wrapped_lines_starting_like_furniture_stay_in_their_paragraph():
    text = ("Headline here\n\nThe treaty, which took ten years to negotiate, was signed\n"
            "by the minister on Tuesday in front of the press, and was\n"
            "published in the official gazette on the same day as the vote\n"
            "in parliament, officials said on Wednesday.")
    page = parse_text(RawDocument("w", text=text))
    assert len(page.body) == 1
    assert page.text.endswith("as the vote in parliament, officials said on Wednesday.")


@pytest.mark.parametrize("caption", [
    "The foreign minister speaks to reporters in the capital on February 23, 2017. REUTERS/Ana Ruiz",
    "Protesters gather outside the ministry on Monday. (AP Photo/John Roe)",
    "Troops patrol the border crossing. (Photo by Omar Haddad)",
])
def test_photo_captions_are_kept_out_of_the_body(caption):
    page = parse_text(RawDocument("c", text=f"Headline here\n\n{caption}\n\nThe ministry said on Monday it would act."))
    assert page.text == "The ministry said on Monday it would act."
    assert [p.kind for p in page.paragraphs if p.text == caption] == ["boilerplate"]


def test_sentences_mentioning_reuters_stay_in_the_body():
    sentence = "The minister told REUTERS/IPSOS pollsters that the vote would be close, and he was right."
    page = parse_text(RawDocument("c", text=f"Headline here\n\n{sentence}"))
    assert page.text == sentence


@pytest.mark.parametrize("tail, kept", [
    ("Mexico, United States, Immigration", False),
    ("Continue reading", False),
    ("The talks will resume in May.", True),
])
def test_trailing_fragments_are_furniture(tail, kept):
    text = f"Headline here\n\nThe ministry said on Monday it would act.\n\nIt gave no date.\n\n{tail}"
    page = parse_text(RawDocument("t", text=text))
    assert (tail in page.text) is kept
    assert len(page.body) == (3 if kept else 2)


def test_a_list_ending_the_article_stays_in_the_body():
    text = ("Headline here\n\nThe budget has three measures:\n- Fuel duty stays frozen\n"
            "- Pensions rise with earnings\n- Income tax thresholds rise")
    page = parse_text(RawDocument("l", text=text))
    assert [p.text for p in page.body] == ["The budget has three measures:", "Fuel duty stays frozen",
                                           "Pensions rise with earnings", "Income tax thresholds rise"]


@pytest.mark.parametrize("line, furniture", [
    ("Copyright 2023 Example Media. All rights reserved.", True),
    ("© Example Media", True),
    ("Tags: Mexico, migration, Trump", True),
    ("Posted in World, Americas", True),
    ("Copyright lawsuits against the network were dropped on Friday.", False),
    ("Posted in the capital since May, the troops have not left their barracks.", False),
])
def test_boilerplate_lines(line, furniture):
    page = parse_text(RawDocument("b", text=f"Headline here\n\nThe ministry said on Monday it would act.\n\n{line}\n\n"
                                             "It gave no date."))
    assert (line not in page.text) is furniture


def test_an_author_line_without_text_is_dropped_and_ids_stay_sequential():
    text = ("Headline here\n\nThe ministry said on Monday it would act.\n\n2 comments\n\n• ghost\n\n"
            "    • Anna\n\n      A reply to nobody.\n\n• Ben\n\n    Fine.")
    comments = parse_text(RawDocument("g", text=text)).comments
    assert [(c.id, c.author, c.parent) for c in comments] == [("c1", "Anna", None), ("c2", "Ben", None)]


def test_navigation_above_the_headline_is_skipped():
    text = ("Skip to main content\n\nMenu\n\nSearch\n\nSign in\n\nTalks resume in Geneva\n\nBy Ana Ruiz\n\n"
            "The talks resumed on Monday after a week's pause.")
    page = parse_text(RawDocument("n", text=text))
    assert (page.title, page.author, page.text) == ("Talks resume in Geneva", "Ana Ruiz",
                                                   "The talks resumed on Monday after a week's pause.")
    assert page.boilerplate == ("Skip to main content", "Menu", "Search", "Sign in")


@pytest.mark.parametrize("text", [
    "Subscribe now for full access.", "SIGN UP FOR OUR DAILY NEWSLETTER", "Jane Doe contributed to this report.",
    "ſubscribe now",  # the long s matches "s" when case is ignored: non-ASCII text is always searched
    "Source: Reuters", "Related stories: more here", "The minister spoke on Tuesday.", "",
])
def test_furniture_needles_agree_with_plain_search(text):
    """The shared furniture table read through its needles gives the kind a plain search of every row gives."""
    from accord.page.text import _shared_paragraph_kind, _shared_paragraph_patterns

    plain = next((kind for kind, pattern in _shared_paragraph_patterns() if pattern.search(text)), None)
    assert _shared_paragraph_kind(text) == plain


def test_furniture_needles_are_found():
    """Most rows of the shared furniture table get needles: lower-case ASCII, long enough, each
    a part of its own pattern; an alternation gives one needle per branch."""
    from accord.page.text import _NEEDLE_MIN_CHARS, _needles, _shared_paragraph_needles, _shared_paragraph_patterns

    rows = _shared_paragraph_needles()
    assert sum(n is not None for n in rows) >= len(rows) // 2
    for (_, pattern), needles in zip(_shared_paragraph_patterns(), rows):
        for needle in needles or ():
            assert needle.isascii() and needle == needle.lower() and len(needle) >= _NEEDLE_MIN_CHARS
            assert needle in pattern.pattern.lower()
    assert _needles(re.compile(r"\b(affiliate|sponsored) (links?|commission)\b", re.I)) == {"affiliate", "sponsored"}
    assert _needles(re.compile(r"^(a|b)\s*:", re.I)) is None
