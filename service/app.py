"""The FastAPI application: one router per concern, all reading one store.

The store is opened by the app's lifespan and closed when it stops, with the
SPARQL query workers in between; handlers receive it (and the settings) as
dependencies (gemeentegraaf.service.dependencies).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from gemeentegraaf import __version__
from gemeentegraaf.common.resources import SERVICE_DIR
from gemeentegraaf.service.api import analyses as analyses_api
from gemeentegraaf.service.api import routes as api
from gemeentegraaf.service.api import search as search_api
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql import endpoint as sparql
from gemeentegraaf.service.sparql import graph_store
from gemeentegraaf.service.web import analysis_sections, linked_data, pages, search_page
from gemeentegraaf.store.oxigraph import StoreError, open_store
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ExceptionHandler

log = logging.getLogger("gemeentegraaf")

# Order matters only for overlapping paths: the SPARQL and Graph Store
# endpoints first, pages (with the catch-all linked-data paths) last.
_ROUTERS = (
    sparql.router,
    graph_store.router,
    api.router,
    analyses_api.router,
    search_api.router,
    search_page.router,
    linked_data.router,
    pages.router,
)


def operation_id(route: APIRoute) -> str:
    """`<handler>_<method>`: stable (FastAPI's default picks from a set) and unique as long
    as every route has one method and its own handler name (tests/test_app.py checks)."""
    return "_".join([route.name, *sorted(method.lower() for method in route.methods)])


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store (read-only unless authorised writes are on), start the query
    workers; on shutdown stop them and close the store."""
    settings: Settings = app.state.settings
    store = open_store(settings.store_path, read_only=not settings.updates_enabled)
    try:
        async with sparql.running(settings, store) as service:
            app.state.store = store
            app.state.sparql = service
            yield
    finally:
        app.state.store = None
        app.state.sparql = None
        store.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Checked here, not only when the lifespan opens it, so that `serve` says so in one line.
    if not settings.store_path.exists():
        raise StoreError(f"no store at {settings.store_path}: run `gemeentegraaf build` first")
    app = FastAPI(
        title="gemeentegraaf",
        description=(
            "Kennisgraaf over gemeentelijk beleid: SPARQL 1.1, linked data en een JSON-API. "
            "A knowledge graph of Dutch municipal policy: SPARQL 1.1, linked data and a JSON API."
        ),
        version=__version__,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        # /docs and /redoc are served below from bundled assets: no CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=str(SERVICE_DIR / "static")), name="static")
    for router in _ROUTERS:
        app.include_router(router)

    analysis_sections.install()
    _offline_docs(app)
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)

    app.add_exception_handler(405, _allow_header(_ROUTERS))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug must not show a traceback to a user; it goes to the log.
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(
            status_code=500,
            content={"error": "internal error", "detail": type(exc).__name__},
        )

    return app


def _allow_header(routers: Iterable[APIRouter]) -> ExceptionHandler:
    """A 405 handler that names every method the path answers to.

    Starlette's 405 names the methods of the first route whose path matched, and
    a path here has a route per method (an OpenAPI operation each): /sparql GET
    and POST, the Graph Store's five, GET and HEAD of the linked-data paths.
    """
    routes = [route for router in routers for route in router.routes if isinstance(route, APIRoute)]

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        path, root = request.scope["path"], request.scope.get("root_path", "")
        path = path[len(root) :] if root and path.startswith(root) else path
        allowed = {m for r in routes if r.path_regex.match(path) for m in r.methods}
        if "GET" in allowed:
            allowed.add("HEAD")  # HeadAsGet answers HEAD wherever GET is answered
        headers = {**(exc.headers or {}), "Allow": ", ".join(sorted(allowed))}
        return await http_exception_handler(
            request, StarletteHTTPException(exc.status_code, exc.detail, headers)
        )

    return method_not_allowed


def _offline_docs(app: FastAPI) -> None:
    """/docs (Swagger UI 5) and /redoc with their files from the fastapi-offline package.

    Swagger UI 4 cannot read the OpenAPI 3.1 FastAPI emits; fastapi-offline ships
    Swagger UI 5 and ReDoc 2. Only its files are used, not its app factory.
    """
    assets = files("fastapi_offline") / "static"
    app.mount("/_docs", StaticFiles(directory=str(assets)), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title="gemeentegraaf API",
            swagger_js_url="/_docs/swagger-ui-bundle.js",
            swagger_css_url="/_docs/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title="gemeentegraaf API",
            redoc_js_url="/_docs/redoc.standalone.js",
            redoc_favicon_url="/static/favicon.svg",
            with_google_fonts=False,  # no request to another host
        )
        # ReDoc's sidebar always adds Redocly's logo from cdn.redoc.ly; the browser
        # is told to load images only from here, so that request never leaves.
        page.headers["Content-Security-Policy"] = "img-src 'self' data:"
        return page


# Uploads (Graph Store PUT/POST, SPARQL Update) are parsed in memory.
MAX_BODY_BYTES = 64 * 1024 * 1024


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, declared or streamed."""

    def __init__(self, app, limit: int) -> None:  # noqa: ANN001 - an ASGI application
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send) -> None:  # noqa: ANN001 - ASGI
        body = f"Request body larger than {self.limit // (1024 * 1024)} MiB.".encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class HeadAsGet:
    """Answer HEAD like GET without the body, on every route (FastAPI routes are GET-only)."""

    def __init__(self, app) -> None:  # noqa: ANN001 - an ASGI application
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: dict) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
