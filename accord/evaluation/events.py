"""Scores of the event coder on three gold sets, with precision, recall and F1 per set and per root.

* :func:`score_seed`: the hand-made gold of the seed article. A system event
  matches a gold event when source and target match (the country part always,
  the sector part when the gold gives one) and its root is among the gold's
  ``roots``. Reports matched gold events, events outside the gold and optional
  lists, and the modality, date and attribution checks.
* :func:`score_plover`: PLOVER gold sentences (CAMEO manual examples). An event
  is its PLOVER type, reached through the CAMEO root, and its source country;
  a system event is right when both match the sentence's gold event. The gold is
  coded in PLOVER 0.5, whose type names differ from the 2021 table in a few
  places (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT), so both names are accepted
  for those roots. Statements and appeals (roots 01, 02) have no PLOVER type and
  negated events report nothing that happened; neither is scored.
* :func:`score_petrarch`: PETRARCH's unit-test sentences with the dictionaries
  they were written for; exact (source, target, code) triples. Expected codes
  outside CAMEO (old WEIS codes) are left out of recall, and a system triple
  that equals one of them after CAMEO's fallback is left out of precision.

Run ``python -m accord.evaluation.events`` for all three.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from accord.records import Event, RawDocument

__all__ = ["PRF", "score_seed", "score_plover", "score_petrarch", "format_report", "plover_types_of_root"]

#: PLOVER 0.5 names of the roots whose names changed in the 2021 table
_PLOVER_05 = {"08": {"CONCEDE", "RETREAT"}, "09": {"INVESTIGATE"}, "10": {"DEMAND"}, "11": {"DISAPPROVE"},
              "19": {"FIGHT"}, "20": {"FIGHT", "ASSAULT"}}


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives, with their ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")


@dataclass
class SetScore:
    """One gold set's overall score, its score per root or type, and notes."""

    name: str
    total: PRF = field(default_factory=PRF)
    per_key: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    details: dict[str, Any] = field(default_factory=dict)


def plover_types_of_root(root: str) -> set[str]:
    """The PLOVER type names a CAMEO root stands for (2021 table and PLOVER 0.5)."""
    from accord.events.ontology import plover_for

    kind = plover_for(root)[0]
    names = {kind} if kind else set()
    return names | _PLOVER_05.get(root, set())


def _pipeline(actor_files: Sequence[str] = (), verb_files: Sequence[str] = (), discard_files: Sequence[str] = ()):
    from accord.pipeline import Pipeline, PipelineOptions

    return Pipeline(PipelineOptions(actor_files=tuple(actor_files), verb_files=tuple(verb_files),
                                    discard_files=tuple(discard_files)))


def _code_text(pipeline: Any, doc_id: str, text: str, date: str | None) -> list[Event]:
    """Code one gold sentence as the body of a page (the page stage is scored elsewhere)."""
    from accord.actors import resolve_actors
    from accord.events import code_events
    from accord.records import build_page

    page = build_page(doc_id, [(text.strip(), None, "body")], published=date)
    doc = pipeline.nlp(page.text)
    _, mentions = resolve_actors(page, doc, kb=pipeline.knowledge, date=date)
    return code_events(page, doc, mentions, published=date, lexicon=pipeline.lexicon)


# --- seed -----------------------------------------------------------------------------------

def _actor_matches(system: str | None, gold: str | None) -> bool:
    if gold is None:
        return True
    if not system:
        return False
    if system[:3] != gold[:3]:
        return False
    return system.startswith(gold) if len(gold) > 3 else True


def _event_matches(event: Event, gold: dict[str, Any]) -> bool:
    return (event.cameo_root in gold["roots"] and _actor_matches(event.source, gold.get("source"))
            and _actor_matches(event.target, gold.get("target")))


def _same_name(a: str | None, b: str | None) -> bool:
    def clean(text: str | None) -> str:
        text = (text or "").strip().lower()
        return text[4:] if text.startswith("the ") else text
    return bool(a) and clean(a) == clean(b)


