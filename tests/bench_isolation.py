"""Isolation: do cheap queries stay fast while heavy ones run? And the memory/bytes probes.

    python tests/bench_isolation.py [--store DIR] [--levels 0,1,2,4,8] [--seconds 15]
                                    [--query-timeout 10] [--python PYTHON] [--before PYTHON]

Starts the service (`gemeentegraaf serve`, uvicorn on 127.0.0.1) on a built
store (built into a temporary directory when --store is not given). For each
level N it runs N heavy clients, each from its own address (X-Forwarded-For,
which uvicorn honours from 127.0.0.1), sending heavy queries back to back
(cartesian products: a COUNT, an ORDER BY, a SELECT *) and honouring
Retry-After, while one client polls `ASK {}` and a cheap lookup in turn. It
prints per level the p50/p99/max latency of the cheap queries, their statuses
(any non-200 is a failure of isolation), what the heavy queries got (200,
429, 503, 507) and the largest resident memory of the service with all its
workers. Then the issue's probes, one at a time: ORDER BY over a cartesian
product (status, time, the largest worker) and SELECT * over a cartesian
product (status, body size, truncation headers).

--python runs the server with another interpreter (another checkout's venv).
--before PYTHON runs every level first on a server of PYTHON (the checkout to
compare with, e.g. main's venv), then on --python's, and ends with a table of
both: a before/after comparison on the same machine and store in one go. Not a test: the
figures depend on the machine; compare them within one run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ASK = "ASK {}"
LOOKUP = (
    "SELECT ?label WHERE { <https://w3id.org/gemeentegraaf/id/gemeente/gm0363> "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
)
HEAVY = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    "order": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
    "select": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of `pid` and all its descendants, and of the largest one."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = largest = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            rss = int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        total += rss
        largest = max(largest, rss)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total, largest


class MemoryWatch:
    """Samples the service's memory every 50 ms in a thread; `peak()` since the last reset."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._peak = (0, 0)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            total, largest = tree_rss(self.pid)
            with self._lock:
                self._peak = (max(self._peak[0], total), max(self._peak[1], largest))

    def reset(self) -> None:
        with self._lock:
            self._peak = (0, 0)

    def peak(self) -> tuple[int, int]:
        with self._lock:
            return self._peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    cheap_statuses: Counter = field(default_factory=Counter)
    heavy_statuses: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def poll_cheap(base: str, stop: threading.Event, tally: Tally) -> None:
    with httpx.Client(base_url=base, timeout=120, headers={"X-Forwarded-For": "10.9.9.9"}) as http:
        while not stop.is_set():
            for name, query in (("ASK", ASK), ("lookup", LOOKUP)):
                start = time.perf_counter()
                response = http.get("/sparql", params={"query": query})
                elapsed = time.perf_counter() - start
                with tally.lock:
                    tally.latencies.setdefault(name, []).append(elapsed)
                    tally.cheap_statuses[(name, response.status_code)] += 1
            time.sleep(0.01)


