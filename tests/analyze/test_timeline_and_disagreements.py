from __future__ import annotations

from storyweave.analyze.disagreements import (
    conflicting_numbers,
    is_statement,
    name_variants,
    polarity_conflicts,
)
from storyweave.analyze.entities import merge_entities
from storyweave.analyze.timeline import anchor_dates, build_timeline, name_subjects
from storyweave.model import Article, Entity, Mention, Sentence, TimelineEvent
from storyweave.nlp.sentences import split_article


def article(id_: str, text: str, published: str | None, source: str = "header") -> Article:
    return Article(id=id_, source=f"{id_}.txt", text=text, published=published, published_from=source)


def test_one_event_told_by_two_articles_is_one_timeline_entry_cited_to_both():
    articles = [
        article("a", "A fire broke out at the Halvorsen chemical plant on Monday, injuring twelve workers. "
                     "Talks on a new contract will resume in July.", "2024-03-05"),
        article("b", "On Monday a fire broke out at the Halvorsen chemical plant, injuring workers.\n"
                     "May 2016: the plant opened on the tideflats after years of planning.", "2024-03-04"),
    ]
    events = build_timeline(articles)
    dated = {e.date: e for e in events}
    assert list(dated) == ["2016-05", "2024-03-04", "2024-07"]  # chronological
    assert dated["2024-03-04"].articles == ["a", "b"]
    assert dated["2024-03-04"].resolved_from in ("on Monday", "On Monday")
    assert "plant opened" in dated["2016-05"].text  # a background chronology line is an event too


def test_the_event_a_days_coverage_led_with_is_more_salient_than_one_told_in_passing():
    articles = [
        article("a", "The city council closed the Riverside bridge to all traffic after engineers found deep "
                     "cracks in its steel supports. Drivers face long detours. On March 5 the council voted to "
                     "close the Riverside bridge until the steel supports are repaired. On March 5 the mayor "
                     "also opened a school fair in the north of the city.", "2024-03-05"),
        article("b", "Engineers found deep cracks in the steel supports of the Riverside bridge, and the council "
                     "closed it to traffic. Repairs could take months. The mayor opened a school fair in the "
                     "north of the city on March 5, with games and music.", "2024-03-06"),
        article("c", "Commuters crowded onto buses after the Riverside bridge closed to traffic over cracks in its "
                     "steel supports. The mayor opened a school fair in the north of the city on March 5.",
                "2024-03-06"),
    ]
    events = [e for e in build_timeline(articles) if e.date == "2024-03-05"]
    bridge = next(e for e in events if "bridge" in e.text)
    fair = next(e for e in events if "fair" in e.text)
    assert len(fair.sentences) == 3 and len(bridge.sentences) == 1  # the fair is told more often...
    assert bridge.salience > fair.salience > 0  # ...but the day's coverage led with the bridge
    assert bridge.to_dict()["salience"] == round(bridge.salience, 4)


def test_a_telling_that_matches_two_events_joins_them_but_two_shared_words_link_nothing():
    articles = [
        article("a", "A fire destroyed a chemical warehouse in Tacoma on Monday and injured 12 workers.\n"
                     "The shelter order was lifted on Monday afternoon.", "2024-03-05"),
        article("b", "On Monday a blaze at the Halvorsen plant sent 12 workers to hospitals.\n"
                     "The order to stay indoors was lifted on Monday afternoon.", "2024-03-05"),
        article("c", "A fire at the Halvorsen plant destroyed a chemical warehouse in Tacoma on Monday, "
                     "sending 12 workers to hospitals and forcing people to stay indoors.", "2024-03-05"),
    ]
    sentences = {a.id: split_article(a) for a in articles}
    # The summarizer aligned b's lead with c's, and the two lifted orders (other words, one fact).
    fact_of = {("b", 0): 1, ("c", 0): 1, ("a", 1): 2, ("b", 1): 2}
    events = build_timeline(articles, sentences, fact_of=fact_of)
    # c's lead tells a's in its words and is b's fact: one event. Its "stay indoors" does not make
    # the lifted order the same event as the fire.
    assert sorted(sorted(e.articles) for e in events) == [["a", "b"], ["a", "b", "c"]]
    assert any("lifted" in e.text and sorted(e.articles) == ["a", "b"] for e in events)


def test_a_header_date_contradicted_by_the_text_is_not_trusted():
    articles = [
        article("good", "The plant burned on Monday, March 4, the fire department said in a statement.", "2024-03-04", "metadata"),
        article("swap", "A fire on Monday, March 4, injured 12 workers. The order was lifted on Monday afternoon.", "2024-04-03"),
    ]
    sentences = {a.id: split_article(a) for a in articles}
    anchors = anchor_dates(articles, sentences)
    assert anchors["good"].source == "published"
    assert anchors["swap"].source == "story" and "day and month look swapped" in anchors["swap"].contradicted
    events = build_timeline(articles, sentences, anchors)
    assert "2024-04-01" not in {e.date for e in events}  # "on Monday" is not read against April 3
    assert any(e.date == "2024-03-04" and "lifted" in e.text for e in events)


def test_a_later_day_of_the_story_keeps_its_date_though_its_text_dates_only_earlier_events():
    # Two reports weeks after the launch, whose only full date is the launch's: a later day of the
    # story (other articles share it), not a wrong header.
    articles = [
        article("launch", "The module lifted off on Nov. 20 from the steppe.", "1998-11-20", "metadata"),
        article("dock", "The crew captured the module on Sunday, after its Nov. 20 launch.", "1998-12-07", "metadata"),
        article("walk", "Two astronauts left the shuttle on Monday to wire the module launched Nov. 20.",
                "1998-12-08", "metadata"),
    ]
    sentences = {a.id: split_article(a) for a in articles}
    anchors = anchor_dates(articles, sentences)
    assert all(anchors[a.id].source == "published" for a in articles)
    events = build_timeline(articles, sentences, anchors)
    assert any(e.date == "1998-12-06" and "captured" in e.text for e in events)


