"""accord's trigger lexicon and the PETRARCH/TABARI dictionary reader."""

from __future__ import annotations

from collections import Counter

import pytest

from accord.errors import KnowledgeError
from accord.events import code_events, load_lexicon
from accord.events.lexicon import default_lexicon, read_trigger_file
from accord.events.ontology import is_cameo_code, normalize_code
from accord.events.petrarch import looks_like_petrarch, read_discards, read_verbs
from accord.records import ActorMention, build_page


def test_every_cameo_root_has_several_triggers():
    per_root = Counter(entry.code[:2] for bucket in default_lexicon().entries.values() for entry in bucket)
    for root in (f"{n:02d}" for n in range(1, 21)):
        assert per_root[root] >= 4, f"root {root} has only {per_root[root]} triggers"


def test_every_lexicon_code_is_a_cameo_code():
    bad = sorted(code for code in default_lexicon().codes() if not is_cameo_code(code))
    assert bad == []


def test_entry_ids_are_unique_and_name_their_code():
    ids = [entry.id for bucket in default_lexicon().entries.values() for entry in bucket]
    assert len(ids) == len(set(ids))
    assert all(entry_id.split(":")[0] == entry.code
               for bucket in default_lexicon().entries.values() for entry in bucket for entry_id in [entry.id])


def test_more_specific_entries_come_first():
    entries = default_lexicon().candidates("V", "impose")
    assert entries[0].obj is not None
    assert [e.specificity for e in entries] == sorted((e.specificity for e in entries), reverse=True)


@pytest.mark.parametrize("line, message", [
    ("42x | V | visit", "is not a CAMEO code"),
    ("042 | Q | visit", "part of speech"),
    ("042 | V | visit | colour=red", "unknown option"),
    ("042 | V", "expected CODE | POS | TRIGGER"),
])
def test_bad_trigger_lines_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "mine.txt"
    path.write_text("version: 3\n# a comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        read_trigger_file(path)
    assert caught.value.code == "E201"
    assert "mine.txt line 3" in caught.value.message and message in caught.value.message


def test_duplicate_trigger_entry_is_refused(tmp_path):
    path = tmp_path / "dup.txt"
    path.write_text("042 | V | visit\n042 | V | visit\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="line 2"):
        read_trigger_file(path)


def test_user_trigger_file_outranks_ours_and_carries_its_version(tmp_path, nlp):
    path = tmp_path / "mine.txt"
    path.write_text("version: 7\n043 | V | visit\n", encoding="utf-8")
    lexicon = load_lexicon(verb_files=[path])
    page = build_page("u", [("Norway visited Chile.", None, "body")])
    mentions = [ActorMention("Norway", 0, 6, "NOR", "Norway", "country"),
                ActorMention("Chile", 15, 20, "CHL", "Chile", "country")]
    events = code_events(page, nlp(page.text), mentions, lexicon=lexicon)
    assert [(e.cameo, e.rule) for e in events] == [("043", "043:v:visit@7")]


def test_missing_dictionary_is_a_coded_error(tmp_path):
    with pytest.raises(KnowledgeError) as caught:
        load_lexicon(verb_files=[tmp_path / "absent.txt"])
    assert caught.value.code == "E202"


# --- PETRARCH / TABARI files -----------------------------------------------------------------------

_OUR_PETRARCH_FILE = """\
<!-- a small verb dictionary in the PETRARCH layout, written for this test -->
&CROPS
+WHEAT
+RICE PADDIES

--- PLEDGE  [030]  ---
PLEDGE   # a comment
- * &CROPS TO +  [0331]  # pledged grain
- NEVER * [---]

--- DEPART  [032:033] ---
DEPART {DEPARTED DEPARTS}
+HEAD_OUT
WIRE_+TAP

--- DOUBTFUL [025?] ---
DOUBT
- * ###  # a pattern whose code was lost
"""


@pytest.fixture()
def petrarch_file(tmp_path):
    path = tmp_path / "ours.verbs.txt"
    path.write_text(_OUR_PETRARCH_FILE, encoding="utf-8")
    return path


def test_petrarch_blocks_patterns_and_synsets_are_read(petrarch_file):
    assert looks_like_petrarch(petrarch_file)
    entries = read_verbs(petrarch_file)
    by_lemma = {}
    for entry in entries:
        by_lemma.setdefault(entry.lemma, []).append(entry)
    assert {e.code for e in by_lemma["pledge"]} == {"030", "0331"}
    crops = next(e for e in by_lemma["pledge"] if e.code == "0331")
    assert crops.after and ("rice", "paddies") in crops.after[0][0] and ("wheat",) in crops.after[0][0]
    depart = by_lemma["depart"][0]
    assert (depart.code, depart.target_code) == ("032", "033")
    head = by_lemma["head"][0]
    assert head.after == ((frozenset({("out",)}),),) and not head.before
    tap = by_lemma["tap"][0]
    assert tap.before == ((frozenset({("wire",)}),),) and not tap.after
    assert by_lemma["doubt"][0].code == "025"
    assert all(e.user for e in entries)


def test_petrarch_pattern_is_applied_on_our_parse(petrarch_file, nlp):
    lexicon = load_lexicon(verb_files=[petrarch_file])
    text = "Arnor pledged wheat to Gondor."
    page = build_page("p", [(text, None, "body")])
    mentions = [ActorMention("Arnor", 0, 5, "ARN", "Arnor", "country"),
                ActorMention("Gondor", 23, 29, "GON", "Gondor", "country")]
    events = code_events(page, nlp(page.text), mentions, lexicon=lexicon)
    assert [(e.source, e.target, e.cameo) for e in events] == [("ARN", "GON", "0331")]


def test_petrarch_pair_code_adds_the_reverse_event(petrarch_file, nlp):
    lexicon = load_lexicon(verb_files=[petrarch_file])
    text = "Arnor departed for talks with Gondor."
    page = build_page("p", [(text, None, "body")])
    mentions = [ActorMention("Arnor", 0, 5, "ARN", "Arnor", "country"),
                ActorMention("Gondor", 30, 36, "GON", "Gondor", "country")]
    events = code_events(page, nlp(page.text), mentions, lexicon=lexicon)
    assert {(e.source, e.target, e.cameo) for e in events} == {("ARN", "GON", "032"), ("GON", "ARN", "033")}


def test_bad_petrarch_code_names_the_line(tmp_path):
    path = tmp_path / "bad.verbs.txt"
    path.write_text("--- VISIT [042] ---\nVISIT\n- * TOWN [!!]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        read_verbs(path)
    assert "bad.verbs.txt line 3" in caught.value.message


def test_discard_file_levels(tmp_path):
    path = tmp_path / "discards.txt"
    path.write_text("# sport\n+Premier League  # whole story\nWORLD_CUP\n", encoding="utf-8")
    sentence, story = read_discards(path)
    assert sentence == [("world", "cup")] and story == [("premier", "league")]


def test_shared_petrarch_dictionaries_load(shared_dir):
    folder = shared_dir / "dictionaries" / "petrarch2"
    validate = read_verbs(folder / "PETR.Validate.verbs.txt")
    cameo = read_verbs(folder / "CAMEO.verbpatterns.150430.txt")
    assert len(validate) > 300 and len(cameo) > 10000
    # codes that CAMEO lacks (old WEIS codes) fall back to a CAMEO code or to nothing
    assert all(normalize_code(e.code) is None or is_cameo_code(normalize_code(e.code)) for e in validate)
    sentence, story = read_discards(folder / "PETR.Validate.discards.txt")
    assert sentence and story
