"""The SPARQL 1.1 Graph Store Protocol at /rdf-graph-store.

First the W3C tests (data/w3c/sparql11-graph-store-protocol, direct and
indirect graph identification; /gsp becomes /rdf-graph-store), each on an empty
store with writes enabled; then the service's own rules: reads need no token,
writes do, unknown media types, bad bodies and data that breaks the shapes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.service.settings import Settings, SettingsError
from gemeentegraaf.service.sparql import graph_store
from gemeentegraaf.store.term_size import MAX_TERM_BYTES
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS
from starlette.requests import Request

from tests.sparql_helpers import GEMEENTE, REFERENCE, TOKEN, make_client, make_store
from tests.w3c_http import W3C, HttpRequest, ManifestTest, media_type, read_manifest

GSP = W3C / "sparql11-graph-store-protocol"
W3C_TESTS = read_manifest(GSP / "manifest-indirect.ttl") + read_manifest(
    GSP / "manifest-direct.ttl"
)
AUTH = {"authorization": f"Bearer {TOKEN}"}
ENDPOINT = "/rdf-graph-store"


def test_the_manifests_have_14_tests() -> None:
    assert len(W3C_TESTS) == 14
    assert len({t.name for t in W3C_TESTS}) == 14


@pytest.fixture(scope="module")
def w3c_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    # Empty: the W3C tests start with DROP ALL, refused on a store with bundled graphs.
    path = make_store(tmp_path_factory.mktemp("gsp-w3c") / "store", trig="")
    with make_client(path, update_token=TOKEN) as client:
        yield client


@pytest.fixture
def empty(w3c_client: TestClient) -> TestClient:
    """A writable store, emptied (each W3C test starts from nothing)."""
    response = w3c_client.post(
        "/sparql", content="DROP ALL", headers={"content-type": "application/sparql-update", **AUTH}
    )
    assert response.status_code == 204, response.text
    return w3c_client


def _substitute(text: str, variables: dict[str, str]) -> str:
    for name, value in variables.items():
        text = text.replace(name, value)
    return text


def _send(client: TestClient, request: HttpRequest, variables: dict[str, str]) -> None:
    path = _substitute(request.path, variables)
    path = ENDPOINT + path.removeprefix("/gsp")
    body = request.body
    if body is not None:
        body = _substitute(body.decode("utf-8"), variables).encode("utf-8")
    headers = {**request.headers, **AUTH}
    response = client.request(request.method, path, content=body, headers=headers)
    expected = request.expected
    assert expected.allows(response.status_code), (
        f"{request.method} {path}: {response.status_code}, expected "
        f"{'/'.join(expected.statuses)}: {response.text[:300]}"
    )
    if expected.location_var:
        variables[expected.location_var] = response.headers["location"]
    if "content-type" in expected.headers:
        assert media_type(response.headers.get("content-type")) == media_type(
            expected.headers["content-type"]
        )
        assert "charset=utf-8" in response.headers["content-type"].lower()
    if expected.body is not None and request.method != "HEAD":
        want = Graph().parse(data=expected.body, format="turtle")
        got = Graph().parse(data=response.text, format="turtle")
        assert isomorphic(want, got), response.text


@pytest.mark.parametrize("test", W3C_TESTS, ids=lambda t: t.name)
def test_w3c_graph_store_protocol(empty: TestClient, test: ManifestTest) -> None:
    variables: dict[str, str] = {}
    for request in test.requests:
        _send(empty, request, variables)


# ---------------------------------------------------------------------------
# The service's own rules
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("gsp-writable") / "store")
    with make_client(path, update_token=TOKEN) as client:
        yield client


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("gsp-read-only") / "store")
    with make_client(path) as client:
        yield client


def test_a_graph_can_be_read_without_a_token(read_only: TestClient) -> None:
    response = read_only.get(
        ENDPOINT, params={"graph": REFERENCE}, headers={"accept": "text/turtle"}
    )
    assert response.status_code == 200
    g = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(GEMEENTE + "gm0599"), SKOS.prefLabel, Literal("Rotterdam", lang="nl")) in g
    assert len(g) == 3


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_a_graph_comes_in_every_rdf_format(
    read_only: TestClient, accept: str, rdflib_format: str
) -> None:
    response = read_only.get(ENDPOINT, params={"graph": REFERENCE}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    g = Graph().parse(data=response.content, format=rdflib_format)
    assert len(g) == 3


def test_n_quads_say_which_graph(read_only: TestClient) -> None:
    response = read_only.get(
        ENDPOINT, params={"graph": REFERENCE}, headers={"accept": "application/n-quads"}
    )
    assert response.headers["content-type"].startswith("application/n-quads")
    lines = [line for line in response.text.splitlines() if line]
    assert len(lines) == 3
    assert all(line.endswith(f"<{REFERENCE}> .") for line in lines)


def test_an_unknown_graph_is_a_404(read_only: TestClient) -> None:
    response = read_only.get(ENDPOINT, params={"graph": "http://example.org/none"})
    assert response.status_code == 404
    assert read_only.head(ENDPOINT, params={"graph": "http://example.org/none"}).status_code == 404


def test_a_request_must_name_one_graph(read_only: TestClient) -> None:
    assert read_only.get(ENDPOINT).status_code == 400
    both = read_only.get(ENDPOINT + "?default&graph=http%3A%2F%2Fexample.org%2Fg")
    assert both.status_code == 400
    assert read_only.get(ENDPOINT, params={"graph": "not an iri"}).status_code == 400


def test_writes_need_the_token(read_only: TestClient, writable: TestClient) -> None:
    body = "<http://example.org/s> <http://example.org/p> 1 ."
    headers = {"content-type": "application/n-triples"}
    graph = {"graph": "http://example.org/forbidden"}
    assert read_only.put(ENDPOINT, params=graph, content=body, headers=headers).status_code == 403
    assert writable.put(ENDPOINT, params=graph, content=body, headers=headers).status_code == 401
    assert writable.delete(ENDPOINT, params=graph).status_code == 401
    assert writable.get(ENDPOINT, params=graph).status_code == 404


def test_two_authorization_headers_are_refused(writable: TestClient) -> None:
    """Which of two headers counts depends on who reads them (a proxy, the framework):
    the request is refused, also when one of them holds the token."""
    graph = {"graph": "http://example.org/two-headers"}
    headers = [
        ("content-type", "application/n-triples"),
        ("authorization", f"Bearer {TOKEN}"),
        ("authorization", "Bearer something-else"),
    ]
    body = "<http://example.org/s> <http://example.org/p> 1 ."
    response = writable.put(ENDPOINT, params=graph, content=body, headers=headers)
    assert response.status_code == 400
    assert "one Authorization header" in response.text
    assert writable.get(ENDPOINT, params=graph).status_code == 404  # nothing written


def test_a_token_no_bearer_header_can_carry_is_refused_at_start_without_showing_it() -> None:
    for token in ("two words", "tab\there", "naïve"):
        with pytest.raises(SettingsError, match="GEMEENTEGRAAF_UPDATE_TOKEN=<hidden>") as err:
            Settings(update_token=token)
        assert token not in str(err.value) and "no spaces" in str(err.value)
    assert Settings(update_token="p@ss!word#1/=").update_token == "p@ss!word#1/="
    assert Settings(update_token="   ").update_token is None


def test_an_unknown_media_type_is_a_415(writable: TestClient) -> None:
    response = writable.put(
        ENDPOINT,
        params={"graph": "http://example.org/g415"},
        content="a,b,c",
        headers={"content-type": "text/csv", **AUTH},
    )
    assert response.status_code == 415
    assert "text/turtle" in response.text


def test_a_body_that_does_not_parse_is_a_400(writable: TestClient) -> None:
    response = writable.put(
        ENDPOINT,
        params={"graph": "http://example.org/g400"},
        content="<http://example.org/s> <http://example.org/p> .",
        headers={"content-type": "text/turtle", **AUTH},
    )
    assert response.status_code == 400
    assert "cannot be parsed" in response.text


def test_a_term_too_large_to_parse_is_a_413(writable: TestClient) -> None:
    huge = "x" * (17 * 1024 * 1024)
    response = writable.put(
        ENDPOINT,
        params={"graph": "http://example.org/g413"},
        content=f'<http://example.org/s> <http://example.org/p> "{huge}" .',
        headers={"content-type": "application/n-triples", **AUTH},
    )
    assert response.status_code == 413
    assert "larger than the parser accepts" in response.text


def _laughs(levels: int) -> bytes:
    """RDF/XML whose ten-fold nested entities expand a few hundred bytes 10**levels-fold."""
    declarations = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, levels + 1)
    ]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [{"".join(declarations)}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
        f"<ex:p>&l{levels};</ex:p></rdf:Description></rdf:RDF>"
    ).encode()


def test_entities_that_would_expand_a_body_far_are_refused_before_parsing(
    writable: TestClient,
) -> None:
    before = writable.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) {?s ?p ?o}"})
    for levels in (6, 8):  # 2 MB and 200 MB of "ha"
        response = writable.put(
            ENDPOINT,
            params={"graph": "http://example.org/laughs"},
            content=_laughs(levels),
            headers={"content-type": "application/rdf+xml", **AUTH},
        )
        assert response.status_code == 413, response.text
        assert "entities would expand it" in response.text
    after = writable.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) {?s ?p ?o}"})
    assert after.text == before.text
    # A few levels are an ordinary document.
    response = writable.put(
        ENDPOINT,
        params={"graph": "http://example.org/laughs"},
        content=_laughs(2),
        headers={"content-type": "application/rdf+xml", **AUTH},
    )
    assert response.status_code == 201, response.text


def test_a_term_the_store_could_not_reload_is_refused_and_nothing_changes(
    writable: TestClient,
) -> None:
    # Parsed fine, but past the size a term may have in the store (its dumps must load).
    big = "y" * (MAX_TERM_BYTES + 1)
    response = writable.put(
        ENDPOINT,
        params={"graph": "http://example.org/bigterm"},
        content=f'<http://example.org/s> <http://example.org/p> "{big}" .',
        headers={"content-type": "application/n-triples", **AUTH},
    )
    assert response.status_code == 413, response.text[:300]
    assert "a single IRI or literal may hold" in response.text
    assert writable.get(ENDPOINT, params={"graph": "http://example.org/bigterm"}).status_code == 404
    # The same through SPARQL Update, where the term is made by the query itself.
    update = (
        "INSERT { GRAPH <http://example.org/bigterm> { <http://example.org/s> "
        "<http://example.org/p> ?big } } WHERE { "
        f'BIND("{"z" * 300_000}" AS ?a) BIND(CONCAT(?a, ?a, ?a, ?a) AS ?b) '
        "BIND(CONCAT(?b, ?b, ?b, ?b) AS ?big) }"
    )
    response = writable.post(
        "/sparql", content=update, headers={"content-type": "application/sparql-update", **AUTH}
    )
    assert response.status_code == 413, response.text[:300]
    assert writable.get(ENDPOINT, params={"graph": "http://example.org/bigterm"}).status_code == 404


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        # a literal typed rdf:langString with no language: the store takes it, its dump
        # does not load again (an adversary froze the service's data with one such write)
        (
            '{"@id": "http://example.org/s", "http://example.org/p": {"@value": "x", "@type": '
            '"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}}',
            "application/ld+json",
            "could not load again",
        ),
        # an RDF 1.2 triple term
        (
            "<< <http://example.org/a> <http://example.org/b> <http://example.org/c> >> "
            '<http://example.org/said> "x" .',
            "text/turtle",
            "triple term",
        ),
    ],
)
def test_data_the_store_could_not_load_again_is_refused_and_nothing_changes(
    writable: TestClient, body: str, content_type: str, reason: str
) -> None:
    graph = {"graph": "http://example.org/unloadable"}
    response = writable.post(
        ENDPOINT, params=graph, content=body, headers={"content-type": content_type, **AUTH}
    )
    assert response.status_code == 400, response.text[:300]
    assert reason in response.text
    assert writable.get(ENDPOINT, params=graph).status_code == 404
    update = (
        "INSERT DATA { GRAPH <http://example.org/unloadable> { <http://example.org/s> "
        '<http://example.org/p> "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> } }'
    )
    response = writable.post(
        "/sparql", content=update, headers={"content-type": "application/sparql-update", **AUTH}
    )
    assert response.status_code == 400 and "could not load again" in response.text
    assert writable.get(ENDPOINT, params=graph).status_code == 404
    # the service still takes a good write and shows it
    good = '<http://example.org/s> <http://example.org/p> "ok" .'
    response = writable.put(
        ENDPOINT,
        params=graph,
        content=good,
        headers={"content-type": "application/n-triples", **AUTH},
    )
    assert response.status_code in (200, 201, 204), response.text[:300]
    assert (
        "ok"
        in writable.get(ENDPOINT, params=graph, headers={"accept": "application/n-triples"}).text
    )
    writable.delete(ENDPOINT, params=graph, headers=AUTH)


def test_a_bundled_graph_is_read_only(writable: TestClient) -> None:
    body = "<http://example.org/s> <http://example.org/p> 1 ."
    headers = {"content-type": "application/n-triples", **AUTH}
    for method in ("PUT", "POST"):
        response = writable.request(
            method, ENDPOINT, params={"graph": REFERENCE}, content=body, headers=headers
        )
        assert response.status_code == 403, response.text
        assert "read-only" in response.text
    assert writable.delete(ENDPOINT, params={"graph": REFERENCE}, headers=AUTH).status_code == 403
    got = writable.get(ENDPOINT, params={"graph": REFERENCE}, headers={"accept": "text/turtle"})
    assert len(Graph().parse(data=got.text, format="turtle")) == 3


def test_a_graph_that_breaks_the_shapes_is_refused_and_nothing_changes(
    writable: TestClient,
) -> None:
    target = "http://example.org/graph/bad"
    before = writable.get(ENDPOINT, params={"graph": REFERENCE}, headers={"accept": "text/turtle"})
    bad = f"""
        @prefix gg: <https://w3id.org/gemeentegraaf/def#> .
        @prefix tooiont: <https://identifier.overheid.nl/tooi/def/ont/> .
        <{GEMEENTE}gm0363> a tooiont:Gemeente ; gg:cbsCode "GM0000" .
    """
    response = writable.put(
        ENDPOINT,
        params={"graph": target},
        content=bad,
        headers={"content-type": "text/turtle", **AUTH},
    )
    assert response.status_code == 422
    assert "GM0000" in response.text
    assert writable.get(ENDPOINT, params={"graph": target}).status_code == 404
    after = writable.get(ENDPOINT, params={"graph": REFERENCE}, headers={"accept": "text/turtle"})
    assert isomorphic(
        Graph().parse(data=before.text, format="turtle"),
        Graph().parse(data=after.text, format="turtle"),
    )


def test_put_post_and_delete_change_what_sparql_sees(writable: TestClient) -> None:
    graph = "http://example.org/graph/notes"
    turtle = {"content-type": "text/turtle", **AUTH}
    put = writable.put(
        ENDPOINT,
        params={"graph": graph},
        content="<http://example.org/a> <http://example.org/p> 1 .",
        headers=turtle,
    )
    assert put.status_code == 201
    post = writable.post(
        ENDPOINT,
        params={"graph": graph},
        content="<http://example.org/b> <http://example.org/p> 2 .",
        headers=turtle,
    )
    assert post.status_code == 204
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    data = writable.get("/sparql", params={"query": count}).json()
    assert data["results"]["bindings"][0]["n"]["value"] == "2"
    assert writable.delete(ENDPOINT, params={"graph": graph}, headers=AUTH).status_code == 204
    data = writable.get("/sparql", params={"query": count}).json()
    assert data["results"]["bindings"][0]["n"]["value"] == "0"


def test_a_body_is_parsed_off_the_event_loop(
    writable: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tens of megabytes take seconds to parse: on the event loop, every other request
    # would wait for them.
    on_a_loop: list[bool] = []
    parse = graph_store._parse

    def recording(*args):  # type: ignore[no-untyped-def]
        try:
            asyncio.get_running_loop()
            on_a_loop.append(True)
        except RuntimeError:
            on_a_loop.append(False)
        return parse(*args)

    monkeypatch.setattr(graph_store, "_parse", recording)
    body = "<http://example.org/s> <http://example.org/p> 1 ."
    response = writable.put(
        "/rdf-graph-store?graph=http://example.org/parsed",
        content=body,
        headers={"content-type": "text/turtle", "authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code in (201, 204), response.text
    assert on_a_loop == [False]


def test_a_line_break_or_tab_in_a_graph_path_names_another_graph(writable: TestClient) -> None:
    # The graph's IRI came from request.url, whose parsing drops a tab, CR or LF: PUT to
    # /rdf-graph-store/g%0D2 wrote graph g2, and a DELETE of g2%09 deleted it.
    turtle = {"content-type": "text/turtle", **AUTH}
    body = "<urn:a> <urn:b> <urn:c> ."
    assert writable.put(f"{ENDPOINT}/crtest", content=body, headers=turtle).status_code in (
        200,
        201,
        204,
    )
    assert writable.delete(f"{ENDPOINT}/crtest%09", headers=AUTH).status_code == 404
    assert writable.get(f"{ENDPOINT}/cr%0Dtest").status_code == 404
    assert writable.get(f"{ENDPOINT}/crtest", headers={"accept": "text/turtle"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "iri"),
    [
        # `#` in the decoded path was written %23 and then its `%` encoded again, as was
        # the `%` of a path that held %23 itself: /h%23 and /h%2523 were one graph
        ("/rdf-graph-store/h#", "http://h/rdf-graph-store/h%23"),
        ("/rdf-graph-store/h%23", "http://h/rdf-graph-store/h%2523"),
        ("/rdf-graph-store/h?q", "http://h/rdf-graph-store/h%3Fq"),
        # parsing the URL dropped a CR or a tab: g2%0D was g2
        ("/rdf-graph-store/g\r2", "http://h/rdf-graph-store/g%0D2"),
        ("/rdf-graph-store/g2\t", "http://h/rdf-graph-store/g2%09"),
        # no mark that turns text around; letters stay as they are
        ("/rdf-graph-store/z\u202ey", "http://h/rdf-graph-store/z%E2%80%AEy"),
        ("/rdf-graph-store/café", "http://h/rdf-graph-store/café"),
    ],
)
def test_a_graph_path_names_one_graph_of_its_own(path: str, iri: str) -> None:
    # (the request's scope as uvicorn makes it: TestClient decodes a path twice)
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": b"",
        "headers": [(b"host", b"h")],
        "scheme": "http",
        "server": ("h", 80),
        "root_path": "",
    }
    assert graph_store._request_iri(Request(scope)) == iri


def test_a_graph_name_holds_no_mark_that_turns_text_around(writable: TestClient) -> None:
    turtle = {"content-type": "text/turtle", **AUTH}
    response = writable.put(
        f"{ENDPOINT}/z%E2%80%AEy", content="<urn:a> <urn:b> <urn:c> .", headers=turtle
    )
    assert response.status_code in (200, 201, 204)
    missing = writable.get(f"{ENDPOINT}/x%E2%80%AE%E2%80%A8y" + "k" * 500)
    assert missing.status_code == 404
    assert "\u202e" not in missing.text and "\u2028" not in missing.text
    assert "%E2%80%AE%E2%80%A8y" in missing.text and len(missing.text) < 400


def test_an_iri_rdflib_reads_as_white_space_does_not_break_a_later_whole_check(
    writable: TestClient,
) -> None:
    # A no-break space is allowed in an IRI, and rdflib's N-Triples reader takes it for
    # white space: the whole-dataset check must not read the store through that reader.
    graph = "http://example.org/nbsp"
    put = writable.put(
        ENDPOINT,
        params={"graph": graph},
        content="<http://example.org/s> <http://example.org/p> <http://example.org/a\u00a0b> .\n",
        headers={"content-type": "text/turtle", **AUTH},
    )
    assert put.status_code in (200, 201, 204), put.text
    # a change to the class hierarchy is checked against every graph at once
    update = (
        "INSERT DATA { GRAPH <http://example.org/nbsp> { <http://example.org/X> "
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://example.org/Y> } }"
    )
    answer = writable.post(
        "/sparql",
        content=update.encode(),
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert answer.status_code in (200, 204), answer.text


def test_a_literal_with_a_base_direction_is_refused_with_a_reason(writable: TestClient) -> None:
    update = 'INSERT DATA { GRAPH <http://example.org/dir> { <urn:a> <urn:b> "x"@ar--rtl } }'
    answer = writable.post(
        "/sparql",
        content=update.encode(),
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert answer.status_code == 400, answer.text
    assert "base direction" in answer.text and "Nothing was changed" in answer.text
