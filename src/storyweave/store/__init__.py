"""The store: an embedded DuckDB file holding articles, stories and cached briefs.

One writer at a time (DuckDB's rule); every ingest batch is one transaction, so a killed process
loses at most the batch in flight and never leaves half of one behind. Articles are keyed by their
content id, which makes ingesting the same file twice a no-op.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from storyweave.model import Article

DEFAULT_DB = "storyweave.duckdb"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    outlet VARCHAR,
    title VARCHAR,
    url VARCHAR,
    published VARCHAR,
    published_from VARCHAR,
    author VARCHAR,
    dateline VARCHAR,
    degraded BOOLEAN,
    warnings VARCHAR,          -- JSON list
    text VARCHAR NOT NULL,
    story VARCHAR,             -- story id
    duplicate_of VARCHAR,      -- canonical article id for near-duplicates (wire copy, re-posts)
    signature BLOB,            -- MinHash signature (uint64 array)
    added_at TIMESTAMP DEFAULT current_timestamp,
    removed VARCHAR            -- JSON list: boilerplate lines cleaning took out
);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    article_count INTEGER,
    first_published VARCHAR,
    last_published VARCHAR,
    centroid BLOB,             -- float32 vector: the mean of its articles' vectors
    names VARCHAR,             -- JSON list of frequent names, for matching
    terms VARCHAR,             -- JSON {word: weight}: its most distinctive words
    updated_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS sketches (
    name VARCHAR PRIMARY KEY,  -- e.g. document frequencies of words, hashed
    count BIGINT,
    data BLOB
);
CREATE TABLE IF NOT EXISTS shards (
    key VARCHAR PRIMARY KEY,   -- an input file a Ray ingest finished: path, size and modification time
    finished_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS embeddings (
    id VARCHAR PRIMARY KEY,    -- article id; kept only by ingests that export them (--out)
    vector BLOB                -- float32 document vector
);
CREATE TABLE IF NOT EXISTS sentences (
    article VARCHAR,           -- article id; kept only by ingests that export them (--out)
    position INTEGER,
    text VARCHAR,
    PRIMARY KEY (article, position)
);
CREATE TABLE IF NOT EXISTS story_successors (
    story VARCHAR PRIMARY KEY, -- a story id that is gone: merged, or re-clustered away
    successor VARCHAR NOT NULL -- the story that took (most of) its articles
);
CREATE TABLE IF NOT EXISTS briefs (
    story VARCHAR,
    variant VARCHAR,           -- format and settings it was rendered with
    fingerprint VARCHAR,       -- the story's articles when the brief was built
    rendered VARCHAR,
    PRIMARY KEY (story, variant)
);
"""


_ARTICLE_COLUMNS = ("id", "source", "outlet", "title", "url", "published", "published_from", "author",
                    "dateline", "degraded", "warnings", "text", "story", "duplicate_of", "signature", "removed")


@dataclass
class StoredStory:
    id: str
    title: str
    article_count: int
    first_published: str | None
    last_published: str | None
    outlets: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "article_count": self.article_count,
                "outlets": self.outlets, "first_published": self.first_published,
                "last_published": self.last_published}


EXPORTED = ("articles", "stories", "sketches", "shards", "embeddings", "sentences", "meta", "story_successors")
VIEWED = ("articles", "stories", "embeddings", "sentences")  # read in place; the rest loaded (small)


class ReadOnlyStore(RuntimeError):
    """A write to a store opened from a Parquet export."""


