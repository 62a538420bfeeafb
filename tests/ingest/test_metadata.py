from __future__ import annotations

from storyweave.ingest import article_from_record
from storyweave.ingest.formats import Record
from storyweave.ingest.metadata import (
    date_from_location,
    infer_metadata,
    outlet_from_url,
    parse_date,
)

BODY = ("city council approved the budget after a long debate that ran past midnight, "
        "and members said the new spending plan would pay for road repairs and two new schools.")


def test_header_date_and_title_line_are_found_and_removed():
    found = infer_metadata(f"Council passes budget\ndate 2017-01-03\n\nThe {BODY}", has_title=False)
    assert found.title == "Council passes budget"
    assert (found.published, found.published_from) == ("2017-01-03", "header")
    assert found.text.startswith("The city council")


def test_a_title_line_run_into_the_caption_after_it_ends_where_the_caption_starts():
    found = infer_metadata("Obama picks leaders of oil-spill panel President Obama said the commission would examine "
                           f"how the industry operates\nThe {BODY} {BODY}", has_title=False)
    assert found.title == "Obama picks leaders of oil-spill panel"
    title = "Council passes budget for roads and schools after a long debate in the town hall"
    found = infer_metadata(f"{title}\nThe {BODY}", has_title=False)
    assert found.title == title  # no run-on: kept whole


def test_reuters_dateline_gives_outlet_and_is_stripped():
    found = infer_metadata(f"WASHINGTON (Reuters) - The {BODY}", has_title=True)
    assert found.outlet == "Reuters"
    assert found.dateline == "WASHINGTON (Reuters)"
    assert found.text.startswith("The city council")


def test_a_dateline_behind_a_photo_caption_of_its_own_line_is_stripped_and_the_caption_stays():
    caption = "A traffic officer in a face mask directs cars in Mexico City April 24, 2009."
    found = infer_metadata(f"{caption}\nMEXICO CITY (Reuters) - The {BODY}", has_title=True)
    assert (found.outlet, found.dateline) == ("Reuters", "MEXICO CITY (Reuters)")
    assert found.text.splitlines() == [caption, f"The {BODY}"]
    # two sentences are a paragraph of the story, not a caption: the line after it is left alone
    story = "The mayor spoke at length about the city. Then he left."
    found = infer_metadata(f"{story}\nMEXICO CITY (Reuters) - The {BODY}", has_title=True)
    assert found.outlet is None and found.text.splitlines()[1].startswith("MEXICO CITY (Reuters)")


def test_dateline_with_date_borrows_the_year_from_a_hint():
    found = infer_metadata(f"LONDON, March 2 (AP) \u2014 The {BODY}", has_title=True, year_hint=2017)
    assert (found.outlet, found.published, found.published_from) == ("AP", "2017-03-02", "dateline")


def test_agency_datelines_without_a_place_or_in_degraded_copy_are_stripped():
    found = infer_metadata(f"(CNN) -- The {BODY}", has_title=True)
    assert (found.dateline, found.outlet) == ("(CNN)", "CNN") and found.text.startswith("The city")
    # Lowercased copy with tokenised parentheses: the sentence after it starts with a capital.
    found = infer_metadata(f"sydney ( reuters ) - {BODY}", has_title=True)
    assert (found.dateline, found.outlet) == ("sydney ( reuters )", "Reuters")
    assert found.text.startswith("City council approved")
    found = infer_metadata(f"( cnn ) -- eBay said {BODY}", has_title=True)
    assert found.text.startswith("eBay said")  # a word with capitals of its own is left as it is
    # Without a dash, a known agency alone at the start is the dateline (or a credit) too.
    found = infer_metadata(f"( associated press ) the {BODY}", has_title=True)
    assert found.outlet == "AP" and found.text.startswith("The city council")
    found = infer_metadata(f"Smith (Updated) the {BODY}", has_title=True)
    assert found.dateline is None  # not a known agency, and no dash
    # A photo credit before the dateline does not hide it.
    found = infer_metadata(f"(ap photo/j. scott applewhite ) washington ( ap ) — nasa's {BODY}", has_title=True)
    assert (found.dateline, found.outlet) == ("Washington ( ap )", "AP") and found.text.startswith("Nasa's city")
    found = infer_metadata(f"Advertisement Continue reading the main story BEIRUT, Lebanon — The {BODY}",
                           has_title=True)
    assert found.dateline == "BEIRUT, Lebanon" and found.text.startswith("The city council")
    # An aside in parentheses is no agency: lowercase text before it is not a place.
    found = infer_metadata(f"the mayor ( who was 42 ) - said {BODY}", has_title=True)
    assert found.dateline is None and found.text.startswith("the mayor")


