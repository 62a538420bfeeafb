"""Where outlets disagree — and where the story merely moved on.

- `name`: one entity spelled differently by different outlets ("Sergei"/"Sergey" Volkov).
- `number`: the same quantity told with different values (12 vs 14 workers hurt).
- `date`: a publication date contradicted by the article's own text (a header "2024-04-03" on a
  story about "Monday, March 4": day and month swapped), or one event dated differently.
- `claim`: one outlet affirms what another denies, at the same time.
- `development`: the same contrast told at different times ("has so far resisted calls to step
  aside", then "stepped aside"): the story changed, nobody contradicted anybody. Publication dates
  tell the two apart; so do numbers that only ever move one way over time.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np

from storyweave.analyze.entities import bare_name, house_style, same_spelling
from storyweave.analyze.timeline import Anchor
from storyweave.clean.degraded import general_casing
from storyweave.model import Article, Disagreement, Entity, Mention, Sentence, TimelineEvent
from storyweave.nlp.claims import (
    NUMBER_WORDS,
    STOP_WORDS,
    claim_text,
    content_words,
    main_clause,
    negated,
)

_QUANTITY = re.compile(
    r"(?P<value>\$\s?\d[\d,.]*(?:\s+(?:million|billion|thousand|bn|m))?|\d[\d,.]*\s*%|\b\d[\d,.]*\b"
    rf"|\b(?:{'|'.join(w for w in NUMBER_WORDS if w not in ('zero', 'one'))})\b)"
    r"(?P<between>\s+(?:[a-z-]+\s+){0,2}?)(?P<noun>(?!(?:million|billion|trillion|thousand|hundred|dozen)\b)"
    r"[a-z][a-z-]{2,})",
    re.IGNORECASE)
_MULTIPLIERS = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3, "hundred": 100, "dozen": 12,
                "m": 1e6, "bn": 1e9}
SAME_VALUE = 0.01  # relative difference under which two values are one, rounded ("184 million" / "184.3 million")
ROUGHLY = 0.05  # ...and under which a round figure is a finer one told roughly ("78,000" / "78,603")
# Negative polarity beyond plain negation: resisting, refusing, declining, denying, not yet.
# Stopping or putting off something is saying it will not go on or not yet ("halted any new
# drilling" says what "no new leases will be issued" says; "suspended classes" what "canceled
# classes" says; "the handover has been held up" what "refused to hand over" says).
_HOLDING_OUT = re.compile(r"\b(?:resist\w*|refus\w*|declin\w* to|reject\w*|den(?:y|ies|ied|ying)|"
                          r"has yet to|have yet to|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|ban(?:s|ned|ning)?"
                          r"|cancell?(?:s|ed|ing)?|call(?:s|ed|ing)? off|postpon(?:e|es|ed|ing)|delay(?:s|ed|ing)?"
                          r"|stall(?:s|ed|ing)?|held up|prohibit(?:s|ed|ing)?|(?:reluctant|unwilling|loath|hesitant) to"
                          r"|fail(?:s|ed|ing)? to|short of)\b",
                          re.IGNORECASE)  # not "so far": "died so far" denies nothing; "short of": "won 64
# seats, short of the two-thirds majority" denies what "won 64 seats but not the two-thirds majority" denies
_STARTERS = {"The", "But", "And", "She", "They", "This", "That", "His", "Her", "Their", "When", "After",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
SAME_SUBJECT = 0.6  # shared main-clause words / the smaller clause's, for two statements on one thing
SAME_STATEMENT = 0.4  # Jaccard of the two statements' words, for a contradiction
MAX_PER_KIND = 25  # contradictions and developments reported (strongest first)
MIN_WORDS_BESIDE_NUMBER = 3  # content words of a telling of a quantity, its number and noun aside
MIN_NUMBER_OVERLAP = 0.5  # shared content words / the smaller sentence's, for two tellings of a quantity
# A market report's move: "crude rose 79 cents to $83.20 a barrel", "settled at $84.12", "the Dow
# closed at 11,176 points". Prices change by the minute, so two reports' values disagree on nothing.
# (A death toll that "rose to 36" is no price: its values are compared.)
_MARKET_MOVE = re.compile(
    r"\b(?:rose|rises|fell|falls|gained|gains|lost|dropped|drops|climbed|climbs|slipped|slid|jumped|tumbled"
    r"|surged|plunged|plummeted|soared|sank|eased|edged|firmed|weakened|rallied|settled|settles|traded|closed"
    r"|opened|ended|finished|hovered|narrowed|widened)\b(?:\s+(?:[\w$.,%]+\s+){0,5}?)(?:to|at)\s+"
    r"(?:(?:below|above|about|around|nearly|almost|just|under|over)\s+)?"
    r"(?:[$£€]\s?\d|\d[\d,.]*\s+(?:points|cents|pence|yen|euros|dollars)\b"
    r"|\d[\d,.]*\s+(?:a|per)\s+(?:barrel|ounce|share)\b)",
    re.IGNORECASE)


def find_disagreements(
    articles: list[Article], sentences: dict[str, list[Sentence]],
    entities: list[Entity], anchors: dict[str, Anchor], timeline: list[TimelineEvent],
) -> list[Disagreement]:
    published = {a.id: (a.published or "")[:10] for a in articles}
    found = name_variants(entities, {a.id: a.text for a in articles})
    found += conflicting_numbers([s for a in articles for s in sentences[a.id]], published)
    found += contradicted_dates(articles, anchors, published)
    found += conflicting_event_dates(timeline)
    found += polarity_conflicts([s for a in articles for s in sentences[a.id]], published)
    return found


def apart(positions: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The positions without the articles that take more than one of them, and without positions
    left with no article: an article that gives both "6,000 psi" and "8,000 psi", or spells a name
    both ways, disagrees with nobody. Two positions or more left make a disagreement."""
    taken = Counter(article for _, ids in positions for article in set(ids))
    kept = [(value, [a for a in ids if taken[a] == 1]) for value, ids in positions]
    return [(value, ids) for value, ids in kept if ids]


