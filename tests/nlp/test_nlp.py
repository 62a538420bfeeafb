from __future__ import annotations

import numpy as np
import pytest

from storyweave.nlp.embed import EMBEDDERS, get_embedder
from storyweave.nlp.sentences import split_text


def test_sentences_respect_abbreviations_quotes_and_paragraphs():
    text = ('Mr. Sessions met the U.S. envoy on Jan. 10 at 3 p.m. in Washington. "We were lucky," '
            'Delgado said. "It could have been worse." "Go now!" he said.\nNew paragraph without stop')
    assert split_text(text) == [
        "Mr. Sessions met the U.S. envoy on Jan. 10 at 3 p.m. in Washington.",
        '"We were lucky," Delgado said.',
        '"It could have been worse."',
        '"Go now!" he said.',
        "New paragraph without stop",
    ]
    # a line broken before a comma, and a list's dash, as sentence-per-line corpora leave them
    assert split_text("The bill is backed by Sens. John Kerry, D-Mass.\n, and Joe Lieberman, I-Conn.\n"
                      "-- Britain said it would vote for it.") == [
        "The bill is backed by Sens. John Kerry, D-Mass., and Joe Lieberman, I-Conn.",
        "Britain said it would vote for it."]
    # military ranks as agencies abbreviate them
    assert split_text("The tribunal cleared Cmndr. Zejnil Delalic. Lieut. Col. Ann Ray spoke.") == [
        "The tribunal cleared Cmndr. Zejnil Delalic.", "Lieut. Col. Ann Ray spoke."]


def test_lowercased_abbreviations_and_tokenised_punctuation_do_not_end_sentences():
    # Degraded copy (lowercased names, punctuation split off) as some outlets and datasets carry it.
    text = ("Charges were filed by the n.s.a., with 35,000 workers, on friday. Statistical code is "
            "available from dr. Bazzano at tulane. House leader nancy pelosi ( d-calif. ) and others "
            "objected. The clerk was charged with a felony. ( kprc ) united airlines apologized. "
            "It was sprint nextel corp. The company said so.")
    assert split_text(text) == [
        "Charges were filed by the n.s.a., with 35,000 workers, on friday.",
        "Statistical code is available from dr. Bazzano at tulane.",
        "House leader nancy pelosi ( d-calif. ) and others objected.",
        "The clerk was charged with a felony.",
        "(kprc ) united airlines apologized.",
        "It was sprint nextel corp.",  # "corp." may end a sentence when the next starts a new one
        "The company said so.",
    ]
    # A lowercased "u.s." is "U.S.", at which spaCy never ends a sentence: no fragment "Pacific command ...".
    assert split_text("The commander of u.s. Pacific command told congress on tuesday. It was cold.") == [
        "The commander of u.s. Pacific command told congress on tuesday.", "It was cold."]
    assert split_text("The commander of U.S. Pacific Command told Congress. It was cold.") == [
        "The commander of U.S. Pacific Command told Congress.", "It was cold."]
    # A month's or a number's abbreviation before a number: "oct. 28", "no. 5".
    assert split_text("Comey sent a letter to congress on oct. 28, her aides said. He was ranked no. 5 in "
                      "the world. It was cold.") == [
        "Comey sent a letter to congress on oct. 28, her aides said.", "He was ranked no. 5 in the world.",
        "It was cold."]
    # Copy whose casing was restored capitalises a word after a company's legal form as if a sentence
    # began there; a verb, a conjunction or a preposition goes on with the company's sentence.
    assert split_text("Sprint nextel corp. Will begin selling the phone, netflix inc. And verizon inc. Said. "
                      "Shares of acme corp. Rallied. It was acme inc. The firm grew.") == [
        "Sprint nextel corp. will begin selling the phone, netflix inc. and verizon inc. said.",
        "Shares of acme corp. rallied.", "It was acme inc.", "The firm grew."]
    # ...and after a lowercased acronym, at which no sentence ends
    assert split_text("A third of the workers in the u.s. Has been surveyed. It is high.") == [
        "A third of the workers in the u.s. has been surveyed.", "It is high."]


@pytest.mark.parametrize("name", sorted(EMBEDDERS))
def test_every_embedder_ranks_a_paraphrase_above_an_unrelated_sentence(name):
    embedder = get_embedder(name)
    vectors = embedder.encode([
        "A fire at the chemical plant sent 12 workers to hospital on Monday.",
        "Twelve workers were taken to hospital after Monday's chemical plant fire.",
        "The central bank left interest rates unchanged at its meeting.",
    ])
    assert vectors.shape[0] == 3
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > unrelated + 0.2


def test_unknown_embedder_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown embedder 'nope'"):
        get_embedder("nope")


