"""Schemathesis over the service's own OpenAPI document, against a real uvicorn.

Used by tests/test_openapi_contract.py, and runnable on its own to count what
Schemathesis finds, per check (the numbers in a report):

    python -m tests.openapi_contract [--max-examples N] [--seed S] [--store DIR]

Two servers, two runs:

- reads: every operation, on the sample store of the service tests
  (tests/service_sample.py, rich in municipalities, themes and facts), with
  writes disabled (so a write is a documented 403);
- writes: the operations that change data (SPARQL Update and the Graph
  Store's PUT, POST and DELETE) with the update token, on the small store of
  the SPARQL tests (tests/sparql_helpers.py), which conforms to the SHACL
  shapes, so that a valid write is accepted (the sample store above does not
  conform, and every write to it is rightly refused with 422). Each write is
  validated, so this run has fewer examples.

Every check is on (but the response-time limit: no timing assertions) and
every phase runs (examples, coverage, fuzzing, stateful), as `st run --checks
all` does. Request bodies and parameters whose
grammar JSON Schema cannot state (a SPARQL query, a Turtle document, similarity
weights) carry a `format` or media type in the OpenAPI document; the
strategies below generate valid values for them, so that a valid request is
really valid.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests import uvicorn_server

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
    # Operation → the checks that ran on its cases.
    checks_run: dict[str, set[str]] = field(default_factory=dict)

    def per_check(self) -> Counter[str]:
        return Counter(f.check for f in self.failures)

    def summary(self) -> str:
        lines = [f"{self.operations} operations, {self.cases} test cases"]
        counts = self.per_check()
        lines += [f"  {check}: {n}" for check, n in sorted(counts.items())] or ["  no failures"]
        lines += [f"  error: {e}" for e in self.errors]
        return "\n".join(lines)


@contextlib.contextmanager
def serve(store: Path, *, token: str | None = TOKEN) -> Iterator[str]:
    """uvicorn with the app on `store`, on 127.0.0.1 and a free port; yields its base URL."""
    settings = {"GEMEENTEGRAAF_UPDATE_TOKEN": token} if token else {}
    with uvicorn_server.serve(store, **settings) as server:
        yield server.base


WRITE_METHODS = ("POST", "PUT", "DELETE")
# What Schemathesis expects for a valid request by default.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
WRITE_EXAMPLES = 5


def run(
    base: str,
    *,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    seed: int = DEFAULT_SEED,
    token: str | None = None,
    methods: tuple[str, ...] | None = None,
) -> Report:
    """Every operation of `base`/openapi.json (or those with `methods`), every check and phase."""
    import schemathesis
    from schemathesis.engine import events, from_schema

    from tests import openapi_strategies

    openapi_strategies.register()
    settings: dict[str, object] = {
        "seed": seed,
        "generation": {"max-examples": max_examples},
        "workers": 1,
        "continue-on-failure": True,
        "headers": {"Authorization": f"Bearer {token}"} if token else {},
    }
    if methods is None:
        # (Only then: Schemathesis 4.32 drops a method filter when operations are configured.)
        settings["operations"] = [
            {
                # The one rule the document states only in words: the codes and the network's
                # members must be two municipalities or more (a 400 otherwise, documented). It
                # spans two parameters, which JSON Schema cannot relate.
                "include-path": "/api/shared-challenges",
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED, "400"]}},
            }
        ]
    config = schemathesis.Config.from_dict(settings)
    # Every check but the response-time limit: a timing assertion on a shared machine says
    # more about the machine than about the contract.
    config.projects.override.checks.update(
        included_check_names=["all"], excluded_check_names=["max_response_time"]
    )
    schema = schemathesis.openapi.from_url(base + "/openapi.json", config=config)
    if methods is not None:
        schema = schema.include(method=list(methods))
    report = Report(operations=len(list(schema.get_all_operations())))
    ran: dict[str, set[str]] = {}
    seen: dict[object, str] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            report.cases += len(recorder.cases)
            for case_id, checks in recorder.checks.items():
                operation = recorder.cases[case_id].value.operation.label
                ran.setdefault(operation, set()).update(check.name for check in checks)
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
    report.checks_run = ran
    return report


def read_and_write_runs(
    scratch: Path,
    *,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    write_examples: int = WRITE_EXAMPLES,
    seed: int = DEFAULT_SEED,
    store: Path | None = None,
) -> dict[str, Report]:
    """The two runs of the module docstring; `store` replaces the sample store of the reads."""
    from tests.service_sample import build_sample_store
    from tests.sparql_helpers import make_store

    reads = scratch / "reads"
    if store is None:
        build_sample_store(reads)
    else:
        shutil.copytree(store, reads)
    writes = make_store(scratch / "writes")
    reports = {}
    with serve(reads, token=None) as base:
        reports["reads"] = run(base, max_examples=max_examples, seed=seed)
    with serve(writes, token=TOKEN) as base:
        reports["writes"] = run(
            base, max_examples=write_examples, seed=seed, token=TOKEN, methods=WRITE_METHODS
        )
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store for the reads (copied)")
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES)
    parser.add_argument("--write-examples", type=int, default=WRITE_EXAMPLES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        reports = read_and_write_runs(
            Path(scratch),
            max_examples=args.max_examples,
            write_examples=args.write_examples,
            seed=args.seed,
            store=args.store,
        )
    failed = False
    for name, report in reports.items():
        if args.verbose:
            for found in report.failures:
                print(found)
        print(f"{name}: {report.summary()}")
        failed = failed or bool(report.failures or report.errors)
    print(f"({time.monotonic() - started:.0f} s, seed {args.seed})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
