"""The greedy extractive oracle: the summary an extractive system could reach if it knew the
human summaries (Nallapati et al. 2017). It reads the references, so it is an upper bound, not a
peer: an evaluation prints it beside the systems, and no difference is measured against it.

It adds, one at a time, the sentence (of the same sentences the peers see) that most raises
ROUGE-1 + ROUGE-2 of the summary cut to the word budget, averaged over the references with the
evaluation's own measure, and stops when no sentence raises it or the budget is full.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from storyweave.model import Article
from storyweave.nlp.sentences import split_text

Grams = tuple[Counter[str], Counter[tuple[str, str]]]


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - rouge_score's, so tokens match the scorer's exactly
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=True)


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    """rouge-score's tokens of one whitespace word: a text's tokens are its words' tokens in turn."""
    return tuple(_tokenizer().tokenize(word))


def _grams(tokens: list[str]) -> Grams:
    return Counter(tokens), Counter(zip(tokens, tokens[1:], strict=False))


def _rouge(summary: Grams, reference: Grams, measure: str) -> float:
    """ROUGE-1 + ROUGE-2, recall or F1."""
    total = 0.0
    for mine, theirs in zip(summary, reference, strict=True):
        hits = sum((mine & theirs).values())
        if not hits:
            continue
        recall = hits / sum(theirs.values())
        precision = hits / sum(mine.values())
        total += recall if measure == "recall" else 2 * precision * recall / (precision + recall)
    return total


def oracle(articles: list[Article], words: int, references: list[str], measure: str) -> str:
    """The greedy oracle summary of the articles against the references (measure: recall or f1)."""
    sentences = [s for article in articles for s in split_text(article.text)]
    per_word = [[_word_tokens(w) for w in s.split()] for s in sentences]
    targets = [_grams([t for w in r.split() for t in _word_tokens(w)]) for r in references]

    def value(summary_words: list[tuple[str, ...]]) -> float:
        grams = _grams([t for w in summary_words[:words] for t in w])
        return sum(_rouge(grams, target, measure) for target in targets) / max(1, len(targets))

    chosen: list[int] = []
    summary: list[tuple[str, ...]] = []
    best = 0.0
    remaining = set(range(len(sentences)))
    while remaining and len(summary) < words:
        gain, pick = max((value(summary + per_word[i]), -i) for i in remaining)
        if gain <= best:
            break
        best = gain
        chosen.append(-pick)
        summary += per_word[-pick]
        remaining.discard(-pick)
    return " ".join(sentences[i] for i in chosen)
