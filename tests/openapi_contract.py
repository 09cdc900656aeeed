"""Schemathesis over the service's own OpenAPI document, against a real uvicorn.

Used by tests/test_openapi_contract.py, and runnable on its own to count what
Schemathesis finds, per check (the numbers in a report):

    python -m tests.openapi_contract [--max-examples N] [--seed S] [--store DIR]

Without --store it builds the small sample store (tests/service_sample.py) in a
temporary folder. The server runs with an update token and Schemathesis sends
it, so the write operations (SPARQL Update, the Graph Store's PUT, POST and
DELETE) are exercised too, not only refused.

Every check is on and every phase runs (examples, coverage, fuzzing,
stateful), as `st run --checks all` does. Request bodies and parameters whose
grammar JSON Schema cannot state (a SPARQL query, a Turtle document, similarity
weights) carry a `format` or media type in the OpenAPI document; the
strategies below generate valid values for them, so that a valid request is
really valid.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TOKEN = "contract-test-token"
DEFAULT_SEED = 20261205
DEFAULT_MAX_EXAMPLES = 25


@dataclass
class Found:
    check: str
    operation: str
    title: str
    curl: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.operation}: {self.title}\n    {self.curl}"


@dataclass
class Report:
    """What one run found: unique failures (as the CLI counts them) and errors."""

    failures: list[Found] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cases: int = 0
    operations: int = 0

    def per_check(self) -> Counter[str]:
        return Counter(f.check for f in self.failures)

    def summary(self) -> str:
        lines = [f"{self.operations} operations, {self.cases} test cases"]
        counts = self.per_check()
        lines += [f"  {check}: {n}" for check, n in sorted(counts.items())] or ["  no failures"]
        lines += [f"  error: {e}" for e in self.errors]
        return "\n".join(lines)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(store: Path, *, token: str | None = TOKEN) -> Iterator[str]:
    """uvicorn with the app on `store`, on 127.0.0.1 and a free port; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "GEMEENTEGRAAF_STORE": str(store),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    env.pop("GEMEENTEGRAAF_STORE_URL", None)
    if token:
        env["GEMEENTEGRAAF_UPDATE_TOKEN"] = token
    command = [
        sys.executable, "-m", "uvicorn", "gemeentegraaf.service.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError("uvicorn exited before it answered")
            try:
                if httpx.get(base + "/openapi.json", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run(
    base: str,
    *,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    seed: int = DEFAULT_SEED,
    token: str | None = TOKEN,
) -> Report:
    """Every operation of `base`/openapi.json, every check, every phase."""
    import schemathesis
    from schemathesis.engine import events, from_schema

    from tests import openapi_strategies

    openapi_strategies.register()
    config = schemathesis.Config.from_dict(
        {
            "seed": seed,
            "generation": {"max-examples": max_examples},
            "workers": 1,
            "continue-on-failure": True,
            "headers": {"Authorization": f"Bearer {token}"} if token else {},
        }
    )
    config.projects.override.checks.update(included_check_names=["all"])
    schema = schemathesis.openapi.from_url(base + "/openapi.json", config=config)
    report = Report(operations=len(list(schema.get_all_operations())))
    seen: dict[object, str] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            report.cases += len(recorder.cases)
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    info = check.failure_info
                    if info is None or info.failure in seen:
                        continue
                    seen[info.failure] = case_id
                    title = info.failure.title
                    status = getattr(info.failure, "status_code", None)
                    if status is not None:
                        title = f"{title} ({status})"
                    report.failures.append(
                        Found(check.name, info.failure.operation, title, info.code_sample)
                    )
        elif isinstance(event, events.NonFatalError):
            report.errors.append(f"{event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            report.errors.append(f"fatal: {event.exception!r}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store (default: the sample store)")
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-token", action="store_true", help="run with writes disabled")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    args = parser.parse_args(argv)
    token = None if args.no_token else TOKEN
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "store"
        if args.store is None:
            from tests.service_sample import build_sample_store

            build_sample_store(store)
        else:
            # A copy: the run writes to the store it is given.
            shutil.copytree(args.store, store)
        started = time.monotonic()
        with serve(store, token=token) as base:
            report = run(base, max_examples=args.max_examples, seed=args.seed, token=token)
    if args.verbose:
        for found in report.failures:
            print(found)
    print(report.summary())
    print(f"({time.monotonic() - started:.0f} s, seed {args.seed})")
    return 1 if report.failures or report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
