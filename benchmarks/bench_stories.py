"""Benchmark: story clustering quality (B-cubed against gold stories) and ingest speed.

    python benchmarks/bench_stories.py [--stories 2000] [--out benchmarks/results/stories.json]

Pools the non-empty documents of the first N Multi-News validation clusters (gold: the cluster),
or the ECB+ test topics, and scores storyweave's stories with B-cubed precision/recall/F1, each
run on a fresh in-memory store:

- online clustering alone (`ingest --no-refine`), then the whole store re-clustered in one batch
  (`storyweave cluster`);
- `ingest` as it runs by default: online, then the refinement of the stories it touched;
- as a feed arrives: the documents shuffled and ingested in 10 calls, each refined at its end.

In the same run, on the same documents:
TF-IDF + average-linkage agglomerative clustering (distance threshold chosen on the same data,
which flatters the peer) and HDBSCAN over storyweave's own document vectors (as BERTopic does).

Multi-News puts some unrelated documents in a story (Multi-News+ drops 18% of them as off-topic):
every system is also scored over the on-topic documents alone. As a reference point the run prints
the score against the full gold of a clustering that gets every on-topic document right and leaves
each off-topic one alone (not a bound: some off-topic documents are related to their story).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "validation.jsonl.gz"


def bcubed(predicted: list[str], gold: list[str]) -> tuple[float, float, float]:
    clusters: dict[str, list[int]] = defaultdict(list)
    classes: dict[str, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        clusters[p].append(i)
        classes[g].append(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        same = sum(1 for j in clusters[p] if gold[j] == g)
        precision += same / len(clusters[p])
        recall += same / len(classes[g])
    n = len(gold)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall)


MIN_DOCUMENT_WORDS = 20  # shorter "documents" are empty scrapes, not articles


def documents(stories: int, start: int = 0) -> Iterator[tuple[dict, str]]:
    """(record, text) for each document of Multi-News validation stories [start, stories) with at
    least MIN_DOCUMENT_WORDS words."""
    with gzip.open(MULTINEWS, "rt") as lines:
        for number, line in enumerate(lines):
            if number >= stories:
                break
            if number < start:
                continue
            record = json.loads(line)
            for text in record["raw_document"]:
                if len(text.split()) >= MIN_DOCUMENT_WORDS:
                    yield record, text


def load(stories: int, start: int = 0) -> tuple[list[str], list[str]]:
    """The non-empty documents of Multi-News validation stories [start, stories); gold = story."""
    pairs = list(documents(stories, start))
    return [text for _, text in pairs], [str(record["idx"]) for record, _ in pairs]


def trimmed(text: str, rng: random.Random, drop: float = 0.3) -> str:
    """The text with a random share of its sentences dropped, the order kept: wire copy as another
    outlet re-runs it (for training and testing the pair model, see scripts/train_pair_model.py)."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join([s for s in sentences if rng.random() > drop] or sentences[:1])


def on_topic(stories: int, start: int = 0) -> list[bool]:
    """Per document of `load(stories, start)`: does Multi-News+ (Choi et al. 2024, the `cleansed_document`
    field) keep it as on-topic? It drops 18% of the documents as unrelated to their story."""
    return [text in record["cleansed_document"] for record, text in documents(stories, start)]


def on_topic_perfect(gold: list[str], kept: list[bool]) -> tuple[float, float, float]:
    """B-cubed of a clustering that gets every on-topic document right and leaves each off-topic
    one alone (it tells another story than its gold one)."""
    alone = [g if k else f"alone{i}" for i, (g, k) in enumerate(zip(gold, kept, strict=True))]
    return bcubed(alone, gold)


ECBPLUS = ROOT.parent / "shared" / "data" / "ecbplus" / "ECB+"
TEST_TOPICS = range(36, 46)
CALLS = 10  # ingest calls of the shuffled-arrival run


def ecbplus_sentences(path: Path) -> list[tuple[int, list[str]]]:
    """An ECB+ file's sentences as its annotators split them: (number, tokens), in order."""
    import xml.etree.ElementTree as ElementTree

    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ElementTree.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", 0))].append(token.text or "")
    return sorted(sentences.items())


