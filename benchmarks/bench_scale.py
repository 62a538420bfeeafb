"""Benchmark: ingest throughput and memory as the store grows (10k, 50k, 100k articles).

    python benchmarks/bench_scale.py [--sizes 10000 50000 100000] [--out benchmarks/results/scale.json]

Articles: the non-empty documents of Multi-News validation (about 15k), then perturbed copies of
them (sentences shuffled, one sentence in four dropped, a word in twenty changed), so that a copy
is a new article (not an exact or near duplicate) of the same story. Each size is ingested into a
fresh store file by a fresh process, in chunks, and the time per article of every chunk is
printed, to show whether it stays flat as the store grows. Peak memory is the ingest process's.
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
chunks, db = sys.argv[1:-1], sys.argv[-1]
store = Store(db)
times = []
for chunk in chunks:
    start = time.perf_counter()
    report = ingest([chunk], store)
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
            db = str(Path(folder) / f"store{size}.duckdb")
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", WORKER, *chunks, db], capture_output=True, text=True,
                                  check=True)
            total = time.perf_counter() - began
            measured = json.loads(done.stdout.strip().splitlines()[-1])
            per_chunk = [1000 * c["seconds"] / max(1, c["articles"]) for c in measured["chunks"]]
            results[size] = {"seconds": total, "articles_per_second": size / total,
                             "peak_rss_mb": measured["peak_rss_mb"], "ms_per_article_by_chunk": per_chunk,
                             "store_mb": Path(db).stat().st_size / 1e6, "chunks": measured["chunks"]}
            print(f"{size:>7} articles: {total:7.1f} s, {size / total:6.0f} articles/s, peak {measured['peak_rss_mb']:6.0f} MB,"
                  f" store {results[size]['store_mb']:6.0f} MB; ms/article by 10k chunk: "
                  + " ".join(f"{ms:.2f}" for ms in per_chunk))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
