"""The event coder's mechanisms on sentences we wrote, with actor mentions given by hand.

Mentions are built here rather than by the actors stage so that each test checks
the coder alone: "Mexico=MEX" marks every occurrence of "Mexico" as actor MEX.
"""

from __future__ import annotations

import re

import pytest

from accord.events import code_events, load_lexicon
from accord.events.attribution import find_attribution
from accord.events.modality import modality_of
from accord.records import ActorMention, build_page


def _mentions(text: str, actors: dict[str, str]) -> list[ActorMention]:
    found = []
    for name, code in actors.items():
        for match in re.finditer(re.escape(name), text):
            found.append(ActorMention(text=name, start=match.start(), end=match.end(), code=code,
                                      name=name, kind="country"))
    return found


def _code(nlp, text: str, actors: dict[str, str], published: str = "2020-03-11", lexicon=None):
    page = build_page("t", [(paragraph, None, "body") for paragraph in text.split("\n\n")], published=published)
    doc = nlp(page.text)
    return page, code_events(page, doc, _mentions(page.text, actors), published=published, lexicon=lexicon)


def _triples(events) -> set[tuple]:
    return {(e.source, e.target, e.cameo_root) for e in events}


@pytest.mark.parametrize("text, actors, expected", [
    # verbal triggers
    ("Norway visited Chile.", {"Norway": "NOR", "Chile": "CHL"}, ("NOR", "CHL", "04")),
    ("The Kenyan police arrested Somali traders on Friday.", {"Kenyan": "KEN", "Somali": "SOM"}, ("KEN", "SOM", "17")),
    ("Peru imposed tariffs on Bolivia.", {"Peru": "PER", "Bolivia": "BOL"}, ("PER", "BOL", "16")),
    ("Ghana condemned Togo for the border raid.", {"Ghana": "GHA", "Togo": "TGO"}, ("GHA", "TGO", "11")),
    ("Laos deported hundreds of Thai workers.", {"Laos": "LAO", "Thai": "THA"}, ("LAO", "THA", "17")),
    ("Fiji signed a fisheries treaty with Samoa.", {"Fiji": "FJI", "Samoa": "WSM"}, ("FJI", "WSM", "05")),
    ("Chad accused Sudan of arming the rebels.", {"Chad": "TCD", "Sudan": "SDN"}, ("TCD", "SDN", "11")),
    ("Armenian troops attacked Azerbaijani positions.", {"Armenian": "ARM", "Azerbaijani": "AZE"}, ("ARM", "AZE", "19")),
    # nominal triggers with their own source
    ("Mali announced a suspension of air links with Niger.", {"Mali": "MLI", "Niger": "NER"}, ("MLI", "NER", "16")),
    ("Uruguay's visit to Paraguay went well.", {"Uruguay": "URY", "Paraguay": "PRY"}, ("URY", "PRY", "04")),
    ("Students in Serbia staged mass protests against the government of Serbia.",
     {"Serbia": "SRB"}, ("SRB", "SRB", "14")),
    # passive voice: the agent is the source, the subject the target
    ("Lebanese fishermen were detained by the Cypriot coast guard.", {"Lebanese": "LBN", "Cypriot": "CYP"},
     ("CYP", "LBN", "17")),
    # control: the subject of "agreed" sets up; the code is the intent
    ("Oman agreed to set up a joint committee with Yemen.", {"Oman": "OMN", "Yemen": "YEM"}, ("OMN", "YEM", "03")),
    ("Nepal threatened to cut ties with Bhutan.", {"Nepal": "NPL", "Bhutan": "BTN"}, ("NPL", "BTN", "13")),
    ("Cuba refused to meet Honduras.", {"Cuba": "CUB", "Honduras": "HND"}, ("CUB", "HND", "12")),
    ("Iceland demanded that Denmark withdraw its fleet.", {"Iceland": "ISL", "Denmark": "DNK"}, ("ISL", "DNK", "10")),
    # a future material act is a statement of intent or a threat
    ("Austria will provide emergency aid to Slovenia.", {"Austria": "AUT", "Slovenia": "SVN"}, ("AUT", "SVN", "03")),
    ("Angola said it would impose sanctions on Zambia.", {"Angola": "AGO", "Zambia": "ZMB"}, ("AGO", "ZMB", "13")),
    ("Benin will close its embassy in Niger unless Niger frees the journalists.",
     {"Benin": "BEN", "Niger": "NER"}, ("BEN", "NER", "13")),
    # reported speech: "X said Y must ..." is X's demand on Y
    ("Egypt said Ethiopia must halt the dam project.", {"Egypt": "EGY", "Ethiopia": "ETH"}, ("EGY", "ETH", "10")),
    # participles: "responded by expressing concern" is the subject's comment
    ("Chile responded by expressing its concern over Argentina's new tariffs.",
     {"Chile": "CHL", "Argentina": "ARG"}, ("CHL", "ARG", "01")),
    # "describe X as Y" with a slur is a denunciation
    ("Poland described the Russian envoys as liars.", {"Poland": "POL", "Russian": "RUS"}, ("POL", "RUS", "11")),
])
def test_mechanism(nlp, text, actors, expected):
    _, events = _code(nlp, text, actors)
    assert expected in _triples(events), [(e.source, e.target, e.cameo, e.trigger) for e in events]


