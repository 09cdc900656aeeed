"""Benchmark (not a test): bulk ingest of 10, 50 and 200 documents.

The documents are derived honestly from the bundled reports: copy i of a report swaps
one municipality the report names with another current municipality, consistently
(every whole-word occurrence of either name becomes the other), so every copy is a
distinct document whose facts follow the names. Each size is ingested with
`gemeentegraaf ingest DIR` (parallel over the cores) into a fresh copy of a context
store (ontology, themes, reference data). Printed per size: wall time, time per
document, peak memory (summed RSS of the command and its worker processes, sampled
every 0.1 s) and the triples in the store afterwards. Time per document should stay flat.

    python tests/bench_bulk.py [--sizes 10 50 200] [--jobs N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from gemeentegraaf.pipeline.build import build, default_steps
from gemeentegraaf.sources.catalogue import corpus_records, raw_text
from gemeentegraaf.sources.reference_data import municipalities
from gemeentegraaf.store.oxigraph import open_store


def _swap(text: str, a: str, b: str) -> str:
    pattern = re.compile(rf"(?<![\w'-])({re.escape(a)}|{re.escape(b)})(?![\w'-])")
    return pattern.sub(lambda m: b if m.group(1) == a else a, text)


def derived_documents(count: int) -> list[tuple[str, str]]:
    """(file name, text) for `count` distinct documents made by consistent name swaps."""
    names = sorted({m.name for m in municipalities() if m.current and len(m.name) >= 4})
    plans = []
    for record in corpus_records():
        text = raw_text(record)
        named = [n for n in names if re.search(rf"(?<![\w'-]){re.escape(n)}(?![\w'-])", text)]
        others = [n for n in names if n not in named]
        if named:  # a report naming no municipality has nothing to swap
            pairs = ((a, b) for a, b in zip(itertools.cycle(named), others, strict=False))
            plans.append((record.key, text, pairs))
    documents = []
    for key, text, pairs in itertools.cycle(plans):
        if len(documents) == count:
            break
        a, b = next(pairs)
        documents.append((f"{key}--{a}-{b}".replace(" ", "_").replace("'", ""), _swap(text, a, b)))
    return documents


def _tree_rss(root: int) -> int:
    """Summed resident memory (bytes) of a process and all its descendants."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(context: Path, work: Path, count: int, jobs: int | None) -> dict[str, float]:
    docs = work / f"docs-{count}"
    docs.mkdir()
    documents = derived_documents(count)
    size = 0
    for name, text in documents:
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    store = work / f"store-{count}"
    shutil.copytree(context, store)
    command = [sys.executable, "-m", "gemeentegraaf.cli.main", "ingest", "--store", str(store)]
    command += [str(docs), "--publisher", "bench", "--year", "2024", "--quiet"]
    if jobs:
        command += ["--jobs", str(jobs)]
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"ingest of {count} documents failed:\n{err[-2000:]}")
    reader = open_store(store, read_only=True)
    try:
        triples = reader.triple_count()
        graphs = len(reader.graphs())
    finally:
        reader.close()
    shutil.rmtree(store)
    shutil.rmtree(docs)
    return {
        "documents": count,
        "megabytes": size / 1e6,
        "seconds": seconds,
        "per_document": seconds / count,
        "peak_mb": peak / 1e6,
        "triples": triples,
        "graphs": graphs,
        "summary": out.strip().splitlines()[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        context = work / "context"
        steps = [s for s in default_steps() if s[0] in ("ontology", "themes", "reference")]
        build(context, steps=steps, store_steps=[])
        print(f"cores: {os.cpu_count()}, workers: {args.jobs or os.cpu_count()}")
        header = f"{'docs':>5}{'text MB':>9}{'seconds':>9}{'s/doc':>7}{'peak MB':>9}{'triples':>10}"
        print(header)
        print("-" * len(header))
        for count in args.sizes:
            r = run(context, work, count, args.jobs)
            print(
                f"{r['documents']:>5}{r['megabytes']:>9.1f}{r['seconds']:>9.1f}"
                f"{r['per_document']:>7.2f}{r['peak_mb']:>9.0f}{r['triples']:>10}"
                f"   ({r['summary']})",
                flush=True,
            )


if __name__ == "__main__":
    main()
