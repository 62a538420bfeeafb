"""Clean: strip boilerplate, normalise, and detect and repair degraded text.

    article = clean_article(article)          # per article: boilerplate, degradation flags
    articles = repair_story(articles)         # per story: repair degraded articles from the others
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from storyweave.clean.boilerplate import remove_boilerplate
from storyweave.clean.degraded import LOWERCASED, StoryHints, detect_degradation, repair_text
from storyweave.clean.normalize import normalize_text
from storyweave.model import Article

__all__ = ["clean_article", "normalize_text", "remove_boilerplate", "remove_repeated_lines", "repair_story"]


def clean_article(article: Article) -> Article:
    """Remove boilerplate and flag degradation. A pure function of the article."""
    text, removed = remove_boilerplate(article.text, article.title)
    flags = detect_degradation(text)
    warnings = list(article.warnings)
    if flags:
        warnings.append("degraded text: " + ", ".join(flags))
    return replace(article, text=text, removed=article.removed + removed,
                   degraded=bool(flags), warnings=warnings)


REPEATED_LINE_WORDS = 8  # a line this short, verbatim in many articles, is page furniture
REPEATED_LINE_ARTICLES = 3


def remove_repeated_lines(articles: list[Article]) -> list[Article]:
    """Drop short lines that recur verbatim across articles ("Time for a ban?", "Get the figures
    here"): widgets and teasers of one site, not reporting. Long lines are kept: outlets do
    share long sentences verbatim when they run the same wire copy."""
    if len(articles) < REPEATED_LINE_ARTICLES:
        return articles
    seen: Counter[str] = Counter()
    for article in articles:
        seen.update({_line_key(line) for line in article.text.split("\n")
                     if 0 < len(line.split()) <= REPEATED_LINE_WORDS})
    threshold = max(REPEATED_LINE_ARTICLES, len(articles) // 10)
    furniture = {key for key, count in seen.items() if count >= threshold and key}
    if not furniture:
        return articles
    cleaned = []
    for article in articles:
        kept, removed = [], []
        for line in article.text.split("\n"):
            short = 0 < len(line.split()) <= REPEATED_LINE_WORDS
            (removed if short and _line_key(line) in furniture else kept).append(line)
        if removed:
            article = replace(article, text="\n".join(kept).strip(), removed=article.removed + [
                f"repeated in {seen[_line_key(line)]} articles: {line.strip()}" for line in removed])
        cleaned.append(article)
    return cleaned


def _line_key(line: str) -> str:
    return " ".join(line.lower().split())


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
