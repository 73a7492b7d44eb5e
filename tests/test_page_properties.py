"""Property tests: whatever the input, `parse_page` returns a sound Page or raises a coded AccordError."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import AccordError
from accord.inputs import iter_documents
from accord.page import parse_page
from accord.records import Page, RawDocument, Skip

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces that page layouts are made of, so random text hits the parser's branches
LAYOUT_PIECES = [
    "\n", "\n\n", "  ", "    ", "\t", "• ", "- ", "* ", "By Jane Doe", "By ", " and ", ", Reuters",
    "WASHINGTON (Reuters) - ", "(AP) — ", "Reprinted from ", "Source: ", "Published: February 27, 2017",
    "3 comments", "Comments", "Anna says:", "Ben wrote:", "In reply to Anna", "Reply", "Related stories",
    "Share this article", "© 2020", "Jane Doe is a writer at Example News.", "About the author",
    "The minister said talks would resume.", "Talks resume", "K. C.", ":", ".", "?", "\u00a0", "\u200b",
    "\r\n", "\x00", "“", "”",
]
HTML_PIECES = [
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "</body>", "<div>", "</div>", "<p>", "</p>",
    "<article>", "</article>", "<h1>", "</h1>", "<script>", "</script>", "<!--", "-->", "<meta charset='x'>",
    '<div class="comment">', '<span class="author">', "</span>", "<a href='#'>", "</a>", "<br>", "<",
    ">", "&amp;", "&#0;", "The minister said talks would resume. ", "By Jane Doe", "Reprinted from X",
]


def _check(raw: RawDocument) -> None:
    try:
        page = parse_page(raw)
    except AccordError as error:
        assert error.code.startswith("E") and "\n" not in error.line()
        return
    assert isinstance(page, Page)
    text = page.text
    for paragraph in page.body:
        assert paragraph.text.strip()
        assert text[paragraph.start:paragraph.end] == paragraph.text
    ids = [c.id for c in page.comments]
    assert len(set(ids)) == len(ids)
    assert all(c.parent is None or c.parent in ids[: ids.index(c.id)] for c in page.comments)


@SETTINGS
@given(st.text(max_size=600))
def test_random_text(text):
    _check(RawDocument("random", text=text))


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(LAYOUT_PIECES), st.text(max_size=30)), max_size=60))
def test_random_layouts(pieces):
    _check(RawDocument("layout", text="".join(pieces)))


@pytest.fixture(scope="module")
def seed_lines(seed_text):
    return seed_text.split("\n")


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["drop", "repeat", "indent", "dedent", "insert", "cut"]),
                          st.integers(min_value=0, max_value=10_000), st.sampled_from(LAYOUT_PIECES)),
                max_size=25))
def test_mutated_seed(seed_lines, operations):
    lines = list(seed_lines)
    for operation, position, piece in operations:
        if not lines:
            break
        i = position % len(lines)
        if operation == "drop":
            del lines[i]
        elif operation == "repeat":
            lines.insert(i, lines[i])
        elif operation == "indent":
            lines[i] = "    " + lines[i]
        elif operation == "dedent":
            lines[i] = lines[i].lstrip()
        elif operation == "insert":
            lines.insert(i, piece)
        else:
            lines[i] = lines[i][: position % (len(lines[i]) + 1)]
    _check(RawDocument("mutated", text="\n".join(lines)))


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.text(max_size=20)), max_size=50))
def test_random_html(pieces):
    _check(RawDocument("html", html="".join(pieces)))


@SETTINGS
@given(st.one_of(st.binary(max_size=400),
                 st.lists(st.sampled_from([b"{", b"}", b'"id"', b'"text"', b'"html"', b'"date"', b":", b",", b"\n",
                                           b'"2017-02-27"', b'"x"', b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<p>",
                                           b"The talks resumed. "]), max_size=40).map(b"".join)))
def test_random_bytes_on_stdin_read_and_parse(data):
    for item in iter_documents(["-"], stdin=io.BufferedReader(io.BytesIO(data))):
        if isinstance(item, Skip):
            assert item.code.startswith("E1")
        else:
            _check(item)
