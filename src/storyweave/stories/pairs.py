"""How likely two neighbouring articles are to tell one story, for batch clustering.

The TF-IDF cosine of two articles ranks pairs well, but one scale does not fit every article:
episodes of one saga (a retrial ordered, then the verdict) share the saga's words and score as
high as two reports of one event, and an article that every other article of its topic resembles
chains them together. What tells them apart lies around the cosine: how the pair compares with
each article's closest neighbour, whether each is among the other's nearest, how many neighbours
they share, whether their openings and headlines agree, whether they name the same people,
numbers, weekdays and months, and the rare phrases they share. A logistic regression over these
features of a neighbour-graph edge gives the probability that the two tell one story; average
linkage then joins clusters while their average probability reaches the model's threshold (as in
the learned similarity of Miranda et al., 2018, "Multilingual Clustering of Streaming News").

The model (`pair_model.json`: weights, threshold and what they were trained on) is fitted by
`scripts/train_pair_model.py` on ECB+ topics 1-35 and the first half of Multi-News validation,
never on what the README reports as held out. Without it, the cosine itself is the edge weight,
at `COSINE_THRESHOLD`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.stories.batch import NEIGHBOURS, tfidf_vectors
from storyweave.stories.features import names_in

MODEL_FILE = Path(__file__).parent / "pair_model.json"
COSINE_THRESHOLD = 0.17  # the average TF-IDF cosine at which clusters join, without the model
LEAD_WORDS = 60
FEATURES = ("cosine", "cosine_squared", "lead", "first_line", "names", "numbers", "both_numbers",
            "to_closer_best", "to_farther_best", "rank_near", "rank_far", "shared_neighbours",
            "degree_low", "degree_high", "weekdays", "both_weekdays", "months", "both_months", "rare_pairs")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# Reports of one event name the same days ("on Tuesday", "in March"); episodes of one saga, which
# share its names and words, mostly name others. "May" is left out: it is also a verb.
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:january|february|march|april|june|july|august|september|october|november|december)\b",
                    re.IGNORECASE)
_FIRST_LINE = re.compile(r"(?<=[.!?])\s+|\n")
# Reports of one event share its phrases ("released dashcam video"): two content words in a row
# (stop words between them skipped) that two to this many articles of the window use are a rare
# phrase; a saga's set phrases are used by many more.
RARE_PAIR_ARTICLES = 4
_PAIR_WORD = re.compile(r"[a-z]+")

Edges = dict[tuple[int, int], float]


@dataclass(frozen=True)
class PairModel:
    """A logistic regression over `FEATURES` of an edge of the neighbour graph."""

    name: str
    weights: dict[str, float]
    intercept: float
    threshold: float  # the average probability at which two clusters are one story
    # Two articles whose words overlap less are never one story, however alone each is: in a
    # window of unrelated articles each still has a closest one, and the features around the
    # cosine (its rank, its share of the best) would speak for the pair.
    min_cosine: float = 0.0

    def probabilities(self, features: dict[str, np.ndarray]) -> np.ndarray:
        logit = self.intercept + sum(weight * features[name] for name, weight in self.weights.items())
        return np.where(features["cosine"] >= self.min_cosine, 1.0 / (1.0 + np.exp(-logit)), 0.0)


@lru_cache(maxsize=1)
def installed_pair_model() -> PairModel | None:
    """The model shipped in pair_model.json, if any."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text())
    return PairModel(data["name"], data["weights"], data["intercept"], data["threshold"], data["min_cosine"])


def default_threshold() -> float:
    model = installed_pair_model()
    return model.threshold if model else COSINE_THRESHOLD


def weighing(threshold: float | None = None) -> str:
    """What weighs the graph's pairs, and at what threshold clusters join (for reports)."""
    model = installed_pair_model()
    threshold = default_threshold() if threshold is None else threshold
    return f"{'same-story pair model' if model else 'TF-IDF cosine'}, joined at {threshold:g}"


def _first_line(text: str) -> str:
    """The headline when the text opens with one on its own line, else the first sentence."""
    return _FIRST_LINE.split(text.strip(), maxsplit=1)[0]


