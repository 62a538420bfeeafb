"""Readers for each input format. Each turns decoded text into records: (source, fields).

A record's `fields` use the names of `metadata.FIELD_NAMES` or the input's own names; `source`
says exactly where the record came from ("file.jsonl:12", "file.csv:3", "file.json:2").
A malformed record inside a multi-record file is reported and skipped; its siblings are kept.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from storyweave.errors import InputError, InputProblem
from storyweave.ingest.metadata import parse_date


@dataclass
class Record:
    source: str
    fields: dict[str, Any]


Reader = Callable[[str, str], Iterator["Record | InputProblem"]]


def read_plain(text: str, source: str) -> Iterator[Record | InputProblem]:
    yield Record(source, {"text": text})


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(\S(?:.*?\S)?)\1")


def read_markdown(text: str, source: str) -> Iterator[Record | InputProblem]:
    """Markdown to plain text: a leading '# Heading' becomes the title; links keep their words."""
    fields: dict[str, Any] = {}
    if text.startswith("---\n"):  # YAML-style front matter: "key: value" lines
        end = text.find("\n---", 4)
        if end != -1:
            for line in text[4:end].splitlines():
                key, sep, value = line.partition(":")
                if sep and value.strip():
                    fields[key.strip()] = value.strip().strip("\"'")
            text = text[end + 4:]
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
            if "title" not in fields and not any(ln.strip() for ln in lines):
                fields["title"] = heading
                continue
            line = heading
        if re.fullmatch(r"[-*_]{3,}", stripped):
            continue
        line = re.sub(r"^\s*>\s?", "", line)  # block quotes keep their words
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    fields["text"] = "\n".join(lines)
    yield Record(source, fields)


def read_html(text: str, source: str) -> Iterator[Record | InputProblem]:
    """Main text and metadata of a web page, via trafilatura (with a plain-text fallback)."""
    import trafilatura  # imported here: it is only needed for HTML inputs

    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=False, deduplicate=False,  # its dedup cache is process-wide: a re-read page would lose text
    )
    fields: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        fields = {
            "text": data.get("text") or "",
            "title": data.get("title"),
            "author": data.get("author"),
            "url": data.get("url"),
            "outlet": data.get("sitename") or data.get("hostname"),
            "date": data.get("date"),
        }
    if not (fields.get("text") or "").strip():
        import lxml.html

        try:
            root = lxml.html.fromstring(text)
        except Exception:  # lxml raises several unrelated types for broken markup
            yield InputProblem(source, "malformed HTML with no readable text")
            return
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        fields["text"] = root.text_content()
    yield Record(source, fields)


def _records_from_json_value(value: Any, source: str) -> Iterator[Record | InputProblem]:
    if isinstance(value, dict):
        for key in ("articles", "documents", "items", "data", "results"):
            if isinstance(value.get(key), list):
                value = value[key]
                break
    if isinstance(value, dict):
        yield Record(source, value)
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                yield Record(f"{source}:{number}", item)
            elif isinstance(item, str):
                yield Record(f"{source}:{number}", {"text": item})
            else:
                yield InputProblem(f"{source}:{number}", f"expected an object, got {type(item).__name__}")
    else:
        yield InputProblem(source, f"expected a JSON object or list, got {type(value).__name__}")


def read_json(text: str, source: str) -> Iterator[Record | InputProblem]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    yield from _records_from_json_value(value, source)


def read_jsonl(text: str, source: str) -> Iterator[Record | InputProblem]:
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{line_number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        if isinstance(value, dict):
            yield Record(where, value)
        else:
            yield InputProblem(where, f"expected a JSON object, got {type(value).__name__}")


def read_csv(text: str, source: str) -> Iterator[Record | InputProblem]:
    csv.field_size_limit(1 << 27)
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames or len(reader.fieldnames) < 2:
        raise InputError("malformed CSV: expected a header row with a text column")
    first_line = 2  # the line a row starts on (a quoted cell may span several lines)
    try:
        for row in reader:
            where = f"{source}:{first_line}"
            first_line = reader.line_num + 1
            if None in row:  # more cells than header names
                yield InputProblem(where, "malformed CSV row: more cells than columns")
                continue
            yield Record(where, {k: v for k, v in row.items() if k is not None})
    except csv.Error as exc:
        yield InputProblem(f"{source}:{reader.line_num}", f"malformed CSV: {exc}")


# Newswire corpora in SGML (TREC, TIPSTER, DUC/TAC, LDC's Gigaword and TDT): <DOC> elements whose
# document number names the wire service and the day ("APW19981016.0240", "AFP_ENG_20090531.0001").
_SGML_DOC = re.compile(r"<DOC(\s[^>]*)?>(.*?)</DOC>", re.S | re.I)
_SGML_ID = re.compile(r"\bid\s*=\s*[\"']?([^\"'>\s]+)", re.I)
_WIRE_DAY = re.compile(r"^([A-Z]+)(?:_[A-Z]+_?)?((?:19|20)\d{6})\b")
# LDC's codes for wire services (Gigaword, DUC/TAC, TDT): the outlet a document number names.
WIRE_SERVICES = {
    "AFP": "AFP", "AFE": "AFP", "APW": "AP", "APE": "AP", "NYT": "New York Times", "XIN": "Xinhua",
    "XIE": "Xinhua", "LTW": "Los Angeles Times/Washington Post", "WPB": "Washington Post/Bloomberg",
    "CNA": "Central News Agency", "UMD": "University of Maryland", "CNN": "CNN", "ABC": "ABC News",
    "NBC": "NBC News", "PRI": "Public Radio International", "VOA": "Voice of America",
}


def _sgml_element(body: str, *names: str) -> str | None:
    for name in names:
        found = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", body, re.S | re.I)
        if found:
            return _sgml_text(found.group(1))
    return None


def _sgml_text(markup: str) -> str:
    """An element's words: a paragraph in <P> tags is one line, a line the wire ended with a space
    (its soft wrap) goes on in the next, other tags go, entities ("&AMP;") are decoded."""
    markup = re.sub(r"<P(?:\s[^>]*)?>(.*?)</P>", lambda p: "\n\n" + " ".join(p.group(1).split()) + "\n\n",
                    markup, flags=re.I | re.S)
    markup = re.sub(r"</?P(?:\s[^>]*)?>", "\n\n", markup, flags=re.I)
    markup = re.sub(r"[ \t]+\r?\n(?=[ \t]*\S)", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()


def read_sgml(text: str, source: str) -> Iterator[Record | InputProblem]:
    """Newswire SGML: one record per <DOC>, its <TEXT> the text; <HEADLINE>, <DATELINE> and the date
    (<DATE_TIME>, <DATE>, or the day in the document number) kept, and the wire service named by
    the number's letters as outlet. A file of several documents names each `source:N`."""
    documents = _SGML_DOC.findall(text)
    for number, (attributes, body) in enumerate(documents, start=1):
        where = f"{source}:{number}" if len(documents) > 1 else source
        given_id = _SGML_ID.search(attributes or "")
        docno = _sgml_element(body, "DOCNO", "DOCID") or (given_id.group(1) if given_id else None)
        fields: dict[str, Any] = {"text": _sgml_element(body, "TEXT") or ""}
        if not fields["text"]:
            yield InputProblem(where, f"SGML document {docno or number} has no <TEXT>")
            continue
        wire = _WIRE_DAY.match(docno.strip()) if docno else None
        day = f"{wire.group(2)[:4]}-{wire.group(2)[4:6]}-{wire.group(2)[6:]}" if wire else None
        stamp = _sgml_element(body, "DATE_TIME", "DATETIME", "DATE")
        optional = {"title": _sgml_element(body, "HEADLINE", "HL", "HEAD"),
                    "date": stamp if stamp and parse_date(stamp) else day,
                    "outlet": WIRE_SERVICES.get(wire.group(1)) if wire else None,
                    "dateline": _sgml_element(body, "DATELINE")}
        fields.update({k: v for k, v in optional.items() if v})
        yield Record(where, fields)


def sniff_reader(text: str) -> Reader:
    """For stdin and unknown extensions: JSON, JSON lines, HTML or plain text, by content."""
    head = text.lstrip()[:2000]
    if head.startswith("["):
        return read_json
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0].strip()
        if first_line.endswith("}") and text.strip().count("\n") > 0:
            return read_jsonl
        return read_json
    if re.match(r"(?i)\s*<DOC[\s>]", head):
        return read_sgml
    if re.match(r"(?is)\s*(<!doctype html|<html|<head|<body|<article)", head):
        return read_html
    return read_plain


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".sgml": read_sgml,
    ".sgm": read_sgml,
}
