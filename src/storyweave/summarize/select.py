"""Summary selection: the most important facts, without repeating one another, within a word budget.

Importance mixes signals that multi-document summarisation has long relied on: how many outlets
carry the fact (cross-article support), how central it is to the story (cosine to the story's
centroid), how early the articles tell it (lead position), and, for a story told over several
days, how recent it is (hand-set weights; for stories told in lead paragraphs only, a regression
over more features learned on Multi-News, see `choose_scorer`). Redundancy is removed with
maximal marginal relevance (MMR). The chosen sentences are put in story order: the date the fact
was first reported, then where it stands in its article; the summary opens on an article's lead.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyweave.model import Article, Fact, Sentence, SummarySentence
from storyweave.nlp.claims import (
    claim_text,
    closes_opened_quote,
    commenter_voice,
    content_words,
    leaves_quote_open,
    newsroom_note,
    opens_unclosed_quote,
)
from storyweave.nlp.sentences import TRANSCRIPT_SPEAKER, has_verb, opens_on_page_label
from storyweave.summarize.align import DANGLING_START, Alignment, Tellings, best_telling

SUPPORT_WEIGHT = 0.40
CENTRALITY_WEIGHT = 0.30
POSITION_WEIGHT = 0.20
RECENCY_WEIGHT = 0.10  # in a story told over days, the latest news belongs in the brief
MMR_LAMBDA = 0.7  # relevance vs novelty
LEAD_WORDS = 10  # a summary's opening lead has this many words at least, where one has
REDUNDANT = 0.75  # a candidate this similar to a chosen sentence says nothing new


@dataclass
class Candidate:
    fact: int
    sentence: int  # index into the sentence list
    score: float
    features: dict[str, float] = field(default_factory=dict)


# A pronoun right after the first verb of saying: "Authorities said it could reach ...".
_SAID_PRONOUN = re.compile(r"^(?:\S+\s+){1,4}(?:said|says|warned|added)\s+(?:that\s+)?(?:it|he|she|they|this)\b")


def _leans_back(text: str) -> bool:
    return bool(DANGLING_START.match(text) or _SAID_PRONOUN.match(text))


def is_summary_material(sentence: Sentence, guessed_too: bool = False) -> bool:
    """Whole declarative sentences of a sensible length; no questions, fragments or lists, and no
    opening of a quotation that runs on into the next sentence ('"We will rebuild.': alone, it
    has no end and no speaker). Its tail has both, and is shown whole (`as_summary_text`). Unless
    `guessed_too`, no sentence whose boundaries were guessed unsure in text stripped of its marks:
    it may be a piece of one ("The party said in a statement.")."""
    text = sentence.text
    words = sentence.words
    return (
        6 <= words <= 60
        and (guessed_too or not sentence.guessed)
        and text[-1] in ".!\"'"
        and not text.endswith("?")
        and not text[0].islower()
        and ":" not in text[-3:]
        and not opens_unclosed_quote(text)
        and not TRANSCRIPT_SPEAKER.match(text)
        and not (words <= 12 and _NAME_AND_ROLE.match(text))
        and not _TO_THE_READER.match(text)
        and not (words <= 8 and _EXCLAIMING.match(text))
        and not _opens_on_kicker(text)
        and not _PICTURED.search(text)
        and not (words <= 16 and _caption_action(text))
        and not (words <= 20 and _caption_scene(text))
        and not _CHRONOLOGY_ENTRY.match(text)
        and not _OPENS_INSIDE_BRACKETS.match(text)
        and has_verb(text)  # "A microscope image of the H1N1 virus.": a caption
        and not newsroom_note(text, words)
    )




# A piece that starts inside brackets a line break cut ("N) chairman apologized ..." of "(BP.\nN)").
_OPENS_INSIDE_BRACKETS = re.compile(r"[^()\s]{1,12}\)")


# A photo caption points at who is where: "BP chief executive Tony Hayward, left, listens to ...",
# "Obama (R) meets ...".
_PICTURED = re.compile(r", (?:(?:second |far |top |bottom |front |back )?(?:left|right)|centre|center|"
                       r"in the foreground|in the background),|\((?:L|R|C|left|right|center|centre)\)")
# ...or says, in the present, what someone named is doing in the picture: "President Obama meets
# with BP executives about oil spill.", "Rep. Joseph Cao speaks at a House hearing June 15."
_CAPTION_ACTION = re.compile(
    r"(?P<who>(?:[A-Z][\w.'’-]*\s+){1,5})(?:meets|speaks|listens|walks|arrives|stands|looks|waves|gestures"
    r"|poses|talks|sits|holds|leaves|attends|addresses|greets|shakes|smiles|reacts|watches|visits|prays|chants"
    r"|marches|rides|carries|sings|testifies|delivers|signs|tours|inspects|surveys|hugs|weeps|celebrates"
    r"|gathers|gather|walk|stand|wait|waits|pray|chant|protest|protests|shout|shouts|hold|sit)\b")


def _caption_action(text: str) -> bool:
    """Someone named (not "It", "He", "In ...") doing something in the present: a caption."""
    match = _CAPTION_ACTION.match(text)
    return bool(match) and match.group("who").split()[0].lower() not in STOP_WORDS


# ...or a scene in the present on a given day: "Students confront riot police during a march in
# the capital on Friday." (news prose tells a dated event in the past)
_SCENE_VERB = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+)?(?:[\w'’-]+\s+){0,3}?(?:confronts?|gathers?|walks?|march(?:es)?|protests?|chants?"
    r"|holds?|waves?|stands?|sits?|prays?|shouts?|rall(?:y|ies)|clash(?:es)?|celebrates?|mourns?|attends?"
    r"|watch(?:es)?|looks? on|waits?|flees?|carr(?:y|ies)|runs?|push(?:es)?|burns?|throws?|demonstrates?"
    r"|surrounds?|listens?|speaks?|meets?|arrives?|leaves?|greets?|tours?|inspects?|surveys?)\b")
_DATED = re.compile(r"\b(?:on|last|this) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
                    r"|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}\b")
# a tense, a plan or a quotation: reporting, not a picture ("He plans to meet ... on Tuesday.")
_TOLD = re.compile(r"\b(?:was|were|had|has|have|will|would|is|are|to|plans?|said|says|told|\w+ed)\b|[\"“”]")


_PLACED = re.compile(r"\b(?:in|at|off|near|outside|on) (?:the )?[A-Z]")
SHORT_SCENE_WORDS = 12  # "An oil rig burns in the Gulf of Mexico.": a picture without its day


def _caption_scene(text: str) -> bool:
    if not _SCENE_VERB.match(text) or _TOLD.search(text):
        return False
    return bool(_DATED.search(text)) or (len(text.split()) <= SHORT_SCENE_WORDS and bool(_PLACED.search(text)))


# A chronology's entry: "April 20, 2010 - Explosion and fire on ..." (the timeline has it)
_CHRONOLOGY_ENTRY = re.compile(
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*(?: \d{4})?|\d{4})\s*[-\u2013\u2014:]\s")


# A headline's kicker, a few words and a colon before a capital: "Gulf oil spill: BP says 'top kill'
# ...", "Update: Police ...". A speaker's words ("NATO said: The ...") are not one.
_KICKER = re.compile(r"[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,3}\s?:\s+[\"'‘“`]*(?:[A-Z]|(?<!\d: )[0-9#$£€])")
_SAYING = re.compile(r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|declared|announced|stated|"
                     r"explained|tweeted|warned|asked|replied|read|reads)\b", re.IGNORECASE)
_KICKER_WORDS = frozenset("of the in on at for and a an".split())  # "Battle for the capital:"


def _opens_on_kicker(text: str) -> bool:
    """Does the text open on a kicker? Its words are a label's: no verb of saying, and no function
    word but a label's few ("He had one aim: To win." is prose)."""
    if opens_on_page_label(text):
        return True  # "As it happened: ..."
    match = _KICKER.match(text)
    if not match or _SAYING.search(match.group()):
        return False
    label = match.group().split(":")[0].lower()
    return not any(word in STOP_WORDS and word not in _KICKER_WORDS for word in label.split())


