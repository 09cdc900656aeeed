"""The commit of a write runs in a process of its own, cut off from the network like the
query workers; the service process holds no handle on the store it writes to, only its
writer lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.store.base import StoreError
from gemeentegraaf.store.oxigraph import open_store

from tests.sparql_helpers import TOKEN, make_client, make_store

NOTES = "http://example.org/graph/notes"
HEADERS = {"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}


def insert(i: int) -> str:
    return f"INSERT DATA {{ GRAPH <{NOTES}> {{ <http://example.org/s{i}> <http://example.org/p> {i} }} }}"


def ask(client: TestClient, i: int) -> bool:
    query = f"ASK {{ <http://example.org/s{i}> ?p ?o }}"
    return client.get("/sparql", params={"query": query}).json()["boolean"]


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    return make_store(tmp_path / "store")


@pytest.fixture()
def writable(store: Path) -> Iterator[TestClient]:
    with make_client(store, update_token=TOKEN) as client:
        yield client


def test_the_service_holds_no_handle_on_the_store_it_writes_to(
    store: Path, writable: TestClient
) -> None:
    assert writable.post("/sparql", content=insert(1), headers=HEADERS).status_code == 204
    # RocksDB lets one process open a store for writing: this one can, so the service
    # (and its idle commit process) do not hold it.
    raw = ox.Store(str(store))
    assert len(raw) > 0
    del raw
    assert writable.post("/sparql", content=insert(2), headers=HEADERS).status_code == 204
    assert ask(writable, 1) and ask(writable, 2)


def test_the_writer_lock_keeps_other_writers_off_while_the_service_runs(
    store: Path, writable: TestClient
) -> None:
    with pytest.raises(StoreError, match="another process writes to it"):
        open_store(store)
    open_store(store, read_only=True).close()  # reading is fine


def test_the_writer_lock_goes_with_the_service(store: Path) -> None:
    with make_client(store, update_token=TOKEN) as client:
        assert client.post("/sparql", content=insert(3), headers=HEADERS).status_code == 204
    opened = open_store(store)  # the service stopped: the store is free again
    assert opened.has_graph(NOTES)
    opened.close()


def test_the_commit_runs_in_another_process_isolated_like_the_query_workers(
    writable: TestClient,
) -> None:
    assert writable.post("/sparql", content=insert(4), headers=HEADERS).status_code == 204
    service = writable.app.state.sparql
    committer = service.writer._committer
    assert committer._process is not None and committer._process.pid != os.getpid()
    # Where the kernel lets a process be cut off from the network (as the query workers
    # are), the commit process is too; where it does not, neither is (both log a warning).
    probe = "from gemeentegraaf.service.sparql.isolation import isolate_network as i; print(i())"
    kernel = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert service.writer.network_isolated is (kernel.stdout.strip() == "True")


def test_a_commit_process_that_died_is_replaced_at_the_next_write(writable: TestClient) -> None:
    assert writable.post("/sparql", content=insert(5), headers=HEADERS).status_code == 204
    committer = writable.app.state.sparql.writer._committer
    old = committer._process
    os.kill(old.pid, signal.SIGKILL)
    old.wait(10)
    assert writable.post("/sparql", content=insert(6), headers=HEADERS).status_code == 204
    assert committer._process is not None and committer._process.pid != old.pid
    assert ask(writable, 5) and ask(writable, 6)


def test_the_commit_process_dies_with_the_service(store: Path) -> None:
    """A service killed mid-commit must leave no process holding the store (a restarted
    service could not open it): the kernel kills the commit process with it."""
    script = (
        "import sys, time\n"
        "from gemeentegraaf.service.sparql.commit_worker import Committer\n"
        "c = Committer(isolate=False); c.start()\n"
        "print(c._process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        status = Path(f"/proc/{child}/stat")
        if status.exists() and status.read_text().split(") ")[1].startswith("Z"):
            break  # a zombie: dead, not yet reaped by init
        time.sleep(0.1)
    else:
        pytest.fail(f"the commit process {child} outlived the service")
