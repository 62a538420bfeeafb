from storyweave.model import headline_from_text


def test_a_headline_for_untitled_text_is_its_first_sentence_or_a_cut_at_a_clause():
    assert headline_from_text("Fire hits plant. Two workers were hurt.") == "Fire hits plant"
    assert headline_from_text("* Pipeline restarts\n* Tests begin") == "Pipeline restarts"  # a fact box's bullet
    assert headline_from_text("June 17: Rep. Joe Barton asks a question. He apologised.") == (
        "June 17: Rep. Joe Barton asks a question")
    assert headline_from_text("\nU.S. Seizes Control of AIG\nThe government took over.") == "U.S. Seizes Control of AIG"
    assert headline_from_text("A drilling rig explosion on April 20 left 11 workers missing and the rig sank "
                              "two days later, officials said.") == (
        "A drilling rig explosion on April 20 left 11 workers missing…")
    # no clause boundary: cut on a word a headline can end on, never "the" or "of"
    assert headline_from_text("Officials from twelve countries met on Monday for hours to discuss the future of "
                              "the fishing treaty in the region.") == (
        "Officials from twelve countries met on Monday for hours to discuss the future…")
