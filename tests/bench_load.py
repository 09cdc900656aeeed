"""Load: many clients at once on a realistic mix of SPARQL, pages and API, against a real server.

    python tests/bench_load.py --store STORE [--clients 50] [--seconds 60]
        [--python /path/to/other/venv/bin/python ...]

Starts `gemeentegraaf serve` on 127.0.0.1 with each given interpreter in turn
(the first is this one; add another installation, e.g. the code before a
change, to compare the two in one run), lets `--clients` clients send
requests back to back for `--seconds` seconds, and prints per kind of request
the count, errors and p50/p95/p99 latency, then the ratios between the
servers. Every request picks a route from a fixed, seeded mix: SPARQL lookups,
aggregates, text filters and joins (GET and POST), the home page, municipality
pages (30 municipalities), theme and list pages, the JSON API and VoID. No
warm-up is left out: the first render of each page is in the figures.

The clients run in this process (asyncio + httpx) and share the machine with
the server: on a small machine they take part of its CPU. Not a test; run it
by hand on a quiet machine and quote ratios from one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

PREFIX = "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
SPARQL = [
    # (name, query)
    ("lookup", PREFIX + 'SELECT ?g WHERE { ?g gg:cbsCode "{code}" }'),
    ("label", PREFIX + "SELECT ?l WHERE { <{uri}> skos:prefLabel ?l }"),
    (
        "aggregate",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)",
    ),
    (
        "text",
        'SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(LCASE(STR(?o)), "wonen")) } LIMIT 100',
    ),
    (
        "join",
        PREFIX + "SELECT ?a ?b WHERE { ?a gg:cbsCode ?c . ?a skos:prefLabel ?b } LIMIT 500",
    ),
]
PAGES = [
    "/",
    "/gemeenten",
    "/themas",
    "/netwerken",
    "/knelpunten",
    "/documenten",
    "/id/thema/wonen",
]
API = ["/api/municipalities", "/api/themes", "/api/networks", "/api/documents"]
# How often each kind comes up in the mix.
WEIGHTS = {
    "sparql": 4,
    "page": 2,
    "municipality page": 2,
    "api": 2,
    "municipality api": 2,
    "void": 1,
}
# A browser's and an API client's headers.
HTML = {"accept": "text/html,application/xhtml+xml", "accept-encoding": "gzip"}
JSON = {"accept": "application/json", "accept-encoding": "gzip"}


@dataclass
class Kind:
    times: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(python: str, store: Path, port: int) -> subprocess.Popen:
    code = "import sys; from gemeentegraaf.cli.main import main; sys.argv[0] = 'gemeentegraaf'; sys.exit(main())"
    args = [python, "-c", code, "serve", "--store", str(store), "--host", "127.0.0.1"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEMEENTEGRAAF_")}
    return subprocess.Popen(
        [*args, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )


def wait_ready(base: str, process: subprocess.Popen, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit {process.returncode})")
        try:
            if (
                httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code
                == 200
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not start")


def municipalities(base: str, n: int) -> list[dict]:
    rows = httpx.get(base + "/api/municipalities", params={"limit": 1000}, timeout=60).json()
    rows = rows["items"] if isinstance(rows, dict) else rows
    random.Random(7).shuffle(rows)
    return rows[:n]


def request_for(rng: random.Random, towns: list[dict]) -> tuple[str, str, str, dict, dict | None]:
    """(kind, method, path, headers, form) for one request of the mix."""
    kind = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    town = rng.choice(towns)
    code = town.get("code") or town.get("id")
    if kind == "sparql":
        _, query = rng.choice(SPARQL)
        query = query.replace("{code}", str(code)).replace("{uri}", town.get("uri", ""))
        headers = {"accept": "application/sparql-results+json", "accept-encoding": "gzip"}
        if rng.random() < 0.5:
            return kind, "GET", "/sparql", headers, {"query": query}
        return kind, "POST", "/sparql", headers, {"query": query}
    if kind == "page":
        return kind, "GET", rng.choice(PAGES), HTML, None
    if kind == "municipality page":
        return kind, "GET", "/id/gemeente/" + str(code).lower(), HTML, None
    if kind == "api":
        return kind, "GET", rng.choice(API), JSON, None
    if kind == "municipality api":
        path = rng.choice([f"/api/municipalities/{code}", f"/api/municipalities/{code}/challenges"])
        return kind, "GET", path, JSON, None
    return (
        kind,
        "GET",
        "/.well-known/void",
        {"accept": "text/turtle", "accept-encoding": "gzip"},
        None,
    )


async def client_loop(
    base: str, seed: int, towns: list[dict], until: float, kinds: dict[str, Kind]
) -> None:
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        while time.monotonic() < until:
            kind, method, path, headers, form = request_for(rng, towns)
            record = kinds.setdefault(kind, Kind())
            started = time.perf_counter()
            try:
                if method == "GET":
                    response = await http.get(path, params=form, headers=headers)
                else:
                    response = await http.post(path, data=form, headers=headers)
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            record.times.append(time.perf_counter() - started)
            record.statuses[status] = record.statuses.get(status, 0) + 1
            if status == 0 or status >= 400:
                record.errors += 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def run(python: str, store: Path, clients: int, seconds: float) -> dict[str, Kind]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start(python, store, port)
    try:
        wait_ready(base, process)
        towns = municipalities(base, 30)
        kinds: dict[str, Kind] = {}
        until = time.monotonic() + seconds

        async def everyone() -> None:
            await asyncio.gather(
                *(client_loop(base, i, towns, until, kinds) for i in range(clients))
            )

        asyncio.run(everyone())
        return kinds
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def report(label: str, kinds: dict[str, Kind], seconds: float) -> dict[str, float]:
    every = [t for k in kinds.values() for t in k.times]
    errors = sum(k.errors for k in kinds.values())
    print(f"\n{label}: {len(every)} requests, {len(every) / seconds:.0f}/s, {errors} errors")
    print(f"  {'kind':18} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    rows = {**{k: v.times for k, v in sorted(kinds.items())}, "all": every}
    for name, times in rows.items():
        err = kinds[name].errors if name in kinds else errors
        print(
            f"  {name:18} {len(times):>6} {err:>4} {percentile(times, 50) * 1000:>8.1f} "
            f"{percentile(times, 95) * 1000:>8.1f} {percentile(times, 99) * 1000:>8.1f}"
        )
        if name in kinds and kinds[name].errors:
            print(f"  {'':18} statuses: {kinds[name].statuses}")
    return {
        "rate": len(every) / seconds,
        "p50": percentile(every, 50),
        "p99": percentile(every, 99),
        "page p50": statistics.median(kinds["municipality page"].times)
        if "municipality page" in kinds
        else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        help="another interpreter with gemeentegraaf installed, to compare (repeatable)",
    )
    args = parser.parse_args()
    pythons = [sys.executable, *args.python]
    results = []
    for python in pythons:
        kinds = run(python, args.store, args.clients, args.seconds)
        results.append(report(python, kinds, args.seconds))
    if len(results) > 1:
        print("\nratios, other / this (this = the first interpreter):")
        for python, other in zip(pythons[1:], results[1:], strict=True):
            first = results[0]
            print(
                f"  {python}: throughput x{first['rate'] / max(other['rate'], 1e-9):.1f} "
                f"for this; p50 x{other['p50'] / max(first['p50'], 1e-9):.1f}, "
                f"p99 x{other['p99'] / max(first['p99'], 1e-9):.1f}, "
                f"municipality page p50 x{other['page p50'] / max(first['page p50'], 1e-9):.1f} slower"
            )


if __name__ == "__main__":
    main()