def _spelling_key(name: str, person: bool = True) -> str:
    """What two forms of one spelling share: not case, spaces or marks ("Transocean Ltd." /
    "Transocean Ltd", "Kurdistan Workers' Party" / "Workers Party", "Inter-American" /
    "InterAmerican"); a thing's name also with its plural or possessive ("Deepwater Horizons", "BP's")."""
    key = re.sub(r"['’]s?$", "", bare_name(name).strip("\"'“”‘’ ").lower())
    key = re.sub(r"[\W_]", "", key)
    return key if person or len(key) < 5 else re.sub(r"(?<=[a-z])s$", "", key)


# Before a name, what makes it a plural: "the Okafors of this world" (people like them), "the
# six Nobels" (prizes): no spelling of the name.
_BEFORE_A_PLURAL = re.compile(rf"\b(?:the|\d+|{'|'.join(NUMBER_WORDS)})\s+$", re.IGNORECASE)


def _plural_of_name(mention: Mention, texts: dict[str, str]) -> bool:
    """Is the mention a name made plural? (The tagger may take in the "the" before it.)"""
    before = texts.get(mention.article_id, "")[max(0, mention.start - 12):mention.start]
    if mention.text.lower().startswith("the "):
        before += " the "
    return mention.text.endswith("s") and bool(_BEFORE_A_PLURAL.search(before))


def name_variants(entities: list[Entity], texts: dict[str, str] | None = None) -> list[Disagreement]:
    """Spellings of one person's or organisation's name that outlets differ on (`texts`, the
    articles' texts by id, tell a name's plural from a spelling)."""
    found = []
    for entity in entities:
        if entity.type not in ("PERSON", "ORG"):
            continue
        forms: dict[str, list[str]] = defaultdict(list)
        # "TONY HAYWARD" is not a spelling, nor "Transocean Ltd" against "Transocean Ltd.", nor "Henry
        # M Paulson" against "Henry M. Paulson", nor "Deepwater Horizons": forms differing in case,
        # marks or a thing's plural are one
        casing: dict[str, Counter[str]] = defaultdict(Counter)
        person = entity.type == "PERSON"
        mentions = [m for m in entity.mentions if not _plural_of_name(m, texts or {})]
        for mention in mentions:
            casing[_spelling_key(mention.text, person)][bare_name(mention.text)] += 1
        for mention in mentions:
            form = casing[_spelling_key(mention.text, person)].most_common(1)[0][0]
            if mention.article_id not in forms[form]:
                forms[form].append(mention.article_id)
        # Spellings of the same length that differ only by near-identical words are variants;
        # "Volkov" beside "Sergei Volkov" is a shorter reference, not a different spelling.
        # One disagreement per entity, told with its longest variant forms.
        by_length: dict[int, list[str]] = defaultdict(list)
        for form in forms:
            by_length[len(form.split())].append(form)
        for length in sorted(by_length, reverse=True):
            same_length = by_length[length]
            variants = [f for f in same_length if any(_spelling_variant(f, g) for g in same_length if g != f)]
            positions = apart([(form, forms[form]) for form in sorted(variants, key=lambda f: -len(forms[f]))])
            if len(positions) > 1:
                found.append(Disagreement("name", f"{entity.name}: outlets spell the name differently", positions))
                break
    return found


