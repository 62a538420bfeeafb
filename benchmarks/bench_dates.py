"""Benchmark: resolving dates in real news, side by side with dateparser.

Hand-annotated temporal expressions in Timeline17 articles (benchmarks/gold/dates_timeline17.json;
the articles are read from ../shared/data/timeline17), in two samples: 194 whose errors were read
and mended ("development") and 40 from other articles annotated afterwards ("held out", the figure to
quote, measured before its errors were read): weekdays ("on
Friday", "said Wednesday"), days and months without a year ("on 20 April", "in February", "until
late September"), deictic days ("yesterday", "last night"), spans back ("65 days ago", "last
month"), and expressions that name no date ("Friday prayers", "the Today programme").

Each system resolves the expression against the article's publication date:
  * storyweave: `nlp.dates.find_dates` over the article's line (normalised as ingest does), the
    expression picked by its text; none found where the gold says it names no date is right;
  * dateparser (the usual library for it), given the expression itself with the publication date
    as its relative base, preferring dates in the past (as news mostly looks back);
  * the publication date itself, at the gold's precision (a floor).
A resolution is right when it equals the gold date at the gold's precision (day, month or year).

    python benchmarks/bench_dates.py [--out benchmarks/results/dates.json]
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date, datetime

from annotated import SAMPLES, TIMELINE17, arguments, finish, gold, timeline17_missing


def storyweave_date(line: str, expression: str, published: date) -> str | None:
    from storyweave.clean.normalize import normalize_text
    from storyweave.nlp.dates import find_dates

    found = find_dates(normalize_text(line), published)
    # the expression as the gold wrote it, or one holding it ("Jul 15" in "Jul 15, 2010")
    return next((e.date for e in found if expression in e.text or e.text in expression), None)


def dateparser_date(expression: str, published: date) -> str | None:
    import dateparser

    parsed = dateparser.parse(expression, languages=["en"], settings={
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past"})
    return parsed.date().isoformat() if parsed else None


def at_precision(resolved: str | None, gold: str | None) -> str | None:
    if resolved is None or gold is None:
        return resolved
    return resolved[:len(gold)]


def main() -> None:
    args = arguments(__doc__, "dates")
    if timeline17_missing():
        return
    items = gold("dates")["items"]
    systems = {
        "storyweave": lambda line, item, day: storyweave_date(line, item["expression"], day),
        "dateparser (expression given)": lambda line, item, day: dateparser_date(item["expression"], day),
        "publication date": lambda line, item, day: day.isoformat(),
    }
    results: dict = {"items": {sample: sum(1 for i in items if i["sample"] == sample) for sample in SAMPLES},
                     "systems": {}}
    for name, resolve in systems.items():
        row: dict = {}
        start = time.perf_counter()
        for sample in SAMPLES:
            right, by_kind, errors = 0, Counter(), []
            chosen = [item for item in items if item["sample"] == sample]
            for item in chosen:
                path = TIMELINE17 / item["file"]
                line = path.read_text(errors="replace").split("\n")[item["line"] - 1]
                day = date.fromisoformat(item["published"])
                resolved = at_precision(resolve(line, item, day), item["date"])
                if resolved == item["date"]:
                    right += 1
                else:
                    by_kind[_kind(item)] += 1
                    errors.append({"file": item["file"], "line": item["line"], "expression": item["expression"],
                                   "gold": item["date"], "resolved": resolved})
            row[sample] = {"accuracy": right / len(chosen), "right": right, "wrong_by_kind": dict(by_kind),
                           "errors": errors}
        row["seconds"] = time.perf_counter() - start
        results["systems"][name] = row
    print(f"hand-annotated temporal expressions in Timeline17 articles: {results['items']}")
    print(f"{'system':32s} {'held out':>9s} {'develop.':>9s}   wrong on the held-out sample, by kind")
    for name, row in results["systems"].items():
        print(f"{name:32s} {row['held out']['accuracy']:9.3f} {row['development']['accuracy']:9.3f}   "
              f"{row['held out']['wrong_by_kind']}")
    finish(results, args.out, "accuracy")


def _kind(item: dict) -> str:
    """The expression's kind, for the error counts: a named no-date, a weekday, a day, a month, ..."""
    text = item["expression"].lower()
    if item["date"] is None:
        return "no date"
    if any(day in text for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
        return "weekday"
    if any(word in text for word in ("today", "yesterday", "tonight", "night", "morning")):
        return "deictic day"
    if "ago" in text or any(word in text for word in ("week", "month", "year")):
        return "relative span"
    return "day or month" if any(ch.isdigit() for ch in text) else "month"


if __name__ == "__main__":
    main()