def test_spelling_variants_of_one_name_are_a_name_disagreement():
    mentions = [Mention("Sergei Volkov", "PERSON", "a", 0, 13), Mention("Sergey Volkov", "PERSON", "b", 0, 13),
                Mention("Volkov", "PERSON", "c", 0, 6)]
    [disagreement] = name_variants(merge_entities(mentions, []))
    assert disagreement.kind == "name"
    assert disagreement.positions == [("Sergei Volkov", ["a"]), ("Sergey Volkov", ["b"])]
    # An article that spells the name both ways disagrees with nobody.
    one_page = [Mention("Robert Kraft", "PERSON", "a", 0, 12), Mention("Robert Craft", "PERSON", "a", 90, 102),
                Mention("Robert Kraft", "PERSON", "b", 0, 12)]
    [entity] = merge_entities(one_page, [])
    assert name_variants([entity]) == []
    # A house style's British or American spelling is no disagreement on the name (and a bracket
    # the tagger opened and never closed is no part of it).
    styles = [Mention("World Health Organisation (WHO", "ORG", "a", 0, 29),
              Mention("World Health Organization", "ORG", "b", 0, 25)]
    [who] = merge_entities(styles, [])
    assert who.name.startswith("World Health Organi") and "(" not in who.name
    assert name_variants([who]) == []
    # nor are full stops ("Transocean Ltd." against "Transocean Ltd", "Henry M Paulson")
    stops = [Mention("Transocean Ltd.", "ORG", "a", 0, 15), Mention("Transocean Ltd", "ORG", "b", 0, 14),
             Mention("Henry M. Paulson", "PERSON", "a", 30, 46), Mention("Henry M Paulson", "PERSON", "b", 30, 45)]
    assert name_variants(merge_entities(stops, [])) == []
    # nor is a thing's plural ("Deepwater Horizons")
    rig = [Mention("Deepwater Horizon", "ORG", "a", 0, 17), Mention("Deepwater Horizons", "ORG", "b", 0, 18)]
    assert name_variants([Entity("Deepwater Horizon", "ORG", ["Deepwater Horizon", "Deepwater Horizons"], rig)]) == []
    # nor marks inside a name ("Workers' Party", "Inter-American")
    marks = [Mention("Kurdistan Workers' Party", "ORG", "a", 0, 24),
             Mention("Kurdistan Workers Party", "ORG", "b", 0, 23),
             Mention("Inter-American Development Bank", "ORG", "a", 40, 71),
             Mention("InterAmerican Development Bank", "ORG", "b", 40, 70)]
    assert name_variants(merge_entities(marks, [])) == []


def test_a_name_made_plural_is_no_spelling_of_it():
    texts = {"a": "Hanna Okafor spoke first.", "b": "They were the Hanna Okafors of the city."}
    mentions = [Mention("Hanna Okafor", "PERSON", "a", 0, 12), Mention("Hanna Okafors", "PERSON", "b", 14, 27)]
    entity = Entity("Hanna Okafor", "PERSON", ["Hanna Okafor", "Hanna Okafors"], mentions)
    assert texts["b"][14:27] == "Hanna Okafors"
    assert name_variants([entity], texts) == []
    # the tagger may take in the "the"
    tagged = [mentions[0], Mention("the Hanna Okafors", "PERSON", "b", 10, 27)]
    assert name_variants([Entity("Hanna Okafor", "PERSON", ["Hanna Okafor", "Hanna Okafors"], tagged)], texts) == []
    # without the article's text, a trailing s is a spelling (an outlet's slip: "Suttle" / "Suttles")
    assert name_variants([entity])[0].positions == [("Hanna Okafor", ["a"]), ("Hanna Okafors", ["b"])]


def test_an_article_that_gives_both_numbers_is_on_neither_side():
    # Two pages that each give a lower and an upper bound: nobody disagrees with anybody.
    bounds = [Sentence(x, i, text) for x in "ab" for i, text in enumerate([
        "A pressure below 6,000 psi means the well is probably leaking, engineers said.",
        "A pressure above 8,000 psi means the well is probably intact, engineers said."])]
    assert conflicting_numbers(bounds, {"a": "2010-07-16", "b": "2010-07-16"}) == []
    # A third page with a value of its own disagrees with the others only where one of them gave
    # a single value: here it stands alone.
    third = [*bounds, Sentence("c", 0, "A pressure below 7,500 psi means the well is probably leaking.")]
    assert conflicting_numbers(third, {"a": "2010-07-16", "b": "2010-07-16", "c": "2010-07-16"}) == []
    # A question or a condition states no number to disagree with.
    asked = [Sentence("e", 0, "Would the well leak if the pressure fell below 5,000 psi, engineers asked."),
             Sentence("f", 0, "If the pressure fell below 5,500 psi the well would be leaking, engineers said.")]
    assert conflicting_numbers([bounds[0], *asked], {x: "2010-07-16" for x in "aef"}) == []
    fourth = [*third, Sentence("d", 0, "A pressure below 6,000 psi means the well is leaking, BP said.")]
    [number] = conflicting_numbers(fourth, {x: "2010-07-16" for x in "abcd"})
    assert sorted(number.positions) == [("6,000 psi", ["d"]), ("7,500 psi", ["c"])]


