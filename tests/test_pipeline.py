from __future__ import annotations

from storyweave.model import Article, Fact, Sentence
from storyweave.pipeline import story_title


def _fact(text: str, *article_ids: str) -> Fact:
    return Fact(text=text, sentences=[], articles=list(article_ids))


def test_a_question_headline_does_not_name_a_story_that_articles_share_facts_of():
    quake = _fact("A powerful earthquake struck Haiti on Tuesday, flattening much of Port-au-Prince.", "a", "b")
    asking = Article(id="a", source="a.txt", text="...", title="Where is God in Haiti?")
    untitled = Article(id="b", source="b.txt", text="...")
    assert story_title([asking, untitled], [quake]) == quake.text.rstrip(".")
    naming = Article(id="b", source="b.txt", text="...", title="Quake flattens Haiti's capital")
    assert story_title([asking, naming], [quake, _fact("Aid is on its way.", "a", "b")]) == naming.title
    # one article and nothing shared: its own title, question or not
    assert story_title([asking], [_fact("God was invoked.", "a")]) == "Where is God in Haiti?"


def test_a_title_run_into_its_standfirst_gives_way_to_a_headline_or_is_cut_as_one():
    run_on = ("BP oil spill: final checks ahead of 'static kill' Scientists confirm the Deepwater Horizon "
              "blast, which spilled 5m barrels of oil, was the largest accidental spill on record")
    kill = _fact("BP began the static kill on Tuesday, pumping mud into the well.", "a", "b")
    long_one = Article(id="a", source="a.txt", text="...", title=run_on)
    short_one = Article(id="b", source="b.txt", text="...", title="BP starts 'static kill' on Gulf well")
    assert story_title([long_one, short_one], [kill, _fact("The well leaked 4.9m barrels.", "a")]) == short_one.title
    alone = story_title([long_one], [kill])
    assert alone.endswith("…") and len(alone.split()) <= 14 and alone.startswith("BP oil spill: final checks")


def test_a_title_in_capitals_is_a_section_heading_that_gives_way_to_any_other_title():
    resigns = _fact("Mubarak stepped down on Friday and handed power to the military.", "a", "b")
    heading = Article(id="a", source="a.txt", text="...", title="WALGREENS' BIG BRANDING PUSH")
    headline = Article(id="b", source="b.txt", text="...", title="Mubarak resigns as Egypt's president")
    facts = [resigns, _fact("Crowds cheered in Tahrir Square.", "a")]
    assert story_title([heading, headline], facts) == headline.title
    assert story_title([heading], [resigns]) == heading.title  # the only title there is


def test_a_broadcast_transcripts_title_gives_way_to_a_written_reports():
    speech = _fact("Obama addressed the nation from the Oval Office on Tuesday night.", "tv", "web")
    turns = "\n".join(["O'REILLY: Governor, what did you make of the speech?", "PALIN: He missed the mark, Bill.",
                       "O'REILLY: Why?", "PALIN: Because the leak goes on.", "O'REILLY: Thank you, Governor."])
    transcript = Article(id="tv", source="tv.txt", text=turns, title="Palin Reacts to Obama's Oval Office Address")
    report = Article(id="web", source="web.txt", text="Obama spoke from the Oval Office.",
                     title="Obama vows to make BP pay in Oval Office address")
    facts = [speech, _fact("The leak goes on.", "tv"), _fact("He missed the mark.", "tv", "web")]
    assert story_title([transcript, report], facts) == report.title  # though the transcript comes first
    assert story_title([transcript], facts) == transcript.title  # the only title there is


def test_an_untitled_story_is_named_by_the_fact_most_articles_lead_with():
    def told(text: str, *where: tuple[str, int]) -> Fact:
        return Fact(text=text, sentences=[Sentence(a, i, text) for a, i in where], articles=[a for a, _ in where])

    detail = told("In a somber announcement, Vice President Omar Suleiman said the army would run the country.",
                  ("a", 1), ("b", 1), ("c", 3))
    lead = told("Egyptian President Hosni Mubarak stepped down Friday.", ("a", 0), ("b", 0))
    untitled = [Article(id=x, source=f"{x}.txt", text="...") for x in "abc"]
    assert story_title(untitled, [detail, lead]) == "Egyptian President Hosni Mubarak stepped down Friday"
    # an article's lead is its first sentence that can be summary material: a page may open on its date line
    stamp = told("February 11, 2011 at 6:02 PM", ("a", 0), ("b", 0), ("c", 0))
    later = told(detail.text, ("a", 2), ("b", 2), ("c", 3))
    dated_lead = told("Egyptian President Hosni Mubarak stepped down Friday.", ("a", 1), ("b", 1))
    assert story_title(untitled, [stamp, later, dated_lead]) == "Egyptian President Hosni Mubarak stepped down Friday"


