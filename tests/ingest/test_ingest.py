from __future__ import annotations

import io
import json
from pathlib import Path

from storyweave.ingest import load_articles
from storyweave.model import content_id

BODY = ("The harbour authority said on Tuesday that the new terminal would open next spring, "
        "two years later than planned, because of rising costs and a shortage of steel. "
        "Officials said the delay would cost the port about 40 million dollars in lost fees.")


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_plain_text_keeps_source_and_gets_a_content_id(tmp_path):
    path = write(tmp_path, "a.txt", BODY)
    result = load_articles([str(path)])
    assert not result.problems
    [article] = result.articles
    assert article.source == str(path)
    assert article.id == content_id(BODY)
    # the id is stable under re-wrapping and case: the same text from elsewhere gets the same id
    assert content_id(BODY.upper().replace(" ", "\n")) == article.id


def test_json_list_jsonl_and_csv_records_are_named_by_position(tmp_path):
    records = [{"headline": "Terminal delayed", "body": BODY, "publisher": "Port Daily",
                "pubDate": "2024-05-07"}, {"title": "Second", "content": BODY + " More."}]
    json_path = write(tmp_path, "many.json", json.dumps(records))
    jsonl_path = write(tmp_path, "many.jsonl", "\n".join(json.dumps(r) for r in records))
    csv_path = write(tmp_path, "one.csv", f'title,text,source\nTerminal,"{BODY}",Port Daily\n')
    result = load_articles([str(json_path), str(jsonl_path), str(csv_path)])
    assert not result.problems
    sources = [a.source for a in result.articles]
    assert sources == [f"{json_path}:1", f"{json_path}:2", f"{jsonl_path}:1", f"{jsonl_path}:2", f"{csv_path}:2"]
    first = result.articles[0]
    assert (first.title, first.outlet, first.published, first.published_from) == (
        "Terminal delayed", "Port Daily", "2024-05-07", "metadata")


def test_newswire_sgml_gives_one_article_per_doc_with_its_wire_service_day_and_headline(tmp_path):
    # Gigaword's layout: several <DOC>s a file, the id naming the service and day, a headline
    gigaword = write(tmp_path, "afp_eng_200905", f"""<DOC id="AFP_ENG_20090531.0001" type="story" >
<HEADLINE>
Port delay costs &AMP; fees
</HEADLINE>
<DATELINE>
ROTTERDAM, May 31, 2009 (AFP)
</DATELINE>
<TEXT>
<P>
{BODY}
</P>
<P>
``We had no choice,'' the harbour master said.
</P>
</TEXT>
</DOC>
<DOC id="AFP_ENG_20090531.0002" type="advis" >
<HEADLINE>Advisory</HEADLINE>
</DOC>
""")
    # DUC 2004's layout (no extension): the number in <DOCNO>, the text wrapped, no headline
    wrapped = BODY.replace(". ", ".\n")
    duc = write(tmp_path, "NYT19981026.0292",
                f"<DOC>\n<DOCNO> NYT19981026.0292 </DOCNO>\n<TEXT>\n{wrapped}\n</TEXT>\n</DOC>\n")
    result = load_articles([str(gigaword), str(duc)])
    assert [p.source for p in result.problems] == [f"{gigaword}:2"]
    assert "no <TEXT>" in result.problems[0].reason
    wire, newspaper = result.articles
    assert (wire.source, wire.outlet, wire.published, wire.title) == (
        f"{gigaword}:1", "AFP", "2009-05-31", "Port delay costs & fees")
    assert wire.dateline == "ROTTERDAM, May 31, 2009 (AFP)"
    assert "<P>" not in wire.text and wire.text.endswith('"We had no choice," the harbour master said.')
    assert (newspaper.source, newspaper.outlet, newspaper.published) == (str(duc), "New York Times", "1998-10-26")
    assert "DOCNO" not in newspaper.text and newspaper.text.startswith("The harbour authority said")


