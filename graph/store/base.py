"""The typed store interface that every backend implements.

Everything that reads or writes the graph goes through `GraphStore`, so that a
SPARQL 1.1 server can replace the embedded Oxigraph store with the same CLI
and service (DESIGN.md, The store). Terms are pyoxigraph's (NamedNode,
BlankNode, Literal, Triple): the remote backend parses its answers into them,
so results from every backend serialise the same way.

The query default graph is the union of all named graphs on every backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Union

import pyoxigraph as ox
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.store.rdflib_terms import rdflib_graph
from gemeentegraaf.store.sparql_text import QueryShape, inspect_query, inspect_update
from rdflib import Graph

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]  # noqa: UP007 - runtime alias

# The store's own default graph (not the union): what the Graph Store Protocol's
# ?default addresses. Elsewhere a graph argument of None means "every graph".
DEFAULT_GRAPH = ""

# Where a graph is written before it replaces another (a remote replace_graph,
# a build published to a server); never a graph of the data itself.
STAGING_PREFIX = "urn:gemeentegraaf:staging:"

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"trig", "nq", "jsonld"}


class StoreError(UserError):
    """A store that cannot be opened, read or written; the message is for a person."""


class QueryRejected(StoreError):
    """The store refused the query or update itself (syntax, evaluation): the client's fault."""


class StoreTimeout(StoreError):
    """The store did not answer within the time limit."""


class StoreUnavailable(StoreError):
    """The store could not be reached, or failed on its side."""


@dataclass(frozen=True)
class Solutions:
    """A SELECT result: the variables and one tuple of terms (None when unbound) per row."""

    variables: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Term | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Boolean:
    """An ASK result."""

    value: bool

    def __bool__(self) -> bool:
        return self.value


@dataclass(frozen=True)
class Triples:
    """A CONSTRUCT or DESCRIBE result."""

    triples: list[ox.Triple]

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


QueryResult = Solutions | Boolean | Triples


def term_to_python(term: Term | None) -> Any:
    """A plain Python value: IRIs and blank nodes as strings, literals by datatype."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        text = term.value
        try:
            if dt.endswith(("#integer", "#int", "#long", "#nonNegativeInteger")):
                return int(text)
            if dt.endswith(("#decimal", "#double", "#float")):
                return float(text)
            if dt.endswith("#boolean"):
                return text in ("true", "1")
        except ValueError:
            return text
        return text
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _refuse(found: str | None) -> None:
    if found:
        raise QueryRejected(
            f"{found} is not allowed: gemeentegraaf makes no requests to other servers "
            "through its store"
        )


# The store relies on the grammar-aware tokenizer alone: its second opinion (a
# pure-Python parse, tens of milliseconds) is for text from outside, which the
# service and the CLI check before it reaches a store; the project's own
# queries mention "service" in a namespace and would pay for it on every call.


def checked_query(text: str) -> QueryShape:
    """The query's shape; QueryRejected when running it would fetch from another server,
    or when it is too deep or too long for the engine (which would crash the process)."""
    shape = inspect_query(text)
    if shape.problem:
        raise QueryRejected(shape.problem)
    _refuse(shape.outbound)
    return shape


def checked_update(text: str) -> None:
    """QueryRejected when running the update would fetch from another server (LOAD,
    SERVICE), or when it is too deep or too long for the engine."""
    shape = inspect_update(text)
    if shape.problem:
        raise QueryRejected(shape.problem)
    _refuse(shape.outbound)


def rdf_format(fmt: str) -> ox.RdfFormat:
    try:
        return RDF_FORMATS[fmt]
    except KeyError:
        raise StoreError(
            f"unknown format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}"
        ) from None


def graph_node(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)


def ntriples(data: Graph) -> bytes:
    return data.serialize(format="nt", encoding="utf-8")


class GraphStore(ABC):
    """A dataset of named graphs that can be queried with SPARQL 1.1 and written graph by graph.

    A graph argument is an IRI, or DEFAULT_GRAPH for the store's own default
    graph; where it may be None, None means every graph.
    """

    #: where the store is, for messages ("/path/to/store", "http://host/sparql")
    location: str = ""
    #: True for a copy whose data never changes once loaded (a read view's): what is
    #: cached per store object then needs no check that the data is still the same.
    frozen: bool = False

    # -- reading ------------------------------------------------------------

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query.

        Without `default_graph`/`named_graphs` and without FROM in the query,
        the default graph is the union of all graphs. Raises QueryRejected for
        a query the engine refuses, StoreTimeout past `timeout` seconds (where
        the backend can stop a query), StoreError otherwise.
        """

    def select(self, sparql: str) -> list[dict[str, Any]]:
        """A SELECT's rows as dicts of plain Python values (see term_to_python)."""
        result = self.query(sparql)
        if not isinstance(result, Solutions):
            raise StoreError("select() needs a SELECT query")
        names = result.variables
        return [
            {n: term_to_python(t) for n, t in zip(names, row, strict=True)} for row in result.rows
        ]

    def ask(self, sparql: str) -> bool:
        result = self.query(sparql)
        if not isinstance(result, Boolean):
            raise StoreError("ask() needs an ASK query")
        return result.value

    @abstractmethod
    def graphs(self) -> list[str]:
        """The named graphs that hold data, sorted (a backend's own system graphs left out)."""

    @abstractmethod
    def has_graph(self, graph: str) -> bool:
        """Whether the named graph exists (DEFAULT_GRAPH always does)."""

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one graph, or of every graph (default graph first) with None."""

    def dump(self, fmt: str, graph: str | None = None) -> bytes:
        """One graph, or the whole dataset (a triple format gets the union), serialised."""
        target = rdf_format(fmt)
        if graph is None and fmt in DATASET_FORMATS:
            return ox.serialize(self.quads(), format=target)
        # A triple format cannot carry graph names; the same triple in two
        # graphs is written once.
        triples = dict.fromkeys(
            ox.Triple(q.subject, q.predicate, q.object) for q in self.quads(graph)
        )
        return ox.serialize(triples, format=target)

    def named_graph(self, graph: str) -> Graph:
        """One named graph as an rdflib Graph (empty when the store has no such graph)."""
        return rdflib_graph(self.quads(graph))

    def triple_count(self, graph: str | None = None) -> int:
        return sum(1 for _ in self.quads(graph))

    @abstractmethod
    def data_version(self) -> str:
        """A cheap value that changes whenever the data changes, also by another client."""

    # -- writing ------------------------------------------------------------

    @abstractmethod
    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update (one transaction where the backend has them)."""

    @abstractmethod
    def load(self, data: bytes, fmt: str, graph: str | None = None) -> None:
        """Add RDF to the store: into `graph`, or (a dataset format, no graph) where it says."""

    def load_graph(self, graph: str, data: Graph) -> None:
        """Add an rdflib graph's triples to a named graph."""
        self.load(ntriples(data), "nt", graph)

    @abstractmethod
    def replace_graph(self, graph: str, data: Graph) -> None:
        """Replace a named graph's content; readers see the old or the new graph, never a mix."""

    @abstractmethod
    def drop_graph(self, graph: str) -> None:
        """Remove a named graph (nothing happens when there is none)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (files, connections)."""
