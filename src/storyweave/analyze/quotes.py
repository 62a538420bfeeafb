"""Quotes: who said what, and every outlet that carried it.

Direct quotes in any quote style ("…", “…”, „…“, «…», quotes running over several paragraphs)
and reported speech introduced by a verb of saying ("Delgado said the crews were lucky"), with
the speaker from the surrounding sentence ('"…," he said' / 'Sessions said: "…"' / '"…" — Name')
resolved to an entity; a pronoun resolves to the person named last before it. The same quote
carried by several outlets with small differences — trimmed, re-punctuated, truncated, or stripped
of its quote marks in a degraded article — is one quote with all its articles and its variants.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from rapidfuzz import fuzz

from storyweave.analyze.entities import ROLES, bare_name
from storyweave.model import Article, Entity, Mention, Quote, QuoteTelling
from storyweave.nlp.claims import ATTRIBUTION_WHEN
from storyweave.nlp.entities import HONORIFICS
from storyweave.nlp.sentences import split_text

MIN_QUOTE_WORDS = 4  # shorter quoted strings are scare quotes and titles, not statements
MIN_REPORTED_WORDS = 6
SAME_QUOTE = 85  # rapidfuzz token-set ratio of two tellings of one quote
SAME_TRUNCATED = 92  # partial ratio when one telling is a truncation of the other

_SAY = (r"(?:said|says|say|told\s+(?:[\w.]+\s+){0,3}?(?:reporters|journalists|him|her|them|us|me|[A-Z][\w.]+)"
        r"|added|adds|wrote|writes|asked|asks|explained|insisted|warned|tweeted|stated|declared"
        r"|recalled|acknowledged|argued|continued|noted|replied|responded|answered|told)")
# Beside a quotation's marks more verbs introduce speech ('"...," summarizes Luca Di Leo', 'Hayward
# joked: "..."') than report it without them ("Castro joked that ..." is no quote of his words).
_SAY_QUOTING = (r"(?:" + _SAY + r"|commented|summarizes|summarized|summarised|observed|remarked|quipped"
                r"|joked|admitted|conceded|cautioned|explains|insists|notes|recalls|warns|tweets|claimed|claims)")
# A name, with titles, maybe after a nationality or place ("Honduran President Carlos Flores"); not
# a capitalised word opening a sentence ("But he added: ..." is his quote, not But's).
_NOT_NAME = (r"(?:But|And|Or|So|Yet|Then|Also|However|Meanwhile|Still|Later|Earlier|Now|Instead|When|While"
             r"|After|Before|Separately|Speaking|Asked"
             # ...nor a determiner or pronoun ("One cable says", "That said,", "It warned,")
             r"|The|A|An|One|Another|Some|Many|Most|Both|Each|Several|Other|Others|This|That|These|Those"
             r"|It|Its|We|I|You|There|Here"
             # ...nor a day, a month or a preposition opening a sentence: 'In a statement released
             # Wednesday, Hyde said "..."' and 'In March, Hyde said: "..."' are Hyde's (not May,
             # April or June: names too)
             r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday|Tonight"
             r"|January|February|March|July|September|October|November|December"
             r"|In|On|At|By|For|From|Since|During|Until|Last|Next|Of|To|With|Under|Over|Through|Despite|Amid)\b")
# ...whose surname may open on lowercase particles: "Ibrahim al-Sumaidaie", "Maria de la Cruz"
_PARTICLE = r"(?:(?:al|el|bin|ibn|abu|de|van|von|da|di|du|del|della|la|le|der|den|ter|dos|das)(?:-|\s+)){0,2}(?=[A-Z])"
_NAME = (rf"(?!{_NOT_NAME})(?:(?:[A-Z][\w-]+\s+)?(?:(?:{HONORIFICS})\.?\s+)*"
         rf"(?:[A-Z][\w.'’-]*\s+{_PARTICLE}){{0,3}}[A-Z][\w'’-]*)")
_PRONOUN = r"(?:he|she|they|He|She|They)"
# What a speaker is, when the article names no one: "the mayor", "a BP spokesman"
_NOUN_PHRASE = (r"(?:(?:[Aa]|[Aa]n|[Tt]he|[Oo]ne|[Aa]nother)\s+(?:[\w'’-]+\s+|(?:[A-Z]\.)+\s+){0,3}(?:" + ROLES
                + r"|officials|statement|source|sources|witness|resident|neighbor|neighbour|police|company|agency"
                r"|department|ministry"
                # ...or someone the story met: "said one demonstrator", "a 34-year-old man said"
                r"|demonstrator|protester|protestor|activist|survivor|victim|voter|worker|student|soldier|rebel"
                r"|fighter|doctor|nurse|teacher|farmer|refugee|passenger|man|woman"
                r"|politician|lawmaker|legislator|diplomat|cleric"
                # ...or what a text is written in ("says the book", "a report said")
                r"|book|report|cable|memo|letter|study|survey|document|newspaper|magazine|website)\b"
                # ...maybe with its name ("the official news agency SANA said")
                r"(?:\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?=\s+(?:said|says|reported|reports)\b))?)")
_DESCRIPTOR = r"(?:[a-z][\w-]*\s+){0,3}?"  # "council member Tom Reyes", "plant manager Sergei Volkov"
# ...or an organisation and a role: "BP spokesman Mark Salt", "the American Petroleum Institute's
# president, Jack Gerard"
_ORG_ROLE = rf"(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){{0,4}}?(?:[a-z][\w-]*\s+){{0,2}}?{ROLES},?\s+(?=[A-Z])"
# Someone described by whose they are: "Al-Obeidy's mother says", "Gadhafi's spokesman said",
# "Egypt's military announced that it recognized "..."" (not Al-Obeidy, not Egypt)
_KIN = (rf"(?:{_NAME}['’]s\s+(?:[a-z][\w-]+\s+){{0,2}}[a-z][\w-]+(?=\s+(?:\w+\s+)?(?:{_SAY_QUOTING}"
        r"|announced|announces)\b))")
# ...or any description before the name, between commas: "the operative, Haroun Fazil, wrote"
_DESCRIBED = r"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*,\s+(?=[A-Z]))"
_SPEAKER = rf"\b(?:{_ORG_ROLE}|{_DESCRIBED})?{_DESCRIPTOR}(?P<speaker>{_KIN}|{_NAME}|{_PRONOUN}|{_NOUN_PHRASE})"
_WHEN = ATTRIBUTION_WHEN
# Who the speaker is, between name and verb: ", a Libya expert at Cross Border Information,", ", the
# chief executive of the NHS Confederation, which represents the trusts," (not ", and Andrew Gowers,")
# (not a predicate: "... air strikes in Libya, has amped up his criticism, saying" is no appositive of Libya's)
_APPOSITIVE = (r"(?:,\s+(?!(?:and|or|but|nor|has|have|had|is|was|were|are|will|would|could|can|did|does|do)\b)"
               r"(?:[a-z]|[A-Z][\w.&-]*['’]s\b)[^\";]{0,119}?,"  # or ", BP's chief ...,"
               r"|,\s+\d{1,3},)")  # or an age: "Grace Rwaramba, 42, said"
# ...or where the speaker works: " of the US Centers for Disease Control and Prevention (CDC)", or
# is: "The U.S. National Weather Service in Miami said"
_AFFILIATION = (r"\s+(?:of|at|from|with|in)\s+(?:the\s+)?[A-Z][\w.&'’-]*"
                r"(?:\s+(?:(?:for|and|of|on|&)\s+)?[A-Z][\w.&'’-]*){0,7}(?:\s+\([A-Z]{2,}\))?")
# ...or a lawmaker's party and state: "Rep. Ron Paul, R-Texas, said", "Sen. Dianne Feinstein (D-Calif.) said"
_PARTY = r"(?:,\s+[RDI]-[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,|\s+\([RDI]-[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\),?)"
# A word between the speaker and the verb is an adverb ("Hyde also said"), lowercase: in "In June,
# Camdessus declared" or "released Wednesday, Hyde said" the capitalised word is the speaker.
_ADVERB = r"(?:[a-z][\w-]*\s+)?"
# A name that is itself an appositive is followed by a comma: 'Mexico's health secretary, Jose
# Cordova, said: "…'
_ABOUT_SPEAKER = rf"(?:{_PARTY}|{_APPOSITIVE}|{_AFFILIATION},?|,)?"
# '"…," Delgado said' / '"…," Delgado, the fire chief, said' / '"…," said Delgado' / '"…" — Delgado'
_AFTER = re.compile(
    rf"^[\s,]*(?:{_SPEAKER}{_ABOUT_SPEAKER}\s+{_ADVERB}{_SAY_QUOTING}"
    rf"|{_SAY_QUOTING}\s+(?:{_ORG_ROLE})?{_DESCRIPTOR}(?P<speaker2>{_NAME}|{_NOUN_PHRASE})"
    rf"|[—–-]+\s*(?P<speaker3>{_NAME})"
    # '"…," the paper quoted its editor, Bill Keller, as saying'
    rf"|(?:[\w-]+\s+){{0,3}}?quoted\s+(?:[\w'’-]+,?\s+){{0,4}}?(?P<speaker4>{_NAME}),?\s+as\s+saying)")
# 'Sessions said: "…' / 'Delgado told reporters on Monday, "…' / 'Barnett, who runs the trusts, said: "…'
# ...also a partial quote inside the reported clause: 'Obama said Gadhafi "should be under no illusions'
_BEFORE = re.compile(
    rf"{_SPEAKER}{_ABOUT_SPEAKER}\s+{_ADVERB}{_SAY_QUOTING}{_WHEN}(?:\s+that)?"
    rf"(?:\s+[A-Za-z][\w'’-]*){{0,3}}?\s*[:,]?\s*$")
# Reported speech, no quote marks: "Delgado said the crews were lucky." / "…, Delgado said."
_REPORTED_LEAD = re.compile(rf"^{_SPEAKER}\s+{_SAY}{_WHEN}(?:\s+that)?[,:]?\s+(?P<clause>[^\"«»]+?)\.?$")
_REPORTED_TAIL = re.compile(rf"^(?P<clause>[^\"«»]+?),\s+{_SPEAKER}\s+{_SAY}{_WHEN}\.?$")
_OPENERS = {'"': '"', "«": "»", "‹": "›"}


def find_quotes(article: Article) -> list[QuoteTelling]:
    """Direct quotes with their attribution, then reported speech in sentences without quote marks."""
    text = article.text
    found = []
    spans = _quote_spans(text)
    for number, (start, end) in enumerate(spans):
        content = re.sub(r"\s+", " ", text[start:end]).strip().rstrip(",").strip()
        content = re.sub(r'"\s*"', " ", content)  # re-opened quote marks of a continued paragraph
        if found and number and _split_by_attribution(text, spans[number - 1], start, found[-1]):
            # '"If you read the figures," the mayor said, "they tell you."': one quote, hers; the
            # comma before the attribution is the attribution's ('"The idea," he said, "was that"')
            found[-1] = replace(found[-1], text=f"{found[-1].text} {content}")
            continue
        if len(content.split()) < MIN_QUOTE_WORDS or _is_title(content):
            continue
        # A quote that ends its own sentence ('"… standing." Honduran officials said 14 …') is
        # attributed only by what comes before it; a question or an exclamation is followed by its
        # attribution as often as not, when the words after it are only that ('"Are you willing to
        # sign on that?" Netanyahu said.', not '"...?" Salmon said his refusal to support ... was ...').
        closed = content.endswith((".", "!", "?"))
        speaker = _speaker_around(text, start - 1, end + 1, look_after=not closed or (
            not content.endswith(".") and _attribution_only(text, end + 1)))
        continues = speaker is None and bool(found) and _continues(text, found[-1], start)
        if continues:
            speaker = found[-1].speaker_text
        elif speaker is None and _inside_sentence(text, start - 1):
            speaker = _reporter_of_partial(text, start - 1)
        elif speaker is None and closed:
            speaker = _speaker_of_sentence_before(text, start - 1)
        found.append(QuoteTelling(content, article.id, start, speaker, direct=True, degraded=article.degraded,
                                  continues=continues))
    quoted = [(q.start, q.start + len(q.text)) for q in found]
    cursor = 0
    for sentence in split_text(text):  # real sentences: "6 a.m. in a building" is not two
        start = text.find(sentence[:40], cursor)
        start = cursor if start < 0 else start
        cursor = start + 1
        if '"' in sentence or any(s <= start < e for s, e in quoted):
            continue
        reported = _REPORTED_LEAD.match(sentence) or _REPORTED_TAIL.match(sentence)
        if reported and len(reported.group("clause").split()) >= MIN_REPORTED_WORDS:
            speaker = reported.group("speaker")
            if speaker and (_a_name(speaker) or speaker.lower() in ("he", "she")):
                found.append(QuoteTelling(reported.group("clause").strip(), article.id,
                                          start + reported.start("clause"), speaker, direct=False,
                                          degraded=article.degraded))
    return found


def _split_by_attribution(text: str, before: tuple[int, int], start: int, told: QuoteTelling) -> bool:
    """Does the quote from `start` go on with the one `before` (its span), told as `told`, where an
    attribution split it: the one before breaks off at a comma, no more than an attribution lies
    between them, and this one goes on in lowercase ('"If you read the figures," the mayor
    said, "they are clear ..."')?"""
    between = text[before[1]:start]
    return (told.start == before[0] and told.speaker_text is not None
            and text[before[0]:before[1]].rstrip().endswith(",") and text[start:start + 1].islower()
            and _ATTRIBUTION_BETWEEN.fullmatch(between) is not None)


# What lies between the two halves of a split quote: the closing mark, an attribution ending on
# a comma, the opening mark: '," Clinton said, "' / '," said Sen. Tom Harkin, D-Iowa, "'
_ATTRIBUTION_BETWEEN = re.compile(
    rf"[\"”»’']*\s*(?:{_SPEAKER}{_ABOUT_SPEAKER}\s+{_ADVERB}{_SAY_QUOTING}{_WHEN}"
    rf"|{_SAY_QUOTING}\s+(?:{_ORG_ROLE})?{_DESCRIPTOR}{_NAME}{_ABOUT_SPEAKER}),\s*[\"“«‘']*")


# Words a title leaves in lower case: 'a page called "We Are All Khaled Said"', '"The Lord of the Rings"'
_TITLE_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to vs with".split())


def _is_title(content: str) -> bool:
    """Is the quoted string a title or a name (every word but the small ones capitalised, no full
    stop), not words someone said?"""
    words = re.findall(r"[^\W\d_][\w'’-]*", content)
    capitalised = [w for w in words if w[0].isupper()]
    return (not re.search(r"[.!?]$", content) and len(capitalised) >= 3
            and all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words))


