"""Memory of in-memory reads at 1x, 10x and 100x the data: the service process and one worker.

    python tests/bench_memory.py --store STORE [--factors 1 10 100] [--keep DIR]

For each factor N it writes a store of N copies of STORE's quads (copy k > 0
under renamed IRIs and graphs, its string literals marked with the copy
number so that nothing is shared between copies), then in fresh processes
measures what the service does with it: the main process opens the durable
store and loads its read view (gemeentegraaf.store.read_view.ReadViews), a
query worker loads the view's dump into its own store
(query_worker._open). It prints quads, dump size, load time and the peak and
settled resident memory (VmHWM / VmRSS) of each. Not a test: run it by hand,
give it a machine with room for the largest factor, and quote the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

BASE = "https://w3id.org/gemeentegraaf/"
STRINGS = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}


def _renamed(term: object, k: int) -> object:
    if isinstance(term, ox.NamedNode) and term.value.startswith(BASE):
        return ox.NamedNode(f"{BASE}copy{k}/{term.value[len(BASE) :]}")
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"c{k}x{term.value}")
    if isinstance(term, ox.Literal) and term.datatype.value in STRINGS:
        if term.language:
            return ox.Literal(f"{term.value} [{k}]", language=term.language)
        return ox.Literal(f"{term.value} [{k}]")
    return term


def _copy(quad: ox.Quad, k: int) -> ox.Quad:
    graph = quad.graph_name
    return ox.Quad(
        _renamed(quad.subject, k),  # type: ignore[arg-type]
        quad.predicate,  # the vocabulary is shared by every copy, as it would be
        _renamed(quad.object, k),  # type: ignore[arg-type]
        _renamed(graph, k) if isinstance(graph, ox.NamedNode) else graph,  # type: ignore[arg-type]
    )


def make_store(source: Path, target: Path, factor: int) -> int:
    """N copies of `source` in a new on-disk store at `target`; returns the quad count."""
    original = ox.Store.read_only(str(source))
    quads = list(original)
    del original
    store = ox.Store(str(target))
    store.bulk_extend(quads)
    for k in range(1, factor):
        store.bulk_extend(_copy(q, k) for q in quads)
    store.flush()
    count = len(store)
    del store
    return count


def _memory() -> dict[str, int]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0]) // 1024  # MiB
    return fields


def child_main(store: Path) -> None:
    """The service's main process: open the durable store, load the read view."""
    from gemeentegraaf.store.oxigraph import open_store
    from gemeentegraaf.store.read_view import ReadViews

    before = _memory()
    started = time.perf_counter()
    durable = open_store(store, read_only=True)
    views = ReadViews(durable, scratch_parent=store.parent)
    seconds = time.perf_counter() - started
    view = views.current()
    assert view.dump is not None
    kept = store.parent / "bench.nq"
    shutil.copyfile(view.dump, kept)  # for the worker measurement
    result = {
        "seconds": seconds,
        "dump_mb": view.dump.stat().st_size // (1024 * 1024),
        "start": before,
        **_memory(),
    }
    views.close()
    durable.close()
    print(json.dumps(result))


def child_worker(dump: Path) -> None:
    """A query worker: load one version's dump, answer a query."""
    from gemeentegraaf.service.sparql.query_worker import Snapshot, _open

    before = _memory()
    started = time.perf_counter()
    store = _open(Snapshot(str(dump), "nquads"), writable=False)
    seconds = time.perf_counter() - started
    list(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    print(json.dumps({"seconds": seconds, "start": before, **_memory()}))


def measure(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (1x)")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, help="write the stores here (default: a temp dir)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path = args.child
        (child_main if kind == "main" else child_worker)(Path(path))
        return
    if args.store is None:
        parser.error("--store is required")
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-memory-"))
    print(
        f"{'factor':>6} {'quads':>10} {'dump MB':>8} | {'main load s':>11} {'main peak MB':>12} {'main RSS MB':>11} | {'worker load s':>13} {'worker peak MB':>14} {'worker RSS MB':>13}"
    )
    try:
        for factor in args.factors:
            folder = root / f"x{factor}"
            folder.mkdir(parents=True, exist_ok=True)
            store = folder / "store"
            quads = make_store(args.store, store, factor)
            main_process = measure("main", store)
            dump = folder / "bench.nq"
            worker = measure("worker", dump)
            print(
                f"{factor:>6} {quads:>10} {main_process['dump_mb']:>8} | "
                f"{main_process['seconds']:>11.1f} {main_process['VmHWM']:>12} {main_process['VmRSS']:>11} | "
                f"{worker['seconds']:>13.1f} {worker['VmHWM']:>14} {worker['VmRSS']:>13}",
                flush=True,
            )
            if args.keep is None:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