# A page speaking to its reader, not reporting: "Read history to find out why.", "Follow the
# latest tweets from our correspondents.", "Click here for more.", or announcing what follows:
# "The following is a timeline of the war in Syria.", "Here is a look at ..."
# A writer's exclamation, no news: "What a day this has been." (a longer one can lead a story:
# "What a month it has been for the mayor, who ...")
_EXCLAIMING = re.compile(r"What an? ")
_TO_THE_READER = re.compile(
    r"(?:Read|Watch|Follow|Click|Tap|See|Check out|Sign up|Share|Join|Tell us|Send us|Find out|Listen|"
    r"Subscribe|Download|Visit|Explore|Learn|Scroll|View|Vote|Keep up|Stay up|Catch up|Don't miss) "
    r"|(?:The following|Following|Below|Here) (?:is|are) (?:a |an |the |some )?(?:timeline|look|list|summary"
    r"|chronology|guide|factbox|key|full text|excerpts?|text|breakdown|roundup|selection|remarks|highlights"
    r"|comments|statements?|reactions?|details|facts)\b")


# A caption's name and role alone, no verb: "Nicola Sturgeon, the Scottish health minister."
_NAME_AND_ROLE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*, (?:the|a|an) [^,;:]+\.$")


FEW_SURE_WORDS = 100  # fewer words than this in a story's sure summary material: the unsure may be used too


