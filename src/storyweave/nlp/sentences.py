"""Sentence splitting: paragraphs first, then spaCy's rule-based sentencizer within each.

spaCy's tokenizer knows abbreviations ("Mr.", "Jan.", "U.S."), so they do not end sentences;
the sentencizer needs no model, so splitting is fast and always available.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from storyweave.model import Article, Sentence

MAX_SENTENCE_CHARS = 2000  # a "sentence" longer than this is a run-on table or list: cut it


@lru_cache(maxsize=1)
def _splitter() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_text(text: str) -> list[str]:
    """The sentences of a text, in order; paragraph breaks always end a sentence."""
    paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    sentences: list[str] = []
    for doc in _splitter().pipe(paragraphs, batch_size=64):
        carry, fresh_paragraph = "", True
        for span in doc.sents:
            piece = carry + re.sub(r"\s+", " ", span.text).strip()
            carry = ""
            # The sentencizer leaves the next sentence's opening quote on this one: '... said. "'
            opener = re.search(r'[.!?]["\')\]]*(\s+)(["\'])$', piece)
            if opener and piece.count(opener.group(2)) % 2 == 1:
                carry, piece = opener.group(2), piece[: opener.start(1)]
            if not piece:
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
    return sentences


def split_article(article: Article) -> list[Sentence]:
    return [
        Sentence(article_id=article.id, index=i, text=text, degraded=article.degraded)
        for i, text in enumerate(split_text(article.text))
    ]
