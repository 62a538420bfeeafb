from __future__ import annotations

import re

import pytest

from storyweave.analyze.entities import merge_entities
from storyweave.model import Article, Mention
from storyweave.nlp.entities import RuleTagger, SpacyTagger, model_available


def mentions(*items: tuple[str, str, str]) -> list[Mention]:
    """(text, label, article) triples, placed one after another in their article."""
    placed, offsets = [], {}
    for text, label, article in items:
        start = offsets.get(article, 0)
        placed.append(Mention(text, label, article, start, start + len(text)))
        offsets[article] = start + len(text) + 10
    return placed


def names(entities) -> dict[str, set[str]]:
    return {e.name: set(e.aliases) for e in entities}


def test_titles_surnames_and_transliterations_merge_into_one_person():
    entities = merge_entities(mentions(
        ("Attorney General Jeff Sessions", "PERSON", "a"), ("Sessions", "PERSON", "a"),
        ("Mr. Sessions", "PERSON", "b"), ("Mr Sessions", "PERSON", "c"),
        ("Sergei Kislyak", "PERSON", "a"), ("Sergey Kislyak", "PERSON", "b"), ("Kislyak", "PERSON", "c"),
        ("Mike Flynn", "PERSON", "a"), ("Michael Flynn", "PERSON", "b"),
        ("Fred Bartlit", "PERSON", "a"), ("Chief Counsel Fred Bartlit", "PERSON", "b"),
        ("Counsel Fred Bartlit", "PERSON", "c"),
        ("Pte Johnson Beharry", "PERSON", "a"), ("Pte Beharry", "PERSON", "b"),
    ), texts=[])
    found = names(entities)
    assert found["Fred Bartlit"] == {"Fred Bartlit", "Chief Counsel Fred Bartlit", "Counsel Fred Bartlit"}
    assert found["Jeff Sessions"] == {"Attorney General Jeff Sessions", "Sessions", "Mr. Sessions", "Mr Sessions"}
    assert found["Sergei Kislyak"] == {"Sergei Kislyak", "Sergey Kislyak", "Kislyak"}
    assert {"Mike Flynn", "Michael Flynn"} in [aliases for aliases in found.values()]
    assert found["Johnson Beharry"] == {"Pte Johnson Beharry", "Pte Beharry"}  # a soldier's rank is a title
    # a surname's particle is no given name, capitalised at a sentence's start or not
    found = names(merge_entities(mentions(
        ("President F.W. de Klerk", "PERSON", "a"), ("De Klerk", "PERSON", "a"), ("Mr. de Klerk", "PERSON", "b"),
        ("Vincent van Gogh", "PERSON", "a"), ("van Gogh", "PERSON", "b"), ("Ludwig van Beethoven", "PERSON", "a"),
        ("Beethoven", "PERSON", "b"), ("Osama bin Laden", "PERSON", "a"), ("Bin Laden", "PERSON", "b")), texts=[]))
    assert found == {"F.W. de Klerk": {"President F.W. de Klerk", "De Klerk", "Mr. de Klerk"},
                     "Vincent van Gogh": {"Vincent van Gogh", "van Gogh"},
                     "Ludwig van Beethoven": {"Ludwig van Beethoven", "Beethoven"},
                     "Osama bin Laden": {"Osama bin Laden", "Bin Laden"}}
    sessions = next(e for e in entities if e.name == "Jeff Sessions")
    assert (len(sessions.mentions), sessions.articles) == (4, ["a", "b", "c"])


def test_acronyms_and_reordered_department_names_merge():
    entities = merge_entities(mentions(
        ("Federal Bureau of Investigation", "ORG", "a"), ("FBI", "ORG", "b"), ("the FBI", "ORG", "c"),
        ("Department of Justice", "ORG", "a"), ("Justice Department", "ORG", "b"), ("DOJ", "ORG", "c"),
    ), texts=[])
    found = names(entities)
    assert found["Federal Bureau of Investigation"] == {"Federal Bureau of Investigation", "FBI", "the FBI"}
    assert found["Department of Justice"] == {"Department of Justice", "Justice Department", "DOJ"}
    # a country before the name stays before it when the name is reordered
    state = names(merge_entities(mentions(("The U.S. Department of State", "ORG", "a"),
                                          ("U.S. State Department", "ORG", "b"), ("State Department", "ORG", "c")),
                                 texts=[]))
    assert list(state.values()) == [{"The U.S. Department of State", "U.S. State Department", "State Department"}]
    spaced = names(merge_entities(mentions(("ExxonMobil", "ORG", "a"), ("Exxon Mobil", "ORG", "b"),
                                           ("Exxon Mobil's", "ORG", "c")), texts=[]))
    assert list(spaced.values()) == [{"ExxonMobil", "Exxon Mobil", "Exxon Mobil's"}]  # one company, spaced otherwise


def test_two_people_sharing_a_surname_stay_apart_and_a_bare_surname_goes_to_the_one_nearby():
    entities = merge_entities(mentions(
        ("John Smith", "PERSON", "a"), ("Smith", "PERSON", "a"),
        ("Jane Smith", "PERSON", "b"), ("Smith", "PERSON", "b"),
    ), texts=[])
    found = {e.name: e for e in entities}
    assert set(found) == {"John Smith", "Jane Smith"}
    assert found["John Smith"].articles == ["a"] and found["Jane Smith"].articles == ["b"]
    assert len(found["John Smith"].mentions) == len(found["Jane Smith"].mentions) == 2


def test_a_bare_surname_far_below_a_namesake_goes_to_the_one_the_story_names_most():
    from storyweave.analyze.entities import NEAR_CHARACTERS

    # a chronology names the daughter once; "Gaddafi" a paragraph further on is the colonel again
    colonel = [("Muammar Gaddafi", "PERSON", "a")] * 6
    chronology = [Mention("Muammar Gaddafi", "PERSON", "b", 0, 15), Mention("Aisha Gaddafi", "PERSON", "b", 900, 913),
                  Mention("Gaddafi", "PERSON", "b", 930, 937),
                  Mention("Gaddafi", "PERSON", "b", 913 + NEAR_CHARACTERS + 50, 920 + NEAR_CHARACTERS + 50)]
    found = {e.name: e for e in merge_entities(mentions(*colonel) + chronology, texts=[])}
    assert set(found) == {"Muammar Gaddafi", "Aisha Gaddafi"}  # named in full, though once
    assert [m.start for m in found["Aisha Gaddafi"].mentions] == [900, 930]


def test_a_place_that_opens_an_organisation_name_is_not_that_organisation():
    entities = merge_entities(mentions(("Port Alder City Council", "ORG", "a"), ("City Council", "ORG", "b"),
                                       ("Port Alder", "GPE", "a")), texts=[])
    assert set(names(entities)) == {"Port Alder City Council", "Port Alder"}


