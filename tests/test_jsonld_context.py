"""The JSON-LD context: term definitions derived from the ontology, served and referred to
under the published base; access URLs under the configurable public base."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.jsonld_context import CONTEXT_FILE, derived_context, render
from gemeentegraaf.service.settings import Settings, SettingsError
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, SKOS, VOID, XSD

from tests.service_sample import build_sample_store, sample_app

GG = "https://w3id.org/gemeentegraaf/def#"
ID = "https://w3id.org/gemeentegraaf/id/"
PUBLIC = "https://gemeentegraaf.example.nl/"


def test_the_shipped_context_is_the_one_the_ontology_gives() -> None:
    # After an ontology change: python -m gemeentegraaf.service.jsonld_context
    assert CONTEXT_FILE.read_text(encoding="utf-8") == render(derived_context())


def test_terms_coerce_by_the_ontology() -> None:
    context = derived_context()["@context"]
    assert context["onderwerp"] == {"@id": "gg:onderwerp", "@type": "@id"}  # object property
    assert context["inwonertal"] == {"@id": "gg:inwonertal", "@type": "xsd:integer"}
    assert context["vastgesteldOp"] == {"@id": "gg:vastgesteldOp", "@type": "xsd:date"}
    assert context["cbsCode"] == {"@id": "gg:cbsCode"}  # xsd:string: a plain string
    assert context["prefLabel"] == {"@id": "skos:prefLabel", "@container": "@language"}
    assert context["Gemeente"] == "tooiont:Gemeente"
    assert context["gg"] == GG


def test_a_document_written_with_the_terms_means_what_the_ontology_says() -> None:
    doc = {
        "@context": derived_context()["@context"],
        "@id": "ggid:gemeente/gm0363",
        "@type": "Gemeente",
        "inwonertal": 918117,
        "vastgesteldOp": "2024-01-01",
        "prefLabel": {"nl": "Amsterdam", "fy": "Amsterdam"},
        "opgegaanIn": "ggid:gemeente/gm0001",
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    me = URIRef(ID + "gemeente/gm0363")
    assert (me, URIRef(GG + "inwonertal"), Literal(918117, datatype=XSD.integer)) in g
    assert (me, URIRef(GG + "vastgesteldOp"), Literal("2024-01-01", datatype=XSD.date)) in g
    assert (me, SKOS.prefLabel, Literal("Amsterdam", lang="fy")) in g
    assert (me, URIRef(GG + "opgegaanIn"), URIRef(ID + "gemeente/gm0001")) in g


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(sample_app(tmp_path_factory.mktemp("ctx") / "store")) as c:
        yield c


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_sample_store(tmp_path_factory.mktemp("ctx-public") / "store")
    app = create_app(Settings(store_path=path, public_base=PUBLIC.rstrip("/")))
    with TestClient(app) as c:
        yield c


def void(client: TestClient) -> Graph:
    text = client.get("/.well-known/void", headers={"accept": "text/turtle"}).text
    return Graph().parse(data=text, format="turtle")


def test_jsonld_refers_to_the_published_context_whatever_the_host(default: TestClient) -> None:
    doc = default.get("/id/gemeente/gm0363.jsonld", headers={"host": "elders:8080"}).json()
    assert doc["@context"] == "https://w3id.org/gemeentegraaf/context.jsonld"
    served = default.get("/context.jsonld").json()
    assert served == json.loads(Path(CONTEXT_FILE).read_text(encoding="utf-8"))


def test_without_a_public_base_access_urls_follow_the_request(default: TestClient) -> None:
    g = void(default)
    endpoints = set(g.objects(None, VOID.sparqlEndpoint))
    assert endpoints == {URIRef("http://testserver/sparql")}


def test_a_public_base_is_in_every_access_url(published: TestClient) -> None:
    g = void(published)
    urls = {
        str(o)
        for p in (VOID.sparqlEndpoint, VOID.dataDump, DCAT.accessURL, DCAT.downloadURL)
        for o in g.objects(None, p)
    }
    assert urls and all(u.startswith(PUBLIC) for u in urls), urls
    assert "testserver" not in g.serialize(format="nt")
    doc = published.get("/id/gemeente/gm0363.jsonld").json()
    assert doc["@context"] == PUBLIC + "context.jsonld"


@pytest.mark.parametrize(
    "bad", ["gemeentegraaf.nl", "ftp://x.nl/", "https://x.nl/?a=1", "https://"]
)
def test_a_bad_public_base_is_refused_with_its_name(bad: str, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="GEMEENTEGRAAF_PUBLIC_BASE"):
        Settings(store_path=tmp_path, public_base=bad)


def test_the_public_base_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GEMEENTEGRAAF_PUBLIC_BASE", PUBLIC)
    assert Settings(store_path=tmp_path).public_base == PUBLIC
    assert Settings(store_path=tmp_path).access_base("http://127.0.0.1:8000/") == PUBLIC
