"""Tests of accord.events.ontology: the CAMEO table, its PLOVER mapping and their loaders."""

from __future__ import annotations

import csv

import pytest

from accord.errors import AccordError, KnowledgeError
from accord.events import ontology
from accord.events.ontology import (
    CameoInfo,
    all_codes,
    cameo_info,
    is_cameo_code,
    load_cameo,
    load_plover,
    normalize_code,
    plover_for,
)

HEADER = "code,goldstein,quad_class,root,base,level,name\n"


def shared_cameo(shared_dir) -> dict[str, dict[str, str]]:
    with (shared_dir / "eval" / "cameo_codes.tsv").open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle, delimiter="\t")}


def test_every_code_of_the_shared_list_is_in_our_table_with_its_facts(shared_dir):
    expected = shared_cameo(shared_dir)
    for code, row in expected.items():
        info = cameo_info(code)
        assert info.goldstein == pytest.approx(float(row["goldstein"])), code
        assert info.quad_class == int(row["quadclass"]), code
        assert info.root == row["root"], code
        assert info.level == row["level"], code


def test_table_size_and_levels():
    codes = all_codes()
    assert 300 <= len(codes) <= 330
    assert sum(1 for c in codes if cameo_info(c).level == "root") == 20
    assert {cameo_info(c).root for c in codes} == {f"{n:02d}" for n in range(1, 21)}


def test_our_names_are_not_the_manual_wording(shared_dir):
    expected = shared_cameo(shared_dir)
    same = [code for code, row in expected.items()
            if cameo_info(code).level != "root" and cameo_info(code).name.lower() == row["name"].lower()]
    # a few one-word names ("veto", "torture") cannot be put otherwise
    assert len(same) <= 3, same


@pytest.mark.parametrize("code, quad", [("01", 1), ("057", 1), ("06", 2), ("0874", 2), ("10", 3),
                                        ("145", 3), ("15", 4), ("1823", 4), ("2042", 4)])
def test_quad_class_follows_the_root(code, quad):
    assert cameo_info(code).quad_class == quad


@pytest.mark.parametrize("code, base, root, level", [
    ("04", None, "04", "root"), ("042", "042", "04", "base"), ("0211", "021", "02", "sub")])
def test_base_root_level(code, base, root, level):
    info = cameo_info(code)
    assert isinstance(info, CameoInfo)
    assert (info.base, info.root, info.level) == (base, root, level)


def test_cameo_info_is_frozen():
    with pytest.raises(AttributeError):
        cameo_info("042").goldstein = 0.0  # type: ignore[misc]


@pytest.mark.parametrize("code", ["999", "21", "0", "", "abc", None, "04a"])
def test_unknown_codes_raise_a_coded_error(code):
    with pytest.raises(KnowledgeError) as caught:
        cameo_info(code)
    assert caught.value.code == "E203"
    assert isinstance(caught.value, AccordError)


@pytest.mark.parametrize("code, expected", [
    ("042", "042"), ("0429", "042"), ("0211", "0211"), ("0219", "021"), ("099", "09"), ("4", "04"),
    (" 173 ", "173"), (173, "173"), ("223", None), ("25", None), ("x12", None), (None, None), ("12345", None)])
def test_normalize_code_falls_back_to_base_then_root(code, expected):
    assert normalize_code(code) == expected


@pytest.mark.parametrize("code, expected", [("042", True), ("0429", False), ("04", True), ("4", False),
                                            (None, False), ("2042", True)])
def test_is_cameo_code_is_exact(code, expected):
    assert is_cameo_code(code) is expected


@pytest.mark.parametrize("code, expected", [
    ("042", ("CONSULT", "visit", None)),
    ("173", ("COERCE", "arrest", "legal")),
    ("0429", ("CONSULT", "visit", None)),       # unknown sub code: its base's row
    ("163", ("COERCE", "restrict", "diplomatic")),
    ("091", ("ACCUSE", "investigate", "crime;corruption")),
    ("1823", ("ASSAULT", None, None)),
    ("01", (None, None, None)), ("010", (None, None, None)), ("0214", (None, None, None)),
    ("02", (None, None, None)), ("999", (None, None, None)), (None, (None, None, None)),
])
def test_plover_for(code, expected):
    assert plover_for(code) == expected


