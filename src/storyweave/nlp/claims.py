"""What a sentence claims: its content words, numbers, negation, attribution and main clause.

Small, cached text functions shared by alignment, summary selection and the analysis of
disagreements and timelines. No model is needed: a Snowball stemmer and regular expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.nlp.sentences import has_verb

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())
} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "dozen": "12"}


_SAY = r"(?:said|says|told\s+(?:\w+\s+){0,3}?\w+|added|adds|announced|stated|explained|noted|reported|confirmed|wrote)"
# "said on Monday", "told reporters at an afternoon briefing", "said in a statement"
ATTRIBUTION_WHEN = (
    r"(?:\s+(?:on|in|at|during|late|early|last|this|after)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:statement|interview|briefing|conference|hearing|speech|post|email|letter"
    r"|meeting|session|rally|appearance|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|morning|afternoon|evening|night|week|month|year|time|day|weekend)"
    # ...or, as agency copy writes it, the day alone: "said Friday", "said late Thursday"
    r"|\s+(?:(?:late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?"
)
_WHEN = ATTRIBUTION_WHEN
_SPEAKER = r"(?:[\w.'-]+\s+){0,7}?"
_LEADING_ATTRIBUTION = re.compile(rf"^{_SPEAKER}{_SAY}{_WHEN}(?:\s+that)?[,:]?\s+(?=\S)", re.IGNORECASE)
_TRAILING_ATTRIBUTION = re.compile(
    rf"[,\s]+(?:{_SPEAKER}{_SAY}{_WHEN}(?:,?\s+according to [^,.]{{1,60}})?|according to [^,.]{{1,80}})[.!]?$",
    re.IGNORECASE)


# (the first words of `_SAY`'s forms, or "according to": a quick test that it may match)
_ATTRIBUTING_WORDS = ("said", "says", "told", "added", "adds", "announced", "stated", "explained", "noted",
                      "reported", "confirmed", "wrote", "according to")


PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they|it)\s+(?:said|says|added|told)\b", re.IGNORECASE)


@lru_cache(maxsize=50_000)
def claim_text(sentence: str) -> str:
    """The sentence without its attribution ("Officials said", ", Delgado told reporters").

    Outlets attribute the same fact differently, and two different facts from one speaker
    share an attribution: comparing claims, not frames, keeps both from misleading alignment.
    """
    # (a sentence with no verb of saying and no "according to" has no attribution: the trailing
    # pattern, tried at every space, is the costliest part, so it runs only where it can match)
    lowered = sentence.lower()
    attributed = any(word in lowered for word in _ATTRIBUTING_WORDS)
    claim = _TRAILING_ATTRIBUTION.sub("", sentence) if attributed else sentence
    claim = _LEADING_ATTRIBUTION.sub("", claim)
    return claim if len(claim.split()) >= 3 else sentence


_BACKGROUND = re.compile(
    r",\s+(?:after|amid|following|despite|while|as|since|because|which|who|whose|when|where|a day after)\b"
    r"|\s(?:(?:a|one|two|three|four|five|several|\d+)\s+)?(?:days?|weeks?|months?|hours?)\s+(?:after|before)\b"
    r"|\s(?:amid|following)\s",
    re.IGNORECASE)


@lru_cache(maxsize=50_000)
def main_clause(claim: str) -> str:
    """The news of a sentence without trailing background ("..., days after an audit found ..."):
    where a verb comes before it; a clause about the subject ("Gingrich, who led the revolution,
    was driven from office") is no background."""
    for match in _BACKGROUND.finditer(claim):
        if len(claim[: match.start()].split()) >= 4 and has_verb(claim[: match.start()]):
            return claim[: match.start()]
    return claim


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without|den(?:y|ies|ied|ying))\b|n't\b", re.IGNORECASE)


def opens_unclosed_quote(text: str) -> bool:
    """The opening of a quotation that runs on into the next sentence ('"We will rebuild.'): alone,
    it has no end and no speaker."""
    return bool(text.count('"') % 2 and text[:1] == '"' and text[1:2].isalnum())


def leaves_quote_open(text: str) -> bool:
    """A sentence that opens a quotation after its first word and leaves it open for the next
    sentence ('He said: "Parliament has collapsed.')."""
    if not text.count('"') % 2:
        return False
    last = text.rindex('"')
    return last > 0 and not text[last - 1].isalnum() and text[last + 1:last + 2].isalnum()


_CLOSES_FIRST = re.compile(r'[^"]*[\w,.!?]"(?:\s|$)')


def closes_opened_quote(text: str) -> bool:
    """The tail of a quotation opened in the sentence before ('I wish I could," Bartlit said.')."""
    return bool(text.count('"') % 2 and _CLOSES_FIRST.match(text))


# "I" or "my" in a sentence without quote marks, or "!!": a reader's comment, a column's aside ("My
# sister got flu symptoms two weeks ago."), not what the story reports.
_COMMENTER_VOICE = re.compile(r'^(?!.*["“”]).*\b(?:I|I\'m|I\'ve|my|My|me)\b|!!')


# A newsroom telling of its own coverage, which reports nothing of the story: "CNN.com Live has both
# issues covered.", "Reuters looked at the options for BP last week.", "The BBC's Mark Doyle reports
# from a field hospital in the capital." (a video's caption).
_NEWSROOM = (r"(?:CNN|BBC(?: News)?|Reuters|AP|(?:The )?Associated Press|AFP|Al Jazeera(?: English)?|NPR|Fox News"
             r"|Sky News|ITN|ABC News|CBS News|NBC News|(?:The )?Guardian"
             r"|(?:The )?(?:Washington Post|New York Times|Wall Street Journal))")