def test_html_main_text_and_metadata_via_trafilatura(tmp_path):
    html = f"""<html><head><title>Terminal delayed | Port Daily</title>
    <meta property="og:site_name" content="Port Daily">
    <meta property="article:published_time" content="2024-05-07T10:00:00Z"></head>
    <body><nav>Home News Sports Weather</nav><article><h1>Terminal delayed</h1>
    <p>{BODY}</p><p>{BODY.replace('Tuesday', 'Monday')}</p></article>
    <footer>Contact us. Privacy policy.</footer></body></html>"""
    [article] = load_articles([str(write(tmp_path, "page.html", html))]).articles
    assert "Privacy policy" not in article.text and "Home News" not in article.text
    assert article.text.count("harbour authority") == 2
    assert article.outlet == "Port Daily"
    assert article.published.startswith("2024-05-07")


def test_encodings_utf16_bom_utf8_bom_and_cp1252_are_detected(tmp_path):
    text = "Caf\u00e9 owners in S\u00e3o Paulo said the \u201cnew rules\u201d were unfair. " + BODY
    paths = [
        write(tmp_path, "u16.txt", text.encode("utf-16")),
        write(tmp_path, "u8bom.txt", text.encode("utf-8-sig")),
        write(tmp_path, "cp.txt", text.encode("cp1252")),
    ]
    result = load_articles([str(p) for p in paths])
    assert not result.problems
    for article in result.articles:
        assert article.text.startswith('Caf\u00e9 owners in S\u00e3o Paulo said the "new rules"')


def test_bad_inputs_are_named_with_a_reason_and_the_rest_is_kept(tmp_path):
    good = write(tmp_path, "good.txt", BODY)
    paths = {
        "empty": write(tmp_path, "empty.txt", ""),
        "binary": write(tmp_path, "blob.txt", bytes(range(256)) * 10),
        "big": write(tmp_path, "big.txt", "word " * 300_000),
        "json": write(tmp_path, "broken.json", '{"text": "unterminated'),
        "short": write(tmp_path, "short.txt", "Just a headline"),
    }
    jsonl = write(tmp_path, "mixed.jsonl", json.dumps({"text": BODY}) + "\n{oops\n" + json.dumps([1]) + "\n")
    result = load_articles([str(good), *map(str, paths.values()), str(jsonl), str(tmp_path / "missing.txt")],
                           max_bytes=1_000_000)
    reasons = {p.source: p.reason for p in result.problems}
    assert reasons[str(paths["empty"])] == "empty file"
    assert reasons[str(paths["binary"])].startswith("binary file")
    assert reasons[str(paths["big"])].startswith("too large")
    assert reasons[str(paths["json"])].startswith("malformed JSON")
    assert reasons[str(paths["short"])].startswith("too little text")
    assert reasons[f"{jsonl}:2"].startswith("malformed JSON line")
    assert reasons[f"{jsonl}:3"].startswith("expected a JSON object")
    assert reasons[str(tmp_path / "missing.txt")] == "no such file or folder"
    assert [a.source for a in result.articles] == [str(good), f"{jsonl}:1"]
    assert all("\n" not in str(p) for p in result.problems)


def test_folders_recurse_globs_expand_and_hidden_files_are_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/a.txt", BODY)
    write(tmp_path, "b.md", "# Terminal delayed\n\n" + BODY)
    write(tmp_path, ".hidden.txt", BODY + " hidden")
    from_folder = load_articles([str(tmp_path)])
    assert sorted(Path(a.source).name for a in from_folder.articles) == ["a.txt", "b.md"]
    assert {a.title for a in from_folder.articles} == {None, "Terminal delayed"}
    from_glob = load_articles([str(tmp_path / "**" / "*.txt")])
    assert [Path(a.source).name for a in from_glob.articles] == ["a.txt"]


def test_stdin_plain_text_and_json_lines(tmp_path):
    [article] = load_articles(["-"], stdin=io.BytesIO(BODY.encode())).articles
    assert article.source == "stdin:1"
    lines = "\n".join(json.dumps({"text": BODY + f" Item {i}."}) for i in range(2)).encode()
    result = load_articles(["-"], stdin=io.BytesIO(lines))
    assert [a.source for a in result.articles] == ["stdin:1", "stdin:2"]