def test_a_word_opening_a_sentence_that_the_tagger_took_into_a_name_is_left_out():
    from storyweave.nlp.entities import _PREFIXED, _without_leading_words

    assert _without_leading_words(10, "Regarding Gaddafi", "PERSON") == (20, "Gaddafi")
    assert _without_leading_words(10, "Should Obama", "PERSON") == (17, "Obama")
    assert _without_leading_words(0, "Did Holder", "ORG") == (4, "Holder")
    assert _without_leading_words(0, "A Health Protection Agency", "ORG") == (2, "Health Protection Agency")
    assert _without_leading_words(0, "Should", "PERSON") == (0, "Should")
    # a person's name loses the function words a sentence opened on
    assert _without_leading_words(0, "As Mubarak", "PERSON") == (3, "Mubarak")
    assert _without_leading_words(5, "Without Hosni Mubarak", "PERSON") == (13, "Hosni Mubarak")
    assert _without_leading_words(0, "Down with Mubarak", "PERSON") == (10, "Mubarak")
    assert _without_leading_words(0, "Reuters Gaddafi", "PERSON") == (8, "Gaddafi")
    # ...and a lowercase word run into it, a surname's particle kept
    assert _without_leading_words(0, "excise de Klerk", "PERSON") == (7, "de Klerk")
    assert _without_leading_words(0, "de Klerk", "PERSON") == (0, "de Klerk")
    # but not a first name that is a function word too, nor an organisation's own name
    assert _without_leading_words(0, "Will Smith", "PERSON") == (0, "Will Smith")
    assert _without_leading_words(0, "May Jones", "PERSON") == (0, "May Jones")
    assert _without_leading_words(0, "As Seen", "ORG") == (0, "As Seen")
    # ...unless it opens a question: "Will Reyes resign?" asks about Reyes
    from storyweave.nlp.entities import _without_question_verb

    text = "Will Reyes resign over the audit? Will Smith starred in the film. Voters ask: Can Okafor win?"
    assert _without_question_verb(text, 0, "Will Reyes") == (5, "Reyes")
    smith = text.index("Will Smith")
    assert _without_question_verb(text, smith, "Will Smith") == (smith, "Will Smith")
    assert _without_question_verb(text, text.index("Can Okafor"), "Can Okafor") == (text.index("Okafor"), "Okafor")
    # a sentence's participle before a long name goes; a name's own first word stays
    assert _without_leading_words(1, "Acquiring EYP Mission Critical Facilities", "ORG") == (
        11, "EYP Mission Critical Facilities")
    assert _without_leading_words(0, "Reading FC", "ORG") == (0, "Reading FC")
    assert _without_leading_words(0, "Boeing Commercial Airplanes", "ORG") == (0, "Boeing Commercial Airplanes")
    # an adjective made of a name is not the name
    assert all(_PREFIXED.match(text) for text in ("pro-Mubarak", "Anti-Gaddafi", "post - Mubarak"))
    assert not _PREFIXED.match("Prosper Mubarak") and not _PREFIXED.match("Antoine Pretorius")


def test_a_name_the_tagger_ran_across_a_spaced_dash_is_the_part_with_most_capitalised_words():
    from storyweave.nlp.entities import _part_at_spaced_dash

    assert _part_at_spaced_dash(10, "Abdal Hakim Murad - Muslim Chaplain") == (10, "Abdal Hakim Murad")
    assert _part_at_spaced_dash(10, "Thad Allen - approved") == (10, "Thad Allen")
    assert _part_at_spaced_dash(10, "Hayward - Rodgers Creek Fault") == (20, "Rodgers Creek Fault")
    assert _part_at_spaced_dash(0, "Associated Press \u2014 September") == (0, "Associated Press")
    assert _part_at_spaced_dash(0, "Advanced Micro Devices / ATI") == (0, "Advanced Micro Devices")
    assert _part_at_spaced_dash(0, "Coca-Cola") == (0, "Coca-Cola")  # a hyphen is part of a name


def test_a_quotation_mark_opened_inside_a_name_is_no_part_of_it_a_nickname_s_pair_is():
    from storyweave.model import Article
    from storyweave.nlp.entities import _with_honorific

    text = 'Indonesia sits on the Pacific "Ring of Fire" and Dwayne "The Rock" Johnson visited.'
    article = Article(id="a", source="a", text=text)
    start = text.index("Pacific")
    assert _with_honorific(article, 'Pacific "Ring of Fire', "LOC", start, start + 21).text == "Pacific Ring of Fire"
    start = text.index("Dwayne")
    assert _with_honorific(article, 'Dwayne "The Rock" Johnson', "PERSON", start, start + 25).text == (
        'Dwayne "The Rock" Johnson')


