"""Degraded text: detect articles that arrived lowercased or stripped of punctuation, and repair them.

Repair uses the other articles of the same story where it can: they tell which words are names
("sessions" -> "Sessions", "fbi" -> "FBI") and which words tend to start or end a sentence (so a
run of spaces left where punctuation was becomes a full stop or a comma). Where the spaces were
collapsed too, a boundary model trained on news prose (`boundary_model.npz`, a logistic regression
over the words about each gap, by scripts/train_boundary_model.py) weighs every gap between two
words, with what the story's clean articles say there: how often they end a sentence on the first
word and open one on the second, and whether they put the pair inside a sentence or across a
boundary. Without clean siblings a general fallback still restores sentence starts, "I", weekdays
and months. benchmarks/bench_degraded.py measures it.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.nlp.sentences import TITLES, continues_sentence, is_verb_form

LOWERCASED = "lowercased"
PUNCTUATION_STRIPPED = "punctuation stripped"

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
_ALWAYS_CAPITALISED = {
    w.lower(): w
    for w in (
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February April June "
        "July August September October November December I"
    ).split()
}
_CONTRACTIONS = re.compile(r"\b(\w+?)(n) t\b|\b(\w+) (s|ll|re|ve|m|d)\b", re.IGNORECASE)
def detect_degradation(text: str) -> list[str]:
    """Which kinds of degradation a text shows: lowercased, punctuation stripped, or none.
    Lowercased also covers a text whose sentence starts were capitalised again but not its names
    ("the fbi director james comey said"): news prose capitalises 6-20% of the words inside its
    sentences (DUC 2004: 5.7% at the 1st percentile), such text none."""
    return list(_degradation(text))


@lru_cache(maxsize=256)  # cleaning and repair both ask
def _degradation(text: str) -> tuple[str, ...]:
    letters = sum(map(str.isalpha, text))  # map: no Python frame per character
    words = len(text.split())
    flags = []
    if letters >= 150 and (_capitals(text) < NO_CAPITALS or _inner_capitals(text) < 0.01):
        flags.append(LOWERCASED)
    if words >= 40:
        marks = len(re.findall(r"[.!?,;:](?=\s|$)", text))
        if marks / words < 0.015:
            flags.append(PUNCTUATION_STRIPPED)
    return tuple(flags)


MIN_INNER_WORDS = 80
NO_CAPITALS = 0.003  # of a text's letters: a text under it was lowercased whole, sentence starts too


def _capitals(text: str) -> float:
    """The share of a text's letters that are capitals."""
    return sum(map(str.isupper, text)) / max(1, sum(map(str.isalpha, text)))  # map: no Python frame per character


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


def _inner_capitals(text: str) -> float:
    """The share of words inside sentences (not opening one) that start with a capital."""
    inner = capitalised = 0
    for sentence in _SENTENCE_SPLIT.split(text):
        tokens = _WORD.findall(sentence)[1:]
        inner += len(tokens)
        capitalised += sum(token[0].isupper() for token in tokens)
    # Too few words to tell: a short text may name nobody.
    return capitalised / inner if inner >= MIN_INNER_WORDS else 1.0


@dataclass
class StoryHints:
    """What the clean articles of a story tell about casing and sentence boundaries."""

    casing: dict[str, str] = field(default_factory=dict)  # "sessions" -> "Sessions"
    start_rate: dict[str, float] = field(default_factory=dict)  # how often a word opens a sentence
    end_rate: dict[str, float] = field(default_factory=dict)  # how often a word closes one
    seen: dict[str, int] = field(default_factory=dict)  # how often the clean articles use each word
    # Pairs of words side by side in the clean articles: inside a sentence, and across a boundary
    # (last word, next sentence's first). Outlets share phrases, and wire copy whole sentences.
    within: Counter[tuple[str, str]] = field(default_factory=Counter)
    across: Counter[tuple[str, str]] = field(default_factory=Counter)
    # How often a pair of words opens a sentence, and how often one closes it ("he said").
    opening_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    closing_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    # The four words about a gap, two either side, and whether a sentence ended there: a copy of
    # the same passage (wire copy run by several outlets) tells it for certain.
    context: Counter[tuple[str, str, str, str, bool]] = field(default_factory=Counter)

    @classmethod
    def from_texts(cls, texts: list[str]) -> StoryHints:
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        counted = BoundaryCounts()
        for text in texts:
            split = re.split(r"(?<=[.!?])[\"')\]]*\s+|\n+", text)
            # boundaries are counted over the words as the boundary model reads them ("2016", "us")
            counted.add([[key for word in sentence.split() if (key := boundary_key(word))] for sentence in split])
            for tokens in filter(None, map(_WORD.findall, split)):
                for token in tokens[1:]:  # a sentence's first word is capitalised whatever it is
                    forms[token.lower()][token] += 1
        casing = {}
        for key, counter in forms.items():
            form, count = counter.most_common(1)[0]
            if form != key and key not in STOP_WORDS and count / sum(counter.values()) >= 0.6:
                casing[key] = form
        total = counted.total
        # One pseudo-occurrence mid-sentence keeps a word seen once from counting as certain.
        start_rate = {w: n / (total[w] + 1) for w, n in counted.starts.items()}
        end_rate = {w: n / (total[w] + 1) for w, n in counted.ends.items()}
        return cls(casing, start_rate, end_rate, dict(total), counted.within, counted.across,
                   counted.opening, counted.closing, counted.context)


