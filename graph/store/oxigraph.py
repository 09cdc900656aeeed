"""The embedded store: Oxigraph on disk (or in memory), through pyoxigraph.

The query default graph is the union of all named graphs.
"""

from __future__ import annotations

import itertools
import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from gemeentegraaf.store.base import (
    DATASET_FORMATS,
    DEFAULT_GRAPH,
    RDF_FORMATS,
    Boolean,
    GraphStore,
    QueryRejected,
    QueryResult,
    Solutions,
    StoreError,
    Triples,
    checked_query,
    checked_update,
    graph_node,
    ntriples,
    rdf_format,
    term_to_python,
)
from gemeentegraaf.store.writer_lock import WriterLock
from rdflib import Graph, URIRef

log = logging.getLogger("gemeentegraaf.store")

# Importable from here as before the interface had a module of its own.
__all__ = [
    "DATASET_FORMATS",
    "DEFAULT_STORE",
    "RDF_FORMATS",
    "GraphStore",
    "OxigraphStore",
    "StoreError",
    "default_store_path",
    "open_store",
    "term_to_python",
    "uris",
]

DEFAULT_STORE = Path("gemeentegraaf-store")

# Every store object in this process gets its own prefix for data_version().
_INSTANCES = itertools.count(1)


def default_store_path() -> Path:
    return Path(os.environ.get("GEMEENTEGRAAF_STORE", DEFAULT_STORE))


