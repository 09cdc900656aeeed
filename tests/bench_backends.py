"""Median query latency on each store backend, through the store interface, in one run.

    python tests/bench_backends.py [--store PATH] [--runs 30]

The same data (the full build, or --store) is loaded into the embedded store,
a private Oxigraph server and a private Virtuoso (tests/store_servers.py; a
backend that is not installed is left out and said so). Each query of a fixed
mix runs `--runs` times per backend through GraphStore.query, every row read
and parsed into terms: for the servers that includes HTTP on 127.0.0.1 and
parsing the answer, which is what the CLI, the analyses and the pages pay.
Prints per-query medians (ms) and the ratio to the embedded store.
Not a test: run it by hand and quote the numbers.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gemeentegraaf.common.namespaces import SPARQL_PREFIXES  # noqa: E402
from gemeentegraaf.pipeline.build import build  # noqa: E402
from gemeentegraaf.store.base import GraphStore  # noqa: E402
from gemeentegraaf.store.oxigraph import open_store  # noqa: E402
from gemeentegraaf.store.remote import RemoteStore  # noqa: E402

from tests import store_servers  # noqa: E402

AMSTERDAM = "<https://w3id.org/gemeentegraaf/id/gemeente/gm0363>"
G40 = "<https://w3id.org/gemeentegraaf/id/netwerk/g40>"

QUERIES: dict[str, str] = {
    "lookup (one municipality's labels)": SPARQL_PREFIXES
    + f"SELECT ?p ?o WHERE {{ {AMSTERDAM} ?p ?o }}",
    "aggregate (instances per class)": (
        "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
    ),
    "text filter (quotes with 'woning')": SPARQL_PREFIXES
    + 'SELECT ?s ?q WHERE { ?s oa:exact ?q FILTER(CONTAINS(LCASE(STR(?q)), "woning")) }',
    "join (G40 members + province)": SPARQL_PREFIXES
    + f"""SELECT ?naam ?provincie WHERE {{
  ?m a org:Membership ; org:organization {G40} ; org:member ?g .
  ?g skos:prefLabel ?naam ; tooiont:ligtInProvincie ?p . ?p skos:prefLabel ?provincie .
}} ORDER BY ?naam""",
    # Virtuoso evaluates a transitive path only from a bound end.
    "path (G40 members' province labels)": SPARQL_PREFIXES
    + f"""SELECT ?prov WHERE {{
  ?ms org:organization {G40} ; org:member/tooiont:ligtInProvincie/skos:prefLabel ?prov .
}}""",
    "CONSTRUCT (municipality labels)": SPARQL_PREFIXES
    + "CONSTRUCT { ?g skos:prefLabel ?l } WHERE { ?g a tooiont:Gemeente ; skos:prefLabel ?l }",
    "DESCRIBE Amsterdam": f"DESCRIBE {AMSTERDAM}",
}


# Not a query of the mix: what every analyses request pays to see whether the
# store changed (GraphStore.data_version).
DATA_VERSION = "data_version() (analyses cache check)"


def timed(store: GraphStore, query: str, runs: int) -> tuple[float, int]:
    """Median seconds, and the size of the answer (rows or triples)."""

    def run() -> int:
        if query == DATA_VERSION:
            store.data_version()
            return 1
        result = store.query(query)
        return len(result) if hasattr(result, "__len__") else 1

    times = []
    size = run()  # warm up: caches, connection
    for _ in range(runs):
        start = time.perf_counter()
        size = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing built store (default: build one)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-backends-"))
    servers: list[store_servers.Server] = []
    try:
        path = args.store
        if path is None:
            print("building the store …", file=sys.stderr)
            path = scratch / "store"
            build(path)
        embedded = open_store(path, read_only=True)
        dump = embedded.dump("nq")
        stores: dict[str, GraphStore] = {"embedded": embedded}
        for kind in (store_servers.OXIGRAPH, store_servers.VIRTUOSO):
            reason = store_servers.missing(kind)
            if reason:
                print(f"{kind}: left out ({reason})", file=sys.stderr)
                continue
            server = store_servers.start(kind, scratch / kind)
            servers.append(server)
            remote = RemoteStore(server.url)
            started = time.perf_counter()
            remote.load(dump, "nq")
            print(f"{kind}: loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            stores[kind] = remote

        table: dict[str, dict[str, tuple[float, int]]] = {}
        for name, query in [*QUERIES.items(), (DATA_VERSION, DATA_VERSION)]:
            table[name] = {kind: timed(store, query, args.runs) for kind, store in stores.items()}

        quads = embedded.triple_count()
        print(f"data: {path} ({quads} quads); {args.runs} runs per query; median ms (ratio)\n")
        kinds = list(stores)
        print(f"{'query':38} {'rows':>6} " + " ".join(f"{k:>18}" for k in kinds))
        for name, row in table.items():
            base = row["embedded"][0]
            cells = [
                f"{row[k][0] * 1000:9.2f} ({row[k][0] / base:5.1f}x)" if k != "embedded"
                else f"{base * 1000:9.2f}         "
                for k in kinds
            ]  # fmt: skip
            sizes = {row[k][1] for k in kinds}
            size = str(row["embedded"][1]) + ("" if len(sizes) == 1 else "*")
            print(f"{name:38} {size:>6} " + " ".join(f"{c:>18}" for c in cells))
        if any(len({row[k][1] for k in kinds}) > 1 for row in table.values()):
            print("\n* the backends' answers differ in size (see the store contract's notes)")
        for store in stores.values():
            store.close()
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
