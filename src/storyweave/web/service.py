"""What the web app does, apart from HTTP: one store, one queued writer, cached briefs.

DuckDB has one writer per database. All writes (ingest jobs) go through one queue served by one
thread with its own connection; readers use their own cursors and see the last committed batch
(MVCC), so a long ingest never blocks them. The per-article work of an ingest (cleaning,
embedding) runs in a worker process, so the writer does not hold this process's interpreter lock
while readers wait for it.

Briefs are cached in memory (and in the store) by the story's current set of articles. The writer
counts its commits (`generation`); an answer computed at the current generation is served from
memory without asking the store anything, so a cached brief costs a dictionary lookup.
"""

from __future__ import annotations

import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyweave.errors import InputProblem
from storyweave.model import Article, Brief
from storyweave.pipeline import (
    DEFAULT_CONFIG,
    BriefConfig,
    brief_variant,
    build_stored_brief,
    stored_brief,
)
from storyweave.processes import WorkerProcess
from storyweave.store import Store

BRIEFS_IN_MEMORY = 256
JOBS_KEPT = 200


@dataclass
class Job:
    """An ingest request: queued, then running, then done or failed; counts as it goes."""

    id: str
    total: int  # inputs in the request (articles, or records that failed to become one)
    status: str = "queued"
    done: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    stories: list[str] = field(default_factory=list)  # stories the job's articles went to

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "total": self.total, "done": self.done,
                "counts": self.counts, "problems": self.problems[:100], "error": self.error,
                "stories": self.stories[:100]}


class Service:
    def __init__(self, db: str | Path, config: BriefConfig = DEFAULT_CONFIG, embedder: str = "auto",
                 prepare_workers: int = 1, brief_workers: int = 1) -> None:
        self.store = Store(db)
        self.config = config
        self.embedder = embedder
        self.prepare_workers = prepare_workers  # 0: prepare articles in the writer thread itself
        # Briefs are built in a worker process too (0: in the asking thread): building one is CPU-
        # bound Python that would otherwise hold the interpreter while cached answers wait.
        self._builder = WorkerProcess() if brief_workers else None
        self.generation = 0  # commits by the writer so far: answers are cached per generation
        self._fresh = LRU(BRIEFS_IN_MEMORY * 8)
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[tuple[Job, list[Article | InputProblem]] | None] = queue.Queue()
        self._rendered = LRU(BRIEFS_IN_MEMORY * 4)
        self._built = LRU(BRIEFS_IN_MEMORY)
        self._brief_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._local = threading.local()
        self._writer = threading.Thread(target=self._write_loop, name="storyweave-writer", daemon=True)
        self._writer.start()

    def close(self) -> None:
        self._queue.put(None)
        self._writer.join(timeout=30)
        if self._builder is not None:
            self._builder.close()
        self.store.close()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A store handle for the calling thread (its own cursor, safe beside the writer; kept
        for the thread's next request, as opening one costs more than most reads)."""
        handle = getattr(self._local, "store", None)
        if handle is None:
            handle = self._local.store = self.store.reader()
        yield handle

    # --- writes ------------------------------------------------------------------------------

    def submit(self, items: list[Article | InputProblem]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], total=len(items))
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > JOBS_KEPT:
                self.jobs.popitem(last=False)
        self._queue.put((job, items))
        return job

    def pending(self) -> int:
        return sum(1 for job in list(self.jobs.values()) if job.status in ("queued", "running"))

    def _write_loop(self) -> None:
        from storyweave.stories import Ingester
        from storyweave.stories.prepare import ProcessPreparer

        writer = self.store.reader()
        ingester: Ingester | None = None
        preparer: ProcessPreparer | None = None
        while (task := self._queue.get()) is not None:
            job, items = task
            job.status = "running"
            try:
                if self.prepare_workers and preparer is None:
                    preparer = ProcessPreparer(self.embedder)
                    preparer.start()  # so that no batch is prepared in this thread while it starts
                ingester = ingester or Ingester(writer, self.embedder, preparer)

                def progress(report: Any, job: Job = job) -> None:
                    self.generation += 1  # called after each committed batch
                    job.counts = report.to_dict()
                    job.done = report.added + report.duplicates + report.near_duplicates + len(report.skipped)

                report = ingester.add_all(items, on_batch=progress)
                progress(report)
                job.problems = [str(p) for p in report.skipped]
                job.stories = sorted(writer.stories_of(item.id for item in items if isinstance(item, Article)))
                job.status = "done"
            except Exception as exc:  # a failed job is reported; the writer goes on
                job.status, job.error = "failed", f"{exc.__class__.__name__}: {exc}"
                ingester = None  # its in-memory state may be ahead of the rolled-back store
            self.generation += 1
        if preparer is not None:
            preparer.close()
        writer.close()

    # --- reads -------------------------------------------------------------------------------

    def cached(self, key: tuple) -> Any:
        """An answer computed since the last commit, or None."""
        hit = self._fresh.get(key)
        return hit[1] if hit is not None and hit[0] == self.generation else None

    async def successor(self, story_id: str) -> str | None:
        """Where a story id leads now (`Store.current_story`)."""
        return await self.read(("successor", story_id), lambda store: store.current_story(story_id))

    async def read(self, key: tuple, compute: Callable[[Store], Any]) -> Any:
        """`compute(store)` on this thread's reader, run in a worker thread — or its answer from
        memory, without leaving the event loop, if nothing was committed since it last ran."""
        from starlette.concurrency import run_in_threadpool

        hit = self.cached(key)
        if hit is not None:
            return hit

        def run() -> Any:
            generation = self.generation  # read first: a commit during compute() makes it stale
            with self.reader() as store:
                value = compute(store)
            if value is not None:
                self._fresh.put(key, (generation, value))
            return value

        return await run_in_threadpool(run)

    # --- briefs ------------------------------------------------------------------------------

    def brief(self, store: Store, story: str, fmt: str = "json") -> str | None:
        """A stored story's rendered brief (None if no such story): from memory, else from the
        store's cache, else built. Keys include the story's articles, so a changed story is rebuilt."""
        return self.versioned(store, story, brief_variant(fmt, self.config), lambda: stored_brief(
            store, story, fmt, self.config, build=lambda: self.brief_object(store, story)))

    def versioned(self, store: Store, story: str, kind: str, build: Callable[[], str | None]) -> str | None:
        """Something rendered from a story (`build()`), kept in memory until the story changes."""
        version = store.story_version(story)  # one primary-key lookup: cheaper than the fingerprint
        if version is None:
            return None
        key = (story, version, kind)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = build()
            if rendered is not None:
                self._rendered.put(key, rendered)
        return rendered

    def brief_object(self, store: Store, story: str) -> Brief | None:
        """The Brief of a stored story, built at most once at a time per story."""
        fingerprint = store.story_fingerprint(story)
        if not fingerprint:
            return None
        key = (story, fingerprint, brief_variant("", self.config))
        with self._story_lock(story):
            made = self._built.get(key)
            if made is None:
                articles = store.articles(story)
                made = (self._builder.run(build_stored_brief, articles, self.config) if self._builder
                        else build_stored_brief(articles, self.config))
                self._built.put(key, made)
        return made

    def _story_lock(self, story: str) -> threading.Lock:
        with self._lock:
            return self._brief_locks.setdefault(story, threading.Lock())


class LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