def typed_result(result: Any) -> QueryResult:
    """A pyoxigraph query result read into the interface's types (evaluation happens here)."""
    if isinstance(result, ox.QueryBoolean):
        return Boolean(bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        width = range(len(variables))
        return Solutions(variables, [tuple(row[i] for i in width) for row in result])
    return Triples(list(result))


class OxigraphStore(GraphStore):
    """An on-disk (or, with path None, in-memory) Oxigraph store."""

    def __init__(
        self, path: Path | None, *, read_only: bool = False, writer_lock: bool = True
    ) -> None:
        """`writer_lock=False`: the caller's parent holds the store's writer lock (the
        commit process of a service, store/commit.py)."""
        self.path = path
        self.read_only = read_only
        self.location = str(path) if path is not None else "(in memory)"
        self._instance = next(_INSTANCES)
        self._writes = 0
        self._writer: WriterLock | None = None
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                if writer_lock:
                    self._writer = WriterLock.acquire(path)
                self._store = ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            # (pyoxigraph reports a damaged store, "Corruption: CURRENT file corrupted", as
            # a RuntimeError)
            self._release_writer()
            raise StoreError(f"cannot open the store at {path}: {exc}") from exc
        except StoreError:
            self._release_writer()
            raise

    @classmethod
    def from_dump(cls, dump: Path) -> OxigraphStore:
        """A new in-memory store holding the quads of an N-Quads file (a read view's copy)."""
        store = cls(None)
        try:
            # parse + bulk_extend, not (bulk_)load: the loaders give blank nodes new labels,
            # and every copy of a version (this one, each query worker's) must agree.
            # A fresh store nobody reads yet: the bulk path is safe.
            store._store.bulk_extend(ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load {dump} into memory: {exc}") from exc
        return store

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself, for pattern reads that need no SPARQL."""
        return self._store

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
        # pyoxigraph cannot stop a query from Python: `timeout` is for the
        # backends that can; the service runs embedded queries in killable workers.
        shape = checked_query(sparql)
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        if default_graph is not None or named_graphs is not None:
            # A protocol dataset replaces the query's own.
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph or ()]
            if named_graphs is not None:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        elif not shape.has_dataset_clause:
            kwargs["use_default_graph_as_union"] = True
        try:
            return typed_result(self._store.query(sparql, **kwargs))
        except SyntaxError as exc:
            raise QueryRejected(f"SPARQL syntax error: {exc}") from exc
        except (ValueError, TypeError, RuntimeError) as exc:
            if _storage_failure(exc):
                raise StoreError(f"cannot read the store at {self.location}: {exc}") from exc
            raise QueryRejected(f"the query failed: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from exc

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        return graph == DEFAULT_GRAPH or self._store.contains_named_graph(ox.NamedNode(graph))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        found = (
            self._store.quads_for_pattern(None, None, None, graph_node(graph))
            if graph is not None
            else self._all_quads()
        )
        try:
            yield from found
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from exc

    def _all_quads(self) -> Iterator[ox.Quad]:
        yield from self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        for g in self.graphs():
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))

    def dump(self, fmt: str, graph: str | None = None) -> bytes:
        try:
            return self._dump(fmt, graph)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from exc

    def _dump(self, fmt: str, graph: str | None) -> bytes:
        target = rdf_format(fmt)
        if graph is None and fmt not in DATASET_FORMATS:
            return super().dump(fmt, graph)
        if graph is None:
            return self._store.dump(format=target)
        if not self.has_graph(graph):
            return ox.serialize([], format=target)
        return self._store.dump(format=target, from_graph=graph_node(graph))

    def data_version(self) -> str:
        # Nobody else writes to an embedded store while this process has it
        # open (RocksDB's lock), so counting this object's writes is exact.
        return f"embedded-{self._instance}-{self._writes}"

    # -- writing ------------------------------------------------------------

    def _wrote(self) -> None:
        self._writes += 1

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        checked_update(sparql)
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as exc:
            raise QueryRejected(f"SPARQL syntax error: {exc}") from exc
        except (ValueError, TypeError, RuntimeError) as exc:
            raise QueryRejected(f"the update failed: {exc}") from exc
        finally:
            self._wrote()

    def load(self, data: bytes, fmt: str, graph: str | None = None) -> None:
        kwargs: dict[str, Any] = {"format": rdf_format(fmt)}
        if graph is not None:
            kwargs["to_graph"] = graph_node(graph)
        try:
            self._store.load(data, **kwargs)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load the {fmt} data: {exc}") from exc
        finally:
            self._wrote()

    def bulk_load_graph(self, graph: str, data: Graph) -> None:
        """Like load_graph, faster and smaller on disk, but not transactional: for a new store."""
        self._store.bulk_load(
            ntriples(data), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph)
        )
        self._wrote()

    def load_file(self, graph: str, path: Path, fmt: ox.RdfFormat) -> None:
        self._store.load(path=str(path), format=fmt, to_graph=ox.NamedNode(graph))
        self._wrote()

    def replace_graph(self, graph: str, data: Graph) -> None:
        # pyoxigraph has no multi-operation transaction in Python; one update is one
        # transaction, so readers never see a half-replaced graph.
        body = ntriples(data)
        new = _as_stored(body)
        node = ox.NamedNode(graph)
        old = (
            {ox.Triple(q.subject, q.predicate, q.object) for q in self.quads(graph)}
            if self._store.contains_named_graph(node)
            else None
        )
        if not new or old is None or _has_blank_nodes(new) or _has_blank_nodes(old):
            # DELETE DATA cannot name blank nodes, and an empty graph goes altogether.
            self._write_whole(graph, body)
            return
        # Only what changed: a derived graph made again after an ingest (18,000 search
        # terms) differs in a few triples, and writing it whole took 1.9 s.
        removed, added = old - new, new - old
        parts = [
            f"{verb} DATA {{ GRAPH <{graph}> {{ {_ntriples_text(triples)} }} }}"
            for verb, triples in (("DELETE", removed), ("INSERT", added))
            if triples
        ]
        if parts:
            self.update(" ; ".join(parts))
        if self.triple_count(graph) != len(new):
            # Only this process writes (the writer lock), so the graph is the new one;
            # should it not be (another writer between the read and the update, a
            # literal kept in another form), it is written whole.
            self._write_whole(graph, body)

    def _write_whole(self, graph: str, body: bytes) -> None:
        text = body.decode("utf-8")
        self.update(f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {text} }} }}")

    def drop_graph(self, graph: str) -> None:
        node = ox.NamedNode(graph)
        if self._store.contains_named_graph(node):
            self._store.remove_graph(node)
        self._wrote()

    # -- embedded only: what the service's query workers need ---------------

    def backup(self, target: Path) -> None:
        """A checkpoint of the on-disk store at `target` (hard links on one file system)."""
        self._store.backup(str(target))

    def dump_to_file(self, target: Path, fmt: str = "nq") -> None:
        try:
            self._store.dump(str(target), format=rdf_format(fmt))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from exc

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        self.close_handle()
        self._release_writer()

    def close_handle(self) -> None:
        """Close the database but keep the writer lock: a service that writes lets its
        commit process open the store (read_view.ReadViews.detached)."""
        # pyoxigraph closes the database when the object is collected.
        if not hasattr(self, "_store"):
            return
        self.flush()
        del self._store
        if self._writes and self.path is not None and not self.read_only:
            mark_changed(self.path)

    def _release_writer(self) -> None:
        if self._writer is not None:
            self._writer.release()
            self._writer = None


# Rewritten by every process that wrote to the store (ingest, restore, a service's
# commits) when it closes it: a server reading the same store in place learns of the
# change (read_view._Identity) without being told, and only once the writer is done.
CHANGED_FILE = "gemeentegraaf-changed"


def mark_changed(path: Path) -> None:
    marker = path / CHANGED_FILE
    partial = marker.with_name(f".{CHANGED_FILE}.{os.getpid()}")
    try:
        partial.write_text(uuid.uuid4().hex, encoding="ascii")
        os.replace(partial, marker)
    except OSError as exc:
        # The data is written; only a server reading it in place would miss the change.
        log.warning("could not mark the store at %s as changed: %s", path, exc)


def changed_mark(path: Path) -> str:
    """The last writer's mark ("" when none wrote through gemeentegraaf since the build)."""
    try:
        return (path / CHANGED_FILE).read_text(encoding="ascii")
    except OSError:
        return ""


def changed_at(path: Path) -> datetime | None:
    """When a process last wrote to the store in place (None: not since its build)."""
    try:
        return datetime.fromtimestamp((path / CHANGED_FILE).stat().st_mtime, UTC)
    except OSError:
        return None


def _storage_failure(exc: Exception) -> bool:
    """Whether pyoxigraph's error is the storage's (RocksDB's "Corruption: …", "IO error:
    …"), not the query's: a damaged store is no fault of the client's."""
    return str(exc).startswith(("Corruption", "IO error"))


def open_store(path: Path | None = None, *, read_only: bool = False) -> OxigraphStore:
    path = path or default_store_path()
    if read_only and (not path.exists() or (path.is_dir() and not any(path.iterdir()))):
        raise StoreError(f"no store at {path}: run `gemeentegraaf build` first")
    return OxigraphStore(path, read_only=read_only)


def uris(values: Iterable[URIRef | str]) -> list[str]:
    return [str(v) for v in values]


def _as_stored(ntriples_body: bytes) -> set[ox.Triple]:
    """Triples as the store keeps them: it writes literals in their canonical form
    ("0.5000"^^xsd:decimal is kept as "0.5"), so a diff must compare those."""
    scratch = ox.Store()
    try:
        scratch.load(ntriples_body, format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError) as exc:
        raise QueryRejected(f"the graph cannot be written: {exc}") from exc
    return {ox.Triple(q.subject, q.predicate, q.object) for q in scratch}


def _ntriples_text(triples: set[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _has_blank_nodes(triples: set[ox.Triple]) -> bool:
    return any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    )
