"""The per-article work of an ingest, apart from the store: clean, then compute story features.

    prepared = prepare(articles, get_embedder("auto"))   # [(clean article, features), ...]

`prepare` is a pure function of each article, so it runs wherever there is a CPU: in this
process (the default), in a worker process beside a web server (`ProcessPreparer`, so the
server's own threads keep the interpreter), or on a Ray cluster (`storyweave.distributed`). Only
placing the prepared articles into stories needs the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np

from storyweave.clean import clean_article
from storyweave.errors import InputProblem
from storyweave.ingest import articles_of
from storyweave.ingest.formats import Record
from storyweave.model import Article
from storyweave.nlp.embed import Embedder, get_embedder
from storyweave.processes import Done, Pending, WorkerProcess
from storyweave.stories.batch import local_row_blocks
from storyweave.stories.features import ArticleFeatures, article_features

Prepared = tuple[Article, ArticleFeatures]


def prepare(articles: list[Article], embedder: Embedder) -> list[Prepared]:
    """Each article cleaned, with its features (MinHash signature, vector, names, terms)."""
    cleaned = [clean_article(article) for article in articles]
    return list(zip(cleaned, article_features(cleaned, embedder), strict=True))


_worker_embedder: Embedder | None = None  # one per worker process, loaded once


def _load_embedder(name: str) -> None:
    """The worker's start: one thread (the process it works beside has the other cores), and the
    embedder, loaded once."""
    global _worker_embedder
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _worker_embedder = get_embedder(name)


def _prepare_in_worker(articles: list[Article]) -> list[Prepared]:
    assert _worker_embedder is not None
    return prepare(articles, _worker_embedder)


def _row_blocks_in_worker(vectors: object, published: list[str | None], spans: list[tuple[int, int]],
                          neighbours: int, candidates: np.ndarray | None,
                          template_only: np.ndarray | None) -> list[dict[tuple[int, int], float]]:
    return list(local_row_blocks(vectors, published, spans, neighbours, candidates, template_only))


def read_batch(items: list[Record | Article], max_bytes: int) -> list[Article | InputProblem]:
    """Articles made of a batch's records (normalised text, metadata inferred), in order; a record
    that makes none becomes a problem."""
    return list(articles_of(items, max_bytes))


def _started() -> None:
    """Nothing: run first, it tells when the worker has started and loaded the embedder."""


class ProcessPreparer:
    """`prepare` in one worker process that loads the embedder once. A long-running server uses
    it so that cleaning and embedding (CPU-bound Python) do not hold the server's interpreter lock
    while it answers readers; an ingest, so that one batch is prepared there while this process
    places the batch before (`submit`). A worker that dies is restarted and its batch retried."""

    def __init__(self, embedder_name: str) -> None:
        self._embedder_name = embedder_name
        self._worker = WorkerProcess(_load_embedder, (embedder_name,))  # the process starts on first use
        self._batches = 0
        self._started: Pending[None] | None = None

    def __call__(self, articles: list[Article]) -> list[Prepared]:
        return self._worker.run(_prepare_in_worker, articles)

    def start(self) -> None:
        """Start the worker now and wait until it is up (else the second `submit` starts it)."""
        if self._started is None:
            self._started = self._worker.submit(_started)
        self._started.result()

    def _up(self) -> bool:
        """Has the worker started and loaded the embedder?"""
        return self._started is not None and self._started.done()

    def read(self, items: list[Record | Article], max_bytes: int,
             ) -> Pending[list[Article | InputProblem]] | Done[list[Article | InputProblem]]:
        """Start making articles of a batch of records in the worker, once it is up (else here):
        with `submit`, the worker reads one batch and prepares another while this process
        places a third."""
        if not self._up() or all(isinstance(i, Article) for i in items):
            return Done(read_batch(items, max_bytes))
        return self._worker.submit(read_batch, items, max_bytes)

    def submit(self, articles: list[Article]) -> Pending[list[Prepared]] | Done[list[Prepared]]:
        """Start preparing a batch in the worker and return at once; or, while the worker is not
        up, prepare it here. The worker is started by the second batch, so a small ingest never
        waits for a process to start (2-3 s), and used once it has."""
        self._batches += 1
        if self._started is None and self._batches >= 2:
            self._started = self._worker.submit(_started)
        if not self._up():
            return Done(prepare(articles, get_embedder(self._embedder_name)))
        return self._worker.submit(_prepare_in_worker, articles)

    def row_blocks(self, vectors: object, published: list[str | None], spans: list[tuple[int, int]],
                   neighbours: int, candidates: np.ndarray | None,
                   template_only: np.ndarray | None) -> Iterator[dict[tuple[int, int], float]]:
        """`stories.batch.local_row_blocks` for a refinement at the end of an ingest, when the
        worker has nothing else to do: the later spans of rows there, the others here, at the
        same time; the edges come back in row order."""
        if not self._up() or len(spans) < 2:
            yield from local_row_blocks(vectors, published, spans, neighbours, candidates, template_only)
            return
        rows = [stop - start for start, stop in spans]
        here = min(range(1, len(spans)), key=lambda n: abs(sum(rows[:n]) - sum(rows[n:])))
        there = self._worker.submit(_row_blocks_in_worker, vectors, published, spans[here:], neighbours,
                                    candidates, template_only)
        yield from local_row_blocks(vectors, published, spans[:here], neighbours, candidates, template_only)
        yield from there.result()

    def close(self) -> None:
        self._worker.close()
