"""Coverage per outlet: what each article alone reports, and the widely reported facts it leaves out."""

from __future__ import annotations

from storyweave.model import Article, Fact

MAX_LISTED = 8  # facts listed per article and kind (the counts are always complete)


def widely_reported(facts: list[Fact], article_count: int) -> list[Fact]:
    """Facts that at least half of the articles report (and at least two)."""
    needed = max(2, (article_count + 1) // 2)
    return [f for f in facts if len(f.articles) >= needed]


def coverage(articles: list[Article], facts: list[Fact]) -> list[dict]:
    wide = widely_reported(facts, len(articles))
    rows = []
    for article in articles:
        only_here = [f.text for f in facts if f.articles == [article.id]]
        left_out = [f.text for f in wide if article.id not in f.articles]
        rows.append({
            "article": article.id,
            "reports": sum(article.id in f.articles for f in facts),
            "only_here_count": len(only_here),
            "only_here": only_here[:MAX_LISTED],
            "left_out_count": len(left_out),
            "left_out": left_out[:MAX_LISTED],
        })
    return rows