def test_the_two_ends_of_a_range_the_story_states_are_one_estimate_not_a_dispute():
    day = {x: "2010-06-16" for x in "abc"}
    ends = [Sentence("a", 0, "Even the low-end figure of 35,000 barrels of oil a day leaking into the gulf is huge."),
            Sentence("b", 0, "As much as 60,000 barrels of oil each day are escaping into the gulf, scientists say.")]
    assert conflicting_numbers(ends, day)[0].kind == "number"  # with no range told, the two disagree
    ranged = [*ends, Sentence("c", 0, "Scientists now put the flow at 35,000-60,000 barrels a day.")]
    assert conflicting_numbers(ranged, day) == []
    other = [Sentence("a", 0, "Even the low-end figure of 40,000 barrels of oil a day leaking into the gulf is huge."),
             *ranged[1:]]
    assert conflicting_numbers(other, day)[0].kind == "number"  # a value inside the range is no end of it


def test_different_numbers_same_day_disagree_rising_numbers_over_days_develop():
    same_day = [Sentence("a", 0, "The fire sent 12 workers to hospitals on Monday."),
                Sentence("b", 0, "Fourteen workers were taken to hospitals after the fire on Monday.")]
    [number] = conflicting_numbers(same_day, {"a": "2024-03-04", "b": "2024-03-04"})
    assert number.kind == "number"
    assert sorted(v for v, _ in number.positions) == ["12 workers", "Fourteen workers"]
    rising = [Sentence("a", 0, "The earthquake killed 40 people in the region, officials said."),
              Sentence("b", 0, "The earthquake killed 95 people in the region, officials said.")]
    [toll] = conflicting_numbers(rising, {"a": "2024-03-04", "b": "2024-03-06"})
    assert toll.kind == "development"
    assert [v for v, _ in toll.positions] == ["40 people", "95 people"]
    assert toll.description.startswith("changed over time: people (")  # the word as written, not its stem
    # a sentence counting people twice counts different things: no rival for "11 people"
    two_counts = [Sentence("a", 0, "Eleven people died and 17 people were hurt in a blast on board the "
                                   "Deepwater Horizon on 20 April."),
                  Sentence("b", 0, "The explosion on the Deepwater Horizon on 20 April killed 11 people and sank "
                                   "the rig.")]
    assert conflicting_numbers(two_counts, {"a": "2010-09-08", "b": "2010-09-08"}) == []


def test_market_reports_prices_move_by_the_minute_and_disagree_on_nothing_but_a_toll_is_compared():
    day = {"a": "2011-08-23", "b": "2011-08-23", "c": "2011-08-23", "d": "2011-08-23"}
    prices = [Sentence("a", 0, "The more active October crude contract rose 79 cents to $83.20 a barrel on Tuesday."),
              Sentence("c", 0, "The spread of Brent over U.S. crude narrowed to below $24 a barrel on Tuesday."),
              Sentence("d", 0, "The spread of Brent over U.S. crude narrowed to below $23 a barrel on Tuesday."),
              Sentence("b", 0, "The more active October crude contract rose 95 cents to $84.42 a barrel on Tuesday.")]
    assert conflicting_numbers(prices, day) == []
    tolls = [Sentence("a", 0, "The death toll in the capital rose to 36 on Tuesday, officials said."),
             Sentence("b", 0, "The death toll in the capital rose to 41 on Tuesday, officials said.")]
    [toll] = conflicting_numbers(tolls, day)
    assert toll.kind == "number"


def test_affirmed_and_denied_is_a_claim_at_one_time_and_a_development_over_time():
    sentences = [Sentence("a", 0, "Sessions said he met the Russian ambassador Kislyak twice last year."),
                 Sentence("b", 0, "Sessions denied that he met the Russian ambassador Kislyak last year.")]
    [claim] = polarity_conflicts(sentences, {"a": "2017-03-02", "b": "2017-03-02"})
    assert claim.kind == "claim"
    moved = [Sentence("a", 0, "Mayor Linda Carraway has so far resisted calls to step aside."),
             Sentence("b", 0, "Mayor Linda Carraway stepped aside on Thursday.")]
    [development] = polarity_conflicts(moved, {"a": "2024-03-12", "b": "2024-03-15"})
    assert development.kind == "development"
    assert [ids for _, ids in development.positions] == [["a"], ["b"]]  # earlier first
    # the same affirmation run by two outlets on one day is one position cited to both
    copied = [*moved, Sentence("c", 0, "Mayor Linda Carraway stepped aside on Thursday.")]
    [development] = polarity_conflicts(copied, {"a": "2024-03-12", "b": "2024-03-15", "c": "2024-03-15"})
    assert [ids for _, ids in development.positions] == [["a"], ["b", "c"]]


def test_unrelated_negations_are_not_contradictions():
    sentences = [Sentence("a", 0, "The city awarded Bayline Marine the contract without competitive bidding."),
                 Sentence("b", 0, "The audit found that the city awarded Bayline Marine the contract in June.")]
    assert polarity_conflicts(sentences, {"a": "2024-03-12", "b": "2024-03-14"}) == []
    # what a sentence affirms before its "not" is not what it denies: "vice president, not
    # president" contradicts no report of the appointment; a denial of the appointment does
    day = {"a": "2011-01-29", "b": "2011-01-29", "c": "2011-01-29"}
    contrast = Sentence("a", 0, "Mubarak appointed Omar Suleiman as his vice president, not president.")
    report = Sentence("b", 0, "Mubarak has appointed Omar Suleiman as his vice president on Saturday.")
    assert polarity_conflicts([contrast, report], day) == []
    denial = Sentence("c", 0, "Mubarak has not appointed Omar Suleiman as his vice president on Saturday.")
    assert len(polarity_conflicts([denial, report], day)) == 1
    # what a "not" denies stops where a clause of its own begins: no plan is denied here
    undetailed = Sentence("a", 0, "Obama did not detail what his plan for the Gulf coast should include.")
    planned = Sentence("b", 0, "Obama talked openly about his plan for the Gulf coast and its fishermen.")
    assert polarity_conflicts([undetailed, planned], {"a": "2010-06-15", "b": "2010-06-16"}) == []


