"""Readers for evaluation datasets in their published layouts (no data ships with storyweave)."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyweave.errors import InputError
from storyweave.ingest import article_from_record
from storyweave.ingest.formats import Record, read_sgml
from storyweave.model import Article


@dataclass
class Cluster:
    id: str
    articles: list[Article]
    references: list[str]  # human summaries


def read_multinews(path: Path, limit: int | None = None, start: int = 0) -> Iterator[Cluster]:
    """Multi-News JSON lines (`idx`, `raw_document` list, `summary`), gzipped or not; from the
    `start`-th cluster (line order), at most `limit` clusters."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        count = 0
        for number, line in enumerate(lines):
            if number < start:
                continue
            record = json.loads(line)
            articles = []
            for number, text in enumerate(record["raw_document"], start=1):
                try:
                    articles.append(article_from_record(Record(f"{record['idx']}:{number}", {"text": text})))
                except InputError:
                    continue  # the dataset holds a few empty documents
            if not articles:
                continue
            yield Cluster(str(record["idx"]), articles, [record["summary"]])
            count += 1
            if limit is not None and count >= limit:
                return


def read_duc(folder: Path, limit: int | None = None) -> Iterator[tuple[Cluster, dict[str, str]]]:
    """DUC 2004 task 2 layout: docs/<cluster>t/ SGML files, refs/references/<cluster>.m.100.t.<x>,
    optional refs/peers/<cluster>.<SYSTEM>. Yields each cluster with its published peers' summaries."""
    docs = folder / "docs"
    references = folder / "refs" / "references"
    peers = folder / "refs" / "peers"
    count = 0
    for cluster_dir in sorted(p for p in docs.iterdir() if p.is_dir()):
        cluster_id = cluster_dir.name[:-1] if cluster_dir.name.endswith("t") else cluster_dir.name
        articles = []
        for path in sorted(p for p in cluster_dir.iterdir() if p.is_file()):
            for number, record in enumerate(read_sgml(path.read_text(encoding="latin-1"), str(path)), start=1):
                if isinstance(record, Record):
                    record.source = f"{path}:{number}"
                    try:
                        articles.append(article_from_record(record))
                    except InputError:
                        continue
        refs = [p.read_text(encoding="latin-1") for p in sorted(references.glob(f"{cluster_id}.*"))]
        published = {p.suffix.lstrip("."): p.read_text(encoding="latin-1")
                     for p in sorted(peers.glob(f"{cluster_id}.*"))} if peers.is_dir() else {}
        if not articles or not refs:
            continue
        yield Cluster(cluster_id, articles, refs), published
        count += 1
        if limit is not None and count >= limit:
            return


def read_timeline17(folder: Path, limit: int | None = None, days: int = 2, min_articles: int = 3,
                    max_articles: int = 30, max_lines: int = 60,
                    seed: int = 0) -> Iterator[tuple[Cluster, dict[str, str]]]:
    """Timeline17's days as stories to summarise: for each date of a topic's reference timelines,
    the articles of all the topic's outlets published that day or in the `days` - 1 days after
    (news follows events), against each timeline's entry for that date. Folders
    `<topic>_<outlet>/InputDocs/<YYYY-MM-DD>/*.txt` (one sentence a line) and
    `<topic>_<outlet>/timelines.jsonl`. Days with fewer than `min_articles` articles are left out;
    a day with more than `max_articles` is drawn down to that many (seeded), and each article cut
    to its first `max_lines` lines (as Multi-News cuts its documents: a live page or a comment
    thread runs to thousands of lines, which the peers' matrices cannot take). Clusters come in a
    seeded random order, so `limit` draws a sample across topics."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    topics: dict[str, list[Path]] = {}
    for outlet_dir in sorted(p for p in folder.iterdir() if (p / "InputDocs").is_dir()):
        topics.setdefault(outlet_dir.name.rsplit("_", 1)[0], []).append(outlet_dir)
    clusters: list[tuple[str, list[tuple[Path, str, str]], list[str]]] = []
    for topic, outlet_dirs in topics.items():
        entries: dict[str, list[str]] = {}
        for outlet_dir in outlet_dirs:
            timelines = outlet_dir / "timelines.jsonl"
            for line in timelines.read_text(encoding="utf-8").splitlines() if timelines.is_file() else []:
                for day, sentences in json.loads(line):
                    entries.setdefault(day[:10], []).append(" ".join(s.strip() for s in sentences))
        for day in sorted(entries):
            window = {(date.fromisoformat(day) + timedelta(days=n)).isoformat() for n in range(days)}
            files = [(path, published, outlet_dir.name.rsplit("_", 1)[1])
                     for outlet_dir in outlet_dirs for published in sorted(window)
                     for path in sorted((outlet_dir / "InputDocs" / published).glob("*.txt"))
                     if path.stat().st_size > 0]
            if len(files) >= min_articles:
                clusters.append((f"{topic}:{day}", files, entries[day]))
    rng.shuffle(clusters)
    for cluster_id, files, references in clusters[:limit]:
        if len(files) > max_articles:
            files = sorted(rng.sample(files, max_articles))
        articles = []
        for path, published, outlet in files:
            try:
                articles.append(article_from_record(Record(
                    str(path), {"text": "\n".join(path.read_text(encoding="utf-8", errors="replace")
                                                   .splitlines()[:max_lines]),
                                "date": published, "outlet": outlet})))
            except InputError:
                continue
        if len(articles) >= min_articles:
            yield Cluster(cluster_id, articles, references), {}


def small_stories(clusters: Iterable[tuple[Cluster, dict[str, str]]], articles: int,
                  seed: int = 0) -> Iterator[tuple[Cluster, dict[str, str]]]:
    """Each cluster cut to `articles` of its articles, drawn at random (seeded, so every run draws
    the same): the small stories a user often has, scored against the whole cluster's
    references. Published outputs summarise whole clusters, so none are kept."""
    rng = random.Random(seed)
    for cluster, _ in clusters:
        drawn = rng.sample(cluster.articles, min(articles, len(cluster.articles)))
        yield Cluster(cluster.id, drawn, cluster.references), {}

