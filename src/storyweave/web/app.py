"""The HTTP API (JSON, documented by its OpenAPI schema at /openapi.json) and the app around it.

    app = create_app("storyweave.duckdb")      # then: uvicorn, or `storyweave serve`

Article text is hostile input: pages escape everything (Jinja autoescape) under a strict Content
Security Policy (no inline script, nothing from elsewhere); request bodies are size-limited before
they are read; ids in paths are checked against a narrow pattern (they are only ever looked up in
the store, never used as paths); write endpoints can require a token; CORS is closed unless
origins are given.
"""

from __future__ import annotations

import hmac
import json
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyweave import __version__
from storyweave.errors import InputProblem
from storyweave.ingest import articles_of
from storyweave.ingest.formats import Record
from storyweave.pipeline import DEFAULT_CONFIG, BriefConfig, build_brief
from storyweave.render import render
from storyweave.store import DEFAULT_DB, Store
from storyweave.web.service import Service

MAX_REQUEST_MB = 20.0
MAX_ARTICLES = 1000  # per request
MAX_TEXT_CHARS = 1_000_000  # per article
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:;"
                               " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
MEDIA_TYPES = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


class ArticleIn(BaseModel):
    """One article; only `text` is required (the rest is inferred from it when missing)."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="A date, ideally ISO 8601")
    source: str | None = Field(None, max_length=300, description="Where it came from, kept as given")


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class BriefIn(ArticlesIn):
    format: Literal["json", "md", "html"] = "json"
    words: int = Field(200, ge=20, le=2000)


class ErrorOut(BaseModel):
    """Every error: a message that says what went wrong."""

    error: str


def errors(**described: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for error statuses, e.g. errors(not_found="No such story")."""
    codes = {"unauthorized": 401, "not_found": 404, "too_large": 413}
    return {codes[name]: {"model": ErrorOut, "description": text} for name, text in described.items()}


WRITE_ERRORS = errors(unauthorized="A token is required and was missing or wrong",
                      too_large="The request body is over the size limit")


def records_of(articles: list[ArticleIn], origin: str) -> list[Record]:
    return [Record(a.source or f"{origin}:{n}", a.model_dump(exclude_none=True, exclude={"source"}))
            for n, a in enumerate(articles, start=1)]


class LimitBody:
    """ASGI middleware: refuse bodies over `limit` bytes with 413, whether announced by
    Content-Length or streamed in chunks, before the app sees any of it (the body is read here,
    up to the limit, and handed on whole)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _too_large(self.limit, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await _too_large(self.limit, send)
            if not message.get("more_body"):
                break
        body, delivered = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class SecurityHeaders:
    """ASGI middleware: the security headers on every response (where a route set none itself)."""

    HEADERS = tuple((name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items())

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in self.HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _too_large(limit: int, send: Send) -> None:
    body = JSONResponse({"error": f"request body too large (limit {limit / 1e6:.0f} MB)"}, status_code=413)
    await send({"type": "http.response.start", "status": 413, "headers": body.raw_headers})
    await send({"type": "http.response.body", "body": body.body})


def create_app(db: str | FilePath = DEFAULT_DB, *, token: str | None = None, config: BriefConfig = DEFAULT_CONFIG,
               embedder: str = "auto", max_request_mb: float = MAX_REQUEST_MB,
               cors_origins: list[str] | None = None, prepare_workers: int = 1) -> FastAPI:
    """The web app on one store. `token` (default: $STORYWEAVE_TOKEN) guards the write endpoints;
    `prepare_workers` processes clean and embed ingested articles (0: the writer thread does)."""
    token = token if token is not None else os.environ.get("STORYWEAVE_TOKEN") or None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        service_of(app)  # open the store at start-up, not on the first request
        yield
        with app.state.lock:
            if app.state.service is not None:
                app.state.service.close()
                app.state.service = None

    app = FastAPI(title="storyweave", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Stories and cited multi-source briefs from news articles. Errors are JSON:"
                              " `{\"error\": message}` with the matching status code.")
    app.state.service = None  # opened at start-up (or on first use), closed at shutdown
    app.state.open_service = lambda: Service(db, config, embedder, prepare_workers)
    app.state.lock = threading.Lock()
    app.state.token = token
    app.state.max_bytes = int(max_request_mb * 1024 * 1024)

    app.add_middleware(SecurityHeaders)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["authorization", "content-type"])
    app.add_middleware(LimitBody, limit=app.state.max_bytes)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not request.url.path.startswith("/api") and exc.status_code == 404:
            from storyweave.web.pages import error_page

            return error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return JSONResponse({"error": f"invalid request: {where}: {first.get('msg', 'invalid')}",
                             "detail": _plain(exc.errors())}, status_code=422)

    app.include_router(api_router())
    from storyweave.web.pages import mount_pages

    mount_pages(app)
    return app


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _plain(errors: Any) -> Any:
    """Validation errors as JSON-safe values (pydantic may put exceptions in them)."""
    return json.loads(json.dumps(errors, default=str))


def service_of(where: Request | FastAPI) -> Service:
    """The app's service (store, writer queue, brief cache), opened on first use."""
    state = (where.app if isinstance(where, Request) else where).state
    if state.service is None:
        with state.lock:
            if state.service is None:
                state.service = state.open_service()
    return state.service


MOVED: dict[int | str, dict[str, Any]] = {308: {
    "description": "The story was merged into another or re-clustered under another id: the "
                   "Location header is this URL with the story that took most of its articles"}}


def moved_to(request: Request, story_id: str, current: str | None) -> RedirectResponse | None:
    """For a story id that a merge or a re-clustering replaced, a permanent redirect (308) to
    the same URL with the story that took most of its articles; None for an unknown id."""
    if current is None or current == story_id:
        return None
    parts = request.url.path.split("/")
    url = "/".join(current if part == story_id else part for part in parts)
    return RedirectResponse(url + (f"?{request.url.query}" if request.url.query else ""), status_code=308)


