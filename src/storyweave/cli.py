"""The `storyweave` command line. It mirrors the library: each command calls the public functions.

Exit codes: 0 all inputs used; 1 some inputs skipped (each named on stderr, one line each);
2 nothing usable was given (or the command was used wrongly).
"""

from __future__ import annotations

import statistics
import sys
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
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storyweave import __version__
from storyweave.errors import InputProblem

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Turn news articles from many outlets into stories with cited multi-source briefs.",
)
stderr = Console(stderr=True, highlight=False)

EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING = 0, 1, 2


class Format(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"


def report_problems(problems: list[InputProblem]) -> None:
    """One line per skipped input on stderr: the file (or record) and the reason."""
    for problem in problems:
        print(f"storyweave: skipped {problem}", file=sys.stderr)


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(),
                    console=stderr, transient=True, disable=not stderr.is_terminal)


@app.command()
def brief(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    words: Annotated[int, typer.Option(min=20, max=5000, help="Summary length budget in words.")] = 200,
    no_models: Annotated[bool, typer.Option(
        "--no-models", help="Use no model: TF-IDF vectors and rule-based entities.")] = False,
    embedder: Annotated[str, typer.Option(help="Embedder: auto, static or tfidf.")] = "auto",
    max_mb: Annotated[float, typer.Option(help="Skip inputs larger than this many MB.")] = 5.0,
) -> None:
    """Write a cited multi-source brief of the articles given (about one story)."""
    from storyweave.ingest import load_articles
    from storyweave.pipeline import BriefConfig, build_brief
    from storyweave.render import render
    from storyweave.render.text import brief_renderable

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
        config = BriefConfig(words=words, embedder="tfidf" if no_models else embedder,
                             ner_model=not no_models)
        try:
            stages = iter(range(1, 5))
            progress.update(task, completed=0, total=4)
            made = build_brief(result.articles, config, on_stage=lambda name: progress.update(
                task, description=name, completed=next(stages, 4) - 1))
        except ValueError as exc:  # e.g. an unknown embedder name
            progress.stop()
            print(f"storyweave: error: {exc}", file=sys.stderr)
            raise typer.Exit(EXIT_NOTHING) from None

    if output is None and format is Format.text:
        Console(highlight=False).print(brief_renderable(made))
    else:
        rendered = render(made, format.value)
        if output is None:
            sys.stdout.write(rendered)
        else:
            output.write_text(rendered, encoding="utf-8")
            stderr.print(f"wrote {output} ({len(made.summary)} summary sentences, "
                         f"{len(made.articles)} articles)")
    raise typer.Exit(EXIT_SKIPPED if result.problems else EXIT_OK)


eval_app = typer.Typer(no_args_is_help=True, help="Measure storyweave against peers on public datasets.")
app.add_typer(eval_app, name="eval")


class Dataset(StrEnum):
    duc = "duc"
    multinews = "multinews"


@eval_app.command("summaries")
def eval_summaries(
    path: Annotated[Path, typer.Argument(help="DUC 2004-style folder, or Multi-News .jsonl(.gz) file.")],
    dataset: Annotated[Dataset, typer.Option(help="The layout of PATH.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N clusters.")] = None,
    start: Annotated[int, typer.Option(min=0, help="Multi-News: skip the first N clusters (held-out half).")] = 0,
    words: Annotated[int | None, typer.Option(min=10, help="Budget (default: DUC 100, Multi-News 250).")] = None,
    peers: Annotated[str, typer.Option(help="all, none, or a list: lead,lexrank,textrank,lsa.")] = "all",
    predictions_out: Annotated[Path | None, typer.Option(help="Write each summary as JSON lines.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write the results as JSON.")] = None,
    no_models: Annotated[bool, typer.Option("--no-models", help="Use no model: TF-IDF vectors.")] = False,
    selector: Annotated[str, typer.Option(help="Summary sentence selection: mmr or coverage.")] = "mmr",
) -> None:
    """ROUGE of storyweave's summaries beside peers run on the same clusters (and, for DUC 2004,
    the published systems' outputs), with a 95% bootstrap interval for the difference."""
    import json

    from storyweave.evaluate.datasets import read_duc, read_multinews
    from storyweave.evaluate.summaries import evaluate, parse_peers
    from storyweave.pipeline import BriefConfig

    if not path.exists():
        print(f"storyweave: error: {path}: no such file or folder", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    from storyweave.summarize import SELECTORS

    if selector not in SELECTORS:
        print(f"storyweave: error: unknown selector {selector!r}; choose {', '.join(SELECTORS)}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING)
    try:
        peer_names = parse_peers(peers)
    except ValueError as exc:
        print(f"storyweave: error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING) from None
    if dataset is Dataset.duc:
        budget, measure = words or 100, "recall"
        clusters = list(read_duc(path, limit))
    else:
        budget, measure = words or 250, "f1"
        clusters = [(cluster, {}) for cluster in read_multinews(path, limit, start)]
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
        )
    console = Console(highlight=False)
    console.print(results_table(result))
    if predictions_out:
        predictions_out.write_text("\n".join(written) + "\n", encoding="utf-8")
    if out:
        out.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")


def results_table(result) -> Table:  # noqa: ANN001 - an Evaluation, imported lazily
    title = (f"{result.dataset}: ROUGE {result.measure} at {result.words} words, "
             f"{len(result.systems['storyweave'].per_cluster)} clusters")
    table = Table(title=title)
    for column in ("system", "ROUGE-1", "ROUGE-2", "s/cluster"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for system in result.ranked():
        seconds = f"{statistics.mean(system.seconds):.3f}" if system.seconds else "—"
        style = "bold" if system.name == "storyweave" else None
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