def test_ordinary_sentence_is_not_taken_for_a_dateline():
    found = infer_metadata(f"Officials - who declined to be named - said the {BODY}", has_title=True)
    assert found.dateline is None and found.text.startswith("Officials")


def test_byline_and_copyright_line():
    text = f"By Jane Smith\n\nThe {BODY}\n\nCopyright 2024 The Associated Press. All rights reserved."
    found = infer_metadata(text, has_title=True)
    assert found.author == "Jane Smith"
    assert found.outlet == "AP"
    assert "Copyright" not in found.text


def test_outlet_falls_back_to_the_url_domain():
    article = article_from_record(Record("x.json", {"text": "The " + BODY, "url": "https://www.example.com/a/b"}))
    assert article.outlet == "example.com"
    assert outlet_from_url("not a url") is None


def test_a_day_in_the_url_or_the_file_path_dates_an_undated_article():
    def published(source: str, **fields: str) -> tuple[str | None, str, list[str]]:
        article = article_from_record(Record(source, {"text": "The " + BODY, **fields}))
        return article.published, article.published_from, article.warnings

    url = "https://www.theguardian.com/world/2010/jan/13/haiti-earthquake"
    assert published("a.json", url=url) == ("2010-01-13", "metadata",
                                             ["publication date 2010-01-13 read from its URL"])
    assert published("archive/2010-01-14/1004.htm.txt")[:2] == ("2010-01-14", "metadata")
    assert "file path" in published("archive/2010-01-14/1004.htm.txt")[2][0]
    # The record's own date, or one in its text, wins; a file of many records says nothing.
    assert published("archive/2010-01-14/a.txt", date="2010-01-12")[:2] == ("2010-01-12", "metadata")
    assert published("archive/2010-01-14/a.txt", text=f"date 2010-01-11\n\nThe {BODY}")[1] == "header"
    assert published("export-2024-11-20.jsonl:3") == (None, "unknown", [])
    # Only real days, in year-month-day order; numbers that merely look like one are not dates.
    assert date_from_location("http://x.com/news/2017/03/02/story.html") == "2017-03-02"
    assert date_from_location("feeds/20100113-quake.txt") == "2010-01-13"
    for undated in ("story-2024.txt", "http://a.com/2016/06/", "2017/13/45/x", "id/123420100113999",
                    "2999-01-01/a.txt", None):
        assert date_from_location(undated) is None


def test_parse_date_forms():
    assert parse_date("2024-03-04T18:05:00-08:00") == "2024-03-04T18:05-08:00"
    assert parse_date("March 4, 2024") == "2024-03-04"
    assert parse_date("March 4") is None  # no year, none to borrow: unknown, not a guess
    assert parse_date(1709510400) == "2024-03-04"
    assert parse_date("yesterday") is None


def test_page_time_stamp_gives_date_and_splits_off_the_run_in_headline():
    found = infer_metadata("Swine flu deaths spark worldwide action Sunday 26 April 2009 18.45 BST "
                           "People wear masks on the subway.\nThe " + BODY, has_title=False)
    assert (found.published, found.published_from) == ("2009-04-26T18:45", "text")
    assert found.title == "Swine flu deaths spark worldwide action"
    assert found.text.startswith("People wear masks")