def _spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name that outlets differ on; not a house style's British or American
    spelling of a word in it ("World Health Organisation"/"Organization", "Defence"/"Defense")."""
    pairs = list(zip(a.split(), b.split(), strict=True))
    return (house_style(a) != house_style(b) and a.lower() != b.lower()
            and all(same_spelling(x, y) for x, y in pairs))


def quantities(text: str) -> dict[str, tuple[str, frozenset[str], str | None]]:
    """Quantities in a sentence, keyed by what they count, with the words around them and what befell
    the counted (`_outcome`): {"worker": ("12 workers", {"fire", "sent", "hospit"}, "injury"), ...}.
    A noun counted twice ("Eleven people were killed and 17 people were injured") counts different
    things: left out. What is counted is the plural the count governs, past the words that qualify
    it ("two search dogs", "9,000 international peacekeepers": dogs, peacekeepers). A span of time
    is keyed by the words framing it too: "the worst in 200 years" and "150 years ago" count
    different things, "sentenced to 10 years in prison" and "to 12 years in prison" one."""
    found = {}
    counted: Counter[str] = Counter()
    for match in _QUANTITY.finditer(text):
        value = match.group("value")
        if (re.fullmatch(r"(19|20)\d\d", value) or re.search(r"\d-\d", text[match.start():match.end() + 2])
                or re.search(r"\d\s?[-\u2013]\s?$", text[max(0, match.start() - 3):match.start()])):
            continue  # a year, a score ("5-2") or a range ("45,000-50,000 people"), not a count
        if text[:match.start()].count("(") > text[:match.start()].count(")"):
            continue  # "(12 kph)": a conversion or an aside, not the claim
        if _CLOCK.match(text, match.start()):
            continue
        kind = "$" if value.startswith("$") else "%" if value.endswith("%") else ""
        noun, end = match.group("noun"), match.end()
        if not kind:
            noun, end = _counted_plural(noun, text, end)
        if noun.lower().rstrip(".") in MONTH_NAMES:
            continue  # "13 Jan": a date, compared as one elsewhere
        counted_word = next(iter(content_words(noun)), None)
        if counted_word:
            key = kind + counted_word
            if noun.lower() in _SPANS_OF_TIME:
                before = text[:match.start()].split()[-1:]
                after = text[end:].split()[:1]
                key += f"|{' '.join(before).lower()}|{' '.join(after).lower().strip('.,;')}"
            context = content_words(" ".join(text[:match.start()].split()[-5:] + text[end:].split()[:4]))
            found[key] = (f"{value}{text[match.end('value'):end]}", context,
                          _outcome(text[:match.start()].split()[-4:], text[end:].split()[:6]))
            counted[key] += 1
    return {key: told for key, told in found.items() if counted[key] == 1}


# What befell those counted: a death toll and a count of the infected, the hurt or the displaced are
# different counts ("infecting more than 27,700 people and killing 140" / "has killed just 144").
_OUTCOMES = {
    "death": ("kill", "die", "dead", "death", "fatal", "perish", "toll", "bodi"),
    "injury": ("injur", "wound", "hurt", "hospit", "hospitalis", "hospitaliz", "treat"),
    "infection": ("infect", "sick", "ill", "case", "diagnos"),
    "displacement": ("affect", "displac", "homeless", "evacu", "flee", "fled", "refuge", "shelter"),
    "missing": ("miss", "unaccount"),
    "arrest": ("arrest", "detain", "jail", "held", "captur"),
    "rescue": ("rescu", "save", "surviv", "freed", "releas"),
}
_OUTCOME_OF = {stem: outcome for outcome, stems in _OUTCOMES.items() for stem in stems}
# Words between a verb and its count: "infecting more than 27,700", "killed just 144"
_COUNT_MODIFIERS = frozenset("more than less fewer about around nearly almost some just only at least up to over "
                             "under roughly approximately an estimated another".split())


def _outcome(before: list[str], after: list[str]) -> str | None:
    """What befell the counted, from the nearest telling word: the one before the count past its
    modifiers, then those after what it counts ("50,000 people have been killed")."""
    words = [w.strip(",;:.()").lower() for w in reversed(before)]
    while words and words[0] in _COUNT_MODIFIERS:
        words.pop(0)
    for word in words[:1] + [w.strip(",;:.()").lower() for w in after]:
        for stem in content_words(word):
            if stem in _OUTCOME_OF:
                return _OUTCOME_OF[stem]
    return None


# Plurals without an -s, which a count governs as they are.
_IRREGULAR_PLURALS = frozenset("people children men women police staff personnel feet teeth cattle sheep fish "
                               "deer aircraft crew media".split())
_NOT_PLURAL = frozenset("is was has as this its his us thus plus bus gas yes news".split())
_SPANS_OF_TIME = frozenset("second seconds minute minutes hour hours day days week weeks month months year years "
                           "decade decades century centuries".split())
MONTH_NAMES = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june "
                        "july august september october november december".split())
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z-]+)")


def _counted_plural(noun: str, text: str, end: int) -> tuple[str, int]:
    """The noun a count governs: `noun` itself if plural; else, if `noun` looks like a qualifier
    ("search", "international", "reported", "UN"), the first plural of the next two words; else
    `noun` ("6,000 psi means": "means" is a verb); with where it ends in `text`."""
    if _is_plural(noun) or not _QUALIFIER.fullmatch(noun):
        return noun, end
    position = end
    for _ in range(2):
        following = _NEXT_WORD.match(text, position)
        if following is None:
            break
        if _is_plural(following.group(1)):
            return following.group(1), following.end()
        if not _QUALIFIER.fullmatch(following.group(1)):
            break
        position = following.end()
    return noun, end


# Words that qualify what a count counts: a name ("UN", "Brazilian"), an adjective or participle by
# its ending, or a noun that mostly stands before another ("search dogs", "aid workers").
_QUALIFIER = re.compile(r"[A-Z][A-Za-z-]*|[a-z-]+(?:al|ed|ic|an|ive|ous|ful|ing|ary|ent|ant|ern|ish)"
                        r"|search|rescue|aid|relief|security|government|military|army|health|school|family"
                        r"|emergency|rebel|border|police|fire|death|local|foreign")


def _is_plural(word: str) -> bool:
    lowered = word.lower()
    return lowered in _IRREGULAR_PLURALS or (lowered.endswith("s") and not lowered.endswith("ss")
                                             and lowered not in _NOT_PLURAL)


def _number_value(phrase: str) -> str:
    """'30 million people' -> '30 million', '2.5m gallons' -> '2.5 million', 'Fourteen workers' -> '14'."""
    words = phrase.lower().replace(",", "").replace("$", "").split()
    head = NUMBER_WORDS.get(words[0], words[0])
    multiplier = words[1] if len(words) > 2 and words[1] in _MULTIPLIERS else ""
    return f"{head} {_SPELLED.get(multiplier, multiplier)}".strip()


_SPELLED = {"m": "million", "bn": "billion"}


def _amount(value: str) -> float | None:
    """'2.5 million' -> 2500000.0; None if it is no number."""
    head, _, multiplier = value.partition(" ")
    try:
        return float(head.rstrip("%")) * _MULTIPLIERS.get(multiplier, 1)
    except ValueError:
        return None


def _same_amount(a: str, b: str) -> bool:
    """One value told two ways: rounded ("184 million" / "184.3 million", "2.5 million" / "2.47
    million": the finer one rounds to the coarser; a figure of round hundreds or more within
    `ROUGHLY` of a finer one: "more than 300 deaths" / "302 deaths"), or
    in other units within `SAME_VALUE`."""
    x, y = _amount(a), _amount(b)
    if x is None or y is None:
        return False
    (head_a, _, unit_a), (head_b, _, unit_b) = a.partition(" "), b.partition(" ")
    if unit_a == unit_b:
        places = min(_decimals(head_a), _decimals(head_b))
        if round(float(head_a.rstrip("%")), places) == round(float(head_b.rstrip("%")), places):
            return True
    coarse, fine = sorted((x, y), key=_trailing_zeros, reverse=True)
    if _trailing_zeros(coarse) >= 2 and _trailing_zeros(coarse) > _trailing_zeros(fine):
        return abs(x - y) <= ROUGHLY * max(x, y)  # "more than 1,300" / "1,324", "78,000" / "78,603"
    return unit_a != unit_b and abs(x - y) <= SAME_VALUE * max(abs(x), abs(y))


def _trailing_zeros(amount: float) -> int:
    whole = int(amount)
    if whole != amount or whole == 0:
        return 0
    return len(str(whole)) - len(str(whole).rstrip("0"))


def _decimals(number: str) -> int:
    return len(number.rstrip("%").partition(".")[2])


# value, phrase, sentence, words, context, the years the sentence names other than its article's,
# what befell the counted, and the names of its claim
Telling = tuple[str, str, Sentence, frozenset[str], frozenset[str], frozenset[str], str | None, frozenset[str]]
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_PART = re.compile(r"\b(?:another|a further|an additional|additional|including)\s+$", re.IGNORECASE)


def _is_part(phrase: str, text: str) -> bool:
    """A count of what was added or of a part, not a total: "another nine cases", "a further 20
    deaths", "11 new cases", "54 cases, including four people infected here", "Two people were also
    killed"."""
    after = text[text.find(phrase) + len(phrase):].split()[:3]
    return (" new " in f" {phrase.lower()} " or bool(_PART.search(text[:text.find(phrase)]))
            or "also" in (w.lower() for w in after))


