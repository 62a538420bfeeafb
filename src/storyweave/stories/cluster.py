"""Online story clustering: each new article joins the best existing story or starts a new one.

Candidate stories come from an approximate nearest-neighbour index (usearch) over story centroids
and from an inverted index of each story's most distinctive words, so the cost per article does not
grow with the store. A batch of articles is searched in one call, and the index is brought up to
date once a batch (one call each, many times cheaper than a call per article); the stories changed
since are compared exactly, so each article still sees every story as it stands. A candidate's
score mixes the cosine of the article's vector to the story centroid with the TF-IDF cosine of
their words (document frequencies counted as articles arrive, in a hashed sketch), raised by
shared names and lowered by distance in time. Two stories that one
article matches almost equally well, and whose centroids agree, are merged.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

import numpy as np

CANDIDATES = 8  # stories looked at per article, from the vector index
JOIN = 0.25  # score at which an article joins a story
DENSE_WEIGHT = 0.2  # the rest of the score is the TF-IDF cosine of words
NAME_WEIGHT = 0.15  # bonus for the share of names in common
PROFILE_TERMS = 40  # an article's most distinctive words
STORY_TERMS = 80  # a story's
INDEXED_TERMS = 10  # words per article entered in the inverted index
STORIES_PER_TERM = 64  # the most recent stories kept per word
LEXICAL_CANDIDATES = 24  # stories looked at per article, from the word index
SKETCH_SIZE = 1 << 20  # document-frequency counters (hashed words)
DAY_PENALTY = 0.004  # per day between the article and the story, beyond a grace period
GRACE_DAYS = 7
MAX_PENALTY = 0.1  # dates can be wrong (a swapped header): time only nudges
MERGE = 0.85  # centroid cosine at which two stories an article joins are one
NEARBY = 0.12  # score at which a story an article did not join is still its neighbour (see Ingester.refine)
DIMS = 128
BATCH_ROWS = 256  # rows kept for the stories a batch changes (more are added as needed)
DOCUMENT_FREQUENCY = "document_frequency"  # the store's name for the sketch


@dataclass
class StoryState:
    id: str
    centroid: np.ndarray  # running mean of its articles' vectors (not normalised)
    size: int
    names: Counter[str] = field(default_factory=Counter)
    last: str | None = None  # latest publication date, ISO
    first: str | None = None  # earliest publication date, ISO (articles may arrive out of order)
    terms: Counter[str] = field(default_factory=Counter)  # summed TF-IDF weights of its words
    terms_norm: float = 0.0  # Euclidean norm of `terms`, kept up to date with it
    unit: np.ndarray | None = None  # the centroid normalised, kept up to date by StoryIndex._put

    def set_terms(self, terms: Counter[str]) -> None:
        self.terms = Counter(dict(terms.most_common(STORY_TERMS)))
        self.terms_norm = math.sqrt(sum(v * v for v in self.terms.values()))


@dataclass
class Assignment:
    story: str
    created: bool
    merged: list[str] = field(default_factory=list)  # stories absorbed into `story`
    near: list[str] = field(default_factory=list)  # other stories that scored at least NEARBY


class StoryIndex:
    """Story centroids with an ANN index; the store persists them, this holds them in memory."""

    def __init__(self, dims: int = DIMS, document_frequency: np.ndarray | None = None, documents: int = 0) -> None:
        from usearch.index import Index

        self.dims = dims
        self.index = Index(ndim=dims, metric="cos", dtype="f32")
        self.stories: dict[str, StoryState] = {}
        self._key_of: dict[str, int] = {}
        self._story_of: dict[int, str] = {}
        self._next_key = 0
        # Stories changed since the index was last brought up to date (`sync`), each with its row
        # of `_changed_units` (its normalised centroid now), and index keys to remove.
        self._changed: dict[str, int] = {}
        self._changed_units = np.zeros((BATCH_ROWS, dims), dtype=np.float32)
        self._stale_keys: list[int] = []
        # word -> stories using it, most recent last (dict as an ordered set, capped)
        self.by_term: dict[str, dict[str, None]] = defaultdict(dict)
        self.document_frequency = document_frequency if document_frequency is not None else \
            np.zeros(SKETCH_SIZE, dtype=np.int32)
        self.documents = documents

    def __len__(self) -> int:
        return len(self.stories)

    def load(self, story_id: str, centroid: np.ndarray, size: int, names: list[str], last: str | None,
             terms: dict[str, float], first: str | None = None) -> None:
        state = StoryState(story_id, centroid.astype(np.float32), size, Counter(names), last, first or last)
        state.set_terms(Counter(terms))
        self._put(state)
        for term, _ in state.terms.most_common(INDEXED_TERMS * 2):
            self._index_term(term, story_id)

    def profile(self, words: Counter[str]) -> Counter[str]:
        """An article's most distinctive words, TF-IDF weighted; counts it as seen."""
        slots = _slots(words)
        self.documents += 1
        self.document_frequency[np.unique(slots)] += 1
        return self._weights(words, slots)

    def weigh(self, words: Counter[str]) -> Counter[str]:
        """An article's most distinctive words, TF-IDF weighted by the documents seen so far."""
        return self._weights(words, _slots(words))

    def _weights(self, words: Counter[str], slots: np.ndarray) -> Counter[str]:
        counts = np.fromiter(words.values(), dtype=np.float64, count=len(words))
        weights = (1 + np.log(counts)) * np.log((self.documents + 1) / (self.document_frequency[slots] + 0.5))
        keys = list(words)
        return Counter({keys[i]: float(weights[i]) for i in np.argsort(-weights, kind="stable")[:PROFILE_TERMS]})

    def _put(self, state: StoryState) -> None:
        """Keep a story's new state; the vector index takes it at the next `sync`."""
        self.stories[state.id] = state
        state.unit = _unit(state.centroid)
        row = self._changed.setdefault(state.id, len(self._changed))
        if row == len(self._changed_units):
            self._changed_units = np.concatenate([self._changed_units, np.zeros_like(self._changed_units)])
        self._changed_units[row] = state.unit

    def _drop(self, story_id: str) -> None:
        if (key := self._key_of.pop(story_id, None)) is not None:
            self._story_of.pop(key, None)
            self._stale_keys.append(key)
        del self.stories[story_id]  # (a row in `_changed` may stay: `sync` and `_candidates` skip it)

    def sync(self) -> None:
        """Bring the vector index up to date with the stories' centroids, in two calls."""
        self._changed = {s: row for s, row in self._changed.items() if s in self.stories}
        for story_id in self._changed:
            if (key := self._key_of.pop(story_id, None)) is not None:
                self._story_of.pop(key, None)
                self._stale_keys.append(key)
        if self._stale_keys:
            self.index.remove(np.array(self._stale_keys, dtype=np.uint64))
            self._stale_keys = []
        if self._changed:
            keys = np.arange(self._next_key, self._next_key + len(self._changed), dtype=np.uint64)
            self._next_key += len(self._changed)
            for key, story_id in zip(keys.tolist(), self._changed, strict=True):
                self._key_of[story_id] = key
                self._story_of[key] = story_id
            self.index.add(keys, np.stack([self.stories[s].unit for s in self._changed]))
            self._changed = {}
        if len(self._changed_units) > BATCH_ROWS:  # grown by a refinement's reload: give it back
            self._changed_units = np.zeros((BATCH_ROWS, self.dims), dtype=np.float32)

    def nearest(self, vectors: np.ndarray) -> list[list[str]]:
        """The stories whose centroids are nearest each vector, in one search for the batch (an
        `assign` of each, in order, then sees the stories changed since as well)."""
        self.sync()
        count = min(CANDIDATES, len(self._key_of))
        if not count or not len(vectors):
            return [[] for _ in range(len(vectors))]
        matches = self.index.search(np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1), count)
        keys = np.asarray(matches.keys).reshape(len(vectors), -1)
        counts = np.atleast_1d(getattr(matches, "counts", keys.shape[1]))  # one query: all it holds are found
        return [[self._story_of[k] for k in row[:n].tolist() if k in self._story_of]
                for row, n in zip(keys, counts.tolist(), strict=True)]

    def _candidates(self, vector: np.ndarray, nearest: list[str] | None) -> set[str]:
        """The CANDIDATES stories nearest the vector, as they stand now: those the index found
        (`nearest`, or a search now) and those changed since it was brought up to date."""
        if nearest is None:
            nearest = self.nearest(vector[None, :])[0]
        vector = vector.astype(np.float32)
        found = [s for s in nearest if s in self.stories and s not in self._changed]
        pool = found + list(self._changed)
        if len(pool) <= CANDIDATES:
            return {s for s in pool if s in self.stories}
        similarity = np.concatenate([
            np.array([float(self.stories[s].unit @ vector) for s in found], dtype=np.float32),
            self._changed_units[:len(self._changed)] @ vector])
        nearest_now = (pool[i] for i in np.argsort(-similarity, kind="stable"))
        return set(islice((s for s in nearest_now if s in self.stories), CANDIDATES))

    def score(self, vector: np.ndarray, profile: Counter[str], profile_norm: float, names: list[str],
              published: str | None, state: StoryState) -> float:
        dense = float(np.dot(vector, state.unit))  # set by _put, which every indexed story went through
        shared = len(set(names) & set(state.names)) / max(1, min(len(names), len(state.names)) or 1)
        return (DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * _cosine(profile, profile_norm, state)
                + NAME_WEIGHT * shared - time_penalty(published, state.first or state.last, state.last))

    def assign(self, article_id: str, vector: np.ndarray, words: Counter[str], names: list[str],
               published: str | None, nearest: list[str] | None = None) -> Assignment:
        """Put one article in the best story (or a new one) and return where it went.
        `nearest`: the stories `nearest` found for it in a batch search (else it searches now)."""
        profile = self.profile(words)
        candidates = self._candidates(vector, nearest)
        # The stories sharing most of the article's distinctive words: a fixed number, however
        # long the lists of stories per word grow.
        sharing: Counter[str] = Counter()
        for term, _ in profile.most_common(INDEXED_TERMS):
            sharing.update(self.by_term.get(term, {}).keys())
        candidates.update(story for story, _ in sharing.most_common(LEXICAL_CANDIDATES))
        profile_norm = math.sqrt(sum(v * v for v in profile.values()))
        scored = sorted(((self.score(vector, profile, profile_norm, names, published, self.stories[story_id]), story_id)
                         for story_id in candidates if story_id in self.stories), reverse=True)
        if not scored or scored[0][0] < JOIN:
            story_id = f"s{article_id[:12]}"
            self._put(StoryState(story_id, vector.astype(np.float32).copy(), 1, Counter(names), published, published))
            self._add_terms(story_id, profile)
            return Assignment(story_id, created=True, near=[s for score, s in scored if score >= NEARBY])
        best = scored[0][1]
        merged = [other for score, other in scored[1:] if score >= JOIN and other != best
                  and float(np.dot(self.stories[best].unit, self.stories[other].unit)) >= MERGE]
        for other in merged:
            self._absorb(best, other)
        self._add_to(best, vector, names, published)
        self._add_terms(best, profile)
        return Assignment(best, created=False, merged=merged,
                          near=[s for score, s in scored[1:] if score >= NEARBY and s not in merged])

    def forget(self, story_ids: set[str]) -> None:
        """Drop stories that are gone from the store (re-clustered away)."""
        for story_id in story_ids & self.stories.keys():
            self._drop(story_id)
        for stories in self.by_term.values():
            for story_id in story_ids & stories.keys():
                del stories[story_id]

    def _add_terms(self, story_id: str, profile: Counter[str]) -> None:
        state = self.stories[story_id]
        state.set_terms(state.terms + profile)
        for term, _ in profile.most_common(INDEXED_TERMS):
            self._index_term(term, story_id)

    def _index_term(self, term: str, story_id: str) -> None:
        stories = self.by_term[term]
        stories.pop(story_id, None)
        stories[story_id] = None  # now the most recent
        if len(stories) > STORIES_PER_TERM:
            del stories[next(iter(stories))]

    def _add_to(self, story_id: str, vector: np.ndarray, names: list[str], published: str | None) -> None:
        state = self.stories[story_id]
        state.centroid = (state.centroid * state.size + vector) / (state.size + 1)
        state.size += 1
        state.names.update(names)
        state.names = Counter(dict(state.names.most_common(40)))
        if published and (state.last is None or published > state.last):
            state.last = published
        if published and (state.first is None or published < state.first):
            state.first = published
        self._put(state)

    def _absorb(self, keep: str, other: str) -> None:
        a, b = self.stories[keep], self.stories[other]
        a.centroid = (a.centroid * a.size + b.centroid * b.size) / (a.size + b.size)
        a.unit = _unit(a.centroid)
        a.size += b.size
        a.names.update(b.names)
        a.set_terms(a.terms + b.terms)
        a.last = max(filter(None, [a.last, b.last]), default=None)
        a.first = min(filter(None, [a.first, b.first]), default=None)
        for stories in self.by_term.values():
            if other in stories:
                del stories[other]
                stories[keep] = None
        self._drop(other)


def _slot(word: str) -> int:
    return zlib.crc32(word.encode()) & (SKETCH_SIZE - 1)


def _slots(words: Counter[str]) -> np.ndarray:
    return np.fromiter((_slot(w) for w in words), dtype=np.int64, count=len(words))


def _cosine(profile: Counter[str], profile_norm: float, state: StoryState) -> float:
    if not profile_norm or not state.terms_norm:
        return 0.0
    terms = state.terms
    shared = profile.keys() & terms.keys()  # a set operation in C: usually a handful of words
    return sum(profile[term] * terms[term] for term in shared) / (profile_norm * state.terms_norm)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm else vector.astype(np.float32)


def time_penalty(published: str | None, start: str | None, end: str | None = None) -> float:
    """How much less alike two things are for lying apart in time: `published` against a date,
    or against the span [start, end] of a story (no penalty inside it)."""
    if not published or not start:
        return 0.0
    try:
        day = date.fromisoformat(published[:10])
        first = date.fromisoformat(start[:10])
        last = date.fromisoformat((end or start)[:10])
    except ValueError:
        return 0.0
    days = (first - day).days if day < first else max(0, (day - last).days)
    return min(MAX_PENALTY, DAY_PENALTY * max(0, days - GRACE_DAYS))