def test_a_long_sentence_is_shortened_in_a_disagreement_label_at_a_word_boundary():
    long = ("The fire at the Halvorsen Chemicals plant on the Tacoma tideflats sent 12 workers to hospitals "
            "on Monday morning and forced hundreds of residents to stay indoors.")
    other = long.replace("12 workers", "14 workers")
    [number] = conflicting_numbers([Sentence("a", 0, long), Sentence("b", 0, other)],
                                   {"a": "2024-03-04", "b": "2024-03-04"})
    shown = number.description.split("(", 1)[1].rstrip(")")
    assert shown.endswith(" …") and len(shown) <= 90
    assert long.startswith(shown.removesuffix(" …"))  # whole words of the sentence, in order
    assert shown.removesuffix(" …").split()[-1] in long.split()


def test_questions_conditions_fragments_and_negative_affirmations_contradict_nothing():
    denial = Sentence("n", 0, "Outside of Mexico swine flu has not caused any deaths, health officials said.")
    day = {x: "2009-04-28" for x in "nabcde"}
    not_statements = [
        Sentence("a", 0, "Why is swine flu causing deaths in Mexico but not elsewhere in the world?"),
        Sentence("b", 0, "If these are confirmed swine flu deaths they would be the first outside of Mexico."),
        Sentence("d", 0, '"We will call it Mexico flu, because swine flu has caused deaths in Mexico.'),
        Sentence("e", 0, "Israel re-named swine flu since the term is not kosher, and deaths in Mexico rose."),
    ]
    for sentence in not_statements:
        assert polarity_conflicts([denial, sentence], day) == [], sentence.text
    # A plain statement of the same thing still contradicts the denial.
    stated = Sentence("f", 0, "Swine flu has caused deaths outside of Mexico, health officials in Spain said.")
    [claim] = polarity_conflicts([denial, stated], {**day, "f": "2009-04-28"})
    assert claim.kind == "claim"


def test_numbers_are_compared_within_tellings_of_one_statement_and_millions_count_what_follows():
    day = {x: "2009-04-28" for x in "abcd"}
    sentences = [
        Sentence("a", 0, "Swine flu is suspected in 103 deaths in Mexico, health officials said on Tuesday."),
        Sentence("b", 0, "Health officials said swine flu is suspected in 149 deaths in Mexico."),
        Sentence("c", 0, "Seasonal flu causes 36,000 deaths a year in the United States, health officials said."),
        Sentence("d", 0, "The 1918 Spanish flu pandemic killed 50 million people around the world."),
        Sentence("a", 1, "The Spanish flu pandemic of 1918 killed 40 million people around the world."),
    ]
    found = {d.description.split(":")[1].split()[0]: d for d in conflicting_numbers(sentences, day)}
    assert sorted(v for v, _ in found["deaths"].positions) == ["103 deaths", "149 deaths"]
    assert sorted(v for v, _ in found["people"].positions) == ["40 million people", "50 million people"]
    # sharing the counted noun and a day says no more than that
    crowds = [Sentence("a", 0, "Several hundred people demonstrating today in Jordan."),
              Sentence("b", 0, "Today 80 million people in the largest Arab country made history.")]
    assert conflicting_numbers(crowds, {"a": "2011-02-11", "b": "2011-02-11"}) == []
    # a count with hardly a word beside it is too little to compare: a plan is no tally of the needy
    plans = [Sentence("a", 0, '"We need to relocate at least two million families," she said.'),
             Sentence("b", 0, "An estimated three million people in the region need food, the agency said.")]
    assert conflicting_numbers(plans, {"a": "2010-01-19", "b": "2010-01-19"}) == []


def test_one_amount_told_rounded_or_abbreviated_is_one_value():
    day = {x: "2010-07-16" for x in "abc"}
    told = [Sentence("a", 0, "The government estimates 2.5 million gallons of oil are leaking into the gulf every day."),
            Sentence("b", 0, "The government estimates 2.5 million gallons of oil are leaking into the gulf each day."),
            Sentence("c", 0, "The government estimates 2.47 million gallons of oil are leaking into the gulf every day.")]
    assert conflicting_numbers(told, day) == []
    more = [*told[:2], Sentence("c", 0, "The government estimates 4 million gallons of oil are leaking into the gulf "
                                        "every day.")]
    [number] = conflicting_numbers(more, day)
    assert [ids for _, ids in number.positions] == [["a", "b"], ["c"]]


def test_a_period_opened_with_since_does_not_date_the_event_and_one_today_on_two_days_is_no_disagreement():
    from storyweave.analyze.disagreements import conflicting_event_dates

    articles = [article("a", "The oil flow has stopped for the first time since 20 April, BP said.", "2010-07-16"),
                article("b", "The oil flow stopped on Thursday for the first time since the 20 April blast.",
                        "2010-07-16")]
    timeline = build_timeline(articles)
    assert [e.date for e in timeline] == ["2010-07-15"]
    quoted = [article("c", '"A lot of prayers were answered today," Thad Allen said at the well.', "2010-07-15"),
              article("d", '"A lot of prayers were answered today," Thad Allen said at the well.', "2010-07-16")]
    assert conflicting_event_dates(build_timeline(quoted)) == []


