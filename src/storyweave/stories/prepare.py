"""The per-article work of an ingest, apart from the store: clean, then compute story features.

    prepared = prepare(articles, get_embedder("auto"))   # [(clean article, features), ...]

`prepare` is a pure function of each article, so it runs wherever there is a CPU: in this
process (the default), in a worker process beside a web server (`ProcessPreparer`, so the
server's own threads keep the interpreter), or on a Ray cluster (`storyweave.distributed`). Only
placing the prepared articles into stories needs the store.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from storyweave.clean import clean_article
from storyweave.model import Article
from storyweave.nlp.embed import Embedder, get_embedder
from storyweave.stories.features import ArticleFeatures, article_features

Prepared = tuple[Article, ArticleFeatures]


def prepare(articles: list[Article], embedder: Embedder) -> list[Prepared]:
    """Each article cleaned, with its features (MinHash signature, vector, names, terms)."""
    cleaned = [clean_article(article) for article in articles]
    return list(zip(cleaned, article_features(cleaned, embedder), strict=True))


_worker_embedder: Embedder | None = None  # one per worker process, loaded once


def _load_embedder(name: str) -> None:
    global _worker_embedder
    _worker_embedder = get_embedder(name)


def _prepare_in_worker(articles: list[Article]) -> list[Prepared]:
    assert _worker_embedder is not None
    return prepare(articles, _worker_embedder)


class ProcessPreparer:
    """`prepare` in one worker process that loads the embedder once. A long-running server uses
    it so that cleaning and embedding (CPU-bound Python) do not hold the server's interpreter lock
    while it answers readers."""

    def __init__(self, embedder_name: str) -> None:
        self.embedder_name = embedder_name
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_load_embedder, initargs=(self.embedder_name,))

    def __call__(self, articles: list[Article]) -> list[Prepared]:
        try:
            return self._pool.submit(_prepare_in_worker, articles).result()
        except BrokenProcessPool:  # the worker died (killed, out of memory): `prepare` is pure, so
            self._pool.shutdown(wait=False, cancel_futures=True)  # start another and try once more
            self._pool = self._start()
            return self._pool.submit(_prepare_in_worker, articles).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
