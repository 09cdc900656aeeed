"""How long a write takes end to end, and how long readers wait meanwhile.

    python tests/bench_writes.py [--store DIR] [--writes 10] [--python PYTHON]
                                 [--reference-python PYTHON]

Builds the bundled data into a temporary store (or copies --store, a built
store), starts the service on a copy of it (`gemeentegraaf serve`, uvicorn on
127.0.0.1, writes enabled with a token) and, while one client polls `ASK {}`
back to back, sends N small writes (INSERT DATA of two triples into a user
graph) and then N writes that remove data (DELETE DATA of what one insert
added: each keeps a version first). Prints per kind the median and p99 of the
write latency, and of the ASK latency during the writes.

--reference-python runs the same on a fresh copy of the same store with another
interpreter (one whose `gemeentegraaf` is another checkout, e.g. the main
branch's), one after the other in the same run, for a before/after ratio.
Not a test: the figures depend on the machine; compare them within one run.
"""

from __future__ import annotations

import argparse
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

TOKEN = "bench-token"
GRAPH = "http://example.org/graph/bench"
EX = "http://example.org/bench/"
ASK = "ASK {}"
UPDATE = "application/sparql-update"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_server(python: str, store: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, GEMEENTEGRAAF_UPDATE_TOKEN=TOKEN)
    env.pop("GEMEENTEGRAAF_STORE_URL", None)
    command = [python, "-m", "gemeentegraaf.cli.main", "serve", "--store", str(store)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        if server.poll() is not None:
            raise SystemExit(f"the server did not start (exit {server.returncode})")
        try:
            if httpx.get(f"{base}/sparql", params={"query": ASK}).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not answer within 120 s")


@dataclass
class Poller:
    """Polls ASK {} back to back; keeps the latencies of the polls made during `window`."""

    base: str
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    window: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=120) as http:
            while not self.stop.is_set():
                start = time.perf_counter()
                response = http.get("/sparql", params={"query": ASK})
                elapsed = time.perf_counter() - start
                if self.window.is_set():
                    self.latencies.append(elapsed)
                    if response.status_code != 200:
                        self.failures += 1


def triples(i: int) -> str:
    return f'<{EX}s{i}> <{EX}p> "waarde {i}" ; <{EX}q> <{EX}o{i}> .'


def run_writes(base: str, kind: str, count: int, poller: Poller) -> tuple[list[float], Counter]:
    """The latencies of `count` writes of `kind`, and their statuses (204: applied; a 503
    is a write that passed the write time limit, which the reference may)."""
    headers = {"content-type": UPDATE, "authorization": f"Bearer {TOKEN}"}
    verb = "INSERT DATA" if kind == "insert" else "DELETE DATA"
    latencies = []
    statuses: Counter = Counter()
    with httpx.Client(base_url=base, timeout=600) as http:
        poller.window.set()
        for i in range(count):
            update = f"{verb} {{ GRAPH <{GRAPH}> {{ {triples(i)} }} }}"
            start = time.perf_counter()
            response = http.post("/sparql", content=update, headers=headers)
            latencies.append(time.perf_counter() - start)
            statuses[response.status_code] += 1
            if response.status_code not in (204, 503):
                print(f"  {kind} {i}: {response.status_code} {response.text[:300]}")
        poller.window.clear()
    return latencies, statuses


def line(name: str, values: list[float]) -> str:
    return (
        f"  {name:28} n={len(values):4}  median {statistics.median(values):7.3f} s  "
        f"p99 {percentile(values, 0.99):7.3f} s  max {max(values):7.3f} s"
    )


def bench(label: str, python: str, built: Path, writes: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-writes-") as folder:
        store = Path(folder) / "store"
        shutil.copytree(built, store)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(python, store, port)
        try:
            poller = Poller(base)
            thread = threading.Thread(target=poller.run, daemon=True)
            thread.start()
            time.sleep(1.0)  # the poller warm; the workers loaded
            print(f"\n{label} ({python}):")
            medians: dict[str, float] = {}
            for kind in ("insert", "delete"):
                poller.latencies.clear()
                latencies, statuses = run_writes(base, kind, writes, poller)
                print(line(f"{kind} (2 triples), end to end", latencies))
                print(f"  {kind} statuses: {dict(sorted(statuses.items()))}")
                print(line(f"ASK {{}} during the {kind}s", poller.latencies))
                medians[kind] = statistics.median(latencies)
                medians[f"ask-{kind}"] = percentile(poller.latencies, 0.99)
            if poller.failures:
                print(f"  ASK {{}} failures during writes: {poller.failures}")
            poller.stop.set()
            thread.join()
            return medians
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store to copy (default: build one)")
    parser.add_argument("--writes", type=int, default=10, help="writes of each kind")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the server")
    parser.add_argument("--reference-python", help="interpreter of the reference checkout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-writes-build-") as folder:
        built = args.store
        if built is None:
            built = Path(folder) / "store"
            print(f"building a store in {built} ...", flush=True)
            subprocess.run(
                [args.python, "-m", "gemeentegraaf.cli.main", "build", "--store", str(built)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        results = {"this checkout": bench("this checkout", args.python, built, args.writes)}
        if args.reference_python:
            results["reference"] = bench("reference", args.reference_python, built, args.writes)
    if "reference" in results:
        this, ref = results["this checkout"], results["reference"]
        print("\nreference / this checkout (higher: this checkout is faster):")
        for key, name in (
            ("insert", "insert, median"),
            ("delete", "delete, median"),
            ("ask-insert", "ASK {} p99 during inserts"),
            ("ask-delete", "ASK {} p99 during deletes"),
        ):
            print(f"  {name:28} {ref[key] / this[key]:6.2f}x")


if __name__ == "__main__":
    main()