def _continues(text: str, previous: QuoteTelling, start: int) -> bool:
    """Does the quote opening at `start` carry on the previous one? A paragraph that is one
    unattributed quotation, right after a paragraph quoting someone, is theirs: news writes a
    speaker's words over several paragraphs and names them once ('"…," Nilsson said by telephone.'
    then '"The oil income is essential to Libya …"'); so is a sentence of quotation right after
    the attribution of the one before, in its paragraph."""
    opening = text.rfind("\n", 0, start) + 1
    if previous.speaker_text is None:
        return False  # the one before names nobody
    if text[opening:start - 1].strip():
        # Inside a paragraph, a quotation that is a sentence of its own right after the sentence
        # attributing the one before ('"We have no part in this," Netanyahu said Sunday. "We have
        # taken steps ..."') carries it on.
        between = text[previous.start + len(previous.text):start - 1]
        attribution = between.lstrip(',."\'!? ').rstrip()
        return (previous.start >= opening and previous.speaker_text in attribution and '"' not in attribution
                and attribution.endswith(".") and len(split_text(attribution)) == 1
                and len(attribution.split()) <= MAX_ATTRIBUTION_WORDS)
    before = text.rfind("\n", 0, max(opening - 1, 0))
    while before > 0 and not text[before + 1:opening].strip():  # blank lines between paragraphs
        before = text.rfind("\n", 0, before)
    # the previous quote ends in the paragraph before (it may have opened earlier: '"The bloodshed
    # has to stop.\nThe operations have to stop," Davutoglu said.\n"If the operations ...')
    return previous.start < opening and previous.start + len(previous.text) > before


