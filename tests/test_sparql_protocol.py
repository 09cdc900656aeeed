"""The SPARQL endpoint as a client sees it: operations, formats, datasets, errors, limits.

(The W3C protocol suite is in test_w3c_protocol.py, updates and their
validation in test_sparql_update.py, real clients in test_sparql_clients.py.)
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shutil
import signal
import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql.query_worker import QueryTask
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.query import Result

from tests.sparql_helpers import CURATION, GEMEENTE, LABELS, REFERENCE, make_client, make_store

SRX = "{http://www.w3.org/2005/sparql-results#}"
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("protocol") / "store")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with make_client(store_path) as c:
        yield c


def labels(response: httpx.Response) -> list[str]:
    data = response.json()
    return [b["label"]["value"] for b in data["results"]["bindings"]]


# ---------------------------------------------------------------------------
# The three ways to send a query
# ---------------------------------------------------------------------------


def test_get_form_post_and_direct_post_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": LABELS})
    by_form = client.post("/sparql", data={"query": LABELS})
    by_body = client.post(
        "/sparql", content=LABELS, headers={"content-type": "application/sparql-query"}
    )
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert labels(response) == ["'s-Gravenhage", "Amsterdam", "Rotterdam"]


def test_a_post_without_a_known_media_type_is_refused(client: TestClient) -> None:
    assert client.post("/sparql", content=LABELS).status_code == 415
    response = client.post("/sparql", content=LABELS, headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert "application/sparql-query" in response.text


def test_a_body_that_is_not_utf8_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/sparql", content=b"ASK { \xff }", headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_a_post_with_neither_query_nor_update_is_a_400(client: TestClient) -> None:
    response = client.post("/sparql", data={"foo": "bar"})
    assert response.status_code == 400
    assert "query" in response.text


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


def test_a_syntax_error_is_a_400_with_the_parsers_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "syntax error" in response.text.lower()
    assert "1:" in response.text  # the parser's position


def test_an_invalid_dataset_iri_is_a_400(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert "default-graph-uri" in response.text


# ---------------------------------------------------------------------------
# Result formats
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*;q=0.9, application/sparql-results+json;q=0.1", "text/csv"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/sparql-results+xml",
        ),
    ],
)
def test_select_results_follow_accept(
    client: TestClient, accept: str | None, media_type: str
) -> None:
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": LABELS}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "accept" in response.headers["vary"].lower()


def test_select_xml_csv_and_tsv_hold_the_same_rows(client: TestClient) -> None:
    query = f"SELECT ?label ?n WHERE {{ <{GEMEENTE}gm0363> ?p ?label OPTIONAL {{ <{GEMEENTE}gm0363> <http://example.org/inwoners> ?n }} FILTER(isLiteral(?label) && lang(?label) = 'nl') }}"
    xml = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+xml"}
    )
    root = ET.fromstring(xml.content)
    literal = root.find(f"{SRX}results/{SRX}result/{SRX}binding[@name='label']/{SRX}literal")
    assert literal is not None and literal.text == "Amsterdam"
    assert literal.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"

    text = client.get("/sparql", params={"query": query}, headers={"accept": "text/csv"}).text
    assert list(csv.reader(io.StringIO(text))) == [["label", "n"], ["Amsterdam", "931298"]]

    tsv = client.get(
        "/sparql", params={"query": query}, headers={"accept": "text/tab-separated-values"}
    ).text
    # As a client reads it: TSV may write an integer as a bare number (SPARQL 1.1 CSV/TSV, 3.2).
    rows = [tuple(row) for row in Result.parse(io.StringIO(tsv), format="tsv")]
    assert tsv.startswith("?label\t?n\n")
    assert rows == [(Literal("Amsterdam", lang="nl"), Literal(931298))]


def test_unbound_variables_are_left_out_of_json_bindings(client: TestClient) -> None:
    query = "SELECT ?a ?b WHERE { BIND(1 AS ?a) }"
    data = client.get("/sparql", params={"query": query}).json()
    assert data["head"]["vars"] == ["a", "b"]
    assert data["results"]["bindings"] == [
        {
            "a": {
                "type": "literal",
                "value": "1",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
            }
        }
    ]


def test_ask_answers_a_boolean_in_json_and_xml(client: TestClient) -> None:
    query = f"ASK {{ <{GEMEENTE}gm0599> ?p ?o }}"
    assert client.get("/sparql", params={"query": query}).json() == {"head": {}, "boolean": True}
    xml = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/sparql-results+xml"}
    )
    assert ET.fromstring(xml.content).find(f"{SRX}boolean").text == "true"


CONSTRUCT = f"CONSTRUCT {{ ?g <{SKOS.prefLabel}> ?l }} WHERE {{ ?g <{SKOS.prefLabel}> ?l }}"


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/trig", "application/trig", "trig"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.4", "application/rdf+xml", "xml"),
    ],
)
def test_construct_results_follow_accept(
    client: TestClient, accept: str | None, media_type: str, rdflib_format: str
) -> None:
    headers = {"accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    g = Graph()
    g.parse(data=response.content, format=rdflib_format)
    assert set(g.objects(URIRef(GEMEENTE + "gm0599"), SKOS.prefLabel)) == {
        Literal("Rotterdam", lang="nl")
    }
    assert len(g) == 3


def test_describe_gives_rdf(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{GEMEENTE}gm0363>"})
    assert response.status_code == 200
    g = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(GEMEENTE + "gm0363"), SKOS.prefLabel, Literal("Amsterdam", lang="nl")) in g


def test_nothing_acceptable_is_a_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LABELS}, headers={"accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    # A SELECT result cannot be Turtle, a graph cannot be SPARQL JSON.
    assert (
        client.get(
            "/sparql", params={"query": LABELS}, headers={"accept": "text/turtle"}
        ).status_code
        == 406
    )
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"})
    assert response.status_code == 406


@pytest.mark.parametrize(
    ("formats", "query", "media_type"),
    [
        (["csv"], LABELS, "text/csv"),
        (["xml"], LABELS, "application/sparql-results+xml"),
        (["tsv", "text/tab-separated-values"], LABELS, "text/tab-separated-values"),
        (["json"], CONSTRUCT, "application/ld+json"),
        (["xml"], CONSTRUCT, "application/rdf+xml"),
        (["turtle"], CONSTRUCT, "text/turtle"),
        (["application/n-triples"], CONSTRUCT, "application/n-triples"),
    ],
)
def test_the_format_parameter_wins_over_accept(
    client: TestClient, formats: list[str], query: str, media_type: str
) -> None:
    params = [("query", query), *(("format", f) for f in formats)]
    response = client.get(
        "/sparql", params=params, headers={"accept": "application/sparql-results+json, text/turtle"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type


def test_a_control_character_xml_cannot_carry_gets_406_in_xml_only(client: TestClient) -> None:
    select = 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }'
    construct = 'CONSTRUCT { <urn:s> <urn:p> ?x } WHERE { BIND("a\\u0001b" AS ?x) }'
    for query, fmt in ((select, "xml"), (construct, "xml")):
        response = client.get("/sparql", params={"query": query, "format": fmt})
        assert response.status_code == 406 and "U+0001" in response.text
    assert client.get("/sparql", params={"query": select, "format": "json"}).status_code == 200
    tabbed = 'SELECT ?x WHERE { BIND("a\\tb" AS ?x) }'  # a tab is fine in XML
    assert client.get("/sparql", params={"query": tabbed, "format": "xml"}).status_code == 200


def test_a_triple_term_json_ld_cannot_carry_gets_406(client: TestClient) -> None:
    # a 500 ("internal error in the query worker: OSError") before: an adversary's finding
    query = "CONSTRUCT { <urn:a> <urn:b> <<( <urn:a> <urn:b> <urn:c> )>> } WHERE {}"
    response = client.get("/sparql", params={"query": query, "format": "jsonld"})
    assert response.status_code == 406 and "Turtle" in response.text
    response = client.get("/sparql", params={"query": query, "format": "turtle"})
    assert response.status_code == 200 and "<<(" in response.text


def test_a_format_parameter_that_does_not_fit_falls_back_to_accept(client: TestClient) -> None:
    # SPARQLWrapper sends format=turtle with a SELECT when asked for Turtle.
    response = client.get("/sparql", params={"query": LABELS, "format": "turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")


# ---------------------------------------------------------------------------
# The dataset
# ---------------------------------------------------------------------------


def test_the_default_graph_is_the_union_of_all_named_graphs(client: TestClient) -> None:
    query = f"SELECT ?p WHERE {{ <{GEMEENTE}gm0363> ?p ?o }} ORDER BY ?p"
    data = client.get("/sparql", params={"query": query}).json()
    found = {b["p"]["value"] for b in data["results"]["bindings"]}
    # prefLabel from the reference graph, comment and inwoners from curation.
    assert found == {
        str(SKOS.prefLabel),
        "http://www.w3.org/2000/01/rdf-schema#comment",
        "http://example.org/inwoners",
    }


def test_default_graph_uri_chooses_the_default_graph(client: TestClient) -> None:
    query = f"SELECT ?p WHERE {{ <{GEMEENTE}gm0363> ?p ?o }}"
    data = client.get("/sparql", params={"query": query, "default-graph-uri": CURATION}).json()
    assert {b["p"]["value"] for b in data["results"]["bindings"]} == {
        "http://www.w3.org/2000/01/rdf-schema#comment",
        "http://example.org/inwoners",
    }


def test_named_graph_uri_limits_the_named_graphs(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    everything = client.get("/sparql", params={"query": query}).json()
    assert {b["g"]["value"] for b in everything["results"]["bindings"]} == {REFERENCE, CURATION}
    only = client.get("/sparql", params={"query": query, "named-graph-uri": REFERENCE}).json()
    assert {b["g"]["value"] for b in only["results"]["bindings"]} == {REFERENCE}
    # The protocol dataset replaces the union: with only named graphs, the default graph is empty.
    response = client.get("/sparql", params={"query": LABELS, "named-graph-uri": REFERENCE})
    assert labels(response) == []


def test_from_in_the_query_is_respected(client: TestClient) -> None:
    query = f"SELECT ?p FROM <{CURATION}> WHERE {{ <{GEMEENTE}gm0363> ?p ?o }}"
    data = client.get("/sparql", params={"query": query}).json()
    assert len(data["results"]["bindings"]) == 2


def test_relative_iris_resolve_against_the_endpoint(client: TestClient) -> None:
    data = client.get("/sparql", params={"query": "SELECT (<thing> AS ?x) {}"}).json()
    assert data["results"]["bindings"][0]["x"]["value"] == "http://testserver/thing"


# ---------------------------------------------------------------------------
# Row cap
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capped(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("capped") / "store")
    with make_client(path, max_rows=2) as c:
        yield c


def test_a_result_cut_at_the_row_cap_says_so(capped: TestClient) -> None:
    response = capped.get("/sparql", params={"query": LABELS})
    assert response.status_code == 200
    assert response.headers["x-sparql-truncated"] == "true"
    assert response.headers["x-sparql-max-rows"] == "2"
    data = response.json()
    assert len(data["results"]["bindings"]) == 2
    assert data["truncated"] is True and data["maxRows"] == 2
    xml = capped.get(
        "/sparql", params={"query": LABELS}, headers={"accept": "application/sparql-results+xml"}
    )
    assert xml.headers["x-sparql-truncated"] == "true"
    assert b"truncated" in xml.content
    graph = capped.get("/sparql", params={"query": CONSTRUCT})
    assert graph.headers["x-sparql-truncated"] == "true"
    assert len(Graph().parse(data=graph.text, format="turtle")) == 2


def test_a_result_within_the_cap_carries_no_mark(capped: TestClient) -> None:
    response = capped.get("/sparql", params={"query": LABELS + " LIMIT 2"})
    assert "x-sparql-truncated" not in response.headers
    assert "truncated" not in response.json()


# ---------------------------------------------------------------------------
# No outbound requests
# ---------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening socket nobody should connect to."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield server


def _nobody_connected(server: socket.socket) -> bool:
    # A connection attempt would sit in the backlog even if never accepted.
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def _port(server: socket.socket) -> int:
    return server.getsockname()[1]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        # `<1)SERVICE#>` is not an IRI here: `<` compares, `#>` starts a comment.
        "SELECT * WHERE {{ ?s ?p ?o FILTER(?o<1)SERVICE#>\n<http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
        "PREFIX x: <http://x/> SELECT * WHERE {{ ?s ?p ?o FILTER x:f(?o<1)SERVICE#>\n<http://127.0.0.1:{port}/> {{ }} }}",
    ],
)
def test_service_is_refused_and_makes_no_connection(
    client: TestClient, listener: socket.socket, template: str
) -> None:
    query = template.format(port=_port(listener))
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text
    assert _nobody_connected(listener)


def test_the_word_service_in_a_string_or_iri_is_fine(client: TestClient) -> None:
    query = (
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
        'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:1/> {}" AS ?x) '
        "OPTIONAL { ?s sd:endpoint ?service } } # a SERVICE in a comment"
    )
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text


def test_workers_cannot_reach_the_network_even_without_the_check(
    client: TestClient, listener: socket.socket
) -> None:
    """Defence in depth: a SERVICE that got past the text checks still goes nowhere."""
    pool = client.app.state.sparql.pool
    client.get("/sparql", params={"query": "ASK {}"})  # at least one worker running
    if not pool.network_isolated:
        pytest.skip("this kernel does not allow network namespaces for the workers")
    task = QueryTask(
        query=f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{_port(listener)}/> {{ ?s ?p ?o }} }}",
        base_iri=None,
        default_graphs=None,
        named_graphs=None,
        union_default=True,
        tabular=None,
        graph=None,
        max_rows=10,
    )
    pool.run(task, 30)
    assert _nobody_connected(listener)


# ---------------------------------------------------------------------------
# Timeouts
# ---------------------------------------------------------------------------

# Four open patterns over 200 triples: 1.6e9 rows to count, minutes of work.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _wide_store(path: Path) -> Path:
    triples = "\n".join(
        f"<http://example.org/s{i}> <http://example.org/p> {i} ." for i in range(200)
    )
    return make_store(path, f"<http://example.org/g> {{ {triples} }}")


def _stopped(pid: int) -> bool:
    """The process has exited (reaped, or a zombie whose threads are winding down)."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_a_slow_query_is_stopped_at_the_timeout_while_others_get_answers(tmp_path: Path) -> None:
    app = create_app(
        Settings(store_path=_wide_store(tmp_path / "store"), update_token=None, query_timeout=4.0)
    )

    async def scenario() -> tuple[httpx.Response, list[int], bool, list[int]]:
        # httpx's transport does not run the lifespan (store, workers): run it here.
        async with app.router.lifespan_context(app):
            pool = app.state.sparql.pool
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                slow = asyncio.create_task(http.get("/sparql", params={"query": SLOW}))
                await asyncio.sleep(0.3)  # let the slow query reach its worker
                statuses = []
                for _ in range(5):
                    fast = await http.get("/sparql", params={"query": "ASK { ?s ?p 7 }"})
                    statuses.append(fast.status_code)
                slow_still_running = not slow.done()
                slow_response = await slow
                # Sent again, with other names and a comment: refused at once, not run.
                again = SLOW.replace("?", "?v_") + "\n# once more"
                started = time.monotonic()
                repeat = await http.get("/sparql", params={"query": again})
                repeat_seconds = time.monotonic() - started
                other = await http.get("/sparql", params={"query": "ASK { ?s ?p 8 }"})
                assert (repeat.status_code, other.status_code) == (503, 200)
                assert repeat_seconds < 2 and "stopped a short while ago" in repeat.text
                assert 0 < int(repeat.headers["retry-after"]) <= 300
                return slow_response, statuses, slow_still_running, pool.killed_pids

    slow_response, statuses, slow_still_running, killed = asyncio.run(scenario())
    assert statuses == [200] * 5
    assert slow_still_running  # the fast answers came while the slow query ran
    assert slow_response.status_code == 503
    assert "timeout" in slow_response.text.lower()
    assert "retry-after" not in slow_response.headers  # it would be stopped again
    # The work really stopped: the worker that ran it is gone.
    assert len(killed) == 1
    assert _stopped(killed[0])


