"""Benchmark: how fast `storyweave brief` is, cold and warm, beside sumy's LexRank on the same clusters.

    python benchmarks/bench_brief.py [--clusters 200] [--out benchmarks/results/brief.json]

Measures, on this machine, in one run:
  * cold start: the CLI as a user runs it (new process, models loaded) on each bundled example story;
  * warm: `build_brief` in a warm process on each example story;
  * Multi-News validation (first N clusters, from ../shared): time per cluster with the static
    model and with the model-free fallback, and the peer sumy LexRank (summarising the same
    sentences, with storyweave's sentence splitter) if `sumy` is installed; peak memory.
Targets (issue "storyweave brief"): cold < 3 s for a 5-article story, warm < 0.3 s per story.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_cold(story: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "storyweave", "brief", str(story), "-f", "json", "-o", "/dev/null"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def forget_texts() -> None:
    from storyweave.summarize.align import claim_text, content_words

    claim_text.cache_clear()
    content_words.cache_clear()


def lexrank_peer():
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:
        return None
    from storyweave.nlp.sentences import split_text

    class Tokenizer:  # sumy's own needs NLTK data that cannot be downloaded here
        language = "english"

        def to_sentences(self, paragraph: str) -> list[str]:
            return split_text(paragraph)

        def to_words(self, sentence: str) -> list[str]:
            import re
            return re.findall(r"\w[\w'-]*", sentence)

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = Tokenizer()

    def run(texts: list[str], words: int) -> None:
        parser = PlaintextParser.from_string("\n\n".join(texts), tokenizer)
        summarizer(parser.document, max(1, words // 20))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "brief.json")
    args = parser.parse_args()

    from storyweave.ingest import load_articles
    from storyweave.pipeline import BriefConfig, build_brief, summarize_articles

    results: dict = {"machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}"}
    stories = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
    print("cold start (new CLI process, JSON to /dev/null), target < 3 s")
    results["cold_s"] = {}
    for story in stories:
        times = time_cold(story, args.cold_runs)
        results["cold_s"][story.name] = statistics.median(times)
        print(f"  {story.name:24s} {statistics.median(times):6.2f} s   ratio to target {statistics.median(times) / 3:.2f}")

    print("warm (in-process build_brief, median of 5 after one warm-up), target < 0.3 s")
    results["warm_s"] = {}
    for story in stories:
        articles = load_articles([str(story)]).articles
        build_brief(articles)
        times = []
        for _ in range(5):
            forget_texts()  # per-text caches would make a repeat of the same story look faster
            start = time.perf_counter()
            build_brief(articles)
            times.append(time.perf_counter() - start)
        results["warm_s"][story.name] = statistics.median(times)
        print(f"  {story.name:24s} {statistics.median(times):6.3f} s   ratio to target {statistics.median(times) / 0.3:.2f}")

    if not MULTINEWS.exists():
        print("Multi-News not found beside the project (../shared): skipping the cluster benchmark")
    else:
        from storyweave.evaluate.datasets import read_multinews

        clusters = list(read_multinews(MULTINEWS, limit=args.clusters))
        words = sum(len(a.text.split()) for c in clusters for a in c.articles)
        print(f"Multi-News validation: {len(clusters)} clusters, "
              f"{sum(len(c.articles) for c in clusters)} articles, {words / len(clusters):.0f} words per cluster")
        systems = {
            "summary (static model)": lambda c: summarize_articles(c.articles, BriefConfig(embedder="static")),
            "summary (--no-models)": lambda c: summarize_articles(c.articles, BriefConfig(embedder="tfidf")),
            "full brief (models)": lambda c: build_brief(c.articles, BriefConfig()),
            "full brief (--no-models)": lambda c: build_brief(c.articles, BriefConfig(embedder="tfidf", ner_model=False)),
        }
        peer = lexrank_peer()
        if peer is not None:
            systems["peer: sumy LexRank"] = lambda c: peer([a.text for a in c.articles], 200)
        per_cluster: dict[str, list[float]] = {}
        for name, run in systems.items():
            run(clusters[0])  # warm-up
            times = []
            for cluster in clusters:
                start = time.perf_counter()
                run(cluster)
                times.append(time.perf_counter() - start)
            per_cluster[name] = times
        baseline = statistics.mean(per_cluster.get("peer: sumy LexRank", per_cluster["summary (static model)"]))
        print(f"  {'system':28s} {'mean s':>8s} {'p50 s':>8s} {'p95 s':>8s} {'vs LexRank':>11s}")
        results["multinews"] = {"clusters": len(clusters), "systems": {}}
        for name, times in per_cluster.items():
            ordered = sorted(times)
            row = {"mean_s": statistics.mean(times), "p50_s": ordered[len(ordered) // 2],
                   "p95_s": ordered[int(len(ordered) * 0.95) - 1], "ratio_to_lexrank": statistics.mean(times) / baseline}
            results["multinews"]["systems"][name] = row
            print(f"  {name:28s} {row['mean_s']:8.3f} {row['p50_s']:8.3f} {row['p95_s']:8.3f} {row['ratio_to_lexrank']:10.2f}x")
    results["peak_rss_mb"] = peak_rss_mb()
    print(f"peak memory of this process: {results['peak_rss_mb']:.0f} MB")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
