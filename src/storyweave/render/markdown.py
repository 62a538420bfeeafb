"""Markdown rendering of a brief."""

from __future__ import annotations

from storyweave.model import Brief
from storyweave.render.common import (
    markers,
    outlets_phrase,
    plural,
    shared_facts,
    single_source_count,
    source_label,
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
    lines.append(f"*{plural(story['article_count'], 'article')} from {outlets_phrase(len(story['outlets']))}"
                 + (f", {span}" if span else "") + "*")
    lines += ["", "## Summary", ""]
    lines += [f"{_escape(s.text)} {markers(s.citations, numbers)}" for s in brief.summary]
    facts = shared_facts(brief)
    if facts:
        lines += ["", "## Reported by several outlets", ""]
        lines += [f"- {_escape(f.text)} {markers(f.articles, numbers)} "
                  f"({len(f.articles)} of {len(brief.articles)})" for f in facts]
    single = single_source_count(brief)
    if single:
        lines += ["", f"{single} further facts are reported by one article only (see the JSON output)."]
    lines += ["", "## Sources", ""]
    for article in brief.articles:
        note = " — *degraded text, repaired*" if article.degraded else ""
        lines.append(f"{numbers[article.id]}. {_escape(source_label(article))} — `{article.source}`{note}")
    lines += ["", f"<sub>storyweave {brief.version}: "
              + ", ".join(f"{k}: {v}" for k, v in brief.provenance.items()) + "</sub>", ""]
    return "\n".join(lines)