def test_a_stamp_with_weekday_and_pm_but_no_zone_dates_the_article_and_leaves_the_text():
    found = infer_metadata(f"Tuesday, September 16, 2008; 4:30 PM Only a day after the vote, the {BODY}",
                           has_title=True)
    assert (found.published, found.published_from) == ("2008-09-16T16:30", "text")
    assert found.text.startswith("Only a day after the vote")
    # a date and a time in running text, without a weekday, is the story's
    text = f"The {BODY} The vote on March 4, 2024 at 7:42 PM was close."
    assert infer_metadata(text, has_title=True).text.endswith("March 4, 2024 at 7:42 PM was close.")


def test_a_bbc_live_page_stamp_with_the_time_first_dates_the_article_and_leaves_the_text():
    found = infer_metadata(f"09:27 UK time, Friday, 28 May 2010 The {BODY}", has_title=False)
    assert (found.published, found.title) == ("2010-05-28T09:27", None)
    assert found.text.startswith("The city council")
    # the writer's name before the stamp is a byline, not a headline
    found = infer_metadata(f"Clare Spencer | 10:12 UK time, Thursday, 6 January 2011 The {BODY}", has_title=False)
    assert (found.published, found.title) == ("2011-01-06T10:12", None)
    assert found.text.startswith("The city council") and "Clare Spencer" in found.removed[0]


def test_a_pages_place_and_time_stamp_is_no_title_and_dates_the_article():
    found = infer_metadata(f"TRIPOLI | Fri Mar 18, 2011 7:05 pm EDT TRIPOLI (Reuters) - The {BODY}", has_title=False)
    assert (found.title, found.outlet, found.published) == (None, "Reuters", "2011-03-18T19:05")
    assert found.text.startswith("The city council")
    found = infer_metadata(f"Gaddafi defies ceasefire call | Fri Mar 18, 2011 7:22 pm EDT The {BODY}", has_title=False)
    assert found.title == "Gaddafi defies ceasefire call"
    # the place between headline and stamp is the dateline's (a headline may end in capitals)
    for place in ("MISRATA, Libya", "LONDON"):
        found = infer_metadata(f"BP pledges oil fields to spill fund {place} | Fri Oct 1, 2010 4:52 pm EDT "
                               f"{place} (Reuters) - The {BODY}", has_title=False)
        assert found.title == "BP pledges oil fields to spill fund"
    found = infer_metadata(f"Obama meets NATO | Fri Mar 18, 2011 7:22 pm EDT The {BODY}", has_title=False)
    assert found.title == "Obama meets NATO"
    # ...also past a time zone the stamp's pattern leaves ("1:29 am IST WASHINGTON (Reuters)")
    found = infer_metadata(f"BP sets up $20 billion fund to pay spill claims WASHINGTON | Thu Jun 17, 2010 1:41 am IST "
                           f"WASHINGTON (Reuters) - The {BODY}", has_title=False)
    assert found.title == "BP sets up $20 billion fund to pay spill claims"
    # ...and without the page's "Full Article" link before the headline
    found = infer_metadata(f"Full Article Port Alder rebuilds its harbour PORT ALDER | Thu Jun 17, 2010 1:41 am IST "
                           f"PORT ALDER (Reuters) - The {BODY}", has_title=False)
    assert found.title == "Port Alder rebuilds its harbour"


def test_a_bbc_last_updated_stamp_and_help_link_date_the_page_and_leave_the_text():
    found = infer_metadata(f"13 July 2010 Last updated at 09:17 GMT Help The {BODY}", has_title=False)
    assert (found.title, found.published) == (None, "2010-07-13T09:17")
    assert found.text.startswith("The city council")
    found = infer_metadata(f"BP fits new cap 13 July 2010 Last updated at 09:17 GMT Help The {BODY}", has_title=False)
    assert (found.title, found.published) == ("BP fits new cap", "2010-07-13T09:17")


