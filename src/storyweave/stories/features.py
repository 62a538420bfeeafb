"""What the story layer needs of one article, computed by a pure function of that article.

A MinHash signature (near-duplicate detection), a document vector (story matching) and the names
it mentions (entity overlap). Being a pure function of the article, it can run anywhere: in this
process, in a pool, or on a cluster.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.model import Article
from storyweave.nlp.embed import Embedder

NUM_PERM = 64  # MinHash permutations: Jaccard estimates within about ±0.1
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE = 5  # words per shingle
LEAD_WORDS = 120  # the part of an article that says what its story is
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", re.MULTILINE)  # not a line's first word


@dataclass
class ArticleFeatures:
    signature: np.ndarray  # MinHash hash values, uint64
    vector: np.ndarray  # L2-normalised document vector
    names: list[str]  # the names it mentions most
    terms: Counter[str]  # content-word counts, for lexical matching


def terms_of(text: str) -> Counter[str]:
    """Lowercased content words (no stop words) and their counts."""
    return Counter(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


@lru_cache(maxsize=1)
def _permutations() -> object:
    """datasketch draws its permutations anew for every MinHash: draw them once."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def minhash_of(values: np.ndarray) -> object:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME, permutations=_permutations())


def signature(text: str) -> np.ndarray:
    from datasketch import MinHash

    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.astype(np.uint64)


def names_in(text: str, limit: int = 12) -> list[str]:
    """The names (capitalised runs not opening a sentence) an article mentions most."""
    counts = Counter(match.group() for match in _NAME.finditer(text[:4000]))
    return [name for name, _ in counts.most_common(limit)]


def lead_text(article: Article) -> str:
    return " ".join(((article.title or "") + ". " + article.text).split()[:LEAD_WORDS])


def article_features(articles: list[Article], embedder: Embedder) -> list[ArticleFeatures]:
    """Features of a batch of articles (embedding in one batch is faster; each row is still a
    function of its own article alone)."""
    vectors = embedder.encode([lead_text(a) for a in articles])
    return [ArticleFeatures(signature(a.text), vector, names_in(a.text), terms_of(a.text))
            for a, vector in zip(articles, vectors, strict=True)]
