"""Mixed signals: contradicting statements by one side, on the seed and on our own cases."""

from __future__ import annotations

import json
import re

import pytest

from accord.records import ActorMention, Signal, Statement, build_page
from accord.signals import contradiction, find_signals, same_side, topic_overlap
from accord.statements import extract_statements

from tests.conftest import FIXTURES

CASES = [json.loads(line) for line in (FIXTURES / "reactions" / "signal_cases.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


def _mentions(text: str, actors: dict[str, str]) -> list[ActorMention]:
    mentions = []
    for index, (name, code) in enumerate(actors.items()):
        kind = "organisation" if code.endswith("MED") else "person"
        for match in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            mentions.append(ActorMention(text=name, start=match.start(), end=match.end(), code=code, name=name,
                                         kind=kind, actor=index))
    return mentions


def _statements(case: dict, nlp) -> list[Statement]:
    out: list[Statement] = []
    for number, doc in enumerate(case["docs"]):
        page = build_page(f"{case['id']}-{number}", [(p, None, "body") for p in doc["text"].split("\n\n")])
        parsed = nlp(page.text)
        out.extend(extract_statements(page, parsed, _mentions(page.text, case["actors"]), doc["date"]))
    return out


def _pairs(signals: list[Signal]) -> set[frozenset[str]]:
    return {frozenset((s.a.speaker, s.b.speaker)) for s in signals}


def test_enough_cases_of_each_kind():
    assert len(CASES) >= 10
    assert sum(1 for c in CASES if c["expect"]) >= 4 and sum(1 for c in CASES if not c["expect"]) >= 4


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_signal_cases(case, nlp):
    statements = _statements(case, nlp)
    assert len(statements) >= len(case["docs"]), "every case has a statement per document at least"
    signals = find_signals(statements, window_days=14)
    assert _pairs(signals) == {frozenset(pair) for pair in case["expect"]}
    for signal in signals:
        assert 0.0 < signal.score <= 1.0 and signal.topic
        assert signal.a.speaker_code[:3] == signal.b.speaker_code[:3]


@pytest.mark.parametrize("case", [c for c in CASES if "expect_wide" in c], ids=lambda c: c["id"])
def test_a_wider_window_reaches_older_statements(case, nlp):
    signals = find_signals(_statements(case, nlp), window_days=120)
    assert _pairs(signals) == {frozenset(pair) for pair in case["expect_wide"]}


def _statement(speaker: str, code: str | None, topic: str, polarity: int, date: str = "2020-01-01") -> Statement:
    """A statement of its own sentence: each speaker's letter places it in the text."""
    index = ord(speaker[0]) - ord("a")
    return Statement(doc_id="d", sentence_index=index, speaker=speaker, speaker_code=code, text=topic, topic=topic,
                     polarity=polarity, date=date, start=100 * index, end=100 * index + len(topic), kind="indirect")


@pytest.mark.parametrize("code_a,code_b,same", [
    ("USAGOV", "USAMIL", True), ("USA", "USAGOV", True), ("USAGOV", "MEXGOV", False),
    ("USAGOV", "USAMED", False), ("NGO", "NGO", False), (None, "USAGOV", False), ("INDOPP", "INDGOV", False),
])
def test_same_side(code_a, code_b, same):
    assert same_side(_statement("a", code_a, "x", 1), _statement("z", code_b, "x", -1)) is same


def test_contradiction_by_polarity_and_by_antonyms():
    yes = _statement("a", "USAGOV", "tariff, increase", 1)
    no = _statement("z", "USAGOV", "tariff, increase", -1)
    cut = _statement("z", "USAGOV", "tariff, cut", 1)
    not_cut = _statement("z", "USAGOV", "tariff, cut", -1)
    assert contradiction(yes, no) == 1.0
    assert 0 < contradiction(yes, cut) < 1.0
    assert contradiction(yes, not_cut) == 0.0
    assert topic_overlap(yes, cut) == (["tariff"], 0.5)


def test_score_falls_with_time():
    near = find_signals([_statement("a", "USAGOV", "wall, pay", 1, "2020-01-01"),
                         _statement("z", "USAGOV", "wall, pay", -1, "2020-01-02")])
    far = find_signals([_statement("a", "USAGOV", "wall, pay", 1, "2020-01-01"),
                        _statement("z", "USAGOV", "wall, pay", -1, "2020-01-13")])
    assert near and far and near[0].score > far[0].score


def test_actor_filter():
    items = [_statement("a", "USAGOV", "wall, pay", 1), _statement("z", "USAGOV", "wall, pay", -1),
             _statement("b", "MEXGOV", "wall, pay", 1), _statement("y", "MEXGOV", "wall, pay", -1)]
    assert {s.a.speaker_code for s in find_signals(items, actor="MEX")} == {"MEXGOV"}
    assert len(find_signals(items)) == 2


def test_seed_trump_kelly_contradiction(nlp, seed_text, seed_gold):
    from accord.actors import resolve_actors
    from accord.page import parse_page
    from accord.records import RawDocument

    page = parse_page(RawDocument(doc_id="seed", text=seed_text))
    doc = nlp(page.text)
    _, mentions = resolve_actors(page, doc, date=seed_gold["published"])
    signals = find_signals(extract_statements(page, doc, mentions, seed_gold["published"]))
    gold = seed_gold["contradictions"][0]
    found = [s for s in signals if {s.a.speaker, s.b.speaker} == {gold["a"]["actor"], gold["b"]["actor"]}]
    assert found, [s.to_json() for s in signals]
    by_speaker = {found[0].a.speaker: found[0].a, found[0].b.speaker: found[0].b}
    for side in ("a", "b"):
        evidence = gold[side]["evidence"].rstrip(".”").strip("“")
        assert evidence.replace("“", "") in by_speaker[gold[side]["actor"]].text.replace("“", "")
    assert "military" in found[0].topic or "deportation" in found[0].topic
    assert all(s.a.speaker_code[:3] == s.b.speaker_code[:3] for s in signals)
    assert not any({s.a.speaker_code[:3], s.b.speaker_code[:3]} == {"USA", "MEX"} for s in signals)
    line = found[0].to_json()
    assert set(line) == {"topic", "a", "b", "score"} and set(line["a"]) == {"actor", "actor_code", "text", "date"}


def test_cli_signals(capsys, seed_gold):
    from accord.cli import main
    from tests.conftest import SEED_TEXT

    assert main(["signals", str(SEED_TEXT), "--date", seed_gold["published"]]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any({line["a"]["actor"], line["b"]["actor"]} == {"Donald Trump", "John Kelly"} for line in lines)
    assert main(["signals", str(SEED_TEXT), "--date", seed_gold["published"], "--actor", "MEX"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["signals", str(SEED_TEXT), "--date", seed_gold["published"], "--format", "table"]) == 0
    assert "John Kelly" in capsys.readouterr().out


def test_cli_signals_rejects_a_negative_window(capsys):
    from accord.cli import main
    from tests.conftest import SEED_TEXT

    assert main(["signals", str(SEED_TEXT), "--window-days", "-1"]) == 2
    assert "E502" in capsys.readouterr().err