def test_a_byline_and_highlights_broken_into_lines_before_the_dateline_are_one_header_and_no_title():
    found = infer_metadata("By the CNN Wire Staff Mother of rape victim 'angry' They condemn Gadhafi\n"
                           f"They say the regime holds her Tobruk, Libya (CNN) -- The {BODY}\nMore text.",
                           has_title=False)
    assert (found.title, found.outlet) == (None, "CNN")
    assert found.text.startswith("The city council") and found.text.endswith("\nMore text.")
    assert found.removed == ["header before the dateline: By the CNN Wire Staff Mother of rape victim 'angry' "
                             "They condemn Gadhafi They say the regime holds her"]
    # a photo caption that ends its sentence is a dated event of its own, not a header
    caption = "Syrians protest near the city of Deraa, March 25, 2011."
    found = infer_metadata(f"{caption}\nDERAA, Syria (Reuters) - The {BODY}", has_title=False)
    assert found.text.startswith(caption)
    # ...nor are highlights run into the dateline behind such a caption a sentence of the story
    found = infer_metadata(f"{caption}\nProtesters fill the square The army stays in its barracks "
                           f"Deraa, Syria (CNN) -- The {BODY}\nMore text.", has_title=False)
    assert found.text.startswith(f"{caption}\nThe city council") and found.outlet == "CNN"
    assert found.removed == ["header before the dateline: Protesters fill the square The army stays in its barracks"]


def test_a_dateline_of_two_places_with_a_date_behind_a_fact_box_is_found_and_the_box_removed():
    found = infer_metadata("* Pipeline restart boosts supply * First tests run at 3 mcm a day (Adds analyst reaction) "
                           f"MILAN/LONDON, Oct 13 (Reuters) - The {BODY}", has_title=False)
    assert (found.outlet, found.dateline) == ("Reuters", "MILAN/LONDON, Oct 13 (Reuters)")
    assert found.text.startswith("The city council")
    found = infer_metadata(f"MISRATA/TRIPOLI (Reuters) -- The {BODY}", has_title=False)
    assert (found.dateline, found.text[:8]) == ("MISRATA/TRIPOLI (Reuters)", "The city")


def test_a_dateline_behind_a_glued_byline_and_highlights_is_found_and_the_header_removed():
    found = infer_metadata("By the CNN Wire Staff Libya says it is not engaging rebel forces Obama says "
                           f"Tripoli, Libya (CNN) -- The {BODY}", has_title=True)
    assert found.outlet == "CNN"
    assert found.text.startswith("The city council")
    assert found.removed[0].startswith("header before the dateline: By the CNN Wire Staff")
    # ...and where the dateline names no place
    found = infer_metadata("By the CNN Wire Staff Port Alder reopens its harbour NEW: Tugs move the barge "
                           f"Officials say the spill is contained (CNN) -- The {BODY}", has_title=True)
    assert found.text.startswith("The city council")
    # a sentence that mentions an agency later on is left alone
    text = f"The {BODY} Officials told Reuters (Reuters) - no comment."
    assert infer_metadata(text, has_title=True).text == text


def test_a_date_and_byline_line_is_no_title_and_a_title_with_by_in_it_is():
    for stamp in ("March 19, 2011 | By Jason Hanna, CNN", "Updated 0423 GMT | By the CNN Wire Staff"):
        assert infer_metadata(f"{stamp}\nThe {BODY}", has_title=False).title is None, stamp
    title = "Stand By Me star dies at 80"
    assert infer_metadata(f"{title}\nThe {BODY}", has_title=False).title == title


