"""The store interface and its embedded Oxigraph implementation.

Everything that reads or writes the graph goes through `GraphStore`, so that a
remote SPARQL 1.1 engine can replace the embedded one (DESIGN.md, The store).
The query default graph is the union of all named graphs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from gemeentegraaf.common.errors import UserError
from rdflib import Graph, URIRef

DEFAULT_STORE = Path("gemeentegraaf-store")

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


class GraphStore(Protocol):
    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any: ...

    def select(self, sparql: str) -> list[dict[str, Any]]: ...

    def update(self, sparql: str) -> None: ...

    def load_graph(self, graph: str, data: Graph) -> None: ...

    def replace_graph(self, graph: str, data: Graph) -> None: ...

    def drop_graph(self, graph: str) -> None: ...

    def named_graph(self, graph: str) -> Graph:
        """One named graph as an rdflib Graph (empty when the store has no such graph)."""
        g = Graph()
        g.parse(data=self.dump("nt", graph).decode("utf-8"), format="nt")
        return g

    def graphs(self) -> list[str]: ...

    def dump(self, fmt: str, graph: str | None = None) -> bytes: ...

    def close(self) -> None: ...


def default_store_path() -> Path:
    return Path(os.environ.get("GEMEENTEGRAAF_STORE", DEFAULT_STORE))


def term_to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Any:
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
    return term.value


def _graph_to_ntriples(data: Graph) -> bytes:
    return data.serialize(format="nt", encoding="utf-8")


class OxigraphStore:
    """An on-disk (or, with path None, in-memory) Oxigraph store."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for the few callers that need its streaming API."""
        return self._store

    def query(
        self,
        sparql: str,
        *,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        kwargs: dict[str, Any] = {}
        if default_graph:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return self._store.query(sparql, **kwargs)

    def select(self, sparql: str) -> list[dict[str, Any]]:
        solutions = self.query(sparql)
        names = [v.value for v in solutions.variables]
        return [{n: term_to_python(row[n]) for n in names} for row in solutions]

    def ask(self, sparql: str) -> bool:
        return bool(self.query(sparql))

    def update(self, sparql: str) -> None:
        self._store.update(sparql)

    def load_graph(self, graph: str, data: Graph) -> None:
        self._store.load(
            _graph_to_ntriples(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph)
        )

    def bulk_load_graph(self, graph: str, data: Graph) -> None:
        """Like load_graph, faster and smaller on disk, but not transactional: for a new store."""
        self._store.bulk_load(
            _graph_to_ntriples(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph)
        )

    def load_file(self, graph: str, path: Path, fmt: ox.RdfFormat) -> None:
        self._store.load(path=str(path), format=fmt, to_graph=ox.NamedNode(graph))

    def replace_graph(self, graph: str, data: Graph) -> None:
        # pyoxigraph has no multi-operation transaction in Python; an update
        # with DROP + INSERT DATA is one transaction, so readers never see a
        # half-replaced graph.
        body = _graph_to_ntriples(data).decode("utf-8")
        self._store.update(
            f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}"
        )

    def drop_graph(self, graph: str) -> None:
        node = ox.NamedNode(graph)
        if self._store.contains_named_graph(node):
            self._store.remove_graph(node)

    def named_graph(self, graph: str) -> Graph:
        """One named graph as an rdflib Graph (empty when the store has no such graph)."""
        g = Graph()
        g.parse(data=self.dump("nt", graph).decode("utf-8"), format="nt")
        return g

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return self._store.quads_for_pattern(None, None, None, g)

    def triple_count(self, graph: str | None = None) -> int:
        return sum(1 for _ in self.quads(graph))

    def dump(self, fmt: str, graph: str | None = None) -> bytes:
        if fmt not in RDF_FORMATS:
            raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
        if graph is None and fmt not in DATASET_FORMATS:
            # A triple format cannot carry graph names: merge the union.
            merged = ox.Store()
            merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in self.quads())
            return merged.dump(format=RDF_FORMATS[fmt], from_graph=ox.DefaultGraph())
        kwargs: dict[str, Any] = {"format": RDF_FORMATS[fmt]}
        if graph is not None:
            kwargs["from_graph"] = ox.NamedNode(graph)
        return self._store.dump(**kwargs)

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        # pyoxigraph closes the database when the object is collected.
        self.flush()
        del self._store


def open_store(path: Path | None = None, *, read_only: bool = False) -> OxigraphStore:
    path = path or default_store_path()
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: run `gemeentegraaf build` first")
    return OxigraphStore(path, read_only=read_only)


def uris(values: Iterable[URIRef | str]) -> list[str]:
    return [str(v) for v in values]
