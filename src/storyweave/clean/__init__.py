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
from storyweave.nlp.claims import content_words

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
# A longer one, or a short one (not a quotation) in fewer than a tenth of a large story's
# articles ("Cannot play media." in 3 of 58), is furniture only if it is off the story: its words
# are rare in the rest of the articles carrying it and in the story's other articles ("2 men
# charged in death of Chicago teen ...", a site's teaser on a story about Libya). Shared wire copy
# uses the story's words.
MAX_REPEATED_LINE_WORDS = 60
OFF_STORY_OWN = 0.3  # mean share, over its content words, of its carriers using the word elsewhere
OFF_STORY_OTHERS = 0.15  # mean share of the other articles using the word


def remove_repeated_lines(articles: list[Article]) -> list[Article]:
    """Drop lines that recur verbatim across articles but are not reporting: short ones ("Time
    for a ban?", "Get the figures here") and longer ones off the story (a site's teasers and ads).
    Widgets and teasers of one site, not reporting. Shared wire copy is kept."""
    if len(articles) < REPEATED_LINE_ARTICLES:
        return articles
    lines_of = [[(line, _line_key(line)) for line in article.text.split("\n")] for article in articles]
    seen: Counter[str] = Counter()
    for lines in lines_of:
        seen.update({key for line, key in lines if 0 < len(line.split()) <= MAX_REPEATED_LINE_WORDS})
    threshold = max(REPEATED_LINE_ARTICLES, len(articles) // 10)
    frequent = [key for key, count in seen.items() if key and (
        count >= threshold or count >= REPEATED_LINE_ARTICLES and _short_unquoted(key))]
    furniture = {key for key in frequent if len(key.split()) <= REPEATED_LINE_WORDS and seen[key] >= threshold}
    if len(furniture) < len(frequent):
        # once per article, however many lines are judged: how often it has each line, and how
        # many of its lines use each content word (short repeated lines aside: a video player's
        # messages, "Cannot play media." and "Sorry, this media is unavailable.", vouch for no story)
        keys_of = [Counter(key for _, key in lines) for lines in lines_of]
        widgets = {key for key in frequent if len(key.split()) <= REPEATED_LINE_WORDS}
        words_of = [Counter(word for _, key in lines if key not in widgets for word in content_words(key))
                    for lines in lines_of]
        furniture |= {key for key in frequent if key not in furniture
                      and _off_story(key, keys_of, words_of, counted=key not in widgets)}
    if not furniture:
        return articles
    cleaned = []
    for article, lines in zip(articles, lines_of, strict=True):
        removed = [(line, key) for line, key in lines if key in furniture]
        if removed:
            article = replace(article, text="\n".join(line for line, key in lines if key not in furniture).strip(),
                              removed=article.removed + [f"repeated in {seen[key]} articles: {line.strip()}"
                                                         for line, key in removed])
        cleaned.append(article)
    return cleaned


def _off_story(key: str, keys_of: list[Counter[str]], words_of: list[Counter[str]], counted: bool) -> bool:
    """Are the line's words rare in the story text of the articles carrying it and of the others?
    (`counted`: its own copies are in `words_of`.)"""
    words = {word for word in content_words(key) if word.isalpha()}  # numbers say nothing of the topic
    if not words:
        return True
    own: list[float] = []
    others: list[float] = []
    for keys, counts in zip(keys_of, words_of, strict=True):
        carried = keys[key]
        # a word used elsewhere than in this line (in each of its copies)
        used = sum(counts[word] > (carried if counted else 0) for word in words)
        (own if carried else others).append(used / len(words))
    return (sum(own) / len(own) < OFF_STORY_OWN
            and (not others or sum(others) / len(others) < OFF_STORY_OTHERS))


def _short_unquoted(key: str) -> bool:
    """Short, and not a quotation (a speaker's few words, reused, are reporting)."""
    return len(key.split()) <= REPEATED_LINE_WORDS and not any(mark in key for mark in "\"“”")


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
