"""The app's pages, rendered on the server: stories, a story's brief, an article, adding articles.

No page runs inline script; the only script (`static/app.js`, job progress) is served from here.
Everything from articles goes through Jinja's autoescaping.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated

import jinja2
from fastapi import FastAPI, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from storyweave import __version__
from storyweave.ingest import DEFAULT_MAX_BYTES, articles_of, read_bytes
from storyweave.ingest.formats import Record
from storyweave.model import Brief
from storyweave.nlp.sentences import split_article
from storyweave.render.html import brief_context
from storyweave.store import Store
from storyweave.web.app import ID_PATTERN, check_token, moved_to, service_of

HERE = FilePath(__file__).parent
PAGE_SIZE = 50
SPARK_DAYS = 60  # the sparkline's width in days, at most
PageId = Annotated[str, Path(pattern=ID_PATTERN)]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(HERE / "templates"),
                                    jinja2.PackageLoader("storyweave.render", "templates")]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True)


def page_html(request: Request, template: str, **context: object) -> str:
    return _environment().get_template(template).render(
        version=__version__, token_required=bool(request.app.state.token), **context)


def page(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(page_html(request, template, **context), status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return page(request, "error.html.j2", status_code=status_code, status=status_code, message=message)


def sparkline(days: dict[str, int], width: int = 120, height: int = 24) -> str:
    """SVG polyline points for articles per day, from the first day to the last (at most SPARK_DAYS)."""
    if not days:
        return ""
    try:
        parsed = {date.fromisoformat(d): n for d, n in days.items()}
    except ValueError:
        return ""
    last = max(parsed)
    first = max(min(parsed), date.fromordinal(last.toordinal() - SPARK_DAYS + 1))
    span = (last - first).days + 1
    counts = [parsed.get(date.fromordinal(first.toordinal() + i), 0) for i in range(span)]
    top = max(counts) or 1
    step = width / max(1, span - 1)
    if span == 1:
        return f"0,{height / 2:.1f} {width},{height / 2:.1f}"
    return " ".join(f"{i * step:.1f},{height - 2 - (c / top) * (height - 4):.1f}" for i, c in enumerate(counts))


def highlighted_sentences(brief: Brief, article_id: str) -> list[tuple[str, str]]:
    """(sentence, role) for each sentence of an article as the brief read it: "summary" if a
    summary sentence cites it, "shared" if other outlets report it too, else ""."""
    article = next((a for a in brief.articles if a.id == article_id), None)
    if article is None:
        return []
    summary_facts = {s.fact for s in brief.summary if s.fact is not None}
    roles: dict[int, str] = {}
    for index, fact in enumerate(brief.facts):
        role = "summary" if index in summary_facts else "shared" if len(fact.articles) > 1 else ""
        for sentence in fact.sentences:
            if sentence.article_id == article_id and role and roles.get(sentence.index) != "summary":
                roles[sentence.index] = role
    return [(s.text, roles.get(s.index, "")) for s in split_article(article)]


def schema_type(schema: dict) -> str:
    """A short type for an OpenAPI schema: "string", "integer | null", "array of ArticleIn"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(schema_type(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return "array of " + schema_type(schema.get("items", {}))
    if "enum" in schema:
        return " | ".join(f'"{value}"' for value in schema["enum"])
    return str(schema.get("type", "any"))


def schema_details(schema: dict) -> str:
    options = [schema, *schema.get("anyOf", [])]
    limits = {"minLength": "at least {} characters", "maxLength": "at most {} characters", "minimum": "≥ {}",
              "maximum": "≤ {}", "minItems": "at least {} items", "maxItems": "at most {} items",
              "pattern": "matching {}"}
    parts = [schema["description"]] if schema.get("description") else []
    parts += [text.format(_number(option[key])) for option in options for key, text in limits.items() if key in option]
    if schema.get("default") is not None:
        parts.append(f"default {schema['default']}")
    return "; ".join(parts)


def _number(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def api_operations(spec: dict, base: str) -> list[dict]:
    """The operations of an OpenAPI schema, flattened for the API docs page."""
    schemas = spec.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                           "type": schema_type(p.get("schema", {})),
                           "details": schema_details({**p.get("schema", {}), **({"description": p["description"]}
                                                                                 if "description" in p else {})})}
                          for p in operation.get("parameters", [])]
            body = None
            content = operation.get("requestBody", {}).get("content", {})
            for media, described in content.items():
                ref = described.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
                model = schemas.get(ref, {})
                fields = [{"name": name, "type": schema_type(field), "details": schema_details(field),
                           "required": name in model.get("required", [])}
                          for name, field in model.get("properties", {}).items()]
                for name, field in model.get("properties", {}).items():  # one level of nesting
                    inner = schemas.get(schema_type(field.get("items", field)), {})
                    fields += [{"name": f"{name}[].{sub}", "type": schema_type(spec_field),
                                "details": schema_details(spec_field), "required": sub in inner.get("required", [])}
                               for sub, spec_field in inner.get("properties", {}).items()]
                body = {"media": media, "fields": fields}
                break
            example = f"curl -s '{base}{path}'"
            if method == "post":
                example = (f"curl -s -X POST '{base}{path}' -H 'content-type: application/json'"
                           + (" -H \"authorization: Bearer $STORYWEAVE_TOKEN\"" if path == "/api/articles" else "")
                           + " -d '{\"articles\": [{\"text\": \"...\", \"outlet\": \"...\"}]}'")
            operations.append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").strip("-"),
                "parameters": parameters, "body": body, "example": example,
                "responses": [(code, answer.get("description", "")) for code, answer in operation["responses"].items()]})
    return operations


