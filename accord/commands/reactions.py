"""`accord reactions`: reader comments of pages, with stance, incivility, targets and thread place.

With ``--format json`` (default) one line per comment:
``{"doc_id", "comment_id", "author", "parent", "stance", "uncivil", "targets"}``, and one
summary line per article on stderr (counts by stance, share uncivil, most replied-to).
``--format table`` prints both as tables on stdout. Comments are never coded as events.

    accord reactions article.txt
    accord reactions pages/ --format table
"""

from __future__ import annotations

import argparse
import json
import sys

from accord.commands._common import write_rows
from accord.errors import AccordError, ConfigError
from accord.inputs import iter_documents
from accord.records import Skip

NAME = "reactions"
HELP = "print the stance, incivility and targets of each reader comment of pages (JSON Lines)"

EXIT_OK, EXIT_SKIPPED = 0, 1
JSON_FIELDS = ("doc_id", "comment_id", "author", "parent", "stance", "uncivil", "targets")
TABLE_COLUMNS = ("doc_id", "comment_id", "author", "parent", "depth", "replies", "stance", "uncivil", "targets")
SUMMARY_COLUMNS = ("doc_id", "comments", "agrees", "disputes", "off-topic", "uncivil_share", "most_replied")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="FILE", help="text, HTML or JSON Lines files, folders, or -")
    parser.add_argument("--db", help="read the reactions stored by `accord ingest` instead of files")
    parser.add_argument("--doc", help="with --db: one document id")
    parser.add_argument("--format", choices=("json", "table"), default="json", help="output format (default json)")
    parser.add_argument("--encoding", help="encoding of the input files when it is not UTF-8 or declared")


def run(args: argparse.Namespace) -> int:
    """Assess and print the comments of every page; exit 1 when some pages were skipped."""
    from accord import nlp
    from accord.page import parse_page
    from accord.reactions import assess_comments

    if args.db:
        return _from_store(args)
    if not args.paths:
        raise ConfigError("E502", detail="give FILE... or --db FILE")
    pipeline = None
    skipped = 0
    rows: list[dict] = []
    summaries: list[dict] = []
    for item in iter_documents(args.paths, encoding=args.encoding):
        if isinstance(item, Skip):
            skipped += 1
            print(f"{item.code}: {item.reason}", file=sys.stderr)
            continue
        try:
            page = parse_page(item)
            if page.comments and pipeline is None:
                pipeline = nlp.load()
            reactions, summary = assess_comments(page, pipeline if page.comments else None)
        except AccordError as error:
            skipped += 1
            print(error.line(), file=sys.stderr)
            continue
        line = {"doc_id": summary.doc_id, "comments": summary.comments, **summary.stances,
                "uncivil_share": summary.uncivil_share, "most_replied": summary.most_replied}
        if args.format == "json":
            write_rows([{k: r.to_json()[k] for k in JSON_FIELDS} for r in reactions], "json", stream=sys.stdout)
            sys.stdout.flush()
            print(json.dumps({"summary": line}, ensure_ascii=False), file=sys.stderr)
        else:
            rows.extend({**r.to_json(), "targets": ", ".join(r.targets)} for r in reactions)
            summaries.append(line)
    if args.format == "table":
        write_rows(rows, "table", columns=TABLE_COLUMNS, stream=sys.stdout)
        sys.stdout.write("\n")
        write_rows(summaries, "table", columns=SUMMARY_COLUMNS, stream=sys.stdout)
    return EXIT_SKIPPED if skipped else EXIT_OK


def _from_store(args: argparse.Namespace) -> int:
    from accord.store import open_store, queries

    with open_store(args.db) as connection:
        rows = queries.reactions(connection, doc_id=args.doc)
    if args.format == "json":
        write_rows([{k: row[k] for k in JSON_FIELDS} for row in rows], "json", stream=sys.stdout)
    else:
        write_rows([{**row, "targets": ", ".join(row["targets"] or [])} for row in rows], "table",
                   columns=TABLE_COLUMNS, stream=sys.stdout)
    return EXIT_OK