def summary_material(sentences: list[Sentence]) -> list[bool]:
    """`is_summary_material` for each of a story's sentences. Where the story has written reports,
    a broadcast transcript's sentences are not material: spoken news comes wrapped in chatter and
    framing ("We're going to talk about this.", "Mixed reaction in the Middle East."). The
    transcript is still cited for the facts the written reports tell. A story told almost only in
    text stripped of its marks may draw on its unsure sentences too: better a summary with a
    clumsy sentence than none."""
    written = any(not s.spoken for s in sentences)
    material = [is_summary_material(s) and not (s.spoken and written) for s in sentences]
    if sum(s.words for s, usable in zip(sentences, material, strict=True) if usable) < FEW_SURE_WORDS:
        material = [is_summary_material(s, guessed_too=True) and not (s.spoken and written) for s in sentences]
    return material


# The features of a candidate sentence that importance is computed from (see scorer.json).
FEATURES = ("support", "centrality", "position", "first", "recency", "length", "concepts", "quote",
            "dangling", "numbers", "relative_position", "fact_size", "shared_words", "widest_word",
            "shared_share", "echo_max", "echo_mean", "degree", "capitals", "stop_words", "said",
            "first_person", "degraded", "article_length", "summary_words")
SCORER_FILE = Path(__file__).parent / "scorer.json"
WORD_PRIOR_FILE = Path(__file__).parent / "word_prior.json"


def as_summary_text(text: str, quoted: bool = False) -> str:
    """The sentence as a summary shows it: the tail of a quotation opened in the sentence before
    ('I wish I could," Bartlit said.') gets its opening mark back and the opening of one that runs
    on ('He said: "Parliament has collapsed.') its closing mark, so the quote reads whole, and a
    sentence from the middle of a quotation (`quoted`, with no mark of its own: "I can't wait to
    start this new adventure!") both; a conjunction that ties it to the sentence before in its
    article ("And in restive Algeria, protesters chanted ...", "But officials said ...") goes, for
    that sentence is not before it here."""
    if quoted and '"' not in text:
        return f'"{text}"'
    if closes_opened_quote(text):
        return f'"{text}'
    if leaves_quote_open(text):
        text = f'{text}"'
    tied = _TIED_TO_BEFORE.match(text)
    if not tied:
        return text
    rest = text[tied.end():]
    first = re.search(r"[A-Za-z][\w'’-]*", rest)  # past an opening quote mark
    if first and first.group().islower():  # "iPhone" stays as it is
        rest = rest[:first.start()] + rest[first.start()].upper() + rest[first.start() + 1:]
    return rest


# "And", "But", "However," opening a sentence ("So far" and "But for" do not tie it to another)
_TIED_TO_BEFORE = re.compile(r"(?:And|But(?!\s+for\b)|However,|Also,)\s+(?=[\w\"'“‘])")


_SAID = re.compile(r"\b(?:said|says|told|according)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|our|Our|My)\b")


