"""Benchmark (not a test): what each page and API request costs the store, counted, not timed
under load: how many queries it runs, the CPU time they take and the rows they return.

    python tests/bench_page_queries.py --store PATH [--requests 150] [--json FILE]

Requests run one at a time, in this process (Starlette's TestClient), against a copy of the
store at PATH. Every query the read view's store answers is counted (OxigraphStore.query is
wrapped): its number, the thread CPU time spent in it (the engine evaluating and the rows
read into Python terms; `check` is the part spent checking the query text first) and its
rows. CPU time of one thread, run alone, hardly moves with what else the machine does, so
two runs of this script on different code compare where a load run would be noise.

Three passes:

- `cold`: for each route of the load mix of tests/bench_compare_load.py (and a few
  more), --requests requests on keys drawn with a seeded generator, with no answer kept
  whole (http_cache.ResponseCache) and the version cache (queries.version_cache) emptied
  before each: every query a request makes.
- `first`: the same requests, no answer kept whole, and the version cache as a warm-up
  of one request per route left it before each: what a page costs the first time it is
  asked for when the answers that all pages share (themes, labels, municipality records,
  store-wide lists) are kept, as they soon are under load. Since the service keeps whole
  answers per data version, this is what each page costs in a load run.
- `mix`: the request stream of the load run (the same seed and clients, their requests
  taken in turn) replayed in order with both caches as they go (a first half not counted,
  to fill them): what a request costs when the store-wide answers and the answers asked
  for before are kept, as they are under load. SPARQL requests of the mix are left out (the
  query workers answer them, not this store).

To compare two trees, run the script of one with the other's code first on sys.path, e.g.
for a worktree of main at ../paging-main (its package folders are laid out by
pyproject.toml's package-dir, so a folder of links stands for the installed package):

    python tests/bench_page_queries.py --store /tmp/benchstore --tree ../paging-main
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

# The package's folders in a source tree (pyproject.toml: package-dir).
_PACKAGE_DIRS = {
    "service": "service",
    "ontology": "ontology",
    "shapes": "shapes",
    "data": "data",
}


def _use_tree(tree: Path, scratch: Path) -> None:
    """Import `gemeentegraaf` from the source tree `tree` instead of the installed one: a
    folder of symbolic links laid out as the installed package, first on sys.path."""
    package = scratch / "gemeentegraaf"
    package.mkdir(parents=True)
    for entry in (tree / "graph").iterdir():
        (package / entry.name).symlink_to(entry)
    for name, folder in _PACKAGE_DIRS.items():
        (package / name).symlink_to(tree / folder)
    sys.path.insert(0, str(scratch))


@dataclass
class Cost:
    queries: int = 0
    cpu: float = 0.0  # seconds of thread CPU in OxigraphStore.query
    check: float = 0.0  # of which checking the text (checked_query)
    rows: int = 0


@dataclass
class Route:
    name: str
    template: str
    keys: list[str]
    accept: str


@dataclass
class Measured:
    costs: list[Cost] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # the whole request, wall clock
    sizes: list[int] = field(default_factory=list)
    statuses: set[int] = field(default_factory=set)


class Counter:
    """Wraps OxigraphStore.query and checked_query; `current` collects one request's cost."""

    def __init__(self) -> None:
        from gemeentegraaf.store import oxigraph

        self.current: Cost | None = None
        # per query (its first line), over the requests counted: [queries, CPU seconds]
        self.by_query: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        original_query = oxigraph.OxigraphStore.query
        original_check = oxigraph.checked_query
        counter = self

        def query(store: Any, sparql: str, **kwargs: Any) -> Any:
            cost = counter.current
            if cost is None or not store.frozen:
                return original_query(store, sparql, **kwargs)
            start = time.thread_time()
            result = original_query(store, sparql, **kwargs)
            spent = time.thread_time() - start
            cost.cpu += spent
            cost.queries += 1
            mine = counter.by_query[_query_name(sparql)]
            mine[0] += 1
            mine[1] += spent
            cost.rows += len(getattr(result, "rows", None) or getattr(result, "triples", ()) or ())
            return result

        def checked(text: str) -> Any:
            cost = counter.current
            start = time.thread_time()
            try:
                return original_check(text)
            finally:
                if cost is not None:
                    cost.check += time.thread_time() - start

        oxigraph.OxigraphStore.query = query  # type: ignore[method-assign]
        oxigraph.checked_query = checked  # type: ignore[assignment]