def test_conjoined_subjects_give_one_event_each(nlp):
    _, events = _code(nlp, "Kenya and Uganda condemned Tanzania.", {"Kenya": "KEN", "Uganda": "UGA", "Tanzania": "TZA"})
    assert {("KEN", "TZA", "11"), ("UGA", "TZA", "11")} <= _triples(events)


def test_conjoined_targets_give_one_event_each(nlp):
    _, events = _code(nlp, "Spain criticized Italy and Greece.", {"Spain": "ESP", "Italy": "ITA", "Greece": "GRC"})
    assert {("ESP", "ITA", "11"), ("ESP", "GRC", "11")} <= _triples(events)


def test_symmetric_meeting_of_conjoined_actors_goes_both_ways(nlp):
    _, events = _code(nlp, "Sweden and Finland met in Oslo.", {"Sweden": "SWE", "Finland": "FIN"})
    assert {("SWE", "FIN", "04"), ("FIN", "SWE", "04")} <= _triples(events)


def test_passive_subject_noun_is_an_event_of_its_own(nlp):
    _, events = _code(nlp, "Russia's invasion of Ukraine was condemned by Canada.",
                      {"Russia": "RUS", "Ukraine": "UKR", "Canada": "CAN"})
    assert {("RUS", "UKR", "19"), ("CAN", "RUS", "11")} <= _triples(events)


def test_conjoined_subjects_agreeing_are_each_others_targets(nlp):
    _, events = _code(nlp, "Turkey and Greece agreed to resume talks.", {"Turkey": "TUR", "Greece": "GRC"})
    assert {("TUR", "GRC", "03"), ("GRC", "TUR", "03")} <= _triples(events)


def test_denial_of_a_claim(nlp):
    _, events = _code(nlp, "Venezuela denied that its soldiers had crossed into Colombia.",
                      {"Venezuela": "VEN", "Colombia": "COL"})
    assert [(e.source, e.target, e.cameo) for e in events] == [("VEN", "COL", "016")]


def test_several_events_in_one_sentence(nlp):
    _, events = _code(nlp, "Qatar praised Kuwait, but Bahrain accused Oman of spying.",
                      {"Qatar": "QAT", "Kuwait": "KWT", "Bahrain": "BHR", "Oman": "OMN"})
    assert {("QAT", "KWT", "05"), ("BHR", "OMN", "11")} <= _triples(events)


def test_reporting_verb_gives_way_to_the_reported_event(nlp):
    _, events = _code(nlp, "Vietnam said that Cambodia arrested its fishermen.", {"Vietnam": "VNM", "Cambodia": "KHM"})
    arrests = [e for e in events if e.cameo_root == "17"]
    assert arrests and arrests[0].source == "KHM" and arrests[0].modality == "reported"
    assert not any(e.cameo_root == "01" for e in events)


def test_plain_statement_is_coded_when_it_reports_no_event(nlp):
    _, events = _code(nlp, "Jordan said the border would stay calm.", {"Jordan": "JOR"})
    assert [(e.source, e.cameo) for e in events] == [("JOR", "010")]


def test_background_noun_is_not_an_event_of_the_main_actor(nlp):
    _, events = _code(nlp, "Georgia imposed a curfew after a demonstration in Tbilisi.", {"Georgia": "GEO"})
    assert [e.cameo_root for e in events] == ["17"]


def test_object_noun_is_absorbed_by_its_verb(nlp):
    _, events = _code(nlp, "Canada imposed sanctions on Belarus.", {"Canada": "CAN", "Belarus": "BLR"})
    assert [(e.source, e.target, e.cameo) for e in events] == [("CAN", "BLR", "163")]


def test_implicit_partner_comes_from_the_preceding_sentence(nlp):
    text = "Relations between Brazil and Venezuela are tense. Brazil may cut down on trade."
    _, events = _code(nlp, text, {"Brazil": "BRA", "Venezuela": "VEN"})
    cuts = [e for e in events if e.cameo_root == "16"]
    assert cuts and cuts[0].target == "VEN" and cuts[0].modality == "hypothetical"


