"""The story's timeline: dated events, resolved against publication dates, merged across articles.

Every sentence with a temporal expression is a candidate event, dated by its first expression
(in "X stepped aside on Thursday, days after an audit released on Monday", Thursday). Tellings
of one event by several articles — same date, overlapping claim — become one event cited to all.
Background chronologies inside an article ("May 2016: talks begin") are events like any other.

Each event's salience says how closely it matches what its day's coverage led with, as DATEWISE
(Gholipour Ghalandari & Ifrim, ACL 2020) collects a date's sentences: the words that the date's
tellings share with the openings of the articles published that day or the next. Of a day's
events, the most salient is the day's news; the others are often background told in passing.

Relative expressions need an anchor: the article's publication date, unless that date is missing
or contradicted by the article's own calendar dates (a header "2024-04-03" on a text about
"Monday, March 4"), in which case the story's dates anchor it and the brief says so.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from storyweave.analyze.entities import bare_name
from storyweave.analyze.quotes import sentence_before
from storyweave.model import Article, Entity, Sentence, TimelineEvent
from storyweave.nlp.claims import claim_text, commenter_voice, content_words, newsroom_note, stem
from storyweave.nlp.dates import (
    TIME_ZONES,
    WEEKDAYS,
    TemporalExpression,
    find_dates,
    looks_ahead,
    parse_anchor,
)
from storyweave.nlp.sentences import opens_on_page_label, split_article

# A publication date this far after every calendar date in the text is doubtful...
CONTRADICTED_AFTER = timedelta(days=14)
# ...when other articles of the story were published this close to the text's dates, and none
# this close to its own.
STORY_NEAR = timedelta(days=3)
SAME_EVENT_OVERLAP = 0.5  # shared content words / the smaller telling's, for one date
# A day's coverage: the openings (first sentences without a date of their own) of the articles
# published that day or the next (DATEWISE's setting: what the next morning's papers led with too).
OPENING_SENTENCES = 6
COVERAGE_DAYS = 2


@dataclass
class Anchor:
    date: date | None
    source: str  # "published" or "story"
    contradicted: str | None = None  # why the published date was not used


def anchor_dates(articles: list[Article], sentences: dict[str, list[Sentence]]) -> dict[str, Anchor]:
    """For each article, the date its relative expressions are resolved against."""
    published = {a.id: parse_anchor(a.published) for a in articles}
    known = sorted(d for d in published.values() if d)
    anchors: dict[str, Anchor] = {}
    for article in articles:
        own = published[article.id]
        others = [published[a.id] for a in articles if a.id != article.id and published[a.id]]
        story = _median(others) or _median(known)
        if own is None:
            anchors[article.id] = Anchor(story, "story")
            continue
        explicit = [date.fromisoformat(e.date) for s in sentences[article.id]
                    for e in find_dates(s.text, own) if e.explicit and len(e.date) == 10]
        latest = max(explicit, default=None)
        # (a date other articles share is a later day of the story: "Endeavour closed in Sunday" on
        # December 7 tells of a launch on Nov. 20 and nothing later in full)
        if (latest and own - latest > CONTRADICTED_AFTER and others
                and min(abs(d - latest) for d in others) <= STORY_NEAR
                and min(abs(d - own) for d in others) > STORY_NEAR):
            anchors[article.id] = Anchor(_median([d for d in others if abs(d - latest) <= STORY_NEAR]),
                                         "story", contradicted=_contradiction(article, own, latest))
        else:
            anchors[article.id] = Anchor(own, "published")
    return anchors


def _contradiction(article: Article, own: date, latest: date) -> str:
    note = (f"its {article.published_from} date {own.isoformat()} is later than every date in its "
            f"text (latest {latest.isoformat()}) and than the other articles")
    if own.day <= 12 and (own.month, own.day) == (latest.day, latest.month):
        note += "; day and month look swapped"
    return note


def _median(dates: list[date]) -> date | None:
    if not dates:
        return None
    ordinals = sorted(d.toordinal() for d in dates)
    return date.fromordinal(int(statistics.median_low(ordinals)))


def event_expression(sentence: Sentence, found: list[TemporalExpression]) -> TemporalExpression | None:
    """The expression that dates what a sentence reports, of those `found` in it: the first that
    does not open a period with "since" ("the flow has stopped for the first time since 20 April"
    does not tell what happened on 20 April)."""
    for expression in found:
        before = sentence.text[:expression.start].split()[-1:]
        if [w.lower() for w in before] != ["since"] and not expression.text.lower().startswith("since"):
            return expression
    return None


_FRAGMENT = re.compile(r"[a-z]+\b")  # a sentence opening on a lowercase word (not "iPhone", "eBay")
_DATED_IN_FULL = ("year", "month_year", "month_day_year", "day_month_year", "iso")
_MONTH_OF_A_YEAR = ("month_day", "day_month", "month_of_year", "relative_month")


def _in_year_told(text: str, expression: TemporalExpression | None, before: Sentence | None,
                  anchor: date | None) -> TemporalExpression | None:
    """A month or day "of that year" is of the last year the sentence `before` names in full ("In
    2003, SARS spread ... By June of that year, ..."). Without those words a month carries no year
    over: news returns to its present after a background sentence ("BP leased the rig in 2007. The
    rig exploded on 20 April." is this April), far more often than it tells history on ("In 1918
    ... came back in August"): of 40 such months and days in Timeline17's articles, 3 were the
    year before's."""
    if (expression is None or before is None or expression.kind not in _MONTH_OF_A_YEAR
            or not _OF_THAT_YEAR.match(text, expression.end)):
        return expression
    named = next((int(e.date[:4]) for e in reversed(find_dates(before.text, anchor)) if e.kind in _DATED_IN_FULL),
                 None)
    if named is None:
        return expression
    carried = f"{named:04d}{expression.date[4:]}"
    try:
        date.fromisoformat(carried if len(carried) == 10 else carried[:7] + "-01")
    except ValueError:  # 29 February of a year without one
        return expression
    return replace(expression, date=carried)


def _days_written_in_full(found_in: list[list[TemporalExpression]]) -> dict[str, set[str]]:
    """The years an article writes each day of the year with ("March 7 2003": {"03-07": {"2003"}})."""
    written: dict[str, set[str]] = {}
    for found in found_in:
        for expression in found:
            if expression.kind in ("month_day_year", "day_month_year") and len(expression.date) == 10:
                written.setdefault(expression.date[5:], set()).add(expression.date[:4])
    return written


def _in_year_written(text: str, expression: TemporalExpression | None, written: dict[str, set[str]],
                     anchor: date | None) -> TemporalExpression | None:
    """A day without a year that its article writes in full with one earlier year is of that year:
    "On March 7, the day the advice was given" beside "the advice of March 7 2003", "the September 11
    attacks" beside "September 11 2001", in an article of 2005. Not a day told with its weekday (which
    pins its year), nor one the sentence looks ahead to ("will be broadcast on 19 August")."""
    if expression is None or anchor is None or expression.kind not in ("month_day", "day_month"):
        return expression
    years = written.get(expression.date[5:], set())
    if len(years) != 1:
        return expression
    (year,) = years
    if (int(year) >= anchor.year or any(word in WEEKDAYS for word in re.findall(r"[a-z]+", expression.text.lower()))
            or looks_ahead(text)):
        return expression
    return replace(expression, date=f"{year}{expression.date[4:]}")
_OF_THAT_YEAR = re.compile(r"\s+of\s+(?:that|the\s+same)\s+year\b", re.IGNORECASE)


MIN_EVENT_WORDS = 2  # content words besides the date: a stamp ("9th November 2011 - 8:40") tells nothing
# A stamp's words: "Tue Jul 02 2013, 14:58 hrs", "Updated 10:20 GMT", "Posted Monday 9 am ET"
_STAMP_WORDS = frozenset(stem(word.lower()) for word in (
    "mon tue tues wed thu thur thurs fri sat sun hrs hr am pm updated posted published modified last".split()
    + list(TIME_ZONES)))  # (stemmed, as content_words gives them)


def _tells_something(text: str, expression: TemporalExpression) -> bool:
    rest = text[:expression.start] + " " + text[expression.end:]
    return sum(not word.isdigit() and word not in _STAMP_WORDS for word in content_words(rest)) >= MIN_EVENT_WORDS


LATER_PAGE_DAYS = 365


def _from_a_later_page(text: str, expression: TemporalExpression, published: date | None) -> bool:
    """A date over a year after the article's publication, in a sentence that does not look ahead,
    is not the story's: a page crawled later carries furniture of its day ("A CNN's GUT CHECK for
    February 11, 2013" on a page of January 2011), or the publication date is wrong."""
    if published is None:
        return False
    start = date.fromisoformat((expression.date + "-01-01")[:10])  # "2013" and "2013-02" open on their first day
    return start > published + timedelta(days=LATER_PAGE_DAYS) and not looks_ahead(text)


def build_timeline(
    articles: list[Article], sentences: dict[str, list[Sentence]] | None = None,
    anchors: dict[str, Anchor] | None = None, fact_of: dict[tuple[str, int], int] | None = None,
) -> list[TimelineEvent]:
    """Dated events of the story in chronological order, each cited to every article telling it.

    `fact_of` maps (article id, sentence index) to the fact the summarizer aligned it with:
    tellings of one fact on one date are one event even when their wording differs.
    """
    if sentences is None:
        sentences = {a.id: split_article(a) for a in articles}
    if anchors is None:
        anchors = anchor_dates(articles, sentences)
    by_date: dict[str, list[tuple[Sentence, TemporalExpression]]] = {}
    for article in articles:
        anchor = anchors[article.id]
        previous: Sentence | None = None  # for a month "of that year"
        found_in = [find_dates(sentence.text, anchor.date) for sentence in sentences[article.id]]
        written = _days_written_in_full(found_in)
        for sentence, found in zip(sentences[article.id], found_in, strict=True):
            before, previous = previous, sentence
            if (sentence.words < 5 or sentence.text.endswith("?") or opens_on_page_label(sentence.text)
                    or commenter_voice(sentence.text) or _FRAGMENT.match(sentence.text)
                    or newsroom_note(sentence.text, sentence.words)):
                # a first person's account ("I was an observer in 1990 ...") dates no event of the
                # story; a fragment a bad break left ("the EU approved for the region on Friday.") tells
                # none, nor a newsroom's note ("A copy of the letter was obtained Thursday.")
                continue
            expression = _in_year_told(sentence.text, event_expression(sentence, found), before, anchor.date)
            expression = _in_year_written(sentence.text, expression, written, anchor.date)
            if (expression is not None and _tells_something(sentence.text, expression)
                    and not _from_a_later_page(sentence.text, expression, anchor.date)):
                by_date.setdefault(expression.date, []).append((sentence, expression))

    events: list[TimelineEvent] = []
    for when in sorted(by_date):
        events.extend(_merge_tellings(when, by_date[when], anchors, fact_of or {}))
    _set_salience(events, _day_openings(articles, sentences, anchors, events))
    return events


def _day_openings(articles: list[Article], sentences: dict[str, list[Sentence]], anchors: dict[str, Anchor],
                  events: list[TimelineEvent]) -> dict[str, list[str]]:
    """For each day (ISO date), the undated opening sentences of the articles published that day
    or the next."""
    dated = {(s.article_id, s.index) for event in events for s in event.sentences}
    openings: dict[str, list[str]] = {}
    for article in articles:
        published = anchors[article.id].date if article.published else None
        if published is None:
            continue
        texts = [s.text for s in sentences[article.id][:OPENING_SENTENCES] if (s.article_id, s.index) not in dated]
        for back in range(COVERAGE_DAYS):
            openings.setdefault((published - timedelta(days=back)).isoformat(), []).extend(texts)
    return openings


def _set_salience(events: list[TimelineEvent], openings: dict[str, list[str]]) -> None:
    """Each event's salience: the highest cosine of its tellings (TF-IDF) to its date's coverage,
    the words that the date's tellings and the day's openings both use (the tellings' own words
    where no opening is known, as for a month or a year)."""
    if not events:
        return
    from sklearn.feature_extraction.text import TfidfVectorizer

    tellings = [s.text for event in events for s in event.sentences]
    try:
        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(
            tellings + [text for texts in openings.values() for text in texts])
    except ValueError:  # nothing but stop words
        return
    rows = vectorizer.transform(tellings)  # unit rows
    ends = np.cumsum([len(event.sentences) for event in events]).tolist()
    spans = list(zip([0, *ends[:-1]], ends, strict=True))  # each event's rows
    by_date: dict[str, list[int]] = {}
    for number, event in enumerate(events):
        by_date.setdefault(event.date, []).append(number)
    for when, numbers in by_date.items():
        told = rows[[row for n in numbers for row in range(*spans[n])]]
        centre = np.asarray(told.mean(axis=0)).ravel()
        if openings.get(when):
            led = np.asarray(vectorizer.transform(openings[when]).mean(axis=0)).ravel()
            shared = np.where((centre > 0) & (led > 0), centre + led, 0.0)
            centre = shared if shared.any() else centre
        norm = np.linalg.norm(centre)
        if norm == 0:
            continue
        for n in numbers:
            events[n].salience = float((rows[spans[n][0]:spans[n][1]] @ (centre / norm)).max())


def _claim_words(sentence: Sentence, expression: TemporalExpression) -> frozenset[str]:
    text = sentence.text[: expression.start] + sentence.text[expression.end:]
    return content_words(claim_text(text))


def _merge_tellings(when: str, tellings: list[tuple[Sentence, TemporalExpression]],
                    anchors: dict[str, Anchor], fact_of: dict[tuple[str, int], int]) -> list[TimelineEvent]:
    groups: list[list[tuple[Sentence, TemporalExpression, frozenset[str]]]] = []
    for sentence, expression in tellings:
        words = _claim_words(sentence, expression)
        fact = fact_of.get((sentence.article_id, sentence.index))
        # It joins the first group that tells the event in its words or is its aligned fact, and
        # every group of its fact: the summarizer's alignment links tellings in other words.
        worded = next((group for group in groups if any(_same_event(words, other) for _, _, other in group)), None)
        matching = [group for group in groups if group is worded or (
            fact is not None and any(fact_of.get((s.article_id, s.index)) == fact for s, _, _ in group))]
        if not matching:
            groups.append([(sentence, expression, words)])
            continue
        for group in matching[1:]:
            matching[0].extend(group)
        matching[0].append((sentence, expression, words))
        groups = [group for group in groups if not any(group is other for other in matching[1:])]
    events = []
    for group in groups:
        # The telling that shares most with the others (what the articles agree happened), from a
        # clean article (else one whose boundaries the repair was sure of), of a readable length.
        def agreement(telling: tuple[Sentence, TemporalExpression, frozenset[str]], group: list = group) -> tuple:
            shared = sum(len(telling[2] & other[2]) / max(1, len(telling[2] | other[2])) for other in group)
            return (not telling[0].degraded, not telling[0].guessed, round(shared, 2), -abs(telling[0].words - 22))

        best_sentence, best_expression, _ = max(group, key=agreement)
        articles = list(dict.fromkeys(s.article_id for s, _, _ in group))
        events.append(TimelineEvent(
            date=when, text=best_sentence.text, sentences=[s for s, _, _ in group], articles=articles,
            resolved_from=best_expression.text,
            anchor=anchors[best_sentence.article_id].source if not best_expression.explicit else "text",
        ))
    return events


def _same_event(a: frozenset[str], b: frozenset[str]) -> bool:
    """Half the shorter telling's words, and at least three: two words ("stay indoors") shared by
    a short sentence and a long lead make no event."""
    shared = len(a & b)
    return shared >= 3 and shared / min(len(a), len(b)) >= SAME_EVENT_OVERLAP


PRONOUN_OPENING = re.compile(r"(?:He|She)\b")
PRONOUN_CHAIN = 3  # sentences opening on "He" back to the one that names him


def name_subjects(timeline: list[TimelineEvent], texts: dict[str, str], entities: list[Entity]) -> None:
    """An event told by a sentence opening on "He" or "She" ("He bought the Shifa plant in March.")
    says whom it means (`subject`) where the sentence before, in its article, names them: the person
    opening it ("Pinochet, commander-in-chief ..., has immunity ... He is also covered ..."), or the
    one person it names (not a possessive: "Chile's ambassador ... Pinochet's immunity" says nothing
    of who "he" is); a sentence before opening on "He" itself passes the question back. Names are
    looked for as the story writes them (the tagger misses some: "Pinochet" opening a sentence)."""
    alias_of = {}
    for entity in (entity for entity in entities if entity.type == "PERSON"):
        for alias in {bare_name(alias) for alias in entity.aliases} | {entity.name}:
            if re.search(r"\b[A-Z]\w", alias):  # "Xu", "bin Laden"
                alias_of.setdefault(alias, entity.name)
    if not alias_of:
        return
    named = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(alias_of, key=len, reverse=True)))})\b(?!['’]s)")
    for event in timeline:
        if PRONOUN_OPENING.match(event.text):
            told = next(s for s in event.sentences if s.text == event.text)
            text = texts.get(told.article_id, "")
            event.subject = _person_meant(text, text.find(told.text), named, alias_of)


def _person_meant(text: str, start: int, named: re.Pattern[str], alias_of: dict[str, str]) -> str | None:
    for _ in range(PRONOUN_CHAIN):
        bounds = sentence_before(text, start) if start > 0 else None
        if bounds is None:
            return None
        start, end = bounds
        sentence = text[start:end]
        if PRONOUN_OPENING.match(sentence):
            continue
        people = [(found.start(), alias_of[found.group()]) for found in named.finditer(sentence)]
        if not people:
            return None
        head = sentence[:people[0][0]]
        opens = '"' not in head and all(word[:1].isupper() for word in head.split())
        return people[0][1] if opens or len({name for _, name in people}) == 1 else None
    return None