def _query_name(sparql: str) -> str:
    """A query's first line (a query file's opening comment), as its name in the tables."""
    return sparql.lstrip().split("\n", 1)[0][:90]


def _print_queries(by_query: dict[str, list[float]], top: int = 25) -> None:
    print("  queries run, by their first line (count, store ms):")
    for name, (n, cpu) in sorted(by_query.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"    {int(n):6} {cpu * 1000:8.1f}  {name}")


def _routes(samples: Any, documents: list[str]) -> list[Route]:
    from tests.bench_compare_load import HTML, JSON_API, TURTLE

    codes = samples.municipalities
    return [
        Route("html municipality", "/id/gemeente/{}", codes, HTML),
        Route("html theme", "/id/thema/{}", samples.themes, HTML),
        Route("html network", "/id/netwerk/{}", samples.networks, HTML),
        Route("html home", "/{}", [""], HTML),
        Route("api municipality", "/api/municipalities/{}", [c.upper() for c in codes], JSON_API),
        Route("api network members", "/api/networks/{}/members", samples.networks, JSON_API),
        Route(
            "api theme municipalities", "/api/themes/{}/municipalities", samples.themes, JSON_API
        ),
        Route("ttl municipality", "/id/gemeente/{}", codes, TURTLE),
        Route("ttl theme", "/id/thema/{}", samples.themes, TURTLE),
        # not in the load mix: the other lists the paging touched
        Route("api challenges", "/api/municipalities/{}/challenges", codes, JSON_API),
        Route("html document", "/id/document/{}", documents, HTML),
    ]


def _request(client: Any, counter: Counter, path: str, accept: str, into: Measured) -> None:
    cost = Cost()
    counter.current = cost
    start = time.perf_counter()
    response = client.get(path, headers={"accept": accept})
    into.seconds.append(time.perf_counter() - start)
    counter.current = None
    into.costs.append(cost)
    into.sizes.append(len(response.content))
    into.statuses.add(response.status_code)


def _quantiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, max(0, round(0.9 * len(ordered)) - 1))]
    return statistics.median(ordered), p90, max(ordered)


def _summary(measured: dict[str, Measured]) -> dict[str, dict[str, Any]]:
    out = {}
    for name, m in measured.items():
        if not m.costs:
            continue
        q = _quantiles([c.queries for c in m.costs])
        cpu = _quantiles([c.cpu * 1000 for c in m.costs])
        check = _quantiles([c.check * 1000 for c in m.costs])
        rows = _quantiles([c.rows for c in m.costs])
        wall = _quantiles([s * 1000 for s in m.seconds])
        size = _quantiles([float(s) for s in m.sizes])
        out[name] = {
            "n": len(m.costs),
            "queries": q,
            "store_ms": cpu,
            "check_ms": check,
            "rows": rows,
            "request_ms": wall,
            "bytes": size,
            "statuses": sorted(m.statuses),
            "queries_total": sum(c.queries for c in m.costs),
            "store_ms_total": sum(c.cpu for c in m.costs) * 1000,
        }
    return out


def _print(title: str, summary: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}  (median / p90; store ms = thread CPU in OxigraphStore.query)")
    print(
        f"  {'route':26} {'n':>4} {'queries':>9} {'store ms':>13} {'check ms':>11} "
        f"{'rows':>11} {'request ms':>13} {'KB':>9}  status"
    )
    for name, s in summary.items():
        q, cpu, check, rows, wall, size = (
            s[k] for k in ("queries", "store_ms", "check_ms", "rows", "request_ms", "bytes")
        )
        print(
            f"  {name:26} {s['n']:4} {q[0]:4.0f} /{q[1]:3.0f} {cpu[0]:6.1f} /{cpu[1]:5.1f} "
            f"{check[0]:5.1f} /{check[1]:4.1f} {rows[0]:5.0f} /{rows[1]:4.0f} "
            f"{wall[0]:6.1f} /{wall[1]:5.1f} {size[0] / 1024:5.0f} /{size[1] / 1024:3.0f}"
            f"  {','.join(map(str, s['statuses']))}"
        )


