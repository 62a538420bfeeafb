"""Benchmark: the Ray engine against the local engine on the same articles, in one run.

    python benchmarks/bench_ray.py [--articles 50000] [--out benchmarks/results/ray.json]

Articles: the non-empty documents of Multi-News validation (about 15k, each with its gold story),
then perturbed copies (sentences shuffled and dropped, some words garbled; gold = the original's)
up to --articles, written as JSONL shards of 2,000. Each run is a fresh process on a fresh store:

- local engine (`storyweave ingest`), then `cluster`;
- Ray with 1 and with 2 prepare workers (a local Ray instance), then `cluster --engine ray` on the
  2-worker store.

Reported side by side: articles/s and the ratio to local, scaling efficiency (2 workers vs 1),
peak memory of the driver and of each Ray worker, Ray's fixed start-up cost (ray.init, and a
one-file ingest), B-cubed F1 against gold, and the agreement of each Ray partition with the local
one (B-cubed F1 of one partition scored against the other).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import MULTINEWS, perturb
from bench_stories import bcubed

ROOT = Path(__file__).resolve().parent.parent
SHARD = 2_000

RUN = """
import json, resource, sys, threading, time
import psutil
from storyweave.store import Store
engine, workers, folder, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
peaks = {}
running = True

def sample():  # peak resident memory of each Ray prepare worker
    while running:
        for process in psutil.process_iter(["cmdline", "memory_info"]):
            title = " ".join(process.info["cmdline"] or [])
            if title.startswith("ray::") and "PrepareWorker" in title and process.info["memory_info"]:
                peaks[process.pid] = max(peaks.get(process.pid, 0), process.info["memory_info"].rss)
        time.sleep(0.5)

threading.Thread(target=sample, daemon=True).start()
store = Store(db)
result = {}
if engine == "ray":
    from storyweave.distributed import connect, ray_ingest, ray_recluster
    start = time.perf_counter()
    connect(workers=workers)
    result["init_seconds"] = time.perf_counter() - start
    start = time.perf_counter()
    report = ray_ingest([folder], store, workers=workers)
else:
    from storyweave.stories import ingest
    start = time.perf_counter()
    report = ingest([folder], store)
result["ingest_seconds"] = time.perf_counter() - start
result["report"] = report.to_dict()
result["stories_ingest"] = {row["source"]: row["story"] for row in store.export_rows()}
if sys.argv[5] == "cluster":
    start = time.perf_counter()
    if engine == "ray":
        ray_recluster(store)
    else:
        from storyweave.stories import recluster
        recluster(store)
    result["cluster_seconds"] = time.perf_counter() - start
