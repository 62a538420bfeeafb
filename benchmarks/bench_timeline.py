"""Benchmark: storyweave's timeline extraction on Timeline17, scored like news-tls, beside the published systems.

    python benchmarks/bench_timeline.py [--data DIR] [--limit N] [--out benchmarks/results/timeline17.json]
                                        [--system MODULE:FUNCTION]   # another build_timeline to measure

Needs the evaluation package `tilse` 0.2.1 (`pip install --no-deps tilse==0.2.1`: its metric code
imports only numpy, scipy and nltk; the other declared dependencies are for its own models) and
`perl`, because tilse scores with the original ROUGE-1.5.5 Perl script that it bundles.

Setting (Gholipour Ghalandari & Ifrim, ACL 2020, "Examining the State-of-the-Art in News Timeline
Summarization", code github.com/complementizer/news-tls, experiments/evaluate.py):
  * a topic's articles are those of all its outlet folders (bpoil_bbc, bpoil_guardian, ... make one
    topic "bpoil"): 9 topics, 19 reference timelines;
  * per reference timeline, only articles published from its first to its last date are input
    (publication date = the InputDocs/<YYYY-MM-DD>/ folder);
  * the system makes a timeline of T dates (T = the reference's number of dates) with k sentences
    per date (k = round(mean sentences per reference date));
  * scored with tilse: alignment-based ROUGE-1/2 (`align_date_content_costs_many_to_one`, Perl
    ROUGE with stemming and stopword removal) and Date-F1; precision and recall are averaged over
    the timelines and F1 is taken of those averages, as news-tls does;
  * the reference is read as news-tls reads it: a date listed twice keeps its last entry.
Reference and system sentences go through the same normalisation (PTB brackets and quotes
unescaped, lowercased, one tokenisation) before scoring.

Systems measured in the same run, same input, same scoring:
  * storyweave: `build_timeline(articles)` on the articles (each given its publication date); from
    its events: day-precision dates inside the reference's range, ranked by how many articles their
    events cite (as the brief picks the events it shows; ties: more `mentions`), top T dates, per
    date the k events with the highest `salience` (closest to what the day's coverage led with);
  * PUBCOUNT-like: dates ranked by how many articles were published that day, sentences = the lead
    sentences of that day's articles (the published PUBCOUNT summarises the day with a centroid
    summariser instead, so this is a weaker relative);
  * random: T random publication dates, k random sentences of that day's articles (seeded).
The published rows are quoted from the paper's Table 4, not re-run. Seconds are wall-clock seconds
per timeline on this machine (for storyweave: ingest + build_timeline).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import random
import re
import shutil
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeline17"
DEFAULT_SYSTEM = "storyweave.analyze.timeline:build_timeline"

# Gholipour Ghalandari & Ifrim (2020), Table 4, T17: AR1-F, AR2-F, Date-F1.
PUBLISHED = {
    "DATEWISE": (0.120, 0.035, 0.544),
    "MARTSCHAT2018": (0.105, 0.030, 0.544),
    "TRAN2013": (0.094, 0.022, 0.517),
    "PUBCOUNT": (0.105, 0.027, 0.481),
    "CHIEU2004": (0.066, 0.019, 0.251),
}

Prediction = dict[date, list[str]]  # date -> sentences, as the system wrote them


@dataclass
class Doc:
    """One article file: its publication date, its text, and its sentences (one per line)."""

    source: str
    published: date
    text: str
    sentences: list[str]


@dataclass
class Task:
    """One reference timeline with its input: the topic's articles published within its date range."""

    name: str
    reference: dict[date, list[str]]
    docs: list[Doc]

    @property
    def start(self) -> date:
        return min(self.reference)

    @property
    def end(self) -> date:
        return max(self.reference)

    @property
    def dates(self) -> int:  # T
        return len(self.reference)

    @property
    def sentences_per_date(self) -> int:  # k; Python's round, as news-tls
        return round(sum(len(s) for s in self.reference.values()) / len(self.reference))


