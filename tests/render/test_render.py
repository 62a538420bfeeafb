from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from storyweave.model import Article, Sentence
from storyweave.pipeline import BriefConfig, build_brief
from storyweave.render import RENDERERS, render

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "storyweave" / "schema" / "brief.schema.json"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> <a href="javascript:alert(2)">click</a>'


@pytest.fixture(scope="module")
def brief():
    text = ("Officials said a fire at the chemical plant sent twelve workers to hospital on Monday. "
            f"The company said {HOSTILE} was its statement. Crews fought the fire for six hours. ") * 2
    articles = [
        Article(id=f"id{i}", source=f"a{i}.txt", text=text.replace("six", ["six", "six", "seven"][i]),
                title=f"Plant fire {HOSTILE}", outlet=f"Outlet {i}", published=f"2024-03-0{i + 4}",
                published_from="metadata")
        for i in range(3)
    ]
    return build_brief(articles, BriefConfig(embedder="tfidf"))


def test_json_validates_against_the_published_schema(brief):
    data = json.loads(render(brief, "json"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert {"embeddings", "entities", "quotes", "timeline", "disagreements"} <= set(data["provenance"]["components"])
    assert len(data["coverage"]) == len(data["articles"])
    ids = {a["id"] for a in data["articles"]}
    assert all(set(s["citations"]) <= ids for s in data["summary"])


def test_json_validates_against_shared_schema_too(brief, shared):
    schema = json.loads((shared / "schema" / "brief.schema.json").read_text())
    jsonschema.validate(json.loads(render(brief, "json")), schema)


def test_html_is_self_contained_and_escapes_article_text(brief):
    html = render(brief, "html")
    assert "<script>" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html.replace("https://json-schema", "")
    assert "default-src 'none'" in html  # even a renderer bug could not load or run anything
    assert 'class="cite"' in html and 'class="tip"' in html


def test_markdown_escapes_markup_and_numbers_sources(brief):
    md = render(brief, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "## Sources" in md and "1. Outlet 0" in md
    assert "[1]" in md


def test_text_rendering_has_markers_and_source_list(brief):
    text = render(brief, "text")
    assert "Summary" in text and "Sources" in text and "[3]" in text


def test_unknown_format_is_a_clear_error(brief):
    with pytest.raises(ValueError, match="unknown format"):
        render(brief, "pdf")
    assert set(RENDERERS) == {"text", "md", "json", "html"}


def test_who_reported_what_has_one_column_per_outlet(brief):
    from storyweave.render.html import brief_context

    matrix = brief_context(brief)["matrix"]
    outlets = {a.outlet or a.source for a in brief.articles}
    assert [c["label"] for c in matrix["columns"]] == list(dict.fromkeys(a.outlet for a in brief.articles))
    assert len(matrix["columns"]) == len(outlets) and matrix["facts"]
    for row, fact in zip(matrix["facts"], brief.facts, strict=False):
        for column, marked in zip(matrix["columns"], row["cells"], strict=True):
            carried = {a.id for a in brief.articles if (a.outlet or a.source) == column["label"]} & set(fact.articles)
            assert marked == bool(carried)  # a dot where the outlet reported it, a gap where it left it out
    assert any(not all(row["cells"]) for row in matrix["facts"])


def test_the_header_counts_articles_of_unknown_outlet_apart_from_the_outlets_known(brief):
    from dataclasses import replace

    from storyweave.render.common import outlets_phrase

    assert outlets_phrase(brief) == "3 outlets"
    articles = [brief.articles[0]] + [replace(a, outlet=None) for a in brief.articles[1:]]
    partly = replace(brief, story=replace(brief.story, articles=articles))
    assert outlets_phrase(partly) == "1 outlet (2 articles of unknown outlet)"
    assert "3 articles from 1 outlet (2 articles of unknown outlet)" in render(partly, "md")
    assert "1 outlet (2 articles of unknown outlet)" in render(partly, "html")
    # with fewer than two outlets known, facts are reported by several articles, not outlets
    assert "## Reported by several outlets" in render(brief, "md")
    for fmt in ("md", "html", "text"):
        assert "Reported by several articles" in render(partly, fmt)
        assert "Reported by several outlets" not in render(partly, fmt)
    nobody = replace(brief, story=replace(brief.story, articles=[replace(a, outlet=None) for a in brief.articles]))
    assert outlets_phrase(nobody) == "unknown outlets"


def test_support_counts_outlets_so_one_sites_pages_repeating_a_box_are_one_outlets_word(brief):
    from dataclasses import replace

    from storyweave.model import Fact
    from storyweave.render.common import shared_facts, single_source_note, support, support_phrase

    # Articles 0 and 1 are now pages of one site; a fact both carry is that site's alone.
    articles = [replace(a, outlet="Outlet 0" if i < 2 else a.outlet) for i, a in enumerate(brief.articles)]
    box = Fact("An explainer box that one site runs on every page.", [], ["id0", "id1"])
    wide = Fact("A fact that two sites report.", [], ["id1", "id2"])
    opening = Fact('"I heard an explosion.', [], ["id1", "id2"])  # a quotation that runs on: nothing alone
    asking = Fact("BLITZER: So, what about the Vice President?", [], ["id1", "id2"])  # a question reports nothing
    scrap = Fact("co.", [], ["id1", "id2"])  # what is left of a link two pages carry
    flattened = Fact("The three men were at the meeting " + "Gen Daoud Rajiha, defence minister " * 12, [],
                     ["id1", "id2"])  # a fact box's lines run together: no sentence
    tail = Fact('It is like nothing we ever lived through."', [], ["id1", "id2"])  # whose words? it does not say
    # what only broadcast transcripts share, where written reports are given too: one interview re-aired
    aired = Fact("I'm proud to be Egyptian.", [Sentence("id1", 3, "I'm proud to be Egyptian.", spoken=True),
                                               Sentence("id2", 5, "I'm proud to be Egyptian.", spoken=True)],
                 ["id1", "id2"])
    comment = Fact("I hear now that the swine flu virus is the same virus!!!", [], ["id1", "id2"])  # a reader's
    facts = [*brief.facts, box, wide, opening, asking, scrap, flattened, tail, aired, comment]
    paged = replace(brief, story=replace(brief.story, articles=articles), facts=facts)
    assert (support(paged, box), support(paged, wide)) == (1, 2)
    shared = shared_facts(paged)
    assert wide in shared and all(fact not in shared for fact in (box, opening, asking, scrap, flattened, tail, aired,
                                                            comment))
    assert support_phrase(paged, wide) == "2 of 2 outlets"
    single = sum(support(paged, fact) == 1 for fact in paged.facts)
    assert single_source_note(paged) == f"{single} further facts are reported by one outlet only."
    for fmt in ("md", "html", "text"):
        shown = render(paged, fmt)
        assert "two sites report" in shown and "2 of 2 outlets" in shown
        assert "reported by one outlet only" in shown
        assert fmt == "html" or "explainer box" not in shown  # (the HTML's who-reported-what matrix has it)
    # Articles of unknown outlet are sources of their own.
    mixed = [brief.articles[0], brief.articles[1], replace(brief.articles[2], outlet=None)]
    partly = replace(paged, story=replace(paged.story, articles=mixed))
    assert support_phrase(partly, wide) == "2 of 3 sources"
    # Without two known outlets, support is counted in articles.
    unknown = replace(paged, story=replace(paged.story, articles=[replace(a, outlet=None) for a in articles]))
    assert box in shared_facts(unknown) and support_phrase(unknown, box) == "2 of 3"


def test_also_known_as_lists_other_names_and_titles_not_a_leading_the_or_a_possessive():
    from storyweave.model import Entity
    from storyweave.render.common import other_aliases

    plant = Entity(name="Halvorsen Chemicals", type="ORG", mentions=[],
                   aliases=["Halvorsen Chemicals", "the Halvorsen Chemicals", "Halvorsen Chemicals'", "Halvorsen"])
    assert other_aliases(plant) == ["Halvorsen"]
    chief = Entity(name="Maria Delgado", type="PERSON", mentions=[],
                   aliases=["Fire Chief Maria Delgado", "Delgado", "Delgado's", "Maria Delgado"])
    assert other_aliases(chief) == ["Fire Chief Maria Delgado", "Delgado"]


def test_people_and_organisations_are_listed_by_reach_and_a_newsroom_naming_itself_is_not(brief):
    from dataclasses import replace

    from storyweave.model import Entity, Mention
    from storyweave.render.common import shown_entities

    def entity(name: str, kind: str, *articles: str) -> Entity:
        return Entity(name=name, type=kind, aliases=[name], mentions=[Mention(name, kind, a, 0, 1) for a in articles])

    un = entity("United Nations", "ORG", "id0", "id1", "id2")
    chief = entity("Maria Delgado", "PERSON", "id0")
    itself = entity("Outlet 1 News", "ORG", "id1")  # article id1 is Outlet 1's: its newsroom naming itself
    quoted = entity("Outlet 2", "ORG", "id0")  # Outlet 0 citing Outlet 2 names a source
    tacoma = entity("Tacoma", "GPE", "id0", "id1", "id2")
    shown = shown_entities(replace(brief, entities=[tacoma, un, itself, chief, quoted]))
    assert [e.name for e in shown] == ["United Nations", "Maria Delgado", "Outlet 2", "Tacoma"]


def test_quotes_shown_are_things_said_not_phrases_in_quote_marks_nobody_said(brief):
    from dataclasses import replace

    from storyweave.analyze.quotes import merge_quotes
    from storyweave.model import QuoteTelling
    from storyweave.render.common import shown_quotes

    tellings = [QuoteTelling("lab tests can be done", "id0", 5, None, True),
                QuoteTelling("It is not in itself a cause for alarm", "id1", 9, None, True),
                QuoteTelling("No other pandemic has been detected so early", "id2", 3, "Chan", True, speaker="Chan")]
    quotes = merge_quotes(tellings)
    assert [q.text for q in quotes][-1] == "lab tests can be done"  # a phrase goes after what was said
    assert [q.text for q in shown_quotes(replace(brief, quotes=quotes))] == [
        "It is not in itself a cause for alarm", "No other pandemic has been detected so early"]


def test_whom_an_events_he_means_is_shown_in_brackets_in_every_rendering(brief):
    from dataclasses import replace

    from storyweave.model import TimelineEvent

    event = TimelineEvent("2024-03-04", "He said the fire was out by Monday night.", [], ["id0"], "Monday",
                          subject="Dana <b>Ruiz</b>")
    told = replace(brief, timeline=[event])
    assert "He [Dana <b>Ruiz</b>] said the fire was out" in render(told, "text")
    assert r"He \[Dana \<b\>Ruiz\</b\>\] said" in render(told, "md")
    html = render(told, "html")
    assert "He [Dana &lt;b&gt;Ruiz&lt;/b&gt;] said" in html and "<b>Ruiz</b>" not in html
    assert json.loads(render(told, "json"))["timeline"][0]["subject"] == "Dana <b>Ruiz</b>"
