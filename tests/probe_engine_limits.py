"""Find the sizes at which pyoxigraph's parser or evaluator kills its process.

    python tests/probe_engine_limits.py [--max N] [--kinds unary,binary,...]

Each trial runs one query in a fresh interpreter, on its main thread (as a
query worker does), against a small in-memory store; a negative exit code
(SIGSEGV, SIGABRT from a stack overflow) is a crash. For each shape of
expression the script bisects between a size that runs and one that crashes
and prints the smallest crashing size found (or "none up to N"). The limits
in gemeentegraaf.store.sparql_text are set well below these numbers.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable

_RUN = r"""
import sys, pyoxigraph as ox
store = ox.Store()
p = ox.NamedNode("http://ex/p")
for i in range(3):
    store.add(ox.Quad(ox.NamedNode(f"http://ex/s{i}"), p, ox.NamedNode(f"http://ex/s{i+1}")))
text = sys.stdin.read()
try:
    if sys.argv[1] == "update":
        store.update(text)
    else:
        result = store.query(text)
        if not isinstance(result, ox.QueryBoolean):
            for _ in result:
                pass
except (SyntaxError, ValueError, OSError, RuntimeError, TypeError) as exc:
    print(type(exc).__name__, str(exc)[:120])
    sys.exit(3)
"""

P = "<http://ex/p>"

SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "unary-not": ("query", lambda n: "ASK { FILTER(" + "!" * n + "true) }"),
    "unary-minus": ("query", lambda n: "SELECT (" + "-" * n + "1 AS ?x) {}"),
    "binary-plus": ("query", lambda n: "SELECT (1" + "+1" * n + " AS ?x) {}"),
    "binary-and": ("query", lambda n: "ASK { FILTER(true" + "&&true" * n + ") }"),
    "brackets-expr": ("query", lambda n: "SELECT (" + "(" * n + "1" + ")" * n + " AS ?x) {}"),
    "brackets-group": ("query", lambda n: "ASK " + "{" * n + "}" * n),
    "path-seq": ("query", lambda n: "ASK { ?s " + "/".join([P] * n) + " ?o }"),
    "path-alt": ("query", lambda n: "ASK { ?s " + "|".join([P] * n) + " ?o }"),
    "in-list": ("query", lambda n: "ASK { FILTER(1 IN (" + ",".join(["1"] * n) + ")) }"),
    "union": ("query", lambda n: "ASK { " + " UNION ".join(["{}"] * n) + " }"),
    "triples": (
        "query",
        lambda n: "SELECT * { " + " ".join(f"?s{i} {P} ?o{i} ." for i in range(n)) + " } LIMIT 1",
    ),
    "optional": ("query", lambda n: "ASK { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * n + "}"),
    "bind": ("query", lambda n: "ASK { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(n)) + " }"),
    "filter": ("query", lambda n: "ASK { ?s ?p ?o " + "FILTER(true) " * n + "}"),
    "minus": ("query", lambda n: "ASK { ?s ?p ?o " + "MINUS { ?s ?p 1 } " * n + "}"),
    "groups": ("query", lambda n: "ASK { " + "{ ?s ?p ?o } " * n + "}"),
    "graph": ("query", lambda n: "ASK { " + "GRAPH ?g { ?s ?p ?o } " * n + "}"),
    "values": ("query", lambda n: "ASK { " + "VALUES ?x { 1 } " * n + "}"),
    "concat": ("query", lambda n: "SELECT (CONCAT(" + ",".join(['"a"'] * n) + ") AS ?x) {}"),
    "coalesce": ("query", lambda n: "SELECT (COALESCE(" + ",".join(["1"] * n) + ") AS ?x) {}"),
    "insert-graphs": (
        "update",
        lambda n: (
            "INSERT DATA { "
            + " ".join(
                f"GRAPH <http://ex/g{i}> {{ <http://ex/a> <http://ex/b> {i} }}" for i in range(n)
            )
            + " }"
        ),
    ),
    "update-unary": (
        "update",
        lambda n: (
            "INSERT { <http://ex/a> <http://ex/b> ?x } WHERE { BIND(" + "!" * n + "true AS ?x) }"
        ),
    ),
    "update-binary": (
        "update",
        lambda n: (
            "INSERT { <http://ex/a> <http://ex/b> ?x } WHERE { BIND(1" + "+1" * n + " AS ?x) }"
        ),
    ),
    "update-path": (
        "update",
        lambda n: "DELETE { ?s " + P + " ?o } WHERE { ?s " + "/".join([P] * n) + " ?o }",
    ),
}


def trial(kind: str, text: str, timeout: float) -> str:
    """ "ok", "error" (a clean SyntaxError or the like), "crash" or "slow"."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, kind],
            input=text.encode(),
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "slow"
    if done.returncode < 0:
        return "crash"
    return {0: "ok", 3: "error"}.get(done.returncode, f"exit {done.returncode}")


def first_crash(kind: str, make: Callable[[int], str], top: int, timeout: float) -> str:
    lo, hi = 1, None
    size = 64
    while size <= top:
        outcome = trial(kind, make(size), timeout)
        if outcome == "crash":
            hi = size
            break
        if outcome == "slow":
            return f"slow (>{timeout:g} s) at {size}, no crash below"
        lo = size
        size *= 2
    if hi is None:
        return f"none up to {lo}"
    while hi - lo > max(1, lo // 50):
        mid = (lo + hi) // 2
        if trial(kind, make(mid), timeout) == "crash":
            hi = mid
        else:
            lo = mid
    return f"crashes at {hi} (runs at {lo})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=300_000)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--kinds", default=",".join(SHAPES))
    args = parser.parse_args()
    for name in args.kinds.split(","):
        kind, make = SHAPES[name]
        print(f"{name:16} {first_crash(kind, make, args.max, args.timeout)}", flush=True)


if __name__ == "__main__":
    main()