def read_topic_docs(data: Path, folders: list[Path]) -> list[Doc]:
    docs = []
    for folder in folders:
        for path in sorted(folder.glob("InputDocs/*/*")):
            text = path.read_text(encoding="utf-8", errors="replace")
            sentences = [line.strip() for line in text.splitlines() if line.strip()]
            if sentences:  # 25 files of the data set are empty
                docs.append(Doc(str(path.relative_to(data)), date.fromisoformat(path.parent.name), text, sentences))
    return docs


def load_tasks(data: Path) -> list[Task]:
    """Every reference timeline, in folder order, each with its topic's in-range articles."""
    topics: dict[str, list[Path]] = defaultdict(list)
    for folder in sorted(p for p in data.iterdir() if (p / "timelines.jsonl").is_file()):
        topics[folder.name.split("_")[0]].append(folder)
    topic_docs = {topic: read_topic_docs(data, folders) for topic, folders in topics.items()}
    tasks = []
    for topic, folders in topics.items():
        for folder in folders:
            lines = [line for line in (folder / "timelines.jsonl").read_text().splitlines() if line.strip()]
            for number, line in enumerate(lines, start=1):
                reference = {date.fromisoformat(day[:10]): sentences for day, sentences in json.loads(line)}
                name = folder.name if len(lines) == 1 else f"{folder.name}#{number}"
                start, end = min(reference), max(reference)
                docs = [d for d in topic_docs[topic] if start <= d.published <= end]
                tasks.append(Task(name, reference, docs))
    return tasks


# --- normalisation, the same for reference and system sentences -------------------------------------

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_PTB_PATTERN = re.compile("|".join(re.escape(k) for k in _PTB))
_TOKEN = re.compile(r"(?:[a-z]\.){2,}|n't|'(?:s|re|ve|ll|d|m)\b|\w+(?:[-.,]\w+)*|[^\w\s<>]")


def normalise(sentence: str) -> str:
    """Lowercased tokens joined by spaces: "BP 's -LRB- BP.L -RRB-" and "BP's (BP.L)" give the same."""
    text = _PTB_PATTERN.sub(lambda m: f" {_PTB[m.group()]} ", sentence).lower()
    text = re.sub(r"(\w)n't\b", r"\1 n't", text)
    text = re.sub(r"(\w)'(s|re|ve|ll|d|m)\b", r"\1 '\2", text)
    return " ".join(_TOKEN.findall(text))


# --- systems -------------------------------------------------------------------------------------------

def pubcount(task: Task) -> Prediction:
    """Days with the most articles published; their articles' lead sentences."""
    by_day: dict[date, list[Doc]] = defaultdict(list)
    for doc in task.docs:
        by_day[doc.published].append(doc)
    days = sorted(by_day, key=lambda day: (-len(by_day[day]), day))[: task.dates]
    prediction = {}
    for day in days:
        leads = list(dict.fromkeys(doc.sentences[0] for doc in by_day[day]))
        prediction[day] = leads[: task.sentences_per_date]
    return prediction


def random_dated(task: Task) -> Prediction:
    """Random publication days; random sentences of the articles published on them."""
    rng = random.Random(f"timeline17:{task.name}")
    by_day: dict[date, list[str]] = defaultdict(list)
    for doc in task.docs:
        by_day[doc.published].extend(doc.sentences)
    days = rng.sample(sorted(by_day), min(task.dates, len(by_day)))
    return {day: rng.sample(by_day[day], min(task.sentences_per_date, len(by_day[day]))) for day in days}


class Storyweave:
    """storyweave's build_timeline (or a function with its signature) made into a T x k timeline."""

    def __init__(self, build_timeline: Callable[[list[Any]], list[Any]]) -> None:
        self.build_timeline = build_timeline
        self.rejected: Counter[str] = Counter()  # articles storyweave's ingest refused, by reason

    def __call__(self, task: Task) -> Prediction:
        from storyweave.errors import InputError
        from storyweave.ingest import article_from_record
        from storyweave.ingest.formats import Record
        from storyweave.pipeline import prepare_articles

        articles = []
        for doc in task.docs:
            try:
                record = Record(doc.source, {"text": doc.text, "date": doc.published.isoformat()})
                articles.append(article_from_record(record))
            except InputError as exc:
                self.rejected[str(exc).split(" (")[0]] += 1
        # as a brief builds its timeline: from the articles cleaned and repaired (boilerplate, a live
        # page's update stamps, lines many pages repeat), not from the raw pages
        events = self.build_timeline(prepare_articles(articles))
        return select_events([e if isinstance(e, dict) else e.to_dict() for e in events], task)


