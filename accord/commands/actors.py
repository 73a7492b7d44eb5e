"""`accord actors`: print the actors of pages, resolved to CAMEO-style codes, with their mentions.

One JSON line per actor of each document:
``{"doc_id", "name", "code", "role", "kind", "country", "mentions": [{"text", "start", "end"}]}``;
offsets index the page's canonical text (``accord page`` shows it). Pages that
cannot be read are skipped and summarised on stderr (exit 1).

    accord actors article.txt --date 2017-02-27
    accord actors pages/ --actors my_people.csv PETR.actors.txt --format table
"""

from __future__ import annotations

import argparse
import sys

from accord.commands._common import write_rows
from accord.errors import AccordError
from accord.inputs import check_date, iter_documents
from accord.records import BatchSummary, Skip

NAME = "actors"
HELP = "print the actors of pages with their CAMEO-style codes and mentions (JSON Lines)"

EXIT_OK, EXIT_SKIPPED = 0, 1
TABLE_COLUMNS = ("doc_id", "name", "code", "role", "kind", "mentions")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE", help="text, HTML or JSON Lines files, folders, or -")
    parser.add_argument("--date", help="publication date (YYYY-MM-DD) for pages that carry none; "
                                       "decides which office a known person held")
    parser.add_argument("--actors", nargs="+", default=[], metavar="DICT",
                        help="extra dictionaries: accord CSV (people or organisations columns) "
                             "or PETRARCH/TABARI actor or agent files")
    parser.add_argument("--format", choices=("json", "table"), default="json", help="output format (default json)")
    parser.add_argument("--encoding", help="encoding of the input files when it is not UTF-8 or declared")


def run(args: argparse.Namespace) -> int:
    """Resolve and print the actors of every page; exit 1 when some pages were skipped."""
    from accord import nlp
    from accord.actors import load_knowledge, resolve_actors
    from accord.page import parse_page

    date = check_date(args.date, "--date")
    kb = load_knowledge(extra_actor_files=tuple(args.actors))
    pipeline = nlp.load()
    read = produced = 0
    skipped: dict[str, int] = {}
    rows: list[dict] = []
    for item in iter_documents(args.paths, date=date, encoding=args.encoding):
        read += 1
        if isinstance(item, Skip):
            skipped[item.code] = skipped.get(item.code, 0) + 1
            print(f"{item.code}: {item.reason}", file=sys.stderr)
            continue
        try:
            page = parse_page(item)
            actors, _ = resolve_actors(page, pipeline(page.text), kb=kb,
                                       date=page.published or item.date or date)
        except AccordError as error:
            skipped[error.code] = skipped.get(error.code, 0) + 1
            print(error.line(), file=sys.stderr)
            continue
        produced += 1
        for actor in actors:
            row = actor.to_json()
            if args.format == "json":
                write_rows([row], "json", stream=sys.stdout)
            else:
                row["mentions"] = len(actor.mentions)
                rows.append(row)
    if args.format == "table":
        write_rows(rows, "table", columns=TABLE_COLUMNS, stream=sys.stdout)
    summary = BatchSummary(read=read, produced=produced, skipped=skipped)
    if skipped:
        print(summary.line(), file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK
