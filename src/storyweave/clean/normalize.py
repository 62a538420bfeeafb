"""Unicode normalisation that keeps meaning: one form for quotes, dashes and spaces.

Curly quotes become straight ones, the many dashes become en or em dashes (so does the wire's
" _ "), invisible characters go. Guillemets are kept: they are quote marks in their own right and
the quote finder knows them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from itertools import islice

from spacy.lang.en.stop_words import STOP_WORDS

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2012": "\u2013", "\u2015": "\u2014", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
    "\u2026": "...", "\u2028": "\n", "\u2029": "\n\n",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Signs of tokenised text: a space before a full stop or comma, inside brackets, before a percent
# sign, around a time's colon ("05 : 08"), before or around an apostrophe ("Louisiana 's", "do n't",
# "it ' ll"), and the treebank's escapes ("-LRB-", "AP\/Reuters", "``"). Typeset prose has almost
# none of these, so two are enough (a short article may have only one bracket pair); every fix only
# removes such a space.
_CONTRACTION_END = r"(?:s|ll|re|ve|m|d|t)\b"  # what follows the apostrophe: it's, we'll, don't
_PTB_SPACED = re.compile(r"\w \.(?:\s|$)| ,(?:\s|$)|\( \w|\w \)|\d %|\d : \d\d\b|\w ' " + _CONTRACTION_END
                         + r"|\w '(?:s|re|ve|ll|m|d)\b|\w n't\b|\\/|-[LR][RCS]B-|``")
# What a number measures in a compound ("90-day stay", "6,000-member academy", "4.6-magnitude quake")
_MEASURE = (r"(?:year|month|week|day|hour|minute|second|mile|yard|foot|inch|meter|metre|kilometer|kilometre"
            r"|acre|pound|ton|tonne|ounce|gallon|barrel|degree|point|percent|member|game|page|storey|story"
            r"|floor|seat|vote|time|man|person|car|vehicle|lane|bed|room|magnitude|mph)")
_SPACED_CONTRACTION = re.compile(r"(\w) ' (" + _CONTRACTION_END + ")", re.IGNORECASE)
_PTB_FIXES = [
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"-LRB-\s*|-LCB-\s*"), "("), (re.compile(r"\s*-RRB-|\s*-RCB-"), ")"),
    (re.compile(r"\\([/*])"), r"\1"),  # the treebank escapes "/" and "*"
    (re.compile(r"(\w) (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1\2"),
    (re.compile(r"\b([Cc])an not\b"), r"\1annot"),  # the treebank splits "cannot" in two
    (re.compile(r" ([.,;:!?%)\]])"), r"\1"),
    # an acronym the corpus's sentence splitter broke over two lines: "Brent/U ." + "S. spread positions"
    (re.compile(r"(?<![A-Za-z])([A-Z]\.)[ \t]*\n+([A-Z]\.)(?=[\s,'])"), r"\1\2"),
    (re.compile(r"([(\[$#]) "), r"\1"),
    (re.compile(r"`\s*"), "'"),
    (re.compile(r"(\w) '(?=[\s.,;:!?]|$)"), r"\1'"),
    # a quotation that opens on its word but closes apart from it: '"the social network " meets'
    (re.compile(r'(^|[\s(])"(\S[^"\n]{0,200}?)[ \t]+"(?=[\s.,;:!?)]|$)', re.MULTILINE), r'\1"\2"'),
]


# Tokenisers that split inside tokens too (ECB+): "4 . 6", "6 , 000", "2 : 09", "05 / 02 / 2013",
# "U . S .", "a . m .", "TMZ . com", "90 - day", "26 - year - old". Typeset, none has spaces. Run
# (before the spaces around punctuation go) only on a text that shows one such split, as most
# tokenised text does not.
_SPLIT_INSIDE = re.compile(r"\d [.,:/-] \d|\b[A-Za-z] \. [A-Za-z] \.|\w \. (?:com|org|net|gov|edu)\b|\d - [a-z]"
                           r"|\b(?:year|month|week|day) - old\b|\bhttps? : /|\bwww \. ")
_INSIDE_TOKEN_FIXES = [
    (re.compile(r"(?<=\d) ([./]) (?=\d)|(?<=\d)(?<!\d\d\d) (:) (?=\d\d\b)"), r"\1\2"),  # (a time's, not a year's)
    (re.compile(r"\b(\d{4}) - (\d\d) - (\d\d)\b"), r"\1-\2-\3"),  # "2013 - 09 - 28"
    # thousands ("6 , 000", "1 , 101"), not a list ("100 , 200 years") nor a code ("106-102 , 113")
    (re.compile(r"(?<![\d-])(?:\d{1,3}(?: , 000)+|\d{1,2}(?: , \d{3})+)\b"),
     lambda found: found.group().replace(" , ", ",")),
    (re.compile(r"(?<![\w.])([A-Za-z]) \. (?=[A-Za-z] \.)"), r"\1."),
    (re.compile(r"\b(?:https? : / / |www \. )(?:[\w%~#=&?-]+ [./] (?=[a-z0-9]))*[\w%~#=&?-]+"),
     lambda found: found.group().replace(" ", "")),  # "http : / / www . hp . com"
    (re.compile(r"(?<=\w) \. (?=(?:com|org|net|gov|edu)\b)"), "."),
    (re.compile(r"(?<=\d) - (?=" + _MEASURE + r"\b)"), "-"),
    (re.compile(r"\b(year|month|week|day) - (?=old\b)"), r"\1-"),
]


# A quotation whose marks stand apart from its words, as tokenising scrapers leave it: ' " clearly " '.
# Typeset text never puts a space after an opening mark or before a closing one, so only such text matches.
_SPACED_QUOTE = re.compile(r'(^|\s)"[ \t]+([^"\n]{1,200}?)[ \t]+"(?=[\s.,;:!?)]|$)', re.MULTILINE)


def detokenize(text: str) -> str:
    """Undo Penn-Treebank-style tokenisation ("it 's", "do n't", "`` quoted ''", "8.2 %").

    Research corpora and some scrapers deliver text this way (Multi-News: "( cnn )", "8.2 %",
    "that ' ll"). Applied only when the text clearly is tokenised, so ordinary prose is never
    touched; a contraction split on both sides of its apostrophe is mended anywhere.
    """
    tokenised = next(islice(_PTB_SPACED.finditer(text), 1, None), None) is not None  # two signs at least
    # An apostrophe standing apart from both halves of a contraction is never typeset: mended in
    # any text ("that ' ll", "don ' t").
    text = _SPACED_CONTRACTION.sub(r"\1'\2", text)
    if not tokenised:
        return text
    if _SPLIT_INSIDE.search(text):
        for pattern, replacement in _INSIDE_TOKEN_FIXES:
            text = pattern.sub(replacement, text)
    for pattern, replacement in _PTB_FIXES:
        text = pattern.sub(replacement, text)
    return _with_hyphens_closed_up(text)


_SPACED_HYPHEN = re.compile(r"\b([a-z]+) - (?=([a-z]+)\b)")
_HYPHENATED = re.compile(r"\b[a-z]+-[a-z]+\b")


def _with_hyphens_closed_up(text: str) -> str:
    """A tokeniser that spaces every hyphen ("large - scale", "court - mandated") writes no word
    with one; where a text does ("t-mobile"), its spaced ones are dashes ("his legacy - michelle
    malkin"). So only a text of spaced hyphens alone, three or more, is closed up, and never beside a
    stop word ("for a while - at least")."""
    spaced = [m for m in _SPACED_HYPHEN.finditer(text) if not {m.group(1), m.group(2)} & STOP_WORDS]
    if len(spaced) < 3 or _HYPHENATED.search(text):
        return text
    for found in reversed(spaced):
        text = text[:found.end(1)] + "-" + text[found.end():]
    return text


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines (archives and wire feeds break lines at ~70 characters).

    Only in a text that clearly is wrapped — many lines of nearly the same width — and only a
    line that reaches that width is joined to the next: titles, datelines and one-sentence-per-line
    texts keep their lines, blank lines keep separating paragraphs.
    """
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 5:
        return text
    width = lengths[int(len(lengths) * 0.9) - 1]
    wrapped = [n for n in lengths if 0.6 * width <= n <= width]
    ends = sum(1 for line in lines if line.rstrip().endswith((".", "!", "?", '"', "'")))
    if not 40 <= width <= 120 or len(wrapped) < 0.5 * len(lengths) or ends >= 0.5 * len(lengths):
        return text  # not wrapped: ragged lines, or one sentence per line
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line.strip():
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        # A joined line is long by construction; judge the line just read, not the paragraph.
        joining = len(line.rstrip()) >= 0.6 * width and bool(line.strip())
    return "\n".join(out)


# Sentences run together with no full stop between them, as a scraper that flattened a page joins
# headline, photo caption and first sentence ("... plug the Gulf oil leak The Coast Guard
# said ..."). These words open a sentence and are capitalised inside one only in names and titles.
# A break goes before one of the first group ("The", "He", ...) that follows any word ("... their
# ideas to BP We asked readers ...") and precedes a lowercase one (not "The Hague", "This American
# Life"); before one of the second ("In", "Since", "But", ...) that follows a lowercase word,
# whatever comes next ("... clean-up operations Since BP's rig exploded ..."), and before a
# possessive ("His", "Her", ...) only ahead of a lowercase word ("Her Majesty"). "The" ahead of a name
# opens a sentence too after a lowercase word that ends none of a title's ("... expect the worst
# The Red Cross says ..."; not "the film The Hurt Locker won", "between The United States and"). An article or a
# word of quantity opens a sentence ahead of a lowercase word ("... from the ruins A strong
# aftershock", "... Port-au-Prince An estimated", "... Tripoli Some rockets"; "More" and "Fewer"
# ahead of "than"), a number written in
# words also after a lowercase one ("... deal with a spill Five oil giants"), and an article
# after a lowercase word ahead of a name and a lowercase word too ("... the mountaineer A British
# man has ..."; not "his book An End to Poverty"), unless it names a kind ("vitamin A", "Plan A",
# "season Two").
# Never after a word that cannot end a sentence ("of The"), a possessive, or in a quoted title.
_OPENS_AFTER_ANY = ("The", "He", "She", "They", "We", "It", "This", "These", "There")
_OPENS_AFTER_LOWER = ("In", "On", "At", "As", "After", "When", "While", "For", "With", "From", "Since",
                      "Despite", "However", "Meanwhile", "But", "If", "Then")
_POSSESSIVES = ("His", "Her", "Their", "Its")
_ARTICLES = ("A", "An")
_QUANTITIES = ("Some", "Many", "Several", "Thousands", "Hundreds", "Dozens", "Scores", "Millions")
_NUMBERS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
_COMPARATIVES = ("More", "Fewer")  # before "than": "... in Port Alder More than 300 trucks ..."
_RUN_ON = re.compile(r"(?<=[A-Za-z0-9%'\"])[ \t]+("
                     + "|".join(_OPENS_AFTER_ANY + _OPENS_AFTER_LOWER + _POSSESSIVES + _ARTICLES + _QUANTITIES
                                + _NUMBERS + _COMPARATIVES)
                     + r")(?=[ \t])")
_NO_SENTENCE_ENDS = frozenset(
    "the a an of to in on at for and or but nor by with from as than that this these those is are was were "
    "be been being has have had will would shall should can could may might must not no its his her their "
    "our your my into onto about over under after before since despite during says said told".split())
# Words that a capital letter follows as a kind or a rank, not a new sentence: "influenza A virus".
_KINDS = frozenset(
    "vitamin hepatitis influenza flu type plan grade class group category exhibit serie section part division "
    "level tier schedule appendix row block gate terminal wing model phase option platform side series version "
    "league season chapter act round episode day week book volume number stage".split())
# Words after which "The" opens a name, not a sentence: a preposition ("between The United States
# and ..."), a verb of seeing or thinking, a kind of work ("the film The Hurt Locker won")
_BEFORE_A_TITLE = frozenset(
    "between behind against among amongst within without toward towards via beyond across through throughout "
    "around near inside outside upon amid like unlike including think thought believe see saw read reads got get "
    "called named film movie book novel show series album song paper newspaper magazine play programme program "
    "documentary musical opera column site website blog channel station band group journal year month week all".split())
_TITLE_GOES_ON = frozenset("of and or to in on at for the a an de del la le von van".split())  # "The Lord of the Rings"
_NAME_THEN_WORD = re.compile(r"(?:[A-Z][\w'-]*[ \t]+){1,3}([a-z][\w'-]*)")


def _opens_sentence(opener: str, word: str, rest: str) -> bool:
    """Does `opener`, after `word` and before `rest`, start a new sentence (see `_RUN_ON`)?"""
    bare = word.lower().strip("\"'()")
    core = word.rstrip("'\"")
    if (not core or not (core[-1].isalnum() or core[-1] == "%")  # a sentence that ended: 'said." The'
            or bare in _NO_SENTENCE_ENDS or word[0] in "\"'`"  # a quoted title: "Let There be Love"
            or re.search(r"['\u2019]s$", core)):  # "Radio 4's The Report"
        return False
    after_lower = word.islower() and core[-1:].isalpha()
    following = rest.split(None, 1)[0] if rest.strip() else ""
    lower_next = following[:1].islower()
    if opener == "The" and not lower_next:  # "... expect the worst The Red Cross says ...", not "in The Hague"
        named = _NAME_THEN_WORD.match(rest.lstrip())
        return (after_lower and named is not None and named.group(1) not in _TITLE_GOES_ON
                and bare not in _BEFORE_A_TITLE and not bare.endswith("ing"))
    if opener in _OPENS_AFTER_ANY or opener in _QUANTITIES:
        return lower_next
    if opener in _COMPARATIVES:  # not the title "More Than Words" nor Thomas More
        return following == "than"
    if opener in _OPENS_AFTER_LOWER:
        return after_lower
    if opener in _POSSESSIVES:
        return after_lower and lower_next
    if bare in _KINDS:
        return False
    if opener in _NUMBERS:  # not "World War Two", "Air Force One": after a lowercase word
        return after_lower and lower_next
    if lower_next:
        return following not in _NO_SENTENCE_ENDS  # "Texas A and M", "Exhibit A is"
    named = _NAME_THEN_WORD.match(rest.lstrip())
    return after_lower and named is not None and named.group(1) not in _NO_SENTENCE_ENDS


# Sentences glued at their full stop, as scrapers that drop a paragraph break leave them: "... the
# new record.the volvo is ...", "... said.There are 723 vessels ...". Only before a word that
# opens sentences and never ends a domain or file name, and not inside a link ("amzn.to/x",
# "pic.twitter.com"): the word before is letters alone, preceded by a space or a line's start.
# The second sentence's first word is capitalised (a lowercased scrape had no break to see there).
_GLUED_OPENERS = ("the", "a", "an", "in", "on", "at", "for", "we", "but", "as", "it", "according", "that",
                  "this", "these", "there", "they", "he", "she", "when", "while", "after", "if", "his",
                  "her", "their", "our", "then", "however", "meanwhile", "during", "since", "police", "officials")
_GLUED = re.compile(r"(?:(?<=\s)|^)([A-Za-z][a-z]+[\"')]?)\.(" + "|".join(_GLUED_OPENERS) + r")(?=[\s,])",
                    re.IGNORECASE | re.MULTILINE)


def _part_glued(match: re.Match[str]) -> str:
    """"record.the volvo" -> "record. The volvo": the second sentence opens as sentences do."""
    return f"{match.group(1)}. {match.group(2)[0].upper()}{match.group(2)[1:]}"


def split_run_on_sentences(text: str) -> str:
    """Break lines where one sentence runs into the next with no full stop (see `_RUN_ON`)."""
    def split(match: re.Match[str]) -> str:
        end = match.start()
        floor = max(0, end - 80)
        start = max(floor, *(text.rfind(space, floor, end) + 1 for space in " \n\t"))
        rest = text[match.end():match.end() + 80]
        return "\n" + match.group(1) if _opens_sentence(match.group(1), text[start:end], rest) else match.group(0)
    return _RUN_ON.sub(split, text)


# An inch mark written as a quote mark ('the 17" MacBook Pro', '15"-wide'): a number's, before a word,
# where no quotation is open. It becomes the double prime, which no quote finder takes for a quotation.
_INCH_MARK = re.compile(r'(?<=\d)"(?=[ -]?[A-Za-z0-9])')
_INCH_MARK_LINE = re.compile(r'^.*\d".*$', re.MULTILINE)


def _with_inch_marks(line: re.Match[str]) -> str:
    text = line.group()
    for at in [m.start() for m in _INCH_MARK.finditer(text)]:  # in order: a mark made counts no more
        if text.count('"', 0, at) % 2 == 0:
            text = text[:at] + "\u2033" + text[at + 1:]
    return text


_HTML_ENTITY = re.compile(r"&(?:amp|quot|apos|lt|gt|nbsp|[lr]squo|[lr]dquo|[mn]dash|hellip"
                          r"|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
# A newspaper wire's typesetting codes: "Q. (italics)Why are you skeptical?(end italics) A. Well, ..."
_TYPESETTING = re.compile(r"\((?:begin |end )?(?:italics|bold|underline)\)")
# An interview printed as questions and answers, its turns run together ("... efficient. Q. Earlier
# this month ...? A. You know, ..."): each turn opens a paragraph, without its label.
_TURN = re.compile(r'(?:^|(?<=[.?!":] )|(?<=\n))([QA])[.:] +(?=["A-Z])')
INTERVIEW_TURNS = 2  # questions and answers each, at least


def interview_turns(text: str) -> str:
    if "Q. " not in text and "Q: " not in text:
        return text
    labels = Counter(_TURN.findall(text))
    if min(labels["Q"], labels["A"]) < INTERVIEW_TURNS:
        return text  # ("A. Smith said": an initial)
    return _TURN.sub("\n\n", text)


def normalize_text(text: str) -> str:
    """NFC-compose, map typographic variants to one form, unify line endings.

    Runs of spaces are *kept*: in a punctuation-stripped article they mark where punctuation
    was, which the degraded-text repair needs.
    """
    if "&" in text and _HTML_ENTITY.search(text):  # a feed's text that kept its page's escapes ("Abuse &amp; Incest")
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = split_run_on_sentences(_GLUED.sub(_part_glued, detokenize(unwrap_lines(text))))
    text = re.sub(r"``|''", '"', text)  # typewriter-era quote pairs, common in news archives
    text = interview_turns(_TYPESETTING.sub("", text))
    text = re.sub(r"(?<=\S) _ (?=\S)", " \u2014 ", text)  # the AP wire's dash, kept by archives built from it
    text = _SPACED_QUOTE.sub(r'\1"\2"', text)
    text = _INCH_MARK_LINE.sub(_with_inch_marks, text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")


def capitalise_start(text: str) -> str:
    """The text with its first word capitalised if that word is all lowercase letters: what
    follows a stripped dateline or credit ("( cnn ) -- police said ...") now starts the story.
    A word with capitals of its own ("eBay") is left as it is; "nasa's" becomes "Nasa's"."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if _LOWER_WORD.fullmatch(first) else text
