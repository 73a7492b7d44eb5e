"""The WARC/WET reader, on archives the tests write: plain, gzip per record, gzip as a whole."""

from __future__ import annotations

import gzip

import pytest

from accord.readers import iter_raw
from accord.readers.warc import iter_warc
from accord.records import RawDocument, Skip

ARTICLE = ("<html><head><title>Talks resume</title></head><body><article>"
           "<p>The foreign minister of Mexico met the American ambassador in Mexico City on Tuesday "
           "and said that the talks on trade would resume in May.</p>"
           "<p>Officials from both governments described the meeting as constructive and open.</p>"
           "</article></body></html>")
WET_TEXT = ("Protesters marched through the capital on Monday to demand the release of the detained "
            "journalists, and the police said that the march had ended peacefully in the evening.")


def record(kind: str, block: bytes, **headers: str) -> bytes:
    """One WARC/1.1 record with its header block, block and closing CRLF CRLF."""
    lines = ["WARC/1.1", f"WARC-Type: {kind}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def http(body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
         extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body


def chunked(body: bytes, size: int = 50) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts) + b"0\r\n\r\n"


def archive_records() -> list[bytes]:
    """A small crawl: metadata, a request, two pages, an image, a redirect and a WET conversion."""
    html = ARTICLE.encode("utf-8")
    coded = gzip.compress(html)
    return [
        record("warcinfo", b"software: a test\r\n", WARC_Date="2019-03-01T10:00:00Z",
               Content_Type="application/warc-fields"),
        record("request", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", WARC_Target_URI="https://news.example/a",
               Content_Type="application/http; msgtype=request"),
        record("response", http(html), WARC_Target_URI="https://news.example/a", WARC_Date="2019-03-01T10:00:01Z",
               WARC_Record_ID="<urn:uuid:00000000-0000-0000-0000-00000000000a>",
               Content_Type="application/http; msgtype=response"),
        record("response", http(b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
               WARC_Target_URI="https://news.example/logo.png", Content_Type="application/http; msgtype=response"),
        record("response", http(b"", status="301 Moved Permanently"), WARC_Target_URI="https://news.example/old",
               Content_Type="application/http; msgtype=response"),
        record("response", http(chunked(coded), extra="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"),
               WARC_Target_URI="https://news.example/b", WARC_Date="2019-03-02T08:00:00Z",
               Content_Type="application/http; msgtype=response"),
        record("conversion", WET_TEXT.encode("utf-8"), WARC_Target_URI="https://news.example/c",
               WARC_Date="2019-03-03T08:00:00Z", WARC_Record_ID="<urn:uuid:00000000-0000-0000-0000-00000000000c>",
               Content_Type="text/plain"),
    ]


def write(path, records: list[bytes], compression: str) -> None:
    if compression == "plain":
        path.write_bytes(b"".join(records))
    elif compression == "per-record":  # how crawlers write WARC: one gzip member per record
        path.write_bytes(b"".join(gzip.compress(r) for r in records))
    else:
        path.write_bytes(gzip.compress(b"".join(records)))


COMPRESSIONS = ("plain", "per-record", "whole-file")


@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_pages_of_response_and_conversion_records_are_read(tmp_path, compression):
    path = tmp_path / ("crawl.warc" if compression == "plain" else "crawl.warc.gz")
    write(path, archive_records(), compression)
    items = list(iter_warc(path))
    assert all(isinstance(item, RawDocument) for item in items)
    assert [item.url for item in items] == ["https://news.example/a", "https://news.example/b",
                                            "https://news.example/c"]
    first, second, wet = items
    assert first.doc_id == "00000000-0000-0000-0000-00000000000a"
    assert first.html == ARTICLE and first.text is None
    assert second.html == ARTICLE, "chunked transfer coding and gzip content coding are undone"
    assert wet.text == WET_TEXT and wet.html is None
    assert [item.date for item in items] == ["2019-03-01", "2019-03-02", "2019-03-03"]
    assert {item.path for item in items} == {str(path)}


@pytest.mark.parametrize("compression", COMPRESSIONS)
@pytest.mark.parametrize("cut_in", (2, 5))
def test_a_truncated_file_keeps_the_records_before_and_ends_with_a_coded_skip(tmp_path, compression, cut_in):
    records = archive_records()
    whole = tmp_path / "whole.warc.gz"
    write(whole, records, compression)
    data = whole.read_bytes()
    # cut the file in the middle of record ``cut_in`` (of its gzip member, when compressed per record)
    sizes = [len(gzip.compress(r)) if compression == "per-record" else len(r) for r in records]
    cut = sum(sizes[:cut_in]) + sizes[cut_in] // 2
    if compression == "whole-file":
        cut = len(data) * cut // sum(sizes)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:cut])
    items = list(iter_warc(path))
    assert items, "at least the skip"
    *pages, last = items
    assert isinstance(last, Skip) and last.code == "E113" and last.stage == "read"
    assert all(isinstance(page, RawDocument) for page in pages)
    complete = [p.url for p in iter_warc(whole)]
    assert len(pages) < len(complete)
    assert [p.url for p in pages] == complete[:len(pages)]
    if compression != "whole-file":  # the pages of the records before the cut are all kept
        assert len(pages) == (0 if cut_in == 2 else 1)


def test_a_file_that_is_not_warc_is_one_coded_skip(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes, not an archive.\n", encoding="utf-8")
    items = list(iter_warc(path))
    assert len(items) == 1 and isinstance(items[0], Skip) and items[0].code == "E113"


def test_an_oversized_page_is_skipped_and_the_next_records_are_read(tmp_path):
    big = http(("<html><body><p>" + "word " * 4000 + "</p></body></html>").encode())
    records = [record("response", big, WARC_Target_URI="https://news.example/big",
                      Content_Type="application/http; msgtype=response"),
               record("conversion", WET_TEXT.encode(), WARC_Target_URI="https://news.example/c")]
    path = tmp_path / "crawl.wet"
    write(path, records, "plain")
    items = list(iter_warc(path, max_bytes=5000))
    assert isinstance(items[0], Skip) and items[0].code == "E104"
    assert isinstance(items[1], RawDocument) and items[1].text == WET_TEXT


def test_record_without_a_date_takes_the_date_given(tmp_path):
    path = tmp_path / "crawl.wet"
    write(path, [record("conversion", WET_TEXT.encode())], "plain")
    (item,) = iter_warc(path, date="2020-05-06")
    assert item.date == "2020-05-06" and item.doc_id == "crawl:1"


def test_folders_mix_warc_files_with_other_pages(tmp_path):
    write(tmp_path / "b.warc.gz", archive_records(), "per-record")
    (tmp_path / "a.txt").write_text(WET_TEXT, encoding="utf-8")
    items = list(iter_raw([tmp_path]))
    assert [item.doc_id for item in items][:2] == ["a", "00000000-0000-0000-0000-00000000000a"]
    assert len(items) == 4 and all(isinstance(item, RawDocument) for item in items)


def test_records_closed_by_bare_newlines_are_read_too(tmp_path):
    """Some writers close records with LF LF, or with no blank line at all, instead of CRLF CRLF."""
    first = record("conversion", WET_TEXT.encode(), WARC_Target_URI="https://news.example/1")
    second = record("conversion", WET_TEXT.encode(), WARC_Target_URI="https://news.example/2")
    path = tmp_path / "crawl.wet"
    path.write_bytes(first[:-4] + b"\n\n" + second[:-4])
    assert [item.url for item in iter_warc(path)] == ["https://news.example/1", "https://news.example/2"]
