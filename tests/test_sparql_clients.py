"""Real clients against a real server: uvicorn on 127.0.0.1 and a free port.

SPARQLWrapper and rdflib's SPARQLStore / SPARQLUpdateStore must work unchanged;
a query that would run for minutes is stopped at the (short) timeout while
other clients keep getting answers; SERVICE makes no connection.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper

from tests import uvicorn_server
from tests.sparql_helpers import (
    GEMEENTE,
    LABELS,
    REFERENCE,
    SAMPLE_TRIG,
    TOKEN,
    make_store,
)

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 4.0
# Four open patterns over 200+ triples: billions of rows to count.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _data() -> str:
    wide = "\n".join(f"<http://example.org/s{i}> <http://example.org/p> {i} ." for i in range(200))
    return SAMPLE_TRIG + f"\n<http://example.org/wide> {{ {wide} }}\n"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = make_store(tmp_path_factory.mktemp("clients") / "store", _data())
    with uvicorn_server.serve(
        store, GEMEENTEGRAAF_UPDATE_TOKEN=TOKEN, GEMEENTEGRAAF_QUERY_TIMEOUT=str(TIMEOUT)
    ) as server:
        yield server.sparql


# ---------------------------------------------------------------------------
# SPARQLWrapper
# ---------------------------------------------------------------------------


def _wrapper(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    result = _wrapper(endpoint, LABELS, JSON).query().convert()
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == [
        "'s-Gravenhage",
        "Amsterdam",
        "Rotterdam",
    ]


def test_sparqlwrapper_select_xml_and_csv(endpoint: str) -> None:
    document = _wrapper(endpoint, LABELS, XML).query().convert()
    literals = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert literals == ["'s-Gravenhage", "Amsterdam", "Rotterdam"]
    table = _wrapper(endpoint, LABELS, CSV).query().convert()
    assert table.decode("utf-8").splitlines()[2].endswith("Amsterdam")


def test_sparqlwrapper_ask_by_post(endpoint: str) -> None:
    sparql = _wrapper(endpoint, f"ASK {{ <{GEMEENTE}gm0599> ?p ?o }}", JSON)
    sparql.setMethod(POST)
    assert sparql.query().convert()["boolean"] is True


def test_sparqlwrapper_construct_as_rdfxml_and_turtle(endpoint: str) -> None:
    query = f"CONSTRUCT WHERE {{ <{GEMEENTE}gm0363> <{SKOS.prefLabel}> ?l }}"
    graph = _wrapper(endpoint, query, RDFXML).query().convert()
    assert isinstance(graph, Graph)
    assert (URIRef(GEMEENTE + "gm0363"), SKOS.prefLabel, Literal("Amsterdam", lang="nl")) in graph
    turtle = _wrapper(endpoint, query, TURTLE).query().convert()
    parsed = Graph().parse(data=turtle, format="turtle")
    assert len(parsed) == 1


def test_sparqlwrapper_update_with_a_bearer_token(endpoint: str) -> None:
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod(POST)
    sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sparql.setQuery(
        "INSERT DATA { GRAPH <http://example.org/wrapper> "
        "{ <http://example.org/w> <http://example.org/p> 1 } }"
    )
    assert sparql.query().response.status == 204
    check = _wrapper(endpoint, "ASK { <http://example.org/w> ?p ?o }", JSON)
    assert check.query().convert()["boolean"] is True


# ---------------------------------------------------------------------------
# rdflib
# ---------------------------------------------------------------------------


def test_rdflib_sparqlstore_queries(endpoint: str) -> None:
    graph = Graph(store=SPARQLStore(query_endpoint=endpoint))
    rows = list(graph.query(LABELS))
    assert [str(row.label) for row in rows] == ["'s-Gravenhage", "Amsterdam", "Rotterdam"]
    assert graph.query(f"ASK {{ <{GEMEENTE}gm0518> ?p ?o }}").askAnswer is True
    labels = set(graph.objects(URIRef(GEMEENTE + "gm0599"), SKOS.prefLabel))
    assert labels == {Literal("Rotterdam", lang="nl")}
    constructed = graph.query(f"CONSTRUCT WHERE {{ ?s <{SKOS.prefLabel}> ?o }}").graph
    assert len(constructed) == 3


def test_rdflib_sparqlstore_reads_a_named_graph(endpoint: str) -> None:
    store = SPARQLStore(query_endpoint=endpoint)
    graph = Graph(store=store, identifier=URIRef(REFERENCE))
    # SPARQLStore sends default-graph-uri=<the graph>.
    assert len(list(graph.triples((None, SKOS.prefLabel, None)))) == 3


def test_rdflib_sparqlupdatestore_writes_with_a_token(endpoint: str) -> None:
    store = SPARQLUpdateStore(
        query_endpoint=endpoint,
        update_endpoint=endpoint,
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    graph = Graph(store=store, identifier=URIRef("http://example.org/rdflib"))
    graph.add((URIRef("http://example.org/r"), URIRef("http://example.org/p"), Literal("x")))
    check = Graph(store=SPARQLStore(query_endpoint=endpoint))
    assert check.query(
        'ASK { GRAPH <http://example.org/rdflib> { <http://example.org/r> ?p "x" } }'
    ).askAnswer


# ---------------------------------------------------------------------------
# Timeout and SERVICE over a real socket
# ---------------------------------------------------------------------------


def test_a_slow_query_stops_at_the_timeout_while_others_are_answered(endpoint: str) -> None:
    outcome: dict[str, httpx.Response] = {}

    def slow() -> None:
        outcome["slow"] = httpx.get(endpoint, params={"query": SLOW}, timeout=120)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)  # let it reach a worker
    answers = []
    for _ in range(5):
        answers.append(_wrapper(endpoint, LABELS, JSON).query().convert())
    still_running = thread.is_alive()
    thread.join(120)
    assert all(len(a["results"]["bindings"]) == 3 for a in answers)
    assert still_running, "the other client's answers came only after the slow query ended"
    assert outcome["slow"].status_code == 503
    assert f"{TIMEOUT:g} s" in outcome["slow"].text
    # The server is still fine afterwards.
    assert _wrapper(endpoint, "ASK {}", JSON).query().convert()["boolean"] is True


def test_service_to_a_listening_socket_makes_no_connection(endpoint: str) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
        response = httpx.get(endpoint, params={"query": query}, timeout=30)
        assert response.status_code == 400
        server.setblocking(False)
        with pytest.raises(BlockingIOError):
            server.accept()