def _counts_apart(first: Telling, second: Telling) -> bool:
    """Two counts of different things though their sentences look alike: told with different
    qualifiers ("20 confirmed cases" / "26 suspected cases"); one a part the other sentence also
    counts ("Eight cases ... among students" / "20 cases ..., including eight in the city"); a rate
    and a total ("80,000 barrels a day" / "800,000 barrels collected"); shares that make a whole ("75
    percent ... still open" / "closed ... 25 percent")."""
    (value, phrase, sentence, *_), (other_value, other_phrase, other, *_) = first, second
    qualifiers = [{w.lower() for w in p.split()[1:-1]} - _MULTIPLIERS.keys() for p in (phrase, other_phrase)]
    amounts = _amount(value), _amount(other_value)
    if all(qualifiers) and not qualifiers[0] & qualifiers[1]:
        return True
    noun = phrase.split()[-1].lower()
    if amounts[0] != amounts[1] and (amounts[0] in _amounts_told(other.text, noun)
                                     or amounts[1] in _amounts_told(sentence.text, noun)):
        return True
    if _is_rate(phrase, sentence.text) != _is_rate(other_phrase, other.text):
        return True
    shares = {p.split()[-1].lower() for p in (phrase, other_phrase)} <= {"percent", "%"}
    return shares and None not in amounts and sum(amounts) == 100


_RATE = re.compile(r"^(?:\s+[\w(),/.-]+){0,4}?\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|hour)\b"
                   r"|^(?:\s+[\w(),/.-]+){0,4}?\s+(?:daily|annually|a-day)\b|^/day", re.IGNORECASE)


def _is_rate(phrase: str, text: str) -> bool:
    """A count per day, week or year ("5,000 barrels (210,000 gallons) a day"), not a total."""
    return bool(_RATE.search(text[text.find(phrase) + len(phrase):][:60]))


@lru_cache(maxsize=4096)  # asked again for every pair of tellings a sentence is in
def _amounts_told(text: str, noun: str) -> frozenset[float]:
    """The plain numbers a sentence tells of `noun`, in digits or words: before it, or alone ("20
    cases, including eight in the city"), not before another noun ("two crew members")."""
    words = [w.lower().strip(",.") for w in re.findall(r"[\w.,'-]+|[^\w\s]", text)]
    told = set()
    for word, following, after in zip(words, words[1:] + [""], words[2:] + ["", ""], strict=True):
        number = NUMBER_WORDS.get(word, word).replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", number) and (
                following in (noun, "") or following in _BARE_AFTER
                # ...or with a qualifier alone, in brackets: "101 estimated deaths (25 confirmed)"
                or following in _QUALIFYING and after in _BARE_AFTER):
            told.add(float(number))
    return frozenset(told)


_BARE_AFTER = frozenset("in of at from among to and or on , ; : . ) -".split())
_QUALIFYING = frozenset("confirmed suspected estimated probable possible reported known".split())
_NOT_NAMES = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                        *(m.capitalize() for m in MONTH_NAMES)})


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _named(claim: str, names: frozenset[str]) -> frozenset[str]:
    """The places, people and bodies a claim is about: its capitalised words, the first only if it
    is no function word and the story (`names`) or news prose in general writes it capitalised
    ("Okafor spent 12 years", "Brazil says", not "Officials said", "The well")."""
    first, _, rest = claim.partition(" ")
    first = first.strip(_MARKS)
    opening = {first} if first.lower() not in STOP_WORDS and (
        first in names or general_casing().get(first.lower(), "")[:1].isupper()) else set()
    return (frozenset(_CAPITALISED.findall(rest)) | opening) - _NOT_NAMES


# A price ("crude sold near $91 a barrel"): it changes by the minute too.
_PRICE = re.compile(r"[$£€]\s?\d[\d,.]*\s+(?:a|an|per)\s+"
                    r"(?:barrel|ounce|share|gallon|litre|liter|ton|tonne|bushel)\b", re.IGNORECASE)
# A time of day ("15.09 GMT", "0930 Haiti time"), no count.
_CLOCK = re.compile(r"(?:\d{1,2}[.:]\d\d|[0-2]\d[0-5]\d)\s+(?:\w+\s+)?"
                    r"(?:GMT|UTC|BST|EST|EDT|PST|PDT|CET|ET|time|local)\b")


