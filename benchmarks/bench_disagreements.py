"""Benchmark: how many of the disagreements a brief lists are real, on real multi-outlet news.

Stories: DUC 2004's 50 clusters (AP and New York Times, 1998), 200 Timeline17 day sets (a topic's
articles from all its outlets over two days, drawn with seeds 7 and 43) and the first 150
Multi-News validation clusters were read to mend errors ("development"); 120 other Timeline17 day
sets (seed 47) and Multi-News clusters 150-449 were judged afterwards ("held out", the figure to
quote, measured before its errors were read). For each story storyweave prepares the articles as
a brief does (`summarize_articles`: cleaning, the main story, sentences, the timeline) and lists
its number, statement and date
disagreements (`conflicting_numbers`, `polarity_conflicts`, `contradicted_dates`,
`conflicting_event_dates`: kinds `number`, `development`, `claim`, `date`); each listed disagreement
is annotated by hand as right (one quantity told with different values, a statement affirmed and
denied, or one event given different days, by different articles: a dispute or a development a
reader should see) or wrong (`benchmarks/gold/disagreements.json`; the texts are not copied there: a
disagreement is keyed by its story, its family and the first words of each position). Precision is the share of the
judged ones that are right; a disagreement not yet judged is counted apart and printed with
`--list`, to be judged.

No library lists where news outlets disagree, so the comparison is storyweave as it was before this
benchmark (stop 38): what it listed on the same stories is recorded in the gold file and scored with
the same annotations. Names spelled differently (`name`) need the NER model and are not counted here.

    python benchmarks/bench_disagreements.py [--out benchmarks/results/disagreements.json] [--list]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
GOLD = ROOT / "benchmarks" / "gold" / "disagreements.json"
SAMPLES = ("held out", "development")
BEFORE = "stop 38"  # the code before this benchmark, whose listings the gold file records
POSITION_WORDS = 5  # a statement's position is keyed by its first words
# Timeline17 day sets (seed, how many) and Multi-News clusters (first, how many) of each sample
DAY_SETS = {"development": [(7, 80), (43, 120)], "held out": [(47, 120)]}
MULTINEWS = {"development": (0, 150), "held out": (150, 300)}


def stories(sample: str) -> Iterator[tuple[str, list]]:
    """(story id, articles) of a sample, in a fixed order; the held-out sample draws no day set of
    the development one."""
    from storyweave.evaluate.datasets import read_duc, read_multinews

    if sample == "development":
        for cluster, _ in read_duc(SHARED / "duc2004"):
            yield cluster.id, cluster.articles
    yield from _day_sets(sample, set() if sample == "development" else
                         {story for story, _ in _day_sets("development", set())})
    start, count = MULTINEWS[sample]
    for cluster in read_multinews(SHARED / "multinews" / "validation.jsonl.gz", count, start=start):
        yield f"multinews:{cluster.id}", cluster.articles


def _day_sets(sample: str, taken: set[str]) -> Iterator[tuple[str, list]]:
    """The sample's Timeline17 day sets, each drawn once, none of those `taken`."""
    from storyweave.evaluate.datasets import read_timeline17

    for seed, days in DAY_SETS[sample]:
        count = 0
        for cluster, _ in read_timeline17(SHARED / "timeline17", seed=seed):
            if count == days:
                break
            if cluster.id not in taken:
                taken.add(cluster.id)
                count += 1
                yield cluster.id, cluster.articles


def family(kind: str, description: str) -> str:
    """Numbers (a `number`, or a `development` of one), statements (a `claim`, or a `development` of
    one) or dates (a `date`: one event dated differently, a header date the text contradicts)."""
    if kind == "date":
        return "date"
    return "number" if kind == "number" or description.startswith("changed over time") else "statement"


def key(story: str, disagreement) -> str:
    """A listed disagreement's identity across runs: its story, family and positions' first words."""
    kind = family(disagreement.kind, disagreement.description)
    values = sorted(" ".join(value.split()[:POSITION_WORDS]) for value, _ in disagreement.positions)
    return json.dumps([story, kind, values], ensure_ascii=False)


