"""Template text (site furniture shared word for word by unrelated articles) is not clustered on."""

from __future__ import annotations

from storyweave.store import Store
from storyweave.stories import ingest, recluster
from storyweave.stories.templates import (
    CONTENT_WORDS,
    TEMPLATE_ARTICLES,
    strip_templates,
    template_keys,
    without_templates,
)

FURNITURE = ("Breaking news emails. Get breaking news alerts and special reports. The news and stories that "
             "matter, delivered weekday mornings. This video player feature is not available right now. "
             "Please try again later.")
TOPICS = [
    "The city council of Dunmore voted to close the Elm Street library after a budget shortfall.",
    "A magnitude 6.1 earthquake shook the coast of northern Chile near Antofagasta overnight.",
    "Shares of the chipmaker Veltrix jumped after quarterly revenue beat analyst forecasts.",
    "Wildfire crews contained a blaze that burned four thousand acres outside Redding.",
    "The Harbor Hawks signed their star goalkeeper to a five year contract extension.",
    "Health officials reported a measles outbreak at two elementary schools in Clark County.",
    "A cargo ship ran aground in the Suez Canal, halting traffic in both directions.",
    "Archaeologists uncovered a Roman mosaic beneath a parking lot in Leicester.",
    "The central bank of Norway raised its benchmark interest rate by half a point.",
    "A new exhibit of Hokusai woodblock prints opened at the Fenwick museum.",
    "Voters in Marlow County approved a bond measure for new water treatment plants.",
    "Rescuers freed three miners trapped for two days in a collapsed shaft in Wales.",
]


def test_sentences_many_articles_share_are_left_out_and_pages_of_nothing_else_are_marked():
    texts = [FURNITURE + " " + topic for topic in TOPICS]
    assert len(texts) >= TEMPLATE_ARTICLES
    # the furniture's sentences of MIN_WORDS words or more ("Breaking news emails." is too short
    # to tell), none of the stories'
    assert len(template_keys(texts)) == 4
    stripped, template_only, _ = strip_templates(texts)
    assert template_only == [True] * len(texts)  # one sentence of their own: under CONTENT_WORDS words
    assert stripped == texts  # a template-only page keeps its text (see the next tests)
    longer = [t + " " + t.split(" ", 3)[-1] * 2 for t in texts]
    stripped, template_only, keys = strip_templates(longer)
    assert not any(template_only)
    assert all("weekday" not in s and "Breaking news emails" in s and len(s.split()) >= CONTENT_WORDS for s in stripped)
    assert [without_templates(t, keys) for t in longer] == stripped  # e.g. for a story's title: no related link
    few = texts[:TEMPLATE_ARTICLES - 1]  # shared by fewer articles: a story's own quote, kept
    assert strip_templates(few) == (few, [False] * len(few), set())


def test_furniture_glued_to_the_text_after_a_colon_is_template_text_too():
    glued = ("Letters for publication should be sent to: letters@example.co.uk If you need help using the "
             "site: help@example.co.uk Call the main switchboard: ")
    texts = [f"{topic[:-1]} {glued}{topic} {topic}" for topic in TOPICS]
    stripped, template_only, _ = strip_templates(texts)
    assert not any(template_only)
    assert all("switchboard" not in s and "need help" not in s for s in stripped)
    assert all(topic in s for topic, s in zip(TOPICS, stripped, strict=True))


def test_template_pages_of_unrelated_stories_are_not_clustered_together():
    # Pages that wrap a short report in the same furniture look alike to the words alone; the
    # report is what they are about, so each stays in a story of its own.
    import json
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    pages = folder / "pages.jsonl"
    pages.write_text("\n".join(json.dumps({"text": f"{FURNITURE}\n{topic} {topic}"}) for topic in TOPICS) + "\n")
    with Store(":memory:") as store:
        report = ingest([str(pages)], store, embedder="hashing", refine=False)
        assert report.added == len(TOPICS) and report.near_duplicates == 0
        recluster(store, embedder="hashing")
        assert len({row["story"] for row in store.export_rows()}) == len(TOPICS)


WIRE_LEAD = ("The Portvale harbor bridge collapsed into the Tamsin River on Tuesday, sending three cars "
             "into the water. Portvale fire crews pulled four people from the river near the collapsed bridge. "
             "Engineers had warned the Portvale council about corrosion on the harbor bridge last year.")
OWN_REPORTING = [
    "Divers searched the Tamsin River below the collapsed Portvale harbor bridge for a fifth car on Wednesday, "
    "and Portvale fire crews said the river current slowed the search near the bridge pilings.",
    "The Portvale council met in emergency session over the harbor bridge collapse; council members asked why "
    "the corrosion warning about the bridge over the Tamsin River had not led to repairs.",
]


def test_a_syndicated_copy_with_nothing_of_its_own_still_joins_its_story():
    # Ten outlets run the same wire lead with a line of their own (not near-duplicates of each
    # other): the lead is shared text, so each copy is template only. Compared with the story's
    # own reporting (not with each other, nor with furniture pages), they join the story.
    import json
    import tempfile
    from pathlib import Path

    own_lines = ["Ashby Courier staff added local reaction later tonight.",
                 "Brill readers can send photos to our newsroom by email.",
                 "Corran Gazette editors will update this page every hour.",
                 "Dunmore listeners heard this first on morning radio.",
                 "Elbury Times subscribers get alerts through our mobile app.",
                 "Farrow Post reporters are driving toward the scene now.",
                 "Gisby Herald archives hold the bridge's original 1958 plans.",
                 "Hollin weather service forecasts heavy rain through Friday.",
                 "Ivett traffic officials suggest taking Route 9 instead.",
                 "Jarrow Ledger interns compiled this summary from wire reports."]
    copies = [f"{WIRE_LEAD} {line}" for line in own_lines]
    story = copies + [f"{WIRE_LEAD}\n{own}" for own in OWN_REPORTING]
    pages = [f"{FURNITURE}\n{topic} {topic}" for topic in TOPICS]
    folder = Path(tempfile.mkdtemp())
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": text}) for text in story + pages) + "\n")
    with Store(":memory:") as store:
        report = ingest([str(feed)], store, embedder="hashing", refine=False)
        assert report.added == len(story) + len(pages) and report.near_duplicates == 0
        recluster(store, embedder="hashing")
        story_of = {row["source"]: row["story"] for row in store.export_rows()}
        stories = [story_of[f"{feed}:{line}"] for line in range(1, len(story) + len(pages) + 1)]
        assert len(set(stories[:len(story)])) == 1  # the copies and the reporting: one story
        assert len(set(stories[len(story):]) | {stories[0]}) == len(pages) + 1  # each page alone
