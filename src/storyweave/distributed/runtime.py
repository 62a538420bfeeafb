"""Connecting to Ray: a running cluster (`address`) or a local one started for this run."""

from __future__ import annotations

import logging
import os


class RayUnavailable(RuntimeError):
    """Ray is not installed (the `ray` extra), or the cluster cannot be reached."""


def connect(address: str | None = None, workers: int | None = None) -> None:
    """Join the Ray cluster at `address` ("auto", "HOST:PORT", "ray://HOST:10001"), or start a
    local one with `workers` CPUs when no address is given. Idempotent within a process."""
    try:
        import ray
    except ImportError:
        raise RayUnavailable('the Ray engine needs Ray: pip install "storyweave[ray]"') from None
    if ray.is_initialized():
        return
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")  # workers use this interpreter as it is
    options = {"logging_level": logging.ERROR, "log_to_driver": False, "include_dashboard": False,
               "configure_logging": True}
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise RayUnavailable(f"cannot reach the Ray cluster at {address or 'a new local instance'}: {exc}") from None
    from ray.data import DataContext

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # storyweave reports what happened
    context = DataContext.get_current()
    context.execution_options.preserve_order = True  # the store places articles in input order, as locally
    context.enable_progress_bars = False  # storyweave shows its own progress


def shutdown() -> None:
    import ray

    if ray.is_initialized():
        ray.shutdown()
