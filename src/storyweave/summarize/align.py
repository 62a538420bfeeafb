"""Cross-article alignment: group sentences that tell the same fact into `Fact`s.

Two sentences tell the same fact when their meaning (embedding cosine) and their content words
(names, numbers, key terms) both agree. Groups are formed by average-linkage clustering, which,
unlike linking every similar pair, does not chain unrelated sentences through a middle one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from storyweave.model import Fact, Sentence
from storyweave.nlp.claims import (
    PRONOUN_SPEAKER,
    claim_text,
    content_words,
    main_clause,
    negated,
    numbers_in,
    predicate_words,
)

# Weight of meaning vs shared content words, and the similarity at which two sentences are one fact.
SEMANTIC_WEIGHT = 0.5
FACT_THRESHOLD = 0.55


@dataclass
class Tellings:
    """An article's sentences in order, with the content words of each and of them all."""

    sentences: list[Sentence]
    each: list[frozenset[str]] = field(init=False)
    words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.each = [content_words(claim_text(s.text)) for s in self.sentences]
        self.words = frozenset().union(*self.each)

    def readings(self) -> Iterator[tuple[Sentence, frozenset[str]]]:
        """Each sentence with its words; in a degraded article also each two side by side as one."""
        yield from zip(self.sentences, self.each, strict=True)
        if self.sentences and self.sentences[0].degraded:
            pairs = itertools.pairwise(zip(self.sentences, self.each, strict=True))
            for (first, words), (second, more) in pairs:
                yield replace(first, text=f"{first.text} {second.text}"), words | more


