"""What every rendering shares: citation numbers, source labels, which facts to show."""

from __future__ import annotations

import re
from dataclasses import replace

from storyweave.analyze.quotes import is_phrase
from storyweave.analyze.timeline import PRONOUN_OPENING
from storyweave.model import (
    ANOTHER_STORY,
    Article,
    Brief,
    Entity,
    Fact,
    Quote,
    SummarySentence,
    TimelineEvent,
    headline_from_text,
)
from storyweave.nlp.claims import closes_opened_quote, commenter_voice, opens_unclosed_quote

SHOWN_FACTS = 12  # widely reported facts listed under the summary
MIN_FACT_WORDS = 4  # fewer words are a scrap, not a fact
MAX_FACT_WORDS = 60  # as a summary sentence
_WORD = re.compile(r"[^\W\d_]{2,}")


def summary_text(sentence: SummarySentence) -> str:
    """A summary sentence as shown: a quotation with its speaker ('"We care about the small
    people." — Carl-Henric Svanberg')."""
    return f"{sentence.text} — {sentence.speaker}" if sentence.speaker else sentence.text


def event_text(event: TimelineEvent) -> str:
    """A timeline event as shown: whom an opening "He" or "She" means, in brackets ("He [Salih Idris]
    bought the Shifa plant in March.")."""
    if not event.subject:
        return event.text
    pronoun = PRONOUN_OPENING.match(event.text)
    return f"{event.text[:pronoun.end()]} [{event.subject}]{event.text[pronoun.end():]}" if pronoun else event.text


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def outlets_phrase(brief: Brief) -> str:
    """'3 outlets', '1 outlet (10 articles of unknown outlet)', 'unknown outlets'."""
    known = len(brief.story.outlets)
    unknown = sum(1 for article in brief.articles if not article.outlet)
    if not known:
        return "unknown outlets"
    return plural(known, "outlet") + (f" ({plural(unknown, 'article')} of unknown outlet)" if unknown else "")


def by_outlet(brief: Brief) -> bool:
    """Is support counted in outlets? Only where two or more are known: one site's pages, or files
    without their outlet, count in articles."""
    return len(brief.story.outlets) >= 2


def shared_heading(brief: Brief) -> str:
    """'Reported by several outlets', or by several articles when fewer than two outlets are known
    (a folder of one site's pages, or of files without their outlet)."""
    return "Reported by several " + ("outlets" if by_outlet(brief) else "articles")


def _outlet_of(brief: Brief) -> dict[str, str]:
    """Article id -> its outlet; an article of unknown outlet stands for one of its own."""
    return {article.id: article.outlet or f"article:{article.id}" for article in brief.articles}


def support(brief: Brief, fact: Fact) -> int:
    """How many outlets report the fact (articles, where fewer than two outlets are known): seven
    pages of one site carrying the same explainer box are one outlet's word."""
    return _supports(brief, [fact])[0]


def _supports(brief: Brief, facts: list[Fact]) -> list[int]:
    """`support` of each of `facts`, the article-to-outlet map built once."""
    if not by_outlet(brief):
        return [len(fact.articles) for fact in facts]
    outlet_of = _outlet_of(brief)
    return [len({outlet_of[a] for a in fact.articles}) for fact in facts]


def _ranked_with_support(brief: Brief) -> list[tuple[Fact, int]]:
    """The facts with their support, most widely reported first (by outlets, then articles)."""
    return sorted(zip(brief.facts, _supports(brief, brief.facts), strict=True),
                  key=lambda pair: (-pair[1], -len(pair[0].articles)))


def support_phrase(brief: Brief, fact: Fact) -> str:
    """'3 of 5 outlets'; '4 of 5 sources' where some articles' outlet is unknown (each is a source of
    its own); or '7 of 32' articles."""
    if not by_outlet(brief):
        return f"{len(fact.articles)} of {len(brief.articles)}"
    noun = "outlets" if all(article.outlet for article in brief.articles) else "sources"
    return f"{support(brief, fact)} of {len(set(_outlet_of(brief).values()))} {noun}"


def single_source_note(brief: Brief) -> str | None:
    """'662 further facts are reported by one outlet only.' (or one article), if any are."""
    count = single_source_count(brief)
    if not count:
        return None
    return f"{count} further {'fact is' if count == 1 else 'facts are'} reported by one " \
           f"{'outlet' if by_outlet(brief) else 'article'} only."


def source_label(article: Article) -> str:
    """'Reuters — Plant fire forces evacuation (2024-03-04)'; falls back to the source path."""
    parts = [article.outlet or "unknown outlet"]
    if article.title:
        parts.append(article.title)
    label = " — ".join(parts)
    if article.published:
        label += f" ({article.published[:10]})"
    return label


def markers(citations: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[c]}]" for c in sorted(citations, key=lambda c: numbers[c]))


def ranked_facts(brief: Brief) -> list[Fact]:
    """The facts, most widely reported first (by outlets, then articles)."""
    return [fact for fact, _ in _ranked_with_support(brief)]


