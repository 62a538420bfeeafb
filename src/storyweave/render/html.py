"""A self-contained HTML report: inline CSS, no scripts, no network; all article text escaped.

Hovering (or focusing) a citation marker shows the supporting sentence in the cited article. The
web app's story page shows the same sections (`brief_body.html.j2`, `brief.css`).
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from storyweave.model import Brief
from storyweave.render.common import (
    coverage_rows,
    event_text,
    other_aliases,
    outlets_phrase,
    ranked_facts,
    set_aside_groups,
    set_aside_label,
    set_aside_note,
    shared_facts,
    shared_heading,
    shown_entities,
    shown_events,
    shown_quotes,
    single_source_note,
    source_label,
    summary_text,
    support_phrase,
    supporting_sentence,
)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("storyweave.render", "templates"),
        autoescape=True,  # article text is hostile input
        trim_blocks=True,
        lstrip_blocks=True,
    )


MATRIX_FACTS = 20  # rows of the who-reported-what matrix


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page."""
    return _environment().get_template("brief.html.j2").render(**brief_context(brief))


def brief_context(brief: Brief) -> dict:
    """What the brief's HTML templates show (the report's, and the web app's story page)."""
    numbers = brief.citation_numbers()
    by_id = {a.id: a for a in brief.articles}
    summary = []
    for sentence in brief.summary:
        cites = [
            {
                "number": numbers[c],
                "label": source_label(by_id[c]),
                "sentence": supporting_sentence(brief, sentence.fact, c) or sentence.text,
            }
            for c in sorted(sentence.citations, key=lambda c: numbers[c])
        ]
        summary.append({"text": summary_text(sentence), "cites": cites})
    facts = [
        {"text": f.text, "articles": f.articles, "numbers": sorted(numbers[a] for a in f.articles),
         "support": support_phrase(brief, f)}
        for f in shared_facts(brief)
    ]
    articles = [
        {"id": a.id, "label": source_label(a), "source": a.source, "url": a.url, "degraded": a.degraded,
         "warnings": a.warnings}
        for a in brief.articles
    ]
    def cited(ids: list[str]) -> list[int]:
        return sorted(numbers[i] for i in ids)

    entities = [{"name": e.name, "type": e.type, "aliases": other_aliases(e), "mentions": len(e.mentions),
                 "numbers": cited(e.articles)} for e in shown_entities(brief)]
    quotes = [{"text": q.text, "speaker": q.speaker, "variants": q.variants, "numbers": cited(q.articles),
               "direct": any(t.direct for t in q.tellings)} for q in shown_quotes(brief)]
    events = [{"date": e.date, "text": event_text(e), "resolved_from": e.resolved_from, "numbers": cited(e.articles)}
              for e in shown_events(brief)]
    disagreements = [{"kind": d.kind, "description": d.description,
                      "positions": [{"value": v, "numbers": cited(ids)} for v, ids in d.positions]}
                     for d in brief.disagreements]
    coverage = [{"number": n, "label": a.outlet or a.source, **row} for n, a, row in coverage_rows(brief)]
    by_outlet: dict[str, list[str]] = {}  # one column per outlet: who reported what, who left it out
    for a in brief.articles:
        by_outlet.setdefault(a.outlet or a.source.replace("\\", "/").rsplit("/", 1)[-1], []).append(a.id)
    columns = [{"label": outlet, "numbers": cited(ids)} for outlet, ids in by_outlet.items()]
    matrix = {"columns": columns, "facts": [
        {"text": f.text, "cells": [any(i in f.articles for i in ids) for ids in by_outlet.values()]}
        for f in ranked_facts(brief)[:MATRIX_FACTS]] if len(by_outlet) > 1 else []}
    return dict(
        brief=brief, story=brief.story.to_dict(), summary=summary, facts=facts, articles=articles,
        single=single_source_note(brief), outlets=outlets_phrase(brief), shared_heading=shared_heading(brief),
        entities=entities, quotes=quotes, events=events, disagreements=disagreements, coverage=coverage,
        matrix=matrix, set_aside_note=set_aside_note(brief),
        set_aside=[{"reason": reason, "articles": [{"label": set_aside_label(a), "source": a.source} for a in group]}
                   for reason, group in set_aside_groups(brief)],
    )
