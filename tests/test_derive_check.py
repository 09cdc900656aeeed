"""After an ingest the derived graphs (similarities, search terms) are made again and
checked against the shapes, focused on what they say: a broken derived fact is refused
and the store keeps its old graphs; the reference graph is not checked over again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, GRAPH_REFERENCE, ID
from gemeentegraaf.pipeline import build
from gemeentegraaf.pipeline.build import BuildError, derive_again
from gemeentegraaf.store.oxigraph import OxigraphStore, open_store
from gemeentegraaf.validate import validate_graphs
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

UTRECHT = URIRef(str(ID) + "gemeente/gm0344")
ZWOLLE = URIRef(str(ID) + "gemeente/gm0193")
SEARCH = "https://w3id.org/gemeentegraaf/graph/search"


def _similarity(score: str, naar: URIRef = ZWOLLE) -> Graph:
    g = Graph()
    node = URIRef(str(ID) + "gelijkenis/test-gm0344-gm0193")
    g.add((node, RDF.type, GG.Gelijkenis))
    g.add((node, GG.van, UTRECHT))
    g.add((node, GG.naar, naar))
    g.add((node, GG.score, Literal(score, datatype=XSD.decimal)))
    g.add((node, GG.rang, Literal(1)))
    g.add((node, GG.methode, Literal("test/v1")))
    return g


@pytest.fixture(scope="module")
def reference(context_store: Path) -> Graph:
    store = open_store(context_store, read_only=True)
    try:
        return store.named_graph(str(GRAPH_REFERENCE))
    finally:
        store.close()


def test_a_broken_derived_fact_is_found_by_the_focused_check(reference: Graph) -> None:
    assert validate_graphs([_similarity("0.5")], context=[reference], focused=True).conforms
    report = validate_graphs([_similarity("1.5")], context=[reference], focused=True)
    assert not report.conforms
    assert {v.shape_text for v in report.violations} == {"ggsh:Gelijkenis-score"}
    province = URIRef(str(ID) + "provincie/pv26")
    report = validate_graphs([_similarity("0.5", province)], context=[reference], focused=True)
    assert {v.shape_text for v in report.violations} == {"ggsh:Gelijkenis-naar"}


def test_nodes_only_given_triples_no_shape_names_are_not_checked_again(reference: Graph) -> None:
    # A municipality of the context that breaks a shape (no name), given a search term:
    # the full check finds the break, the focused one leaves the context's nodes alone.
    broken = Graph()
    for triple in reference:
        if not (triple[0] == UTRECHT and triple[1] == SKOS.prefLabel):
            broken.add(triple)
    terms = Graph()
    terms.add((UTRECHT, GG.zoekterm, Literal("utrecht")))
    assert not validate_graphs([terms], context=[broken]).conforms
    assert validate_graphs([terms], context=[broken], focused=True).conforms
    # A triple a shape does name puts its node in focus again, and its class comes
    # from the context.
    named = Graph()
    named.add((UTRECHT, GG.lijktOp, ZWOLLE))
    assert not validate_graphs([named], context=[broken], focused=True).conforms


@pytest.fixture
def store(context_store: Path, tmp_path: Path) -> Iterator[OxigraphStore]:
    target = tmp_path / "store"
    shutil.copytree(context_store, target)
    opened = OxigraphStore(target)
    yield opened
    opened.close()


def test_derive_again_refuses_a_broken_graph_and_keeps_the_old_ones(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = derive_again(store)
    assert made[SEARCH] > 0
    before = sorted(map(str, store.quads(SEARCH)))
    analyses = "https://w3id.org/gemeentegraaf/graph/analyses"

    def broken(_store: object) -> Iterator[tuple[str, Graph]]:
        yield analyses, _similarity("7")

    def no_terms(_store: object) -> Iterator[tuple[str, Graph]]:
        yield SEARCH, Graph()

    monkeypatch.setattr(
        build, "default_store_steps", lambda: [("analyses", broken), ("search", no_terms)]
    )
    with pytest.raises(BuildError, match="Gelijkenis-score"):
        derive_again(store)
    assert sorted(map(str, store.quads(SEARCH))) == before
