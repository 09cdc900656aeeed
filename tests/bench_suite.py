"""The test suite's time on two commits of tests/, one after the other on this machine.

    python tests/bench_suite.py [--before COMMIT] [--after COMMIT] [pytest options]
    python tests/bench_suite.py --before 5c0147e -- -m "not browser"

Each commit's tests/ (and pyproject.toml) is checked out into a temporary git
worktree and the suite runs there with this interpreter, `-p no:randomly`, its
own --basetemp and a JUnit XML report; then tests/suite_times.py prints the
per-file totals and the whole run side by side, with the ratio. Both runs
import the *installed* gemeentegraaf (this venv's editable install), so this
compares test suites over one product, which is what a change to tests/ needs.
The defaults: --before is the merge base with main, --after is HEAD.

Timing on a shared machine is noisy: run it on a quiet one, or at least look at
the load (printed before and after each run) and compare ratios within one call.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from tests.suite_times import per_file
except ImportError:  # run as `python tests/bench_suite.py`: tests/ is on sys.path
    from suite_times import per_file

REPO = Path(__file__).resolve().parents[1]


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def run_suite(commit: str, scratch: Path, pytest_args: list[str]) -> tuple[Path, float, int]:
    """Run the suite of `commit` in a worktree under `scratch`; the report, seconds, exit code."""
    tree = scratch / f"tree-{commit[:10]}"
    _git("worktree", "add", "--detach", str(tree), commit)
    report = scratch / f"{commit[:10]}.xml"
    command = [
        # One process (-n 0): the suite runs in two since it has pytest-xdist, and
        # commits from before that must be timed alike.
        sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-n", "0",
        f"--basetemp={scratch / ('tmp-' + commit[:10])}", f"--junitxml={report}", *pytest_args,
    ]  # fmt: skip
    print(f"{commit[:10]}: load {_load()} before; {' '.join(command[1:])}", flush=True)
    start = time.monotonic()
    try:
        done = subprocess.run(command, cwd=tree, env=dict(os.environ), check=False)
    finally:
        _git("worktree", "remove", "--force", str(tree))
    seconds = time.monotonic() - start
    print(f"{commit[:10]}: {seconds:.0f} s, exit {done.returncode}, load {_load()} after")
    return report, seconds, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="commit (default: the merge base with main)")
    parser.add_argument("--after", default="HEAD", help="commit (default: HEAD)")
    parser.add_argument("--top", type=int, default=40, help="files shown")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to pytest")
    args = parser.parse_args()
    before = _git("rev-parse", args.before or _git("merge-base", "HEAD", "main"))
    after = _git("rev-parse", args.after)
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as scratch:
        runs = [run_suite(c, Path(scratch), args.pytest_args) for c in (before, after)]
        totals = [per_file(report) for report, _, _ in runs]
        first = totals[0][0]
        print(f"\n{'file':40} {before[:10]:>10} {after[:10]:>10}      ratio")
        for name in sorted(set(first) | set(totals[1][0]), key=lambda n: -first.get(n, 0))[
            : args.top
        ]:
            a, b = first.get(name), totals[1][0].get(name)
            cells = [f"{v:10.1f}" if v is not None else f"{'-':>10}" for v in (a, b)]
            ratio = f"{b / a:10.2f}" if a and b is not None else ""
            print(f"{name:40} {cells[0]} {cells[1]} {ratio}")
        (_, s0, c0), (_, s1, c1) = runs
        print(f"{'whole run (wall clock)':40} {s0:10.1f} {s1:10.1f} {s1 / s0:10.2f}")
        if c0 or c1:
            sys.exit(f"a run failed (exit {c0}, {c1}): the times do not compare like for like")


if __name__ == "__main__":
    main()