@dataclass
class BoundaryCounts:
    """How words sit at the sentence boundaries of clean text: each word's uses, and how often it
    opens or closes a sentence; pairs of words side by side inside a sentence, across a boundary,
    opening or closing one; and the four words about each gap (two either side), across a
    boundary or not. Counted over a story's clean articles (`StoryHints`)."""

    total: Counter[str] = field(default_factory=Counter)
    starts: Counter[str] = field(default_factory=Counter)
    ends: Counter[str] = field(default_factory=Counter)
    within: Counter[tuple[str, str]] = field(default_factory=Counter)
    across: Counter[tuple[str, str]] = field(default_factory=Counter)
    opening: Counter[tuple[str, str]] = field(default_factory=Counter)
    closing: Counter[tuple[str, str]] = field(default_factory=Counter)
    context: Counter[tuple[str, str, str, str, bool]] = field(default_factory=Counter)

    def add(self, sentences: list[list[str]]) -> None:
        """Count one document's sentences, each a list of lowercased words, in order."""
        words = [word for sentence in sentences for word in sentence]
        ends = set(itertools.accumulate(len(sentence) for sentence in sentences))
        self.context.update((*words[i - 1:i + 3], i + 1 in ends) for i in range(1, len(words) - 2))
        last = None
        for words in sentences:
            if not words:
                continue
            self.total.update(words)
            self.starts[words[0]] += 1
            self.ends[words[-1]] += 1
            self.within.update(zip(words, words[1:], strict=False))
            if len(words) > 1:
                self.opening[(words[0], words[1])] += 1
                self.closing[(words[-2], words[-1])] += 1
            if last is not None:
                self.across[(last, words[0])] += 1
            last = words[-1]


class Repair(NamedTuple):
    """A degraded text repaired: the text, counts of what was repaired, and the word spans (start,
    end; words of the repaired text split on whitespace) of the sentences whose boundaries are a
    guess the boundary model was not sure of (`SURE_LOG_ODDS`)."""

    text: str
    counts: dict[str, int]
    guessed: tuple[tuple[int, int], ...] = ()


def repair_text(text: str, flags: list[str], hints: StoryHints) -> Repair:
    """Repair a degraded text (see `Repair`)."""
    counts = {"boundaries": 0, "cased": 0}
    guessed: list[tuple[int, int]] = []
    # News prose's names ("obama" -> "Obama") only for text lowercased whole: where a process gave
    # its sentence starts their capitals again (Multi-News), the table re-cased names by halves
    # ("Charlie hebdo") and moved the learned summary scorer (Multi-News 0-599 ROUGE-2 -0.06).
    lowercased_whole = _capitals(text) < NO_CAPITALS
    if PUNCTUATION_STRIPPED in flags:
        text = _CONTRACTIONS.sub(_join_contraction, text)
        paragraphs, words = [], 0  # words: of the paragraphs restored so far
        for paragraph in re.split(r"\n\s*\n|\n", text):
            restored, unsure = _restore_punctuation(paragraph, hints, counts)
            if restored:
                paragraphs.append(restored)
                guessed += [(words + start, words + end) for start, end in unsure]
                words += len(restored.split())
        text = "\n\n".join(paragraphs)
    if LOWERCASED in flags:
        text = _restore_case(text, hints, counts, lowercased_whole)
    return Repair(text, counts, tuple(guessed))


