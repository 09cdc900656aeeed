"""Writes validate only the nodes a change can affect: as strict as validating everything.

The dry run of a write checks the nodes whose SHACL results the changed
triples can alter (store/change_scope.py). These tests break a shape of a node
the write did not touch (the document that links to an organisation whose
type or name goes), and compare the focused check with the whole one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.common.namespaces import SH
from gemeentegraaf.service.sparql import query_worker
from gemeentegraaf.service.sparql.query_worker import DryRunTask, Snapshot
from gemeentegraaf.store.change_scope import (
    extract,
    local_scope,
    local_shapes,
    scope_of,
    shape_scope,
    sparql_shapes,
)
from gemeentegraaf.store.delta import compute_changes
from gemeentegraaf.validate import load_shapes, validate
from rdflib import Graph, URIRef

from tests.sparql_helpers import TOKEN, make_client, make_store

NOTES = "http://example.org/graph/notes"
UPDATE = "application/sparql-update"
SH_FOCUS = URIRef("http://www.w3.org/ns/shacl#focusNode")
SH_RESULT = URIRef("http://www.w3.org/ns/shacl#result")
AUTH = {"authorization": f"Bearer {TOKEN}"}
PREFIXES = """
PREFIX gg: <https://w3id.org/gemeentegraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX tooiont: <https://identifier.overheid.nl/tooi/def/ont/>
"""
DOC = "https://w3id.org/gemeentegraaf/id/document/notitie"
ORG = "http://example.org/organisatie"
# A document in a user graph, published by an organisation described there too.
DOCUMENT = f"""{PREFIXES}
INSERT DATA {{ GRAPH <{NOTES}> {{
  <{DOC}> a gg:Document ; dcterms:title "Notitie" ; dcterms:publisher <{ORG}> .
  <{ORG}> a foaf:Organization ; rdfs:label "Organisatie" .
}} }}
"""
# Each removes something of the organisation only; the document's publisher shape
# (sh:node ggsh:Organisation: a foaf:Organization with a name) no longer holds.
UNTYPE_ORG = f"{PREFIXES} DELETE DATA {{ GRAPH <{NOTES}> {{ <{ORG}> a foaf:Organization }} }}"
UNNAME_ORG = f'{PREFIXES} DELETE DATA {{ GRAPH <{NOTES}> {{ <{ORG}> rdfs:label "Organisatie" }} }}'


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(make_store(tmp_path / "store"), update_token=TOKEN) as client:
        yield client


def post(client: TestClient, update: str):
    return client.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})


@pytest.mark.parametrize("update", [UNTYPE_ORG, UNNAME_ORG], ids=["type", "label"])
def test_removing_what_a_linking_nodes_shape_needs_is_refused(
    writable: TestClient, update: str
) -> None:
    assert post(writable, DOCUMENT).status_code == 204
    response = post(writable, update)
    assert response.status_code == 422, response.text
    # The document, which the write did not touch, is where the shape fails.
    assert f"<{DOC}>" in response.text
    assert "ggsh:Document-publisher" in response.text
    # Nothing was changed: the organisation keeps its type and name.
    ask = f"ASK {{ <{ORG}> a <http://xmlns.com/foaf/0.1/Organization> ; ?p ?o }}"
    assert writable.get("/sparql", params={"query": ask}).json()["boolean"]


def test_a_write_that_keeps_the_shapes_is_applied(writable: TestClient) -> None:
    assert post(writable, DOCUMENT).status_code == 204
    rename = (
        f'{PREFIXES} DELETE DATA {{ GRAPH <{NOTES}> {{ <{ORG}> rdfs:label "Organisatie" }} }} ;'
        f' INSERT DATA {{ GRAPH <{NOTES}> {{ <{ORG}> rdfs:label "Andere naam" }} }}'
    )
    assert post(writable, rename).status_code == 204


# -- the focused check finds what the whole check finds ---------------------


def _before(tmp_path: Path) -> tuple[query_worker._Worker, Snapshot]:
    path = make_store(tmp_path / "store")
    store = ox.Store.read_only(str(path))
    dump = tmp_path / "before.nq"
    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None, None))
    copy.update(DOCUMENT)
    copy.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    del store
    return query_worker._Worker(), Snapshot(str(dump), "nquads")


def _whole_results(after: ox.Store) -> set[tuple[str, str]]:
    report = validate(query_worker._whole(after))
    return {(str(v.focus_node), str(v.source_shape)) for v in report.violations if v.is_violation}


@pytest.mark.parametrize(
    "update",
    [
        UNTYPE_ORG,
        UNNAME_ORG,
        f'{PREFIXES} DELETE DATA {{ GRAPH <{NOTES}> {{ <{DOC}> dcterms:title "Notitie" }} }}',
        f'{PREFIXES} INSERT DATA {{ GRAPH <{NOTES}> {{ <{DOC}> dcterms:publisher "tekst" }} }}',
        f"{PREFIXES} INSERT DATA {{ GRAPH <{NOTES}> {{ <http://example.org/x> a foaf:Organization }} }}",
        f"{PREFIXES} DROP GRAPH <{NOTES}>",
    ],
)
def test_the_focused_check_finds_what_the_whole_check_finds(tmp_path: Path, update: str) -> None:
    worker, snapshot = _before(tmp_path)
    before = worker.open(snapshot)
    after = query_worker._scratch(snapshot, before)
    after.update(update)
    delta, changed = compute_changes(before, after)
    part = extract(after, changed, shape_scope(), total=len(after))
    assert part is not None  # these changes are small and touch no SPARQL-based shape
    result = query_worker._validate(after, delta.graphs, changed, shape_scope())
    whole = _whole_results(after)
    assert result.conforms == (not whole)
    focused = Graph().parse(data=result.report_turtle, format="turtle") if whole else Graph()
    # Every node the whole check names, the focused check names too (and no other).
    shown = {str(focused.value(result, SH_FOCUS)) for result in focused.objects(None, SH_RESULT)}
    assert {focus for focus, _ in whole} == shown
    # And through the worker as a write would run it.
    dry = worker.dry_run(DryRunTask(update, None, snapshot, snapshot))
    assert dry.conforms == (not whole)


# -- what a change reaches ---------------------------------------------------


def test_the_project_shapes_have_a_bounded_depth() -> None:
    scope = shape_scope()
    assert scope.depth is not None and scope.depth >= 2  # a document → its publisher's name


def test_changes_that_sparql_shapes_read_are_validated_whole() -> None:
    scope = shape_scope()
    municipality = ox.NamedNode("https://w3id.org/gemeentegraaf/id/gemeente/gm0363")
    graph = ox.NamedNode(NOTES)
    cbs = ox.Quad(
        municipality,
        ox.NamedNode("https://w3id.org/gemeentegraaf/def#cbsCode"),
        ox.Literal("GM0363"),
        graph,
    )
    typed = ox.Quad(
        municipality,
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://identifier.overheid.nl/tooi/def/ont/Gemeente"),
        graph,
    )
    other_type = ox.Quad(
        municipality,
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://xmlns.com/foaf/0.1/Organization"),
        graph,
    )
    subclass = ox.Quad(
        ox.NamedNode("http://example.org/C"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
        ox.NamedNode("http://xmlns.com/foaf/0.1/Organization"),
        graph,
    )
    assert scope.needs_whole(cbs) and scope.needs_whole(typed) and scope.needs_whole(subclass)
    assert not scope.needs_whole(other_type)
    assert extract(ox.Store(), [cbs], scope) is None


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:A a sh:NodeShape ; sh:targetClass ex:A ;
  sh:property [ sh:path ( ex:p ex:q ) ; sh:node ex:B ] .
ex:B a sh:NodeShape ; sh:property [ sh:path [ sh:alternativePath ( ex:r ex:s ) ] ; sh:minCount 1 ] .
"""


