"""The web app: server-rendered pages that work without JavaScript, and the versioned JSON API.

Pages: `/` (stories), `/stories/{id}` (the comparison), `/stories/{id}.md`, `/stories/{id}/report.html`,
`/articles/{id}`, `/search?q=`. API under `/api/v1/` (OpenAPI at `/api/v1/openapi.json`). See docs/web.md.
"""

from __future__ import annotations

import json
import math
from contextlib import asynccontextmanager
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NewsprismError, NotFoundError
from ..settings import Settings
from . import views
from .ingest import BadInput, ingest_document, read_json_request, read_upload, store_articles
from .library import Library, StoryEntry
from .search import search as run_search
from .security import AuthError, SecurityHeaders, check_write_token

API = "/api/v1"
JSON_TYPE = "application/json"
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#111827"/>'
    '<path d="M16 6 L27 25 H5 Z" fill="none" stroke="#f9fafb" stroke-width="2.4" stroke-linejoin="round"/>'
    '<path d="M18 17 L29 13 M18.5 18.5 L29 19 M18 20 L28 24" stroke="#4ade80" stroke-width="1.6"/></svg>'
)


# --- templates and static files -----------------------------------------------------------------------
@cache
def _templates() -> Environment:
    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = lambda n, word, many=None: f"{n} {word if n == 1 else (many or word + 's')}"
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.globals["API"] = API
    return env


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("active", "")
    return HTMLResponse(_templates().get_template(name).render(**context), status_code=status)


@cache
def _static_files() -> dict[str, tuple[bytes, str]]:
    from ..render import report_assets

    css, js = report_assets()
    files = {
        "report.css": (css.encode("utf-8"), "text/css; charset=utf-8"),
        "report.js": (js.encode("utf-8"), "text/javascript; charset=utf-8"),
        "favicon.svg": (FAVICON.encode("utf-8"), "image/svg+xml"),
    }
    folder = resources.files(__package__).joinpath("static")
    types = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".js": "text/javascript; charset=utf-8"}
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if suffix in types:
            files[entry.name] = (entry.read_bytes(), types[suffix])
    return files


def _json(document: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(document, ensure_ascii=False).encode("utf-8"), status_code=status,
                    media_type=JSON_TYPE)


def _error_json(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API + "/") or request.url.path == API


