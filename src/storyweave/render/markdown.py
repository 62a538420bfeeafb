"""Markdown rendering of a brief."""

from __future__ import annotations

from storyweave.model import Brief
from storyweave.render.common import (
    coverage_rows,
    event_text,
    markers,
    other_aliases,
    outlets_phrase,
    plural,
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
)


def _escape(text: str) -> str:
    """Keep article text from turning into Markdown markup or raw HTML."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(brief: Brief) -> str:
    numbers = brief.citation_numbers()
    story = brief.story.to_dict()
    lines = [f"# {_escape(brief.story.title)}", ""]
    span = " to ".join(dict.fromkeys(d[:10] for d in (story["first_published"], story["last_published"]) if d))
    lines.append(f"*{plural(story['article_count'], 'article')} from {outlets_phrase(brief)}"
                 + (f", {span}" if span else "") + "*")
    lines += ["", "## Summary", ""]
    lines += [f"{_escape(summary_text(s))} {markers(s.citations, numbers)}" for s in brief.summary]
    facts = shared_facts(brief)
    if facts:
        lines += ["", f"## {shared_heading(brief)}", ""]
        lines += [f"- {_escape(f.text)} {markers(f.articles, numbers)} ({support_phrase(brief, f)})"
                  for f in facts]
    single = single_source_note(brief)
    if single:
        lines += ["", f"{single[:-1]} (see the JSON output)."]
    lines += _analysis_sections(brief, numbers)
    lines += ["", "## Sources", ""]
    for article in brief.articles:
        note = " — *degraded text, repaired*" if article.degraded else ""
        lines.append(f"{numbers[article.id]}. {_escape(source_label(article))} — `{article.source}`{note}")
    if aside := set_aside_note(brief):
        lines += ["", "## Set aside", "", _escape(aside), ""]
        for number, (reason, group) in enumerate(set_aside_groups(brief), start=1):
            lines += [f"{number}. {_escape(reason)}: "
                      + "; ".join(f"{_escape(set_aside_label(a))} — `{a.source}`" for a in group)]
    lines += ["", f"<sub>storyweave {brief.version}: "
              + ", ".join(f"{k}: {v}" for k, v in brief.provenance.items()) + "</sub>", ""]
    return "\n".join(lines)


def _analysis_sections(brief: Brief, numbers: dict[str, int]) -> list[str]:
    lines: list[str] = []
    entities = shown_entities(brief)
    if entities:
        lines += ["", "## People and organisations", ""]
        for entity in entities:
            also = other_aliases(entity)
            lines.append(f"- **{_escape(entity.name)}** ({entity.type})"
                         + (f" — also {', '.join(_escape(a) for a in also)}" if also else "")
                         + f" · {plural(len(entity.mentions), 'mention')} {markers(entity.articles, numbers)}")
    quotes = shown_quotes(brief)
    if quotes:
        lines += ["", "## Quotes", ""]
        for quote in quotes:
            marks = '"' if any(t.direct for t in quote.tellings) else ""
            lines.append(f"- {marks}{_escape(quote.text)}{marks} — {_escape(quote.speaker or 'unattributed')} "
                         f"{markers(quote.articles, numbers)}")
            for variant in quote.variants:
                lines.append(f"  - variant: {_escape(variant)}")
    events = shown_events(brief)
    if events:
        lines += ["", "## Timeline", ""]
        lines += [f"- **{event.date}** — {_escape(event_text(event))} {markers(event.articles, numbers)} "
                  f"*({_escape(event.resolved_from)})*" for event in events]
    if brief.disagreements:
        lines += ["", "## Where outlets disagree", ""]
        for item in brief.disagreements:
            positions = " vs ".join(f"“{_escape(value)}” {markers(ids, numbers)}" for value, ids in item.positions)
            lines.append(f"- **{item.kind}** — {_escape(item.description)}: {positions}")
    if brief.coverage:
        lines += ["", "## Coverage by article", "", "| source | facts | only here | leaves out |", "|---|---|---|---|"]
        for number, article, row in coverage_rows(brief):
            lines.append(f"| [{number}] {_escape(article.outlet or article.source)} | {row['reports']} | "
                         f"{row['only_here_count']} | {row['left_out_count']} |")
    return lines
