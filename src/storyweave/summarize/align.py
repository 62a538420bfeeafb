"""Cross-article alignment: group sentences that tell the same fact into `Fact`s.

Two sentences tell the same fact when their meaning (embedding cosine) and their content words
(names, numbers, key terms) both agree. Groups are formed by average-linkage clustering, which,
unlike linking every similar pair, does not chain unrelated sentences through a middle one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.model import Fact, Sentence

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())
} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "dozen": "12"}

# Weight of meaning vs shared content words, and the similarity at which two sentences are one fact.
SEMANTIC_WEIGHT = 0.5
FACT_THRESHOLD = 0.6


def content_words(text: str) -> frozenset[str]:
    """Lowercased content words, crudely stemmed, with number words as digits."""
    words = set()
    for token in _TOKEN.findall(text.lower().replace("'s", "")):
        token = _NUMBER_WORDS.get(token, token).replace(",", "")
        if token in STOP_WORDS or len(token) < 2 and not token.isdigit():
            continue
        if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        words.add(token)
    return frozenset(words)


def numbers_in(text: str) -> frozenset[str]:
    found = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    for word in _TOKEN.findall(text.lower()):
        if word in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[word])
    return frozenset(found)


def lexical_similarity(words: list[frozenset[str]]) -> np.ndarray:
    """Pairwise overlap of content words: |A & B| / sqrt(|A| |B|) (a cosine over word sets)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, bag in enumerate(words):
        for word in bag:
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    matrix = np.zeros((len(words), max(1, len(vocabulary))), dtype=np.float32)
    matrix[rows, cols] = 1.0
    shared = matrix @ matrix.T
    sizes = np.sqrt(np.maximum(matrix.sum(axis=1), 1.0))
    return shared / np.outer(sizes, sizes)


@dataclass
class Alignment:
    facts: list[Fact]
    fact_of: list[int]  # sentence index -> fact index
    similarity: np.ndarray  # combined pairwise similarity of the sentences


def align_sentences(
    sentences: list[Sentence], embeddings: np.ndarray, *, threshold: float = FACT_THRESHOLD
) -> Alignment:
    """Group equivalent sentences across articles; each group becomes a Fact."""
    n = len(sentences)
    if n == 0:
        return Alignment([], [], np.zeros((0, 0)))
    words = [content_words(s.text) for s in sentences]
    similarity = (SEMANTIC_WEIGHT * (embeddings @ embeddings.T)
                  + (1 - SEMANTIC_WEIGHT) * lexical_similarity(words))
    np.fill_diagonal(similarity, 1.0)
    labels = _average_linkage(similarity, threshold) if n > 1 else np.zeros(1, dtype=int)

    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    groups = sorted(members.values(), key=lambda m: (-len({sentences[i].article_id for i in m}), m[0]))
    facts: list[Fact] = []
    fact_of = [0] * n
    for group in groups:
        best = _representative(group, sentences, similarity)
        articles = list(dict.fromkeys(sentences[i].article_id for i in sorted(group, key=lambda i: i)))
        for i in group:
            fact_of[i] = len(facts)
        facts.append(Fact(text=sentences[best].text, sentences=[sentences[i] for i in group],
                          articles=articles))
    return Alignment(facts, fact_of, similarity)


def _average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


def _representative(group: list[int], sentences: list[Sentence], similarity: np.ndarray) -> int:
    """The member that best tells the fact: a clean (not degraded) sentence, central, not too short."""

    def quality(i: int) -> float:
        centrality = float(similarity[i, group].mean())
        words = sentences[i].words
        length_fit = 1.0 if 10 <= words <= 40 else 0.8
        return centrality * length_fit - (1.0 if sentences[i].degraded else 0.0)

    return max(group, key=quality)