def _rowwise_cosines(texts: list[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    vectors = tfidf_vectors(texts)
    if vectors is None:
        return np.zeros(len(left))
    return np.asarray(vectors[left].multiply(vectors[right]).sum(axis=1)).ravel()


def _overlap(sets: list[set], left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each pair: how many members the two sets share, and how many they hold together."""
    shared = np.array([len(sets[i] & sets[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)])
    sizes = np.array([len(members) for members in sets])
    return shared, sizes[left] + sizes[right] - shared


def _jaccard(sets: list[set[str]], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    shared, together = _overlap(sets, left, right)
    return shared / np.maximum(1, together)


def _both(sets: list[set[str]], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """1.0 where both articles of a pair have a member of the kind, else 0.0."""
    has = np.array([bool(members) for members in sets], dtype=bool)
    return (has[left] & has[right]).astype(float)


def rare_word_pairs(texts: list[str]) -> list[set[int]]:
    """Per text, its rare phrases: keys (stable within one process) of the pairs of consecutive
    content words that 2 to `RARE_PAIR_ARTICLES` of the texts use."""
    keyed = []
    for text in texts:
        words = [w for w in _PAIR_WORD.findall(text.lower()) if len(w) > 2 and w not in STOP_WORDS]
        keys = {hash(pair) for pair in zip(words, words[1:], strict=False)}
        keyed.append(np.fromiter(keys, dtype=np.int64, count=len(keys)))
    if not keyed:
        return []
    every = np.concatenate(keyed)
    owner = np.repeat(np.arange(len(texts)), [len(keys) for keys in keyed])
    _, inverse, counts = np.unique(every, return_inverse=True, return_counts=True)
    used_by = counts[inverse]
    keep = (used_by >= 2) & (used_by <= RARE_PAIR_ARTICLES)
    rare: list[set[int]] = [set() for _ in texts]
    for text, key in zip(owner[keep].tolist(), every[keep].tolist(), strict=True):
        rare[text].add(key)
    return rare


def pair_features(texts: list[str], edges: Edges) -> dict[str, np.ndarray]:
    """`FEATURES` of every edge (in the order of `edges`) of the neighbour graph over `texts`."""
    pairs = np.array(list(edges), dtype=np.int64).reshape(-1, 2)
    left, right = pairs[:, 0], pairs[:, 1]
    cosine = np.fromiter(edges.values(), dtype=float, count=len(edges))
    count = len(texts)
    # Each article's edges, closest first: an edge's rank at either end, and each article's best.
    ends = np.concatenate([left, right])
    values = np.concatenate([cosine, cosine])
    order = np.lexsort((-values, ends))
    degree = np.bincount(ends, minlength=count)
    starts = np.concatenate([[0], np.cumsum(degree)[:-1]])
    rank = np.empty(len(ends), dtype=np.int64)
    rank[order] = np.arange(len(ends)) - starts[ends[order]]
    best = np.full(count, 1e-6)
    np.maximum.at(best, ends, values)
    rank_left, rank_right = rank[:len(cosine)], rank[len(cosine):]
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        neighbours[i].add(j)
        neighbours[j].add(i)
    numbers = [set(_NUMBER.findall(text)) for text in texts]
    weekdays = [{day.lower() for day in _WEEKDAY.findall(text)} for text in texts]
    months = [{month.lower() for month in _MONTH.findall(text)} for text in texts]
    return {
        "cosine": cosine,
        "cosine_squared": cosine * cosine,
        "lead": _rowwise_cosines([" ".join(t.split()[:LEAD_WORDS]) for t in texts], left, right),
        "first_line": _rowwise_cosines([_first_line(t) for t in texts], left, right),
        "names": _jaccard([set(names_in(t)) for t in texts], left, right),
        "numbers": _jaccard(numbers, left, right),
        "both_numbers": _both(numbers, left, right),
        "to_closer_best": cosine / np.maximum(best[left], best[right]),
        "to_farther_best": cosine / np.minimum(best[left], best[right]),
        "rank_near": np.minimum(rank_left, rank_right).astype(float),
        "rank_far": np.maximum(rank_left, rank_right).astype(float),
        "shared_neighbours": _overlap(neighbours, left, right)[0] / NEIGHBOURS,
        "degree_low": np.minimum(degree[left], degree[right]) / NEIGHBOURS,
        "degree_high": np.maximum(degree[left], degree[right]) / NEIGHBOURS,
        "weekdays": _jaccard(weekdays, left, right),
        "both_weekdays": _both(weekdays, left, right),
        "months": _jaccard(months, left, right),
        "both_months": _both(months, left, right),
        "rare_pairs": _jaccard(rare_word_pairs(texts), left, right),
    }


def same_story_edges(texts: list[str], edges: Edges, model: PairModel | None = None) -> Edges:
    """The edges weighted by the probability that their two articles tell one story (by
    `model`, by default the installed one); the cosines as they are without a model."""
    model = model or installed_pair_model()
    if model is None or not edges:
        return edges
    probabilities = model.probabilities(pair_features(texts, edges))
    return dict(zip(edges, probabilities.tolist(), strict=True))
