"""`accord eval`: every gold set scored in one run, with floors pinned in the repository.

Each set gives named metrics (numbers) and a printable report. ``eval-floors.json``
at the repository root pins a floor per metric; ``accord eval --check`` (and the
test suite) fails when a metric falls below its floor. Floors only ever rise.

The gold sets are never part of accord: they are read from a ``shared`` folder
(``--shared``, the ``ACCORD_SHARED`` variable, or ``../shared`` beside the
working directory or the repository).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from accord.errors import ConfigError

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_FLOORS = REPOSITORY / "eval-floors.json"
SETS = ("seed", "plover", "petrarch", "actors", "reactions", "pages")


@dataclass
class SetResult:
    name: str
    metrics: dict[str, float]
    report: str
    details: dict[str, Any]


def find_shared(explicit: str | Path | None = None) -> Path:
    """The folder holding the gold sets."""
    candidates = [explicit, os.environ.get("ACCORD_SHARED"), Path.cwd().parent / "shared", REPOSITORY.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "eval").is_dir():
            return Path(candidate)
    raise ConfigError("E502", detail="the gold sets were not found",
                      hint="pass --shared DIR (the folder holding eval/ and corpus/) or set ACCORD_SHARED")


def _prf(prefix: str, score: Any) -> dict[str, float]:
    return {f"{prefix}.precision": round(score.total.precision, 4), f"{prefix}.recall": round(score.total.recall, 4),
            f"{prefix}.f1": round(score.total.f1, 4)}


def run_seed(shared: Path) -> SetResult:
    from accord.evaluation.events import format_report, score_seed

    seed = shared / "corpus" / "seed"
    score = score_seed(seed / "kelly-tillerson-damage-control.txt", seed / "kelly-tillerson-damage-control.gold.json")
    details = score.details
    checks = details.get("checks", {})
    metrics = {**_prf("seed", score), "seed.matched": details["matched"],
               "seed.outside_max": -len(details["outside"]),  # negated: a floor on -outside caps the false positives
               "seed.checks_passed": sum(1 for ok in checks.values() if ok)}
    return SetResult("seed", metrics, format_report([score]), details)


def run_plover(shared: Path) -> SetResult:
    from accord.evaluation.events import format_report, score_plover

    score = score_plover(shared / "eval" / "plover_gsr_dev.jsonl")
    return SetResult("plover", _prf("plover", score), format_report([score]), score.details)


def run_petrarch(shared: Path) -> SetResult:
    from accord.evaluation.events import format_report, score_petrarch

    score = score_petrarch(shared / "eval" / "petrarch_unittest.jsonl", shared / "dictionaries" / "petrarch2")
    return SetResult("petrarch", _prf("petrarch", score), format_report([score]), score.details)


def run_actors(shared: Path) -> SetResult:
    from accord.evaluation.actors import evaluate_actors_plover, evaluate_actors_seed

    seed = evaluate_actors_seed(shared / "corpus" / "seed" / "kelly-tillerson-damage-control.gold.json")
    plover = evaluate_actors_plover(shared / "eval" / "plover_gsr_dev.jsonl")
    metrics = {"actors.seed_found": seed["found"],
               "actors.plover_source_accuracy": plover["source"]["accuracy"],
               "actors.plover_target_accuracy": plover["target"]["accuracy"]}
    report = "\n".join([
        f"actors seed: {seed['found']} of {seed.get('gold', '?')} gold actors found with their code",
        f"actors PLOVER dev: source country right {plover['source']['right']}/{plover['source']['gold']} "
        f"({plover['source']['accuracy']:.3f}), target {plover['target']['right']}/{plover['target']['gold']} "
        f"({plover['target']['accuracy']:.3f})",
    ])
    return SetResult("actors", metrics, report, {"seed": seed, "plover": {k: v for k, v in plover.items()
                                                                          if k != "errors"}})


def run_pages(shared: Path) -> SetResult:
    from accord.evaluation.pages import evaluate_pages, format_pages_report

    result = evaluate_pages(shared / "eval" / "pages_dev")
    ours = result["systems"]["accord"]
    metrics = {"pages.body_f1": round(ours["f1"], 4), "pages.body_precision": round(ours["precision"], 4),
               "pages.body_recall": round(ours["recall"], 4),
               "pages.comments_found": ours["comments_found"],
               "pages.title_right": ours["right"]["title"], "pages.author_right": ours["right"]["author"],
               "pages.date_right": ours["right"]["date"]}
    return SetResult("pages", metrics, format_pages_report(result), result)


def run_reactions(shared: Path) -> SetResult:
    """Seed reader reactions (stance, incivility) and the seed's mixed signal."""
    from accord.inputs import read_document
    from accord.pipeline import Pipeline
    from accord.signals import find_signals

    seed = shared / "corpus" / "seed"
    gold = json.loads((seed / "kelly-tillerson-damage-control.gold.json").read_text(encoding="utf-8"))
    analysis = Pipeline().analyse(read_document(seed / gold["document"], date=gold["published"]))
    authors = {c.id: c.author for c in analysis.page.comments}
    expected = gold["reader_reactions"]
    stance_right = civility_right = 0
    for reaction in analysis.reactions:
        want = expected.get(authors.get(reaction.comment_id) or "", {})
        stance_right += reaction.stance == want.get("stance_to_article")
        civility_right += reaction.uncivil == bool(want.get("incivility", False))
    signals = find_signals(analysis.statements)
    wanted = gold["contradictions"][0]
    found = any({wanted["a"]["actor"].split()[-1], wanted["b"]["actor"].split()[-1]}
                <= {s.a.speaker.split()[-1], s.b.speaker.split()[-1]} for s in signals)
    cross_side = sum(1 for s in signals if (s.a.speaker_code or "")[:3] != (s.b.speaker_code or "")[:3])
    metrics = {"reactions.seed_stance_right": stance_right, "reactions.seed_incivility_right": civility_right,
               "signals.seed_contradiction_found": int(found), "signals.seed_cross_side_pairs_max": -cross_side}
    report = "\n".join([
        f"seed comments: stance right {stance_right}/{len(expected)}, incivility right {civility_right}/{len(expected)}",
        f"seed mixed signals: {len(signals)} found; {wanted['a']['actor']} / {wanted['b']['actor']} "
        f"{'found' if found else 'MISSED'}; {cross_side} across two sides",
    ])
    return SetResult("reactions", metrics, report, {"signals": [s.to_json() for s in signals]})


