import dataclasses

import pytest

from accord.records import PARAGRAPH_SEPARATOR, Comment, Page, build_page, to_dict


def test_build_page_offsets_index_the_document_text():
    page = build_page(
        "d1",
        [("Title-ish heading", None, "heading"), ("First body.", None, "body"),
         ("A bio line.", None, "bio"), ("Second body paragraph.", "Analysis", "body")],
        title="T",
    )
    text = page.text
    assert text == "First body." + PARAGRAPH_SEPARATOR + "Second body paragraph."
    for paragraph in page.body:
        assert text[paragraph.start:paragraph.end] == paragraph.text
    assert [p.kind for p in page.paragraphs] == ["heading", "body", "bio", "body"]
    assert page.paragraphs[2].start == -1


def test_records_are_frozen():
    page = Page(doc_id="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.title = "changed"  # type: ignore[misc]


def test_comment_paragraphs_and_json_round_trip():
    comment = Comment(id="c1", author="A", parent=None, text="One.\n\nTwo.")
    assert comment.paragraphs == ["One.", "Two."]
    page = Page(doc_id="x", comments=(comment,))
    data = page.to_json()
    assert data["comments"][0]["author"] == "A"
    assert to_dict(comment)["parent"] is None
