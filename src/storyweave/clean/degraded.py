"""Degraded text: detect articles that arrived lowercased or stripped of punctuation, and repair them.

Repair uses the other articles of the same story where it can: they tell which words are names
("sessions" -> "Sessions", "fbi" -> "FBI") and which words tend to start or end a sentence (so a
run of spaces left where punctuation was becomes a full stop or a comma). Where the spaces were
collapsed too, every gap between two words is weighed: how often the clean articles end a
sentence on the first and open one on the second, and whether they put the pair inside a sentence
or across a boundary; words they do not use fall back on news prose's rates (`boundary_rates.json`,
from ECB+). Without clean siblings a general fallback still restores sentence starts, "I",
weekdays and months. benchmarks/bench_degraded.py measures it.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.nlp.sentences import TITLES, continues_sentence

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
# Words that usually open a sentence in news prose (used when no clean sibling says otherwise).
_STARTERS = set(
    "the he she it they we i but a an in on at this that these those there his her their our its "
    "officials police authorities mr ms mrs dr after when as according meanwhile however while "
    "if no some many most one two three all some several".split()
)


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
    if letters >= 150 and (sum(map(str.isupper, text)) / letters < 0.003 or _inner_capitals(text) < 0.01):
        flags.append(LOWERCASED)
    if words >= 40:
        marks = len(re.findall(r"[.!?,;:](?=\s|$)", text))
        if marks / words < 0.015:
            flags.append(PUNCTUATION_STRIPPED)
    return tuple(flags)


MIN_INNER_WORDS = 80
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

    @classmethod
    def from_texts(cls, texts: list[str]) -> StoryHints:
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        counted = BoundaryCounts()
        for text in texts:
            sentences = [tokens for sentence in re.split(r"(?<=[.!?])[\"')\]]*\s+|\n+", text)
                         if (tokens := _WORD.findall(sentence))]
            counted.add([[token.lower() for token in tokens] for tokens in sentences])
            for tokens in sentences:
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
                   counted.opening, counted.closing)


@dataclass
class BoundaryCounts:
    """How words sit at the sentence boundaries of clean text: each word's uses, and how often it
    opens or closes a sentence; pairs of words side by side inside a sentence, across a boundary,
    opening or closing one. Counted over a story's clean articles (`StoryHints`) and over news prose
    in general (scripts/build_boundary_rates.py)."""

    total: Counter[str] = field(default_factory=Counter)
    starts: Counter[str] = field(default_factory=Counter)
    ends: Counter[str] = field(default_factory=Counter)
    within: Counter[tuple[str, str]] = field(default_factory=Counter)
    across: Counter[tuple[str, str]] = field(default_factory=Counter)
    opening: Counter[tuple[str, str]] = field(default_factory=Counter)
    closing: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, sentences: list[list[str]]) -> None:
        """Count one document's sentences, each a list of lowercased words, in order."""
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


def repair_text(text: str, flags: list[str], hints: StoryHints) -> tuple[str, dict[str, int]]:
    """Repair a degraded text; returns the text and counts of what was repaired."""
    counts = {"boundaries": 0, "cased": 0}
    if PUNCTUATION_STRIPPED in flags:
        text = _CONTRACTIONS.sub(_join_contraction, text)
        paragraphs = [_restore_punctuation(p, hints, counts) for p in re.split(r"\n\s*\n|\n", text)]
        text = "\n\n".join(p for p in paragraphs if p)
    if LOWERCASED in flags:
        text = _restore_case(text, hints, counts)
    return text, counts


def _join_contraction(match: re.Match[str]) -> str:
    """ "don t" -> "don't", "volkov s" -> "volkov's", "i m" -> "i'm": an apostrophe was removed."""
    if match.group(2):
        return f"{match.group(1)}{match.group(2)}'t"
    word, suffix = match.group(3), match.group(4)
    if word.isalpha():
        return f"{word}'{suffix}"
    return match.group(0)


