from __future__ import annotations

from storyweave.analyze.entities import merge_entities
from storyweave.analyze.quotes import find_quotes, merge_quotes, resolve_speakers
from storyweave.clean.normalize import normalize_text
from storyweave.model import Article
from storyweave.nlp.entities import RuleTagger


def quotes_of(*texts: str, degraded: tuple[int, ...] = ()):
    articles = [Article(str(i), f"{i}.txt", normalize_text(t), degraded=i in degraded) for i, t in enumerate(texts)]
    mentions = RuleTagger().mentions(articles)
    entities = merge_entities([m for a in articles for m in mentions[a.id]], [a.text for a in articles])
    tellings = [t for a in articles for t in find_quotes(a)]
    resolve_speakers(tellings, entities, mentions, {a.id: a.text for a in articles})
    return merge_quotes(tellings, {e.name for e in entities if e.type == "PERSON"})


def speakers_by_opening(text: str) -> dict[str, str | None]:
    """Each quote's speaker, by the quote's first 20 characters."""
    return {q.text[:20]: q.speaker for q in quotes_of(text)}


def test_quote_styles_and_attributions():
    quotes = quotes_of(
        "Fire Chief Maria Delgado spoke to reporters. \u201cWe were lucky the wind was blowing out to sea,\u201d she said.",
        'Attorney General Jeff Sessions said: "I never met with any Russian officials to discuss the campaign."',
        "\u00abThe talks will continue next week in Geneva\u00bb \u2014 Sergei Lavrov",
        '"The rescue went on all night and into the morning," said Tom Reyes of the harbour patrol.',
        '"Now everything must move fast," John Hamilton, a Libya analyst at Cross Border Information, told '
        'Reuters.',
    )
    speakers = {q.text: q.speaker for q in quotes}
    assert speakers == {
        "We were lucky the wind was blowing out to sea": "Maria Delgado",
        "I never met with any Russian officials to discuss the campaign.": "Jeff Sessions",
        "The talks will continue next week in Geneva": "Sergei Lavrov",
        "The rescue went on all night and into the morning": "Tom Reyes",
        "Now everything must move fast": "John Hamilton",  # an appositive between name and verb
    }
    # verbs that introduce speech beside its marks, and a quote on the line after "said:"
    quotes = quotes_of('"Cleaning up the spill will offset the impact," summarizes Luca Di Leo.',
                       'BP chief Tony Hayward joked: "I would like my life back."',
                       'After reading the e-mails, the investigator Ann Reyes said:\n"BP chose risky procedures."')
    assert [q.speaker for q in quotes] == ["Luca Di Leo", "Tony Hayward", "Ann Reyes"]
    # an appositive between the speaker and the verb, before the quote
    [quote] = quotes_of('Steve Barnett, the head of the NHS Confederation, which speaks for the trusts, '
                        'said: "A declared pandemic makes testing the plans all the more urgent."')
    assert quote.speaker == "Steve Barnett"
    both = quotes_of('"It was utterly useless," Jeff Ruch, PEER\'s executive director, said by telephone.',
                     'Cocales was unavailable for comment Monday, and Andrew Gowers, the firm\'s spokesman, said '
                     'only that "we will say nothing before the hearing."')
    assert [q.speaker for q in both] == ["Jeff Ruch", "Andrew Gowers"]  # not "Monday"
    # "he" inside "the" is no speaker; reporting without marks takes only verbs of saying
    unnamed = quotes_of('After weeks of talks, the lawmakers said:\n"There will be no deal on the budget this year."')
    assert [q.speaker for q in unnamed] == [None]
    assert quotes_of("Castro joked that the police could have waited a day before the arrest.") == []


def test_agency_style_attributions_partial_quotes_and_quoted_as_saying():
    quotes = quotes_of(
        'President Barack Obama said Friday that "if nothing is done, we have good cause to fear" the worst.',
        'Ambassador Susan Rice said Gadhafi "should be under no illusions about the consequences of acting."',
        '"We are all so relieved that they are safe," the newspaper quoted its top editor, Bill Keller, as saying.',
    )
    assert {q.text: q.speaker for q in quotes} == {
        "if nothing is done, we have good cause to fear": "Barack Obama",
        "should be under no illusions about the consequences of acting.": "Susan Rice",
        "We are all so relieved that they are safe": "Bill Keller",
    }


