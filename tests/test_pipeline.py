from __future__ import annotations

from storyweave.model import Article, Fact
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
