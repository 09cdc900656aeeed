"""Where the test suite's time goes: per-file totals from pytest's JUnit XML, side by side.

    python -m pytest -q -p no:randomly --junitxml=before.xml     # on one commit
    python -m pytest -q -p no:randomly --junitxml=after.xml      # on another
    python tests/suite_times.py before.xml [after.xml] [--top 40]

A test case's time in the XML is its setup, call and teardown together, so a
module-scoped fixture counts in the file whose first test started it (a
session-scoped one in the first file that used it). The whole run's wall-clock
time is the <testsuite time=...>. On a shared machine compare ratios within one
pair of runs, and say how loaded the machine was.
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path


def per_file(report: Path) -> tuple[dict[str, float], float]:
    """Seconds per test file, and the whole run's seconds, from one JUnit XML report."""
    root = ET.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    totals: dict[str, float] = defaultdict(float)
    for case in root.iter("testcase"):
        # classname is "tests.test_app" or "tests.test_app.TestSomething".
        parts = case.get("classname", "").split(".")
        name = next((p for p in parts if p.startswith("test_")), ".".join(parts) or "?")
        totals[name] += float(case.get("time", "0"))
    return dict(totals), sum(float(s.get("time", "0")) for s in suites)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path, help="one or two JUnit XML files")
    parser.add_argument("--top", type=int, default=40, help="files shown (by the first report)")
    args = parser.parse_args()
    if len(args.reports) > 2:
        parser.error("one report, or two to compare")
    runs = [per_file(report) for report in args.reports]
    first = runs[0][0]
    names = sorted(first, key=first.get, reverse=True)[: args.top]
    if len(runs) == 2:
        names += sorted(set(runs[1][0]) - set(first))  # files only in the second run
    header = f"{'file':40} " + " ".join(f"{r.name[:10]:>10}" for r in args.reports)
    print(header + ("      ratio" if len(runs) == 2 else ""))
    for name in names:
        values = [run[0].get(name) for run in runs]
        cells = " ".join(f"{v:10.1f}" if v is not None else f"{'-':>10}" for v in values)
        ratio = ""
        if len(values) == 2 and values[0] and values[1] is not None:
            ratio = f" {values[1] / values[0]:10.2f}"
        print(f"{name:40} {cells}{ratio}")
    cells = " ".join(f"{run[1]:10.1f}" for run in runs)
    ratio = f" {runs[1][1] / runs[0][1]:10.2f}" if len(runs) == 2 and runs[0][1] else ""
    print(f"{'whole run (wall clock)':40} {cells}{ratio}")


if __name__ == "__main__":
    main()