MAX_ATTRIBUTION_WORDS = 20  # '," Israeli Prime Minister Benjamin Netanyahu told reporters in Haifa on Sunday.'


MAX_QUOTE_LINES = 4  # lines a quote may run over without reopening (text of one sentence a line)


def _opener_shaped(text: str, i: int) -> bool:
    """A straight quote mark that opens: after a space (or the start, or a bracket or dash) and before
    a word. One after a word ('installations," he said') closes, whatever the marks before it say."""
    if text[i] != '"':
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace()


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quote marks; a quote may run over paragraphs, each reopened with a mark, or over
    a few lines of a text set one sentence a line, to a closing mark."""
    spans = []
    i = 0
    while i < len(text):
        closer = _OPENERS.get(text[i])
        if closer is None or not _opener_shaped(text, i):
            i += 1
            continue
        start = i + 1
        j, lines = start, 0
        while j < len(text):
            if text[j] == closer:
                if closer != '"' or not _opener_shaped(text, j) or lines == 0:
                    break
                j = -1  # another quote opens before this one closed
                break
            if text[j] == "\n":
                # A paragraph break inside a quote: it goes on if the next paragraph reopens it.
                k = j
                while k < len(text) and text[k].isspace():
                    k += 1
                if k < len(text) and text[k] == text[i]:
                    j = k + 1
                    continue
                lines += 1
                if "\n" in text[j + 1:k] or lines >= MAX_QUOTE_LINES:
                    j = -1
                    break
            j += 1
        if j == -1 or j >= len(text):
            i = start  # unbalanced: not a quote
            continue
        spans.append((start, j))
        i = j + 1
    return spans


# Where the attribution after a quote ends: not at an initial or a title ("said J.F. Tremblay, a Moody's ...",
# "Sen. Dianne Feinstein said").
_TAIL_END = re.compile(r"[.!?]|\n")


def _sentence_start(text: str, before: int) -> int:
    """Where the sentence holding `before` starts: after a line break or a full stop that ends no
    abbreviation ("U.S. and allied air strikes" goes on)."""
    start = text.rfind("\n", 0, before) + 1
    stops = [m.end() for m in re.finditer(r"\. ", text[start:before]) if not _ABBREVIATION_END.search(
        text, max(0, start + m.start() - 12), start + m.start() + 1)]
    return start + stops[-1] if stops else start


def _speaker_around(text: str, before: int, after: int, look_after: bool = True) -> str | None:
    window = text[after:after + 120]
    sentence_end = next((m for m in _TAIL_END.finditer(window)
                         if not _ABBREVIATION_END.search(window, max(0, m.start() - 12), m.start() + 1)
                         and window[m.end():m.end() + 1] not in (")", ",")), None)  # "(D-Calif.) said"
    tail = window[: sentence_end.end() if sentence_end else 120]
    match = _AFTER.match(tail) if look_after else None
    if match:
        return _speaker_of(match)
    head_start = _sentence_start(text, before)
    head = text[head_start:before + 1].strip().rstrip('"«').strip()
    if not head and text[:head_start].rstrip().endswith(":"):  # 'the lawmakers said:' + a line break
        head = text[_sentence_start(text, max(head_start - 1, 0)):head_start].strip()
    if _PARTICIPLE.search(head) and (subject := _SUBJECT_OPENING.match(head)):
        return subject.group("speaker")  # 'Hayward insisted he had a "thick jacket", adding: "..."'
    match = _BEFORE.search(head) or _NAME_LABEL.match(head)
    if match:
        return _past_title(match.group("speaker"), match.group())
    clause = head.rsplit('"', 1)[-1]  # (after a quotation that ended just before)
    if (_REPORTING_COLON.search(clause) and (subject := _SUBJECT_OPENING.match(clause))
            and _SUBJECTS_VERB.match(clause, subject.end())):
        return subject.group("speaker")
    return None


def _past_title(speaker: str, attribution: str) -> str:
    """A title alone taken for the speaker, the name in what follows it ("Secretary" of "Secretary of
    State Hillary Clinton told lawmakers:"): the name, where one follows."""
    if speaker.lower() not in _TITLE_WORDS:
        return speaker
    named = _NAME_AFTER_TITLE.match(attribution, attribution.find(speaker) + len(speaker))
    return named.group("name") if named else speaker


# "of State Hillary Clinton": the given name and surname closing a title's qualifier
_NAME_AFTER_TITLE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}?"
                               r"(?P<name>[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)(?=\s+[a-z]|,)")


