"""The per-article work of an ingest, apart from the store: clean, then compute story features.

    prepared = prepare(articles, get_embedder("auto"))   # [(clean article, features), ...]

`prepare` is a pure function of each article, so it runs wherever there is a CPU: in this
process (the default), in a worker process beside a web server (`ProcessPreparer`, so the
server's own threads keep the interpreter), or on a Ray cluster (`storyweave.distributed`). Only
placing the prepared articles into stories needs the store.
"""

from __future__ import annotations

from storyweave.clean import clean_article
from storyweave.model import Article
from storyweave.nlp.embed import Embedder, get_embedder
from storyweave.processes import WorkerProcess
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
    while it answers readers; a worker that dies is restarted and its batch retried."""

    def __init__(self, embedder_name: str) -> None:
        self._worker = WorkerProcess(_load_embedder, (embedder_name,))

    def __call__(self, articles: list[Article]) -> list[Prepared]:
        return self._worker.run(_prepare_in_worker, articles)

    def close(self) -> None:
        self._worker.close()
