"""Batch re-clustering of a time window: the articles published in it are clustered afresh.

Online clustering decides once per article, in arrival order; an article that came early, before
its story had taken shape, stays where it landed. Re-clustering a window looks at all of its
articles together:

1. TF-IDF vectors of the window's articles (document frequencies from the window, smoothed toward
   general English: `smoothed_idf`);
2. each article's nearest neighbours by cosine (sparse products in blocks: no n x n matrix),
   lowered by distance in time as in online clustering;
3. each edge of that graph weighted by the probability that its two articles tell one story,
   from the cosine and what lies around it (`stories.pairs`: a learned pair model);
4. average-linkage agglomeration over the weighted graph (a pair not in the graph counts as 0),
   merging while the average probability of two clusters is at least `threshold`.

Story ids stay stable where they can: a new cluster keeps the id of the old story most of its
articles came from. Near-duplicates follow their original; the stories' centroids, names and word
profiles are rebuilt, so online ingest continues on the new stories.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from storyweave.model import Article, representative_title
from storyweave.nlp.embed import get_embedder
from storyweave.store import Store
from storyweave.stories.cluster import (
    DOCUMENT_FREQUENCY,
    STORY_TERMS,
    StoryIndex,
    time_penalty,
)
from storyweave.stories.features import lead_text, names_in, terms_of
from storyweave.stories.templates import strip_templates, without_templates

NEIGHBOURS = 10  # per article, in the similarity graph
BLOCK = 2000  # rows per span of the graph's rows (a task on a Ray cluster)
# Similarities held at once (a dense block of rows by the window's articles, 32 MB, with two more
# of its size while the nearest are picked): 2,000 rows at once held 1 GB at 20,000 articles.
DENSE_CELLS = 4_000_000
# Beyond this many articles in a window, neighbours are searched among ANN candidates instead of
# all articles. Exact neighbours cost n² (64 s for 50k Multi-News articles on one core, about four
# times that at 100k); the candidate graph grows as n log n (39 s at 50k) but loses a little:
# B-cubed F1 0.732 vs 0.747 after `cluster` on 50k articles (benchmarks/bench_ray.py), 0.766 vs
# 0.760 on the 15k raw documents. So: exact while it is affordable, candidates beyond.
EXACT_UP_TO = 100_000
ANN_CANDIDATES = 50
ANN_DIMS = 256


@dataclass
class ReclusterReport:
    articles: int = 0  # canonical articles in the window
    stories_before: int = 0
    stories_after: int = 0
    moved: int = 0  # articles now in another story
    changed: set[str] = field(default_factory=set)  # stories that gained, lost, appeared or went
    method: str = ""  # what weighed the pairs of articles (`pairs.weighing`)

    def to_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "stories_before": self.stories_before,
                "stories_after": self.stories_after, "moved": self.moved}


# How rare a word is, from a window alone, is guesswork when the window is small: in 200 articles
# on ten topics every topic word looks common. So a word's document frequency is smoothed toward
# its frequency in general English (wordfreq), as if the window held this many more articles of
# that many words. In a 15,000-article window the window's own counts dominate; in 200, English's.
BACKGROUND_DOCUMENTS = 5000
WORDS_PER_DOCUMENT = 400


@lru_cache(maxsize=200_000)
def english_share(word: str) -> float:
    """The share of general-English documents (of WORDS_PER_DOCUMENT words) that use `word`."""
    return 1.0 - math.exp(-WORDS_PER_DOCUMENT * english_frequency(word))


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def english_frequency(word: str) -> float:
    """wordfreq's frequency of `word` in English. A lowercase word of ASCII letters, which its
    tokenizer would keep as it is, is looked up directly and rounded as wordfreq rounds (0.05 s
    for a window's 26,000 words, against 0.45 s through the tokenizer); anything else goes
    through wordfreq."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        from wordfreq import word_frequency

        return word_frequency(word, "en")
    frequency = _english_frequencies().get(word, 0.0)
    if frequency == 0.0:
        return 0.0
    return round(frequency, math.floor(-math.log(frequency, 10)) + 3)  # 3 significant digits


def smoothed_idf(document_frequency: np.ndarray | float, documents: int,
                 share: np.ndarray | float) -> np.ndarray | float:
    """Inverse document frequency with the counts smoothed toward general English."""
    return np.log((documents + BACKGROUND_DOCUMENTS + 1)
                  / (document_frequency + BACKGROUND_DOCUMENTS * share + 1)) + 1.0


SMALL_WINDOW = 100  # texts; fewer are vectorised directly (see `_small_tfidf_vectors`), with min_df 1


def tfidf_vectors(texts: list[str]) -> object | None:
    """L2-normalised TF-IDF rows (scipy CSR) of a window's texts; None if no word is left."""
    if len(texts) < SMALL_WINDOW:
        return _small_tfidf_vectors(texts)
    from scipy.sparse import diags
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, use_idf=False, norm=None,
                                 min_df=2 if len(texts) >= 100 else 1)
    try:
        counts = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no word left (all stop words or empty)
        return None
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    shares = np.array([english_share(word) for word in vectorizer.get_feature_names_out().tolist()])
    idf = smoothed_idf(document_frequency, counts.shape[0], shares)
    return normalize(counts @ diags(idf)).tocsr()


