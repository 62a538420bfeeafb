"""Template text: sentences that many articles share word for word, for they are the page, not the news.

Scraped news carries site furniture that per-article cleaning cannot know: "Breaking news emails:
get breaking news alerts and special reports", "The interactive transcript could not be loaded",
crawl notices of a web archive, a social network's location prompt. Such a sentence recurs
verbatim across articles of unrelated stories, and an article that is little else clusters with
every other such page. So, before a window's articles are clustered:

- a sentence (of at least `MIN_WORDS` words, compared lowercased, by its words alone) that
  `TEMPLATE_ARTICLES` or more of the window's canonical articles carry is template text (near
  duplicates are not canonical, so wire copy does not count itself many times);
- it is left out of every article's clustering text (not of the article: briefs still see it);
- an article that loses template text and keeps fewer than `CONTENT_WORDS` words says nothing of
  its own to cluster on, and stays a story of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

TEMPLATE_ARTICLES = 10
MIN_WORDS = 4
CONTENT_WORDS = 20

_SEGMENT = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
_WORD = re.compile(r"[a-z0-9]+")


def segment_key(sentence: str) -> int | None:
    """A stable 64-bit key of a sentence's lowercased words; None if it is too short to tell."""
    words = _WORD.findall(sentence.lower())
    if len(words) < MIN_WORDS:
        return None
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest(), "little")


def _segments(text: str) -> list[str]:
    return [piece for piece in _SEGMENT.split(text) if piece]


def template_keys(texts: Iterable[str], min_articles: int = TEMPLATE_ARTICLES) -> set[int]:
    """The keys of the sentences that at least `min_articles` of `texts` carry."""
    carried: Counter[int] = Counter()
    for text in texts:
        carried.update({key for key in map(segment_key, _segments(text)) if key is not None})
    return {key for key, count in carried.items() if count >= min_articles}


def strip_templates(texts: list[str], templates: set[int] | None = None) -> list[str]:
    """`texts` without their template sentences (`template_keys` of the texts themselves unless
    given); a text left with fewer than `CONTENT_WORDS` words after losing some becomes ""."""
    if templates is None:
        templates = template_keys(texts)
    if not templates:
        return texts
    stripped = []
    for text in texts:
        pieces = _segments(text)
        kept = [piece for piece in pieces if segment_key(piece) not in templates]
        if len(kept) == len(pieces):
            stripped.append(text)
            continue
        rest = "\n".join(kept)
        stripped.append(rest if len(_WORD.findall(rest.lower())) >= CONTENT_WORDS else "")
    return stripped
