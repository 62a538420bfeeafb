"""Concept-coverage selection, for stories told by many articles.

A concept is a content word ("spill") or a pair of adjacent words, not both stop words ("relief
well", "death toll"), stemmed; its weight is the number of articles that use it (document
frequency, as in Gillick & Favre's ICSISumm, whose concepts are the pairs alone: the words as well
fill a summary with what the story is about, not only with its set phrases). The summary
greedily covers the most weight per word, with a prior for early and well-supported sentences;
when every shared concept is covered, the rest of the budget goes to the most important sentences
left. Document frequency says what a story is about when its articles are whole: on DUC 2004 (ten
articles a story) coverage beats maximal marginal relevance, and on two to four articles drawn from
each DUC cluster it beats MMR by 0.6-1.7 ROUGE-1 (MMR falls under the lead baseline there). In
lead paragraphs alone (Multi-News) it loses to MMR — see the README's Quality section. The default
selector ("auto") uses it for whole articles from two or more sources;
`BriefConfig(selector="coverage")` always.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.model import Sentence
from storyweave.nlp.claims import PRONOUN_SPEAKER, bare_quotation, commenter_voice, stem
from storyweave.summarize.align import DANGLING_START, Alignment
from storyweave.summarize.select import REDUNDANT, Candidate, summary_material

MIN_DOCUMENT_FREQUENCY = 2  # a concept one article uses is that article's, not the story's
PRIOR_WEIGHT = 2.0  # lead position prior, in units of concept weight per word
SCORE_WEIGHT = 1.0  # the fact's importance score (support, centrality, position, recency)

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")


Concept = tuple[str, ...]  # (stem,) or (stem, stem)


@lru_cache(maxsize=50_000)
def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The text's lowercased words and their stems."""
    tokens = _TOKEN.findall(text.lower())
    return tokens, [stem(t) for t in tokens]


@lru_cache(maxsize=50_000)
def word_pairs(text: str) -> frozenset[Concept]:
    tokens, stems = _tokens(text)
    return frozenset(
        (a, b) for a, b, ta, tb in zip(stems, stems[1:], tokens, tokens[1:], strict=False)
        if not (ta in STOP_WORDS and tb in STOP_WORDS)
    )


@lru_cache(maxsize=50_000)
def concepts(text: str) -> frozenset[Concept]:
    """The sentence's content words and word pairs (stemmed)."""
    tokens, stems = _tokens(text)
    return word_pairs(text) | {(s,) for s, t in zip(stems, tokens, strict=True) if t not in STOP_WORDS}


def concept_weights(sentences: list[Sentence], units: Callable[[str], frozenset[Concept]] = concepts,
                    ) -> dict[Concept, int]:
    """Each concept (by default; or word pair, with `units=word_pairs`) that two or more
    articles use, weighted by how many do."""
    by_article: dict[str, set[Concept]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.article_id, set()).update(units(sentence.text))
    frequency: Counter[Concept] = Counter()
    for found in by_article.values():
        frequency.update(found)
    return {c: n for c, n in frequency.items() if n >= MIN_DOCUMENT_FREQUENCY}


def select_by_coverage(
    candidates: list[Candidate], sentences: list[Sentence], alignment: Alignment, words: int,
    *, fill: bool = False,
) -> list[Candidate]:
    """Greedy weighted concept coverage per word, within the budget (`fill`: the last may overrun)."""
    weights = concept_weights(sentences)
    fact_score = {c.fact: c.score for c in candidates}
    usable = [i for i, material in enumerate(summary_material(sentences)) if material]
    prior = {i: PRIOR_WEIGHT * math.exp(-sentences[i].index / 6.0)
             + SCORE_WEIGHT * fact_score.get(alignment.fact_of[i], 0.0) for i in usable}
    covered: set[Concept] = set()
    chosen: list[Candidate] = []
    used = 0
    remaining = set(usable)
    # Each sentence's weight of concepts not yet covered, kept up to date as concepts are covered
    # (weights are whole counts, so the running sums are exact).
    gains: dict[int, int] = {}
    holders: dict[Concept, list[int]] = {}  # concept -> the sentences that hold it
    for i in usable:
        weighted = [c for c in concepts(sentences[i].text) if c in weights]
        gains[i] = sum(weights[c] for c in weighted)
        for concept in weighted:
            holders.setdefault(concept, []).append(i)

    # A sentence that leans on one before it ("He said ...", '"...," she said.', a quotation whose
    # speaker another sentence names) reads badly alone; a commenter's ("My sister got ...") is no news.
    standing = {i: 0.8 if DANGLING_START.match(sentences[i].text) or PRONOUN_SPEAKER.search(sentences[i].text)
                or bare_quotation(sentences[i].text) or commenter_voice(sentences[i].text)
                else 1.0 for i in usable}

    length_of = {i: sentences[i].words for i in usable}

    def value(i: int) -> float:
        gain = gains[i]
        worth = gain / length_of[i] + prior[i] if gain else 0.0
        return worth * standing[i]

    while remaining:
        best = max(sorted(remaining), key=value)
        worth = value(best)
        if worth <= 0:
            # Every shared concept is covered (two articles that share little): the rest of the
            # budget goes to the most important of what is left, as MMR would choose it.
            best = max(sorted(remaining), key=lambda i: prior[i])
            worth = prior[best]
        remaining.discard(best)
        length = length_of[best]
        if used + length > words and chosen and not fill:
            continue
        chosen.append(Candidate(alignment.fact_of[best], best, worth))
        used += length
        for concept in concepts(sentences[best].text) - covered:
            for i in holders.get(concept, ()):
                gains[i] -= weights[concept]
        covered |= concepts(sentences[best].text)
        # A paraphrase covers other word pairs but tells the reader nothing new: drop the other
        # tellings of this fact and whatever this sentence already says.
        # (and, the budget being firm, what no longer fits: it would only be passed over, one at a
        # time, each time after weighing all the rest)
        remaining = {i for i in remaining if alignment.fact_of[i] != alignment.fact_of[best]
                     and (fill or used + length_of[i] <= words)
                     and alignment.similarity[best, i] < REDUNDANT
                     and not alignment.supports(sentences[best], sentences[i], check_numbers=False)}
        if used >= words:
            break
    return chosen
