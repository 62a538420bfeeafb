"""The `storyweave` command line. It mirrors the library: each command calls the public functions.

Exit codes: 0 all inputs used; 1 some inputs skipped (each named on stderr, one line each);
2 nothing usable was given (or the command was used wrongly).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from storyweave import __version__
from storyweave.errors import InputProblem
from storyweave.store import DEFAULT_DB

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Turn news articles from many outlets into stories with cited multi-source briefs.",
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line, however long

EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING = 0, 1, 2


class Format(StrEnum):
    text = "text"
    md = "md"
    markdown = "markdown"
    json = "json"
    html = "html"


_FORMAT_OF_SUFFIX = {".md": Format.md, ".markdown": Format.md, ".json": Format.json, ".html": Format.html,
                     ".htm": Format.html}


def output_format(format: Format | None, output: Path | None) -> Format:
    """The format asked for, else the one the output file's name says ("brief.html"), else text."""
    if format is not None:
        return Format.md if format is Format.markdown else format
    return _FORMAT_OF_SUFFIX.get(output.suffix.lower(), Format.text) if output else Format.text


def report_problems(problems: list[InputProblem]) -> None:
    """One line per skipped input on stderr: the file (or record) and the reason."""
    for problem in problems:
        print(f"storyweave: skipped {problem}", file=sys.stderr)


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=stderr, transient=True, disable=not stderr.is_terminal)