def select_events(events: list[dict[str, Any]], task: Task) -> Prediction:
    """The T days of the reference's range that most articles date events to, each with its k most
    salient events."""
    by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", event["date"]):
            day = date.fromisoformat(event["date"])
            if task.start <= day <= task.end:
                by_day[day].append(event)

    def rank(day: date) -> tuple[int, int, date]:
        cited = {article for event in by_day[day] for article in event["citations"]}
        return -len(cited), -sum(event["mentions"] for event in by_day[day]), day

    prediction = {}
    for day in sorted(by_day, key=rank)[: task.dates]:
        best = sorted(by_day[day], key=lambda e: (-e.get("salience", 0.0), -e["mentions"]))
        prediction[day] = [event["event"] for event in best[: task.sentences_per_date]]
    return prediction


# --- scoring -------------------------------------------------------------------------------------------

Scores = dict[str, dict[str, float]]  # "rouge_1" | "rouge_2" | "date" -> precision / recall / f_score


def score(prediction: Prediction, task: Task) -> Scores:
    """tilse's align+ m:1 ROUGE-1/2 and date P/R/F of one predicted timeline against its reference."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation.dates import evaluate_dates
    from tilse.evaluation.rouge import TimelineRougeEvaluator

    predicted = {day: [s for s in map(normalise, sentences) if s] for day, sentences in prediction.items()}
    predicted = {day: sentences for day, sentences in predicted.items() if sentences}
    if not predicted:  # tilse divides by the number of predicted dates
        zero = {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
        return {"rouge_1": dict(zero), "rouge_2": dict(zero), "date": dict(zero)}
    reference = {day: list(map(normalise, sentences)) for day, sentences in task.reference.items()}
    ground_truth = GroundTruth([Timeline(reference)])
    # One evaluator per call: tilse's keeps the Perl run's temporary folder on itself.
    evaluator = TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])  # Perl ROUGE-1.5.5, as news-tls
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(predicted), ground_truth)
    scores["date"] = evaluate_dates(Timeline(predicted), ground_truth)
    return scores


def average(per_timeline: list[Scores]) -> Scores:
    """news-tls' average: mean precision and mean recall over timelines, F1 of those means."""
    result = {}
    for measure in ("rouge_1", "rouge_2", "date"):
        precision = sum(s[measure]["precision"] for s in per_timeline) / len(per_timeline)
        recall = sum(s[measure]["recall"] for s in per_timeline) / len(per_timeline)
        f_score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[measure] = {"precision": precision, "recall": recall, "f_score": f_score}
    return result


# --- running -------------------------------------------------------------------------------------------

def load_system(spec: str) -> Callable[[list[Any]], list[Any]] | None:
    module_name, _, function = spec.partition(":")
    try:
        return getattr(importlib.import_module(module_name), function)
    except (ImportError, AttributeError) as exc:
        print(f"{spec} is not available ({exc}): only the reference systems are run")
        return None


