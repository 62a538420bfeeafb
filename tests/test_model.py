import pytest

from storyweave.model import headline_from_text


def test_a_headline_for_untitled_text_is_its_first_sentence_or_a_cut_at_a_clause():
    assert headline_from_text("Fire hits plant. Two workers were hurt.") == "Fire hits plant"
    assert headline_from_text("* Pipeline restarts\n* Tests begin") == "Pipeline restarts"  # a fact box's bullet
    assert headline_from_text("June 17: Rep. Joe Barton asks a question. He apologised.") == (
        "June 17: Rep. Joe Barton asks a question")
    assert headline_from_text("\nU.S. Seizes Control of AIG\nThe government took over.") == "U.S. Seizes Control of AIG"
    assert headline_from_text("An explosion on a drilling rig on April 20 left 11 workers missing and the platform "
                              "sank two days later, officials said.") == (
        "An explosion on a drilling rig on April 20 left 11 workers missing…")
    # no clause boundary: cut on a word a headline can end on, never "the" or "of"
    assert headline_from_text("Officials from twelve countries met on Monday for hours to discuss the future of "
                              "the fishing treaty in the region.") == (
        "Officials from twelve countries met on Monday for hours to discuss the future…")
    # a participle's phrase before the subject gives way to what the subject did; a clause is cut at
    # its comma, keeping the word before it
    assert headline_from_text("Resolved to hold the campaign's focus on jobs, Sen. Barack Obama added "
                              "$60 billion in fresh tax breaks and other perks to his plan.") == (
        "Sen. Barack Obama added $60 billion in fresh tax breaks…")
    assert headline_from_text("The storm cut power to half a million homes across the region, officials in three "
                              "states said on Monday.") == (
        "The storm cut power to half a million homes across the region…")
    # ...and so does a subordinate clause before it
    assert headline_from_text("After weeks of guessing over what Macworld would bring, Apple Inc. pulled the "
                              "covers off new iTunes software and showed a 17-inch MacBook Pro.") == (
        "Apple Inc. pulled the covers off new iTunes software…")
    assert headline_from_text("With a 17-inch MacBook Pro update unveiled at the Macworld keynote, Apple has brought "
                              "its whole line of portables into view.") == (
        "Apple has brought its whole line of portables into view")
    assert headline_from_text("Amid a rush of final preparations, the fledgling Palestinian Authority prepared "
                              "Thursday for a landmark on the road to statehood: an airport of its own.") == (
        "The fledgling Palestinian Authority prepared Thursday for a landmark on the road to statehood…")
    # ...and a relative clause between commas
    assert headline_from_text("German Foreign Minister Joschka Fischer, who angered Beijing lately by receiving "
                              "an exiled dissident, called the jailing of two dissidents unacceptable.") == (
        "German Foreign Minister Joschka Fischer called the jailing of two dissidents unacceptable")
    # a capitalised "Who" is a name's, not a clause's: "Doctor Who" stays whole
    assert headline_from_text("A little-known actor is to play the title role of Doctor Who in the long-running "
                              "British science fiction series.") == (
        "A little-known actor is to play the title role of Doctor Who…")


def test_an_opening_in_the_first_person_or_cut_inside_a_subordinate_clause_makes_no_headline():
    from storyweave.model import headline_of_opening

    assert headline_of_opening("While Apple's final keynote address at the annual convention in San Francisco did "
                               "not contain the announcements many had hoped for, we were given the details.") is None
    assert headline_of_opening("I felt this one pretty good, and so did my neighbours.") is None
    assert headline_of_opening("When the quake struck, dishes fell.") == "When the quake struck, dishes fell"
    assert headline_of_opening("Today may be Apple's last Macworld appearance but it came bearing gifts.") == (
        "Today may be Apple's last Macworld appearance but it came bearing gifts")


RUN_ON_HEADLINES = [
    # flattened pages: headline, standfirst and first sentence with no full stop between them
    ("BP agrees $7bn asset sale to pay for oil clean-up BP is expected to sell oil field stakes in Colombia and "
     "Egypt.", "BP agrees $7bn asset sale to pay for oil clean-up"),
    ("Obama picks leaders of oil-spill panel President Obama said the commission would examine how the industry "
     "operates.", "Obama picks leaders of oil-spill panel"),
    ("Gulf of Mexico oil spill: Panel calls for sweeping reforms The Deepwater Horizon disaster stemmed from "
     "avoidable mistakes.", "Gulf of Mexico oil spill: Panel calls for sweeping reforms"),
    ("BP oil spill: Obama remarks 'not anti-British' Barack Obama said he would have sacked BP's chief.",
     "BP oil spill: Obama remarks 'not anti-British'"),
    ("Obama pledges to 'make BP pay' for Gulf spill losses President Obama: \"BP is going to pay for this\"",
     "Obama pledges to 'make BP pay' for Gulf spill losses"),
    # a standfirst's question, or a sentence opening on a word that opens sentences
    ("Gulf oil spill leaves industry-friendly Republicans in an awkward spot Who says loyalty in politics "
     "is dead?", "Gulf oil spill leaves industry-friendly Republicans in an awkward spot"),
    ("Man arrested after a long police chase through the suburbs In a statement police said he was armed.",
     "Man arrested after a long police chase through the suburbs"),
    # a headline in title case, and a caption of the person it named doing something
    ("Palin Responds to Obama's Oval Office Speech on Gulf Spill Sarah Palin speaks on 'The O'Reilly Factor' "
     "from Wasilla, Alaska.", "Palin Responds to Obama's Oval Office Speech on Gulf Spill"),
    # after a capitalised word the capitals go on a name ("the World Health Organisation")
    ("The Ministry of Health and Social Affairs said on Friday the World Health Organisation has chosen to "
     "lift the alert level.", "The Ministry of Health and Social Affairs said on Friday the World Health "
     "Organisation…"),
    # a possessive goes on into a name
    ("BBC Radio 4's The Report looks at the inquiry into the explosion on the rig last month.",
     "BBC Radio 4's The Report looks at the inquiry into the explosion…"),
    # a name said only once, inside the sentence, is a clause of it: cut as a long sentence
    ("A judge ruled that the contractor Halliburton had hired for the cement job was negligent in its work on "
     "the rig.", "A judge ruled that the contractor Halliburton had hired for the cement job…"),
]