@app.command()
def brief(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, globs, or - for stdin.")] = None,
    story: Annotated[str | None, typer.Option(help="A stored story's id (see `storyweave stories`).")] = None,
    db: Annotated[Path, typer.Option(help="The store, for --story.")] = Path(DEFAULT_DB),
    format: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format (default: from the --output file's name, else text).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    words: Annotated[int, typer.Option(min=20, max=5000, help="Summary length budget in words.")] = 200,
    no_models: Annotated[bool, typer.Option(
        "--no-models", help="Use no model: TF-IDF vectors and rule-based entities.")] = False,
    embedder: Annotated[str, typer.Option(help="Embedder: auto, static or tfidf.")] = "auto",
    max_mb: Annotated[float, typer.Option(help="Skip inputs larger than this many MB.")] = 5.0,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="With --story: build the brief afresh, not from the store's cache.")] = False,
    all_articles: Annotated[bool, typer.Option(
        "--all", help="Brief every article given as one story (by default, articles that tell other "
                      "stories than the main one are set aside and listed).")] = False,
) -> None:
    """Write a cited multi-source brief of the articles given (about one story), or of a stored story."""
    from storyweave.pipeline import BriefConfig

    config = BriefConfig(words=words, embedder="tfidf" if no_models else embedder, ner_model=not no_models,
                         one_story=not all_articles)
    format = output_format(format, output)
    if story is not None:
        _stored_brief(story, db, config, format, output, rebuild)
        raise typer.Exit(EXIT_OK)
    if not paths:
        print("storyweave: error: give files, folders or - for stdin (or --story ID)", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    from storyweave.ingest import load_articles

    with _progress() as progress:
        task = progress.add_task("reading files", total=None)
        result = load_articles(
            paths, max_bytes=int(max_mb * 1024 * 1024),
            on_progress=lambda done, total: progress.update(task, completed=done, total=total))
        report_problems(result.problems)
        if not result.articles:
            progress.stop()
            print("storyweave: error: no usable articles in the input", file=sys.stderr)
            raise typer.Exit(EXIT_NOTHING)
        made = _build(result.articles, config, progress, task)
    _emit(made, format, output)
    raise typer.Exit(EXIT_SKIPPED if result.problems else EXIT_OK)


def _build(articles: list, config, progress: Progress, task: TaskID):
    from storyweave.pipeline import build_brief

    stages = iter(range(1, 6))
    progress.update(task, completed=0, total=5)
    try:
        return build_brief(articles, config, on_stage=lambda name: progress.update(
            task, description=name, completed=next(stages, 5) - 1))
    except ValueError as exc:  # e.g. an unknown embedder name
        progress.stop()
        print(f"storyweave: error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from None


def _emit(made, format: Format, output: Path | None) -> None:
    from storyweave.render import render
    from storyweave.render.text import brief_renderable

    for group in made.set_aside:
        stderr.print(f"set aside ({group.reason}): " + ", ".join(a.source for a in group.articles))
    if output is None and format is Format.text:
        Console(highlight=False).print(brief_renderable(made))
        return
    _write(render(made, format.value), output, f"{len(made.summary)} summary sentences, {len(made.articles)} articles")


def _write(rendered: str, output: Path | None, what: str) -> None:
    if output is None:
        sys.stdout.write(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")
        stderr.print(f"wrote {output} ({what})")


def _current_story(store, story: str) -> str:
    """The story id as it is now: one that a merge or a re-clustering replaced leads, with a note,
    to the story that took most of its articles."""
    current = store.current_story(story)
    if current is not None and current != story:
        stderr.print(f"story {story} is now part of story {current}")
        return current
    return story


def _stored_brief(story: str, db: Path, config, format: Format, output: Path | None, rebuild: bool) -> None:
    """A stored story's brief, from the cache unless the story changed since it was built (or `rebuild`)."""
    from storyweave.pipeline import stored_brief

    store = _open_store(db)
    story = _current_story(store, story)
    with _progress() as progress:
        task = progress.add_task("writing the brief", total=None)
        rendered = stored_brief(store, story, format.value, config, rebuild=rebuild,
                                on_stage=lambda name: progress.update(task, description=name))
    store.close()
    if rendered is None:
        print(f"storyweave: error: {db}: no story {story!r}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    _write(rendered, output, f"story {story}")


def _open_store(db: Path):
    from storyweave.store import Store

    try:
        return Store(db)
    except Exception as exc:  # duckdb raises several types for an unusable file
        print(f"storyweave: error: {db}: cannot open the store ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from None


class Engine(StrEnum):
    local = "local"
    ray = "ray"


EngineOption = Annotated[Engine, typer.Option(help="Where the work runs: this process, or a Ray cluster.")]
AddressOption = Annotated[str | None, typer.Option(
    help="With --engine ray: the cluster (auto or HOST:PORT; ray:// needs ray[client]); default: start a local one.")]
WorkersOption = Annotated[int | None, typer.Option(min=1, help="With --engine ray: worker processes (default: all CPUs).")]


def _ray_or_exit(run):
    """Run a Ray-engine call; a missing extra or an unreachable cluster is a one-line error."""
    from storyweave.distributed.runtime import RayUnavailable

    try:
        return run()
    except RayUnavailable as exc:
        print(f"storyweave: error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from None


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: Annotated[Path, typer.Option(help="The store (an embedded DuckDB file).")] = Path(DEFAULT_DB),
    no_models: Annotated[bool, typer.Option("--no-models", help="Use no model: hashed word vectors.")] = False,
    max_mb: Annotated[float, typer.Option(help="Skip inputs larger than this many MB.")] = 5.0,
    refine: Annotated[bool, typer.Option(
        help="At the end, re-cluster the stories this run touched, with their neighbours, in one batch "
             "(up to 20,000 articles; beyond, run `storyweave cluster`).")] = True,
    engine: EngineOption = Engine.local,
    address: AddressOption = None,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Worker processes. With --engine ray: Ray workers (default: all CPUs). Locally: 2 "
                    "(the default on two or more CPUs) cleans and embeds articles in a second process "
                    "while the first places them into stories; 1 does all in one.")] = None,
    out: Annotated[Path | None, typer.Option(
        help="With --engine ray: write the results as Parquet shards in this folder (read with --db DIR).")] = None,
) -> None:
    """Add articles to the store: deduplicated, and clustered into stories as they arrive."""
    from storyweave.store import ReadOnlyStore

    if out is not None and engine is not Engine.ray:
        print("storyweave: error: --out needs --engine ray (a local ingest writes the --db file)", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    embedder, max_bytes = "hashing" if no_models else "auto", int(max_mb * 1024 * 1024)
    store = _open_store(db) if out is None else None
    try:
        with _progress() as progress:
            task = progress.add_task("ingesting", total=None)
            if engine is Engine.ray:
                from storyweave.distributed import ray_ingest, ray_ingest_to_parquet

                started = time.monotonic()

                def shown(report, shards: int) -> None:
                    done = report.added + report.duplicates + report.near_duplicates + len(report.skipped)
                    rate = done / max(time.monotonic() - started, 1e-9)
                    progress.update(task, completed=report.shards, total=shards,
                                    description=f"ingesting on Ray: {done:,} articles ({rate:,.0f}/s), shards")

                options = {"address": address, "workers": workers, "embedder": embedder, "max_bytes": max_bytes,
                           "on_progress": shown, "refine": refine}
                if out is not None:
                    report, rows = _ray_or_exit(lambda: ray_ingest_to_parquet(paths, out, **options))
                    stderr.print(f"Parquet shards in {out}: " + ", ".join(f"{n} {t}" for t, n in rows.items()))
                else:
                    report = _ray_or_exit(lambda: ray_ingest(paths, store, **options))
            else:
                from storyweave.stories import ingest as ingest_articles

                # A second process cleans and embeds each batch while this one places the one
                # before: on two cores, the same stories sooner.
                local_workers = workers or min(2, os.cpu_count() or 1)
                report = ingest_articles(
                    paths, store, embedder=embedder, max_bytes=max_bytes, refine=refine,
                    prepare_workers=1 if local_workers > 1 else 0,
                    on_progress=lambda done, total: progress.update(task, completed=done, total=total),
                    on_batch=lambda r: progress.update(task, description=f"ingesting: {r.added} added"))
    except ReadOnlyStore as exc:
        print(f"storyweave: error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from None
    finally:
        if store is not None:
            store.close()
    report_problems(report.skipped)
    counts = {key: value for key, value in report.to_dict().items()
              if value or key not in ("refined", "moved", "unrefined")}  # refinement: only when it ran
    stderr.print(", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items()))
    if counts.get("unrefined"):
        stderr.print(f"{counts['unrefined']:,} articles were too many to re-cluster at the end of an ingest: "
                     "run `storyweave cluster` to re-cluster them")
    done_before = getattr(report, "shards_skipped", 0)  # a Ray re-run skips what it finished
    if not report.added and not report.duplicates and not report.near_duplicates and not done_before:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_SKIPPED if report.skipped else EXIT_OK)


@app.command()
def cluster(
    db: Annotated[Path, typer.Option(help="The store.")] = Path(DEFAULT_DB),
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only articles published on or before this date.")] = None,
    window: Annotated[str | None, typer.Option(
        help="The last N days of the store, e.g. 7d (counted back from its newest article).")] = None,
    threshold: Annotated[float | None, typer.Option(  # None: the pair model's
        min=0.01, max=1.0, show_default="0.3",
        help="Average probability that two articles tell one story at which clusters join.")] = None,
    no_models: Annotated[bool, typer.Option("--no-models", help="Use no model: hashed word vectors.")] = False,
    engine: EngineOption = Engine.local,
    address: AddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Re-cluster the stored articles of a time window (default: all) in one batch."""
    from datetime import date, timedelta

    store = _open_store(db)
    if window:
        if not (window.endswith("d") and window[:-1].isdigit()):
            print(f"storyweave: error: --window {window!r}: expected a number of days such as 7d", file=sys.stderr)
            raise typer.Exit(EXIT_NOTHING)
        newest = store.latest_published()
        if newest:
            since = (date.fromisoformat(newest[:10]) - timedelta(days=int(window[:-1]))).isoformat()
    with _progress() as progress:
        task = progress.add_task("comparing articles", total=None)
        options = {"since": since, "until": until, "embedder": "hashing" if no_models else "auto",
                   "on_progress": lambda done, total: progress.update(task, completed=done, total=total)}
        if threshold is not None:
            options["threshold"] = threshold
        if engine is Engine.ray:
            from storyweave.distributed import ray_recluster

            report = _ray_or_exit(lambda: ray_recluster(store, address=address, workers=workers, **options))
        else:
            from storyweave.stories import recluster

            report = recluster(store, **options)
    store.close()
    span = f" published {since or '…'} to {until or '…'}" if since or until else ""
    stderr.print(f"{report.articles} articles{span}: {report.stories_before} stories before, "
                 f"{report.stories_after} after, {report.moved} articles moved ({report.method})")
    raise typer.Exit(EXIT_OK if report.articles else EXIT_NOTHING)


@app.command()
def serve(
    db: Annotated[Path, typer.Option(help="The store.")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on (localhost only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    no_models: Annotated[bool, typer.Option("--no-models", help="Use no model: TF-IDF vectors, rule NER.")] = False,
    cors_origin: Annotated[list[str] | None, typer.Option(help="Allow this origin (CORS); repeatable.")] = None,
) -> None:
    """Run the web app and HTTP API on the store. Set STORYWEAVE_TOKEN to require a token for writes."""
    import uvicorn

    from storyweave.pipeline import BriefConfig
    from storyweave.web import create_app

    _open_store(db).close()  # a clear error now rather than from inside the server
    # Briefs: TF-IDF fitted per story; the store's vectors: hashed words, one space for all articles.
    app = create_app(db, config=BriefConfig(embedder="tfidf" if no_models else "auto", ner_model=not no_models),
                     embedder="hashing" if no_models else "auto",
                     cors_origins=cors_origin or None)
    stderr.print(f"storyweave: serving {db} on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


class ListFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def stories(
    db: Annotated[Path, typer.Option(help="The store.")] = Path(DEFAULT_DB),
    since: Annotated[str | None, typer.Option(help="Only stories with articles from this date on.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories this outlet covered.")] = None,
    search: Annotated[str | None, typer.Option(help="Only stories whose title or text has this.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """The stored stories, largest and most recent first."""
    import json

    store = _open_store(db)
    found = store.stories(since=since, outlet=outlet, search=search, limit=limit)
    store.close()
    if format is ListFormat.json:
        sys.stdout.write(json.dumps([s.to_dict() for s in found], indent=2) + "\n")
        return
    console = Console(highlight=False)
    wide = console.width >= 110  # a narrow terminal keeps its width for the titles
    table = Table(title=f"{len(found)} stories")
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1, min_width=24)
    table.add_column("articles" if wide else "n", no_wrap=True, justify="right")
    table.add_column("outlets", overflow="ellipsis", max_width=30 if wide else 16)
    for column in ("first", "last") if wide else ("last",):
        table.add_column(column, no_wrap=True)
    for s in found:
        dates = [(s.first_published or "")[:10], (s.last_published or "")[:10]]
        table.add_row(s.id, s.title, str(s.article_count),
                      ", ".join(s.outlets[:4]) + ("…" if len(s.outlets) > 4 else ""), *(dates if wide else dates[1:]))
    console.print(table)


@app.command()
def articles(
    story: Annotated[str, typer.Option(help="A story id.")],
    db: Annotated[Path, typer.Option(help="The store.")] = Path(DEFAULT_DB),
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.text,
) -> None:
    """The articles of a stored story."""
    import json

    store = _open_store(db)
    rows = store.export_rows(story=_current_story(store, story))
    store.close()
    if not rows:
        print(f"storyweave: error: {db}: no story {story!r}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    for row in rows:
        duplicate = f"  (duplicate of {row['duplicate_of']})" if row["duplicate_of"] else ""
        print(f"{row['id']}  {(row['published'] or '')[:10]:10s}  {row['outlet'] or '-':24.24s}  "
              f"{row['title'] or ''}{duplicate}  [{row['source']}]")


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    db: Annotated[Path, typer.Option(help="The store.")] = Path(DEFAULT_DB),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Every stored article as one record: id, source, outlet, title, published, story, duplicate_of."""
    import csv
    import io
    import json

    store = _open_store(db)
    rows = store.export_rows()
    store.close()
    if format is ExportFormat.jsonl:
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    _write(text, output, f"{len(rows)} articles")


eval_app = typer.Typer(no_args_is_help=True, help="Measure storyweave against peers on public datasets.")
app.add_typer(eval_app, name="eval")


class Dataset(StrEnum):
    duc = "duc"
    multinews = "multinews"
    timeline17 = "timeline17"


@eval_app.command("summaries")
def eval_summaries(
    path: Annotated[Path, typer.Argument(
        help="DUC 2004-style folder, Multi-News .jsonl(.gz) file, or Timeline17 folder (its days as stories).")],
    dataset: Annotated[Dataset, typer.Option(help="The layout of PATH.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N clusters.")] = None,
    start: Annotated[int, typer.Option(min=0, help="Multi-News: skip the first N clusters (held-out half).")] = 0,
    words: Annotated[int | None, typer.Option(
        min=10, help="Budget (default: DUC 100, Multi-News 250, Timeline17 50).")] = None,
    peers: Annotated[str, typer.Option(help="all, none, or a list: lead,lexrank,textrank,lsa.")] = "all",
    oracle: Annotated[bool, typer.Option(
        "--oracle", help="Also the greedy extractive oracle, an upper bound that reads the references.")] = False,
    predictions_out: Annotated[Path | None, typer.Option(help="Write each summary as JSON lines.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the results as JSON.")] = None,
    no_models: Annotated[bool, typer.Option("--no-models", help="Use no model: TF-IDF vectors.")] = False,
    selector: Annotated[str, typer.Option(
        help="Summary sentence selection: auto (coverage for whole articles from 2+ sources, else mmr), "
             "mmr or coverage.")] = "auto",
    articles: Annotated[int | None, typer.Option(
        min=1, help="Summarise N articles drawn from each cluster (seeded): a small story, scored "
                    "against the whole cluster's references; published outputs are left out.")] = None,
) -> None:
    """ROUGE of storyweave's summaries beside peers run on the same clusters (and, for DUC 2004,
    the published systems' outputs), with a 95% bootstrap interval for the difference."""
    import json

    from storyweave.evaluate.datasets import (
        read_duc,
        read_multinews,
        read_timeline17,
        small_stories,
    )
    from storyweave.evaluate.summaries import evaluate, parse_peers
    from storyweave.pipeline import BriefConfig

    if not path.exists():
        print(f"storyweave: error: {path}: no such file or folder", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    from storyweave.summarize import SELECTORS

    if selector not in ("auto", *SELECTORS):
        print(f"storyweave: error: unknown selector {selector!r}; choose auto, {', '.join(SELECTORS)}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    try:
        peer_names = parse_peers(peers)
    except ValueError as exc:
        print(f"storyweave: error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from None
    if dataset is Dataset.duc:
        budget, measure = words or 100, "recall"
        clusters = list(read_duc(path, limit))
    elif dataset is Dataset.timeline17:  # a day's coverage against the timelines' entry for the day
        budget, measure = words or 50, "f1"
        clusters = list(read_timeline17(path, limit)) if path.is_dir() else []
    else:
        budget, measure = words or 250, "f1"
        clusters = [(cluster, {}) for cluster in read_multinews(path, limit, start)]
    if articles:
        clusters = list(small_stories(clusters, articles))
    if not clusters:
        print(f"storyweave: error: {path}: no clusters in the {dataset.value} layout", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    written: list[str] = []
    with _progress() as progress:
        task = progress.add_task("summarising clusters", total=len(clusters))
        result = evaluate(
            clusters, dataset=dataset.value, words=budget, measure=measure, peers=peer_names,
            config=BriefConfig(embedder="tfidf" if no_models else "auto", selector=selector),
            on_cluster=lambda _: progress.advance(task),
            predictions=lambda cid, text: written.append(json.dumps({"id": cid, "summary": text})),
            with_oracle=oracle,
        )
    console = Console(highlight=False)
    console.print(results_table(result))
    if predictions_out:
        predictions_out.write_text("\n".join(written) + "\n", encoding="utf-8")
    if out:
        out.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")


def results_table(result) -> Table:
    title = (f"{result.dataset}: ROUGE {result.measure} at {result.words} words, "
             f"{len(result.systems['storyweave'].per_cluster)} clusters")
    table = Table(title=title)
    for column in ("system", "ROUGE-1", "ROUGE-2", "s/cluster"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for system in result.ranked():
        seconds = f"{statistics.mean(system.seconds):.3f}" if system.seconds else "—"
        style = "bold" if system.name == "storyweave" else "dim" if system.bound else None
        table.add_row(system.name, f"{100 * system.mean('rouge1'):.2f}", f"{100 * system.mean('rouge2'):.2f}",
                      seconds, style=style)
    for metric, interval in result.intervals.items():
        if interval:
            table.caption = (table.caption or "") + (
                f"{metric}: storyweave − {interval['best_peer']} = {100 * interval['difference']:+.2f} "
                f"(95% CI {100 * interval['low']:+.2f} to {100 * interval['high']:+.2f})  ")
    return table


@app.command()
def version() -> None:
    """Print the version."""
    print(f"storyweave {__version__}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
