from __future__ import annotations

from datetime import date

import pytest

from storyweave.nlp.dates import find_dates

WEDNESDAY = date(2024, 3, 6)


def resolved(sentence: str, anchor: date | None = WEDNESDAY) -> list[tuple[str, str]]:
    return [(e.text, e.date) for e in find_dates(sentence, anchor)]


@pytest.mark.parametrize("sentence, expected", [
    ("The fire broke out on Monday, officials said.", [("on Monday", "2024-03-04")]),
    ("Officials said Wednesday that the plant would close.", [("Wednesday", "2024-03-06")]),
    ("He will testify on Friday.", [("on Friday", "2024-03-08")]),
    ("They met last Wednesday.", [("last Wednesday", "2024-02-28")]),
    ("Aid was due to arrive by Friday, officials hoped.", [("by Friday", "2024-03-08")]),
    ("The vote is next Monday.", [("next Monday", "2024-03-11")]),
    ("The fire started early on monday morning.", [("on monday morning", "2024-03-04")]),
    ("It happened yesterday and again last night.", [("yesterday", "2024-03-05"), ("last night", "2024-03-05")]),
    ("Inspectors cited the plant last September.", [("last September", "2023-09")]),
    ("The audit began last October and ended in January.", [("last October", "2023-10"), ("in January", "2024-01")]),
    ("The plant will reopen in July.", [("in July", "2024-07")]),
    ("The company expects to finish the relief well by early August.", [("by early August", "2024-08")]),
    ("Officials hope to reopen the bridge in June.", [("in June", "2024-06")]),
    ("The well was drilled in early August.", [("in early August", "2023-08")]),
    ("Prices peaked in mid-February, traders said.", [("in mid-February", "2024-02")]),
    ("Sales fell last month and will rise next year.", [("last month", "2024-02"), ("next year", "2025")]),
    ("He was elected in 2022.", [("in 2022", "2022")]),
    ("Talks began in May 2016.", [("May 2016", "2016-05")]),
    ("The deal was signed on Sept. 8, 2016, and on 9 October 2016.",
     [("Sept. 8, 2016", "2016-09-08"), ("9 October 2016", "2016-10-09")]),
    ("It was announced on 2016-09-08.", [("2016-09-08", "2016-09-08")]),
    ("The company collapsed on Jan. 10.", [("Jan. 10", "2024-01-10")]),
    ("Farming began 7000 YEARS AGO, and 900000 days ago.", []),
    ("A fire on Monday, March 4, injured 12.", [("Monday, March 4", "2024-03-04")]),
    ("Two days ago the council met.", [("Two days ago", "2024-03-04")]),
    ("Markets turned in July and August of last year.", [("July and August of last year", "2023-07")]),
    ("The plant closed in January this year and reopens in May next year.",
     [("January this year", "2024-01"), ("May next year", "2025-05")]),
])
def test_expressions_resolve_against_the_publication_date(sentence, expected):
    assert resolved(sentence) == expected


def test_precision_stays_honest():
    # "last week" (Feb 26 - Mar 3) spans two months: no single date can be claimed
    assert resolved("They met last week.") == []
    assert resolved("They met last week.", date(2024, 3, 20)) == [("last week", "2024-03")]


def test_a_day_without_a_year_takes_the_year_of_a_date_earlier_in_the_sentence():
    assert resolved("On Sept. 8, 2016, talks began; on Sept. 20 they ended.")[1] == ("Sept. 20", "2016-09-20")


def test_may_and_march_as_verbs_are_not_months():
    assert resolved("Officials may march on the capital, and you may see it.") == []
    assert resolved("on march 4 the plant burned") == [("march 4", "2024-03-04")]


def test_a_quote_does_not_set_the_tense_of_the_reporting():
    assert resolved('"I will not resign," she said on Monday.') == [("on Monday", "2024-03-04")]
    # ...but a day inside the quote takes the quote's own tense
    assert resolved('The mayor said: "The strike will not end on Friday, or next week."') == [
        ("on Friday", "2024-03-08"), ("next week", "2024-03")]
    assert resolved('"The ferries will not sail in May when storms come," a port official said.') == [
        ("in May", "2024-05")]
    assert resolved('"We lost the vote in January," she said.') == [("in January", "2024-01")]


def test_ahead_of_a_day_looks_ahead():
    assert resolved("Ministers met ahead of Friday's vote on the budget.") == [("Friday", "2024-03-08")]
    assert resolved("The ban could be lifted ahead of the November 30 deadline, he said.") == [
        ("November 30", "2024-11-30")]


