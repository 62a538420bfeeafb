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
