"""The store and incremental story clustering, through the library and the command line."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyweave import __version__
from storyweave.cli import app
from storyweave.store import Store
from storyweave.stories import ingest, pairs, recluster

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def stories_by_folder(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in store.export_rows():
        found.setdefault(Path(row["source"].split(":")[0]).parent.name, set()).add(row["story"])
    return found


def test_examples_become_two_stories_and_a_second_ingest_adds_nothing(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([str(EXAMPLES)], store)
        assert first.added == 9 and first.duplicates == 0
        by_folder = stories_by_folder(store)
        assert len(by_folder["tacoma-fire"]) == len(by_folder["port-alder-mayor"]) == 1
        assert by_folder["tacoma-fire"] != by_folder["port-alder-mayor"]
        listed = {s.article_count for s in store.stories()}
        assert listed == {5, 4}
    with Store(tmp_path / "db.duckdb") as store:  # reopened: state comes back from the file
        again = ingest([str(EXAMPLES)], store)
        assert (again.added, again.duplicates, again.stories_created) == (0, 9, 0)
        assert len(store.export_rows()) == 9


def test_a_reposted_copy_is_a_near_duplicate_in_the_same_story(tmp_path):
    original = (EXAMPLES / "tacoma-fire" / "reuters-plant-fire.txt").read_text()
    repost = tmp_path / "repost.txt"
    repost.write_text("Reposted from the wire\nSource: Daily Harbor\n\n" + original.split("\n", 2)[2].replace(
        "(Reporting by Dan Whitcomb; Editing by Sandra Maler)", "Copyright 2024 Daily Harbor."))
    with Store(":memory:") as store:
        ingest([str(EXAMPLES / "tacoma-fire")], store)
        report = ingest([str(repost)], store)
        assert (report.added, report.near_duplicates) == (1, 1)
        rows = {Path(r["source"]).name: r for r in store.export_rows()}
        assert rows["repost.txt"]["duplicate_of"] == rows["reuters-plant-fire.txt"]["id"]
        assert rows["repost.txt"]["story"] == rows["reuters-plant-fire.txt"]["story"]


def test_a_failure_mid_batch_stores_nothing_of_it_and_a_rerun_completes(tmp_path, monkeypatch):
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        real = Store.save_stories

        def interrupted(self, *args, **kwargs):
            raise KeyboardInterrupt  # as if the process were stopped after the articles were written

        monkeypatch.setattr(Store, "save_stories", interrupted)
        with pytest.raises(KeyboardInterrupt):
            ingest([str(EXAMPLES / "tacoma-fire")], store)
        assert store.export_rows() == [] and store.stories() == []
        monkeypatch.setattr(Store, "save_stories", real)
    with Store(db) as store:
        report = ingest([str(EXAMPLES / "tacoma-fire")], store)
        assert report.added == 5 and len(store.export_rows()) == 5


def test_command_line_ingest_stories_articles_export_and_cached_brief(tmp_path):
    db = str(tmp_path / "db.duckdb")
    bad = tmp_path / "inputs"
    shutil.copytree(EXAMPLES / "port-alder-mayor", bad)
    (bad / "broken.json").write_text("{nope")
    result = runner.invoke(app, ["ingest", str(bad), "--db", db])
    assert result.exit_code == 1  # something was skipped, the rest stored
    assert "broken.json: malformed JSON" in result.stderr and "4 added" in result.stderr

    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "-f", "json"]).stdout)
    assert [s["article_count"] for s in listed] == [4]
    story = listed[0]["id"]
    assert json.loads(runner.invoke(app, ["stories", "--db", db, "-f", "json", "--search", "nothing-like-this"]).stdout) == []
    assert len(json.loads(runner.invoke(app, ["stories", "--db", db, "-f", "json", "--outlet", "AP"]).stdout)) == 1

    articles = json.loads(runner.invoke(app, ["articles", "--story", story, "--db", db, "-f", "json"]).stdout)
    assert {a["source"].split("/")[-1] for a in articles} == {
        "ap-mayor-steps-aside.txt", "coastal-ledger-and-radio.json:1", "coastal-ledger-and-radio.json:2",
        "port-alder-times.csv:2"}
    exported = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--db", db, "-f", "csv"]).stdout)))
    assert {"id", "source", "outlet", "title", "published", "story", "duplicate_of"} <= set(exported[0])
    lines = runner.invoke(app, ["export", "--db", db, "-f", "jsonl"]).stdout.splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["story"] == story

    first = runner.invoke(app, ["brief", "--story", story, "--db", db, "-f", "json"])
    assert first.exit_code == 0
    # the story is now named by its brief's title, which weighs all its articles
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "-f", "json"]).stdout)
    assert listed[0]["title"] == json.loads(first.stdout)["story"]["title"]
    with Store(db) as store:
        assert store.cached_brief(story, f"json:200:auto:True:{__version__}") == first.stdout
    second = runner.invoke(app, ["brief", "--story", story, "--db", db, "-f", "json"])
    assert second.stdout == first.stdout
    with Store(db) as store:  # a cached brief is served as is; --rebuild builds it again and caches that
        store.cache_brief(story, f"json:200:auto:True:{__version__}", "stale\n")
    assert runner.invoke(app, ["brief", "--story", story, "--db", db, "-f", "json"]).stdout == "stale\n"
    rebuilt = runner.invoke(app, ["brief", "--story", story, "--db", db, "-f", "json", "--rebuild"])
    assert rebuilt.stdout == first.stdout
    assert runner.invoke(app, ["brief", "--story", story, "--db", db, "-f", "json"]).stdout == first.stdout
    assert runner.invoke(app, ["brief", "--story", "nope", "--db", db]).exit_code == 2


def test_recluster_joins_what_arrival_order_split_and_keeps_story_ids(tmp_path):
    repost = tmp_path / "feeds" / "repost.txt"
    repost.parent.mkdir()
    original = (EXAMPLES / "tacoma-fire" / "reuters-plant-fire.txt").read_text()
    repost.write_text("Reposted from the wire\nSource: Daily Harbor\n\n" + original.split("\n", 2)[2].replace(
        "(Reporting by Dan Whitcomb; Editing by Sandra Maler)", "Copyright 2024 Daily Harbor."))
    with Store(":memory:") as store:
        ingest([str(EXAMPLES), str(repost.parent)], store)
        kept = {s.id for s in store.stories()}
        assert recluster(store).moved == 0 and {s.id for s in store.stories()} == kept
        # As if every article had arrived before its story took shape: one story each.
        canonical = store.canonical_articles()
        store.reassign({row[0]: f"lone{n}" for n, row in enumerate(canonical)})
        assert len(store.stories()) == 0  # the per-article stories have no stored state yet
        report = recluster(store)
        assert (report.articles, report.stories_before, report.stories_after) == (9, 9, 2)
        by_folder = stories_by_folder(store)
        assert len(by_folder["tacoma-fire"]) == len(by_folder["port-alder-mayor"]) == 1
        assert by_folder["feeds"] == by_folder["tacoma-fire"]  # the near-duplicate followed its original
        assert sorted(s.article_count for s in store.stories()) == [4, 6]
        # a rebuilt story is titled afresh by one of its articles' headlines, not by what it was
        # called when its first article arrived
        titles = {r["title"] for r in store.export_rows()}
        fire = next(s.id for s in store.stories() if s.article_count == 6)
        store.set_story_title(fire, "June 3")
        store.reassign({next(r["id"] for r in store.export_rows() if r["story"] == fire): "lone"})
        assert recluster(store).moved == 1
        assert all(s.title in titles for s in store.stories())
        # Online ingest goes on from the rebuilt stories.
        follow_up = tmp_path / "later" / "update.txt"
        follow_up.parent.mkdir()
        follow_up.write_text("Tacoma solvent warehouse fire: investigators name the cause\n\n" + original.split("\n", 2)[2]
                             .replace("Fourteen", "Fifteen").replace("TACOMA", "SEATTLE")[:1500] + " Officials said"
                             " the Port of Tacoma warehouse fire investigation would take weeks.")
        assert ingest([str(follow_up)], store).stories_created == 0


def test_ingest_ends_by_re_clustering_the_stories_it_touched():
    # Without a model, online clustering splits the fire story (an article arrives before the
    # story has taken shape); the refinement at the end of the call puts it back together.
    with Store(":memory:") as online, Store(":memory:") as refined:
        ingest([str(EXAMPLES)], online, embedder="hashing", refine=False)
        report = ingest([str(EXAMPLES)], refined, embedder="hashing")
        assert len({r["story"] for r in online.export_rows()}) == 3
        by_folder = stories_by_folder(refined)
        assert len(by_folder["tacoma-fire"]) == len(by_folder["port-alder-mayor"]) == 1
        assert (report.refined, report.moved) == (9, 1)
        assert recluster(refined, embedder="hashing").moved == 0  # already what a batch run gives


def test_batches_read_and_prepared_in_a_worker_process_make_the_same_stores(monkeypatch, tmp_path):
    import storyweave.stories as stories
    import storyweave.stories.batch as batch
    from storyweave.ingest import DEFAULT_MAX_BYTES, iter_records
    from storyweave.ingest.formats import Record
    from storyweave.processes import Pending
    from storyweave.stories import Ingester
    from storyweave.stories.prepare import ProcessPreparer

    monkeypatch.setattr(stories, "BATCH", 2)  # many batches; the examples twice: duplicates across them
    monkeypatch.setattr(batch, "BLOCK", 2)  # the refinement's rows in many spans, some done in the worker
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Too short to be news."}\n{"title": "no text"}\n')
    inputs = [str(EXAMPLES), str(bad), str(EXAMPLES)]
    preparer = ProcessPreparer("hashing")
    try:
        preparer.start()  # else the first batches are read and prepared here while it starts
        with Store(":memory:") as here, Store(":memory:") as there:
            alone = Ingester(here, "hashing").add_all(iter_records(inputs))
            beside = Ingester(there, "hashing", preparer).add_all(iter_records(inputs))
            assert alone.to_dict() == beside.to_dict()
            assert (beside.added, beside.duplicates, len(beside.skipped), beside.refined) == (9, 9, 2, 9)
            assert sorted(p.source for p in beside.skipped) == [f"{bad}:1", f"{bad}:2"]
            columns = ("id", "source", "story", "duplicate_of")
            assert ([[r[c] for c in columns] for r in here.export_rows()]
                    == [[r[c] for c in columns] for r in there.export_rows()])
        # It was up: batches went to it.
        assert isinstance(preparer.submit([]), Pending)
        assert isinstance(preparer.read([Record("x:1", {"text": "Some text."})], DEFAULT_MAX_BYTES), Pending)
    finally:
        preparer.close()


def test_a_story_id_that_a_refinement_or_a_merge_replaced_leads_to_where_its_articles_went(tmp_path):
    from collections import Counter

    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        ingest([str(EXAMPLES)], store, embedder="hashing", refine=False)
        before = {r["id"]: r["story"] for r in store.export_rows()}
        recluster(store, embedder="hashing")
        after = {r["id"]: r["story"] for r in store.export_rows()}
        gone = set(before.values()) - set(after.values())
        assert gone  # online clustering had split the fire story; the batch joined it
        for story in gone:
            took = Counter(after[a] for a, s in before.items() if s == story).most_common(1)[0][0]
            assert store.current_story(story) == took
        assert all(store.current_story(story) == story for story in after.values())
        assert store.current_story("s0000000000") is None
        # Merged later too: the id gone first follows the chain to where its articles are now.
        first = sorted(gone)[0]
        kept = store.current_story(first)
        other = next(story for story in set(after.values()) if story != kept)
        store.merge_stories(other, kept)
        assert store.current_story(kept) == other and store.current_story(first) == other
    result = runner.invoke(app, ["brief", "--story", sorted(gone)[0], "--db", str(db), "-f", "md"])
    assert result.exit_code == 0 and f"is now part of story {other}" in result.stderr


def test_a_long_lived_ingester_places_new_articles_in_the_refined_stories():
    from storyweave.ingest import iter_articles
    from storyweave.model import Article
    from storyweave.stories import Ingester

    with Store(":memory:") as store:
        ingester = Ingester(store, "hashing")  # as the web app keeps one
        ingester.add_all(iter_articles([str(EXAMPLES)]))
        # The refinement folded the mayor story's CSV article (alone online) into the mayor story:
        # a later telling of that article must go there, not to the story that is gone.
        mayor = stories_by_folder(store)["port-alder-mayor"]
        csv_article = next(a for a in iter_articles([str(EXAMPLES / "port-alder-mayor")]) if "csv" in a.source)
        ingester.add_all([Article(id="follow-up", source="follow-up",
                                  text=csv_article.text + "\nThe council meets again on Thursday.")])
        placed = store.placement("follow-up")
        assert placed is not None and {placed[0]} == mayor
        assert {s.id for s in store.stories()} >= mayor


def test_command_line_ingest_and_cluster_without_models(tmp_path):
    from storyweave.nlp.embed import get_embedder
    from storyweave.stories.cluster import DIMS

    for name in ("auto", "hashing"):  # the store's vectors, with and without a model, share the index's size
        assert get_embedder(name).encode(["Fire guts a warehouse.", "the"]).shape == (2, DIMS)
    db = str(tmp_path / "db.duckdb")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db, "--no-models"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["cluster", "--db", db, "--no-models"]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
    assert sorted(s["article_count"] for s in listed) == [4, 5]


def test_recluster_of_a_window_leaves_other_articles_alone(tmp_path):
    with Store(":memory:") as store:
        ingest([str(EXAMPLES)], store)
        inside = {r["id"] for r in store.export_rows() if r["published"] and r["published"] <= "2024-03-12"}
        outside = {r["id"] for r in store.export_rows()} - inside  # later, or undated
        store.reassign(dict.fromkeys(outside, "elsewhere"))
        report = recluster(store, until="2024-03-12")
        assert report.articles == len(inside) > 0
        after = {r["id"]: r["story"] for r in store.export_rows()}
        assert all(after[i] == "elsewhere" for i in outside)


def test_command_line_cluster_with_a_window(tmp_path):
    db = str(tmp_path / "db.duckdb")
    runner.invoke(app, ["ingest", str(EXAMPLES), "--db", db])
    result = runner.invoke(app, ["cluster", "--db", db])
    assert result.exit_code == 0 and " ".join(result.stderr.split()) == (
        "9 articles: 2 stories before, 2 after, 0 articles moved "
        f"(same-story pair model, joined at {pairs.default_threshold():g})")
    result = runner.invoke(app, ["cluster", "--db", db, "--window", "3d"])
    assert result.exit_code == 0 and "published 2024-03-31" in result.stderr
    assert runner.invoke(app, ["cluster", "--db", db, "--window", "soon"]).exit_code == 2


def test_command_line_help_states_the_clustering_limits_in_use():
    from storyweave.stories import REFINE_UP_TO
    from storyweave.stories.pairs import default_threshold

    def help_text(command: str) -> str:
        output = runner.invoke(app, [command, "--help"]).output
        return " ".join(output.replace("│", " ").split())  # rich wraps the help in a box

    assert f"[default: ({default_threshold()})]" in help_text("cluster")
    assert f"up to {REFINE_UP_TO:,} articles" in help_text("ingest")


def test_time_counts_from_a_storys_span_so_backfilled_articles_are_not_penalised():
    from storyweave.stories.cluster import MAX_PENALTY, time_penalty

    # A story that ran from March 1 to March 30: an article of March 10 arriving last is inside it.
    assert time_penalty("2024-03-10", "2024-03-01", "2024-03-30") == 0.0
    assert time_penalty("2024-03-10", "2024-03-30") > 0.0  # against the last date alone it was not
    before = time_penalty("2024-02-01", "2024-03-01", "2024-03-30")
    after = time_penalty("2024-04-28", "2024-03-01", "2024-03-30")
    assert before == after > 0.0  # 29 days outside the span either way
    assert time_penalty("2024-03-30", "2024-03-01", "2024-03-30") == time_penalty("2024-03-01", "2024-03-01") == 0.0
    assert time_penalty("2030-01-01", "2024-03-01", "2024-03-30") == MAX_PENALTY
    assert time_penalty(None, "2024-03-01") == time_penalty("2024-03-01", "not a date") == 0.0


def test_a_batch_searched_at_once_finds_the_stories_its_own_articles_started():
    """The vector index is searched once per batch and brought up to date once per batch; an
    article must still find a story that an earlier article of the same batch started or moved."""
    import numpy as np

    from storyweave.stories.cluster import StoryIndex

    rng = np.random.default_rng(5)
    centres = rng.normal(size=(10, 128))
    order = rng.permutation(np.repeat(np.arange(10), 8))  # 10 stories, 8 articles each, interleaved
    vectors = centres[order] + rng.normal(scale=0.5, size=(len(order), 128))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)

    def place(index: StoryIndex, position: int, nearest: list[str] | None = None) -> str:
        # No words in common: only the vector search can find the story (its name then joins it).
        return index.assign(f"a{position:03d}", vectors[position], Counter(), [f"Person{order[position]}"],
                            None, nearest).story

    one_by_one = StoryIndex()
    alone = [place(one_by_one, i) for i in range(len(order))]
    batched = StoryIndex()
    together: list[str] = []
    for start in range(0, len(order), 16):
        found = batched.nearest(vectors[start:start + 16])
        together += [place(batched, start + k, near) for k, near in enumerate(found)]
    assert together == alone
    stories_of = {topic: {s for s, t in zip(together, order, strict=True) if t == topic} for topic in range(10)}
    assert all(len(stories) == 1 for stories in stories_of.values())
    assert len(batched) == 10


def synthetic_stories(stories: int = 40, size: int = 8) -> tuple[list[str], list[int]]:
    """Articles made of their story's own words and words every story uses."""

    rng = random.Random(3)
    common = [f"common{n}" for n in range(300)]
    texts, gold = [], []
    for topic in range(stories):
        own = [f"topic{topic}word{n}" for n in range(25)]
        for _ in range(size):
            texts.append(" ".join(rng.choices(own, k=30) + rng.choices(common, k=30)))
            gold.append(topic)
    return texts, gold