RUNNERS: dict[str, Callable[[Path], SetResult]] = {
    "seed": run_seed, "plover": run_plover, "petrarch": run_petrarch, "actors": run_actors, "reactions": run_reactions,
    "pages": run_pages,
}


def run_sets(names: list[str] | tuple[str, ...] = SETS, shared: str | Path | None = None) -> list[SetResult]:
    """Score the named gold sets."""
    folder = find_shared(shared)
    unknown = [name for name in names if name not in RUNNERS]
    if unknown:
        raise ConfigError("E502", detail=f"unknown gold set(s) {', '.join(unknown)}; known: {', '.join(SETS)}")
    return [RUNNERS[name](folder) for name in names]


def load_floors(path: str | Path = DEFAULT_FLOORS) -> dict[str, float]:
    path = Path(path)
    if not path.exists():
        return {}
    return {key: float(value) for key, value in json.loads(path.read_text(encoding="utf-8")).items()
            if not key.startswith("_")}


def below_floors(results: list[SetResult], floors: dict[str, float]) -> list[str]:
    """Metrics of ``results`` that fall below their pinned floor, as readable lines."""
    failures = []
    for result in results:
        for key, value in result.metrics.items():
            if key in floors and value < floors[key] - 1e-9:
                failures.append(f"{key} = {value} is below its floor {floors[key]}")
    return failures