def test_a_name_tagged_a_person_once_and_a_place_once_is_typed_by_how_it_is_written():
    town = merge_entities(mentions(("Port Alder", "PERSON", "a"), ("Port Alder", "GPE", "b")), texts=[])
    assert [(e.name, e.type) for e in town] == [("Port Alder", "GPE")]
    # A person is also written by surname: the tie goes to the person.
    person = merge_entities(mentions(("Linda Carraway", "PERSON", "a"), ("Carraway", "ORG", "b")), texts=[])
    assert [(e.name, e.type) for e in person] == [("Linda Carraway", "PERSON")]


def typed(texts: list[str], *tagged: tuple[str, str, str]) -> set[tuple[str, str]]:
    """The (name, type) of the entities merged from these tagged mentions, read against the texts."""
    return {(e.name, e.type) for e in merge_entities(mentions(*tagged), texts=texts)}


def test_a_town_the_tagger_calls_a_person_is_a_place_where_the_text_puts_it_after_in_or_near():
    texts = ["Rebels in Misrata held the port. Shelling near Misrata went on. Misrata's hospital is full.",
             "Delgado said the fire was out. Officials in Tacoma thanked Delgado."]
    assert typed(texts, ("Misrata", "PERSON", "a"), ("Misrata", "PERSON", "a"), ("Delgado", "PERSON", "b"),
                 ("Delgado", "PERSON", "b")) == {("Misrata", "GPE"), ("Delgado", "PERSON")}
    # "from" and "to" place it too, but "according to" names a source
    texts = ["Troops blocked the routes from Falluja. A visit to Falluja showed ruin. Falluja is a ruin.",
             "Delgado spoke. According to Delgado, the fire was out."]
    assert typed(texts, ("Falluja", "PERSON", "a"), ("Falluja", "PERSON", "a"), ("Delgado", "PERSON", "b"),
                 ("Delgado", "PERSON", "b")) == {("Falluja", "GPE"), ("Delgado", "PERSON")}
    # ...and so does who holds it: "rebel-held Misrata", "besieged Misrata"
    texts = ["Shelling hit rebel-held Misrata again. Food ran short in besieged Misrata. Misrata waits.",
             "Delgado spoke. Officials thanked Delgado."]
    assert typed(texts, *[("Misrata", "PERSON", "a")] * 3, ("Delgado", "PERSON", "b"),
                 ("Delgado", "PERSON", "b")) == {("Misrata", "GPE"), ("Delgado", "PERSON")}


def test_a_town_put_after_a_place_preposition_a_third_of_the_time_is_a_place_unless_someone_is_named_so():
    texts = ["Troops reached the center of Misrata. An assault on Misrata began. Fighting in Misrata went on.",
             "Rebels held two towns, Misrata and Zawiyah. Misrata could be a stepping stone.",
             "Reyes spoke in the hall. The crowd cheered Reyes. Reyes said the vote was fair. Reyes left."]
    assert typed(texts, *[("Misrata", "PERSON", "a")] * 3, *[("Misrata", "PERSON", "b")] * 2,
                 *[("Reyes", "PERSON", "c")] * 4) == {("Misrata", "GPE"), ("Reyes", "PERSON")}
    # a person placed as often, but who says something, stays a person
    texts = ["Officials in Reyes met. Shelling near Reyes went on. Reyes said the vote was fair. Reyes left.",
             "Reyes waved. The crowd cheered Reyes."]
    assert typed(texts, *[("Reyes", "PERSON", "a")] * 4, *[("Reyes", "PERSON", "b")] * 2) == {("Reyes", "PERSON")}


def test_a_person_the_texts_name_after_the_drug_or_the_ship_is_a_thing():
    texts = ["His death was caused by the anesthetic Propofol. Murray gave him Propofol nightly.",
             "Death was caused by the anesthetic Propofol. Specifically Propofol, the judge said. Murray spoke."]
    assert typed(texts, *[("Propofol", "PERSON", "a")] * 2, *[("Propofol", "PERSON", "b")] * 2,
                 ("Murray", "PERSON", "a"), ("Murray", "PERSON", "b")) == {("Propofol", "PRODUCT"), ("Murray", "PERSON")}


def test_drugs_named_two_of_a_kind_or_by_their_maker_are_things_and_a_brand_in_camel_case_a_company():
    texts = ["It responds to the antiviral drugs Tamiflu and Relenza. Relenza, made by GlaxoSmithKline, is inhaled.",
             "Roche, which makes Tamiflu, and GlaxoSmithKline will double output. Chan said so."]
    assert typed(texts, ("Tamiflu", "ORG", "a"), ("Relenza", "PERSON", "a"), ("Relenza", "PERSON", "a"),
                 ("GlaxoSmithKline", "PERSON", "a"), ("Roche", "ORG", "b"), ("Tamiflu", "ORG", "b"),
                 ("GlaxoSmithKline", "PERSON", "b"), ("Chan", "PERSON", "b")) == {
        ("Tamiflu", "PRODUCT"), ("Relenza", "PRODUCT"), ("GlaxoSmithKline", "ORG"), ("Roche", "ORG"),
        ("Chan", "PERSON")}
    # an acronym spelt out in lowercase words is a thing; one spelt out as a name an organisation
    spelt = ["The cap sits on the failed blowout preventer (BOP). The BOP failed. Robots (ROV) cut it.",
             "The World Health Organization (WHO) said the BOP leaked, the network (CNN) reported. CNN said so."]
    assert typed(spelt, ("BOP", "ORG", "a"), ("BOP", "ORG", "a"), ("WHO", "ORG", "b"), ("BOP", "ORG", "b"),
                 ("CNN", "ORG", "b"), ("CNN", "ORG", "b")) == {("BOP", "PRODUCT"), ("WHO", "ORG"), ("CNN", "ORG")}
    # a model named before what it is; a company that makes such things stays a company
    chips = ["Intel said servers run on Atom chips. Intel chips are cheap. Intel chips sell. Intel grew.",
             "Atom processors use little power, Intel said. Intel agreed."]
    assert typed(chips, ("Intel", "ORG", "a"), ("Atom", "PERSON", "a"), ("Intel", "ORG", "a"), ("Intel", "ORG", "a"),
                 ("Intel", "ORG", "a"), ("Atom", "PERSON", "b"), ("Intel", "ORG", "b"), ("Intel", "ORG", "b")) == {
        ("Intel", "ORG"), ("Atom", "PRODUCT")}


def test_a_storms_name_alone_is_the_storm():
    texts = ["Hurricane Mitch hit Honduras. Mitch killed 32 people. Mitch moved west.",
             "Forecasters said Mitch was weakening. Brown said the island was flattened."]
    assert typed(texts, ("Hurricane Mitch", "ORG", "a"), ("Mitch", "PERSON", "a"), ("Mitch", "PERSON", "a"),
                 ("Mitch", "PERSON", "b"), ("Brown", "PERSON", "b")) == {("Hurricane Mitch", "EVENT"), ("Brown", "PERSON")}


