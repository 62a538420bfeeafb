"""The brief pipeline: a list of articles about one story in, a cited Brief out.

Stages, each a plain function of the layer that owns it:
    clean_article -> repair_story -> split_article -> embed -> summarize -> analyze -> Brief
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from storyweave import __version__
from storyweave.analyze import analyze
from storyweave.analyze.quotes import quote_key
from storyweave.clean import clean_article, remove_repeated_lines, repair_story
from storyweave.ingest import complete_from_story, too_short
from storyweave.model import (
    ANOTHER_STORY,
    LONGEST_TITLE,
    Article,
    Brief,
    Fact,
    Quote,
    Sentence,
    SetAside,
    Story,
    SummarySentence,
    headline_from_text,
    headline_of_opening,
)
from storyweave.nlp.claims import PRONOUN_SPEAKER, bare_quotation, content_words
from storyweave.nlp.embed import get_embedder
from storyweave.nlp.sentences import is_transcript, split_article
from storyweave.store import Store
from storyweave.stories.focus import main_story
from storyweave.summarize import choose_selector, summarize
from storyweave.summarize.align import claim_text
from storyweave.summarize.select import (
    articles_leading_with,
    choose_scorer,
    is_summary_material,
    lead_indices,
)

MAX_ALIGNED_SENTENCES = 6000  # alignment is quadratic: ~150 MB of similarities at this size


@dataclass(frozen=True)
class BriefConfig:
    words: int = 200  # summary length budget
    embedder: str = "auto"  # a name from storyweave.nlp.embed.EMBEDDERS; "tfidf" needs no model
    ner_model: bool = True  # spaCy's NER when installed; False: the rule-based tagger
    fill: bool = False  # fill the budget: let the last sentence run over (evaluations truncate)
    selector: str = "auto"  # "auto" or a name from storyweave.summarize.SELECTORS
    one_story: bool = True  # brief the main story of the articles given, set other stories aside


DEFAULT_CONFIG = BriefConfig()  # frozen: safe to share as a default


def prepare_articles(articles: list[Article]) -> list[Article]:
    """Clean each article, merge exact duplicates, and repair degraded ones from their siblings."""
    unique: dict[str, Article] = {}
    for article in map(clean_article, articles):
        kept = unique.get(article.id)
        if kept is None:
            unique[article.id] = article
        else:
            also = f"same text also given as {article.source}" + (
                f" ({article.outlet})" if article.outlet and article.outlet != kept.outlet else "")
            unique[article.id] = replace(kept, warnings=kept.warnings + [also])
    return repair_story(complete_from_story(remove_repeated_lines(list(unique.values()))))


@dataclass
class Summarized:
    """The summary half of a brief: prepared articles, their sentences, facts and summary."""

    articles: list[Article]
    per_article: list[list[Sentence]]
    facts: list[Fact]
    summary: list[SummarySentence]
    provenance: dict[str, str]
    set_aside: list[SetAside] = field(default_factory=list)  # articles given but not briefed


def summarize_articles(
    articles: list[Article], config: BriefConfig = DEFAULT_CONFIG,
    on_stage: Callable[[str], None] | None = None,
) -> Summarized:
    """Clean, split, embed, align and select: the cited summary of one story, without analysis."""
    if not articles:
        raise ValueError("a brief needs at least one article")
    stage = on_stage or (lambda name: None)
    stage("cleaning")
    articles, set_aside = _without_emptied(prepare_articles(articles))
    if config.one_story:
        focus = main_story(articles)
        articles = focus.main
        set_aside += [SetAside(group, ANOTHER_STORY) for group in focus.set_aside]
    stage("splitting sentences")
    per_article = [split_article(article) for article in articles]
    sentences, lead_only = lead_sentences(per_article, MAX_ALIGNED_SENTENCES)
    stage("embedding")
    embedder = get_embedder(config.embedder)
    embeddings = embedder.encode([claim_text(s.text) for s in sentences])
    stage("aligning and selecting")
    scorer = choose_scorer(per_article)
    selector = choose_selector(config.selector, per_article)
    facts, summary = summarize(articles, sentences, embeddings, words=config.words,
                               fact_threshold=embedder.fact_threshold, fill=config.fill,
                               selector=selector, scorer=scorer)
    provenance = {
        "sentences": "spacy-sentencizer",
        "embeddings": embedder.name,
        "alignment": "average-linkage(embedding+content-words)"
                     + (f", first {lead_only} sentences of each article" if lead_only else ""),
        "summary": {"mmr": f"importance ({scorer.name}), MMR",
                    "coverage": "concept coverage (word and word-pair document frequency)"
                                f" + importance prior ({scorer.name})"}[selector],
    }
    if others := [group for group in set_aside if group.reason == ANOTHER_STORY]:
        count, stories = sum(len(group.articles) for group in others), len(others)
        provenance["story"] = (f"main story of the input; {count} article{'s' * (count > 1)} of {stories} "
                               f"other stor{'ies' if stories > 1 else 'y'} set aside (pair model clustering)")
    return Summarized(articles, per_article, facts, summary, provenance, set_aside)


def _without_emptied(articles: list[Article]) -> tuple[list[Article], list[SetAside]]:
    """The articles that cleaning left with text enough, and the others set aside (a page of site
    furniture); if none has, all of them: a brief of what there is beats none."""
    emptied = {a.id: reason for a in articles if (reason := too_short(a.text, "after cleaning"))}
    if not emptied or len(emptied) == len(articles):
        return articles, []
    return [a for a in articles if a.id not in emptied], [SetAside([a], emptied[a.id]) for a in articles
                                                          if a.id in emptied]


def build_stored_brief(articles: list[Article], config: BriefConfig = DEFAULT_CONFIG,
                       on_stage: Callable[[str], None] | None = None) -> Brief:
    """The brief of a stored story's articles: one story already, so nothing is set aside."""
    return build_brief(articles, replace(config, one_story=False), on_stage)


