from __future__ import annotations

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
    ), texts=[])
    found = names(entities)
    assert found["Jeff Sessions"] == {"Attorney General Jeff Sessions", "Sessions", "Mr. Sessions", "Mr Sessions"}
    assert found["Sergei Kislyak"] == {"Sergei Kislyak", "Sergey Kislyak", "Kislyak"}
    assert {"Mike Flynn", "Michael Flynn"} in [aliases for aliases in found.values()]
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


def test_two_people_sharing_a_surname_stay_apart_and_a_bare_surname_goes_to_the_one_nearby():
    entities = merge_entities(mentions(
        ("John Smith", "PERSON", "a"), ("Smith", "PERSON", "a"),
        ("Jane Smith", "PERSON", "b"), ("Smith", "PERSON", "b"),
    ), texts=[])
    found = {e.name: e for e in entities}
    assert set(found) == {"John Smith", "Jane Smith"}
    assert found["John Smith"].articles == ["a"] and found["Jane Smith"].articles == ["b"]
    assert len(found["John Smith"].mentions) == len(found["Jane Smith"].mentions) == 2


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


def test_capitalised_common_words_are_not_entities():
    entities = merge_entities(mentions(("Neighbors", "ORG", "a"), ("Tacoma", "GPE", "a")),
                              texts=["They talked to their neighbors about it."])
    assert set(names(entities)) == {"Tacoma"}


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
