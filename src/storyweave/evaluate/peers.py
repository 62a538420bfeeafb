"""Peer summarizers, run on the same clusters as storyweave: lead, and sumy's LexRank, TextRank and LSA.

sumy's own tokenizer needs NLTK data that cannot be downloaded offline, so sumy is given
storyweave's sentence splitter and a plain word tokenizer: every system sees the same sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyweave.model import Article
from storyweave.nlp.sentences import split_text

Summarizer = Callable[[list[Article], int], str]


def truncate(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def lead(articles: list[Article], words: int) -> str:
    """Round-robin first sentences: the first of each article, then the second of each, ..."""
    per_article = [split_text(a.text) for a in articles]
    chosen: list[str] = []
    count = 0
    for depth in range(max(map(len, per_article), default=0)):
        for sentences in per_article:
            if depth < len(sentences) and count < words:
                chosen.append(sentences[depth])
                count += len(sentences[depth].split())
    return " ".join(chosen)


class _SentenceTokenizer:
    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_text(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"\w[\w'-]*", sentence)


def sumy_peer(name: str) -> Summarizer:
    """LexRank, TextRank or LSA from sumy, filling the word budget sentence by sentence."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer,
                  "lsa": LsaSummarizer}[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _SentenceTokenizer()

    def run(articles: list[Article], words: int) -> str:
        parser = PlaintextParser.from_string("\n\n".join(a.text for a in articles), tokenizer)
        sentences = parser.document.sentences
        if not sentences:
            return ""
        # One call, asking for as many sentences as the budget needs on average (plus one to fill).
        average = sum(len(str(s).split()) for s in sentences) / len(sentences)
        count = min(len(sentences), int(words / max(average, 1.0)) + 2)
        return " ".join(str(s) for s in summarizer(parser.document, count))

    return run


SUMY_PEERS = ("lexrank", "textrank", "lsa")