def test_back_in_a_month_looks_back():
    assert resolved("The firm expects to shrink, unlike the future it planned back in April.") == [
        ("in April", "2023-04")]


def test_without_an_anchor_only_calendar_dates_resolve():
    assert resolved("On Monday, and on March 4, 2024, it burned.", None) == [("March 4, 2024", "2024-03-04")]


@pytest.mark.parametrize("sentence, expected", [
    # the clause holding the day says past or future, not another clause of the sentence
    ("Officials told the State Department on Thursday evening that the four hostages would go free.", "2011-03-17"),
    ("The company said on Monday it will cut 500 jobs.", "2011-03-14"),
    ("Officials said the bridge would reopen on Monday.", "2011-03-21"),
    ("The bridge, officials said, will reopen on Monday.", "2011-03-21"),
    ("On Monday, the company will announce its results.", "2011-03-21"),
    ("The company would start to cut through a pipe rising from the well on Monday.", "2011-03-21"),
    ("Mubarak said Tuesday he will not seek office again.", "2011-03-15"),
    ("The White House on Thursday acknowledged that jobs will be lost.", "2011-03-17"),
    ("President Dilma Rousseff is slated to open the new platform at an event on Monday.", "2011-03-21"),
    ("The embattled leader will speak on Monday, aides said.", "2011-03-21"),
    ("He said that on Monday two teams would be sent out to the barrier islands.", "2011-03-21"),
    # a day opening the sentence goes with the main verb after it, not a "would" further on
    ("On Monday, Bahrain's crown prince said he would skip the royal wedding.", "2011-03-14"),
    ("The star had been due to stage 50 concerts in London, beginning on 13 July.", "2011-07-13"),
])
def test_the_verb_beside_a_day_says_past_or_future_before_the_rest_of_the_sentence(sentence, expected):
    assert find_dates(sentence, date(2011, 3, 18))[0].date == expected  # a Friday


@pytest.mark.parametrize("sentence, anchor, expected", [
    # ten days ahead is nearer than 355 days back, in a sentence that does not look ahead
    ("Schools in the capital have been closed until 6 May.", date(2009, 4, 26), [("6 May", "2009-05-06")]),
    # six days back is nearer than a year ahead, in a sentence that does ("yet to")
    ("A survey taken April 21-27 found the bottom had yet to be hit.", date(2009, 4, 27),
     [("April 21", "2009-04-21")]),
    # still: months ahead in a sentence looking back is last year's day
    ("The company was founded on 20 October.", date(2010, 1, 14), [("20 October", "2009-10-20")]),
])
def test_a_day_without_a_year_is_the_nearest_with_news_looking_back(sentence, anchor, expected):
    assert resolved(sentence, anchor) == expected


def test_a_date_before_1900_keeps_its_year():
    assert resolved("2 May 1787: Puerto Rico. March 6, 1836: the Alamo.", date(2010, 1, 14)) == [
        ("2 May 1787", "1787-05-02"), ("March 6, 1836", "1836-03-06")]
    # ...also after a comma without a space
    assert resolved("He married Mary Powell on 23rd December,1815.", date(2010, 6, 29)) == [
        ("23rd December,1815", "1815-12-23")]


def test_a_verb_in_ed_before_the_day_tells_of_the_past_whatever_the_sentence_says_later():
    friday = date(2011, 3, 4)  # a Friday
    # "bailed" is no verb the past list names: a regular past of a known verb
    assert resolved("Critics say they let one bank fail but bailed out the insurer on Tuesday, leaving markets "
                    "unsure what the Treasury would do.", friday) == [("on Tuesday", "2011-03-01")]
    # not a passive in the present, an adjective, or a participle that looks ahead
    assert resolved("The ban will end if it is lifted in November, as officials hope.", friday) == [
        ("in November", "2011-11")]
    assert resolved("The firm plans to pump in mud in a so-called mud-and-cement job on Wednesday.", friday) == [
        ("on Wednesday", "2011-03-09")]
    # the clause's verb may stand further back, but not before a future cue of its own
    assert resolved("The ministry warned people against any trip to the coast except urgent ones on Tuesday as "
                    "ferry firms made plans to cancel sailings.", friday) == [("on Tuesday", "2011-03-01")]
    assert resolved("I asked whether the club would win a fourth game at home for its new coach on Saturday.",
                    friday) == [("on Saturday", "2011-03-05")]
    assert resolved("I have a holiday booked in Spain in July and I am going to take it.", friday) == [
        ("in July", "2011-07")]