def test_a_worker_that_died_is_replaced(client: TestClient) -> None:
    pool = client.app.state.sparql.pool
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    for pid in pool.workers:
        os.kill(pid, signal.SIGKILL)
    # Whether a worker is seen dead before the query is sent to it or dies
    # under it, the query is answered.
    response = client.get("/sparql", params={"query": LABELS})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 3


# ---------------------------------------------------------------------------
# Service description
# ---------------------------------------------------------------------------


def test_without_a_query_the_endpoint_describes_itself(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=response.text, format="turtle")
    service = URIRef("http://testserver/sparql")
    assert (service, URIRef(SD + "endpoint"), service) in g
    assert (service, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in g
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in g
    # Read-only: no update language.
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in g
    names = {str(o) for o in g.objects(None, URIRef(SD + "name"))}
    assert names == {REFERENCE, CURATION}


def test_the_service_description_comes_in_other_rdf_formats(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert json.loads(response.text)


def test_a_browser_is_sent_to_the_query_page(client: TestClient) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", headers={"accept": browser}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/query"


# ---------------------------------------------------------------------------
# The full build
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_the_endpoint_serves_the_full_build(built_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"  # the shared build must not be written to
    shutil.copytree(built_store, copy)
    with make_client(copy) as client:
        description = client.get("/sparql", headers={"accept": "text/turtle"})
        g = Graph().parse(data=description.text, format="turtle")
        names = {str(o) for o in g.objects(None, URIRef(SD + "name"))}
        assert REFERENCE in names
        count = (
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE "
            "{ ?g a <https://identifier.overheid.nl/tooi/def/ont/Gemeente> }"
        )
        data = client.get("/sparql", params={"query": count}).json()
        assert int(data["results"]["bindings"][0]["n"]["value"]) > 300
        described = client.get("/sparql", params={"query": f"DESCRIBE <{GEMEENTE}gm0363>"})
        amsterdam = Graph().parse(data=described.text, format="turtle")
        assert (
            URIRef(GEMEENTE + "gm0363"),
            SKOS.prefLabel,
            Literal("Amsterdam", lang="nl"),
        ) in amsterdam