def heavy_client(base: str, address: str, stop: threading.Event, tally: Tally, kind: int) -> None:
    names = list(HEAVY)
    with httpx.Client(
        base_url=base,
        timeout=300,
        headers={"X-Forwarded-For": address, "Accept-Encoding": "identity"},
    ) as http:
        turn = kind
        while not stop.is_set():
            name = names[turn % len(names)]
            turn += 1
            response = http.get("/sparql", params={"query": HEAVY[name]})
            with tally.lock:
                tally.heavy_statuses[(name, response.status_code)] += 1
            retry = response.headers.get("retry-after")
            if retry is not None:  # a well-behaved client waits as told (until the level ends)
                stop.wait(float(retry))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_level(base: str, heavy: int, seconds: float, watch: MemoryWatch) -> dict[str, str]:
    tally = Tally()
    stop_heavy, stop_cheap = threading.Event(), threading.Event()
    heavies = [
        threading.Thread(target=heavy_client, args=(base, f"10.0.1.{i + 1}", stop_heavy, tally, i))
        for i in range(heavy)
    ]
    poller = threading.Thread(target=poll_cheap, args=(base, stop_cheap, tally))
    watch.reset()
    for thread in heavies:
        thread.start()
    time.sleep(0.2)  # the heavy queries first: the cheap ones arrive while they run
    poller.start()
    time.sleep(seconds)
    stop_heavy.set()
    stop_cheap.set()
    poller.join()
    for thread in heavies:  # their last queries end at the latest at the timeout
        thread.join()
    total, largest = watch.peak()
    print(f"\n{heavy} heavy client(s), {seconds:g} s:")
    for name, values in tally.latencies.items():
        print(
            f"  {name:7} n={len(values):5}  p50 {statistics.median(values) * 1000:7.1f} ms  "
            f"p99 {percentile(values, 0.99) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )
    cheap = ", ".join(f"{n} {s}: {c}" for (n, s), c in sorted(tally.cheap_statuses.items()))
    print(f"  cheap statuses: {cheap}")
    heavy_counts = ", ".join(f"{n} {s}: {c}" for (n, s), c in sorted(tally.heavy_statuses.items()))
    print(f"  heavy statuses: {heavy_counts}")
    print(
        f"  service RSS peak (service + workers): {total / 2**20:,.0f} MiB; "
        f"largest process {largest / 2**20:,.0f} MiB"
    )
    summary = {
        name: f"{statistics.median(values) * 1000:.1f} / {percentile(values, 0.99) * 1000:.1f}"
        for name, values in tally.latencies.items()
    }
    failed = sum(c for (_, status), c in tally.cheap_statuses.items() if status != 200)
    summary["cheap non-200"] = str(failed)
    return summary


def probes(base: str, watch: MemoryWatch) -> None:
    print("\nProbes (one at a time):")
    with httpx.Client(base_url=base, timeout=300, headers={"Accept-Encoding": "identity"}) as http:
        for name in ("order", "select"):
            watch.reset()
            start = time.perf_counter()
            response = http.get("/sparql", params={"query": HEAVY[name]})
            elapsed = time.perf_counter() - start
            time.sleep(0.1)
            total, largest = watch.peak()
            caps = {
                k: v
                for k, v in response.headers.items()
                if k.startswith("x-sparql") or k == "retry-after"
            }
            print(
                f"  {HEAVY[name]}\n    -> {response.status_code} in {elapsed:.2f} s, body "
                f"{len(response.content):,} B, {caps or 'no cap headers'}; largest process "
                f"{largest / 2**20:,.0f} MiB, service total {total / 2**20:,.0f} MiB"
            )
            if response.status_code != 200:
                print(f"    {response.text.strip()[:300]}")


def start_server(python: str, store: Path, port: int, timeout: float) -> subprocess.Popen:
    env = dict(os.environ, GEMEENTEGRAAF_QUERY_TIMEOUT=str(timeout))
    command = [python, "-m", "gemeentegraaf.cli.main", "serve", "--store", str(store)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"the server did not start (exit {server.returncode})")
        try:
            if httpx.get(f"{base}/sparql", params={"query": ASK}).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not answer within 60 s")


def levels(args: argparse.Namespace) -> list[int]:
    return [int(n) for n in args.levels.split(",")]


def serve_and_run(python: str, store: Path, args: argparse.Namespace) -> dict[int, dict[str, str]]:
    port = free_port()
    server = start_server(python, store, port, args.query_timeout)
    watch = MemoryWatch(server.pid)
    base = f"http://127.0.0.1:{port}"
    figures: dict[int, dict[str, str]] = {}
    try:
        idle, _ = tree_rss(server.pid)
        print(
            f"service on {base}, query timeout {args.query_timeout:g} s, "
            f"idle RSS (service + workers) {idle / 2**20:,.0f} MiB"
        )
        for level in levels(args):
            figures[level] = run_level(base, level, args.seconds, watch)
        if not args.no_probes:
            probes(base, watch)
    finally:
        watch.stop()
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    return figures


def print_table(table: dict[str, dict[int, dict[str, str]]], heavy_levels: list[int]) -> None:
    """Cheap-query p50 / p99 (ms) per level and run, side by side."""
    print("\nCheap queries, p50 / p99 in ms (non-200 answers), per number of heavy clients:")
    labels = list(table)
    print(
        f"  {'heavy':>5}  "
        + "  ".join(f"{label + ' ASK':>18}  {label + ' lookup':>18}" for label in labels)
    )
    for level in heavy_levels:
        cells = []
        for label in labels:
            row = table[label].get(level, {})
            bad = row.get("cheap non-200", "?")
            cells.append(f"{row.get('ASK', '-'):>18}  {row.get('lookup', '-'):>18}")
            if bad != "0":
                cells[-1] += f" ({bad} non-200)"
        print(f"  {level:>5}  " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build one)")
    parser.add_argument("--levels", default="0,1,2,4,8")
    parser.add_argument("--seconds", type=float, default=15.0, help="per level")
    parser.add_argument("--query-timeout", type=float, default=10.0)
    parser.add_argument("--python", default=sys.executable, help="interpreter for the server")
    parser.add_argument(
        "--before", help="first run everything on a server of this interpreter, to compare"
    )
    parser.add_argument("--no-probes", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-isolation-"))
    try:
        store = args.store
        if store is None:
            store = scratch / "store"
            print(f"building a store in {store} ...", flush=True)
            subprocess.run(
                [args.python, "-m", "gemeentegraaf.cli.main", "build", "--store", str(store)]
                + ["--quiet"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        runs = [("before", args.before)] if args.before else []
        runs.append(("after" if args.before else "this", args.python))
        table: dict[str, dict[int, dict[str, str]]] = {}
        for label, python in runs:
            print(f"\n=== {label}: {python}", flush=True)
            table[label] = serve_and_run(python, store, args)
        print_table(table, levels(args))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
