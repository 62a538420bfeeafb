"""Readers for evaluation datasets in their published layouts (no data ships with storyweave)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyweave.errors import InputError
from storyweave.ingest import article_from_record
from storyweave.ingest.formats import Record
from storyweave.model import Article


@dataclass
class Cluster:
    id: str
    articles: list[Article]
    references: list[str]  # human summaries


def read_multinews(path: Path, limit: int | None = None) -> Iterator[Cluster]:
    """Multi-News JSON lines (`idx`, `raw_document` list, `summary`), gzipped or not."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        count = 0
        for line in lines:
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