def listed(sample: str) -> tuple[dict[str, dict], int, float]:
    """Every number and statement disagreement storyweave lists on a sample's stories, by key; the
    number of stories, and seconds per story."""
    from storyweave.analyze.disagreements import (
        conflicting_event_dates,
        conflicting_numbers,
        contradicted_dates,
        polarity_conflicts,
    )
    from storyweave.analyze.timeline import anchor_dates, build_timeline
    from storyweave.pipeline import summarize_articles

    found: dict[str, dict] = {}
    count, began = 0, time.perf_counter()
    for story, articles in stories(sample):
        done = summarize_articles(articles)
        sentences = [s for per_article in done.per_article for s in per_article]
        published = {a.id: (a.published or "")[:10] for a in done.articles}
        source = {a.id: Path(a.source.split(":")[0]).name for a in done.articles}
        by_article = {a.id: per_article for a, per_article in zip(done.articles, done.per_article, strict=True)}
        anchors = anchor_dates(done.articles, by_article)
        fact_of = {(s.article_id, s.index): i for i, fact in enumerate(done.facts) for s in fact.sentences}
        timeline = build_timeline(done.articles, by_article, anchors, fact_of)
        for disagreement in (conflicting_numbers(sentences, published) + polarity_conflicts(sentences, published)
                             + contradicted_dates(done.articles, anchors, published)
                             + conflicting_event_dates(timeline)):
            found[key(story, disagreement)] = {
                "kind": disagreement.kind, "description": disagreement.description,
                "positions": [(value, [source[a] for a in ids]) for value, ids in disagreement.positions]}
        count += 1
    return found, count, (time.perf_counter() - began) / max(1, count)


def precision(keys: list[str], judged: dict[str, bool]) -> dict:
    right = sum(judged[k] for k in keys if k in judged)
    done = sum(k in judged for k in keys)
    return {"listed": len(keys), "judged": done, "right": right, "unjudged": len(keys) - done,
            "precision": right / done if done else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "disagreements.json")
    parser.add_argument("--list", action="store_true", help="print every listed disagreement and its judgement")
    args = parser.parse_args()
    if not (SHARED / "timeline17").is_dir() or not (SHARED / "duc2004").is_dir():
        print(f"{SHARED} not found beside the project (../shared): nothing to measure")
        return
    gold = json.loads(GOLD.read_text())
    judged = {json.dumps(item["key"], ensure_ascii=False): item["right"] for item in gold["items"]}
    results: dict = {"systems": {"storyweave": {}, f"storyweave {BEFORE} (recorded)": {}}}
    for sample in SAMPLES:
        found, count, seconds = listed(sample)
        before = [json.dumps(item["key"], ensure_ascii=False) for item in gold["items"]
                  if item["sample"] == sample and BEFORE in item["listed_by"]]
        now = precision(list(found), judged)
        results["systems"]["storyweave"][sample] = {**now, "stories": count, "seconds_per_story": seconds}
        results["systems"][f"storyweave {BEFORE} (recorded)"][sample] = precision(before, judged)
        for family_name in ("number", "statement", "date"):
            keys = [k for k in found if json.loads(k)[1] == family_name]
            results["systems"]["storyweave"][sample][family_name] = precision(keys, judged)
        if args.list:
            for k, told in found.items():
                mark = {True: "right", False: "WRONG"}.get(judged.get(k), "unjudged")
                print(f"[{mark}] {k}\n    " + "\n    ".join(f"{v[:160]}  {ids}" for v, ids in told["positions"]))
    print(f"{'sample':<12} {'system':<30} {'listed':>6} {'judged':>6} {'right':>5} {'precision':>9}")
    for sample in SAMPLES:
        for name, row in results["systems"].items():
            r = row[sample]
            shown = f"{r['precision']:.3f}" if r["precision"] is not None else "-"
            print(f"{sample:<12} {name:<30} {r['listed']:>6} {r['judged']:>6} {r['right']:>5} {shown:>9}")
        now = results["systems"]["storyweave"][sample]
        print(f"{'':<12} storyweave: " + ", ".join(f"{f}s {now[f]['right']}/{now[f]['judged']}"
                                                    for f in ("number", "statement", "date"))
              + f"; {now['stories']} stories, {now['seconds_per_story']:.2f} s a story")
    ours = results["systems"]["storyweave"]["held out"]["precision"]
    theirs = results["systems"][f"storyweave {BEFORE} (recorded)"]["held out"]["precision"]
    if ours is not None and theirs:
        print(f"held out: storyweave / storyweave {BEFORE} = {ours / theirs:.2f}x the precision")
        results["storyweave_over_before_held_out"] = ours / theirs
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
