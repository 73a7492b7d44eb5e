"""`accord page`: JSON out, coded one-line errors, batch summaries and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from accord.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "text" / "byline-bio-sections.txt"
ENGLISH = ("The foreign minister said on Tuesday that the two governments would resume talks on the "
           "border next month, after a pause of almost a year.")


def _run(capsys, *argv):
    code = main(["page", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def _batch(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Talks resume\n\n{ENGLISH}", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_bytes(b"\x00\x01binary")
    (folder / "d.txt").write_text(ENGLISH, encoding="utf-8")
    return folder


def test_single_file_prints_one_json_object(capsys):
    code, out, err = _run(capsys, FIXTURE)
    page = json.loads(out)
    assert code == 0 and err == ""
    assert page["doc_id"] == FIXTURE.stem
    assert page["author"] == "Maria Lopez"
    assert [p["kind"] for p in page["paragraphs"]].count("body") == 5


def test_date_option_sets_published(capsys):
    code, out, _ = _run(capsys, FIXTURE, "--date", "2021-06-30")
    assert code == 0 and json.loads(out)["published"] == "2021-06-30"


@pytest.mark.parametrize("content, args, expected", [
    (b"", (), "E102"),
    (b"\x00\x01\x02binary", (), "E103"),
    ("Le gouvernement a déclaré que les négociations avec les syndicats reprendraient la semaine "
     "prochaine dans la capitale, selon un communiqué publié par le ministère.".encode(), (), "E106"),
    (ENGLISH.encode(), ("--max-bytes", "10"), "E104"),
    (ENGLISH.encode(), ("--date", "2021-02-30"), "E112"),
    ("café".encode("latin-1") + b" " + ENGLISH.encode(), (), "E101"),
])
def test_single_bad_file_is_one_coded_line_and_exit_2(capsys, tmp_path, content, args, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = _run(capsys, path, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{expected}: ")


def test_missing_single_file_is_e100(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path / "nope.txt")
    assert code == 2 and err.startswith("E100: ")


def test_batch_with_skips_prints_json_lines_and_a_summary(capsys, tmp_path):
    code, out, err = _run(capsys, _batch(tmp_path))
    pages = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [p["doc_id"] for p in pages] == ["a", "d"]
    lines = err.splitlines()
    assert lines[0] == "accord: 4 documents read, 2 processed, 2 skipped (E102: 1, E103: 1)"
    assert [line.split(":")[0] for line in lines[1:]] == ["E102", "E103"]


def test_strict_stops_at_the_first_skip(capsys, tmp_path):
    code, out, err = _run(capsys, _batch(tmp_path), "--strict")
    assert code == 2
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["a"]
    assert err.count("\n") == 1 and err.startswith("E102: ")


def test_clean_batch_exits_0_without_stderr(capsys, tmp_path):
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": f"r{n}", "text": ENGLISH}) for n in range(3)), encoding="utf-8")
    code, out, err = _run(capsys, jsonl, FIXTURE)
    assert code == 0 and err == ""
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["r0", "r1", "r2", FIXTURE.stem]


def test_page_parse_failure_in_a_batch_is_a_page_stage_skip(capsys, tmp_path):
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"id": "furniture", "text": "Share this article"}) + "\n"
                     + json.dumps({"id": "fine", "text": ENGLISH}), encoding="utf-8")
    code, out, err = _run(capsys, jsonl)
    assert code == 1
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["fine"]
    assert err.splitlines()[1].startswith("E109: ")


def test_non_positive_max_bytes_is_an_option_error(capsys):
    code, _, err = _run(capsys, FIXTURE, "--max-bytes", "0")
    assert code == 2 and err.startswith("E502: ")


def test_installed_command_on_a_binary_file(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    accord = Path(sys.executable).parent / "accord"
    result = subprocess.run([str(accord), "page", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("E103: ")
    assert "Traceback" not in result.stderr


def test_installed_command_reads_stdin(tmp_path):
    accord = Path(sys.executable).parent / "accord"
    result = subprocess.run([str(accord), "page", "-"], input=f"Talks resume\n\n{ENGLISH}", capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert (page["doc_id"], page["title"]) == ("stdin", "Talks resume")