def test_a_name_written_before_its_country_or_called_a_city_is_a_place():
    texts = ["An American tourist fell from his boat south of Cancun, Mexico. Tourists left Cancun. Flores spoke.",
             "Rivers isolated La Ceiba, a coastal city of 40,000 people. Mexico sent aid to La Ceiba.",
             "Juan Flores, Mexico's ambassador, said aid was coming. Flores, a city councilman, agreed. "
             "Flores, Mexico City's mayor, spoke. Imperial College, London, and Steve Perry, Pittsburgh, agreed."]
    assert typed(texts, ("Cancun", "PERSON", "a"), ("Cancun", "PERSON", "a"), ("Mexico", "GPE", "b"),
                 ("La Ceiba", "ORG", "b"), ("La Ceiba", "ORG", "b"), ("Juan Flores", "PERSON", "c"),
                 ("Flores", "PERSON", "a"), ("Flores", "PERSON", "c"), ("Flores", "PERSON", "c"),
                 ("Imperial College", "ORG", "c"), ("Steve Perry", "PERSON", "c"), ("London", "GPE", "c"),
                 ("Pittsburgh", "GPE", "c")) == {
        ("Cancun", "GPE"), ("La Ceiba", "GPE"), ("Mexico", "GPE"), ("Juan Flores", "PERSON"),
        ("Imperial College", "ORG"), ("Steve Perry", "PERSON"), ("London", "GPE"), ("Pittsburgh", "GPE")}


def test_a_company_the_tagger_took_for_its_premises_is_an_organisation():
    texts = ["A fire at the Halvorsen Chemicals plant sent 12 workers to hospital.", "Smoke rose over Commencement Bay."]
    assert typed(texts, ("Halvorsen Chemicals", "FAC", "a"), ("Commencement Bay", "LOC", "b")) == {
        ("Halvorsen Chemicals", "ORG"), ("Commencement Bay", "LOC")}


def test_a_person_the_texts_call_a_town_or_a_region_is_a_place_even_if_named_once():
    texts = ["One activist said three civilians were killed in the town of Khan Sheikhoun. Police killed five "
             "in the Ghab region. Tellawi said so.", "Delgado said the fire was out."]
    assert typed(texts, ("Khan Sheikhoun", "PERSON", "a"), ("Ghab", "PERSON", "a"), ("Tellawi", "PERSON", "a"),
                 ("Delgado", "PERSON", "b")) == {
        ("Khan Sheikhoun", "GPE"), ("Ghab", "GPE"), ("Tellawi", "PERSON"), ("Delgado", "PERSON")}


def test_a_person_known_by_a_word_the_texts_write_in_the_plural_is_a_group_not_a_surname():
    texts = ["Assad is an Alawite Muslim; the army fears a war between Alawites and Sunnis. A Kurd was held, "
             "and Kurds marched.", "The Obamas flew home. Barack Obama said Obama would return."]
    assert typed(texts, ("Alawite Muslim", "PERSON", "a"), ("Alawite", "PERSON", "a"), ("Kurd", "PERSON", "a"),
                 ("Barack Obama", "PERSON", "b"), ("Obama", "PERSON", "b")) == {
        ("Alawite Muslim", "NORP"), ("Kurd", "NORP"), ("Barack Obama", "PERSON")}


def test_a_person_named_by_a_web_address_or_after_someone_of_is_an_organisation():
    texts = ["Ushahidi maps reports. We've supported Ushahidi - www.ushahidi.com - a crisis site.",
             "Paul Peachy of Christian Aid said it was hard. Mr Peachy of Christian Aid said so again."]
    assert typed(texts, ("Ushahidi", "PERSON", "a"), ("Ushahidi", "PERSON", "a"), ("Paul Peachy", "PERSON", "b"),
                 ("Christian Aid", "PERSON", "b"), ("Christian Aid", "PERSON", "b")) == {
        ("Ushahidi", "ORG"), ("Paul Peachy", "PERSON"), ("Christian Aid", "ORG")}


def test_a_person_the_texts_also_write_in_capitals_within_a_sentence_is_an_organisation():
    texts = ["Unicef said children were at risk, and a UNICEF spokesman said supplies were flown in.",
             "OBAMA PLEDGES AID\nObama said aid was on its way. BLAIR: We will help."]
    assert typed(texts, ("Unicef", "PERSON", "a"), ("UNICEF", "PERSON", "a"), ("Obama", "PERSON", "b"),
                 ("Obama", "PERSON", "b"), ("Blair", "PERSON", "b")) == {
        ("Unicef", "ORG"), ("Obama", "PERSON"), ("Blair", "PERSON")}


def test_a_one_word_person_the_texts_put_on_or_before_users_is_a_website():
    texts = ["Reports on Twitter spoke of chaos. Twitter users posted photos; the Twitter message site was slow.",
             "Delgado said the fire was out. Delgado's crew went home. Officials on Monday thanked Delgado."]
    assert typed(texts, ("Twitter", "PERSON", "a"), ("Twitter", "PERSON", "a"), ("Delgado", "PERSON", "b"),
                 ("Delgado", "PERSON", "b")) == {("Twitter", "ORG"), ("Delgado", "PERSON")}
    # ...or after a possessive, "the" or "using": nobody writes "his Delgado"
    texts = ["Ghonim wrote it in his Twitter too. They called it the Twitter revolution. Protesters were using "
             "Twitter. Twitter was key.", "Delgado said the fire was out. Delgado's crew went home."]
    assert typed(texts, *[("Twitter", "PERSON", "a")] * 4, ("Delgado", "PERSON", "b"),
                 ("Delgado", "PERSON", "b")) == {("Twitter", "ORG"), ("Delgado", "PERSON")}
    # a titled name is someone's, however often an administration is named after them
    texts = ["The Reyes administration said so. The Reyes administration will appeal. Mr. Reyes spoke on Monday."]
    assert typed(texts, ("Reyes", "PERSON", "a"), ("Reyes", "PERSON", "a"), ("Mr. Reyes", "PERSON", "a")) == {
        ("Reyes", "PERSON")}


def test_entities_named_by_more_articles_rank_first_whatever_one_transcript_repeats():
    texts = ["COOPER: Good evening. COOPER: Welcome back. COOPER: Thanks. Mubarak resigned.", "Mubarak resigned.",
             "Mubarak resigned on Friday."]
    entities = merge_entities(mentions(*[("Anderson Cooper", "PERSON", "a")] * 3, ("Hosni Mubarak", "PERSON", "a"),
                                       ("Hosni Mubarak", "PERSON", "b"), ("Hosni Mubarak", "PERSON", "c")), texts=texts)
    assert list(names(entities)) == ["Hosni Mubarak", "Anderson Cooper"]


def test_a_person_of_two_words_the_texts_put_after_the_is_no_person():
    texts = ["The Deepwater Horizon sank. Workers on the Deepwater Horizon were rescued, Tony Hayward said.",
             "Tony Hayward visited the coast. Oil from the Deepwater Horizon reached the coast."]
    assert typed(texts, ("Deepwater Horizon", "PERSON", "a"), ("Deepwater Horizon", "PERSON", "b"),
                 ("Tony Hayward", "PERSON", "a"), ("Tony Hayward", "PERSON", "b")) == {
        ("Deepwater Horizon", "ORG"), ("Tony Hayward", "PERSON")}
    texts = ["The British air raids on Iraq in Operation Desert Fox in 1998 were legal, Tony Hayward said."]
    assert typed(texts, ("Desert Fox", "PERSON", "a"), ("Tony Hayward", "PERSON", "a")) == {
        ("Desert Fox", "EVENT"), ("Tony Hayward", "PERSON")}


