"""The build: validated graphs into a store, swapped in only when all is well."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, SKOS

from graph.build import BuildError, build
from graph.namespaces import GG, GRAPH_REFERENCE, SPARQL_PREFIXES, TOOIONT
from graph.store import open_store

AMSTERDAM = URIRef("https://w3id.org/gemeentegraaf/id/gemeente/gm0363")
NH = URIRef("https://w3id.org/gemeentegraaf/id/provincie/pv27")


def _small_reference(code: str) -> Graph:
    g = Graph()
    g.add((NH, RDF.type, TOOIONT.Provincie))
    g.add((NH, RDF.type, ORG.Organization))
    g.add((NH, GG.provinciecode, Literal("PV27")))
    g.add((NH, SKOS.prefLabel, Literal("Noord-Holland", lang="nl")))
    g.add((NH, OWL.sameAs, URIRef("https://identifier.overheid.nl/tooi/id/provincie/pv27")))
    g.add((AMSTERDAM, RDF.type, TOOIONT.Gemeente))
    g.add((AMSTERDAM, RDF.type, ORG.Organization))
    g.add((AMSTERDAM, GG.cbsCode, Literal(code)))
    g.add((AMSTERDAM, SKOS.prefLabel, Literal("Amsterdam", lang="nl")))
    g.add((AMSTERDAM, TOOIONT.ligtInProvincie, NH))
    g.add((AMSTERDAM, OWL.sameAs, URIRef("https://identifier.overheid.nl/tooi/id/gemeente/gm0363")))
    return g


def _steps(code: str):
    def step(_: object) -> Iterator[tuple[str, Graph]]:
        yield str(GRAPH_REFERENCE), _small_reference(code)

    return [("small", step)]


def _codes(path: Path) -> list[str]:
    store = open_store(path, read_only=True)
    try:
        rows = store.select(SPARQL_PREFIXES + "SELECT ?c WHERE { ?g gg:cbsCode ?c }")
        return [r["c"] for r in rows]
    finally:
        store.close()


def test_build_writes_a_queryable_store(tmp_path: Path) -> None:
    target = tmp_path / "store"
    result = build(target, steps=_steps("GM0363"))
    assert _codes(target) == ["GM0363"]
    assert result.graphs[str(GRAPH_REFERENCE)] > 0


def test_failed_validation_leaves_previous_store_untouched(tmp_path: Path) -> None:
    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"))
    with pytest.raises(BuildError, match="GM363|cbsCode|CBS"):
        build(target, steps=_steps("GM363"))
    assert _codes(target) == ["GM0363"]
    # and nothing half-built is left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_step_that_crashes_leaves_previous_store_untouched(tmp_path: Path) -> None:
    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"))

    def broken(_: object) -> Iterator[tuple[str, Graph]]:
        raise OSError("corpus file unreadable")
        yield  # pragma: no cover

    with pytest.raises(OSError, match="unreadable"):
        build(target, steps=[*_steps("GM0363"), ("broken", broken)])
    assert _codes(target) == ["GM0363"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


@pytest.mark.slow
def test_full_build_counts(built) -> None:
    def n(where: str) -> int:
        return built.select(SPARQL_PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0][
            "n"
        ]

    assert n("?g a tooiont:Gemeente") == 605
    assert n("?g a tooiont:Gemeente FILTER NOT EXISTS { ?g tooiont:einddatum ?e }") == 342
    assert n("?p a tooiont:Provincie") == 12
