"""The load run and the isolation run of tests/bench_compare.py, against the project only.

Load: N clients (asyncio, one keep-alive connection each, no think time) for
S seconds on a fixed mix of SPARQL queries, HTML pages, JSON API and
linked-data Turtle; the paths are drawn with a seeded random generator from
the municipalities, themes and networks in the data, so two runs send the same
sequence. Errors are answers of 400 and above and failed requests.

Isolation: for each level k, k clients send heavy queries back to back while
one client polls `ASK {}` and a cheap lookup; prints the cheap queries'
latencies and every refusal. A level ends when its heavy queries have
answered, so that the next level starts on an idle server.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import aiohttp
import httpx
import pyoxigraph as ox

from tests.bench_compare_queries import (
    ASK_EMPTY,
    CHEAP_LOOKUP,
    HEAVY_QUERIES,
    ID,
    PREFIXES,
    QUERIES,
)

HTML = "text/html"
TURTLE = "text/turtle"
JSON_API = "application/json"


# Within the SPARQL share of the load: what a public endpoint mostly sees is lookups
# and descriptions; scans over every literal and big joins are the rarer research query.
SPARQL_WEIGHTS = {
    "lookup": 4, "describe": 2, "construct": 2, "path": 2, "aggregate": 1, "join": 1, "text": 1,
}  # fmt: skip


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


# ---------------------------------------------------------------- the mix


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    accept: str
    body: bytes = b""


@dataclass
class Samples:
    """Keys for the paths of the load mix, taken from the data itself."""

    municipalities: list[str]  # gm0363
    themes: list[str]  # betaalbaar-wonen, platform31-…/energietransitie
    networks: list[str]  # g40

    @classmethod
    def from_store(cls, store: ox.Store) -> Samples:
        def keys(where: str, kind: str) -> list[str]:
            rows = store.query(PREFIXES + f"SELECT DISTINCT ?x WHERE {{ {where} }} ORDER BY ?x",
                               use_default_graph_as_union=True)  # fmt: skip
            prefix = f"{ID}{kind}/"
            found = [row["x"].value for row in rows]
            return [iri[len(prefix) :] for iri in found if iri.startswith(prefix)]

        samples = cls(
            keys("?x a tooiont:Gemeente", "gemeente"),
            keys("?a a gg:Uitdaging ; gg:thema ?x", "thema"),
            keys("?x a gg:Stedennetwerk", "netwerk"),
        )
        if not (samples.municipalities and samples.themes and samples.networks):
            raise ValueError("the data has no municipalities, themes or networks to ask for")
        return samples


def load_mix(samples: Samples) -> list[tuple[int, str, object]]:
    """(weight, kind, what) rows: what is a path template's key list or a query."""
    return [
        (25, "sparql", QUERIES),
        (20, "html municipality", ("/id/gemeente/{}", samples.municipalities, HTML)),
        (8, "html theme", ("/id/thema/{}", samples.themes, HTML)),
        (5, "html network", ("/id/netwerk/{}", samples.networks, HTML)),
        (5, "html home", ("/", [""], HTML)),
        (10, "api municipality", ("/api/municipalities/{}", [m.upper() for m in samples.municipalities], JSON_API)),
        (5, "api network members", ("/api/networks/{}/members", samples.networks, JSON_API)),
        (5, "api theme municipalities", ("/api/themes/{}/municipalities", samples.themes, JSON_API)),
        (10, "ttl municipality", ("/id/gemeente/{}", samples.municipalities, TURTLE)),
        (7, "ttl theme", ("/id/thema/{}", samples.themes, TURTLE)),
    ]  # fmt: skip


