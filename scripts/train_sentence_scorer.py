#!/usr/bin/env python3
"""Train the linear importance scorer of summary sentences (src/storyweave/summarize/scorer.json)
and the word prior it reads (src/storyweave/summarize/word_prior.json).

Training data: the first half of the Multi-News validation split (by line order, clusters
0..N/2-1), from ../shared/data/multinews/validation.jsonl.gz. The second half and DUC 2004 are
left for evaluation (`storyweave eval summaries ... --start N/2`), so no score is reported on data
the weights were fitted on.

First, the word prior: for each content word (stem) used by at least 5 training stories, the share of
those stories whose human summary uses it too, smoothed toward the overall share (Hong & Nenkova's
RegSum learns such a global word importance; the `summary_words` feature is a sentence's mean).
Then, for every candidate sentence (one per fact, as the summarizer sees them) the script computes the
features of `storyweave.summarize.select.FEATURES` and a target: how much of the sentence the
human summary says, (ROUGE-1 precision + ROUGE-2 precision) / 2 with rouge-score and stemming.
A ridge regression on standardised features gives the weights, with a fixed penalty for
sentences that open leaning on a previous one. Multi-News articles are cut to their first ~150
words, so the summarizer uses these weights only for stories told in leads (see
`storyweave.summarize.select.choose_scorer`).

    python scripts/train_sentence_scorer.py [--data FILE] [--out FILE] [--clusters N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"
OUT = ROOT / "src" / "storyweave" / "summarize" / "scorer.json"
PRIOR_OUT = ROOT / "src" / "storyweave" / "summarize" / "word_prior.json"
DANGLING_PENALTY = -0.04  # per standard deviation of the feature, in units of the target
PRIOR_MIN_CLUSTERS = 5  # a word in fewer training stories gets the unknown-word rate
PRIOR_SMOOTHING = 5.0  # pseudo-stories at the overall rate, added to every word's counts


def write_word_prior(clusters: Iterable, limit: int, out: Path) -> None:
    """Per content word (stem): the share of the training stories using it whose human summary
    uses it too, smoothed toward the overall share (the `summary_words` feature, as in RegSum)."""
    from storyweave.nlp.claims import content_words

    used: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    for cluster in clusters:
        words = frozenset().union(*(content_words(a.text) for a in cluster.articles))
        used.update(words)
        kept.update(words & content_words(cluster.references[0]))
    rate = sum(kept.values()) / max(1, sum(used.values()))
    prior = {w: round((kept[w] + PRIOR_SMOOTHING * rate) / (n + PRIOR_SMOOTHING), 4)
             for w, n in sorted(used.items()) if n >= PRIOR_MIN_CLUSTERS}
    out.write_text(json.dumps({
        "trained_on": f"Multi-News validation clusters 0-{limit - 1}",
        "what": "share of the stories using a content word (stem) whose human summary uses it too",
        "unknown": round(rate, 4), "words": prior}, separators=(",", ":")) + "\n")
    print(f"word prior: {len(prior)} words, overall rate {rate:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--prior-out", type=Path, default=PRIOR_OUT)
    parser.add_argument("--clusters", type=int, default=None, help="training clusters (default: half)")
    args = parser.parse_args()

    from rouge_score import rouge_scorer
    from sklearn.linear_model import Ridge

    from storyweave.evaluate.datasets import read_multinews
    from storyweave.nlp.embed import get_embedder
    from storyweave.nlp.sentences import split_article
    from storyweave.pipeline import MAX_ALIGNED_SENTENCES, lead_sentences, prepare_articles
    from storyweave.summarize.align import align_sentences, claim_text
    from storyweave.summarize.select import FEATURES, Scorer, score_candidates, word_prior

    every_feature = Scorer("every feature", dict.fromkeys(FEATURES, 0.0), {}, {})  # computes them all

    total = sum(1 for _ in read_multinews(args.data))
    limit = args.clusters or total // 2
    write_word_prior(read_multinews(args.data, limit=limit), limit, args.prior_out)
    word_prior.cache_clear()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    embedder = get_embedder("auto")
    rows, targets = [], []
    for number, cluster in enumerate(read_multinews(args.data, limit=limit), start=1):
        articles = prepare_articles(cluster.articles)
        sentences, _ = lead_sentences([split_article(a) for a in articles], MAX_ALIGNED_SENTENCES)
        if not sentences:
            continue
        embeddings = embedder.encode([claim_text(s.text) for s in sentences])
        alignment = align_sentences(sentences, embeddings, threshold=embedder.fact_threshold)
        by_id = {a.id: a for a in articles}
        for candidate in score_candidates(sentences, alignment, embeddings, by_id, scorer=every_feature):
            score = scorer.score(cluster.references[0], sentences[candidate.sentence].text)
            rows.append([candidate.features[f] for f in FEATURES])
            targets.append((score["rouge1"].precision + score["rouge2"].precision) / 2)
        if number % 250 == 0:
            print(f"{number}/{limit} clusters, {len(rows)} sentences")
    x, y = np.array(rows), np.array(targets)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    constant = scale < 1e-6  # e.g. recency: Multi-News has no dates; such a feature gets no weight
    scale[constant] = 1.0
    model = Ridge(alpha=1.0).fit((x - mean) / scale, y)
    model.coef_[constant] = 0.0
    # Readability is not learned (ROUGE does not read): a sentence that leans on one before it
    # ("He said ...") gets a fixed penalty, which keeps such openings as rare as with the hand-set
    # weights (6% of Multi-News summary sentences; 11% with the fitted weight alone).
    dangling = FEATURES.index("dangling")
    model.coef_[dangling] = min(model.coef_[dangling], DANGLING_PENALTY)
    r2 = model.score((x - mean) / scale, y)
    result = {
        "name": f"learned: ridge over {len(FEATURES)} features, Multi-News validation clusters 0-{limit - 1}",
        "trained_on": f"{args.data.name}: the first {limit} of {total} clusters (line order)",
        "target": "(ROUGE-1 precision + ROUGE-2 precision) / 2 of the sentence against the human summary",
        "sentences": len(y),
        "r2_train": r2,
        "weights": dict(zip(FEATURES, map(float, model.coef_), strict=True)),
        "mean": dict(zip(FEATURES, map(float, mean), strict=True)),
        "scale": dict(zip(FEATURES, map(float, scale), strict=True)),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k not in ("mean", "scale")}, indent=2))


if __name__ == "__main__":
    main()
