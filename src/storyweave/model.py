"""The nouns of storyweave: Article, Sentence, Fact, SummarySentence, Story and Brief.

Every stage of the pipeline reads and returns these plain dataclasses, so a newcomer can follow
one article from the file it came from to the sentence of the brief that cites it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

PublishedFrom = Literal["metadata", "header", "dateline", "text", "story", "unknown"]

SCHEMA_VERSION = "1.0"


def content_id(text: str) -> str:
    """A stable id for an article: a hash of its text with case, spacing and punctuation removed.

    Normalising first means a re-encoded or re-wrapped copy of the same text gets the same id.
    """
    normalised = re.sub(r"[\W_]+", " ", text.lower()).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


HEADLINE_WORDS = 14
LONGEST_TITLE = 20  # words: a longer title has run into the text after it
_BYLINE = re.compile(r"By (?:the )?[A-Z]")  # "By Niu Shuping and Ken Wills Nevermind that ...": no headline
_SPEAKER_LABEL = re.compile(  # a transcript's "HOWARD KURTZ, HOST: "
    r"^[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*(?:,\s*[A-Z][A-Z .'\u2019-]+)?:\s+(?=\S)")
_FIRST_SENTENCE_END = re.compile(r"(?<=[a-z0-9%\")])[.!?](?=\s+[A-Z\"])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z])$")  # "Rep.", "Aug.", "U.S."
_WEAK_END = frozenset("a an the of to in on at for and or but by with from as that is are was were its his her their "
                      "who which said says".split())
_PREPOSITIONS = ("In", "For", "On", "Under", "During", "Following")
# A participle's or a subordinate clause's phrase before the subject ("Determined to ...,", "After weeks of ...,"),
# or a preposition's before a name or a determiner ("In a surprise move, the ...", "For some teams, ...")
_OPENING_PHRASE = re.compile(r"(?:(?:[A-Z][a-z]+(?:ing|ed)|While|After|Although|Though|When|Before|Because"
                             r"|Despite|Amid|With)\b[^,;:\"]{0,100}?,\s+(?=[A-Za-z])"
                             r"|(?:%s)\b[^,;:\"]{0,100}?,\s+"
                             r"(?=[A-Z]|(?:the|a|an|its|their|his|her)\s))" % "|".join(_PREPOSITIONS))
_PRONOUN = re.compile(r"(?:he|she|it|they|we|i|you|this|that|these|those)\b", re.IGNORECASE)
# A relative or participle clause, or a short apposition, between commas after the subject: ", who ...,",
# ", splashed on front pages ...,", ", a lawyer,"
_RELATIVE_CLAUSE = re.compile(r",\s+(?:(?:who|which|whose|[a-z]{3,}ed)\s[^,;:\"]{3,150}?"
                              r"|(?:the|a|an)(?:\s[^,;:\"\s]+){1,6}?),\s+(?=(?!and\b|or\b|but\b)[a-z])")
_CLAUSE_START = frozenset("and but as after while when who which where because although since before".split())
# A flattened page runs its headline into the next sentence with no full stop ("... to fund oil
# clean-up BP is likely to ...", "... urges major reforms The Deepwater Horizon disaster ..."). The
# next sentence starts with "The"/"An", or names the headline's subject again before its verb.
# Words that, capitalised after a lowercase word, open the next sentence ("... caught in a tight spot Who
# says it can't be done ...?")
_RUN_ON_DETERMINERS = frozenset("The An Who What Why How When Where It This These Those In As After He She They We"
                                .split())
_RUN_ON_VERBS = frozenset("is was has have had said says will would could can are were may might must should".split())
_PRESENT_VERB = re.compile(r"[a-z]{2,}[^s]s")  # "appears", "meets": a caption's present tense


def story_title_from(stored: str | None, titles: Iterable[str | None], text: str) -> str:
    """A stored story keeps its title while it reads as a headline (`representative_title`); else
    the first of its new articles' titles that does, else the opening of `text` if it makes one."""
    return representative_title([stored, *titles], [text])


def representative_title(titles: Sequence[str | None], texts: Iterable[str]) -> str:
    """A story's title from its articles' titles and texts, the most representative first: the
    first title that reads as a headline (not a page's section heading in capitals, not a question,
    not a fragment starting lowercase, not run into the text after it), else the first opening that
    makes one (`headline_of_opening`), else what there is. `texts` are read only as far as needed
    (a refinement passes them lazily, each without its page's template sentences)."""
    for title in titles:
        if title and _reads_as_headline(title) and len(title.split()) <= LONGEST_TITLE:
            return title
    first_opening = None
    for text in texts:
        headline = headline_from_text(text)
        if _makes_a_headline(headline):
            return headline
        first_opening = first_opening or headline
    return next((title for title in titles if title), None) or first_opening or "Untitled story"


