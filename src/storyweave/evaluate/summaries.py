"""Summary evaluation: storyweave and its peers on the same clusters, scored with the same ROUGE.

ROUGE is the `rouge-score` package with stemming, summaries truncated to the word budget; DUC
reports recall (as in the DUC 2004 tables), Multi-News F1. The difference to the best peer gets a
95% paired bootstrap interval over clusters.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from storyweave.evaluate.datasets import Cluster
from storyweave.evaluate.oracle import oracle
from storyweave.evaluate.peers import SUMY_PEERS, Summarizer, lead, sumy_peer, truncate
from storyweave.model import Article
from storyweave.pipeline import BriefConfig, summarize_articles

METRICS = ("rouge1", "rouge2")
ORACLE = "oracle (upper bound)"
BOOTSTRAP_SAMPLES = 1000


def storyweave_summarizer(config: BriefConfig | None = None) -> Summarizer:
    config = config or BriefConfig()

    def run(articles: list[Article], words: int) -> str:
        settings = BriefConfig(words=words, embedder=config.embedder, ner_model=False, fill=True,
                               selector=config.selector, one_story=config.one_story)
        return " ".join(s.text for s in summarize_articles(articles, settings).summary)

    return run


def peer_summarizers(names: Iterable[str]) -> dict[str, Summarizer]:
    peers: dict[str, Summarizer] = {}
    for name in names:
        peers[name] = lead if name == "lead" else sumy_peer(name)
    return peers


def parse_peers(value: str) -> list[str]:
    """'all', 'none' or a comma-separated list of lead, lexrank, textrank, lsa."""
    known = ("lead", *SUMY_PEERS)
    if value == "all":
        return list(known)
    if value == "none":
        return []
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown peer {unknown[0]!r}; choose from {', '.join(known)}, all or none")
    return names


@dataclass
class SystemScores:
    name: str
    published: bool = False  # outputs read from the dataset, not run here
    bound: bool = False  # reads the references (the oracle): printed, never compared against
    per_cluster: list[dict[str, float]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def mean(self, metric: str) -> float:
        return statistics.mean(row[metric] for row in self.per_cluster) if self.per_cluster else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "published": self.published, "bound": self.bound,
                "clusters": len(self.per_cluster),
                **{metric: self.mean(metric) for metric in METRICS},
                "seconds_per_cluster": statistics.mean(self.seconds) if self.seconds else None}


@dataclass
class Evaluation:
    dataset: str
    words: int
    measure: str  # "recall" or "f1"
    systems: dict[str, SystemScores]
    intervals: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "words": self.words, "measure": self.measure,
                "systems": [s.to_dict() for s in self.ranked()], "versus_best_peer": self.intervals}

    def ranked(self) -> list[SystemScores]:
        return sorted(self.systems.values(), key=lambda s: -s.mean("rouge1"))


def score(references: list[str], summary: str, words: int, measure: str) -> dict[str, float]:
    """ROUGE-1/2 of a summary truncated to `words`, averaged over the references."""
    from rouge_score import rouge_scorer

    scorer = _scorer(rouge_scorer)
    text = truncate(summary, words)
    scores = [scorer.score(reference, text) for reference in references]
    field_name = "recall" if measure == "recall" else "fmeasure"
    return {metric: statistics.mean(getattr(s[metric], field_name) for s in scores) for metric in METRICS}


_SCORER: list[Any] = []


def _scorer(module: Any) -> Any:
    if not _SCORER:
        _SCORER.append(module.RougeScorer(list(METRICS), use_stemmer=True))
    return _SCORER[0]


def evaluate(
    clusters: Iterable[tuple[Cluster, dict[str, str]]], *, dataset: str, words: int, measure: str,
    peers: list[str], config: BriefConfig | None = None,
    on_cluster: Callable[[str], None] | None = None,
    predictions: Callable[[str, str], None] | None = None, with_oracle: bool = False,
) -> Evaluation:
    """Run storyweave and the peers on every cluster; published outputs are scored as given; with
    `with_oracle`, the greedy extractive oracle too (an upper bound: it reads the references)."""
    runners: dict[str, Summarizer] = {"storyweave": storyweave_summarizer(config), **peer_summarizers(peers)}
    systems = {name: SystemScores(name) for name in runners}
    if with_oracle:
        systems[ORACLE] = SystemScores(ORACLE, bound=True)
    for cluster, published in clusters:
        if with_oracle:
            runners[ORACLE] = partial(oracle, references=cluster.references, measure=measure)
        for name, run in runners.items():
            start = time.perf_counter()
            summary = run(cluster.articles, words)
            systems[name].seconds.append(time.perf_counter() - start)
            systems[name].per_cluster.append(score(cluster.references, summary, words, measure))
            if name == "storyweave" and predictions is not None:
                predictions(cluster.id, summary)
        for name, summary in published.items():
            label = f"{name} (published)"
            systems.setdefault(label, SystemScores(label, published=True))
            systems[label].per_cluster.append(score(cluster.references, summary, words, measure))
        if on_cluster is not None:
            on_cluster(cluster.id)
    result = Evaluation(dataset, words, measure, systems)
    result.intervals = {metric: _versus_best_peer(result, metric) for metric in METRICS}
    return result


def _versus_best_peer(result: Evaluation, metric: str, seed: int = 0) -> dict[str, Any]:
    """storyweave minus the best peer (by mean), with a 95% paired bootstrap interval."""
    ours = result.systems["storyweave"].per_cluster
    peers = [s for name, s in result.systems.items()
             if name != "storyweave" and not s.bound and len(s.per_cluster) == len(ours)]
    if not peers or not ours:
        return {}
    best = max(peers, key=lambda s: s.mean(metric))
    differences = [a[metric] - b[metric] for a, b in zip(ours, best.per_cluster, strict=True)]
    generator = random.Random(seed)
    means = sorted(statistics.mean(generator.choices(differences, k=len(differences)))
                   for _ in range(BOOTSTRAP_SAMPLES))
    return {"best_peer": best.name, "difference": statistics.mean(differences),
            "low": means[int(0.025 * BOOTSTRAP_SAMPLES)], "high": means[int(0.975 * BOOTSTRAP_SAMPLES) - 1]}