# A name alone before a colon, the quote after it: 'Thad Allen: "If we have to evacuate the scene, ..."'
_NAME_LABEL = re.compile(rf"\s*(?P<speaker>{_NAME})\s*:\s*$")


# A quote introduced by a participle speaks for the sentence's subject: 'U.S. Sen. Richard Lugar,
# who had expressed concern ..., has amped up his criticism, saying "..."'; the subject opens the
# sentence, maybe after a phrase of its own ("In the face of such criticism, Hayward insisted ...").
_PARTICIPLE = re.compile(r",\s*(?:saying|adding|insisting|warning|noting|arguing|declaring)\s*(?:that\s*)?[:,]?\s*$")
_SUBJECT_OPENING = re.compile(
    rf"\s*(?:(?:In|At|On|After|Before|During|Despite|For|With|As|Amid|Under)\b[^,\"]{{0,80}},\s*)?"
    rf"(?:{_ORG_ROLE})?(?P<speaker>{_NAME}|(?i:{_NOUN_PHRASE}))"
    r"(?=,|\s+(?:\w+ly\s+)?(?:has|had|have|was|is|were|are|said|says|told|tells|insisted|warned|\w+ed)\b)")


def _inside_sentence(text: str, before: int) -> bool:
    """Does the quote opening after `before` stand inside a sentence ('condemned it as "part of
    ...')? Not when it opens a sentence or a line."""
    head = text[max(0, before - 3):before + 1].rstrip('"“«').rstrip()
    return bool(head) and head[-1] not in ".!?:\n\"”" and not text[text.rfind("\n", 0, before) + 1:before].isspace()


