"""Article metadata: read it from the fields a record carries, infer what is missing from the text.

Every inferred value records where it came from (`published_from`), because a header line such as
"date 2017-01-03" may be wrong and a later stage checks it against the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from dateutil import parser as date_parser

from storyweave.clean.boilerplate import FURNITURE_PHRASES, remove_opening_credits
from storyweave.clean.normalize import capitalise_start
from storyweave.model import cut_run_on
from storyweave.nlp.dates import TIME_ZONE
from storyweave.nlp.sentences import TITLES

# Field names seen in news datasets and scrapers, in order of preference.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading"),
    "text": ("text", "body", "content", "maintext", "article", "story", "document"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "outlet": ("outlet", "publisher", "source", "source_name", "domain", "site", "sitename",
               "source_domain", "newspaper", "publication"),
    "date": ("published", "date", "publish_date", "date_publish", "pubDate", "published_at",
             "publication_date", "datetime", "time"),
    "author": ("author", "authors", "byline", "by"),
}

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

# "date 2017-01-03", "Published: March 2, 2017", "Date - 03/02/2017" in the first lines.
_HEADER_DATE = re.compile(
    r"^\s*(?:date|dated|published(?: on)?|posted(?: on)?|updated|last updated)\s*[:\-–—]?\s*(?P<value>.{6,40}?)\s*$",
    re.IGNORECASE,
)
_HEADER_FIELD = re.compile(
    r"^\s*(?P<key>title|headline|source|outlet|url|link|author|byline)\s*[:\-–—]\s*(?P<value>\S.{0,300}?)\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*By\s+(?:the\s+)?(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|la|staff))*)"
                     r"(?:\s*[,|/]\s*(?P<org>[^\n]{2,60}))?\s*$")
# "WASHINGTON (Reuters) -", "LONDON, March 2 (AP) —", "NEW YORK —", "Paris, France (CNN) --",
# "(CNN) --", and as degraded copies write them, "( cnn ) --", "sydney ( reuters ) -".
_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Za-z][A-Za-z.'’/-]+(?:[ ,]+[A-Za-z][A-Za-z.'’/-]+){0,4}?)"
    r"(?:,\s*(?P<date>" + _MONTHS + r"\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"|(?P<day>" + _MONTHS + r"\s+\d{1,2}(?:,\s*\d{4})?)(?=\s*\())?"  # a day alone: "June 3 (Reuters) -"
    r"\s*(?:\(\s*(?P<agency>[A-Za-z][A-Za-z .&-]{0,30}?)\s*\))?"
    r"(?:\s*(?P<dash>--|[-–—])\s+|(?<=\))\s+)"  # no dash only after the agency: "(AP) The ..."
)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<org>[A-Z][A-Za-z .&-]{1,50}?)\.?"
    r"(?:\s+All rights reserved\.?)?\s*$",
    re.IGNORECASE,
)
_AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters",
    "thomson reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "upi": "UPI",
    "cnn": "CNN", "bloomberg": "Bloomberg", "dpa": "dpa", "xinhua": "Xinhua",
}


# "Sunday 26 April 2009 18.45 BST" / "March 4, 2024 7:42 PM EST": a page's publication stamp; with
# the weekday and "AM"/"PM" the zone may be missing ("Tuesday, September 16, 2008; 4:30 PM").
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+)"
_STAMP_DATE = r"(?:\d{1,2}\s+" + _MONTHS + r",?\s+\d{4}|" + _MONTHS + r"\s+\d{1,2},\s+\d{4})"
_ZONE = TIME_ZONE + r"\b"
_TIMESTAMP = re.compile(
    r"\b\d{1,2}:\d{2}\s+(?:UK|local)\s+time,\s+" + _WEEKDAY + _STAMP_DATE  # BBC: "09:27 UK time, Friday, 28 May 2010"
    # BBC: "13 July 2010 Last updated at 09:43 GMT Help" (the page's help link after it; the zone
    # may be missing) and "Page last updated at 07:48 GMT, Tuesday, 8 November 2011"
    + r"|\b" + _STAMP_DATE + r"\s+Last updated at\s+\d{1,2}:\d{2}(?:\s*" + _ZONE + r")?(?:\s+Help\b)?"
    # BBC: "Last updated: 4 March, 2010 - 09:25 GMT"
    + r"|\bLast updated:\s*" + _STAMP_DATE + r"\s*-\s*\d{1,2}:\d{2}\s*" + _ZONE
    + r"|\bPage last updated at\s+\d{1,2}:\d{2}\s*" + _ZONE + r"\s*,?\s*" + _WEEKDAY.replace(",?", "\\s*,?") + "?"
    + _STAMP_DATE
    + r"|\b" + _WEEKDAY + "?" + _STAMP_DATE + r",?\s+(?:at\s+)?\d{1,2}[.:]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*" + _ZONE
    + r"|\b" + _WEEKDAY + _STAMP_DATE + r"[,;]?\s+(?:at\s+)?\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]\b\.?(?:\s*" + _ZONE + ")?"
    # BBC's live pages: "14 March 24 09:12 GMT"; a print edition's page: "Thursday, March 14, 2024; Page A01"
    + r"|^\s*\d{1,2}\s+" + _MONTHS + r"\s+\d{2}\s+\d{1,2}:\d{2}\s*" + _ZONE
    + r"|\b" + _WEEKDAY + _STAMP_DATE + r";\s*Page\s+[A-Z]\d{1,3}\b"
)


_TRAILING_PLACE = re.compile(  # "... LONDON", "... MISRATA, Libya"
    r"(?:^|\s)[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+)?)?$")
# Before a page's time stamp, what is no headline: a place in capitals ("TRIPOLI |", "WASHINGTON,
# March 19 |"), a byline, bare or not ("Clare Spencer | 09:55 UK time, ..."), or a photo credit
# ("Navy photo/Handout By Maria Golovnina ... TRIPOLI |").
_NOT_A_HEADLINE = re.compile(
    r"^[A-Z][A-Z .'-]*(?:,\s*" + _MONTHS + r"\s+\d{1,2})?$|^[A-Z][a-z]+(?:\s+[A-Z][a-z'\u2019-]+){1,2}$"
    r"|\bBy [A-Z]|(?i:\bphoto|\bhandout)|/")
# A dateline inside a scrape's first line, behind the byline and highlights that the page ran into
# it: "By the CNN Wire Staff Libya says ... Obama says Tripoli, Libya (CNN) -- A fighter jet ..."
_INNER_DATELINE = re.compile(  # "... Tripoli, Libya (CNN) --", "... MILAN/LONDON, Oct 13 (Reuters) -", "... (CNN) --"
    r"(?<=\s)(?:[A-Z][A-Za-z.'\u2019/-]+(?:,?\s+[A-Z][A-Za-z.'\u2019/-]+){0,3}(?:,\s*" + _MONTHS + r"\s+\d{1,2})?\s*)?"
    r"\(\s*(?:AP|Associated Press|Reuters|AFP|UPI|CNN|Bloomberg|dpa|Xinhua)\s*\)\s*(?:--|[-\u2013\u2014])\s")
# A byline the scrape ran into a dateline in capitals: "By Shailagh Murray and Paul Kane TOLEDO, Ohio -- ..."
_NAME_WORDS = r"[A-Z][a-z][\w.'\u2019-]*(?:\s+(?:[A-Z]\.|[A-Z][\w.'\u2019-]*[a-z][\w.'\u2019-]*)){0,3}"
_BYLINE_BEFORE_DATELINE = re.compile(
    rf"\s*By\s+(?P<name>{_NAME_WORDS}(?:(?:,\s*|\s+and\s+){_NAME_WORDS})*)\s+"
    r"(?=[A-Z]{2,}[A-Z.'\u2019-]*(?:\s+[A-Z]{2,}[A-Z.'\u2019-]*){0,3}\s*(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?\s*)?"
    r"(?:--|[-\u2013\u2014])\s)")
# A byline run into the text after it, its newsroom named, maybe behind the page's date: "By
# Cynthia P. Schneider and Nadia Oweidat, Special to CNN Protesters march ...", "February 09,
# 2011 | By Josh Levs, CNN Rights groups say ..."
_BYLINE_RUN_ON = re.compile(
    r"\s*(?:(?P<date>" + _MONTHS + r"\s+\d{1,2},?\s+\d{4})\s*\|\s*)?"
    rf"By\s+(?P<name>{_NAME_WORDS}(?:(?:,\s*|\s+and\s+){_NAME_WORDS})*),\s+(?:(?:Special\s+to|for)\s+(?:the\s+)?)?"
    r"(?P<org>CNN|AP|Associated Press|Reuters|AFP|Agence France-Presse|UPI|Bloomberg|Xinhua)\s+(?=[A-Z])")
MAX_HEADER_WORDS = 80  # a longer run before such a dateline, or one of sentences, is story text
# not "U.S. Ambassador", nor a title's abbreviation ("Rep. Ron Paul says")
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Za-z]\.[A-Za-z])" + "".join(
    rf"(?<!\b{title.capitalize()})" for title in sorted(TITLES | {"st"})) + r"[.!?][\"')]*\s+[A-Z]")


@dataclass
class Inferred:
    """Metadata found in the text, and the text with the lines that carried it taken out."""

    text: str
    title: str | None = None
    published: str | None = None
    published_from: str = "unknown"
    outlet: str | None = None
    author: str | None = None
    dateline: str | None = None
    url: str | None = None
    removed: list[str] = field(default_factory=list)


def pick_field(record: dict[str, Any], name: str) -> Any:
    """The value of the first non-empty field that means `name` (case-insensitive keys)."""
    lowered = {str(key).lower(): value for key, value in record.items()}
    for candidate in FIELD_NAMES[name]:
        value = lowered.get(candidate.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def as_text(value: Any) -> str | None:
    """Flatten a field value (lists of authors, nested {"name": ...} objects) to a string."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        parts = [as_text(item) for item in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return as_text(value.get("name") or value.get("title") or value.get("text"))
    return str(value)


