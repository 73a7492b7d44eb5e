"""`accord page`: print the structure of pages (title, provenance, body, sections, comments) as JSON.

One text or HTML file prints one JSON object; JSON Lines files, folders, stdin
and several files print one JSON line per page. A batch goes on past bad pages
and summarises them on stderr (exit 1); ``--strict`` stops at the first
(exit 2); a single bad file prints its coded error line (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

from accord.cli import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED
from accord.errors import ConfigError, InputError
from accord.inputs import DEFAULT_MAX_BYTES, JSONL_SUFFIXES, STDIN, check_date, iter_documents, read_document
from accord.page import parse_page
from accord.records import BatchSummary, Page, RawDocument, Skip

NAME = "page"
HELP = "print the structure of pages (title, provenance, body paragraphs, sections, comments) as JSON"

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE",
                        help="text, HTML or JSON Lines files, folders, or - for stdin")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) for pages that carry none")
    parser.add_argument("--strict", action="store_true", help="stop at the first page that cannot be read (exit 2)")
    parser.add_argument("--encoding", help="encoding of the input files when it is not UTF-8 or declared")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"largest page accepted, in bytes (default {DEFAULT_MAX_BYTES})")


def _single_file(paths: list[str]) -> bool:
    """One text or HTML file prints one indented object; everything else prints JSON Lines."""
    if len(paths) != 1 or paths[0] == STDIN:
        return False
    path = Path(paths[0])
    return not path.is_dir() and path.suffix.lower() not in JSONL_SUFFIXES


def _pages(items: Iterator[RawDocument | Skip], max_chars: int) -> Iterator[Page | Skip]:
    for item in items:
        if isinstance(item, Skip):
            yield item
            continue
        try:
            yield parse_page(item, max_chars=max_chars)
        except InputError as error:
            yield Skip(doc_id=item.doc_id, stage="page", code=error.code,
                       reason=f"{error.message}; {error.hint}", path=item.path)


def run(args: argparse.Namespace) -> int:
    """Print each page's structure; see the module docstring for the exit codes."""
    if args.max_bytes <= 0:
        raise ConfigError("E502", detail="--max-bytes must be a positive number of bytes")
    if _single_file(args.paths):
        raw = read_document(args.paths[0], date=check_date(args.date, "--date"), encoding=args.encoding,
                            max_bytes=args.max_bytes)
        page = parse_page(raw, max_chars=args.max_bytes)
        print(json.dumps(page.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    read = produced = 0
    skips: list[Skip] = []
    items = iter_documents(args.paths, date=args.date, encoding=args.encoding, max_bytes=args.max_bytes)
    for result in _pages(items, args.max_bytes):
        read += 1
        if isinstance(result, Skip):
            if args.strict:
                print(f"{result.code}: {result.reason}", file=sys.stderr)
                return EXIT_ERROR
            skips.append(result)
            continue
        produced += 1
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    if skips:
        counts = Counter(skip.code for skip in skips)
        print(BatchSummary(read=read, produced=produced, skipped=dict(counts)).line(), file=sys.stderr)
        for skip in skips:
            print(f"{skip.code}: {skip.reason}", file=sys.stderr)
    return EXIT_SKIPPED if skips else EXIT_OK
