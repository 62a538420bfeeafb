"""Sentence splitting: paragraphs first, then spaCy's rule-based sentencizer within each.

spaCy's tokenizer knows abbreviations ("Mr.", "Jan.", "U.S."), so they do not end sentences;
the sentencizer's rule needs no model, so splitting is fast and always available (the rule is
applied to the tokenizer's arrays directly, which is faster still).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.model import Article, Sentence

MAX_SENTENCE_CHARS = 2000  # a "sentence" longer than this is a run-on table or list: cut it

# spaCy knows "Dr." and "Calif.", not the lowercased "dr." or "calif." of degraded copy, nor the
# "n.s.a.," of text whose punctuation was tokenised. A title or a dotted acronym never ends a
# sentence (as spaCy treats "U.S."); the other abbreviations and single initials do not when the
# next piece starts lowercase.
TITLES = frozenset(
    "mr mrs ms messrs dr prof rep reps sen sens gov govs gen lt col maj capt cmdr adm sgt cpl pvt "
    "rev hon pres supt det atty insp cmndr comdr cdr lieut brig msgr pfc spc ens".split())
_ABBREVIATIONS = TITLES | frozenset(
    "jr sr st mt ft co corp inc ltd llc bros dept univ assn no nos vs etc approx est ave blvd rd "
    "jan feb mar apr jun jul aug sep sept oct nov dec ala ariz ark calif colo conn del fla ga ill "
    "ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis "
    "wyo".split())
_BEFORE_NUMBERS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec no nos".split())  # "oct. 28", "no. 5"
# After a company's legal form, a word that opens no sentence there goes on with it: copy whose
# casing was restored capitalises it ("Sprint Nextel Corp. Will begin", "Netflix Inc. And Verizon").
_LEGAL_FORMS = frozenset("corp inc co ltd llc bros".split())
_AFTER_A_COMPANY = frozenset("said says and or to of via by that who which".split())
_LAST_ABBREVIATION = re.compile(r"(?:^|[\s(\-])((?:[a-z]\.){2,}|[a-z]+\.)[\s)]*$", re.IGNORECASE)


# A title's word written as a surname ("Hun Sen complained", "Amartya Sen's"): where a text names
# someone so, "Hun Sen." ends a sentence like any name.
_TITLE_AS_SURNAME = re.compile(r"\b[A-Z][a-z]+ (?:%s)(?=['\u2019]s\b|[,;:]| [a-z])"
                               % "|".join(sorted(t.capitalize() for t in TITLES)))


def title_surnames(text: str) -> frozenset[str]:
    """The names that `text` ends with a title's word ("hun sen"), lowercased."""
    return frozenset(m.lower() for m in _TITLE_AS_SURNAME.findall(text))