def parse_date(value: Any, default_year: int | None = None) -> str | None:
    """An ISO date (or datetime when a time is given) from a date value, or None.

    Accepts ISO strings, common written forms and Unix timestamps. Day-first is not assumed:
    "03/04/2017" reads as March 4, the US convention most English news metadata uses.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and 0 < value < 1e11:
        return datetime.utcfromtimestamp(value).date().isoformat()
    text = str(value).strip()
    if not re.search(r"\d", text) or len(text) > 60:
        return None
    default = datetime(default_year or 1900, 1, 1)
    try:
        parsed = date_parser.parse(text, default=default, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1900 and default_year is None:
        return None  # no year in the text, and none to borrow
    if not 1800 <= parsed.year <= 2200:
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return parsed.isoformat(timespec="minutes") if has_time else parsed.date().isoformat()


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "amp.", "edition.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def normalise_agency(name: str | None) -> str | None:
    if not name:
        return None
    return _AGENCIES.get(_agency_key(name), name.strip().strip(".").strip())


def _agency_key(name: str) -> str:
    return name.strip().strip(".").strip().lower()


def infer_metadata(text: str, *, has_title: bool, year_hint: int | None = None) -> Inferred:
    """Find header lines, a title line, a byline, a dateline and a copyright line.

    Only the first few lines are searched for headers (that is where scrapers put them); the
    dateline is searched at the start of the first paragraph of the body.
    """
    lines = text.split("\n")
    found = Inferred(text=text)
    _take_transcript_header(lines, found, has_title)
    body_start = 0
    for i, line in enumerate(lines[:12]):
        stripped = line.strip()
        if not stripped:
            continue
        header = _HEADER_FIELD.match(stripped)
        date_match = _HEADER_DATE.match(stripped)
        byline = _BYLINE.match(stripped)
        if date_match and (iso := parse_date(date_match.group("value"), year_hint)):
            if found.published is None:
                found.published, found.published_from = iso, "header"
        elif header:
            key, value = header.group("key").lower(), header.group("value")
            if key in ("title", "headline"):
                found.title = found.title or value
            elif key in ("source", "outlet"):
                found.outlet = found.outlet or value
            elif key in ("url", "link"):
                found.url = found.url or value
            else:
                found.author = found.author or value
        elif byline and len(stripped.split()) <= 10:
            found.author = byline.group("name")
            if byline.group("org"):
                found.outlet = found.outlet or normalise_agency(byline.group("org"))
        elif i == body_start and (run_on := _BYLINE_RUN_ON.match(stripped)):
            found.author = found.author or run_on.group("name")
            found.outlet = found.outlet or normalise_agency(run_on.group("org"))
            if run_on.group("date") and found.published is None and (iso := parse_date(run_on.group("date"))):
                found.published, found.published_from = iso, "text"
            found.removed.append(run_on.group().strip())
            lines[i] = stripped[run_on.end():]
            break
        elif (not has_title and found.title is None and i == body_start
              and _is_title_line(stripped, lines[i + 1:])):
            found.title = cut_run_on(stripped.lstrip("# ").strip())
        else:
            break
        found.removed.append(stripped)
        body_start = i + 1

    body = lines[body_start:]
    _take_timestamp(body, found, has_title)
    _take_dateline(body, found, year_hint)
    _take_later_datelines(body, found, year_hint)
    _take_copyright(body, found)
    found.text = "\n".join(body).strip()
    return found


_OPENING_BYLINE = re.compile(r"\s*By\s+(?:the\s+)?[A-Z]")  # "By the CNN Wire Staff Mother of ...": a header
# A page's stamp line, not its headline: "March 19, 2011 | By Jason Hanna, CNN", "Updated 0423 GMT | By ..."
_STAMP_LINE = re.compile(r"[|\u2022\u00b7]\s*By\s+(?:the\s+)?[A-Z]"
                         r"|^\s*" + _MONTHS + r"\.?\s+\d{1,2},?\s+\d{4}\s*[|\u2022\u00b7]")


# A note on a photo, not a headline: "EDITOR'S NOTE: Credit: NO INDEPENDENT CHECK OF THIS FOOTAGE ..."
_PHOTO_NOTE = re.compile(r"\s*(?:editor'?s'? note|credit|photo|picture|image|caption)\s*:", re.IGNORECASE)


def _is_title_line(line: str, rest: list[str]) -> bool:
    """A short first line with no closing full stop, followed by more text, is a title."""
    words = line.lstrip("# ").split()
    if (not 2 <= len(words) <= 20 or line.rstrip().endswith((".", ",", ";", ":")) or _OPENING_BYLINE.match(line)
            or _PHOTO_NOTE.match(line) or FURNITURE_PHRASES.search(line)  # a page's prompt
            or _STAMP_LINE.search(line) or _TIMESTAMP.search(line)):  # a time stamp, with a headline or not
        return False
    remaining = " ".join(rest).split()
    return len(remaining) >= 2 * len(words)


# A broadcast transcript's header: its segments' titles, when it aired and a notice ("Mubarak Steps
# Down; Celebration In The Streets ... Aired February 11, 2011 - 13:00 ET THIS IS A RUSH TRANSCRIPT.
# THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.")
_AIRED = re.compile(r"\s*\bAired\s+(?P<date>" + _MONTHS + r"\.?\s+\d{1,2},?\s+\d{4})(?:\s*-\s*\d{1,2}:\d{2}\s*"
                    r"(?:[AP]\.?M\.?\s*)?" + TIME_ZONE + r"?)?\s*(?:THIS IS A RUSH TRANSCRIPT\s*\.?\s*)?"
                    r"(?:THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED\s*\.?\s*)?")
TRANSCRIPT_HEADER_LINES = 3


def _take_transcript_header(body: list[str], found: Inferred, has_title: bool) -> None:
    """A transcript's header, maybe over a few lines: the first segment's title is the title, the
    day it aired the publication date; the rest goes."""
    filled = [i for i, line in enumerate(body) if line.strip()][:TRANSCRIPT_HEADER_LINES]
    for n, i in enumerate(filled):
        match = _AIRED.search(body[i])
        if not match:
            continue
        header = " ".join(body[j].strip() for j in filled[:n]) + " " + body[i][:match.start()]
        if found.published is None and (iso := parse_date(match.group("date"))):
            found.published, found.published_from = iso, "text"
        segment = re.split(r"\s*;\s*", header.strip(" ;"))[0]
        if segment and not has_title and found.title is None and len(segment.split()) <= LONGEST_SEGMENT_TITLE:
            found.title = segment
        found.removed.append((header + " " + match.group()).strip())
        for j in filled[:n]:
            body[j] = ""
        body[i] = body[i][match.end():].strip()
        return


LONGEST_SEGMENT_TITLE = 20


# A page's label before its headline: Reuters' "Full Article" link
_PAGE_LABEL = re.compile(r"^Full Article\s+")


def _take_timestamp(body: list[str], found: Inferred, has_title: bool) -> None:
    """Scraped pages often run headline, standfirst and time stamp into the first line."""
    for i, line in enumerate(body[:3]):
        match = _TIMESTAMP.search(line)
        if not match:
            continue
        # zone names (and the BBC's "Last updated at ... GMT Help") confuse dateutil, and so does "2008; 4:30 PM"
        stamp = re.sub(r"\s*[A-Z]{3,4}(?:\s+Help)?$|\b(?:UK|local) time,|\s+Last updated at|\bPage last updated at|;\s*Page\s+\w+|\s+"
                       + _ZONE, "",
                       match.group()).replace(".", ":").replace(";", ",")
        if found.published is None and (iso := parse_date(stamp)):
            found.published, found.published_from = iso, "text"
        before = line[: match.start()].strip()
        headline = re.sub(r"\s*[|/\u2013\u2014-]+$", "", before)
        # Reuters: "Headline LONDON | Fri Oct 1, 2010 4:52 pm EDT LONDON (Reuters) - ...": the
        # place before the stamp is the dateline's, not the headline's
        place = _TRAILING_PLACE.search(headline)
        after = line[match.end():].lstrip()
        zoneless = re.sub(r"^[A-Z]{2,4}\s+(?=\S)", "", after)  # past a zone the stamp left: "IST WASHINGTON"
        if place and (after.startswith(place.group().strip()) or zoneless.startswith(place.group().strip())):
            headline = headline[: place.start()].strip()
        if headline and (after.startswith(headline) or zoneless.startswith(headline)):
            headline = ""  # "June 3 | Thu Jun 3, 2010 9:10 am EDT June 3 (Reuters) - ...": the dateline's
        headline = _PAGE_LABEL.sub("", headline)
        if (headline and not has_title and found.title is None and len(headline.split()) <= 40
                and not _NOT_A_HEADLINE.search(headline)):
            found.title = cut_run_on(headline)
        if before:
            found.removed.append(before)
        body[i] = line[match.end():].strip()
        # a stamp opening the page, its headline after it ("Last updated: ... GMT Haiti quake: aid stalls")
        if not before and not has_title and found.title is None and _is_title_line(body[i], body[i + 1:]):
            found.title = cut_run_on(body[i])
            found.removed.append(body[i])
            body[i] = ""
        return


def _take_dateline(body: list[str], found: Inferred, year_hint: int | None) -> None:
    """The dateline at the start of the first paragraph, also behind photo credits or another
    dateline ("(ap photo/...) ( associated press ) washington ( ap ) — ..."); the credits go with
    it (without a dateline, they are left to cleaning). Behind a photo caption of its own line ("A
    commuter in a face mask waits in Mexico City April 24, 2009.\nMEXICO CITY (Reuters) - ..."),
    the dateline opens the second paragraph, or ends its header of highlights ("... Witness says the
    square is full Benghazi, Libya (CNN) -- ..."); the caption stays (a dated event of its own)."""
    _join_header_lines(body)
    filled = [i for i, line in enumerate(body) if line.strip()][:2]
    for n, i in enumerate(filled):
        line = body[i]
        credits: list[str] = []
        taken = False
        inner = None if _DATELINE.match(line) else _INNER_DATELINE.search(line[:1000])
        header = line[: inner.start()] if inner else ""
        if inner and _is_header(header):
            credits.append(f"header before the dateline: {header.strip()}")
            line = line[inner.start():]
        byline = None if n else _BYLINE_BEFORE_DATELINE.match(line)
        if byline:
            credits.append(f"byline: {byline.group().strip()}")
            found.author = found.author or byline.group("name")
            line = line[byline.end():]
        for _ in range(MAX_OPENING_PIECES):
            match = _DATELINE.match(line)
            if match and _is_dateline(match):
                _record_dateline(match, found, year_hint)
                line, taken = line[match.end():], True
                continue
            uncredited = remove_opening_credits(line, credits)
            if uncredited == line:
                break
            line = uncredited
        if taken:
            found.removed += credits
            body[i] = capitalise_start(line)
        if taken or not _is_caption_line(body[i]):
            return


def _take_later_datelines(body: list[str], found: Inferred, year_hint: int | None) -> None:
    """An agency's dateline opening a later paragraph ("(CNN) -- Egyptians deserve ...") marks where
    a story starts: behind an editor's note about the author, or in a page of several stories. The
    dateline goes; a header before it goes with it: a few short lines (highlights), or lines
    holding an editor's note (who the author is)."""
    filled = [i for i, line in enumerate(body) if line.strip()]
    # only the first such dateline may have a header before it, and only where the page opened on
    # none (after a dateline of its own, what comes first is a story: a page of several stories)
    first = found.dateline is None
    for n, i in enumerate(filled[2:], start=2):
        match = _DATELINE.match(body[i])
        if match and match.group("agency") and match.group("dash") and _is_dateline(match) \
                and _agency_key(match.group("agency")) in _AGENCIES:
            if found.dateline is None:
                _record_dateline(match, found, year_hint)
        elif not (match := _CREDITED_DATELINE.match(body[i])):
            continue
        body[i] = capitalise_start(body[i][match.end():])
        before = [body[j] for j in filled[:n]]
        words = sum(len(line.split()) for line in before)
        # a header: highlights a line each ("Crowds chant ..."), or holding an editor's note
        if first and (n <= MAX_HEADER_LINES and words <= MAX_HEADER_WORDS
                      or any(_EDITORS_NOTE.search(line) for line in before) and words <= MAX_NOTE_WORDS):
            found.removed += [body[j].strip() for j in filled[:n]]
            for j in filled[:n]:
                body[j] = ""
        first = False


# ...or a dateline in capitals behind the credit of the photo captioned above it: "AP NEW ORLEANS -- ..."
_CREDITED_DATELINE = re.compile(r"^\s*(?:AP|AFP|Reuters|Getty Images)\s+"
                                r"[A-Z][A-Z.'\u2019/-]+(?:[ ,]+[A-Z][A-Z.'\u2019/-]+){0,5}"
                                r"(?:,\s*[A-Z][a-z]{1,4}\.)?\s*(?:--|[-\u2013\u2014])\s+(?=[A-Z\"])")  # "..., Fla. --"
MAX_HEADER_LINES = 4
MAX_NOTE_WORDS = 200
_EDITORS_NOTE = re.compile(r"\bEditor['’]?s\s+note\s*:", re.IGNORECASE)
MAX_CAPTION_WORDS = 40


def _is_caption_line(line: str) -> bool:
    """A line that may be a photo caption before the story: short, one sentence, ended."""
    return len(line.split()) <= MAX_CAPTION_WORDS and line.rstrip().endswith(".") and \
        not _SENTENCE_BREAK.search(line.rstrip()[:-1])


def _join_header_lines(body: list[str], lines: int = 3) -> None:
    """A header that ran into the first paragraph may have been broken into lines (a byline and
    highlights split where a sentence seemed to start): put them back on the dateline's line when
    they hold no sentence end and the dateline is within the first `lines` lines."""
    first = next((i for i, line in enumerate(body) if line.strip()), None)
    if first is None or _DATELINE.match(body[first]) or _INNER_DATELINE.search(body[first][:1000]):
        return
    for last in range(first + 1, min(first + lines, len(body))):
        if not body[last].strip():
            return
        joined = " ".join(line.strip() for line in body[first:last + 1])
        inner = _INNER_DATELINE.search(joined[:1000])
        if inner:
            # not when a line ends a sentence: a photo caption ("Syrians shout during a protest
            # near Deraa, March 25, 2011.") is a dated event of its own
            if _is_header(joined[: inner.start()]) and not any(
                    line.rstrip().endswith((".", "!", "?", '."')) for line in body[first:last]):
                body[first:last + 1] = [joined]
            return


def _is_header(text: str) -> bool:
    """What stands before a dateline is a header (byline, highlights) if short and holding no sentence end."""
    return len(text.split()) <= MAX_HEADER_WORDS and not _SENTENCE_BREAK.search(text)


MAX_OPENING_PIECES = 4  # credits and datelines before the story's first word


def _record_dateline(match: re.Match[str], found: Inferred, year_hint: int | None) -> None:
    agency = normalise_agency(match.group("agency"))
    dateline = match.group().strip().rstrip("-–—").strip()
    # Of two ("( associated press ) washington ( ap )"), the one with a place says more.
    if found.dateline is None or match.group("place"):
        found.dateline = dateline
    if agency and found.outlet is None:
        found.outlet = agency
    if (day := match.group("date") or match.group("day")) and found.published is None:
        iso = parse_date(day, year_hint)
        if iso:
            found.published, found.published_from = iso, "dateline"


def _is_dateline(match: re.Match[str]) -> bool:
    """A known agency in parentheses, with or without a place in any case (without the dash only
    alone: "(AP) The ..."); another agency after a capitalised place; or a place in capitals.
    Ordinary sentences ("Officials - who ...") never."""
    place, agency, dash = match.group("place") or "", match.group("agency"), match.group("dash")
    if agency and _agency_key(agency) in _AGENCIES:
        return bool(dash) or not place
    if not dash:
        return False
    if agency:
        return place[:1].isupper()
    return bool(place) and place.split(",")[0].isupper()


def _take_copyright(body: list[str], found: Inferred) -> None:
    for i in range(len(body) - 1, max(-1, len(body) - 6), -1):
        match = _COPYRIGHT.match(body[i])
        if match:
            if found.outlet is None:
                found.outlet = normalise_agency(match.group("org"))
            found.removed.append(body[i].strip())
            body[i] = ""
            return


# News URLs and archive folders often carry the day an article was published: "/2017/03/02/",
# "/2010/jan/13/", "2010-01-13/", "-20100113-". Year, month and day in that order, nothing else.
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LOCATION_DATE = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)\d\d)(?:(?P<sep>[/_.-])(?P<month>0?[1-9]|1[0-2]|"
    + "|".join(_MONTH_NAMES) + r")(?P=sep)(?P<day>0?[1-9]|[12]\d|3[01])"
    r"|(?P<month8>0[1-9]|1[0-2])(?P<day8>0[1-9]|[12]\d|3[01]))(?![0-9])",
    re.IGNORECASE,
)


def date_from_location(location: str | None) -> str | None:
    """The publication day written in a URL or file path (the last one, nearest the file), as an
    ISO date; None if there is none or it is not a real day up to next year."""
    if not location:
        return None
    for match in reversed(list(_LOCATION_DATE.finditer(location))):
        month = match.group("month") or match.group("month8")
        number = _MONTH_NAMES.index(month.lower()) + 1 if month.isalpha() else int(month)
        try:
            day = date(int(match.group("year")), number, int(match.group("day") or match.group("day8")))
        except ValueError:
            continue
        if day.year <= date.today().year + 1:
            return day.isoformat()
    return None


def year_of(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).year
    except ValueError:
        return None
