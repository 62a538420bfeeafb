"""Stories: deduplicate incoming articles and cluster them, incrementally, into stories in the store.

    report = ingest(["feeds/"], Store("storyweave.duckdb"))

Exact duplicates (same content id) are skipped; near-duplicates (syndicated wire copy, re-posts
with another header: MinHash Jaccard >= 0.8) are stored as duplicates of the first copy, in its
story; every other article joins the best story or starts one (`cluster.StoryIndex`).
At the end of each call, the stories it touched and their neighbours are clustered afresh in one
batch (`Ingester.refine`): online clustering decides once per article, in arrival order, and an
article that came before its story took shape stays where it landed. `recluster` does the same for
a whole time window (`storyweave cluster`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from storyweave.errors import InputProblem
from storyweave.ingest import DEFAULT_MAX_BYTES, iter_records, too_short
from storyweave.ingest.formats import Record
from storyweave.model import Article, story_title_from
from storyweave.nlp.embed import get_embedder
from storyweave.processes import Done, Pending, T
from storyweave.store import ReadOnlyStore, Store
from storyweave.stories.batch import ReclusterReport, cluster_window, recluster
from storyweave.stories.cluster import DOCUMENT_FREQUENCY, StoryIndex
from storyweave.stories.features import NUM_PERM, ArticleFeatures, minhash_of
from storyweave.stories.prepare import Prepared, ProcessPreparer, prepare, read_batch

NEAR_DUPLICATE = 0.8  # MinHash Jaccard of two tellings that are one article
BATCH = 256  # articles per transaction
# The word document-frequency sketch (4 MB) is saved every this many batches and at the end of a
# call, not with every batch: writing it was a quarter of the time of placing articles. A kill
# loses at most these batches' word counts — a slightly lower frequency, never a lost article.
SKETCH_EVERY = 8
# The stories a call touched, with their neighbours, are re-clustered at its end when they hold at
# most this many articles (15,000 take about 12 s here); beyond, `storyweave cluster` does it.
REFINE_UP_TO = 20_000
__all__ = ["IngestReport", "Ingester", "Prepared", "ReclusterReport", "add_articles", "ingest", "prepare",
           "recluster"]


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0  # already stored, or twice in the input
    near_duplicates: int = 0  # stored as duplicates of an earlier copy
    skipped: list[InputProblem] = field(default_factory=list)
    stories_created: int = 0
    stories_updated: int = 0
    stories_merged: int = 0
    refined: int = 0  # articles re-clustered at the end (Ingester.refine)
    moved: int = 0  # of those, articles that went to another story
    unrefined: int = 0  # articles that were too many to re-cluster at the end (run `cluster`)

    def to_dict(self) -> dict:
        return {"added": self.added, "duplicates": self.duplicates, "near_duplicates": self.near_duplicates,
                "skipped": len(self.skipped), "stories_created": self.stories_created,
                "stories_updated": self.stories_updated, "stories_merged": self.stories_merged,
                "refined": self.refined, "moved": self.moved, "unrefined": self.unrefined}


class Ingester:
    """The story index, near-duplicate index and counts of one store, loaded once: a long-lived
    writer (the web app's) keeps one and feeds it batch after batch.

    `preparer` does the per-article work (`prepare` in this process by default); articles
    prepared elsewhere (a Ray cluster) go straight to `add_prepared`."""

    def __init__(self, store: Store, embedder_name: str = "auto",
                 preparer: Callable[[list[Article]], list[Prepared]] | None = None, *, refine: bool = True,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        from datasketch import MinHashLSH

        if store.read_only:
            raise ReadOnlyStore(f"{store.path}: a Parquet export is read only; ingest into a DuckDB file "
                                "(or with --engine ray --out DIR)")
        self.store = store
        self.embedder_name = embedder_name
        self.refines = refine
        self.max_bytes = max_bytes  # the most text an article made of a record may hold
        self.nearby: set[str] = set()  # stories this call touched or came near (refined at its end)
        self.preparer = preparer or (lambda articles: prepare(articles, get_embedder(embedder_name)))
        sketch = store.sketch(DOCUMENT_FREQUENCY)
        self.index = StoryIndex(document_frequency=sketch[0] if sketch else None, documents=sketch[1] if sketch else 0)
        for story_id, centroid, names, last, size, terms, first in store.story_vectors():
            self.index.load(story_id, centroid, size, names, last, terms, first)
        self.lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
        self.signatures: dict[str, object] = {}
        for article_id, values in store.signatures():
            self._remember(article_id, values)
        self.report = IngestReport()
        self._unsaved_batches = 0
        self.story_of: dict[str, str] = {}  # stories of this run's articles (not yet all stored)
        # Counts and dates per story, kept here rather than recounted from the articles table
        # (a scan that would grow with the store).
        self.stats: dict[str, tuple[int, str | None, str | None]] = store.story_stats()

    def _count(self, story: str, published: str | None) -> None:
        count, first, last = self.stats.get(story, (0, None, None))
        dates = [d for d in (first, last, published) if d]
        self.stats[story] = (count + 1, min(dates, default=None), max(dates, default=None))

    def _remember(self, article_id: str, values: object) -> object:
        minhash = minhash_of(values)
        self.lsh.insert(article_id, minhash)
        self.signatures[article_id] = minhash
        return minhash

    def _near_duplicate(self, values: object) -> str | None:
        minhash = minhash_of(values)
        matches = [(self.signatures[key].jaccard(minhash), key) for key in self.lsh.query(minhash)]
        matches = [m for m in matches if m[0] >= NEAR_DUPLICATE]
        return max(matches)[1] if matches else None

    def add_all(self, items: Iterable[Article | Record | InputProblem],
                on_batch: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """Add articles, or records to make articles of (`iter_records`), and return this call's
        counts; problems, and records that make no article, are counted as skipped.

        With a preparer that can `submit` (`ProcessPreparer`), each batch is read and prepared
        there while this process places the batch before: the same stories, sooner."""
        self.report = IngestReport()
        submit = getattr(self.preparer, "submit", None)
        if submit is None:
            for batch in self._batches(items):
                self.add(batch)
                if on_batch:
                    on_batch(self.report)
        else:
            self._add_pipelined(self._batches(items), submit, on_batch)
        self.flush()
        if self.refines:
            self.refine()
        if on_batch:
            on_batch(self.report)
        return self.report

    def _add_pipelined(self, batches: Iterator[list[Article | Record]], submit: Callable,
                       on_batch: Callable[[IngestReport], None] | None) -> None:
        """While the worker prepares batch k, this process places batch k-1; batch k+1 is read
        (records made articles) by the worker, unless this process last had to wait for the
        worker: then by this process (so, with the worker behind, the two take turns)."""
        worker_read = getattr(self.preparer, "read", None)
        if self.refines:
            _import_in_background("sklearn.feature_extraction.text")  # for the refinement, while waiting
        preparing: Pending[list[Prepared]] | Done[list[Prepared]] | None = None
        worker_behind = False

        def wait(call: Pending[T] | Done[T]) -> T:
            nonlocal worker_behind
            if isinstance(call, Pending):
                worker_behind = not call.done()
            return call.result()

        def read_next() -> Pending[list[Article | InputProblem]] | Done[list[Article | InputProblem]] | None:
            if (batch := next(batches, None)) is None:
                return None
            if worker_read is not None and not worker_behind:
                return worker_read(batch, self.max_bytes)
            return Done(read_batch(batch, self.max_bytes))

        reading = read_next()
        while reading is not None:
            fresh = self._new(self._articles(wait(reading)), lambda article: article.id)
            started = submit(fresh) if fresh else None
            reading = read_next()
            if preparing is not None:
                self.add_prepared(wait(preparing))
            preparing = started
            if on_batch:
                on_batch(self.report)
        if preparing is not None:
            self.add_prepared(preparing.result())

    def _batches(self, items: Iterable[Article | Record | InputProblem]) -> Iterator[list[Article | Record]]:
        """The articles or records in batches of BATCH; problems are counted as skipped on the way."""
        batch: list[Article | Record] = []
        for item in items:
            if isinstance(item, InputProblem):
                self.report.skipped.append(item)
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _articles(self, read: list[Article | InputProblem]) -> list[Article]:
        """The articles of a batch as read; its problems counted as skipped."""
        self.report.skipped.extend(item for item in read if isinstance(item, InputProblem))
        return [item for item in read if isinstance(item, Article)]

    def flush(self) -> None:
        """Save what is kept between batches (the word document frequencies)."""
        if self._unsaved_batches:
            self.store.save_sketch(DOCUMENT_FREQUENCY, self.index.document_frequency, self.index.documents)
            self._unsaved_batches = 0

    def refine(self) -> ReclusterReport | None:
        """Cluster the stories touched since the last refinement, and their neighbours, afresh in
        one batch (`recluster` over their articles), if they hold at most `REFINE_UP_TO` articles;
        then bring this ingester's index and counts up to date with the stored stories."""
        stories = {story for story in self.nearby if story in self.index.stories}
        self.nearby = set()
        articles = sum(self.stats.get(story, (1,))[0] for story in stories)
        if len(stories) < 2:
            return None
        if articles > REFINE_UP_TO:
            self.report.unrefined += articles
            return None
        row_blocks = getattr(self.preparer, "row_blocks", None)  # the worker's, if it has one
        clusterer = partial(cluster_window, row_blocks=row_blocks) if row_blocks else cluster_window
        result = recluster(self.store, stories=stories, embedder=self.embedder_name, clusterer=clusterer)
        self.report.refined += result.articles
        self.report.moved += result.moved
        if result.changed:
            kept = {row[0]: row for row in self.store.story_vectors(stories=result.changed)}
            self.index.forget(result.changed - kept.keys())
            for story_id, centroid, names, last, size, terms, first in kept.values():
                self.index.load(story_id, centroid, size, names, last, terms, first)
            counts = self.store.count_stories(result.changed)
            for story_id in result.changed:
                self.stats.pop(story_id, None)
            self.stats.update(counts)
            self.story_of.clear()  # all stored now; the store has the new stories
        return result

    def add(self, batch: list[Article | Record]) -> None:
        """Add a batch of articles, or records, as read (cleaned and prepared here, new ones only)."""
        fresh = self._new(self._articles(read_batch(batch, self.max_bytes)), lambda article: article.id)
        if fresh:
            self.place(self.preparer(fresh))

    def add_prepared(self, batch: list[Prepared]) -> None:
        """Add a batch of articles prepared elsewhere (`prepare`)."""
        fresh = self._new(batch, lambda item: item[0].id)
        if fresh:
            self.place(fresh)

    def _new(self, batch: list, id_of: Callable) -> list:
        """The items of a batch not stored yet, once each; the others counted as duplicates."""
        unique: dict[str, object] = {}
        for item in batch:
            if id_of(item) in unique:
                self.report.duplicates += 1
            else:
                unique[id_of(item)] = item
        known = self.store.known_ids(unique)
        self.report.duplicates += len(known)
        return [item for key, item in unique.items() if key not in known]

    def place(self, prepared: list[Prepared]) -> None:
        """Store new, prepared articles and put each into its story, in one transaction. An
        article that cleaning left with too little text (a page of credits and player notices)
        is skipped, as the reader skips one that came so short."""
        long_enough = []
        for item in prepared:
            if reason := too_short(item[0].text, "after cleaning"):
                self.report.skipped.append(InputProblem(item[0].source, reason))
            else:
                long_enough.append(item)
        prepared = long_enough
        fresh = [article for article, _ in prepared]
        features = [found for _, found in prepared]
        touched: dict[str, Article] = {}
        created: set[str] = set()
        rows: list[tuple[Article, str | None, str | None, object]] = []
        nearest = self.index.nearest(np.stack([found.vector for found in features])) if features else []
        with self.store.transaction():
            for article, found, near in zip(fresh, features, nearest, strict=True):
                story, duplicate_of = self._place(article, found, near, created)
                rows.append((article, story, duplicate_of, None if duplicate_of else found.signature))
                touched.setdefault(story, article)
            # A merge during the batch may have moved earlier rows' stories: follow it.
            rows = [(a, self.story_of.get(a.id) or self.story_of.get(dup or "", story), dup, sig)
                    for a, story, dup, sig in rows]
            touched = {row[1]: row[0] for row in rows if row[1]}
            self.store.add_articles(rows)
            titles = self.store.story_titles(touched)
            for article, story, _, _ in rows:
                self._count(story, article.published)
            self.store.save_stories([
                (story_id, story_title_from(titles.get(story_id), [article.title], article.text),
                 self.index.stories[story_id].centroid,
                 [n for n, _ in self.index.stories[story_id].names.most_common(20)],
                 dict(self.index.stories[story_id].terms), self.stats[story_id])
                for story_id, article in touched.items() if story_id in self.index.stories])
            self._unsaved_batches += 1
            if self._unsaved_batches >= SKETCH_EVERY:
                self.flush()
        self.report.added += len(fresh)
        self.report.stories_created += len(created)
        self.report.stories_updated += len(set(touched) - created)

    def _place(self, article: Article, found: ArticleFeatures, nearest: list[str], created: set[str],
               ) -> tuple[str, str | None]:
        """The story an article goes to, and the article it duplicates (if it is a near-copy);
        `nearest`: the stories the batch search found nearest it."""
        original = self._near_duplicate(found.signature)
        if original is not None:
            self.report.near_duplicates += 1
            story = self.story_of.get(original) or self.store.article_story(original) or ""
            return story, original
        assignment = self.index.assign(article.id, found.vector, found.terms, found.names, article.published,
                                       nearest)
        self.nearby.add(assignment.story)
        self.nearby.update(assignment.near)
        for absorbed in assignment.merged:
            self.store.merge_stories(assignment.story, absorbed)
            if absorbed in self.stats:
                kept, gone = self.stats.get(assignment.story, (0, None, None)), self.stats.pop(absorbed)
                dates = [d for d in (*kept[1:], *gone[1:]) if d]
                self.stats[assignment.story] = (kept[0] + gone[0], min(dates, default=None), max(dates, default=None))
            self.story_of.update({a: assignment.story for a, s in self.story_of.items() if s == absorbed})
            created.discard(absorbed)
            self.report.stories_merged += 1
        if assignment.created:
            created.add(assignment.story)
        self._remember(article.id, found.signature)
        self.story_of[article.id] = assignment.story
        return assignment.story, None


def ingest(
    paths: Iterable[str], store: Store, *, embedder: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[int, int], None] | None = None, on_batch: Callable[[IngestReport], None] | None = None,
    refine: bool = True, prepare_workers: int = 0,
) -> IngestReport:
    """Add the articles of files, folders or globs to the store, deduplicated and clustered."""
    return add_articles(iter_records(paths, max_bytes=max_bytes, on_progress=on_progress), store,
                        embedder=embedder, on_batch=on_batch, refine=refine, prepare_workers=prepare_workers,
                        max_bytes=max_bytes)


def add_articles(
    items: Iterable[Article | Record | InputProblem], store: Store, *, embedder: str = "auto",
    on_batch: Callable[[IngestReport], None] | None = None, refine: bool = True, prepare_workers: int = 0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestReport:
    """Add articles (or records to make them of) to the store (problems are counted as skipped);
    one transaction per batch; `refine`: re-cluster the stories touched at the end
    (`Ingester.refine`).

    `prepare_workers=1` reads, cleans and embeds each batch in a worker process while this one
    places the batch before (the CLI does on two or more cores). The worker is started with `spawn`,
    which imports the calling script again: a script calling this with a worker needs the
    `if __name__ == "__main__":` guard."""
    preparer = ProcessPreparer(embedder) if prepare_workers else None
    try:
        return Ingester(store, embedder, preparer, refine=refine, max_bytes=max_bytes).add_all(items, on_batch)
    finally:
        if preparer is not None:
            preparer.close()


def _import_in_background(module: str) -> None:
    """Import a module in a thread: it runs while this process waits on its worker, and an import
    of it later waits for it to finish (Python's import lock)."""
    import importlib
    import threading

    threading.Thread(target=importlib.import_module, args=(module,), daemon=True).start()