def test_the_same_page_read_twice_in_one_process_keeps_its_text_and_metadata(tmp_path):
    html = (f"<html><head><meta property='og:site_name' content='Port Daily'><title>T</title></head>"
            f"<body><article><p>{BODY}</p><p>{BODY.replace('Tuesday', 'Friday')}</p></article></body></html>")
    path = write(tmp_path, "page.html", html)
    first = load_articles([str(path)]).articles[0]
    second = load_articles([str(path)]).articles[0]
    assert (second.text, second.outlet) == (first.text, first.outlet) == (second.text, "Port Daily")


def test_a_jsonl_feed_larger_than_the_limit_is_streamed_record_by_record(tmp_path):
    lines = [json.dumps({"text": BODY + f" Item {i}."}) for i in range(40)]
    lines.insert(5, json.dumps({"text": "x " * 5000}))  # one record over the limit
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    result = load_articles([str(path)], max_bytes=4000)  # the file is far larger than 4 kB
    assert len(result.articles) == 40
    assert [(p.source, p.reason.split(" (")[0]) for p in result.problems] == [(f"{path}:6", "too large")]
    assert result.articles[5].source == f"{path}:7"


def test_pages_in_another_language_or_garbled_are_skipped_degraded_english_is_kept(tmp_path):
    from storyweave.ingest import not_english

    french = ("Le gouvernement français a annoncé mardi de nouvelles mesures contre la grippe porcine, "
              "dont la fermeture de plusieurs écoles dans le sud du pays et une campagne de vaccination. ") * 3
    garbled = ("B # Y t # Vi # t Nam khuy n c o ng i d n r # a tay th ng xuy n v eo kh u trang n i ng ng i "
               "Th nh ph # H # Ch Minh t ng c ng gi m s t c c c # a kh u s n bay qu c t # m a d ch c m cents ") * 2
    degraded = BODY.lower().replace(",", "  ").replace(".", "  ")
    assert not_english(french).startswith("not English prose (0%") and not_english(garbled)
    assert not_english(BODY * 3) is None and not_english(degraded * 3) is None
    assert not_english("B # Y t # Vi # t Nam khuy n c o") is None  # too few words to judge
    paths = [write(tmp_path, "fr.txt", french), write(tmp_path, "en.txt", BODY)]
    result = load_articles([str(p) for p in paths])
    assert [a.source for a in result.articles] == [str(paths[1])]
    assert [(p.source, p.reason.split(" (")[0]) for p in result.problems] == [(str(paths[0]), "not English prose")]


def test_newswire_sgml_lines_wrapped_by_the_wire_read_as_running_text(tmp_path):
    # A short wire item (too few lines for the general unwrapping) soft-wrapped with a space at each
    # line's end, and a <P> paragraph broken over lines: each is one paragraph, not lines that end sentences.
    short = write(tmp_path, "APW19981031.0720", "<DOC>\n<DOCNO> APW19981031.0720 </DOCNO>\n<TEXT>\n"
                  "At least 40 people were reported dead on the island after the former \n"
                  "hurricane passed, officials of the emergency agency \n"
                  "said Saturday. \n</TEXT>\n</DOC>\n")
    paragraphs = write(tmp_path, "xin.sgml", "<DOC id=\"XIN_ENG_20090101.0001\">\n<TEXT>\n<P>\nThe port said the\n"
                       "terminal would open in spring.\n</P>\n<P>\nIt gave no reason.\n</P>\n</TEXT>\n</DOC>\n")
    first, second = load_articles([str(short), str(paragraphs)]).articles
    assert first.text == ("At least 40 people were reported dead on the island after the former hurricane passed, "
                          "officials of the emergency agency said Saturday.")
    assert second.text.split("\n\n") == ["The port said the terminal would open in spring.", "It gave no reason."]
