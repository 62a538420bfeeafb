"""The evaluation harness on tiny datasets in the published layouts (built here, not copied)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyweave.cli import app
from storyweave.evaluate.summaries import parse_peers

pytest.importorskip("rouge_score")
pytest.importorskip("sumy")
runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def story_texts(story: str) -> list[str]:
    from storyweave.ingest import load_articles

    return [a.text for a in load_articles([str(EXAMPLES / story)]).articles]


def make_duc(root: Path) -> Path:
    for number, story in enumerate(["tacoma-fire", "port-alder-mayor"], start=1):
        docs = root / "docs" / f"d{number:05d}t"
        docs.mkdir(parents=True)
        for i, text in enumerate(story_texts(story)):
            (docs / f"DOC{i}").write_text(f"<DOC>\n<DOCNO> DOC{i} </DOCNO>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n")
        refs = root / "refs" / "references"
        refs.mkdir(parents=True, exist_ok=True)
        first = story_texts(story)[0].split(". ")
        (refs / f"d{number:05d}.m.100.t.a").write_text(". ".join(first[:3]))
        (refs / f"d{number:05d}.m.100.t.b").write_text(". ".join(first[1:4]))
        peers = root / "refs" / "peers"
        peers.mkdir(parents=True, exist_ok=True)
        (peers / f"d{number:05d}.OLD").write_text("An old system wrote this short and unhelpful summary.")
    return root


def test_duc_layout_all_peers_predictions_and_json(tmp_path):
    duc = make_duc(tmp_path / "duc")
    predictions, results = tmp_path / "pred.jsonl", tmp_path / "results.json"
    result = runner.invoke(app, ["eval", "summaries", str(duc), "--dataset", "duc", "--peers", "all",
                                 "--predictions-out", str(predictions), "--out", str(results)])
    assert result.exit_code == 0, result.output
    for name in ("storyweave", "lead", "lexrank", "textrank", "lsa", "OLD (published)"):
        assert name in result.stdout
    assert "95% CI" in result.stdout
    lines = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["d00001", "d00002"]
    assert all(len(line["summary"].split()) >= 50 for line in lines)
    data = json.loads(results.read_text())
    assert data["measure"] == "recall" and data["words"] == 100
    systems = {s["name"]: s for s in data["systems"]}
    assert systems["storyweave"]["clusters"] == 2 and systems["OLD (published)"]["published"]
    assert systems["storyweave"]["rouge1"] > systems["OLD (published)"]["rouge1"]
    interval = data["versus_best_peer"]["rouge1"]
    assert interval["low"] <= interval["difference"] <= interval["high"]


def test_small_stories_draw_the_same_articles_every_run_and_leave_published_outputs_out(tmp_path):
    from storyweave.evaluate.datasets import read_duc, small_stories

    duc = make_duc(tmp_path / "duc")
    drawn = [list(small_stories(read_duc(duc), 2)) for _ in range(2)]
    assert [[a.id for a in c.articles] for c, _ in drawn[0]] == [[a.id for a in c.articles] for c, _ in drawn[1]]
    whole = {cluster.id: cluster for cluster, _ in read_duc(duc)}
    for cluster, published in drawn[0]:
        assert len(cluster.articles) == 2 and not published
        assert {a.id for a in cluster.articles} <= {a.id for a in whole[cluster.id].articles}
        assert cluster.references == whole[cluster.id].references  # scored against the whole cluster's
    result = runner.invoke(app, ["eval", "summaries", str(duc), "--dataset", "duc", "--articles", "2",
                                 "--peers", "lead"])
    assert result.exit_code == 0, result.output
    assert "lead" in result.stdout and "OLD (published)" not in result.stdout


def test_multinews_layout_with_limit_and_chosen_peers(tmp_path):
    path = tmp_path / "mn.jsonl.gz"
    with gzip.open(path, "wt") as out:
        for idx, story in enumerate(["tacoma-fire", "port-alder-mayor", "tacoma-fire"]):
            texts = story_texts(story)
            out.write(json.dumps({"idx": idx, "raw_document": texts + [""], "summary": texts[0]}) + "\n")
    result = runner.invoke(app, ["eval", "summaries", str(path), "--dataset", "multinews", "--limit", "2",
                                 "--peers", "lead,lexrank", "--words", "120", "--selector", "coverage"])
    assert result.exit_code == 0, result.output
    assert "f1 at 120 words, 2 clusters" in result.stdout
    assert "textrank" not in result.stdout


def make_timeline17(root: Path) -> Path:
    """Two outlets of one topic: articles a day, and each outlet's reference timeline."""
    texts = story_texts("tacoma-fire")
    for outlet, days in (("wire", ["2024-03-04", "2024-03-05"]), ("ledger", ["2024-03-05", "2024-03-09"])):
        folder = root / f"fire_{outlet}"
        for n, (day, text) in enumerate(zip(days * 3, texts, strict=False)):
            (folder / "InputDocs" / day).mkdir(parents=True, exist_ok=True)
            (folder / "InputDocs" / day / f"{n}.htm.txt").write_text(text)
        timeline = [["2024-03-04", [texts[0].split(". ")[0] + "."]], ["2024-03-09", ["Nothing was published."]]]
        (folder / "timelines.jsonl").write_text(json.dumps(timeline) + "\n")
    return root


def test_timeline17_days_are_stories_scored_against_each_timelines_entry(tmp_path):
    from storyweave.evaluate.datasets import read_timeline17

    root = make_timeline17(tmp_path / "t17")
    clusters = list(read_timeline17(root, min_articles=3))
    # 2024-03-04 and the day after, from both outlets; 2024-03-09 has too few articles
    [(day, published)] = clusters
    assert day.id == "fire:2024-03-04" and not published
    assert len(day.references) == 2  # one entry from each outlet's timeline
    assert {a.published for a in day.articles} == {"2024-03-04", "2024-03-05"}
    assert {a.outlet for a in day.articles} == {"wire", "ledger"}
    result = runner.invoke(app, ["eval", "summaries", str(root), "--dataset", "timeline17", "--peers", "lead"])
    assert result.exit_code == 0, result.output
    assert "f1 at 50 words, 1 clusters" in result.stdout


def test_bad_arguments_are_clear_errors(tmp_path):
    assert runner.invoke(app, ["eval", "summaries", str(tmp_path / "nope"), "--dataset", "duc"]).exit_code == 2
    with pytest.raises(ValueError, match="unknown peer 'bert'"):
        parse_peers("lead,bert")
    result = runner.invoke(app, ["eval", "summaries", str(tmp_path), "--dataset", "duc", "--selector", "x"])
    assert result.exit_code == 2 and "unknown selector" in result.stderr
