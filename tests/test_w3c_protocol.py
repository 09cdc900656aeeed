"""The W3C SPARQL 1.1 Protocol test suite (data/w3c/sparql11-protocol/manifest.ttl), all 34 tests.

Query and bad-request tests run against a read-only endpoint; the update tests
run with updates enabled (the runner sends the bearer token). The bad-update
tests also run with updates enabled, so they must fail for the reason the test
names, not for lack of a token.

The manifest's ht:absolutePath values start with /sparql/; the runner replaces
that with /sparql. Its test data (data1.nt …) are read from the local copies,
loaded into the named graphs the manifest gives them (their rdfs:label).

Every test runs on each store backend (conftest.py `backend`): the service
over the embedded store, over an Oxigraph server and over Virtuoso.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings

from tests.conftest import Backends, Location
from tests.w3c_http import W3C, HttpRequest, ManifestTest, boolean_of, check_format, read_manifest

MANIFEST = W3C / "sparql11-protocol" / "manifest.ttl"
TESTS = read_manifest(MANIFEST)
TOKEN = "w3c-protocol-token"

UPDATE_TESTS = [t for t in TESTS if t.name.startswith("update_")]
READ_ONLY_TESTS = [t for t in TESTS if not t.name.startswith("update_")]
BAD_UPDATE_TESTS = [
    t for t in TESTS if t.name.startswith("bad_update_") or t.name == "bad_multiple_updates"
]


def test_the_manifest_has_34_tests() -> None:
    assert len(TESTS) == 34
    assert len(UPDATE_TESTS) == 7


def service_settings(where: Location, token: str | None = None) -> Settings:
    """The service's settings for a store on any backend."""
    store: dict[str, object] = {"store_path": where.path}
    if where.url:
        store["store_url"] = where.url
    return Settings(**store, update_token=token, query_timeout=30.0)


def _make_client(where: Location, token: str | None) -> TestClient:
    """Use it as a context manager: that runs the app's lifespan (store and query workers)."""
    return TestClient(create_app(service_settings(where, token)))


@pytest.fixture(scope="module")
def read_only_client(backend: str, backends: Backends) -> Iterator[TestClient]:
    # Every graph any test declares (the tests only read, so they can share one store).
    where = backends.new(backend)
    store = where.open()
    for test in TESTS:
        for data_file, graph in test.graph_data:
            store.load(data_file.read_bytes(), "nt", graph)
    store.close()
    with _make_client(where, None) as client:
        yield client
    backends.stop(where)


@pytest.fixture(scope="module")
def update_client(backend: str, backends: Backends) -> Iterator[TestClient]:
    where = backends.new(backend)
    with _make_client(where, TOKEN) as client:
        yield client
    backends.stop(where)


def _send(client: TestClient, request: HttpRequest, token: str | None) -> None:
    path = request.path.replace("/sparql/", "/sparql", 1)
    headers = dict(request.headers)
    if token:
        headers["authorization"] = f"Bearer {token}"
    response = client.request(
        request.method, path, content=request.body, headers=headers, follow_redirects=False
    )
    expected = request.expected
    assert expected.allows(response.status_code), (
        f"{request.method} {path}: status {response.status_code}, expected "
        f"{'/'.join(expected.statuses)}: {response.text[:500]}"
    )
    content_type = response.headers.get("content-type", "")
    if expected.format:
        check_format(expected.format, content_type, response.content)
    if expected.boolean is not None:
        assert boolean_of(content_type, response.content) is expected.boolean
    if token and response.status_code >= 400:
        # With the token, a refusal must be about the request, not about access.
        assert response.status_code not in (401, 403), response.text


def _run(client: TestClient, test: ManifestTest, token: str | None) -> None:
    for request in test.requests:
        _send(client, request, token)


@pytest.mark.parametrize("test", READ_ONLY_TESTS, ids=lambda t: t.name)
def test_protocol_read_only(read_only_client: TestClient, test: ManifestTest) -> None:
    _run(read_only_client, test, None)


@pytest.mark.parametrize("test", UPDATE_TESTS, ids=lambda t: t.name)
def test_protocol_update(update_client: TestClient, test: ManifestTest) -> None:
    _run(update_client, test, TOKEN)


@pytest.mark.parametrize("test", BAD_UPDATE_TESTS, ids=lambda t: t.name)
def test_bad_updates_are_refused_with_updates_enabled(
    update_client: TestClient, test: ManifestTest
) -> None:
    _run(update_client, test, TOKEN)
