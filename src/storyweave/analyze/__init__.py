"""Analyze: what a reader learns from many articles together and from no single one.

Entities with aliases merged across outlets, quotes with every outlet that carried them, a
timeline of dated events, where outlets disagree (or the story developed), and each article's
coverage of the shared facts. Each module is a plain function over the story's articles.

    analysis = analyze(articles, sentences_by_article, facts)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyweave.analyze.coverage import coverage
from storyweave.analyze.disagreements import find_disagreements
from storyweave.analyze.entities import merge_entities
from storyweave.analyze.quotes import find_quotes, merge_quotes, resolve_speakers
from storyweave.analyze.timeline import anchor_dates, build_timeline, name_subjects
from storyweave.model import Article, Disagreement, Entity, Fact, Quote, Sentence, TimelineEvent
from storyweave.nlp.entities import get_tagger


@dataclass
class Analysis:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)


def analyze(articles: list[Article], sentences: dict[str, list[Sentence]], facts: list[Fact], *,
            ner_model: bool = True) -> Analysis:
    tagger = get_tagger(ner_model)
    mentions = tagger.mentions(articles)
    entities = merge_entities([m for a in articles for m in mentions[a.id]], [a.text for a in articles])

    tellings = [t for article in articles for t in find_quotes(article)]
    resolve_speakers(tellings, entities, mentions, {a.id: a.text for a in articles})
    quotes = merge_quotes(tellings, {e.name for e in entities if e.type == "PERSON"})

    anchors = anchor_dates(articles, sentences)
    fact_of = {(s.article_id, s.index): i for i, fact in enumerate(facts) for s in fact.sentences}
    timeline = build_timeline(articles, sentences, anchors, fact_of)
    name_subjects(timeline, {a.id: a.text for a in articles}, entities)
    disagreements = find_disagreements(articles, sentences, entities, anchors, timeline)
    return Analysis(
        entities=entities, quotes=quotes, timeline=timeline, disagreements=disagreements,
        coverage=coverage(articles, facts),
        provenance={
            "entities": f"{tagger.name} + alias merging (titles, surnames, spellings, nicknames, acronyms)",
            "quotes": "quote marks and verbs of saying; speakers resolved to entities",
            "dates": "rules + dateutil, resolved against publication dates",
            "timeline": "dated sentences merged across articles",
            "disagreements": "names, numbers, dates, polarity; publication dates tell developments",
        },
    )
