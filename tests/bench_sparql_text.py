"""Time and peak memory of the SPARQL text screens at 10 KB, 100 KB and 1 MB.

    python tests/bench_sparql_text.py [--baseline PATH/TO/old/sparql_text.py] [--repeat N]

For each shape of text (one long string literal, many small tokens, a long
prefixed name, a long IRI, a realistic query repeated, a chain of `!` that the
limits refuse early) it prints the best time of N runs of inspect_query and the
peak memory tracemalloc saw, per size, and the ratios 100 KB/10 KB and
1 MB/100 KB: about 10 means linear. With --baseline, the same for another copy
of the module (the main checkout's, say), in the same run, so the ratio
between the two is comparable on a busy machine.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import sys
import time
import tracemalloc
from collections.abc import Callable
from types import ModuleType

from gemeentegraaf.store import sparql_text

SIZES = (10_000, 100_000, 1_000_000)

REALISTIC = (
    "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> "
    "SELECT ?m ?label WHERE { ?m a gg:Gemeente ; gg:naam ?label . "
    'FILTER(CONTAINS(LCASE(?label), "zwolle") || ?m = <https://w3id.org/x>) } '
)


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


SHAPES: dict[str, Callable[[int], str]] = {
    "string literal": lambda n: _fill("a", n, 'ASK { FILTER("', '" != "") }'),
    "long string, escapes": lambda n: _fill("\\n", n, "ASK { FILTER('''", "''' != '') }"),
    "small tokens": lambda n: _fill("?a ", n, "SELECT ", " {}"),
    "prefixed name": lambda n: _fill("a", n, "PREFIX : <http://x/> ASK { :", " ?p ?o }"),
    "IRI": lambda n: _fill("a", n, "ASK { <http://x/", "> ?p ?o }"),
    "realistic, repeated": lambda n: _fill(REALISTIC, n),
    "!!! (refused early)": lambda n: _fill("!", n, "ASK { FILTER(", "true) }"),
}


def _load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("baseline_sparql_text", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def measure(module: ModuleType, text: str, repeat: int) -> tuple[float, int]:
    """Best time over `repeat` runs, and the peak traced memory of one run (bytes)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        module.inspect_query(text)
        best = min(best, time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    module.inspect_query(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak


def report(name: str, module: ModuleType, repeat: int) -> None:
    print(f"\n{name}")
    print(f"{'shape':24} {'size':>9} {'time ms':>9} {'peak KiB':>10} {'t ratio':>8} {'m ratio':>8}")
    for shape, make in SHAPES.items():
        previous: tuple[float, int] | None = None
        for size in SIZES:
            text = make(size)
            seconds, peak = measure(module, text, repeat)
            ratios = ""
            if previous is not None:
                ratios = f"{seconds / previous[0]:8.1f} {peak / max(1, previous[1]):8.1f}"
            print(f"{shape:24} {len(text):>9} {seconds * 1000:9.2f} {peak / 1024:10.0f} {ratios}")
            previous = (seconds, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="another sparql_text.py to measure in the same run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report("gemeentegraaf.store.sparql_text", sparql_text, args.repeat)
    if args.baseline:
        report(args.baseline, _load(args.baseline), args.repeat)


if __name__ == "__main__":
    main()