def test_a_quote_running_over_paragraphs_is_one_quote():
    text = ('Mayor Linda Carraway said in a statement:\n\n"I will not resign. The audit is wrong.\n\n'
            '"I will fight this in court, and I will win," she said.')
    [quote] = quotes_of(text)
    assert quote.text.startswith("I will not resign.") and quote.text.endswith("I will win")
    assert quote.speaker == "Linda Carraway"


def test_a_quote_over_lines_of_a_text_set_one_sentence_a_line_is_one_quote_and_its_close_opens_nothing():
    text = ('Britain fired missiles at Libya, the Ministry of Defence said.\n'
            '"We made clear that if Gaddafi did not comply, it would be enforced.\n'
            'Our forces have struck key military installations," Defence Secretary Liam Fox said in a statement.\n'
            '"The fast jets flew 3,000 miles on a round trip out of RAF Marham," he said.')
    assert speakers_by_opening(text) == {"We made clear that i": "Liam Fox", "The fast jets flew 3": "Liam Fox"}


def test_a_paragraph_of_quotation_alone_after_one_quoting_someone_is_theirs():
    text = ('"In a fortnight or so output could return to normal," Erik Nilsson said by telephone.\n\n'
            '"The oil income is essential for the new rulers in Libya."\n\n'
            'Nilsson said staff numbers were down.\n"It is too early to say more than that."\n'
            'Oil rose on Tuesday.\n"Nobody knows what comes next in the market."')
    quotes = speakers_by_opening(text)
    assert quotes["The oil income is es"] == "Erik Nilsson"
    # a paragraph of reported speech or of news between them: the quote is nobody's we know
    assert quotes["It is too early to s"] is None and quotes["Nobody knows what co"] is None
    # inside a paragraph: a sentence of quotation right after the attribution of the one before
    text = ('Israel denied any role. "We play no role in this dispute," Israeli Prime Minister Benjamin Netanyahu '
            'told reporters on Sunday in Jerusalem. "We have taken steps to calm Syria." Israel also limited '
            'army drills.\n\n"Nobody wants a war," Netanyahu said. Turkey massed troops on the border. "The '
            'threat is real and growing."')
    quotes = speakers_by_opening(text)
    assert quotes["We have taken steps "] == "Benjamin Netanyahu"
    assert quotes["The threat is real a"] is None  # a sentence of news between: nobody's we know


def test_pronoun_goes_to_the_person_named_last_before_the_quote():
    [quote] = quotes_of('Sergei Volkov, the plant manager, met Maria Delgado on Monday. Later Volkov '
                        'spoke again. "Every worker has been accounted for," he said.')
    assert quote.speaker == "Sergei Volkov"


def test_he_said_is_the_subject_of_the_sentence_before_not_the_last_name_in_it():
    text = ('Cuban President Fidel Castro spoke in Porto. Castro joked that police could have waited to avoid '
            'having the arrest of Augusto Pinochet overshadow the summit. "Now they are talking about the '
            'arrest instead of the summit," he said.')
    [quote] = quotes_of(text)
    assert quote.speaker == "Fidel Castro"
    # ...or the one that sentence quotes, not a name inside its quotation
    text = ('Rivers overflowed. National police spokesman Ivan Mejia said the Coco and Segovia rivers '
            'flooded. "People are heading up into the mountains looking for shelter," he said.')
    assert quotes_of(text)[0].speaker == "Ivan Mejia"
    text = ('"Now President Barack Obama said he will work with the new government," Hugo Chavez said. '
            '"We recognize only one government, the one Muammar Gaddafi leads," he said.')
    assert {q.text[:10]: q.speaker for q in quotes_of(text)}["We recogni"] == "Hugo Chavez"


def test_a_word_opening_the_sentence_is_not_the_speaker():
    quotes = quotes_of('"The new cap is good news," President Barack Obama said on Friday. But he added: "One of '
                       'the problems with the camera is that everybody feels we are done." Then Thad Allen said: '
                       '"We will keep testing the well for days."')
    assert {q.text[:20]: q.speaker for q in quotes} == {
        "The new cap is good ": "Barack Obama", "One of the problems ": "Barack Obama",
        "We will keep testing": "Thad Allen"}


def test_a_day_a_month_or_a_place_before_the_speaker_is_not_the_speaker():
    speakers = speakers_by_opening(
        'In a statement released Wednesday, Chairman Ruth Okafor said "The committee will finish its work '
        'on time." In March, Okafor told reporters: "Nothing about our duty has changed." In Lagos, Okafor '
        'also said "the vote will be held as planned." In June, with the talks near collapse, Okafor declared '
        'that "nobody is leaving the table."')
    assert speakers == {"The committee will f": "Ruth Okafor", "Nothing about our du": "Ruth Okafor",
                        "the vote will be hel": "Ruth Okafor", "nobody is leaving th": "Ruth Okafor"}


