"""Checks on the bundled demo corpus: a consistent manifest, the coverage the demos rely on,
and that every page is written in our own words (no long run of words shared with the seed)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

DEMO = Path(str(resources.files("accord.resources").joinpath("demo")))
MANIFEST = DEMO / "manifest.jsonl"
LABELS = DEMO / "comment_labels.jsonl"
FIELDS = {"id", "file", "url", "date", "format", "dyad", "title", "outlet", "comments"}
#: a shared run of this many words counts as copied text
RUN = 12
#: a comment bullet in the text layout: 2 spaces per level, a bullet, a space, the author
TEXT_COMMENT = re.compile(r"^(?:  )+• \S", re.MULTILINE)
#: the element that opens one comment in the HTML layouts (WordPress <li>, <article> sections)
HTML_COMMENT = re.compile(r'class="comment[ "]')


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


MANIFEST_ROWS = _rows(MANIFEST)
LABEL_ROWS = _rows(LABELS)


def _words(text: str) -> list[str]:
    """Lower-cased word tokens, with tags dropped and entities decoded so HTML compares like text."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.findall(r"\w+", text.replace("’", "'").lower())


def _runs(words: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _page(row: dict) -> str:
    return (DEMO / row["file"]).read_text(encoding="utf-8")


def test_manifest_rows_have_the_documented_fields():
    assert len(MANIFEST_ROWS) >= 36
    for row in MANIFEST_ROWS:
        assert set(row) == FIELDS, row["id"]
        assert row["format"] in {"text", "html"}
        assert re.fullmatch(r"[A-Z]{3}-[A-Z]{3}", row["dyad"]), row["dyad"]
        assert row["url"].startswith("https://")


def test_ids_and_urls_are_unique():
    for field in ("id", "file", "url"):
        counts = Counter(row[field] for row in MANIFEST_ROWS)
        assert [value for value, n in counts.items() if n > 1] == [], field


def test_every_page_file_exists_and_nothing_is_unlisted():
    listed = {row["file"] for row in MANIFEST_ROWS}
    for name in listed:
        assert (DEMO / name).is_file(), name
    on_disk = {f"pages/{p.name}" for p in (DEMO / "pages").iterdir()}
    assert on_disk == listed


@pytest.mark.parametrize("row", MANIFEST_ROWS, ids=lambda r: r["id"])
def test_page_matches_its_manifest_row(row):
    assert dt.date.fromisoformat(row["date"]).isoformat() == row["date"]
    suffix = {"text": ".txt", "html": ".html"}[row["format"]]
    assert row["file"].endswith(suffix)
    page = _page(row)
    assert row["title"] in (html.unescape(page) if row["format"] == "html" else page)
    pattern = TEXT_COMMENT if row["format"] == "text" else HTML_COMMENT
    assert len(pattern.findall(page)) == row["comments"]


def test_us_mexico_pages_cover_many_months_of_2017_and_2018():
    months = Counter(row["date"][:7] for row in MANIFEST_ROWS
                     if row["dyad"] == "USA-MEX" and row["date"][:4] in {"2017", "2018"})
    assert sum(months.values()) >= 20
    assert len(months) >= 10


def test_other_dyads_formats_and_comment_threads_are_present():
    dyads = Counter(row["dyad"] for row in MANIFEST_ROWS)
    assert len([d for d in dyads if d != "USA-MEX"]) >= 2
    formats = Counter(row["format"] for row in MANIFEST_ROWS)
    assert formats["text"] > 0 and formats["html"] > 0
    with_comments = [row for row in MANIFEST_ROWS if row["comments"]]
    assert len(with_comments) >= 5
    assert {row["format"] for row in with_comments} == {"text", "html"}


@pytest.mark.parametrize("row", MANIFEST_ROWS, ids=lambda r: r["id"])
def test_page_shares_no_long_run_of_words_with_the_seed(row, seed_text):
    shared = _runs(_words(_page(row))) & _runs(_words(seed_text))
    assert not shared, " ".join(next(iter(shared)))


def test_the_run_check_does_catch_copied_text(seed_text):
    # guards the test above: a seed sentence pasted into markup must be found
    sentence = seed_text.split("\n\n")[4]
    assert _runs(_words(f"<p>{html.escape(sentence)}</p>")) & _runs(_words(seed_text))


def test_comment_labels_match_the_threads():
    by_page = Counter(row["page"] for row in LABEL_ROWS)
    expected = {row["id"]: row["comments"] for row in MANIFEST_ROWS if row["comments"]}
    assert dict(by_page) == expected
    pages = {row["id"]: row for row in MANIFEST_ROWS}
    for label in LABEL_ROWS:
        assert label["stance"] in {"favor", "against", "none"}
        assert isinstance(label["uncivil"], bool)
        assert label["toward"] == ("article" if label["parent"] is None else "parent")
        assert (label["depth"] == 0) == (label["parent"] is None)
        page = html.unescape(_page(pages[label["page"]]))
        assert label["author"] in page
        assert label["starts_with"] in page


def test_comment_labels_mix_stances_and_civility():
    stances = Counter(label["stance"] for label in LABEL_ROWS)
    assert min(stances[s] for s in ("favor", "against", "none")) >= 3
    uncivil = [label for label in LABEL_ROWS if label["uncivil"]]
    assert 3 <= len(uncivil) < len(LABEL_ROWS) / 2
