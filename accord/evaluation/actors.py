"""Actor recognition scored on the seed article and the PLOVER dev sentences.

Seed (``corpus/seed/*.gold.json``): a gold actor is *found* when one resolved
actor has its code and is called by its name (the actor's name or one of its
mention texts, compared as lowercase words without a leading "the"). For the
actors whose gold lists ``mentions``, each gold mention counts as found when
the matching actor has a mention with the same text (case and spacing aside).

PLOVER (``eval/plover_gsr_dev.jsonl``): each gold source and target actor is
located in the sentence by its ``actorText``; the resolved mention overlapping
it most gives the predicted code, and the actor counts as right when the
country part (first three letters) equals the gold's. The CAMEO manual's
legacy codes JAP and ITL are read as JPN and ITA. Accuracy is reported per side.

>>> evaluate_actors_seed()["found"]  # doctest: +SKIP
11
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accord.actors import load_knowledge, resolve_actors
from accord.actors.knowledge import KnowledgeBase, words_of
from accord.records import ActorMention, build_page

__all__ = ["evaluate_actors_petrarch", "evaluate_actors_plover", "evaluate_actors_seed"]

#: the gold sets live beside the repository, never inside it
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_GOLD = SHARED / "corpus" / "seed" / "kelly-tillerson-damage-control.gold.json"
PLOVER_DEV = SHARED / "eval" / "plover_gsr_dev.jsonl"
#: country codes of the CAMEO manual that are not ISO 3166
LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA"}


def _name_key(text: str) -> tuple[str, ...]:
    words = words_of(text)
    return words[1:] if words[:1] == ("the",) else words


def _mention_key(text: str) -> str:
    return " ".join(text.split()).lower()


def evaluate_actors_seed(gold_path: str | Path = SEED_GOLD, kb: KnowledgeBase | None = None,
                         nlp: Any = None) -> dict[str, Any]:
    """Score actors and within-document coreference on the seed article."""
    from accord import nlp as nlp_module
    from accord.inputs import read_document
    from accord.page import parse_page

    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = read_document(gold_path.parent / gold["document"], date=gold.get("published"))
    page = parse_page(raw)
    pipeline = nlp or nlp_module.load()
    actors, _ = resolve_actors(page, pipeline(page.text), kb=kb or load_knowledge(),
                               date=gold.get("published"))
    found: list[str] = []
    missing: list[dict[str, Any]] = []
    mentions: dict[str, dict[str, Any]] = {}
    for item in gold["actors"]:
        wanted = _name_key(item["name"])
        named = [a for a in actors if _name_key(a.name) == wanted
                 or any(_name_key(m.text) == wanted for m in a.mentions)]
        right = [a for a in named if a.code == item["code"]]
        if right:
            found.append(item["name"])
        else:
            missing.append({"name": item["name"], "code": item["code"],
                            "got": sorted({a.code or "" for a in named})})
        if item.get("mentions"):
            chosen = right[0] if right else (named[0] if named else None)
            have = {_mention_key(m.text) for m in chosen.mentions} if chosen else set()
            lost = [m for m in item["mentions"] if _mention_key(m) not in have]
            mentions[item["name"]] = {"gold": len(item["mentions"]), "found": len(item["mentions"]) - len(lost),
                                      "missing": lost}
    return {"actors": len(gold["actors"]), "found": len(found), "missing": missing, "mentions": mentions}


def _locate(text: str, actor_text: str) -> tuple[int, int] | None:
    """Where a gold actor text sits in its sentence (its first word when the text is abridged)."""
    actor_text = actor_text.strip()
    start = text.find(actor_text)
    if start >= 0:
        return start, start + len(actor_text)
    lowered = text.lower()
    start = lowered.find(actor_text.lower())
    if start >= 0:
        return start, start + len(actor_text)
    # abridged gold texts ("Sierra Leonean ... refugees"): from the first word to the last
    words = [w for w in actor_text.replace("(", " ").replace(")", " ").replace("..", " ").split() if w]
    if not words or words[0] not in text:
        return None
    start = text.find(words[0])
    last = text.find(words[-1], start)
    return (start, last + len(words[-1])) if last >= 0 else (start, start + len(words[0]))


def _best(mentions: list[ActorMention], span: tuple[int, int]) -> ActorMention | None:
    """The coded mention overlapping ``span`` most (parts before the compounds that hold them)."""
    best: tuple[tuple[bool, int, int], ActorMention] | None = None
    for mention in mentions:
        overlap = min(span[1], mention.end) - max(span[0], mention.start)
        if overlap <= 0 or not mention.code:
            continue
        score = (mention.start == span[0], overlap, -(mention.end - mention.start))
        if best is None or score > best[0]:
            best = (score, mention)
    return best[1] if best else None


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return LEGACY_CODES.get(code[:3], code[:3])


def evaluate_actors_plover(path: str | Path = PLOVER_DEV, kb: KnowledgeBase | None = None,
                           nlp: Any = None) -> dict[str, Any]:
    """Per-side accuracy of the country of gold source and target actors on PLOVER sentences."""
    from accord import nlp as nlp_module

    kb = kb or load_knowledge()
    pipeline = nlp or nlp_module.load()
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    sides: dict[str, dict[str, int]] = {side: {"gold": 0, "right": 0, "found": 0} for side in ("source", "target")}
    errors: list[dict[str, Any]] = []
    texts = [record["text"] for record in records]
    for record, doc in zip(records, pipeline.pipe(texts)):
        page = build_page(record["id"], [(record["text"], None, "body")])
        _, mentions = resolve_actors(page, doc, kb=kb, date=record.get("date"))
        for side in ("source", "target"):
            for actor in record.get(side) or []:
                if not isinstance(actor, dict) or not actor.get("code") or not actor.get("actorText"):
                    continue
                sides[side]["gold"] += 1
                span = _locate(record["text"], actor["actorText"])
                mention = _best(mentions, span) if span else None
                predicted = _country(mention.code) if mention else None
                if mention is not None:
                    sides[side]["found"] += 1
                if predicted == _country(actor["code"]):
                    sides[side]["right"] += 1
                else:
                    errors.append({"id": record["id"], "side": side, "text": actor["actorText"],
                                   "gold": actor["code"], "got": mention.code if mention else None})
    result: dict[str, Any] = {"records": len(records), "errors": errors}
    for side, counts in sides.items():
        result[side] = {**counts, "accuracy": round(counts["right"] / counts["gold"], 3) if counts["gold"] else 0.0}
    return result


PETRARCH_UNITTEST = SHARED / "eval" / "petrarch_unittest.jsonl"
PETRARCH_DICTIONARIES = (SHARED / "dictionaries" / "petrarch2" / "PETR.Validate.actors.txt",
                         SHARED / "dictionaries" / "petrarch2" / "PETR.Validate.agents.txt")


def evaluate_actors_petrarch(path: str | Path = PETRARCH_UNITTEST,
                             dictionaries: tuple[str | Path, ...] = PETRARCH_DICTIONARIES,
                             nlp: Any = None) -> dict[str, Any]:
    """Recall of PETRARCH's unit-test actor codes with its test dictionaries loaded as user
    dictionaries: the share of expected source and target codes (null ``---`` codes
    aside) that some resolved mention of the sentence carries, on the record's date."""
    from accord import nlp as nlp_module
    from accord.actors.knowledge import RESOURCES, build_knowledge

    kb = build_knowledge(RESOURCES, extra_actor_files=tuple(dictionaries))
    pipeline = nlp or nlp_module.load()
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = found = 0
    for record, doc in zip(records, pipeline.pipe([r["text"] for r in records])):
        day = record["date"]
        page = build_page(record["id"], [(record["text"], None, "body")])
        _, mentions = resolve_actors(page, doc, kb=kb, date=f"{day[:4]}-{day[4:6]}-{day[6:8]}")
        codes = {m.code for m in mentions if m.code}
        for event in record.get("events") or []:
            for side in ("source", "target"):
                code = event.get(side)
                if not code or code.startswith("---"):
                    continue
                expected += 1
                found += code in codes
    return {"records": len(records), "expected": expected, "found": found,
            "recall": round(found / expected, 3) if expected else 0.0}