@dataclass(frozen=True)
class Scorer:
    """A linear model of importance over standardised features (trained by
    scripts/train_sentence_scorer.py), or the hand-set weights when none is installed."""

    name: str
    weights: dict[str, float]
    mean: dict[str, float]
    scale: dict[str, float]

    def __call__(self, features: dict[str, float]) -> float:
        return sum(w * (features[f] - self.mean.get(f, 0.0)) / self.scale.get(f, 1.0)
                   for f, w in self.weights.items())


HAND_SET = Scorer("hand-set: support+centrality+position+recency", {
    "support": SUPPORT_WEIGHT, "centrality": CENTRALITY_WEIGHT, "position": POSITION_WEIGHT,
    "recency": RECENCY_WEIGHT, "dangling": -0.25 * (SUPPORT_WEIGHT + CENTRALITY_WEIGHT)}, {}, {})

# The learned scorer was trained on Multi-News, whose articles are cut to their first ~150 words:
# there every sentence is a lead sentence, and position tells little. It is used only on inputs of
# that shape (feed snippets, lead paragraphs); on whole articles it would extrapolate, badly.
LEAD_ONLY_SENTENCES = 10  # median sentences per article up to which the input is "leads only"


@lru_cache(maxsize=1)
def installed_scorer() -> Scorer | None:
    """The learned scorer shipped in scorer.json, if any."""
    if not SCORER_FILE.exists():
        return None
    data = json.loads(SCORER_FILE.read_text())
    return Scorer(data["name"], data["weights"], data["mean"], data["scale"])


@lru_cache(maxsize=1)
def word_prior() -> tuple[dict[str, float], float]:
    """How often each content word (stem) of a story's articles reached its human summary, and the
    rate for a word not listed: learned beside the scorer (scripts/train_sentence_scorer.py, as
    RegSum learns word importance); nothing installed gives every word the same rate."""
    if not WORD_PRIOR_FILE.exists():
        return {}, 0.0
    data = json.loads(WORD_PRIOR_FILE.read_text())
    return data["words"], data["unknown"]