def score_seed(text_path: Path, gold_path: Path, events: list[Event] | None = None) -> SetScore:
    """Score the seed article (coding it when ``events`` is None)."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    text = Path(text_path).read_text(encoding="utf-8")
    if events is None:
        # the whole page goes through the page stage: comments and bio must not feed events
        analysis = _pipeline().analyse(RawDocument(doc_id="seed", text=text, date=gold.get("published")))
        events = list(analysis.events)
    score = SetScore(name="seed")
    matched: dict[str, list[Event]] = {}
    for item in gold["events"]:
        hits = [e for e in events if _event_matches(e, item)]
        matched[item["id"]] = hits
        root = item["roots"][0]
        if hits:
            score.total.tp += 1
            score.per_key[root].tp += 1
        else:
            score.total.fn += 1
            score.per_key[root].fn += 1
    everything = gold["events"] + gold.get("optional_events", [])
    outside = [e for e in events if not any(_event_matches(e, item) for item in everything)]
    score.total.fp = len(outside)
    for event in outside:
        score.per_key[event.cameo_root].fp += 1
    checks: dict[str, bool] = {}
    for item in gold["events"]:
        hits = matched[item["id"]]
        first = hits[0] if hits else None
        if item["id"] in ("intel_cut", "aid_review"):
            checks[f"{item['id']} {item['modality']}"] = first is not None and first.modality == item["modality"]
        if item["id"] == "visit":
            checks[f"visit dated {item['date']}"] = first is not None and first.date == item["date"]
        if item["id"] in ("contradict", "concern", "economic_war"):
            checks[f"{item['id']} attributed to {item['attributed_to']}"] = (
                first is not None and _same_name(first.attributed_to, item["attributed_to"]))
    not_in_body = gold["page"].get("not_in_body", [])
    checks["no events from comments, bio or boilerplate"] = not any(
        fragment in event.sentence for event in events for fragment in not_in_body)
    score.details = {
        "matched": sum(1 for hits in matched.values() if hits),
        "gold": len(gold["events"]),
        "missed": [key for key, hits in matched.items() if not hits],
        "outside": [(e.source, e.target, e.cameo, e.trigger) for e in outside],
        "checks": checks,
        "events": len(events),
    }
    return score


# --- PLOVER ----------------------------------------------------------------------------------

#: country codes of old CAMEO dictionaries that differ from ISO 3166 alpha-3
_LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR"}


def _codes(value: Any) -> list[str]:
    if isinstance(value, list):
        codes = [str(item.get("code")) for item in value if isinstance(item, dict) and item.get("code")]
        return [_LEGACY_COUNTRIES.get(code[:3], code[:3]) + code[3:] for code in codes]
    return []


def score_plover(path: Path, limit: int | None = None) -> SetScore:
    """Score the PLOVER gold sentences of ``path`` (JSON Lines)."""
    pipeline = _pipeline()
    score = SetScore(name=Path(path).name)
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    started = time.perf_counter()
    sentences = 0
    for row in rows:
        gold_type = row["event"]
        gold_sources = {code[:3] for code in _codes(row.get("source"))}
        events = _code_text(pipeline, row["id"], row["text"], row.get("date"))
        sentences += 1
        predicted: set[tuple[str, str]] = set()
        for event in events:
            if event.modality == "negated" or event.cameo_root in ("01", "02") or not event.source:
                continue
            for kind in sorted(plover_types_of_root(event.cameo_root)):
                predicted.add((kind, event.source[:3]))
        # one tuple per (root, country): a root with two type names counts once
        right = {p for p in predicted if p[0] == gold_type and p[1] in gold_sources}
        wrong_roots = {(e.cameo_root, e.source[:3]) for e in events
                       if e.modality != "negated" and e.cameo_root not in ("01", "02") and e.source
                       and not (gold_type in plover_types_of_root(e.cameo_root) and e.source[:3] in gold_sources)}
        if right:
            score.total.tp += 1
            score.per_key[gold_type].tp += 1
        else:
            score.total.fn += 1
            score.per_key[gold_type].fn += 1
        score.total.fp += len(wrong_roots)
        for root, _ in wrong_roots:
            names = sorted(_PLOVER_05.get(root) or plover_types_of_root(root)) or ["(none)"]
            score.per_key[names[0]].fp += 1
    elapsed = time.perf_counter() - started
    score.details = {"sentences": sentences, "seconds": round(elapsed, 2),
                     "sentences_per_second": round(sentences / elapsed, 1) if elapsed else None}
    return score


# --- PETRARCH unit tests ------------------------------------------------------------------------

def score_petrarch(path: Path, dictionaries: Path) -> SetScore:
    """Score PETRARCH's unit-test sentences with its validation dictionaries from ``dictionaries``."""
    from accord.events.ontology import is_cameo_code, normalize_code

    dictionaries = Path(dictionaries)
    pipeline = _pipeline(actor_files=[str(dictionaries / "PETR.Validate.actors.txt"),
                                      str(dictionaries / "PETR.Validate.agents.txt")],
                         verb_files=[str(dictionaries / "PETR.Validate.verbs.txt")],
                         discard_files=[str(dictionaries / "PETR.Validate.discards.txt")])
    score = SetScore(name=Path(path).name)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        date = row.get("date") or ""
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 and date.isdigit() else None
        expected_all = {(e.get("source"), e.get("target"), str(e.get("code"))) for e in row.get("events") or []}
        expected = {t for t in expected_all if is_cameo_code(t[2])}
        ignored = {(s, t, normalize_code(c)) for s, t, c in expected_all - expected}
        events = _code_text(pipeline, row["id"], row["text"], iso)
        system = {(e.source, e.target, e.cameo) for e in events if e.modality != "negated"}
        for triple in system:
            if triple in expected:
                score.total.tp += 1
                score.per_key[triple[2][:2]].tp += 1
            elif triple not in ignored:
                score.total.fp += 1
                score.per_key[triple[2][:2]].fp += 1
        for triple in expected - system:
            score.total.fn += 1
            score.per_key[triple[2][:2]].fn += 1
    return score


# --- report -----------------------------------------------------------------------------------

def format_report(scores: Iterable[SetScore]) -> str:
    """P/R/F1 per set and per root (or type), as printed by ``accord eval``."""
    lines = []
    for score in scores:
        lines.append(f"{score.name}: {score.total.line()}")
        for key in sorted(score.per_key):
            lines.append(f"  {key:<12} {score.per_key[key].line()}")
        for name, value in score.details.items():
            lines.append(f"  {name}: {value}")
    return "\n".join(lines)


def main(shared: Path | None = None) -> int:
    """Score all three sets found under ``shared`` (the folder beside the repository by default)."""
    shared = Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared"
    scores = [
        score_seed(shared / "corpus/seed/kelly-tillerson-damage-control.txt",
                   shared / "corpus/seed/kelly-tillerson-damage-control.gold.json"),
        score_plover(shared / "eval/plover_gsr_dev.jsonl"),
        score_petrarch(shared / "eval/petrarch_unittest.jsonl", shared / "dictionaries/petrarch2"),
    ]
    print(format_report(scores))
    return 0


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