def _restore_punctuation(paragraph: str, hints: StoryHints, counts: dict[str, int]) -> str:
    """Runs of 2+ spaces mark removed punctuation: decide full stop or comma for each. Where the
    spaces were collapsed too, only the words are left to tell (`_split_words`)."""
    chunks = [c.strip() for c in re.split(r" {2,}|\t", paragraph) if c.strip()]
    if not chunks:
        return ""
    if len(chunks) == 1 and len(chunks[0].split()) > RUN_ON_WORDS:
        return _split_words(chunks[0].split(), hints, counts)
    out = chunks[0]
    words_in_sentence = len(chunks[0].split())
    for chunk in chunks[1:]:
        previous_last = out.split()[-1].lower()
        next_first = chunk.split()[0].lower()
        if _is_boundary(previous_last, next_first, words_in_sentence, len(chunk.split()), hints):
            out = out.rstrip(",") + ". " + chunk
            counts["boundaries"] += 1
            words_in_sentence = len(chunk.split())
        else:
            out += ", " + chunk
            words_in_sentence += len(chunk.split())
    if out[-1].isalnum():
        out += "."
    return out


def _is_boundary(previous_last: str, next_first: str, sentence_words: int, next_words: int,
                 hints: StoryHints) -> bool:
    if sentence_words < 4 or next_words < 4:
        return False  # too short to be a sentence: an aside or a tail such as "officials said"
    start = hints.start_rate.get(next_first, 0.5 if next_first in _STARTERS else 0.0)
    end = hints.end_rate.get(previous_last, 0.0)
    if start >= 0.2 or end >= 0.3:
        return True
    return sentence_words >= 15 and start > 0.05


# a title's abbreviation, a place's ("st. louis", "mt. everest") or an initial ("wesley k. clark")
# comes before a name
_AFTER_TITLE = re.compile(rf"(?:^|[\s(])(?:{'|'.join(sorted(TITLES | {'st', 'mt', 'ft'}))}|[a-z])\.$", re.IGNORECASE)


def _restore_case(text: str, hints: StoryHints, counts: dict[str, int]) -> str:
    # Only the words that have a cased form are looked at: one pattern of those the text uses, not
    # a Python call for each of its words.
    used = {word.lower() for word in set(_WORD.findall(text))}
    forms = {word: form for word in used if (form := hints.casing.get(word) or _ALWAYS_CAPITALISED.get(word))}

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


# A paragraph of more words than this without a mark or a run of spaces is several sentences.
RUN_ON_WORDS = 40
MIN_SENTENCE_WORDS = 4
MAX_SENTENCE_WORDS = 45
BOUNDARY_RATES_FILE = Path(__file__).parent / "boundary_rates.json"
_PRIOR_SENTENCE_WORDS = 22  # news sentences' mean length: a boundary follows one word in this many
_PSEUDO_COUNT = 3.0  # of the general rate, added to a word's counts in the story


@lru_cache(maxsize=1)
def general_hints() -> StoryHints:
    """What news prose in general tells of sentence boundaries (ECB+, built by
    scripts/build_boundary_rates.py): each common word's rate of opening and closing a sentence,
    and the pairs of words that often open, close or straddle one. Empty if the file is missing."""
    if not BOUNDARY_RATES_FILE.exists():
        return StoryHints()
    data = json.loads(BOUNDARY_RATES_FILE.read_text())
    count = data["count"]

    def pairs(table: str) -> Counter[tuple[str, str]]:
        return Counter({tuple(key.split(" ")): n for key, n in data.get(table, {}).items()})

    return StoryHints(start_rate={w: n / count[w] for w, n in data["starts"].items()},
                      end_rate={w: n / count[w] for w, n in data["ends"].items()}, seen=count,
                      within=pairs("within"), across=pairs("across"),
                      opening_pairs=pairs("opening_pairs"), closing_pairs=pairs("closing_pairs"))


GENERAL_WEIGHT = 0.5  # of a general pair count against one in the story's own articles


