"""pyoxigraph's terms as rdflib's: every term the store may hold, read as written."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from gemeentegraaf.store.rdflib_terms import rdflib_graph, to_rdflib
from rdflib import XSD, BNode, Literal, URIRef


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # characters an IRI may hold that rdflib's N-Triples reader takes for white space
        (ox.NamedNode("http://example.org/a\u00a0b"), URIRef("http://example.org/a\u00a0b")),
        (ox.NamedNode("http://example.org/a\u3000b"), URIRef("http://example.org/a\u3000b")),
        (ox.BlankNode("b1"), BNode("b1")),
        (ox.Literal("x"), Literal("x")),
        (ox.Literal("x", language="nl"), Literal("x", lang="nl")),
        (
            ox.Literal("3", datatype=ox.NamedNode(str(XSD.integer))),
            Literal("3", datatype=XSD.integer),
        ),
    ],
)
def test_a_term_converts_as_it_is(term: object, expected: object) -> None:
    assert to_rdflib(term) == expected


def test_quads_become_one_graph_without_their_graph_names() -> None:
    s, p = ox.NamedNode("http://example.org/s\u2028"), ox.NamedNode("http://example.org/p")
    quads = [
        ox.Quad(s, p, ox.Literal("a"), ox.NamedNode("http://example.org/g1")),
        ox.Quad(s, p, ox.Literal("a"), ox.NamedNode("http://example.org/g2")),
        ox.Quad(s, p, ox.Literal("b"), ox.DefaultGraph()),
    ]
    graph = rdflib_graph(quads)
    assert len(graph) == 2
    assert (URIRef("http://example.org/s\u2028"), URIRef(p.value), Literal("b")) in graph


def test_a_literal_with_a_base_direction_has_no_rdflib_term() -> None:
    store = ox.Store()
    store.update('INSERT DATA { <urn:a> <urn:b> "x"@ar--rtl }')
    (quad,) = list(store)
    with pytest.raises(TypeError, match="direction"):
        to_rdflib(quad.object)