def test_a_quote_an_attribution_splits_is_one_quote():
    quotes = quotes_of(
        '"If you read the figures closely," Mayor Ruth Okafor said, "they tell you the plan is working." '
        '"We will keep going," said Okafor, "until every street is done." "That is all we can say," Okafor '
        'said. "Ask the council about the money."')
    # ...but a sentence of its own after the attribution is a quote of its own
    assert [(q.text, q.speaker) for q in quotes] == [
        ("If you read the figures closely they tell you the plan is working.", "Ruth Okafor"),
        ("We will keep going until every street is done.", "Ruth Okafor"),
        ("That is all we can say", "Ruth Okafor"), ("Ask the council about the money.", "Ruth Okafor")]


def test_of_two_tellings_of_a_quote_the_one_without_typing_errors_is_shown():
    typed = '"The harbour stays open becasue the ferries must run," Okafor said on Monday.'
    corrected = '"The harbour stays open because the ferries must run," Okafor said on Monday.'
    for texts in ((typed, corrected), (corrected, typed)):
        [quote] = quotes_of(*texts)
        assert quote.text.startswith("The harbour stays open because") and len(quote.tellings) == 2


def test_whose_someone_is_names_them_when_they_announce_something():
    speakers = speakers_by_opening(
        "Port Alder's harbour authority announced on Monday that it recognized \"the just demands of the "
        "ferry crews\" and would not close the port.")
    assert speakers == {"the just demands of ": "Port Alder's harbour authority"}


def test_a_quote_after_a_colon_ending_a_clause_that_reports_speech_is_its_subjects():
    speakers = speakers_by_opening(
        'In Port Alder, harbour chief Ruth Okafor condemned what she called a reckless act: "We will find '
        'who did this." Police found a note in the cabin: "Gone fishing for a week." "It was a long '
        'night," Okafor said. To applause, Okafor declared: "The harbour stays open."')
    assert speakers == {"We will find who did": "Ruth Okafor", "Gone fishing for a w": None,
                        "It was a long night": "Ruth Okafor", "The harbour stays op": "Ruth Okafor"}


def test_one_quote_told_by_several_outlets_with_small_differences_is_one_quote():
    quotes = quotes_of(
        '"We were lucky the wind was blowing toward the water and not toward the neighborhoods," Fire Chief Maria Delgado said.',
        '"We were lucky that the wind was blowing toward the water, not toward the neighborhoods," Maria Delgado said.',
        '"We were lucky the wind was blowing toward the water," Chief Maria Delgado said.',
        "fire chief maria delgado spoke  we were lucky the wind was blowing toward the water and not toward the "
        "neighborhoods, Maria Delgado said.",
        degraded=(3,),
    )
    assert len(quotes) == 1
    [quote] = quotes
    assert quote.articles == ["0", "1", "2", "3"]
    assert quote.speaker == "Maria Delgado"
    assert quote.text == "We were lucky the wind was blowing toward the water and not toward the neighborhoods"
    assert len(quote.variants) == 3


def test_scare_quotes_and_unattributed_reported_speech_are_not_quotes():
    assert quotes_of('The so-called "safe zone" was shelled. Officials said the area was no longer safe for anyone.') == []


def test_where_the_speaker_works_and_a_name_in_apposition_attribute_the_quote():
    text = ('"I am afraid we will see deaths," Dr Anne Schuchat of the Atlanta-based Centers for Disease '
            'Control and Prevention warned reporters. Mexico\'s health minister, Jose Angel Cordova, said: "We are '
            'very, very worried." "The army will not shoot the people," the officer at the gate said. '
            'The U.S. National Weather Service in Miami said the storm was still "a highly dangerous hurricane '
            'that could do catastrophic damage."')
    speakers = [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))]
    assert speakers == ["Dr Anne Schuchat", "Jose Angel Cordova", None, "U.S. National Weather Service"]


def test_a_speakers_initials_do_not_end_the_attribution_and_a_quote_paragraph_after_a_long_quote_is_theirs():
    text = ('"The measure makes little sense to begin with," said J.F. Tremblay, a Moody\'s vice '
            'president.\n"First of all, the bloodshed must end.\nThe military operations must end," '
            'Davutoglu told a news conference.\n"If the operations continue, Turkey cannot remain indifferent."')
    speakers = [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))]
    assert speakers == ["J.F. Tremblay", "Davutoglu", "Davutoglu"]