def test_two_negative_tellings_of_one_fact_do_not_contradict_each_other():
    day = {"a": "2009-06-27", "b": "2009-06-27"}
    told = [Sentence("a", 0, "Michael Jackson's body has been given back to his family but there haven't been any "
                             "details about his funeral yet."),
            Sentence("b", 0, "Jackson's body has been handed over to his family but no funeral details have been "
                             "announced.")]
    assert polarity_conflicts(told, day) == []
    # ...nor does a denial after a question put to the speaker, which affirms nothing itself
    asked = [Sentence("a", 0, 'Asked if Obama and Mubarak had held any direct telephone calls, Vietor said, '
                              '"President Obama has not called President Mubarak, but the two governments are in '
                              'touch every day."'),
             Sentence("b", 0, 'Obama has not called Egyptian President Hosni Mubarak, "but the two governments are '
                              'in touch every day," Vietor said.')]
    assert polarity_conflicts(asked, day) == []
    # ...nor a majority won "short of" and one "not" won: both deny it
    seats = [Sentence("a", 0, "Hun Sen's party took 64 of the 122 seats in parliament in the July vote, short of the "
                              "two-thirds majority it required to form a government."),
             Sentence("b", 0, "Hun Sen's party took 64 of the 122 seats in the July vote, but not the two-thirds "
                              "majority it required to form a government.")]
    assert polarity_conflicts(seats, {"a": "1998-10-16", "b": "1998-10-22"}) == []


def test_a_date_stamp_with_nothing_else_is_no_event_but_a_short_report_is():
    articles = [article("a", "9th November 2011 - 8:40\nMurray was found guilty on Monday.\n"
                             "Tue Nov 08 2011, 14:58 hrs\nUpdated 10:20 GMT, November 8, 2011\n"
                             "Franco's reign ended in 1975.", "2011-11-09")]
    texts = [e.text for e in build_timeline(articles)]
    assert texts == ["Franco's reign ended in 1975.", "Murray was found guilty on Monday."]


def test_a_date_years_after_the_page_is_no_event_unless_the_sentence_looks_ahead():
    articles = [article("a", "Protesters filled Tahrir Square on Friday.\n"
                             "A CNN's GUT CHECK for February 11, 2013, with the day's political news.\n"
                             "The new parliament will sit for the first time in March 2012 in Cairo.", "2011-01-28")]
    texts = [e.text for e in build_timeline(articles)]
    assert texts == ["Protesters filled Tahrir Square on Friday.",
                     "The new parliament will sit for the first time in March 2012 in Cairo."]


def test_a_day_without_a_year_that_its_article_writes_in_full_is_of_that_year():
    articles = [article("a", "The inquiry read the minute of March 7 2003 in full on Monday.\n"
                             "On March 7, the day the minute was written, the inspectors gave their last report.\n"
                             "The panel will meet again on Thursday 7 March to hear the minister.", "2005-04-28")]
    dated = {e.text: e.date for e in build_timeline(articles)}
    assert dated["On March 7, the day the minute was written, the inspectors gave their last report."] == "2003-03-07"
    # a day looked ahead to (or told with its weekday) is not the one written in full
    assert not dated["The panel will meet again on Thursday 7 March to hear the minister."].startswith("2003")


def test_a_count_is_compared_by_the_plural_it_counts_and_a_span_of_time_by_its_frame():
    day = {x: "2010-01-14" for x in "abcdef"}
    # "two search dogs" and "71 search and rescue workers" count different things
    rescuers = [Sentence("a", 0, "The British team flying to Haiti will take two search dogs and lifting gear."),
                Sentence("b", 0, "The British team flying to Haiti will take 71 search workers and lifting gear.")]
    assert conflicting_numbers(rescuers, day) == []
    # the worst in 200 years, the last one 150 years ago: no disagreement
    spans = [Sentence("c", 0, "It is the worst earthquake to hit Haiti in 200 years, seismologists said."),
             Sentence("d", 0, "The last major earthquake to hit Haiti was 150 years ago, seismologists said.")]
    assert conflicting_numbers(spans, day) == []
    # ... but two sentences to prison do disagree
    sentences = [Sentence("e", 0, "The former mayor was sentenced to 10 years in prison for bribery on Monday."),
                 Sentence("f", 0, "The former mayor was sentenced to 12 years in prison for bribery on Monday.")]
    [sentence] = conflicting_numbers(sentences, day)
    assert sorted(sentence.positions) == [("10 years", ["e"]), ("12 years", ["f"])]
    # a qualified count is the plural it qualifies
    peacekeepers = [Sentence("a", 1, "The UN has 9,000 international peacekeepers deployed in Haiti, officials said."),
                    Sentence("b", 1, "The UN has 7,000 peacekeepers deployed in Haiti, officials said.")]
    [count] = conflicting_numbers(peacekeepers, day)
    assert sorted(count.positions) == [("7,000 peacekeepers", ["b"]), ("9,000 international peacekeepers", ["a"])]
    # another year's toll is not this one's; a range's upper bound is no count of its own
    tolls = [Sentence("c", 1, "The Red Cross says it estimates up to 50,000 people have been killed in the quake."),
             Sentence("d", 1, "In 1946, a quake killed almost 2,000 people in the Dominican Republic, the Red "
                              "Cross said."),
             Sentence("e", 1, "The Red Cross estimates that 45,000-50,000 people have been killed in the quake.")]
    assert conflicting_numbers(tolls, day) == []
    # the infected are not the dead
    flu = [Sentence("c", 2, "Swine flu is now in 74 countries, infecting more than 27,700 people, the WHO said."),
           Sentence("d", 2, "Swine flu has so far killed 144 people in 74 countries, the WHO said.")]
    assert conflicting_numbers(flu, day) == []


def test_a_call_or_an_inference_states_no_fact():
    assert not is_statement("Haiti must not remain a battered country, he said.")
    assert not is_statement("Officials should not close the schools, the union said.")
    assert is_statement("Haiti did not remain a battered country, he said.")


