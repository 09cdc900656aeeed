"""The process that commits a write: cut off from the network, dies with the service.

`run(job, isolate=...)` starts `python -m gemeentegraaf.service.sparql.commit_worker`,
sends it the job (gemeentegraaf.store.commit) on stdin and reads what became of
it on stdout. The process first moves into a new network namespace (as the
query workers do, isolation.isolate_network; before RocksDB starts its
threads), and asks the kernel to kill it when the service dies, so that a
service killed mid-commit leaves no process holding the store: the commit is
one transaction, so the store then holds all of the write or none of it.
"""

from __future__ import annotations

import ctypes
import dataclasses
import logging
import os
import pickle
import signal
import subprocess
import sys

from gemeentegraaf.service.sparql.isolation import isolate_network
from gemeentegraaf.store.commit import CommitDone, CommitJob, apply

log = logging.getLogger("gemeentegraaf.sparql")

_PR_SET_PDEATHSIG = 1


def run(job: CommitJob, *, isolate: bool) -> CommitDone:
    """Commit `job` in a process of its own and wait for it (no time limit: a commit
    stopped halfway would leave the client not knowing; it is all-or-none anyway)."""
    command = [sys.executable, "-m", "gemeentegraaf.service.sparql.commit_worker", str(os.getpid())]
    if isolate:
        command.append("--isolate-network")
    try:
        process = subprocess.run(command, input=pickle.dumps(job), capture_output=True, check=False)
    except OSError as exc:
        return CommitDone(False, error=f"the commit process could not start: {exc}")
    if process.returncode != 0 or not process.stdout:
        detail = process.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [
            f"exit status {process.returncode}"
        ]
        return CommitDone(False, error=f"the commit process failed ({detail[0]})")
    done = pickle.loads(process.stdout)  # noqa: S301 - our own child's answer
    if not isinstance(done, CommitDone):
        return CommitDone(False, error="the commit process answered something else")
    if isolate and not done.network_isolated:
        log.warning("the commit process could not be cut off from the network")
    return done


def _die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the service process ends (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the request took effect
        os._exit(1)


def main(argv: list[str]) -> None:
    """`python -m gemeentegraaf.service.sparql.commit_worker PARENT_PID [--isolate-network]`."""
    _die_with_parent(int(argv[0]))
    isolated = isolate_network() if "--isolate-network" in argv[1:] else False
    job = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - from the service that started us
    done = apply(job)
    sys.stdout.buffer.write(pickle.dumps(_with_isolation(done, isolated)))
    sys.stdout.flush()


def _with_isolation(done: CommitDone, isolated: bool) -> CommitDone:
    return dataclasses.replace(done, network_isolated=isolated)


if __name__ == "__main__":
    # Run the copy imported under its package name, so that CommitJob / CommitDone are
    # gemeentegraaf.store.commit's classes, not __main__'s.
    from gemeentegraaf.service.sparql import commit_worker

    commit_worker.main(sys.argv[1:])
