"""The four targets of tests/bench_compare.py, and how an answer is counted.

- pyoxigraph in memory, in this process: the query and serialising its result
  to the format the HTTP targets send (the limit of what an endpoint can do).
- the project's /sparql: `gemeentegraaf serve` (uvicorn) on a built store;
- Oxigraph server: `oxigraph serve-read-only --union-default-graph` on a
  store loaded from the same dump;
- rdflib-endpoint: `rdflib-endpoint serve` on the same dump (an rdflib
  Dataset with the union default graph).

Every server listens on a free 127.0.0.1 port, runs in its own process group
(the project's query workers are its children) and is stopped by `stop()`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from tests.bench_compare_queries import BenchQuery
from tests.bench_keepalive import Answer, KeepAlive
from tests.store_servers import free_port, oxigraph_command

START_TIMEOUT = 300.0  # rdflib parses the whole dump before it answers

PROJECT = "project /sparql"
MEMORY = "pyoxigraph in memory"
OXIGRAPH = "Oxigraph server"
RDFLIB = "rdflib-endpoint"


class BenchError(Exception):
    """Something the benchmark cannot go on without; main() prints it as one line."""


# ---------------------------------------------------------------- counting


def count_answer(body: bytes, content_type: str, query: BenchQuery) -> int:
    """Rows of a SELECT, 1/0 for an ASK, distinct triples of a graph (duplicates and
    blank node labels differ between engines; the set of triples should not)."""
    media = content_type.split(";")[0].strip().lower()
    if query.form in ("SELECT", "ASK"):
        if media not in ("application/sparql-results+json", "application/json"):
            raise BenchError(f"{query.name}: a {query.form} answered as {media!r}")
        answer = json.loads(body)
        if query.form == "ASK":
            return int(bool(answer["boolean"]))
        return len(answer["results"]["bindings"])
    formats = {
        "text/turtle": ox.RdfFormat.TURTLE,
        "application/n-triples": ox.RdfFormat.N_TRIPLES,
        # rdflib-endpoint answers DESCRIBE as RDF/XML under a SPARQL results type.
        "application/rdf+xml": ox.RdfFormat.RDF_XML,
        "application/sparql-results+xml": ox.RdfFormat.RDF_XML,
    }
    if media not in formats:
        raise BenchError(f"{query.name}: a {query.form} answered as {media!r}")
    triples = ox.parse(body, format=formats[media])
    return len({(str(t.subject), str(t.predicate), str(t.object)) for t in triples})


# ---------------------------------------------------------------- pyoxigraph in memory


def memory_store(dump: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    return store


def run_in_memory(store: ox.Store, query: BenchQuery, text: str | None = None) -> tuple[bytes, str]:
    """Evaluate and serialise as the endpoints do; returns (body, content type)."""
    result = store.query(text or query.text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.TURTLE), "text/turtle"
    return result.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json"


# ---------------------------------------------------------------- servers


@dataclass
class Server:
    name: str
    query_url: str
    process: subprocess.Popen
    log: Path
    base_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        """Stop the server and everything it started (its process group)."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        # Children (query workers) that outlived their parent are in the same group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def _launch(
    name: str, command: list[str], log: Path, env: dict[str, str] | None = None
) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        command,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        start_new_session=True,  # its own process group, stopped as one
    )


def _wait_ready(server: Server, ready: Callable[[httpx.Response], bool]) -> Server:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text(errors="replace")[-2000:]
            raise BenchError(f"{server.name} exited while starting; its log ends:\n{tail}")
        with contextlib.suppress(httpx.HTTPError):
            response = httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=5)
            if ready(response):
                return server
        time.sleep(0.25)
    server.stop()
    raise BenchError(f"{server.name} did not answer within {START_TIMEOUT:g} s (log: {server.log})")


def _ok(response: httpx.Response) -> bool:
    return response.status_code == 200


def command_beside_python(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def gemeentegraaf_command() -> list[str]:
    found = command_beside_python("gemeentegraaf")
    if found is None:
        raise BenchError("no `gemeentegraaf` command: pip install -e '.[bench]' first")
    return [found]


def start_project(store: Path, scratch: Path, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    command = [
        *gemeentegraaf_command(), "serve", "--store", str(store),
        "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    log = scratch / "project.log"
    base = f"http://127.0.0.1:{port}"
    server = Server(PROJECT, f"{base}/sparql", _launch(PROJECT, command, log, env), log, base)
    return _wait_ready(server, _ok)


def start_oxigraph(dump: Path, scratch: Path) -> Server:
    command = oxigraph_command()
    if command is None:
        raise BenchError("no `oxigraph` command: pip install -e '.[bench]' first")
    location = scratch / "oxigraph-data"
    loaded = subprocess.run(
        [command, "load", "--location", str(location), "--file", str(dump)],
        capture_output=True,
        text=True,
        check=False,
    )
    if loaded.returncode != 0:
        raise BenchError(f"oxigraph load failed: {loaded.stderr.strip()[-500:]}")
    port = free_port()
    serve = [
        command, "serve-read-only", "--location", str(location),
        "--bind", f"127.0.0.1:{port}", "--union-default-graph",
    ]  # fmt: skip
    log = scratch / "oxigraph.log"
    base = f"http://127.0.0.1:{port}"
    server = Server(OXIGRAPH, f"{base}/query", _launch(OXIGRAPH, serve, log), log, base)
    return _wait_ready(server, _ok)


def start_rdflib_endpoint(dump: Path, scratch: Path) -> Server:
    command = command_beside_python("rdflib-endpoint")
    if command is None:
        raise BenchError("no `rdflib-endpoint` command: pip install -e '.[bench]' first")
    port = free_port()
    serve = [command, "serve", str(dump), "--host", "127.0.0.1", "--port", str(port)]
    log = scratch / "rdflib-endpoint.log"
    base = f"http://127.0.0.1:{port}"
    server = Server(RDFLIB, f"{base}/", _launch(RDFLIB, serve, log), log, base)
    return _wait_ready(server, _ok)


def post_query(client: KeepAlive, url: str, text: str, accept: str) -> Answer:
    """SPARQL 1.1 Protocol, query via POST directly: every target takes it."""
    return client.post(
        url,
        text.encode(),
        {
            "content-type": "application/sparql-query",
            "accept": accept,
            # Like for like with the in-memory serialisation: no compression.
            "accept-encoding": "identity",
        },
    )