# Who reports a partial quote: the subject of the last verb of saying, calling or judging in the
# sentence before it ('Rahm Emanuel condemned the attendance as "part of a long line of PR gaffes"',
# 'Steven Newman told reporters that there were things the administration "could implement ..."')
_REPORTING = (r"(?:" + _SAY + r"|announced|announces|claimed|claims|insisted|hoped|hopes|called|calls|described"
              r"|describes|condemned|denounced|praised|urged|accused|argued|promised|vowed|pledged|admitted"
              r"|acknowledged|stressed)")
_PARTIAL_REPORTER = re.compile(rf"{_SPEAKER}{_ABOUT_SPEAKER}\s+{_ADVERB}{_REPORTING}\b")
# A quote after a colon ending a clause that reports speech speaks for the clause's subject:
# 'The union's leader denounced what he called a stitch-up: "..."' (not
# 'Police found a note: "..."')
_REPORTING_COLON = re.compile(rf"\b{_REPORTING}\b[^\"]*:$")
_SUBJECTS_VERB = re.compile(rf"{_ABOUT_SPEAKER}\s+{_ADVERB}{_REPORTING}\b")  # (not "Maffei led a team, one of whom asked:")


def _reporter_of_partial(text: str, before: int) -> str | None:
    head = text[_sentence_start(text, before):before + 1]
    if _QUOTE_MARKS.search(head.rstrip('"“«')):
        return None  # another quotation stands between: whose words these are is not plain
    found = list(_PARTIAL_REPORTER.finditer(head))
    return found[-1].group("speaker") if found else None