def test_a_denial_must_deny_what_the_other_affirms_and_halting_is_no_affirmation():
    day = {x: "2010-04-30" for x in "abcd"}
    expenses = [Sentence("a", 0, "The Coast Guard has not yet reported its expenses for the oil spill response."),
                Sentence("b", 0, "Coast Guard crews patrolled coastal marshes in Louisiana on Friday, the Associated "
                                 "Press reported.")]
    assert polarity_conflicts(expenses, day) == []
    halted = [Sentence("c", 0, "President Barack Obama halted all new offshore drilling projects unless the rigs get "
                               "new safeguards."),
              Sentence("d", 0, "President Barack Obama ordered that no new offshore oil drilling leases be granted "
                               "unless the rigs get new safeguards.")]
    assert polarity_conflicts(halted, day) == []
    reluctant = [Sentence("a", 1, "The United States, after wars in Afghanistan and Iraq, is reluctant to take "
                                  "the lead in the military operation in Libya."),
                 Sentence("b", 1, "The United States has taken care to stress it is supporting, not leading, the "
                                  "military operation in Libya.")]
    assert polarity_conflicts(reluctant, day) == []
    # who denies is who the clause says: the residents, not Obama
    residents = [Sentence("c", 1, "President Barack Obama went to the Gulf Coast to assure residents that they are not "
                                  "alone in dealing with the spill."),
                 Sentence("d", 1, "President Barack Obama took responsibility for the response, dealing with the spill "
                                  "alone at first.")]
    assert polarity_conflicts(residents, day) == []
    # "did not return until" tells when they returned, and "not only" affirms
    returned = [Sentence("a", 1, "Prince Ranariddh and his allies returned to Cambodia to campaign before the "
                                 "election."),
                Sentence("b", 1, "Prince Ranariddh and his allies did not return to Cambodia until shortly "
                                 "before the election.")]
    assert polarity_conflicts(returned, {"a": "1998-10-16", "b": "1998-11-16"}) == []
    failed = [Sentence("c", 1, "The Cambodian People's Party won a two-thirds majority in the National Assembly."),
              Sentence("d", 1, "The Cambodian People's Party failed to win a two-thirds majority in the National "
                               "Assembly.")]
    assert [d.kind for d in polarity_conflicts(failed, day)] == ["claim"]


def test_a_page_label_is_no_event_and_a_name_in_quote_marks_is_no_spelling():
    live = Article(id="a", source="a", published="2010-01-14", text=(
        "As it happened: Haiti earthquake 14 Jan Live updates after the earthquake in Haiti.\n"
        "Rescue teams reached Port-au-Prince on Wednesday after the earthquake struck the capital."))
    events = build_timeline([live])
    assert [e.date for e in events] == ["2010-01-13"]
    current = [Mention("Loop Current", "ORG", "a", 0, 12), Mention('"Loop Current', "ORG", "b", 0, 13)]
    assert name_variants([Entity("Loop Current", "ORG", ["Loop Current", '"Loop Current'], current)]) == []


def test_a_first_persons_account_dates_no_event_of_the_story_but_a_quoted_one_does():
    articles = [article("a", "I was lucky enough to serve as an observer in 1990 at the first democratic election.\n"
                             "The earthquake struck the capital on 12 January, officials said.\n"
                             '"I felt the ground shake on 12 January," a survivor told reporters.', "2010-01-20")]
    texts = [e.text for e in build_timeline(articles)]
    assert not any("observer" in text for text in texts)
    fragment = [article("b", "This new EU aid comes on top of an initial 400,000 ecu. the EU approved for the "
                             "region on Friday. The EU approved more aid on Tuesday, officials said.", "1998-11-04")]
    assert [e.text[:24] for e in build_timeline(fragment)] == ["The EU approved more aid"]
    assert any(text.startswith("The earthquake struck") for text in texts)
    assert any("survivor told reporters" in text for text in texts)


def test_a_month_of_that_year_is_of_the_year_before_and_no_other_month_carries_a_year_over():
    articles = [article("a", "In 2003, SARS spread from China to two dozen countries in Asia.\n"
                             "By June of that year, the WHO had lifted its advisory against travel there.\n"
                             "BP leased the Deepwater Horizon rig from Transocean in 2007 for drilling.\n"
                             "The rig exploded on 20 April, killing 11 workers, officials said.", "2010-06-04")]
    dated = {e.text.split(",")[0]: e.date for e in build_timeline(articles)}
    assert dated["By June of that year"] == "2003-06"
    assert dated["The rig exploded on 20 April"] == "2010-04-20"  # news back in its present


def test_an_event_told_of_he_or_she_names_whom_its_article_means_or_no_one():
    text = ("A Sudanese expatriate who lives in Jidda, Idris, 46, was a senior banker. He bought the plant in March. "
            "Pinochet, the army's commander until March, has immunity in Chile. He is also covered by an amnesty "
            "from 1978. Chile's ambassador protested at the violation of Pinochet's immunity. He arrived last "
            "month. Xu said his phone was cut. He said he was followed. He said police came on Monday.")
    people = [Entity("Salih Idris", "PERSON", ["Salih Idris", "Idris"]),
              Entity("Augusto Pinochet", "PERSON", ["Gen. Augusto Pinochet", "Pinochet"]),
              Entity("Xu Wenli", "PERSON", ["Xu Wenli", "Xu"]), Entity("Chile", "GPE", ["Chile"])]

    def event(sentence: str) -> TimelineEvent:
        return TimelineEvent("1998", sentence, [Sentence("a", 0, sentence)], ["a"], "in March")

    told = [event("He bought the plant in March."), event("He is also covered by an amnesty from 1978."),
            event("He arrived last month."), event("He said police came on Monday.")]
    name_subjects(told, {"a": text}, people)
    # the one person named before, the person opening the sentence before, nobody where only a
    # possessive names someone, and through a chain of "He said" back to the name
    assert [e.subject for e in told] == ["Salih Idris", "Augusto Pinochet", None, "Xu Wenli"]
    assert told[0].to_dict()["subject"] == "Salih Idris" and "subject" not in told[2].to_dict()


def test_a_newsrooms_note_dates_no_event():
    articles = [article("a", "The council voted on Tuesday to close the old bridge for repairs. A copy of the "
                             "engineers' report was obtained Wednesday. The mayor could not be reached for comment "
                             "on Wednesday.", "2024-03-07")]
    events = build_timeline(articles, {a.id: split_article(a) for a in articles})
    assert [e.text for e in events] == ["The council voted on Tuesday to close the old bridge for repairs."]


