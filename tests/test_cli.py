"""End-to-end: the `storyweave brief` command on the bundled examples, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyweave.cli import app

runner = CliRunner()
BOILERPLATE = ("Image source", "Image caption", "Media caption", "pic.twitter", "@TacomaFire",
               "Smoke rises over the Port", "Footage shows thick smoke", "This story is developing",
               "Check back for updates", "Share this article", "newsletter", "Reporting by")


def brief_json(*args: str) -> dict:
    result = runner.invoke(app, ["brief", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module", params=["models", "no-models"])
def fire(request) -> dict:
    """The fire story's brief, with the default models and with --no-models (every fallback)."""
    flags = ["--no-models"] if request.param == "no-models" else []
    return brief_json(str(Path(__file__).parent.parent / "examples" / "tacoma-fire"), *flags)


def ids_by_file(brief: dict) -> dict[str, str]:
    return {Path(a["source"]).stem: a["id"] for a in brief["articles"]}


def test_quote_carried_by_three_outlets_is_one_fact_cited_to_all_of_them(fire):
    ids = ids_by_file(fire)
    quote = [f for f in fire["facts"] if "We were lucky" in f["text"]]
    assert len(quote) == 1
    assert {ids["reuters-plant-fire"], ids["tacoma-ledger"], ids["nw-news-network"]} <= set(quote[0]["articles"])


def test_boilerplate_never_reaches_the_summary_or_facts(fire):
    texts = [s["text"] for s in fire["summary"]] + [f["text"] for f in fire["facts"]]
    for text in texts:
        for junk in BOILERPLATE:
            assert junk not in text


def test_degraded_article_is_flagged_repaired_and_cited(fire):
    degraded = [a for a in fire["articles"] if a["degraded"]]
    assert [Path(a["source"]).name for a in degraded] == ["pnw-wire-degraded.txt"]
    cited = {c for s in fire["summary"] for c in s["citations"]}
    assert degraded[0]["id"] in cited
    # the summary quotes clean articles, not the repaired twin, where a clean one says the same
    assert all(s["text"].lstrip("\"'")[0].isupper() for s in fire["summary"])


def test_number_conflict_is_not_cited_as_support(fire):
    ids = ids_by_file(fire)
    for sentence in fire["summary"]:
        if "12 workers" in sentence["text"]:
            assert ids["tacoma-ledger"] not in sentence["citations"]  # it says fourteen


def test_metadata_is_inferred_and_its_origin_recorded(fire):
    by_file = {Path(a["source"]).name: a for a in fire["articles"]}
    reuters = by_file["reuters-plant-fire.txt"]
    assert (reuters["outlet"], reuters["published"], reuters["published_from"]) == ("Reuters", "2024-03-04", "header")
    assert by_file["harbour-news.md"]["published_from"] == "header"
    assert by_file["tacoma-ledger.html"]["outlet"] == "The Tacoma Ledger"
    assert by_file["nw-news-network.json"]["published_from"] == "metadata"
    assert fire["story"]["article_count"] == 5


def test_summary_respects_the_word_budget(examples):
    brief = brief_json(str(examples / "port-alder-mayor"), "--words", "80")
    assert sum(len(s["text"].split()) for s in brief["summary"]) <= 80
    assert all(s["citations"] for s in brief["summary"])


def test_no_models_says_so_in_provenance(examples):
    brief = brief_json(str(examples / "port-alder-mayor"), "--no-models")
    assert brief["provenance"]["components"]["embeddings"] == "tfidf"
    assert brief["provenance"]["components"]["entities"].startswith("rules")


