"""The application as a whole: lifespan, settings, OpenAPI, offline documentation, errors."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf import __version__
from gemeentegraaf.cli.main import main
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.visible import shown
from gemeentegraaf.service import app as app_module
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.dependencies import NotStarted, get_settings, get_store
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.oxigraph import StoreError, open_store

try:
    from tests.sparql_helpers import make_store
except ImportError:  # tests/ itself on sys.path
    from sparql_helpers import make_store


@pytest.fixture
def client(built_client_lenient: TestClient) -> TestClient:
    # The session's started app over the build (conftest.py): these tests only read.
    return built_client_lenient


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("app") / "store")


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_another_host(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert not re.search(r"(src|href)=[\"']https?://", page.text)
    assert "fonts.googleapis" not in page.text
    for asset in re.findall(r"(?:src|href)=[\"'](/[^\"']+)", page.text):
        assert client.get(asset).status_code == 200, asset
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "gemeentegraaf"
    assert spec["info"]["version"] == __version__


def test_one_version_everywhere(client: TestClient) -> None:
    """The package's version is the only one: the API, the dataset (VoID/DCAT), the
    extractor in the provenance, and the ontology (owl:versionInfo, written in
    ontology/gemeentegraaf.ttl by hand, so this catches it falling behind)."""
    assert client.get("/openapi.json").json()["info"]["version"] == __version__
    query = (
        "SELECT DISTINCT ?p ?version WHERE { GRAPH ?g { ?s ?p ?version FILTER(?p IN ("
        "<http://purl.org/dc/terms/hasVersion>, <http://www.w3.org/2002/07/owl#versionInfo>, "
        "<http://www.w3.org/ns/dcat#version>)) } }"
    )
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    found = {(row["p"]["value"].rpartition("/")[2], row["version"]["value"]) for row in rows}
    assert found == {
        ("hasVersion", __version__),  # the extractor (a prov:SoftwareAgent)
        ("owl#versionInfo", __version__),  # the ontology
        ("dcat#version", __version__),  # the dataset (DCAT-AP 3.0)
    }


# ---------------------------------------------------------------------------
# OpenAPI
# ---------------------------------------------------------------------------


def _operations(spec: dict) -> list[tuple[str, str, str]]:
    return [
        (method, path, operation["operationId"])
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_operation_has_an_id_of_its_own(small_store: Path) -> None:
    app = create_app(Settings(store_path=small_store))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        spec = app.openapi()
    duplicates = [str(w.message) for w in caught if "Duplicate Operation ID" in str(w.message)]
    assert duplicates == []
    ids = Counter(operation_id for _, _, operation_id in _operations(spec))
    assert [i for i, n in ids.items() if n > 1] == []
    # Every method of the SPARQL and Graph Store endpoints is an operation of its own.
    methods = {(method, path) for method, path, _ in _operations(spec)}
    assert {("get", "/sparql"), ("post", "/sparql")} <= methods
    for method in ("get", "head", "put", "post", "delete"):
        assert (method, "/rdf-graph-store") in methods
        assert (method, "/rdf-graph-store/{path}") in methods


def test_operation_ids_are_handler_and_method(small_store: Path) -> None:
    # FastAPI's default id adds "the first" method of a route's set, which depends on
    # the process's hash seed; ours name the handler and the route's one method.
    operations = _operations(create_app(Settings(store_path=small_store)).openapi())
    assert ("post", "/sparql", "sparql_endpoint_post") in operations
    assert ("head", "/rdf-graph-store", "graph_store_indirect_head") in operations
    assert ("get", "/api/municipalities", "list_municipalities_get") in operations
    assert all(operation_id.endswith("_" + method) for method, _, operation_id in operations)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/sparql", "GET, HEAD, OPTIONS, POST"),
        ("PATCH", "/rdf-graph-store", "DELETE, GET, HEAD, OPTIONS, POST, PUT"),
        ("PATCH", "/rdf-graph-store/some/graph", "DELETE, GET, HEAD, OPTIONS, POST, PUT"),
        ("POST", "/def", "GET, HEAD, OPTIONS"),
        ("DELETE", "/api/themes", "GET, HEAD, OPTIONS"),
    ],
)
def test_a_wrong_method_is_told_every_method_the_path_allows(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    # A path has a route per method; the 405 still names them all (RFC 9110, 15.5.6),
    # OPTIONS included (answered by the CORS middleware).
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


# ---------------------------------------------------------------------------
# Lifespan and dependencies
# ---------------------------------------------------------------------------


def test_a_missing_store_is_a_clear_error_not_an_empty_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="gemeentegraaf build"):
        create_app(Settings(store_path=tmp_path / "nope"))
    assert not (tmp_path / "nope").exists()


def test_without_a_token_the_lifespan_opens_the_store_read_only(small_store: Path) -> None:
    app = create_app(Settings(store_path=small_store))
    with TestClient(app) as c:
        assert app.state.store.read_only
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
        # a read-only store takes no lock: a second reader (a CLI query) can open it
        open_store(small_store, read_only=True).close()
    assert app.state.store is None


def test_the_service_hands_the_interpreter_lock_on_more_often_while_it_runs(
    small_store: Path,
) -> None:
    before = sys.getswitchinterval()
    app = create_app(Settings(store_path=small_store, thread_switch_interval=0.0007))
    with TestClient(app):
        assert sys.getswitchinterval() == pytest.approx(0.0007)
    assert sys.getswitchinterval() == pytest.approx(before)
    with pytest.raises(UserError, match="GEMEENTEGRAAF_THREAD_SWITCH_INTERVAL=0"):
        Settings(store_path=small_store, thread_switch_interval=0)


def test_with_a_token_the_lifespan_opens_the_store_for_writing_and_closes_it(
    tmp_path: Path,
) -> None:
    path = make_store(tmp_path / "store")
    app = create_app(Settings(store_path=path, update_token="secret"))
    with TestClient(app):
        assert not app.state.store.read_only
        with pytest.raises(StoreError, match="cannot open"):
            open_store(path)  # the service holds the store's lock
    # Shut down: the lock is free again.
    open_store(path).close()


def test_a_request_before_the_lifespan_is_an_error_that_says_why(small_store: Path) -> None:
    app = create_app(Settings(store_path=small_store))
    client = TestClient(app, raise_server_exceptions=True)  # no `with`: no lifespan
    with pytest.raises(NotStarted, match="lifespan"):
        client.get("/api/themes")


def test_handlers_take_the_store_from_a_dependency(small_store: Path, built: object) -> None:
    """An override replaces the store every handler is given: the API, pages, linked data."""
    app = create_app(Settings(store_path=small_store))
    app.dependency_overrides[get_store] = lambda: built
    with TestClient(app) as c:
        # The small store has no municipality records; the built one has Amsterdam.
        found = c.get("/api/municipalities", params={"q": "Amsterdam"}).json()
        assert [m["code"] for m in found] == ["GM0363"]
        page = c.get("/id/gemeente/gm0363.ttl")
        assert page.status_code == 200 and "Amsterdam" in page.text


def test_handlers_take_the_settings_from_a_dependency(small_store: Path) -> None:
    app = create_app(Settings(store_path=small_store))
    app.dependency_overrides[get_settings] = lambda: Settings(store_path=small_store, max_rows=1)
    query = {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"}
    with TestClient(app) as c:
        capped = c.get("/sparql", params=query)
        assert capped.headers["x-sparql-max-rows"] == "1"
        assert len(capped.json()["results"]["bindings"]) == 1
        description = c.get("/sparql", headers={"accept": "application/n-triples"})
        assert "at most 1 rows" in description.text
        app.dependency_overrides.clear()
        assert "x-sparql-truncated" not in c.get("/sparql", params=query).headers


# ---------------------------------------------------------------------------
# Settings from the environment
# ---------------------------------------------------------------------------


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GEMEENTEGRAAF_STORE", str(tmp_path / "s"))
    monkeypatch.setenv("GEMEENTEGRAAF_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("GEMEENTEGRAAF_MAX_ROWS", "17")
    monkeypatch.setenv("GEMEENTEGRAAF_UPDATE_TOKEN", "t0k3n")
    settings = Settings()
    assert settings.store_path == tmp_path / "s"
    assert settings.query_timeout == 2.5
    assert settings.max_rows == 17
    assert settings.update_token == "t0k3n" and settings.updates_enabled
    # Arguments win over the environment.
    assert Settings(max_rows=3).max_rows == 3
    assert Settings(store_path=tmp_path / "t").store_path == tmp_path / "t"
    assert "t0k3n" not in repr(settings)


def test_only_the_documented_variables_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("STORE_PATH", "GEMEENTEGRAAF_STORE_PATH", "STORE", "MAX_ROWS", "UPDATE_TOKEN"):
        monkeypatch.setenv(name, str(tmp_path) if "STORE" in name else "7")
    for name in ("STORE", "MAX_ROWS", "UPDATE_TOKEN"):
        monkeypatch.delenv("GEMEENTEGRAAF_" + name, raising=False)
    settings = Settings()
    assert settings.store_path == Path("gemeentegraaf-store")
    assert settings.max_rows == 100_000 and settings.update_token is None


def test_empty_variables_mean_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STORE", "QUERY_TIMEOUT", "MAX_ROWS", "UPDATE_TOKEN"):
        monkeypatch.setenv("GEMEENTEGRAAF_" + name, "")
    settings = Settings()
    assert settings.store_path == Path("gemeentegraaf-store")
    assert (settings.query_timeout, settings.max_rows) == (30.0, 100_000)
    assert settings.update_token is None and not settings.updates_enabled


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("GEMEENTEGRAAF_MAX_ROWS", "lots", "valid integer"),
        ("GEMEENTEGRAAF_MAX_ROWS", "0", "greater than 0"),
        ("GEMEENTEGRAAF_MAX_ROWS", "2.5", "valid integer"),
        ("GEMEENTEGRAAF_QUERY_TIMEOUT", "-1", "greater than 0"),
        ("GEMEENTEGRAAF_QUERY_TIMEOUT", "soon", "valid number"),
        ("GEMEENTEGRAAF_QUERY_TIMEOUT", "inf", "finite number"),
    ],
)
def test_bad_settings_in_the_environment_are_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(UserError) as caught:
        Settings()
    message = str(caught.value)
    assert message.startswith(f"{name}={value!r}: ")
    assert reason in message
    assert "\n" not in message


def test_serve_with_a_bad_setting_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], small_store: Path
) -> None:
    monkeypatch.setenv("GEMEENTEGRAAF_QUERY_TIMEOUT", "soon")
    assert main(["serve", "--store", str(small_store), "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: GEMEENTEGRAAF_QUERY_TIMEOUT='soon': ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_api_itself_points_to_the_api_description(client: TestClient) -> None:
    for path in ("/api", "/api/"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 307
        assert response.headers["location"] == "/docs"


def test_asking_sparql_for_results_without_a_query_says_the_query_is_missing(
    client: TestClient,
) -> None:
    response = client.get("/sparql", headers={"accept": "application/sparql-results+json"})
    assert response.status_code == 400
    assert "Missing 'query' parameter" in response.text
    # Without a results format in Accept it is still the service description.
    described = client.get("/sparql", headers={"accept": "text/turtle"})
    assert described.status_code == 200 and "sd:Service" in described.text


def test_the_home_page_title_says_what_the_site_is(client: TestClient) -> None:
    page = client.get("/", headers={"accept": "text/html"}).text
    assert "<title>gemeentegraaf: gemeentelijk beleid als kennisgraaf</title>" in page
    assert "gemeentegraaf · gemeentegraaf" not in page


def test_a_client_that_goes_away_while_sending_is_no_error(
    small_store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Slow clients that close their connection mid-body used to log a traceback each.
    app = create_app(Settings(store_path=small_store))
    sent: list[dict] = []

    async def scenario() -> None:
        messages = iter(
            [
                {"type": "http.request", "body": b"ASK { ?s", "more_body": True},
                {"type": "http.disconnect"},
            ]
        )

        async def receive() -> dict:
            return next(messages)

        async def send(message: dict) -> None:
            sent.append(message)

        scope = _sparql_post(declared=100)
        async with app.router.lifespan_context(app):
            await app(scope, receive, send)

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("went away" in r.getMessage() for r in caplog.records)


def test_a_body_that_comes_too_slowly_gets_408(
    small_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A byte a second would otherwise hold a connection, and a descriptor, for ever.
    monkeypatch.setattr(app_module, "BODY_GRACE", 0.5)
    app = create_app(Settings(store_path=small_store))
    sent: list[dict] = []

    async def scenario() -> None:
        first = True

        async def receive() -> dict:
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": b"AS", "more_body": True}
            await asyncio.sleep(3600)  # the rest never comes
            raise AssertionError("unreachable")

        async def send(message: dict) -> None:
            sent.append(message)

        scope = _sparql_post(declared=6)
        async with app.router.lifespan_context(app):
            with anyio.fail_after(10):
                await app(scope, receive, send)

    asyncio.run(scenario())
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 408
    assert b"did not arrive" in sent[1]["body"]


def _sparql_post(declared: int) -> dict:
    """The ASGI scope of a POST of a query to /sparql that declares `declared` bytes."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/sparql",
        "raw_path": b"/sparql",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"content-type", b"application/sparql-query"),
            (b"content-length", str(declared).encode()),
        ],
        "client": ("10.0.0.9", 5000),
        "server": ("test", 80),
    }