# --- the app --------------------------------------------------------------------------------------------
def create_app(db: str, settings: Settings | None = None) -> FastAPI:
    """The app over the store at `db` (a SQLite path or postgresql://…). Writes need $NEWSPRISM_TOKEN."""
    settings = settings or Settings.from_env(db=db)
    library = Library(db, settings)
    library.store()  # open (and migrate) the store now: a bad --db fails at start, not on the first request

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        library.close()

    app = FastAPI(
        title="newsprism",
        lifespan=lifespan,
        summary="One news story through every outlet that covered it.",
        version="1",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.library = library
    app.add_middleware(SecurityHeaders)

    _install_error_handlers(app)
    _install_static(app)
    _install_api(app, library)
    _install_pages(app, library)
    _declare_bearer_token(app)
    return app


def _declare_bearer_token(app: FastAPI) -> None:
    """The OpenAPI document names the write token's scheme (POST /api/v1/articles refers to it)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearerToken"] = {
                "type": "http", "scheme": "bearer", "description": "the server's NEWSPRISM_TOKEN"}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):
        message = str(exc).split(" in ", 1)[0]  # no server paths in the answer
        if _is_api(request):
            return _error_json(404, message)
        return _page("error.html", 404, title="Not found", message=message[:1].upper() + message[1:] + ".")

    @app.exception_handler(NewsprismError)
    async def newsprism_error(request: Request, exc: NewsprismError):
        if _is_api(request):
            return _error_json(409, str(exc).splitlines()[0])
        return _page("error.html", 409, title="Not available", message=str(exc).splitlines()[0])

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body"))
        message = f"{where}: {first.get('msg', 'invalid value')}" if where else first.get("msg", "invalid request")
        if _is_api(request):
            return _error_json(422, message)
        return _page("error.html", 422, title="Bad request", message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _is_api(request) or exc.status_code == 405:
            return _error_json(exc.status_code, str(exc.detail))
        title = "Not found" if exc.status_code == 404 else "Error"
        message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        return _page("error.html", exc.status_code, title=title, message=message)


def _install_static(app: FastAPI) -> None:
    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        found = _static_files().get(name)
        if found is None:
            raise StarletteHTTPException(404, "no such file")
        body, media_type = found
        return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        body, media_type = _static_files()["favicon.svg"]
        return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=86400"})


def _story_or_redirect(library: Library, story_id: str, make_url) -> tuple[Any, Response | None]:
    """The live story, or a redirect when the id is an old (merged) one or a prefix."""
    story = library.store().get_story(story_id)
    if story.id != story_id:
        return story, RedirectResponse(make_url(story.id), status_code=307)
    return story, None


# --- API ------------------------------------------------------------------------------------------------
_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"type": "object", "title": "Article",
                         "description": "An article record: text|body|content, title|headline, url|link, "
                                        "published|date|published_at, outlet|source_name|site|publisher, id",
                         "properties": {"text": {"type": "string"}, "title": {"type": "string"},
                                        "url": {"type": "string"}, "published": {"type": "string"},
                                        "outlet": {"type": "string"}},
                         "required": ["text"]},
                        {"type": "array", "title": "Articles", "items": {"type": "object"}},
                        {"type": "object", "title": "Fetch a URL", "properties": {"url": {"type": "string"}},
                         "required": ["url"]},
                    ]
                }
            },
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}},
                           "required": ["file"]}
            },
        },
    },
    "security": [{"bearerToken": []}],
}


def _install_api(app: FastAPI, library: Library) -> None:
    @app.get(f"{API}/stories", tags=["stories"], summary="Live stories, newest first (newsprism.stories/1)")
    def api_stories(
        q: str | None = Query(None, description="Text in the title, an outlet name or an article"),
        outlet: str | None = Query(None, description="Only stories this outlet covered"),
        since: str | None = Query(None, description="Only stories with articles on or after this date"),
        until: str | None = Query(None, description="Only stories with articles on or before this date"),
    ) -> Response:
        listing = library.stories_listing()
        try:
            wanted = views.StoryFilter.parse(q, outlet, since, until)
        except views.BadFilter as exc:
            return _error_json(422, str(exc))
        if wanted.active:
            hits = _text_hits(library, wanted.q)
            return _json({**listing.document, "stories": views.filter_stories(listing.document["stories"], wanted, hits)})
        return Response(listing.body, media_type=JSON_TYPE)

    @app.get(f"{API}/stories/{{story_id}}", tags=["stories"],
             summary="One story's comparison (newsprism.comparison/1)")
    def api_story(story_id: str) -> Response:
        story, redirect = _story_or_redirect(library, story_id, lambda i: f"{API}/stories/{quote(i)}")
        if redirect:
            return redirect
        entry = library.comparison(story)
        body = entry.derived("json", lambda: json.dumps(entry.document, ensure_ascii=False).encode("utf-8"))
        return Response(body, media_type=JSON_TYPE)

    @app.get(f"{API}/articles/{{article_id}}", tags=["articles"],
             summary="One article with its text and analysis (newsprism.analysis/1)")
    def api_article(article_id: str) -> Response:
        store = library.store()
        article = store.get_article(article_id)
        if article.id != article_id:
            return RedirectResponse(f"{API}/articles/{quote(article.id)}", status_code=307)
        analysis = store.get_analysis(article.id, embeddings=False)
        if analysis is None:
            return _error_json(409, f"article {article.id} has no analysis yet; run `newsprism analyze {article.id}`")
        return _json({"schema": "newsprism.analysis/1", "article": article.to_json(with_text=True),
                      "story": store.story_of(article.id), **analysis.to_json()})

    @app.get(f"{API}/search", tags=["search"],
             summary="Full-text and semantic search, grouped by story (newsprism.search/1)")
    def api_search(q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=100)) -> Response:
        return _json(run_search(library.store(), library.semantic_index(), q, limit))

    @app.post(f"{API}/articles", tags=["articles"], status_code=201, openapi_extra=_INGEST_BODY,
              summary="Ingest a JSON article, an uploaded file or a URL (needs Authorization: Bearer token)",
              responses={200: {"description": "every article was already stored (nothing new)"},
                         401: {"description": "wrong or missing token"},
                         403: {"description": "writes are off: NEWSPRISM_TOKEN is not set"},
                         413: {"description": "the body is over the size limit"},
                         422: {"description": "the input cannot be read as an article"}})
    async def api_ingest(request: Request) -> Response:
        try:
            check_write_token(request.headers.get("authorization"))
        except AuthError as exc:
            headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
            return JSONResponse({"detail": exc.message}, status_code=exc.status, headers=headers)
        limit = library.settings.max_input_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
            return _error_json(413, f"too large: the limit is {limit} bytes")
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if media_type == "multipart/form-data":
                form = await request.form(max_files=1, max_fields=10)
                upload = form.get("file")
                if upload is None or isinstance(upload, str):
                    raise BadInput('send the article as the multipart field "file"')
                data = await upload.read(limit + 1)
                if len(data) > limit:
                    return _error_json(413, f"too large: the limit is {limit} bytes")
                items = await run_in_threadpool(read_upload, upload.filename, data, library.settings)
            elif media_type in ("application/json", "") or media_type.endswith("+json"):
                body = await _read_limited(request, limit)
                if body is None:
                    return _error_json(413, f"too large: the limit is {limit} bytes")
                if not body.strip():
                    raise BadInput("the body is empty: send a JSON article, {\"url\": …} or a file upload")
                items = await run_in_threadpool(read_json_request, body, library.settings)
            else:
                raise BadInput(f"unsupported content type {media_type!r}: use application/json or multipart/form-data")
        except BadInput as exc:
            return _error_json(422, str(exc))
        if not items:
            return _error_json(422, "no article found in the input")

        def write() -> dict[str, Any]:
            with library.writing() as store:
                return ingest_document(store_articles(items, store, library.settings), store)

        document = await run_in_threadpool(write)
        rows = document["results"]
        if all(r["status"] == "rejected" for r in rows):
            return _error_json(422, " ".join(f"{r['source']}: {r['reason']}" for r in rows[:3]).replace("\n", " "))
        status = 201 if any(r["status"] in ("added", "revision") for r in rows) else 200
        return _json(document, status)


async def _read_limited(request: Request, limit: int) -> bytes | None:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _text_hits(library: Library, q: str) -> set[str]:
    if not q:
        return set()
    return {article_id for article_id, _ in library.store().search_articles(q, limit=500)}


# --- pages ----------------------------------------------------------------------------------------------
def _story_rows(library: Library, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    store = library.store()
    rows = []
    for story in stories:
        live = store.get_story(story["id"])
        entry: StoryEntry | None
        try:
            entry = library.comparison(live)
        except NewsprismError:
            entry = None
        independent, copies = views.outlet_chips(story)
        rows.append({
            "story": story,
            "dates": views.date_range(story),
            "outlets": independent,
            "copies": copies,
            "counts": entry.counts if entry else None,
        })
    return rows


def _install_pages(app: FastAPI, library: Library) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(q: str | None = None, outlet: str | None = None, since: str | None = None,
                   until: str | None = None, page: int = Query(1, ge=1, le=100000)) -> Response:
        stories = library.stories_listing().document["stories"]
        error = None
        try:
            wanted = views.StoryFilter.parse(q, outlet, since, until)
        except views.BadFilter as exc:
            error = str(exc)
            wanted = views.StoryFilter(q=(q or "")[:200], outlet=(outlet or "")[:200])
        shown = views.filter_stories(stories, wanted, _text_hits(library, wanted.q)) if wanted.active else stories
        pages = max(1, math.ceil(len(shown) / views.PAGE_SIZE))
        page = min(page, pages)
        part = shown[(page - 1) * views.PAGE_SIZE: page * views.PAGE_SIZE]
        article_count = sum(len(s["articles"]) for s in stories)
        base = wanted.query_items()
        return _page(
            "stories.html",
            title="Stories",
            active="stories",
            rows=_story_rows(library, part),
            total=len(stories),
            shown=len(shown),
            article_count=article_count,
            outlet_names=views.all_outlets(stories),
            wanted=wanted,
            error=error,
            page=page,
            pages=pages,
            prev_url="/?" + urlencode(base + [("page", str(page - 1))]) if page > 1 else None,
            next_url="/?" + urlencode(base + [("page", str(page + 1))]) if page < pages else None,
        )

    @app.get("/stories/{story_id}.md", include_in_schema=False)
    def story_markdown(story_id: str) -> Response:
        story, redirect = _story_or_redirect(library, story_id, lambda i: f"/stories/{quote(i)}.md")
        if redirect:
            return redirect
        from ..render import render_markdown

        entry = library.comparison(story)
        text = entry.derived("markdown", lambda: render_markdown(entry.document))
        return Response(text, media_type="text/markdown; charset=utf-8",
                        headers={"Content-Disposition": f'inline; filename="{story.id}.md"'})

    @app.get("/stories/{story_id}/report.html", include_in_schema=False)
    def story_report(story_id: str) -> Response:
        story, redirect = _story_or_redirect(library, story_id, lambda i: f"/stories/{quote(i)}/report.html")
        if redirect:
            return redirect
        from ..render import content_security_policy, render_html

        entry = library.comparison(story)
        html = entry.derived("report", lambda: render_html(entry.document))
        policy = content_security_policy() + "; frame-ancestors 'none'"
        return HTMLResponse(html, headers={"Content-Security-Policy": policy})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> Response:
        story, redirect = _story_or_redirect(library, story_id, lambda i: f"/stories/{quote(i)}")
        if redirect:
            return redirect
        entry = library.comparison(story)
        html = entry.derived("page", lambda: _render_story_page(entry))
        return HTMLResponse(html)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> Response:
        store = library.store()
        article = store.get_article(article_id)
        if article.id != article_id:
            return RedirectResponse(f"/articles/{quote(article.id)}", status_code=307)
        analysis = store.get_analysis(article.id, embeddings=False)
        story_id = store.story_of(article.id)
        story = store.get_story(story_id) if story_id else None
        return _page("article.html", title=article.title or "Article", view=views.article_view(article, analysis),
                     story=story)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = "") -> Response:
        q = " ".join(q.split())[:500]
        result = run_search(library.store(), library.semantic_index(), q) if q else None
        return _page("search.html", active="search", title=f"Search: {q}" if q else "Search", q=q, result=result)


def _render_story_page(entry: StoryEntry) -> str:
    from ..render import render_html_body

    doc = entry.document
    articles = [{"id": a["id"], "number": i + 1, "label": a.get("label") or a.get("outlet") or "article"}
                for i, a in enumerate(doc.get("articles", []))]
    body = Markup(render_html_body(doc))  # noqa: S704 — the report renderer autoescapes every value it prints
    return _templates().get_template("story.html").render(
        title=entry.story.title or "Story", active="stories", story=entry.story, articles=articles, report=body,
        counts=entry.counts,
    )


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db, settings), host=host, port=port, log_level="info", access_log=False,
                server_header=False)