def test_a_one_word_person_the_texts_put_after_a_or_this_is_a_thing_not_a_person():
    texts = ["Every executive will sign a Pledge to end the practice. If they do not sign this Pledge, they "
             "forfeit their bonus. Hogan said the Pledge was fair.",
             "Hogan, an analyst, said a Hogan-style rule was unlikely. Analysts like Hogan doubt it."]
    entities = merge_entities(mentions(("Pledge", "PERSON", "a"), ("Pledge", "PERSON", "a"),
                                       ("Hogan", "PERSON", "a"), ("Hogan", "PERSON", "b")), texts=texts)
    assert set(names(entities)) == {"Hogan"}


def test_a_persons_surname_the_tagger_calls_a_place_is_the_person_unless_the_text_puts_it_after_in():
    texts = ["Photographer Lynsey Addario is missing. Addario is an expert. Addario called home, and "
             "Addario's husband heard from Lynsey Addario.",
             "The bill reached George Washington University. Officials in Washington met in Washington."]
    entities = merge_entities(mentions(("Lynsey Addario", "PERSON", "a"), ("Addario", "GPE", "a"),
                                       ("Addario", "GPE", "a"), ("Addario", "GPE", "a"),
                                       ("Lynsey Addario", "PERSON", "a"), ("George Washington", "PERSON", "b"),
                                       ("Washington", "GPE", "b"), ("Washington", "GPE", "b")), texts=texts)
    assert {(e.name, e.type, len(e.mentions)) for e in entities} == {
        ("Lynsey Addario", "PERSON", 5), ("George Washington", "PERSON", 1), ("Washington", "GPE", 2)}


def test_capitalised_common_words_are_not_entities():
    entities = merge_entities(mentions(("Neighbors", "ORG", "a"), ("Tacoma", "GPE", "a"), ("Swine Flu", "PERSON", "a"),
                                       ("New Jersey", "GPE", "a")),
                              texts=["They talked to their neighbors about it. Cases of swine flu rose in New Jersey."])
    assert set(names(entities)) == {"Tacoma", "New Jersey"}
    # a virus strain or an aircraft tagged as a person is no person; a rapper's stage name is
    entities = merge_entities(mentions(("H5N1", "PERSON", "a"), ("A380", "PERSON", "a"), ("50 Cent", "PERSON", "a"),
                                       ("H5N1", "ORG", "b")), texts=[])
    assert {(e.name, e.type) for e in entities} == {("50 Cent", "PERSON"), ("H5N1", "ORG")}


TEXT = ("Attorney General Jeff Sessions met Russian Ambassador Sergey Kislyak twice, the Justice "
        "Department said. Sessions did not disclose the meetings. The FBI is investigating.")


@pytest.mark.parametrize("tagger", ["rules", "spacy"])
def test_taggers_find_people_with_their_titles(tagger):
    if tagger == "spacy" and not model_available():
        pytest.skip("the spaCy model package is not installed")
    found = (SpacyTagger() if tagger == "spacy" else RuleTagger()).mentions([Article("a", "a", TEXT)])["a"]
    people = {m.text for m in found if m.label == "PERSON"}
    assert "Attorney General Jeff Sessions" in people
    assert any("Kislyak" in p for p in people)
    assert any(m.text in ("FBI", "The FBI") and m.label == "ORG" for m in found)


@pytest.mark.parametrize("tagger", ["rules", "spacy"])
def test_a_possessive_or_a_stray_quote_mark_is_no_part_of_a_name(tagger):
    if tagger == "spacy" and not model_available():
        pytest.skip("the spaCy model package is not installed")
    text = ("Tony Hayward's testimony angered senators. BP Plc's chairman Carl-Henric Svanberg apologised. "
            "Senator Edward Markey' aides and Mr Obama's staff were there.")
    found = (SpacyTagger() if tagger == "spacy" else RuleTagger()).mentions([Article("a", "a", text)])["a"]
    assert found and not any("'" in m.text for m in found)
    assert all(m.text == text[m.start:m.end] for m in found)  # spans still point at the names


@pytest.mark.parametrize("tagger", ["rules", "spacy"])
def test_a_hyphenated_title_is_taken_whole(tagger):
    if tagger == "spacy" and not model_available():
        pytest.skip("the spaCy model package is not installed")
    text = "WHO Director-General Margaret Chan said the step did not imply that the virus had grown more severe."
    found = (SpacyTagger() if tagger == "spacy" else RuleTagger()).mentions([Article("a", "a", text)])["a"]
    assert "Director-General Margaret Chan" in {m.text for m in found if m.label == "PERSON"}
    [chan] = [e for e in merge_entities(found, [text]) if e.type == "PERSON"]
    assert chan.name == "Margaret Chan"


def test_an_acronym_written_in_capitals_within_a_sentence_is_no_common_word():
    texts = ["The World Health Organization (WHO) raised its alert. The WHO said who should act.",
             "Officials who met said the WHO had declared a pandemic."]
    entities = merge_entities(mentions(("World Health Organization", "ORG", "a"), ("WHO", "ORG", "a"),
                                       ("WHO", "ORG", "b"), ("The World Health Organization (WHO", "ORG", "b")), texts)
    assert names(entities) == {"World Health Organization": {
        "World Health Organization", "WHO", "The World Health Organization (WHO"}}


def test_arabic_name_transliterations_merge_and_a_bare_surname_goes_to_the_namesake_named_far_more():
    leader = [("Moammar Gadhafi", "PERSON", "a"), ("Gadhafi", "PERSON", "a"), ("Muammar Gaddafi", "PERSON", "b"),
              ("Colonel Gaddafi", "PERSON", "b"), ("Khadaffi", "PERSON", "c"), ("Qaddafi", "PERSON", "d")]
    son = [("Saadi Gadhafi", "PERSON", "e"), ("Saadi", "PERSON", "e")]
    others = [("Barack Obama", "PERSON", "a"), ("President Barack Obama", "PERSON", "b"), ("Prez Obama", "PERSON", "f")]
    entities = merge_entities(mentions(
        *leader, *leader[:1] * 3, *son, *others, *others[:2] * 2,
        ("Gadhafi", "ORG", "f"), ("Obama", "PERSON", "g"), ("Gadhafi", "PERSON", "e"),
    ), texts=[])
    found = names(entities)
    assert found["Moammar Gadhafi"] >= {"Gadhafi", "Khadaffi", "Qaddafi", "Muammar Gaddafi", "Colonel Gaddafi"}
    assert "Moammar Gadhafi" in {e.name for e in entities if any(m.article_id == "f" for m in e.mentions)}
    assert found["Saadi Gadhafi"] == {"Saadi Gadhafi", "Saadi", "Gadhafi"}  # named in its article: the son
    assert found["Barack Obama"] >= {"Obama"} and found["Prez Obama"] == {"Prez Obama"}
    often = merge_entities(mentions(*[("Obama", "PERSON", "a")] * 12, ("President Barack Obama", "PERSON", "b"),
                                    ("Barack Obama", "PERSON", "c")), texts=[])
    assert [e.name for e in often] == ["Barack Obama"]  # a full name written twice names the person
    assad = names(merge_entities(mentions(("President Bashar al-Assad", "PERSON", "a"), ("Mr Assad", "PERSON", "b"),
                                          ("Assad", "PERSON", "c")), texts=[]))
    assert assad == {"Bashar al-Assad": {"President Bashar al-Assad", "Mr Assad", "Assad"}}
    # names that merely look alike stay apart
    apart = names(merge_entities(mentions(("Vladimir Putin", "PERSON", "a"), ("George Patton", "PERSON", "b"),
                                          ("Patton", "PERSON", "c"), ("Boris Johnson", "PERSON", "a"),
                                          ("Jensen", "PERSON", "d")), texts=[]))
    assert apart["George Patton"] == {"George Patton", "Patton"} and "Jensen" in apart
    # a word tagged otherwise joins a person only as the surname itself, not as a look-alike
    christian = merge_entities(mentions(("Bob Christie", "PERSON", "a"), ("Christian", "NORP", "b")), texts=[])
    assert {(e.name, e.type) for e in christian} == {("Bob Christie", "PERSON"), ("Christian", "NORP")}


