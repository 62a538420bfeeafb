"""Benchmark: the web app under load on loopback, reads while an ingest writes.

    python benchmarks/bench_web.py [--clients 50] [--seconds 60] [--out benchmarks/results/web.json]

A store of Multi-News validation articles (or the bundled examples when ../shared is absent) is
served by `storyweave serve` in its own process. 50 concurrent clients read the story list, cached
briefs (JSON) and story pages, first for a quiet phase, then for `--seconds` while batches of new
articles are posted to the API (ingested by the app's single writer). Reported side by side:
requests/s, p50/p95 latency per kind of request and errors, quiet vs. during the ingest.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"


def documents(start: int, stop: int) -> list[dict]:
    found = []
    with gzip.open(MULTINEWS, "rt") as lines:
        for number, line in enumerate(lines):
            if number >= stop:
                break
            if number >= start:
                found += [{"text": t, "source": f"multinews:{number}"} for t in json.loads(line)["raw_document"]
                          if len(t.split()) >= 20]
    return found


async def client_loop(base: str, stories: list[str], until: float, results: list, phase: str) -> None:
    # A story id that a refinement merged or split away redirects to its successor, which a
    # client follows (counted apart).
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=True) as client:
        while time.perf_counter() < until:
            kind = random.choices(["list", "brief", "page"], weights=[2, 5, 1])[0]
            story = random.choice(stories)
            url = {"list": "/api/stories?limit=50", "brief": f"/api/stories/{story}/brief",
                   "page": f"/stories/{story}"}[kind]
            started = time.perf_counter()
            redirected = False
            try:
                response = await client.get(url)
                ok, redirected = response.status_code == 200, bool(response.history)
            except httpx.HTTPError:
                ok = False
            results.append((phase, kind, time.perf_counter() - started, ok, redirected))


async def ingest_loop(base: str, batches: list[list[dict]], until: float, jobs: list) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for batch in batches:
            if time.perf_counter() >= until:
                break
            response = await client.post("/api/articles", json={"articles": batch})
            job = response.json()["job"]["id"]
            while time.perf_counter() < until:
                status = (await client.get(f"/api/jobs/{job}")).json()
                if status["status"] not in ("queued", "running"):
                    jobs.append(status)
                    break
                await asyncio.sleep(0.5)


def summarise(results: list, phase: str, seconds: float) -> dict:
    rows = [r for r in results if r[0] == phase]
    summary = {"requests": len(rows), "requests_per_second": len(rows) / seconds,
               "errors": sum(1 for r in rows if not r[3]), "redirected": sum(1 for r in rows if r[4])}
    for kind in ("list", "brief", "page"):
        times = sorted(r[2] * 1000 for r in rows if r[1] == kind)
        if times:
            summary[kind] = {"count": len(times), "p50_ms": statistics.median(times),
                             "p95_ms": times[int(len(times) * 0.95) - 1 if len(times) > 1 else 0]}
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--quiet-seconds", type=float, default=20)
    parser.add_argument("--stories", type=int, default=400, help="Multi-News clusters stored before the run")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "web.json")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="storyweave-bench-web-"))
    db = folder / "db.duckdb"
    if MULTINEWS.exists():
        (folder / "seed.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents(0, args.stories)))
        seed = str(folder / "seed.jsonl")
        incoming = documents(args.stories, args.stories + 1000)
    else:
        seed, incoming = str(ROOT / "examples"), []
    subprocess.run([sys.executable, "-m", "storyweave.cli", "ingest", seed, "--db", str(db)], check=False,
                   capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "storyweave.cli", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        stories = [s["id"] for s in httpx.get(base + "/api/stories?limit=30").json()["stories"]]
        warm = time.perf_counter()
        for story in stories:  # build the briefs once: the run measures cached briefs
            httpx.get(f"{base}/api/stories/{story}/brief", timeout=300)
            httpx.get(f"{base}/stories/{story}", timeout=300)
        print(f"{len(stories)} stories warmed in {time.perf_counter() - warm:.1f} s; {args.clients} clients")

        results: list = []
        jobs: list = []

        async def run() -> None:
            until = time.perf_counter() + args.quiet_seconds
            await asyncio.gather(*(client_loop(base, stories, until, results, "quiet") for _ in range(args.clients)))
            until = time.perf_counter() + args.seconds
            batches = [incoming[i:i + 100] for i in range(0, len(incoming), 100)]
            await asyncio.gather(ingest_loop(base, batches, until, jobs),
                                 *(client_loop(base, stories, until, results, "ingesting") for _ in range(args.clients)))

        asyncio.run(run())
        report = {"clients": args.clients, "stories": len(stories),
                  "quiet": summarise(results, "quiet", args.quiet_seconds),
                  "ingesting": summarise(results, "ingesting", args.seconds),
                  "ingested_during_run": sum(j["counts"].get("added", 0) for j in jobs),
                  "ingest_jobs_done": len(jobs)}
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"{'':24s} {'quiet':>12s} {'ingesting':>12s} {'ratio':>7s}")
    quiet, busy = report["quiet"], report["ingesting"]
    print(f"{'requests/s':24s} {quiet['requests_per_second']:12.1f} {busy['requests_per_second']:12.1f} "
          f"{busy['requests_per_second'] / max(quiet['requests_per_second'], 1e-9):7.2f}")
    print(f"{'errors':24s} {quiet['errors']:12d} {busy['errors']:12d}")
    print(f"{'redirected (id replaced)':24s} {quiet['redirected']:12d} {busy['redirected']:12d}")
    for kind in ("list", "brief", "page"):
        for stat in ("p50_ms", "p95_ms"):
            if kind in quiet and kind in busy:
                print(f"{kind + ' ' + stat:24s} {quiet[kind][stat]:12.1f} {busy[kind][stat]:12.1f} "
                      f"{busy[kind][stat] / max(quiet[kind][stat], 1e-9):7.2f}")
    print(f"articles ingested during the run: {report['ingested_during_run']} ({report['ingest_jobs_done']} jobs)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
