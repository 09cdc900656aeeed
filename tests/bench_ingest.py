"""Benchmark (not a test): is ingest linear in a report's size, with and without line breaks?

Inputs are derived from the bundled corpus: the reports concatenated (repeated as needed)
and cut at 100 KB and 1 MB, each also as a newline-stripped copy (one unbroken line, as
text taken from HTML often is). Each size is ingested with `gemeentegraaf ingest` into a
copy of a context store (ontology, themes, reference data), in a fresh process, and timed
end to end. Target: 1 MB takes at most 10x the time of 100 KB, in both cases.

    python tests/bench_ingest.py            # prints a table and the ratios
    python tests/bench_ingest.py --python OTHER/bin/python   # time another install
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.pipeline.build import build, default_steps

SIZES = {"100 KB": 100_000, "1 MB": 1_000_000}
# the richest report first, so that even the smallest input names municipalities
ORDER = (
    "platform31-analyse-coalitieakkoorden-2018",
    "platform31-trendstudie-g40-m50-2021",
    "vng-stand-van-de-uitvoering-2023",
    "g32-analyse-regeerakkoord-2017",
    "platform31-trendstudie-2013",
)


def derived_text(size: int) -> str:
    whole = "\n\n".join((CORPUS_DIR / f"{k}.txt").read_text(encoding="utf-8") for k in ORDER)
    text = whole
    while len(text.encode("utf-8")) < size:
        text += "\n\n" + whole
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def ingest_seconds(
    context: Path, work: Path, name: str, text: str, python: str
) -> tuple[float, str]:
    store = work / f"store-{name}"
    shutil.copytree(context, store)
    path = work / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    command = [python, "-m", "gemeentegraaf.cli.main", "ingest", "--store", str(store), str(path)]
    command += ["--title", "Bench", "--publisher", "bench", "--year", "2024"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ingest of {name} failed: {done.stderr}")
    return seconds, done.stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter to time")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per input; the fastest counts (default 3)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        context = work / "context"
        build(
            context,
            steps=[s for s in default_steps() if s[0] in ("ontology", "themes", "reference")],
        )
        # once untimed: the first run of an install compiles its bytecode and fills caches
        ingest_seconds(context, work, "warm-up", derived_text(20_000), args.python)
        times: dict[tuple[str, str], float] = {}
        print(f"{'input':<28}{'seconds':>9}  result")
        for layout in ("with line breaks", "without line breaks"):
            for label, size in SIZES.items():
                text = derived_text(size)
                if layout == "without line breaks":
                    text = " ".join(text.split())
                name = f"{label}-{layout}".replace(" ", "-")
                # the fastest of a few runs: the least disturbed by other work on the machine
                runs = [
                    ingest_seconds(context, work, f"{name}-{n}", text, args.python)
                    for n in range(args.repeat)
                ]
                seconds, line = min(runs)
                times[(layout, label)] = seconds
                print(f"{label + ', ' + layout:<28}{seconds:>9.1f}  {line[:90]}")
        print()
        for layout in ("with line breaks", "without line breaks"):
            ratio = times[(layout, "1 MB")] / times[(layout, "100 KB")]
            verdict = "ok" if ratio <= 10 else "TOO SLOW"
            print(f"1 MB / 100 KB, {layout}: {ratio:.1f}x (target <= 10x) {verdict}")


if __name__ == "__main__":
    main()
