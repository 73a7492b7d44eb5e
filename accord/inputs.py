"""Reading input documents: files, folders, JSON Lines and stdin -> :class:`RawDocument`.

Every way an input can be bad has a code (see :mod:`accord.errors`): E100 not
found, E101 undecodable, E102 empty, E103 binary, E104 too large, E105 a
malformed JSON Lines record, E106 not English, E110 a folder without pages,
E112 an invalid date. :func:`iter_documents` turns each into a
:class:`~accord.records.Skip` so a batch goes on; :func:`read_document` raises
it, for the one-file case.

>>> docs = list(iter_documents(["page.txt"], date="2017-02-27"))  # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import datetime as _dt
import io
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from accord.errors import InputError
from accord.records import RawDocument, Skip

#: default limit for one page (a file, or one JSON Lines record), in bytes
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: what a folder walk picks up; a file named explicitly is read whatever its suffix
PAGE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

STDIN = "-"

# Binary sniffing looks at the first bytes only: a page is text from its start.
_SNIFF_BYTES = 64 * 1024
#: share of control characters above which bytes are binary, not text
_CONTROL_RATIO = 0.10
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
          b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)
_LOOKS_HTML = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|article|section|p|table|span)\b",
    re.IGNORECASE | re.DOTALL,
)
_ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\Z")

# Language guessing: the share of tokens that are common function words of each
# language. English news prose runs at 35-50 %; other languages' words rarely
# pass 5 % in English text, and English words rarely pass 5 % in theirs.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "English": frozenset(
        "the of and to in is that for it as was with be by on not he his from at which but have "
        "an they you were her she there would their we him been has when who will more if out so "
        "said what up its about than into them can only other could these may then do any my now "
        "such like our over even most made after also did many before must through where much your "
        "should because each just those how too very still own between both being under never "
        "same another while last might us off since against this are or had one all i".split()),
    "French": frozenset(
        "le la les des et est une du dans pour qui que pas sur au avec ce il elle sont ont aux par "
        "plus nous vous leur mais été cette ces son sa ses ou comme fait être avait sans entre "
        "aussi très où je lui selon depuis".split()),
    "Spanish": frozenset(
        "el la los las de que y en del se por con para una es su al lo como más pero sus le ya fue "
        "este ha porque esta entre cuando muy sin sobre también hasta hay donde desde todo nos "
        "durante según está son".split()),
    "German": frozenset(
        "der die und das den von zu ist nicht mit dem sich des auf für ein eine im auch es als "
        "wird bei sie nach wie aus noch einer oder sind hat wurde werden dass kann nur über".split()),
    "Portuguese": frozenset(
        "o os as que não em um uma do da dos das para com por mais foi ao se seu sua como mas são "
        "também pelo pela ele ela está isso muito".split()),
    "Italian": frozenset(
        "il di che e la per un non una sono del della con si da le gli dei al nel anche più ma "
        "come è questo questa alla delle loro ha stato".split()),
    "Dutch": frozenset(
        "de het een van en is dat op te zijn voor met niet die aan er ook als bij om wordt maar "
        "naar worden door heeft dit uit nog".split()),
}
#: fewer words than this and the guess is not trusted: short pages always pass
_MIN_WORDS_TO_JUDGE = 12
#: another language must reach this share (and beat English) to reject a page
_FOREIGN_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]{0,2000}>")
_RAW_TEXT_START = re.compile(r"<(script|style)\b", re.IGNORECASE)
_RAW_TEXT_END = {"script": re.compile(r"</script\s*>", re.IGNORECASE), "style": re.compile(r"</style\s*>", re.IGNORECASE)}


def guess_language(text: str) -> str:
    """Guess the language of ``text`` cheaply; returns ``"English"`` when in doubt.

    >>> guess_language("The minister said that the talks would resume in May.")
    'English'
    """
    sample = text[:50_000]
    letters = [ch for ch in sample[:20_000] if ch.isalpha()]
    if letters:
        latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
        if latin / len(letters) < 0.5:
            others = [unicodedata.name(ch, "UNKNOWN").split()[0].title() for ch in letters
                      if not ch.isascii() and "LATIN" not in unicodedata.name(ch, "")]
            return f"{max(set(others), key=others.count)} script"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return "English"
    shares = {lang: sum(1 for w in words if w in vocab) / len(words) for lang, vocab in _FUNCTION_WORDS.items()}
    english = shares.pop("English")
    best = max(shares, key=shares.__getitem__)
    if shares[best] >= _FOREIGN_SHARE and shares[best] > english:
        return best
    return "English"


def visible_text(html: str) -> str:
    """Roughly the words a reader sees in ``html``: scripts, styles and tags removed.

    One pass with bounded patterns, so hostile markup (thousands of unclosed
    ``<script>`` tags, a stray ``<`` without ``>``) costs linear time.
    """
    html = html[:400_000]
    kept: list[str] = []
    position = 0
    while (start := _RAW_TEXT_START.search(html, position)) is not None:
        kept.append(html[position:start.start()])
        end = _RAW_TEXT_END[start[1].lower()].search(html, start.end())
        position = len(html) if end is None else end.end()
    kept.append(html[position:])
    return _TAG.sub(" ", " ".join(kept))


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    return bool(_LOOKS_HTML.match(text[:4000]))


def check_date(value: object, path: str) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD`` (None stays None), or raise E112."""
    if value is None or value == "":
        return None
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        raise InputError("E112", path=path, value=value)
    try:
        return _dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError as exc:
        raise InputError("E112", path=path, value=value) from exc


