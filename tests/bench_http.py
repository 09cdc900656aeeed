"""What gzip and 304s save: bytes on the wire and time per request, in one run.

    python tests/bench_http.py [--triples 100000] [--runs 5]

A store of synthetic triples (IRIs under the id/ namespace, Dutch labels,
integers) behind the app in a TestClient; for /dump.nq, a 10,000-row SPARQL
JSON result and /api/municipalities it prints the identity and gzip sizes, and
the median time of a full GET against a revalidation answered 304. Not a test:
run it by hand and quote the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from fastapi.testclient import TestClient
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings

ID = "https://w3id.org/gemeentegraaf/id/"
GRAPH = ox.NamedNode("https://w3id.org/gemeentegraaf/graph/bench")
LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
COUNT = ox.NamedNode("https://w3id.org/gemeentegraaf/def#inwonertal")


def make_store(path: Path, triples: int) -> Path:
    store = ox.Store(str(path))
    quads = []
    for i in range(triples // 2):
        subject = ox.NamedNode(f"{ID}bench/item-{i:07d}")
        quads.append(ox.Quad(subject, LABEL, ox.Literal(f"Voorbeeld {i}", language="nl"), GRAPH))
        quads.append(ox.Quad(subject, COUNT, ox.Literal(str(i * 7)), GRAPH))
    store.extend(quads)
    store.flush()
    del store
    return path


def median_seconds(client: TestClient, path: str, headers: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path, headers=headers)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    select = f"SELECT ?s ?label WHERE {{ ?s <{LABEL.value}> ?label }} LIMIT 10000"
    paths = ["/dump.nq", "/sparql?query=" + quote(select), "/api/municipalities"]
    with tempfile.TemporaryDirectory() as folder:
        store = make_store(Path(folder) / "store", args.triples)
        with TestClient(create_app(Settings(store_path=store))) as client:
            print(f"{args.triples} triples, median of {args.runs} runs")
            for path in paths:
                name = path.split("?")[0]
                plain = client.get(path, headers={"accept-encoding": "identity"})
                with client.stream("GET", path, headers={"accept-encoding": "gzip"}) as response:
                    packed = sum(len(chunk) for chunk in response.iter_raw())
                full = median_seconds(client, path, {"accept-encoding": "identity"}, args.runs)
                revalidate = {"if-none-match": plain.headers["etag"]}
                cached = median_seconds(client, path, revalidate, args.runs)
                print(
                    f"{name:22} {len(plain.content):>11,} B -> gzip {packed:>10,} B "
                    f"(x{len(plain.content) / max(packed, 1):.1f} smaller); "
                    f"200 {full * 1000:8.1f} ms, 304 {cached * 1000:6.2f} ms "
                    f"(x{full / cached:.0f} faster)"
                )


if __name__ == "__main__":
    main()