def _after_surnames(span: str, surnames: frozenset[str]) -> list[str]:
    """`span` cut after each surname written like a title's word that ends a sentence."""
    bounds = [0, *(m.end() for m in re.finditer(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\.\s+(?=[A-Z\"'])", span)
                   if m.group(1).lower() in surnames), len(span)]
    return [span[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if span[a:b].strip()]


def continues_sentence(previous: str, piece: str, surnames: frozenset[str] = frozenset()) -> bool:
    """Was `previous` cut at a period that does not end a sentence? (`surnames`: the names its text
    ends with a title's word, from `title_surnames`.)"""
    if previous[-1] in ",;":
        return True  # "... by the n.s.a.," + "with 35,000 workers": the period was an abbreviation's
    found = _LAST_ABBREVIATION.search(previous)
    if not found:
        return False
    word = found.group(1).lower()
    last_two = re.search(r"[A-Z][a-z]+ [A-Z][a-z]+(?=\.$)", previous)
    surname = last_two is not None and last_two.group().lower() in surnames
    if (word[:-1] in TITLES and not surname) or word.count(".") > 1:
        return True  # a title, or a dotted acronym: spaCy never ends a sentence at "U.S." or "N.S.A."
    if word[:-1] in _BEFORE_NUMBERS and piece[:1].isdigit():
        return True  # "a letter to congress on oct. 28, her aides said"
    if _after_a_company(word, piece):
        return True
    initial = len(word) == 2  # "r."
    return (initial or word[:-1] in _ABBREVIATIONS) and (piece[0].islower() or piece[0] in ",;)")


def _after_a_company(abbreviation: str, piece: str, acronyms: bool = False) -> bool:
    """Does `piece` go on after the company's legal form `abbreviation` ("corp.") (or, with
    `acronyms`, a dotted acronym: "in the u.s. Has been")?"""
    first = re.match(r"[A-Za-z]+", piece)
    if not first or not (abbreviation[:-1] in _LEGAL_FORMS or acronyms and abbreviation.count(".") > 1):
        return False
    word = first.group().lower()
    return (word in _AFTER_A_COMPANY or word in _AUXILIARIES
            or (len(word) > 4 and word.endswith("ed") and word in _verbs()[0]))


def _joined(previous: str, piece: str) -> str:
    """`piece` run on after `previous`; a word that the copy capitalised after a company's legal
    form or an acronym is written lowercase again ("Sprint Nextel Corp. will begin", "in the u.s.
    has been")."""
    found = _LAST_ABBREVIATION.search(previous)
    if found and piece[:1].isupper() and _after_a_company(found.group(1).lower(), piece, acronyms=True):
        piece = piece[0].lower() + piece[1:]
    return previous + ("" if piece[0] in ",;" else " ") + piece


@lru_cache(maxsize=1)
def _splitter() -> Any:
    import spacy
    from spacy import attrs

    nlp = spacy.blank("en")
    # Only the tokens and whether each is punctuation are read: a new word's other lexical
    # attributes (shape, prefix, stop word, ...) cost time and would go unused.
    for attribute in [a for a in nlp.vocab.lex_attr_getters if a not in (attrs.IS_PUNCT, attrs.LOWER, attrs.NORM)]:
        del nlp.vocab.lex_attr_getters[attribute]
    nlp.add_pipe("sentencizer")
    return nlp


def _sentences(paragraphs: list[str]) -> Iterator[list[str]]:
    """spaCy's sentencizer's sentences of each paragraph, by its own rule (a sentence starts at the
    first token that is no punctuation after one of its sentence marks) over the tokenizer's arrays:
    the same sentences, without a Python object for every token."""
    from spacy import attrs

    nlp = _splitter()
    marks = nlp.get_pipe("sentencizer").punct_chars
    for paragraph, doc in zip(paragraphs, nlp.tokenizer.pipe(paragraphs, batch_size=64), strict=True):
        table = doc.to_array([attrs.IDX, attrs.LENGTH, attrs.IS_PUNCT])
        offsets, lengths = table[:, 0], table[:, 1]
        single = np.flatnonzero(lengths == 1)  # a mark is a token of one character
        is_mark = np.zeros(len(table), dtype=bool)
        is_mark[single] = [paragraph[offset] in marks for offset in offsets[single].tolist()]
        words = np.flatnonzero(~(is_mark | table[:, 2].astype(bool)))
        after = np.searchsorted(words, np.flatnonzero(is_mark), side="right")
        starts = np.unique(words[after[after < len(words)]])
        bounds = [0, *offsets[starts[starts > 0]].tolist(), len(paragraph)]
        yield [paragraph[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if paragraph[a:b].strip()]


_BULLET = re.compile(r"^(?:-{1,2}|[\u2013\u2014\u2022*\u00b7])\s+(?=\S)")  # "-- Britain said ...": a list's mark


def split_text(text: str) -> list[str]:
    """The sentences of a text, in order; paragraph breaks always end a sentence."""
    paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    sentences: list[str] = []
    surnames = title_surnames(text)
    for spans in _sentences(paragraphs):
        carry, fresh_paragraph = "", True
        if surnames:  # spaCy's tokenizer keeps "Sen." whole: "... Hun Sen. Hun Sen complained" is one span
            spans = [part for span in spans for part in _after_surnames(span, surnames)]
        for span in spans:
            piece = carry + _BULLET.sub("", re.sub(r"\s+", " ", span).strip())
            carry = ""
            # The sentencizer leaves the next sentence's opening quote on this one: '... said. "'
            opener = re.search(r'[.!?]["\')\]]*(\s+)(["\'])$', piece)
            if opener and piece.count(opener.group(2)) % 2 == 1:
                carry, piece = opener.group(2), piece[: opener.start(1)]
            # ...and so with an opening bracket: '... a felony. (' + 'KPRC) United ...'
            bracket = re.search(r"[.!?]\s+([(\[])$", piece)
            if bracket:
                carry, piece = bracket.group(1), piece[: bracket.start(1)].rstrip()
            if not piece:
                continue
            # A line that opens with a comma goes on the line before, whoever broke it there
            # (", and John Kerry, D-Mass." after "... Joe Lieberman, I-Conn.").
            if sentences and (not fresh_paragraph and continues_sentence(sentences[-1], piece, surnames)
                              or piece[0] in ",;"):
                sentences[-1] = _joined(sentences[-1], piece)[:MAX_SENTENCE_CHARS]
                continue
            # A lone closing quote or bracket belongs to the sentence before it, and so does a
            # lowercase continuation: '"Go now!" he said.' is one sentence.
            if sentences and not fresh_paragraph and (
                re.fullmatch(r"[\"')\]]+", piece) or (piece[0].islower() and sentences[-1][-1] in "\"'")
            ):
                sentences[-1] += piece if piece[0] in "\"')]" else " " + piece
                continue
            fresh_paragraph = False
            sentences.append(piece[:MAX_SENTENCE_CHARS])
        if carry == '"' and not fresh_paragraph:  # no sentence came to open: it closed the last one
            sentences[-1] += carry
    return sentences


def split_article(article: Article) -> list[Sentence]:
    spoken = is_transcript(article.text)
    texts = split_text(article.text)
    inside = quotation_middles(texts)
    guessed = guessed_sentences(texts, article.guessed_sentences)
    return [Sentence(article_id=article.id, index=i, text=text, degraded=article.degraded, spoken=spoken,
                     quoted=i in inside, guessed=i in guessed) for i, text in enumerate(texts)]


def guessed_sentences(texts: list[str], spans: tuple[tuple[int, int], ...]) -> set[int]:
    """Which of a text's sentences (`texts`, in order) overlap a word span of `spans`."""
    if not spans:
        return set()
    ends = list(itertools.accumulate(len(text.split()) for text in texts))
    return {i for i, (start, end) in enumerate(zip([0, *ends], ends, strict=False))
            if any(start < span_end and span_start < end for span_start, span_end in spans)}


QUOTATION_SENTENCES = 6  # a quotation runs on over at most this many sentences: a mark left open longer is a stray


def quotation_middles(texts: list[str]) -> set[int]:
    """The sentences inside a quotation that runs over several ('She said: "I'm so excited. | With
    his talent we'll make a great show. | I can't wait!"'): between a sentence that leaves a quote
    mark open and the next that closes it, close by, and before any sentence opening on a new one."""
    middles: set[int] = set()
    odd = [text.count('"') % 2 == 1 for text in texts]
    start = 0
    while start < len(texts):
        if odd[start] and _OPENS_QUOTATION.search(texts[start]):
            for end in range(start + 1, min(len(texts), start + QUOTATION_SENTENCES)):
                if odd[end] or texts[end].startswith('"'):
                    if odd[end] and _CLOSES_QUOTATION.match(texts[end]):
                        middles.update(range(start + 1, end))
                        start = end
                    break
        start += 1
    return middles


# A quotation opened to run on: at the sentence's start, or after a colon, a comma or a verb of saying
# ('"We will win.', 'Coleman said: "With his talent ...'); the quotation that closes it ends its
# sentence or comes before a verb of saying ('... adventure!"', '... overcome," she wrote.')
_SAYING = r"(?:said|says|added|adding|told|tells|wrote|writes|explained|continued|declared|insisted)"
_OPENS_QUOTATION = re.compile(rf'(?:^|[:,]\s*|\b{_SAYING}\s+)"[^"]*$')
_CLOSES_QUOTATION = re.compile(rf'[^"]*[\w,.!?]"\s*(?:$|(?:\S+\s+){{0,4}}{_SAYING}\b)')


# A broadcast transcript's speaker label: "BLITZER: So ...", "WOLF BLITZER, CNN ANCHOR: Wael, ..."
TRANSCRIPT_SPEAKER = re.compile(r"[A-Z][A-Z.'\u2019-]+(?:[ ,]+[A-Z][A-Z.'\u2019-]+)*\s*(?:\([^)]*\))?\s*:\s")
TRANSCRIPT_TURNS = 5  # speaker labels, opening at least a tenth of the lines


def is_transcript(text: str) -> bool:
    """Is the text a broadcast transcript, turns of speech under speaker labels?"""
    lines = [line for line in text.split("\n") if line.strip()]
    turns = sum(1 for line in lines if TRANSCRIPT_SPEAKER.match(line.lstrip()))
    return turns >= max(TRANSCRIPT_TURNS, len(lines) / 10)


# What a page calls its own kind, before a colon: "As it happened: Haiti earthquake 13 Jan ...",
# "Live updates: ...". Such a line labels a page; it reports nothing, on no date.
_PAGE_LABEL = re.compile(r"(?:as it happened|live|live updates|latest|in pictures|in video|video|audio|watch|timeline"
                         r"|factbox|q&a|analysis|explainer|recap)\s?:\s", re.IGNORECASE)


def opens_on_page_label(text: str) -> bool:
    return bool(_PAGE_LABEL.match(text))


VERB_FORMS_FILE = Path(__file__).parent / "verb_forms.json"
_PRONOUNS = frozenset("he she it that there here what who where this".split())


@lru_cache(maxsize=1)
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    """English verb forms, and the lemmas whose third person in -s is a verb's
    (`scripts/build_verb_forms.py`: words spaCy's tagger takes for verbs in ECB+, WordNet's verbs)."""
    table = json.loads(VERB_FORMS_FILE.read_text())
    return frozenset(table["forms"]) | frozenset(table["irregular"]), frozenset(table["lemmas"])


def verb_lemmas() -> frozenset[str]:
    """The base forms of English verbs, lowercase."""
    return _verbs()[1]


def is_verb_form(word: str) -> bool:
    """A known English verb form ("said", "runs", "went"), lowercase."""
    return word in _verbs()[0]


def is_past_form(word: str) -> bool:
    """A verb's form in -ed ("bailed", "carried", "stopped"), lowercase: a known form, or a known
    lemma's regular past."""
    forms, lemmas = _verbs()
    if len(word) < 5 or not word.endswith("ed") or word in lemmas:  # "need", "shed", "exceed"
        return False
    stems = (word[:-2], word[:-1], word[:-3] + "y" if word.endswith("ied") else "",
             word[:-3] if len(word) > 4 and word[-3] == word[-4] else "")
    return word in forms or any(stem in lemmas for stem in stems if stem)


def is_present_participle(word: str) -> bool:
    """A verb's form in -ing ("Acquiring", "running"), not a name's ("Boeing", "Corning")."""
    word = word.lower()
    return word.endswith("ing") and word in _verbs()[0]


def has_verb(text: str) -> bool:
    """Whether the text holds a verb: a known verb form, a word in -ed, a verb's third person in
    -s ("the team thaws and replants them"), a verb's base form after a plural subject ("they
    control"), or a clitic that is one ("he's", "they're", "isn't").
    A photo caption ("An electron micrograph of the virus.") or a headline fragment has none, nor a
    page's label opening on a verb's base form ("Live video of the oil spill.")."""
    forms, lemmas = _verbs()
    previous = ""
    lowered = text.lower()
    for match in _TOKEN.finditer(lowered):
        word = match.group()
        if not previous and word in lemmas and not word.endswith("ed"):
            previous = word  # a base form opening the text is a page's label or prompt ("Live video of ...")
            continue
        compound = match.start() > 0 and lowered[match.start() - 1] == "-"  # "anti-government"
        base, _, clitic = word.replace("\u2019", "'").partition("'")
        if clitic in ("re", "ve", "m", "ll", "d") or (clitic == "s" and base in _PRONOUNS):
            return True
        if clitic == "t" and (base in forms or base[:-1] in forms):
            return True  # "isn't", "can't"
        if base in _AUXILIARIES or (len(base) > 4 and base.endswith("ed")):
            return True
        # "sound" or "marches" after "the" or "during" is a noun; so is a word in -s after a compound
        # ("anti-government marches"; "co-hosts are" goes on)
        if not compound and previous not in _BEFORE_NOUNS and (
                base in forms or _third_person(base, lemmas) and previous != "-"):
            return True
        if base in lemmas and (previous in _SUBJECTS or _third_person(previous, lemmas)
                               or (previous.endswith("s") and not previous.endswith("ss"))):
            return True  # "They control the coast", "few teens embrace it", "people line up"
        previous = "-" if compound else base
    return False


# Words after which a verb's form is a noun ("the sound", "during marches").
_BEFORE_NOUNS = frozenset("the a an of in on at for with from by during into over under about against between "
                          "these those his her their its our my your".split())
# ...but these are verbs wherever they stand ("the tragedy of 2008 was")
_AUXILIARIES = frozenset("is are was were be been being has have had does did will would shall should "
                         "could might must".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")  # words and numbers ("of 2008 was")
# Words after which a verb's base form is a verb: a plural subject or a modal.
_SUBJECTS = frozenset("i we they you who people children men women police to will would can could should may might "
                      "must do did does not never also often still".split())


def _third_person(word: str, lemmas: frozenset[str]) -> bool:
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return (word[:-1] in lemmas or (word.endswith("es") and word[:-2] in lemmas)
            or (word.endswith("ies") and word[:-3] + "y" in lemmas))
