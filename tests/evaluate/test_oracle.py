"""The greedy extractive oracle: an upper bound that reads the references."""

from __future__ import annotations

import gzip
import json

import pytest
from typer.testing import CliRunner

from storyweave.cli import app
from storyweave.evaluate.oracle import oracle
from storyweave.model import Article

pytest.importorskip("rouge_score")
runner = CliRunner()

ARTICLES = [
    Article(id="a", source="a", text="The council approved the new budget on Monday. Critics said the plan "
            "ignored the harbour. The mayor thanked the volunteers for their help."),
    Article(id="b", source="b", text="Heavy rain flooded the harbour district overnight. Several boats sank "
            "near the pier. The weather service expects more storms this week."),
]


def test_oracle_picks_the_sentences_the_reference_tells_and_stops_when_nothing_adds():
    reference = "Heavy rain flooded the harbour district overnight. The council approved the new budget."
    summary = oracle(ARTICLES, 100, [reference], "f1")
    assert summary.startswith("Heavy rain flooded the harbour district overnight.")
    assert "The council approved the new budget on Monday." in summary
    # Sentences that share nothing with the reference would only lower F1: left out.
    assert "boats" not in summary and "volunteers" not in summary


def test_oracle_respects_the_budget_and_the_measure():
    reference = " ".join(a.text for a in ARTICLES)
    # Recall never falls as sentences are added: the budget alone stops it.
    summary = oracle(ARTICLES, 20, [reference], "recall")
    assert 20 <= len(summary.split()) < 20 + 12


def test_eval_prints_the_oracle_beside_the_systems_and_never_compares_against_it(tmp_path):
    path = tmp_path / "mn.jsonl.gz"
    with gzip.open(path, "wt") as out:
        for idx in range(2):
            texts = [a.text for a in ARTICLES]
            out.write(json.dumps({"idx": idx, "raw_document": texts, "summary": texts[idx]}) + "\n")
    results = tmp_path / "results.json"
    result = runner.invoke(app, ["eval", "summaries", str(path), "--dataset", "multinews", "--peers", "lead",
                                 "--words", "40", "--oracle", "--out", str(results)])
    assert result.exit_code == 0, result.output
    assert "oracle (upper bound)" in result.stdout
    data = json.loads(results.read_text())
    systems = {s["name"]: s for s in data["systems"]}
    assert systems["oracle (upper bound)"]["bound"]
    assert systems["oracle (upper bound)"]["rouge1"] >= systems["storyweave"]["rouge1"]
    assert data["versus_best_peer"]["rouge1"]["best_peer"] == "lead"
