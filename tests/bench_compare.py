"""The project's /sparql against pyoxigraph in memory, Oxigraph server and rdflib-endpoint,
then a load run and an isolation run (issue 10), in one go on one dump.

    pip install -e ".[bench]"
    python tests/bench_compare.py [--store PATH] [--quick] [--json FILE]

1. Per query (tests/bench_compare_queries.py: lookups, aggregates, text
   filters, joins, property paths, CONSTRUCT, DESCRIBE): a warm-up, then
   --runs rounds in which each target answers in turn, so that a busy moment
   on the machine hits all alike. Every request carries a distinct trailing
   comment, so no result or plan cache answers in place of the engine. Over
   HTTP: a keep-alive client, POST application/sparql-query, no compression,
   the whole body read. In memory: the query and serialising its result to the
   same format. Prints per-query medians, the number of results per target
   (a mismatch is a bug somewhere: the report says which) and the median of
   the per-query ratios.
2. Load: --clients clients for --seconds on a mix of SPARQL, HTML pages,
   JSON API and Turtle (tests/bench_compare_load.py).
3. Isolation: 0, 1, 2, 4, 8 heavy queries while a client polls `ASK {}` and
   a lookup.

Without --store the store is built from the bundled data (`gemeentegraaf
build`); the dump for the other targets is `gemeentegraaf export` of it.
Every server runs on a free 127.0.0.1 port and is stopped at the end, also on
an error or Ctrl-C. Not a test: timings are noisy on a shared machine, so
compare ratios from one run, and repeat.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402

from tests.bench_compare_load import (  # noqa: E402
    Samples,
    isolation_run,
    load_run,
    print_load,
)
from tests.bench_compare_queries import QUERIES, BenchQuery  # noqa: E402
from tests.bench_compare_targets import (  # noqa: E402
    MEMORY,
    OXIGRAPH,
    PROJECT,
    RDFLIB,
    BenchError,
    Server,
    count_answer,
    gemeentegraaf_command,
    memory_store,
    post_query,
    run_in_memory,
    start_oxigraph,
    start_project,
    start_rdflib_endpoint,
)
from tests.bench_keepalive import KeepAlive  # noqa: E402

# The targets of issue 10, checked and printed (never asserted).
WITHIN_FACTOR, WITHIN_MS = 1.5, 3.0
RDFLIB_FACTOR = 30.0


@dataclass
class Measured:
    times: list[float] = field(default_factory=list)
    count: int | None = None
    error: str | None = None
    from_warm_up: bool = False

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None


Call = Callable[[str], tuple[bytes, str]]  # query text -> (body, content type)


def http_call(client: KeepAlive, url: str, query: BenchQuery) -> Call:
    def call(text: str) -> tuple[bytes, str]:
        answer = post_query(client, url, text, query.accept)
        if answer.status != 200:
            raise BenchError(f"HTTP {answer.status}: {answer.text[:160].strip()}")
        return answer.body, answer.headers.get("content-type", "")

    return call


def memory_call(store: ox.Store, query: BenchQuery) -> Call:
    return lambda text: run_in_memory(store, query, text)


def measure(
    query: BenchQuery, calls: dict[str, Call], runs: int, budget: float
) -> dict[str, Measured]:
    """Warm-up (which also gives the count), then rounds over the targets in turn.
    A target stops repeating once it has spent `budget` seconds on this query
    (rdflib on a join), after at least one timed run."""
    out = {name: Measured() for name in calls}
    for name, call in calls.items():
        try:
            start = time.perf_counter()
            body, content_type = call(query.text + "\n# warm-up")
            elapsed = time.perf_counter() - start
            out[name].count = count_answer(body, content_type, query)
        except (BenchError, OSError, ValueError, SyntaxError) as exc:
            out[name].error = f"{type(exc).__name__}: {exc}"[:200]
            continue
        if elapsed > budget:
            # Slower than the whole budget (rdflib on a join): the warm-up is the one
            # sample; there is no cache to warm, as every request's text differs.
            out[name].times.append(elapsed)
            out[name].from_warm_up = True
    for run in range(runs):
        for name, call in calls.items():
            m = out[name]
            if m.error or (m.times and sum(m.times) > budget):
                continue
            start = time.perf_counter()
            try:
                call(f"{query.text}\n# run {run}")
            except (BenchError, OSError) as exc:
                m.error = f"{type(exc).__name__}: {exc}"[:200]
                continue
            m.times.append(time.perf_counter() - start)
    return out


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt_ms(value: float | None) -> str:
    return f"{value * 1000:9.2f}" if value is not None else f"{'-':>9}"


def fmt_x(value: float | None) -> str:
    return f"{value:6.2f}x" if value is not None else f"{'-':>7}"


def compare(
    store: ox.Store, servers: dict[str, Server], runs: int, budget: float, timeout: float
) -> dict[str, object]:
    targets = [MEMORY, *servers]
    results: dict[str, dict[str, Measured]] = {}
    with KeepAlive(timeout) as client:
        for query in QUERIES:
            calls: dict[str, Call] = {MEMORY: memory_call(store, query)}
            for name, server in servers.items():
                calls[name] = http_call(client, server.query_url, query)
            results[query.name] = measure(query, calls, runs, budget)
            medians = "  ".join(
                f"{t}: {fmt_ms(results[query.name][t].median).strip()}" for t in targets
            )
            print(f"  … {query.name}: {medians} ms", file=sys.stderr)

    short = {MEMORY: "memory", PROJECT: "/sparql", OXIGRAPH: "oxigraph", RDFLIB: "rdflib"}
    head = "".join(f"{short[t]:>10}" for t in targets)
    print(f"\n{'query':48} {'kind':9} {'results':>8} {head}   /sparql÷memory  target")
    mismatches, errors = [], []
    ratios: dict[str, list[float]] = {MEMORY: [], OXIGRAPH: [], RDFLIB: []}
    within = 0
    table = []
    for query in QUERIES:
        row = results[query.name]
        counts = {t: row[t].count for t in targets if row[t].count is not None}
        if len(set(counts.values())) > 1:
            mismatches.append((query.name, counts))
        for t in targets:
            if row[t].error:
                errors.append((query.name, t, row[t].error))
        project = row[PROJECT].median if PROJECT in row else None
        memory = row[MEMORY].median
        check = ""
        if project is not None and memory is not None:
            ok = project <= WITHIN_FACTOR * memory + WITHIN_MS / 1000
            within += ok
            check = "ok" if ok else "slow"
            ratios[MEMORY].append(project / memory)
        for other in (OXIGRAPH, RDFLIB):
            if other in row and (r := ratio(project, row[other].median)) is not None:
                ratios[other].append(r)
        count = str(row[MEMORY].count) + ("*" if len(set(counts.values())) > 1 else "")
        cells = "".join(
            f"{fmt_ms(row[t].median) + ('†' if row[t].from_warm_up else ''):>10}" for t in targets
        )
        print(
            f"{query.name[:48]:48} {query.kind:9} {count:>8} {cells}   {fmt_x(ratio(project, memory)):>14}  {check}"
        )
        table.append({
            "query": query.name, "kind": query.kind,
            "counts": {t: row[t].count for t in targets},
            "median_s": {t: row[t].median for t in targets},
            "runs": {t: len(row[t].times) for t in targets},
            "from_warm_up": [t for t in targets if row[t].from_warm_up],
        })  # fmt: skip
    print(
        f"\nmedian ms of {runs} runs after a warm-up (fewer when a target spent {budget:g} s "
        f"on a query; † the warm-up alone took longer, and is the one sample)"
    )
    summary: dict[str, object] = {"queries": table}
    if ratios[MEMORY]:
        m = statistics.median(ratios[MEMORY])
        print(
            f"/sparql vs pyoxigraph in memory: median ratio {m:.2f}x; "
            f"{within}/{len(ratios[MEMORY])} queries within {WITHIN_FACTOR}x + {WITHIN_MS:g} ms "
            f"(target: all)"
        )
        summary["ratio_vs_memory"] = m
        summary["within_target"] = [within, len(ratios[MEMORY])]
    if ratios[OXIGRAPH]:
        m = statistics.median(ratios[OXIGRAPH])
        verdict = "faster" if m < 1 else "slower"
        print(f"/sparql vs Oxigraph server: median ratio {m:.2f}x ({verdict}; target: faster)")
        summary["ratio_vs_oxigraph"] = m
    if ratios[RDFLIB]:
        m = statistics.median(ratios[RDFLIB])
        print(
            f"/sparql vs rdflib-endpoint: median ratio {m:.3f}x, i.e. {1 / m:.0f}x faster "
            f"(target: at least {RDFLIB_FACTOR:g}x)"
        )
        summary["ratio_vs_rdflib"] = m
        # What the same mix allows at all: the speed-up over rdflib-endpoint of the
        # Oxigraph server (HTTP, no Python) and of the engine with no HTTP in between.
        bounds = {}
        for name, label in ((OXIGRAPH, "Oxigraph server"), (MEMORY, "pyoxigraph in memory")):
            speedups = [
                rdflib / other
                for row in results.values()
                if name in row
                and (other := row[name].median)
                and (rdflib := row[RDFLIB].median) is not None
            ]
            if speedups:
                bounds[name] = statistics.median(speedups)
                print(f"  for reference, {label} vs rdflib-endpoint: {bounds[name]:.0f}x faster")
        summary["rdflib_speedup_of_others"] = bounds
        # The same comparison read two other ways, as "faster on the mix" may be meant:
        # the ratio of the two targets' median query times, and of their total time for
        # one pass over the mix (where the slow queries weigh most).
        paired = [
            (row[PROJECT].median, row[RDFLIB].median)
            for row in results.values()
            if PROJECT in row
            and RDFLIB in row
            and row[PROJECT].median is not None
            and row[RDFLIB].median is not None
        ]
        if paired:
            ours, theirs = zip(*paired, strict=True)
            of_medians = statistics.median(theirs) / statistics.median(ours)
            of_totals = sum(theirs) / sum(ours)
            print(
                f"  read otherwise: median query time {of_medians:.0f}x faster; total time "
                f"for one pass over the mix {of_totals:.0f}x faster"
            )
            summary["rdflib_speedup_of_medians"] = of_medians
            summary["rdflib_speedup_of_totals"] = of_totals
    if mismatches:
        print("\n* result counts differ (a bug in one of them, or a difference in semantics):")
        for name, counts in mismatches:
            print(f"  {name}: " + ", ".join(f"{t} {c}" for t, c in counts.items()))
    else:
        print("\nall targets returned the same number of results for every query")
    for name, target, error in errors:
        print(f"  failed: {name} on {target}: {error}")
    summary["mismatches"] = [{"query": n, "counts": c} for n, c in mismatches]
    summary["errors"] = [{"query": n, "target": t, "error": e} for n, t, e in errors]
    return summary


def prepare_store(args: argparse.Namespace, scratch: Path) -> tuple[Path, Path]:
    """The store the project serves and an N-Quads dump of it for the others."""
    store = args.store
    if store is None:
        store = scratch / "store"
        print("building the store from the bundled data …", file=sys.stderr)
        run([*gemeentegraaf_command(), "build", "--quiet", "--store", str(store)])
    elif not store.exists():
        raise BenchError(f"no store at {store}")
    dump = scratch / "dump.nq"
    run([*gemeentegraaf_command(), "export", "--store", str(store), "--format", "nq",
         "--output", str(dump)])  # fmt: skip
    return store, dump


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(command[:2])} failed: {done.stderr.strip()[-500:]}")


def versions() -> str:
    names = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "uvicorn", "httpx")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def commit() -> str:
    done = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return done.stdout.strip() or "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing built store (default: build one)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query and target")
    parser.add_argument("--budget", type=float, default=15.0,
                        help="seconds a target may spend repeating one query (default 15)")  # fmt: skip
    parser.add_argument("--clients", type=int, default=50, help="load run: concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="load run: duration")
    parser.add_argument("--levels", default="0,1,2,4,8",
                        help="isolation run: numbers of heavy queries (default 0,1,2,4,8)")  # fmt: skip
    parser.add_argument("--level-seconds", type=float, default=20.0,
                        help="isolation run: polling time per level")  # fmt: skip
    parser.add_argument("--parts", default="compare,load,isolation",
                        help="which parts to run (default all: compare,load,isolation)")  # fmt: skip
    parser.add_argument("--without", default="",
                        help="leave targets out of the comparison: oxigraph, rdflib")  # fmt: skip
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 3 runs, 10 s of load, levels 0,2,8 for 4 s each")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.budget, args.seconds = 3, 3.0, 10.0
        args.levels, args.level_seconds = "0,2,8", 4.0
    try:
        args.levels = [int(v) for v in args.levels.split(",") if v.strip()]
    except ValueError:
        parser.error(f"--levels: not a list of numbers: {args.levels!r}")
    args.parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    args.without = {p.strip() for p in args.without.split(",") if p.strip()}
    if unknown := args.parts - {"compare", "load", "isolation"}:
        parser.error(f"--parts: unknown {sorted(unknown)}")
    if unknown := args.without - {"oxigraph", "rdflib"}:
        parser.error(f"--without: unknown {sorted(unknown)}")
    if min(args.runs, args.clients) < 1 or args.seconds <= 0 or args.level_seconds <= 0:
        parser.error("--runs, --clients, --seconds and --level-seconds must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # A SIGTERM stops the run like Ctrl-C does: through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scratch = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    servers: dict[str, Server] = {}
    figures: dict[str, object] = {}
    try:
        store_path, dump = prepare_store(args, scratch)
        store = memory_store(dump)
        figures["quads"] = len(store)
        print(
            f"gemeentegraaf {commit()} on {platform.node()} ({os.cpu_count()} cores, "
            f"load average {os.getloadavg()[0]:.1f}), {time.strftime('%Y-%m-%d %H:%M %Z')}\n"
            f"data: {len(store)} quads ({store_path}); {versions()}"
        )
        servers[PROJECT] = start_project(store_path, scratch)
        if "compare" in args.parts:
            if "oxigraph" not in args.without:
                servers[OXIGRAPH] = start_oxigraph(dump, scratch)
            if "rdflib" not in args.without:
                print("starting rdflib-endpoint (it parses the whole dump) …", file=sys.stderr)
                servers[RDFLIB] = start_rdflib_endpoint(dump, scratch)
            print(f"\n1. Per query: {', '.join([MEMORY, *servers])}")
            figures["compare"] = compare(store, servers, args.runs, args.budget, timeout=600)
            # The others would only take memory from the load run.
            for name in (OXIGRAPH, RDFLIB):
                if name in servers:
                    servers.pop(name).stop()
        project = servers[PROJECT]
        if "load" in args.parts:
            print(f"\n2. Load: {args.clients} clients for {args.seconds:g} s on {project.base_url}")
            result = load_run(
                project.base_url, Samples.from_store(store), args.clients, args.seconds
            )
            figures["load"] = print_load(result, args.clients)
        if "isolation" in args.parts:
            print(
                f"\n3. Isolation: heavy queries running while a client polls (levels {args.levels})"
            )
            figures["isolation"] = isolation_run(project.query_url, args.levels, args.level_seconds)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1, default=str))
        return 0
    except BenchError as exc:
        print(f"bench_compare: {exc}", file=sys.stderr)
        return 1
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
