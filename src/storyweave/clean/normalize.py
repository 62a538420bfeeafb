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

from storyweave.nlp.dates import DAY_AND_MONTH_NAMES
from storyweave.nlp.entities import ROLES
from storyweave.nlp.sentences import is_past_form, is_verb_form, verb_lemmas

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


# A scraped page's first line may run its headline and a photo caption into the lead with no full
# stop between them (the BBC's pages: "Crews worked through the night on the spill Port Alder has
# closed its harbour to ..."). A seam is a word that can end a sentence (a noun, mostly), then a
# capitalised subject of up to five words and a verb that agrees with it ("Port Alder has
# closed"), where the part before holds a verb of its own and what follows runs on for
# `MIN_LEAD_WORDS` words to its full stop. Never inside a sentence's ordinary turns: after a verb
# of saying or thinking and nouns that take a clause ("said Turkey has", "hopes Libya's war will"),
# a role or a kind of person ("singer Kamala Reyes has"), a modifier, preposition, number or
# adjective ("former", "against", "six", "eastern"), a verb's form, or before a day or month.
_FINITE = frozenset("has have had is are was were will would can could may might must should says said".split())
_CONTINUES_TO_A_NAME = frozenset("""
    say says said tell tells told think thinks thought believe believes believed hope hopes hoped fear fears feared
    know knows knew warn warns warned claim claims claimed insist insisted admit admitted add adds added announce
    announced argue argued suggest suggested confirm confirmed deny denied report reports reported show shows showed
    mean means meant ensure ensured realise realised realize realized see sees saw seen hear heard feel felt agree
    agreed expect expected learn learned noted note explain explained predict predicted estimate estimated found find
    finds reveal revealed acknowledge acknowledged conceded recall recalled assume assumed wish doubt suspect suspected
    understand understood indicate indicated while when where whether because although though unless until if whom
    who which what how why whose whichever whatever way role prospects charges signs news word evidence allegations
    concerns worries expectations speculation
    former late top senior junior prominent many few several some conservative liberal fellow exiled veteran then new
    old young elder younger eldest communist socialist moderate hardline radical leading rebel opposition ruling such
    other another every each both all most more less only first second third last next polite angry upbeat embattled
    longtime century mainland
    against between among amongst toward towards via like unlike within without near upon amid beyond across through
    throughout around inside outside behind below above beneath beside besides per versus including regarding off
    bin al el de van von da di du del la le ibn abu
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million
    billion dozen
    star superstar singer actor actress player dissident winner laureate wife husband son daughter brother sister
    mother father uncle aunt cousin nephew niece widow boyfriend girlfriend friend colleague rival opponent candidate
    nominee champion legend icon rapper musician comedian producer writer author novelist poet artist designer model
    coach owner boss tycoon billionaire businessman entrepreneur activist campaigner blogger blog journalist
    photographer presenter host anchor pilot captain sergeant colonel general pope cardinal bishop king queen prince
    princess sheikh emir sultan dictator strongman warlord cleric imam priest militant gunman suspect defendant detainee
    prisoner hostage victim survivor witness patient teenager boy girl man woman child baby member broker marine guru
    agency firm group giant company contractor organiser organizer charity school neighbor neighbour speaker
    staff ally allies record""".split())
_ROLE_WORD = re.compile(ROLES + "s?")
_ADJECTIVE_ENDS = ("ist", "time", "ern", "ic", "al", "ive", "ous", "ful", "less", "ary", "ian", "ese", "ish", "ent",
                   "ant", "ible", "able", "ing", "'s", "er", "or")
_PEOPLES_ENDS = ("an", "ish", "ese", "i")  # "Syrian", "Scottish", "Chinese", "Israeli"
_VERB_CUES = frozenset("to which who that will would can could may might must should not also they we you i he she it"
                       .split())