def conflicting_numbers(sentences: list[Sentence], published: dict[str, str]) -> list[Disagreement]:
    """The same quantity ("workers", "$ harbor") with different values in sentences that say
    much the same thing (overlapping content words, the numbers aside). Tellings that say the same
    thing, in different articles, form one group (linked pair by pair, whatever their values);
    each group with two values or more is one disagreement, so "103 deaths in Mexico" and "36,000
    deaths a year from flu" stay apart."""
    told: dict[str, list[Telling]] = defaultdict(list)
    names = frozenset(word for s in sentences for word in _CAPITALISED.findall(s.text.partition(" ")[2]))
    ranges: set[tuple[float, float]] = set()  # every range the story states
    for sentence in sentences:
        own_ranges = _told_ranges([sentence])
        ranges |= own_ranges
        claim = claim_text(sentence.text)
        words = content_words(claim)
        if (not is_statement(sentence.text) or len(words) <= MIN_CLAIM_WORDS or _MARKET_MOVE.search(sentence.text)
                or _PRICE.search(sentence.text)):
            continue  # "Would any other country do this over 20 deaths?", "If it fell below 6,000 psi ..."
        years = frozenset(_YEAR.findall(sentence.text)) - {(published.get(sentence.article_id) or "")[:4]}
        named = _named(claim, names)
        range_ends = {end for pair in own_ranges for end in pair}
        for key, (phrase, context, outcome) in quantities(sentence.text).items():
            value = _number_value(phrase)
            noun = key.split("|")[0].lstrip("$%")
            if len(words - {noun, *value.split()}) < MIN_WORDS_BESIDE_NUMBER:
                continue  # "We need to move two million people," he said: too little to compare
            if _amount(value) in range_ends or _is_part(phrase, sentence.text):
                continue  # "between 1,200 and 2,500 tonnes" is no point estimate; "another nine cases" no total
            # the counted noun keys the count already: it says nothing of whether two tellings agree
            told[key].append((value, phrase, sentence, words - {value, noun}, context, years, outcome, named))
    found = []
    for key, tellings in told.items():
        if len({value for value, *_ in tellings}) < 2:
            continue
        linked = _same_statement(tellings, key.split("|")[0].lstrip("$%"))
        for group in _groups(len(tellings), linked):
            at = {telling: n for n, telling in enumerate(group)}
            listed = _number_positions([tellings[i] for i in group], {(at[a], at[b]) for a, b in linked if a in at})
            if len(listed) < 2 or _ends_of_one_range([_number_value(phrase) for phrase, _ in listed], ranges):
                continue
            kind = "development" if _moves_over_time(listed, published) else "number"
            what = "changed over time" if kind == "development" else "outlets give different numbers"
            about = tellings[group[0]][2].text
            found.append(Disagreement(kind, f"{what}: {listed[0][0].split()[-1]} ({excerpt(about)})", listed))
    return found


# A range the story states: "35,000-60,000 barrels", "between 1.5 and 2.5 million gallons", "$3 to $6 billion".
_NUMBER = r"\$?\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|thousand|bn|m)\b)?"
_RANGE = re.compile(rf"(?P<low>{_NUMBER})\s*(?:-|\u2013|\bto\b|\band\b)\s*(?P<high>{_NUMBER})", re.IGNORECASE)


def _told_ranges(sentences: list[Sentence]) -> set[tuple[float, float]]:
    """The ranges of amounts the story's sentences state, as (low, high); a low end without its own
    multiplier takes the high end's ("1.5-2.5 million")."""
    ranges = set()
    for sentence in sentences:
        for found in _RANGE.finditer(sentence.text):
            high = _number_value(found["high"] + " x")
            low = _number_value(found["low"] + " x")
            if " " not in low and " " in high:
                low += " " + high.partition(" ")[2]
            amounts = _amount(low), _amount(high)
            if None not in amounts and amounts[0] < amounts[1]:
                ranges.add(amounts)
    return ranges


def _ends_of_one_range(values: list[str], ranges: set[tuple[float, float]]) -> bool:
    """Are these values the two ends of a range the story states ("the low-end figure of 35,000
    barrels" and "up to 60,000 barrels" beside "35,000-60,000 barrels"): one estimate, not a dispute?"""
    amounts = [_amount(value) for value in values]
    if len(amounts) != 2 or None in amounts:
        return False
    low, high = sorted(amounts)
    return any(abs(low - a) <= SAME_VALUE * a and abs(high - b) <= SAME_VALUE * b for a, b in ranges)


def _same_statement(tellings: list[Telling], noun: str) -> set[tuple[int, int]]:
    """Pairs (i < j) of tellings in different articles that count the same thing: the sentences
    say much the same, and the words around the number agree ("sent 12 workers to hospitals" / "14
    workers were taken to hospitals"), so "14 people killed" and "5,000 people evacuated" are not
    compared; they name the same years, so the toll of a 1946 quake ("In 1946, a quake killed
    almost 2,000 people") is not this one's; where both say what befell those they count, the
    same ("infecting more than 27,700 people" is no toll of "killed just 144 people"); and where both
    name whom or where, someone or somewhere in common ("Okafor served 12 years" and "Reyes ...
    served 10 years" are two people's years); and nothing else sets them apart (`_counts_apart`)."""
    linked = set()
    for i, (_, _, sentence, words, context, years, outcome, named) in enumerate(tellings):
        for j in range(i + 1, len(tellings)):
            _, _, other, other_words, other_context, other_years, other_outcome, other_named = tellings[j]
            if (other.article_id != sentence.article_id and years == other_years
                    and (not named or not other_named or named & other_named)
                    and (outcome is None or other_outcome is None or outcome == other_outcome)
                    and _overlap(words, other_words) >= MIN_NUMBER_OVERLAP
                    and len(context & other_context) >= 1
                    and _overlap(context - {noun}, other_context - {noun}) >= 0.25
                    and not _counts_apart(tellings[i], tellings[j])):
                linked.add((i, j))
    return linked


