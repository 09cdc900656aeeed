"""The SPARQL 1.1 Protocol endpoint at /sparql: queries, updates and the service description.

- Queries run in worker processes (query_pool) with a real timeout
  (Settings.query_timeout, 503 when passed), a row cap (Settings.max_rows) and
  a byte cap (Settings.max_response_bytes), both signalled by
  X-SPARQL-Truncated; the event loop only waits. With a remote store (a SPARQL
  server) they are forwarded to the server instead (remote_queries), with the
  same timeout, caps and serialisers.
- Queries that use more than their time share move to a slow lane (lanes.py)
  with room for a few at once, and a few per client: past it a query is
  stopped with 429 (this client's share is full) or 503 (the lane is full),
  with Retry-After. A query that needs more memory than a worker may use is
  stopped with 507 (Insufficient Storage: the server cannot hold what the
  query needs; trying again would not help, so there is no Retry-After).
- The default graph is the union of all named graphs, unless the request
  (default-graph-uri / named-graph-uri) or the query (FROM / FROM NAMED) names
  a dataset.
- SERVICE and LOAD are refused with 400: the service makes no outbound requests.
- Updates need the bearer token and pass SHACL validation first (writes.py).
- GET /sparql without a query: the service description, or for a browser a
  303 to the query page.
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, TypeVar

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from gemeentegraaf.service.dependencies import SettingsDep
from gemeentegraaf.service.negotiation import (
    GRAPH_FORMATS,
    PLAIN_TEXT,
    TABULAR,
    TURTLE,
    MediaFormat,
    choose,
    describe,
    from_parameter,
    prefers_html,
)
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql import service_description
from gemeentegraaf.service.sparql.lanes import Lanes, describe_bytes
from gemeentegraaf.service.sparql.protocol import Operation, ProtocolError, read_operation
from gemeentegraaf.service.sparql.query_pool import (
    ClientLimit,
    MemoryLimitExceeded,
    QueryPool,
    QueryTimeout,
    SlowLaneFull,
    WorkerFailed,
    WorkersBusy,
)
from gemeentegraaf.service.sparql.query_worker import Answer, QueryTask
from gemeentegraaf.service.sparql.remote_queries import run_remote
from gemeentegraaf.service.sparql.writes import Writer, WriteResult, check_write_access
from gemeentegraaf.store.base import GraphStore, StoreError
from gemeentegraaf.store.oxigraph import OxigraphStore
from gemeentegraaf.store.sparql_text import (
    MAX_DEPTH,
    add_using,
    inspect_query,
    inspect_update,
    mentions_outbound,
    outbound_operation,
)

log = logging.getLogger("gemeentegraaf.sparql")

T = TypeVar("T")

router = APIRouter(tags=["SPARQL"])

QUERY_PAGE = "/query"


@dataclass
class SparqlService:
    settings: Settings
    store: GraphStore
    pool: QueryPool  # runs queries on an embedded store; dry-runs writes on any store
    writer: Writer

    @property
    def forwards_queries(self) -> bool:
        """Whether queries go to the store's own server instead of the worker processes."""
        return not isinstance(self.store, OxigraphStore)


@asynccontextmanager
async def running(settings: Settings, store: GraphStore) -> AsyncIterator[SparqlService]:
    """The query workers, for the app's lifespan: started with the app, stopped with it."""
    pool = QueryPool(store, lanes=Lanes.from_settings(settings))
    # Also when the process ends without the lifespan's shutdown.
    atexit.register(pool.close)
    try:
        try:
            await anyio.to_thread.run_sync(pool.warm_up)
        except (WorkerFailed, OSError) as exc:
            # Not fatal: the first query starts a worker (and reports what goes wrong).
            log.warning("could not start a query worker ahead of time: %s", exc)
        yield SparqlService(settings, store, pool, Writer(store, pool, settings.query_timeout))
    finally:
        await anyio.to_thread.run_sync(pool.close)
        atexit.unregister(pool.close)


def get_sparql(request: Request) -> SparqlService:
    return request.app.state.sparql


SparqlDep = Annotated[SparqlService, Depends(get_sparql)]


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        (message.rstrip() + "\n").encode("utf-8"),
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers=headers,
    )


def endpoint_iri(request: Request) -> str:
    """The endpoint's own IRI: the base for relative IRIs in queries and updates."""
    return str(request.url.replace(query="", fragment=""))


