"""What a write changes, and one SPARQL update that applies exactly that.

A write is first applied to a scratch copy of the store (in a query worker, cut
off from the network). The difference between the copy before and after is the
delta; the service commits the delta, not the client's update text, so the
commit evaluates nothing a client wrote: it is ground data (DELETE DATA /
INSERT DATA) and graph management (CREATE / CLEAR / DROP) in one update
request, which pyoxigraph runs as one transaction (tests/test_write_delta.py
shows a failure in its last operation leaves nothing of the first).

Blank nodes cannot be named in SPARQL: DELETE DATA refuses them and INSERT DATA
makes fresh ones. So a graph whose change involves a blank node is replaced
whole (CLEAR, then its new content in the one INSERT DATA of the update, where
each label stands for one new node), together with every graph that shares a
blank node with it. The committed data is then the validated data up to the
names of blank nodes, which is all RDF promises about them.

The non-SILENT CLEAR / DROP double as preconditions: applied to a store that
is not in the state the delta was computed from (a graph missing), the update
fails and changes nothing. CREATE is SILENT: the service reads from N-Quads
copies of the store, which cannot hold an empty named graph, so a graph the
copy lacks may still be there, empty, in the store itself.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import GRAPH
from gemeentegraaf.store.base import DEFAULT_GRAPH, STAGING_PREFIX

# Graphs the build makes (reference, ontology, themes, documents, curation,
# analyses, search, dataset): `build` rebuilds them, so writes may not change them.
BUNDLED_PREFIX = str(GRAPH)
# Graphs the service itself keeps (the write log, build staging): never user data.
RESERVED_PREFIX = "urn:gemeentegraaf:"
assert STAGING_PREFIX.startswith(RESERVED_PREFIX)


def is_bundled(graph: str) -> bool:
    return _equivalent(graph).startswith(BUNDLED_PREFIX)


def is_reserved(graph: str) -> bool:
    return _equivalent(graph).startswith(RESERVED_PREFIX)


_UNRESERVED_ESCAPE = re.compile(r"%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def _equivalent(iri: str) -> str:
    """`iri` as the same resource is usually written: scheme, host and a URN's namespace
    in lower case, no default port, unreserved characters unescaped (RFC 3986 6.2.2,
    RFC 8141 3.1). RDF compares IRIs character by character, so <URN:gemeentegraaf:…>
    is another graph; but one that reads as the service's own is refused as it is."""
    scheme, colon, rest = iri.partition(":")
    if not colon:
        return iri
    scheme = scheme.lower()
    if scheme == "urn":
        namespace, colon, specific = rest.partition(":")
        return f"urn:{namespace.lower()}{colon}{specific}"
    if rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        authority = authority.lower().removesuffix(_DEFAULT_PORTS.get(scheme, ""))
        rest = f"//{authority}{slash}{path}"
    return f"{scheme}:" + _UNRESERVED_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), rest)


def is_writable(graph: str) -> bool:
    """Whether SPARQL Update and the Graph Store may change `graph` (DEFAULT_GRAPH: yes)."""
    return not (is_bundled(graph) or is_reserved(graph))


@dataclass(frozen=True)
class GraphChange:
    """How one graph changes (counts in triples)."""

    graph: str  # an IRI, or DEFAULT_GRAPH
    existed: bool
    exists: bool
    before: int
    after: int
    removed: int
    added: int

    @property
    def destructive(self) -> bool:
        """Whether anything in the graph is lost: triples removed, or the graph itself."""
        return self.removed > 0 or (self.existed and not self.exists)


@dataclass
class Delta:
    changes: list[GraphChange] = field(default_factory=list)
    update: str = ""  # applies the delta; "" when nothing changes
    # Graphs whose blank nodes tie them to a changed graph, so they are rewritten too.
    rewritten: list[str] = field(default_factory=list)

    @property
    def graphs(self) -> list[str]:
        return [c.graph for c in self.changes]

    @property
    def destructive(self) -> list[GraphChange]:
        return [c for c in self.changes if c.destructive]

    @property
    def touched(self) -> list[str]:
        """Every graph the commit writes to."""
        return sorted({*self.graphs, *self.rewritten})


def graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


def _node(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)


def _exists(store: ox.Store, graph: str) -> bool:
    return graph == DEFAULT_GRAPH or store.contains_named_graph(ox.NamedNode(graph))


def graph_quads(store: ox.Store, graph: str) -> Iterator[ox.Quad]:
    if not _exists(store, graph):
        return iter(())
    return iter(store.quads_for_pattern(None, None, None, _node(graph)))


def _dump(store: ox.Store, graph: str) -> bytes:
    if not _exists(store, graph):
        return b""
    return store.dump(format=ox.RdfFormat.N_QUADS, from_graph=_node(graph))


def _same_quads(before: ox.Store, after: ox.Store, graph: str) -> bool:
    """Whether `graph` holds the same quads in both stores, compared as N-Quads lines:
    equal bytes when both stores list them in the same order (RocksDB), else equal
    sorted lines (an in-memory copy may list them in another order). Python Quad
    objects for every quad of every graph cost seconds; lines cost milliseconds."""
    first, second = _dump(before, graph), _dump(after, graph)
    if first == second:
        return True
    if len(first) != len(second):
        return False  # the same quads have the same lines, so the same total length
    return sorted(first.split(b"\n")) == sorted(second.split(b"\n"))