def test_a_24_hour_clock_after_a_days_date_is_no_year():
    # a live page's entries: "20 MAY, 1345 BST" is that day at a quarter to two, not the year 1345
    assert resolved("20 MAY, 1345 BST, ON THE ROAD The convoy reached Port Alder.", date(2012, 5, 20)) == [
        ("20 MAY", "2012-05-20")]
    assert resolved("March 3, 0915 GMT: the first boats came in.", date(2011, 3, 3)) == [("March 3", "2011-03-03")]


def test_the_end_of_a_span_of_months_is_told_in_the_sentences_tense_not_as_a_deadline():
    assert resolved("From April through June, when its stock was tanking, he bought shares.", date(2010, 12, 29)) == [
        ("through June", "2010-06")]
    assert resolved("The bridge will stay closed through June.", date(2010, 4, 29)) == [("through June", "2010-06")]


@pytest.mark.parametrize("sentence, anchor, expected", [
    # this week's day: ahead or behind
    ("Five Arab leaders share their views on the region on GPS this Sunday.", date(2011, 4, 21),
     [("this Sunday", "2011-04-24")]),
    ("They met this Monday in Paris to talk about the crisis.", date(2011, 4, 21), [("this Monday", "2011-04-18")]),
    # a future cue in what was said later in the sentence does not move the day ahead
    ("The fund follows an address Tuesday night in which he said they are to set aside resources.",
     date(2010, 6, 16), [("Tuesday night", "2010-06-15")]),
    ("On Monday, the ministers will meet in Brussels, officials said.", date(2011, 4, 21),
     [("On Monday", "2011-04-25")]),
    # tomorrow's day told in the past: a page updated past its date, not six days ago
    ("An official said Mubarak was not forthcoming in his speech early Saturday.", date(2011, 1, 28),
     [("early Saturday", "2011-01-29")]),
    ("More than 60 Britons were safe after Wednesday's earthquake.", date(2010, 1, 18),
     [("Wednesday", "2010-01-13")]),
    # "last" day: not yesterday (that is "yesterday"), the week before's; two days back or more is this week's
    ("As many as 200,000 people died in last Tuesday's quake.", date(2010, 1, 20), [("last Tuesday", "2010-01-12")]),
    ("As many as 200,000 people died in last Tuesday's quake.", date(2010, 1, 21), [("last Tuesday", "2010-01-19")]),
    # "since" looks back whatever the sentence's tense
    ("It would be a new Somalia, said Abassi, who has been in Tunisia since February.", date(2011, 7, 2),
     [("since February", "2011-02")]),
    # a deadline's month: last month is nearer than next year's
    ("The region was held by pro-Gaddafi fighters until late September.", date(2011, 10, 17),
     [("until late September", "2011-09")]),
    ("Even then it was likely to be mid-August before the repairs could be finished.", date(2010, 7, 6),
     [("mid-August", "2010-08")]),
    # a state that held until then, told in the past, ended last March; what is put off is still ahead
    ("The general remained commander of the army until March, when he took a senate seat.", date(1998, 10, 20),
     [("until March", "1998-03")]),
    ("The lawyer did not join the department full-time until mid-April.", date(1998, 11, 5),
     [("until mid-April", "1998-04")]),
    ("The cartel put off until March any decision on output.", date(1998, 11, 27), [("until March", "1999-03")]),
    ("The border crossing was closed until March.", date(1998, 11, 27), [("until March", "1999-03")]),
    # a chronology's entry is told in the present whatever comes later in it; its opening words tell
    ("May 30 - In his first public appearance in weeks, the leader repeats his call for a truce but shows no "
     "sign he will step down.", date(2011, 8, 22), [("May 30", "2011-05-30")]),
    ("Sept. 5 - Parliament will vote on the budget.", date(2011, 8, 22), [("Sept. 5", "2011-09-05")]),
    # but a month in a sentence looking back is behind the report
    ("Over 7,000 people have been killed since the revolt began in March.", date(2012, 2, 2),
     [("in March", "2011-03")]),
])
def test_months_and_weekdays_relative_to_the_report(sentence, anchor, expected):
    assert resolved(sentence, anchor) == expected


def test_words_that_name_no_date():
    friday = date(2011, 7, 29)
    assert resolved("Protesters waited for the large Friday protests across the country.", friday) == []
    assert resolved("Friday prayers were held in mosques across Syria.", friday) == []
    assert resolved("Police said Thursday officials were ready.", friday) == [("Thursday", "2011-07-28")]
    assert resolved("He read out a poem on the Today programme during the election.", friday) == []
    # counted from an event the text told, not from the report
    assert resolved("Had they acted six days earlier, the airports would have been bombed.", friday) == []