def _groups(count: int, linked: set[tuple[int, int]]) -> list[list[int]]:
    """The connected groups of two or more among `count` items linked pair by pair."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pairs = np.array(sorted(linked), dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels.tolist()):
        members[label].append(i)
    return [group for group in members.values() if len(group) > 1]


def _number_positions(tellings: list[Telling], linked: set[tuple[int, int]]) -> list[tuple[str, list[str]]]:
    """One group's values with the articles giving them, most given first: a value told rounded is
    the same value, and each value is set against the most reported one directly, never through
    a chain of look-alike sentences ("800 deaths" ~ "103 deaths" ~ "36,000 deaths a year")."""
    positions: dict[str, list[str]] = defaultdict(list)
    phrases: dict[str, str] = {}
    value_of: list[str] = []
    for value, phrase, sentence, *_ in tellings:
        value = next((v for v in positions if _same_amount(v, value)), value)
        value_of.append(value)
        if sentence.article_id not in positions[value]:
            positions[value].append(sentence.article_id)
        phrases.setdefault(value, phrase)
    top = max(positions, key=lambda v: len(positions[v]))
    rivals = {value_of[b if value_of[a] == top else a] for a, b in linked if top in (value_of[a], value_of[b])}
    ranked = sorted(((v, ids) for v, ids in positions.items() if v == top or v in rivals),
                    key=lambda item: -len(item[1]))
    return apart([(phrases[value], ids) for value, ids in ranked])


def excerpt(text: str, width: int = 90) -> str:
    """A sentence shortened for a label, at a word boundary, with an ellipsis if cut."""
    return textwrap.shorten(text, width, placeholder=" …")


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _moves_over_time(positions: list[tuple[str, list[str]]], published: dict[str, str]) -> bool:
    """True when each value was reported only after every earlier value: a toll that rose."""
    spans = sorted((min(published[a] or "9999" for a in ids), max(published[a] or "0000" for a in ids))
                   for _, ids in positions)
    return all(earlier[1] < later[0] for earlier, later in zip(spans, spans[1:], strict=False)) and all(
        published[a] for _, ids in positions for a in ids)


def contradicted_dates(articles: list[Article], anchors: dict[str, Anchor],
                       published: dict[str, str]) -> list[Disagreement]:
    found = []
    for article in articles:
        anchor = anchors.get(article.id)
        if anchor is None or anchor.contradicted is None or anchor.date is None:
            continue
        story = [a.id for a in articles if a.id != article.id and published[a.id] == anchor.date.isoformat()]
        found.append(Disagreement(
            "date", f"{article.title or article.source}: {anchor.contradicted}",
            [(f"{published[article.id]} ({article.published_from})", [article.id]),
             (f"{anchor.date.isoformat()} (its text and the other articles)", [article.id] + story)]))
    return found


MIN_SHARED_PREDICATE_WORDS = 2  # lowercase content words two tellings of one event share
# Two tellings are of one event when they say the same, their dates aside (Jaccard of the main
# clauses' content words): judged on real stories, sentences that merely share a topic and a
# deed (a company saying on Saturday what its board would discuss / the board meeting on Monday) were nearly all
# two events, so only near-identical tellings are set against each other.
SAME_EVENT_WORDS = 0.8
# What goes on over days has no one date to disagree on: "forces were still searching today",
# "some protesters remain", "crews were fitting the dome on Tuesday" (a progressive that
# the date follows with no deed between: not "was studying a speech delivered Sunday").
_ONGOING = re.compile(r"\b(?:still|remains?|remained|continu(?:e|es|ed|ing))\b", re.IGNORECASE)
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been)\s+\w+ing\b(?P<between>(?:\s+\S+){0,6}?)\s*$", re.IGNORECASE)


def _datable(event: TimelineEvent) -> bool:
    """Does the sentence date one event: not one going on over days, nor a deadline ("may change
    their tickets until Monday"), nor one whose date is a word inside a quotation ("Yesterday
    Tunisia, today Egypt," they chanted: said when, nobody knows)."""
    if event.resolved_from.lower().startswith(("until ", "till ", "through ")):
        return False
    at = event.text.find(event.resolved_from)
    if at < 0:
        return not _ONGOING.search(event.text)
    progressive = _PROGRESSIVE.search(event.text[:at])
    return (event.text[:at].count('"') % 2 == 0 and not _ONGOING.search(event.text)
            and not (progressive and not re.search(r"\w+ed\b", progressive["between"])))


def _tells_both(first: TimelineEvent, second: TimelineEvent) -> bool:
    """Does one telling also name the other's day ("the April 20 explosion" in a sentence dated by
    its "Thursday"; "On Thursday the union called for a march after Friday's shift")? Then
    the two dates are of two things it tells, not one event's."""
    return _names_day(first.resolved_from, second.text) or _names_day(second.resolved_from, first.text)


def _names_day(expression: str, text: str) -> bool:
    """Does the text name the day an expression names, without its preposition ("on Friday": "Friday's")?"""
    core = re.sub(r"^(?:on|early|late|last|this|next|by|from|since)\s+", "", expression.lower())
    return bool(re.search(rf"\b{re.escape(core)}", text.lower()))


def conflicting_event_dates(timeline: list[TimelineEvent]) -> list[Disagreement]:
    """One event, dated differently by different articles (day precision on both sides): tellings
    that say the same but for their dates (`SAME_EVENT_WORDS`), of one event each (`_datable`), not
    two things one of them tells (`_tells_both`)."""
    found = []
    days = [e for e in timeline if len(e.date) == 10]
    datable = {id(e) for e in days if _datable(e)}
    clauses = {id(e): main_clause(claim_text(e.text)) for e in days}
    # what the clause tells, its date aside
    words = {id(e): content_words(clauses[id(e)]) - content_words(e.resolved_from) for e in days}
    # ...and what the clause tells beside its names: one person's two deeds on two days ("Speaker
    # Newt Gingrich ... was driven from office Friday" and "... disavowed his war on Speaker Newt
    # Gingrich ... Wednesday") share only the names
    told = {key: content_words(" ".join(w for w in clause.split() if not w[:1].isupper()))
            for key, clause in clauses.items()}
    for i, first in enumerate(days):
        first_words = words[id(first)]
        for second in days[i + 1:]:
            if second.date == first.date or set(first.articles) == set(second.articles):
                continue
            if first.resolved_from.lower() == second.resolved_from.lower():
                continue  # the same words said on two days ("today", in a quote run again a day later)
            if id(first) not in datable or id(second) not in datable or _tells_both(first, second):
                continue
            second_words = words[id(second)]
            shared = len(first_words & second_words)
            positions = apart([(f"{first.date} ({first.resolved_from})", first.articles),
                               (f"{second.date} ({second.resolved_from})", second.articles)])
            if (shared >= 4 and shared / len(first_words | second_words) >= SAME_EVENT_WORDS and len(positions) > 1
                    and len(told[id(first)] & told[id(second)]) >= MIN_SHARED_PREDICATE_WORDS):
                found.append(Disagreement(
                    "date", f"the same event is dated differently: {excerpt(first.text)}", positions))
    return found


_PLAIN_NEGATION = re.compile(r"not|never|n't", re.IGNORECASE)
_CUE = re.compile(_HOLDING_OUT.pattern + r"|\b(?:not|never)\b|\bno\b(?!\.?\s?\d)|n't\b", re.IGNORECASE)  # "haven't";
# "the No. 2 oil company", "photograph no 22" deny nothing
# What tells of a charge, a report or a fear, not of a fact: "Dr Murray denies manslaughter" contradicts
# nobody who writes that he "is accused of manslaughter", nor "Sudan denies involvement" the
# "unconfirmed reports that troops from Sudan are involved".
_ALLEGED = re.compile(r"\b(?:accus\w*|alleg\w*|charged with|charges? of|suspected (?:of|to|that)|fear(?:s|ed)?"
                      r"|reports? that|unconfirmed|reportedly|purported\w*|potential|possible|possibly|likely)\b",
                      re.IGNORECASE)
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")


_CLAUSE_OPENERS = frozenset("what which that who whom whose whether how why when where if".split())


def _others_deny(before_cue: str) -> bool:
    """Is the negation's subject, just before it, "they", "we" or "you" and no name ("... tell
    residents they are not alone")?"""
    words = before_cue.split()[-3:]
    return any(w.lower() in ("they", "we", "you") for w in words) and not any(
        w[:1].isupper() and w.lower() not in ("they", "we", "you") for w in words)


def _negated_predicates(text: str) -> frozenset[str]:
    """The words a negative statement negates: the few after "not", "resisted", "denied"...
    ("has so far resisted calls to step aside" negates "calls to step")."""
    claim = claim_text(text)
    negated_words: set[str] = set()
    for cue in _CUE.finditer(claim):
        # up to four words, not names, and not into a clause of their own ("did not detail what
        # this plan should include" denies a detailing, not a plan)
        words = claim[cue.end():].split()
        words = words[1:] if words[:1] == ["that"] else words  # "denied that he met ...": what is denied
        # "did not return to Cambodia until July" tells when they returned ("suspended drilling
        # until next year" still suspends it); "not only" affirms
        plain = _PLAIN_NEGATION.fullmatch(cue.group())
        if words[:1] == ["only"] or plain and "until" in (w.lower() for w in words[:8]):
            continue
        words = _to_clause_end(words)  # "service was suspended, said a spokeswoman": nothing said is denied
        following = list(itertools.takewhile(lambda w: w.lower() not in _CLAUSE_OPENERS, words[:4]))
        following = [w for w in following if w[:1].islower()]
        # what the sentence affirms before the cue is not what it denies: "appointed vice
        # president, not president" denies no report of the appointment (a question put to the
        # speaker affirms nothing: "Asked if there had been calls, Vietor said he has not called")
        affirmed = _QUESTION_PUT.sub("", claim[:cue.start()])
        negated_words |= content_words(" ".join(following)) - content_words(affirmed)
    return frozenset(negated_words)


def _to_clause_end(words: list[str]) -> list[str]:
    """The words up to the first that ends a clause (a comma, semicolon or colon), that one included."""
    kept = []
    for word in words:
        if word[:1] in ",;:":
            break
        kept.append(word)
        if word[-1] in ",;:":
            break
    return kept


_QUESTION_PUT = re.compile(r"^(?:when\s+)?asked\s+(?:if|whether|about|why|how|what)\b[^,]*,", re.IGNORECASE)


# What states no fact to contradict: a question, a condition or a guess ("If these are confirmed
# they would be the first ... outside Mexico"), a call or an inference ("Haiti must not remain a
# battered country"), the opening of a quotation that runs on.
_NOT_A_STATEMENT = re.compile(r"\?|^(?:if|unless|whether|why|how|what|when|who)\b"
                              r"|\b(?:would|could|might|may|must|should|ought)\b", re.IGNORECASE)
MIN_CLAIM_WORDS = 4  # main-clause content words of either side: "7 confirmed deaths all in Mexico" is too little
MAX_STATEMENT_WORDS = 60  # longer is a page's bullet points run together, not one statement


def is_statement(text: str) -> bool:
    """A declarative statement of fact, whole: something an outlet can affirm or deny."""
    return (not _NOT_A_STATEMENT.search(text) and text.count('"') % 2 == 0
            and len(text.split()) <= MAX_STATEMENT_WORDS)


# Two statements of different times contradict nothing: what had happened before a report was
# written ("Last month Obama eased a moratorium on drilling" beside "Obama halted new drilling" on
# Friday), what happened in another year ("named the strain in March 2019").
_LOOKING_BACK = re.compile(r"\b(?:last|previous|earlier this) (?:week|month|year|spring|summer|autumn|fall|winter)\b"
                           r"|\b(?:days?|weeks?|months?|years?|decades?) ago\b", re.IGNORECASE)


def polarity_conflicts(sentences: list[Sentence], published: dict[str, str]) -> list[Disagreement]:
    """An affirmation and a negation of the same thing, about the same named subject: a
    development where the negation was published before (or after) the affirmation, a
    contradiction where both were published on the same day. Both are whole statements of fact
    (`is_statement`) of `MIN_CLAIM_WORDS` or more, of one time (the same years, `_LOOKING_BACK`),
    and the affirmation negates nothing itself and `_affirms` what the negation denies."""
    main = [content_words(main_clause(claim_text(s.text))) for s in sentences]
    usable = [is_statement(s.text) and len(words) >= MIN_CLAIM_WORDS for s, words in zip(sentences, main, strict=True)]
    times = [frozenset(_YEAR.findall(s.text)) - {published.get(s.article_id, "")[:4]}
             | {m.group().lower() for m in _LOOKING_BACK.finditer(s.text)} for s in sentences]
    names = [set(_NAME_WORD.findall(s.text)) - _STARTERS for s in sentences]
    index: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(main):
        for word in words:
            index[word].append(i)
    grouped: dict[int, set[int]] = defaultdict(set)  # affirmative sentence -> negative ones
    strong: set[tuple[int, int]] = set()
    for i, sentence in enumerate(sentences):
        claim = claim_text(sentence.text)
        if not usable[i] or (not negated(claim) and not _HOLDING_OUT.search(claim)):
            continue
        negates = _negated_predicates(sentence.text)
        # Who denies or is denied: the names before the first negation ("Israel has rejected the
        # name swine flu, and ... call it Mexico flu" is about Israel, not Mexico).
        cue = _CUE.search(claim)
        subject = set(_NAME_WORD.findall(claim[:cue.start()] if cue else claim)) - _STARTERS
        if cue and _others_deny(claim[:cue.start()]):
            subject = set()  # "Obama came to tell residents they are not alone": the residents' denial
        # ...and who does or does not do it, named just before the negation ("Kabila has refused")
        doer = set(_NAME_WORD.findall(" ".join(claim[:cue.start()].split()[-3:]))) - _STARTERS if cue else set()
        verb = _negated_verb(sentence.text)
        # The cue words themselves ("so far", "resisted") are not what the sentence is about.
        about = main[i] - content_words(" ".join(m.group() for m in _CUE.finditer(claim)))
        for j in {j for word in negates for j in index[word]}:
            other = sentences[j]
            shared = about & main[j]
            # ...and what is denied is what the other affirms, not a word of it: "has not yet reported
            # its expenses" denies nothing that "..., the Associated Press reported" affirms
            if (usable[j] and other.article_id != sentence.article_id and subject & names[j] and times[i] == times[j]
                    and len(shared & negates) >= min(2, len(negates))
                    and len(shared) / max(1, min(len(about), len(main[j]))) >= SAME_SUBJECT
                    and not _negated_predicates(other.text)
                    and _affirms(other.text, negates, doer, verb)):
                grouped[j].add(i)
                # A contradiction at one time needs near-identical statements, not just a topic.
                if len(about) >= 4 and len(shared) / len(about | main[j]) >= SAME_STATEMENT:
                    strong.add((i, j))
    # One affirmation told in the same words by several articles (wire copy, a page run again the
    # next day) is one position cited to all of them, told since the first, not one disagreement a copy.
    copies: dict[str, list[int]] = defaultdict(list)
    for j in grouped:
        copies[" ".join(sentences[j].text.lower().split())].append(j)
    found = []
    for tellings in copies.values():
        tellings.sort(key=lambda k: published[sentences[k].article_id] or "9999")
        j = tellings[0]
        negatives = set().union(*(grouped[k] for k in tellings))
        positive = sentences[j]
        when = published[positive.article_id]
        before = [i for i in sorted(negatives)
                  if when and published[sentences[i].article_id] and published[sentences[i].article_id] < when]
        after = [i for i in sorted(negatives) if when and published[sentences[i].article_id] > when]
        # Same day only: with a date unknown, nothing says the two were said at one time.
        same_time = [i for i in sorted(negatives) if when and published[sentences[i].article_id] == when
                     and any((i, k) in strong for k in tellings)]
        affirmative = (positive.text, list(dict.fromkeys(sentences[k].article_id for k in tellings)))
        for side, earlier in ((before, True), (after, False)):
            if side:
                negative = _position(sentences, side)
                first, second = (negative, affirmative) if earlier else (affirmative, negative)
                found.append(Disagreement("development", f"the story moved on: {excerpt(second[0])}", [first, second]))
        if same_time:
            found.append(Disagreement("claim", f"outlets contradict each other: {excerpt(positive.text)}",
                                      [affirmative, _position(sentences, same_time)]))
    # The best-supported first; a long archive can hold many, a reader wants the strongest.
    found.sort(key=lambda d: -sum(len(ids) for _, ids in d.positions))
    return [d for d in found if d.kind == "claim"][:MAX_PER_KIND] + \
        [d for d in found if d.kind == "development"][:MAX_PER_KIND]


def _affirms(text: str, denied: frozenset[str], doer: set[str], verb: str | None = None) -> bool:
    """Does the sentence affirm, as a fact, what a negation denies: no charge or report
    (`_ALLEGED`); the denied words written lowercase (what is done, not the name of an "Information
    Center"), not in a condition ("unless the North lets experts visit the complex"), not in an
    infinitive ("ordered to hand over its records", "to show its support": no handing over, no
    support) nor after "without" ("a man without sin"); the `verb` a plain negation denies among
    them; and the one the negation names as its `doer` before them ("The rebels want talks with
    Kabila" is not Kabila talking)?"""
    if _ALLEGED.search(text):
        return False
    words = [w.strip(_MARKS) for w in text.split()]
    affirmed: set[str] = set()
    first = None
    for n, word in enumerate(words):
        found = content_words(word) & denied if word[:1].islower() else frozenset()
        before = [w.lower() for w in words[max(0, n - 3):n]]
        condition = any(w.lower() in ("if", "unless") for w in words[:n])  # "... unless the North lets experts visit"
        if found and "to" not in before and "without" not in before and not condition:
            affirmed |= found
            first = n if first is None else first
    return (first is not None and len(affirmed) >= min(2, len(denied)) and (verb is None or verb in affirmed)
            and (not doer or any(word in doer for word in words[:first])))


def _negated_verb(text: str) -> str | None:
    """The deed a plain negation denies, the first content word after it ("didn't win the yacht
    race": win), which an affirmation must tell too: taking part in the race is no win."""
    claim = claim_text(text)
    cue = next((c for c in _CUE.finditer(claim) if _PLAIN_NEGATION.fullmatch(c.group())), None)
    if cue is None:
        return None
    for word in claim[cue.end():].split()[:4]:
        if stems := content_words(word.strip(_MARKS)):
            return next(iter(stems))
    return None


_MARKS = "\"'“”‘’.,;:!?()[]"


def _position(sentences: list[Sentence], indices: list[int]) -> tuple[str, list[str]]:
    return sentences[indices[0]].text, list(dict.fromkeys(sentences[i].article_id for i in indices))