def build_brief(
    articles: list[Article], config: BriefConfig = DEFAULT_CONFIG,
    on_stage: Callable[[str], None] | None = None,
) -> Brief:
    """Write the brief of one story. `on_stage` is told each stage's name as it starts."""
    done = summarize_articles(articles, config, on_stage)
    (on_stage or (lambda name: None))("analyzing")
    by_article = {a.id: sentences for a, sentences in zip(done.articles, done.per_article, strict=True)}
    analysis = analyze(done.articles, by_article, done.facts, ner_model=config.ner_model)
    summary = attribute_quotations(done.summary, analysis.quotes)
    story = Story(id=story_id(done.articles), title=story_title(done.articles, done.facts), articles=done.articles)
    return Brief(story=story, summary=summary, facts=done.facts,
                 provenance={**done.provenance, **analysis.provenance}, version=__version__,
                 timeline=analysis.timeline, entities=analysis.entities, quotes=analysis.quotes,
                 disagreements=analysis.disagreements, coverage=analysis.coverage, set_aside=done.set_aside)


def attribute_quotations(summary: list[SummarySentence], quotes: list[Quote]) -> list[SummarySentence]:
    """A summary sentence that is all quotation ('"We care about the small people."') or names its
    speaker by a pronoun only ('"...," he said.') leaves the speaker to the sentences around it in its
    article; the quote found there names them."""
    said: dict[str, list[tuple[str, str]]] = {}  # article -> (words quoted, speaker)
    for quote in quotes:
        for telling in quote.tellings:
            if telling.speaker or quote.speaker:
                said.setdefault(telling.article_id, []).append(
                    (quote_key(telling.text), telling.speaker or quote.speaker))
    attributed = []
    for sentence in summary:
        if bare_quotation(sentence.text) or PRONOUN_SPEAKER.search(sentence.text):
            words = quote_key(sentence.text)
            speaker = next((who for quoted, who in said.get(sentence.source.article_id, [])
                            if quoted.count(" ") >= 2 and (quoted in words or words in quoted)), None)
            if speaker and speaker.split()[-1] not in sentence.text:  # ('Smith said he told ...' names them)
                sentence = replace(sentence, speaker=speaker)
        attributed.append(sentence)
    return attributed


def brief_variant(fmt: str, config: BriefConfig) -> str:
    """The key a stored story's rendered brief is cached under: format, settings and the version
    that built it (a newer storyweave rebuilds the brief)."""
    return f"{fmt}:{config.words}:{config.embedder}:{config.ner_model}:{__version__}"


def stored_brief(store: Store, story: str, fmt: str, config: BriefConfig = DEFAULT_CONFIG,
                 on_stage: Callable[[str], None] | None = None,
                 build: Callable[[], Brief | None] | None = None, rebuild: bool = False) -> str | None:
    """A stored story's brief, rendered; from the store's cache unless the story changed since it
    was built or `rebuild` is asked (then built and cached). None if there is no such story.
    `build` makes the Brief when it is not cached (default: `build_brief` of the story's articles)."""
    from storyweave.render import render

    variant = brief_variant(fmt, config)
    cached = None if rebuild else store.cached_brief(story, variant)
    if cached is not None:
        return cached
    if build is None:
        articles = store.articles(story)
        made = build_stored_brief(articles, config, on_stage) if articles else None
    else:
        made = build()
    if made is None:
        return None
    rendered = render(made, fmt)
    store.set_story_title(story, made.story.title)
    store.cache_brief(story, variant, rendered)
    return rendered


