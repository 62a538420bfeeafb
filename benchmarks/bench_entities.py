"""Benchmark: who is who among the names of real news, side by side with string matching.

Eight day sets of Timeline17 (a topic's articles from all its outlets over two or three days; read
from ../shared/data/timeline17), with the person and organisation names storyweave's tagger finds
there, annotated by hand with which of them name one entity (benchmarks/gold/entities_timeline17.json):
six day sets whose merging errors were read and mended ("development"), two annotated afterwards
("held out", the figure to quote, measured before its errors were read). Scored over pairs of
those names: precision is the share of pairs put in one entity that are one, recall the share of
pairs that are one put together.

  * storyweave: the brief of the day set (`build_brief`, models on), each name's entity;
  * string matching on the same names, as pipelines without alias merging do: the same name in
    any case ("exact"), and rapidfuzz's token-set ratio of 90 or more, or a lone word that is the
    other's last word ("fuzzy": "Obama" / "Barack Obama", but also "Red Cross" / "British Red Cross").

    python benchmarks/bench_entities.py [--out benchmarks/results/entities.json]
"""

from __future__ import annotations

import itertools
import time
from collections import Counter

from annotated import SAMPLES, TIMELINE17, arguments, finish, gold, timeline17_missing


def day_set(topic: str, start: str, end: str) -> list:
    """The articles of a topic's outlets published in [start, end], as storyweave reads them."""
    from storyweave.ingest import article_from_record
    from storyweave.ingest.formats import Record

    articles = []
    for folder in sorted(TIMELINE17.glob(f"{topic}_*")):
        outlet = folder.name.rsplit("_", 1)[1]
        for day in sorted(p.name for p in (folder / "InputDocs").iterdir()):
            if start <= day <= end:
                for path in sorted((folder / "InputDocs" / day).glob("*.txt")):
                    text = path.read_text(errors="replace")
                    if not text.strip():
                        continue
                    try:
                        articles.append(article_from_record(Record(str(path), {
                            "text": text, "published": day, "outlet": outlet, "url": f"{outlet}/{day}/{path.name}"})))
                    except Exception:  # noqa: BLE001 - what storyweave refuses (another language) is left out
                        continue
    return articles


def storyweave_entities(dataset: dict) -> dict[str, int]:
    from storyweave.analyze.entities import bare_name
    from storyweave.pipeline import build_brief

    brief = build_brief(day_set(dataset["topic"], dataset["start"], dataset["end"]))
    votes: dict[str, Counter[int]] = {}
    for index, entity in enumerate(brief.entities):
        for mention in entity.mentions:
            votes.setdefault(bare_name(mention.text), Counter())[index] += 1
    return {form: votes[form].most_common(1)[0][0] for form in dataset["forms"] if form in votes}


def exact_entities(dataset: dict) -> dict[str, int]:
    keys: dict[str, int] = {}
    return {form: keys.setdefault(form.lower(), len(keys)) for form in dataset["forms"]}


def fuzzy_entities(dataset: dict) -> dict[str, int]:
    from rapidfuzz import fuzz

    forms = dataset["forms"]
    parent = list(range(len(forms)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(forms)), 2):
        a, b = forms[i], forms[j]
        lone = (" " not in a and b.split()[-1] == a) or (" " not in b and a.split()[-1] == b)
        if lone or fuzz.token_set_ratio(a.lower(), b.lower()) >= 90:
            parent[root(i)] = root(j)
    return {form: root(i) for i, form in enumerate(forms)}


def pairwise(predicted: dict[str, int], dataset: dict) -> tuple[int, int, int]:
    """(true pairs put together, pairs put together, true pairs) over the names found."""
    gold = {form: i for i, cluster in enumerate(dataset["clusters"]) for form in cluster}
    gold.update({form: f"alone:{form}" for form in dataset["forms"] if form not in gold})
    found = [form for form in dataset["forms"] if form in predicted]
    together = right = truth = 0
    for a, b in itertools.combinations(found, 2):
        same_gold, same_predicted = gold[a] == gold[b], predicted[a] == predicted[b]
        truth += same_gold
        together += same_predicted
        right += same_gold and same_predicted
    return right, together, truth


def main() -> None:
    args = arguments(__doc__, "entities")
    if timeline17_missing():
        return
    datasets = gold("entities")["sets"]
    systems = {"storyweave": storyweave_entities, "exact string": exact_entities, "fuzzy string": fuzzy_entities}
    results: dict = {"sets": {d["name"]: {"sample": d["sample"], "names": len(d["forms"])} for d in datasets},
                     "systems": {}}
    for name, merge in systems.items():
        start = time.perf_counter()
        row: dict = {}
        for sample in SAMPLES:
            right = together = truth = 0
            for dataset in (d for d in datasets if d["sample"] == sample):
                r, t, g = pairwise(merge(dataset), dataset)
                right, together, truth = right + r, together + t, truth + g
            precision = right / together if together else 1.0
            recall = right / truth if truth else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            row[sample] = {"precision": precision, "recall": recall, "f1": f1}
        row["seconds"] = time.perf_counter() - start
        results["systems"][name] = row
    print(f"names of eight Timeline17 day sets, who is who annotated: {results['sets']}")
    print(f"{'system':16s} {'held out P / R / F1':>24s} {'development P / R / F1':>26s}")
    for name, row in results["systems"].items():
        h, d = row["held out"], row["development"]
        print(f"{name:16s} {h['precision']:8.3f} {h['recall']:6.3f} {h['f1']:6.3f}"
              f" {d['precision']:10.3f} {d['recall']:6.3f} {d['f1']:6.3f}")
    finish(results, args.out, "f1")

if __name__ == "__main__":
    main()