def test_bad_inputs_exit_1_with_one_line_each_and_the_rest_is_processed(tmp_path, examples):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.json").write_text("{nope")
    result = runner.invoke(app, ["brief", str(examples / "port-alder-mayor"), str(tmp_path), "-f", "md"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert sorted(lines) == sorted([f"storyweave: skipped {tmp_path / 'bad.json'}: malformed JSON: "
                                    "Expecting property name enclosed in double quotes at line 1 column 2",
                                    f"storyweave: skipped {tmp_path / 'empty.txt'}: empty file"])
    assert "## Summary" in result.stdout
    assert "Traceback" not in result.stderr


def test_nothing_usable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["brief", str(tmp_path / "empty.txt"), str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no usable articles" in result.stderr


def test_output_file_and_html(tmp_path, examples):
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["brief", str(examples / "tacoma-fire"), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0
    html = out.read_text()
    assert html.startswith("<!doctype html>") and "Sources" in html
    # without --format, the output file's name says it; "markdown" is "md"
    for name, start in (("b.html", "<!doctype html>"), ("b.md", "# "), ("b.json", "{")):
        assert runner.invoke(app, ["brief", str(examples / "tacoma-fire"), "-o", str(tmp_path / name)]).exit_code == 0
        assert (tmp_path / name).read_text().startswith(start)
    shown = runner.invoke(app, ["brief", str(examples / "tacoma-fire"), "-f", "markdown"])
    assert shown.exit_code == 0 and shown.stdout.startswith("# ")


def test_stdin(examples):
    text = (examples / "port-alder-mayor" / "ap-mayor-steps-aside.txt").read_text()
    result = runner.invoke(app, ["brief", "-", "-f", "json"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"][0]["source"] == "stdin:1"


# --- The analysis half of the brief, on the examples' traps -------------------------------------

def test_name_spelled_two_ways_is_one_person_and_a_name_disagreement(fire):
    volkov = next(e for e in fire["entities"] if e["name"] == "Sergei Volkov")
    assert {"Sergei Volkov", "Sergey Volkov", "Volkov"} <= set(volkov["aliases"])
    assert len(volkov["articles"]) == 5  # the degraded article's lowercase mention included
    [name] = [d for d in fire["disagreements"] if d["kind"] == "name"]
    assert {p["value"] for p in name["positions"]} == {"Sergei Volkov", "Sergey Volkov"}


def test_quote_has_its_speaker_and_every_outlet_including_the_degraded_one(fire):
    ids = ids_by_file(fire)
    [quote] = [q for q in fire["quotes"] if "We were lucky" in q["text"]]
    assert quote["speaker"] == "Maria Delgado"
    assert set(quote["articles"]) == set(ids.values())
    assert quote["variants"]


def test_relative_dates_resolve_and_the_wrong_header_date_is_flagged(fire):
    ids = ids_by_file(fire)
    dated = {(e["date"], e["resolved_from"]) for e in fire["timeline"]}
    assert ("2023-09", "last September") in dated
    assert any(date == "2024-03-04" and "Monday" in expr for date, expr in dated)
    assert not any(date.startswith("2024-04") for date, _ in dated)  # nothing read against the bad header
    [header] = [d for d in fire["disagreements"] if d["kind"] == "date"]
    assert "swapped" in header["description"]
    assert header["positions"][0]["articles"] == [ids["harbour-news"]]
    assert [e["date"] for e in fire["timeline"]] == sorted(e["date"] for e in fire["timeline"])


def test_numbers_that_differ_between_outlets(fire):
    ids = ids_by_file(fire)
    [number] = [d for d in fire["disagreements"] if d["kind"] == "number"]
    values = {p["value"]: p["articles"] for p in number["positions"]}
    assert values["Fourteen workers"] == [ids["tacoma-ledger"]]
    assert ids["reuters-plant-fire"] in values["12 workers"]


def test_a_story_that_moved_on_is_a_development_not_a_contradiction(examples):
    brief = brief_json(str(examples / "port-alder-mayor"))
    kinds = [d["kind"] for d in brief["disagreements"]]
    assert "claim" not in kinds
    [development] = [d for d in brief["disagreements"] if d["kind"] == "development"]
    earlier, later = development["positions"]
    assert "resisted" in earlier["value"] and "stepped aside" in later["value"]
    [money] = [d for d in brief["disagreements"] if d["kind"] == "number"]
    assert {p["value"].split()[0] for p in money["positions"]} == {"$4.2", "$4.5"}
    assert any(d["kind"] == "name" and {"Linda Carraway", "Linda Caraway"} == {p["value"] for p in d["positions"]}
               for d in brief["disagreements"])


def test_coverage_lists_what_only_one_article_reports_and_what_it_leaves_out(fire):
    rows = {r["article"]: r for r in fire["coverage"]}
    assert set(rows) == {a["id"] for a in fire["articles"]}
    assert all(r["only_here_count"] >= len(r["only_here"]) for r in rows.values())
    assert any(r["left_out_count"] for r in rows.values())


def test_articles_of_another_story_are_set_aside_and_listed_unless_all_is_asked(examples, tmp_path):
    fire, mayor = str(examples / "tacoma-fire"), str(examples / "port-alder-mayor")
    mixed = runner.invoke(app, ["brief", fire, mayor, "--format", "json"])
    assert mixed.exit_code == 0 and "set aside (tells another story)" in mixed.stderr
    [line] = [line for line in mixed.stderr.splitlines() if line.startswith("set aside")]
    assert line.count("port-alder-mayor") == 4  # one line, however long: the four files on it
    brief = json.loads(mixed.stdout)
    assert {Path(a["source"]).parent.name for a in brief["articles"]} == {"tacoma-fire"}
    [group] = brief["set_aside"]
    assert group["reason"] == "tells another story"
    assert len(group["articles"]) == 4 and all("port-alder-mayor" in a["source"] for a in group["articles"])
    assert "set aside" in brief["provenance"]["components"]["story"]
    assert "Port Alder" not in " ".join(s["text"] for s in brief["summary"])
    import jsonschema  # the published contract covers what was set aside

    schema = Path(__file__).resolve().parents[1] / "src" / "storyweave" / "schema" / "brief.schema.json"
    jsonschema.validate(brief, json.loads(schema.read_text()))
    shown = runner.invoke(app, ["brief", fire, mayor, "--format", "md"]).stdout
    assert "## Set aside" in shown and "1. Tells another story: " in shown and "ap-mayor-steps-aside.txt" in shown
    # --all briefs everything given as one story; one story alone has nothing to set aside
    whole = brief_json(fire, mayor, "--all")
    assert len(whole["articles"]) == 9 and whole["set_aside"] == []
    assert brief_json(fire)["set_aside"] == [] and brief_json(mayor)["set_aside"] == []


def test_a_page_of_site_furniture_alone_is_set_aside_with_its_reason(examples, tmp_path):
    page = tmp_path / "furniture.txt"
    page.write_text("An ultra-low latency infrastructure for electronic trading and data distribution. A connected "
                    "approach to governance, risk and compliance. Our next generation legal research platform.\n")
    result = runner.invoke(app, ["brief", str(examples / "tacoma-fire"), str(page), "--format", "json"])
    assert result.exit_code == 0
    brief = json.loads(result.stdout)
    assert all(a["source"] != str(page) for a in brief["articles"])
    [group] = brief["set_aside"]
    assert group["reason"].startswith("too little text after cleaning") and group["articles"][0]["source"] == str(page)
