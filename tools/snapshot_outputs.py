"""Dump everything the pipeline finds on a fixed corpus, to check that a speed-up changes no output.

    python tools/snapshot_outputs.py before.jsonl            # run on the reference corpus
    python tools/snapshot_outputs.py after.jsonl --compare before.jsonl

The corpus: the bundled demo pages, the seed page, the real pages of ``../shared/eval/pages_dev``, our
held-out news sentences and the PLOVER dev sentences. Each line is one document's analysis
as canonical JSON; ``--compare`` prints the documents whose analysis differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus() -> Iterator["object"]:
    from accord.demo import demo_documents
    from accord.records import RawDocument

    yield from demo_documents()
    seed = SHARED / "corpus" / "seed" / "kelly-tillerson-damage-control.txt"
    if seed.exists():
        yield RawDocument(doc_id="seed", text=seed.read_text(encoding="utf-8"), date="2017-02-24")
    pages = SHARED / "eval" / "pages_dev"
    for path in sorted(pages.glob("*.html")):
        yield RawDocument(doc_id=f"dev/{path.name}", html=path.read_text(encoding="utf-8", errors="replace"))
    for path, limit in ((ROOT / "tests" / "fixtures" / "events" / "heldout_news.jsonl", None),
                        (SHARED / "eval" / "plover_gsr_dev.jsonl", None)):
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream):
                if limit is not None and number >= limit:
                    break
                item = json.loads(line)
                yield RawDocument(doc_id=f"{path.stem}/{item['id']}", text=item["text"],
                                  date=item.get("date") or "2020-01-01")


def snapshot(out: Path) -> None:
    from accord.pipeline import Pipeline
    from accord.records import to_dict

    pipeline = Pipeline()
    raws = list(corpus())
    with out.open("w", encoding="utf-8") as stream:
        for start in range(0, len(raws), 16):
            for result in pipeline.analyse_many(raws[start:start + 16]):
                stream.write(json.dumps(to_dict(result), sort_keys=True, ensure_ascii=False) + "\n")


def compare(new: Path, old: Path) -> int:
    def load(path: Path) -> dict[str, str]:
        rows = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            key = (item.get("page") or {}).get("doc_id") or item.get("doc_id")
            rows[key] = line
        return rows

    before, after = load(old), load(new)
    differing = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    for key in differing[:50]:
        print(f"differs: {key}")
    print(f"{len(differing)} of {len(before)} documents differ")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args(argv)
    snapshot(args.out)
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
