"""Batch re-clustering on a Ray cluster: blocks by time, clustered in parallel, merged deterministically.

1. Blocking: the window's articles are cut into blocks of `block_days` of publication time, each
   reaching `overlap_days` into the next, so a story that runs across a border has articles in
   both blocks and is joined again in step 3. Undated articles could belong anywhere: up to
   `SHARED_UNDATED` of them join every block; with more, the window stays one block.
2. Each block is clustered by a Ray task running the local algorithm (`stories.batch.cluster_window`:
   TF-IDF nearest neighbours, same-story probabilities, average linkage). A window that is one block
   is clustered on the driver instead, its nearest-neighbour graph (the costly part) computed by
   Ray tasks over blocks of rows sharing the TF-IDF matrix through the object store: the same
   graph as locally, so the same stories.
3. Merge: an article in two blocks links its cluster in each; clusters are joined by union-find
   over those links, in block order, so the result does not depend on which task finished first.

The stories are then stored by the same code as a local `cluster` (stable ids, rebuilt centroids),
so online ingest continues on them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from datetime import date

import numpy as np

from storyweave.distributed.runtime import connect
from storyweave.store import Store
from storyweave.stories.batch import (
    ReclusterReport,
    cluster_window,
    neighbour_edges,
    recluster,
)

BLOCK_DAYS = 30
OVERLAP_DAYS = 7
SHARED_UNDATED = 2_000  # undated articles added to every block, at most


def time_blocks(published: list[str | None], block_days: int = BLOCK_DAYS,
                overlap_days: int = OVERLAP_DAYS) -> list[list[int]]:
    """Positions of the articles in each block, blocks in time order, undated ones last."""
    days: list[tuple[int, int]] = []
    undated: list[int] = []
    for position, value in enumerate(published):
        try:
            days.append((date.fromisoformat((value or "")[:10]).toordinal(), position))
        except ValueError:
            undated.append(position)
    if len(undated) > SHARED_UNDATED:  # they could belong anywhere: one block for all
        return [list(range(len(published)))] if published else []
    blocks: list[list[int]] = []
    shared = undated
    if days:
        days.sort()
        start, last = days[0][0], days[-1][0]
        ordinals = [d for d, _ in days]
        while start <= last:
            end = start + block_days + overlap_days  # exclusive
            block = [p for _, p in days[bisect_left(ordinals, start):bisect_left(ordinals, end)]]
            if block and not (blocks and set(block) <= set(blocks[-1])):  # nothing new: skip
                blocks.append(sorted(block + shared))
            start += block_days
    if not blocks and undated:
        blocks.append(undated)
    return blocks


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(self, node: tuple[int, int]) -> tuple[int, int]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)  # the earlier block's cluster leads


def merge_blocks(count: int, blocks: list[list[int]], labels: list[list[int]]) -> list[int]:
    """One label per article from per-block labels: clusters sharing an article are one."""
    joined = UnionFind()
    seen: dict[int, tuple[int, int]] = {}
    for number, (block, block_labels) in enumerate(zip(blocks, labels, strict=True)):
        for position, label in zip(block, block_labels, strict=True):
            node = (number, label)
            joined.find(node)
            if position in seen:
                joined.union(seen[position], node)
            else:
                seen[position] = node
    roots: dict[tuple[int, int], int] = {}
    return [roots.setdefault(joined.find(seen[p]), len(roots)) for p in range(count)]


def ray_cluster_window(texts: list[str], published: list[str | None], threshold: float | None = None,
                       on_progress: Callable[[int], None] | None = None, template_only: list[bool] | None = None,
                       *, block_days: int = BLOCK_DAYS, overlap_days: int = OVERLAP_DAYS) -> list[int]:
    """`cluster_window`, block by block on the Ray cluster (see the module's docstring)."""
    import ray

    blocks = time_blocks(published, block_days, overlap_days)
    if len(blocks) <= 1:
        return cluster_window(texts, published, threshold, on_progress, template_only, ray_row_blocks)
    task = ray.remote(cluster_window).options(max_retries=3)
    alone = template_only or [False] * len(texts)
    pending = {task.remote([texts[p] for p in block], [published[p] for p in block], threshold, None,
                           [alone[p] for p in block]): n
               for n, block in enumerate(blocks)}
    labels: list[list[int]] = [[] for _ in blocks]
    counted: set[int] = set()  # an article in two blocks counts once
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        number = pending.pop(ready[0])
        labels[number] = ray.get(ready[0])
        fresh = [p for p in blocks[number] if p not in counted]
        counted.update(fresh)
        if on_progress:
            on_progress(len(fresh))
    return merge_blocks(len(texts), blocks, labels)


def ray_row_blocks(vectors: object, published: list[str | None], spans: list[tuple[int, int]],
                   neighbours: int, candidates: np.ndarray | None,
                   template_only: np.ndarray | None) -> Iterator[dict[tuple[int, int], float]]:
    """`stories.batch.local_row_blocks` as Ray tasks, the matrix shared through the object store;
    the edges are handed back in row order."""
    import ray

    shared, dates = ray.put(vectors), ray.put(published)  # once, read by every task
    among = ray.put(candidates) if candidates is not None else None
    task = ray.remote(neighbour_edges).options(max_retries=3)
    futures = [task.remote(shared, dates, start, stop, neighbours, among, template_only) for start, stop in spans]
    for future in futures:
        yield ray.get(future)


def ray_recluster(store: Store, *, since: str | None = None, until: str | None = None,
                  threshold: float | None = None, embedder: str = "auto", address: str | None = None,
                  workers: int | None = None,
                  on_progress: Callable[[int, int], None] | None = None) -> ReclusterReport:
    """`stories.recluster` with the clustering itself spread over the Ray cluster."""
    connect(address, workers)
    return recluster(store, since=since, until=until, threshold=threshold, embedder=embedder,
                     on_progress=on_progress, clusterer=ray_cluster_window)