_NEWSROOM_ITSELF = re.compile(
    rf"(?:The )?{_NEWSROOM}(?:\.com(?: Live)?|['\u2019]s (?:[A-Z][\w'-]+ ){{1,3}})?\s*(?:reports? (?:from|on)|looks? at"
    r"|looked at|has (?:\w+ ){0,3}covered|brings you|takes a look|examines|explains)\b")
# ...or of how it came by a document, when that is all the sentence says: "A copy of the letter was
# obtained Thursday.", "The Washington Post obtained a copy of the draft report on
# Tuesday." ("The letter, obtained by Reuters, says ..." tells what the letter says.)
_OBTAINED_COPY = re.compile(
    rf"(?:A copy of [^,;:]{{1,60}}? (?:was|were|has been|had been) obtained|(?:The )?{_NEWSROOM} (?:has |had )?"
    r"obtained (?:a )?cop(?:y|ies) of)[^,;:\"]*\.$")


# A newsroom's caveat, which reports nothing of the story: "CNN was not immediately able to
# independently verify the account.", "BP did not respond to requests for comment."
_CAVEAT = re.compile(r"\b(?:could not|couldn't|was not|wasn't|were not|weren't|cannot|can't|has not been|have not "
                     r"been)\s+(?:be\s+)?(?:immediately\s+)?(?:be\s+)?(?:able to\s+)?(?:independently\s+)?"
                     r"(?:confirm|verify|verified|confirmed|reached|be reached)\b"
                     r"|\b(?:did not|didn't) (?:immediately )?(?:respond|reply|return) (?:to )?(?:a |an |our )?"
                     r"(?:request|requests|calls|messages?|e-?mails?)\b|\bdeclined to comment\b"
                     r"|\b(?:was|were|is|are) (?:not |un)(?:immediately )?available (?:for|to) comment\b"
                     r"|\bno (?:one|comment) was (?:immediately )?available\b", re.IGNORECASE)
# ...or its reporter's credit under a video or a report: "From Los Angeles, Alastair Leithead
# reports.", "The BBC's Jon Brain reports from Haiti." (a report with an object tells something:
# "Apple reports record profits.")
_REPORTER_CREDIT = re.compile(r"(?:(?:From|In) [^,]{1,50}, )?(?:[\w'’.-]+ ){0,4}"
                              r"(?:[A-Z][\w'’.-]*|correspondent|reporter|editor) reports"
                              r"(?: (?:from|in) (?:(?!\bthat\b)[^,.]){1,50})?\.")
NOTE_WORDS = 20  # a longer sentence tells more than a newsroom's note


def newsroom_note(text: str, words: int) -> bool:
    """A newsroom's note on its own coverage, on how it came by a document, its caveat or its
    reporter's credit (of `words` words): it reports nothing of the story, in a summary or a timeline."""
    return words <= NOTE_WORDS and bool(_CAVEAT.search(text) or _NEWSROOM_ITSELF.match(text)
                                        or _OBTAINED_COPY.match(text) or _REPORTER_CREDIT.fullmatch(text))


def commenter_voice(text: str) -> bool:
    return bool(_COMMENTER_VOICE.search(text))


def bare_quotation(text: str) -> bool:
    """A sentence that is all quotation, its speaker left to the sentences around it ('"Army must save
    the country now."', the tail of a quotation opened in the sentence before)."""
    text = text.strip()
    if text[:1] not in "\"“‘'":
        return False
    inner = text[1:].rstrip(".!?,;:")
    if text[0] in "‘'":  # a closing single quote is one after punctuation, before more words
        return not re.search(r"[.,!?][’']\s+\S", inner)
    closing = [i for i, c in enumerate(inner) if c in "\"”"]
    return not closing or closing == [len(inner) - 1]


@lru_cache(maxsize=50_000)
def negated(claim: str) -> bool:
    return bool(_NEGATION.search(claim))


def predicate_words(clause: str) -> str:
    """The clause without capitalised words: what it says, not who or where."""
    return " ".join(t for t in clause.split()[1:] if not t[0].isupper() or t.isupper() and len(t) == 1)


@lru_cache(maxsize=50_000)
def content_words(text: str) -> frozenset[str]:
    """Lowercased, stemmed content words, with number words as digits ("sent"/"sending" differ,
    "forced"/"forcing" do not: a light Snowball stem, no lemmatiser needed)."""
    words = set()
    for token in _TOKEN.findall(text.lower().replace("'s", "")):
        token = NUMBER_WORDS.get(token, token).replace(",", "")
        if token in STOP_WORDS or len(token) < 2 and not token.isdigit():
            continue
        words.add(stem(token))
    return frozenset(words)


def numbers_in(text: str) -> frozenset[str]:
    # "38 000" is what "38,000" becomes when punctuation is stripped: one number, not two.
    text = re.sub(r"\b(\d{1,3})((?: \d{3})+)\b", lambda m: m.group(1) + m.group(2).replace(" ", ""), text)
    found = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}
    for word in _TOKEN.findall(text.lower()):
        if word in NUMBER_WORDS:
            found.add(NUMBER_WORDS[word])
    return frozenset(found)