def _boundary_odds(previous: str, following: str, hints: StoryHints, before: str = "", after: str = "") -> float:
    """The odds that a sentence ends between `previous` and `following` (`before` and `after`:
    the words either side of them), naive Bayes over how often the first closes a sentence and the
    second opens one (the story's clean articles where they use the word, else news prose in
    general), then over the pairs either side and the pair itself where they are known."""
    general = general_hints()
    prior = 1.0 / _PRIOR_SENTENCE_WORDS

    def rate(word: str, story: dict[str, float], usual: dict[str, float]) -> float:
        base = usual.get(word, prior / 4 if usual else prior)
        value = story.get(word)
        if value is None:
            return base
        seen = hints.seen.get(word, 0)
        return (value * seen + base * _PSEUDO_COUNT) / (seen + _PSEUDO_COUNT)

    def counts(pair: tuple[str, str], story: Counter[tuple[str, str]], usual: Counter[tuple[str, str]]) -> float:
        return story.get(pair, 0) + GENERAL_WEIGHT * usual.get(pair, 0)

    def odds(p: float) -> float:
        p = min(max(p, 1e-4), 1 - 1e-4)
        return p / (1 - p)

    prior_odds = odds(prior)
    end = rate(previous, hints.end_rate, general.end_rate)
    start = rate(following, hints.start_rate, general.start_rate)
    # the pair of words either side ("he said | the", "said | he said"), where it is known, with
    # the single word's rate as a prior
    if before and (uses := counts((before, previous), hints.within, general.within)):
        closing = counts((before, previous), hints.closing_pairs, general.closing_pairs)
        end = (closing + _PSEUDO_COUNT * end) / (uses + _PSEUDO_COUNT)
    if after and (uses := counts((following, after), hints.within, general.within)):
        opening = counts((following, after), hints.opening_pairs, general.opening_pairs)
        start = (opening + _PSEUDO_COUNT * start) / (uses + _PSEUDO_COUNT)
    words = odds(end) / prior_odds * odds(start) / prior_odds * prior_odds
    pair = (previous, following)
    inside, between = counts(pair, hints.within, general.within), counts(pair, hints.across, general.across)
    # the pair's own record, where it has one, with the words' odds as a prior
    return (between + words) / (inside + 1) if inside or between else words


def _split_words(words: list[str], hints: StoryHints, counts: dict[str, int]) -> str:
    """Sentences of a run of words that lost all punctuation and spacing: full stops at the gaps
    most likely to end a sentence (odds above even), none leaving a sentence under
    `MIN_SENTENCE_WORDS`; a sentence still over `MAX_SENTENCE_WORDS` is cut at its likeliest gap."""
    keys = [w.lower().strip("'’") for w in words]
    keys += [""]
    odds = [_boundary_odds(keys[i], keys[i + 1], hints, keys[i - 1] if i else "", keys[i + 2])
            for i in range(len(words) - 1)]  # gap i: after word i
    cuts: list[int] = []  # word indices that open a sentence, sorted

    def fits(start: int) -> bool:
        position = bisect.bisect(cuts, start)
        before = cuts[position - 1] if position else 0
        after = cuts[position] if position < len(cuts) else len(words)
        return start - before >= MIN_SENTENCE_WORDS and after - start >= MIN_SENTENCE_WORDS

    for gap in sorted(range(len(odds)), key=lambda g: -odds[g]):
        if odds[gap] <= 1.0:
            break
        if fits(gap + 1):
            bisect.insort(cuts, gap + 1)
    spans = list(zip([0, *cuts], [*cuts, len(words)], strict=True))
    while any(end - start > MAX_SENTENCE_WORDS for start, end in spans):
        start, end = next((a, b) for a, b in spans if b - a > MAX_SENTENCE_WORDS)
        inside = range(start + MIN_SENTENCE_WORDS - 1, end - MIN_SENTENCE_WORDS)
        gap = max(inside, key=lambda g: odds[g])
        bisect.insort(cuts, gap + 1)
        spans = list(zip([0, *cuts], [*cuts, len(words)], strict=True))
    counts["boundaries"] += len(cuts)
    return " ".join(" ".join(words[start:end]) + "." for start, end in spans)
