#!/usr/bin/env python3
"""How much better could storyweave's summaries get by scoring sentences better?

Runs on Multi-News clusters: storyweave as shipped, storyweave with *oracle importance* (the same
candidate sentences and the same selection, but each candidate scored by its true ROUGE-1/2
precision against the human summary, the training target of the learned scorer), and the greedy
extractive oracle (`storyweave eval summaries --oracle`). All read the references except the
first, so only the first is a system; the others bound what better importance, or any extractive
summary, could reach.

    python scripts/summary_headroom.py [--data FILE] [--start 0] [--limit 600] [--words 250]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--words", type=int, default=250)
    args = parser.parse_args()

    from rouge_score import rouge_scorer

    import storyweave.summarize as summarize
    from storyweave.evaluate.datasets import Cluster, read_multinews
    from storyweave.evaluate.summaries import evaluate

    clusters = list(read_multinews(args.data, args.limit, args.start))
    shipped = evaluate(((c, {}) for c in clusters), dataset="multinews", words=args.words,
                       measure="f1", peers=["lsa"], with_oracle=True)

    rouge = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    reference = [""]
    score_candidates = summarize.score_candidates

    def oracle_importance(sentences, alignment, embeddings, articles, scorer):  # noqa: ANN001,ANN202
        candidates = score_candidates(sentences, alignment, embeddings, articles, scorer)
        for candidate in candidates:
            found = rouge.score(reference[0], sentences[candidate.sentence].text)
            candidate.score = (found["rouge1"].precision + found["rouge2"].precision) / 2
        return candidates

    def told() -> Iterator[tuple[Cluster, dict]]:
        for cluster in clusters:
            reference[0] = cluster.references[0]
            yield cluster, {}

    summarize.score_candidates = oracle_importance
    try:
        informed = evaluate(told(), dataset="multinews", words=args.words, measure="f1", peers=[])
    finally:
        summarize.score_candidates = score_candidates
    rows = [(name, s) for name, s in shipped.systems.items()]
    rows.insert(1, ("storyweave with oracle importance", informed.systems["storyweave"]))
    last = args.start + len(clusters) - 1
    print(f"Multi-News clusters {args.start}-{last}, F1 at {args.words} words")
    for name, system in rows:
        print(f"{name:36s} {100 * system.mean('rouge1'):6.2f} {100 * system.mean('rouge2'):6.2f}")


if __name__ == "__main__":
    main()
