"""pyoxigraph's terms as rdflib's, without a text format in between.

Writing the store's triples as N-Triples and parsing them with rdflib is not safe:
rdflib's N-Triples reader takes some characters an IRI may hold (a no-break space,
an ideographic space, a line separator) for white space, and fails on data the
store holds and wrote itself. Terms are converted one by one instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = str(XSD.string)


def to_rdflib(term: object) -> Node:
    """A pyoxigraph term as rdflib's, keeping blank node labels (so focus nodes match)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if getattr(term, "direction", None):
            # rdflib has no base direction: dropping it would change the literal
            raise TypeError(f"rdflib has no term for a literal with a direction: {term}")
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # As rdflib's N-Triples parser reads it: a plain literal is an xsd:string.
        return (
            Literal(term.value)
            if datatype == _XSD_STRING
            else Literal(term.value, datatype=URIRef(datatype))
        )
    raise TypeError(f"rdflib has no term for {term}")


def rdflib_graph(triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    """The triples (of quads: their graph names dropped) as one rdflib graph."""
    graph = Graph()
    graph.addN(
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph) for t in triples
    )
    return graph