_SENTENCE_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")
_QUOTE_MARKS = re.compile(r"[\"“”«»]")
_SAID_AFTER = re.compile(rf"(?:,[^.,]{{0,60}},)?\s+{_SAY}\b")  # "Neil Fritzsche, of Lincolnshire Fire and Rescue, said"
# A period that ends an abbreviation, not a sentence: "U.S.", "Mr.", "Gen."
_ABBREVIATION_END = re.compile(rf"(?:\b(?:[A-Z]\.)+|\b(?:{HONORIFICS}|Jr|Sr|St)\.)$")


def sentence_before(text: str, quote_start: int) -> tuple[int, int] | None:
    """Where the sentence before the quote's starts and ends (within 1,500 characters; a full stop
    ending an abbreviation ends no sentence), None if the quote's sentence opens the text."""
    boundaries = [m for m in _SENTENCE_BOUNDARY.finditer(text, max(0, quote_start - 1500), quote_start)
                  if not _ABBREVIATION_END.search(text, max(0, m.start() - 12), m.start() + 1)]
    if not boundaries:
        return None
    previous = boundaries[-2].end() if len(boundaries) > 1 else max(0, quote_start - 1500)
    return previous, boundaries[-1].end()


_REPORTED_CLAUSE = re.compile(rf"\b{_SAY_QUOTING}\s+(?:that|his|her|their|its|the|a|an|he|she|it|they|we|there|this)\b")


def _attribution_only(text: str, after: int) -> bool:
    """Is the sentence from `after` no more than an attribution ('Netanyahu said.', 'asked Rep. Tom
    DeLay of Texas, the majority whip.'), not a sentence reporting more ('Salmon said his refusal
    ...')?"""
    end = _SENTENCE_BOUNDARY.search(text, after)
    sentence = text[after:end.start() if end else len(text)]
    return len(sentence.split()) <= MAX_ATTRIBUTION_WORDS and not _REPORTED_CLAUSE.search(sentence)


def _speaker_of_sentence_before(text: str, mark: int) -> str | None:
    """Who speaks in the sentence right before a quotation that is a sentence of its own, in its
    paragraph, where that sentence reports speech ('Yilmaz could lose support, Ozkok wrote. "This
    could put her at odds ..."') or attributes a quotation too short to list ('"Are you willing?"
    Netanyahu said. "I do not know that."'): a name, not a description or a pronoun."""
    bounds = sentence_before(text, mark)
    if bounds is None or "\n" in text[bounds[0]:mark] or text[bounds[1]:mark].strip():
        return None
    sentence = text[bounds[0]:bounds[1]].strip()
    found = _REPORTED_LEAD.match(sentence) or _REPORTED_TAIL.match(sentence)
    short = re.match(r'"[^"]+[,.!?]"', sentence)
    if found is None and short and len(short.group().split()) < MIN_QUOTE_WORDS:
        found = _AFTER.match(sentence, short.end())
    speaker = _speaker_of(found) if found else None
    return speaker if speaker and _a_name(speaker) and speaker not in ("He", "She", "They") else None


def _speaker_of(match: re.Match[str]) -> str | None:
    """The speaker an attribution pattern (`_AFTER`, `_REPORTED_LEAD`, ...) matched, in whichever of its groups."""
    return next((match.group(g) for g in ("speaker", "speaker2", "speaker3", "speaker4")
                 if g in match.re.groupindex and match.group(g)), None)


