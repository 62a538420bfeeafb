"""Template text (site furniture shared word for word by unrelated articles) is not clustered on."""

from __future__ import annotations

from storyweave.store import Store
from storyweave.stories import ingest, recluster
from storyweave.stories.templates import CONTENT_WORDS, TEMPLATE_ARTICLES, strip_templates, template_keys

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


def test_sentences_many_articles_share_are_left_out_and_pages_of_nothing_else_go_alone():
    texts = [FURNITURE + " " + topic for topic in TOPICS]
    assert len(texts) >= TEMPLATE_ARTICLES
    # the furniture's sentences of MIN_WORDS words or more ("Breaking news emails." is too short
    # to tell), none of the stories'
    assert len(template_keys(texts)) == 4
    stripped = strip_templates(texts)
    assert stripped == [""] * len(texts)  # one sentence of their own: under CONTENT_WORDS words
    longer = [t + " " + t.split(" ", 3)[-1] * 2 for t in texts]
    assert all("weekday" not in s and "Breaking news emails" in s and len(s.split()) >= CONTENT_WORDS for s in strip_templates(longer))
    few = texts[:TEMPLATE_ARTICLES - 1]  # shared by fewer articles: a story's own quote, kept
    assert strip_templates(few) == few


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