def test_large_windows_find_neighbours_among_ann_candidates_with_the_same_stories(monkeypatch):
    from storyweave.stories import batch
    from storyweave.stories.batch import average_linkage, neighbour_graph

    texts, gold = synthetic_stories()
    published = [None] * len(texts)
    exact = neighbour_graph(texts, published)
    monkeypatch.setattr(batch, "EXACT_UP_TO", 100)  # this window (320 articles) now counts as large
    approximate = neighbour_graph(texts, published)
    assert len(set(exact) & set(approximate)) >= 0.9 * len(exact)
    for edges in (exact, approximate):
        labels = average_linkage(len(texts), edges, 0.2)
        assert len(set(labels)) == 40 and all(len({gold[i] for i, l in enumerate(labels) if l == label}) == 1
                                               for label in set(labels))


def test_in_a_small_window_words_rare_in_english_stay_distinctive():
    """A few articles on one topic use its words everywhere; taken alone, their counts would call
    those words common. Smoothed toward general English, "wildfire" outweighs "said"."""
    import numpy as np

    from storyweave.stories.batch import english_share, smoothed_idf

    def background_idf(frequencies, documents, words):
        return smoothed_idf(np.array(frequencies), documents, np.array([english_share(w) for w in words]))

    documents = 6
    weights = background_idf([6, 6, 1], documents, ["wildfire", "said", "said"])
    assert weights[0] > weights[1] * 1.5
    assert weights[2] > weights[1]  # a word in one article of six is rarer than one in all six
    # In a large window the window's own counts decide: a word in 1 of 100,000 articles is rare
    # whatever English says, and one in half of them is common.
    large = background_idf([1, 50_000], 100_000, ["said", "wildfire"])
    assert large[0] > large[1] * 2