class Store:
    """Articles, stories and briefs in one DuckDB file (or in memory with ":memory:"), or, read
    only, in a folder of Parquet shards written by `export_parquet` (`ingest --out DIR`)."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        self.read_only = Path(self.path).is_dir()
        if self.read_only:
            self.db = duckdb.connect()
            self._attach_parquet(Path(self.path), VIEWED)
        else:
            self.db = duckdb.connect(self.path)
        self.db.execute(_SCHEMA)
        if self.read_only:
            self._attach_parquet(Path(self.path), tuple(name for name in EXPORTED if name not in VIEWED))
        else:
            # Stores written before a column existed get it (DuckDB adds it in place).
            self.db.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS removed VARCHAR")
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def _attach_parquet(self, folder: Path, tables: tuple[str, ...]) -> None:
        """Big tables as views over their shards (read in place); small ones copied into tables."""
        missing = [name for name in ("articles", "stories") if not list((folder / name).glob("*.parquet"))]
        if missing:
            raise ValueError(f"{folder} is not a storyweave Parquet export (no {', '.join(missing)} shards)")
        for name in tables:
            if not list((folder / name).glob("*.parquet")):
                continue
            files = str(folder / name / "*.parquet").replace("'", "''")
            if name in VIEWED:
                self.db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{files}')")
            else:
                self.db.execute(f"INSERT OR REPLACE INTO {name} BY NAME SELECT * FROM read_parquet('{files}')")

    def export_parquet(self, folder: str | Path) -> dict[str, int]:
        """Write the store as Parquet shards, one folder per table, that DuckDB (or `Store(folder)`)
        reads directly. Returns the rows written per table."""
        counts = {}
        for name in EXPORTED:
            target = Path(folder) / name
            target.mkdir(parents=True, exist_ok=True)
            for old in target.glob("*.parquet"):
                old.unlink()
            quoted = str(target).replace("'", "''")
            self.db.execute(f"COPY (SELECT * FROM {name}) TO '{quoted}' "
                            "(FORMAT parquet, FILE_SIZE_BYTES '256MB', OVERWRITE_OR_IGNORE true)")
            counts[name] = self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        return counts

    def save_vectors(self, rows: list[tuple[str, np.ndarray]]) -> None:
        """Keep articles' document vectors (for an export)."""
        records = [{"id": key, "vector": base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode()}
                   for key, vector in rows]
        if records:
            self._insert_json("INSERT OR IGNORE INTO embeddings SELECT id, from_base64(vector)"
                              " FROM read_json(?, columns = ?, format = 'newline_delimited')",
                              records, {"id": "VARCHAR", "vector": "VARCHAR"})

    def save_sentences(self, rows: list[tuple[str, int, str]]) -> None:
        """Keep articles' sentences (for an export)."""
        records = [{"article": key, "position": position, "text": text} for key, position, text in rows]
        if records:
            self._insert_json("INSERT OR IGNORE INTO sentences SELECT article, position, text"
                              " FROM read_json(?, columns = ?, format = 'newline_delimited')",
                              records, {"article": "VARCHAR", "position": "INTEGER", "text": "VARCHAR"})

    def reader(self) -> Store:
        """Another handle on the same database for another thread: it reads the last committed
        state while this one writes (DuckDB's MVCC), and may write too."""
        other = object.__new__(Store)
        other.path, other.db, other.read_only = self.path, self.db.cursor(), self.read_only
        return other

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: a failure (or a kill) rolls the whole block back."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- shards (input files a distributed ingest finished) ---------------------------------------

    def finished_shards(self, keys: Iterable[str]) -> set[str]:
        wanted = list(keys)
        if not wanted:
            return set()
        rows = self.db.execute("SELECT key FROM shards WHERE key IN (SELECT unnest(?))", [wanted]).fetchall()
        return {row[0] for row in rows}

    def finish_shard(self, key: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO shards (key) VALUES (?)", [key])

    # --- articles ------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.db.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [wanted]).fetchall()
        return {row[0] for row in rows}

    def add_articles(self, rows: list[tuple[Article, str | None, str | None, np.ndarray | None]]) -> None:
        """Insert (article, story, duplicate_of, signature) rows in bulk; known ids are left alone."""
        if not rows:
            return
        records = [{
            "id": article.id, "source": article.source, "outlet": article.outlet, "title": article.title,
            "url": article.url, "published": article.published, "published_from": article.published_from,
            "author": article.author, "dateline": article.dateline, "degraded": article.degraded,
            "warnings": json.dumps(article.warnings), "text": article.text, "story": story,
            "duplicate_of": duplicate_of,
            "signature": base64.b64encode(signature.astype(np.uint64).tobytes()).decode()
            if signature is not None else None,
            "removed": json.dumps(article.removed),
        } for article, story, duplicate_of, signature in rows]
        columns = dict.fromkeys(_ARTICLE_COLUMNS, "VARCHAR") | {"degraded": "BOOLEAN"}
        self._insert_json(
            f"INSERT OR IGNORE INTO articles ({', '.join(_ARTICLE_COLUMNS)})"
            f" SELECT {', '.join('from_base64(signature)' if c == 'signature' else c for c in _ARTICLE_COLUMNS)}"
            " FROM read_json(?, columns = ?, format = 'newline_delimited')", records, columns)

    def _insert_json(self, statement: str, records: list[dict[str, Any]], columns: dict[str, str]) -> None:
        """Run an INSERT ... SELECT over records written to a temporary JSON-lines file: DuckDB
        reads them in one statement, about fifty times faster than row-by-row inserts."""
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as batch:
            batch.writelines(json.dumps(record) + "\n" for record in records)
        try:
            self.db.execute(statement, [batch.name, columns])
        finally:
            os.unlink(batch.name)

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """(article id, MinHash signature) of every canonical article, for the LSH index."""
        for article_id, blob in self.db.execute(
                "SELECT id, signature FROM articles WHERE signature IS NOT NULL AND duplicate_of IS NULL").fetchall():
            yield article_id, np.frombuffer(blob, dtype=np.uint64)

    def articles(self, story: str | None = None, *, ids: Iterable[str] | None = None) -> list[Article]:
        """The articles of a story (by date), or those with these ids, or all (in arrival order)."""
        query = ("SELECT id, source, text, title, outlet, url, published, published_from, author, dateline,"
                 " degraded, warnings, removed FROM articles")
        if story:
            rows = self.db.execute(query + " WHERE story = ? ORDER BY published NULLS LAST, id", [story]).fetchall()
        elif ids is not None:
            rows = self.db.execute(query + " WHERE id IN (SELECT unnest(?)) ORDER BY added_at, id", [list(ids)]).fetchall()
        else:
            rows = self.db.execute(query + " ORDER BY added_at, id").fetchall()
        return [Article(id=r[0], source=r[1], text=r[2], title=r[3], outlet=r[4], url=r[5], published=r[6],
                        published_from=r[7] or "unknown", author=r[8], dateline=r[9], degraded=bool(r[10]),
                        warnings=json.loads(r[11] or "[]"), removed=json.loads(r[12] or "[]")) for r in rows]

    def placement(self, article_id: str) -> tuple[str | None, str | None] | None:
        """(story, duplicate_of) of a stored article; None if there is no such article."""
        row = self.db.execute("SELECT story, duplicate_of FROM articles WHERE id = ?", [article_id]).fetchone()
        return (row[0], row[1]) if row else None

    def export_rows(self, story: str | None = None) -> list[dict[str, Any]]:
        """One record per article (of one story, or all): id, source, outlet, title, url, dates,
        story and duplicate_of."""
        columns = ["id", "source", "outlet", "title", "url", "published", "published_from", "story", "duplicate_of"]
        where, params = ("WHERE story = ?", [story]) if story else ("", [])
        rows = self.db.execute(f"SELECT {', '.join(columns)} FROM articles {where} ORDER BY added_at, id",
                               params).fetchall()
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def canonical_articles(self, *, since: str | None = None, until: str | None = None,
                           stories: Iterable[str] | None = None) -> list[tuple[str, str, str | None, str | None, str]]:
        """(id, text, title, published, story) of the articles that are not near-duplicates, in
        order of arrival: those published in [since, until] (undated ones only when no window is
        given), or those of the given stories."""
        where, params = ["duplicate_of IS NULL"], []
        if stories is not None:
            where.append("story IN (SELECT unnest(?))")
            params.append(list(stories))
        if since:
            where.append("published >= ?")
            params.append(since)
        if until:
            where.append("published <= ?")
            params.append(until + "\uffff")  # the whole last day
        return [tuple(row) for row in self.db.execute(
            f"SELECT id, text, title, published, story FROM articles WHERE {' AND '.join(where)}"
            " ORDER BY added_at, id", params).fetchall()]

    def reassign(self, story_of: dict[str, str]) -> None:
        """Move articles to other stories; their near-duplicates follow; stories left empty go.
        Briefs of every story touched are dropped (they are rebuilt on demand)."""
        if not story_of:
            return
        records = [{"id": article_id, "story": story} for article_id, story in story_of.items()]
        was_in = dict(self.db.execute("SELECT id, story FROM articles WHERE id IN (SELECT unnest(?))",
                                      [list(story_of)]).fetchall())
        before = set(was_in.values()) - {None}
        self._insert_json(
            "UPDATE articles SET story = moved.story FROM read_json(?, columns = ?, format = 'newline_delimited')"
            " AS moved WHERE articles.id = moved.id", records, {"id": "VARCHAR", "story": "VARCHAR"})
        self.db.execute("UPDATE articles SET story = original.story FROM articles AS original"
                        " WHERE articles.duplicate_of = original.id AND articles.story IS DISTINCT FROM original.story")
        self.db.execute("DELETE FROM stories WHERE id NOT IN (SELECT story FROM articles WHERE story IS NOT NULL)")
        remaining = {row[0] for row in self.db.execute(
            "SELECT DISTINCT story FROM articles WHERE story IN (SELECT unnest(?))", [list(before)]).fetchall()}
        went: dict[str, Counter[str]] = {}  # old story -> where its articles went
        for article, story in was_in.items():
            went.setdefault(story, Counter())[story_of[article]] += 1
        self._succeed([(gone, went[gone].most_common(1)[0][0]) for gone in before - remaining])
        touched = list(before | set(story_of.values()))
        self.db.execute("DELETE FROM briefs WHERE story IN (SELECT unnest(?))", [touched])

    def stories_of(self, article_ids: Iterable[str]) -> set[str]:
        """The stories these articles are in."""
        return {row[0] for row in self.db.execute(
            "SELECT DISTINCT story FROM articles WHERE id IN (SELECT unnest(?)) AND story IS NOT NULL",
            [list(article_ids)]).fetchall()}

    def latest_published(self) -> str | None:
        return self.db.execute("SELECT max(published) FROM articles").fetchone()[0]

    def article_story(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    # --- stories -------------------------------------------------------------------------------

    def story_vectors(self, stories: Iterable[str] | None = None) -> Iterator[
            tuple[str, np.ndarray, list[str], str | None, int, dict[str, float], str | None]]:
        """(id, centroid, names, last published, size, word profile, first published) per story
        (all, or those of `stories` that exist)."""
        where, params = ("WHERE id IN (SELECT unnest(?))", [list(stories)]) if stories is not None else ("", [])
        for story_id, centroid, names, last, size, terms, first in self.db.execute(
                "SELECT id, centroid, names, last_published, coalesce(article_count, 1), terms, first_published"
                f" FROM stories {where}", params).fetchall():
            yield (story_id, np.frombuffer(centroid, dtype=np.float32), json.loads(names or "[]"), last, size,
                   json.loads(terms or "{}"), first)

    def sketch(self, name: str) -> tuple[np.ndarray, int] | None:
        row = self.db.execute("SELECT data, count FROM sketches WHERE name = ?", [name]).fetchone()
        return (np.frombuffer(row[0], dtype=np.int32).copy(), row[1]) if row else None

    def save_sketch(self, name: str, data: np.ndarray, count: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO sketches VALUES (?, ?, ?)", [name, count, data.tobytes()])

    def story_titles(self, story_ids: Iterable[str]) -> dict[str, str]:
        ids = list(story_ids)
        if not ids:
            return {}
        return dict(self.db.execute("SELECT id, title FROM stories WHERE id IN (SELECT unnest(?))", [ids]).fetchall())

    def story_stats(self) -> dict[str, tuple[int, str | None, str | None]]:
        """Story id -> (article count, first published, last published), as stored."""
        return {row[0]: (row[1] or 0, row[2], row[3]) for row in self.db.execute(
            "SELECT id, article_count, first_published, last_published FROM stories").fetchall()}

    def count_stories(self, story_ids: Iterable[str]) -> dict[str, tuple[int, str | None, str | None]]:
        """Story id -> (article count, first published, last published), counted from the articles."""
        return {row[0]: (row[1], row[2], row[3]) for row in self.db.execute(
            "SELECT story, count(*), min(published), max(published) FROM articles"
            " WHERE story IN (SELECT unnest(?)) GROUP BY story", [list(story_ids)]).fetchall()}

    def save_stories(self, rows: list[tuple[str, str, np.ndarray, list[str], dict[str, float],
                                            tuple[int, str | None, str | None]]]) -> None:
        """Insert or update (id, title, centroid, names, terms, (count, first, last)) rows in bulk."""
        if not rows:
            return
        records = [{
            "id": story_id, "title": title, "centroid": base64.b64encode(centroid.astype(np.float32).tobytes()).decode(),
            "names": json.dumps(names), "terms": json.dumps({t: round(w, 4) for t, w in terms.items()}),
            "article_count": stats[0], "first_published": stats[1], "last_published": stats[2],
        } for story_id, title, centroid, names, terms, stats in rows]
        columns = dict.fromkeys(("id", "title", "centroid", "names", "terms", "first_published",
                                 "last_published"), "VARCHAR") | {"article_count": "INTEGER"}
        self._insert_json(
            "INSERT INTO stories (id, title, centroid, names, terms, article_count, first_published, last_published)"
            " SELECT id, title, from_base64(centroid), names, terms, article_count, first_published, last_published"
            " FROM read_json(?, columns = ?, format = 'newline_delimited')"
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, centroid = excluded.centroid,"
            " names = excluded.names, terms = excluded.terms, article_count = excluded.article_count,"
            " first_published = excluded.first_published, last_published = excluded.last_published,"
            " updated_at = now()", records, columns)

    def merge_stories(self, keep: str, absorb: str) -> None:
        self.db.execute("UPDATE articles SET story = ? WHERE story = ?", [keep, absorb])
        self.db.execute("DELETE FROM stories WHERE id = ?", [absorb])
        self.db.execute("DELETE FROM briefs WHERE story = ? OR story = ?", [keep, absorb])
        self._succeed([(absorb, keep)])

    def _succeed(self, pairs: list[tuple[str, str]]) -> None:
        """Record that each gone story id now leads to its successor."""
        if pairs:
            self.db.executemany("INSERT OR REPLACE INTO story_successors VALUES (?, ?)", pairs)

    def current_story(self, story_id: str) -> str | None:
        """The story `story_id` is now: itself while it exists; else, if it was merged or
        re-clustered away, the story that took most of its articles (followed through later
        changes); None if there is none."""
        seen: set[str] = set()
        while story_id not in seen:
            seen.add(story_id)
            if self.db.execute("SELECT 1 FROM stories WHERE id = ? AND article_count > 0", [story_id]).fetchone():
                return story_id
            row = self.db.execute("SELECT successor FROM story_successors WHERE story = ?", [story_id]).fetchone()
            if row is None:
                return None
            story_id = row[0]
        return None

    def stories(self, *, since: str | None = None, until: str | None = None, outlet: str | None = None,
                search: str | None = None, limit: int | None = None, offset: int = 0,
                ids: Iterable[str] | None = None) -> list[StoredStory]:
        """Stories, largest and most recent first; filters combine (a story with articles from
        `since` on and from `until` back, covered by `outlet`, mentioning `search`)."""
        where, params = ["article_count > 0"], []
        if ids is not None:
            where.append("id IN (SELECT unnest(?))")
            params.append(list(ids))
        if since:
            where.append("last_published >= ?")
            params.append(since)
        if until:
            where.append("first_published <= ?")
            params.append(until + "\uffff")
        if outlet:
            where.append("id IN (SELECT story FROM articles WHERE lower(outlet) = lower(?))")
            params.append(outlet)
        if search:
            where.append("(title ILIKE ? OR id IN (SELECT story FROM articles WHERE text ILIKE ?))")
            params += [f"%{search}%", f"%{search}%"]
        query = (f"SELECT id, title, article_count, first_published, last_published FROM stories"
                 f" WHERE {' AND '.join(where)} ORDER BY article_count DESC, last_published DESC NULLS LAST, id")
        if limit:
            query += f" LIMIT {int(limit)}"
        if offset:
            query += f" OFFSET {int(offset)}"
        rows = self.db.execute(query, params).fetchall()
        outlets = self._outlets([r[0] for r in rows])
        return [StoredStory(r[0], r[1] or "", r[2], r[3], r[4], outlets.get(r[0], [])) for r in rows]

    def activity(self, story_ids: Iterable[str]) -> dict[str, dict[str, int]]:
        """Story id -> {day: articles published that day}, for sparklines."""
        rows = self.db.execute(
            "SELECT story, substr(published, 1, 10) AS day, count(*) FROM articles"
            " WHERE story IN (SELECT unnest(?)) AND published IS NOT NULL GROUP BY story, day",
            [list(story_ids)]).fetchall()
        found: dict[str, dict[str, int]] = {}
        for story, day, count in rows:
            found.setdefault(story, {})[day] = count
        return found

    def outlets(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet").fetchall()]

    def counts(self) -> dict[str, int]:
        articles, stories = self.db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories WHERE article_count > 0)").fetchone()
        return {"articles": articles, "stories": stories}

    def _outlets(self, story_ids: list[str]) -> dict[str, list[str]]:
        if not story_ids:
            return {}
        rows = self.db.execute(
            "SELECT story, list(DISTINCT outlet ORDER BY outlet) FROM articles"
            " WHERE story IN (SELECT unnest(?)) AND outlet IS NOT NULL GROUP BY story", [story_ids]).fetchall()
        return {story: list(outlets) for story, outlets in rows}

    def story_version(self, story_id: str) -> tuple[int, str] | None:
        """(article count, last update) of a stored story: changes whenever its articles do."""
        row = self.db.execute("SELECT article_count, CAST(updated_at AS VARCHAR) FROM stories WHERE id = ?",
                              [story_id]).fetchone()
        return (row[0], row[1]) if row else None

    def story_fingerprint(self, story_id: str) -> str:
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE story = ? ORDER BY id", [story_id]).fetchall()]
        return ",".join(ids)

    # --- briefs --------------------------------------------------------------------------------

    def cached_brief(self, story_id: str, variant: str) -> str | None:
        row = self.db.execute("SELECT fingerprint, rendered FROM briefs WHERE story = ? AND variant = ?",
                              [story_id, variant]).fetchone()
        if row and row[0] == self.story_fingerprint(story_id):
            return row[1]
        return None

    def set_story_title(self, story_id: str, title: str) -> None:
        """Name a story by its brief's title (which weighs all its articles, where ingest could
        only take the first one's). Best effort, as `cache_brief`."""
        try:
            self.db.execute("UPDATE stories SET title = ? WHERE id = ? AND title IS DISTINCT FROM ?",
                            [title, story_id, title])
        except duckdb.Error:
            pass

    def cache_brief(self, story_id: str, variant: str, rendered: str) -> None:
        """Keep a rendered brief. Best effort: when a concurrent writer (the web app's ingest)
        changes the story's briefs at the same moment, DuckDB refuses this write and the brief is
        simply rebuilt next time."""
        try:
            self.db.execute("INSERT OR REPLACE INTO briefs VALUES (?, ?, ?, ?)",
                            [story_id, variant, self.story_fingerprint(story_id), rendered])
        except duckdb.Error:
            pass
