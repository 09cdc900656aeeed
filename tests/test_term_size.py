"""A term may not pass the size at which the store's N-Quads dumps stop loading."""

from __future__ import annotations

import pyoxigraph as ox
from gemeentegraaf.store.term_size import MAX_TERM_BYTES, oversized_terms, term_bytes

S, P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")


def test_a_term_is_measured_in_its_n_triples_form_escapes_included() -> None:
    # A control character is written \\uXXXX: six bytes for one character.
    controls = ox.Literal("\x01" * (MAX_TERM_BYTES // 6 + 100))
    plain = ox.Literal("a" * (MAX_TERM_BYTES // 6 + 100))
    assert term_bytes(controls) > MAX_TERM_BYTES > term_bytes(plain)
    quads = [ox.Quad(S, P, plain), ox.Quad(S, P, controls), ox.Quad(S, P, ox.Literal("b"))]
    found = list(oversized_terms(quads))
    assert [q.object for q, _ in found] == [controls]
    assert found[0][1] == term_bytes(controls)


def test_long_iris_and_graph_names_count_too() -> None:
    long_iri = ox.NamedNode("http://example.org/" + "x" * MAX_TERM_BYTES)
    assert list(oversized_terms([ox.Quad(long_iri, P, S)]))
    assert list(oversized_terms([ox.Quad(S, P, S, long_iri)]))
    assert not list(oversized_terms([ox.Quad(S, P, S)]))
