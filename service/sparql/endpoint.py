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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from gemeentegraaf.common.visible import readable
from gemeentegraaf.service import openapi_responses as responses
from gemeentegraaf.service.dependencies import SettingsDep, ViewDep
from gemeentegraaf.service.negotiation import (
    GRAPH_FORMATS,
    PLAIN_TEXT,
    TABULAR,
    TURTLE,
    MediaFormat,
    accept_of,
    accepted_names,
    choose,
    describe,
    from_parameter,
    prefers_html,
    unknown_format,
)
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql import loop_queries, service_description
from gemeentegraaf.service.sparql.answer_budget import AnswerBudget, HeldResponse
from gemeentegraaf.service.sparql.lanes import Lanes, describe_bytes
from gemeentegraaf.service.sparql.protocol import (
    FORM,
    SPARQL_QUERY,
    SPARQL_UPDATE,
    Operation,
    ProtocolError,
    read_operation,
)
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
from gemeentegraaf.service.sparql.stopped_queries import MEMORY_SECONDS, StoppedQueries
from gemeentegraaf.service.sparql.writes import (
    IDEMPOTENCY_PARAMETER,
    WriteOptions,
    Writer,
    WriteResult,
    check_write_access,
    idempotency_key,
    request_fingerprint,
    success_headers,
    who,
)
from gemeentegraaf.store.base import GraphStore, StoreError
from gemeentegraaf.store.oxigraph import OxigraphStore
from gemeentegraaf.store.read_view import ReadView, ReadViews
from gemeentegraaf.store.sparql_text import (
    QueryShape,
    UpdateShape,
    add_using,
    inspect_update,
    outbound_operation,
    quick_query_shape,
    tokenized_query_shape,
)
from gemeentegraaf.store.versions import VersionArchive, versions_folder

log = logging.getLogger("gemeentegraaf.sparql")

router = APIRouter(tags=["SPARQL"])

QUERY_PAGE = "/query"
# Threads for queries (SparqlService.query_threads): a query waiting in one costs a
# blocked thread; past this many, further queries wait on the event loop.
QUERY_THREADS = 128


@dataclass
class SparqlService:
    settings: Settings
    views: ReadViews  # what reads answer from; writes go to its durable store
    pool: QueryPool  # runs queries on an embedded store; dry-runs writes on any store
    writer: Writer
    # Threads for queries that wait for a worker or are watched: apart from the
    # threads of everything else (page handlers among them), or under load the
    # waiting queries would take all of those and the pages would queue behind them.
    query_threads: anyio.CapacityLimiter
    # Bytes of answers sent but not yet read, per client and in all.
    answers: AnswerBudget = field(default_factory=AnswerBudget)
    # Queries stopped lately for time or memory: a repeat is refused at once.
    stopped: StoppedQueries = field(default_factory=StoppedQueries)

    @property
    def store(self) -> GraphStore:
        """The durable store (writes go here; reads go to a request's view)."""
        return self.views.durable

    @property
    def reader(self) -> GraphStore:
        """Where a write's preconditions and the write log are read: the current view (it
        holds the last commit; the service holds no handle on a store it writes to)."""
        return self.views.current().store

    @property
    def forwards_queries(self) -> bool:
        """Whether queries go to the store's own server instead of the worker processes."""
        return not isinstance(self.store, OxigraphStore)


@asynccontextmanager
async def running(settings: Settings, views: ReadViews) -> AsyncIterator[SparqlService]:
    """The query workers, for the app's lifespan: started with the app, stopped with it."""
    store = views.durable
    pool = QueryPool(store, views=views, lanes=Lanes.from_settings(settings))
    # Also when the process ends without the lifespan's shutdown.
    atexit.register(pool.close)
    try:
        try:
            await anyio.to_thread.run_sync(pool.warm_up)
        except (WorkerFailed, OSError) as exc:
            # Not fatal: the first query starts a worker (and reports what goes wrong).
            log.warning("could not start a query worker ahead of time: %s", exc)
        writer = Writer(
            store,
            pool,
            settings.query_timeout,
            archive=VersionArchive(
                versions_folder(settings.store_path),
                keep=settings.versions_keep,
                max_age_days=settings.versions_days,
            ),
            log_days=settings.write_log_days,
            secret=settings.update_token or "",
        )
        atexit.register(writer.close)
        try:
            await anyio.to_thread.run_sync(writer.warm_up)
        except OSError as exc:
            # Not fatal: the first write starts it (and says what goes wrong).
            log.warning("could not start the commit process ahead of time: %s", exc)
        try:
            threads = anyio.CapacityLimiter(QUERY_THREADS)
            yield SparqlService(settings, views, pool, writer, threads)
        finally:
            await anyio.to_thread.run_sync(writer.close)
            atexit.unregister(writer.close)
    finally:
        await anyio.to_thread.run_sync(pool.close)
        atexit.unregister(pool.close)