def _a_name(speaker: str) -> bool:
    """Is the speaker named (capitalised), not described ("a spokesman", "The ministry")?"""
    return speaker[0].isupper() and not re.match(_NOUN_PHRASE, speaker, re.I)


POSSESSED_CHARACTERS = 30  # "'s father Joseph": how far past a possessive the possessed one is named


def _subject_before(text: str, quote_start: int, people: list[Mention]) -> Mention | None:
    """The person who opens the sentence before the quote's, if one does ('Castro joked that the
    arrest of Pinochet overshadowed the summit. "...," he said.': Castro, not Pinochet): first in
    it, or after capitalised words alone ("Cuban President Fidel Castro"), and not inside a quotation."""
    bounds = sentence_before(text, quote_start)
    if bounds is None:
        return None
    previous, own = bounds
    named = [m for m in people if previous <= m.start < own]
    if not named:
        return None
    head = text[previous:named[0].start]
    if not _QUOTE_MARKS.search(head) and all(word[:1].isupper() for word in head.split()):
        if not text.startswith(("'s", "’s"), named[0].end):  # (a mention ends before its possessive)
            return named[0]
        # "Michael Jackson's father Joseph described ...": the one named after the possessive, if any
        after = [m for m in named[1:] if m.start - named[0].end <= POSSESSED_CHARACTERS]
        return after[0] if after else None
    # ...or the one that sentence quotes: "National police spokesman Ivan Mejia said ...",
    # '"...," Espina said, arguing ...'
    return next((m for m in named if _SAID_AFTER.match(text, m.end)
                 and len(_QUOTE_MARKS.findall(text, previous, m.start)) % 2 == 0), None)  # not inside a quotation


# An unnamed speaker opening a sentence that reports speech: "A second industry source said the
# government was looking for more suppliers."
_DESCRIBED_SPEAKER = re.compile(rf"(?P<speaker>{_NOUN_PHRASE}(?:\s+(?:for|of|at|from)\s+(?:the\s+)?"
                                rf"(?:[A-Z][\w.&'’-]*\s*){{1,5}})?),?\s+(?:\w+\s+)?{_SAY}\b", re.IGNORECASE)


def _described_before(text: str, quote_start: int) -> str | None:
    """The unnamed speaker ("a spokesman for the Royal Free Hampstead NHS Trust") who opens the
    sentence before the quote's and reports speech there, if one does."""
    bounds = sentence_before(text, quote_start)
    if bounds is None:
        return None
    match = _DESCRIBED_SPEAKER.match(text, *bounds)
    return match.group("speaker").strip().rstrip(",") if match else None


_TITLE_WORDS = frozenset(word.lower() for word in HONORIFICS.split("|") if " " not in word)
CHAIN_CHARACTERS = 300  # a pronoun's speaker is the telling's before it, this close, if no one opens the sentence


def resolve_speakers(tellings: list[QuoteTelling], entities: list[Entity],
                     mentions: dict[str, list[Mention]], texts: dict[str, str] | None = None) -> None:
    """Names to entity names via their aliases; a pronoun ("he said") to the person who opens the
    sentence before the quote, where `texts` (article id -> text) show one (`_subject_before`), else
    to the speaker of the telling just before it, else to the person named last before it."""
    alias_of: dict[str, str] = {}
    for entity in entities:
        for alias in entity.aliases + [entity.name]:
            alias_of.setdefault(bare_name(alias).lower(), entity.name)
        if entity.type == "PERSON" and entity.name.split()[-1].lower() not in _TITLE_WORDS:
            alias_of.setdefault(entity.name.split()[-1].lower(), entity.name)
    person_names = {e.name for e in entities if e.type == "PERSON"}
    entity_of_mention = {(m.article_id, m.start): e.name for e in entities for m in e.mentions}
    previous: dict[str, QuoteTelling] = {}  # the telling before, in each article
    for telling in sorted(tellings, key=lambda t: (t.article_id, t.start)):  # in reading order
        raw = telling.speaker_text
        before, previous[telling.article_id] = previous.get(telling.article_id), telling
        if telling.continues and before is not None:
            telling.speaker = before.speaker  # as resolved there, not again from here
            continue
        if raw is None:
            continue
        if raw.lower() in ("he", "she", "they"):
            people = [m for m in mentions.get(telling.article_id, [])
                      if m.start < telling.start and entity_of_mention.get((m.article_id, m.start)) in person_names]
            text = (texts or {}).get(telling.article_id)
            subject = _subject_before(text, telling.start, people) if text is not None else None
            described = None if subject or text is None else _described_before(text, telling.start)
            if described:  # "A second industry source said ... / '...,' he said.": the source
                telling.speaker = described
                continue
            if subject is None and before is not None and before.speaker and before.speaker_text and text is not None:
                # 'Sevcik said ... "...," she said. She told the BBC ...': the same one speaks on, if
                # no one is named between (before the pronoun's sentence) and the telling is close
                ended, opens = before.start + len(before.text), _sentence_start(text, telling.start)
                if telling.start - ended <= CHAIN_CHARACTERS and not any(ended < m.start < opens for m in people):
                    telling.speaker = before.speaker
                    continue
            chosen = subject or (people[-1] if people else None)
            telling.speaker = entity_of_mention[(chosen.article_id, chosen.start)] if chosen else None
            continue
        name = bare_name(raw)
        last = name.split()[-1].lower()  # a surname, not a title ("U.S. Secretary" names no one's surname)
        by_surname = alias_of.get(last) if last not in _TITLE_WORDS else None
        telling.speaker = alias_of.get(name.lower()) or by_surname or raw


