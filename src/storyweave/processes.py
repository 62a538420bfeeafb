"""One worker process for CPU-bound, pure calls, so that a server's threads keep the interpreter.

    worker = WorkerProcess()
    brief = worker.run(build_brief, articles, config)

    pending = worker.submit(prepare, batch)   # runs there while this process goes on
    prepared = pending.result()

The process is started with `spawn` (safe beside threads). If it dies (killed, out of memory), it
is started again and the call retried once: the calls it runs are pure, so a retry is safe.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class WorkerProcess:
    def __init__(self, initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> None:
        self._initializer, self._initargs = initializer, initargs
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=self._initializer, initargs=self._initargs)

    def submit(self, function: Callable[..., T], *args: Any) -> Pending[T]:
        """Start a call in the worker and return at once."""
        try:
            return Pending(self, self._pool.submit(function, *args), function, args)
        except BrokenProcessPool:
            return Pending(self, None, function, args)  # `result` restarts the worker

    def run(self, function: Callable[..., T], *args: Any) -> T:
        try:
            return self._pool.submit(function, *args).result()
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(function, *args).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class Pending(Generic[T]):
    """A call running in a `WorkerProcess`."""

    def __init__(self, worker: WorkerProcess, future: Future | None, function: Callable[..., T],
                 args: tuple) -> None:
        self._worker, self._future, self._function, self._args = worker, future, function, args

    def done(self) -> bool:
        return self._future is None or self._future.done()

    def result(self) -> T:
        """Wait for the call's result; if the worker died, it is restarted and the call run again."""
        if self._future is not None:
            try:
                return self._future.result()
            except BrokenProcessPool:
                pass
        return self._worker.run(self._function, *self._args)


class Done(Generic[T]):
    """A result already at hand, answering as a `Pending` call does."""

    def __init__(self, value: T) -> None:
        self._value = value

    def done(self) -> bool:
        return True

    def result(self) -> T:
        return self._value
