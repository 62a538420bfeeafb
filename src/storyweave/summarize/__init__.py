"""Summarize: align sentences into facts, then select and order a cited summary.

    facts, summary = summarize(articles, sentences, embeddings, words=200)
"""

from __future__ import annotations

import numpy as np

from storyweave.model import Article, Fact, Sentence, SummarySentence
from storyweave.summarize.align import FACT_THRESHOLD, align_sentences
from storyweave.summarize.concepts import select_by_coverage
from storyweave.summarize.select import (
    HAND_SET,
    Scorer,
    order_and_cite,
    score_candidates,
    select_summary,
    told_in_leads,
)

__all__ = ["SELECTORS", "choose_selector", "summarize"]

# How summary sentences are chosen (BriefConfig.selector, "auto" by default: see choose_selector):
# "mmr": importance (support, centrality, position, recency) with maximal marginal relevance;
# "coverage": weighted concept coverage (document frequency of words and word pairs) with that
# importance as a prior.
SELECTORS = {"mmr": select_summary, "coverage": select_by_coverage}
# "auto" (the default) picks one per story: concept coverage where document frequencies mean
# something, whole articles from two sources or more; MMR for one article, or for leads only.
COVERAGE_FROM_ARTICLES = 2


def choose_selector(name: str, per_article: list[list[Sentence]]) -> str:
    if name != "auto":
        return name
    told = [sentences for sentences in per_article if sentences]
    return "coverage" if len(told) >= COVERAGE_FROM_ARTICLES and not told_in_leads(told) else "mmr"


def summarize(
    articles: list[Article], sentences: list[Sentence], embeddings: np.ndarray, *, words: int = 200,
    fact_threshold: float = FACT_THRESHOLD, fill: bool = False, selector: str = "mmr",
    scorer: Scorer = HAND_SET,
) -> tuple[list[Fact], list[SummarySentence]]:
    alignment = align_sentences(sentences, embeddings, threshold=fact_threshold)
    lengths: dict[str, int] = {}
    for sentence in sentences:
        lengths[sentence.article_id] = max(lengths.get(sentence.article_id, 0), sentence.index + 1)
    by_id = {article.id: article for article in articles}
    candidates = score_candidates(sentences, alignment, embeddings, by_id, scorer)
    chosen = SELECTORS[selector](candidates, sentences, alignment, words, fill=fill)
    summary = order_and_cite(chosen, sentences, alignment, by_id, lengths)
    return alignment.facts, summary