def test_a_person_named_in_capitals_by_a_transcript_is_shown_as_articles_write_names():
    found = merge_entities(mentions(("ANDERSON COOPER", "PERSON", "a"), ("ANDERSON COOPER", "PERSON", "a"),
                                    ("Anderson", "PERSON", "a")), [])
    assert [e.name for e in found] == ["Anderson Cooper"]
    written = merge_entities(mentions(("WOLF BLITZER", "PERSON", "a"), ("WOLF BLITZER", "PERSON", "a"),
                                      ("Wolf Blitzer", "PERSON", "b")), [])
    assert [e.name for e in written] == ["Wolf Blitzer"]
    assert [e.name for e in merge_entities(mentions(("NATO", "ORG", "a"), ("NATO", "ORG", "b")), [])] == ["NATO"]


def test_a_son_named_with_jr_or_ii_beside_his_father_is_another_person():
    found = names(merge_entities(mentions(("Donald Trump", "PERSON", "a"), ("Donald Trump Jr.", "PERSON", "a"),
                                          ("Trump Jr.", "PERSON", "b"),
                                          ("Trump", "PERSON", "a"), ("Mr Trump", "PERSON", "b"),
                                          ("Donald Trump", "PERSON", "b"), ("Michael Jackson", "PERSON", "c"),
                                          ("Prince Michael Jackson II", "PERSON", "c")), []))
    assert found["Donald Trump"] == {"Donald Trump", "Trump", "Mr Trump"}
    assert found["Donald Trump Jr"] == {"Donald Trump Jr.", "Trump Jr."}
    assert "Prince Michael Jackson II" not in found["Michael Jackson"]


def test_a_name_with_jr_and_no_namesake_father_takes_the_nicknames_and_surname():
    found = names(merge_entities(mentions(("Henry M. Paulson Jr.", "PERSON", "a"), ("Hank Paulson", "PERSON", "b"),
                                          ("Secretary Paulson", "PERSON", "b"), ("Paulson", "PERSON", "c"),
                                          ("Henry M. Paulson Jr.", "PERSON", "c")), []))
    assert list(found) == ["Henry M. Paulson Jr"]
    assert found["Henry M. Paulson Jr"] == {"Henry M. Paulson Jr.", "Hank Paulson", "Secretary Paulson", "Paulson"}


def test_a_surname_slip_keeps_its_first_letter():
    from storyweave.analyze.entities import same_surname

    assert same_surname("Carraway", "Caraway") and same_surname("al-Assad", "Assad")
    assert not same_surname("Lapan", "Japan")
    # a given name alone is no slip of a surname: the aid worker "Chris" is not Jesus Christ
    assert not same_surname("Christ", "Chris")
    found = names(merge_entities(mentions(("Jesus Christ", "PERSON", "a"), ("Chris", "PERSON", "b")), []))
    assert found == {"Jesus Christ": {"Jesus Christ"}, "Chris": {"Chris"}}


def test_a_word_that_is_one_persons_surname_and_anothers_given_name_goes_to_the_one_the_article_names():
    found = names(merge_entities(mentions(
        ("Michael Jackson", "PERSON", "a"), ("Michael", "PERSON", "a"), ("Alun Michael", "PERSON", "b"),
        ("Michael", "PERSON", "b"), *[("Michael Jackson", "PERSON", "c")] * 6, ("Michael", "PERSON", "d")), []))
    assert found["Michael Jackson"] == {"Michael Jackson", "Michael"}
    assert found["Alun Michael"] == {"Alun Michael", "Michael"}


def test_a_person_whose_name_ends_in_a_companys_legal_form_is_an_organisation():
    texts = ["GlaxoSmithKline Plc makes Relenza, said Andrew Witty.", "GlaxoSmithKline said stocks were ample."]
    assert typed(texts, ("GlaxoSmithKline Plc", "PERSON", "a"), ("GlaxoSmithKline", "PERSON", "b"),
                 ("Andrew Witty", "PERSON", "a")) == {("GlaxoSmithKline Plc", "ORG"), ("Andrew Witty", "PERSON")}
    assert typed(["Fitch Ratings cut BP's rating."], ("Fitch Ratings", "PERSON", "a")) == {("Fitch Ratings", "ORG")}