def lead_sentences(per_article: list[list[Sentence]], limit: int) -> tuple[list[Sentence], int | None]:
    """All sentences, or, for a story too large to align in memory, the first k of each article
    (news puts its facts first) with k as large as the limit allows. Returns k, or None if all fit."""
    if sum(map(len, per_article)) <= limit:
        return [s for sentences in per_article for s in sentences], None
    k = 1
    while sum(min(len(s), k + 1) for s in per_article) <= limit:
        k += 1
    return [s for sentences in per_article for s in sentences[:k]], k


def story_id(articles: list[Article]) -> str:
    joined = "\n".join(sorted(a.id for a in articles))
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def title_support(title: str, texts: list[frozenset[str]]) -> float:
    """How much of a story a title names: the mean share of the story's articles (`texts`: their
    content words) using each of its content words; a title of fewer than three such words counts
    that much less ("Egypt" is in every article and names nothing of the story)."""
    words = content_words(title)
    if not words or not texts:
        return 0.0
    share = sum(sum(word in text for text in texts) for word in words) / (len(words) * len(texts))
    return share * min(1.0, len(words) / 3)


def story_title(articles: list[Article], facts: list) -> str:
    """The title of the article that reports the most of the story's shared facts. A title that
    asks a question ("Where is God in Haiti?") frames the story rather than names it: when
    articles share facts, it gives way to another title or to the opening of the top fact. A
    title longer than a headline is one that a scrape ran into its standfirst ("BP oil spill:
    final tests ... 'static kill' Scientists confirm ..."): another article's title
    of headline length is taken first, else it is cut as a headline. A broadcast transcript's title
    gives way to a written report's."""
    shared = [f for f in facts if len(f.articles) > 1]
    reach = {a.id: sum(a.id in f.articles for f in shared) for a in articles}
    titled = [a for a in articles if a.title and not a.degraded] or [a for a in articles if a.title]
    # a broadcast transcript's title is the show's segment ("Palin Reacts to Obama's ..."): a
    # written report's names the story better
    titled = [a for a in titled if not is_transcript(a.text)] or titled
    if shared:
        titled = [a for a in titled if not (a.title or "").rstrip().endswith("?")]
    if titled:
        # A title in capitals is more often a page's section heading ("WALGREENS' BIG BRANDING
        # PUSH") than the story's headline: any other title goes first.
        # Among headlines, the one in the story's own words (a scraped page's link, "Read the first
        # part of the advice", is in nobody's), then the one of the article telling the most.
        texts = [content_words(a.text) for a in articles] if len(titled) > 1 else []  # (one title: no choice)
        best = max(titled, key=lambda a: (not (a.title or "").isupper(), len((a.title or "").split()) <= LONGEST_TITLE,
                                          round(title_support(a.title or "", texts), 1), reach[a.id],
                                          -articles.index(a)))
        title = best.title or ""
        return title if len(title.split()) <= LONGEST_TITLE else headline_from_text(title)
    # No article has a title: the fact several articles lead with (a lead sentence says what the
    # story is; the next one tells a detail of it), else the opening of the article that tells the
    # most of what the others tell (the most widely reported fact may be background: "Seasonal flu
    # kills 250,000 to 500,000 ..." in a day of swine flu reports), else the
    # most widely reported fact, cut to a headline.
    shared = shared or facts
    if not shared:
        return "Untitled story"
    # (a page's date line or caption, "February 11, 2011 at 6:02 PM", names no story however many lead with it)
    shared = [f for f in shared if any(is_summary_material(s) for s in f.sentences)] or shared

    lead_index = lead_indices(s for fact in facts for s in fact.sentences)

    def leads(fact: Fact) -> int:
        return len(articles_leading_with(fact, lead_index))

    def as_headline(fact: Fact) -> tuple[int, int, bool]:
        return leads(fact), len(fact.articles), not fact.text.startswith(('"', "“", "'"))

    best = max(shared, key=as_headline)
    if leads(best) < 2:
        # of the openings that make a headline, the one in the story's own words ("The show has been
        # running for 45 years" opens a look back; "A little-known actor, Matt Smith, will be the
        # next Doctor" names the story), then the one of the article telling the most
        openings = [(headline, a) for a in articles if (headline := headline_of_opening(a.text))]
        if openings:
            texts = [content_words(a.text) for a in articles]
            return max(openings, key=lambda o: (round(title_support(o[0], texts), 1), reach[o[1].id],
                                                -articles.index(o[1])))[0]
    return headline_from_text(best.text)