def headline_of_opening(text: str) -> str | None:
    """The opening of `text` cut to a headline, if it makes one (`_makes_a_headline`)."""
    headline = headline_from_text(text)
    return headline if _makes_a_headline(headline) else None


def _makes_a_headline(headline: str) -> bool:
    """Five words or more, not a question, not a fragment starting lowercase, not a byline, not in
    the first person, not a subordinate clause cut short ("Humans have it." opens a report as a pun)."""
    return len(headline.split()) >= 5 and _reads_as_headline(headline) and not _BYLINE.match(headline) \
        and not _FIRST_PERSON_OPENING.match(headline) \
        and not (headline.endswith("…") and _SUBORDINATE_OPENING.match(headline))


_FIRST_PERSON_OPENING = re.compile(r"(?:I|We|My|Our)\b")  # a column's or a blog's voice, not a headline's
# A subordinate clause cut before its main one: "While Apple's final keynote address ... didn't…"
_SUBORDINATE_OPENING = re.compile(r"(?:While|Although|Though|Because|When|Whenever|If|Unless|Whereas|As|With)\b")


def _reads_as_headline(line: str) -> bool:
    return (line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"'“‘") and not line.isupper() \
        and not line.rstrip().endswith("?")


def headline_from_text(text: str, limit: int = HEADLINE_WORDS) -> str:
    """A headline for text that has none: its first sentence, or the first `limit` words of it cut
    where a headline could stop (not on "the", "of", ...) with an ellipsis."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "").lstrip("*•·-– ")
    first = _SPEAKER_LABEL.sub("", first, count=1)  # a transcript's "HOWARD KURTZ, HOST: As journalists ..."
    end = next((m.start() for m in _FIRST_SENTENCE_END.finditer(first)
                if not _ABBREVIATION.search(first[: m.start()])), len(first))
    sentence = first[:end].rstrip(" .")
    words = sentence.split()
    if len(words) <= limit:
        return sentence
    # a participle's phrase before the subject is no headline's start: "Determined to keep the
    # spotlight on the economy, Sen. Barack Obama added ..." is headed by what Obama did
    opening = _OPENING_PHRASE.match(sentence)
    if opening and len(sentence[opening.end():].split()) >= limit // 2 and _main_clause_after(sentence, opening):
        rest = sentence[opening.end():]
        sentence = rest[:1].upper() + rest[1:]  # "the young Palestinian Authority ..." opens the headline
        words = sentence.split()
        if len(words) <= limit:
            return sentence
    if (headline := cut_run_on(sentence, limit)) != sentence:
        return headline
    # a relative clause between commas says more of the subject than a headline needs: "German Foreign
    # Minister Joschka Fischer, who angered Beijing recently by ..., said China's sentencing ..."
    relative = _RELATIVE_CLAUSE.search(sentence)
    # (a participle's clause or an apposition after a name or a plural, not after "locked up, harassed")
    if relative and len(sentence[:relative.start()].split()) + 3 <= limit and (
            re.match(r",\s+(?:who|which|whose)\s", relative.group())
            or re.search(r"(?:\b[A-Z]\S*|s)$", sentence[:relative.start()])):
        sentence = sentence[:relative.start()] + " " + sentence[relative.end():]
        words = sentence.split()
        if len(words) <= limit:
            return sentence
    cut = words[:limit]
    # at the last clause boundary in the second half, else on a word a headline can end on
    # (in lowercase: a capitalised "Who" is a name's, "Doctor Who")
    clause = [i for i in range(limit // 2, limit) if words[i] in _CLAUSE_START or words[i - 1][-1] in ",;:"]
    if clause:
        cut = words[: clause[-1]]
    while len(cut) > limit // 2 and (_weak_end(cut[-1].strip(",;:")) or cut[-1] in ("-", "--")):
        cut.pop()
    return " ".join(cut).rstrip(",;:-") + "…"


_AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|may|might|can|could|should|must)\b")


def _main_clause_after(sentence: str, opening: re.Match[str]) -> bool:
    """Is what follows the opening phrase the main clause? Not a pronoun; after a lowercase word,
    not the next item of a list ("With attorneys locked up, harassed or plain scared, two ..."),
    and the opening no gerund subject ("Rebuilding may cost as much as war, sewers ...")."""
    rest = sentence[opening.end():]
    if _PRONOUN.match(rest):
        return False
    preposition = opening.group().split()[0] in _PREPOSITIONS  # ("In the midst of the spill by BP, Deepwater
    # Horizon, a number of ...": a name in apposition)
    return (rest[:1].isupper() and not preposition) or (len(re.split(r"[,;:]", rest)[0].split()) >= 5
                                                        and not _AUXILIARY.search(opening.group()))


def _weak_end(word: str) -> bool:
    """A word no headline ends on ("of", "the"); capitalised, "Who" ends a name ("Doctor Who")."""
    return word in _WEAK_END or word.lower() in ("a", "an", "the")


def cut_run_on(headline: str, limit: int = HEADLINE_WORDS) -> str:
    """A headline of more than `limit` words cut where it runs into the next sentence, if it does
    within its first `limit` words: after a word that could end a headline (lowercase or a number;
    not "of", not a possessive; after a capitalised word the capitals may go on a name, "the World
    Health ..."), at a word that opens sentences ("The", "Who", "In"), or at a name of up to four
    words said earlier in the headline
    and followed by a verb or a colon ("... clean-up BP is likely", "... panel heads President
    Obama said", "... spill damage President Obama: 'We will ...'"). A name said only there is more
    likely a clause inside the sentence ("the company BP had hired")."""
    words = headline.split()
    if len(words) <= limit:
        return headline
    for i in range(3, min(limit, len(words) - 1) + 1):
        before, word = words[i - 1].rstrip("'\"\u2019\u201d"), words[i]  # a quotation may end the headline
        if (not before[-1:].isalnum() or before[0].isupper() or before.lower() in _WEAK_END
                or _bare(before) != before):  # a possessive goes on: "BBC Radio 4's The Report"
            continue
        if word in _RUN_ON_DETERMINERS:
            return " ".join(words[:i])
        said = {_bare(w) for w in words[:i]}
        for end in range(i + 1, min(i + 5, len(words) + 1)):
            name = words[i:end]
            if not all(w[:1].isupper() for w in name):
                break
            # the name, then a verb or a colon (a caption: "President Obama: 'We will ...'")
            attributed = name[-1].endswith(":") or end < len(words) and words[end] in _RUN_ON_VERBS
            if attributed and any(_bare(w.rstrip(":")) in said for w in name):
                return " ".join(words[:i])
    # A caption run into a headline in title case, where no lowercase word shows the seam: a
    # person the headline named, in full, doing something in the present ("Palin Weighs In on Obama's
    # Spill Speech Sarah Palin talks to ...").
    for i in range(3, min(limit, len(words) - 3) + 1):
        given, family, verb = words[i], words[i + 1], words[i + 2]
        if (given.istitle() and family.istitle() and _PRESENT_VERB.fullmatch(verb)
                and family in {_bare(w) for w in words[:i]}):
            return " ".join(words[:i])
    return headline


def _bare(word: str) -> str:
    """A word without a possessive ending: "BP's" is "BP"."""
    return re.sub(r"['\u2019]s$", "", word)


@dataclass
class Article:
    """One news article, as ingested and then cleaned."""

    id: str
    source: str  # where it came from, exactly as the user gave it: path, "file.jsonl:LINE", "stdin:1"
    text: str  # the body used for analysis (cleaned, and repaired if degraded)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    published_from: PublishedFrom = "unknown"
    author: str | None = None
    dateline: str | None = None  # e.g. "WASHINGTON (Reuters)", removed from the text
    degraded: bool = False  # arrived lowercased and/or stripped of punctuation
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # boilerplate lines taken out by cleaning
    original_text: str | None = None  # the text before degraded-text repair, when repaired
    # Word spans (start, end; of `text` split on whitespace) of sentences whose boundaries the
    # repair of a text stripped of its marks guessed without being sure (`clean.degraded.Repair`).
    guessed_sentences: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "published_from": self.published_from,
            "author": self.author,
            "degraded": self.degraded,
            "warnings": list(self.warnings),
        }


@dataclass
class Sentence:
    """A sentence of an article, with its position (for lead bias and reading order)."""

    article_id: str
    index: int  # position in the article, from 0
    text: str
    degraded: bool = False
    spoken: bool = False  # from a broadcast transcript (`nlp.sentences.is_transcript`)
    quoted: bool = False  # inside a quotation running over several sentences (`nlp.sentences.quotation_middles`)
    guessed: bool = False  # its boundaries in text stripped of marks are an unsure guess: maybe not a whole sentence

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Fact:
    """A claim told by one or more articles: a group of aligned, equivalent sentences."""

    text: str  # the best-formed telling of it
    sentences: list[Sentence]  # the tellings of this fact, one or more per article
    articles: list[str]  # ids of the articles that report it, in first-seen order
    # Sentences on the same subject that may contain this fact inside a longer claim
    # ("X stepped aside, days after an audit found Y" contains "an audit found Y").
    related: list[Sentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "articles": list(self.articles)}


@dataclass
class TimelineEvent:
    """A dated event, merged across the articles that tell it."""

    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": the precision the text supports
    text: str  # the best telling
    sentences: list[Sentence]  # every telling
    articles: list[str]
    resolved_from: str  # the expression in the text: "on Monday", "last September", "Jan. 10"
    anchor: str = "published"  # what relative expressions were resolved against: "published" or "story"
    salience: float = 0.0  # how closely it matches what its day's coverage led with (0-1)
    subject: str | None = None  # whom an opening "He" or "She" means, where its article says

    def to_dict(self) -> dict[str, Any]:
        shown = {"date": self.date, "event": self.text, "citations": list(self.articles),
                 "resolved_from": self.resolved_from, "mentions": len(self.sentences),
                 "anchor": self.anchor, "salience": round(self.salience, 4)}
        return {**shown, "subject": self.subject} if self.subject else shown


@dataclass(frozen=True)
class Mention:
    text: str  # as written, with a leading honorific if there was one ("Mr. Sessions")
    label: str  # PERSON, ORG, GPE, ...
    article_id: str
    start: int  # character offsets in the article text
    end: int


@dataclass
class Entity:
    name: str
    type: str
    aliases: list[str]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article_id for m in self.mentions))

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "aliases": list(self.aliases),
                "mentions": len(self.mentions), "articles": self.articles}


@dataclass
class QuoteTelling:
    text: str
    article_id: str
    start: int  # offset in the article text
    speaker_text: str | None  # as written: "Delgado", "he", "a hospital spokeswoman"
    direct: bool
    degraded: bool = False
    speaker: str | None = None  # resolved: an entity name, or the phrase when no entity fits
    continues: bool = False  # a paragraph of quotation carrying on the quote before it, whose speaker it takes


@dataclass
class Quote:
    text: str
    speaker: str | None
    tellings: list[QuoteTelling] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(t.article_id for t in self.tellings))

    @property
    def variants(self) -> list[str]:
        return list(dict.fromkeys(t.text for t in self.tellings if t.text != self.text))

    def to_dict(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "articles": self.articles,
                "variants": self.variants, "direct": any(t.direct for t in self.tellings)}


@dataclass
class Disagreement:
    kind: str  # name | number | date | claim | development
    description: str
    positions: list[tuple[str, list[str]]] = field(default_factory=list)  # (value, article ids)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "description": self.description,
                "positions": [{"value": value, "articles": list(ids)} for value, ids in self.positions]}


@dataclass
class SummarySentence:
    text: str
    citations: list[str]  # every article that supports it
    fact: int  # index into Brief.facts
    source: Sentence  # the sentence it was taken from
    speaker: str | None = None  # who says it, where the sentence leaves them to its article (all quotation, "he said")

    def to_dict(self) -> dict[str, Any]:
        spoken = {"speaker": self.speaker} if self.speaker else {}
        return {"text": self.text, "citations": list(self.citations), **spoken}


@dataclass
class Story:
    id: str
    title: str
    articles: list[Article]

    @property
    def outlets(self) -> list[str]:
        seen: dict[str, None] = {}
        for article in self.articles:
            if article.outlet:
                seen.setdefault(article.outlet, None)
        return list(seen)

    @property
    def dates(self) -> list[str]:
        return sorted(a.published for a in self.articles if a.published)

    def to_dict(self) -> dict[str, Any]:
        dates = self.dates
        return {
            "id": self.id,
            "title": self.title,
            "article_count": len(self.articles),
            "outlets": self.outlets,
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
        }


ANOTHER_STORY = "tells another story"  # why articles were set aside: see stories.focus


@dataclass
class SetAside:
    """Articles given for a brief but left out of it, and why: another story's (see
    `stories.focus`), or nothing left after cleaning (a page of site furniture)."""

    articles: list[Article]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "articles": [article.to_dict() for article in self.articles]}


@dataclass
class Brief:
    """One story's cited multi-source brief; `to_dict` gives the documented JSON schema."""

    story: Story
    summary: list[SummarySentence]
    facts: list[Fact]
    provenance: dict[str, str]
    version: str
    timeline: list[TimelineEvent] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)  # articles given but not briefed

    @property
    def articles(self) -> list[Article]:
        return self.story.articles

    def citation_numbers(self) -> dict[str, int]:
        """Article id -> the 1-based number shown in citation markers such as [2]."""
        return {article.id: number for number, article in enumerate(self.articles, start=1)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "story": self.story.to_dict(),
            "articles": [article.to_dict() for article in self.articles],
            "summary": [sentence.to_dict() for sentence in self.summary],
            "timeline": [event.to_dict() for event in self.timeline],
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "facts": [fact.to_dict() for fact in self.facts],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "coverage": list(self.coverage),
            "set_aside": [group.to_dict() for group in self.set_aside],
            "provenance": {"version": self.version, "components": dict(self.provenance)},
        }
