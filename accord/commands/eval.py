"""`accord eval`: score accord on the gold sets and check the pinned floors."""

from __future__ import annotations

import argparse
import json
import sys

NAME = "eval"
HELP = "score accord on the gold sets (seed, PLOVER dev, PETRARCH unit tests, actors, real pages) with floors"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from accord.evaluation.suite import DEFAULT_FLOORS, SETS

    parser.add_argument("sets", nargs="*", default=list(SETS), metavar="SET",
                        help=f"gold sets to score (default all: {', '.join(SETS)})")
    parser.add_argument("--shared", help="folder holding the gold sets (default ../shared)")
    parser.add_argument("--floors", default=str(DEFAULT_FLOORS), help="pinned floors (JSON)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a metric falls below its floor")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    from accord.evaluation.suite import below_floors, load_floors, run_sets

    results = run_sets(args.sets, args.shared)
    floors = load_floors(args.floors)
    failures = below_floors(results, floors)
    if args.format == "json":
        sys.stdout.write(json.dumps({r.name: r.metrics for r in results}) + "\n")
    else:
        for result in results:
            print(f"== {result.name}")
            print(result.report)
            print()
        print("metrics (floor):")
        for result in results:
            for key, value in result.metrics.items():
                floor = floors.get(key)
                print(f"  {key:36} {value:>9}" + (f"   ({floor})" if floor is not None else ""))
    for line in failures:
        print(f"accord eval: {line}", file=sys.stderr)
    return 1 if (args.check and failures) else 0