def test_the_depth_follows_paths_and_nested_shapes() -> None:
    shapes = Graph().parse(data=SHAPES, format="turtle")
    assert scope_of(shapes).depth == 3  # two steps of the sequence, one into ex:B
    inverse = SHAPES + "ex:C a sh:NodeShape ; sh:property [ sh:path [ sh:inversePath ex:p ] ] ."
    assert scope_of(Graph().parse(data=inverse, format="turtle")).depth is None
    recursive = SHAPES + "ex:D a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:node ex:D ] ."
    assert scope_of(Graph().parse(data=recursive, format="turtle")).depth is None


def test_the_shapes_split_into_those_with_sparql_and_those_without() -> None:
    # without_sparql left the SPARQL constraints and targets behind (unlinked), and the
    # scope read from them still sent every document with a membership to a whole check
    everything = load_shapes()
    local, sparql = local_shapes(), sparql_shapes()
    texts = set(everything.objects(None, SH.select))
    assert texts and set(sparql.objects(None, SH.select)) == texts
    assert not set(local.objects(None, SH.select)) and not set(local.objects(None, SH.sparql))
    scope = local_scope()
    assert not (scope.sparql_predicates or scope.sparql_classes or scope.sparql_any)
    # the shapes with SPARQL parts come whole: their targets, messages and prefixes
    for holder in sparql.subjects(SH.sparql, None):
        assert set(everything.triples((holder, None, None))) <= set(sparql)