def moved_or_missing(request: Request, story_id: str, current: str | None) -> RedirectResponse:
    """`moved_to`, or a 404 for a story id never seen."""
    redirect = moved_to(request, story_id, current)
    if redirect is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return redirect


def check_token(request: Request, given: str | None) -> None:
    expected = request.app.state.token
    if expected and not (given and hmac.compare_digest(given.encode(), expected.encode())):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer TOKEN)")


def require_token(request: Request) -> None:
    header = request.headers.get("authorization", "")
    check_token(request, header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else None)


StoryId = Annotated[str, Path(pattern=ID_PATTERN, description="A story id")]
ArticleId = Annotated[str, Path(pattern=ID_PATTERN, description="An article id")]


def api_router():
    from fastapi import APIRouter

    api = APIRouter(prefix="/api")

    @api.get("/health", summary="Liveness, version and store counts")
    def health(request: Request) -> dict[str, Any]:
        service = service_of(request)
        with service.reader() as store:
            counts = store.counts()
        return {"status": "ok", "version": __version__, **counts, "ingest_jobs_pending": service.pending()}

    @api.post("/articles", status_code=202, dependencies=[Depends(require_token)], responses=WRITE_ERRORS,
              summary="Add a batch of articles (ingested in the background; poll the job)")
    def add_articles(body: ArticlesIn, request: Request) -> dict[str, Any]:
        items = list(articles_of(records_of(body.articles, "api")))
        job = service_of(request).submit(items)
        return {"job": job.to_dict(), "status_url": f"/api/jobs/{job.id}"}

    @api.get("/jobs/{job_id}", summary="An ingest job's progress and counts",
             responses=errors(not_found="No such job (jobs are kept in memory)"))
    def job(job_id: Annotated[str, Path(pattern=ID_PATTERN)], request: Request) -> dict[str, Any]:
        found = service_of(request).jobs.get(job_id)
        if found is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return found.to_dict()

    @api.get("/stories", summary="Stories, largest and most recent first, with filters")
    async def stories(request: Request,
                      q: Annotated[str | None, Query(max_length=200, description="Text in the title or articles")] = None,
                      since: Annotated[str | None, Query(max_length=40)] = None,
                      until: Annotated[str | None, Query(max_length=40)] = None,
                      outlet: Annotated[str | None, Query(max_length=200)] = None,
                      limit: Annotated[int, Query(ge=1, le=500)] = 50,
                      offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
        def listing(store: Store) -> bytes:
            found = store.stories(search=q, since=since, until=until, outlet=outlet, limit=limit, offset=offset)
            activity = store.activity([s.id for s in found])
            return json_bytes({"stories": [{**s.to_dict(), "activity": activity.get(s.id, {})} for s in found],
                               "limit": limit, "offset": offset})

        body = await service_of(request).read(("stories", q, since, until, outlet, limit, offset), listing)
        return Response(body, media_type="application/json")

    @api.get("/stories/{story_id}", summary="A story and its articles",
             responses={**MOVED, **errors(not_found="No such story")})
    def story(story_id: StoryId, request: Request) -> Any:
        with service_of(request).reader() as store:
            found = store.stories(ids=[story_id])
            if not found:
                return moved_or_missing(request, story_id, store.current_story(story_id))
            rows = store.export_rows(story=story_id)
        return {**found[0].to_dict(), "articles": rows}

    @api.get("/stories/{story_id}/brief", summary="A story's cited brief (cached until the story changes)",
             responses={200: {"content": {"text/markdown": {}, "text/html": {}}}, **MOVED,
                        **errors(not_found="No such story")})
    async def story_brief(story_id: StoryId, request: Request,
                          format: Literal["json", "md", "html"] = "json") -> Response:
        service = service_of(request)
        rendered = await service.read(("brief", story_id, format), lambda store: service.brief(store, story_id, format))
        if rendered is None:
            return moved_or_missing(request, story_id, await service.successor(story_id))
        return Response(rendered, media_type=MEDIA_TYPES[format])

    @api.get("/articles/{article_id}", summary="A stored article: clean text, removed boilerplate, warnings",
             responses=errors(not_found="No such article"))
    def article(article_id: ArticleId, request: Request) -> dict[str, Any]:
        with service_of(request).reader() as store:
            found = store.articles(ids=[article_id])
            placement = store.placement(article_id)
        if not found or placement is None:
            raise HTTPException(404, f"no article {article_id!r}")
        item = found[0]
        return {**item.to_dict(), "text": item.text, "removed": item.removed, "dateline": item.dateline,
                "story": placement[0], "duplicate_of": placement[1]}

    @api.post("/brief", summary="An ad-hoc brief of the articles in the request (nothing is stored)",
              responses={200: {"content": {"text/markdown": {}, "text/html": {}}},
                         **errors(too_large="The request body is over the size limit")})
    def adhoc_brief(body: BriefIn, request: Request) -> Response:
        items = list(articles_of(records_of(body.articles, "request")))
        usable = [item for item in items if not isinstance(item, InputProblem)]
        skipped = [str(item) for item in items if isinstance(item, InputProblem)]
        if not usable:
            raise HTTPException(422, "no usable article: " + "; ".join(skipped[:5]))
        config = replace(service_of(request).config, words=body.words)  # the server's models, e.g. --no-models
        made = build_brief(usable, config)
        if body.format == "json":
            return JSONResponse({"brief": made.to_dict(), "skipped": skipped})
        return PlainTextResponse(render(made, body.format), media_type=MEDIA_TYPES[body.format])

    return api
