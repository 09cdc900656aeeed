"""The dataset description conforms to DCAT-AP 3.0.1 and DCAT-AP-NL 3.0: 0 violations.

The official shapes are kept, unchanged, under tests/data/dcat/ (sources and
licences in tests/data/dcat/SOURCES.md). DCAT-AP-NL says to validate with both
sets, DCAT-AP-NL only tightening DCAT-AP; this checks each set and both merged.
Offline: no owl:imports are followed; the description itself states the facts
about the EU vocabulary terms that the shapes look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Path(__file__).parent / "data" / "dcat"
DCAT_AP = [
    SHAPES / "dcat-ap-3.0.1" / name
    for name in (
        "shapes.ttl",
        "range.ttl",
        "mdr-vocabularies.shape.ttl",
        "shapes_recommended.ttl",
        "deprecateduris.ttl",
    )
]
DCAT_AP_NL = [
    SHAPES / "dcat-ap-nl-3.0" / name
    for name in (
        "dcat-ap-nl-SHACL.ttl",
        "dcat-ap-nl-SHACL-klassebereik.ttl",
        "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
        "dcat-ap-nl-SHACL-aanbevolen.ttl",
    )
]
ID = "https://w3id.org/gemeentegraaf/id/"
PUBLISHED = "https://gemeentegraaf.example.org/data/"


@pytest.fixture(scope="module")
def client(built_store: Path) -> Iterator[TestClient]:
    from gemeentegraaf.service.app import create_app
    from gemeentegraaf.service.settings import Settings

    app = create_app(Settings(store_path=built_store, public_base=PUBLISHED))
    with TestClient(app) as c:
        yield c


def description(client: TestClient, path: str = "/.well-known/void") -> Graph:
    r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.text, format="turtle")


def violations(data: Graph, shape_files: list[Path]) -> list[str]:
    shapes = Graph()
    for path in shape_files:
        shapes.parse(path)
    _, report, _ = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        do_owl_imports=False,
    )
    # Top-level results only (advanced mode nests more under sh:detail).
    return sorted(
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
        f"{report.value(r, SH.resultMessage)}"
        for r in report.objects(None, SH.result)
        if report.value(r, SH.resultSeverity) == SH.Violation
    )


@pytest.mark.parametrize(
    "shape_files",
    [DCAT_AP, DCAT_AP_NL, DCAT_AP + DCAT_AP_NL],
    ids=["dcat-ap-3.0.1", "dcat-ap-nl-3.0", "both"],
)
def test_the_description_conforms(client: TestClient, shape_files: list[Path]) -> None:
    assert violations(description(client), shape_files) == []


def test_the_shapes_do_catch_a_description_that_falls_short(client: TestClient) -> None:
    """The check can fail: without the dataset's creator and theme DCAT-AP-NL objects."""
    g = description(client)
    ds = URIRef(ID + "dataset")
    g.remove((ds, DCTERMS.creator, None))
    g.remove((ds, DCAT.theme, None))
    found = violations(g, DCAT_AP_NL)
    assert any("creator" in v for v in found) and any("theme" in v for v in found), found


def test_a_catalogue_holds_the_dataset_and_the_service(client: TestClient) -> None:
    g = description(client)
    catalogue = URIRef(ID + "catalogus")
    assert (catalogue, RDF.type, DCAT.Catalog) in g
    assert (catalogue, DCAT.dataset, URIRef(ID + "dataset")) in g
    service = g.value(catalogue, DCAT.service)
    assert (service, RDF.type, DCAT.DataService) in g
    # The catalogue dereferences too.
    assert (catalogue, RDF.type, DCAT.Catalog) in description(client, "/id/catalogus")


def test_access_urls_are_built_from_the_published_base(client: TestClient) -> None:
    g = description(client)
    urls = {
        str(o)
        for p in (DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL, DCAT.landingPage)
        for o in g.objects(None, p)
    }
    assert urls and all(u.startswith(PUBLISHED) for u in urls), urls
    assert (
        "testserver" not in client.get("/.well-known/void", headers={"Accept": "text/turtle"}).text
    )


def test_the_description_says_where_when_and_under_which_licence(client: TestClient) -> None:
    g = description(client)
    ds = URIRef(ID + "dataset")
    assert g.value(ds, DCTERMS.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/NLD"
    )
    period = g.value(ds, DCTERMS.temporal)
    # The reports of the corpus run from 2013 to 2023.
    assert g.value(period, DCAT.startDate) == Literal(
        "2013-01-01", datatype=g.value(period, DCAT.startDate).datatype
    )
    assert str(g.value(period, DCAT.endDate)) == "2023-12-31"
    licences = set(g.objects(None, DCTERMS.license))
    assert licences == {URIRef("http://creativecommons.org/licenses/by/4.0/deed.nl")}
    # The version is a dcat:version literal, not a dct:hasVersion literal.
    assert g.value(ds, URIRef(str(DCAT) + "version")) is not None
    assert all(not isinstance(o, Literal) for o in g.objects(None, DCTERMS.hasVersion))
    publisher = g.value(ds, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in g and g.value(publisher, FOAF.name) is not None
    assert g.value(g.value(ds, DCAT.theme), SKOS.prefLabel) is not None


def test_the_published_base_is_checked_and_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemeentegraaf.service.settings import Settings, SettingsError

    monkeypatch.setenv("GEMEENTEGRAAF_PUBLIC_BASE", "https://data.example.org/gg")
    assert Settings().public_base == "https://data.example.org/gg/"
    monkeypatch.setenv("GEMEENTEGRAAF_PUBLIC_BASE", "data.example.org")
    with pytest.raises(SettingsError, match="GEMEENTEGRAAF_PUBLIC_BASE"):
        Settings()
    monkeypatch.delenv("GEMEENTEGRAAF_PUBLIC_BASE")
    assert Settings().public_base is None
