"""A small streaming reader for WARC 1.0/1.1 files (web archives) and WET files (their extracted text).

Only two kinds of record hold pages:

* ``response`` records whose block is an HTTP response with an HTML body
  (status 2xx, ``Content-Type: text/html`` or XHTML); chunked transfer coding
  and gzip/deflate content coding are undone;
* ``conversion`` records (WET) whose block is the page's plain text.

Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``,
images, redirects...) is passed over without a skip: archives are full of
them and none is a news page. Files may be plain or gzip-compressed (one
gzip member per record, as crawlers write them, or one for the whole file):
the magic bytes decide, not the file name. A record cut short, a broken gzip
stream or a header that is not WARC ends the file with an E113 skip; the
records before it are kept. Records are read one at a time, so memory stays
bounded by the largest page (``max_bytes``).

The WARC date (when the page was fetched) is the document's date only when
the page itself names no publication date: the page parser's date wins.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from accord.errors import InputError
from accord.inputs import DEFAULT_MAX_BYTES, check_date, check_language, decode
from accord.records import RawDocument, Skip

WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc.warc", ".warc.wet.gz")
_GZIP_MAGIC = b"\x1f\x8b"
#: the longest header line accepted, in bytes: a longer one means the file is not WARC
_MAX_HEADER_LINE = 64 * 1024
_MAX_HEADER_LINES = 500
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_COPY_CHUNK = 1 << 20
#: bytes of an oversized response read to tell a page from other content
_SNIFF_HTTP = 16 * 1024


class _Malformed(Exception):
    """The stream is not (or no longer) valid WARC; ends the file."""


def is_warc(path: str | Path) -> bool:
    """True when the file name says WARC or WET (``.warc``, ``.warc.gz``, ``.wet``, ``.wet.gz``)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str | Path, date: str | None = None, encoding: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Skip]:
    """Yield a :class:`RawDocument` for each page record of the WARC/WET file ``path``, or a
    :class:`Skip` for each bad one; ``date`` is used when neither page nor record has one."""
    name = str(path)
    stem = Path(name).name.split(".")[0] or name
    try:
        raw = open(name, "rb")
    except OSError as exc:
        yield _skip(InputError("E100", path=name, detail=exc.strerror or type(exc).__name__), stem, name)
        return
    with raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if raw.peek(2)[:2] == _GZIP_MAGIC else raw
        yield from iter_warc_stream(stream, name, stem, date=date, encoding=encoding, max_bytes=max_bytes)


def iter_warc_stream(stream: BinaryIO, name: str, stem: str, date: str | None = None,
                     encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Skip]:
    """The records of an already decompressed WARC byte stream (see :func:`iter_warc`)."""
    number = 0
    while True:
        number += 1
        where = f"{name} record {number}"
        try:
            headers = _read_headers(stream)
            if headers is None:
                return
            length = _content_length(headers)
            kind = headers.get("warc-type", "").lower()
            wanted = kind in ("response", "conversion")
            if length > max_bytes or not wanted:
                # an oversized response is only worth a skip when it is a page, not a video
                head = stream.read(min(length, _SNIFF_HTTP)) if wanted and kind == "response" else b""
                _discard(stream, length - len(head))
                if wanted and (kind == "conversion" or _is_html_response(headers, head)):
                    yield _skip(InputError("E104", path=where, size=length, limit=max_bytes),
                                _record_id(headers, stem, number), name)
                continue
            block = stream.read(length)
            if len(block) < length:
                raise _Malformed(f"the block has {len(block)} of its {length} bytes")
        except _Malformed as error:
            yield _skip(InputError("E113", path=where, detail=str(error)), f"{stem}:{number}", name)
            return
        except (OSError, EOFError, zlib.error) as error:
            # a gzip member cut short or corrupt: nothing after it can be trusted
            yield _skip(InputError("E113", path=where, detail=str(error) or type(error).__name__),
                        f"{stem}:{number}", name)
            return
        try:
            document = _document(headers, block, where, _record_id(headers, stem, number), name, date, encoding)
        except InputError as error:
            yield _skip(error, _record_id(headers, stem, number), name)
            continue
        if document is not None:
            yield document


def _skip(error: InputError, doc_id: str, path: str) -> Skip:
    return Skip(doc_id=doc_id, stage="read", code=error.code, reason=f"{error.message}; {error.hint}", path=path)