def test_event_records_explain_themselves(nlp):
    page, events = _code(nlp, "Morocco hosted Tunisia in Rabat.", {"Morocco": "MAR", "Tunisia": "TUN"})
    event = events[0]
    assert page.text[slice(*event.offsets.trigger)] == "hosted"
    assert page.text[slice(*event.offsets.source)] == "Morocco"
    assert page.text[slice(*event.offsets.target)] == "Tunisia"
    assert page.text[slice(*event.offsets.sentence)] == event.sentence
    assert re.fullmatch(r"043:v:host@\d+", event.rule)
    assert (event.cameo, event.quad_class, event.plover) == ("043", 1, "CONSULT")
    assert event.location is not None and event.location.country == "MAR"


def test_dates_carry_across_sentences_and_fill_the_lead(nlp):
    text = ("Serbia visited Croatia.\n\nThe talks took place last Thursday, when Serbia praised Croatia.\n\n"
            "Serbia also criticised Kosovo.")
    _, events = _code(nlp, text, {"Serbia": "SRB", "Croatia": "HRV", "Kosovo": "XKX"}, published="2017-02-27")
    by_root = {e.cameo_root: e.date for e in events}
    assert by_root == {"04": "2017-02-23", "05": "2017-02-23", "11": "2017-02-23"}


def test_discard_phrase_drops_the_sentence(nlp, tmp_path):
    discards = tmp_path / "discards.txt"
    discards.write_text("# sport, not politics\nWORLD CUP\n", encoding="utf-8")
    lexicon = load_lexicon(discard_files=[discards])
    text = "Brazil defeated Germany in the World Cup. Brazil condemned Germany."
    _, events = _code(nlp, text, {"Brazil": "BRA", "Germany": "DEU"}, lexicon=lexicon)
    assert [e.sentence_index for e in events] == [1]


# --- modality -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, expected", [
    ("Peru arrested the smugglers.", "arrested", "asserted"),
    ("Peru did not arrest the smugglers.", "arrest", "negated"),
    ("Peru never arrested the smugglers.", "arrested", "negated"),
    ("Peru may arrest the smugglers.", "arrest", "hypothetical"),
    ("It is possible that Peru could arrest the smugglers.", "arrest", "hypothetical"),
    ("Peru will arrest the smugglers if they return.", "arrest", "hypothetical"),
    ("The implication is that Peru arrested the smugglers.", "arrested", "implied"),
    ("The move signals that Peru will arrest the smugglers.", "arrest", "implied"),
])
def test_modality(nlp, text, trigger, expected):
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    assert modality_of(token) == expected


# --- attribution -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Peru arrested the smugglers, reported the Lima Herald.", "the Lima Herald"),
    ("According to La Republica, Peru arrested the smugglers.", "La Republica"),
    ("Peru arrested the smugglers, according to the newspaper El Comercio.", "El Comercio"),
    ("Peru arrested the smugglers, witnesses said.", "witnesses"),
    ("Peru arrested the smugglers, a senior official said on Monday.", "a senior official"),
    ("The minister told Reuters that Peru arrested the smugglers.", "Reuters"),
])
def test_attribution_forms(nlp, text, expected):
    doc = nlp(text)
    found = find_attribution(doc[:], [])
    assert found is not None and found.text == expected


def test_speaker_up_front_is_no_attribution(nlp):
    doc = nlp("The minister said that Peru arrested the smugglers.")
    assert find_attribution(doc[:], []) is None


def test_attribution_reaches_the_events_of_its_sentence_only(nlp):
    text = "Ecuador expelled Colombian diplomats, reported the Quito Times. Ecuador praised Peru."
    _, events = _code(nlp, text, {"Ecuador": "ECU", "Colombian": "COL", "Peru": "PER"})
    credited = {e.cameo_root: e.attributed_to for e in events}
    assert credited == {"16": "the Quito Times", "05": None}


def test_a_place_is_never_a_source_but_a_visit_aims_at_it(nlp):
    text = "Amman hosted talks. Iraqi envoys arrived in Amman on Monday."
    page = build_page("t", [(text, None, "body")], published="2020-03-11")
    mentions = [ActorMention("Amman", m.start(), m.end(), "JOR", "Amman", "place")
                for m in re.finditer("Amman", text)]
    mentions += _mentions(text, {"Iraqi": "IRQ"})
    events = code_events(page, nlp(page.text), mentions, published="2020-03-11")
    assert {(e.source, e.target, e.cameo_root) for e in events} == {("IRQ", "JOR", "04")}


def test_stance_passive_keeps_its_subject_as_source(nlp):
    _, events = _code(nlp, "Israel is opposed to French mediation.", {"Israel": "ISR", "French": "FRA"})
    assert ("ISR", "FRA", "12") in _triples(events)