def test_every_code_outside_roots_01_and_02_has_a_plover_type():
    for code in all_codes():
        kind = plover_for(code)[0]
        if cameo_info(code).root in ("01", "02"):
            assert kind is None, code
        else:
            assert kind in ontology.PLOVER_TYPES, code


def test_plover_rows_match_the_shared_conversion_table(shared_dir):
    table = load_plover()
    lines = (shared_dir / "eval" / "cameo2plover-2021.txt").read_text(encoding="utf-8").splitlines()
    checked, seen = 0, set()
    for line in lines:
        if line.startswith("~~~"):
            break
        head, _, rest = line.split("#", 1)[0].partition(":")
        if head.strip().isdigit() and head.strip() in table and head.strip() not in seen:
            seen.add(head.strip())  # the first row for a code is the one the table keeps
            assert table[head.strip()][0] == rest.split(",")[0].strip(), line
            checked += 1
    assert checked > 250


# -- the loaders reject bad files, naming file and line --------------------------------------------

def write(tmp_path, text: str):
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("row, fragment", [
    ("04,1.0,1,04,,root,consult\n04,1.0,1,04,,root,again", "twice"),
    ("04,one,1,04,,root,consult", "not a number"),
    ("04,11.0,1,04,,root,consult", "outside"),
    ("04,1.0,3,04,,root,consult", "QuadClass"),
    ("04,1.0,1,05,,root,consult", "root"),
    ("04,1.0,1,04,,base,consult", "level"),
    ("04,1.0,1,04,,root,", "no name"),
    ("4x,1.0,1,04,,root,consult", "not a CAMEO code"),
    ("04,1.0,1,04,,root", "expected 7 fields"),
])
def test_load_cameo_rejects_bad_rows(tmp_path, row, fragment):
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(KnowledgeError) as caught:
        load_cameo(path)
    assert caught.value.code == "E201"
    assert str(path) in caught.value.message
    assert fragment in caught.value.message
    bad_line = 3 if "twice" in fragment else 2
    assert f"line {bad_line}" in caught.value.message


def test_load_cameo_rejects_a_bad_header_and_orphans(tmp_path):
    with pytest.raises(KnowledgeError, match="line 1"):
        load_cameo(write(tmp_path, "code,name\n04,consult\n"))
    with pytest.raises(KnowledgeError, match="no parent 042"):
        load_cameo(write(tmp_path, HEADER + "04,1.0,1,04,,root,consult\n0421,1.0,1,04,042,sub,x\n"))


def test_load_cameo_reads_a_good_file(tmp_path):
    table = load_cameo(write(tmp_path, HEADER + "04,1.0,1,04,,root,consult\n\n042,1.9,1,04,042,base,visit\n"))
    assert list(table) == ["04", "042"]
    assert table["042"].goldstein == 1.9


def test_load_cameo_reports_a_missing_file(tmp_path):
    with pytest.raises(KnowledgeError) as caught:
        load_cameo(tmp_path / "absent.csv")
    assert caught.value.code == "E202"


@pytest.mark.parametrize("row, fragment", [
    ("999,CONSULT,,", "not a CAMEO code"),
    ("042,VISIT,,", "not a PLOVER event type"),
    ("042,CONSULT,visit,\n042,CONSULT,,", "twice"),
])
def test_load_plover_rejects_bad_rows(tmp_path, row, fragment):
    path = write(tmp_path, "code,type,mode,context\n" + row + "\n")
    with pytest.raises(KnowledgeError) as caught:
        load_plover(path)
    assert caught.value.code == "E201"
    assert fragment in caught.value.message and str(path) in caught.value.message
