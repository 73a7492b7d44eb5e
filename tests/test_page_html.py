"""HTML page structure: fixture pages of different layouts, hostile input, and what trafilatura finds."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import AccordError, InputError, KnowledgeError
from accord.page import html as html_module
from accord.page.html import MAX_DEPTH, nesting_depth, parse_html
from accord.records import RawDocument
from tests.conftest import FIXTURES, SHARED

HTML_FIXTURES = FIXTURES / "html"
FIXTURE_NAMES = sorted(p.stem for p in HTML_FIXTURES.glob("*.html"))
#: dev pages whose comment threads trafilatura itself finds
DEV_PAGES_WITH_COMMENTS = ["californiaglobe.com.amazon.html", "elavegan.com-Peanut.html",
                           "statisticsglobe.com.ggplot2.html"]


def _parse_fixture(name: str):
    markup = (HTML_FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = json.loads((HTML_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return parse_html(RawDocument(doc_id=name, html=markup, path=f"{name}.html")), expected


def test_there_are_enough_fixture_pages():
    assert len(FIXTURE_NAMES) >= 10
    assert all((HTML_FIXTURES / f"{name}.json").is_file() for name in FIXTURE_NAMES)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_metadata(name):
    page, expected = _parse_fixture(name)
    assert page.source_format == "html"
    assert page.title == expected["title"]
    assert page.author == expected["author"]
    assert page.published == expected["published"]
    assert page.reprinted_from == expected["reprinted_from"]
    assert list(page.sections) == expected["sections"]
    for subtitle in expected.get("subtitles_include", []):
        assert any(subtitle in s for s in page.subtitles), page.subtitles


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_body(name):
    page, expected = _parse_fixture(name)
    body = page.body
    assert len(body) == expected["body"]["count"], [p.text[:40] for p in body]
    assert body[0].text.startswith(expected["body"]["first"])
    assert body[-1].text.endswith(expected["body"]["last"])
    for snippet in expected["not_in_body"]:
        assert snippet not in page.text
    for start, section in expected.get("body_sections", {}).items():
        paragraph = next(p for p in body if p.text.startswith(start))
        assert paragraph.section == section
    for kind, texts in expected.get("kinds", {}).items():
        assert texts == [p.text for p in page.paragraphs if p.kind == kind]


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_offsets_cut_paragraphs_from_the_text(name):
    page, _ = _parse_fixture(name)
    for paragraph in page.paragraphs:
        if paragraph.kind == "body":
            assert page.text[paragraph.start:paragraph.end] == paragraph.text
        else:
            assert (paragraph.start, paragraph.end) == (-1, -1)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_comments_with_authors_and_nesting(name):
    page, expected = _parse_fixture(name)
    assert len(page.comments) == len(expected["comments"])
    index = {comment.id: i for i, comment in enumerate(page.comments)}
    for comment, wanted in zip(page.comments, expected["comments"]):
        assert comment.text == wanted["text"]
        assert comment.author == wanted["author"]
        assert (index[comment.parent] if comment.parent else None) == wanted["parent"]
        if "date" in wanted:
            assert comment.date == wanted["date"]


def _trafilatura(markup: str):
    import trafilatura

    return trafilatura.bare_extraction(markup, include_comments=True, with_metadata=True, include_tables=True)


@pytest.mark.parametrize("path", [HTML_FIXTURES / f"{n}.html" for n in FIXTURE_NAMES]
                         + [SHARED / "eval" / "pages_dev" / n for n in DEV_PAGES_WITH_COMMENTS],
                         ids=lambda p: p.name)
def test_nothing_trafilatura_finds_is_lost(path):
    markup = path.read_text(encoding="utf-8", errors="replace")
    page = parse_html(RawDocument(doc_id=path.name, html=markup))
    reference = _trafilatura(markup)
    kept = {re.sub(r"\s+", " ", p.text) for p in page.paragraphs}
    comment_text = " ".join(re.sub(r"\s+", " ", c.text) for c in page.comments)
    for line in (reference.text or "").split("\n"):
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            assert line in kept or line in comment_text, line
    for line in (reference.comments or "").split("\n"):
        line = re.sub(r"\s+", " ", line).strip()
        if len(line.split()) >= 8:
            assert line in comment_text, line
    if reference.title:
        assert page.title
    if reference.date:
        assert page.published == reference.date[:10]


def test_deep_nesting_is_refused_before_parsing():
    markup = "<html><body>" + "<div>" * (MAX_DEPTH + 5) + "text" + "</div>" * (MAX_DEPTH + 5) + "</body></html>"
    with pytest.raises(InputError) as caught:
        parse_html(RawDocument(doc_id="deep", html=markup))
    assert caught.value.code == "E108"


@pytest.mark.parametrize("markup", [
    "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "   ",
])
def test_a_page_without_article_text_is_refused(markup):
    with pytest.raises(InputError) as caught:
        parse_html(RawDocument(doc_id="empty", html=markup))
    assert caught.value.code == "E109"


@pytest.mark.parametrize("markup, depth", [
    ("<div><div><p>x</div></div>", 2),
    ("<p>one<p>two<p>three<br><img src=x>", 0),
    ("<div><script>var s = '<div><div><div>';</script></div>", 1),
    ("<div><!-- <div><div> --></div>", 1),
    ("<span><b><i>x</i></b></span>", 3),
])
def test_nesting_depth(markup, depth):
    assert nesting_depth(markup) == depth


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/divpbaspan=\"' x\n&;#!-")), max_size=300))
def test_hostile_markup_gives_a_page_or_a_coded_error(markup):
    try:
        page = parse_html(RawDocument(doc_id="fuzz", html=markup))
    except InputError as error:
        assert error.code in {"E107", "E108", "E109"}
    else:
        assert page.text


@pytest.mark.parametrize("markup", [
    "\x00\x01\x02<html>\ufffd\ud800</html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>" + "Words of a short story. " * 30 + "</p></body></html>",
    "<html><head><script type='application/ld+json'>{broken json</script></head><body><p>"
    + "A paragraph of text that goes on. " * 20 + "</p></body></html>",
])
def test_odd_input_never_raises_anything_but_coded_errors(markup):
    try:
        parse_html(RawDocument(doc_id="odd", html=markup))
    except AccordError as error:
        assert isinstance(error, InputError)


def test_a_bad_resource_line_names_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "paragraphs.tsv").write_text("# comment\nboilerplate\t(unclosed\n", encoding="utf-8")
    monkeypatch.setattr(html_module.resources, "files", lambda package: tmp_path)
    with pytest.raises(KnowledgeError) as caught:
        html_module._read_table("paragraphs.tsv", frozenset({"boilerplate"}), re.IGNORECASE, anchored=False)
    assert caught.value.code == "E201"
    assert "paragraphs.tsv line 2" in caught.value.message


@pytest.mark.parametrize("text, names", [
    ("By Jane Doe and John Roe, Associated Press", ["Jane Doe", "John Roe"]),
    ("Posted on May 3, 2020 by Sam Ortiz", ["Sam Ortiz"]),
    ("BY GRACE LEE | Staff", ["GRACE LEE"]),
    ("By CBS News February 24, 2020", ["CBS News"]),
    ("stood by the door", []),
])
def test_byline_names(text, names):
    assert html_module._byline_names(text) == names


@pytest.mark.parametrize("line, source", [
    ("Source: Reuters", "Reuters"),
    ("Source: Bureau of Labor Statistics", None),
    ("Reprinted from the Valley Farmer with permission.", "Valley Farmer"),
    ("This article originally appeared in The Conversation.", "The Conversation"),
])
def test_provenance_lines_name_their_source(line, source):
    assert html_module._provenance(line) == source


@pytest.mark.parametrize("line, wire", [
    ("LONDON (Reuters) - Oil prices rose on Monday.", "Reuters"),
    ("WASHINGTON (AP) \u2014 The Senate voted on Thursday.", "Associated Press"),
    ("PARIS - AFP - Strikes closed the metro.", "Agence France-Presse"),
    ("The AP style guide changed in 2019.", None),
])
def test_wire_credits_in_datelines(line, wire):
    assert html_module._wire_credit(line) == wire


@pytest.mark.parametrize("last, author, kind", [
    ("Maria Lopez is a former director of the port authority.", None, "body"),
    ("Maria Lopez is a reporter who covers the port for the paper.", None, "bio"),
    ("Maria Lopez is a former director of the port authority.", "Maria Lopez", "bio"),
])
def test_only_a_writers_bio_at_the_end_leaves_the_body(last, author, kind):
    body = html_module._Body([("The port reopened on Monday after the storm.", None, "body"),
                              (last, None, "body")], [], None, [], [], [])
    html_module._mark_trailing_bios(body, author)
    assert [k for _, _, k in body.paragraphs] == ["body", kind]


@pytest.mark.parametrize("name, sites, cleaned", [
    ("Adam Aaronson PhillyVoice Staff", {"phillyvoice"}, "Adam Aaronson"),
    ("Evan Halper Staff Writer", set(), "Evan Halper"),
    ("Staff Writer", set(), "Staff Writer"),
    ("Mary Anne Staff", set(), "Mary Anne Staff"),
])
def test_job_titles_and_site_names_leave_author_names(name, sites, cleaned):
    assert html_module._strip_role(name, sites) == cleaned
