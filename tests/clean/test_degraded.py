from __future__ import annotations

import re

from storyweave.clean import clean_article, repair_story
from storyweave.clean.degraded import (
    LOWERCASED,
    PUNCTUATION_STRIPPED,
    StoryHints,
    detect_degradation,
    repair_text,
)
from storyweave.model import Article

CLEAN = ("Attorney General Jeff Sessions met Russian Ambassador Sergey Kislyak twice in 2016, the "
         "Justice Department said on Wednesday. Sessions did not disclose the meetings at his "
         "confirmation hearing. The FBI is investigating. Democrats called on Sessions to resign. "
         "Kislyak declined to comment. He said the meetings were routine.")
DEGRADED = ("attorney general jeff sessions met russian ambassador sergey kislyak twice in 2016  the "
            "justice department said on wednesday  sessions did not disclose the meetings at his "
            "confirmation hearing  the fbi is investigating  democrats called on sessions to resign  "
            "kislyak declined to comment  he didn t say why  ")


def test_detection_tells_lowercasing_from_stripped_punctuation():
    assert detect_degradation(CLEAN * 2) == []
    assert detect_degradation(DEGRADED * 2) == [LOWERCASED, PUNCTUATION_STRIPPED]
    assert detect_degradation(CLEAN.lower() * 2) == [LOWERCASED]
    # sentence starts capitalised again but no name (Multi-News's "sentence case restored")
    restored = ". ".join(s[:1].upper() + s[1:] for s in CLEAN.lower().split(". "))
    assert detect_degradation((restored + " ") * 3) == [LOWERCASED]
    # ...but a short text that names nobody is not judged on that
    plain = "He said it was a long day for everyone. It went on until the evening came. They went home. "
    assert detect_degradation(plain * 3) == []


def test_a_story_of_sentence_case_copies_gets_its_names_from_a_cased_sibling():
    restored = ". ".join(s[:1].upper() + s[1:] for s in CLEAN.lower().split(". "))
    clean = Article("a", "a.txt", CLEAN * 2)
    copy = clean_article(Article("b", "b.txt", (restored + " ") * 3))
    assert copy.degraded
    [_, repaired] = repair_story([clean_article(clean), copy])
    assert "Jeff Sessions met Russian Ambassador Sergey Kislyak" in repaired.text


def test_repair_uses_names_cased_in_the_story_and_restores_sentences():
    hints = StoryHints.from_texts([CLEAN])
    text, counts, _ = repair_text(DEGRADED * 2, [LOWERCASED, PUNCTUATION_STRIPPED], hints)
    assert "Jeff Sessions met Russian Ambassador Sergey Kislyak" in text
    assert "The FBI is investigating." in text
    assert "didn't" in text
    assert ". Sessions did not disclose" in text
    assert counts["boundaries"] >= 8 and counts["cased"] >= 10
    # common words stay lowercase even if a clean article once capitalised them mid-sentence
    assert " the meetings" in text


def test_fallback_without_siblings_still_restores_sentence_starts_and_weekdays():
    text, _, _ = repair_text(DEGRADED, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints())
    assert text.startswith("Attorney general")
    assert "Wednesday" in text


def test_an_abbreviations_period_starts_no_sentence_but_a_title_or_an_initial_is_followed_by_a_name():
    text = ("the plan put her at odds with fellow democratic sens. claire mccaskill (mo.) and carl levin (mich.), "
            "as well as gen. martin e. dempsey. the vote failed.")
    repaired, _, _ = repair_text(text, [LOWERCASED], StoryHints())
    # (text lowercased whole: words news prose writes capitalised are, "Sens.", "Levin", "Mich.")
    assert repaired == ("The plan put her at odds with fellow democratic Sens. Claire McCaskill (Mo.) and Carl Levin "
                        "(Mich.), as well as Gen. Martin e. Dempsey. The vote failed.")


def test_names_news_prose_capitalises_come_back_in_text_lowercased_whole_unless_the_story_says_otherwise():
    text = "the fbi said obama met leaders in china and turkey on monday. the bush was cut back."
    repaired, _, _ = repair_text(text, [LOWERCASED], StoryHints())
    assert repaired == "The FBI said Obama met leaders in China and Turkey on Monday. The Bush was cut back."
    # the story's clean articles write "bush" lowercase (a plant): they decide
    repaired, _, _ = repair_text(text, [LOWERCASED], StoryHints.from_texts(["Gardeners pruned the bush in spring."]))
    assert repaired.endswith("The bush was cut back.")
    # text whose sentence starts kept their capitals (Multi-News's) keeps to the story's names
    sentence_case = "The fbi said obama met leaders in china and turkey on monday. The bush was cut back."
    assert repair_text(sentence_case, [LOWERCASED], StoryHints())[0] == (
        "The fbi said obama met leaders in china and turkey on Monday. The bush was cut back.")


def test_a_rare_word_after_a_given_name_or_a_title_goes_on_the_name_in_text_lowercased_whole():
    text = ("police said david kowalczyk and maria brook left early. david said he would return on friday. "
            "mr kowalczyk declined to comment.")
    repaired, _, _ = repair_text(text, [LOWERCASED], StoryHints())
    # the table knows the given names and the words that open names ("Mr"); the rare words after
    # them that are no verbs go on the name
    assert repaired.startswith("Police said David Kowalczyk and Maria Brook left early.")
    assert repaired.endswith("Mr Kowalczyk declined to comment.")
    assert "David said he would return" in repaired  # a verb, not a surname
    # the story's clean articles use "brook" lowercase (a stream): they decide
    hinted, _, _ = repair_text(text, [LOWERCASED], StoryHints.from_texts(["They walked along the brook."]))
    assert "David Kowalczyk and Maria brook" in hinted
    # text whose sentence starts kept their capitals keeps to the story's names
    sentence_case = "Police said david kowalczyk left early."
    assert repair_text(sentence_case, [LOWERCASED], StoryHints()).text == sentence_case


