"""Terminal rendering with rich: the summary with [n] citation markers and a numbered source list."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from storyweave.model import Brief
from storyweave.render.common import (
    markers,
    outlets_phrase,
    plural,
    shared_facts,
    single_source_count,
    source_label,
)


def brief_renderable(brief: Brief) -> Group:
    numbers = brief.citation_numbers()
    story = brief.story.to_dict()
    parts: list = []
    meta = f"{plural(story['article_count'], 'article')} · {outlets_phrase(len(story['outlets']))}"
    if story["first_published"]:
        meta += f" · {story['first_published'][:10]}"
        if story["last_published"] and story["last_published"][:10] != story["first_published"][:10]:
            meta += f" to {story['last_published'][:10]}"
    parts.append(Panel(Text(brief.story.title, style="bold"), subtitle=meta, expand=True))
    parts.append(Text("Summary", style="bold underline"))
    for sentence in brief.summary:
        line = Text(sentence.text + " ")
        line.append(markers(sentence.citations, numbers), style="cyan")
        parts.append(line)
    facts = shared_facts(brief)
    if facts:
        parts.append(Text("\nReported by several outlets", style="bold underline"))
        for fact in facts:
            line = Text(f"• {fact.text} ")
            line.append(markers(fact.articles, numbers), style="cyan")
            line.append(f" ({len(fact.articles)}/{len(brief.articles)})", style="dim")
            parts.append(line)
    single = single_source_count(brief)
    if single:
        parts.append(Text(f"{single} more facts come from one article only.", style="dim"))
    parts.append(Text("\nSources", style="bold underline"))
    for article in brief.articles:
        line = Text(f"[{numbers[article.id]}] ", style="cyan")
        line.append(source_label(article))
        line.append(f"  {article.source}", style="dim")
        if article.degraded:
            line.append("  degraded text, repaired", style="yellow")
        parts.append(line)
    parts.append(Text("\n" + ", ".join(f"{k}: {v}" for k, v in brief.provenance.items()), style="dim"))
    return Group(*parts)


def render_text(brief: Brief, width: int = 100) -> str:
    """Plain text (no colour codes), for files and pipes."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(brief_renderable(brief))
    return console.export_text()