TITLES = {
    "cold": "cold: every query a request makes (no answer kept)",
    "first": "first: a page's first request, the answers every page shares kept",
}


def _pass(
    args: argparse.Namespace,
    client: Any,
    counter: Counter,
    routes: list[Route],
    before_each: Any,
    results: dict[str, Any],
    name: str,
) -> None:
    """--requests requests per route on keys drawn with the seed (the first key, which the
    warm-up read, left out where there are others), `before_each` run before each."""
    counter.by_query.clear()
    measured: dict[str, Measured] = defaultdict(Measured)
    for route in routes:
        rng = random.Random(args.seed)
        keys = route.keys[1:] or route.keys
        for _ in range(args.requests):
            before_each()
            path = route.template.format(rng.choice(keys))
            _request(client, counter, path, route.accept, measured[route.name])
    for path in args.path or []:
        for _ in range(max(1, args.requests // 10)):
            before_each()
            _request(client, counter, path, "text/html", measured[path])
    results[name] = _summary(measured)
    results[f"{name}_queries"] = {k: list(v) for k, v in counter.by_query.items()}
    _print(TITLES[name], results[name])
    _print_queries(counter.by_query)


def _add_challenges(store: Path, code: str, n: int) -> None:
    """Give municipality `code` n challenges on "wonen" from one report, one quote each, as
    a report of n identical paragraphs gives it (tests/test_pages_many_facts.py)."""
    import pyoxigraph as ox

    id_ = "https://w3id.org/gemeentegraaf/id/"
    doc = f"{id_}document/herhaald-bench"
    lines = [
        "@prefix gg: <https://w3id.org/gemeentegraaf/def#> .",
        "@prefix oa: <http://www.w3.org/ns/oa#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        f'<{doc}> a gg:Document ; dcterms:title "Een herhaald rapport" .',
    ]
    for i in range(n):
        fact = f"<{id_}bewering/herhaald-bench/{i:05d}>"
        ev = f"<{id_}bewijs/herhaald-bench/{i:05d}>"
        lines.append(
            f"{fact} a gg:Uitdaging , gg:Bewering ; gg:onderwerp <{id_}gemeente/{code}> ; "
            f"gg:thema <{id_}thema/wonen> ; gg:relatie gg:StaatVoor ; gg:ontkend false ; "
            f'gg:methode "bench" ; gg:bewijs {ev} . {ev} a oa:SpecificResource ; '
            f"oa:hasSource <{doc}> ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "
            f'"Wonen is een uitdaging." ] , [ a oa:TextPositionSelector ; oa:start {30 * i} ; '
            f"oa:end {30 * i + 23} ] ."
        )
    raw = ox.Store(str(store))
    raw.load(
        "\n".join(lines).encode(),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/gemeentegraaf/graph/document/herhaald-bench"),
    )
    raw.flush()
    del raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store (copied)")
    parser.add_argument("--requests", type=int, default=150, help="requests per route")
    parser.add_argument("--tree", type=Path, help="a source tree to import the code from")
    parser.add_argument("--passes", default="cold,first,mix", help="of cold, first, mix")
    parser.add_argument("--clients", type=int, default=50, help="clients of the replayed mix")
    parser.add_argument("--seed", type=int, default=10, help="the load run's seed")
    parser.add_argument("--route", action="append", help="only these routes (by name)")
    parser.add_argument("--path", action="append", help="also these paths (text/html)")
    parser.add_argument(
        "--challenges",
        metavar="CODE:N",
        help="first give municipality CODE (gm0150) N challenges from one report, "
        "as 19,999 identical paragraphs do",
    )
    parser.add_argument("--json", type=Path, help="write the summaries here")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-page-queries-"))
    try:
        if args.tree:
            _use_tree(args.tree.resolve(), scratch / "tree")
        sys.path.insert(1 if args.tree else 0, str(REPO))
        store = scratch / "store"
        shutil.copytree(args.store, store)
        if args.challenges:
            code, _, n = args.challenges.partition(":")
            _add_challenges(store, code, int(n))
        results = run(args, store)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(args: argparse.Namespace, store_path: Path) -> dict[str, Any]:
    import gemeentegraaf
    from fastapi.testclient import TestClient
    from gemeentegraaf.queries import version_cache
    from gemeentegraaf.service.app import create_app
    from gemeentegraaf.service.http_cache import ResponseCache
    from gemeentegraaf.service.settings import Settings

    from tests.bench_compare_load import Samples, load_mix, pick

    print(f"code: {Path(gemeentegraaf.__file__).resolve().parent.parent}")
    counter = Counter()
    results: dict[str, Any] = {}
    with TestClient(create_app(Settings(store_path=store_path))) as client:
        view = client.app.state.views.current()
        store = view.store
        samples = Samples.from_store(store.raw)
        documents = sorted(
            r["d"].rsplit("/document/", 1)[1]
            for r in store.select(
                "SELECT DISTINCT ?d WHERE { ?d a <https://w3id.org/gemeentegraaf/def#Document> }"
            )
        )
        routes = [r for r in _routes(samples, documents) if not args.route or r.name in args.route]
        print(
            f"store: {sum(1 for _ in store.quads())} quads; {len(samples.municipalities)} "
            f"municipalities, {len(samples.themes)} themes, {len(samples.networks)} networks, "
            f"{len(documents)} documents"
        )
        # Warm-up: what the app reads once per data version for every page (the analyses'
        # matrices and the like), and the interpreter's first imports and templates.
        for route in routes:
            client.get(route.template.format(route.keys[0]), headers={"accept": route.accept})

        passes = args.passes.split(",")
        if "cold" in passes:
            # Every query of every request: no answer kept whole or in part.
            client.app.state.data_version.cache = ResponseCache(entry_limit=0)  # keeps none

            def cold() -> None:
                version_cache._KEPT.pop(store, None)

            _pass(args, client, counter, routes, cold, results, "cold")
        if "first" in passes:
            # A page's first request under load: the store-wide answers that every page
            # shares are kept (those the warm-up read), its own are not read yet.
            client.app.state.data_version.cache = ResponseCache(entry_limit=0)
            version_cache._KEPT.pop(store, None)
            for route in routes:
                client.get(route.template.format(route.keys[0]), headers={"accept": route.accept})
            warm = version_cache._KEPT.get(store) or version_cache._Kept()

            def first() -> None:
                kept = version_cache._Kept()
                kept.rows.update(warm.rows)
                version_cache._KEPT[store] = kept

            _pass(args, client, counter, routes, first, results, "first")
        if "mix" in passes:
            client.app.state.data_version.cache = ResponseCache()
            version_cache._KEPT.pop(store, None)
            mix = [row for row in load_mix(samples) if row[1] != "sparql"]
            wanted = {r.name for r in routes}
            mix = [row for row in mix if row[1] in wanted]
            rngs = [random.Random(args.seed * 1000 + i) for i in range(args.clients)]
            measured: dict[str, Measured] = defaultdict(Measured)
            # The first rounds fill the caches, as the load run's first seconds do.
            rounds = max(1, args.requests * len(mix) // args.clients)
            for round_ in range(2 * rounds):
                if round_ == rounds:
                    counter.by_query.clear()
                for rng in rngs:
                    request = pick(mix, rng)
                    into = measured[request.kind] if round_ >= rounds else Measured()
                    _request(client, counter, request.path, request.accept, into)
            results["mix"] = _summary(measured)
            total = sum(s["queries_total"] for s in results["mix"].values())
            cpu = sum(s["store_ms_total"] for s in results["mix"].values())
            n = sum(s["n"] for s in results["mix"].values())
            results["mix_overall"] = {"requests": n, "queries": total, "store_ms": cpu}
            results["mix_queries"] = {k: list(v) for k, v in counter.by_query.items()}
            _print("mix: the load run's requests in turn, both caches as they go", results["mix"])
            print(
                f"  overall: {n} requests, {total} queries ({total / n:.2f} a request), "
                f"{cpu:.0f} ms in the store ({cpu / n:.2f} a request)"
            )
            _print_queries(counter.by_query)
    return results


if __name__ == "__main__":
    os.environ.setdefault("GEMEENTEGRAAF_LOG_LEVEL", "WARNING")
    main()