# One route per method, so that each has an OpenAPI operation id of its own.
_ENDPOINT_DOC = {
    "summary": "SPARQL 1.1 query and update endpoint",
    "description": (
        "SPARQL 1.1 Protocol. Query by GET ?query=, POST form (query=) or POST "
        "application/sparql-query; update by POST form (update=) or application/sparql-update "
        "with a bearer token. Results by Accept or format= (json, xml, csv, tsv, turtle, nt, "
        "json-ld, rdf, trig, nq). Without a query: the service description."
    ),
    "response_class": Response,
    "responses": {
        429: {
            "description": "An expensive query stopped: this client already runs its share of "
            "them (GEMEENTEGRAAF_SLOW_QUERIES_PER_CLIENT). Retry-After says when to try again.",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"text/plain": {}},
        },
        503: {
            "description": "The query ran past the timeout, or used its time share while the "
            "slow lane was full (then with Retry-After).",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"text/plain": {}},
        },
        507: {
            "description": "The query needed more memory than one query may use "
            "(GEMEENTEGRAAF_WORKER_MEMORY) and was stopped.",
            "content": {"text/plain": {}},
        },
    },
}


@router.get("/sparql", **_ENDPOINT_DOC)
@router.post("/sparql", **_ENDPOINT_DOC)
async def sparql_endpoint(request: Request, service: SparqlDep, settings: SettingsDep) -> Response:
    try:
        operation = await read_operation(request)
    except ProtocolError as exc:
        return text_response(exc.status, exc.message)
    if operation.kind == "query":
        return await run_query(request, service, settings, operation)
    if operation.kind == "update":
        return await run_update(request, service, settings, operation)
    if request.method == "GET":
        return await service_description_response(request, service, settings, operation)
    return text_response(400, "Missing 'query' or 'update' parameter.")


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


async def run_query(
    request: Request, service: SparqlService, settings: Settings, operation: Operation
) -> Response:
    text = operation.text
    shape = await _off_loop_if_long(inspect_query, text)
    if shape.too_deep:
        return _too_deep(shape.depth)
    refused = await _outbound(text, shape.outbound, update=False)
    if refused:
        return text_response(
            400,
            f"{refused} is not allowed: this endpoint makes no requests to other servers "
            "(federated queries are disabled).",
        )
    accept = request.headers.get("accept")
    tabular = from_parameter(operation.formats, TABULAR) or choose(accept, TABULAR)
    graph = from_parameter(operation.formats, GRAPH_FORMATS) or choose(accept, GRAPH_FORMATS)
    if shape.is_tabular and tabular is None:
        return _not_acceptable(TABULAR)
    if shape.is_graph and graph is None:
        return _not_acceptable(GRAPH_FORMATS)
    task = QueryTask(
        query=text,
        base_iri=endpoint_iri(request),
        default_graphs=tuple(operation.default_graphs) if operation.has_protocol_dataset else None,
        named_graphs=tuple(operation.named_graphs) if operation.has_protocol_dataset else None,
        union_default=not shape.has_dataset_clause,
        tabular=tabular,
        graph=graph,
        max_rows=settings.max_rows,
        max_bytes=settings.max_response_bytes,
    )
    client = request.client.host if request.client else None
    try:
        if service.forwards_queries:
            answer: Answer = await anyio.to_thread.run_sync(
                run_remote, service.store, task, settings.query_timeout
            )
        else:
            answer = await anyio.to_thread.run_sync(
                service.pool.run, task, settings.query_timeout, client
            )
    except QueryTimeout as exc:
        return text_response(
            503,
            f"Query timeout: the query ran longer than {exc.seconds:g} s and was stopped. "
            "Make it more specific (fewer open patterns, a LIMIT) and try again.",
        )
    except ClientLimit as exc:
        return text_response(
            429,
            f"Too many expensive queries from you at once: you have {exc.limit} running, "
            f"the most per client, and this one used its {settings.query_time_share:g} s "
            "share of CPU, so it was stopped. Try again when one of them has finished.",
            {"Retry-After": str(exc.retry_after)},
        )
    except SlowLaneFull as exc:
        return text_response(
            503,
            f"The server is running {exc.limit} expensive queries, the most at once, and this "
            f"one used its {settings.query_time_share:g} s share of CPU, so it was stopped. "
            "Try again later, or make it cheaper (fewer open patterns, a LIMIT).",
            {"Retry-After": str(exc.retry_after)},
        )
    except WorkersBusy as exc:
        return text_response(
            503,
            "All query workers stayed busy; try again shortly.",
            {"Retry-After": str(exc.retry_after)},
        )
    except MemoryLimitExceeded as exc:
        return text_response(
            507,
            f"The query needed more than {describe_bytes(exc.limit)} of memory, the most one "
            "query may use, and was stopped. Make it cheaper: an ORDER BY, GROUP BY or "
            "DISTINCT over many rows holds them all; narrow the patterns or add a LIMIT "
            "to a subquery.",
        )
    except WorkerFailed as exc:
        log.error("query worker failed: %s", exc)
        return text_response(500, "The query worker stopped unexpectedly; try again.")
    headers = {**answer.headers, "Vary": "Accept"}
    return Response(
        answer.body, status_code=answer.status, media_type=answer.media_type, headers=headers
    )


