"""Reading corpora in pieces: JSON Lines, Parquet and WARC/WET files, plus everything :mod:`accord.inputs` reads.

A corpus is cut into :class:`Unit` s, small descriptions of where to read
(a file, a byte range of a JSON Lines file, a row group of a Parquet file),
so that an executor can hand units to workers and each worker reads its own
part lazily; nobody holds the corpus in memory. :func:`iter_raw` reads
units one after the other, for a single process.

Parquet inputs have one row per page with the JSON Lines fields: ``text`` or
``html`` (strings), and optionally ``id``, ``url`` and ``date``.

>>> for item in iter_raw(["crawl.warc.gz", "pages.parquet"]):  # doctest: +SKIP
...     print(item.doc_id)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from accord.errors import InputError
from accord.inputs import (DEFAULT_MAX_BYTES, JSONL_SUFFIXES, PAGE_SUFFIXES, check_date, check_language,
                           folder_files, iter_documents, jsonl_record, looks_like_html, read_skip)
from accord.readers.warc import is_warc, iter_warc
from accord.records import RawDocument, Skip

PARQUET_SUFFIXES = (".parquet", ".parq")
#: a JSON Lines file is cut into byte ranges of about this size (fewer when the file is small)
DEFAULT_SPLIT_BYTES = 32 * 1024 * 1024
#: rows of a Parquet file converted at a time
_PARQUET_BATCH = 64


@dataclass(frozen=True)
class Unit:
    """Where to read one piece of a corpus.

    ``kind`` is ``jsonl`` (lines ``first_line`` .. ``first_line + lines - 1``
    starting at byte ``offset``), ``parquet`` (row group ``part``), ``warc``,
    ``file`` (anything :func:`accord.inputs.iter_documents` reads) or
    ``missing`` (a path that holds no page: read as a Skip).
    """

    path: str
    kind: str
    offset: int = 0
    first_line: int = 1
    lines: int = -1
    part: int = 0


def is_parquet(path: str | Path) -> bool:
    return str(path).lower().endswith(PARQUET_SUFFIXES)


def plan_units(paths: Iterable[str | Path], pieces: int = 1,
               split_bytes: int = DEFAULT_SPLIT_BYTES) -> Iterator[Unit]:
    """Cut ``paths`` (files and folders) into units, aiming at ``pieces`` units or more for a single
    large file so that that many workers can share it. Only JSON Lines files are scanned (for line
    starts); nothing is kept in memory but the units."""
    for entry in paths:
        name = str(entry)
        path = Path(name)
        if path.is_dir():
            files = folder_files(path, _is_corpus_file)
            if not files:
                yield Unit(name, "missing")
            for file in files:
                yield from _file_units(str(file), pieces, split_bytes)
        elif path.exists():
            yield from _file_units(name, pieces, split_bytes)
        else:
            yield Unit(name, "missing")


def _is_corpus_file(name: str) -> bool:
    return Path(name).suffix.lower() in PAGE_SUFFIXES or is_warc(name) or is_parquet(name)


def _file_units(name: str, pieces: int, split_bytes: int) -> Iterator[Unit]:
    if is_warc(name):
        yield Unit(name, "warc")
    elif is_parquet(name):
        yield from _parquet_units(name)
    elif Path(name).suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_units(name, pieces, split_bytes)
    else:
        yield Unit(name, "file")


def _parquet_units(name: str) -> Iterator[Unit]:
    import pyarrow.parquet as pq

    try:
        groups = pq.ParquetFile(name).num_row_groups
    except (OSError, ValueError):  # pyarrow raises ArrowInvalid (a ValueError) for non-Parquet data
        yield Unit(name, "parquet", part=-1)  # read as a skip, by the worker that gets it
        return
    for group in range(groups):
        yield Unit(name, "parquet", part=group)


def _jsonl_units(name: str, pieces: int, split_bytes: int) -> Iterator[Unit]:
    """Byte ranges of whole lines, each remembering its first line number (record ids default to it)."""
    try:
        size = os.path.getsize(name)
    except OSError:
        yield Unit(name, "file")
        return
    target = max(1, min(split_bytes, size // max(1, pieces) + 1))
    if size <= target:
        yield Unit(name, "jsonl")
        return
    with open(name, "rb") as stream:
        offset = start = 0
        number = first = 1
        for line in iter(lambda: stream.readline(1 << 20), b""):
            offset += len(line)
            if line.endswith(b"\n") or offset == size:
                number += 1
                if offset - start >= target:
                    yield Unit(name, "jsonl", offset=start, first_line=first, lines=number - first)
                    start, first = offset, number
        if offset > start:
            yield Unit(name, "jsonl", offset=start, first_line=first, lines=-1)


def read_unit(unit: Unit, date: str | None = None, encoding: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Skip]:
    """The documents (and skips) of one unit, read lazily."""
    if unit.kind == "warc":
        yield from iter_warc(unit.path, date=date, encoding=encoding, max_bytes=max_bytes)
    elif unit.kind == "parquet":
        yield from _iter_parquet(unit, date, max_bytes)
    elif unit.kind == "jsonl":
        yield from _iter_jsonl_range(unit, date, encoding, max_bytes)
    else:  # "file" and "missing": inputs.py reads them and turns what is wrong into a skip
        yield from iter_documents([unit.path], date=date, encoding=encoding, max_bytes=max_bytes)


def iter_raw(paths: Iterable[str | Path], date: str | None = None, encoding: str | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Skip]:
    """Every document of ``paths`` (text, HTML, JSON Lines, Parquet, WARC and WET files, folders), in order."""
    date = check_date(date, "--date")
    for unit in plan_units(paths):
        yield from read_unit(unit, date=date, encoding=encoding, max_bytes=max_bytes)


def _iter_jsonl_range(unit: Unit, date: str | None, encoding: str | None,
                      max_bytes: int) -> Iterator[RawDocument | Skip]:
    stem = Path(unit.path).stem
    try:
        stream = open(unit.path, "rb")
    except OSError as exc:
        yield read_skip(InputError("E100", path=unit.path, detail=exc.strerror or type(exc).__name__), stem, unit.path)
        return
    with stream:
        stream.seek(unit.offset)
        number = unit.first_line - 1
        while unit.lines < 0 or number < unit.first_line - 1 + unit.lines:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            where, doc_id = f"{unit.path} line {number}", f"{stem}:{number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # drop the rest without holding it
                    line = stream.readline(1 << 20)
                yield read_skip(InputError("E104", path=where, size=f"more than {max_bytes}", limit=max_bytes),
                            doc_id, unit.path)
                continue
            if not line.strip():
                continue
            try:
                yield jsonl_record(line, unit.path, number, doc_id, date, encoding)
            except InputError as error:
                yield read_skip(error, doc_id, unit.path)


def _iter_parquet(unit: Unit, date: str | None, max_bytes: int) -> Iterator[RawDocument | Skip]:
    import pyarrow.parquet as pq

    stem = Path(unit.path).stem
    try:
        if unit.part < 0:
            raise OSError("not a Parquet file")
        table_file = pq.ParquetFile(unit.path)
        columns = [c for c in ("id", "url", "date", "text", "html") if c in table_file.schema_arrow.names]
        if "text" not in columns and "html" not in columns:
            raise InputError("E114", path=unit.path, line=0, detail='no "text" or "html" column')
        offset = sum(table_file.metadata.row_group(g).num_rows for g in range(unit.part))
        batches = table_file.iter_batches(batch_size=_PARQUET_BATCH, row_groups=[unit.part], columns=columns)
        row = offset
        for batch in batches:
            for record in batch.to_pylist():
                row += 1
                try:
                    yield _row_document(record, unit.path, row, f"{stem}:{row}", date, max_bytes)
                except InputError as error:
                    yield read_skip(error, f"{stem}:{row}", unit.path)
    except InputError as error:
        yield read_skip(error, stem, unit.path)
    except (OSError, ValueError) as exc:
        detail = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        yield read_skip(InputError("E100", path=unit.path, detail=f"not a readable Parquet file: {detail}"),
                    stem, unit.path)


def _row_document(record: dict[str, Any], path: str, row: int, doc_id: str, date: str | None,
                  max_bytes: int) -> RawDocument:
    """One Parquet row as a page, checked like a JSON Lines record."""
    where = f"{path} row {row}"
    html, body = record.get("html"), record.get("text")
    if not isinstance(html, str) and not isinstance(body, str):
        raise InputError("E114", path=path, line=row, detail='no "text" or "html" string')
    content = html if isinstance(html, str) else body
    size = len(content.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputError("E104", path=where, size=size, limit=max_bytes)
    if not content.strip():
        raise InputError("E102", path=where)
    record_id = record.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        doc_id = str(record_id).strip()
    url = record.get("url") if isinstance(record.get("url"), str) else None
    record_date = record.get("date")
    if record_date is not None and not isinstance(record_date, str):
        record_date = record_date.isoformat() if hasattr(record_date, "isoformat") else str(record_date)
    record_date = check_date(record_date, where) or date
    is_html = isinstance(html, str) or looks_like_html(content)
    check_language(content, where, is_html)
    if is_html:
        return RawDocument(doc_id=doc_id, html=content, url=url, date=record_date, path=path)
    return RawDocument(doc_id=doc_id, text=content, url=url, date=record_date, path=path)




__all__ = ["Unit", "iter_raw", "plan_units", "read_unit", "is_parquet", "is_warc", "iter_warc"]
