"""Checking one new document graph against the shapes, without checking the whole dataset.

A document's facts point into other graphs (a municipality in the reference
graph, a theme in the theme scheme, a class in the ontology), so its shapes need
those graphs to answer "is this a municipality?". They were checked when they
were built; what is new is the document. `DocumentChecker` holds the context
graphs once (per process) and validates each document as the focus: every node
the document describes (its own nodes, and a municipality that gets a shortcut
triple from it) is checked with the shapes, following links into the context;
the context's own nodes are not checked again.
"""

from __future__ import annotations

from collections.abc import Iterable

from gemeentegraaf.common.namespaces import GRAPH_ONTOLOGY, GRAPH_REFERENCE, GRAPH_THEMES
from gemeentegraaf.store.oxigraph import GraphStore
from gemeentegraaf.validate import ValidationReport, validate
from rdflib import Graph, URIRef

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
            return validate(self._data, focus=focus_nodes(graph))
        finally:
            for triple in added:
                self._data.remove(triple)
