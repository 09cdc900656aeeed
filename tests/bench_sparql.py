"""Median latency of typical queries: through the HTTP endpoint vs directly on the store.

    python tests/bench_sparql.py [--store PATH] [--runs 50]

Without --store, a store is made from the build's graphs (validation skipped,
so that a half-finished extraction does not stop the benchmark). The direct
numbers are pyoxigraph evaluating the query and reading every row; the HTTP
numbers are a keep-alive httpx client against uvicorn on 127.0.0.1: parsing the
request, the checks, a worker process, serialising the result, the transfer.
Not a test: run it by hand and quote the numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gemeentegraaf.common.namespaces import SPARQL_PREFIXES  # noqa: E402
from gemeentegraaf.store.oxigraph import OxigraphStore, open_store  # noqa: E402

QUERIES: dict[str, tuple[str, str]] = {
    # name: (query, Accept)
    "municipalities+labels (SELECT ~600 rows)": (
        SPARQL_PREFIXES
        + "SELECT ?g ?label WHERE { ?g a tooiont:Gemeente ; skos:prefLabel ?label } ORDER BY ?label",
        "application/sparql-results+json",
    ),
    "G40 members + province (join)": (
        SPARQL_PREFIXES
        + """SELECT ?naam ?provincie WHERE {
  ?m a org:Membership ; org:organization <https://w3id.org/gemeentegraaf/id/netwerk/g40> ;
     org:member ?g .
  ?g skos:prefLabel ?naam ; tooiont:ligtInProvincie/skos:prefLabel ?provincie .
} ORDER BY ?naam""",
        "application/sparql-results+json",
    ),
    "instances per class (aggregate)": (
        "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)",
        "application/sparql-results+json",
    ),
    "DESCRIBE Amsterdam (Turtle)": (
        "DESCRIBE <https://w3id.org/gemeentegraaf/id/gemeente/gm0363>",
        "text/turtle",
    ),
    "ASK": (
        "ASK { <https://w3id.org/gemeentegraaf/id/gemeente/gm0363> ?p ?o }",
        "application/sparql-results+json",
    ),
}


FLOOR = "(HTTP floor: GET of a 404 page)"


def make_store(target: Path) -> Path:
    """The build's graphs in a fresh store, without the validation step."""
    from gemeentegraaf.pipeline.build import BuildResult, default_steps

    store = OxigraphStore(target)
    graphs: dict = {}
    result = BuildResult(store=target)
    for name, step in default_steps():
        try:
            for uri, g in step(result):
                graphs[uri] = graphs[uri] + g if uri in graphs else g
        except Exception as exc:  # a step still under construction: bench without it
            print(f"(skipped build step {name}: {type(exc).__name__}: {exc})", file=sys.stderr)
    for uri, g in graphs.items():
        store.load_graph(uri, g)
    store.close()
    return target


def timed(calls: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Seconds per call, the calls taken in turn (so that a busy moment hits all alike)."""
    for call in calls.values():
        for _ in range(3):
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            samples[name].append(time.perf_counter() - start)
    return samples


def direct(store: OxigraphStore, query: str) -> Callable[[], object]:
    def run() -> object:
        result = store.query(query)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return list(result)

    return run


def over_http(client: httpx.Client, url: str, query: str, accept: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url, params={"query": query}, headers={"accept": accept})
        response.raise_for_status()
        return response.content

    return run


def start_server(store: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "GEMEENTEGRAAF_STORE": str(store), "PYTHONPATH": str(REPO)}
    command = [
        sys.executable, "-m", "uvicorn", "gemeentegraaf.service.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO, env=env)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, params={"query": "ASK {}"}).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store (default: make one)")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-sparql-"))
    try:
        path = args.store or make_store(scratch / "store")
        store = open_store(path)
        triples = store.triple_count()
        direct_ms = timed({name: direct(store, q) for name, (q, _) in QUERIES.items()}, args.runs)
        store.close()
        del store

        server = start_server(path, args.port)
        try:
            url = f"http://127.0.0.1:{args.port}/sparql"
            with httpx.Client(timeout=60) as client:
                calls = {
                    name: over_http(client, url, q, accept) for name, (q, accept) in QUERIES.items()
                }
                # The HTTP floor: a request that touches no query code (a 404).
                floor_url = f"http://127.0.0.1:{args.port}/bench-no-such-page"
                calls[FLOOR] = lambda: client.get(floor_url)
                http_ms = timed(calls, args.runs)
        finally:
            server.terminate()
            server.wait(20)

        print(f"store: {path} ({triples} quads), {args.runs} runs each, median (p90) in ms\n")
        print(f"{'query':45} {'direct':>16} {'HTTP':>16} {'overhead':>9}")
        floor = statistics.median(http_ms[FLOOR]) * 1000
        print(f"{FLOOR:45} {'':>16} {floor:7.2f}")
        for name in QUERIES:
            d, h = direct_ms[name], http_ms[name]
            dm, hm = statistics.median(d) * 1000, statistics.median(h) * 1000
            dp = statistics.quantiles(d, n=10)[-1] * 1000
            hp = statistics.quantiles(h, n=10)[-1] * 1000
            print(f"{name:45} {dm:7.2f} ({dp:6.2f}) {hm:7.2f} ({hp:6.2f}) {hm - dm:+8.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