def load_ecbplus(topics: Iterable[int]) -> tuple[list[str], list[str]]:
    """ECB+ documents rebuilt from their tokens; gold = topic and sub-corpus (ecb / ecbplus), the
    two real-world events of each topic. Sentence 0 of an ecbplus file is its URL: left out."""
    texts, gold = [], []
    for topic in topics:
        folder = ECBPLUS / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            plus = path.name.endswith("ecbplus.xml")
            sentences = [words for number, words in ecbplus_sentences(path) if not (plus and number == 0)]
            texts.append("\n".join(" ".join(words) for words in sentences))
            gold.append(f"{topic}{'plus' if plus else ''}")
    return texts, gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--start", type=int, default=0, help="Multi-News: the first story (2811: the half "
                        "that the pair model and the sentence scorer were not trained on)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "stories.json")
    parser.add_argument("--no-peers", action="store_true", help="measure storyweave only (large runs)")
    parser.add_argument("--dataset", choices=("multinews", "ecbplus"), default="multinews")
    parser.add_argument("--topics", default="test", help="ECB+: 'test' (36-45) or 'all'")
    args = parser.parse_args()
    source = MULTINEWS if args.dataset == "multinews" else ECBPLUS
    if not source.exists():
        print(f"{source} not found beside the project (../shared): nothing to measure")
        return
    from storyweave.errors import InputProblem
    from storyweave.ingest import article_from_record
    from storyweave.ingest.formats import Record
    from storyweave.nlp.embed import get_embedder
    from storyweave.store import Store
    from storyweave.stories import ingest
    from storyweave.stories.features import lead_text

    if args.dataset == "multinews":
        texts, gold = load(args.stories, args.start)
    else:
        texts, gold = load_ecbplus(TEST_TOPICS if args.topics == "test" else range(1, 46))
    folder = Path(tempfile.mkdtemp(prefix="storyweave-bench-stories-"))  # runs side by side do not mix
    (folder / "docs.jsonl").write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n")
    print(f"{len(texts)} documents from {len(set(gold))} gold stories")

    results: dict = {"documents": len(texts), "gold_stories": len(set(gold)), "systems": {}}
    source = str(folder / "docs.jsonl")

    kept = on_topic(args.stories, args.start) if args.dataset == "multinews" else []
    if kept:
        perfect = on_topic_perfect(gold, kept)
        results["on_topic_perfect"] = dict(zip(("precision", "recall", "f1"), perfect, strict=True))

    def measured(labels: list[str | None]) -> dict[str, float | dict[str, float]]:
        """B-cubed over the documents with a label; for Multi-News also over the on-topic ones."""
        def scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
            found = bcubed([p for p, _ in pairs], [g for _, g in pairs])
            return dict(zip(("precision", "recall", "f1"), found, strict=True))

        row: dict = scores([(p, g) for p, g in zip(labels, gold, strict=True) if p is not None])
        if kept:
            row["on_topic"] = scores([(p, g) for p, g, k in zip(labels, gold, kept, strict=True)
                                      if p is not None and k])
        return row

    def scored(store: Store, sources: list[str], positions: list[int],
               skipped: Iterable[InputProblem] = ()) -> dict:
        """B-cubed of the stored articles, and of the skipped ones as stories of their own
        (exact duplicates inside the input are not stored twice: they are left out, as they
        belong with their first copy)."""
        story_of = dict(store.db.execute("SELECT source, story FROM articles").fetchall())
        story_of.update({problem.source: f"skipped:{problem.source}" for problem in skipped})
        labels: list[str | None] = [None] * len(gold)
        for s, i in zip(sources, positions, strict=True):
            labels[i] = story_of.get(s)
        return measured(labels)

    everything = ([f"{source}:{i + 1}" for i in range(len(texts))], list(range(len(texts))))
    store = Store(":memory:")
    start = time.perf_counter()
    report = ingest([source], store, refine=False)
    seconds = time.perf_counter() - start
    results["systems"]["storyweave online only (--no-refine)"] = {
        **scored(store, *everything, report.skipped), "seconds": seconds,
        "articles_per_second": len(texts) / seconds, **report.to_dict()}

    from storyweave.stories import recluster

    start = time.perf_counter()
    batch = recluster(store)
    results["systems"]["storyweave online, then `cluster`"] = {
        **scored(store, *everything, report.skipped), "seconds": time.perf_counter() - start,
        **batch.to_dict()}

    store = Store(":memory:")
    start = time.perf_counter()
    report = ingest([source], store)
    seconds = time.perf_counter() - start
    results["systems"]["storyweave ingest (online + refinement)"] = {
        **scored(store, *everything, report.skipped), "seconds": seconds,
        "articles_per_second": len(texts) / seconds, **report.to_dict()}
    story_of = dict(store.db.execute("SELECT source, story FROM articles").fetchall())
    predicted = [story_of.get(s, f"missing{i}") for i, s in enumerate(everything[0])]

    # As a feed arrives: the documents shuffled, ingested in CALLS calls into one store; each call
    # ends with the refinement of the stories it touched.
    order = list(range(len(texts)))
    random.Random(0).shuffle(order)
    parts = [order[k::CALLS] for k in range(CALLS)]
    sources = []
    skipped: list[InputProblem] = []
    store = Store(":memory:")
    start = time.perf_counter()
    for k, part in enumerate(parts):
        path = folder / f"call{k}.jsonl"
        path.write_text("\n".join(json.dumps({"text": texts[i]}) for i in part) + "\n")
        skipped += ingest([str(path)], store).skipped
        sources += [f"{path}:{n + 1}" for n in range(len(part))]
    seconds = time.perf_counter() - start
    results["systems"][f"storyweave ingest in {CALLS} calls, shuffled"] = {
        **scored(store, sources, [i for part in parts for i in part], skipped), "seconds": seconds,
        "articles_per_second": len(texts) / seconds}
    # storyweave's own peak, read before the peers run (the agglomerative peer's dense n x n
    # distance matrix alone takes GBs at 15k documents)
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    articles = []
    for t in texts:
        try:
            articles.append(article_from_record(Record("x", {"text": t})))
        except Exception:  # noqa: BLE001 - the peers see the same documents storyweave accepted
            articles.append(None)
    vectors = get_embedder("auto").encode([lead_text(a) if a else "" for a in articles])

    if args.no_peers:
        return _finish(results, predicted, args.out)
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform(texts)
    distances = np.clip(1.0 - (tfidf @ tfidf.T).toarray(), 0.0, None)
    best = None
    for threshold in (0.7, 0.8, 0.9):
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=threshold).fit_predict(distances)
        row = measured([str(label) for label in labels])
        if best is None or row["f1"] > best[0]["f1"]:
            best = (row, threshold)
    del distances
    row, threshold = best
    results["systems"][f"TF-IDF agglomerative (average, {threshold})"] = {
        **row, "seconds": time.perf_counter() - start}

    try:
        from sklearn.cluster import HDBSCAN
    except ImportError:
        HDBSCAN = None  # noqa: N806
    if HDBSCAN is not None:
        start = time.perf_counter()
        labels = HDBSCAN(min_cluster_size=2, metric="euclidean").fit_predict(vectors)
        labels = [str(label) if label >= 0 else f"noise{i}" for i, label in enumerate(labels)]
        results["systems"]["HDBSCAN over storyweave vectors"] = {
            **measured(labels), "seconds": time.perf_counter() - start}

    _finish(results, predicted, args.out)


def _finish(results: dict, predicted: list[str], out: Path) -> None:
    print(f"{'system':40s} {'P':>6s} {'R':>6s} {'F1':>6s} {'s':>7s}   on-topic P / R / F1")
    for name, row in results["systems"].items():
        on = row.get("on_topic")
        print(f"{name:40s} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
              f"{row['seconds']:7.1f}"
              + (f"   {on['precision']:.3f} / {on['recall']:.3f} / {on['f1']:.3f}" if on else ""))
    if "on_topic_perfect" in results:
        top = results["on_topic_perfect"]
        print(f"on-topic documents right, off-topic ones alone: P {top['precision']:.3f} "
              f"R {top['recall']:.3f} F1 {top['f1']:.3f}")
    sw = results["systems"]["storyweave ingest (online + refinement)"]
    print(f"storyweave: {sw['articles_per_second']:.0f} articles/s; peak memory {results['peak_rss_mb']:.0f} MB")
    sizes = Counter(Counter(predicted).values())
    print("storyweave story sizes:", dict(sorted(sizes.items())[:8]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {out}")


if __name__ == "__main__":
    main()
