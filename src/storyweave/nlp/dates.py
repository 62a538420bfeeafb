"""Temporal expressions: find them in a sentence and resolve them against a publication date.

Absolute forms ("September 8, 2016", "Jan. 10", "8 March 2017", "2016-09-08", "May 2016",
"in 2015") are parsed with dateutil; relative forms ("on Monday", "Wednesday night", "yesterday",
"last month", "last September", "in July", "two days ago", "next year") are resolved here, because
their meaning depends on the anchor date and on the tense of the sentence ("will meet on Friday"
looks ahead, "met on Friday" looks back).

Precision is kept honest: a resolved date is "YYYY", "YYYY-MM" or "YYYY-MM-DD", never more precise
than the expression ("last month" is a month, not a day; "last week" spans days and is dropped
unless the whole week lies in one month).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil import parser as date_parser

from storyweave.nlp.sentences import is_past_form

# Time zones as news writes them after a clock time ("7:10 p.m. ET", "09:43 GMT"): they name no one
# and tell no event, and a page's stamp holds them.
TIME_ZONES = ("ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "BST", "UTC",
              "CET", "CEST", "IST")
TIME_ZONE = r"(?:" + "|".join(sorted(TIME_ZONES, key=len, reverse=True)) + r")"
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
DAY_AND_MONTH_NAMES = frozenset(calendar.day_name) | frozenset(calendar.month_name[1:])  # "Monday", "May"

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

# A day's date followed by a 24-hour clock ("19 January, 1130 GMT", a live page's entry) is no year
_NOT_A_CLOCK = r"(?!\s*(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]T|hrs|hours|local time)\b)"

# Order matters: longer, more specific forms first; a span claimed by one is not matched again.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", re.IGNORECASE)),
    ("month_day_year", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
                                  rf"(?:,\s*|\s+)(?P<y>(?:1[0-9]|20)\d{{2}})\b{_NOT_A_CLOCK}", re.IGNORECASE)),
    ("day_month_year", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})"
                                  rf"(?:,\s*|\s+)(?P<y>(?:1[0-9]|20)\d{{2}})\b{_NOT_A_CLOCK}", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE)),
    ("month_day", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![:.,]?\d)", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})\b", re.IGNORECASE)),
    # "July and August of last year", "in March this year": the month of the year named
    ("month_of_year", re.compile(rf"\b(?P<m>{_MONTH})(?:\s+(?:and|or|to|through)\s+{_MONTH})?,?\s+(?:of\s+)?"
                                 r"(?P<rel>last|this|next)\s+year\b", re.IGNORECASE)),
    ("relative_weekday", re.compile(rf"\b(?P<rel>last|this|next|on|since|by|until|late|early)?\s*(?P<w>{_WEEKDAY}){_PART_OF_DAY}\b", re.IGNORECASE)),
    ("deictic_day", re.compile(r"\b(?P<rel>yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|earlier today)\b", re.IGNORECASE)),
    # ("six days earlier" counts from an event the text told, not from the publication: no date)
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    ("relative_unit", re.compile(r"\b(?P<rel>last|this|next|earlier this|later this|past)\s+(?P<unit>week|month|year)\b", re.IGNORECASE)),
    # "by early August" is a deadline, "in mid-July" a month: the word before early/late/mid decides
    ("relative_month", re.compile(
        rf"\b(?P<rel>last|this|next|in|since|by|until|early|late|mid|through|during)(?:\s+(?:early|late|mid))?"
        rf"(?:\s+|-)(?P<m>{_MONTH})\b(?!\s+\d)", re.IGNORECASE)),
    ("year", re.compile(r"\b(?P<rel>in|since|by|until|during|of|early|late|mid-?|from|before|after|throughout)\s+(?P<y>(?:19|20)\d{2})\b(?!-)", re.IGNORECASE)),
]
EXPLICIT_KINDS = {"iso", "month_day_year", "day_month_year", "month_year", "month_day", "day_month", "year"}
# Cues that a sentence looks ahead, so "on Friday" means the coming Friday.
_FUTURE = re.compile(r"\b(?:will|won't|shall|is to|are to|(?:is|are|was|were|been) due|plans? to|planned"
                     r"|scheduled|expected to|expects? to|hopes? to|aims? to|intends? to|set to|slated to|yet to"
                     r"|going to|would|upcoming|next|(?:un)?likely to|poised to|about to|ahead of)\b",
                     re.IGNORECASE)


def looks_ahead(text: str) -> bool:
    """Does the text speak of what is still to come ("will", "is due", "scheduled")?"""
    return bool(_FUTURE.search(text))


# Verbs of a past report or event: a day right beside one is behind the reporter.
_PAST = re.compile(
    r"\b(?:said|told|announced|reported|confirmed|added|wrote|stated|declared|revealed|insisted|warned"
    r"|asked|claimed|denied|admitted|acknowledged|testified|tweeted|explained|noted|replied|responded"
    r"|argued|urged|introduced|released|published|aired|signed|met|visited|sent|began|ended|killed"
    r"|died|arrived|left|launched|unveiled|issued|voted|approved|rejected|struck|fired|attacked"
    r"|arrested|charged)\b", re.IGNORECASE)
NEAR_WORDS = 8  # "just before the day": the words a verb governing it stands in
CLAUSE_WORDS = 15  # ...and the words of the clause the day ends, for its main verb in -ed


@dataclass(frozen=True)
class TemporalExpression:
    text: str  # as written, e.g. "last September"
    start: int
    end: int
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    kind: str = ""  # which form: "month_day_year", "relative_weekday", ...

    @property
    def explicit(self) -> bool:
        """Written as a calendar date (not relative to the publication date)."""
        return self.kind in EXPLICIT_KINDS


_QUOTATION = re.compile(r'"[^"]*"|«[^»]*»')


def find_dates(sentence: str, anchor: date | None) -> list[TemporalExpression]:
    """The temporal expressions of a sentence, resolved against `anchor` (the publication date).

    Without an anchor, only expressions that carry their own year are resolved.
    """
    # Tense from the reporter's words, not from a quote ('"I will not," she said on Monday'); a
    # date inside a quote, from the quote's ('Salmon said: "I cannot vote for him in January."').
    quotes = [match.span() for match in _QUOTATION.finditer(sentence)]
    reporter = _QUOTATION.sub(lambda quote: " " * len(quote.group()), sentence)
    taken: list[tuple[int, int]] = []
    found: list[TemporalExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            text = match.group().strip()
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            if not _looks_like_month(match, sentence) or _names_no_day(kind, match, sentence):
                continue
            inside = next(((a, b) for a, b in quotes if a < start and end < b), None)
            speaker = (" " * inside[0] + sentence[inside[0]:inside[1]]) if inside else reporter
            future = _looks_ahead(speaker, start, end)
            if kind == "relative_month" and (_SPAN_START.search(sentence, max(0, start - 30), start)
                                             or match["rel"].lower() == "until" and _held_until(reporter, start)):
                resolved = _relative_month(_month(match["m"]), "in", anchor, future) if anchor else None
            else:
                resolved = _resolve(kind, match, anchor, future)
            if resolved is not None and not 1000 <= int(resolved[:4]) <= 2999:
                continue  # "7000 years ago" is history, not a date this timeline can hold
            # "On Sept. 8, 2016 ... on Sept. 20": a day without a year takes the sentence's year.
            year = _sentence_year(found)
            if kind in ("month_day", "day_month") and year and resolved and _valid(f"{year}{resolved[4:]}"):
                resolved = f"{year}{resolved[4:]}"
            if resolved is None:
                continue
            taken.append((start, end))
            found.append(TemporalExpression(text, start, end, resolved, kind))
    return sorted(found, key=lambda e: e.start)


# A weekday before a plural is a habit ("Friday prayers", "Friday rallies"), not a date (but
# "Friday's rallies", "a Wednesday statement" are dated); "Today" before "programme" is a show.
_HABIT = re.compile(r"\s+(?!(?:his|this|its|was|has|is|as|us|thus|plus|news)\b)[a-z]{3,}[^s'\s]*s\b")
_BEFORE_HABIT = frozenset("the a an large weekly regular usual traditional mass big their his her its our after before "
                          "during for at of every".split())  # not "said Thursday officials were ..."
_SHOW = re.compile(r"\s+(?:program|programme|show|newspaper)\b", re.IGNORECASE)


def _names_no_day(kind: str, match: re.Match[str], sentence: str) -> bool:
    if kind == "relative_weekday" and not match.group("rel") and not match.group().lower().endswith(
            ("morning", "afternoon", "evening", "night")):
        before = sentence[:match.start()].split()[-1:]
        return bool(_HABIT.match(sentence, match.end())) and (not before or before[0].lower() in _BEFORE_HABIT)
    if kind == "deictic_day" and match.group() == "Today":
        return bool(_SHOW.match(sentence, match.end()))
    return False


def _looks_ahead(reporter: str, start: int, end: int) -> bool:
    """Whether "on Friday" looks ahead. The words just before the day decide first: a future cue
    there looks ahead ("the bridge would reopen on Monday"); a past verb there, or just after the
    day, looks back, whatever the rest of the sentence says ("Mubarak said Tuesday he will not
    run", officials "told the State Department on Thursday evening that ... would be
    released", "Lawmakers on Tuesday asked ..."). Otherwise the sentence's tense decides (a future
    cue anywhere in the reporter's words before the day, or after it with no past verb between:
    "an address Tuesday night in which the president said they are to ..." reports what was said
    then), unless the day opens the sentence and a past verb heads what follows it."""
    words_before = reporter[:start].split()
    before = " ".join(words_before[-NEAR_WORDS:])
    after = " ".join(reporter[end:].split()[:2])
    if not words_before and _ENTRY_MARK.match(reporter, end):
        # a chronology's entry ("May 30 - Gaddafi renews a ceasefire call ... he will heed"): its
        # opening words alone tell whether it lies ahead ("June 5 - Parliament will vote")
        return bool(_FUTURE.search(" ".join(reporter[end:].split()[:NEAR_WORDS])))
    if before.lower().endswith(" back") or before.lower() == "back":
        return False  # "as it envisioned back in April"
    if _FUTURE.search(before):
        return True
    # ...a past verb before "that" governs the clause it opens, not the day in it ("he said that
    # on Saturday two teams would be sent out")
    if _PAST.search(re.split(r"\bthat\b", before)[-1]) or _PAST.search(after):
        return False
    if _past_form_before(words_before[-CLAUSE_WORDS - 1:]):  # "... but rescued the bank on Tuesday"
        return False
    if len(words_before) <= 1:  # the day opens the sentence: its main verb, before any
        # future cue, decides ("On Sunday, Bahrain's crown prince said he would stay away")
        clause = re.split(r"\bthat\b", " ".join(reporter[end:].split()[:NEAR_WORDS]))[0]
        cue = _FUTURE.search(clause)
        if _PAST.search(clause[: cue.start()] if cue else clause):
            return False
    cue = _FUTURE.search(reporter, end)
    return bool(_FUTURE.search(reporter, 0, start) or cue and not _PAST.search(reporter, end, cue.start()))


def _past_form_before(words: list[str]) -> bool:
    """A verb in -ed in the clause the day ends (of the `CLAUSE_WORDS` words before it; one more is
    read for a passive's auxiliary): "rescued the bank on". Not one that puts things off ("postponed
    the vote to") or looks ahead ("a holiday booked in July"), nor one a future cue follows ("I asked
    if they would win on"), nor a passive in the present ("is lifted in November", "to be discussed
    on Monday") or an adjective ("so-called")."""
    clause = re.split(r"\bthat\b|[,;:(]|--|\u2014", " ".join(words))[-1].split()
    first = max(0, len(clause) - CLAUSE_WORDS)
    return any(re.fullmatch(r"[a-z]+", word) and is_past_form(word) and not _DEFERRED.match(word)
               and word not in _LOOKING_AHEAD and (n == 0 or clause[n - 1] not in ("is", "are", "be", "being"))
               and not _FUTURE.search(" ".join(clause[n + 1:]))
               for n, word in enumerate(clause) if n >= first)


_LOOKING_AHEAD = frozenset("expected scheduled planned slated booked proposed intended".split())


_ENTRY_MARK = re.compile(r"\s*(?:[-\u2013\u2014:]|--)\s")


# "From April through June, when BP's stock ...": the end of a span the sentence tells, in its
# tense, not a deadline ahead
_SPAN_START = re.compile(rf"\bfrom\s+(?:early\s+|late\s+|mid-?)?{_MONTH}\s+$", re.IGNORECASE)


# "remained army chief until March", "did not start until March": a state that held until then is told
# in the past; "put off until March", "closed until March" still look ahead.
_HELD = re.compile(r"\b(?:remained|stayed|served|lived|ruled|reigned|lasted|continued|worked|was|were|had been"
                   r"|did not|didn't|had not|hadn't|never)\b",
                   re.IGNORECASE)
_DEFERRED = re.compile(r"\b(?:postpon|put off|delay|defer|adjourn|suspend|extend|push|clos|shut|ban|bar|halt|freez"
                       r"|froze|wait)", re.IGNORECASE)


def _held_until(reporter: str, start: int) -> bool:
    """Does "until <month>" end a state the sentence tells in the past?"""
    before = " ".join(reporter[:start].split()[-NEAR_WORDS:])
    return bool(_HELD.search(before)) and not _FUTURE.search(before) and not _DEFERRED.search(before)


def _valid(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def _sentence_year(found: list[TemporalExpression]) -> str | None:
    dated = [e for e in found if e.kind in ("iso", "month_day_year", "day_month_year")]
    return dated[-1].date[:4] if dated else None


def _looks_like_month(match: re.Match[str], sentence: str) -> bool:
    """'may' and 'march' are verbs too: lowercase ones count only next to a day or year."""
    month = match.groupdict().get("m")
    if month is None or month[0].isupper():
        return True
    return month.lower().rstrip(".") not in {"may", "march"} or bool(
        match.groupdict().get("d") or match.groupdict().get("y"))


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _resolve(kind: str, m: re.Match[str], anchor: date | None, future: bool) -> str | None:
    groups = m.groupdict()
    try:
        if kind == "iso":
            return date(int(groups["y"]), int(groups["m"]), int(groups["d"])).isoformat()
        if kind in ("month_day_year", "day_month_year"):
            return date(int(groups["y"]), _month(groups["m"]), int(groups["d"])).isoformat()
        if kind == "month_year":
            return f"{int(groups['y']):04d}-{_month(groups['m']):02d}"
        if kind == "year":
            return groups["y"]
    except ValueError:  # "February 31"
        return None
    if anchor is None:
        return None
    if kind in ("month_day", "day_month"):
        return _nearest_month_day(_month(groups["m"]), int(groups["d"]), anchor, future)
    if kind == "relative_weekday":
        return _weekday(WEEKDAYS[groups["w"].lower()], (groups["rel"] or "").lower(), anchor, future)
    if kind == "deictic_day":
        rel = groups["rel"].lower()
        offset = -1 if rel in ("yesterday", "last night") else 0
        return (anchor + timedelta(days=offset)).isoformat()
    if kind == "ago":
        count = int(groups["n"]) if groups["n"].isdigit() else _NUMBER_WORDS[groups["n"].lower()]
        return _shift(anchor, groups["unit"].lower(), -count)
    if kind == "relative_unit":
        rel = groups["rel"].lower()
        step = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
        return _shift(anchor, groups["unit"].lower(), step, whole_unit=True)
    if kind == "month_of_year":
        step = {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
        return f"{anchor.year + step:04d}-{_month(groups['m']):02d}"
    if kind == "relative_month":
        return _relative_month(_month(groups["m"]), groups["rel"].lower(), anchor, future)
    return None


def _nearest_month_day(month: int, day: int, anchor: date, future: bool) -> str | None:
    """A day without a year: the one nearest the anchor, a day on the unlikely side of it counting
    as `UNLIKELY_SIDE` days. News mostly looks back, so a day ahead is unlikely unless the sentence
    looks ahead (a few days ahead are allowed for announced events, "on March 6"); but a day ten
    days ahead ("schools are closed until 6 May") is still nearer than one 355 days back, and a
    day six days back is nearer than one a year ahead however the sentence looks (writers give
    the year of any other year's day)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None

    # looking ahead, yesterday still counts plainly; looking back, a week ahead does
    return min(candidates, key=lambda c: _weighed_offset((c - anchor).days, future, 1 if future else 7)).isoformat()


UNLIKELY_SIDE = 4


def _weighed_offset(offset: int, ahead: bool, grace: int) -> int:
    """How far an offset from the report (in days or months) counts when choosing between years: as
    it is on the side the sentence looks to, or within `grace` of it; `UNLIKELY_SIDE` times as far
    beyond."""
    if ahead:
        return offset if offset >= -grace else -offset * UNLIKELY_SIDE
    return abs(offset) if offset <= grace else offset * UNLIKELY_SIDE


def _weekday(weekday: int, rel: str, anchor: date, future: bool) -> str:
    """'on Monday' in a story from Wednesday is two days back; 'next Monday' or 'will … Monday' ahead;
    'last Tuesday' on a Wednesday eight days back; 'on Saturday' on a Friday tomorrow."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel == "next":
        return (anchor + timedelta(days=ahead or 7)).isoformat()
    if rel in ("by", "until") or (future and rel not in ("last", "since")):  # a deadline lies ahead
        return (anchor + timedelta(days=ahead)).isoformat()
    if rel == "last":  # nobody calls yesterday "last Tuesday": that is the week before's
        return (anchor - timedelta(days=back if back > 1 else back + 7)).isoformat()
    if rel == "this":  # this week's (from Monday): "this Sunday" on a Thursday is three days ahead
        return (anchor + timedelta(days=weekday - anchor.weekday())).isoformat()
    if ahead == 1 and rel != "since":
        # Tomorrow's day in a report looking back: the page was updated past its date (a live page
        # dated Friday telling what Mubarak "said early Saturday"), far likelier than six days ago.
        return (anchor + timedelta(days=1)).isoformat()
    return (anchor - timedelta(days=back)).isoformat()


def _relative_month(month: int, rel: str, anchor: date, future: bool) -> str:
    """'last September' is the latest September before this month, 'next September' the first
    after it, 'this September' the coming one (or this one). In a sentence looking back, 'in July'
    ('since July') is the latest July at or before this month: what happened did so before the
    report. Looking ahead ('will', 'by', 'until'), it is the nearest July, one behind counting
    `UNLIKELY_SIDE` times as far: "held by loyalists until late September", in October, is last
    month, not next year's."""
    if rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year if month >= anchor.month else anchor.year + 1
    elif rel != "since" and (future or rel in ("by", "until", "through")):
        year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                   key=lambda y: _weighed_offset((y - anchor.year) * 12 + month - anchor.month, True, 0))
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year:04d}-{month:02d}"


def _shift(anchor: date, unit: str, count: int, whole_unit: bool = False) -> str | None:
    """Move the anchor by whole days, weeks, months or years, keeping only honest precision."""
    if unit == "day":
        try:
            return (anchor + timedelta(days=count)).isoformat()
        except OverflowError:
            return None
    if unit == "week":
        start = anchor + timedelta(weeks=count)
        if whole_unit:
            start -= timedelta(days=start.weekday())
            end = start + timedelta(days=6)
            return f"{start.year:04d}-{start.month:02d}" if (start.year, start.month) == (end.year, end.month) else None
        return f"{start.year:04d}-{start.month:02d}"
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{anchor.year + count:04d}" if anchor.year + count > 0 else None


def parse_anchor(published: str | None) -> date | None:
    """The date part of an article's `published` value."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        try:
            return date_parser.parse(published).date()
        except (ValueError, OverflowError):
            return None
