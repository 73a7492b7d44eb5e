"""Reading inputs: every bad file becomes a coded error, and a batch goes on past it."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest

from accord.errors import AccordError, InputError
from accord.inputs import (
    DEFAULT_MAX_BYTES,
    check_date,
    guess_language,
    iter_documents,
    looks_like_html,
    read_document,
)
from accord.page import parse_page
from accord.records import RawDocument, Skip

ENGLISH = ("The foreign minister said on Tuesday that the two governments would resume talks on the "
           "border next month, after a pause of almost a year. She told reporters that both sides had "
           "agreed to set up a joint commission to monitor the crossings.")
FRENCH = ("Le ministre des affaires étrangères a déclaré mardi que les deux gouvernements reprendraient "
          "les négociations sur la frontière le mois prochain, après une pause de presque un an. Elle a "
          "indiqué aux journalistes que les deux parties avaient accepté de créer une commission mixte.")
SPANISH = ("El ministro de relaciones exteriores dijo el martes que los dos gobiernos reanudarán las "
           "conversaciones sobre la frontera el próximo mes, después de una pausa de casi un año. Dijo a "
           "los periodistas que las dos partes acordaron crear una comisión conjunta para vigilar los pasos.")


def _only(items):
    items = list(items)
    assert len(items) == 1
    return items[0]


def _code(path, **options):
    item = _only(iter_documents([path], **options))
    assert isinstance(item, Skip), item
    return item.code


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- one file, each way to go wrong ------------------------------------------------


def test_plain_text_file_is_read(tmp_path):
    path = _write(tmp_path, "story-one.txt", ENGLISH.encode("utf-8"))
    doc = _only(iter_documents([path], date="2020-05-01"))
    assert (doc.doc_id, doc.text, doc.html, doc.date, doc.path) == ("story-one", ENGLISH, None, "2020-05-01", str(path))


def test_html_file_is_read_as_html(tmp_path):
    html = f"<html><body><p>{ENGLISH}</p></body></html>"
    doc = _only(iter_documents([_write(tmp_path, "a.html", html.encode())]))
    assert (doc.html, doc.text) == (html, None)


def test_missing_file_is_e100(tmp_path):
    assert _code(tmp_path / "nowhere.txt") == "E100"


def test_latin1_bytes_are_e101_unless_an_encoding_is_given(tmp_path):
    text = ENGLISH.replace("minister", "ministère")
    path = _write(tmp_path, "latin.txt", text.encode("latin-1"))
    assert _code(path) == "E101"
    assert _only(iter_documents([path], encoding="latin-1")).text == text


def test_declared_html_charset_is_honoured(tmp_path):
    html = f'<html><head><meta charset="windows-1252"></head><body><p>{ENGLISH} “quoted”</p></body></html>'
    doc = _only(iter_documents([_write(tmp_path, "cp.html", html.encode("cp1252"))]))
    assert "“quoted”" in doc.html


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_read(tmp_path, encoding):
    doc = _only(iter_documents([_write(tmp_path, "bom.txt", ENGLISH.encode(encoding))]))
    assert doc.text == ENGLISH


def test_unknown_encoding_name_is_e101(tmp_path):
    path = _write(tmp_path, "a.txt", ENGLISH.encode())
    assert _code(path, encoding="no-such-codec") == "E101"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"])
def test_empty_files_are_e102(tmp_path, data):
    assert _code(_write(tmp_path, "empty.txt", data)) == "E102"


@pytest.mark.parametrize("data", [
    b"text\x00with a NUL byte in the middle",
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 20 + b"some words",
])
def test_binary_files_are_e103(tmp_path, data):
    assert _code(_write(tmp_path, "blob.txt", data)) == "E103"


def test_huge_sparse_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        item = _only(iter_documents([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(item, Skip) and item.code == "E104"
    assert str(200 * 1024 * 1024) in item.reason
    assert peak < DEFAULT_MAX_BYTES  # the file was never read into memory


def test_max_bytes_is_configurable(tmp_path):
    path = _write(tmp_path, "a.txt", ENGLISH.encode())
    assert _code(path, max_bytes=50) == "E104"


@pytest.mark.parametrize("text, language", [(FRENCH, "French"), (SPANISH, "Spanish"),
                                            ("Президент заявил, что переговоры продолжатся. " * 5, "Cyrillic script")])
def test_foreign_pages_are_e106(tmp_path, text, language):
    item = _only(iter_documents([_write(tmp_path, "foreign.txt", text.encode())]))
    assert item.code == "E106" and language in item.reason


@pytest.mark.parametrize("text", [
    "Kelly visited Mexico.",
    "Talks resume",
    "Le Pen visits La Rochelle",
    "Marine Le Pen won the vote in La Rochelle on Sunday, the party said in a statement.",
    ENGLISH,
    ENGLISH + " The newspaper La Jornada quoted the Secretaría de Relaciones Exteriores as saying "
              "that the talks were 'una buena señal' for the region.",
])
def test_english_pages_pass_the_language_check(text):
    assert guess_language(text) == "English"


def test_seed_page_is_english(seed_text):
    assert guess_language(seed_text) == "English"


def test_foreign_html_is_judged_on_its_visible_text(tmp_path):
    html = f"<html><head><script>var the = 'the of and to in';</script></head><body><p>{FRENCH}</p></body></html>"
    assert _code(_write(tmp_path, "fr.html", html.encode())) == "E106"


@pytest.mark.parametrize("value", ["2017-02-30", "27/02/2017", "yesterday", 20170227])
def test_invalid_dates_are_e112(value):
    with pytest.raises(InputError) as caught:
        check_date(value, "--date")
    assert caught.value.code == "E112"


def test_invalid_date_option_stops_before_reading(tmp_path):
    with pytest.raises(InputError) as caught:
        list(iter_documents([tmp_path / "nowhere.txt"], date="2017-13-01"))
    assert caught.value.code == "E112"


def test_read_document_raises_the_coded_error(tmp_path):
    with pytest.raises(InputError) as caught:
        read_document(_write(tmp_path, "e.txt", b""))
    assert caught.value.code == "E102"
    assert "E102" in caught.value.line() and "\n" not in caught.value.line()


# --- JSON Lines ---------------------------------------------------------------------


def test_broken_jsonl_line_in_the_middle_of_a_batch(tmp_path):
    lines = [
        json.dumps({"id": "first", "url": "https://example.org/1", "date": "2019-01-02", "text": ENGLISH}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "third", "html": f"<p>{ENGLISH}</p>"}),
        json.dumps({"text": ENGLISH}),
    ]
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines).encode())
    items = list(iter_documents([path], date="2000-01-01"))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Skip", "RawDocument", "RawDocument"]
    first, skip, third, fourth = items
    assert (first.doc_id, first.url, first.date, first.text) == ("first", "https://example.org/1", "2019-01-02", ENGLISH)
    assert (skip.code, skip.stage, skip.doc_id) == ("E105", "read", "batch:2")
    assert "line 2" in skip.reason
    assert third.html == f"<p>{ENGLISH}</p>" and third.date == "2000-01-01"
    assert fourth.doc_id == "batch:4"


@pytest.mark.parametrize("record, code", [
    ('["a", "list"]', "E105"),
    ('{"id": "x"}', "E105"),
    ('{"id": "x", "text": 5}', "E105"),
    ('{"id": "x", "text": ""}', "E102"),
    ('{"id": "x", "date": "Feb 27", "text": "Kelly visited Mexico."}', "E112"),
    (json.dumps({"id": "x", "text": FRENCH}), "E106"),
])
def test_bad_jsonl_records(tmp_path, record, code):
    path = _write(tmp_path, "b.jsonl", (record + "\n" + json.dumps({"id": "ok", "text": ENGLISH})).encode())
    bad, good = list(iter_documents([path]))
    assert bad.code == code and bad.path == str(path)
    assert good.doc_id == "ok"


def test_overlong_jsonl_line_is_skipped_and_the_next_is_read(tmp_path):
    long_record = json.dumps({"id": "long", "text": "word " * 5000})
    path = _write(tmp_path, "c.jsonl", (long_record + "\n" + json.dumps({"id": "ok", "text": ENGLISH}) + "\n").encode())
    bad, good = list(iter_documents([path], max_bytes=1000))
    assert bad.code == "E104" and good.doc_id == "ok"


# --- folders and stdin ----------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ["b/two.txt", "a/deep/one.txt", "a/zero.html", "notes.md", ".hidden/x.txt", "b/.secret.txt"]:
        (tmp_path / name).write_text(ENGLISH if name.endswith("txt") else f"<p>{ENGLISH}</p>", encoding="utf-8")
    assert [d.doc_id for d in iter_documents([tmp_path])] == ["one", "zero", "two"]


def test_folder_without_pages_is_e110(tmp_path):
    assert _code(tmp_path) == "E110"


def test_a_bad_file_in_a_folder_does_not_stop_the_batch(tmp_path):
    (tmp_path / "1.txt").write_text(ENGLISH)
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_bytes(FRENCH.encode())
    (tmp_path / "4.txt").write_text(ENGLISH)
    items = list(iter_documents([tmp_path]))
    assert [i.code if isinstance(i, Skip) else i.doc_id for i in items] == ["1", "E102", "E106", "4"]


@pytest.mark.parametrize("data, expected", [
    (ENGLISH.encode(), [("stdin", "text")]),
    (f"<html><body><p>{ENGLISH}</p></body></html>".encode(), [("stdin", "html")]),
    ((json.dumps({"id": "s1", "text": ENGLISH}) + "\n" + json.dumps({"id": "s2", "text": ENGLISH})).encode(),
     [("s1", "text"), ("s2", "text")]),
])
def test_stdin(data, expected):
    stream = io.BufferedReader(io.BytesIO(data))
    items = list(iter_documents(["-"], stdin=stream))
    assert [(d.doc_id, "html" if d.html is not None else "text") for d in items] == expected


def test_empty_stdin_is_e102():
    assert _only(iter_documents(["-"], stdin=io.BufferedReader(io.BytesIO(b"")))).code == "E102"


# --- hostile documents through parse_page ---------------------------------------------


def test_deeply_nested_html_is_refused_with_e108(tmp_path):
    html = "<html><body>" + "<div>" * 5000 + ENGLISH + "</div>" * 5000 + "</body></html>"
    doc = _only(iter_documents([_write(tmp_path, "deep.html", html.encode())]))
    with pytest.raises(InputError) as caught:
        parse_page(doc)
    assert caught.value.code == "E108"


def test_truncated_html_gives_a_page_or_a_coded_error(tmp_path):
    html = f"<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1><p>{ENGLISH}</p><p>The min"
    doc = _only(iter_documents([_write(tmp_path, "cut.html", html.encode())]))
    try:
        page = parse_page(doc)
    except AccordError as error:
        assert error.code in {"E107", "E109"}
    else:
        assert "joint commission" in page.text


def test_text_that_looks_like_html_goes_to_the_html_parser(tmp_path):
    doc = _only(iter_documents([_write(tmp_path, "x.txt", f"<html><body><p>{ENGLISH}</p></body></html>".encode())]))
    assert doc.text is not None and looks_like_html(doc.text)
    try:
        page = parse_page(doc)
    except AccordError as error:
        assert error.code in {"E107", "E109"}
    else:
        assert page.source_format == "html"


def test_overlong_document_is_e104_in_parse_page():
    with pytest.raises(InputError) as caught:
        parse_page(RawDocument("long", text="word " * 100), max_chars=100)
    assert caught.value.code == "E104"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_jsonl_file_without_records_is_e102(tmp_path, data):
    assert _code(_write(tmp_path, "none.jsonl", data)) == "E102"
