"""Benchmark (not a test): latency of the analyses.

    python tests/bench_analyses.py                 # a synthetic store of realistic size
    python tests/bench_analyses.py --store PATH    # a built store (gemeentegraaf build)

Measures the cost of rebuilding the analyses after a build (reading the facts,
profiles, the first similar lookup, communities, theme centrality, timeline,
materialising the top-k similarities) and a warm `similar` lookup with k=10 for
every municipality with evidence, per method. Prints a small table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gemeentegraaf.analysis.communities import communities, theme_centrality  # noqa: E402
from gemeentegraaf.analysis.graphs import load_analysis_data, store_fingerprint  # noqa: E402
from gemeentegraaf.analysis.similarity import materialise_similarities, profiles, similar  # noqa: E402
from gemeentegraaf.analysis.timeline import theme_timeline  # noqa: E402
from gemeentegraaf.store.oxigraph import OxigraphStore, open_store  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from analysis_fixture import World  # noqa: E402


def synthetic_store(municipalities: int = 350, facts: int = 3500, seed: int = 7) -> OxigraphStore:
    """Roughly the size of a full build: every current municipality, Zipf-popular themes."""
    rng = random.Random(seed)
    w = World()
    groups = [f"groep{g}" for g in range(8)]
    themes = [f"thema{t}" for t in range(48)]
    tree: dict[str, str | None] = dict.fromkeys(groups)
    tree.update({t: groups[i % len(groups)] for i, t in enumerate(themes)})
    w.themes(tree, {})
    codes = [f"GM{1000 + i:04d}" for i in range(municipalities)]
    for code in codes:
        w.municipality(code, f"Gemeente {code}")
    docs = [("rapport-2013", 2013), ("rapport-2017", 2017), ("rapport-2018", 2018),
            ("rapport-2021", 2021), ("rapport-2023", 2023)]  # fmt: skip
    for key, year in docs:
        w.document(key, year)
    weights = [1 / (i + 1) for i in range(len(themes))]
    active = codes[: int(municipalities * 0.6)]  # many municipalities are never named
    for _ in range(facts):
        code = rng.choice(active)
        theme = rng.choices(themes, weights)[0]
        doc = rng.choice(docs)[0]
        w.challenge(code, theme, doc, f"p{rng.randrange(facts)}", negated=rng.random() < 0.05)
    for _ in range(60):
        w.funder(rng.choice(codes), "rapport-2013", "voorwoord")
    w.network("g40", "G40", rng.sample(codes, 40))
    w.network("m50", "M50", rng.sample(codes, 43))
    w.network("g4", "G4", codes[:4])
    for p in range(40):
        w.programme(f"regio-deal-{p}", f"Regio Deal {p}", rng.sample(codes, rng.randint(2, 10)))
    return w.store()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, help="a built store (default: synthetic)")
    parser.add_argument("--methods", default="profile,ppr,simrank")
    args = parser.parse_args()
    if args.store:
        store = open_store(args.store, read_only=True)
        source = str(args.store)
    else:
        t, store = timed(synthetic_store)
        source = f"synthetic ({t:.1f} s to generate)"

    rows: list[tuple[str, float]] = []
    t, _ = timed(lambda: store_fingerprint(store))
    rows.append(("store fingerprint (checked on every request)", t))
    t, data = timed(lambda: load_analysis_data(store))
    rows.append(("rebuild: read facts from the store", t))
    t, _ = timed(lambda: profiles(data, 0.5))
    rows.append(("rebuild: theme/network/programme profiles", t))
    codes = data.evidenced()
    for method in args.methods.split(","):
        t, _ = timed(lambda m=method: similar(data, codes[0], k=10, method=m))
        rows.append((f"rebuild: first similar lookup ({method})", t))
    t, _ = timed(lambda: communities(data))
    rows.append(("rebuild: communities (Louvain)", t))
    t, _ = timed(lambda: theme_centrality(data))
    rows.append(("rebuild: theme centrality", t))
    t, _ = timed(lambda: theme_timeline(data))
    rows.append(("rebuild: timeline", t))
    t, graph = timed(lambda: materialise_similarities(data, k=5))
    rows.append((f"rebuild: materialise top-5 similarities ({len(graph)} triples)", t))

    for method in args.methods.split(","):
        for code in codes:  # fill the cache: what a warm service has
            similar(data, code, k=10, method=method)
        times = []
        for code in codes:
            start = time.perf_counter()
            similar(data, code, k=10, method=method)
            times.append(time.perf_counter() - start)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        rows.append((f"warm similar k=10 ({method}): mean", statistics.mean(times)))
        rows.append((f"warm similar k=10 ({method}): p95", p95))
        if method == "profile":
            from gemeentegraaf.analysis.graphs import _CACHE

            _CACHE[store] = data  # what the service holds after its first request
            start = time.perf_counter()
            for code in codes:
                similar(store, code, k=10, method=method)
            mean = (time.perf_counter() - start) / len(codes)
            rows.append(("warm similar k=10 (profile) via the store, with fingerprint", mean))
        cold = []
        for code in codes[:25]:
            data.cache.pop(("similar", code, method, _config()), None)
            start = time.perf_counter()
            similar(data, code, k=10, method=method)
            cold.append(time.perf_counter() - start)
        rows.append((f"similar k=10 ({method}), ranking not cached: mean", statistics.mean(cold)))

    print(f"store: {source}")
    print(f"municipalities with evidence: {len(codes)}; known: {len(data.known_municipalities)}")
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds * 1000:>9.2f} ms")
    return 0


def _config():
    from gemeentegraaf.analysis.similarity import SimilarityConfig

    return SimilarityConfig.from_env()


if __name__ == "__main__":
    sys.exit(main())