def pick(mix: list[tuple[int, str, object]], rng: random.Random) -> Request:
    weights = [w for w, _, _ in mix]
    _, kind, what = rng.choices(mix, weights=weights)[0]
    if kind == "sparql":
        queries = list(what)  # type: ignore[call-overload]
        query = rng.choices(queries, weights=[SPARQL_WEIGHTS[q.kind] for q in queries])[0]
        return Request(kind, "POST", "/sparql", query.accept, query.text.encode())
    template, keys, accept = what  # type: ignore[misc]
    return Request(kind, "GET", template.format(rng.choice(keys)), accept)


def kinds(mix: list[tuple[int, str, object]], rng: random.Random) -> list[Request]:
    """One request of every kind, to check before the run that each answers."""
    out = []
    for weight, kind, what in mix:
        out.append(pick([(weight, kind, what)], rng))
    return out


async def _send(session: aiohttp.ClientSession, base: str, request: Request) -> tuple[int, bytes]:
    headers = {"accept": request.accept}
    if request.method == "POST":
        headers["content-type"] = "application/sparql-query"
    async with session.request(
        request.method, base + request.path, data=request.body or None, headers=headers
    ) as response:
        return response.status, await response.read()


@dataclass
class LoadResult:
    seconds: float
    records: list[tuple[str, float, str]]  # kind, latency, status ("200", "ReadTimeout")
    client_cpu: float  # the load generator's own CPU seconds
    error_examples: dict[str, str] = field(default_factory=dict)


async def _load(base: str, mix: list, clients: int, seconds: float, seed: int) -> LoadResult:
    records: list[tuple[str, float, str]] = []
    examples: dict[str, str] = {}
    deadline = time.monotonic() + seconds

    async def one_client(index: int, session: aiohttp.ClientSession) -> None:
        rng = random.Random(seed * 1000 + index)
        while time.monotonic() < deadline:
            request = pick(mix, rng)
            start = time.perf_counter()
            try:
                code, body = await _send(session, base, request)
                status = str(code)
                if code >= 400:
                    text = body[:200].decode("utf-8", "replace")
                    examples.setdefault(f"{request.kind} {status}", f"{request.path}: {text}")
            except (aiohttp.ClientError, TimeoutError) as exc:
                status = type(exc).__name__
                examples.setdefault(f"{request.kind} {status}", f"{request.path}: {exc}")
            records.append((request.kind, time.perf_counter() - start, status))

    # aiohttp, not httpx: with 50 connections httpx's pool took about 6 ms of the
    # generator's CPU per request, so the generator, not the server, set the pace.
    connector = aiohttp.TCPConnector(limit=clients, limit_per_host=clients)
    timeout = aiohttp.ClientTimeout(total=60)
    cpu = time.process_time()
    started = time.monotonic()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(one_client(i, session) for i in range(clients)))
    return LoadResult(time.monotonic() - started, records, time.process_time() - cpu, examples)


def load_run(
    base: str, samples: Samples, clients: int, seconds: float, seed: int = 10
) -> LoadResult:
    mix = load_mix(samples)
    with httpx.Client(timeout=120) as client:
        for request in kinds(mix, random.Random(seed)):
            headers = {"accept": request.accept}
            if request.method == "POST":
                headers["content-type"] = "application/sparql-query"
            response = client.request(
                request.method, base + request.path, headers=headers, content=request.body or None
            )
            if response.status_code >= 400:
                print(f"  (check: {request.kind} {request.path} answered {response.status_code})")
    return asyncio.run(_load(base, mix, clients, seconds, seed))