def lexical_similarity(words: list[frozenset[str]]) -> np.ndarray:
    """Pairwise overlap of content words: |A & B| / sqrt(|A| |B|) (a cosine over word sets)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, bag in enumerate(words):
        for word in bag:
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                        shape=(len(words), max(1, len(vocabulary))))
    shared = (matrix @ matrix.T).toarray()
    sizes = np.sqrt(np.maximum(np.asarray(matrix.sum(axis=1)).ravel(), 1.0))
    return shared / np.outer(sizes, sizes)


# To support a sentence, another must carry this share of its (IDF-weighted) content words...
SUPPORT_THRESHOLD = 0.5
# ...or this share, where the sentence that carries them was grouped with another fact
UNGROUPED_SUPPORT_THRESHOLD = 0.7
# ...and this share of what its main clause says beyond names: "Carraway stepped aside" is not
# supported by "Council members called on Carraway to resign", however much else they share.
PREDICATE_THRESHOLD = 0.4
# A claim with fewer content words is supported only by a near-identical one.
MIN_CLAIM_WORDS = 4


@dataclass
class Alignment:
    facts: list[Fact]
    fact_of: list[int]  # sentence index -> fact index
    similarity: np.ndarray  # combined pairwise similarity of the sentences
    idf: dict[str, float]  # content-word weights over the story's sentences

    def supporting_articles(self, sentence: Sentence, fact: Fact,
                            others: Mapping[str, Tellings] | None = None) -> list[str]:
        """The articles of a fact whose telling supports this sentence of it, and of `others`
        those that tell it in a sentence grouped elsewhere.

        Support needs most of the sentence's distinctive content (rare words weigh more, so a
        shared background clause does not count as telling the news) and no conflicting number.
        """
        supporting = [sentence.article_id]
        for member in fact.sentences + fact.related:
            if member.article_id not in supporting and self.supports(member, sentence):
                supporting.append(member.article_id)
        # A sentence that also tells other things may be grouped with another fact, and a
        # degraded article's boundaries are guesses (one of its "sentences" may hold the end of
        # one and the start of the next), so its sentences are read two side by side as well.
        words = content_words(claim_text(sentence.text))
        for article_id, told in (others or {}).items():
            # most articles and sentences share too few words to tell it: skipped before the full test
            if article_id in supporting or 2 * len(words & told.words) < len(words):
                continue
            threshold = UNGROUPED_SUPPORT_THRESHOLD
            if any(2 * len(words & told_words) >= len(words)
                   and (len(words) < MIN_CLAIM_WORDS or self._coverage(words, told_words) >= threshold)
                   and self.supports(member, sentence, threshold=threshold)
                   for member, told_words in told.readings()):
                supporting.append(article_id)
        return supporting

    def supports(self, member: Sentence, sentence: Sentence, *, check_numbers: bool = True,
                 threshold: float = SUPPORT_THRESHOLD) -> bool:
        """Does `member` tell what `sentence` says? (Not symmetric: a longer sentence may
        support a shorter one that it contains.)"""
        if check_numbers:
            numbers, theirs = numbers_in(sentence.text), numbers_in(member.text)
            if numbers and theirs and not theirs <= numbers and not numbers <= theirs:
                return False
        claim = claim_text(sentence.text)
        told = content_words(claim_text(member.text))
        words = content_words(claim)
        if not words & told:
            return False  # sharing no word, it tells nothing of it (checked first: most pairs)
        if negated(claim) != negated(claim_text(member.text)):
            return False  # "he has swine flu" is not supported by "he does not have swine flu"
        if len(words) < MIN_CLAIM_WORDS:  # "And that was before swine flu": too little to check
            return len(words & told) / max(1, len(words | told)) >= 0.6
        predicate = content_words(predicate_words(main_clause(claim)))
        return (self._coverage(words, told) >= threshold
                and self._coverage(predicate, told) >= PREDICATE_THRESHOLD)

    def _coverage(self, words: frozenset[str], told: frozenset[str]) -> float:
        total = sum(self.idf.get(w, 1.0) for w in words)
        return sum(self.idf.get(w, 1.0) for w in words & told) / total if total else 1.0


def align_sentences(
    sentences: list[Sentence], embeddings: np.ndarray, *, threshold: float = FACT_THRESHOLD
) -> Alignment:
    """Group equivalent sentences across articles; each group becomes a Fact."""
    n = len(sentences)
    if n == 0:
        return Alignment([], [], np.zeros((0, 0)), {})
    words = [content_words(claim_text(s.text)) for s in sentences]
    document_frequency: dict[str, int] = {}
    for bag in words:
        for word in bag:
            document_frequency[word] = document_frequency.get(word, 0) + 1
    idf = {w: float(np.log((n + 1) / (df + 1)) + 1.0) for w, df in document_frequency.items()}
    similarity = (SEMANTIC_WEIGHT * (embeddings @ embeddings.T)
                  + (1 - SEMANTIC_WEIGHT) * lexical_similarity(words))
    np.fill_diagonal(similarity, 1.0)
    labels = _average_linkage(similarity, threshold) if n > 1 else np.zeros(1, dtype=int)

    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    alignment = Alignment([], [0] * n, similarity, idf)
    told: list[tuple[Fact, list[int]]] = []
    pending = list(members.values())
    while pending:
        group = pending.pop()
        best = best_telling(group, group, sentences, similarity)
        # Clustering groups sentences on the same subject; a fact keeps only those that tell
        # the same thing as its representative (each supports the other), the rest form other
        # facts. Numbers are ignored here: "12 hurt" and "14 hurt" are one fact, told differently.
        same = [i for i in group if i == best
                or alignment.supports(sentences[i], sentences[best], check_numbers=False)
                and alignment.supports(sentences[best], sentences[i], check_numbers=False)]
        rest = [i for i in group if i not in same]
        if rest:
            pending.append(rest)
        fact = Fact(text=sentences[best].text, sentences=[sentences[i] for i in same], articles=[],
                    related=[sentences[i] for i in rest])
        fact.articles = alignment.supporting_articles(sentences[best], fact)
        told.append((fact, same))
    # Most widely reported first; ties in reading order.
    told.sort(key=lambda pair: (-len(pair[0].articles), min(pair[1])))
    for fact_index, (fact, group) in enumerate(told):
        alignment.facts.append(fact)
        for i in group:
            alignment.fact_of[i] = fact_index
    return alignment


def _average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


# Sentences that lean on a previous one read badly out of context.
DANGLING_START = re.compile(
    r"^(?:he|she|they|it|his|her|their|its|this|that|these|those|but|and|so|also|however|meanwhile"
    r"|still|yet|instead|then|there|moreover|furthermore|besides|nevertheless|nonetheless|therefore|thus(?! far)"
    r"|consequently|likewise|similarly|otherwise|as a result|in addition|in turn|in fact|for example"
    r"|for instance|on the other hand)\b"
    r"|^(?:\S+\s+){1,3}however\b",  # "The quake however had ..."
    re.IGNORECASE,
)


def best_telling(candidates: list[int], group: list[int], sentences: list[Sentence],
                 similarity: np.ndarray) -> int:
    """Of the candidates, the sentence that best tells the group's fact: clean (not degraded),
    central to the group, of a readable length, standing on its own, with a named speaker."""

    def quality(i: int) -> float:
        text = sentences[i].text
        centrality = float(similarity[i, group].mean())
        length_fit = 1.0 if 10 <= sentences[i].words <= 40 else 0.8
        named = 0.9 if PRONOUN_SPEAKER.search(text) else 1.0
        leaning = 0.7 if DANGLING_START.match(text) else 1.0
        return centrality * length_fit * named * leaning - (1.0 if sentences[i].degraded else 0.0)

    return candidates[0] if len(candidates) == 1 else max(candidates, key=quality)
