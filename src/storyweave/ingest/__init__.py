"""Ingest: files, folders, globs or stdin in, `Article`s with their metadata out.

    result = load_articles(["examples/tacoma-fire"])
    result.articles   # list[Article]
    result.problems   # list[InputProblem]: one line each, what was skipped and why
"""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from storyweave.clean.normalize import normalize_text
from storyweave.errors import InputError, InputProblem
from storyweave.ingest.decode import decode_bytes
from storyweave.ingest.formats import READERS, Record, read_jsonl, sniff_reader
from storyweave.ingest.metadata import (
    as_text,
    date_from_location,
    infer_metadata,
    outlet_from_url,
    parse_date,
    pick_field,
    year_of,
)
from storyweave.model import Article, content_id

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MIN_WORDS = 12  # a one-sentence news flash is news; anything shorter is a headline or junk
# English prose is a third function words ("the", "of", "said"); a page in another language, or
# one whose letters a scraper garbled ("Vi # t Nam ngn c ..."), has next to none. English
# lists and tables (a team's line-up) keep some: 7% and up on Timeline17, against 0.3-2.5% for its
# garbled Vietnamese pages and 0-3% for Multi-News' French and Italian ones.
FUNCTION_WORDS = frozenset(
    "the of and to in is that for on was with he it as at by said his from are be has have had an this "
    "but they not were its their who which will been would she her or we".split())
MIN_ENGLISH_SHARE = 0.05
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    inputs: int = 0  # records seen, usable or not


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputProblem]:
    """Files, folders (recursively, in sorted order), globs, and "-" for stdin."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            if not files:
                yield InputProblem(raw, "folder holds no files")
            for file in files:
                yield str(file)
        elif path.is_file():
            yield raw
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield InputProblem(raw, "no file matches this pattern")
            for match in matches:
                if Path(match).is_file():
                    yield match
        elif path.exists():
            yield InputProblem(raw, "not a regular file")
        else:
            yield InputProblem(raw, "no such file or folder")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


STREAMED = {".jsonl", ".ndjson"}
CONTAINERS = {".json", ".csv"}  # many articles in one file: the size limit is per article
MAX_CONTAINER_BYTES = 1 << 30


def _stream_lines(path: Path, source: str, max_bytes: int) -> Iterator[Record | InputProblem]:
    """JSON lines read line by line; a bad or oversized line is reported, the rest read."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputProblem(f"{source}:{number}", f"too large ({len(raw) / 1e6:.1f} MB > limit of "
                                                         f"{max_bytes / 1e6:.1f} MB)")
                continue
            try:
                line = decode_bytes(raw)
            except InputError as exc:
                yield InputProblem(f"{source}:{number}", str(exc))
                continue
            for item in read_jsonl(line, source):
                if isinstance(item, Record):
                    item.source = f"{source}:{number}"
                else:
                    item = InputProblem(f"{source}:{number}", item.reason)
                yield item


PARQUET_BATCH = 1000  # rows fetched at a time


def _stream_parquet(path: Path, source: str, max_bytes: int) -> Iterator[Record | InputProblem]:
    """A Parquet file's rows (columns as in JSON records: text, title, outlet, ...), streamed in
    batches through DuckDB; `source:ROW` names each (rows counted from 1)."""
    import duckdb

    try:
        with duckdb.connect() as db:
            cursor = db.execute("SELECT * FROM read_parquet(?)", [str(path)])
            columns = [c[0] for c in cursor.description]
            number = 0
            while rows := cursor.fetchmany(PARQUET_BATCH):
                for row in rows:
                    number += 1
                    fields = {k: v if isinstance(v, str) else str(v) for k, v in zip(columns, row, strict=True)
                              if v is not None}
                    if len(fields.get("text", "")) > max_bytes:
                        yield InputProblem(f"{source}:{number}", f"too large (more than {max_bytes / 1e6:.1f} MB)")
                    else:
                        yield Record(f"{source}:{number}", fields)
    except duckdb.Error as exc:
        raise InputError(f"unreadable Parquet: {str(exc).splitlines()[0]}") from None


