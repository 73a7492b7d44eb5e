"""`accord code`: code the political events of news pages (JSON Lines, GDELT or PLOVER).

Reads the same inputs as ``accord page`` (text, HTML, JSON Lines records with
their own ``id`` and ``date``, folders, ``-`` for stdin) and prints one event a
line. A batch goes on past bad pages and summarises them on stderr (exit 1);
``--strict`` stops at the first (exit 2).

    accord code article.html --date 2017-02-27
    accord code news/ --format gdelt --verbs my.verbs.txt --discards my.discards.txt
"""

from __future__ import annotations

import argparse
import json
import sys

from accord.commands._common import add_pipeline_options, pipeline_options
from accord.errors import ConfigError
from accord.inputs import check_date
from accord.records import BatchSummary, Skip

NAME = "code"
HELP = "code the political events of news pages as JSON Lines, GDELT or PLOVER records"

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 1, 2
FORMATS = ("jsonl", "gdelt", "plover")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE",
                        help="text, HTML or JSON Lines files, folders, or - for stdin")
    parser.add_argument("--format", choices=FORMATS, default="jsonl",
                        help="jsonl (accord's event records, default), gdelt (61-column GDELT 2.0 rows) "
                             "or plover (PLOVER JSON Lines)")
    parser.add_argument("--strict", action="store_true", help="stop at the first page that cannot be coded (exit 2)")
    add_pipeline_options(parser)


def run(args: argparse.Namespace) -> int:
    """Code every page and print its events; see the module docstring for the exit codes."""
    from accord.events import formats
    from accord.pipeline import Pipeline

    if args.max_bytes is not None and args.max_bytes <= 0:
        raise ConfigError("E502", detail="--max-bytes must be a positive number of bytes")
    check_date(args.date, "--date")
    pipeline = Pipeline(pipeline_options(args))
    pipeline.lexicon  # read the user dictionaries first, so a bad one fails before any page
    read = produced = 0
    skips: list[Skip] = []
    for result in pipeline.run(args.paths):
        read += 1
        if isinstance(result, Skip):
            if args.strict:
                print(f"{result.code}: {result.reason}", file=sys.stderr)
                return EXIT_ERROR
            skips.append(result)
            continue
        produced += 1
        pages = {result.page.doc_id: result.page}
        if args.format == "gdelt":
            formats.write_gdelt(result.events, sys.stdout, pages=pages)
        elif args.format == "plover":
            formats.write_plover(result.events, sys.stdout, pages=pages)
        else:
            for event in result.events:
                sys.stdout.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if skips or read == 0:
        counts: dict[str, int] = {}
        for skip in skips:
            counts[skip.code] = counts.get(skip.code, 0) + 1
        print(BatchSummary(read=read, produced=produced, skipped=counts).line(), file=sys.stderr)
        for skip in skips:
            print(f"{skip.code}: {skip.reason}", file=sys.stderr)
    return EXIT_SKIPPED if skips else EXIT_OK
