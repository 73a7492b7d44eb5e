"""Mentions, resolution to codes and coreference, on sentences written for these tests.

The knowledge base is the small fixture one (tests/fixtures/actors) plus the
package's description words, so the expectations follow from those files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.actors import knowledge, resolve_actors
from accord.records import build_page

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def kb():
    base = knowledge.build_knowledge(FIXTURES)
    knowledge.load_descriptions(base, knowledge.RESOURCES / "descriptions.csv")
    return base


@pytest.fixture(scope="module")
def full_kb():
    return knowledge.load_knowledge()


def run(nlp, kb, text, date):
    page = build_page("t", [(p, None, "body") for p in text.split("\n\n")])
    actors, mentions = resolve_actors(page, nlp(page.text), kb=kb, date=date)
    for mention in mentions:
        assert page.text[mention.start:mention.end] == mention.text
    for actor in actors:
        for mention in actor.mentions:
            assert page.text[mention.start:mention.end] == mention.text
    return actors, mentions


def mention(mentions, text, nth=0):
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[nth]


@pytest.mark.parametrize("text, date, span, code, kind", [
    # titles with a country and an unknown name
    ("Mexican Foreign Minister Ana Ruiz met reporters on Monday.", "2019-03-01",
     "Mexican Foreign Minister Ana Ruiz", "MEXGOV", "person"),
    ("French President Paul Lemaire spoke to reporters.", "2019-03-01", "French President Paul Lemaire",
     "FRAGOV", "person"),
    # demonyms with group nouns
    ("Burundian militiamen attacked a camp on Sunday.", "2019-03-01", "Burundian militiamen", "BDIMIL", "group"),
    ("Israeli police arrested twelve people.", "2019-03-01", "Israeli police", "ISRCOP", "group"),
    ("Chinese troops held an exercise near the border.", "2019-03-01", "Chinese troops", "CHNMIL", "group"),
    # capitals and seats of government standing for governments
    ("Beijing warned that the tariffs would hurt trade.", "2019-03-01", "Beijing", "CHNGOV", "country"),
    ("The talks with Washington stalled.", "2019-03-01", "Washington", "USAGOV", "country"),
    ("The White House declined to comment.", "2019-03-01", "The White House", "USAGOV", "country"),
    # country names and known organisations
    ("Hungary recalled its ambassador.", "2019-03-01", "Hungary", "HUN", "country"),
    ("The New York Times reported the meeting.", "2019-03-01", "The New York Times", "USAMED", "organisation"),
    # known people on the date
    ("Rex Tillerson arrived in Mexico City.", "2017-03-01", "Rex Tillerson", "USAGOV", "person"),
])
def test_resolves_codes(nlp, kb, text, date, span, code, kind):
    _, mentions = run(nlp, kb, text, date)
    found = mention(mentions, span)
    assert (found.code, found.kind) == (code, kind)


@pytest.mark.parametrize("text, span", [
    ("The ministers met in Budapest on Monday.", "Budapest"),
    ("Protests spread to Tijuana overnight.", "Tijuana"),
])
def test_places_stay_places(nlp, kb, text, span):
    _, mentions = run(nlp, kb, text, "2019-03-01")
    found = mention(mentions, span)
    assert found.kind == "place" and found.actor is None and found.code is not None


@pytest.mark.parametrize("date, code", [("2015-06-01", "USAMIL"), ("2017-03-01", "USAGOV")])
def test_role_changes_over_time(nlp, kb, date, code):
    actors, mentions = run(nlp, kb, "John Kelly inspected the border crossing.", date)
    assert mention(mentions, "John Kelly").code == code
    assert [a.code for a in actors if a.name == "John Kelly"] == [code]


def test_unknown_person_without_title_has_no_code(nlp, kb):
    _, mentions = run(nlp, kb, "Maria Delgado walked to the market.", "2019-03-01")
    assert mention(mentions, "Maria Delgado").code is None


def test_compound_actor_yields_its_parts(nlp, kb):
    _, mentions = run(nlp, kb, "Kelly and Tillerson visited the port.", "2017-03-01")
    whole = mention(mentions, "Kelly and Tillerson")
    assert whole.kind == "group" and whole.code == "USAGOV" and whole.actor is None
    assert mention(mentions, "Kelly").actor is not None
    assert mention(mentions, "Kelly").actor != mention(mentions, "Tillerson").actor
    assert mention(mentions, "Tillerson").code == "USAGOV"


def test_compound_of_demonyms_shares_the_noun(nlp, kb):
    _, mentions = run(nlp, kb, "Senior Hungarian and Romanian officials met on Friday.", "2019-03-01")
    codes = sorted(m.code for m in mentions if m.via != "compound" and m.code)
    assert codes == ["HUNGOV", "ROUGOV"]


def test_compound_of_countries(nlp, kb):
    _, mentions = run(nlp, kb, "France and Israel signed a treaty.", "2019-03-01")
    assert mention(mentions, "France").code == "FRA"
    assert mention(mentions, "Israel").code == "ISR"
    assert mention(mentions, "France and Israel").code is None


@pytest.mark.parametrize("text, codes", [
    ("The presidents of Kenya and Tanzania met on Monday.", ["KENGOV", "TZAGOV"]),
    ("The foreign ministers of France, Germany and Italy criticised the plan.", ["DEUGOV", "FRAGOV", "ITAGOV"]),
    ("The heads of state of Kenya and Tanzania met on Monday.", ["KENGOV", "TZAGOV"]),
])
def test_a_plural_title_over_conjoined_countries_is_one_actor_per_country(nlp, full_kb, text, codes):
    _, mentions = run(nlp, full_kb, text, "2019-03-01")
    assert sorted(m.code for m in mentions if m.code and m.code.endswith("GOV")) == codes


def test_a_singular_title_keeps_its_of_phrase_whole(nlp, full_kb):
    """One ambassador accredited to two countries is not two actors."""
    _, mentions = run(nlp, full_kb, "The ambassador of Kenya and Tanzania visited Nairobi.", "2019-03-01")
    assert not [m for m in mentions if m.code in ("KENGOV", "TZAGOV") and m.text in ("Kenya", "Tanzania")]


def test_surname_and_title_surname_join_the_full_name(nlp, kb):
    text = "Luis Videgaray flew to Washington. Secretary Videgaray said the talks went well. Videgaray left."
    actors, mentions = run(nlp, kb, text, "2017-03-01")
    videgaray = [a for a in actors if a.name == "Luis Videgaray"]
    assert len(videgaray) == 1
    assert {"Luis Videgaray", "Secretary Videgaray", "Videgaray"} <= {m.text for m in videgaray[0].mentions}


def test_unknown_surname_joins_unknown_full_name(nlp, kb):
    text = "Opposition leader Carla Montes called a rally. Montes said the vote was rigged."
    actors, _ = run(nlp, kb, text, "2019-03-01")
    montes = [a for a in actors if a.name == "Carla Montes"]
    assert len(montes) == 1 and {m.text for m in montes[0].mentions} >= {"Montes"}


def test_pronoun_subject(nlp, kb):
    _, mentions = run(nlp, kb, "Luis Videgaray arrived on Monday. He criticised the plan.", "2017-03-01")
    he = mention(mentions, "He")
    assert (he.name, he.code, he.via) == ("Luis Videgaray", "MEXGOV", "pronoun")


def test_possessive_country_government(nlp, kb):
    text = "Luis Videgaray said that his country's government would resist the plan."
    _, mentions = run(nlp, kb, text, "2017-03-01")
    government = mention(mentions, "his country's government")
    assert government.code == "MEXGOV" and government.kind == "country"


def test_his_president_is_the_president_of_his_country(nlp, kb):
    _, mentions = run(nlp, kb, "John Kelly contradicted his president on Thursday.", "2017-02-23")
    found = mention(mentions, "his president")
    assert (found.name, found.code) == ("Donald Trump", "USAGOV")


@pytest.mark.parametrize("date, name", [("2016-05-01", "Barack Obama"), ("2018-05-01", "Donald Trump")])
def test_titled_phrase_without_name_uses_the_holder_on_the_date(nlp, kb, date, name):
    _, mentions = run(nlp, kb, "The U.S. president spoke about trade.", date)
    assert mention(mentions, "The U.S. president").name == name


def test_title_alone_links_to_earlier_holder(nlp, kb):
    text = "Donald Trump spoke on Monday.\n\nThe president said the wall would be built."
    actors, mentions = run(nlp, kb, text, "2017-03-01")
    assert mention(mentions, "The president").actor == mention(mentions, "Donald Trump").actor


def test_apposition(nlp, kb):
    text = "The Mexican foreign minister, Luis Videgaray, rejected the plan."
    _, mentions = run(nlp, kb, text, "2017-03-01")
    assert mention(mentions, "The Mexican foreign minister").name == "Luis Videgaray"


@pytest.mark.parametrize("first, expected", [
    ("John Kelly", "John Kelly"),  # held a military role before
    ("Rex Tillerson", None),  # known to the knowledge base, never military
])
def test_former_general_needs_a_military_past(nlp, kb, first, expected):
    text = f"{first} met officials in Mexico City on Thursday. The former general said the plan would be humane."
    _, mentions = run(nlp, kb, text, "2017-03-01")
    general = mention(mentions, "The former general")
    assert (general.name if general.name != general.text else None) == expected


def test_description_with_country_picks_that_country(nlp, kb):
    text = "Luis Videgaray met John Kelly in Mexico City. The Mexican top official said the talks were hard."
    _, mentions = run(nlp, kb, text, "2017-03-01")
    assert mention(mentions, "The Mexican top official").name == "Luis Videgaray"


def test_plural_title_collects_the_holders(nlp, kb):
    text = "Rex Tillerson and John Kelly landed on Wednesday. The two secretaries met the press."
    _, mentions = run(nlp, kb, text, "2017-03-01")
    pair = mention(mentions, "The two secretaries")
    assert pair.code == "USAGOV" and "Tillerson" in pair.name and "Kelly" in pair.name


def test_stance_prefix_is_not_a_nationality(nlp, kb):
    _, mentions = run(nlp, kb, "A pro-Chinese newspaper criticised the mayor.", "2019-03-01")
    assert all(m.code != "CHNMED" for m in mentions)


def test_actor_records_group_mentions(nlp, kb):
    actors, mentions = run(nlp, kb, "Mexico protested. Mexico recalled its envoy to Hungary.", "2019-03-01")
    mexico = [a for a in actors if a.code == "MEX"]
    assert len(mexico) == 1 and len(mexico[0].mentions) == 2 and mexico[0].kind == "country"
    assert all(m.actor is None or actors[m.actor].code == m.code for m in mentions)


def test_known_surname_inside_another_name_is_not_that_person(nlp, kb):
    _, mentions = run(nlp, kb, "Megyn Kelly interviewed the senator on Monday.", "2017-03-01")
    assert mention(mentions, "Megyn Kelly").name == "Megyn Kelly"
    assert mention(mentions, "Megyn Kelly").code is None


def test_honorific_keeps_the_known_person(nlp, kb):
    _, mentions = run(nlp, kb, "Mr Tillerson flew to Mexico City on Wednesday.", "2017-03-01")
    assert mention(mentions, "Mr Tillerson").name == "Rex Tillerson"


@pytest.mark.parametrize("text, code", [
    ("President Aldo Pena said Hungary would join the pact.", "HUNGOV"),
    ("Romania held talks. Romania and Hungary met. President Aldo Pena said Hungary and France agreed.", "ROUGOV"),
])
def test_titled_person_of_no_stated_country(nlp, kb, text, code):
    _, mentions = run(nlp, kb, text, "2019-03-01")
    assert mention(mentions, "President Aldo Pena").code == code


def test_indefinite_description_is_someone_new(nlp, kb):
    text = "Luis Videgaray met reporters. A senior Mexican official said the talks failed."
    _, mentions = run(nlp, kb, text, "2017-03-01")
    official = mention(mentions, "A senior Mexican official")
    assert official.code == "MEXGOV" and official.name != "Luis Videgaray"
    assert official.actor != mention(mentions, "Luis Videgaray").actor


@pytest.mark.parametrize("text", ["Rice prices rose sharply on Monday.", "The vote is set for May 5 in Budapest."])
def test_alias_words_that_are_not_names(nlp, kb, tmp_path, text):
    extra = tmp_path / "people.csv"
    extra.write_text("name,aliases,code,role,start,end\nAnna May,May,GBRGOV,Prime Minister,2016-07-13,2019-07-24\n"
                     "Cora Rice,Rice,USAGOV,Secretary of State,2016-01-01,2018-01-01\n",
                     encoding="utf-8")
    local = knowledge.build_knowledge(FIXTURES, extra_actor_files=[extra])
    _, mentions = run(nlp, local, text, "2017-03-01")
    assert all(m.kind != "person" for m in mentions)


def test_empty_page_has_no_actors(nlp, kb):
    page = build_page("empty", [("...", None, "body")])
    assert resolve_actors(page, nlp(page.text), kb=kb, date="2020-01-01") == ([], [])


def test_invalid_date_is_a_coded_error(nlp, kb):
    from accord.errors import InputError

    page = build_page("bad-date", [("Mexico protested.", None, "body")])
    with pytest.raises(InputError) as caught:
        resolve_actors(page, nlp(page.text), kb=kb, date="2020-13-01")
    assert caught.value.code == "E112"
