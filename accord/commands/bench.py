"""`accord bench`: throughput and memory on a generated corpus, against spaCy alone."""

from __future__ import annotations

import argparse
import json
import sys

NAME = "bench"
HELP = "benchmark pages/s, sentences/s per core and peak memory on a generated corpus, against spaCy alone"
SHOWN = ("pages", "workers", "startup_seconds", "seconds", "pages_per_second", "sentences_per_second_per_core",
         "words_per_second_per_core", "spacy_alone_words_per_second", "spacy_pipe_words_per_second",
         "ratio_to_spacy_alone", "ratio_to_spacy_pipe", "cpu_seconds", "words_per_cpu_second",
         "sentences_per_cpu_second", "ratio_to_spacy_alone_cpu", "ratio_to_spacy_pipe_cpu", "ratio_in_process_cpu",
         "stage_share", "peak_rss_mb", "events", "load_average")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pages", type=int, default=200, help="generated pages (default 200)")
    parser.add_argument("--workers", type=int, default=1, help="local worker processes (default 1)")
    parser.add_argument("--batch", type=int, default=None, help="pages per batch (default 32 per worker)")
    parser.add_argument("--output", help="write the figures as JSON to this file too")
    parser.add_argument("--write-corpus", metavar="FILE",
                        help="only write the generated corpus as JSON Lines to FILE (to time `accord ingest`)")


def run(args: argparse.Namespace) -> int:
    from accord.bench import run_benchmark, write_corpus, write_result
    from accord.errors import ConfigError

    if args.pages < 1 or args.workers < 1 or (args.batch is not None and args.batch < 1):
        raise ConfigError("E502", detail="--pages, --workers and --batch must be at least 1")
    if args.write_corpus:
        written = write_corpus(args.pages, args.write_corpus)
        print(f"accord bench: wrote {written} pages to {args.write_corpus}", file=sys.stderr)
        return 0
    result = run_benchmark(pages=args.pages, workers=args.workers, batch=args.batch)
    for key in SHOWN:
        print(f"{key:32} {result[key]}", file=sys.stderr)
    sys.stdout.write(json.dumps(result) + "\n")
    if args.output:
        write_result(result, args.output)
    return 0