def check_binary(data: bytes, path: str) -> None:
    """Raise E103 when ``data`` (the start of a file) is not text."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(_MAGIC) or b"\x00" in head:
        raise InputError("E103", path=path)
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13) or byte == 127)
    if head and controls / len(head) > _CONTROL_RATIO:
        raise InputError("E103", path=path)


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a page's bytes: a BOM, then ``encoding`` if given, else UTF-8, else a declared charset.

    Raises E103 for binary data and E101 when no encoding fits.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("E101", path=path) from exc
    check_binary(data, path)
    candidates = [encoding] if encoding else ["utf-8"]
    if not encoding:
        declared = _DECLARED_CHARSET.search(data[:8192])
        if declared:
            candidates.append((declared[1] or declared[2]).decode("ascii"))
    for codec in candidates:
        try:
            return data.decode(codec)
        except LookupError as exc:
            if encoding:
                raise InputError("E101", path=path, hint=f"{encoding!r} is not a known encoding") from exc
        except UnicodeDecodeError:
            continue
    raise InputError("E101", path=path)


def check_language(text: str, path: str, is_html: bool = False) -> None:
    """Raise E106 when the page is clearly not English."""
    language = guess_language(visible_text(text) if is_html else text)
    if language != "English":
        raise InputError("E106", path=path, language=language)


def _document(doc_id: str, content: str, path: str, kind: str, date: str | None, url: str | None = None) -> RawDocument:
    """Check a decoded page and wrap it; ``kind`` is ``text``, ``html`` or ``sniff``."""
    if not content.strip():
        raise InputError("E102", path=path)
    is_html = kind == "html" or (kind == "sniff" and looks_like_html(content))
    check_language(content, path, is_html)
    if is_html:
        return RawDocument(doc_id=doc_id, html=content, url=url, date=date, path=path)
    return RawDocument(doc_id=doc_id, text=content, url=url, date=date, path=path)


def _read_bounded(stream: BinaryIO, path: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("E104", path=path, size=f"more than {max_bytes}", limit=max_bytes)
    return data


def read_document(path: str | Path, date: str | None = None, encoding: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one text or HTML file (not JSON Lines) into a :class:`RawDocument`; raise its coded error.

    The size is checked before anything is read, so a huge file is refused at once.
    """
    name = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise InputError("E104", path=name, size=size, limit=max_bytes)
        if size == 0:
            raise InputError("E102", path=name)
        with file.open("rb") as stream:
            data = _read_bounded(stream, name, max_bytes)
    except OSError as exc:
        raise InputError("E100", path=name, detail=exc.strerror or type(exc).__name__) from exc
    suffix = file.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "sniff"
    return _document(file.stem, decode(data, name, encoding), name, kind, date)


def read_skip(error: InputError, doc_id: str, path: str | None) -> Skip:
    """The Skip recorded for a document that cannot be read."""
    return Skip(doc_id=doc_id, stage="read", code=error.code, reason=f"{error.message}; {error.hint}", path=path)


def jsonl_record(line: bytes, path: str, number: int, doc_id: str, date: str | None,
                  encoding: str | None) -> RawDocument:
    """Parse line ``number`` of a JSON Lines file: ``{"id", "url", "date", "text" | "html"}``."""
    where = f"{path} line {number}"
    try:
        text = line.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError("E101", path=where) from exc
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("E105", path=path, line=number, detail=exc.msg) from exc
    except RecursionError as exc:
        raise InputError("E105", path=path, line=number, detail="nested too deep") from exc
    if not isinstance(record, dict):
        raise InputError("E105", path=path, line=number, detail="not a JSON object")
    html, body = record.get("html"), record.get("text")
    if not isinstance(html, str) and not isinstance(body, str):
        raise InputError("E105", path=path, line=number, detail='no "text" or "html" string')
    record_id = record.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        doc_id = str(record_id).strip()
    url = record.get("url") if isinstance(record.get("url"), str) else None
    record_date = check_date(record.get("date"), where) or date
    if isinstance(html, str):
        return _document(doc_id, html, where, "html", record_date, url)
    return _document(doc_id, body, where, "sniff", record_date, url)


