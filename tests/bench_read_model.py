"""Benchmark (not a test): latency of the read model's calls, this checkout against a git ref.

    python tests/bench_read_model.py --store PATH              # a built store
    python tests/bench_read_model.py --store PATH --against REF

Times the calls the pages and the API make most (best of `--repeat` runs each).
With --against, the same calls run in a second process on the code of REF
(extracted from git into a temporary folder), the two processes taking turns
per call, and the table gives both times and their ratio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WONEN = "https://w3id.org/gemeentegraaf/id/thema/wonen"
G40 = "https://w3id.org/gemeentegraaf/id/netwerk/g40"
AMSTERDAM = "https://w3id.org/gemeentegraaf/id/gemeente/gm0363"
PARTICIPATIEWET = "https://w3id.org/gemeentegraaf/id/programma/participatiewet"

# name → Python expression over `q` (the read model) and `store`.
CALLS = {
    "municipalities()": "q.municipalities(store)",
    "municipalities(network)": "q.municipalities(store, network=G40)",
    "municipalities(theme)": "q.municipalities(store, theme=WONEN)",
    "municipalities(text)": "q.municipalities(store, text='den')",
    "municipality(GM0363)": "q.municipality(store, 'GM0363')",
    "facts_about(GM0363)": "q.facts_about(store, AMSTERDAM)",
    "programmes()": "q.programmes(store)",
    "programmes(participant)": "q.programmes(store, participant=AMSTERDAM)",
    "bottlenecks()": "q.bottlenecks(store)",
    "bottlenecks(theme)": "q.bottlenecks(store, theme=WONEN)",
    "bottlenecks(law)": "q.bottlenecks(store, law=PARTICIPATIEWET)",
    "theme_municipalities": "q.theme_municipalities(store, WONEN)",
    "theme_negations": "q.theme_negations(store, WONEN)",
    "themes()": "q.themes(store)",
    "networks()": "q.networks(store)",
    "documents()": "q.documents(store)",
}

# The worker: reads call names on stdin, answers the best time in seconds.
WORKER = """
import json, sys, time
from pathlib import Path
from gemeentegraaf.queries import read_model as q
from gemeentegraaf.store.oxigraph import open_store
store = open_store(Path(sys.argv[1]), read_only=True)
repeat = int(sys.argv[2])
names = json.loads(sys.argv[3])
for name, value in names.items():
    globals()[name] = value
for line in sys.stdin:
    expression = line.strip()
    eval(expression)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        eval(expression)
        best = min(best, time.perf_counter() - start)
    print(best, flush=True)
"""


class Worker:
    def __init__(self, source: Path, store: Path, repeat: int) -> None:
        names = json.dumps(
            {"WONEN": WONEN, "G40": G40, "AMSTERDAM": AMSTERDAM, "PARTICIPATIEWET": PARTICIPATIEWET}
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(store), str(repeat), names],
            cwd=source,
            env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def time(self, expression: str) -> float:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(expression + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def checkout(ref: str, target: Path) -> Path:
    """The files of git `ref` under `target`, importable as gemeentegraaf."""
    tree = target / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return importable(tree, target / "import")


def importable(tree: Path, target: Path) -> Path:
    """A folder in which `import gemeentegraaf` finds the package of checkout `tree`."""
    package = target / "gemeentegraaf"
    package.mkdir(parents=True)
    for entry in (tree / "graph").iterdir():
        (package / entry.name).symlink_to(entry)
    for sub in ("service", "ontology", "shapes", "data"):
        (package / sub).symlink_to(tree / sub)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--against", help="a git ref to compare with")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        here = Worker(importable(ROOT, Path(tmp) / "here"), args.store.resolve(), args.repeat)
        there = None
        if args.against:
            there = Worker(checkout(args.against, Path(tmp)), args.store.resolve(), args.repeat)
        print(f"{'call':26s} {'this':>9s}" + (f" {args.against:>9s}  ratio" if there else ""))
        for name, expression in CALLS.items():
            mine = here.time(expression)
            line = f"{name:26s} {mine * 1000:7.1f}ms"
            if there:
                theirs = there.time(expression)
                line += f" {theirs * 1000:7.1f}ms  {mine / theirs:5.2f}"
            print(line)
        here.close()
        if there:
            there.close()


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.0f} s)")