def test_a_summary_sentence_that_is_all_quotation_names_its_speaker():
    from storyweave.model import Quote, QuoteTelling, Sentence, SummarySentence
    from storyweave.pipeline import attribute_quotations
    from storyweave.render.common import summary_text

    def sentence(text: str, article: str = "a") -> SummarySentence:
        return SummarySentence(text, [article], 0, Sentence(article, 3, text))

    quotes = [Quote("We care about the small people", "Carl-Henric Svanberg",
                    [QuoteTelling("We care about the small people", "a", 120, "Svanberg", True,
                                  speaker="Carl-Henric Svanberg")])]
    bare, elsewhere, attributed, pronoun, named_too = attribute_quotations([
        sentence('"We care about the small people."'),
        sentence('"We care about the small people."', article="b"),  # another article: its speaker is unknown
        sentence('"We care about the small people," Svanberg said.'),
        sentence('"We care about the small people," he said.'),
        sentence('Svanberg said he told them: "We care about the small people."')], quotes)
    assert bare.speaker == "Carl-Henric Svanberg"
    assert summary_text(bare) == '"We care about the small people." — Carl-Henric Svanberg'
    assert bare.to_dict()["speaker"] == "Carl-Henric Svanberg"
    assert elsewhere.speaker is None and "speaker" not in elsewhere.to_dict()
    assert attributed.speaker is None  # the sentence names its speaker itself
    assert pronoun.speaker == "Carl-Henric Svanberg"  # 'he said' leaves the reader guessing
    assert named_too.speaker is None


def test_of_several_headlines_the_one_in_the_storys_own_words_names_it():
    report = ("Lord Goldsmith's advice on the legality of the Iraq war was published in full. The attorney general "
              "warned that the war could be ruled illegal.")
    link = Article(id="a", source="a.txt", text=report + " More of the legal advice follows.",
                   title="Read the first part of the advice")
    headline = Article(id="b", source="b.txt", text=report, title="Full text: Iraq war legal advice published")
    facts = [_fact("The advice on the legality of the Iraq war was published in full.", "a", "b"),
             _fact("More of the legal advice follows.", "a")]  # the link's article tells the most
    assert story_title([link, headline], facts) == headline.title


def test_an_untitled_story_without_a_shared_lead_is_named_by_the_opening_of_its_most_telling_article():
    def told(text: str, *where: tuple[str, int]) -> Fact:
        return Fact(text=text, sentences=[Sentence(a, i, text) for a, i in where], articles=[a for a, _ in where])

    background = told("In a typical year, ordinary flu kills some 250,000 to 500,000 people.",
                      ("a", 6), ("b", 9), ("c", 4))
    news = told("The WHO raised its pandemic alert to phase five on Wednesday.", ("a", 0), ("c", 2))
    texts = {"a": "The WHO raised its pandemic alert to phase five on Wednesday. More.",
             "b": "Swine flu is a respiratory disease of pigs. More.", "c": "Mexico closed its schools. More."}
    untitled = [Article(id=x, source=f"{x}.txt", text=texts[x]) for x in "bac"]
    assert story_title(untitled, [background, news]) == "The WHO raised its pandemic alert to phase five on Wednesday"


def test_an_untitled_story_is_named_by_the_opening_in_its_own_words_not_by_a_look_back():
    texts = {
        "a": "The show has been running for 45 years and fans remember all ten actors. Each brought something.",
        "b": "Little-known actor Matt Smith was picked as the next Doctor Who on Saturday. Fans were surprised.",
        "c": "Matt Smith, 26, will play the Doctor from 2010. The BBC named Smith on Saturday.",
    }
    untitled = [Article(id=x, source=f"{x}.txt", text=texts[x]) for x in "abc"]
    # the look back tells the most of what the others tell
    facts = [_fact("Fans remember the actors.", "a", "b"), _fact("Smith plays the Doctor.", "a", "c"),
             _fact("Fans were surprised.", "a", "b")]
    assert story_title(untitled, facts) == (
        "Little-known actor Matt Smith was picked as the next Doctor Who on Saturday")