def mount_pages(app: FastAPI) -> None:
    @app.get("/static/brief.css", include_in_schema=False)
    def brief_css() -> Response:  # the report's own stylesheet: one file for both
        return Response(_environment().loader.get_source(_environment(), "brief.css")[0], media_type="text/css")

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
                     since: Annotated[str | None, Query(max_length=40)] = None,
                     until: Annotated[str | None, Query(max_length=40)] = None,
                     outlet: Annotated[str | None, Query(max_length=200)] = None,
                     page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
        with service_of(request).reader() as store:
            found = store.stories(search=q or None, since=since or None, until=until or None, outlet=outlet or None,
                                  limit=PAGE_SIZE + 1, offset=(page_number - 1) * PAGE_SIZE)
            activity = store.activity([s.id for s in found])
            outlets = store.outlets()
            counts = store.counts()
        rows = [{**s.to_dict(), "spark": sparkline(activity.get(s.id, {}))} for s in found[:PAGE_SIZE]]
        return page(request, "stories.html.j2", stories=rows, outlets=outlets, counts=counts,
                    filters={"q": q or "", "since": since or "", "until": until or "", "outlet": outlet or ""},
                    page=page_number, more=len(found) > PAGE_SIZE)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: PageId, request: Request) -> Response:
        service = service_of(request)

        def build(store: Store) -> str | None:
            listed = store.stories(ids=[story_id])
            brief = service.brief_object(store, story_id) if listed else None
            if brief is None:
                return None
            return page_html(request, "story.html.j2", stored=listed[0], article_link="/articles/",
                             **brief_context(brief))

        html = await service.read(("story page", story_id),
                                  lambda store: service.versioned(store, story_id, "page", lambda: build(store)))
        if html is None:
            return (moved_to(request, story_id, await service.successor(story_id))
                    or error_page(request, 404, f"no story {story_id!r}"))
        return HTMLResponse(html)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: PageId, request: Request) -> HTMLResponse:
        service = service_of(request)
        with service.reader() as store:
            found = store.articles(ids=[article_id])
            placement = store.placement(article_id)
            if not found or placement is None:
                return error_page(request, 404, f"no article {article_id!r}")
            story, duplicate_of = placement
            brief = service.brief_object(store, story) if story else None
        article = found[0]
        sentences = highlighted_sentences(brief, article_id) if brief else []
        if not sentences:  # a near-duplicate is not in the brief itself: its text, unmarked
            sentences = [(s.text, "") for s in split_article(article)]
        return page(request, "article.html.j2", article=article, story=story, duplicate_of=duplicate_of,
                    sentences=sentences, repaired=next((a for a in (brief.articles if brief else [])
                                                        if a.id == article_id and a.original_text), None))

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        spec = request.app.openapi()
        return page(request, "api.html.j2", spec=spec,
                    operations=api_operations(spec, str(request.base_url).rstrip("/")))

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request) -> HTMLResponse:
        return page(request, "add.html.j2", max_mb=DEFAULT_MAX_BYTES / 1e6)

    @app.post("/add", include_in_schema=False)
    async def add_submit(request: Request, files: Annotated[list[UploadFile] | None, File()] = None,
                         text: Annotated[str, Form(max_length=1_000_000)] = "",
                         title: Annotated[str, Form(max_length=1000)] = "",
                         outlet: Annotated[str, Form(max_length=200)] = "",
                         url: Annotated[str, Form(max_length=2000)] = "",
                         published: Annotated[str, Form(max_length=40)] = "",
                         token: Annotated[str, Form(max_length=500)] = "") -> Response:
        try:
            check_token(request, token or None)
        except HTTPException as exc:
            return error_page(request, exc.status_code, str(exc.detail))
        items: list = []
        for upload in files or []:
            if not upload.filename:
                continue
            name = FilePath(upload.filename).name[:200] or "upload"  # a label only: never a path
            data = await upload.read(DEFAULT_MAX_BYTES + 1)
            items.extend(articles_of(read_bytes(data, name, DEFAULT_MAX_BYTES)))
        if text.strip():
            fields = {k: v for k, v in {"text": text, "title": title, "outlet": outlet, "url": url,
                                        "published": published}.items() if v.strip()}
            items.extend(articles_of([Record("pasted:1", fields)]))
        if not items:
            return error_page(request, 422, "nothing to add: choose files or paste an article's text")
        job = service_of(request).submit(items)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: PageId, request: Request) -> HTMLResponse:
        job = service_of(request).jobs.get(job_id)
        if job is None:
            return error_page(request, 404, f"no job {job_id!r}")
        return page(request, "job.html.j2", job=job.to_dict())
