"""One worker process for CPU-bound, pure calls, so that a server's threads keep the interpreter.

    worker = WorkerProcess()
    brief = worker.run(build_brief, articles, config)

The process is started with `spawn` (safe beside threads). If it dies (killed, out of memory), it
is started again and the call retried once: the calls it runs are pure, so a retry is safe.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")


class WorkerProcess:
    def __init__(self, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
        self._initializer, self._initargs = initializer, initargs
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=self._initializer, initargs=self._initargs)

    def run(self, function: Callable[..., T], *args: Any) -> T:
        try:
            return self._pool.submit(function, *args).result()
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(function, *args).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
