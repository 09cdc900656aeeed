"""After an ingest the derived graphs (similarities, search terms) are made again and
checked against the shapes with the reference graph: a broken derived fact is refused
and the store keeps its old graphs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, ID
from gemeentegraaf.pipeline import build
from gemeentegraaf.pipeline.build import BuildError, derive_again
from gemeentegraaf.store.oxigraph import OxigraphStore
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

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


@pytest.fixture
def store(context_store: Path, tmp_path: Path) -> Iterator[OxigraphStore]:
    target = tmp_path / "store"
    shutil.copytree(context_store, target)
    opened = OxigraphStore(target)
    yield opened
    opened.close()


def _a_literal_neighbour() -> Graph:
    # Checked through a nested shape (sh:node ggsh:GemeenteRef): an IRI of a municipality.
    g = _similarity("0.5")
    g.add((UTRECHT, GG.lijktOp, Literal("gm0193")))
    return g


@pytest.mark.parametrize(
    ("broken", "shape"),
    [(lambda: _similarity("7"), "Gelijkenis-score"), (_a_literal_neighbour, "Gemeente-lijktOp")],
    ids=["score-out-of-range", "literal-neighbour"],
)
def test_derive_again_refuses_a_broken_graph_and_keeps_the_old_ones(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch, broken, shape: str
) -> None:
    made = derive_again(store)
    assert made[SEARCH] > 0
    before = sorted(map(str, store.quads(SEARCH)))
    analyses = "https://w3id.org/gemeentegraaf/graph/analyses"

    def broken_step(_store: object) -> Iterator[tuple[str, Graph]]:
        yield analyses, broken()

    def no_terms(_store: object) -> Iterator[tuple[str, Graph]]:
        yield SEARCH, Graph()

    monkeypatch.setattr(
        build, "default_store_steps", lambda: [("analyses", broken_step), ("search", no_terms)]
    )
    with pytest.raises(BuildError, match=shape):
        derive_again(store)
    assert sorted(map(str, store.quads(SEARCH))) == before
