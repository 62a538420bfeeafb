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
- an article that loses template text and keeps fewer than `CONTENT_WORDS` words is *template
  only*. It keeps all its text but is compared only with articles that have text of their own
  (`neighbour_edges`). A page of furniture then finds nothing: its furniture is in nobody else's
  clustering text. A trimmed syndicated copy, whose every sentence ten other copies carry, still
  finds the story whose own reporting shares its words.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

import numpy as np

TEMPLATE_ARTICLES = 10
MIN_WORDS = 4
CONTENT_WORDS = 20

_SEGMENT = re.compile(r"(?<=[.!?:])\s+|\s*\n\s*")  # sentences, and what a colon ends ("... switchboard: ")
_WORD = re.compile(r"[a-z0-9]+")


def segment_key(sentence: str) -> int | None:
    """A key of a sentence's lowercased words (stable within one process); None if it is too short
    to tell."""
    words = _WORD.findall(sentence.lower())
    return hash(" ".join(words)) if len(words) >= MIN_WORDS else None


def _keyed_segments(text: str) -> list[tuple[str, int | None]]:
    return [(piece, segment_key(piece)) for piece in _SEGMENT.split(text) if piece]


def _frequent(keyed: Iterable[list[tuple[str, int | None]]], min_articles: int) -> set[int]:
    carried = array("q")  # each text's distinct keys, 8 bytes apiece (a window can hold millions)
    for pieces in keyed:
        carried.extend({key for _, key in pieces if key is not None})
    keys, counts = np.unique(np.frombuffer(carried, dtype=np.int64), return_counts=True)
    return set(keys[counts >= min_articles].tolist())


def template_keys(texts: Iterable[str], min_articles: int = TEMPLATE_ARTICLES) -> set[int]:
    """The keys of the sentences that at least `min_articles` of `texts` carry."""
    return _frequent(map(_keyed_segments, texts), min_articles)


def strip_templates(texts: list[str], min_articles: int = TEMPLATE_ARTICLES
                    ) -> tuple[list[str], list[bool], set[int]]:
    """`texts` without the sentences that `min_articles` or more of them carry, which texts are
    template only (left with fewer than `CONTENT_WORDS` words after losing some: those keep their
    whole text), and the keys of the template sentences (for `without_templates`)."""
    keyed = [_keyed_segments(text) for text in texts]
    templates = _frequent(keyed, min_articles)
    stripped, template_only = [], []
    for text, pieces in zip(texts, keyed, strict=True):
        rest = _kept(text, pieces, templates)
        alone = rest is not text and len(_WORD.findall(rest.lower())) < CONTENT_WORDS
        stripped.append(text if alone else rest)
        template_only.append(alone)
    return stripped, template_only, templates


def without_templates(text: str, templates: set[int]) -> str:
    """`text` without the sentences whose keys are in `templates` (the same text if none is)."""
    return _kept(text, _keyed_segments(text), templates)


def _kept(text: str, pieces: list[tuple[str, int | None]], templates: set[int]) -> str:
    kept = [piece for piece, key in pieces if key not in templates]
    return text if len(kept) == len(pieces) else "\n".join(kept)