def test_a_partial_quote_is_the_reporters_and_an_officer_is_named_past_the_organisation():
    text = ('The White House chief of staff, Rahm Emanuel, condemned the attendance as "one more in a '
            'long string of PR blunders" on television.\n"AA remains a very strong rating," said BP '
            'spokesman Mark Salt.\n"We will rebuild the whole harbour," the mayor said.\n'
            'Protesters lifted officers onto their shoulders amid cheers of "the people and the police are one."')
    speakers = [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))]
    assert speakers == ["Rahm Emanuel", "Mark Salt", "the mayor", None]


def test_a_quotation_paragraph_after_he_said_takes_the_speaker_resolved_there():
    [implications, water] = quotes_of(
        "Ed Dlugokencky, who keeps Noaa's worldwide methane records, agreed.\n"
        '"What John Kessler found applies only to deep waters, not to shallow shelves," he said.\n'
        '"There, water is only about 40m deep, and bubbling carries the methane up."')
    assert implications.speaker == water.speaker == "Ed Dlugokencky"


def test_he_said_after_a_sentence_an_unnamed_speaker_opens_is_theirs():
    [quote] = quotes_of("Ahmed Ali runs the port. A second industry source said Turkey's government wanted "
                        "more suppliers.\n\"The Turks are pushing for more supplies,\" he said.")
    assert quote.speaker == "A second industry source"


def test_a_predicate_between_commas_is_no_appositive_of_the_place_before_it():
    text = ('U.S. Sen. Richard Lugar, who had earlier voiced doubts about U.S. and allied air strikes over Libya, '
            'has sharpened his attack on the mission, saying "there is no yardstick for success."')
    [quote] = find_quotes(Article(id="a", source="a", text=text))
    assert quote.speaker_text == "U.S. Sen. Richard Lugar"  # the subject of "saying", past "U.S. and"


def test_a_quote_a_participle_introduces_is_the_subjects():
    text = ('In the face of such attacks, Hayward insisted that he had a "thick hide", adding: "They\'ve '
            'thrown harsh words my way, but I will go on."\nThe company released a statement on Friday, saying "we '
            'regret the accident deeply."')
    assert [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))] == [
        "Hayward", "The company"]


def test_no_determiner_or_pronoun_is_a_speaker_and_a_title_in_quote_marks_is_no_quote():
    # (a document speaks whole: "One cable says", not "One")
    text = ('The cables say little.\nOne cable says he has grown "increasingly intolerant of free '
            'thought."\nThat said, "the protesters have a point and they will be heard."\n'
            'A Facebook page called "We Are All Khaled Said" drew thousands.\nIn a somber announcement, Vice '
            'President Omar Suleiman announced the resignation and said the council will "run the affairs '
            'of the country."')
    found = {q.text[:20]: q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))}
    assert found == {"increasingly intoler": "One cable", "the protesters have ": None,
                     "run the affairs of t": "Vice President Omar Suleiman"}


def test_a_lawmakers_party_and_state_and_a_title_after_the_quote_do_not_end_the_attribution():
    text = ('At a meeting, Rep. Ron Paul, R-Texas, said the United States had spent billions "propping up that '
            'dictator" for decades.\n"We cannot wait any longer for this," Sen. Dianne Feinstein (D-Calif.) said '
            'on Monday.\n"The committee will meet again next week," said Sen. John McCain.')
    assert [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))] == [
        "Rep. Ron Paul", "Sen. Dianne Feinstein", "Sen. John McCain"]


def test_kin_documents_named_agencies_labels_and_reporters_past_abbreviations():
    text = ('Asked how she is holding up, Al-Obeidy\'s mother says, "Our faith in God keeps us strong."\n'
            '"President Assad issued today decree number 33," the official news agency SANA said.\n'
            'The White House was "making decisions about an industry it knew little about," says the book.\n'
            'Storm warnings are in place.\nThad Allen: "If we have to evacuate the scene, we have a short window."\n'
            'Tommy Vietor added that U.S. officials were also weighing "a variety of different ways" to go on.')
    assert [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))] == [
        "Al-Obeidy's mother", "the official news agency SANA", "the book", "Thad Allen", "Tommy Vietor"]


