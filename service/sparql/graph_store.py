"""The SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store.

- Indirect identification: /rdf-graph-store?graph=<IRI> or ?default (the
  store's own default graph, which is empty in a built store: the data sits in
  named graphs; the query default graph, the union, is a /sparql notion).
- Direct identification: /rdf-graph-store/<path> names the graph whose IRI is
  that URL.
- GET/HEAD read a graph (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads by
  Accept; 404 for an unknown graph). PUT replaces, POST merges (also
  multipart/form-data), DELETE drops; POST to /rdf-graph-store itself makes a
  new graph and answers 201 with its IRI in Location.
- Writes need the bearer token and go through the same validated write path as
  SPARQL Update (writes.py): the change becomes an update that is dry-run and
  SHACL-validated before it touches the store (422 when it does not conform);
  a graph `build` makes (…/graph/…) or the service keeps (urn:gemeentegraaf:…)
  is read-only (403); what a PUT or DELETE replaces is kept as a version; an
  Idempotency-Key makes a retry safe.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Annotated

import anyio.to_thread
import pyoxigraph as ox
from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from gemeentegraaf.common.namespaces import PREFIXES
from gemeentegraaf.common.visible import hidden, percent_encoded, shown
from gemeentegraaf.service import openapi_responses as responses
from gemeentegraaf.service.dependencies import SettingsDep, store_of
from gemeentegraaf.service.negotiation import (
    DATASET_FORMATS,
    GRAPH_FORMATS,
    PREFIXED_RDF,
    TRIPLE_FORMATS,
    accept_of,
    accepted_names,
    choose,
    describe,
    from_parameter,
    unknown_format,
)
from gemeentegraaf.service.openapi_responses import NO_LINE_BREAK
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql.endpoint import (
    SparqlDep,
    SparqlService,
    text_response,
    write_failure,
)
from gemeentegraaf.service.sparql.protocol import (
    ProtocolError,
    absolute_iri,
    media_type,
    parse_content_type,
)
from gemeentegraaf.service.sparql.rdfxml_entities import expansion_refusal
from gemeentegraaf.service.sparql.writes import (
    IDEMPOTENCY_PARAMETER,
    WRITABLE_GRAPHS,
    WriteOptions,
    WriteResult,
    check_write_access,
    idempotency_key,
    request_fingerprint,
    success_headers,
    who,
)
from gemeentegraaf.store.base import DEFAULT_GRAPH, GraphStore, StoreError
from gemeentegraaf.store.delta import is_writable

router = APIRouter(tags=["Graph Store Protocol"])

ENDPOINT = "/rdf-graph-store"

# What a PUT or POST body may be: a single graph, so no dataset formats. The
# parser is the one pyoxigraph registers for the body's media type.
_UPLOAD_PARSERS = frozenset(fmt.rdf for fmt in TRIPLE_FORMATS)
_METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


@dataclass(frozen=True)
class Target:
    """The graph a request is about: a named graph IRI, or None for the default graph."""

    iri: str | None

    @property
    def label(self) -> str:
        return "the default graph" if self.iri is None else f"graph <{self.iri}>"

    @property
    def sparql(self) -> str:
        return "DEFAULT" if self.iri is None else f"GRAPH <{self.iri}>"


def _endpoint_url(request: Request) -> str:
    return str(request.url.replace(path=request.scope.get("root_path", "") + ENDPOINT, query=""))


# ASCII an IRI path may not hold literally (RFC 3987), `%`, `?` and `#` included: in a
# decoded path each is a character of its own, not the start of an escape, a query or a
# fragment (so /h%23 and /h%2523 name two graphs, h%23 and h%2523).
_ASCII_NOT_IN_IRI = frozenset('<>"{}|\\^`[]%?#')


def _in_iri_path(char: str) -> bool:
    """Whether an IRI path may hold `char` as it is (RFC 3987 ipchar; no private use)."""
    code = ord(char)
    if code < 0xA0:
        return 0x20 < code < 0x7F and char not in _ASCII_NOT_IN_IRI
    if 0xD800 <= code <= 0xF8FF or 0xFDD0 <= code <= 0xFDEF or 0xFFF0 <= code <= 0xFFFF:
        return False  # surrogates, private use, non-characters, specials
    if hidden(char):  # RFC 3987 4.1: no bidirectional formatting characters; nor zero widths
        return False
    return (code & 0xFFFF) < 0xFFFE and not (0xE0000 <= code <= 0xE0FFF) and code < 0xF0000


def _iri_path(path: str) -> str:
    return "".join(char if _in_iri_path(char) else percent_encoded(char) for char in path)


def _request_iri(request: Request) -> str:
    """The graph IRI of a direct request: its URL without the query.

    The server hands over the decoded path, where `%5D` is a bare `]`, which an IRI may
    not hold; such characters are encoded again, while letters such as é stay as they are.
    """
    url = request.url.replace(query="", fragment="")
    # The path from the scope, not from request.url: parsing a URL drops a tab, a CR or
    # an LF in it, and /rdf-graph-store/g2%0D was graph g2.
    return str(url.replace(path=_iri_path(request.scope["path"])))


def _target(request: Request, direct: bool) -> Target | None:
    """The addressed graph; None when the request names none (POST: make a new one)."""
    graphs = request.query_params.getlist("graph")
    default = "default" in request.query_params
    if direct:
        if graphs or default:
            raise ProtocolError(400, "A graph URL cannot also carry ?graph= or ?default.")
        return Target(absolute_iri("graph", _request_iri(request)))
    if len(graphs) > 1 or (graphs and default):
        raise ProtocolError(400, "Name one graph: either ?graph=<IRI> or ?default.")
    if default:
        return Target(None)
    if graphs:
        return Target(absolute_iri("graph", graphs[0]))
    return None


async def graph_store_indirect(
    request: Request, service: SparqlDep, settings: SettingsDep
) -> Response:
    return await _handle(request, service, settings, direct=False)


async def graph_store_direct(
    request: Request,
    service: SparqlDep,
    settings: SettingsDep,
    # A line break in the path matches no route (a 404 before this handler).
    path: Annotated[str, Path(pattern=NO_LINE_BREAK)],
) -> Response:
    return await _handle(request, service, settings, direct=True)


_FORMAT = responses.format_parameter(
    "format", GRAPH_FORMATS, "The graph's format, over Accept (one that is not offered is a 400)"
)
# Indirect identification names at most one graph: ?graph=<IRI> or ?default (form, exploded:
# each property of the object is a query parameter of its own; others are ignored). Reading,
# replacing and deleting need one of them; a POST without either makes a new graph.
_GRAPH_OR_DEFAULT = {
    "graph": {"type": "string", "format": "iri"},
    "default": {"type": "string", "description": "Present: the default graph"},
}


def _target_parameter(method: str) -> dict[str, object]:
    schema: dict[str, object] = {
        "type": "object",
        "properties": _GRAPH_OR_DEFAULT,
        "not": {"required": ["graph", "default"]},
    }
    if method != "POST":
        schema["anyOf"] = [{"required": ["graph"]}, {"required": ["default"]}]
    return {
        "name": "graph",
        "in": "query",
        "style": "form",
        "explode": True,
        "required": method != "POST",
        "description": "?graph=<absolute IRI> or ?default (the store's default graph)",
        "schema": schema,
    }


_UPLOAD = {
    "required": True,
    "description": "A single graph (multipart/form-data with one file per part works too)",
    "content": {fmt.media_type: {"schema": {"type": "string"}} for fmt in TRIPLE_FORMATS},
}
_GRAPH = responses.data(200, GRAPH_FORMATS, "The graph's triples")
_NOT_FOUND = responses.text(404, "There is no such graph in this store")
_BAD = responses.text(400, "No graph named, an IRI that is not absolute, or a body not parsed")
_WRITTEN: responses.Responses = {
    201: responses.described(
        201,
        "A new graph (POST without a graph: its IRI in Location)",
        headers={"Location": {"description": "The new graph's IRI", "schema": {"type": "string"}}},
    ),
    204: responses.NO_CONTENT,
    400: _BAD,
    413: responses.text(413, "The body, or a term in it, is larger than the service accepts"),
    415: responses.text(415, "A Content-Type that is not a single-graph RDF format, or not UTF-8"),
    **responses.WRITE_ERRORS,
    502: responses.text(502, "The store could not be read"),
}
_DOCS = {
    "GET": {200: _GRAPH, 400: _BAD, 404: _NOT_FOUND, 406: responses.text(406, "Not offered")},
    "HEAD": {200: _GRAPH, 400: _BAD, 404: _NOT_FOUND, 406: responses.text(406, "Not offered")},
    "PUT": _WRITTEN,
    "POST": _WRITTEN,
    "DELETE": {
        204: responses.NO_CONTENT,
        400: _BAD,
        404: _NOT_FOUND,
        **responses.WRITE_ERRORS,
        502: responses.text(502, "The store could not be read"),
    },
}
for _docs in _DOCS.values():
    _docs.setdefault(502, responses.text(502, "The store could not be read"))


def _openapi(method: str, *, direct: bool) -> dict[str, object]:
    parameters: list[dict[str, object]] = []
    if not direct:
        # POST to the endpoint itself may name no graph: it makes a new one.
        parameters.append(_target_parameter(method))
    if method in ("GET", "HEAD"):
        parameters.append(_FORMAT)
    extra: dict[str, object] = {"parameters": parameters}
    if method in ("PUT", "POST"):
        extra["requestBody"] = _UPLOAD
    if method in ("PUT", "POST", "DELETE"):
        parameters.extend(IDEMPOTENCY_PARAMETER["parameters"])
    return extra


# One route per method, so that each has an OpenAPI operation id of its own.
for _method in _METHODS:
    router.add_api_route(
        ENDPOINT,
        graph_store_indirect,
        methods=[_method],
        summary="Graph Store Protocol (indirect)",
        response_class=Response,
        responses=_DOCS[_method],
        openapi_extra=_openapi(_method, direct=False),
    )
    router.add_api_route(
        ENDPOINT + "/{path:path}",
        graph_store_direct,
        methods=[_method],
        summary="Graph Store Protocol (direct): the graph whose IRI is this URL",
        response_class=Response,
        responses={
            # A line break in the path reaches no route at all: 404 for every method.
            404: responses.text(404, "No such graph, or no such address"),
            **_DOCS[_method],
        },
        openapi_extra=_openapi(_method, direct=True),
    )


async def _handle(
    request: Request, service: SparqlService, settings: Settings, *, direct: bool
) -> Response:
    try:
        target = _target(request, direct)
        if request.method in ("GET", "HEAD"):
            return await _read(request, service, target)
        denied = check_write_access(request, settings)
        if denied is not None:
            return text_response(denied.status, denied.message, denied.headers)
        key, bad_key = idempotency_key(request)
        if bad_key:
            raise ProtocolError(400, bad_key)
        if target is not None and target.iri is not None and not is_writable(target.iri):
            raise ProtocolError(
                403,
                f"{target.label} is read-only: writable are {WRITABLE_GRAPHS}. "
                "Nothing was changed.",
            )
        options = WriteOptions(
            operation=f"Graph Store {request.method} "
            + (target.label if target is not None else "(new graph)"),
            who=who(settings),
            key=key,
            fingerprint=request_fingerprint(request, await request.body()),
        )
        if request.method == "DELETE":
            return await _delete(request, service, target, options)
        return await _write(request, service, target, options)
    except ProtocolError as exc:
        return text_response(exc.status, exc.message)


def _require(target: Target | None) -> Target:
    if target is None:
        raise ProtocolError(400, "Name a graph: ?graph=<IRI> or ?default.")
    return target


def _exists(store: GraphStore, target: Target) -> bool:
    return target.iri is None or store.has_graph(target.iri)


def _graph(target: Target) -> str:
    return DEFAULT_GRAPH if target.iri is None else target.iri


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


async def _read(request: Request, service: SparqlService, target: Target | None) -> Response:
    target = _require(target)
    accept = accept_of(request)
    formats = request.query_params.getlist("format")
    unknown = unknown_format(formats, GRAPH_FORMATS)
    if unknown is not None:
        return text_response(
            400,
            f"Unknown format {unknown!r}; format= takes one of {accepted_names(GRAPH_FORMATS)} "
            f"(or a media type: {describe(GRAPH_FORMATS)}).",
        )
    fmt = from_parameter(formats, GRAPH_FORMATS) or choose(accept, GRAPH_FORMATS)
    if fmt is None:
        return text_response(406, f"Choose one of {describe(GRAPH_FORMATS)}.")
    store = store_of(request)  # the request's read view, like every other read

    def dump() -> bytes | None:
        if not _exists(store, target):
            return None
        rdf = fmt.rdf
        prefixes = PREFIXES if rdf in PREFIXED_RDF else None
        quads = store.quads(_graph(target))
        if fmt in DATASET_FORMATS and target.iri is not None:
            # A dataset format can say which graph the triples are in.
            return ox.serialize(quads, format=rdf, prefixes=prefixes)
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        return ox.serialize(triples, format=rdf, prefixes=prefixes)

    try:
        body = await anyio.to_thread.run_sync(dump)
    except StoreError as exc:
        return text_response(502, f"The store could not be read: {exc}")
    if body is None:
        return text_response(404, f"There is no {shown(target.label)} in this store.")
    headers = {"Vary": "Accept"}
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        return Response(b"", media_type=fmt.content_type, headers=headers)
    return Response(body, media_type=fmt.content_type, headers=headers)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _parse(body: bytes, content_type: str, base_iri: str | None) -> list[ox.Triple]:
    kind, params = parse_content_type(content_type)
    charset = params.get("charset", "").lower()
    if charset and charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"Only UTF-8 is accepted; the body says charset={charset}.")
    fmt = ox.RdfFormat.from_media_type(kind) if kind else None
    if fmt not in _UPLOAD_PARSERS:
        raise ProtocolError(
            415,
            f"Unsupported Content-Type {kind or '(none)'!r}; send one of "
            + describe(TRIPLE_FORMATS),
        )
    if fmt == ox.RdfFormat.RDF_XML and (refused := expansion_refusal(body)) is not None:
        raise ProtocolError(413, refused)
    try:
        quads = list(ox.parse(body, format=fmt, base_iri=base_iri))
    except (SyntaxError, ValueError) as exc:
        raise ProtocolError(400, f"The {kind} body cannot be parsed: {exc}") from exc
    except MemoryError as exc:
        # pyoxigraph's parser refuses a single term past its size limit this way.
        raise ProtocolError(
            413, f"The {kind} body holds a term larger than the parser accepts (16 MiB)."
        ) from exc
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise ProtocolError(400, "The body holds named graphs; send a single graph.")
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


async def _body_triples(request: Request, base_iri: str | None) -> list[ox.Triple]:
    kind, _ = media_type(request)
    if kind == "multipart/form-data":
        # Each part is a file with its own Content-Type; the graph is their merge.
        triples: list[ox.Triple] = []
        form = await request.form()
        for _, value in form.multi_items():
            if isinstance(value, str):
                continue
            part_type = value.content_type or value.headers.get("content-type", "")
            part = await value.read()
            triples.extend(await anyio.to_thread.run_sync(_parse, part, part_type, base_iri))
        return triples
    body = await request.body()
    # Parsing tens of megabytes takes seconds: not on the event loop, where every
    # other request would wait for it.
    content_type = request.headers.get("content-type", "")
    return await anyio.to_thread.run_sync(_parse, body, content_type, base_iri)


def _insert_data(target: Target, triples: list[ox.Triple]) -> str:
    if not triples:
        return ""
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if target.iri is None:
        return f"INSERT DATA {{ {lines} }}"
    return f"INSERT DATA {{ GRAPH <{target.iri}> {{ {lines} }} }}"


async def _write(
    request: Request, service: SparqlService, target: Target | None, options: WriteOptions
) -> Response:
    created_new = target is None
    if target is None:
        if request.method != "POST":
            raise ProtocolError(400, "Name a graph: ?graph=<IRI> or ?default.")
        target = Target(f"{_endpoint_url(request)}/{uuid.uuid4().hex}")
    base = target.iri or _endpoint_url(request)
    triples = await _body_triples(request, base)
    try:
        existed = await anyio.to_thread.run_sync(_exists, service.reader, target)
    except StoreError as exc:
        return text_response(502, f"The store could not be read: {exc}")
    operations = []
    if request.method == "PUT":
        operations.append(f"DROP SILENT {target.sparql}")
    if target.iri is not None:
        operations.append(f"CREATE SILENT GRAPH <{target.iri}>")
    if insert := await anyio.to_thread.run_sync(_insert_data, target, triples):
        operations.append(insert)
    # The answer is known before the commit, so the write log can keep it with the write.
    if created_new:
        options = replace(options, status=201, location=target.iri)
    elif not existed:
        options = replace(options, status=201)
    result: WriteResult = await anyio.to_thread.run_sync(
        service.writer.apply, " ;\n".join(operations), None, options
    )
    if not result.applied:
        return write_failure(request, result)
    return Response(status_code=result.status, headers=success_headers(result))


async def _delete(
    request: Request, service: SparqlService, target: Target | None, options: WriteOptions
) -> Response:
    target = _require(target)
    try:
        existed = await anyio.to_thread.run_sync(_exists, service.reader, target)
    except StoreError as exc:
        return text_response(502, f"The store could not be read: {exc}")
    if not existed:
        # A retry of a DELETE that landed finds no graph: the write log answers it.
        earlier = await anyio.to_thread.run_sync(service.writer.earlier, options)
        if earlier is None:
            return text_response(404, f"There is no {shown(target.label)} in this store.")
        result = earlier
    else:
        result = await anyio.to_thread.run_sync(
            service.writer.apply, f"DROP SILENT {target.sparql}", None, options
        )
    if not result.applied:
        return write_failure(request, result)
    return Response(status_code=result.status, headers=success_headers(result))