def shared_facts(brief: Brief, limit: int = SHOWN_FACTS) -> list[Fact]:
    """Facts that more than one outlet (or article) reports, most widely reported first; not the
    opening of a quotation that runs on ('"I heard an explosion.'), which says nothing alone, nor a
    question (an interviewer's "So, what about the Vice President?" in transcripts of one show), nor
    a scrap of fewer than `MIN_FACT_WORDS` words (a link's "co." that two pages carry), nor a run of
    over `MAX_FACT_WORDS` (a fact box's lines flattened into one "sentence"), nor the tail of a
    quotation ('It's like nothing we ever lived."': whose words, it does not say). Where some articles
    are written reports, not what only broadcast transcripts share: shows re-air one interview."""
    written = any(not s.spoken for fact in brief.facts for s in fact.sentences)
    return [fact for fact, reach in _ranked_with_support(brief)
            if reach > 1 and not opens_unclosed_quote(fact.text) and not closes_opened_quote(fact.text)
            and not commenter_voice(fact.text)
            and not fact.text.rstrip('"\'\u201d ').endswith("?")
            and not (written and fact.sentences and all(s.spoken for s in fact.sentences))
            and MIN_FACT_WORDS <= len(_WORD.findall(fact.text)) <= MAX_FACT_WORDS][:limit]


def single_source_count(brief: Brief) -> int:
    return _supports(brief, brief.facts).count(1)


def supporting_sentence(brief: Brief, fact_index: int, article_id: str) -> str | None:
    """The sentence in one article that supports a fact (shown when hovering a citation)."""
    for sentence in brief.facts[fact_index].sentences:
        if sentence.article_id == article_id:
            return sentence.text
    return None


SHOWN_ENTITIES = 12
SHOWN_QUOTES = 10
SHOWN_EVENTS = 20


def shown_entities(brief: Brief) -> list[Entity]:
    """People and organisations first (the story's who), then places and the rest, each in the
    brief's order (named by the most articles first). A newsroom naming itself ("the BBC News
    website" in the BBC's pages) is no one the story is about."""
    outlet_of = {article.id: _newsroom(article.outlet) for article in brief.articles if article.outlet}

    def own_newsroom(entity: Entity) -> bool:
        name = _newsroom(entity.name)
        return entity.type == "ORG" and all(outlet_of.get(article) == name for article in entity.articles)

    who = [e for e in brief.entities if e.type in ("PERSON", "ORG") and not own_newsroom(e)]
    return (who + [e for e in brief.entities if e.type not in ("PERSON", "ORG")])[:SHOWN_ENTITIES]


def _newsroom(name: str) -> str:
    """'The Washington Post', 'washingtonpost' -> 'washingtonpost'; 'BBC News' -> 'bbc'."""
    name = re.sub(r"^the\s+|\s+news(?:\s+online|\s+website)?$|\.(?:com|co\.uk|org)$", "", name.strip(),
                  flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]", "", name.lower())


def shown_quotes(brief: Brief) -> list[Quote]:
    """The most widely carried quotes, not phrases in quote marks that nobody is said to have said."""
    return [q for q in brief.quotes if not is_phrase(q)][:SHOWN_QUOTES]


def shown_events(brief: Brief) -> list[TimelineEvent]:
    """The most widely told events (of those told as widely, the most salient), in chronological order."""
    if len(brief.timeline) <= SHOWN_EVENTS:
        return brief.timeline
    keep = sorted(brief.timeline, key=lambda e: (-len(e.articles), -e.salience))[:SHOWN_EVENTS]
    return [e for e in brief.timeline if e in keep]


def other_aliases(entity: Entity) -> list[str]:
    """The other ways the articles write the name, for "also:"; a form that differs from the name,
    or from one listed, only by a leading "the" or a possessive ("the Halvorsen Chemicals",
    "Volkov's") says nothing new. A title does ("Fire Chief Maria Delgado")."""
    def plain(form: str) -> str:
        return re.sub(r"^the\s+|['\u2019]s?$", "", form.strip(), flags=re.IGNORECASE).lower()

    seen = {plain(entity.name)}
    shown = []
    for alias in entity.aliases:
        if plain(alias) not in seen:
            seen.add(plain(alias))
            shown.append(alias)
    return shown


def coverage_rows(brief: Brief) -> list[tuple[int, Article, dict]]:
    numbers = brief.citation_numbers()
    by_id = {a.id: a for a in brief.articles}
    return [(numbers[row["article"]], by_id[row["article"]], row) for row in brief.coverage]


def set_aside_note(brief: Brief) -> str | None:
    """'3 articles given are not in this brief.' (and how to brief other stories' with the rest)."""
    count = sum(len(group.articles) for group in brief.set_aside)
    if not count:
        return None
    note = f"{plural(count, 'article')} given {'is' if count == 1 else 'are'} not in this brief"
    if any(group.reason == ANOTHER_STORY for group in brief.set_aside):
        note += " (with --all, articles that tell another story are briefed with the rest)"
    return note + "."


def set_aside_groups(brief: Brief) -> list[tuple[str, list[Article]]]:
    """Each group of articles set aside with its reason, capitalised: 'Tells another story'."""
    return [(group.reason[:1].upper() + group.reason[1:], group.articles) for group in brief.set_aside]


def set_aside_label(article: Article) -> str:
    """An article set aside, by what it is about: its title, else its opening words."""
    return source_label(replace(article, title=article.title or headline_from_text(article.text) or "no text"))
