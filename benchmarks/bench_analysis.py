"""Benchmark: precision and recall of alias merging, quote attribution and timeline dates on a
hand-annotated gold set of the bundled examples (benchmarks/gold/examples.json), with the models
(spaCy NER, static embeddings) side by side with every model-free fallback (--no-models).

    python benchmarks/bench_analysis.py [--out benchmarks/results/analysis.json]

Alias merging: pairwise precision/recall over the gold name forms found in the brief's entity
aliases (titles stripped): a pair is "merged" when both forms belong to one entity.
Quotes: recall = gold quotes found with the right speaker and every file that carries them;
attribution precision = share of the brief's direct quotes whose speaker is right (on gold quotes).
Timeline: recall = gold dated sentences that are in a timeline event with the gold date;
date precision = share of the gold sentences placed on the timeline whose date is right.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from storyweave.analyze.entities import bare_name
from storyweave.ingest import load_articles
from storyweave.pipeline import BriefConfig, build_brief

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold" / "examples.json"


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def score_entities(brief, gold: list[list[str]]) -> tuple[int, int, int]:
    """(true positive pairs, predicted pairs, gold pairs) over gold forms that the brief found."""
    entity_of: dict[str, int] = {}
    for index, entity in enumerate(brief.entities):
        for alias in entity.aliases:
            entity_of.setdefault(bare_name(alias).lower(), index)
    gold_of = {form.lower(): i for i, cluster in enumerate(gold) for form in cluster}
    forms = [form for form in gold_of if form in entity_of]
    tp = predicted = expected = 0
    for a, b in itertools.combinations(forms, 2):
        same_gold, same_predicted = gold_of[a] == gold_of[b], entity_of[a] == entity_of[b]
        tp += same_gold and same_predicted
        predicted += same_predicted
        expected += same_gold
    missing = [f for f in gold_of if f not in entity_of]
    # A gold form never found counts against recall through its pairs.
    expected += sum(1 for a, b in itertools.combinations(gold_of, 2)
                    if gold_of[a] == gold_of[b] and (a in missing or b in missing))
    return tp, predicted, expected


def score_quotes(brief, gold: list[dict], file_of: dict[str, str]) -> tuple[int, int, int, int]:
    found = right_speaker = 0
    for item in gold:
        quote = next((q for q in brief.quotes if q.text.startswith(item["prefix"])), None)
        if quote is None:
            continue
        files = {file_of[a] for a in quote.articles}
        right_speaker += quote.speaker == item["speaker"]
        found += quote.speaker == item["speaker"] and set(item["files"]) <= files
    direct = [q for q in brief.quotes if any(t.direct for t in q.tellings)]
    return found, len(gold), right_speaker, len([q for q in direct if any(q.text.startswith(g["prefix"]) for g in gold)])


def score_timeline(brief, gold: list[dict], file_of: dict[str, str]) -> tuple[int, int, int]:
    right = placed = 0
    for item in gold:
        dates = {event.date for event in brief.timeline for s in event.sentences
                 if item["fragment"] in s.text and file_of[s.article_id] == item["file"]}
        placed += bool(dates)
        right += item["date"] in dates
    return right, placed, len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "analysis.json")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text())["stories"]
    configs = {"models": BriefConfig(), "no models": BriefConfig(embedder="tfidf", ner_model=False)}
    results: dict = {}
    for name, config in configs.items():
        totals = dict.fromkeys(["e_tp", "e_pred", "e_gold", "q_found", "q_gold", "q_right", "q_direct",
                                "t_right", "t_placed", "t_gold"], 0)
        for story, gold_story in gold.items():
            articles = load_articles([str(ROOT / "examples" / story)]).articles
            brief = build_brief(articles, config)
            file_of = {a.id: a.source.replace(str(ROOT / "examples" / story) + "/", "").replace(f"examples/{story}/", "")
                       for a in brief.articles}
            tp, pred, exp = score_entities(brief, gold_story["entities"])
            found, total, right, direct = score_quotes(brief, gold_story["quotes"], file_of)
            t_right, t_placed, t_gold = score_timeline(brief, gold_story["timeline"], file_of)
            for key, value in zip(totals, (tp, pred, exp, found, total, right, direct, t_right, t_placed, t_gold), strict=True):
                totals[key] += value
        results[name] = {
            "alias_precision": ratio(totals["e_tp"], totals["e_pred"]),
            "alias_recall": ratio(totals["e_tp"], totals["e_gold"]),
            "quote_recall": ratio(totals["q_found"], totals["q_gold"]),
            "attribution_precision": ratio(totals["q_right"], totals["q_direct"]),
            "timeline_recall": ratio(totals["t_right"], totals["t_gold"]),
            "date_precision": ratio(totals["t_right"], totals["t_placed"]),
            "counts": totals,
        }
    print(f"{'measure':24s} " + " ".join(f"{name:>10s}" for name in results))
    for measure in ("alias_precision", "alias_recall", "quote_recall", "attribution_precision",
                    "timeline_recall", "date_precision"):
        print(f"{measure:24s} " + " ".join(f"{results[name][measure]:10.2f}" for name in results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
