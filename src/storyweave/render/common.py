"""What every rendering shares: citation numbers, source labels, which facts to show."""

from __future__ import annotations

from storyweave.model import Article, Brief, Fact

SHOWN_FACTS = 12  # widely reported facts listed under the summary


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def outlets_phrase(count: int) -> str:
    return plural(count, "outlet") if count else "unknown outlets"


def source_label(article: Article) -> str:
    """'Reuters — Plant fire forces evacuation (2024-03-04)'; falls back to the source path."""
    parts = [article.outlet or "unknown outlet"]
    if article.title:
        parts.append(article.title)
    label = " — ".join(parts)
    if article.published:
        label += f" ({article.published[:10]})"
    return label


def markers(citations: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[c]}]" for c in sorted(citations, key=lambda c: numbers[c]))


def shared_facts(brief: Brief, limit: int = SHOWN_FACTS) -> list[Fact]:
    """Facts that more than one article reports, most widely reported first."""
    return [fact for fact in brief.facts if len(fact.articles) > 1][:limit]


def single_source_count(brief: Brief) -> int:
    return sum(1 for fact in brief.facts if len(fact.articles) == 1)


def supporting_sentence(brief: Brief, fact_index: int, article_id: str) -> str | None:
    """The sentence in one article that supports a fact (shown when hovering a citation)."""
    for sentence in brief.facts[fact_index].sentences:
        if sentence.article_id == article_id:
            return sentence.text
    return None