def _read_headers(stream: BinaryIO) -> dict[str, str] | None:
    """The WARC header block of the next record, lower-cased names; None at a clean end of file."""
    line = stream.readline(_MAX_HEADER_LINE)
    while line in (b"\r\n", b"\n"):  # the CRLF CRLF closing the previous record, and any extra blank line
        line = stream.readline(_MAX_HEADER_LINE)
    if not line:
        return None
    version = line.strip()
    if not version.startswith(b"WARC/"):
        raise _Malformed(f"expected a WARC/1.x version line, found {version[:40]!r}")
    headers: dict[str, str] = {}
    last = ""
    for _ in range(_MAX_HEADER_LINES):
        line = stream.readline(_MAX_HEADER_LINE)
        if not line:
            raise _Malformed("the header block ends before its blank line")
        if line in (b"\r\n", b"\n"):
            return headers
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if text[:1] in (" ", "\t") and last:  # a folded continuation line
            headers[last] += " " + text.strip()
            continue
        field, colon, value = text.partition(":")
        if not colon:
            raise _Malformed(f"header line without a colon: {text[:40]!r}")
        last = field.strip().lower()
        headers[last] = value.strip()
    raise _Malformed(f"more than {_MAX_HEADER_LINES} header lines")


def _content_length(headers: dict[str, str]) -> int:
    value = headers.get("content-length", "")
    if not value.isdigit():
        raise _Malformed(f"Content-Length {value!r} is not a number")
    return int(value)


def _discard(stream: BinaryIO, length: int) -> None:
    left = length
    while left > 0:
        chunk = stream.read(min(left, _COPY_CHUNK))
        if not chunk:
            raise _Malformed(f"the block ends {left} bytes short of its Content-Length")
        left -= len(chunk)


def _record_id(headers: dict[str, str], stem: str, number: int) -> str:
    record_id = headers.get("warc-record-id", "").strip("<> ")
    if record_id.startswith("urn:uuid:"):
        record_id = record_id[len("urn:uuid:"):]
    return record_id or f"{stem}:{number}"


def _document(headers: dict[str, str], block: bytes, where: str, doc_id: str, name: str, date: str | None,
              encoding: str | None) -> RawDocument | None:
    """The page in a record's block, or None when the record holds no page."""
    url = headers.get("warc-target-uri", "").strip("<> ") or None
    fetched = check_date(headers.get("warc-date", "")[:10] or None, where) or date
    kind = headers.get("warc-type", "").lower()
    if kind == "conversion":
        text = decode(block, where, encoding)
        if not text.strip():
            raise InputError("E102", path=where)
        check_language(text, where)
        return RawDocument(doc_id=doc_id, text=text, url=url, date=fetched, path=name)
    if not _is_html_response(headers, block):
        return None
    _, http_headers, body = _split_http(block)
    content_type = http_headers.get("content-type", "").lower()
    body = _undo_codings(body, http_headers, where)
    charset = _charset(content_type)
    html = decode(body, where, encoding or charset)
    if not html.strip():
        raise InputError("E102", path=where)
    check_language(html, where, is_html=True)
    return RawDocument(doc_id=doc_id, html=html, url=url, date=fetched, path=name)


def _is_html_response(headers: dict[str, str], block: bytes) -> bool:
    """True when a response record holds a successful HTTP response with an HTML page."""
    if not headers.get("content-type", "").lower().startswith("application/http"):
        return False
    status, http_headers, _ = _split_http(block)
    return 200 <= status < 300 and http_headers.get("content-type", "").lower().startswith(_HTML_TYPES)


def _split_http(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, lower-cased headers, body) of an HTTP response message; status 0 when unreadable."""
    end = block.find(b"\r\n\r\n")
    separator = 4
    if end < 0:
        end, separator = block.find(b"\n\n"), 2
    if end < 0:
        return 0, {}, b""
    lines = block[:end].decode("latin-1").splitlines()
    parts = lines[0].split() if lines else []
    status = int(parts[1]) if len(parts) > 1 and parts[0].startswith("HTTP/") and parts[1].isdigit() else 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        field, colon, value = line.partition(":")
        if colon:
            headers[field.strip().lower()] = value.strip()
    return status, headers, block[end + separator:]


def _undo_codings(body: bytes, headers: dict[str, str], where: str) -> bytes:
    """Undo chunked transfer coding and gzip/deflate content coding, as a browser would."""
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = _dechunk(body)
        coding = headers.get("content-encoding", "").lower().strip()
        if coding in ("gzip", "x-gzip"):
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:  # raw deflate without the zlib wrapper, as some servers send
                body = zlib.decompress(body, -zlib.MAX_WBITS)
    except (zlib.error, ValueError) as exc:
        raise InputError("E113", path=where, detail=f"bad HTTP body coding: {exc}") from exc
    return body


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    position = 0
    while True:
        end = body.find(b"\r\n", position)
        if end < 0:
            raise ValueError("chunk size line missing")
        size = int(body[position:end].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            return bytes(out)
        start = end + 2
        if start + size > len(body):
            raise ValueError("chunk cut short")
        out += body[start:start + size]
        position = start + size + 2


def _charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip() == "charset" and value.strip(' "\''):
            return value.strip(' "\'')
    return None