async def get_sparql(request: Request) -> SparqlService:
    return request.app.state.sparql


SparqlDep = Annotated[SparqlService, Depends(get_sparql)]


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        # (an error may quote what the client sent: never a hidden character raw)
        (readable(message).rstrip() + "\n").encode("utf-8"),
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers=headers,
    )


def endpoint_iri(request: Request) -> str:
    """The endpoint's own IRI: the base for relative IRIs in queries and updates."""
    return str(request.url.replace(query="", fragment=""))


# Every format `format=` / `output=` may name; any other value is a 400.
ANSWER_FORMATS: tuple[MediaFormat, ...] = (*TABULAR, *GRAPH_FORMATS)

_DATASET = "Graph IRI of the query's default graph (repeatable); default: the union of all graphs"
_PARAMETERS = [
    {
        "name": "query",
        "in": "query",
        "required": False,
        "description": "A SPARQL 1.1 query. Without one: the service description",
        "schema": {"type": "string", "format": "sparql-query"},
    },
    responses.iri_list("default-graph-uri", _DATASET),
    responses.iri_list("named-graph-uri", "Graph IRI of a named graph of the dataset (repeatable)"),
    responses.format_parameter(
        "format",
        ANSWER_FORMATS,
        "The answer's format, over Accept (a format that does not fit the answer is passed over)",
    ),
    responses.format_parameter("output", ANSWER_FORMATS, "The same as format="),
]
_UPDATE_DATASET = [
    responses.iri_list("using-graph-uri", "An update's USING graph (repeatable)"),
    responses.iri_list("using-named-graph-uri", "An update's USING NAMED graph (repeatable)"),
]
_FORM_FIELDS = {
    p["name"]: {"description": p["description"], **p["schema"]}
    for p in [*_PARAMETERS, *_UPDATE_DATASET]
}
_FORM_FIELDS["update"] = {
    "description": "A SPARQL 1.1 update (needs the bearer token)",
    "type": "string",
    "format": "sparql-update",
}
_REQUEST_BODY = {
    "required": True,
    "content": {
        SPARQL_QUERY: {"schema": {"type": "string", "format": "sparql-query"}},
        SPARQL_UPDATE: {"schema": {"type": "string", "format": "sparql-update"}},
        FORM: {
            "schema": {
                "type": "object",
                "properties": _FORM_FIELDS,
                # A query or an update, never both.
                "oneOf": [{"required": ["query"]}, {"required": ["update"]}],
            },
            "encoding": {
                name: {"style": "form", "explode": True}
                for name, field in _FORM_FIELDS.items()
                if field.get("type") == "array"
            },
        },
    },
}

_ANSWERS = responses.data(
    200,
    ANSWER_FORMATS,
    "SELECT and ASK: SPARQL results; CONSTRUCT and DESCRIBE: RDF; without a query: the "
    "service description (RDF). X-SPARQL-Truncated says the rows were capped",
)
_ERRORS: responses.Responses = {
    400: responses.text(
        400,
        "Not valid SPARQL, a dataset IRI that is not absolute, SERVICE or LOAD, an unknown "
        "format=, a text too deeply nested or too long for the query engine, or a bad "
        "Idempotency-Key",
    ),
    406: responses.text(406, "None of the formats in Accept fits the answer"),
    500: responses.text(500, "A query worker stopped unexpectedly"),
    502: responses.text(502, "The store could not be read"),
    503: responses.text(503, "The query ran out of time, or all workers stayed busy"),
    **{k: v for k, v in responses.STORE_ERRORS.items() if k == 504},
}
_ENDPOINT_DOC = {
    "summary": "SPARQL 1.1 query and update endpoint",
    "description": (
        "SPARQL 1.1 Protocol. Query by GET ?query=, POST form (query=) or POST "
        "application/sparql-query; update by POST form (update=) or application/sparql-update "
        "with a bearer token. Results by Accept or format= (json, xml, csv, tsv, turtle, nt, "
        "json-ld, rdf, trig, nq). Without a query: the service description."
    ),
    "response_class": Response,
}

