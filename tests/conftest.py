"""Shared fixtures: one full build of the bundled data per test session, and one
started app over it for the tests that only read it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests import store_servers

REPO = Path(__file__).resolve().parents[1]

# Every app start (TestClient lifespan, uvicorn subprocess: they inherit the
# environment) starts this many query workers, each loading the data. The
# service's default on CI's two cores is eight; two still give a test every
# behaviour of the pool (a spare while one query is moved aside, the last idle
# worker kept from a heavy client), at a quarter of the loading. Tests that need a
# particular number set query_workers themselves (test_query_lanes.py); set the
# variable to run the suite with another number.
os.environ.setdefault("GEMEENTEGRAAF_QUERY_WORKERS", "2")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a store built from all bundled data (built once, then shared; do not write to it)."""
    from gemeentegraaf.pipeline.build import build

    target = tmp_path_factory.mktemp("built") / "store"
    build(target)
    return target


@pytest.fixture(scope="session")
def context_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with only the ontology, themes and reference data (what ingest needs), built
    once; tests copy it (shutil.copytree) before they write to it."""
    from gemeentegraaf.pipeline.build import build, default_steps

    target = tmp_path_factory.mktemp("context") / "store"
    steps = [s for s in default_steps() if s[0] in ("ontology", "themes", "reference")]
    build(target, steps=steps, store_steps=[])
    return target


@pytest.fixture(scope="session")
def built(built_store: Path):
    """The built store opened read-only."""
    from gemeentegraaf.store.oxigraph import open_store

    store = open_store(built_store, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def built_service(built_store: Path) -> Iterator[TestClient]:
    """The app over the shared build, started once for the session (its lifespan loads the
    read view and starts the query workers: seconds per start). Read-only: no update
    token, so the app opens the build read-only and refuses writes. Tests take a client
    of it from `built_client` or `built_client_lenient`, never this one."""
    from gemeentegraaf.service.app import create_app
    from gemeentegraaf.service.settings import Settings

    with TestClient(create_app(Settings(store_path=built_store))) as client:
        yield client


def client_of(service: TestClient, *, raise_server_exceptions: bool = True) -> TestClient:
    """A client of an already started app: its requests run on that app's event loop (the
    started client's portal), so its lifespan state (store, views, workers) serves them."""
    client = TestClient(service.app, raise_server_exceptions=raise_server_exceptions)
    client.portal = service.portal
    return client


@pytest.fixture
def built_client(built_service: TestClient) -> TestClient:
    """A client of the started app over the full build (a server error raises in the test)."""
    return client_of(built_service)


@pytest.fixture
def built_client_lenient(built_service: TestClient) -> TestClient:
    """As `built_client`, but a server error is a 500 answer, as a real client sees it."""
    return client_of(built_service, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample app in uvicorn for the browser tests (test_browser.py's `server`)."""
    from tests.test_browser import serve_sample

    with serve_sample(tmp_path_factory.mktemp("browser") / "store") as url:
        yield url


@pytest.fixture(scope="session")
def shared_chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium for the browser tests (test_browser.py's `browser`)."""
    from tests.test_browser import Chromium

    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


# ---------------------------------------------------------------------------
# Store backends: the embedded store and SPARQL servers (tests/store_servers.py)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """Where a test store is: a directory (embedded) or a server URL."""

    backend: str
    path: Path | None = None
    url: str | None = None

    def open(self):
        from gemeentegraaf.store.location import connect

        return connect(self.path, self.url)


class Backends:
    """Makes fresh stores on every backend; every server it starts is stopped at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.servers: list[store_servers.Server] = []
        self._made = 0

    def require(self, kind: str) -> None:
        reason = store_servers.missing(kind)
        if reason is None:
            return
        if store_servers.in_ci():
            pytest.fail(f"{kind} backend: {reason}; CI must install it (.ci/run)")
        pytest.skip(f"{kind} backend: {reason}")

    def new(self, kind: str) -> Location:
        """A new, empty store (a new server for the server backends)."""
        self.require(kind)
        self._made += 1
        directory = self.root / f"{kind}-{self._made}"
        if kind == store_servers.EMBEDDED:
            from gemeentegraaf.store.oxigraph import OxigraphStore

            OxigraphStore(directory / "store").close()
            return Location(kind, path=directory / "store")
        server = store_servers.start(kind, directory)
        self.servers.append(server)
        # The local side of a server store (ingested reports, versions kept before
        # writes) goes beside this path, not into the working directory.
        return Location(kind, path=directory / "local" / "store", url=server.url)

    def stop(self, location: Location) -> None:
        for server in list(self.servers):
            if server.url == location.url:
                server.stop()
                self.servers.remove(server)

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers.clear()


@pytest.fixture(scope="session")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backends]:
    made = Backends(tmp_path_factory.mktemp("backends"))
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="module", params=store_servers.BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend in turn: the embedded store, Oxigraph server, Virtuoso."""
    return request.param
