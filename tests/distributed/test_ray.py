"""The Ray engine in local mode (two CPUs): same answer as the local engine, resumable, fault tolerant."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'storyweave[ray]')")

from storyweave.distributed import ray_ingest, ray_recluster
from storyweave.distributed.cluster import merge_blocks, time_blocks
from storyweave.distributed.runtime import connect, shutdown
from storyweave.store import Store
from storyweave.stories import ingest, recluster

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module", autouse=True)
def ray_local():
    connect(workers=2)
    yield
    shutdown()


def corpus(folder: Path) -> Path:
    """The examples, plus a JSONL shard with a bad line and a too-short record, plus a Parquet shard."""
    import duckdb

    shutil.copytree(EXAMPLES, folder)
    tacoma = (EXAMPLES / "tacoma-fire" / "reuters-plant-fire.txt").read_text()
    lines = [json.dumps({"text": tacoma.replace("Tacoma", "Tacoma, Washington,") + " Investigators returned on Friday.",
                         "outlet": "Sound Wire"}), "{not json", json.dumps({"text": "too short"})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    mayor = (EXAMPLES / "port-alder-mayor" / "ap-mayor-steps-aside.txt").read_text()
    with duckdb.connect() as db:
        db.execute("CREATE TABLE t AS SELECT ? AS text, 'Bay Courier' AS outlet, DATE '2024-03-15' AS published",
                   [mayor.replace("steps aside", "quits") + " An interim mayor will be named next week."])
        db.execute(f"COPY t TO '{folder / 'extra.parquet'}' (FORMAT parquet)")
    return folder


def partition(store: Store) -> dict[str, tuple]:
    return {row["id"]: (row["story"], row["duplicate_of"]) for row in store.export_rows()}


def test_ray_ingest_and_cluster_agree_with_the_local_engine(tmp_path):
    inputs = [str(corpus(tmp_path / "in")), str(tmp_path / "missing")]
    with Store(tmp_path / "local.duckdb") as local, Store(tmp_path / "ray.duckdb") as distributed:
        expected = ingest(inputs, local)
        found = ray_ingest(inputs, distributed, workers=2)
        assert {k: v for k, v in found.to_dict().items() if not k.startswith("shards")} == expected.to_dict()
        assert found.added == 11 and found.shards == 10
        assert sorted(map(str, found.skipped)) == sorted(map(str, expected.skipped))  # same problems, same sources
        assert any(str(p).startswith(f"{inputs[0]}/feed.jsonl:2: ") for p in found.skipped)
        assert partition(distributed) == partition(local)  # identical stories, ids included
        assert ray_recluster(distributed, workers=2).to_dict() == recluster(local).to_dict()
        assert partition(distributed) == partition(local)


def test_a_rerun_skips_finished_shards_and_completes_an_interrupted_one(tmp_path):
    folder = corpus(tmp_path / "in")
    late = folder / "late.jsonl"
    shutil.move(folder / "feed.jsonl", late)  # not there for the first run
    with Store(tmp_path / "clean.duckdb") as clean:
        ingest([str(folder)], clean)
        everything = set(partition(clean))
    with Store(tmp_path / "ray.duckdb") as store:
        first = ray_ingest([str(folder / "tacoma-fire"), str(folder / "port-alder-mayor")], store, workers=2)
        assert first.shards == 8 and first.added == 9
        # An interrupted run: part of a shard was committed, the shard never marked finished.
        partial = folder / "partial.jsonl"
        partial.write_text(late.read_text().splitlines()[0] + "\n")
        ingest([str(partial)], store)
        late.write_text(late.read_text())  # unchanged content
        second = ray_ingest([str(folder)], store, workers=2)
        assert second.shards_skipped == 8 and second.shards == 3  # late.jsonl, partial.jsonl, extra.parquet
        assert second.added == 1 and second.duplicates == 2  # partial's article (and late's copy of it) kept once
        assert set(partition(store)) == everything | set()  # nothing lost, nothing stored twice


def test_a_killed_worker_loses_and_duplicates_nothing(tmp_path):
    import threading
    import time

    import psutil

    folder = tmp_path / "many"
    folder.mkdir()
    base = [p.read_text() for p in sorted((EXAMPLES / "tacoma-fire").glob("*.txt"))]
    for shard in range(12):  # 3,600 articles, 300 a shard
        with (folder / f"shard{shard}.jsonl").open("w") as out:
            for n in range(300):
                number = shard * 300 + n
                text = f"Report {number}: " + base[number % len(base)] + f" Filed as item {number} of the series."
                out.write(json.dumps({"text": text, "outlet": f"Outlet {number % 7}"}) + "\n")
    with Store(tmp_path / "clean.duckdb") as clean_store:
        clean = ray_ingest([str(folder)], clean_store, workers=2)
        expected = partition(clean_store)
    killed: list[int] = []
    running = True

    def kill_a_busy_worker() -> None:  # SIGKILL the first prepare actor seen running a task
        while running and not killed:
            for process in psutil.process_iter(["cmdline"]):
                title = " ".join(process.info["cmdline"] or [])
                if "PrepareWorker" in title and ".submit" in title:
                    os.kill(process.pid, signal.SIGKILL)
                    killed.append(process.pid)
                    return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        with Store(tmp_path / "ray.duckdb") as store:
            report = ray_ingest([str(folder)], store, workers=2)
            assert killed, "no busy worker process was found to kill"
            assert not psutil.pid_exists(killed[0]) or psutil.Process(killed[0]).status() == psutil.STATUS_ZOMBIE
            assert report.to_dict() == clean.to_dict()
            assert partition(store) == expected
    finally:
        running = False
        killer.join()


def test_blocks_overlap_in_time_and_merge_deterministically():
    published = ["2024-01-01", "2024-01-20", "2024-02-03", "2024-03-20", None]
    # Blocks of 30 days reaching 7 days into the next: Feb 3 falls in the first block's overlap, the
    # second block (Jan 31 - Mar 7) would hold nothing new and is skipped; the one undated article
    # joins every block.
    assert time_blocks(published, block_days=30, overlap_days=7) == [[0, 1, 2, 4], [3, 4]]
    assert time_blocks(published, block_days=10, overlap_days=0) == [[0, 4], [1, 4], [2, 4], [3, 4]]
    many_undated = published + [None] * 3000  # too many to share: one block for the whole window
    assert time_blocks(many_undated, block_days=10, overlap_days=0) == [list(range(len(many_undated)))]
    # Article 2 sits in two blocks: the clusters holding it in each are one story; labels are
    # numbered in article order, whatever the blocks' own labels were.
    labels = merge_blocks(4, [[0, 1, 2], [2, 3]], [[0, 1, 1], [5, 5]])
    assert labels == [0, 1, 1, 1]
    assert merge_blocks(4, [[0, 1, 2], [2, 3]], [[7, 3, 3], [0, 0]]) == labels


def test_ingest_to_parquet_shards_that_duckdb_and_the_store_read(tmp_path):
    import duckdb
    from typer.testing import CliRunner

    from storyweave.cli import app
    from storyweave.store import ReadOnlyStore
    from storyweave.stories import Ingester

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--engine", "ray", "--workers", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with duckdb.connect() as db:  # plain DuckDB reads the shards
        count, = db.execute(f"SELECT count(*) FROM read_parquet('{out}/articles/*.parquet')").fetchone()
        vectors = db.execute(f"SELECT DISTINCT octet_length(vector) FROM read_parquet('{out}/embeddings/*.parquet')"
                             ).fetchall()
        sentences, = db.execute(f"SELECT count(*) FROM read_parquet('{out}/sentences/*.parquet')").fetchone()
    assert count == 9 and len(vectors) == 1 and vectors[0][0] % 4 == 0 and sentences > 9 * 5
    with Store(tmp_path / "local.duckdb") as local:
        ingest([str(EXAMPLES)], local)
        expected = [(s.id, s.article_count, s.outlets) for s in local.stories()]
    with Store(out) as exported:  # the store reads the folder in place, read only
        assert [(s.id, s.article_count, s.outlets) for s in exported.stories()] == expected
        with pytest.raises(ReadOnlyStore):
            Ingester(exported)
    story = expected[0][0]
    brief = CliRunner().invoke(app, ["brief", "--story", story, "--db", str(out), "-f", "md", "--no-models"])
    assert brief.exit_code == 0 and brief.output.startswith("# ")
    refused = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(out)])
    assert refused.exit_code == 2 and "read only" in refused.output


def test_ray_neighbour_graph_equals_the_local_one_exact_and_approximate(monkeypatch):
    from storyweave.distributed import cluster as ray_cluster
    from storyweave.stories import batch
    from tests.stories.test_stories import synthetic_stories

    texts, _ = synthetic_stories()
    published = [None] * len(texts)

    def on_ray() -> dict:
        return batch.neighbour_graph(texts, published, row_blocks=ray_cluster.ray_row_blocks)

    assert on_ray() == batch.neighbour_graph(texts, published)
    monkeypatch.setattr(batch, "EXACT_UP_TO", 100)  # 320 articles now count as a large window: ANN candidates
    assert on_ray() == batch.neighbour_graph(texts, published)