# The refusals of a query that ran into a lane's or a worker's limit.
_LIMITS: dict[int | str, dict] = {
    429: {
        "description": "An expensive query stopped: this client already runs its share of "
        "them (GEMEENTEGRAAF_SLOW_QUERIES_PER_CLIENT). Retry-After says when to try again.",
        "headers": responses.RETRY_AFTER,
        "content": {"text/plain": {"schema": {"type": "string"}}},
    },
    503: {
        "description": "The query (or a write's validation) ran past its time limit, the "
        "workers stayed busy, or an expensive query used its time share while the slow lane "
        "was full (then with Retry-After).",
        "headers": responses.RETRY_AFTER,
        "content": {"text/plain": {"schema": {"type": "string"}}},
    },
    507: {
        "description": "The query needed more memory than one query may use "
        "(GEMEENTEGRAAF_WORKER_MEMORY) and was stopped.",
        "content": {"text/plain": {"schema": {"type": "string"}}},
    },
}

_TEXT_ERROR = {"content": {"text/plain": {"schema": {"type": "string"}}}}
# The refusals of a query or update text before it runs (a text/plain sentence each).
_REFUSALS: dict[int | str, dict] = {
    400: {
        "description": "Not a valid SPARQL Protocol request, a syntax error, SERVICE or "
        "LOAD, or a text too deeply nested or too long for the query engine",
        **_TEXT_ERROR,
    },
    414: {
        "description": "The query in the URL is longer than the configured limit "
        "(GEMEENTEGRAAF_MAX_QUERY_BYTES); send it by POST",
        **_TEXT_ERROR,
    },
}
_BODY_REFUSALS: dict[int | str, dict] = {
    **_REFUSALS,
    413: {
        "description": "The query or update in the body is longer than the configured limit "
        "(GEMEENTEGRAAF_MAX_QUERY_BYTES)",
        **_TEXT_ERROR,
    },
}


# One route per method, so that each has an OpenAPI operation id of its own.
@router.get(
    "/sparql",
    **_ENDPOINT_DOC,
    responses={
        200: _ANSWERS,
        303: responses.redirect(303, "A browser without a query goes to the query page"),
        **_ERRORS,
        **_LIMITS,
        414: _REFUSALS[414],
    },
    openapi_extra={"parameters": _PARAMETERS},
)
@router.post(
    "/sparql",
    **_ENDPOINT_DOC,
    responses={
        200: _ANSWERS,
        204: responses.described(204, "The update was applied"),
        **_ERRORS,
        **responses.WRITE_ERRORS,
        **_LIMITS,
        413: _BODY_REFUSALS[413],
        414: _REFUSALS[414],
        415: responses.text(415, "A Content-Type other than the three below, or not UTF-8"),
    },
    openapi_extra={
        "parameters": [p for p in _PARAMETERS if p["name"] != "query"]
        + _UPDATE_DATASET
        + IDEMPOTENCY_PARAMETER["parameters"],
        "requestBody": _REQUEST_BODY,
    },
)
async def sparql_endpoint(
    request: Request, service: SparqlDep, settings: SettingsDep, view: ViewDep
) -> Response:
    try:
        operation = await read_operation(request, settings.max_query_bytes)
    except ProtocolError as exc:
        # A body refused unread: closing the connection stops the client sending it
        # (the server would otherwise read the rest to reach the next request).
        closing = {"Connection": "close"} if exc.status == 413 else None
        return text_response(exc.status, exc.message, closing)
    unknown = unknown_format(operation.formats, ANSWER_FORMATS)
    if unknown is not None:
        return text_response(
            400,
            f"Unknown format {unknown!r}; format= and output= take one of "
            f"{accepted_names(ANSWER_FORMATS)} (or a media type: {describe(ANSWER_FORMATS)}).",
        )
    if operation.kind == "query":
        # The key is for writes, but a malformed one is refused everywhere it is documented.
        _, bad_key = idempotency_key(request)
        if bad_key:
            return text_response(400, bad_key)
        return await run_query(request, service, settings, operation, view)
    if operation.kind == "update":
        return await run_update(request, service, settings, operation)
    if request.method == "GET":
        return await service_description_response(request, settings, operation, view)
    return text_response(400, "Missing 'query' or 'update' parameter.")


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


