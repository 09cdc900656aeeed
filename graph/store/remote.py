"""A store on any SPARQL 1.1 server: Query, Update and Graph Store Protocol over HTTP.

Configured by one URL, from which the three endpoints are derived (each can be
given explicitly instead):

- an Oxigraph server's base URL (http://host:7878) or its /query endpoint:
  /query, /update and /store;
- a URL ending in /sparql (Virtuoso): /sparql for queries and updates,
  /sparql-graph-crud for the Graph Store Protocol.

The query default graph is the union of all graphs, as with the embedded
store: Oxigraph server is asked for it per query (its `union-default-graph`
parameter, unless the query or the request names a dataset); on Virtuoso the
union is the default. Another server must be set up that way (Fuseki:
`tdb2:unionDefaultGraph true`).

Answers are parsed into pyoxigraph terms (SPARQL JSON results, N-Triples), so
the rest of the program cannot tell this store from the embedded one.
SERVICE and LOAD are refused before anything is sent: the program makes no
requests to other servers through the store either.
"""

from __future__ import annotations

import os
import re
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from gemeentegraaf.store.base import (
    DATASET_FORMATS,
    DEFAULT_GRAPH,
    STAGING_PREFIX,
    Boolean,
    GraphStore,
    QueryRejected,
    QueryResult,
    Solutions,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
    Triples,
    checked_query,
    checked_update,
    ntriples,
    rdf_format,
)
from rdflib import Graph

OXIGRAPH = "oxigraph"
VIRTUOSO = "virtuoso"

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
N_TRIPLES = "application/n-triples"
FORM = "application/x-www-form-urlencoded"

# Graphs Virtuoso keeps for itself (its RDF views, LDP, the URIQA server's
# description); they are not data of ours.
_VIRTUOSO_SYSTEM = (
    "http://www.openlinksw.com/",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
    "http://www.w3.org/2002/07/owl#",
    "urn:activitystreams-owl:map",
    "urn:core:services:sparql",
)


# Virtuoso also describes its own endpoint and DAV folder, under the host name
# it had when its database was made.
_VIRTUOSO_OWN = re.compile(r"^https?://[^/]+/(DAV/|sparql)$")

# Seconds a request may take unless the caller says otherwise: long enough to
# upload a large graph, short enough that a dead server is noticed.
DEFAULT_TIMEOUT = 300.0
CONNECT_TIMEOUT = 10.0


