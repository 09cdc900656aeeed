"""Checking one new document graph against the shapes, without checking the whole dataset.

A document's facts point into other graphs (a municipality in the reference
graph, a theme in the theme scheme, a class in the ontology), so its shapes need
those graphs to answer "is this a municipality?". They were checked when they
were built; what is new is the document. `DocumentChecker` holds the context
graphs once (per process) and validates each document as the focus: every node
the document describes (its own nodes, and a municipality that gets a shortcut
triple from it) is checked with the shapes, following links into the context;
the context's own nodes are not checked again.

pyshacl's focus nodes are not enough on their own: a nested shape (`gg:thema`
through `sh:node ggsh:ThemaRef`) is not applied to a value that is not itself a
focus node, so a literal theme passed. So the shapes without their SPARQL parts run
over every node the document can affect and every triple their shapes read
(store/change_scope.extract, as a write is checked), keeping the results at the
document's own nodes; the shapes with SPARQL parts, which may read anything, run
with the document's nodes as pyshacl's focus over all the context.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import GRAPH_ONTOLOGY, GRAPH_REFERENCE, GRAPH_THEMES
from gemeentegraaf.store.change_scope import (
    extract,
    local_scope,
    local_shapes,
    only_at,
    sparql_shapes,
)
from gemeentegraaf.store.oxigraph import GraphStore
from gemeentegraaf.validate import ValidationReport, combined, validate
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

# The graphs a document's shapes reach into.
CONTEXT_GRAPHS = (GRAPH_REFERENCE, GRAPH_THEMES, GRAPH_ONTOLOGY)


def focus_nodes(graph: Graph) -> list[URIRef]:
    """The named nodes a document graph says something about."""
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef)})


class DocumentChecker:
    """Validates document graphs one at a time against shared context graphs."""

    def __init__(self, context: Iterable[Graph]) -> None:
        self._data = Graph()
        for g in context:
            self._data += g
        # The same context where change_scope can walk it (quads by pattern).
        self._store = ox.Store()
        self._store.extend(_quads(self._data))

    @classmethod
    def from_store(cls, store: GraphStore) -> DocumentChecker:
        return cls(store.named_graph(str(uri)) for uri in CONTEXT_GRAPHS)

    def check(self, graph: Graph) -> ValidationReport:
        """Validate `graph` (focus: its own nodes) with the context around it."""
        # The document's triples join the context for this one check and leave again;
        # triples the context already holds stay.
        added = [t for t in graph if t not in self._data]
        for triple in added:
            self._data.add(triple)
        try:
            report = validate(self._data, shapes=sparql_shapes(), focus=focus_nodes(graph))
        finally:
            for triple in added:
                self._data.remove(triple)
        return combined(report, self._local(graph))

    def _local(self, graph: Graph) -> ValidationReport:
        """The shapes without SPARQL at the document's nodes, values of nested shapes
        included, with every triple around them that the shapes read."""
        quads = _quads(graph)
        added = [q for q in quads if q not in self._store]
        self._store.extend(added)
        try:
            part = extract(self._store, quads, local_scope(), bounded=False)
        finally:
            for quad in added:
                self._store.remove(quad)
        # An extract reaches context nodes too (the memberships of a municipality the
        # document names); their results, old warnings among them, are not this check's.
        own = _own_nodes(graph)
        if part is None:  # a class hierarchy in the document: everything together
            return only_at(validate(self._data + graph, shapes=local_shapes()), own)
        return only_at(validate(part.data, shapes=local_shapes()), own)


def _own_nodes(graph: Graph) -> set[Node]:
    """The nodes a document graph describes, and the values it makes targets of
    sh:targetObjectsOf (a selector is checked as one because a fact points to it)."""
    own: set[Node] = {s for s in graph.subjects() if isinstance(s, URIRef | BNode)}
    for predicate in local_scope().object_targets:
        own |= {o for o in graph.objects(None, URIRef(predicate)) if isinstance(o, URIRef | BNode)}
    return own


def _quads(graph: Graph) -> list[ox.Quad]:
    """`graph`'s triples as pyoxigraph quads, blank node labels kept."""
    text = graph.serialize(format="nt", encoding="utf-8")
    return list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