def read_source(source: str, max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Record | InputProblem]:
    """The records of one file (or of stdin), or a problem saying why there are none."""
    try:
        if source == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(max_bytes + 1), "stdin", max_bytes, sniff=True)
            return
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix in STREAMED:  # one record a line: any size, never all in memory
            yield from _stream_lines(path, source, max_bytes)
            return
        if suffix == ".parquet":
            yield from _stream_parquet(path, source, max_bytes)
            return
        size = path.stat().st_size
        limit = MAX_CONTAINER_BYTES if suffix in CONTAINERS else max_bytes
        if size > limit:
            raise InputError(f"too large ({size / 1e6:.1f} MB > limit of {limit / 1e6:.1f} MB)")
        yield from read_bytes(path.read_bytes(), source, limit)
    except InputError as exc:
        yield InputProblem(source if source != "-" else "stdin", str(exc))
    except OSError as exc:
        yield InputProblem(source, f"unreadable ({exc.strerror or exc})")


def read_bytes(data: bytes, name: str, max_bytes: int, *, sniff: bool = False) -> Iterator[Record | InputProblem]:
    """The records of one input given as bytes (an upload, stdin, a file's content); `name` says
    which, and its suffix picks the reader unless `sniff` (then the content decides)."""
    try:
        if len(data) > max_bytes:
            raise InputError(f"too large (more than the limit of {max_bytes / 1e6:.1f} MB)")
        text = decode_bytes(data)
        reader = (None if sniff else READERS.get(Path(name).suffix.lower())) or sniff_reader(text)
        for item in reader(text, name):
            if isinstance(item, Record) and item.source == "stdin":
                item.source = "stdin:1"  # one article on stdin: still say which record it was
            yield item
    except InputError as exc:
        yield InputProblem(name, str(exc))


def articles_of(records: Iterable[Record | Article | InputProblem], max_bytes: int = DEFAULT_MAX_BYTES,
                ) -> Iterator[Article | InputProblem]:
    """Articles built from records; a record that makes no article becomes a problem naming it
    (articles and problems pass as they are)."""
    for item in records:
        if isinstance(item, (InputProblem, Article)):
            yield item
            continue
        try:
            article = article_from_record(item)
        except InputError as exc:
            yield InputProblem(item.source, str(exc))
            continue
        if len(article.text) > max_bytes:
            yield InputProblem(item.source, f"too large ({len(article.text) / 1e6:.1f} MB of text > "
                                            f"limit of {max_bytes / 1e6:.1f} MB)")
            continue
        yield article


def too_short(text: str, when: str = "") -> str | None:
    """Why an article of `text` is skipped for being too short (fewer than MIN_WORDS words), or
    None if it is long enough."""
    words = len(text.split())
    if words >= MIN_WORDS:
        return None
    return f"too little text{' ' + when if when else ''} ({words} words; an article needs {MIN_WORDS})"


def not_english(text: str, sample: int = 400) -> str | None:
    """Why a text is skipped as not English prose, or None. Judged on its first `sample` words of
    two letters or more; a text of fewer than 40 such words is not judged."""
    words = [word.lower() for word in _LETTER_WORD.findall(text[: sample * 12])][:sample]
    if len(words) < 40:
        return None
    share = sum(word in FUNCTION_WORDS for word in words) / len(words)
    if share >= MIN_ENGLISH_SHARE:
        return None
    return (f"not English prose ({share:.0%} of its words are English function words such as "
            f"'the' and 'of'; English news has about a third): another language, or garbled text")