async def run_query(
    request: Request,
    service: SparqlService,
    settings: Settings,
    operation: Operation,
    view: ReadView,
) -> Response:
    text = operation.text
    # A short plain query is screened in microseconds right here; any other text is
    # read by the tokenizer, linear in its size, in a thread.
    quick = quick_query_shape(text)
    if quick is not None:
        shape, refused = quick, None
    else:
        shape, refused = await anyio.to_thread.run_sync(_screen_query, text)
    if shape.problem:
        return text_response(400, shape.problem)
    if refused:
        return text_response(
            400,
            f"{refused} is not allowed: this endpoint makes no requests to other servers "
            "(federated queries are disabled).",
        )
    accept = accept_of(request)
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
    if (unread := service.answers.refusal(client)) is not None:
        status, message = unread
        return text_response(status, message, {"Retry-After": "5"})
    if (lately := service.stopped.lately(text)) is not None:
        stopped, wait = lately
        return text_response(
            stopped.status,
            f"This query was stopped a short while ago: it {stopped.why}. It is not run "
            f"again for {wait} s, since it would be stopped again (other comments, spacing, "
            "variable names or LIMIT/OFFSET numbers do not make it another query); make "
            "it cheaper (fewer open patterns, a LIMIT in a subquery) to run it now.",
            {"Retry-After": str(wait)},
        )
    try:
        if service.forwards_queries:
            answer: Answer = await anyio.to_thread.run_sync(
                run_remote, service.store, task, settings.query_timeout
            )
        else:
            answer = await _run_on_view(service, view, task, settings.query_timeout, client)
    except QueryTimeout as exc:
        service.stopped.note(text, 503, f"ran longer than {exc.seconds:g} s")
        return text_response(
            503,
            f"Query timeout: the query ran longer than {exc.seconds:g} s and was stopped. "
            "Make it more specific (fewer open patterns, a LIMIT) and try again; sent "
            f"again unchanged within {MEMORY_SECONDS:g} s, it is refused at once.",
        )
    except ClientLimit as exc:
        return text_response(
            429,
            f"Too many expensive queries from you at once: you have {exc.limit} running, "
            f"the most per client, and this one {_why_stopped(exc, settings)}. Try again "
            "when one of them has finished (at the latest after Retry-After seconds).",
            {"Retry-After": str(exc.retry_after)},
        )
    except SlowLaneFull as exc:
        return text_response(
            503,
            f"The server is running {exc.limit} expensive queries, the most at once, and this "
            f"one {_why_stopped(exc, settings)}. Try again later, or make it cheaper (fewer "
            "open patterns, a LIMIT).",
            {"Retry-After": str(exc.retry_after)},
        )
    except WorkersBusy as exc:
        return text_response(
            503,
            "All query workers stayed busy; try again shortly.",
            {"Retry-After": str(exc.retry_after)},
        )
    except MemoryLimitExceeded as exc:
        service.stopped.note(text, 507, f"needed more than {describe_bytes(exc.limit)} of memory")
        return text_response(
            507,
            f"The query needed more than {describe_bytes(exc.limit)} of memory, the most one "
            "query may use, and was stopped. Make it cheaper: an ORDER BY, GROUP BY or "
            "DISTINCT over many rows holds them all; narrow the patterns or add a LIMIT "
            f"to a subquery. Sent again unchanged within {MEMORY_SECONDS:g} s, it is "
            "refused at once.",
        )
    except WorkerFailed as exc:
        log.error("query worker failed: %s", exc)
        return text_response(
            500,
            "The query engine's process stopped while running this query (the query "
            "may be too large or too deeply nested for the engine); a query is tried on "
            "a fresh process once at most. Simplify it; the service itself is running.",
        )
    headers = {**answer.headers, "Vary": "Accept"}
    return HeldResponse(
        service.answers,
        client,
        answer.body,
        status_code=answer.status,
        media_type=answer.media_type,
        headers=headers,
    )


async def _run_on_view(
    service: SparqlService, view: ReadView, task: QueryTask, timeout: float, client: str | None
) -> Answer:
    """Run `task` on the version of the data the request took, keeping that version's
    dump until the worker has read it; or on a newer one, when the data changed since
    the request began. The workers hold the newest version (its template was loaded
    before the switch): an older one would have to be loaded into a worker first, a
    second or more of CPU for one query. The answer is then newer than the request's
    validators say, which a cache can only take for stale, never the other way round."""
    views = service.views
    if not view.in_memory:  # an in-memory durable store: the pool dumps it per query
        return await anyio.to_thread.run_sync(
            service.pool.run, task, timeout, client, limiter=service.query_threads
        )
    if views.current().version != view.version or not views.pin(view):
        view = views.take()
    try:
        snapshot = service.pool.snapshots.of(view)
        return await loop_queries.run_query(
            service.pool, replace(task, snapshot=snapshot), timeout, client, service.query_threads
        )
    finally:
        views.release(view)


