#!/usr/bin/env python3
"""Train the pair model of batch clustering (src/storyweave/stories/pair_model.json).

Training data, never what the benchmarks score: the ECB+ training topics (all but the development
topics 2, 5, 12, 18, 21, 23, 34, 35 and the test topics 36-45) and the first half of the
Multi-News validation stories (file order 0-2810), each clustered as its own window. Every edge of
their neighbour graphs (`stories.batch.neighbour_graph`) is an example: its `stories.pairs`
features, and whether its two articles belong to one gold story. A logistic regression gives the
weights; the linkage threshold is the one of 0.2-0.6 with the best B-cubed F1 on the ECB+
development topics.

    python scripts/train_pair_model.py [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "storyweave" / "stories" / "pair_model.json"
DEVELOPMENT = (2, 5, 12, 18, 21, 23, 34, 35)
TRAINING = [t for t in range(1, 36) if t not in DEVELOPMENT]
MULTINEWS_STORIES = 2811


def multinews_first_half() -> tuple[list[str], list[str]]:
    from bench_stories import MULTINEWS

    texts, gold = [], []
    with gzip.open(MULTINEWS, "rt") as lines:
        for number, line in enumerate(lines):
            if number >= MULTINEWS_STORIES:
                break
            record = json.loads(line)
            for text in record["raw_document"]:
                if len(text.split()) >= 20:
                    texts.append(text)
                    gold.append(f"mn{number}")
    return texts, gold


def examples(texts: list[str], gold: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from storyweave.stories.batch import neighbour_graph
    from storyweave.stories.pairs import pair_features

    keys, rows = pair_features(neighbour_graph(texts, [None] * len(texts)), texts)
    return rows, np.array([gold[i] == gold[j] for i, j in keys])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_stories import bcubed, load_ecbplus
    from sklearn.linear_model import LogisticRegression

    from storyweave.stories.batch import average_linkage, neighbour_graph
    from storyweave.stories.pairs import PAIR_FEATURES, PairModel

    parts = [examples(*load_ecbplus(TRAINING)), examples(*multinews_first_half())]
    x = np.vstack([rows for rows, _ in parts])
    y = np.concatenate([labels for _, labels in parts])
    fitted = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    weights = dict(zip(PAIR_FEATURES, map(float, fitted.coef_[0]), strict=True))
    model = PairModel("pair model", weights, float(fitted.intercept_[0]), 0.0)

    texts, gold = load_ecbplus(DEVELOPMENT)
    edges = model.same_story(neighbour_graph(texts, [None] * len(texts)), texts)
    scores = {}
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        labels = average_linkage(len(texts), edges, threshold)
        scores[threshold] = bcubed([str(label) for label in labels], gold)[2]
    threshold = max(scores, key=lambda t: (scores[t], -t))
    result = {
        "name": "pair model (logistic regression: cosine in context, mutual rank, shared names)",
        "trained_on": f"ECB+ topics {TRAINING}; Multi-News validation stories 0-{MULTINEWS_STORIES - 1} (file order)",
        "edges": len(y), "same_story_share": float(y.mean()),
        "threshold_chosen_on": f"ECB+ development topics {list(DEVELOPMENT)}, B-cubed F1 per threshold: "
                               + ", ".join(f"{t}: {f:.3f}" for t, f in scores.items()),
        "weights": weights, "intercept": float(fitted.intercept_[0]), "threshold": threshold,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