def merge_quotes(tellings: list[QuoteTelling], people: set[str] | None = None) -> list[Quote]:
    """One quote per statement, with every article that carried it; most widely carried first.

    Reported speech counts only when a person said it (given `people`, the story's person
    names): "the hospital said two remained in serious condition" is a fact, not a quote.
    """
    if people is not None:
        tellings = [t for t in tellings if t.direct or t.speaker in people]
    quotes: list[Quote] = []
    keys: list[list[str]] = []
    for telling in sorted(tellings, key=lambda t: (not t.direct, t.degraded)):
        key = quote_key(telling.text)
        for quote, quote_keys in zip(quotes, keys, strict=True):
            if _compatible(telling.speaker, quote.speaker) and any(_same(key, k) for k in quote_keys):
                quote.tellings.append(telling)
                quote_keys.append(key)
                quote.speaker = quote.speaker or telling.speaker
                break
        else:
            quotes.append(Quote(telling.text, telling.speaker, [telling]))
            keys.append([key])
    for quote in quotes:
        quote.text = _canonical(quote)
    # Most widely carried first; of those carried as widely, a speaker's words before a scare-quoted
    # phrase ("all the symptoms of swine flu", nobody's)
    return sorted(quotes, key=lambda q: (-len(q.articles), is_phrase(q), -sum(t.direct for t in q.tellings)))


PHRASE_WORDS = 6  # an unattributed quotation shorter than this is a phrase marked, not something said


def is_phrase(quote: Quote) -> bool:
    """A phrase in quote marks that nobody is said to have said ("lab tests can be done")."""
    return quote.speaker is None and len(quote.text.split()) < PHRASE_WORDS


def quote_key(text: str) -> str:
    """A quotation's words, lowercased, without punctuation: how its tellings are compared."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _same(a: str, b: str) -> bool:
    # (the cheap tests first, and each score only as far as its cut-off: a story's quotes are
    # compared pair by pair)
    if a and b and min(len(a), len(b)) / max(len(a), len(b)) > 0.5 and fuzz.token_set_ratio(
            a, b, score_cutoff=SAME_QUOTE):
        return True
    shorter = min(a, b, key=len)
    return len(shorter.split()) >= 6 and bool(fuzz.partial_ratio(a, b, score_cutoff=SAME_TRUNCATED))


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _canonical(quote: Quote) -> str:
    """The telling most outlets agree on, from a clean article, in quote marks if any was."""
    pool = [t for t in quote.tellings if t.direct and not t.degraded] or quote.tellings
    counts = Counter(t.text for t in pool)
    keys = {t.text: quote_key(t.text) for t in quote.tellings}
    # Ties go to the telling with fewer typing errors (an outlet's corrected copy), then to the one
    # closest to all the others: the version the outlets share.
    return max(counts, key=lambda text: (counts[text], -(len(counts) > 1 and _misspelt(text)),
                                         sum(fuzz.ratio(keys[text], k) for k in keys.values())))


def _misspelt(text: str) -> int:
    """Lowercase words English hardly uses (wordfreq Zipf under 2.5: "constituional", "becasue",
    "messag e"): typing errors, where two tellings of one quote differ (a rare word both use counts
    alike)."""
    from wordfreq import zipf_frequency

    return sum(zipf_frequency(word, "en") < 2.5 for word in re.findall(r"(?<![\w'’-])[a-z]{3,}(?![\w'’-])", text))