def test_an_age_is_an_appositive_and_a_possessive_subject_is_not_the_speaker():
    [rwaramba] = quotes_of('"I had to pump his stomach many times," Grace Rwaramba, 42, said in remarks reported by '
                           'the paper.')
    assert rwaramba.speaker == "Grace Rwaramba"
    [statement] = quotes_of("Michael Jackson died on Thursday. Michael Jackson's father Joseph Jackson described his "
                            'son\'s death as a dark moment.\n"It leaves us, his family, speechless and devastated," he '
                            "said in a statement.")
    assert statement.speaker == "Joseph Jackson"


def test_a_pronoun_with_no_one_opening_the_sentence_before_goes_on_with_the_speaker_before():
    chained = quotes_of('Miranda Sevcik, a spokeswoman, said the doctor had helped the police a great deal.\n'
                        '"Investigators have said the doctor is not a suspect in this case at all," she said.\n'
                        'She told the BBC Conrad Murray "feels so deeply about his relationship with the family".')
    assert {q.text[:12]: q.speaker for q in chained} == {"Investigator": "Miranda Sevcik",
                                                         "feels so dee": "Miranda Sevcik"}
    # ...not past a sentence naming someone else
    [_, mueller] = quotes_of('"As you pump the mud into it, it is going to hold back some oil," Tony Russell said.\n'
                             'BP spokesman Tom Mueller also played down reports that the top kill had succeeded.\n'
                             '"We don\'t anticipate being able to say anything definitive until later," he said.')
    assert mueller.speaker == "Tom Mueller"


def test_a_title_alone_is_no_speaker_where_a_name_follows_its_qualifier():
    text = ('Secretary of State Hillary Clinton told U.S. senators: "Libya may turn into a peaceful democracy, or '
            'it may slide into civil war."\nMinister of Defence Ali Khan said: "We will not stop until it is over."')
    assert [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))] == [
        "Hillary Clinton", "Ali Khan"]


def test_an_unnamed_speaker_described_with_an_abbreviation_is_described_whole():
    [quote] = quotes_of('Officials believed the ownership was irrelevant. "All we knew about the ownership was that '
                        'much of it could not be pinned down," said one senior U.S. intelligence official. Still, '
                        'U.S. intelligence began to investigate.')
    assert quote.speaker == "one senior U.S. intelligence official"


def test_someone_the_story_met_described_not_named_speaks():
    [quote] = quotes_of('Crowds filled the square. "They cannot silence all of us," said one protester.')
    assert quote.speaker == "one protester"
    [quote] = quotes_of('Families slept in the school. "We left with nothing," a 61-year-old farmer said.')
    assert quote.speaker == "a 61-year-old farmer"


def test_a_surname_opening_on_lowercase_particles_is_the_speakers_and_so_is_a_described_politician():
    [quote] = quotes_of('Police came. "We will not leave this place," said Maria de la Cruz.')
    assert quote.speaker == "Maria de la Cruz"
    [quote] = quotes_of('Talks went on. "Nobody here will stand idle," said the analyst Karim al-Rashid.')
    assert quote.speaker == "Karim al-Rashid"
    [quote] = quotes_of('Talks went on. "If the north falls, we will act," said a senior Shi\'ite politician.')
    assert quote.speaker == "a senior Shi'ite politician"


def test_a_name_in_apposition_after_any_description_attributes_the_quote():
    text = ('"The courier with close ties to the leader seems to have been caught, and we must take every '
            'precaution," the operative, Omar Nadir, wrote in his report. "We will keep the plant open all '
            'winter long," his deputy, Lena Ortiz, said.')
    speakers = [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text))]
    assert speakers == ["Omar Nadir", "Lena Ortiz"]


def test_a_question_is_attributed_after_it_and_a_quotation_after_reported_speech_is_the_reporters():
    text = ('"Will you put that in writing for us?" Netanyahu said. "I cannot tell. Whoever depends on one or '
            'two votes never knows what comes." The mayor said she would wait. "Can we change course without '
            'changing the team at the top?" Ruiz said his vote depended on the record of the last three years. '
            'The deal was a sign of weakness, columnist Selin Aras wrote on Friday. "This could cost her the '
            'support of her own party."')
    speakers = [q.speaker_text for q in find_quotes(Article(id="a", source="a", text=text)) if q.direct]
    # the last sentence before a question's close is not its attribution when it goes on to report more
    assert speakers == ["Netanyahu", "Netanyahu", None, "Selin Aras"]