def print_load(result: LoadResult, clients: int) -> dict[str, object]:
    records = result.records
    if not records:
        print("  no request finished")
        return {}
    errors = [r for r in records if not r[2].isdigit() or int(r[2]) >= 400]
    latencies = [r[1] for r in records]
    print(
        f"  {clients} clients, {result.seconds:.0f} s: {len(records)} requests, "
        f"{len(records) / result.seconds:.1f} requests/s, {len(errors)} errors; "
        f"the load generator used {result.client_cpu / result.seconds:.0%} of a core"
    )
    print(f"  {'kind':28} {'n':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    by_kind: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
    for record in records:
        by_kind[record[0]].append(record)
    rows = [("overall", records), *sorted(by_kind.items())]
    summary: dict[str, object] = {}
    for kind, group in rows:
        times = [r[1] for r in group]
        bad = sum(1 for r in group if not r[2].isdigit() or int(r[2]) >= 400)
        p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
        print(f"  {kind:28} {len(group):6} {bad:6} {ms(p50)} {ms(p95)} {ms(p99)}")
        summary[kind] = {"n": len(group), "errors": bad, "p50": p50, "p95": p95, "p99": p99}
    for key, example in list(result.error_examples.items())[:8]:
        print(f"  error {key}: {example}")
    p99 = percentile(latencies, 99)
    verdict = "met" if not errors and p99 <= 0.5 else "NOT met"
    print(
        f"  target (issue 10): 0 errors and p99 <= 500 ms: {verdict} ({len(errors)} errors, p99 {p99 * 1000:.0f} ms)"
    )
    summary["requests_per_second"] = len(records) / result.seconds
    return summary


# ---------------------------------------------------------------- isolation


@dataclass
class Level:
    heavy: int
    addresses: bool  # each heavy client from an address of its own (X-Forwarded-For)
    cheap: dict[str, list[float]]
    cheap_refused: Counter
    refused_after: list[float] = field(default_factory=list)  # how long a refusal took
    heavy_done: int = 0
    heavy_statuses: Counter = field(default_factory=Counter)
    retry_after: set[str] = field(default_factory=set)
    drain_seconds: float = 0.0


def _post(
    client: httpx.Client,
    url: str,
    text: str,
    accept: str = "application/sparql-results+json",
    address: str | None = None,
) -> httpx.Response:
    headers = {"content-type": "application/sparql-query", "accept": accept}
    if address:
        # the service reads a loopback connection's client from X-Forwarded-For
        headers["x-forwarded-for"] = address
    return client.post(url, content=text.encode(), headers=headers)


# The addresses of the heavy clients and of the poller when they are told apart.
def _heavy_address(index: int) -> str:
    return f"10.0.0.{index + 1}"


POLLER_ADDRESS = "10.0.1.1"


def isolation_level(
    url: str, heavy: int, seconds: float, poll_interval: float = 0.05, addresses: bool = False
) -> Level:
    """`heavy` clients keep heavy queries running while one polls ASK {} and a lookup;
    `addresses`: the heavy clients and the poller each from an address of their own."""
    level = Level(heavy, addresses, {ASK_EMPTY.name: [], CHEAP_LOOKUP.name: []}, Counter())
    stop = threading.Event()
    lock = threading.Lock()

    def heavy_client(index: int) -> None:
        query = HEAVY_QUERIES[index % len(HEAVY_QUERIES)]
        run = 0
        with httpx.Client(timeout=600) as client:
            while not stop.is_set():
                run += 1
                # A distinct comment per request: no result cache answers in place of the engine.
                text = f"{query.text}\n# heavy client {index} run {run}"
                try:
                    address = _heavy_address(index) if addresses else None
                    response = _post(client, url, text, address=address)
                    status = str(response.status_code)
                    retry = response.headers.get("retry-after")
                except httpx.HTTPError as exc:
                    status, retry = type(exc).__name__, None
                with lock:
                    level.heavy_statuses[status] += 1
                    level.heavy_done += 1
                    if retry:
                        level.retry_after.add(retry)
                if status != "200":
                    time.sleep(0.2)  # refused: do not spin

    if addresses:
        # The poller is a client the service has seen: its cheap queries came before the
        # heavy ones (a new address gets no worker kept for it, see QueryPool._kept).
        with httpx.Client(timeout=120) as client:
            for _ in range(3):
                _post(client, url, ASK_EMPTY.text, address=POLLER_ADDRESS)
    threads = [threading.Thread(target=heavy_client, args=(i,), daemon=True) for i in range(heavy)]
    for thread in threads:
        thread.start()
    # Let the heavy queries reach the engine; from many addresses, poll sooner: they all
    # hold a worker until they have used their time share, about a second on two cores.
    time.sleep(0 if not heavy else 0.3 if addresses else 1.0)
    deadline = time.monotonic() + seconds
    with httpx.Client(timeout=120) as client:
        turn = 0
        while time.monotonic() < deadline:
            query = (ASK_EMPTY, CHEAP_LOOKUP)[turn % 2]
            turn += 1
            start = time.perf_counter()
            try:
                response = _post(
                    client, url, query.text, address=POLLER_ADDRESS if addresses else None
                )
                status = str(response.status_code)
                if response.status_code != 200:
                    retry = response.headers.get("retry-after")
                    status += f" (Retry-After {retry})" if retry else ""
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            elapsed = time.perf_counter() - start
            if status == "200":
                level.cheap[query.name].append(elapsed)
            else:
                level.cheap_refused[f"{query.name}: {status}"] += 1
                level.refused_after.append(elapsed)
            time.sleep(poll_interval)
    stop.set()
    drain = time.monotonic()
    for thread in threads:
        thread.join()
    level.drain_seconds = time.monotonic() - drain
    return level


def print_level(level: Level) -> dict[str, object]:
    cells = []
    summary: dict[str, object] = {"heavy": level.heavy, "addresses": level.addresses}
    for name, times in level.cheap.items():
        if times:
            p50, p99 = percentile(times, 50), percentile(times, 99)
            cells.append(
                f"{name}: p50 {p50 * 1000:7.1f} p99 {p99 * 1000:7.1f} max {max(times) * 1000:7.1f} ms (n={len(times)})"
            )
            summary[name] = {"p50": p50, "p99": p99, "max": max(times), "n": len(times)}
        else:
            cells.append(f"{name}: no answer")
            summary[name] = None
    apart = f" from {level.heavy} addresses" if level.addresses else ""
    print(f"  {level.heavy} heavy{apart}: " + "; ".join(cells))
    if level.cheap_refused:
        print(
            f"      cheap queries refused or failed: {dict(level.cheap_refused)}, "
            f"after up to {max(level.refused_after):.1f} s"
        )
    if level.heavy:
        retry = f", Retry-After {sorted(level.retry_after)}" if level.retry_after else ""
        print(
            f"      heavy queries answered: {dict(level.heavy_statuses)}{retry}; "
            f"the last ones took {level.drain_seconds:.1f} s to finish after the poll"
        )
    summary["cheap_refused"] = dict(level.cheap_refused)
    summary["heavy_statuses"] = dict(level.heavy_statuses)
    return summary


def isolation_run(url: str, levels: list[int], seconds: float) -> list[dict[str, object]]:
    """Each level from one address, then the highest again with every heavy client and the
    poller on an address of its own (a per-address rule must not be what keeps it fast)."""
    summaries = []
    for heavy in levels:
        summaries.append(print_level(isolation_level(url, heavy, seconds)))
    top = max(levels)
    tops = [summaries[levels.index(top)]]
    if top > 1:
        tops.append(print_level(isolation_level(url, top, seconds, addresses=True)))
        summaries.append(tops[-1])
    if top >= 8:
        ok = all(_cheap_within(summary) for summary in tops)
        verdict = "met" if ok else "NOT met"
        print(
            f"  target (issue 10): with {top} heavy queries (from one address and from "
            f"{top}), cheap p99 <= 100 ms and no refusal: {verdict}"
        )
    return summaries


def _cheap_within(summary: dict[str, object]) -> bool:
    p99s = [v["p99"] for v in summary.values() if isinstance(v, dict) and "p99" in v]
    return len(p99s) == 2 and max(p99s) <= 0.1 and not summary["cheap_refused"]
