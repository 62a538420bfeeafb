"""Online story clustering: each new article joins the best existing story or starts a new one.

Candidate stories come from an approximate nearest-neighbour index (usearch) over story centroids,
so the cost per article does not grow with the store. A candidate's score is the cosine of the
article's vector to the story centroid, raised by shared names and lowered by distance in time.
Two stories that one article matches almost equally well, and whose centroids agree, are merged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

CANDIDATES = 8  # stories looked at per article
JOIN = 0.62  # score at which an article joins a story
NAME_WEIGHT = 0.15  # bonus for the share of names in common
DAY_PENALTY = 0.01  # per day between the article and the story, beyond a grace period
GRACE_DAYS = 3
MAX_PENALTY = 0.2
MERGE = 0.85  # centroid cosine at which two stories an article joins are one
DIMS = 128


@dataclass
class StoryState:
    id: str
    centroid: np.ndarray  # running mean of its articles' vectors (not normalised)
    size: int
    names: Counter[str] = field(default_factory=Counter)
    last: str | None = None  # latest publication date, ISO


@dataclass
class Assignment:
    story: str
    created: bool
    merged: list[str] = field(default_factory=list)  # stories absorbed into `story`


class StoryIndex:
    """Story centroids with an ANN index; the store persists them, this holds them in memory."""

    def __init__(self, dims: int = DIMS) -> None:
        from usearch.index import Index

        self.dims = dims
        self.index = Index(ndim=dims, metric="cos", dtype="f32")
        self.stories: dict[str, StoryState] = {}
        self._key_of: dict[str, int] = {}
        self._story_of: dict[int, str] = {}
        self._next_key = 0

    def __len__(self) -> int:
        return len(self.stories)

    def load(self, story_id: str, centroid: np.ndarray, size: int, names: list[str], last: str | None) -> None:
        self._put(StoryState(story_id, centroid.astype(np.float32), size, Counter(names), last))

    def _put(self, state: StoryState) -> None:
        if state.id in self._key_of:
            self.index.remove(self._key_of.pop(state.id))
        key = self._next_key
        self._next_key += 1
        self._key_of[state.id] = key
        self._story_of[key] = state.id
        self.stories[state.id] = state
        self.index.add(key, _unit(state.centroid))

    def _drop(self, story_id: str) -> None:
        key = self._key_of.pop(story_id)
        self._story_of.pop(key, None)
        self.index.remove(key)
        del self.stories[story_id]

    def score(self, vector: np.ndarray, names: list[str], published: str | None, state: StoryState) -> float:
        cosine = float(np.dot(vector, _unit(state.centroid)))
        shared = len(set(names) & set(state.names)) / max(1, min(len(names), len(state.names)) or 1)
        return cosine + NAME_WEIGHT * shared - _time_penalty(published, state.last)

    def assign(self, article_id: str, vector: np.ndarray, names: list[str], published: str | None) -> Assignment:
        """Put one article in the best story (or a new one) and return where it went."""
        scored: list[tuple[float, str]] = []
        if len(self.stories):
            matches = self.index.search(vector.astype(np.float32), min(CANDIDATES, len(self.stories)))
            for key in matches.keys:
                story_id = self._story_of.get(int(key))
                if story_id is not None:
                    scored.append((self.score(vector, names, published, self.stories[story_id]), story_id))
        scored.sort(reverse=True)
        if not scored or scored[0][0] < JOIN:
            story_id = f"s{article_id[:12]}"
            self._put(StoryState(story_id, vector.astype(np.float32).copy(), 1, Counter(names), published))
            return Assignment(story_id, created=True)
        best = scored[0][1]
        merged = [other for score, other in scored[1:] if score >= JOIN and other != best
                  and float(np.dot(_unit(self.stories[best].centroid), _unit(self.stories[other].centroid))) >= MERGE]
        for other in merged:
            self._absorb(best, other)
        self._add_to(best, vector, names, published)
        return Assignment(best, created=False, merged=merged)

    def _add_to(self, story_id: str, vector: np.ndarray, names: list[str], published: str | None) -> None:
        state = self.stories[story_id]
        state.centroid = (state.centroid * state.size + vector) / (state.size + 1)
        state.size += 1
        state.names.update(names)
        state.names = Counter(dict(state.names.most_common(40)))
        if published and (state.last is None or published > state.last):
            state.last = published
        self._put(state)

    def _absorb(self, keep: str, other: str) -> None:
        a, b = self.stories[keep], self.stories[other]
        a.centroid = (a.centroid * a.size + b.centroid * b.size) / (a.size + b.size)
        a.size += b.size
        a.names.update(b.names)
        a.last = max(filter(None, [a.last, b.last]), default=None)
        self._drop(other)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm else vector.astype(np.float32)


def _time_penalty(published: str | None, last: str | None) -> float:
    if not published or not last:
        return 0.0
    try:
        days = abs((date.fromisoformat(published[:10]) - date.fromisoformat(last[:10])).days)
    except ValueError:
        return 0.0
    return min(MAX_PENALTY, DAY_PENALTY * max(0, days - GRACE_DAYS))
