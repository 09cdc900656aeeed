"""Time to write a SELECT result: service/results.py now against the same file at a git revision.

    python tests/bench_results.py [--against REV] [--rows 100000] [--runs 5]

Both versions get the same rows (read once from an in-memory store: IRIs,
language-tagged and typed literals) and write them in each results format at
the row cap; the numbers are the median of --runs, and the ratio is old / new
in this one run. REV defaults to the commit before results.py used pyoxigraph's
serialisers. Not a test: run it by hand and quote the numbers.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]

from gemeentegraaf.service import results  # noqa: E402
from gemeentegraaf.service.negotiation import TABULAR  # noqa: E402

EX = "http://example.org/"


def _load_at(revision: str, folder: Path) -> ModuleType:
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{revision}:service/results.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = folder / "results_then.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("results_then", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(count: int) -> tuple[list[str], list[list]]:
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(
            ox.NamedNode(f"{EX}m{i}"),
            ox.NamedNode(EX + "label"),
            ox.Literal(f"gemeente {i}", language="nl"),
            ox.NamedNode(EX + "g"),
        )
        for i in range(count)
    )
    query = (
        f"SELECT ?s ?label (STRLEN(?label) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{EX}label> ?label }} }}"
    )
    answer = store.query(query)
    variables = [v.value for v in answer.variables]
    return variables, list(results.solution_rows(answer, len(variables)))


def _median_seconds(write, runs: int) -> float:  # noqa: ANN001 - a no-argument callable
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        write()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="a2f5bb5", help="git revision of the old file")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        then = _load_at(args.against, Path(folder))
    variables, rows = _rows(args.rows)
    print(f"{len(rows)} rows, {len(variables)} variables, median of {args.runs} runs")
    print(f"{'format':8} {args.against:>12} {'now':>10} {'old/now':>8}")
    for fmt in TABULAR:
        old = _median_seconds(
            lambda fmt=fmt: then.solutions(variables, rows, fmt, truncated=False, cap=len(rows)),
            args.runs,
        )
        new = _median_seconds(
            lambda fmt=fmt: results.solutions(variables, rows, fmt, truncated=False, cap=len(rows)),
            args.runs,
        )
        print(f"{fmt.key:8} {old:>11.3f}s {new:>9.3f}s {old / new:>8.2f}")


if __name__ == "__main__":
    sys.exit(main())
