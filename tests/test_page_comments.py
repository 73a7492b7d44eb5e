"""Reader comments: markup threads, schema.org Comment objects in JSON-LD, and comments in a page's
embedded data (``__NEXT_DATA__``, ``window.__STATE__ = {...}``), with authors, dates and nesting."""

from __future__ import annotations

import json

import lxml.html
import pytest

from accord.page.comments import _embedded_comments, inside_comment
from accord.page.html import parse_html
from accord.records import RawDocument

STORY = "".join(f"<p>Paragraph {n} of the story tells how the council voted on the new housing plan.</p>"
                for n in range(1, 6))


def _page(extra: str = "", thread: str = "") -> str:
    return (f"<html><head><title>Council votes on housing</title>{extra}</head><body>"
            f"<article><h1>Council votes on housing</h1>{STORY}</article>{thread}</body></html>")


def _comments(markup: str) -> list[tuple[str | None, str, int | None, str | None]]:
    """(author, text, index of the parent, date) of each comment, in order."""
    page = parse_html(RawDocument(doc_id="t", html=markup))
    index = {c.id: i for i, c in enumerate(page.comments)}
    return [(c.author, c.text, index[c.parent] if c.parent else None, c.date) for c in page.comments]


def test_a_wordpress_thread_keeps_authors_and_replies():
    thread = """<div id="comments" class="comments-area"><ol class="comment-list">
      <li id="comment-1" class="comment"><article class="comment-body">
        <footer class="comment-meta"><b class="fn">Ann Lee</b> <time datetime="2023-11-08T10:00">Nov 8</time></footer>
        <div class="comment-content"><p>The plan ignores the tenants who live there now.</p></div>
        <a class="comment-reply-link" href="#">Reply</a></article>
        <ol class="children"><li id="comment-2" class="comment"><article class="comment-body">
          <footer class="comment-meta"><b class="fn">Bo Kim</b></footer>
          <div class="comment-content"><p>The tenants were asked twice, in public hearings.</p></div>
        </article></li></ol></li></ol></div>"""
    assert _comments(_page(thread=thread)) == [
        ("Ann Lee", "The plan ignores the tenants who live there now.", None, "2023-11-08"),
        ("Bo Kim", "The tenants were asked twice, in public hearings.", 0, None),
    ]


def test_a_byline_inside_a_thread_is_a_readers():
    tree = lxml.html.fromstring('<div class="comment-list"><div class="x"><span class="author">R</span></div>'
                                '</div>')
    assert inside_comment(tree.find(".//span"))


def test_free_standing_json_ld_comments_nest_by_parent_item():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "headline": "Council votes on housing"},
        {"@type": "Comment", "@id": "#c1", "text": "Rents will rise <b>again</b> after this.",
         "author": {"@type": "Person", "name": "Cy Ortiz"}, "dateCreated": "2023-11-08T12:00:00Z"},
        {"@type": "Comment", "@id": "#c2", "text": "Not if the subsidies hold.",
         "author": "Dee Park", "parentItem": {"@id": "#c1"}},
    ]}
    extra = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    assert _comments(_page(extra)) == [
        ("Cy Ortiz", "Rents will rise again after this.", None, "2023-11-08"),
        ("Dee Park", "Not if the subsidies hold.", 0, None),
    ]


def test_comments_in_next_data_with_nested_replies():
    data = {"props": {"pageProps": {"story": {"id": 7, "comments": [
        {"id": "a1", "body": "<p>Who pays for the repairs?</p>", "user": {"displayName": "Eve R"},
         "createdAt": "2023-11-09T08:00:00Z", "replies": [
             {"id": "a2", "body": "The city does, for ten years.", "user": {"displayName": "Finn"},
              "createdAt": "2023-11-09T09:30:00Z"}]},
        {"id": "a3", "body": "Good news for the borough.", "user": {"displayName": "Gus"},
         "createdAt": "2023-11-10T10:00:00Z"},
    ]}}}}
    extra = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    assert _comments(_page(extra)) == [
        ("Eve R", "Who pays for the repairs?", None, "2023-11-09"),
        ("Finn", "The city does, for ten years.", 0, "2023-11-09"),
        ("Gus", "Good news for the borough.", None, "2023-11-10"),
    ]


