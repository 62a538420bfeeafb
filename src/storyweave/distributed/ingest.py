"""Ingest on a Ray cluster: per-article work on the workers, stories decided in one place.

Stages (Ray Data, streamed: no input is ever collected whole on the driver):

1. `read_shard` — a task per input file (a shard): its records read and turned into articles
   exactly as locally (`ingest.read_source`, `ingest.articles_of`; JSONL and Parquet streamed),
   bad records kept as problems naming `file.jsonl:LINE`, then an end-of-shard row;
2. `PrepareWorker` — an actor pool (each actor loads the embedder once): `stories.prepare`,
   i.e. clean, MinHash signature, document vector, names, terms;
3. the driver places the prepared articles, in input order, with the same `Ingester` as a local
   ingest (near-duplicates, online story assignment, one transaction per batch), and records each
   finished shard in the store, so a re-run skips it.

Faults: Ray restarts a killed actor and retries its batch; a retried read re-yields rows the store
already has, which it counts as duplicates (content ids), so nothing is lost or stored twice.
Input files must be readable at the same path on every node (a shared filesystem).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.distributed.runtime import connect
from storyweave.errors import InputProblem
from storyweave.ingest import DEFAULT_MAX_BYTES, articles_of, expand_paths, read_source
from storyweave.model import Article
from storyweave.nlp.sentences import split_article
from storyweave.store import Store
from storyweave.stories import BATCH, Ingester, IngestReport
from storyweave.stories.features import ArticleFeatures
from storyweave.stories.prepare import Prepared, prepare

ROWS_PER_BLOCK = 256  # rows a read task yields at a time
COLUMNS = ("kind", "shard", "article", "source", "reason", "signature", "vector", "names", "terms", "sentences")


@dataclass
class RayIngestReport(IngestReport):
    shards: int = 0  # input files ingested in this run
    shards_skipped: int = 0  # input files a previous run had finished

    def to_dict(self) -> dict:
        return {**super().to_dict(), "shards": self.shards, "shards_skipped": self.shards_skipped}


def shard_key(path: str) -> str:
    """An input file as it is now: a changed file is a new shard."""
    stat = os.stat(path)
    return f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def _block(rows: list[dict[str, Any]]) -> dict[str, list]:
    return {column: [row.get(column, b"" if column in ("signature", "vector") else "") for row in rows]
            for column in COLUMNS}


def read_shard(batch: dict[str, np.ndarray], max_bytes: int) -> Iterator[dict[str, list]]:
    """Ray Data stage: the articles and problems of each input file, then an "end" row."""
    for path, shard in zip(batch["path"], batch["shard"], strict=True):
        rows: list[dict[str, Any]] = []
        for item in articles_of(read_source(str(path), max_bytes), max_bytes):
            if isinstance(item, InputProblem):
                rows.append({"kind": "problem", "shard": shard, "source": item.source, "reason": item.reason})
            else:
                rows.append({"kind": "article", "shard": shard, "article": json.dumps(asdict(item))})
            if len(rows) >= ROWS_PER_BLOCK:
                yield _block(rows)
                rows = []
        rows.append({"kind": "end", "shard": shard})
        yield _block(rows)


class PrepareWorker:
    """Ray Data stage on an actor pool: `prepare` with an embedder loaded once per actor."""

    embedder_name = "auto"
    sentences = False  # also split each article into sentences (for a Parquet export)

    def __init__(self) -> None:
        from storyweave.nlp.embed import get_embedder

        self.embedder = get_embedder(self.embedder_name)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list]:
        kinds = list(batch["kind"])
        articles = [Article(**json.loads(text)) for kind, text in zip(kinds, batch["article"], strict=True)
                    if kind == "article"]
        prepared = iter(prepare(articles, self.embedder))
        rows = []
        for position, kind in enumerate(kinds):
            row = {column: batch[column][position] for column in ("kind", "shard", "source", "reason")}
            if kind == "article":
                article, found = next(prepared)
                row |= {"article": json.dumps(asdict(article)), "signature": found.signature.tobytes(),
                        "vector": np.asarray(found.vector, dtype=np.float32).tobytes(),
                        "names": json.dumps(found.names), "terms": json.dumps(found.terms)}
                if self.sentences:
                    row["sentences"] = json.dumps([s.text for s in split_article(article)])
            rows.append(row)
        return _block(rows)


def prepared_of(row: dict[str, Any]) -> Prepared:
    """A prepared article back from its row (the inverse of `PrepareWorker`'s encoding)."""
    article = Article(**json.loads(row["article"]))
    return article, ArticleFeatures(signature=np.frombuffer(row["signature"], dtype=np.uint64).copy(),
                                    vector=np.frombuffer(row["vector"], dtype=np.float32).copy(),
                                    names=json.loads(row["names"]), terms=Counter(json.loads(row["terms"])))


def ray_ingest(
    paths: Iterable[str], store: Store, *, address: str | None = None, workers: int | None = None,
    embedder: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES, keep_vectors: bool = False,
    on_progress: Callable[[RayIngestReport, int], None] | None = None, refine: bool = True,
) -> RayIngestReport:
    """Add the articles of files, folders or globs to the store, the per-article work done on Ray.

    `workers`: size of the prepare actor pool (default: the cluster's CPUs). `keep_vectors`: also
    store each article's document vector and sentences (for `ray_ingest_to_parquet`).
    `on_progress(report, shards_total)` is called as batches are placed. `refine`: re-cluster the
    stories touched at the end, as a local ingest does (`Ingester.refine`)."""
    import ray

    connect(address, workers)
    report = RayIngestReport()
    files: list[str] = []
    for item in expand_paths(paths):
        if isinstance(item, InputProblem):
            report.skipped.append(item)
        elif item == "-":
            report.skipped.append(InputProblem("stdin", "a Ray cluster cannot read stdin: use the local engine"))
        else:
            files.append(item)
    keys = {}
    for path in files:
        try:
            keys[path] = shard_key(path)
        except OSError as exc:
            report.skipped.append(InputProblem(path, f"unreadable ({exc.strerror or exc})"))
    finished = store.finished_shards(keys.values())
    pending = [path for path in keys if keys[path] not in finished]
    report.shards_skipped = len(keys) - len(pending)
    if not pending:
        return report

    pool = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    worker = type("PrepareWorker", (PrepareWorker,), {"embedder_name": embedder, "sentences": keep_vectors})
    dataset = (ray.data.from_items([{"path": p, "shard": keys[p]} for p in pending], override_num_blocks=len(pending))
               .map_batches(read_shard, batch_size=1, fn_kwargs={"max_bytes": max_bytes})
               .map_batches(worker, batch_size=ROWS_PER_BLOCK, compute=ray.data.ActorPoolStrategy(size=pool),
                            batch_format="numpy"))

    ingester = Ingester(store, embedder)  # placed batch by batch below, refined here at the end
    ingester.report = report  # the placing counts land in this run's report
    waiting: list[Prepared] = []
    sentences: list[tuple[str, int, str]] = []
    ended: list[str] = []  # shards whose last rows are in `waiting`

    def commit() -> None:
        if waiting:
            if keep_vectors:
                store.save_vectors([(article.id, found.vector) for article, found in waiting])
                store.save_sentences(sentences)
                sentences.clear()
            ingester.add_prepared(waiting)  # one transaction, batches as in a local ingest
            waiting.clear()
        for shard in ended:  # all of it is committed now: a re-run may skip it
            store.finish_shard(shard)
            report.shards += 1
        ended.clear()

    for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
        for position, kind in enumerate(batch["kind"]):
            if kind == "article":
                waiting.append(prepared_of({column: batch[column][position] for column in COLUMNS}))
                if keep_vectors:
                    sentences.extend((waiting[-1][0].id, n, text)
                                     for n, text in enumerate(json.loads(batch["sentences"][position])))
                if len(waiting) >= BATCH:
                    commit()
            elif kind == "problem":
                report.skipped.append(InputProblem(str(batch["source"][position]), str(batch["reason"][position])))
            elif kind == "end":
                ended.append(str(batch["shard"][position]))
        if on_progress:
            on_progress(report, len(pending))
    commit()
    ingester.flush()
    if refine:
        ingester.refine()
    if on_progress:
        on_progress(report, len(pending))
    return report


def ray_ingest_to_parquet(paths: Iterable[str], out: str | Path, **options: Any) -> tuple[RayIngestReport, dict]:
    """`ray_ingest` into `out/store.duckdb` (kept, so a later run continues it), then the whole
    store written as Parquet shards under `out/` (articles, stories, embeddings, sentences, ...),
    which DuckDB and `Store(out)` read directly. Returns the report and the rows per table."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with Store(folder / "store.duckdb") as store:
        report = ray_ingest(paths, store, keep_vectors=True, **options)
        return report, store.export_parquet(folder)
