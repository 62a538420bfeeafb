"""Same story or not: a learned probability for each edge of the neighbour graph.

A raw TF-IDF cosine means different things in different windows: in a dense window (many articles
per story) a same-story pair may score 0.15, in a sparse one an unrelated pair on the same topic
0.25. The pair model reads each edge in its context: the cosine, how the two articles rank each
other among their neighbours, the cosine relative to each article's best match (local scaling),
and the names they share. A logistic regression over these, trained by
scripts/train_pair_model.py on ECB+ training topics and the first half of Multi-News validation
(never on the data its benchmarks are scored on), turns them into the probability that the two
articles tell one story; average linkage then merges clusters while their average probability
reaches the model's threshold (chosen on the ECB+ development topics). No language model is
involved. Without pair_model.json, clustering falls back to the raw cosine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyweave.stories.features import names_in

_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split())
COMMON_WORD = 1e-4  # English frequency above which a lone capitalised word is not a name ("State")


@lru_cache(maxsize=200_000)
def _is_name(candidate: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS
    from wordfreq import word_frequency

    words = candidate.lower().split()
    if len(words) > 1:
        return not all(w in STOP_WORDS or w in _CALENDAR for w in words)
    word = words[0] if words else ""
    return not (word in STOP_WORDS or word in _CALENDAR or word_frequency(word, "en") >= COMMON_WORD)


def distinctive_names(text: str) -> set[str]:
    """The names an article mentions, without the capitalised days, months and common words
    ("Monday", "The", "State") that any two articles share."""
    return {name for name in names_in(text, limit=20) if _is_name(name)}

PAIR_FEATURES = ("cosine", "best_rank", "worst_rank", "over_stronger_best", "over_weaker_best",
                 "names_jaccard", "names_shared")
MODEL_FILE = Path(__file__).parent / "pair_model.json"

Edges = dict[tuple[int, int], float]


def pair_features(edges: Edges, texts: list[str]) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The edges, in a fixed order, and one row of PAIR_FEATURES per edge."""
    neighbours: list[dict[int, float]] = [{} for _ in texts]
    for (i, j), value in edges.items():
        neighbours[i][j] = neighbours[j][i] = value
    rank = [{j: r for r, (j, _) in enumerate(sorted(found.items(), key=lambda item: (-item[1], item[0])))}
            for found in neighbours]
    best = [max(found.values(), default=0.0) for found in neighbours]
    names = [distinctive_names(text) for text in texts]
    keys = sorted(edges)
    rows = np.zeros((len(keys), len(PAIR_FEATURES)))
    for row, (i, j) in enumerate(keys):
        value = edges[(i, j)]
        shared, either = len(names[i] & names[j]), len(names[i] | names[j])
        rows[row] = (value, min(rank[i][j], rank[j][i]), max(rank[i][j], rank[j][i]),
                     value / max(best[i], best[j], 1e-9), value / max(min(best[i], best[j]), 1e-9),
                     shared / max(1, either), 1.0 if shared else 0.0)
    return keys, rows


@dataclass(frozen=True)
class PairModel:
    name: str
    weights: dict[str, float]
    intercept: float
    threshold: float  # average same-story probability at which two clusters join

    def same_story(self, edges: Edges, texts: list[str]) -> Edges:
        """Each edge's probability that its two articles tell one story."""
        if not edges:
            return {}
        keys, rows = pair_features(edges, texts)
        logits = rows @ np.array([self.weights[f] for f in PAIR_FEATURES]) + self.intercept
        return dict(zip(keys, (1.0 / (1.0 + np.exp(-logits))).tolist(), strict=True))


@lru_cache(maxsize=1)
def installed_pair_model() -> PairModel | None:
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text())
    return PairModel(data["name"], data["weights"], data["intercept"], data["threshold"])
