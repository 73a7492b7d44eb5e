"""The event coder on news sentences the team wrote and labelled before coding them, scored here.

``fixtures/events/heldout_news.jsonl`` holds wire-style sentences, each labelled
before the coder ever ran on it (``batch`` 2 to 5 were written, one after the
other, after the coder had been fixed on the batches before; batch 5 led to one
fix only, of the entry for "order"), with the events it states as (source, target,
roots): codes are prefixes of the actor codes ("IGO" matches any
intergovernmental organisation, "PSE" matches "PSEREB"), a target "*" accepts
any target, and "02|10" accepts either root. Sentences with no events must yield
none: weather, sports, markets, obituaries, background clauses, metaphors and
negated acts.

As in ``accord eval``, negated events and statements (root 01) are not scored:
a negated event reports nothing that happened, and nearly every sentence of news
holds a statement.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.actors import resolve_actors
from accord.errors import KnowledgeError
from accord.events import code_events, load_lexicon
from accord.events.lexicon import ANY_OBJECT, default_lexicon, read_trigger_file, read_word_lists
from accord.records import ActorMention, build_page

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "events" / "heldout_news.jsonl"
#: the date every held-out sentence is coded at (the officials named held office then)
DATE = "2024-03-15"


def _rows() -> list[dict]:
    return [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def _scored(events) -> list:
    return [e for e in events if e.modality != "negated" and e.cameo_root != "01" and e.source]


def _matches(event, gold: dict, with_target: bool = True) -> bool:
    if event.cameo_root not in gold["root"].split("|"):
        return False
    if gold["source"] != "*" and not event.source.startswith(gold["source"]):
        return False
    if not with_target or gold["target"] == "*":
        return True
    if gold["target"] is None:
        return event.target is None
    return bool(event.target) and event.target.startswith(gold["target"])


def score(coded: dict[str, list], rows: list[dict], with_target: bool = True) -> dict:
    """Precision, recall, F1 over the event sentences and the false-positive rate over
    the no-event sentences; ``coded`` maps a row id to the events coded for it."""
    tp = fp = fn = 0
    misfires = 0
    quiet = 0
    for row in rows:
        events = _scored(coded[row["id"]])
        gold = [g for g in row["events"] if g["root"] != "01"]
        if not row["events"]:
            quiet += 1
            misfires += bool(events)
            fp += len({(e.source, e.target, e.cameo_root) for e in events})
            continue
        for item in gold:
            if any(_matches(e, item, with_target) for e in events):
                tp += 1
            else:
                fn += 1
        wrong = {(e.source, e.target, e.cameo_root) for e in events
                 if not any(_matches(e, item, with_target) for item in gold)}
        fp += len(wrong)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "no_event_fp_rate": misfires / quiet if quiet else 0.0}


def code_rows(nlp, kb, rows: list[dict]) -> dict[str, list]:
    """Each row coded as the body of a page through the real actors stage."""
    coded = {}
    for row in rows:
        page = build_page(row["id"], [(row["text"], None, "body")], published=DATE)
        doc = nlp(page.text)
        _, mentions = resolve_actors(page, doc, kb=kb, date=DATE)
        coded[row["id"]] = code_events(page, doc, mentions, published=DATE, lexicon=default_lexicon())
    return coded


@pytest.fixture(scope="module")
def heldout(nlp):
    from accord.actors import load_knowledge

    rows = _rows()
    return rows, code_rows(nlp, load_knowledge(), rows)


# --- the held-out set ----------------------------------------------------------------------------

#: floors a little under what the coder reaches (triples F1 0.913, root and source 0.96,
#: 4 misfires in 145 no-event sentences); they only rise
FLOOR_F1 = 0.89
FLOOR_ROOT_SOURCE_F1 = 0.93
CEILING_NO_EVENT_FP_RATE = 0.05


def test_heldout_set_is_large_and_varied():
    rows = _rows()
    events = [row for row in rows if row["events"]]
    quiet = [row for row in rows if not row["events"]]
    assert len(events) >= 150 and len(quiet) >= 40
    assert len({row["text"] for row in rows}) == len(rows)
    roots = {root for row in events for item in row["events"] for root in item["root"].split("|")}
    assert {f"{n:02d}" for n in range(2, 21)} <= roots


def test_heldout_triples(heldout):
    rows, coded = heldout
    result = score(coded, rows)
    assert result["f1"] >= FLOOR_F1, result


def test_heldout_root_and_source(heldout):
    rows, coded = heldout
    result = score(coded, rows, with_target=False)
    assert result["f1"] >= FLOOR_ROOT_SOURCE_F1, result


def test_heldout_no_event_sentences_stay_quiet(heldout):
    rows, coded = heldout
    assert score(coded, rows)["no_event_fp_rate"] <= CEILING_NO_EVENT_FP_RATE


def test_heldout_hypotheticals_are_marked(heldout):
    rows, coded = heldout
    marked = [row for row in rows if row.get("modality")]
    assert marked
    for row in marked:
        assert any(e.modality == row["modality"] for e in coded[row["id"]]), row["text"]


# --- mechanisms, with actor mentions given by hand --------------------------------------------------

def _mentions(text: str, actors: dict[str, str]) -> list[ActorMention]:
    """``{"Quito": "ECU@place"}`` marks every "Quito" as a place of ECU; others are actors."""
    found = []
    for name, value in actors.items():
        code, _, kind = value.partition("@")
        for match in re.finditer(re.escape(name), text):
            found.append(ActorMention(text=name, start=match.start(), end=match.end(), code=code, name=name,
                                      kind=kind or "country"))
    return found


def _code(nlp, text: str, actors: dict[str, str]):
    page = build_page("m", [(text, None, "body")], published=DATE)
    events = code_events(page, nlp(page.text), _mentions(page.text, actors), published=DATE,
                         lexicon=default_lexicon())
    return {(e.source, e.target, e.cameo_root) for e in events if e.modality != "negated"}


@pytest.mark.parametrize("text, actors, expected", [
    # the destination of "arrived in" is the target, ahead of any other phrase
    ("The Peruvian president arrived in Quito for an official visit.",
     {"Peruvian president": "PERGOV", "Quito": "ECU@place", "official": "PERGOV"}, ("PERGOV", "ECU", "04")),
    # a "by" phrase the parser hangs on the noun's "of" complement still names the agent,
    # and "drew criticism" names no critic
    ("The arrest of a Thai activist by Laotian police drew wide criticism.",
     {"Thai activist": "THAOPP", "Laotian police": "LAOCOP"}, ("LAOCOP", "THAOPP", "17")),
    # a passive participle on a noun: the noun undergoes the act
    ("Nigerien farmers abducted by Malian militants walked home.",
     {"Nigerien farmers": "NERAGR", "Malian militants": "MLIREB"}, ("MLIREB", "NERAGR", "18")),
    # mutual acts go both ways
    ("Eritrea and Ethiopia exchanged prisoners on Sunday.", {"Eritrea": "ERI", "Ethiopia": "ETH"},
     ("ETH", "ERI", "08")),
    ("Thai troops exchanged fire with Cambodian soldiers.", {"Thai troops": "THAMIL", "Cambodian soldiers": "KHMMIL"},
     ("KHMMIL", "THAMIL", "19")),
    # "$50 million in aid": what the amount is in
    ("Qatar will provide 50 million riyals in aid to Lebanon.", {"Qatar": "QAT", "Lebanon": "LBN"},
     ("QAT", "LBN", "03")),
    # drills held alone are a show of force; held by two countries, cooperation
    ("Iranian warships held naval drills in the Gulf.", {"Iranian": "IRNMIL"}, ("IRNMIL", None, "15")),
    ("Russian and Chinese warships held naval drills.", {"Russian": "RUSMIL", "Chinese warships": "CHNMIL"},
     ("RUSMIL", "CHNMIL", "06")),
    # "struck" with an object is an attack; the place of what it hit is the target
    ("Pakistan struck the Afghan Taliban overnight.", {"Pakistan": "PAK", "Afghan Taliban": "AFGINS"},
     ("PAK", "AFGINS", "19")),
    ("Syrian rockets struck a base near Haifa.", {"Syrian": "SYRMIL", "Haifa": "ISR@place"}, ("SYRMIL", "ISR", "19")),
    # a role that the actors stage knows is an actor, even in a phrase with a sports word
    ("Kenyan police beat protesters after the league match.", {"Kenyan police": "KENCOP", "protesters": "KENOPP"},
     ("KENCOP", "KENOPP", "18")),
])
def test_mechanism_finds(nlp, text, actors, expected):
    assert expected in _code(nlp, text, actors)


@pytest.mark.parametrize("text, actors", [
    # players, teams, the weather and markets are named after a country but act for none
    ("The Chilean striker beat two defenders.", {"Chilean": "CHL"}),
    ("Thousands of Japanese fans welcomed the team.", {"Japanese": "JPN"}),
    ("India's monsoon rains arrived in Kerala.", {"India": "IND", "Kerala": "IND@place"}),
    # a score or a word of sport makes "beat" and "crushed" a result
    ("Peru beat Ecuador 2-1 in Lima.", {"Peru": "PER", "Ecuador": "ECU"}),
    ("Kenya crushed Uganda in the tournament opener.", {"Kenya": "KEN", "Uganda": "UGA"}),
    # the subject of "faced", "drew" undergoes the act: the critics go unnamed
    ("The Bolivian minister faced criticism over the deal.", {"Bolivian minister": "BOLGOV"}),
    # "has no plans to expel": negated
    ("Oman has no plans to expel Yemeni workers.", {"Oman": "OMN", "Yemeni workers": "YEMLAB"}),
    # ambiguous verbs of ordinary news: what is released, signed, fought or mobilised is no
    # person, treaty or army
    ("The Indian foreign ministry released its annual report.", {"Indian foreign ministry": "INDGOV"}),
    ("Kenya's president signed a decree raising the minimum wage.", {"Kenya": "KEN"}),
    ("Brazil is fighting inflation with higher interest rates.", {"Brazil": "BRA"}),
    ("The Turkish central bank mobilised reserves to defend the lira.", {"Turkish central bank": "TURBUS"}),
    ("South Korea demonstrated its commitment to the alliance.", {"South Korea": "KOR"}),
    ("The Philippine government took steps to prevent the spread of dengue.", {"Philippine government": "PHLGOV"}),
    ("Ethiopian Airlines ordered 20 new jets from Boeing.", {"Ethiopian Airlines": "ETHBUS", "Boeing": "USABUS"}),
])
def test_mechanism_stays_quiet(nlp, text, actors):
    assert _code(nlp, text, actors) == set()


@pytest.mark.parametrize("text, actors, expected", [
    ("Israel released 39 Palestinian prisoners.", {"Israel": "ISR", "Palestinian": "PSE"}, ("ISR", "PSE", "08")),
    ("Hamas freed two Thai hostages.", {"Hamas": "PSEREB", "Thai": "THA"}, ("PSEREB", "THA", "08")),
    ("Ethiopian troops fought Fano militiamen.", {"Ethiopian troops": "ETHMIL", "Fano militiamen": "ETHREB"},
     ("ETHMIL", "ETHREB", "19")),
    ("Thousands of Georgians demonstrated in Tbilisi.", {"Georgians": "GEO", "Tbilisi": "GEO@place"},
     ("GEO", "GEO", "14")),
    ("Chile and Peru signed a border treaty.", {"Chile": "CHL", "Peru": "PER"}, ("CHL", "PER", "05")),
    ("Mali ordered the French ambassador to leave.", {"Mali": "MLI", "French ambassador": "FRAGOV"}, ("MLI", "FRAGOV", "17")),
])
def test_ambiguous_verbs_still_code_their_political_sense(nlp, text, actors, expected):
    assert expected in _code(nlp, text, actors)


@pytest.mark.parametrize("text, actors", [
    ("Oman has no plans to expel Yemeni workers.", {"Oman": "OMN", "Yemeni workers": "YEMLAB"}),
    ("Germany has no intention of sending troops to Mali.", {"Germany": "DEU", "Mali": "MLI"}),
    ("Peru did not agree to extradite the Bolivian suspect.", {"Peru": "PER", "Bolivian": "BOL"}),
])
def test_negation_reaches_through_nouns_and_control(nlp, text, actors):
    page = build_page("n", [(text, None, "body")], published=DATE)
    events = code_events(page, nlp(page.text), _mentions(page.text, actors), published=DATE,
                         lexicon=default_lexicon())
    assert events and all(e.modality == "negated" for e in events)


def test_a_stated_demand_takes_the_clause_it_frames(nlp):
    found = _code(nlp, "Ghana reiterated its demand that Togo ease restrictions on Nigerian traders.",
                  {"Ghana": "GHA", "Togo": "TGO", "Nigerian traders": "NGABUS"})
    assert ("GHA", "TGO", "10") in found
    assert not any(source == "TGO" for source, _, _ in found)


def test_prisoners_of_war_are_people_not_a_war(nlp):
    found = _code(nlp, "Armenia and Azerbaijan swapped prisoners of war.", {"Armenia": "ARM", "Azerbaijan": "AZE"})
    assert {("ARM", "AZE", "08"), ("AZE", "ARM", "08")} <= found
    assert not any(root == "19" for _, _, root in found)


def test_arrest_drawing_criticism_has_no_critic(nlp):
    found = _code(nlp, "The arrest of a Thai activist by Laotian police drew wide criticism.",
                  {"Thai activist": "THAOPP", "Laotian police": "LAOCOP"})
    assert not any(root == "11" for _, _, root in found)


# --- the lexicon's word lists and options ------------------------------------------------------------

def test_word_lists_and_new_options_are_read(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("nonactor | jockey, Trainer\nsport | derby\n190 | V | strike | obj=*\n"
                    "084 | V | swap | obj=prisoner mutual\n", encoding="utf-8")
    lists = read_word_lists(path)
    assert lists["nonactor"] == {"jockey", "trainer"} and lists["sport"] == {"derby"}
    entries = {entry.lemma: entry for entry in read_trigger_file(path)}
    assert entries["strike"].obj == ANY_OBJECT and entries["swap"].mutual
    lexicon = load_lexicon(verb_files=[path])
    assert "jockey" in lexicon.non_actors and "derby" in lexicon.sport_words
    assert "player" in lexicon.non_actors  # accord's own lists stay


@pytest.mark.parametrize("line", ["nonactor |", "nonactor | a | b", "sport | , ,"])
def test_bad_word_list_line_names_file_and_line(tmp_path, line):
    path = tmp_path / "bad.txt"
    path.write_text(f"010 | V | say | say\n{line}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        read_trigger_file(path)
    assert caught.value.code == "E201" and "bad.txt" in str(caught.value) and "2" in str(caught.value)


@pytest.mark.parametrize("text, expected", [
    ("The foreign ministers of Japan and South Korea stressed the importance of close cooperation "
     "between Tokyo and Seoul.", True),
    ("Egypt stressed the importance of dialogue with Ethiopia.", True),
    ("The Indian and Pakistani ministers stressed the importance of stability in the region.", False),
    ("The central bank stressed the importance of low inflation.", False),
])
def test_stressing_importance_codes_cooperation_only_about_cooperation(nlp, text, expected):
    from accord.actors import load_knowledge

    page = build_page("s", [(text, None, "body")])
    _, mentions = resolve_actors(page, nlp(page.text), kb=load_knowledge(), date="2020-01-01")
    events = code_events(page, nlp(page.text), mentions, published="2020-01-01", lexicon=load_lexicon())
    coded = [e for e in events if e.trigger == "stressed" and e.cameo_root == "03"]
    assert bool(coded) == expected