def test_organisations_merge_past_legal_forms_titles_and_word_order_and_acronyms_go_to_the_likelier_expansion():
    found = merge_entities(mentions(
        ("Anadarko Petroleum Corp", "ORG", "a"), ("Coast Guard Rear Adm.", "ORG", "a"),
        ("BP Plc", "ORG", "a"), ("BP PLC", "ORG", "b"), ("BP", "ORG", "b"), ("BP", "ORG", "c"),
        ("Environmental Protection Agency", "ORG", "a"), ("EPA", "ORG", "b"),
        ("District Court", "ORG", "a"), ("D.C.", "GPE", "b"),
        ("Associated Press", "ORG", "a"), ("Associated Press", "ORG", "b"), ("AP", "ORG", "c"),
        ("US Coast Guard", "ORG", "b"), ("Coast Guard", "ORG", "c"), ("Coast Guard", "ORG", "a"),
    ), texts=[])
    groups = {e.name: set(e.aliases) for e in found}
    assert groups["BP"] == {"BP Plc", "BP PLC", "BP"}
    assert groups["Environmental Protection Agency"] == {"Environmental Protection Agency", "EPA"}
    assert groups["District Court"] == {"District Court"} and groups["D.C."] == {"D.C."}
    assert groups["Associated Press"] == {"Associated Press", "AP"}
    assert {"Coast Guard Rear Adm.", "US Coast Guard", "Coast Guard"} in groups.values()
    found = merge_entities(mentions(
        ("US Centers for Disease Control and Prevention", "ORG", "a"), ("CDC", "ORG", "b"), ("CDC", "ORG", "c"),
        ("UK Health Protection Agency", "ORG", "a"), ("Health Protection Agency", "ORG", "b"), ("HPA", "ORG", "c"),
        ("CANADIAN MEDICAL ASSOCIATION", "ORG", "a"), ("CMA", "ORG", "b"),
    ), texts=[])
    groups = {e.name: set(e.aliases) for e in found}
    assert groups["US Centers for Disease Control and Prevention"] == {
        "US Centers for Disease Control and Prevention", "CDC"}
    assert groups["UK Health Protection Agency"] == {"UK Health Protection Agency", "Health Protection Agency", "HPA"}
    assert groups["Canadian Medical Association"] == {"CANADIAN MEDICAL ASSOCIATION", "CMA"}
    found = merge_entities(mentions(("United Nations Security Council", "ORG", "a"),
                                    ("U.N. Security Council", "ORG", "b"), ("U.N. Security Council", "ORG", "c")),
                           texts=[])
    assert len(found) == 1
    found = merge_entities(mentions(("Pentagon", "ORG", "a"), ("Pentagon", "ORG", "b"),
                                    ("Department of Defense", "ORG", "c")), texts=[])
    assert [set(e.aliases) for e in found] == [{"Pentagon", "Department of Defense"}]
    found = merge_entities(mentions(("AFP", "ORG", "a"), ("AFP news agency", "ORG", "b"),
                                    ("Department of the Interior", "ORG", "a"), ("Interior", "ORG", "b")), texts=[])
    assert sorted(sorted(e.aliases) for e in found) == [["AFP", "AFP news agency"],
                                                         ["Department of the Interior", "Interior"]]
    found = merge_entities(mentions(
        ("Truth and Reconciliation Commission", "ORG", "a"), ("Truth Commission", "ORG", "b"),
        ("Trade Commission", "ORG", "b"), ("Department of Health and Human Services", "ORG", "a"),
        ("Department of Health", "ORG", "b")), texts=[])
    assert sorted(sorted(e.aliases) for e in found) == [
        ["Department of Health"], ["Department of Health and Human Services"], ["Trade Commission"],
        ["Truth Commission", "Truth and Reconciliation Commission"]]
    # "Middle East News Agency" is the name of an agency, no "Middle East" with its kind added
    found = merge_entities(mentions(("Xinhua", "ORG", "a"), ("Xinhua News Agency", "ORG", "b"),
                                    ("Middle East News Agency", "ORG", "a"), ("Middle East", "ORG", "b")), texts=[])
    assert sorted(sorted(e.aliases) for e in found) == [["Middle East"], ["Middle East News Agency"],
                                                         ["Xinhua", "Xinhua News Agency"]]


def test_a_bare_surname_goes_to_the_one_person_of_that_surname_its_article_names():
    texts = ["Arab League chief Amr Moussa backed the no-fly zone at first. " + "The strikes went on. " * 40
             + "Moussa later criticised the bombing.", "Foreign Minister Moussa Koussa defected to Britain."]
    far = texts[0].index("Moussa later")
    found = merge_entities([Mention("Amr Moussa", "PERSON", "a", 17, 27),
                            Mention("Moussa", "PERSON", "a", far, far + 6),
                            Mention("Moussa Koussa", "PERSON", "b", 17, 30)], texts=texts)
    assert {e.name: set(e.aliases) for e in found}["Amr Moussa"] == {"Amr Moussa", "Moussa"}
    # ...and so does a bare given name: each page's "Dana" is the Dana that page names
    texts = ["Aid worker Dana Reyes flew out on Monday. " + "The convoy waited. " * 40 + "Dana said it was hard.",
             "Pastor Dana Okafor led the prayers. " + "The choir sang. " * 40 + "Dana thanked them."]
    at = [texts[0].index("Dana said"), texts[1].index("Dana thanked")]
    reyes, okafor = Mention("Dana Reyes", "PERSON", "a", 11, 21), Mention("Dana Okafor", "PERSON", "b", 7, 18)
    found = merge_entities([reyes, Mention("Dana", "PERSON", "a", at[0], at[0] + 4),
                            okafor, Mention("Dana", "PERSON", "b", at[1], at[1] + 4)],
                           texts=texts)
    assert {e.name: len(e.mentions) for e in found} == {"Dana Reyes": 2, "Dana Okafor": 2}


def test_a_place_listed_with_other_places_is_no_surname_of_a_person_in_the_story():
    texts = ["The region borders Israel, Lebanon, Turkey and Jordan, and trades with all.",
             "The Saudis are cautious, said Robert Jordan, a former ambassador. Jordan said so again."]
    def at(i: int, name: str, label: str, nth: int = 0) -> Mention:
        start = [m.start() for m in re.finditer(re.escape(name), texts[i])][nth]
        return Mention(name, label, "ab"[i], start, start + len(name))
    found = merge_entities([at(0, "Israel", "GPE"), at(0, "Lebanon", "GPE"), at(0, "Turkey", "GPE"),
                            at(0, "Jordan", "GPE"), at(1, "Robert Jordan", "PERSON"), at(1, "Jordan", "PERSON", 1)],
                           texts)
    assert {(e.name, e.type, len(e.mentions)) for e in found} >= {("Robert Jordan", "PERSON", 2), ("Jordan", "GPE", 1)}


def test_names_whose_middle_initials_differ_are_two_people():
    bushes = (("George H.W. Bush", "PERSON", "a"), ("George W. Bush", "PERSON", "b"),
              ("President George W. Bush", "PERSON", "c"))
    kennedy = (("John F. Kennedy", "PERSON", "a"), ("John Fitzgerald Kennedy", "PERSON", "b"))
    found = names(merge_entities(mentions(*bushes, *kennedy), ["", "", ""]))
    assert sorted(found.values(), key=len) == [{"George H.W. Bush"}, {"George W. Bush", "President George W. Bush"},
                                                {"John F. Kennedy", "John Fitzgerald Kennedy"}]


def test_a_titled_given_name_is_not_the_given_name_of_someone_else():
    entities = merge_entities(mentions(("Foreign Secretary William Hague", "PERSON", "a"), ("Hague", "PERSON", "a"),
                                       ("Prince William", "PERSON", "b"), ("Hosni Mubarak", "PERSON", "c"),
                                       ("Hosni", "PERSON", "c")), texts=["", "", ""])
    assert names(entities) == {"Foreign Secretary William Hague": {"Foreign Secretary William Hague", "Hague"},
                               "Prince William": {"Prince William"}, "Hosni Mubarak": {"Hosni Mubarak", "Hosni"}}
    # ...and a sovereign's name is no surname: King Hussein is not Saddam Hussein
    entities = merge_entities(mentions(("Saddam Hussein", "PERSON", "a"), ("Saddam Hussein", "PERSON", "b"),
                                       ("Hussein", "PERSON", "a"), ("King Hussein", "PERSON", "c")),
                              texts=["", "", ""])
    assert names(entities) == {"Saddam Hussein": {"Saddam Hussein", "Hussein"}, "King Hussein": {"King Hussein"}}