def test_english_frequencies_are_wordfreqs_own():
    # Plain words are looked up directly (fast); the result must be what wordfreq says, for them
    # and for the words that need its tokenizer (digits, accents, apostrophes).
    from wordfreq import word_frequency

    from storyweave.stories.batch import english_frequency

    words = ["the", "wildfire", "sessions", "qwzxv", "2017", "h5n1", "café", "don't", "obama", "x"]
    assert [english_frequency(w) for w in words] == [word_frequency(w, "en") for w in words]


def test_the_first_word_of_a_line_is_not_a_name():
    from storyweave.stories.features import names_in

    names = names_in("Headline\nOfficials met on Monday.\nThe mayor said Maria Delgado of Tacoma would testify.")
    assert "Maria Delgado" in names and "Tacoma" in names
    assert "Officials" not in names and "The" not in names and "Headline" not in names


def test_an_article_that_cleaning_leaves_too_short_is_skipped_with_its_reason(tmp_path):
    credits = " ".join(f"(AP Photo/Photographer Number {n} of Seattle)" for n in range(4))  # 24 words
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": t}) for t in [
        credits, (EXAMPLES / "tacoma-fire" / "reuters-plant-fire.txt").read_text()]) + "\n")
    with Store(":memory:") as store:
        report = ingest([str(feed)], store)
        assert report.added == 1
        assert [str(problem) for problem in report.skipped] == [
            f"{feed}:1: too little text after cleaning (0 words; an article needs 12)"]
        assert len(store.export_rows()) == 1