# Tokenizing takes about 0.2 ms per kilobyte: long texts go to a thread.
_LONG_TEXT = 20_000


async def _off_loop_if_long(inspect: Callable[[str], T], text: str) -> T:
    if len(text) < _LONG_TEXT:
        return inspect(text)
    return await anyio.to_thread.run_sync(inspect, text)


def _too_deep(depth: int) -> Response:
    return text_response(
        400,
        f"The request nests brackets {depth} deep; at most {MAX_DEPTH} are accepted "
        "(deeper nesting would exhaust the query engine's stack).",
    )


async def _outbound(text: str, found: str | None, *, update: bool) -> str | None:
    """SERVICE/LOAD; the second opinion (a slow pure-Python parse) runs off the event loop."""
    if found or not mentions_outbound(text):
        return found
    return await anyio.to_thread.run_sync(lambda: outbound_operation(text, None, update=update))


def _not_acceptable(offers: tuple[MediaFormat, ...]) -> Response:
    return text_response(
        406,
        f"None of the formats in the Accept header is available; choose from {describe(offers)}.",
    )


# ---------------------------------------------------------------------------
# Updates
# ---------------------------------------------------------------------------


async def run_update(
    request: Request, service: SparqlService, settings: Settings, operation: Operation
) -> Response:
    denied = check_write_access(request, settings)
    if denied is not None:
        return text_response(denied.status, denied.message, denied.headers)
    text = operation.text
    shape = await _off_loop_if_long(inspect_update, text)
    if shape.too_deep:
        return _too_deep(shape.depth)
    refused = await _outbound(text, shape.outbound, update=True)
    if refused:
        return text_response(
            400,
            f"{refused} is not allowed: this endpoint makes no requests to other servers. "
            "Upload data with the Graph Store Protocol (PUT or POST /rdf-graph-store?graph=…).",
        )
    using, using_named = operation.using_graphs, operation.using_named_graphs
    if (using or using_named) and shape.has_using_or_with:
        return text_response(
            400,
            "using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH "
            "in the update itself.",
        )
    update = add_using(text, using, using_named)
    result: WriteResult = await anyio.to_thread.run_sync(
        service.writer.apply, update, endpoint_iri(request)
    )
    if result.status == 204:
        return Response(status_code=204)
    return write_failure(request, result)


def write_failure(request: Request, result: WriteResult) -> Response:
    """A refused or failed write: the message, and for 422 the SHACL report (text or Turtle)."""
    if result.status != 422:
        return text_response(result.status, result.message)
    if choose(request.headers.get("accept"), (PLAIN_TEXT, TURTLE)) is TURTLE:
        return Response(
            result.report_turtle,
            status_code=422,
            media_type=TURTLE.content_type,
            headers={"Vary": "Accept"},
        )
    return text_response(422, f"{result.message}\n\n{result.report_text}", {"Vary": "Accept"})


# ---------------------------------------------------------------------------
# Service description
# ---------------------------------------------------------------------------


async def service_description_response(
    request: Request, service: SparqlService, settings: Settings, operation: Operation
) -> Response:
    accept = request.headers.get("accept")
    if not operation.formats and prefers_html(accept, GRAPH_FORMATS):
        return RedirectResponse(request.scope.get("root_path", "") + QUERY_PAGE, status_code=303)
    fmt = from_parameter(operation.formats, GRAPH_FORMATS) or choose(accept, GRAPH_FORMATS)
    if fmt is None:
        return _not_acceptable(GRAPH_FORMATS)
    try:
        graphs = await anyio.to_thread.run_sync(service.store.graphs)
    except StoreError as exc:
        return text_response(502, f"The store could not be read: {exc}")
    description = service_description.describe(
        endpoint_iri(request),
        dataset=settings.base_uri + "id/dataset",
        graphs=graphs,
        updates_enabled=settings.updates_enabled,
        query_timeout=settings.query_timeout,
        max_rows=settings.max_rows,
    )
    body = service_description.serialize(description, fmt)
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})
