"""The Ray engine: ingest and batch clustering spread over a Ray cluster (`pip install "storyweave[ray]"`).

    report = ray_ingest(["shards/"], Store("news.duckdb"), address="auto")
    report = ray_recluster(Store("news.duckdb"), since="2024-03-01", address="auto")
    report, rows = ray_ingest_to_parquet(["shards/"], "out/")   # Parquet shards: Store("out/") reads them

The same functions as the local engine run inside Ray: per-article work (read, clean, embed,
MinHash, names) as Ray Data stages on actor pools; per-block clustering as Ray tasks. The store
stays the one place that decides stories, so a Ray run and a local run of the same input agree.
Ray is imported only here: without it, everything else works as before.
"""

from __future__ import annotations

from storyweave.distributed.cluster import ray_recluster
from storyweave.distributed.ingest import ray_ingest, ray_ingest_to_parquet
from storyweave.distributed.runtime import RayUnavailable, connect

__all__ = ["RayUnavailable", "connect", "ray_ingest", "ray_ingest_to_parquet", "ray_recluster"]