# The screens below read the whole text (linear in its size, up to
# Settings.max_query_bytes): they run in a thread, so that the event loop keeps
# answering other requests meanwhile.


def _screen_query(text: str) -> tuple[QueryShape, str | None]:
    """The query's shape, and SERVICE when it would call another server."""
    # Only texts the quick screen passed on reach here: no need to try it again.
    shape = tokenized_query_shape(text)
    if shape.problem:
        return shape, None
    return shape, outbound_operation(text, shape.outbound, update=False)


@dataclass(frozen=True)
class _ScreenedUpdate:
    shape: UpdateShape
    refused: str | None  # LOAD or SERVICE
    update: str  # with the protocol's USING clauses added


def _screen_update(text: str, using: list[str], using_named: list[str]) -> _ScreenedUpdate:
    shape = inspect_update(text)
    if shape.problem:
        return _ScreenedUpdate(shape, None, text)
    refused = outbound_operation(text, shape.outbound, update=True)
    if refused or ((using or using_named) and shape.has_using_or_with):
        return _ScreenedUpdate(shape, refused, text)
    return _ScreenedUpdate(shape, None, add_using(text, using, using_named))


def _why_stopped(refusal: ClientLimit | SlowLaneFull, settings: Settings) -> str:
    if refusal.early:
        return (
            f"used its {settings.query_time_share:g} s share of CPU when you sent it in the "
            "last half minute, so it was not run again"
        )
    if refusal.share is not None and refusal.share < settings.query_time_share:
        return (
            f"used the {refusal.share:g} s of CPU a query gets while its client has all "
            "its places in the slow lane, so it was stopped"
        )
    return f"used its {settings.query_time_share:g} s share of CPU, so it was stopped"


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
    key, bad_key = idempotency_key(request)
    if bad_key:
        return text_response(400, bad_key)
    using, using_named = operation.using_graphs, operation.using_named_graphs
    screened = await anyio.to_thread.run_sync(_screen_update, operation.text, using, using_named)
    shape, refused = screened.shape, screened.refused
    if shape.problem:
        return text_response(400, shape.problem)
    if refused:
        return text_response(
            400,
            f"{refused} is not allowed: this endpoint makes no requests to other servers. "
            "Upload data with the Graph Store Protocol (PUT or POST /rdf-graph-store?graph=…).",
        )
    if (using or using_named) and shape.has_using_or_with:
        return text_response(
            400,
            "using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH "
            "in the update itself.",
        )
    options = WriteOptions(
        operation="SPARQL Update",
        who=who(settings),
        key=key,
        # The body was read as it streamed in: the operation it held stands for it.
        fingerprint=request_fingerprint(request, _operation_bytes(operation)),
    )
    result: WriteResult = await anyio.to_thread.run_sync(
        service.writer.apply, screened.update, endpoint_iri(request), options
    )
    if result.applied:
        return Response(status_code=result.status, headers=success_headers(result))
    return write_failure(request, result)


def _operation_bytes(operation: Operation) -> bytes:
    """The update and its protocol parameters, as one byte string (for the write's fingerprint)."""
    params = sorted((name, tuple(values)) for name, values in operation.params.items())
    return (operation.text + "\0" + repr(params)).encode("utf-8", "replace")


def write_failure(request: Request, result: WriteResult) -> Response:
    """A refused or failed write: the message, and for 422 the SHACL report (text or Turtle)."""
    if result.status != 422:
        return text_response(result.status, result.message)
    if choose(accept_of(request), (PLAIN_TEXT, TURTLE)) is TURTLE:
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
    request: Request, settings: Settings, operation: Operation, view: ReadView
) -> Response:
    accept = accept_of(request)
    if not operation.formats and prefers_html(accept, GRAPH_FORMATS):
        return RedirectResponse(request.scope.get("root_path", "") + QUERY_PAGE, status_code=303)
    fmt = from_parameter(operation.formats, GRAPH_FORMATS) or choose(accept, GRAPH_FORMATS)
    if fmt is None and (from_parameter(operation.formats, TABULAR) or choose(accept, TABULAR)):
        # Asked for query results, but sent no query: say that, not "not acceptable".
        return text_response(
            400,
            "Missing 'query' parameter: send a SPARQL query as ?query=… (GET) or in the body "
            "(POST). Without one, /sparql answers with its service description, which is RDF "
            f"({describe(GRAPH_FORMATS)}).",
        )
    if fmt is None:
        return _not_acceptable(GRAPH_FORMATS)
    try:
        graphs = await anyio.to_thread.run_sync(view.store.graphs)
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
