"""`accord actors`: one JSON line per actor, user dictionaries, table output, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from accord.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"
TEXT = ("Freedonian Prime Minister Rufus Firefly met Hungarian officials in Budapest.\n\n"
        "Firefly said the talks were useful.\n")


def test_json_lines_with_user_dictionaries(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text("name,aliases,code,role,start,end\n"
                      "Rufus Firefly,Firefly,FRDGOV,Prime Minister,1933-01-01,1933-12-31\n", encoding="utf-8")
    actors = tmp_path / "freedonia.actors.txt"
    actors.write_text("FREEDONIA_ [FRD]\n+FREEDONIAN_\n", encoding="utf-8")
    status = main(["actors", str(page), "--date", "1933-06-01", "--actors", str(people), str(actors)])
    assert status == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(set(row) >= {"doc_id", "name", "code", "role", "kind", "mentions"} for row in rows)
    firefly = [row for row in rows if row["name"] == "Rufus Firefly"]
    assert len(firefly) == 1 and firefly[0]["code"] == "FRDGOV" and firefly[0]["kind"] == "person"
    assert {m["text"] for m in firefly[0]["mentions"]} >= {"Firefly"}
    hungarians = [row for row in rows if row["code"] and row["code"].startswith("HUN")]
    assert hungarians


def test_offsets_point_into_the_page_text(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    assert main(["page", str(page)]) == 0
    text = "\n\n".join(p["text"] for p in json.loads(capsys.readouterr().out)["paragraphs"] if p["kind"] == "body")
    assert main(["actors", str(page), "--date", "1933-06-01"]) == 0
    for row in map(json.loads, capsys.readouterr().out.splitlines()):
        for mention in row["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]


def test_table_format(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    assert main(["actors", str(page), "--format", "table"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:3] == ["doc_id", "name", "code"]


def test_bad_dictionary_line_is_a_coded_error(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("FREEDONIA [FRD 9901-990101]\n", encoding="utf-8")
    assert main(["actors", str(page), "--actors", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("E201:")


def test_missing_page_is_skipped(tmp_path, capsys):
    assert main(["actors", str(tmp_path / "absent.txt")]) == 1
    assert "E100" in capsys.readouterr().err
