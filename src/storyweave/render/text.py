"""Terminal rendering with rich: the summary with [n] citation markers and a numbered source list."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

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


def brief_renderable(brief: Brief) -> Group:
    numbers = brief.citation_numbers()
    story = brief.story.to_dict()
    parts: list = []
    meta = f"{plural(story['article_count'], 'article')} · {outlets_phrase(brief)}"
    if story["first_published"]:
        meta += f" · {story['first_published'][:10]}"
        if story["last_published"] and story["last_published"][:10] != story["first_published"][:10]:
            meta += f" to {story['last_published'][:10]}"
    parts.append(Panel(Text(brief.story.title, style="bold"), subtitle=meta, expand=True))
    parts.append(Text("Summary", style="bold underline"))
    parts += [_cited(summary_text(sentence), sentence.citations, numbers) for sentence in brief.summary]
    facts = shared_facts(brief)
    if facts:
        parts.append(Text("\n" + shared_heading(brief), style="bold underline"))
        for fact in facts:
            line = _cited(f"• {fact.text}", fact.articles, numbers)
            line.append(f" ({support_phrase(brief, fact)})", style="dim")
            parts.append(line)
    single = single_source_note(brief)
    if single:
        parts.append(Text(single, style="dim"))
    parts += _analysis_sections(brief, numbers)
    parts.append(Text("\nSources", style="bold underline"))
    for article in brief.articles:
        line = Text(f"[{numbers[article.id]}] ", style="cyan")
        line.append(source_label(article))
        line.append(f"  {article.source}", style="dim")
        if article.degraded:
            line.append("  degraded text, repaired", style="yellow")
        parts.append(line)
    if aside := set_aside_note(brief):
        parts.append(Text("\nSet aside", style="bold underline"))
        parts.append(Text(aside, style="dim"))
        for number, (reason, group) in enumerate(set_aside_groups(brief), start=1):
            line = Text(f"{number}. {reason}: ", style="cyan")
            line.append("; ".join(f"{set_aside_label(a)}  {a.source}" for a in group))
            parts.append(line)
    parts.append(Text("\n" + ", ".join(f"{k}: {v}" for k, v in brief.provenance.items()), style="dim"))
    return Group(*parts)


def _cited(text: str, ids: list[str], numbers: dict[str, int], style: str = "") -> Text:
    line = Text(text + " ", style=style)
    line.append(markers(ids, numbers), style="cyan")
    return line


def _analysis_sections(brief: Brief, numbers: dict[str, int]) -> list:
    parts: list = []
    entities = shown_entities(brief)
    if entities:
        parts.append(Text("\nPeople and organisations", style="bold underline"))
        for entity in entities:
            line = Text(f"• {entity.name}", style="bold")
            line.append(f" {entity.type}", style="dim")
            if other_aliases(entity):
                line.append(f"  also: {', '.join(other_aliases(entity))}")
            line.append(f"  {plural(len(entity.mentions), 'mention')} ", style="dim")
            line.append(markers(entity.articles, numbers), style="cyan")
            parts.append(line)
    quotes = shown_quotes(brief)
    if quotes:
        parts.append(Text("\nQuotes", style="bold underline"))
        for quote in quotes:
            marks = '"' if any(t.direct for t in quote.tellings) else ""
            line = _cited(f"• {marks}{quote.text}{marks} — {quote.speaker or 'unattributed'}", quote.articles, numbers)
            parts.append(line)
            for variant in quote.variants:
                parts.append(Text(f"    variant: {variant}", style="dim"))
    events = shown_events(brief)
    if events:
        parts.append(Text("\nTimeline", style="bold underline"))
        for event in events:
            line = Text(f"{event.date:<10} ", style="bold magenta")
            line.append_text(_cited(event_text(event), event.articles, numbers))
            line.append(f" ({event.resolved_from})", style="dim")
            parts.append(line)
    if brief.disagreements:
        parts.append(Text("\nWhere outlets disagree", style="bold underline"))
        for item in brief.disagreements:
            style = "green" if item.kind == "development" else "yellow"
            line = Text(f"• {item.kind}: ", style=f"bold {style}")
            line.append(item.description)
            parts.append(line)
            for value, ids in item.positions:
                parts.append(_cited(f"    {value}", ids, numbers))
    if brief.coverage:
        parts.append(Text("\nCoverage by article", style="bold underline"))
        for number, article, row in coverage_rows(brief):
            parts.append(Text(f"[{number}] {article.outlet or article.source}: {row['reports']} facts, "
                              f"{row['only_here_count']} only here, leaves out {row['left_out_count']} "
                              "widely reported"))
    return parts


def render_text(brief: Brief, width: int = 100) -> str:
    """Plain text (no colour codes), for files and pipes."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(brief_renderable(brief))
    return console.export_text()

