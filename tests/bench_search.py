"""Benchmark (not a test): where the time of a search goes, on a built store.

    python tests/bench_search.py --store PATH [--repeat 20]

Times (best of `--repeat`, one run) building the index from the store, the staleness
check every search makes (looking up the store's build id), a search on the warm index
alone, and `search()` as the API calls it (check + warm index); the last column is each
time as a ratio of the warm search of the same query.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from gemeentegraaf.queries import search
from gemeentegraaf.store.oxigraph import open_store

QUERIES = ["amsterdm", "Amsterdam", "aardgas", "wantrouwen in de overheid", "schulden", "de"]


def best(repeat: int, call) -> float:  # noqa: ANN001 - a callable
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    store = open_store(args.store, read_only=True)
    build = best(max(3, args.repeat // 5), lambda: search.build_index(store))
    check = best(args.repeat, lambda: search._version(store))
    index = search.index_for(store)
    print(f"index: {len(index.entries)} entries, {len(index.vocabulary)} distinct tokens")
    print(f"build_index            {build * 1000:8.1f} ms")
    print(f"staleness check        {check * 1000:8.1f} ms")
    print(f"{'query':28} {'warm ms':>8} {'search() ms':>12} {'ratio':>7}")
    for q in QUERIES:
        warm = best(args.repeat, lambda q=q: index.search(q, None, 20))
        full = best(args.repeat, lambda q=q: search.search(store, q))
        print(f"{q:28} {warm * 1000:8.2f} {full * 1000:12.2f} {full / warm:7.1f}")
    store.close()


if __name__ == "__main__":
    main()