@pytest.mark.parametrize(
    "path",
    [
        "/themas/armoede%0A",
        "/id/gemeente/gm0363%0A",
        "/id/gemeente/gm0363%0D",
        "/gemeenten%0A",
        "/sparql%0A",
    ],
)
def test_a_path_with_a_line_break_reaches_no_resource(client: TestClient, path: str) -> None:
    # A route's pattern ends in `$`, which matches before a final newline: without the
    # check, /themas/armoede%0A was the theme armoede and /id/…gm0363%0A Amsterdam.
    without = path.replace("%0A", "").replace("%0D", "")
    assert client.get(without).status_code in (200, 400)
    response = client.get(path, follow_redirects=False, headers={"accept": "text/plain"})
    assert response.status_code == 404
    assert "%0A" in response.text or "%0D" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/gemeenten/%00x",
        "/id/gemeente/gm0363%00",
        "/id/gemeente/gm0363%1b.ttl",
        "/documenten/%00x/secties",
        "/gemeenten/%1bx/feiten",
        "/def.ttl%1B%5B31m%00",
    ],
)
def test_a_not_found_message_echoes_no_control_character(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "text/plain"})
    assert response.status_code == 404
    assert not any(byte < 0x20 and byte not in (0x09, 0x0A) for byte in response.content)
    assert "%00" in response.text or "%1B" in response.text