def told_in_leads(per_article: list[list[Sentence]]) -> bool:
    """Is the story told in lead paragraphs only (feed snippets, truncated copy)?"""
    counts = sorted(len(sentences) for sentences in per_article if sentences)
    return bool(counts) and counts[len(counts) // 2] <= LEAD_ONLY_SENTENCES


def choose_scorer(per_article: list[list[Sentence]]) -> Scorer:
    """The learned scorer for stories told in leads, the hand-set weights otherwise."""
    learned = installed_scorer()
    return learned if learned is not None and told_in_leads(per_article) else HAND_SET


def score_candidates(
    sentences: list[Sentence], alignment: Alignment, embeddings: np.ndarray,
    articles: dict[str, Article], scorer: Scorer | None = None,
) -> list[Candidate]:
    """One candidate per fact: its representative sentence, scored by importance (by default
    with the hand-set weights)."""
    scorer = scorer or HAND_SET
    article_count = len(articles)
    days = sorted({(a.published or "")[:10] for a in articles.values() if a.published})
    day_rank = {day: i / (len(days) - 1) for i, day in enumerate(days)} if len(days) > 1 else {}
    if not sentences:
        return []
    centroid = embeddings.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    centrality = embeddings @ centroid
    low, high = float(centrality.min()), float(centrality.max())
    centrality = (centrality - low) / (high - low) if high > low else np.ones_like(centrality)
    # Word-pair density costs a pass over the story: only when the scorer weighs it.
    density = concept_density(sentences) if "concepts" in scorer.weights else [0.0] * len(sentences)

    index_of = {id(s): i for i, s in enumerate(sentences)}
    material = summary_material(sentences)
    article_of = np.array([s.article_id for s in sentences])
    article_length = Counter(article_of.tolist())
    words = [content_words(claim_text(s.text)) for s in sentences]
    vocabulary: dict[str, set[str]] = {}
    for bag, sentence in zip(words, sentences, strict=True):
        vocabulary.setdefault(sentence.article_id, set()).update(bag)
    used_by: Counter[str] = Counter()  # content word -> how many articles use it
    for bag in vocabulary.values():
        used_by.update(bag)
    degree = alignment.similarity.mean(axis=1)
    other_articles = {a: article_of != a for a in article_length}  # each article's mask of the others' sentences
    prior, unknown = word_prior()
    candidates = []
    for fact_index, fact in enumerate(alignment.facts):
        member_ids = [index_of[id(s)] for s in fact.sentences]
        usable = [i for i in member_ids if material[i]]
        if not usable:
            continue
        representative = best_telling(usable, member_ids, sentences, alignment.similarity)
        sentence = sentences[representative]
        text = sentence.text
        earliest = min(sentences[i].index for i in member_ids)
        spread = [used_by[w] / article_count for w in words[representative]] or [0.0]
        others = other_articles[sentence.article_id]
        echoes = alignment.similarity[representative, others] if others.any() else np.zeros(1)
        tokens = text.split()
        features = {
            "support": (len(fact.articles) - 1) / max(1, article_count - 1) if article_count > 1 else 1.0,
            "centrality": float(centrality[member_ids].max()),
            "position": math.exp(-earliest / 6.0),
            "first": 1.0 if earliest == 0 else 0.0,
            "recency": max((day_rank.get((articles[a].published or "")[:10], 0.0) for a in fact.articles),
                           default=0.0),
            "length": min(sentence.words, 60) / 60,
            "concepts": density[representative],
            "quote": 1.0 if '"' in text else 0.0,
            "dangling": 1.0 if DANGLING_START.match(text) or commenter_voice(text) else 0.0,
            "numbers": 1.0 if re.search(r"\d", text) else 0.0,
            "relative_position": sentence.index / article_length[sentence.article_id],
            "fact_size": min(len(fact.sentences), 10) / 10,
            "shared_words": _mean(spread),  # how widely the sentence's words are used
            "widest_word": max(spread),
            "shared_share": sum(x > 1 / article_count for x in spread) / len(spread),
            "echo_max": float(echoes.max()),  # the closest telling in another article
            "echo_mean": float(echoes.mean()),
            "degree": float(degree[representative]),
            "capitals": sum(t[:1].isupper() for t in tokens[1:]) / max(1, len(tokens) - 1),
            "stop_words": sum(t.lower() in STOP_WORDS for t in tokens) / len(tokens),
            "said": 1.0 if _SAID.search(text) else 0.0,
            "first_person": 1.0 if _FIRST_PERSON.search(text) else 0.0,
            "degraded": 1.0 if sentence.degraded else 0.0,
            "article_length": min(article_length[sentence.article_id], 60) / 60,
            "summary_words": _mean([prior.get(w, unknown) for w in words[representative]] or [unknown]),
        }
        candidates.append(Candidate(fact_index, representative, scorer(features), features))
    return candidates


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)  # numpy's mean costs more than the sum of a sentence's few words


def concept_density(sentences: list[Sentence]) -> list[float]:
    """Per sentence: the document frequency of its word pairs per word, relative to the story's
    densest sentence (what several articles say, said compactly)."""
    from storyweave.summarize.concepts import concept_weights, word_pairs

    weights = concept_weights(sentences, units=word_pairs)
    raw = [sum(weights.get(c, 0) for c in word_pairs(s.text)) / max(1, s.words) for s in sentences]
    top = max(raw, default=0.0) or 1.0
    return [value / top for value in raw]


def select_summary(
    candidates: list[Candidate], sentences: list[Sentence], alignment: Alignment, words: int,
    *, fill: bool = False,
) -> list[Candidate]:
    """Greedy MMR selection within the word budget; with `fill`, the last sentence may run over
    the budget (for evaluations that truncate at a word count)."""
    chosen: list[Candidate] = []
    used = 0
    remaining = sorted(candidates, key=lambda c: -c.score)
    bags = {c.sentence: content_words(claim_text(sentences[c.sentence].text)) for c in candidates}

    def bag(candidate: Candidate) -> frozenset[str]:
        return bags[candidate.sentence]

    while remaining:
        best, best_value = None, -np.inf
        for candidate in remaining:
            overlap = max((float(alignment.similarity[candidate.sentence, c.sentence]) for c in chosen),
                          default=0.0)
            if overlap >= REDUNDANT:
                continue
            value = MMR_LAMBDA * candidate.score - (1 - MMR_LAMBDA) * overlap
            if value > best_value:
                best, best_value = candidate, value
        if best is None:
            break
        remaining.remove(best)
        length = sentences[best.sentence].words
        told = bag(best)
        if used + length <= words or not chosen:
            # Whatever this sentence already says need not be said again, nor a short sentence
            # whose every content word it holds ("The vote had no legal force.").
            best_sentence = sentences[best.sentence]
            remaining = [c for c in remaining if not (
                alignment.supports(best_sentence, sentences[c.sentence], check_numbers=False)
                or bag(c) <= told)]
        if used + length > words and chosen and not fill:
            continue  # too long for what is left; a shorter one may still fit
        for said in [c for c in chosen if bag(c) <= told]:  # chosen before, now said again
            chosen.remove(said)
            used -= sentences[said.sentence].words
        chosen.append(best)
        used += length
        if used >= (words if fill else words * 0.95):
            break
    return chosen