def _iter_jsonl(stream: BinaryIO, name: str, stem: str, date: str | None, encoding: str | None,
                max_bytes: int) -> Iterator[RawDocument | Skip]:
    """Each record of a JSON Lines stream; a bad line is a Skip and the next lines are still read."""
    number = records = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            if not records:
                yield read_skip(InputError("E102", path=name), stem, name)
            return
        number += 1
        where, doc_id = f"{name} line {number}", f"{stem}:{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # too long for one page: drop the rest of the line without holding it in memory
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            records += 1
            yield read_skip(InputError("E104", path=where, size=f"more than {max_bytes}", limit=max_bytes), doc_id, name)
            continue
        if not line.strip():
            continue
        records += 1
        try:
            yield jsonl_record(line, name, number, doc_id, date, encoding)
        except InputError as error:
            yield read_skip(error, doc_id, name)


def _is_page_file(name: str) -> bool:
    return Path(name).suffix.lower() in PAGE_SUFFIXES


def folder_files(folder: Path, accept: Callable[[str], bool] = _is_page_file) -> list[Path]:
    """Files under ``folder`` whose name ``accept`` takes (page files by default), recursively,
    in a stable (sorted) order; hidden entries skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and accept(name):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _iter_file(file: Path, date: str | None, encoding: str | None, max_bytes: int) -> Iterator[RawDocument | Skip]:
    name = str(file)
    if file.suffix.lower() in JSONL_SUFFIXES:
        try:
            with file.open("rb") as stream:
                yield from _iter_jsonl(stream, name, file.stem, date, encoding, max_bytes)
        except OSError as exc:
            yield read_skip(InputError("E100", path=name, detail=exc.strerror or type(exc).__name__), file.stem, name)
        return
    try:
        yield read_document(file, date=date, encoding=encoding, max_bytes=max_bytes)
    except InputError as error:
        yield read_skip(error, file.stem, name)


def _iter_stdin(stream: BinaryIO, date: str | None, encoding: str | None, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """Stdin holds JSON Lines when it starts with ``{``, else one text or HTML page."""
    head = stream.peek(1)[:64] if hasattr(stream, "peek") else b""
    if head.lstrip().startswith(b"{"):
        yield from _iter_jsonl(stream, "stdin", "stdin", date, encoding, max_bytes)
        return
    try:
        data = _read_bounded(stream, "stdin", max_bytes)
        if not data:
            raise InputError("E102", path="stdin")
        text = decode(data, "stdin", encoding)
        if text.lstrip().startswith("{"):
            yield from _iter_jsonl(io.BytesIO(data), "stdin", "stdin", date, encoding, max_bytes)
            return
        yield _document("stdin", text, "stdin", "sniff", date)
    except InputError as error:
        yield read_skip(error, "stdin", "stdin")


def iter_documents(paths: Iterable[str | Path], date: str | None = None, encoding: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> Iterator[RawDocument | Skip]:
    """Yield a :class:`RawDocument` for each page in ``paths``, or a :class:`Skip` for each bad one.

    ``paths`` may name text (``.txt``), HTML (``.html``/``.htm``) and JSON Lines
    (``.jsonl``: one ``{"id", "url", "date", "text" | "html"}`` object a line)
    files, folders (read recursively in sorted order) and ``-`` for stdin.
    A page's ``doc_id`` is its record's ``id``, else the file's stem (``stem:LINE``
    for a JSON Lines record without one). ``date`` (``YYYY-MM-DD``) is the
    publication date of pages whose record has none; an invalid ``date`` raises
    E112 at once, before anything is read.

    >>> for item in iter_documents(["pages/"]):  # doctest: +SKIP
    ...     print(item.doc_id)
    """
    date = check_date(date, "--date")
    for entry in paths:
        name = str(entry)
        if name == STDIN:
            yield from _iter_stdin(stdin or sys.stdin.buffer, date, encoding, max_bytes)
            continue
        path = Path(entry)
        if path.is_dir():
            files = folder_files(path)
            if not files:
                yield read_skip(InputError("E110", path=name), path.name or name, name)
            for file in files:
                yield from _iter_file(file, date, encoding, max_bytes)
        elif path.exists():
            yield from _iter_file(path, date, encoding, max_bytes)
        else:
            yield read_skip(InputError("E100", path=name, detail="no such file or folder"), path.stem or name, name)
