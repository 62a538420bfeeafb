"""Clean: strip boilerplate, normalise, and detect and repair degraded text.

    article = clean_article(article)          # per article: boilerplate, degradation flags
    articles = repair_story(articles)         # per story: repair degraded articles from the others
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from storyweave.clean.boilerplate import remove_boilerplate
from storyweave.clean.degraded import LOWERCASED, StoryHints, detect_degradation, repair_text
from storyweave.clean.normalize import normalize_text
from storyweave.model import Article
from storyweave.nlp.claims import content_words

__all__ = ["clean_article", "normalize_text", "remove_boilerplate", "remove_repeated_lines", "repair_story"]


def clean_article(article: Article) -> Article:
    """Remove boilerplate and flag degradation. A pure function of the article."""
    text, removed = remove_boilerplate(article.text, article.title)
    flags = detect_degradation(text)
    warnings = list(article.warnings)
    if flags:
        warnings.append("degraded text: " + ", ".join(flags))
    return replace(article, text=text, removed=article.removed + removed,
                   degraded=bool(flags), warnings=warnings)


REPEATED_LINE_WORDS = 8  # a line this short, verbatim in many articles, is page furniture
REPEATED_LINE_ARTICLES = 3
# A longer one, or a short one (not a quotation) in fewer than a tenth of a large story's
# articles ("Cannot play media." in 3 of 58), is furniture only if it is off the story: its words
# are rare in the rest of the articles carrying it and in the story's other articles ("2 men
# charged in death of Chicago teen ...", a site's teaser on a story about Libya). Shared wire copy
# uses the story's words.
MAX_REPEATED_LINE_WORDS = 60
OFF_STORY_OWN = 0.3  # mean share, over its content words, of its carriers using the word elsewhere
OFF_STORY_OTHERS = 0.15  # mean share of the other articles using the word
# Carried by this many articles, a line whose carriers scarcely use its words elsewhere is a
# site's teaser even when it is on the story's topic ("Hopes for a negotiated settlement in Syria
# remain alive ..., says Jim Muir" under five BBC pages; "2 men charged in death of Chicago teen
# ..." atop ten CNN pages, whose words "death", "men", "charged" the story uses too).
REPEATED_LINE_MANY = 5


def remove_repeated_lines(articles: list[Article]) -> list[Article]:
    """Drop lines that recur verbatim across articles but are not reporting: short ones ("Time
    for a ban?", "Get the figures here") and longer ones off the story (a site's teasers and ads),
    and such runs of words glued inside lines (see `_cut_repeated_spans`). Widgets and teasers of
    one site, not reporting. Shared wire copy is kept."""
    if len(articles) < REPEATED_LINE_ARTICLES:
        return articles
    threshold = max(REPEATED_LINE_ARTICLES, len(articles) // 10)
    articles = _cut_repeated_spans(articles, threshold)
    lines_of = [[(line, _line_key(line)) for line in article.text.split("\n")] for article in articles]
    seen: Counter[str] = Counter()
    for lines in lines_of:
        seen.update({key for line, key in lines if 0 < len(line.split()) <= MAX_REPEATED_LINE_WORDS})
    frequent = [key for key, count in seen.items() if key and (
        count >= threshold or count >= REPEATED_LINE_ARTICLES and _short_unquoted(key))]
    furniture = {key for key in frequent if len(key.split()) <= REPEATED_LINE_WORDS and seen[key] >= threshold}
    if len(furniture) < len(frequent):
        # once per article, however many lines are judged: how often it has each line, and how
        # many of its lines use each content word (short repeated lines aside: a video player's
        # messages, "Cannot play media." and "Sorry, this media is unavailable.", vouch for no story)
        keys_of = [Counter(key for _, key in lines) for lines in lines_of]
        widgets = {key for key in frequent if len(key.split()) <= REPEATED_LINE_WORDS}
        words_of = [Counter(word for _, key in lines if key not in widgets for word in content_words(key))
                    for lines in lines_of]
        furniture |= {key for key in frequent if key not in furniture
                      and _off_story(key, keys_of, words_of, counted=key not in widgets,
                                     many=seen[key] >= REPEATED_LINE_MANY)}
    furniture |= _closing_teasers(lines_of, set(frequent))
    if not furniture:
        return articles
    cleaned = []
    for article, lines in zip(articles, lines_of, strict=True):
        removed = [(line, key) for line, key in lines if key in furniture]
        if removed:
            article = replace(article, text="\n".join(line for line, key in lines if key not in furniture).strip(),
                              removed=article.removed + [f"repeated in {seen[key]} articles: {line.strip()}"
                                                         for line, key in removed])
        cleaned.append(article)
    return cleaned


def _closing_teasers(lines_of: list[list[tuple[str, str]]], frequent: set[str]) -> set[str]:
    """Repeated lines that end every article holding them, in articles that share little else: a
    site's teaser for another report under each page ("Hopes for a settlement remain alive, says
    our correspondent."). Copies of one report end alike too, but share most of their lines."""
    closing: dict[str, list[int]] = {}
    for number, lines in enumerate(lines_of):
        keys = [key for line, key in lines if line.strip()]
        for key in set(keys) & frequent:
            closing.setdefault(key, []).append(number if keys[-1] == key else -1)
    teasers = set()
    for key, holders in closing.items():
        if len(holders) < REPEATED_LINE_ARTICLES or -1 in holders:
            continue
        shared = [sum(other in frequent for _, other in lines_of[n]) / max(1, len(lines_of[n])) for n in holders]
        if sum(shared) / len(shared) <= TEASER_SHARED_LINES:
            teasers.add(key)
    return teasers


TEASER_SHARED_LINES = 0.3  # of an article's lines repeated elsewhere, at most, for its last line to be a teaser


REPEATED_SPAN_WORDS = 8
REPEATED_SPAN_MANY = 15
SMALL_PART = 0.4  # of an article's content words, on average
_TOKEN = re.compile(r"\S+")


@dataclass
class _Run:
    """A run of words inside one line that shares `REPEATED_SPAN_WORDS`-word sequences with other articles."""

    line: int
    start: int  # character offsets in the line
    end: int
    grams: set[int]
    text: str

    @cached_property
    def words(self) -> frozenset[str]:
        return content_words(self.text)


def _cut_repeated_spans(articles: list[Article], tenth: int) -> list[Article]:
    """Cut out runs of words that many articles carry verbatim *inside* a line, when they are off
    the story (`tenth`: the carriers that make a repeated line furniture, as `remove_repeated_lines`). A scraper that flattens a page without line breaks glues the site's furniture into
    the text ("... environmentalism Letters for publication should be sent to: letters@... Call
    the main switchboard: This article ..."), where no line rule sees it. A run that is a whole
    line is left to the line rules; what stood either side becomes two lines."""
    lines_of = [article.text.split("\n") for article in articles]
    tokens_of = [[[m.span() for m in _TOKEN.finditer(line)] for line in lines] for lines in lines_of]
    grams_of = [[_grams(line.lower(), tokens) for line, tokens in zip(lines, tokens, strict=True)]
                for lines, tokens in zip(lines_of, tokens_of, strict=True)]
    carried = Counter(gram for lines in grams_of for gram in {g for grams in lines for g in grams})
    frequent = {gram for gram, count in carried.items() if count >= REPEATED_LINE_ARTICLES}
    if not frequent:
        return articles
    runs_of = [_runs(lines, tokens, grams, frequent) for lines, tokens, grams in zip(lines_of, tokens_of, grams_of)]
    if not any(runs_of):
        return articles
    runs_with: dict[int, list[tuple[int, _Run]]] = {}  # gram -> the runs (of which article) holding it
    for number, runs in enumerate(runs_of):
        for run in runs:
            for gram in run.grams:
                runs_with.setdefault(gram, []).append((number, run))
    # Carried by many articles, a run need not be rare in the others: the site's furniture uses
    # common words ("If you need help using the site: ... Call the main switchboard").
    many = max(REPEATED_SPAN_MANY, len(articles) // 20)
    copies_of = {id(run): copies for runs in runs_of for run in runs
                 if len(copies := _copies(run, runs_with)) >= min(tenth, many)}
    if not copies_of:
        return articles
    # how many pieces (runs, and the text between them) of each article use each content word
    words_of = [Counter(word for piece in _pieces(lines, runs) for word in content_words(piece))
                for lines, runs in zip(lines_of, runs_of, strict=True)]
    cleaned = []
    for article, lines, runs in zip(articles, lines_of, runs_of, strict=True):
        cut = []
        for run in runs:
            copies = copies_of.get(id(run))
            if copies and not _inside_sentence(lines[run.line], run.start) and \
                    _off_story_run(run, copies, words_of, tenth, many):
                cut.append((run, len(copies)))
        if cut:
            article = _without_runs(article, lines, cut)
        cleaned.append(article)
    return cleaned


def _grams(line: str, tokens: list[tuple[int, int]]) -> list[int]:
    """A key of each run of `REPEATED_SPAN_WORDS` words in the (lowercased) line, by where it starts."""
    size = REPEATED_SPAN_WORDS - 1
    return [hash(line[tokens[i][0]:tokens[i + size][1]]) for i in range(len(tokens) - size)]


def _runs(lines: list[str], tokens_of: list[list[tuple[int, int]]], grams_of: list[list[int]],
          frequent: set[int]) -> list[_Run]:
    """The maximal runs of words that frequent word sequences cover, line by line (not whole lines)."""
    runs: list[_Run] = []
    for number, (line, tokens, grams) in enumerate(zip(lines, tokens_of, grams_of, strict=True)):
        covered_until, first, shared = -1, -1, set()
        for i in range(len(tokens) + 1):
            if i < len(grams) and grams[i] in frequent:
                if i > covered_until:  # not touching the run before: a new one
                    first, shared = i, set()
                shared.add(grams[i])
                covered_until = i + REPEATED_SPAN_WORDS
            if first >= 0 and i == covered_until or i == len(tokens) and first >= 0:
                if not (first == 0 and covered_until >= len(tokens)):
                    start, end = tokens[first][0], tokens[covered_until - 1][1]
                    runs.append(_Run(number, start, end, shared, line[start:end]))
                first = -1
    return runs


def _by_line(runs: list[_Run]) -> dict[int, list[_Run]]:
    by_line: dict[int, list[_Run]] = {}
    for run in runs:
        by_line.setdefault(run.line, []).append(run)
    return by_line


def _around(line: str, runs: list[_Run]) -> list[str]:
    """The text of a line before, between and after its runs (in line order)."""
    return [line[start:end] for start, end in zip([0] + [r.end for r in runs], [r.start for r in runs] + [len(line)])]


def _pieces(lines: list[str], runs: list[_Run]) -> list[str]:
    by_line = _by_line(runs)
    return [piece for number, line in enumerate(lines)
            for piece in _around(line, by_line.get(number, [])) + [run.text for run in by_line.get(number, [])]]


def _copies(run: _Run, runs_with: dict[int, list[tuple[int, _Run]]]) -> dict[int, list[_Run]]:
    """Article -> its runs sharing a word sequence with this one (the run's own article included)."""
    copies: dict[int, dict[int, _Run]] = {}
    for gram in run.grams:
        for number, other in runs_with[gram]:
            copies.setdefault(number, {})[id(other)] = other
    return {number: list(runs.values()) for number, runs in copies.items()}


# Words no sentence ends on: a run after one stands inside a sentence ("two ships -- the [USS
# Kearsarge, with room for 2,000 Marines, and] the USS Ponce"), wire copy other outlets carry too,
# not furniture glued between sentences.
_OPEN_ENDED = frozenset("the a an of to in on at for with from by and or but as that".split())


def _inside_sentence(line: str, start: int) -> bool:
    before = line[:start].split()
    return bool(before) and before[-1].lower() in _OPEN_ENDED


def _off_story_run(run: _Run, copies: dict[int, list[_Run]], words_of: list[Counter[str]],
                   tenth: int, many: int) -> bool:
    """Is the run off the story (as `_off_story`)? With `many` carriers, its own articles alone decide."""
    words = _topic_words(run.words)
    if not words:
        return True
    own, others = _word_use(words, words_of, [
        Counter(word for copy in copies[number] for word in copy.words) if number in copies else None
        for number in range(len(words_of))])
    if own >= OFF_STORY_OWN:
        return False
    if len(copies) >= many:
        return True
    if others is None:  # every article of a small story carries it: furniture only if it is a small part of them
        parts = [sum(len(copy.words) for copy in runs) / max(1, sum(words_of[number].values()))
                 for number, runs in copies.items()]
        return sum(parts) / len(parts) < SMALL_PART
    return len(copies) >= tenth and others < OFF_STORY_OTHERS


def _without_runs(article: Article, lines: list[str], cut: list[tuple[_Run, int]]) -> Article:
    by_line = _by_line([run for run, _ in cut])
    kept = []
    for number, line in enumerate(lines):
        if number in by_line:
            kept.extend(piece.strip() for piece in _around(line, by_line[number]) if piece.strip())
        else:
            kept.append(line)
    text = "\n".join(kept).strip()
    removed = [f"repeated in {carriers} articles: {run.text}" for run, carriers in cut]
    return replace(article, text=text, removed=article.removed + removed)


def _off_story(key: str, keys_of: list[Counter[str]], words_of: list[Counter[str]], counted: bool,
               many: bool = False) -> bool:
    """Are the line's words rare in the story text of the articles carrying it and of the others?
    (`counted`: its own copies are in `words_of`; with `many` carriers, their use alone decides.)"""
    words = _topic_words(content_words(key))
    if not words:
        return True
    # a word used elsewhere than in this line (in each of its copies)
    own, others = _word_use(words, words_of, [
        Counter(dict.fromkeys(words, keys[key] if counted else 0)) if keys[key] else None for keys in keys_of])
    return own < OFF_STORY_OWN and (many or others is None or others < OFF_STORY_OTHERS)


def _topic_words(words: frozenset[str]) -> set[str]:
    return {word for word in words if word.isalpha()}  # numbers say nothing of the topic


def _word_use(words: set[str], words_of: list[Counter[str]],
              in_copies: list[Counter[str] | None]) -> tuple[float, float | None]:
    """How much of a repeated text's words the articles use: the mean share that those carrying
    it (`in_copies[i]`: how often its copies there use each word) use outside it, and the mean
    share that the others use at all (None if every article carries it)."""
    own: list[float] = []
    others: list[float] = []
    for counts, copied in zip(words_of, in_copies, strict=True):
        used = sum(counts[word] > (copied[word] if copied is not None else 0) for word in words)
        (own if copied is not None else others).append(used / len(words))
    return sum(own) / len(own), (sum(others) / len(others) if others else None)


def _short_unquoted(key: str) -> bool:
    """Short, and not a quotation (a speaker's few words, reused, are reporting)."""
    return len(key.split()) <= REPEATED_LINE_WORDS and not any(mark in key for mark in "\"“”")


def _line_key(line: str) -> str:
    return " ".join(line.lower().split())


def repair_story(articles: list[Article]) -> list[Article]:
    """Repair each degraded article using the clean articles of the same story."""
    if not any(a.degraded for a in articles):
        return articles
    hints = StoryHints.from_texts([a.text for a in articles if not a.degraded])
    repaired = []
    for article in articles:
        if not article.degraded:
            repaired.append(article)
            continue
        flags = detect_degradation(article.text)
        repair = repair_text(article.text, flags, hints)
        title = article.title
        if title and LOWERCASED in flags:
            title = repair_text(title, [LOWERCASED], hints).text
        unsure = f" ({len(repair.guessed)} sentences unsure, kept out of summaries)" if repair.guessed else ""
        note = (f"repaired: {repair.counts['boundaries']} sentence boundaries{unsure}, "
                f"{repair.counts['cased']} words re-cased (from {len(articles) - 1} other articles)")
        repaired.append(replace(article, text=repair.text, title=title, original_text=article.text,
                                guessed_sentences=repair.guessed, warnings=article.warnings + [note]))
    return repaired