def test_bbc_page_stamps_without_a_zone_or_with_the_weekday_after_the_time_date_the_page():
    found = infer_metadata(f"8 November 2011 Last updated at 06:28 The {BODY}", has_title=False)
    assert (found.published, found.text[:16]) == ("2011-11-08T06:28", "The city council")
    found = infer_metadata(f"Page last updated at 07:36 GMT , Tuesday , 8 November 2011 The {BODY}", has_title=False)
    assert (found.title, found.published, found.text[:16]) == (None, "2011-11-08T07:36", "The city council")
    # a stamp on a line of its own is no title; a headline before it on that line is
    found = infer_metadata(f"Page last updated at 07:36 GMT, Tuesday, 8 November 2011\nThe {BODY}", has_title=False)
    assert (found.title, found.published, found.text[:16]) == (None, "2011-11-08T07:36", "The city council")
    found = infer_metadata(f"Doctor found guilty 8 November 2011 Last updated at 11:24 GMT Help\nThe {BODY}",
                           has_title=False)
    assert (found.title, found.published) == ("Doctor found guilty", "2011-11-08T11:24")
    # an older page's stamp opens it, its headline after it
    found = infer_metadata(f"Last updated: 4 March, 2010 - 09:25 GMT Port Alder flood: aid stalls\nThe {BODY}",
                           has_title=False)
    assert (found.title, found.published, found.text[:16]) == (
        "Port Alder flood: aid stalls", "2010-03-04T09:25", "The city council")


def test_a_byline_run_into_a_dateline_in_capitals_is_the_author_and_no_title():
    found = infer_metadata(f"By Shailagh Murray and Paul Kane TOLEDO, Ohio -- The {BODY}\nMore text.", has_title=False)
    assert (found.title, found.author, found.dateline) == (None, "Shailagh Murray and Paul Kane", "TOLEDO, Ohio")
    assert found.text.startswith("The city council")
    # "By" opening a sentence is no byline
    sentence = f"By the way, NASA -- the space agency -- said it would launch. The {BODY}"
    assert infer_metadata(sentence, has_title=False).text == sentence


def test_an_agency_dateline_opening_a_later_paragraph_goes_with_the_header_before_it():
    # an opinion page: highlights and an editor's note about the author, then the story
    found = infer_metadata("Pollack: Egypt's protesters deserve a moment of joy Editor's note: Kenneth M. Pollack "
                           "directs research at the Brookings Institution.\nHe has written several books.\n"
                           f"(CNN) -- The {BODY}\nMore text.", has_title=False)
    assert found.text.startswith("The city council") and found.outlet == "CNN"
    # highlights a line each, before a dateline inside the third line
    found = infer_metadata("ElBaradei says Mubarak and Suleiman are 'twins'\nCrowds chant 'Get out!'\nduring "
                           f"Mubarak speech Cairo, Egypt (CNN) -- The {BODY}\nMore text.", has_title=False)
    assert found.text.startswith("The city council")
    # deep in a page of several stories the dateline goes, the stories before it stay
    story = f"The {BODY}\n" * 6
    found = infer_metadata(f"{story}WASHINGTON (AP) -- Another {BODY}", has_title=True)
    assert found.text == f"{story}Another {BODY}"
    # ...and so does a short first story, where the page opened on a dateline of its own
    found = infer_metadata("(CNN) -- Police closed the bridge.\nTraffic was diverted.\n(CNN) -- The city "
                           f"{BODY}", has_title=True)
    assert found.text == f"Police closed the bridge.\nTraffic was diverted.\nThe city {BODY}"


def test_a_broadcast_transcripts_header_gives_title_and_air_date_and_goes():
    text = ("Mubarak Steps Down ; Celebration In The Streets ; What Comes Next in Egypt ?\n; Egypt Uprising : Army "
            "Must Share Power Aired February 11 , 2011 - 13:00 ET THIS IS A RUSH TRANSCRIPT . THIS COPY MAY NOT BE IN "
            "ITS FINAL FORM AND MAY BE UPDATED .\nWOLF BLITZER , CNN ANCHOR : Let 's reset .\nIt 's the top of the "
            "hour and the president will speak soon .")
    article = article_from_record(Record("t.txt", {"text": text}))
    assert (article.title, article.published) == ("Mubarak Steps Down", "2011-02-11")
    assert article.text.startswith("WOLF BLITZER")