def test_an_acronym_of_a_unit_or_of_computing_is_no_name():
    from storyweave.nlp.entities import _plausible

    assert not any(_plausible(word) for word in ("RAM", "USB", "MB", "GB", "CPU", "ET", "BST"))  # nor a time zone
    assert all(_plausible(name) for name in ("IBM", "BBC", "Ramones", "USGS"))


def test_a_transcripts_speaker_label_is_a_person():
    from storyweave.nlp.entities import _speaker_label

    text = "O'REILLY: Governor?\nPALIN: He missed the mark, Bill.\nThe NATO: an alliance of 28 members."
    assert _speaker_label(text, text.index("PALIN"), text.index("PALIN") + 5)
    assert not _speaker_label(text, text.index("NATO"), text.index("NATO") + 4)  # no line opens on it
    assert not _speaker_label(text, text.index("Bill"), text.index("Bill") + 4)  # not in capitals


def test_the_sentences_inside_a_quotation_running_over_several_are_known():
    from storyweave.model import Article
    from storyweave.nlp.sentences import split_article

    text = ('Jenna Coleman said: "I am so excited. With his talent we will make a great show. I cannot wait!" '
            "Then she left.\n"
            # a stray mark that nothing closes nearby opens no quotation
            'The "best plan. It was approved on Monday. Work starts soon. It will take a year. Costs rose. '
            "Workers were hired.")
    quoted = [s.text for s in split_article(Article(id="a", source="a", text=text)) if s.quoted]
    assert quoted == ["With his talent we will make a great show."]


def test_a_quote_mark_ending_a_paragraph_closes_its_last_sentence():
    from storyweave.nlp.sentences import split_text

    # a tokenised line's closing mark stands apart ('adventure . "'), as an opening one would
    assert split_text('Coleman said: "With his talent we will make a show.\nI cannot wait to start. "\nNext.') == [
        'Coleman said: "With his talent we will make a show.', 'I cannot wait to start."', "Next."]
    assert split_text('He left. "We will win," he said.') == ["He left.", '"We will win," he said.']


def test_a_surname_written_like_a_titles_word_ends_a_sentence_and_titles_nobody():
    from storyweave.model import Article
    from storyweave.nlp.entities import _with_honorific

    # A text naming someone "Hun Sen" (the word followed by a verb): "Hun Sen." ends its sentence.
    text = ("Rivals fled after threats from strongman Hun Sen. Hun Sen complained on Monday. "
            "Opposition Sen. Sam Rainsy wrote to the king.")
    assert split_text(text) == ["Rivals fled after threats from strongman Hun Sen.",
                                "Hun Sen complained on Monday.", "Opposition Sen. Sam Rainsy wrote to the king."]
    # ...and is no title of the name after it; a title it is still takes its name
    article = Article(id="a", source="test", text=text)
    start = text.index("Hun Sen complained")
    assert _with_honorific(article, "Hun Sen", "PERSON", start, start + 7).text == "Hun Sen"
    start = text.index("Sam Rainsy")
    assert _with_honorific(article, "Sam Rainsy", "PERSON", start, start + 10).text == "Sen. Sam Rainsy"
    # Where nobody is so named, "Sen." stays a title, whatever word comes before it.
    assert split_text("It was backed by Democratic Sen. John Kerry. Kerry spoke.") == [
        "It was backed by Democratic Sen. John Kerry.", "Kerry spoke."]


def test_a_sentence_overlapping_a_span_the_repair_guessed_is_marked_guessed():
    from storyweave.model import Article
    from storyweave.nlp.sentences import split_article

    text = "The plant reopened on Friday. The company said. No jobs will be lost at the plant."
    # words 5-7 ("The company said.") and a span running from it into the next sentence
    article = Article("a", "a.txt", text, degraded=True, guessed_sentences=((5, 8),))
    assert [s.guessed for s in split_article(article)] == [False, True, False]
    article = Article("a", "a.txt", text, degraded=True, guessed_sentences=((6, 10),))
    assert [s.guessed for s in split_article(article)] == [False, True, True]
    assert not any(s.guessed for s in split_article(Article("a", "a.txt", text)))


def test_the_main_clause_leaves_out_trailing_background_but_not_a_clause_about_the_subject():
    from storyweave.nlp.claims import main_clause

    assert main_clause("The council closed the bridge on Monday, days after an audit found cracks.") == (
        "The council closed the bridge on Monday,")
    assert main_clause("The council closed the bridge, which carries 40,000 cars a day.") == "The council closed the bridge"
    # the verb comes after the clause about the subject: the sentence is its main clause
    about = "Mayor Ruth Okafor of Port Alder, who has led the city since 2019, was taken to hospital on Tuesday."
    assert main_clause(about) == about