def _join_contraction(match: re.Match[str]) -> str:
    """ "don t" -> "don't", "volkov s" -> "volkov's", "i m" -> "i'm": an apostrophe was removed."""
    if match.group(2):
        return f"{match.group(1)}{match.group(2)}'t"
    word, suffix = match.group(3), match.group(4)
    if word.isalpha():
        return f"{word}'{suffix}"
    return match.group(0)


def _restore_punctuation(paragraph: str, hints: StoryHints, counts: dict[str, int]
                         ) -> tuple[str, list[tuple[int, int]]]:
    """Runs of 2+ spaces mark removed punctuation: each becomes a full stop or a comma. The
    boundary model weighs every gap, a run as likelier to end a sentence and a gap without one as
    less (`RUN_LOG_ODDS`, `NO_RUN_LOG_ODDS`); where the spaces were collapsed too, only the words
    tell. A paragraph of one run of few words (a headline) is left whole. Returns the paragraph and
    the word spans of its sentences whose boundaries are unsure (`unsure_sentences`)."""
    chunks = [chunk.split() for chunk in re.split(r" {2,}|\t", paragraph) if chunk.strip()]
    words = [word for chunk in chunks for word in chunk]
    if not words:
        return "", []
    runs = set(itertools.accumulate(len(chunk) for chunk in chunks[:-1]))  # words that follow a run
    cuts: list[int] = []
    unsure: list[tuple[int, int]] = []
    if len(words) > RUN_ON_WORDS or runs:
        log_odds = _gap_log_odds([boundary_key(word) for word in words], hints)
        if runs:
            log_odds = [odds + (RUN_LOG_ODDS if gap + 1 in runs else NO_RUN_LOG_ODDS)
                        for gap, odds in enumerate(log_odds)]
        cuts = sentence_starts(log_odds)
        unsure = unsure_sentences(log_odds, cuts)
    counts["boundaries"] += len(cuts)
    starts = set(cuts)
    out = words[:1]
    for index, word in enumerate(words[1:], start=1):
        if index in runs or index in starts:
            out[-1] += "." if index in starts else ","
        out.append(word)
    text = " ".join(out)
    return (text + "." if text[-1].isalnum() else text), unsure


# How sure a guessed sentence must be, in log odds, that it opens and ends where it does and runs
# on past no boundary, to be shown as a whole sentence (in a summary). On DUC 2004's articles
# stripped of marks with the story's other articles as siblings (benchmarks/bench_degraded.py), a
# sentence this sure is one of the original's sentences exactly 85% of the time (33% of all guessed
# sentences), 78% where each mark left a run of spaces (41%). Summaries of 200 words with articles
# 1, 4 and 7 of each story stripped in turn take 8 pieces of sentences among 65 from them, against
# 180 among 321 with no margin (1.5: 22 among 90; 2.5: 2 among 52).
SURE_LOG_ODDS = 2.0


def unsure_sentences(log_odds: list[float], cuts: list[int]) -> list[tuple[int, int]]:
    """The word spans (start, end) of the sentences between `cuts` whose margin is under
    `SURE_LOG_ODDS`: the log odds of the boundary at either end (a paragraph's edge is sure) and
    against one at every gap inside."""
    edge = [math.inf, *log_odds, math.inf]  # edge[i]: the boundary before word i
    spans = zip([0, *cuts], [*cuts, len(log_odds) + 1], strict=True)
    return [(start, end) for start, end in spans
            if min(edge[start], edge[end], -max(log_odds[start:end - 1], default=-math.inf)) < SURE_LOG_ODDS]


# a title's abbreviation, a place's ("st. louis", "mt. everest") or an initial ("wesley k. clark")
# comes before a name
_AFTER_TITLE = re.compile(rf"(?:^|[\s(])(?:{'|'.join(sorted(TITLES | {'st', 'mt', 'ft'}))}|[a-z])\.$", re.IGNORECASE)


