"""Shared fixtures: one full build of the bundled data per test session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import store_servers

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a store built from all bundled data (built once, then shared; do not write to it)."""
    from gemeentegraaf.pipeline.build import build

    target = tmp_path_factory.mktemp("built") / "store"
    build(target)
    return target


@pytest.fixture(scope="session")
def built(built_store: Path):
    """The built store opened read-only."""
    from gemeentegraaf.store.oxigraph import open_store

    store = open_store(built_store, read_only=True)
    yield store
    store.close()


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