def test_repair_story_repairs_only_degraded_articles_and_keeps_the_original():
    clean = clean_article(Article(id="a", source="a.txt", text=CLEAN * 2))
    bad = clean_article(Article(id="b", source="b.txt", text=DEGRADED * 2, title="sessions met kislyak"))
    fixed = {a.id: a for a in repair_story([clean, bad])}
    assert fixed["a"].text == clean.text
    assert fixed["b"].original_text == bad.text
    assert fixed["b"].title == "Sessions met Kislyak"
    assert any(w.startswith("repaired:") for w in fixed["b"].warnings)


def test_text_stripped_of_punctuation_and_of_the_spaces_it_left_gets_its_sentences_back():
    # the marks removed and the spaces collapsed: only the words tell where sentences end
    collapsed = " ".join(DEGRADED.split())
    assert "  " not in collapsed and detect_degradation(collapsed) == [LOWERCASED, PUNCTUATION_STRIPPED]
    text, counts, _ = repair_text(collapsed, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints.from_texts([CLEAN]))
    sentences = text.split(". ")
    assert counts["boundaries"] == len(sentences) - 1 >= 4
    # the pairs the clean article shows across a boundary ("wednesday | sessions") or inside a
    # sentence ("the justice") decide; every sentence is a sentence's length
    assert "on Wednesday. Sessions did not disclose" in text and "2016 the Justice Department" in text
    assert all(4 <= len(s.split()) <= 45 for s in sentences)
    # with no clean sibling, news prose's general rates still cut a long run into sentences
    alone, counts, _ = repair_text(collapsed * 3, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints())
    assert counts["boundaries"] >= 3 and all(len(s.split()) <= 45 for s in alone.split(". "))


# Our own lines, lowercased and stripped of every mark and of the spaces the marks left.
RUN_ON = ("the fire at the chemical plant was brought under control late on tuesday after burning for "
          "nine hours firefighters stayed at the scene overnight to douse hot spots the company said it "
          "would cooperate with investigators and that no workers had been hurt residents living near "
          "the plant were told to keep their windows closed until the smoke cleared")


def test_with_no_sibling_the_boundary_model_finds_sentence_ends_from_the_words_alone():
    text, counts, _ = repair_text(RUN_ON, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints())
    sentences = text.split(". ")
    assert counts["boundaries"] == len(sentences) - 1 >= 1
    # the words are all kept, and every sentence found opens where one opened before the marks went
    assert " ".join(text.lower().replace(".", "").split()) == RUN_ON
    assert {s.split()[0] for s in sentences} <= {"The", "Firefighters", "Residents"}


def test_without_the_boundary_model_the_story_siblings_alone_decide(monkeypatch):
    from storyweave.clean import degraded

    monkeypatch.setattr(degraded, "boundary_model", lambda: None)
    collapsed = " ".join(DEGRADED.split())
    text, counts, _ = repair_text(collapsed, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints.from_texts([CLEAN]))
    assert "on Wednesday. Sessions did not disclose" in text and counts["boundaries"] >= 3
    alone, counts, _ = repair_text(RUN_ON, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints())
    # nothing tells where the sentences end, so only an over-long one is cut
    assert counts["boundaries"] == 1


def test_where_every_mark_left_a_space_each_run_becomes_a_full_stop_or_a_comma():
    clean = ("The plant reopened on Friday, three days after the fire. Its owner, a family firm, said "
             "no jobs would be lost. Inspectors will return next month to check the storage tanks, "
             "the state said.")
    spaced = re.sub(r"[^\w\s]", " ", clean.lower())
    text, counts, _ = repair_text(spaced, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints())
    # every run is a mark again, no word lost; the clearest boundary and the asides are found
    assert "  " not in text and re.sub(r"[.,]", "", text).lower().split() == spaced.split()
    assert counts["boundaries"] == text.count(". ") >= 1 and text.endswith("the state said.")
    assert "after the fire. Its owner, a family firm, said" in text


def test_sentences_whose_boundaries_the_model_is_unsure_of_are_told_apart():
    collapsed = " ".join(DEGRADED.split())
    # the clean sibling settles every boundary: no sentence is a guess
    assert repair_text(collapsed, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints.from_texts([CLEAN])).guessed == ()
    # alone, the words leave some unsure: "The justice department said on Wednesday." is only a piece
    alone = repair_text(collapsed, [LOWERCASED, PUNCTUATION_STRIPPED], StoryHints())
    words = alone.text.split()
    pieces = [" ".join(words[start:end]) for start, end in alone.guessed]
    assert "The justice department said on Wednesday." in pieces
    assert all(0 <= start < end <= len(words) for start, end in alone.guessed)
    assert [start for start, _ in alone.guessed] == sorted(start for start, _ in alone.guessed)
    # text that kept its marks guesses no boundary
    assert repair_text(CLEAN.lower(), [LOWERCASED], StoryHints()).guessed == ()


def test_an_unsure_guess_is_noted_on_the_article():
    bad = clean_article(Article(id="b", source="b.txt", text=" ".join(DEGRADED.split()) * 2))
    [fixed] = repair_story([bad])
    assert fixed.guessed_sentences
    assert any("sentences unsure, kept out of summaries" in w for w in fixed.warnings)