_FIRST_SENTENCE_END = re.compile(r"[.!?][\"')]*\s+(?=[A-Z\"])")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z][\w'-]*")
MIN_LEAD_WORDS = 12
MAX_SUBJECT_WORDS = 5
MAX_HEADLINE_WORDS = 12  # a first part without a verb of its own is a headline...
_SENTENCE_OPENERS = frozenset((*_OPENS_AFTER_ANY, *_OPENS_AFTER_LOWER, *_ARTICLES, "Back"))  # ...not a sentence's start


def split_header_seams(line: str) -> str:
    """A page's first line with a line break at each seam between headline, caption and lead."""
    end = _FIRST_SENTENCE_END.search(line)
    first = line[: end.start() + 1] if end else line
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", first)]
    cuts: list[int] = []
    for i in range(4, len(words) - MIN_LEAD_WORDS + 1):
        if not _CAPITALISED_WORD.fullmatch(words[i][1]):
            continue  # every seam opens on a capitalised word: a quick test before the rest
        part = [word for _, word in words[cuts[-1] if cuts else 0: i]]
        if ((_seam_before(words[i - 2][1], words[i - 1][1], words[i][1])
             or _dated_seam(words[i - 2][1], words[i - 1][1], words[i][1], part))
                and _takes_verb([word for _, word in words[i: i + MAX_SUBJECT_WORDS + 2]])
                and len(part) >= 4 and (any(_finite(word, before) for before, word in zip(part, part[1:]))
                                          or not cuts and len(part) <= MAX_HEADLINE_WORDS
                                          and part[0] not in _SENTENCE_OPENERS)):
            cuts.append(i)
    if not cuts:
        return line
    starts = [0] + [words[i][0] for i in cuts] + [len(line)]
    parts = [line[a:b].strip() for a, b in zip(starts, starts[1:])]
    headline = parts[0] if len(parts) > 2 or not _caption_like(parts[0]) else None
    return "\n".join(part if part == headline or part[-1] in ".!?" else part + "." for part in parts)


def _caption_like(part: str) -> bool:
    """Is a first part a caption ("Mr Okafor has flown in to oversee the salvage"), a sentence that
    gets its full stop (and is no title), rather than a headline, whose first verb is a present
    ("Mayor signs harbour deal", "Okafor says ...") or none ("Harbour shut after crash")? Before
    a caption and a lead, the first part is always a headline."""
    words = part.split()
    verb = next((word for before, word in zip(words, words[1:]) if _finite(word, before)), None)
    return verb is not None and not (verb.endswith("s") and verb not in ("has", "is", "was"))


def _seam_before(before: str, word: str, following: str) -> bool:
    """Can `word` end a caption and `following` (a capitalised word) open the next sentence?"""
    if (not re.fullmatch(r"[a-z][a-z'-]*[a-z]", word) or word in _NO_SENTENCE_ENDS or word in _CONTINUES_TO_A_NAME
            or "-" in word or word.endswith(_ADJECTIVE_ENDS) or _ROLE_WORD.fullmatch(word)
            or is_verb_form(word) or is_past_form(word)
            or before.lower() in _VERB_CUES and (word in verb_lemmas() or word[:-1] in verb_lemmas())):
        return False
    return following.removesuffix("'s") not in DAY_AND_MONTH_NAMES


def _dated_seam(before: str, word: str, following: str, part: list[str]) -> bool:
    """A caption may end on its day or month ("... since the truce began last Thursday Syrian troops
    are ..."), where nothing was said that a clause after it could report ("said on Monday French
    troops had ...")."""
    return (word.removesuffix(",") in DAY_AND_MONTH_NAMES
            and before.lower() in ("on", "in", "last", "this", "next", "since") and following not in DAY_AND_MONTH_NAMES
            and not any(said.lower() in _CONTINUES_TO_A_NAME and is_verb_form(said.lower()) for said in part))


def _takes_verb(words: list[str]) -> bool:
    """Do the words open on a subject of up to five plain words and a verb, with its next word?"""
    for i, word in enumerate(words[1:-1], start=1):
        if _finite(word, words[i - 1]) and not word[0].isupper():
            return words[i + 1][:1].islower() or words[i + 1][:1] in "\"'"
        if word.lower() in _NO_SENTENCE_ENDS or not re.fullmatch(r"[A-Za-z][\w'-]*", word):
            return False
    return False


def _finite(word: str, before: str = "") -> bool:
    """A verb that agrees with a subject: an auxiliary, a past form, or a present in -s after a
    name ("BP hopes", "Video feeds show"; a plural noun in -s is a verb's form too often: "security
    forces", and after a people's adjective too: "Israeli soldiers")."""
    return (word in _FINITE or is_past_form(word)
            or before[:1].isupper() and not before.endswith(_PEOPLES_ENDS)
            and word.endswith("s") and word[:-1] in verb_lemmas())



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


# A bullet between a page's headline, standfirst and lead that an encoding mix-up turned into the
# word "cents" ("... harbour costs rise cents Mayor says ..."; 90 Timeline17 pages, most of
# them the Guardian's): a line break, where no amount comes before it ("five cents Friday").
_MISREAD_BULLET = re.compile(r"(?:^|[ \t]+)cents(?:[ \t]+(?=[A-Z])|[ \t]*$)", re.MULTILINE)
_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen"
                            r"|[a-z]+ty|hundred|few|several|many|of|per|a|the))[ \t]*$", re.IGNORECASE)


def _bullet_break(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 30):match.start()]
    return match.group() if _AMOUNT_BEFORE.search(before) else "\n"


# A stock ticker in brackets that a sentence splitter broke at its dot, as corpora split one sentence
# a line keep it ("shareholders sued BP Plc (BP.\nL) for ..."; 205 such breaks in Timeline17)
_SPLIT_TICKER = re.compile(r"\(([A-Z0-9]{1,6})\.[ \t]*\n[ \t]*([A-Z]{1,3})\)")


def normalize_text(text: str) -> str:
    """NFC-compose, map typographic variants to one form, unify line endings; part sentences a
    scrape ran together, and a first line's headline and caption from its lead.

    Runs of spaces are *kept*: in a punctuation-stripped article they mark where punctuation
    was, which the degraded-text repair needs.
    """
    if "&" in text and _HTML_ENTITY.search(text):  # a feed's text that kept its page's escapes ("Abuse &amp; Incest")
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPLIT_TICKER.sub(r"(\1.\2)", detokenize(unwrap_lines(text)))
    if "cents" in text:
        text = _MISREAD_BULLET.sub(_bullet_break, text)
    text = split_run_on_sentences(_GLUED.sub(_part_glued, text))
    text = re.sub(r"``|''", '"', text)  # typewriter-era quote pairs, common in news archives
    text = interview_turns(_TYPESETTING.sub("", text))
    text = re.sub(r"(?<=\S) _ (?=\S)", " \u2014 ", text)  # the AP wire's dash, kept by archives built from it
    text = _SPACED_QUOTE.sub(r'\1"\2"', text)
    text = _INCH_MARK_LINE.sub(_with_inch_marks, text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    first = text.split("\n", 1)
    return "\n".join([split_header_seams(first[0]), *first[1:]])


_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")


def capitalise_start(text: str) -> str:
    """The text with its first word capitalised if that word is all lowercase letters: what
    follows a stripped dateline or credit ("( cnn ) -- police said ...") now starts the story.
    A word with capitals of its own ("eBay") is left as it is; "nasa's" becomes "Nasa's"."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if _LOWER_WORD.fullmatch(first) else text
