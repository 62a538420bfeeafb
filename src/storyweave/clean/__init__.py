"""Clean: strip boilerplate, normalise, and detect and repair degraded text.

    article = clean_article(article)          # per article: boilerplate, degradation flags
    articles = repair_story(articles)         # per story: repair degraded articles from the others
"""

from __future__ import annotations

from dataclasses import replace

from storyweave.clean.boilerplate import remove_boilerplate
from storyweave.clean.degraded import LOWERCASED, StoryHints, detect_degradation, repair_text
from storyweave.clean.normalize import normalize_text
from storyweave.model import Article

__all__ = ["clean_article", "repair_story", "normalize_text", "remove_boilerplate"]


def clean_article(article: Article) -> Article:
    """Remove boilerplate and flag degradation. A pure function of the article."""
    text, removed = remove_boilerplate(article.text, article.title)
    flags = detect_degradation(text)
    warnings = list(article.warnings)
    if flags:
        warnings.append("degraded text: " + ", ".join(flags))
    return replace(article, text=text, removed=article.removed + removed,
                   degraded=bool(flags), warnings=warnings)


def repair_story(articles: list[Article]) -> list[Article]:
    """Repair each degraded article using the clean articles of the same story."""
    if not any(a.degraded for a in articles):
        return articles
    hints = StoryHints.from_texts([a.text for a in articles if not a.degraded])
    repaired = []
    for article in articles:
        if not article.degraded:
            repaired.append(article)
            continue
        flags = detect_degradation(article.text)
        text, counts = repair_text(article.text, flags, hints)
        title = article.title
        if title and LOWERCASED in flags:
            title, _ = repair_text(title, [LOWERCASED], hints)
        note = (f"repaired: {counts['boundaries']} sentence boundaries, "
                f"{counts['cased']} words re-cased (from {len(articles) - 1} other articles)")
        repaired.append(replace(article, text=text, title=title, original_text=article.text,
                                warnings=article.warnings + [note]))
    return repaired