def test_a_company_known_by_its_first_word_and_the_fed_join_their_full_names():
    entities = merge_entities(mentions(
        ("Lehman Brothers", "ORG", "a"), ("Lehman", "ORG", "a"), ("Merrill Lynch", "ORG", "a"), ("Merrill", "ORG", "b"),
        ("Bear Stearns", "ORG", "a"), ("Bear Sterns", "ORG", "b"), ("the Federal Reserve", "ORG", "a"),
        ("Fed", "ORG", "b"),
        ("National Guard", "ORG", "a"), ("National", "ORG", "b"),
        # a place's name is no company's first word
        ("Washington Department of Labor", "ORG", "a"), ("Washington", "GPE", "a"), ("Washington", "ORG", "b")),
        texts=["", ""])
    assert sorted(sorted(aliases) for aliases in names(entities).values()) == [
        ["Bear Stearns", "Bear Sterns"], ["Fed", "the Federal Reserve"], ["Lehman", "Lehman Brothers"],
        ["Merrill", "Merrill Lynch"], ["National"], ["National Guard"], ["Washington"],
        ["Washington Department of Labor"]]


def test_a_partys_name_written_without_party_is_the_party():
    entities = merge_entities(mentions(
        ("Communist Refounding Party", "ORG", "a"), ("Communist Refounding", "ORG", "b"),
        ("Green Party", "ORG", "a"), ("Green Alliance", "ORG", "b")), texts=["", ""])
    assert sorted(sorted(aliases) for aliases in names(entities).values()) == [
        ["Communist Refounding", "Communist Refounding Party"], ["Green Alliance"], ["Green Party"]]


def test_a_title_comes_off_a_name_but_not_off_a_title_of_its_own():
    from storyweave.analyze.entities import bare_name

    assert [bare_name(n) for n in ("King Abdullah", "Dr Murray", "King of Pop", "Prince of Wales")] == [
        "Abdullah", "Murray", "King of Pop", "Prince of Wales"]


def test_a_place_a_bearing_is_taken_from_or_named_for_its_landform_is_a_place_not_a_person():
    texts = ["The quake struck 14 miles north-northeast of Healdsburg. Healdsburg residents slept through it.",
             "It was felt in the Alexander Valley and near Anderson Springs.",
             "Michael Bay said his film would open. Ricki Lake agreed."]
    assert typed(texts, ("Healdsburg", "ORG", "a"), ("Healdsburg", "ORG", "a"),
                 ("Alexander Valley", "PERSON", "b"), ("Anderson Springs", "PERSON", "b"),
                 ("Michael Bay", "PERSON", "c"), ("Ricki Lake", "PERSON", "c")) == {
        ("Healdsburg", "GPE"), ("Alexander Valley", "LOC"), ("Anderson Springs", "GPE"),
        ("Michael Bay", "PERSON"), ("Ricki Lake", "PERSON")}


def test_an_agency_named_after_its_country_abbreviated_joins_its_acronym():
    entities = merge_entities(mentions(("U.S. Geological Survey", "ORG", "a"), ("USGS", "ORG", "b"),
                                       ("U.N. Security Council", "ORG", "a"), ("UNSC", "ORG", "b"),
                                       ("US Army", "ORG", "a"), ("USA", "GPE", "b")), texts=[])
    found = names(entities)
    assert found["U.S. Geological Survey"] == {"U.S. Geological Survey", "USGS"}
    assert found["U.N. Security Council"] == {"U.N. Security Council", "UNSC"}
    assert found["US Army"] == {"US Army"}  # a one-word name after the country makes no acronym
    # ...nor does the country's abbreviation give its initial: the US Navy is not the UN
    found = names(merge_entities(mentions(("US Navy", "ORG", "a"), ("UN", "ORG", "a"), ("UN", "ORG", "b"),
                                          ("US Federal Reserve", "ORG", "c"), ("UFR", "ORG", "c")), texts=[]))
    assert found["US Navy"] == {"US Navy"} and found["UN"] == {"UN"} and found["UFR"] == {"UFR"}
    # a name's first word kept whole, the rest as initials
    entities = merge_entities(mentions(("EYP Mission Critical Facilities", "ORG", "a"), ("EYP MCF", "ORG", "b")),
                              texts=[])
    assert names(entities)["EYP Mission Critical Facilities"] == {"EYP Mission Critical Facilities", "EYP MCF"}


def test_a_product_is_known_by_its_maker_s_i_its_model_number_or_its_size_and_plural():
    texts = ["Apple showed the 17-inch MacBook Pro with an Nvidia 9600M GT chip and a new iPhone app.",
             "MacBook Pros ship today. 3M Company and Channel 4 reported it."]
    assert typed(texts, ("MacBook Pro", "ORG", "a"), ("Nvidia 9600M GT", "ORG", "a"), ("iPhone", "ORG", "a"),
                 ("Apple", "ORG", "a"), ("3M Company", "ORG", "b"), ("Channel 4", "ORG", "b")) == {
        ("MacBook Pro", "PRODUCT"), ("Nvidia 9600M GT", "PRODUCT"), ("iPhone", "PRODUCT"), ("Apple", "ORG"),
        ("3M Company", "ORG"), ("Channel 4", "ORG")}


def test_initials_in_capitals_are_an_organisation_written_as_is_not_a_shouted_name():
    entities = merge_entities(mentions(("EYP MCF", "PERSON", "a"), ("EYP MCF", "PERSON", "b"),
                                       ("ANDERSON COOPER", "PERSON", "a"), ("ANDERSON COOPER", "PERSON", "b"),
                                       ("CNN INTERNATIONAL", "ORG", "a")), texts=[])
    assert {(e.name, e.type) for e in entities} == {("EYP MCF", "ORG"), ("Anderson Cooper", "PERSON"),
                                                     ("CNN International", "ORG")}


def test_two_spellings_of_a_little_known_place_are_one_place_but_iran_is_not_iraq():
    entities = merge_entities(mentions(("Jabaliya", "LOC", "a"), ("Jabalya", "GPE", "b"), ("Zeitoun", "GPE", "a"),
                                       ("Zeitun", "GPE", "b"), ("Iran", "GPE", "a"), ("Iraq", "GPE", "b"),
                                       ("Austria", "GPE", "a"), ("Australia", "GPE", "b")), texts=[])
    found = names(entities)
    assert found["Jabaliya"] == {"Jabaliya", "Jabalya"} and found["Zeitoun"] == {"Zeitoun", "Zeitun"}
    assert {"Iran", "Iraq", "Austria", "Australia"} <= set(found)


def test_a_person_the_texts_call_a_city_a_third_of_the_times_is_a_place():
    texts = ["Tanks entered Gaza's second city, Khan Younis, today. Shells fell on Khan Younis.",
             "A shell hit a school in the southern city of Khan Younis. Khan Younis was quiet later."]
    assert typed(texts, *[("Khan Younis", "PERSON", a) for a in "aabb"]) == {("Khan Younis", "GPE")}