_SKLEARN_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def _small_tfidf_vectors(texts: list[str]) -> object | None:
    """What `tfidf_vectors` computes with scikit-learn's TfidfVectorizer, for a few texts (a brief's
    articles): the same tokens, stop words, vocabulary order and weights, without the vectorizer's
    per-call validation, which costs more than the counting at this size."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counted = [Counter(w for w in _SKLEARN_TOKEN.findall(text.lower()) if w not in ENGLISH_STOP_WORDS)
               for text in texts]
    vocabulary = sorted(set().union(*counted))
    if not vocabulary:
        return None
    column = {word: i for i, word in enumerate(vocabulary)}
    rows = np.repeat(np.arange(len(texts)), [len(c) for c in counted])
    columns = np.fromiter((column[w] for c in counted for w in c), dtype=np.int64, count=len(rows))
    tf = 1.0 + np.log(np.fromiter((n for c in counted for n in c.values()), dtype=float, count=len(rows)))
    document_frequency = np.bincount(columns, minlength=len(vocabulary))
    shares = np.array([english_share(word) for word in vocabulary])
    values = tf * smoothed_idf(document_frequency, len(texts), shares)[columns]
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(texts)))
    values /= np.maximum(norms[rows], 1e-300)
    vectors = csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary)))
    vectors.sort_indices()
    return vectors


def ann_candidates(vectors: object, count: int = ANN_CANDIDATES) -> np.ndarray:
    """For each row, `count` likely nearest neighbours (row indices, itself possibly among them):
    an HNSW index (usearch) over the TF-IDF rows reduced to `ANN_DIMS` dimensions by truncated
    SVD. Linear-logarithmic in the rows, where exact neighbours are quadratic."""
    from sklearn.decomposition import TruncatedSVD
    from usearch.index import Index

    rows = vectors.shape[0]
    dims = max(2, min(ANN_DIMS, vectors.shape[1] - 1, rows - 1))
    reduced = TruncatedSVD(dims, random_state=0).fit_transform(vectors).astype(np.float32)
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
    index = Index(ndim=dims, metric="cos", dtype="f32")
    index.add(np.arange(rows), reduced, threads=1)  # one thread: the same graph, so the same answer, every run
    return np.asarray(index.search(reduced, min(count + 1, rows)).keys, dtype=np.int64)


def neighbour_edges(vectors: object, published: list[str | None], start: int, stop: int,
                    neighbours: int = NEIGHBOURS, candidates: np.ndarray | None = None,
                    template_only: np.ndarray | None = None) -> dict[tuple[int, int], float]:
    """The nearest-neighbour edges of rows [start, stop), by TF-IDF cosine: against every row
    (sparse products, DENSE_CELLS similarities at a time), or only against each row's
    `candidates` (from `ann_candidates`). `template_only` rows are nobody's neighbour, but have
    neighbours (see `average_linkage`). Independent of the other rows' edges, so row blocks can
    be computed anywhere, in any order."""
    count = vectors.shape[0]
    k = min(neighbours, count - 1)
    if candidates is not None:
        columns = candidates[start:stop]
        rows = np.arange(stop - start)
        pairs = vectors[np.repeat(np.arange(start, stop), columns.shape[1])].multiply(vectors[columns.ravel()])
        similar = np.asarray(pairs.sum(axis=1)).reshape(columns.shape)
        similar[columns == (rows + start)[:, None]] = -1.0
        if template_only is not None:
            similar[template_only[columns]] = -1.0
        return _nearest_edges(similar, start, min(k, similar.shape[1] - 1), published, columns)
    transposed = vectors.T.tocsr()  # once: a product with the transpose itself would convert it each time
    step = max(1, DENSE_CELLS // count)
    edges: dict[tuple[int, int], float] = {}
    for first in range(start, stop, step):
        last = min(stop, first + step)
        similar = (vectors[first:last] @ transposed).toarray()
        rows = np.arange(last - first)
        similar[rows, rows + first] = -1.0  # not its own neighbour
        if template_only is not None:
            similar[:, template_only] = -1.0
        edges.update(_nearest_edges(similar, first, k, published))
    return edges


def _nearest_edges(similar: np.ndarray, start: int, k: int, published: list[str | None],
                   columns: np.ndarray | None = None) -> dict[tuple[int, int], float]:
    """Each row's `k` most similar columns (row `start + r` of the window for row r; a column is
    the window row `columns[r, c]` if given, else `c`), as edges less the time penalty."""
    nearest = np.argpartition(-similar, k - 1, axis=1)[:, :k] if k > 0 else np.empty((len(similar), 0), int)
    edges: dict[tuple[int, int], float] = {}
    for row, picks in enumerate(nearest):
        i = start + row
        for pick in picks.tolist():
            value = float(similar[row, pick])
            j = pick if columns is None else int(columns[row, pick])
            if value > 0:
                edges[(min(i, j), max(i, j))] = value - time_penalty(published[i], published[j])
    return edges


RowBlocks = Callable[[object, list["str | None"], list[tuple[int, int]], int, "np.ndarray | None",
                     "np.ndarray | None"], Iterable[dict[tuple[int, int], float]]]


def local_row_blocks(vectors: object, published: list[str | None], spans: list[tuple[int, int]],
                     neighbours: int, candidates: np.ndarray | None,
                     template_only: np.ndarray | None) -> Iterator[dict[tuple[int, int], float]]:
    """The edges of each span of rows, computed here, one after the other."""
    for start, stop in spans:
        yield neighbour_edges(vectors, published, start, stop, neighbours, candidates, template_only)


def neighbour_graph(texts: list[str], published: list[str | None], neighbours: int = NEIGHBOURS,
                    on_progress: Callable[[int], None] | None = None,
                    row_blocks: RowBlocks = local_row_blocks,
                    template_only: list[bool] | None = None,
                    vectors: object | None = None) -> dict[tuple[int, int], float]:
    """(i, j) -> similarity (i < j) for each article's nearest neighbours by TF-IDF cosine: exact
    up to `EXACT_UP_TO` articles, among ANN candidates beyond. `row_blocks` computes the edges of
    the spans of rows, in order (here by default; the Ray engine spreads them over its workers).
    `vectors`: the texts' `tfidf_vectors`, if the caller has them already."""
    vectors = vectors if vectors is not None else tfidf_vectors(texts)
    if vectors is None:
        return {}
    candidates = ann_candidates(vectors) if len(texts) > EXACT_UP_TO else None
    alone = np.asarray(template_only, dtype=bool) if template_only and any(template_only) else None
    spans = [(start, min(start + BLOCK, len(texts))) for start in range(0, len(texts), BLOCK)]
    edges: dict[tuple[int, int], float] = {}
    for (start, stop), block in zip(spans, row_blocks(vectors, published, spans, neighbours, candidates, alone),
                                    strict=True):
        edges.update(block)  # in row order, wherever it was computed: the same graph
        if on_progress:
            on_progress(stop - start)
    return edges