def _has_blank(term: object) -> bool:
    if isinstance(term, ox.BlankNode):
        return True
    if isinstance(term, ox.Triple):
        return any(_has_blank(t) for t in (term.subject, term.predicate, term.object))
    return False


def _blank(quad: ox.Quad) -> bool:
    return _has_blank(quad.subject) or _has_blank(quad.object)


def compute(before: ox.Store, after: ox.Store, *, ignore: Iterable[str] = ()) -> Delta:
    """The delta that turns `before` into `after` (graphs in `ignore` left out)."""
    return compute_changes(before, after, ignore=ignore)[0]


def compute_changes(
    before: ox.Store, after: ox.Store, *, ignore: Iterable[str] = ()
) -> tuple[Delta, list[ox.Quad]]:
    """The delta, and the quads it removes or adds (what validation must look at)."""
    skip = set(ignore)
    names = sorted((graph_names(before) | graph_names(after) | {DEFAULT_GRAPH}) - skip)
    changes: list[GraphChange] = []
    removed: dict[str, set[ox.Quad]] = {}
    added: dict[str, set[ox.Quad]] = {}
    for name in names:
        existed, exists = _exists(before, name), _exists(after, name)
        if existed == exists and _same_quads(before, after, name):
            continue
        old, new = set(graph_quads(before, name)), set(graph_quads(after, name))
        if existed == exists and old == new:
            continue
        removed[name], added[name] = old - new, new - old
        changes.append(
            GraphChange(
                name, existed, exists, len(old), len(new), len(removed[name]), len(added[name])
            )
        )
    if not changes:
        return Delta(), []
    whole = _replaced_whole(after, changes, removed, added, skip)
    rewritten = sorted(whole - {c.graph for c in changes})
    delta = Delta(changes, _update_text(after, changes, removed, added, whole), rewritten)
    changed = [q for name in removed for q in (*removed[name], *added[name])]
    return delta, changed


def _replaced_whole(
    after: ox.Store,
    changes: list[GraphChange],
    removed: dict[str, set[ox.Quad]],
    added: dict[str, set[ox.Quad]],
    skip: set[str],
) -> set[str]:
    """Graphs to write whole: those whose change has a blank node, and those sharing one."""
    whole = {
        c.graph
        for c in changes
        if c.exists and any(_blank(q) for q in (*removed[c.graph], *added[c.graph]))
    }
    todo = list(whole)
    while todo:
        graph = todo.pop()
        blanks = {
            term
            for q in graph_quads(after, graph)
            for term in (q.subject, q.object)
            if isinstance(term, ox.BlankNode)
        }
        for node in blanks:
            for q in (
                *after.quads_for_pattern(node, None, None, None),
                *after.quads_for_pattern(None, None, node, None),
            ):
                name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
                if name not in whole and name not in skip:
                    whole.add(name)
                    todo.append(name)
    return whole


def _block(graph: str, quads: Iterable[ox.Quad]) -> str:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    if not triples:
        return ""
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return body if graph == DEFAULT_GRAPH else f"GRAPH <{graph}> {{\n{body}}}\n"


def _ref(graph: str) -> str:
    return "DEFAULT" if graph == DEFAULT_GRAPH else f"GRAPH <{graph}>"


def _update_text(
    after: ox.Store,
    changes: list[GraphChange],
    removed: dict[str, set[ox.Quad]],
    added: dict[str, set[ox.Quad]],
    whole: set[str],
) -> str:
    by_graph = {c.graph: c for c in changes}
    operations: list[str] = []
    deletions: list[str] = []
    insertions: list[str] = []
    for graph in sorted(set(by_graph) | whole):
        change = by_graph.get(graph)
        if change is not None and not change.exists:
            operations.append(f"DROP GRAPH <{graph}>")  # fails if it is not there
            continue
        if graph in whole:
            existed = change.existed if change is not None else True
            if existed:
                operations.append(f"CLEAR {_ref(graph)}")
            else:
                operations.append(f"CREATE SILENT GRAPH <{graph}>")
            insertions.append(_block(graph, graph_quads(after, graph)))
            continue
        assert change is not None
        if change.removed:
            deletions.append(_block(graph, removed[graph]))
        if not change.existed:
            operations.append(f"CREATE SILENT GRAPH <{graph}>")  # it may be there, empty
        if change.added:
            insertions.append(_block(graph, added[graph]))
    if deletions:
        operations.insert(0, "DELETE DATA {\n" + "".join(deletions) + "}")
    if any(insertions):
        # One INSERT DATA: a blank node label means one node within an operation.
        operations.append("INSERT DATA {\n" + "".join(insertions) + "}")
    return " ;\n".join(operations)


def previous_content(before: ox.Store, graphs: Iterable[str]) -> bytes:
    """The graphs' content in `before` as gzipped N-Quads (default graph quads without a name)."""
    quads = [q for g in graphs for q in graph_quads(before, g)]
    return gzip.compress(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), compresslevel=5)