def table_row(name: str, ar1: float, ar2: float, date_f1: float, seconds: str) -> str:
    return f"  {name:44s} {ar1:6.3f} {ar2:6.3f} {date_f1:8.3f} {seconds:>10s}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Timeline17 folder (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N reference timelines")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "timeline17.json")
    parser.add_argument("--system", default=DEFAULT_SYSTEM,
                        help="MODULE:FUNCTION with build_timeline's signature to measure (default: %(default)s)")
    args = parser.parse_args()

    if not args.data.is_dir() or not any(args.data.glob("*/timelines.jsonl")):
        print(f"Timeline17 not found at {args.data}: skipping the timeline benchmark")
        return
    try:
        import tilse.evaluation.rouge  # noqa: F401
    except ImportError:
        sys.exit("the scorer needs tilse: pip install --no-deps tilse==0.2.1")
    if shutil.which("perl") is None:
        sys.exit("the scorer needs perl (tilse runs the ROUGE-1.5.5 Perl script)")

    tasks = load_tasks(args.data)[: args.limit]
    systems: dict[str, Callable[[Task], Prediction]] = {}
    build_timeline = load_system(args.system)
    storyweave = Storyweave(build_timeline) if build_timeline else None
    if storyweave:
        systems["storyweave" if args.system == DEFAULT_SYSTEM else args.system] = storyweave
    systems["PUBCOUNT-like (lead sentences)"] = pubcount
    systems["random dated sentences"] = random_dated

    print(f"Timeline17: {len(tasks)} reference timelines; per timeline: seconds and AR1-F / AR2-F / Date-F1")
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in systems}
    for number, task in enumerate(tasks, start=1):
        print(f"[{number}/{len(tasks)}] {task.name}: {len(task.docs)} articles, {task.start}..{task.end}, "
              f"T={task.dates} k={task.sentences_per_date}", flush=True)
        predictions, seconds, errors = {}, {}, {}
        for name, system in systems.items():
            start = time.perf_counter()
            try:
                predictions[name] = system(task)
            except Exception as exc:  # noqa: BLE001 - a crash scores zero on this timeline, reported
                predictions[name], errors[name] = {}, f"{type(exc).__name__}: {exc}"
                print(f"    {name} FAILED: {errors[name]}", flush=True)
            seconds[name] = time.perf_counter() - start
        with ThreadPoolExecutor(max_workers=2) as pool:  # the Perl runs are separate processes
            scored = dict(zip(predictions, pool.map(score, predictions.values(), repeat(task)), strict=True))
        for name in systems:
            s = scored[name]
            rows[name].append({"timeline": task.name, "articles": len(task.docs), "T": task.dates,
                               "k": task.sentences_per_date, "dates_predicted": len(predictions[name]),
                               "seconds": seconds[name], "scores": s, "error": errors.get(name)})
            print(f"    {name:40s} {seconds[name]:8.2f} s   {s['rouge_1']['f_score']:.3f} / "
                  f"{s['rouge_2']['f_score']:.3f} / {s['date']['f_score']:.3f}   "
                  f"({len(predictions[name])} dates)", flush=True)

    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}",
        "setting": "news-tls T17: topic = all its outlets, input = articles in the reference's date range, "
                   "T = reference dates, k = round(mean sentences per date); tilse align+ m:1 ROUGE (Perl) "
                   "and Date-F1, F1 of precision and recall averaged over timelines",
        "timelines": len(tasks),
        "systems": {},
        "published": {name: dict(zip(("AR1-F", "AR2-F", "Date-F1"), values, strict=True)) for name, values in PUBLISHED.items()},
    }
    print(f"\n  {'system':44s} {'AR1-F':>6s} {'AR2-F':>6s} {'Date-F1':>8s} {'s/timeline':>10s}")
    for name, per_timeline in rows.items():
        mean = average([row["scores"] for row in per_timeline])
        seconds_mean = sum(row["seconds"] for row in per_timeline) / len(per_timeline)
        failed = sum(row["error"] is not None for row in per_timeline)
        results["systems"][name] = {"AR1-F": mean["rouge_1"]["f_score"], "AR2-F": mean["rouge_2"]["f_score"],
                                    "Date-F1": mean["date"]["f_score"], "average": mean,
                                    "seconds_per_timeline": seconds_mean, "failed_timelines": failed,
                                    "per_timeline": per_timeline}
        label = f"{name} (here{f', {failed} FAILED timelines scored 0' if failed else ''})"
        print(table_row(label, mean["rouge_1"]["f_score"], mean["rouge_2"]["f_score"],
                        mean["date"]["f_score"], f"{seconds_mean:.2f}"))
    for name, values in PUBLISHED.items():
        print(table_row(f"{name} (published, not re-run)", *values, "-"))
    if storyweave and storyweave.rejected:
        results["storyweave_rejected_articles"] = dict(storyweave.rejected)
        print(f"storyweave's ingest refused, summed over timelines: {dict(storyweave.rejected)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