def average_linkage(count: int, edges: dict[tuple[int, int], float], threshold: float,
                    template_only: list[bool] | None = None) -> list[int]:
    """Cluster labels from average-linkage agglomeration over a sparse similarity graph.

    The link of two clusters is the sum of their members' similarities over the product of their
    sizes (missing pairs count as 0); the strongest link is merged while it reaches `threshold`.
    `template_only` articles take no part (they never link to each other, so they would only
    dilute a cluster's average): each then follows the article it is most similar to, as a
    near-duplicate follows its original, if that similarity reaches `threshold`.
    """
    alone = template_only if template_only and any(template_only) else [False] * count
    follows: dict[int, tuple[float, int]] = {}  # template-only article -> (similarity, article)
    core: dict[tuple[int, int], float] = {}
    for (i, j), value in edges.items():
        if alone[i] or alone[j]:
            single, other = (i, j) if alone[i] else (j, i)
            if value >= threshold and value > follows.get(single, (0.0, -1))[0]:
                follows[single] = (value, other)
        else:
            core[(i, j)] = value
    labels = _agglomerate(count, core, threshold)
    for single, (_, other) in follows.items():
        labels[single] = labels[other]
    return labels


def _agglomerate(count: int, edges: dict[tuple[int, int], float], threshold: float) -> list[int]:
    size = [1] * count
    links: list[dict[int, float]] = [{} for _ in range(count)]  # cluster -> neighbour -> summed similarity
    for (i, j), value in edges.items():
        links[i][j] = links[j][i] = value
    heap = [(-value, i, j) for (i, j), value in edges.items()]
    heapq.heapify(heap)
    parent = list(range(count))
    while heap:
        negative, i, j = heapq.heappop(heap)
        total = links[i].get(j)
        if total is None or abs(total / (size[i] * size[j]) + negative) > 1e-12:
            continue  # stale: one side has grown or gone since this entry was pushed
        if -negative < threshold:
            break
        parent[j] = i  # j joins i
        for other, value in links[j].items():
            if other != i:
                del links[other][j]
                links[i][other] = links[other][i] = links[i].get(other, 0.0) + value
        links[i].pop(j, None)
        links[j] = {}
        size[i] += size[j]
        for other, value in links[i].items():
            heapq.heappush(heap, (-value / (size[i] * size[other]), min(i, other), max(i, other)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    return [root(node) for node in range(count)]


def cluster_window(texts: list[str], published: list[str | None], threshold: float | None = None,
                   on_progress: Callable[[int], None] | None = None,
                   template_only: list[bool] | None = None,
                   row_blocks: RowBlocks = local_row_blocks) -> list[int]:
    """A cluster label per article: neighbour graph, same-story probabilities, average linkage
    (steps 1-4 above; `threshold`: the pair model's by default). `row_blocks`: where the graph's
    rows are computed (see `neighbour_graph`)."""
    from storyweave.stories.pairs import default_threshold, same_story_edges

    edges = neighbour_graph(texts, published, on_progress=on_progress, row_blocks=row_blocks,
                            template_only=template_only)
    threshold = default_threshold() if threshold is None else threshold
    return average_linkage(len(texts), same_story_edges(texts, edges), threshold, template_only)


Clusterer = Callable[[list[str], list["str | None"], float, "Callable[[int], None] | None", "list[bool] | None"],
                     list[int]]


def recluster(store: Store, *, since: str | None = None, until: str | None = None,
              stories: Iterable[str] | None = None, threshold: float | None = None, embedder: str = "auto",
              on_progress: Callable[[int, int], None] | None = None,
              clusterer: Clusterer = cluster_window) -> ReclusterReport:
    """Cluster the canonical articles published in [since, until] (or those of `stories`) afresh
    and store the stories. `clusterer` labels the window's articles (here by default; the Ray
    engine passes its own)."""
    rows = store.canonical_articles(since=since, until=until, stories=stories)
    from storyweave.stories.pairs import weighing

    report = ReclusterReport(articles=len(rows), stories_before=len({r[4] for r in rows}),
                             method=weighing(threshold))
    if len(rows) < 2:
        report.stories_after = report.stories_before
        return report
    done = 0

    def advance(step: int) -> None:
        nonlocal done
        done += step
        if on_progress:
            on_progress(done, len(rows))

    texts, template_only, templates = strip_templates([(r[2] or "") + "\n" + r[1] for r in rows])
    labels = clusterer(texts, [r[3] for r in rows], threshold, advance, template_only)
    story_of = _stable_ids(rows, labels)
    moved = {r[0]: story_of[r[0]] for r in rows if story_of[r[0]] != r[4]}
    report.moved = len(moved)
    report.stories_after = len(set(story_of.values()))
    report.changed = {r[4] for r in rows if r[0] in moved} | set(moved.values())
    with store.transaction():
        store.reassign(moved)
        _rebuild(store, report.changed, embedder, templates)
    return report


def _stable_ids(rows: list[tuple], labels: list[int]) -> dict[str, str]:
    """Article id -> story id: each cluster keeps the old id most of its articles had, largest
    clusters choosing first; the others get a new id from their first article."""
    members: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        members.setdefault(label, []).append(position)
    taken: set[str] = set()
    story_of: dict[str, str] = {}
    for positions in sorted(members.values(), key=lambda p: (-len(p), p[0])):
        old = Counter(rows[p][4] for p in positions if rows[p][4])
        story = next((s for s, _ in old.most_common() if s not in taken), None)
        if story is None:
            story = f"s{rows[positions[0]][0][:12]}"
            while story in taken:
                story += "x"
        taken.add(story)
        story_of.update({rows[p][0]: story for p in positions})
    return story_of


def _rebuild(store: Store, story_ids: set[str], embedder: str, templates: set[int] | None = None) -> None:
    """Recompute the stored state (title, centroid, names, word profile, counts) of these stories;
    a title is no template sentence of the window (`templates`: a site's related-story links)."""
    if not story_ids:
        return
    members = store.canonical_articles(stories=story_ids)
    if not members:
        return
    sketch = store.sketch(DOCUMENT_FREQUENCY)
    weights = StoryIndex(document_frequency=sketch[0] if sketch else None, documents=sketch[1] if sketch else 0)
    vectors = get_embedder(embedder).encode([
        lead_text(Article(id=r[0], source="", text=r[1], title=r[2])) for r in members])
    grouped: dict[str, list[int]] = {}
    for position, row in enumerate(members):
        grouped.setdefault(row[4], []).append(position)
    counts = store.count_stories(grouped)
    saved = []
    for story, positions in grouped.items():
        names: Counter[str] = Counter()
        terms: Counter[str] = Counter()
        for p in positions:
            names.update(names_in(members[p][1]))
            terms.update(weights.weigh(terms_of(members[p][1])))
        centroid = vectors[positions].mean(axis=0)
        # the title of the article nearest the story's centre, not of the one that came first
        central = sorted(positions, key=lambda p: -float(vectors[p] @ centroid))
        title = representative_title([members[p][2] for p in central],
                                     (without_templates(members[p][1], templates or set()) for p in central))
        saved.append((story, title, centroid, [n for n, _ in names.most_common(20)],
                      dict(terms.most_common(STORY_TERMS)), counts[story]))
    store.save_stories(saved)