def test_a_company_known_by_its_first_word_joins_its_name_also_when_a_longer_form_extends_it():
    entities = merge_entities(mentions(("ATI Technologies", "ORG", "a"), ("ATI Technologies Canada", "ORG", "b"),
                                       ("ATI", "ORG", "c"), ("Advanced Micro Devices / ATI", "ORG", "d")), texts=[])
    assert names(entities)["ATI Technologies"] >= {"ATI", "ATI Technologies"}


def test_two_names_the_tagger_ran_together_with_and_are_the_two_where_each_is_named_alone():
    entities = merge_entities(mentions(
        ("Facebook and Flickr", "ORG", "a"), ("Facebook", "ORG", "b"), ("Flickr", "ORG", "b"),
        ("Procter and Gamble", "ORG", "a"), ("Johnson & Johnson", "ORG", "a"), ("Johnson", "PERSON", "b")), texts=[])
    found = names(entities)
    assert found["Facebook"] == {"Facebook"} and found["Flickr"] == {"Flickr"}
    assert len(next(e for e in entities if e.name == "Facebook").mentions) == 2
    assert {"Procter and Gamble", "Johnson & Johnson"} <= set(found)


def test_an_organisation_named_like_a_person_and_introduced_by_a_role_is_a_person():
    texts = ["An ANC spokesman, Thabo Masebe, said the party would appeal. ANC spokesman Thabo Masebe said it was "
             "premature.", "Children suffer the worst hunger, said Ken Davies, the WFP's country director. Davies said "
             "aid was short. Human Rights Watch, a group whose executive director spoke, said so."]
    people = mentions(("Thabo Masebe", "ORG", "a"), ("Thabo Masebe", "ORG", "a"), ("Ken Davies", "PERSON", "b"),
                      ("Davies", "ORG", "b"), ("Davies", "ORG", "b"), ("Human Rights Watch", "ORG", "b"))
    types = {e.name: e.type for e in merge_entities(people, texts=texts)}
    assert types == {"Thabo Masebe": "PERSON", "Ken Davies": "PERSON", "Human Rights Watch": "ORG"}


def test_a_name_found_only_in_lowercased_copy_is_shown_capitalised_and_keeps_the_forms_written():
    entities = merge_entities(mentions(("alexander nix", "PERSON", "a"), ("alexander nix", "PERSON", "b"),
                                       ("charles de gaulle", "PERSON", "b"), ("scl group", "ORG", "a"),
                                       ("fbi", "ORG", "a"), ("centers for disease control", "ORG", "b"),
                                       ("u.s.", "GPE", "a"), ("uk", "GPE", "b"), ("american", "NORP", "a")), texts=[])
    assert {e.name: set(e.aliases) for e in entities} == {
        "Alexander Nix": {"alexander nix"}, "Charles de Gaulle": {"charles de gaulle"}, "SCL Group": {"scl group"},
        "FBI": {"fbi"}, "Centers for Disease Control": {"centers for disease control"}, "U.S.": {"u.s."},
        "UK": {"uk"}, "American": {"american"}}


def test_a_nickname_from_the_nicknames_table_joins_its_full_name():
    found = names(merge_entities(mentions(
        ("Sen. Alfonse D'Amato", "PERSON", "a"), ("Alfonse M. D'Amato", "PERSON", "a"), ("Al D'Amato", "PERSON", "b"),
        ("Katie Holmes", "PERSON", "a"), ("Katherine Holmes", "PERSON", "b")), texts=[]))
    assert {"Sen. Alfonse D'Amato", "Alfonse M. D'Amato", "Al D'Amato"} in found.values()
    assert {"Katie Holmes", "Katherine Holmes"} in found.values()


def test_a_name_written_with_a_personal_title_is_a_person_however_often_the_tagger_said_otherwise():
    entities = merge_entities(mentions(
        ("Sen. Alfonse D'Amato", "PERSON", "a"), ("Alfonse D'Amato", "PERSON", "b"),
        *[("D'Amato", "ORG", article) for article in "abcd" for _ in range(3)]), texts=[])
    [senator] = [e for e in entities if "D'Amato" in e.aliases]
    assert senator.type == "PERSON" and "Sen. Alfonse D'Amato" in senator.aliases
    # ...a military rank too
    entities = merge_entities(mentions(("Adm. Dana Okafor", "ORG", "a"), ("Dana Okafor", "ORG", "a"),
                                       ("Dana Okafor", "ORG", "b")), texts=[])
    [admiral] = [e for e in entities if "Adm. Dana Okafor" in e.aliases]
    assert admiral.type == "PERSON"


def test_the_surname_of_several_people_tagged_a_nationality_is_someones_not_a_group():
    # The tagger calls "Ostrowicz" a nationality again and again; two people of that name are named in full.
    texts = ["Dr. Miriam Ostrowicz was shot at home. Ostrowicz had been threatened. The Ostrowiczes moved.",
             "Her brother Karl Ostrowicz said Ostrowicz knew.", "Mrs. Ostrowicz wept, and Ostrowicz's friends too."]
    entities = merge_entities(mentions(
        ("Dr. Miriam Ostrowicz", "PERSON", "a"), ("Miriam Ostrowicz", "PERSON", "b"),
        ("Karl Ostrowicz", "PERSON", "b"), ("Karl Ostrowicz", "PERSON", "a"),
        *[("Ostrowicz", "NORP", article) for article in "abc" for _ in range(4)],
        ("Mrs. Ostrowicz", "PERSON", "c"), ("Ostrowiczes", "NORP", "a")), texts=texts)
    by_name = {e.name: e for e in entities}
    assert by_name["Ostrowicz"].type == "PERSON"
    assert {"Ostrowicz", "Mrs. Ostrowicz"} <= set(by_name["Ostrowicz"].aliases)
    assert by_name["Ostrowiczes"].type == "NORP"  # the family, as the tagger said


def test_a_name_is_no_alias_of_the_organisation_named_after_it():
    entities = merge_entities(mentions(
        ("the Parliament of Port Alder", "ORG", "a"), ("Parliament", "ORG", "a"), ("Port Alder", "GPE", "b"),
        ("Port Alder", "GPE", "c"), ("US Harbour Safety Board", "ORG", "a"), ("Harbour Safety Board", "ORG", "b"),
    ), texts=[])
    found = names(entities)
    assert found["Port Alder"] == {"Port Alder"}
    assert "Port Alder" not in found["Parliament of Port Alder"]
    assert found["US Harbour Safety Board"] == {"US Harbour Safety Board", "Harbour Safety Board"}  # a qualifier


def test_an_acronym_first_tagged_otherwise_than_its_expansion_is_still_one_organisation():
    entities = merge_entities(mentions(
        ("Bayline Petroleum", "ORG", "a"), ("BP", "GPE", "b"), ("BP", "ORG", "a"), ("BP", "ORG", "b"),
        ("BP", "ORG", "c"), ("BP Plc", "ORG", "c"),
    ), texts=[])
    assert len(entities) == 1 and set(entities[0].aliases) == {"Bayline Petroleum", "BP", "BP Plc"}
