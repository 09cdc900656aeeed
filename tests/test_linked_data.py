"""Linked data over HTTP: dereferencing, content negotiation, VoID/DCAT, dumps, JSON-LD context."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, VOID, XSD

try:
    from tests.service_sample import SAMPLE, sample_app
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import SAMPLE, sample_app

from gemeentegraaf.service.web import linked_data

GG = Namespace("https://w3id.org/gemeentegraaf/def#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
ID = "https://w3id.org/gemeentegraaf/id/"
ZWOLLE = URIRef(ID + "gemeente/gm0193")
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    app = sample_app(tmp_path_factory.mktemp("ld") / "store")
    with TestClient(app) as c:
        yield c


def parse(client: TestClient, text: str, fmt: str) -> Graph:
    """Parse a response body; JSON-LD gets its context from the service, not the network."""
    if fmt == "json-ld":
        doc = json.loads(text)
        assert doc["@context"].endswith("/context.jsonld")
        doc["@context"] = client.get("/context.jsonld").json()["@context"]
        text = json.dumps(doc)
    return Graph().parse(data=text, format=fmt)


# ---------------------------------------------------------------------------
# Dereferencing and content negotiation
# ---------------------------------------------------------------------------


def test_turtle_by_accept_holds_outgoing_and_incoming_links(client: TestClient) -> None:
    r = client.get("/id/gemeente/gm0193", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert "Accept" in r.headers["vary"]
    g = parse(client, r.text, "turtle")
    assert (ZWOLLE, GG.cbsCode, Literal("GM0193")) in g
    # incoming: the memberships and facts that point at Zwolle
    assert (URIRef(ID + "lidmaatschap/g40-gm0193-2023"), ORG.member, ZWOLLE) in g
    assert (URIRef(ID + "uitdaging/p31-2018-gm0193-arbeidsmarkt"), GG.onderwerp, ZWOLLE) in g


def test_browser_gets_the_municipality_page(client: TestClient) -> None:
    r = client.get("/id/gemeente/gm0193", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Accept" in r.headers["vary"]
    assert "<h1>Zwolle" in r.text
    assert "de arbeidsmarkt beter te laten functioneren" in r.text
    # the page links to its RDF variants
    assert 'rel="alternate" type="text/turtle" href="/id/gemeente/gm0193.ttl"' in r.text


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("text/plain", "application/n-triples", "nt"),  # N-Triples' old media type
    ],
)
def test_every_rdf_format_carries_the_same_description(
    client: TestClient, accept: str, media: str, fmt: str
) -> None:
    reference = parse(
        client, client.get("/id/gemeente/gm0193", headers={"Accept": "text/turtle"}).text, "turtle"
    )
    r = client.get("/id/gemeente/gm0193", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert isomorphic(parse(client, r.text, fmt), reference)


@pytest.mark.parametrize(
    ("suffix", "media"),
    [
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml"),
        ("html", "text/html"),
    ],
)
def test_suffix_decides_the_format_whatever_accept_says(
    client: TestClient, suffix: str, media: str
) -> None:
    r = client.get(f"/id/gemeente/gm0193.{suffix}", headers={"Accept": "image/png"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)


def test_q_values_choose_between_formats(client: TestClient) -> None:
    r = client.get(
        "/id/thema/wonen",
        headers={"Accept": "text/turtle;q=0.5, application/rdf+xml, text/html;q=0.1"},
    )
    assert r.headers["content-type"].startswith("application/rdf+xml")
    r = client.get("/id/thema/wonen", headers={"Accept": "application/*;q=0.2, text/turtle"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_negotiated_answer_names_its_variant(client: TestClient) -> None:
    r = client.get("/id/thema/wonen", headers={"Accept": "application/n-triples"})
    assert r.headers["content-location"] == "/id/thema/wonen.nt"


def test_program_without_accept_gets_turtle(client: TestClient) -> None:
    r = client.get("/id/thema/wonen", headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_unacceptable_format_is_406(client: TestClient) -> None:
    r = client.get("/id/thema/wonen", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text


def test_unknown_resource_is_404_with_a_readable_page(client: TestClient) -> None:
    r = client.get("/id/gemeente/gm9999", headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Onbekende resource" in r.text and "gm9999" in r.text
    r = client.get("/id/gemeente/gm9999", headers={"Accept": "text/turtle"})
    assert r.status_code == 404
    assert "Unknown resource" in r.text


def test_malformed_uri_path_is_404_not_500(client: TestClient) -> None:
    r = client.get('/id/gemeente/gm0193"%20%7D%20', headers={"Accept": "text/turtle"})
    assert r.status_code == 404


def test_head_answers_without_body(client: TestClient) -> None:
    r = client.head("/id/gemeente/gm0193", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert r.content == b""


# ---------------------------------------------------------------------------
# What a description holds
# ---------------------------------------------------------------------------


def test_assertion_carries_its_evidence_through_blank_nodes(client: TestClient) -> None:
    g = parse(client, client.get("/id/uitdaging/p31-2018-gm0193-arbeidsmarkt.ttl").text, "turtle")
    fact = URIRef(ID + "uitdaging/p31-2018-gm0193-arbeidsmarkt")
    evidence = g.value(fact, GG.bewijs)
    assert (
        evidence,
        OA.hasSource,
        URIRef(ID + "document/platform31-analyse-coalitieakkoorden-2018"),
    ) in g
    exact = {str(o) for s in g.objects(evidence, OA.hasSelector) for o in g.objects(s, OA.exact)}
    assert exact == {
        "Zwolle lijkt zich bewust van de noodzaak de arbeidsmarkt beter te laten functioneren"
    }
    starts = {
        o.toPython() for s in g.objects(evidence, OA.hasSelector) for o in g.objects(s, OA.start)
    }
    assert starts == {40211}


def test_evidence_with_a_uri_of_its_own_is_included(client: TestClient) -> None:
    g = parse(client, client.get("/id/uitdaging/p31-2018-gm0363-wonen.ttl").text, "turtle")
    evidence = URIRef(ID + "bewijs/p31-2018-gm0363-wonen")
    exact = {str(o) for s in g.objects(evidence, OA.hasSelector) for o in g.objects(s, OA.exact)}
    assert exact == {"Amsterdam wil 7.500 woningen per jaar bouwen"}


def test_membership_description_follows_its_time_interval(client: TestClient) -> None:
    g = parse(client, client.get("/id/lidmaatschap/g40-gm0193-2023.ttl").text, "turtle")
    ms = URIRef(ID + "lidmaatschap/g40-gm0193-2023")
    interval = g.value(ms, ORG.memberDuring)
    begin = g.value(g.value(interval, TIME.hasBeginning), TIME.inXSDDate)
    assert begin == Literal("1995-01-01", datatype=XSD.date)


def test_jsonld_points_at_the_published_context(client: TestClient) -> None:
    doc = client.get("/id/thema/wonen.jsonld").json()
    # The published URL, not the request's host.
    assert doc["@context"] == "https://w3id.org/gemeentegraaf/context.jsonld"
    context = client.get("/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    assert context.json()["@context"]["gg"] == str(GG)
    # compact IRIs from the context are used
    assert "skos:prefLabel" in json.dumps(doc)


def test_shipped_context_file_is_the_served_one(client: TestClient) -> None:
    shipped = Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"
    assert client.get("/context.jsonld").json() == json.loads(shipped.read_text("utf-8"))


# ---------------------------------------------------------------------------
# Ontology, named graphs, dataset description
# ---------------------------------------------------------------------------


def test_ontology_dereferences_at_def(client: TestClient) -> None:
    r = client.get("/def", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = parse(client, r.text, "turtle")
    assert (URIRef("https://w3id.org/gemeentegraaf/def"), RDF.type, OWL.Ontology) in g
    assert (GG.Uitdaging, RDF.type, OWL.Class) in g
    page = client.get("/def", headers={"Accept": BROWSER_ACCEPT})
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="Uitdaging"' in page.text and "Challenge assertion" in page.text
    assert client.get("/def.nt").headers["content-type"].startswith("application/n-triples")
    assert client.get("/def.xyz").status_code == 404


def test_named_graph_dereferences_to_its_triples(client: TestClient) -> None:
    expected = sum(
        1
        for q in ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
        if q.graph_name == ox.NamedNode("https://w3id.org/gemeentegraaf/graph/themes")
    )
    r = client.get("/graph/themes", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    assert len(parse(client, r.text, "nt")) == expected
    page = client.get("/graph/themes", headers={"Accept": BROWSER_ACCEPT})
    assert f"{expected} triples" in page.text
    assert client.get("/graph/nope", headers={"Accept": "text/turtle"}).status_code == 404


def void_graph(client: TestClient) -> Graph:
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    return parse(client, r.text, "turtle")


def test_void_counts_triples_per_named_graph(client: TestClient) -> None:
    g = void_graph(client)
    ds = URIRef(ID + "dataset")
    assert (ds, RDF.type, VOID.Dataset) in g
    per_graph = Counter(
        q.graph_name.value for q in ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    )
    subsets = {str(s): g.value(s, VOID.triples).toPython() for s in g.objects(ds, VOID.subset)}
    for graph_uri, n in per_graph.items():
        assert subsets[graph_uri] == n
    assert "https://w3id.org/gemeentegraaf/graph/ontology" in subsets
    assert g.value(ds, VOID.triples).toPython() == sum(subsets.values())
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef("http://testserver/sparql")


def test_void_is_a_dcat_dataset_with_dump_distributions(client: TestClient) -> None:
    g = void_graph(client)
    ds = URIRef(ID + "dataset")
    assert (ds, RDF.type, DCAT.Dataset) in g
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.publisher):
        assert g.value(ds, prop) is not None, prop
    downloads = {str(g.value(d, DCAT.downloadURL)) for d in g.objects(ds, DCAT.distribution)} - {
        "None"
    }
    assert downloads == {"http://testserver/dump.trig", "http://testserver/dump.nq"}
    # what the build recorded (modification time) is part of the description
    assert g.value(ds, DCTERMS.modified) is not None
    # the dataset derives from the documents
    assert URIRef(ID + "document/vng-stand-van-de-uitvoering-2023") in set(
        g.objects(ds, PROV.wasDerivedFrom)
    )


def test_dataset_uri_dereferences_to_the_description(client: TestClient) -> None:
    r = client.get("/id/dataset", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert (URIRef(ID + "dataset"), RDF.type, DCAT.Dataset) in parse(client, r.text, "turtle")


# ---------------------------------------------------------------------------
# Dumps
# ---------------------------------------------------------------------------


def sample_quad_count() -> int:
    from gemeentegraaf.common.resources import ONTOLOGY_DIR

    ontology = sum(
        1
        for _ in ox.parse(path=str(ONTOLOGY_DIR / "gemeentegraaf.ttl"), format=ox.RdfFormat.TURTLE)
    )
    return sum(1 for _ in ox.parse(path=str(SAMPLE), format=ox.RdfFormat.TRIG)) + ontology


@pytest.mark.parametrize(
    ("path", "media", "fmt"),
    [
        ("/dump.nq", "application/n-quads", ox.RdfFormat.N_QUADS),
        ("/dump.trig", "application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_dump_holds_every_quad_in_its_graph(
    client: TestClient, path: str, media: str, fmt: ox.RdfFormat
) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    store = ox.Store()
    store.load(r.content, format=fmt)
    assert len(store) == sample_quad_count()
    wonen = ox.Quad(
        ox.NamedNode(ID + "thema/wonen"),
        ox.NamedNode(str(RDF.type)),
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept"),
        ox.NamedNode("https://w3id.org/gemeentegraaf/graph/themes"),
    )
    assert wonen in store


def test_dump_in_many_chunks_keeps_blank_nodes_connected(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linked_data, "_DUMP_BATCH", 7)
    r = client.get("/dump.trig")
    store = ox.Store()
    store.load(r.content, format=ox.RdfFormat.TRIG)
    assert len(store) == sample_quad_count()
    rows = list(
        store.query(
            """SELECT ?exact WHERE { GRAPH ?g {
                 <https://w3id.org/gemeentegraaf/id/uitdaging/p31-2018-gm0193-arbeidsmarkt>
                   <https://w3id.org/gemeentegraaf/def#bewijs>/<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?exact } }"""
        )
    )
    assert len(rows) == 1