@pytest.mark.parametrize(("opening", "headline"), RUN_ON_HEADLINES)
def test_a_headline_run_into_the_next_sentence_ends_where_that_sentence_starts(opening, headline):
    assert headline_from_text(opening) == headline


def test_a_stored_story_keeps_its_title_while_it_reads_as_a_headline():
    from storyweave.model import story_title_from

    text = "Mubarak stepped down on Friday and handed power to the military, ending three decades of rule."
    assert story_title_from("Mubarak resigns", ["Crowds cheer in Cairo"], text) == "Mubarak resigns"
    assert story_title_from("WALGREENS' BIG BRANDING PUSH", [None, "Mubarak resigns"], text) == "Mubarak resigns"
    assert story_title_from("WALGREENS' BIG BRANDING PUSH", ["BREAKING NEWS"], text).startswith("Mubarak stepped")
    heading = "WALGREENS' BIG BRANDING PUSH"
    assert story_title_from(heading, ["BREAKING NEWS"], "Tiny.") == heading
    assert story_title_from(None, [None], text).startswith("Mubarak stepped down on Friday")
    # what a fragment's first arrival titled it gives way to a headline
    assert story_title_from("in Cairo's Tahrir Square as the crowds cheered", [None], text).startswith("Mubarak")


def test_a_story_of_many_articles_is_titled_by_its_most_representative_headline():
    from storyweave.model import representative_title

    def title_of(members: list[tuple[str | None, str]]) -> str:  # (title, text), most representative first
        return representative_title([title for title, _ in members], (text for _, text in members))

    lead = "Mubarak stepped down on Friday and handed power to the military, ending three decades of rule."
    # members, most representative first: a real headline wins, but not a section heading or a question
    assert title_of([(None, lead), ("WALGREENS' BIG BRANDING PUSH", "..."),
                     ("Is Egypt free at last?", "..."), ("Mubarak resigns", "...")]) == "Mubarak resigns"
    # without one, the first opening that reads as a headline: not a pun of three words, not a
    # fragment that starts lowercase, not a speaker's label of a transcript
    assert title_of([(None, "Humans have it. At least not yet."),
                     (None, "in Cairo's Tahrir Square as the crowds cheered on"),
                     (None, "By Niu Shuping and Ken Wills Nevermind that the flu is not caused by pigs."),
                     (None, lead)]).startswith("Mubarak stepped down on Friday")
    assert title_of([(None, "HOWARD KURTZ, HOST: As reporters rush to cover the revolt in"
                            " Egypt, this was the week the coverage turned dangerous.")]) \
        == "As reporters rush to cover the revolt in Egypt…"
    assert title_of([(None, "Humans have it.")]) == "Humans have it"


def test_a_long_lead_gives_a_headline_without_its_opening_phrase_or_the_clauses_around_its_subject():
    from storyweave.model import headline_from_text

    # a participle's or a preposition's opening phrase gives way to the main clause, even before a
    # lowercase subject...
    assert headline_from_text(
        "Startled by heavy losses in the regional vote, conservative lawmakers turned on each other Tuesday over who "
        "should carry the blame.").startswith("Conservative lawmakers turned on each other Tuesday")
    assert headline_from_text(
        "In a sudden shift, the central banks of the eleven member countries cut their key rates Thursday, "
        "setting the level for the whole zone.").startswith("The central banks of the eleven member countries cut")
    # ...but not to a pronoun, the next item of a list, a name in apposition, nor after a gerund subject
    for lead in ("When the inventor drafted the rules for the prize that bears his name, he picked a vague word "
                 "and crossed out several letters.",
                 "With lawyers jailed, bullied or simply frightened, two well-known activists will argue their own "
                 "case against the charges.",
                 "In the middle of the cleanup of the leak along the coast, Gulf Harbor, several papers found plenty "
                 "to joke about."):
        assert headline_from_text(lead).startswith(lead.split()[0])
    # a participle's clause or an apposition after the subject says more of it than a headline needs
    assert headline_from_text(
        "Photos of the injured dissident Omar Latif, printed on front pages for three days and shared online, "
        "are hurting the image of the police.") == (
        "Photos of the injured dissident Omar Latif are hurting the image of the police")
    assert headline_from_text(
        "The two largest oil companies, the Houston rivals, confirmed Friday that they were discussing a merger of "
        "their refining arms.").startswith("The two largest oil companies confirmed Friday")
