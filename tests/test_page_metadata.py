"""Page metadata read from markup: the date shown under the headline and when it wins."""

from __future__ import annotations

import lxml.html
import pytest

from accord.page.html import parse_html
from accord.page.metadata import _dates_in, _headline_date
from accord.records import RawDocument

STORY = "".join(f"<p>Paragraph {n} of the story says the cold wave will last until the end of the week.</p>"
                for n in range(1, 6))
# a sidebar of teasers, each with its own date, after the story: what misleads a text-scanning guess
SIDEBAR = "".join(f'<li><h2><a href="/n{n}">Teaser number {n} about music</a></h2><p class="date">2023-11-03</p></li>'
                  for n in range(4))


def _page(head: str, dateline: str) -> str:
    return (f"<html><head><title>Cold Wave Alert Tuesday</title>{head}</head><body>"
            f"<header><h1>World Radio</h1></header>"
            f'<section><div class="title_area"><p class="cate">Domestic</p><h1>Cold Wave Alert Tuesday</h1>'
            f"{dateline}</div><div class=\"body\">{STORY}</div></section>"
            f'<aside><ul class="teasers">{SIDEBAR}</ul></aside></body></html>')


@pytest.mark.parametrize("text, dates", [
    ("Written: 2023-11-07 15:03:30 / Updated: 2023-11-08 15:30:46", [("2023-11-07", False), ("2023-11-08", True)]),
    ("Last updated on 20 Feb, 2020. 3 min read", [("2020-02-20", True)]),
    ("By Jane Doe | May 2, 2020", [("2020-05-02", False)]),
    ("Modified 2021-01-05, first published 2020-12-30", [("2021-01-05", True), ("2020-12-30", False)]),
    ("Three minutes to read", []),
])
def test_dates_in_a_line_with_their_labels(text, dates):
    assert _dates_in(text) == dates


@pytest.mark.parametrize("dateline, date", [
    ('<p class="date">Written: 2023-11-07 15:03:30 / Updated: 2023-11-07 15:30:46</p>', "2023-11-07"),
    ('<p class="date">Updated: 2023-11-09 10:00 | Published: 2023-11-07 09:00</p>', "2023-11-07"),
    ('<p class="date">Updated November 9, 2023</p>', "2023-11-09"),
    ('<div class="meta"><span>By Ann Lee</span> <span>7 November 2023</span></div>', "2023-11-07"),
    ('<p class="share">Share this story</p>', None),
    # the story's first paragraph, right under the headline, names a date: prose, not a dateline
    ("<p>The council first proposed the plan on March 3, 2019, and voted on it this week.</p>", None),
])
def test_the_date_under_the_headline(dateline, date):
    tree = lxml.html.document_fromstring(_page("", dateline))
    assert _headline_date(tree, "Cold Wave Alert Tuesday") == date


def test_the_headline_is_the_h1_holding_the_title_not_the_sites_logo():
    tree = lxml.html.document_fromstring(_page("", '<p class="date">Written: 2023-11-07</p>'))
    # the logo h1 comes first; its siblings hold no date, the headline's do
    assert _headline_date(tree, "Cold Wave Alert Tuesday") == "2023-11-07"
    assert _headline_date(tree, None) is None


def test_a_page_without_date_metadata_takes_the_headlines_date_over_the_sidebars():
    markup = _page("", '<p class="date">Written: 2023-11-07 15:03:30</p>')
    page = parse_html(RawDocument(doc_id="kbs-like", html=markup))
    assert page.published == "2023-11-07"


def test_the_headlines_date_wins_over_metadata_that_disagrees():
    head = '<meta property="article:published_time" content="2018-11-07T00:00:00+00:00">'
    markup = _page(head, '<p class="date">Last updated on 7 Nov, 2023</p>')
    page = parse_html(RawDocument(doc_id="with-meta", html=markup))
    assert page.published == "2023-11-07"


def test_without_a_dateline_metadata_gives_the_date():
    head = '<meta property="article:published_time" content="2023-11-06T22:00:00+00:00">'
    markup = _page(head, '<p class="share">Share this story</p>')
    page = parse_html(RawDocument(doc_id="with-meta", html=markup))
    assert page.published == "2023-11-06"