def test_an_event_told_only_in_degraded_copy_is_shown_in_a_sentence_the_repair_was_sure_of():
    # two copies stripped of their marks; in the first the repair was unsure where the sentence
    # telling the event ends (its words 0-19), though it is of a more readable length
    unsure = Article("a", "a.txt", "The plant closed on Monday after the fire and the workers on the night shift "
                     "went home the union said. Talks resume soon.", published="2024-03-05",
                     published_from="header", degraded=True, guessed_sentences=((0, 19),))
    sure = Article("b", "b.txt", "The plant closed on Monday after the fire.\n\nTalks resume soon.",
                   published="2024-03-05", published_from="header", degraded=True)
    [event] = [e for e in build_timeline([unsure, sure]) if e.date == "2024-03-04"]
    assert event.articles == ["a", "b"] and event.text == "The plant closed on Monday after the fire."


def test_one_event_dated_differently_is_a_disagreement_but_one_persons_two_deeds_are_not():
    from storyweave.analyze.disagreements import conflicting_event_dates

    told = [article("a", "The city council voted on Monday to close the Riverside bridge for repairs.", "2024-03-06"),
            article("b", "The city council voted on Tuesday to close the Riverside bridge for repairs.", "2024-03-06")]
    [dated] = conflicting_event_dates(build_timeline(told))
    assert [value for value, _ in dated.positions] == ["2024-03-04 (on Monday)", "2024-03-05 (on Tuesday)"]
    # the mayor's two deeds share her name, title and a clause about her, nothing else
    deeds = [article("a", "Mayor Ruth Okafor of Port Alder, who has led the city since 2019, opened the new "
                          "harbour ferry terminal on Monday.", "2024-03-06"),
             article("b", "Mayor Ruth Okafor of Port Alder, who has led the city since 2019, was taken to "
                          "hospital with chest pains on Tuesday.", "2024-03-06")]
    assert conflicting_event_dates(build_timeline(deeds)) == []


def test_work_going_on_over_days_and_a_sentence_telling_both_dates_date_no_event_differently():
    from storyweave.analyze.disagreements import conflicting_event_dates

    ongoing = [article("a", "Divers were still searching the Port Alder harbour for the missing ferry on Monday.",
                       "2024-03-06"),
               article("b", "Divers were still searching the Port Alder harbour for the missing ferry on Tuesday.",
                       "2024-03-06")]
    assert conflicting_event_dates(build_timeline(ongoing)) == []
    deadlines = [article("a", "Bayline lets ferry passengers change their Port Alder tickets free until Monday.",
                         "2024-03-06"),
                 article("b", "Bayline let ferry passengers change their Port Alder tickets free on Friday.",
                         "2024-03-06")]
    assert conflicting_event_dates(build_timeline(deadlines)) == []
    both = [article("a", "Two workers died in the March 4 explosion at the Port Alder harbour fuel depot.",
                    "2024-03-08"),
            article("b", "On Thursday the inquiry heard two workers died in the March 4 explosion at the Port "
                         "Alder harbour fuel depot.", "2024-03-08")]
    assert conflicting_event_dates(build_timeline(both)) == []


def test_sentences_that_share_a_topic_or_name_both_days_date_no_event_differently():
    from storyweave.analyze.disagreements import conflicting_event_dates

    for first, second in [
        # a board that discussed fares, and a meeting that discussed more: two events
        ("Bayline said on Saturday that its board discussed the Port Alder ferry fares.",
         "Bayline's board met on Monday and discussed the Port Alder ferry fares, the harbour dues and its dividend."),
        # a call made on Thursday to march on Friday
        ("On Thursday the dock union called for its members to march after Friday's shift change in Port Alder.",
         "The dock union has called for its members to march after the shift change on Friday in Port Alder."),
    ]:
        told = [article("a", first, "2024-03-12"), article("b", second, "2024-03-12")]
        assert conflicting_event_dates(build_timeline(told)) == [], first


def test_a_denial_contradicts_facts_not_charges_reports_wishes_or_other_times():
    day = {x: "2024-03-12" for x in "abcdefgh"}
    for denied, told in [
        # a party's denial against the charge it denies: both are true
        ("Dana Reyes denies embezzling funds from the Port Alder harbour trust.",
         "Dana Reyes is accused of embezzling funds from the Port Alder harbour trust."),
        # the one who refuses is the object of the other sentence, not its subject
        ("Mayor Okafor has refused to negotiate with dock workers on strike.",
         "Dock workers on strike want direct negotiations with Okafor."),
        # an infinitive tells of no deed, nor does what follows "without"
        ("Port Alder has refused to hand over the harbour records to auditors.",
         "A judge ordered Port Alder to hand over the harbour records to auditors."),
        ("Okafor is not a corrupt official of the harbour trust.",
         "Okafor is an official of the harbour trust without corruption."),
        # what had happened before the report is another time's news
        ("Mayor Okafor has not approved new dredging of the Port Alder harbour.",
         "Last month Mayor Okafor approved new dredging of the Port Alder harbour."),
    ]:
        assert polarity_conflicts([Sentence("a", 0, denied), Sentence("b", 0, told)], day) == [], told
    # the same sentences of one time still contradict each other
    now = Sentence("a", 0, "Mayor Okafor has not approved new dredging of the Port Alder harbour.")
    approved = Sentence("c", 0, "Mayor Okafor approved new dredging of the Port Alder harbour.")
    assert [d.kind for d in polarity_conflicts([approved, now], day)] == ["claim"]