def default_store_url() -> str | None:
    return os.environ.get("GEMEENTEGRAAF_STORE_URL") or None


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    graph_store: str
    flavour: str  # OXIGRAPH, VIRTUOSO (what to derive and which quirks to expect)

    @classmethod
    def from_url(
        cls, url: str, *, update: str | None = None, graph_store: str | None = None
    ) -> Endpoints:
        """The endpoints behind `url`; `update`/`graph_store` (or the environment) override."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not an http(s) URL of a SPARQL store: {url!r}")
        path = parts.path.rstrip("/")

        def at(new_path: str) -> str:
            return urlunsplit((parts.scheme, parts.netloc, new_path, parts.query, ""))

        if path.endswith("/sparql"):
            flavour = VIRTUOSO
            base = path.removesuffix("/sparql")
            derived = (at(path), at(path), at(base + "/sparql-graph-crud"))
        else:
            flavour = OXIGRAPH
            base = path.removesuffix("/query")
            derived = (at(base + "/query"), at(base + "/update"), at(base + "/store"))
        return cls(
            query=derived[0],
            update=update or os.environ.get("GEMEENTEGRAAF_STORE_UPDATE_URL") or derived[1],
            graph_store=graph_store or os.environ.get("GEMEENTEGRAAF_STORE_GSP_URL") or derived[2],
            flavour=flavour,
        )


def _message(response: httpx.Response) -> str:
    text = response.text.strip()
    # Servers echo the whole query after the message; the first lines say what is wrong.
    lines = [line for line in text.splitlines() if line.strip()][:3]
    return " ".join(lines)[:500] or response.reason_phrase


class RemoteStore(GraphStore):
    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.url = url
        self.endpoints = Endpoints.from_url(url, update=update_url, graph_store=graph_store_url)
        self.location = url
        self.timeout = timeout
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT), follow_redirects=False
        )

    @property
    def flavour(self) -> str:
        return self.endpoints.flavour

    # -- HTTP ---------------------------------------------------------------

    def _send(
        self, method: str, url: str, *, timeout: float | None = None, **kwargs: Any
    ) -> httpx.Response:
        if timeout is not None:
            kwargs["timeout"] = httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout))
        try:
            return self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            seconds = timeout if timeout is not None else self.timeout
            raise StoreTimeout(
                f"the SPARQL store at {url} did not answer within {seconds:g} s"
            ) from exc
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"cannot reach the SPARQL store at {url}: {exc}") from exc

    def _check(self, response: httpx.Response, what: str) -> httpx.Response:
        status = response.status_code
        if status < 300:
            return response
        message = f"the SPARQL store refused the {what} ({status}): {_message(response)}"
        if status in (400, 422):
            raise QueryRejected(message)
        if status in (401, 403):
            raise StoreError(
                f"the SPARQL store at {response.request.url} does not allow the {what} "
                f"({status}); give the store's user write permission"
            )
        if status in (408, 504):
            raise StoreTimeout(message)
        raise StoreUnavailable(message)

    # -- reading ------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        shape = checked_query(sparql)
        text = f"BASE <{base_iri}>\n{sparql}" if base_iri else sparql
        if shape.form == "describe" and self.flavour == VIRTUOSO:
            # Virtuoso's default DESCRIBE misses graphs outside its default
            # graph group; the concise bounded description is what Oxigraph gives.
            text = f'define sql:describe-mode "CBD"\n{text}'
        form: list[tuple[str, str]] = [("query", text)]
        protocol_dataset = default_graph is not None or named_graphs is not None
        form += [("default-graph-uri", g) for g in default_graph or ()]
        form += [("named-graph-uri", g) for g in named_graphs or ()]
        if self.flavour == OXIGRAPH and not protocol_dataset and not shape.has_dataset_clause:
            form.append(("union-default-graph", ""))
        if shape.is_graph:
            accept = N_TRIPLES
        elif shape.is_tabular:
            accept = f"{SPARQL_JSON}, {SPARQL_XML};q=0.9"
        else:
            accept = f"{SPARQL_JSON}, {N_TRIPLES};q=0.9"
        response = self._send(
            "POST",
            self.endpoints.query,
            content=urlencode(form).encode("ascii"),
            headers={"Accept": accept, "Content-Type": FORM},
            timeout=timeout,
        )
        self._check(response, "query")
        return self._read_answer(response, shape.form)

    def _read_answer(self, response: httpx.Response, form: str | None) -> QueryResult:
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        body = response.content
        if self.flavour == VIRTUOSO and kind in (SPARQL_JSON, "application/json"):
            # Virtuoso names blank nodes nodeID://b10000, which is not a blank
            # node label; the label is what follows.
            body = body.replace(b'"nodeID://', b'"')
        try:
            if kind in (SPARQL_JSON, SPARQL_XML, "application/json"):
                fmt = (
                    ox.QueryResultsFormat.XML if kind == SPARQL_XML else ox.QueryResultsFormat.JSON
                )
                parsed = ox.parse_query_results(body, format=fmt)
                if isinstance(parsed, ox.QueryBoolean):
                    return Boolean(bool(parsed))
                variables = tuple(v.value for v in parsed.variables)
                width = range(len(variables))
                rows = [tuple(row[i] for i in width) for row in parsed]
                if form == "ask" and len(variables) == 1:
                    # Virtuoso answers ASK as a one-row table of 1 or 0.
                    value = rows[0][0] if rows else None
                    return Boolean(isinstance(value, ox.Literal) and value.value in ("1", "true"))
                return Solutions(variables, rows)
            rdf = ox.RdfFormat.from_media_type(kind) if kind else None
            if rdf is None:
                raise StoreError(
                    f"the SPARQL store answered with {kind or 'no content type'}, "
                    "which gemeentegraaf cannot read"
                )
            return Triples(
                [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=rdf)]
            )
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read the SPARQL store's answer ({kind}): {exc}") from exc

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = {row["g"] for row in rows if row["g"] and not row["g"].startswith("_:")}
        if self.flavour == VIRTUOSO:
            names = {
                g
                for g in names
                if not g.startswith(_VIRTUOSO_SYSTEM) and not _VIRTUOSO_OWN.match(g)
            }
        return sorted(names)

    def has_graph(self, graph: str) -> bool:
        if graph == DEFAULT_GRAPH:
            return True
        return self.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")

    def _gsp_params(self, graph: str) -> dict[str, str]:
        return {"default": ""} if graph == DEFAULT_GRAPH else {"graph": graph}

    def _graph_triples(self, graph: str) -> list[ox.Triple]:
        if graph == DEFAULT_GRAPH and self.flavour == VIRTUOSO:
            return []  # Virtuoso keeps every triple in a named graph
        response = self._send(
            "GET",
            self.endpoints.graph_store,
            params=self._gsp_params(graph),
            headers={"Accept": N_TRIPLES},
        )
        if response.status_code == 404:
            return []
        self._check(response, "graph download")
        try:
            return [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
            ]
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot read graph <{graph}> from the store: {exc}") from exc

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        names = [graph] if graph is not None else [DEFAULT_GRAPH, *self.graphs()]
        for name in names:
            node = ox.DefaultGraph() if name == DEFAULT_GRAPH else ox.NamedNode(name)
            for t in self._graph_triples(name):
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    def data_version(self) -> str:
        # How many triples and how many characters their objects hold: any
        # write by any client moves one of them, save a swap of two values of
        # equal length.
        row = self.select(
            "SELECT (COUNT(*) AS ?n) (SUM(STRLEN(STR(?o))) AS ?chars) "
            "WHERE { GRAPH ?g { ?s ?p ?o } }"
        )
        values = row[0] if row else {}
        return f"{values.get('n')}-{values.get('chars')}"

    # -- writing ------------------------------------------------------------

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        checked_update(sparql)
        text = f"BASE <{base_iri}>\n{sparql}" if base_iri else sparql
        response = self._send(
            "POST",
            self.endpoints.update,
            content=urlencode({"update": text}).encode("ascii"),
            headers={"Content-Type": FORM},
        )
        self._check(response, "update")

    def _put(self, graph: str, body: bytes, method: str = "PUT") -> None:
        response = self._send(
            method,
            self.endpoints.graph_store,
            params=self._gsp_params(graph),
            content=body,
            headers={"Content-Type": N_TRIPLES},
        )
        self._check(response, "graph upload")

    def put_graph(self, graph: str, data: bytes) -> None:
        """Make a graph hold exactly these N-Triples (Graph Store PUT)."""
        self._put(graph, data, "PUT")

    def load(self, data: bytes, fmt: str, graph: str | None = None) -> None:
        try:
            quads = list(ox.parse(data, format=rdf_format(fmt)))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load the {fmt} data: {exc}") from exc
        groups: dict[str, list[ox.Triple]] = defaultdict(list)
        for q in quads:
            if graph is not None:
                name = graph
            elif fmt in DATASET_FORMATS and isinstance(q.graph_name, ox.NamedNode):
                name = q.graph_name.value
            else:
                name = DEFAULT_GRAPH
            groups[name].append(ox.Triple(q.subject, q.predicate, q.object))
        for name, triples in groups.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            self._put(name, body, "POST")

    def staging_graph(self) -> str:
        return f"{STAGING_PREFIX}{uuid.uuid4().hex}"

    def replace_graph(self, graph: str, data: Graph) -> None:
        if len(data) == 0:
            self.drop_graph(graph)
            return
        # Upload beside the graph, then swap it in with one MOVE: readers see
        # the old graph until the MOVE, then the new one.
        stage = self.staging_graph()
        try:
            self.put_graph(stage, ntriples(data))
            self.update(f"MOVE SILENT GRAPH <{stage}> TO GRAPH <{graph}>")
        finally:
            self.drop_graph(stage)

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def close(self) -> None:
        self._client.close()
