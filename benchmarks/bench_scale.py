"""Benchmark: ingest throughput and memory as the store grows (10k, 50k, 100k articles).

    python benchmarks/bench_scale.py [--sizes 10000 50000 100000] [--out benchmarks/results/scale.json]

Articles: the non-empty documents of Multi-News validation (about 15k), then perturbed copies of
them (sentences shuffled, one sentence in four dropped, a word in twenty changed), so that a copy
is a new article (not an exact or near duplicate) of the same story. Each size is ingested into a
fresh store file by a fresh process, in chunks, and the time per article of every chunk is
printed, to show whether it stays flat as the store grows. Peak memory is the most that the ingest
process and its worker (`--prepare-workers 1`, what the CLI does on two or more CPUs: a second
process cleans and embeds each batch while the first places the one before) held together,
sampled every 0.2 s (psutil), beside the ingest process's own peak.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"
CHUNK = 10_000

WORKER = """
import json, resource, sys, time
from storyweave.store import Store
from storyweave.stories import ingest
workers, chunks, db = int(sys.argv[1]), sys.argv[2:-1], sys.argv[-1]
store = Store(db)
times = []
for chunk in chunks:
    start = time.perf_counter()
    report = ingest([chunk], store, prepare_workers=workers)
    times.append({"articles": report.added + report.near_duplicates + report.duplicates,
                  "seconds": time.perf_counter() - start, **report.to_dict()})
store.close()
print(json.dumps({"chunks": times, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def documents() -> list[str]:
    texts = []
    with gzip.open(MULTINEWS, "rt") as lines:
        for line in lines:
            texts += [t for t in json.loads(line)["raw_document"] if len(t.split()) >= 20]
    return texts


def perturb(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    rng.shuffle(sentences)
    kept = [s for s in sentences if rng.random() > 0.25] or sentences[:1]
    words = " ".join(kept).split()
    return " ".join(w if rng.random() > 0.05 else w[::-1] for w in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "scale.json")
    parser.add_argument("--prepare-workers", type=int, choices=(0, 1), default=1,
                        help="1 (the CLI's default on 2+ CPUs): prepare in a second process; 0: in one")
    parser.add_argument("--compare", action="store_true",
                        help="also ingest each size with the other --prepare-workers setting, for the ratio")
    args = parser.parse_args()
    if not MULTINEWS.exists():
        print("Multi-News not found beside the project (../shared): nothing to measure")
        return
    base = documents()
    rng = random.Random(0)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        corpus = list(base)
        while len(corpus) < max(args.sizes):
            corpus += [perturb(text, rng) for text in base]
        for size in args.sizes:
            chunks = []
            for start in range(0, size, CHUNK):
                path = Path(folder) / f"chunk{size}-{start}.jsonl"
                path.write_text("".join(json.dumps({"text": t}) + "\n" for t in corpus[start:min(size, start + CHUNK)]))
                chunks.append(str(path))
            settings = [args.prepare_workers, 1 - args.prepare_workers] if args.compare else [args.prepare_workers]
            for workers in settings:
                result = _measure(chunks, Path(folder) / f"store{size}-{workers}.duckdb", workers, size)
                results[size if workers == args.prepare_workers else f"{size} prepare_workers={workers}"] = result
            if args.compare:
                rates = [results[size]["articles_per_second"],
                         results[f"{size} prepare_workers={settings[1]}"]["articles_per_second"]]
                print(f"{size:>7} articles: prepare_workers={settings[0]} / prepare_workers={settings[1]}: "
                      f"{rates[0]:.0f} / {rates[1]:.0f} articles/s, ratio {rates[0] / rates[1]:.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.out}")


def _measure(chunks: list[str], db: Path, workers: int, size: int) -> dict:
    """Ingest the chunks into a fresh store, in a fresh process; its rate, memory and chunk times."""
    import psutil

    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", WORKER, str(workers), *chunks, str(db)],
                               stdout=subprocess.PIPE, text=True)
    together = 0.0  # MB held by the ingest process and its children at once, at most
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            held = [watched, *watched.children(recursive=True)]
            together = max(together, sum(p.memory_info().rss for p in held) / 2**20)
        except psutil.Error:
            pass  # a process ended between listing and reading
        time.sleep(0.2)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        sys.exit(f"the ingest process failed (exit {process.returncode})")
    total = time.perf_counter() - began
    measured = json.loads(output.strip().splitlines()[-1])
    per_chunk = [1000 * c["seconds"] / max(1, c["articles"]) for c in measured["chunks"]]
    together = max(together, measured["peak_rss_mb"])  # sampling may miss the ingest process's own peak
    result = {"seconds": total, "articles_per_second": size / total, "prepare_workers": workers,
              "peak_rss_mb": together, "ingest_process_peak_rss_mb": measured["peak_rss_mb"],
              "ms_per_article_by_chunk": per_chunk, "store_mb": db.stat().st_size / 1e6,
              "chunks": measured["chunks"]}
    print(f"{size:>7} articles, prepare_workers={workers}: {total:7.1f} s, {size / total:6.0f} articles/s, "
          f"peak {together:6.0f} MB with the worker ({measured['peak_rss_mb']:.0f} the ingest process), "
          f"store {result['store_mb']:6.0f} MB; ms/article by 10k chunk: " + " ".join(f"{ms:.2f}" for ms in per_chunk),
          flush=True)
    return result


if __name__ == "__main__":
    main()