def article_from_record(record: Record) -> Article:
    """Build an Article from a record's fields, inferring what the fields do not say."""
    fields = record.fields
    raw_text = as_text(pick_field(fields, "text"))
    if not raw_text:
        raise InputError("no article text (looked for a text/body/content/maintext/article field)")
    text = normalize_text(raw_text)
    title = as_text(pick_field(fields, "title"))
    url = as_text(pick_field(fields, "url"))
    outlet = as_text(pick_field(fields, "outlet"))
    author = as_text(pick_field(fields, "author"))
    published = parse_date(pick_field(fields, "date"))
    published_from = "metadata" if published else "unknown"

    found = infer_metadata(text, has_title=bool(title), year_hint=year_of(published))
    if published is None and found.published:
        published, published_from = found.published, found.published_from
    url = url or found.url
    warnings = []
    if published is None and (located := _date_from_location(url, record.source)):
        published, where = located
        published_from = "metadata"
        warnings.append(f"publication date {published} read from its {where}")
    body = found.text
    if reason := too_short(body) or not_english(body):
        raise InputError(reason)
    article = Article(
        id=content_id(body),
        source=record.source,
        text=body,
        title=normalize_text(title) if title else found.title,
        outlet=(_outlet_name(outlet) or found.outlet or outlet_from_url(url)),
        url=url,
        published=published,
        published_from=published_from,  # type: ignore[arg-type]
        author=author or found.author,
        dateline=as_text(fields.get("dateline")) or found.dateline,
        removed=found.removed,
        warnings=warnings,
    )
    return article


def _date_from_location(url: str | None, source: str) -> tuple[str, str] | None:
    """The day in the article's URL, else in its file's path (an archive's "2010-01-13/" folder)
    when the file holds this one article (a file of many records may be named for the day it
    was exported), with where it was read."""
    if day := date_from_location(url):
        return day, "URL"
    if not re.search(r":\d+$", source) and (day := date_from_location(source)):
        return day, "file path"
    return None


def _outlet_name(value: Any) -> str | None:
    """Outlet fields sometimes hold a URL or a bare domain: keep the domain then."""
    text = as_text(value)
    if text and ("/" in text or text.startswith("www.")):
        return outlet_from_url(text) or text
    return text


def complete_from_story(articles: list[Article]) -> list[Article]:
    """Dates that need the story: a dateline "LONDON, March 2 (AP)" takes its year from its siblings."""
    from collections import Counter
    from dataclasses import replace

    years = Counter(year_of(a.published) for a in articles if a.published)
    if not years:
        return articles
    story_year = years.most_common(1)[0][0]
    completed = []
    for article in articles:
        if article.published is None and article.dateline and re.search(r"\d", article.dateline):
            iso = parse_date(article.dateline, default_year=story_year)
            if iso:
                article = replace(article, published=iso, published_from="dateline",
                                  warnings=article.warnings + [f"year of the dateline date taken from the story ({story_year})"])
        completed.append(article)
    return completed


def iter_records(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Iterator[Record | InputProblem]:
    """The records of every input, as read (`articles_of` makes articles of them), one input at a
    time: a large corpus is never all in memory."""
    sources = list(expand_paths(paths))
    for done, source in enumerate(sources, start=1):
        if isinstance(source, InputProblem):
            yield source
        else:
            yield from read_source(source, max_bytes, stdin)
        if on_progress:
            on_progress(done, len(sources))


def iter_articles(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Iterator[Article | InputProblem]:
    """Articles and problems, one input at a time."""
    records = iter_records(paths, max_bytes=max_bytes, stdin=stdin, on_progress=on_progress)
    return articles_of(records, max_bytes)


def load_articles(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Read every input; bad ones become problems, good ones articles. Never raises for bad input.

    `on_progress(done, total)` is called after each input file (for progress bars).
    """
    result = IngestResult()
    for item in iter_articles(paths, max_bytes=max_bytes, stdin=stdin, on_progress=on_progress):
        result.inputs += 1
        if isinstance(item, InputProblem):
            result.problems.append(item)
        else:
            result.articles.append(item)
    return result