def test_comments_assigned_in_code_point_at_their_parent_by_id():
    state = {"thread": {"commentList": {"items": [
        {"id": 11, "message": "The vote was rushed.", "author_name": "Hal", "created_at": "2023-11-08"},
        {"id": 12, "parent_id": 11, "message": "It was on the agenda for weeks.", "author_name": "Ida",
         "created_at": "2023-11-08"},
    ]}}}
    extra = f"<script>var x = 1; window.__STATE__ = {json.dumps(state)}; init(x);</script>"
    assert _comments(_page(extra)) == [
        ("Hal", "The vote was rushed.", None, "2023-11-08"),
        ("Ida", "It was on the agenda for weeks.", 0, "2023-11-08"),
    ]


@pytest.mark.parametrize("data", [
    {"comments": {"enabled": True, "provider": "coral"}},           # settings, not a thread
    {"comments": ["first", "second"]},                               # strings, not comments
    {"comments": [{"text": "Comments are closed."}]},                # no writer, no date
    {"comments": [{"body": "Hi", "user": "Jo"}]},                    # one word is no comment
    {"related": [{"body": "A story about the vote", "author": "Staff"}]},  # not under a comments key
])
def test_embedded_data_that_is_no_thread_gives_no_comments(data):
    assert _embedded_comments([data]) == []
    extra = f'<script type="application/json">{json.dumps(data)}</script>'
    assert _comments(_page(extra)) == []


def test_a_thread_needs_most_members_to_look_like_comments():
    items = [{"body": "A real comment on the vote.", "author": "Kai"}] + [{"id": n} for n in range(3)]
    assert _embedded_comments([{"comments": items}]) == []
    assert len(_embedded_comments([{"comments": items[:2]}])) == 1


def test_a_json_ld_reply_does_not_make_the_next_comment_a_reply():
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council votes on housing",
               "comment": [
                   {"@type": "Comment", "@id": "#c1", "text": "The plan ignores the tenants entirely.",
                    "author": {"@type": "Person", "name": "Ann Lee"}},
                   {"@type": "Comment", "@id": "#c2", "text": "They were asked twice in public hearings.",
                    "author": {"@type": "Person", "name": "Bo Kim"}, "parentItem": {"@id": "#c1"}},
                   {"@type": "Comment", "@id": "#c3", "text": "When does the building work start?",
                    "author": {"@type": "Person", "name": "Cy Dee"}}]}
    extra = f'<script type="application/ld+json">{json.dumps(article)}</script>'
    assert [(author, parent) for author, _, parent, _ in _comments(_page(extra))] == [
        ("Ann Lee", None), ("Bo Kim", 0), ("Cy Dee", None)]


def test_menus_and_teaser_trees_in_embedded_data_are_not_comments():
    data = {"props": {"comments_enabled": True, "menu": {"children": [
        {"name": "World", "text": "World news today from our desks", "date": "2023-11-08"},
        {"name": "Politics", "text": "Politics news today from our desks", "date": "2023-11-08"}]}}}
    extra = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    assert _comments(_page(extra)) == []


def test_a_reply_to_a_comment_the_markup_already_has_keeps_no_dangling_parent():
    thread = ('<div id="comments" class="comments-area"><ol class="comment-list"><li id="comment-1" class="comment">'
              '<article class="comment-body"><footer class="comment-meta"><b class="fn">Ann Lee</b></footer>'
              '<div class="comment-content"><p>The plan ignores the tenants who live there now.</p></div>'
              '</article></li></ol></div>')
    data = {"props": {"comments": [
        {"id": 1, "author": "Ann Lee", "body": "The plan ignores the tenants who live there now.",
         "replies": [{"id": 2, "author": "Bo Kim", "body": "They were asked twice, in public hearings."}]}]}}
    extra = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    page = parse_html(RawDocument(doc_id="t", html=_page(extra, thread)))
    ids = {c.id for c in page.comments}
    assert [c.author for c in page.comments] == ["Ann Lee", "Bo Kim"]
    assert all(c.parent is None or c.parent in ids for c in page.comments)
