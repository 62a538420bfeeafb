"""The main story of a mixed input (`stories.focus.main_story`)."""

from __future__ import annotations

import pytest

from storyweave.ingest import load_articles
from storyweave.pipeline import prepare_articles
from storyweave.stories.focus import main_story
from tests.conftest import EXAMPLES as examples


@pytest.fixture(scope="module")
def stories():
    fire = prepare_articles(load_articles([str(examples / "tacoma-fire")]).articles)
    mayor = prepare_articles(load_articles([str(examples / "port-alder-mayor")]).articles)
    return fire, mayor


def test_the_largest_story_is_kept_in_input_order_and_the_other_is_set_aside(stories):
    fire, mayor = stories
    focus = main_story([mayor[0], *fire, *mayor[1:]])
    assert focus.main == fire
    assert focus.set_aside == [mayor]


def test_with_no_largest_story_or_under_four_articles_everything_stays(stories):
    fire, mayor = stories
    tied = [*fire[:2], *mayor[:2]]
    assert main_story(tied).main == tied and main_story(tied).set_aside == []
    three = [*fire[:2], mayor[0]]
    assert main_story(three).main == three
    assert main_story(fire).main == fire and main_story(mayor).main == mayor


def test_another_event_of_the_main_storys_topic_stays_and_an_unrelated_story_goes(stories, monkeypatch):
    from storyweave.model import Article
    from storyweave.stories import pairs

    fire, mayor = stories
    texts = ["Shares of Halvorsen Chemicals fell 8 percent on Wednesday after the company said the Tacoma "
             "warehouse fire would cut its quarterly earnings. Analysts said insurance should cover most of the "
             "lost solvent stock.",
             "Halvorsen Chemicals stock slid in early trading on Wednesday. The company told investors the Tacoma "
             "fire destroyed solvent inventory worth about $4 million and that the plant would resume production "
             "next month."]
    shares = prepare_articles([Article(id=f"shares{i}", source=f"shares{i}.txt", text=text)
                               for i, text in enumerate(texts)])
    given = [*fire, *shares, *mayor]
    judged = pairs.same_story_edges
    other_event = {len(fire), len(fire) + 1}

    def events_apart(texts, edges, model=None):  # the pair model, judging the shares story another event
        weighed = judged(texts, edges, model)
        return {(i, j): 0.0 if (i in other_event) != (j in other_event) else p for (i, j), p in weighed.items()}

    monkeypatch.setattr(pairs, "same_story_edges", events_apart)
    focus = main_story(given)  # the shares story is the fire's topic and stays; the mayor's story goes
    assert focus.main == [*fire, *shares] and focus.set_aside == [mayor]
    monkeypatch.setattr("storyweave.stories.focus.MIN_TOPIC_COSINE", 2.0)  # by the pair model alone
    assert main_story(given).set_aside == [mayor, shares]