def _restore_case(text: str, hints: StoryHints, counts: dict[str, int], general: bool) -> str:
    # Only the words that have a cased form are looked at: one pattern of those the text uses, not
    # a Python call for each of its words.
    used = {word.lower() for word in set(_WORD.findall(text))}
    forms = {word: form for word in used if (form := _cased_form(word, hints, general))}

    def case_word(match: re.Match[str]) -> str:
        word = match.group()
        form = forms[word.lower()]
        if form != word:
            counts["cased"] += 1
            return form
        return word

    if forms:
        alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        text = re.sub(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", case_word, text, flags=re.IGNORECASE)
    if general:
        text = _name_continuations(text, hints, counts)
    # Capitalise sentence starts (after . ! ? and at paragraph starts, past opening quotes), not a
    # word after an abbreviation's period ("levin (mich.) and claire"), but a name after a title's
    # ("sens. carl levin").
    def start(match: re.Match[str]) -> str:
        opening = match.group(1) + match.group(2)
        if match.group(1)[:1] == ".":
            previous = text[max(0, match.start(1) - 40):match.end(1)].rstrip()  # its last words are enough
            if not _AFTER_TITLE.search(previous) and continues_sentence(previous, text[match.start(3):]):
                return opening + match.group(3)
        return opening + match.group(3).upper()

    return re.sub(r"(^|[.!?][\"')\]]*\s+|\n\s*)([\"'(\[]*)([a-z])", start, text)


# A word after a name opener goes on the name if English uses it less often than this (wordfreq's Zipf
# scale: 4 is once in 100,000 words). On DUC 2004 lowercased whole with no sibling
# (benchmarks/bench_degraded.py) names come back 48.4% of the time against 45.7% without the rule,
# and 28 more of 226,506 lowercase words are capitalised (chosen with the nicknames' names alone,
# before places were left out: 3.5 gave 47.3%, 3.0 47.2%, with fewer false capitals; 4.0 47.5%).
SURNAME_MAX_ZIPF = 4.0


def _name_continuations(text: str, hints: StoryHints, counts: dict[str, int]) -> str:
    """ "Claire mccaskill" -> "Claire McCaskill": after a given name or another word that opens names
    (`name_openers`), capitalised, a rare word that is no verb and that the story's clean articles
    do not use otherwise goes on the name (the table knows common names, not every surname)."""
    from wordfreq import zipf_frequency

    openers = name_openers()

    def surname(match: re.Match[str]) -> str:
        first, word = match.group(1), match.group(2)
        if (first.lower() not in openers or word in STOP_WORDS or is_verb_form(word) or word in hints.seen
                or zipf_frequency(word, "en") >= SURNAME_MAX_ZIPF):
            return match.group()
        counts["cased"] += 1
        if word.startswith("mc") and len(word) > 3:  # "mccaskill" -> "McCaskill"
            return f"{first} Mc{word[2].upper()}{word[3:]}"
        return f"{first} {word[0].upper()}{word[1:]}"

    return re.sub(r"(?<![\w'’-])([A-Z][a-z]+) ([a-z][a-z'’-]{2,})(?![\w'’-])", surname, text)


# Names in the `nicknames` table that news prose mostly writes for a place, a people, a party or a
# firm, or as a suffix ("Dutch comedian", "Georgia peaches", "Ford Motor", "Jr").
_NOT_GIVEN_NAMES = frozenset(
    "alberta alexandria arizona california columbus dutch florence ford georgia india indy jr orlando "
    "philadelphia philly smith sydney tory victoria virginia washington".split())


@lru_cache(maxsize=1)
def name_openers() -> frozenset[str]:
    """Words after which a rare word goes on a name: those the casing table found opening names
    (another capitalised word follows them four times in five: "Barack", "Hong", "Mr") and the
    given names of the `nicknames` package's table that news prose capitalises, less
    `_NOT_GIVEN_NAMES`; months ("August") are none."""
    import csv

    import nicknames

    table = Path(nicknames.__file__).parent / "names.csv"
    with table.open(encoding="utf-8") as rows:
        names = {name for row in csv.reader(rows) for name in (row[0], row[2])}
    given = names & general_casing().keys() - _NOT_GIVEN_NAMES
    return frozenset((given | set(_casing_table().get("openers", []))) - _ALWAYS_CAPITALISED.keys())


def _cased_form(word: str, hints: StoryHints, general: bool) -> str | None:
    """How a lowercased word is written: as the story's clean articles write it; else, if they do
    not use it and `general`, as news prose nearly always writes it (`casing.json`: "obama" ->
    "Obama", "bp" -> "BP"); weekdays, months and "I" always capitalised."""
    if form := hints.casing.get(word) or _ALWAYS_CAPITALISED.get(word):
        return form
    return general_casing().get(word) if general and word not in hints.seen else None


CASING_FILE = Path(__file__).parent / "casing.json"


@lru_cache(maxsize=1)
def _casing_table() -> dict:
    return json.loads(CASING_FILE.read_text()) if CASING_FILE.exists() else {}


def general_casing() -> dict[str, str]:
    """Words news prose writes capitalised inside its sentences nine times in ten or more
    (scripts/build_casing_table.py); empty where the file is missing."""
    return _casing_table().get("forms", {})


# A paragraph of more words than this without a mark or a run of spaces is several sentences.
RUN_ON_WORDS = 40
# Added to the boundary model's log odds at a run of spaces (a mark was there: a full stop or a
# comma) and at a gap without one (a mark rarely leaves none where others left runs). Chosen on
# Multi-News clusters 0-149 with every mark replaced by a space: boundary F1 0.56 at +1, +1.5
# and +2, 0.54 at 0; 0.40 with the story's rates and a list of usual openers, as before.
RUN_LOG_ODDS = 1.0
NO_RUN_LOG_ODDS = -3.0
MIN_SENTENCE_WORDS = 4
MAX_SENTENCE_WORDS = 45
_PRIOR_SENTENCE_WORDS = 22  # news sentences' mean length: a boundary follows one word in this many
_PSEUDO_COUNT = 3.0  # of the prior rate, added to a word's counts in the story
BOUNDARY_MODEL_FILE = Path(__file__).parent / "boundary_model.npz"
HASHED_FEATURES = 2**20


def _story_evidence(previous: str, following: str, hints: StoryHints, before: str = "",
                    after: str = "") -> tuple[float, float, float]:
    """What the story's clean articles say of a sentence ending between `previous` and `following`
    (`before` and `after`: the words either side of them), as log odds over the prior's (0: they
    say nothing): of the words, naive Bayes over how often the first closes a sentence there and
    the second opens one, and the pairs either side where the articles use them; of the pair
    itself, where the articles use it; and of the four words, where they are a copy's."""
    prior = 1.0 / _PRIOR_SENTENCE_WORDS

    def rate(word: str, story: dict[str, float]) -> float:
        value = story.get(word)
        if value is None:
            return prior
        seen = hints.seen.get(word, 0)
        return (value * seen + prior * _PSEUDO_COUNT) / (seen + _PSEUDO_COUNT)

    def odds(p: float) -> float:
        p = min(max(p, 1e-4), 1 - 1e-4)
        return p / (1 - p)

    prior_odds = odds(prior)
    end, start = rate(previous, hints.end_rate), rate(following, hints.start_rate)
    # the pair of words either side ("he said | the", "said | he said"), where it is known, with
    # the single word's rate as a prior
    if before and (uses := hints.within.get((before, previous), 0)):
        end = (hints.closing_pairs.get((before, previous), 0) + _PSEUDO_COUNT * end) / (uses + _PSEUDO_COUNT)
    if after and (uses := hints.within.get((following, after), 0)):
        start = (hints.opening_pairs.get((following, after), 0) + _PSEUDO_COUNT * start) / (uses + _PSEUDO_COUNT)
    words = odds(end) / prior_odds * odds(start) / prior_odds * prior_odds
    pair = (previous, following)
    inside, between = hints.within.get(pair, 0), hints.across.get(pair, 0)
    # the pair's own record, where it has one, with the words' odds as a prior
    pair_odds = (between + words) / (inside + 1) if inside or between else words
    context = (before, previous, following, after)
    copied = math.log((1 + hints.context.get((*context, True), 0)) / (1 + hints.context.get((*context, False), 0)))
    return (min(6.0, max(-6.0, math.log(max(words, 1e-9) / prior_odds))),
            min(6.0, max(-6.0, math.log(max(pair_odds, 1e-9) / max(words, 1e-9)))), copied)


def boundary_key(word: str) -> str:
    """A word as the boundary model knows it: lowercased, without marks ("U.S." -> "us")."""
    return _MARKS.sub("", word.lower())


_MARKS = re.compile(r"[^\w]")


def gap_features(keys: list[str], gap: int) -> list[str]:
    """The words about the gap after `keys[gap]` (lowercased, marks removed), as the boundary
    model reads them: each word either side, the pair across the gap, the pairs and triples that
    end or open there."""
    a, b = keys[gap], keys[gap + 1]
    p = keys[gap - 1] if gap else "<s>"
    n = keys[gap + 2] if gap + 2 < len(keys) else "</s>"
    return [f"a={a}", f"b={b}", f"ab={a} {b}", f"pa={p} {a}", f"bn={b} {n}", f"pab={p} {a} {b}",
            f"abn={a} {b} {n}", f"p={p}", f"n={n}", "bias"]


@dataclass(frozen=True)
class BoundaryModel:
    """A logistic regression over the words about each gap (hashed `gap_features`) and the story's
    own evidence, trained on news prose (scripts/train_boundary_model.py)."""

    weights: np.ndarray  # one per hashed feature
    intercept: float
    story_weights: np.ndarray  # of the story's evidence of the words, of the pair, of a copy
    offset: float  # added to the log odds when deciding: where recall and precision balance

    def log_odds(self, keys: list[str], hints: StoryHints) -> np.ndarray:
        """The log odds that a sentence ends at each gap of `keys` (len(keys) - 1 of them)."""
        hashed, story = boundary_inputs(keys, hints)
        return hashed @ self.weights + self.intercept + story @ self.story_weights + self.offset


def boundary_inputs(keys: list[str], hints: StoryHints) -> tuple[sparse.csr_matrix, np.ndarray]:
    """For each gap of `keys`: its hashed `gap_features`, and the story's evidence there (three
    columns: the words', the pair's, a copy's)."""
    gaps = range(len(keys) - 1)
    hashed = _hasher().transform(gap_features(keys, gap) for gap in gaps)
    story = np.array([_story_evidence(keys[g], keys[g + 1], hints, keys[g - 1] if g else "",
                                      keys[g + 2] if g + 2 < len(keys) else "") for g in gaps]).reshape(-1, 3)
    return hashed, story


@lru_cache(maxsize=1)
def _hasher() -> FeatureHasher:
    return FeatureHasher(n_features=HASHED_FEATURES, input_type="string", alternate_sign=False)


@lru_cache(maxsize=1)
def boundary_model() -> BoundaryModel | None:
    """The shipped boundary model, or None where its file is missing (then the story's clean
    articles alone decide, `_gap_log_odds`)."""
    if not BOUNDARY_MODEL_FILE.exists():
        return None
    with np.load(BOUNDARY_MODEL_FILE) as data:
        return BoundaryModel(data["weights"].astype(np.float32), float(data["intercept"]),
                             data["story_weights"].astype(np.float64), float(data["offset"]))


def _gap_log_odds(keys: list[str], hints: StoryHints) -> list[float]:
    """The log odds of a sentence ending at each gap of `keys`: the boundary model's, or without
    it the story's evidence over a news sentence's prior."""
    model = boundary_model()
    if model is not None:
        return model.log_odds(keys, hints).tolist()
    return (math.log(1 / (_PRIOR_SENTENCE_WORDS - 1)) + boundary_inputs(keys, hints)[1].sum(axis=1)).tolist()


def sentence_starts(log_odds: list[float]) -> list[int]:
    """Where sentences open (word indices after the first), given the log odds of a boundary at
    each gap (gap i: after word i): at the gaps most likely to end a sentence (odds above even),
    none leaving a sentence under `MIN_SENTENCE_WORDS`; a sentence still over `MAX_SENTENCE_WORDS`
    is cut at its likeliest gap (the nearest its middle of gaps as likely)."""
    size = len(log_odds) + 1
    cuts: list[int] = []  # sorted

    def fits(start: int) -> bool:
        position = bisect.bisect(cuts, start)
        before = cuts[position - 1] if position else 0
        after = cuts[position] if position < len(cuts) else size
        return start - before >= MIN_SENTENCE_WORDS and after - start >= MIN_SENTENCE_WORDS

    for gap in sorted(range(len(log_odds)), key=lambda g: -log_odds[g]):
        if log_odds[gap] <= 0.0:
            break
        if fits(gap + 1):
            bisect.insort(cuts, gap + 1)
    spans = list(zip([0, *cuts], [*cuts, size], strict=True))
    while any(end - start > MAX_SENTENCE_WORDS for start, end in spans):
        start, end = next((a, b) for a, b in spans if b - a > MAX_SENTENCE_WORDS)
        inside = range(start + MIN_SENTENCE_WORDS - 1, end - MIN_SENTENCE_WORDS)
        middle = (start + end) / 2  # of gaps as likely, the one nearest the middle
        bisect.insort(cuts, max(inside, key=lambda g: (log_odds[g], -abs(g + 1 - middle))) + 1)
        spans = list(zip([0, *cuts], [*cuts, size], strict=True))
    return cuts