def lead_indices(sentences: Iterable[Sentence]) -> dict[str, int]:
    """Each article's lead: the index of its first sentence that can be summary material (a page may
    open on a standfirst or a date line, "March 14, 2013 at 12:41 PM", before it)."""
    lead: dict[str, int] = {}
    for sentence in sorted(sentences, key=lambda s: s.index):
        if sentence.article_id not in lead and is_summary_material(sentence):
            lead[sentence.article_id] = sentence.index
    return lead


def articles_leading_with(fact: Fact, lead_index: dict[str, int]) -> set[str]:
    """The articles that lead with the fact (tell it in their lead, or before it)."""
    return {s.article_id for s in fact.sentences if s.index <= lead_index.get(s.article_id, 0)}


def _open_with(ordered: list[Candidate], choices: list[Candidate]) -> None:
    """Move the most important of `choices` to the front of `ordered`."""
    opening = max(choices, key=lambda c: c.score)
    ordered.remove(opening)
    ordered.insert(0, opening)


def order_and_cite(
    chosen: list[Candidate], sentences: list[Sentence], alignment: Alignment,
    articles: dict[str, Article], article_lengths: dict[str, int],
) -> list[SummarySentence]:
    """Put chosen sentences in story order and cite every article that supports each."""
    facts = alignment.facts

    def story_order(candidate: Candidate) -> tuple[str, float]:
        fact = facts[candidate.fact]
        first_reported = min((articles[a].published or "9999")[:10] for a in fact.articles)
        relative = min(s.index / max(1, article_lengths[s.article_id]) for s in fact.sentences)
        return first_reported, relative

    ordered = sorted(chosen, key=story_order)
    # A summary reads best opening on an article's lead, written to stand alone; when story order
    # puts another sentence first ("The audit found that ..."), the most important lead goes first.
    # A lead of a few words is a headline or a caption ("Tear gas surrounds protesters in Egypt."):
    # a whole lead sentence opens before it.
    # A lead that leans on what came before it ("Authorities said it could reach the delta by
    # Thursday night.": what could?) opens only where no other can.
    # An article's lead is its first sentence that can be summary material: a page may open on a
    # standfirst or a date line ("March 14, 2013 at 12:41 PM") before it.
    lead_index = lead_indices(sentences)
    leads = [c for c in ordered if articles_leading_with(facts[c.fact], lead_index)]
    leads = [c for c in leads if sentences[c.sentence].words >= LEAD_WORDS] or leads
    leads = [c for c in leads if not _leans_back(sentences[c.sentence].text)] or leads
    if leads and ordered[0] not in leads:
        _open_with(ordered, leads)
    if ordered and _leans_back(sentences[ordered[0].sentence].text):
        standing = [c for c in ordered if not _leans_back(sentences[c.sentence].text)]
        if standing:
            _open_with(ordered, standing)
    by_article: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.article_id, []).append(sentence)
    tellings = {article_id: Tellings(told) for article_id, told in by_article.items()}
    summary = []
    for candidate in ordered:
        sentence = sentences[candidate.sentence]
        summary.append(SummarySentence(
            text=as_summary_text(sentence.text, sentence.quoted),
            citations=alignment.supporting_articles(sentence, facts[candidate.fact], tellings),
            fact=candidate.fact,
            source=sentence,
        ))
    return summary
