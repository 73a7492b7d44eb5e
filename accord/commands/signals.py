"""`accord signals`: mixed signals, pairs of statements by one side that contradict each other.

Reads pages, extracts their statements (speaker, content, topic, polarity, date) and
prints one JSON line per contradicting pair of the same country's officials within
``--window-days``, across all the pages given:
``{"topic", "a": {"actor", "actor_code", "text", "date"}, "b": {...}, "score"}``.

    accord signals article.txt --date 2017-02-27
    accord signals pages/ --actor USA --window-days 30 --format table
"""

from __future__ import annotations

import argparse
import sys

from accord.commands._common import write_rows
from accord.errors import AccordError, ConfigError
from accord.inputs import check_date, iter_documents
from accord.records import Skip

NAME = "signals"
HELP = "print mixed signals: contradicting statements by officials of one side (JSON Lines)"

EXIT_OK, EXIT_SKIPPED = 0, 1
TABLE_COLUMNS = ("score", "topic", "a_actor", "a_date", "a_text", "b_actor", "b_date", "b_text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="FILE", help="text, HTML or JSON Lines files, folders, or -")
    parser.add_argument("--db", help="pair the statements stored by `accord ingest` instead of reading files")
    parser.add_argument("--actor", help="keep pairs where one speaker's code starts with this (e.g. USA, USAGOV) "
                                        "or who has this name")
    parser.add_argument("--window-days", type=int, default=14, help="most days between the two statements (default 14)")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) for pages that carry none")
    parser.add_argument("--format", choices=("json", "table"), default="json", help="output format (default json)")
    parser.add_argument("--encoding", help="encoding of the input files when it is not UTF-8 or declared")


def run(args: argparse.Namespace) -> int:
    """Extract statements from every page, pair the contradicting ones and print them."""
    from accord import nlp
    from accord.actors import load_knowledge, resolve_actors
    from accord.page import parse_page
    from accord.signals import find_signals
    from accord.statements import extract_statements

    if args.window_days < 0:
        raise ConfigError("E502", detail="--window-days must be 0 or more")
    if args.db:
        from accord.store import open_store, queries

        with open_store(args.db) as connection:
            statements = queries.statements(connection, actor=args.actor)
        _print(find_signals(statements, window_days=args.window_days, actor=args.actor), args.format)
        return EXIT_OK
    if not args.paths:
        raise ConfigError("E502", detail="give FILE... or --db FILE")
    date = check_date(args.date, "--date")
    kb = load_knowledge()
    pipeline = nlp.load()
    skipped = 0
    statements = []
    for item in iter_documents(args.paths, date=date, encoding=args.encoding):
        if isinstance(item, Skip):
            skipped += 1
            print(f"{item.code}: {item.reason}", file=sys.stderr)
            continue
        try:
            page = parse_page(item)
            published = page.published or item.date or date
            doc = pipeline(page.text)
            _, mentions = resolve_actors(page, doc, kb=kb, date=published)
            statements.extend(extract_statements(page, doc, mentions, published))
        except AccordError as error:
            skipped += 1
            print(error.line(), file=sys.stderr)
            continue
    _print(find_signals(statements, window_days=args.window_days, actor=args.actor), args.format)
    return EXIT_SKIPPED if skipped else EXIT_OK


def _print(signals: list, fmt: str) -> None:
    if fmt == "json":
        write_rows([s.to_json() for s in signals], "json", stream=sys.stdout)
    else:
        rows = [{"score": s.score, "topic": s.topic,
                 **{f"{k}_{f}": getattr(st, a) for k, st in (("a", s.a), ("b", s.b))
                    for f, a in (("actor", "speaker"), ("date", "date"), ("text", "text"))}} for s in signals]
        write_rows(rows, "table", columns=TABLE_COLUMNS, stream=sys.stdout)