def test_an_echoed_address_hides_what_would_change_how_text_reads() -> None:
    # line and paragraph separators, zero widths, byte order marks, C1 controls and the
    # right-to-left override are written as the address writes them; letters are not
    assert shown("a\u2028b\u200bc\ufeffd\x85e\u202ef\u2029") == (
        "a%E2%80%A8b%E2%80%8Bc%EF%BB%BFd%C2%85e%E2%80%AEf%E2%80%A9"
    )
    assert shown("é ü ∂ €") == "é ü ∂ €"
    assert shown("k" * 500) == "k" * 200 + "…"


def test_a_problem_names_its_address_as_an_address_writes_it(client: TestClient) -> None:
    key = "GM0363\u202e\u0085" + "x" * 300
    response = client.get(f"/api/municipalities/{key}")
    assert response.status_code in (404, 422)
    instance = response.json()["instance"]
    assert "\u202e" not in instance and "\u0085" not in instance
    assert instance.startswith("/api/municipalities/GM0363%E2%80%AE%C2%85")
    assert instance.endswith("x…") and len(instance) < 250  # 200 characters, two encoded
    # a final line break is part of the address the problem names
    response = client.get("/api/municipalities/GM0363%0A")
    assert response.status_code == 404
    assert response.json()["instance"] == "/api/municipalities/GM0363%0A"
