"""SPARQL Update through /sparql: off by default, bearer token, SHACL validation before commit."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tests.sparql_helpers import CURATION, GEMEENTE, REFERENCE, TOKEN, make_client, make_store

# A graph of the user's own: writable (the bundled graphs, …/graph/…, are not).
NOTES = "http://example.org/graph/notes"
RESERVED = "urn:gemeentegraaf:"

SH = "http://www.w3.org/ns/shacl#"
UPDATE = "application/sparql-update"
AUTH = {"authorization": f"Bearer {TOKEN}"}

# A municipality whose CBS code does not match its URI (and that lacks a
# province and a TOOI link): the shapes refuse it.
INVALID = f"""
PREFIX gg: <https://w3id.org/gemeentegraaf/def#>
PREFIX tooiont: <https://identifier.overheid.nl/tooi/def/ont/>
INSERT DATA {{ GRAPH <{NOTES}> {{ <{GEMEENTE}gm0363> a tooiont:Gemeente ; gg:cbsCode "GM9999" . }} }}
"""


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("update") / "store")
    with make_client(path, update_token=TOKEN) as client:
        yield client


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("read-only") / "store")
    with make_client(path) as client:
        yield client


def ask(client: TestClient, query: str) -> bool:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return response.json()["boolean"]


def test_updates_are_refused_when_no_token_is_configured(read_only: TestClient) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{NOTES}> {{ <http://example.org/a> <http://example.org/b> 1 }} }}"
    )
    response = read_only.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 403
    assert "read-only" in response.text
    assert not ask(read_only, "ASK { <http://example.org/a> ?p ?o }")


def test_an_update_needs_the_bearer_token(writable: TestClient) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{NOTES}> {{ <http://example.org/t> <http://example.org/b> 1 }} }}"
    )
    missing = writable.post("/sparql", content=update, headers={"content-type": UPDATE})
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = writable.post(
        "/sparql", content=update, headers={"content-type": UPDATE, "authorization": "Bearer nope"}
    )
    assert wrong.status_code == 403
    assert not ask(writable, "ASK { <http://example.org/t> ?p ?o }")


def test_an_authorised_update_is_applied_and_seen_by_the_next_query(writable: TestClient) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{NOTES}> {{ <http://example.org/new> <http://example.org/b> 1 }} }}"
    )
    assert not ask(writable, "ASK { <http://example.org/new> ?p ?o }")
    response = writable.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 204, response.text
    assert ask(writable, "ASK { <http://example.org/new> ?p ?o }")
    # Also by form post.
    delete = (
        f"DELETE DATA {{ GRAPH <{NOTES}> {{ <http://example.org/new> <http://example.org/b> 1 }} }}"
    )
    form = {"update": delete}
    assert writable.post("/sparql", data=form, headers=AUTH).status_code == 204
    assert not ask(writable, "ASK { <http://example.org/new> ?p ?o }")


def test_an_update_that_breaks_the_shapes_is_refused_with_the_report(writable: TestClient) -> None:
    response = writable.post("/sparql", content=INVALID, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/plain")
    assert "Nothing was changed" in response.text
    assert "GM9999" in response.text
    assert NOTES in response.text  # which graph
    # The store is unchanged.
    assert not ask(writable, 'ASK { ?g <https://w3id.org/gemeentegraaf/def#cbsCode> "GM9999" }')


@pytest.mark.parametrize(
    "graph",
    [
        REFERENCE,
        CURATION,
        "urn:gemeentegraaf:write-log",
        # The same resources as written otherwise: scheme, host and a URN's namespace
        # in another case, a default port, an escaped unreserved character.
        "URN:gemeentegraaf:write-log",
        "urn:GEMEENTEGRAAF:write-log",
        REFERENCE.replace("w3id.org", "W3ID.org"),
        REFERENCE.replace("https://w3id.org", "HTTPS://w3id.org:443"),
        REFERENCE.replace("/graph/", "/%67raph/"),
    ],
)
def test_the_graphs_build_makes_and_the_services_own_are_read_only(
    writable: TestClient, graph: str
) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/ro> <http://example.org/b> 1 }} }}"
    )
    response = writable.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 403
    assert graph in response.text and "Nothing was changed" in response.text
    assert not ask(writable, "ASK { <http://example.org/ro> ?p ?o }")
    # ALL includes them: refused as a whole, the user's graphs stay too.
    writable.post(
        "/sparql",
        content=f"INSERT DATA {{ GRAPH <{NOTES}> {{ <http://example.org/kept> <http://example.org/b> 1 }} }}",
        headers={"content-type": UPDATE, **AUTH},
    )
    cleared = writable.post(
        "/sparql", content="CLEAR ALL", headers={"content-type": UPDATE, **AUTH}
    )
    assert cleared.status_code == 403
    assert REFERENCE in cleared.text
    assert ask(writable, "ASK { <http://example.org/kept> ?p ?o }")


@pytest.mark.parametrize(
    "update",
    [
        f"CLEAR SILENT GRAPH <{RESERVED}nonexistent>",
        f"CLEAR GRAPH <{RESERVED}write-log>",
        f"DELETE DATA {{ GRAPH <{REFERENCE}> {{ <http://example.org/no> <http://example.org/b> 1 }} }}",
        f"COPY GRAPH <{NOTES}> TO GRAPH <{CURATION}>",
        f"PREFIX r: <{REFERENCE[: REFERENCE.rindex('/') + 1]}> "
        f"INSERT {{ GRAPH r:{REFERENCE.rsplit('/', 1)[1]} {{ ?s ?p 1 }} }} WHERE {{ ?s ?p ?o }}",
    ],
)
def test_a_graph_the_text_names_as_read_only_is_refused_before_any_dry_run(
    writable: TestClient, update: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a large store the dry run takes a minute to say the same; and a change to a
    # read-only graph is refused even when it would change nothing.
    writer = writable.app.state.sparql.writer

    def no_dry_run(*_args: object) -> None:
        raise AssertionError("a dry run")

    monkeypatch.setattr(writer, "_dry_run", no_dry_run)
    response = writable.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 403, response.text
    assert "which writes may not change" in response.text and "Nothing was changed" in response.text


def test_the_validation_report_comes_as_turtle_on_request(writable: TestClient) -> None:
    headers = {"content-type": UPDATE, "accept": "text/turtle", **AUTH}
    response = writable.post("/sparql", content=INVALID, headers=headers)
    assert response.status_code == 422
    report = Graph().parse(data=response.text, format="turtle")
    reports = list(report.subjects(RDF.type, URIRef(SH + "ValidationReport")))
    assert reports
    assert any(
        str(focus) == GEMEENTE + "gm0363"
        for focus in report.objects(None, URIRef(SH + "focusNode"))
    )


def test_a_syntax_error_in_an_update_is_a_400(writable: TestClient) -> None:
    response = writable.post(
        "/sparql", content="INSERT DATA { <a> ", headers={"content-type": UPDATE, **AUTH}
    )
    assert response.status_code == 400
    assert "syntax error" in response.text.lower()


def test_using_graph_uri_sets_the_where_dataset(writable: TestClient) -> None:
    target = "http://example.org/graph/labelled"
    update = (
        f"INSERT {{ GRAPH <{target}> {{ ?g a <http://example.org/Labelled> }} }} "
        "WHERE { ?g <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    response = writable.post(
        "/sparql",
        params={"using-graph-uri": REFERENCE},
        content=update,
        headers={"content-type": UPDATE, **AUTH},
    )
    assert response.status_code == 204, response.text
    data = writable.get(
        "/sparql", params={"query": f"SELECT ?g WHERE {{ GRAPH <{target}> {{ ?g a ?t }} }}"}
    ).json()
    assert len(data["results"]["bindings"]) == 3


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield server


@pytest.mark.parametrize(
    "template",
    [
        "LOAD <http://127.0.0.1:{port}/data.ttl>",
        "load silent <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <http://example.org/g>",
        "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    ],
)
def test_load_and_service_in_updates_are_refused(
    writable: TestClient, listener: socket.socket, template: str
) -> None:
    update = template.format(port=listener.getsockname()[1])
    response = writable.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 400
    assert "no requests to other servers" in response.text
    with pytest.raises(BlockingIOError):
        listener.accept()


def test_the_service_description_lists_update_when_enabled(writable: TestClient) -> None:
    response = writable.get("/sparql", headers={"accept": "text/turtle"})
    g = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Update")) in g


@pytest.mark.parametrize(
    "graph",
    [
        "https://w3id.org/gemeentegraaf/Graph/notes",  # a path differs in case: another graph
        "https://w3id.org/gemeentegraaf/graphs/notes",
        "urn:other:write-log",
    ],
)
def test_graphs_that_only_look_alike_are_writable(writable: TestClient, graph: str) -> None:
    update = (
        f"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/w> <http://example.org/b> 1 }} }}"
    )
    response = writable.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
    assert response.status_code == 204, response.text