def test_numbers_of_other_people_ranges_additions_and_round_figures_are_not_disputes():
    day = {x: "2024-03-12" for x in "ab"}
    two_people = [Sentence("a", 0, "Okafor has served 12 years behind bars for his union work at the docks."),
                  Sentence("b", 0, "Reyes has served 10 years behind bars for his union work at the docks."),
                  Sentence("b", 1, "The court heard from both Okafor and Reyes.")]
    assert conflicting_numbers(two_people, day) == []
    ranged = [Sentence("a", 0, "Engineers put the leak from the Port Alder well at 1,200 to 2,500 tonnes a day."),
              Sentence("b", 0, "Engineers put the leak from the Port Alder well at 500 tonnes a day.")]
    assert conflicting_numbers(ranged, day) == []
    added = [Sentence("a", 0, "Health officials in Port Alder confirmed another nine flu cases on Monday at two "
                              "hospitals."),
             Sentence("b", 0, "Health officials in Port Alder confirmed 32 flu cases on Monday at two hospitals.")]
    assert conflicting_numbers(added, day) == []
    rounded = [Sentence("a", 0, "More than 1,300 patients went into Port Alder hospitals with symptoms."),
               Sentence("b", 0, "A total of 1,324 patients went into Port Alder hospitals with symptoms.")]
    assert conflicting_numbers(rounded, day) == []
    # two round figures apart are two figures
    told = [Sentence("a", 0, "Food aid now reaches 22 million people in the north this winter, the agency said."),
            Sentence("b", 0, "Food aid now reaches 23 million people in the north this winter, the agency said.")]
    assert [d.kind for d in conflicting_numbers(told, day)] == ["number"]


def test_counts_of_different_things_in_look_alike_sentences_are_not_disputes():
    day = {x: "2024-03-12" for x in "ab"}
    pairs = [
        # confirmed and suspected cases are two counts
        ("Health officials in Port Alder said there were 20 confirmed cases of the flu on Monday.",
         "Health officials in Port Alder said there were 26 suspected cases of the flu on Monday."),
        # a part that the other sentence counts too
        ("Health officials confirmed eight flu cases among students in Port Alder on Monday.",
         "Health officials confirmed 20 flu cases on Monday, including eight among students in Port Alder."),
        # a rate and a total
        ("The new pump at the Port Alder depot can move up to 6,000 tonnes of fuel a day.",
         "The pump at the Port Alder depot has moved more than 900,000 tonnes of fuel so far."),
        # shares that make a whole
        ("Officials said 75 percent of the Port Alder fishing grounds are still open to boats.",
         "Officials have closed 25 percent of the Port Alder fishing grounds to boats."),
        # another place's count, told as an addition
        ("Troops killed seven people in villages outside Port Alder on Tuesday, activists said.",
         "Two people were also killed by troops in Port Alder on Tuesday, activists said."),
    ]
    for first, second in pairs:
        assert conflicting_numbers([Sentence("a", 0, first), Sentence("b", 0, second)], day) == [], first


def test_a_denied_deed_must_be_the_deed_affirmed_and_a_clause_ends_a_denial():
    day = {x: "2024-03-12" for x in "ab"}
    days = {"a": "2024-03-12", "b": "2024-03-13"}
    # taking part in the race is no win
    lost = Sentence("a", 0, "Harbour chief Okafor didn't win the yacht race at Port Alder on Sunday.")
    sailed = Sentence("b", 0, "Harbour chief Okafor sailed in the yacht race at Port Alder on Sunday.")
    assert polarity_conflicts([lost, sailed], days) == []
    # "no 22" numbers a photograph, it denies nothing
    photos = [Sentence("a", 0, "Picture nine in a series of 30 shows Okafor at the Port Alder docks."),
              Sentence("b", 0, "Picture no 14 in a series of 30 shows Okafor at the Port Alder docks.")]
    assert polarity_conflicts(photos, day) == []
    # what follows the clause's end is not what is suspended
    flights = [Sentence("a", 0, "Bayline said its last ferry from Port Alder will leave Saturday, said "
                                "spokeswoman Reyes."),
               Sentence("b", 0, "Bayline's last ferry from Port Alder will leave Saturday; other service was "
                                "suspended, said spokeswoman Reyes.")]
    assert polarity_conflicts(flights, day) == []


def test_prices_times_of_day_and_round_figures_are_no_disputes():
    day = {x: "2024-03-12" for x in "ab"}
    for first, second in [
        ("Crude oil in Port Alder sold for about $91 a barrel in thin trading.",
         "Crude oil in Port Alder sold for about $94 a barrel in thin trading."),
        ("This report on the Port Alder strike was last updated at 15.09 GMT on the harbour site.",
         "This report on the Port Alder strike was last updated at 14.50 GMT on the harbour site."),
        ("Rights groups have counted more than 300 deaths in the Port Alder uprising so far.",
         "Rights groups have counted 302 deaths in the Port Alder uprising so far."),
    ]:
        assert conflicting_numbers([Sentence("a", 0, first), Sentence("b", 0, second)], day) == [], first
    # figures of the same roundness are two figures
    countries = [Sentence("a", 0, "The health agency has confirmed flu cases in 20 countries around the world."),
                 Sentence("b", 0, "The health agency has confirmed flu cases in 21 countries around the world.")]
    assert [d.kind for d in conflicting_numbers(countries, day)] == ["number"]


def test_a_count_qualified_in_brackets_is_a_count_the_sentence_tells():
    # "64 estimated deaths (12 confirmed)" also tells 12 deaths: another telling of 12 deaths is the
    # confirmed part, no dispute with the estimate (as a part the other sentence counts too)
    from storyweave.analyze.disagreements import _amounts_told

    assert 12.0 in _amounts_told("Port Alder: 64 estimated deaths (12 confirmed), 310 confirmed cases.", "deaths")
    assert 12.0 not in _amounts_told("Port Alder: 64 deaths, 12 confirmed cases of the flu.", "deaths")
