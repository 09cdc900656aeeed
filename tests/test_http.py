"""The endpoint's HTTP behaviour, as Fuseki and Oxigraph users expect it: CORS for reads,
gzip, ETag / Last-Modified / 304 tied to the data version, problem details for API errors."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.service.compression import accepts_gzip

from tests.service_sample import build_sample_store
from tests.sparql_helpers import TOKEN, make_client, make_store

AUTH = {"authorization": f"Bearer {TOKEN}"}
ORIGIN = {"origin": "http://elders.example"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
READS = [
    "/sparql?query=ASK%7B%7D",
    "/id/gemeente/gm0363",
    "/def",
    "/api/municipalities",
    "/.well-known/void",
    "/dump.nq",
    "/gemeenten",
    "/rdf-graph-store?default",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_sample_store(tmp_path_factory.mktemp("http") / "store")
    with make_client(path, update_token=TOKEN) as c:
        yield c


# ---------------------------------------------------------------------------
# CORS
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", READS)
def test_reads_are_open_to_any_origin(client: TestClient, path: str) -> None:
    response = client.get(path, headers=ORIGIN)
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    exposed = {h.strip() for h in response.headers["access-control-expose-headers"].split(",")}
    # what the README tells clients to read: a cut result, a count, when to retry, a write's
    # version and replay (a script on another origin could not read them before)
    assert {"ETag", "X-SPARQL-Truncated", "X-Total-Count", "Retry-After"} <= exposed
    assert {"X-Gemeentegraaf-Version", "Idempotent-Replayed"} <= exposed


def test_a_query_by_post_is_open_to_any_origin(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        content="ASK {}",
        headers={**ORIGIN, "content-type": "application/sparql-query"},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["/sparql", "/id/gemeente/gm0363", "/api/themes", "/dump.trig"])
def test_a_preflight_answers_204_with_methods_and_headers(client: TestClient, path: str) -> None:
    response = client.options(
        path,
        headers={
            **ORIGIN,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, authorization",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    allowed = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert {"GET", "HEAD"} <= allowed
    wanted = {
        h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"accept", "content-type", "authorization", "idempotency-key"} <= wanted
    assert "access-control-allow-credentials" not in response.headers


def test_a_preflight_does_not_open_graph_replacement_to_other_origins(client: TestClient) -> None:
    response = client.options(
        "/rdf-graph-store", headers={**ORIGIN, "access-control-request-method": "PUT"}
    )
    assert response.status_code == 204
    assert "PUT" in response.headers["allow"]  # the method exists
    assert "PUT" not in response.headers["access-control-allow-methods"]  # but not cross-origin
    assert "DELETE" not in response.headers["access-control-allow-methods"]


def test_a_plain_options_lists_the_methods(client: TestClient) -> None:
    response = client.options("/sparql")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.options("/nowhere/at/all").status_code == 404


def test_cors_does_not_let_a_write_through_without_the_token(client: TestClient) -> None:
    before = client.get("/sparql", params={"query": COUNT}).json()
    update = "INSERT DATA { GRAPH <http://example.org/g> { <urn:a> <urn:b> <urn:c> } }"
    response = client.post(
        "/sparql", content=update, headers={**ORIGIN, "content-type": "application/sparql-update"}
    )
    assert response.status_code == 401
    assert client.get("/sparql", params={"query": COUNT}).json() == before


# ---------------------------------------------------------------------------
# Compression
# ---------------------------------------------------------------------------


def test_large_answers_are_gzipped_when_the_client_accepts_it(client: TestClient) -> None:
    headers = {"accept-encoding": "gzip", "accept": "application/n-quads"}
    with client.stream("GET", "/dump.nq", headers=headers) as response:
        raw = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in response.headers["vary"].lower()
    plain = client.get("/dump.nq", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(raw) == plain.content
    assert len(raw) < len(plain.content) / 2


@pytest.mark.parametrize("path", ["/api/municipalities", "/id/gemeente/gm0363", "/gemeenten"])
def test_json_rdf_and_html_compress(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept-encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip", path


def test_a_refused_gzip_is_not_sent(client: TestClient) -> None:
    response = client.get("/dump.nq", headers={"accept-encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in response.headers


def test_small_answers_stay_uncompressed(client: TestClient) -> None:
    response = client.get("/sparql?query=ASK%7B%7D", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("br, gzip;q=0.5", True),
        ("gzip;q=0", False),
        ("*", True),
        ("*;q=0", False),
        ("identity", False),
        ("", False),
        ("GZIP", True),
        # a malformed weight skips its element, as in Accept
        ("gzip;q=abc, *", True),
        ("gzip;q=nan", False),
        ("gzip;q=2", False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header: str, expected: bool) -> None:
    assert accepts_gzip(header) is expected


# ---------------------------------------------------------------------------
# ETag, Last-Modified, 304
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", READS)
def test_every_read_answers_304_to_its_own_etag(client: TestClient, path: str) -> None:
    first = client.get(path)
    tag = first.headers["etag"]
    again = client.get(path, headers={"if-none-match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    since = client.get(path, headers={"if-modified-since": first.headers["last-modified"]})
    assert since.status_code == 304


def test_the_etag_depends_on_the_request(client: TestClient) -> None:
    turtle = client.get("/id/gemeente/gm0363", headers={"accept": "text/turtle"})
    jsonld = client.get("/id/gemeente/gm0363", headers={"accept": "application/ld+json"})
    assert turtle.headers["etag"] != jsonld.headers["etag"]
    # The client's Turtle copy does not answer a request for JSON-LD.
    other = client.get(
        "/id/gemeente/gm0363",
        headers={"accept": "application/ld+json", "if-none-match": turtle.headers["etag"]},
    )
    assert other.status_code == 200
    one = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    two = client.get("/sparql", params={"query": "ASK { ?s a ?o }"})
    assert one.headers["etag"] != two.headers["etag"]
    assert "accept" in turtle.headers["vary"].lower()


def test_an_older_copy_and_a_foreign_tag_get_the_answer(client: TestClient) -> None:
    response = client.get("/api/themes", headers={"if-none-match": 'W/"not-this-one"'})
    assert response.status_code == 200
    old = client.get("/api/themes", headers={"if-modified-since": "Mon, 01 Jan 1990 00:00:00 GMT"})
    assert old.status_code == 200
    junk = client.get("/api/themes", headers={"if-modified-since": "yesterday"})
    assert junk.status_code == 200
    # A date in the future is invalid: ignored, not taken for "newer than anything".
    future = client.get(
        "/api/themes", headers={"if-modified-since": "Fri, 01 Jan 2100 00:00:00 GMT"}
    )
    assert future.status_code == 200


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    # A small store that conforms to the shapes, so that a write goes through.
    path = make_store(tmp_path_factory.mktemp("http-writes") / "store")
    with make_client(path, update_token=TOKEN) as c:
        yield c


def test_a_write_changes_the_version(writable: TestClient) -> None:
    client = writable
    path = "/sparql?query=" + COUNT.replace(" ", "%20")
    before = client.get(path)
    page = client.get("/api/municipalities")
    update = (
        "INSERT DATA { GRAPH <http://example.org/notes> "
        "{ <http://example.org/a> <http://example.org/p> 1 } }"
    )
    written = client.post(
        "/sparql", content=update, headers={"content-type": "application/sparql-update", **AUTH}
    )
    assert written.status_code == 204, written.text
    after = client.get(path, headers={"if-none-match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.json() != before.json()
    since = client.get(
        "/api/municipalities", headers={"if-modified-since": page.headers["last-modified"]}
    )
    assert since.status_code == 200
    drop = client.delete(
        "/rdf-graph-store", params={"graph": "http://example.org/notes"}, headers=AUTH
    )
    assert drop.status_code == 204
    assert client.get(path, headers={"if-none-match": after.headers["etag"]}).status_code == 200


def test_a_query_does_not_change_the_version(client: TestClient) -> None:
    first = client.get("/api/themes")
    client.post("/sparql", content="ASK {}", headers={"content-type": "application/sparql-query"})
    assert client.get("/api/themes").headers["etag"] == first.headers["etag"]


def test_errors_carry_no_validators(client: TestClient) -> None:
    response = client.get("/api/municipalities/GM9999")
    assert response.status_code == 404
    assert "etag" not in response.headers


# ---------------------------------------------------------------------------
# Problem details
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/municipalities/GM9999", 404),
        ("/api/municipalities/nonsense", 422),
        ("/api/networks/g40/members?date=not-a-date", 422),
        ("/api/programmes?kind=Ruimtevaart", 422),
        ("/api/nothing-here", 404),
        ("/api/municipalities?current=perhaps", 422),
    ],
)
def test_api_errors_are_problem_details(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    assert body["instance"] == path


def test_a_validation_problem_lists_its_errors(client: TestClient) -> None:
    body = client.get("/api/networks/g40/members?date=not-a-date").json()
    assert body["errors"][0]["loc"] == ["query", "date"]
    assert "date" in body["detail"]


def test_a_wrong_method_on_the_api_is_a_problem_too(client: TestClient) -> None:
    response = client.delete("/api/themes")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert "GET" in response.headers["allow"]


def test_errors_elsewhere_keep_their_own_shape(client: TestClient) -> None:
    response = client.get("/id/gemeente/gm9999", headers={"accept": "text/turtle"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")


def test_openapi_documents_the_problem_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/municipalities/{code}"]["get"]
    for status in ("404", "422"):
        content = operation["responses"][status]["content"]
        schema = content["application/problem+json"]["schema"]
        assert {"type", "title", "status", "detail", "instance"} <= set(schema["properties"])


# ---------------------------------------------------------------------------
# Paging
# ---------------------------------------------------------------------------

LISTS = ["municipalities", "themes", "networks", "programmes", "bottlenecks", "documents"]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_without_paging_parameters_is_the_whole_old_array(
    client: TestClient, name: str
) -> None:
    response = client.get(f"/api/{name}")
    assert isinstance(response.json(), list)
    assert int(response.headers["x-total-count"]) == len(response.json())
    assert 'rel="first"' in response.headers["link"]


@pytest.mark.parametrize("name", LISTS)
def test_pages_put_together_are_the_list(client: TestClient, name: str) -> None:
    whole = client.get(f"/api/{name}").json()
    collected: list = []
    url: str | None = f"/api/v2/{name}?limit=2"
    while url:
        body = client.get(url).json()
        assert body["total"] == len(whole)
        assert len(body["items"]) <= 2
        collected += body["items"]
        url = body["next"]
    assert collected == whole


def test_link_headers_lead_both_ways(client: TestClient) -> None:
    total = len(client.get("/api/municipalities").json())
    assert total >= 3
    response = client.get("/api/municipalities?limit=1&offset=1")
    links = {
        part.split('rel="')[1].rstrip('"'): part.split(">")[0].lstrip(" <")
        for part in response.headers["link"].split(",")
    }
    assert links["prev"].endswith("offset=0")
    assert links["next"].endswith("offset=2")
    assert links["last"].endswith(f"offset={total - 1}")
    body = client.get("/api/v2/municipalities?limit=1&offset=1").json()
    assert body["prev"].endswith("/api/v2/municipalities?limit=1&offset=0")
    last = client.get(f"/api/v2/municipalities?limit=1&offset={total - 1}").json()
    assert last["next"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=many"])
def test_bad_paging_is_a_problem(client: TestClient, query: str) -> None:
    response = client.get(f"/api/municipalities?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_filters_and_paging_combine(client: TestClient) -> None:
    current = client.get("/api/municipalities?current=true").json()
    page = client.get("/api/v2/municipalities?current=true&limit=1").json()
    assert page["total"] == len(current)
    assert page["items"] == current[:1]


# ---------------------------------------------------------------------------
# The Graph Store's default graph
# ---------------------------------------------------------------------------


def test_graph_store_default_is_the_stored_default_graph_and_says_so(
    writable: TestClient,
) -> None:
    # Not the query union: GET ?default gives back what PUT ?default stored.
    turtle = {"content-type": "text/turtle", **AUTH}
    body = "<http://example.org/s> <http://example.org/p> <http://example.org/o> ."
    assert writable.put("/rdf-graph-store?default", content=body, headers=turtle).is_success
    got = writable.get("/rdf-graph-store?default", headers={"accept": "application/n-triples"})
    assert got.text.strip() == body
    union = writable.get("/sparql", params={"query": COUNT.replace("GRAPH ?g ", "")}).json()
    assert int(union["results"]["bindings"][0]["n"]["value"]) > 1  # the union holds more
    assert writable.delete("/rdf-graph-store?default", headers=AUTH).status_code == 204
    description = writable.get("/sparql", headers={"accept": "text/turtle"}).text
    assert "?default" in description and "not the union" in description


def test_the_etag_follows_the_host_and_the_settings_shown(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # Access URLs in VoID follow the request's base; limits show in the service description.
    path = build_sample_store(tmp_path_factory.mktemp("settings") / "store")
    with make_client(path) as first:
        here = first.get("/.well-known/void").headers["etag"]
        there = first.get("/.well-known/void", headers={"host": "elders.example"})
        assert there.headers["etag"] != here
        description = first.get("/sparql", headers={"accept": "text/turtle"}).headers["etag"]
    with make_client(path, max_rows=10) as second:
        again = second.get(
            "/sparql", headers={"accept": "text/turtle", "if-none-match": description}
        )
    assert again.status_code == 200
