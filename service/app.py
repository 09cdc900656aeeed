"""The FastAPI application: one router per concern, all reading one store.

The store is opened by the app's lifespan and closed when it stops, with the
SPARQL query workers in between; handlers receive it (and the settings) as
dependencies (gemeentegraaf.service.dependencies).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.resources import files

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from gemeentegraaf import __version__
from gemeentegraaf.common.resources import SERVICE_DIR
from gemeentegraaf.common.visible import shown
from gemeentegraaf.service.api import analyses as analyses_api
from gemeentegraaf.service.api import routes as api
from gemeentegraaf.service.api import search as search_api
from gemeentegraaf.service.api import v2 as api_v2
from gemeentegraaf.service.compression import Compression
from gemeentegraaf.service.cors import Cors
from gemeentegraaf.service.http_cache import ConditionalRequests, DataVersion
from gemeentegraaf.service.negotiation import PLAIN_TEXT, accept_of, prefers_html
from gemeentegraaf.service.problems import (
    PROBLEM_RESPONSES,
    is_api,
    problem,
    validation_problem,
)
from gemeentegraaf.service.request_target import RequestTarget
from gemeentegraaf.service.security_headers import SecurityHeaders, inline_script_sources, policy
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.slow_readers import DumpSlots
from gemeentegraaf.service.sparql import endpoint as sparql
from gemeentegraaf.service.sparql import graph_store, write_status
from gemeentegraaf.service.stopping import QuietLifespan
from gemeentegraaf.service.web import (
    analysis_sections,
    linked_data,
    list_pages,
    pages,
    search_page,
)
from gemeentegraaf.store.base import GraphStore, StoreError, StoreTimeout
from gemeentegraaf.store.location import connect
from gemeentegraaf.store.read_view import ReadViews
from gemeentegraaf.store.scratch import remove_leftovers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Mount, Route
from starlette.types import Scope

log = logging.getLogger("gemeentegraaf")

# Order matters only for overlapping paths: the SPARQL and Graph Store
# endpoints first, pages (with the catch-all linked-data paths) last.
_ROUTERS = (
    sparql.router,
    graph_store.router,
    write_status.router,
    api.router,
    api_v2.router,
    analyses_api.router,
    search_api.router,
    search_page.router,
    linked_data.router,
    pages.router,
    list_pages.router,
)


def operation_id(route: APIRoute) -> str:
    """`<handler>_<method>`: stable (FastAPI's default picks from a set) and unique as long
    as every route has one method and its own handler name (tests/test_app.py checks)."""
    return "_".join([route.name, *sorted(method.lower() for method in route.methods)])


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the durable store (read-only unless authorised writes are on) and load its
    read view into memory, start the query workers; on shutdown stop them and close."""
    settings: Settings = app.state.settings
    if settings.store_url is None:
        # Folders a killed service or build left beside the store (never a live one's).
        remove_leftovers(settings.store_path)
    store, views = await anyio.to_thread.run_sync(_open_views, settings)
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(settings.thread_switch_interval)
    try:
        async with sparql.running(settings, views) as service:
            app.state.store = store
            app.state.views = views
            app.state.sparql = service
            app.state.data_version = DataVersion(views, _shown_settings(settings))
            yield
    finally:
        sys.setswitchinterval(switch_interval)
        app.state.data_version = None
        app.state.store = None
        app.state.views = None
        app.state.sparql = None
        if views is not None:
            views.close()
            store = views.durable  # a rebuilt store was reopened under the views
        store.close()


# A store another process is writing (an ingest, a restore) can be caught between two of
# its files, and its first read then fails ("000260.sst: No such file"); a moment later it
# reads. The service tries a few times, with growing pauses, before it gives up.
OPEN_ATTEMPTS = 6
OPEN_PAUSE = 0.5


def _open_views(settings: Settings) -> tuple[GraphStore, ReadViews]:
    """The durable store and its read view in memory, tried again while a writer is busy."""
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        store = connect(
            settings.store_path, settings.store_url, read_only=not settings.updates_enabled
        )
        try:
            return store, ReadViews(store)
        except StoreError as exc:
            store.close()
            if attempt == OPEN_ATTEMPTS:
                raise
            log.warning("could not read the store yet (%s); trying again", exc)
            time.sleep(OPEN_PAUSE * attempt)
    raise AssertionError("unreachable")


def _shown_settings(settings: Settings) -> str:
    """The settings that answers show (the service description, access URLs); never the token."""
    return repr(
        (settings.query_timeout, settings.max_rows, settings.updates_enabled, settings.public_base)
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Checked here, not only when the lifespan opens it, so that `serve` says so in one line.
    if settings.store_url is None and not settings.store_path.exists():
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
    app.state.dump_slots = DumpSlots()  # whole-dataset downloads running
    app.mount("/static", StaticFiles(directory=str(SERVICE_DIR / "static")), name="static")
    for router in _ROUTERS:
        # The JSON API's errors are problem details; OpenAPI says so.
        api_router = router in (api.router, api_v2.router, analyses_api.router, search_api.router)
        app.include_router(router, responses=PROBLEM_RESPONSES if api_router else None)

    analysis_sections.install()
    _offline_docs(app)
    # The last added runs first: the lifespan's messages without a traceback when a second
    # Ctrl-C cuts its shutdown short (a request cancelled as the server stops is answered
    # in the protocol `serve` runs: service/stopping.py), the security headers (on every
    # answer, the body limit's 413 included), the body limit, then a final line break's
    # 404 (service/request_target.py), then CORS (and OPTIONS), then HEAD as GET, then the
    # conditional requests (which take the request's read view, and may answer 304 or a
    # kept answer before a handler runs), then gzip over the whole GET answer (so that a
    # kept answer is kept compressed).
    http_error = _http_error(_allowed_methods(app))
    app.add_middleware(Compression)
    app.add_middleware(ConditionalRequests)
    app.add_middleware(HeadAsGet)
    app.add_middleware(Cors, allowed_methods=_allowed_methods(app))
    app.add_middleware(RequestTarget, not_found=http_error)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(QuietLifespan)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)

    @app.exception_handler(StoreError)
    async def _store_failed(request: Request, exc: StoreError) -> JSONResponse:
        # A store server that is down or too slow: not this service's bug, and
        # not the client's; say which (the message names the store).
        log.error("store error on %s: %s", shown(request.scope["path"]), exc)
        status = 504 if isinstance(exc, StoreTimeout) else 502
        return JSONResponse(status_code=status, content={"error": "store", "detail": str(exc)})

    @app.exception_handler(ClientDisconnect)
    async def _client_gone(request: Request, exc: ClientDisconnect) -> Response:
        # The client closed the connection while sending its body: nobody to answer
        # and no bug. A traceback per such request (10 KB) once flooded the log, and
        # writing it held up every other request.
        log.info("client went away while sending its request to %s", shown(request.scope["path"]))
        return Response(status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug must not show a traceback to a user; it goes to the log.
        log.exception("unhandled error on %s", shown(request.scope["path"]))
        if is_api(request):
            return problem(request, 500, f"internal error ({type(exc).__name__})")
        return JSONResponse(
            status_code=500,
            content={"error": "internal error", "detail": type(exc).__name__},
        )

    return app


def _allowed_methods(app: FastAPI) -> Callable[[str], set[str]]:
    """The methods a path answers to, over every route (for `Allow` on 405 and OPTIONS).

    Starlette's 405 names the methods of the first route whose path matched, and
    a path here has a route per method (an OpenAPI operation each): /sparql GET
    and POST, the Graph Store's five, GET of the linked-data paths.
    """

    def allowed(path: str) -> set[str]:
        methods: set[str] = set()
        # The routers' own routes (FastAPI wraps included routers), and the app's.
        routes = [r for router in _ROUTERS for r in router.routes] + list(app.router.routes)
        for route in routes:
            if isinstance(route, Mount):
                if route.path_regex.match(path):
                    methods |= {"GET"}
            elif isinstance(route, APIRoute | Route) and route.path_regex.match(path):
                methods |= set(route.methods or ())
        if "GET" in methods:
            methods.add("HEAD")  # HeadAsGet answers HEAD wherever GET is answered
        return methods

    return allowed


def _http_error(allowed: Callable[[str], set[str]]) -> Callable[..., Awaitable[Response]]:
    """HTTP errors: problem details under /api, a page for a browser that asked for an
    address nothing answers (404), plain text otherwise; a 405 names every method the
    path answers to."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(sorted(allowed(_app_path(request.scope)) | {"OPTIONS"}))
        message = str(exc.detail)
        if exc.status_code == 404 and message == HTTPStatus.NOT_FOUND.phrase:
            # No route matched: say which address, in both languages (the path as the
            # server read it: request.url drops a line break, as urllib does).
            path = shown(request.scope["path"])
            message = (
                f"Niet gevonden: op {path} staat geen pagina of resource. "
                f"(Not found: nothing answers at {path}.)"
            )
        if is_api(request):
            return problem(request, exc.status_code, message, headers=headers or None)
        if exc.status_code == 404 and prefers_html(accept_of(request), (PLAIN_TEXT,)):
            page = pages.not_found(request, message)
            page.headers.update(headers)
            return page
        return PlainTextResponse(
            message + "\n", status_code=exc.status_code, headers=headers or None
        )

    return http_error


def _app_path(scope: Scope) -> str:
    """The path within the app. A mounted app (/static) has its prefix in root_path too, so
    the app's own root_path is taken off, not the mount's."""
    path = scope["path"]
    app = scope.get("app")
    root = getattr(app, "root_path", "") or ""
    return path[len(root) :] if root and path.startswith(root) else path


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if is_api(request):
        return validation_problem(request, exc)
    return await request_validation_exception_handler(request, exc)


def _offline_docs(app: FastAPI) -> None:
    """/docs (Swagger UI 5) and /redoc with their files from the fastapi-offline package.

    Swagger UI 4 cannot read the OpenAPI 3.1 FastAPI emits; fastapi-offline ships
    Swagger UI 5 and ReDoc 2. Only its files are used, not its app factory.
    """
    assets = files("fastapi_offline") / "static"
    app.mount("/_docs", StaticFiles(directory=str(assets)), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    swagger = get_swagger_ui_html(
        openapi_url=openapi_url,
        title="gemeentegraaf API",
        swagger_js_url="/_docs/swagger-ui-bundle.js",
        swagger_css_url="/_docs/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )
    # The page starts Swagger UI with one inline script: allowed by its hash, no
    # other inline script is.
    swagger_policy = policy(script_src=inline_script_sources(bytes(swagger.body).decode()))

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(swagger.body, headers={"Content-Security-Policy": swagger_policy})

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title="gemeentegraaf API",
            redoc_js_url="/_docs/redoc.standalone.js",
            redoc_favicon_url="/static/favicon.svg",
            with_google_fonts=False,  # no request to another host
        )
        # ReDoc's sidebar always adds Redocly's logo from cdn.redoc.ly; the page's
        # policy (images from here only) stops that request before it leaves.
        # ReDoc runs its search index in a worker it makes from a blob: URL.
        page.headers["Content-Security-Policy"] = policy(worker_src="blob:")
        return page


# Uploads (Graph Store PUT/POST, SPARQL Update) are parsed in memory.
MAX_BODY_BYTES = 64 * 1024 * 1024
MIB = 1024 * 1024
# How long a request body may take to arrive: this long, plus a second per BODY_RATE
# bytes its Content-Length declares (a 64 MiB upload over 1 MB/s takes a minute).
BODY_GRACE = 30.0
BODY_RATE = 256 * 1024


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, declared or streamed, and
    bodies that come too slowly with 408: a body must have arrived BODY_GRACE seconds
    after it began, plus a second per BODY_RATE bytes it declares. Otherwise a client
    sending a byte a second holds its connection (and a descriptor) for ever."""

    def __init__(self, app, limit: int) -> None:  # noqa: ANN001 - an ASGI application
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send, 413, f"Request body larger than {self.limit // MIB} MiB.")
            return
        seen = 0
        complete = False
        allowed = BODY_GRACE + (int(declared) if declared and declared.isdigit() else 0) / BODY_RATE
        deadline = anyio.current_time() + allowed

        async def counted() -> dict:
            nonlocal seen, complete
            if complete:  # after the body: waiting for a disconnect, as long as it takes
                return await receive()
            with anyio.move_on_after(deadline - anyio.current_time()) as waited:
                message = await receive()
            if waited.cancelled_caught:
                raise _TooSlow
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
                complete = not message.get("more_body", False)
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send, 413, f"Request body larger than {self.limit // MIB} MiB.")
        except _TooSlow:
            log.info(
                "request body to %s too slow: refused after %.0f s", shown(scope["path"]), allowed
            )
            await self._refuse(
                send, 408, f"The request body did not arrive within {allowed:.0f} s; send it again."
            )

    async def _refuse(self, send, status: int, text: str) -> None:  # noqa: ANN001 - ASGI
        body = text.encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    # The rest of the body is not read: the connection ends here.
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooSlow(Exception):
    pass


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
