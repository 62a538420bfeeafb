"""Degraded text: detect articles that arrived lowercased or stripped of punctuation, and repair them.

Repair uses the other articles of the same story where it can: they tell which words are names
("sessions" -> "Sessions", "fbi" -> "FBI") and which words tend to start or end a sentence (so a
run of spaces left where punctuation was becomes a full stop or a comma). Without clean siblings a
general fallback still restores sentence starts, "I", weekdays and months.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

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

    @classmethod
    def from_texts(cls, texts: list[str]) -> StoryHints:
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        total: Counter[str] = Counter()
        starts: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])[\"')\]]*\s+|\n+", text):
                tokens = _WORD.findall(sentence)
                if not tokens:
                    continue
                starts[tokens[0].lower()] += 1
                ends[tokens[-1].lower()] += 1
                for position, token in enumerate(tokens):
                    key = token.lower()
                    total[key] += 1
                    if position > 0:  # a sentence's first word is capitalised whatever it is
                        forms[key][token] += 1
        casing = {}
        for key, counter in forms.items():
            form, count = counter.most_common(1)[0]
            if form != key and key not in STOP_WORDS and count / sum(counter.values()) >= 0.6:
                casing[key] = form
        # One pseudo-occurrence mid-sentence keeps a word seen once from counting as certain.
        start_rate = {w: starts[w] / (total[w] + 1) for w in starts}
        end_rate = {w: ends[w] / (total[w] + 1) for w in ends}
        return cls(casing, start_rate, end_rate)


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
    """Runs of 2+ spaces mark removed punctuation: decide full stop or comma for each."""
    chunks = [c.strip() for c in re.split(r" {2,}|\t", paragraph) if c.strip()]
    if not chunks:
        return ""
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
    # Capitalise sentence starts (after . ! ? and at paragraph starts, past opening quotes).
    return re.sub(r"(^|[.!?][\"')\]]*\s+|\n\s*)([\"'(\[]*)([a-z])",
                  lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text)