def test_statement_whose_clause_names_no_actor_is_a_statement(nlp):
    _, events = _code(nlp, "Qatar said there would be no mass deportation.", {"Qatar": "QAT"})
    assert [(e.source, e.cameo) for e in events] == [("QAT", "010")]


def test_user_dictionary_codes_are_not_shifted(nlp, tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("163 | V | impose\n", encoding="utf-8")
    lexicon = load_lexicon(verb_files=[path])
    _, events = _code(nlp, "Angola will impose a levy on Zambia.", {"Angola": "AGO", "Zambia": "ZMB"}, lexicon=lexicon)
    assert [(e.source, e.target, e.cameo) for e in events] == [("AGO", "ZMB", "163")]


@pytest.mark.parametrize("text, expected", [
    ("The Ugandan police's arrest of Kenyan traders angered Kenya.", ("UGA", "KEN", "17")),
    ("The Kenyan traders' arrest by Ugandan police angered Kenya.", ("UGA", "KEN", "17")),
])
def test_possessor_of_an_arrest(nlp, text, expected):
    _, events = _code(nlp, text, {"Kenya": "KEN", "Kenyan": "KEN", "Ugandan": "UGA"})
    arrests = {t for t in _triples(events) if t[2] == "17"}
    assert arrests == {expected}


def test_events_of_one_sentence_take_the_date_nearest_their_trigger(nlp):
    # the sentence's dates are found once and shared; each event still picks its own
    text = "Peru imposed tariffs on Bolivia on Monday, days before Chile visited Ecuador on Friday."
    _, events = _code(nlp, text, {"Peru": "PER", "Bolivia": "BOL", "Chile": "CHL", "Ecuador": "ECU"},
                      published="2020-03-11")
    dates = {(e.source, e.cameo_root): e.date for e in events}
    assert dates == {("PER", "16"): "2020-03-09", ("CHL", "04"): "2020-03-06"}


def test_events_of_one_sentence_share_its_places_but_not_their_actors(nlp):
    text = "Chile visited Bolivia in La Paz, and Peru protested in Lima."
    _, events = _code(nlp, text, {"Peru": "PER", "Bolivia": "BOL", "Chile": "CHL"})
    places = {e.source: e.location.name if e.location else None for e in events}
    assert places.get("CHL") == "La Paz" and places.get("PER") == "Lima", places


def test_sentence_matches_are_the_same_with_the_tokens_given(nlp):
    from accord.events.coder import _Mentions, _notable, code_sentence_matches

    text = "Egypt said Ethiopia must halt the dam project, according to a statement by Sudan."
    doc = nlp(text)
    index = _Mentions(_mentions(text, {"Egypt": "EGY", "Ethiopia": "ETH", "Sudan": "SDN"}))
    lexicon = load_lexicon()
    sentence = doc[:]
    attribution = find_attribution(list(sentence), index.items)
    assert attribution == find_attribution(sentence, index.items)

    def summary(matches):
        return [(m.token.i, m.code, m.absorbed, [s.code for s, _ in m.sources], [t.code for t, _ in m.targets])
                for m in matches]

    plain = summary(code_sentence_matches(sentence, index, lexicon, attribution))
    assert plain
    assert summary(code_sentence_matches(sentence, index, lexicon, attribution, tokens=list(sentence))) == plain
    # the words the coder passes: possible triggers and "according", read from the doc's arrays
    notable = [token for token, keep in zip(doc, _notable(doc)) if keep]
    assert notable == [t for t in doc if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ") or t.lower_ == "according"]
    assert "according" in [t.lower_ for t in notable] and len(notable) < len(doc)
    assert find_attribution(notable, index.items) == attribution
    assert summary(code_sentence_matches(sentence, index, lexicon, attribution, tokens=notable)) == plain


def test_a_place_tied_to_another_trigger_is_not_this_events_place(nlp):
    """"Peru imposed tariffs on Bolivia, days before Chile visited Ecuador in Quito": Quito is where
    Chile's visit went; the tariffs have no place. Coordinated triggers share theirs."""
    actors = {"Peru": "PER", "Bolivia": "BOL", "Chile": "CHL", "Ecuador": "ECU", "Spain": "ESP", "Morocco": "MAR"}
    _, events = _code(nlp, "Peru imposed tariffs on Bolivia on Monday, days before Chile met Ecuador in Quito.",
                      actors)
    places = {(e.source, e.trigger): e.location.name if e.location else None for e in events}
    assert places[("PER", "imposed")] is None
    assert places[("CHL", "met")] == "Quito"
    _, events = _code(nlp, "Spain met Morocco in Rabat and signed an agreement with Morocco.", actors)
    assert {e.trigger: e.location.name for e in events if e.location} == {"met": "Rabat", "signed": "Rabat"}