result["stories"] = {row["source"]: row["story"] for row in store.export_rows()}
store.close()
running = False
result["driver_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result["worker_peak_mb"] = sorted(round(v / 2**20) for v in peaks.values())
print(json.dumps(result))
"""


def corpus(folder: Path, count: int) -> dict[str, str]:
    """Shards of JSONL articles; returns source ("shardN.jsonl:LINE") -> gold story."""
    import gzip

    originals: list[tuple[str, str]] = []
    with gzip.open(MULTINEWS, "rt") as lines:
        for number, line in enumerate(lines):
            originals += [(t, str(number)) for t in json.loads(line)["raw_document"] if len(t.split()) >= 20]
    rng = random.Random(7)
    articles = list(originals)
    while len(articles) < count:
        text, gold = originals[len(articles) % len(originals)]
        articles.append((perturb(text, rng), gold))
    articles = articles[:count]
    gold: dict[str, str] = {}
    for start in range(0, len(articles), SHARD):
        path = folder / f"shard{start // SHARD:04d}.jsonl"
        with path.open("w") as out:
            for line, (text, story) in enumerate(articles[start:start + SHARD], start=1):
                out.write(json.dumps({"text": text}) + "\n")
                gold[f"{path}:{line}"] = story
    return gold


def run(engine: str, workers: int, folder: Path, cluster: bool) -> dict:
    db = Path(tempfile.mkdtemp(prefix="storyweave-bench-ray-")) / "db.duckdb"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, engine, str(workers), str(folder), str(db),
                           "cluster" if cluster else "-"], capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{engine} run failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    return result


def agreement(a: dict[str, str], b: dict[str, str]) -> float:
    keys = sorted(a)
    return bcubed([a[k] for k in keys], [b[k] for k in keys])[2]


def quality(stories: dict[str, str], gold: dict[str, str]) -> float:
    keys = sorted(stories)
    return bcubed([stories[k] for k in keys], [gold[k] for k in keys])[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ray.json")
    args = parser.parse_args()
    if not MULTINEWS.exists():
        raise SystemExit(f"needs {MULTINEWS}")
    folder = Path(tempfile.mkdtemp(prefix="storyweave-bench-ray-in-"))
    gold = corpus(folder, args.articles)
    tiny = Path(tempfile.mkdtemp(prefix="storyweave-bench-ray-tiny-"))
    (tiny / "one.jsonl").write_text((folder / "shard0000.jsonl").read_text().splitlines()[0] + "\n")
    print(f"{len(gold)} articles in {len(list(folder.glob('*.jsonl')))} shards")

    runs = {"startup": run("ray", 2, tiny, False)}
    runs["local"] = run("local", 1, folder, True)
    runs["ray-1"] = run("ray", 1, folder, False)
    runs["ray-2"] = run("ray", 2, folder, True)
    print(f"{'':30s} {'local':>10s} {'ray 1 worker':>13s} {'ray 2 workers':>14s}")
    rates = {name: args.articles / runs[name]["ingest_seconds"] for name in ("local", "ray-1", "ray-2")}
    print(f"{'ingest articles/s':30s} {rates['local']:10.1f} {rates['ray-1']:13.1f} {rates['ray-2']:14.1f}")
    print(f"{'  ratio to local':30s} {1.0:10.2f} {rates['ray-1'] / rates['local']:13.2f} "
          f"{rates['ray-2'] / rates['local']:14.2f}")
    efficiency = rates["ray-2"] / (2 * rates["ray-1"])
    print(f"{'  scaling efficiency 1 -> 2':30s} {'':10s} {'':13s} {efficiency:14.2f}")
    print(f"{'driver peak MB':30s} {runs['local']['driver_peak_mb']:10.0f} {runs['ray-1']['driver_peak_mb']:13.0f} "
          f"{runs['ray-2']['driver_peak_mb']:14.0f}")
    print(f"{'worker peak MB':30s} {'-':>10s} {max(runs['ray-1']['worker_peak_mb'] or [0]):13.0f} "
          f"{max(runs['ray-2']['worker_peak_mb'] or [0]):14.0f}")
    quality_of = {name: quality(runs[name]["stories_ingest"], gold) for name in ("local", "ray-1", "ray-2")}
    print(f"{'B-cubed F1 vs gold, ingest':30s} {quality_of['local']:10.3f} {quality_of['ray-1']:13.3f} "
          f"{quality_of['ray-2']:14.3f}")
    agree = {name: agreement(runs[name]["stories_ingest"], runs["local"]["stories_ingest"])
             for name in ("ray-1", "ray-2")}
    print(f"{'  agreement with local (B3 F1)':30s} {'':10s} {agree['ray-1']:13.3f} {agree['ray-2']:14.3f}")
    print(f"{'cluster seconds':30s} {runs['local']['cluster_seconds']:10.1f} {'':13s} "
          f"{runs['ray-2']['cluster_seconds']:14.1f}")
    clustered = {name: quality(runs[name]["stories"], gold) for name in ("local", "ray-2")}
    agree["ray-2 after cluster"] = agreement(runs["ray-2"]["stories"], runs["local"]["stories"])
    print(f"{'B-cubed F1 vs gold, + cluster':30s} {clustered['local']:10.3f} {'':13s} {clustered['ray-2']:14.3f}")
    print(f"{'  agreement with local (B3 F1)':30s} {'':10s} {'':13s} {agree['ray-2 after cluster']:14.3f}")
    print(f"Ray start-up: ray.init {runs['startup']['init_seconds']:.1f} s, a one-article ingest "
          f"{runs['startup']['ingest_seconds']:.1f} s")
    report = {
        "articles": args.articles, "rates": rates, "scaling_efficiency": efficiency,
        "startup": {k: runs["startup"][k] for k in ("init_seconds", "ingest_seconds")},
        "runs": {name: {k: v for k, v in result.items() if not k.startswith("stories")}
                 for name, result in runs.items()},
        "bcubed_vs_gold_after_ingest": quality_of, "bcubed_vs_gold_after_cluster": clustered,
        "agreement_with_local": agree,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