def test_a_byline_of_a_wire_staff_or_run_into_the_text_names_the_author_and_leaves_the_text():
    found = infer_metadata(f"By the CNN Wire Staff\nThe {BODY}", has_title=False)
    assert (found.author, found.title, found.text[:16]) == ("CNN Wire Staff", None, "The city council")
    found = infer_metadata("By Cynthia P. Schneider and Nadia Oweidat, Special to CNN Pro-democracy protesters "
                           f"march through Tahrir Square.\nThe {BODY}", has_title=False)
    assert (found.author, found.outlet) == ("Cynthia P. Schneider and Nadia Oweidat", "CNN")
    assert found.text.startswith("Pro-democracy protesters march through Tahrir Square.")
    found = infer_metadata(f"February 09, 2011 | By Josh Levs, CNN Amnesty International says the {BODY}",
                           has_title=False)
    assert (found.author, found.outlet, found.published) == ("Josh Levs", "CNN", "2011-02-09")
    assert found.text.startswith("Amnesty International says")


def test_a_reuters_dateline_of_a_day_alone_is_no_title_and_dates_the_story():
    found = infer_metadata(f"June 3 | Thu Jun 3, 2010 9:34 am EDT June 3 (Reuters) - The {BODY}", has_title=False)
    assert (found.title, found.dateline, found.outlet) == (None, "June 3 (Reuters)", "Reuters")
    assert found.published.startswith("2010-06-03") and found.text.startswith("The city council")


def test_highlights_naming_a_lawmaker_by_title_are_still_a_header_before_the_dateline():
    found = infer_metadata('The moment Egypt was free U.S. has spent billions on him, Rep. Ron Paul says of Mubarak '
                           'Obama says the "handover must give every voice a seat" '
                           f"Cairo, Egypt (CNN) -- The {BODY}", has_title=False)
    assert (found.dateline, found.text[:16]) == ("Cairo, Egypt (CNN)", "The city council")


def test_an_editors_note_on_a_photo_is_no_title():
    found = infer_metadata("EDITOR'S NOTE: Credit: NO INDEPENDENT CHECK OF THIS FOOTAGE WAS POSSIBLE\n"
                           f"The {BODY} {BODY}", has_title=False)
    assert found.title is None


def test_a_live_page_stamp_with_a_two_digit_year_and_a_print_page_stamp_date_the_page_and_go():
    found = infer_metadata(f"14 March 24 09:12 GMT The {BODY}\nMore of it.", has_title=False)
    assert (found.published, found.published_from) == ("2024-03-14T09:12", "text")
    assert found.text.startswith("The city council")
    found = infer_metadata(f"Thursday, March 14, 2024; Page A01 The {BODY}\nMore of it.", has_title=False)
    assert (found.published, found.published_from) == ("2024-03-14", "text")
    assert found.text.startswith("The city council")


def test_a_pages_prompt_is_no_title():
    found = infer_metadata(f"Any comments, suggestions or criticisms for the harbour team?\nThe {BODY} {BODY}",
                           has_title=False)
    assert found.title is None


def test_a_dateline_behind_the_credit_of_the_photos_captioned_above_it_starts_the_story():
    text = ("March 13: Tugs stand by the barge in Port Alder harbour.\n"
            "AP March 12, 2024: This image shows the barge on the rocks.\n"
            f"AP PORT ALDER, Wash. -- The {BODY}\nMore of it.")
    found = infer_metadata(text, has_title=False)
    assert found.text.startswith("The city council")
    story = f"The {BODY}\nOfficials told AP REPORTERS -- not for the first time -- nothing.\nMore of it."
    assert infer_metadata(story, has_title=True).text == story  # only a paragraph's opening
