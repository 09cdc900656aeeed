"""Benchmark (not a test): what checking one new document against the shapes costs.

Each report of the bundled corpus is read as a new document (its own key), extracted,
and checked by `DocumentChecker` against a context store (ontology, themes, reference
data), after one check that warms the caches; the median of `--repeat` checks is
printed with the graph's size. Run the same command with another checkout's package
first on PYTHONPATH to compare two versions in one go:

    python tests/bench_document_check.py
    PYTHONPATH=/path/to/other/package/parent python tests/bench_document_check.py
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.pipeline.build import build, default_steps
from gemeentegraaf.pipeline.document_check import DocumentChecker
from gemeentegraaf.pipeline.ingest import extract_ingested, prepare_ingest
from gemeentegraaf.store.oxigraph import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="checks per report (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        context = Path(tmp) / "context"
        build(
            context,
            steps=[s for s in default_steps() if s[0] in ("ontology", "themes", "reference")],
        )
        store = open_store(context, read_only=True)
        try:
            checker = DocumentChecker.from_store(store)
        finally:
            store.close()
        print(f"{'report':<48}{'triples':>9}{'seconds':>9}  conforms")
        for path in sorted(CORPUS_DIR.glob("*.txt"), key=lambda p: p.stat().st_size):
            ingested = prepare_ingest(
                path, title=None, publisher="P", year=2024, key=f"bench-{path.stem}"
            )
            graph = extract_ingested(ingested)
            checker.check(graph)
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                report = checker.check(graph)
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            print(f"{path.stem:<48}{len(graph):>9,}{median:>9.2f}  {report.conforms}")


if __name__ == "__main__":
    main()
