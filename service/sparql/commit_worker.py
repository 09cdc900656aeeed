"""The process that commits writes: cut off from the network, dies with the service.

`Committer.run(job)` hands a job (gemeentegraaf.store.commit) to a process of its
own, `python -m gemeentegraaf.service.sparql.commit_worker`, started on the first
write and kept for the next ones (starting one per write costs about half a
second). The process first moves into a new network namespace (as the query
workers do, isolation.isolate_network; before RocksDB starts its threads), and
ends as soon as the service is gone, so that a service killed
mid-commit leaves no process holding the store: the commit is one transaction,
so the store then holds all of the write or none of it. Between commits it holds
no handle on the store (store/commit.py opens and closes it per job).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection

from gemeentegraaf.service.sparql.isolation import isolate_network
from gemeentegraaf.store.commit import CommitDone, CommitJob, apply

log = logging.getLogger("gemeentegraaf.sparql")

_START_TIMEOUT = 60.0
_WATCH_INTERVAL = 0.1  # how often the process checks that the service still runs


class Committer:
    """Runs commits, one at a time, in a process cut off from the network."""

    def __init__(self, *, isolate: bool = True) -> None:
        self._isolate = isolate
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        # Whether the commit process is cut off from the network (None: not started yet).
        self.network_isolated: bool | None = None

    def run(self, job: CommitJob) -> CommitDone:
        """Commit `job` and wait for it. No time limit and no second try: a commit
        stopped halfway leaves the client not knowing whether it landed (the write log
        tells), and trying again could apply it twice."""
        with self._lock:
            try:
                conn = self._start()
            except OSError as exc:
                return CommitDone(False, error=f"the commit process could not start: {exc}")
            try:
                conn.send(job)
                done = conn.recv()
            except (EOFError, OSError) as exc:
                self._stop()
                return CommitDone(False, error=f"the commit process stopped ({exc or 'no answer'})")
        if not isinstance(done, CommitDone):
            return CommitDone(False, error="the commit process answered something else")
        return done

    def start(self) -> None:
        """Start the process ahead of the first commit (raises OSError if it cannot)."""
        with self._lock:
            self._start()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _start(self) -> Connection:
        if self._process is not None and self._process.poll() is None and self._conn is not None:
            return self._conn
        self._stop()
        ours, theirs = socket.socketpair()
        command = [
            sys.executable,
            "-m",
            "gemeentegraaf.service.sparql.commit_worker",
            str(os.getpid()),
            str(theirs.fileno()),
        ]
        if self._isolate:
            command.append("--isolate-network")
        try:
            process = subprocess.Popen(
                command, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL
            )
        finally:
            theirs.close()
        conn = Connection(ours.detach())
        try:
            if not conn.poll(_START_TIMEOUT):
                raise OSError("it did not start in time")
            _, isolated = conn.recv()
        except (EOFError, OSError) as exc:
            process.kill()
            process.wait()
            conn.close()
            raise OSError(f"it did not start ({exc})") from exc
        if self._isolate and not isolated:
            log.warning("the commit process %d could not be cut off from the network", process.pid)
        self._process, self._conn, self.network_isolated = process, conn, isolated
        return conn

    def _stop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()  # the process ends when it reads the end
        if self._process is not None:
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = self._conn = None


def _die_with_parent(parent: int) -> None:
    """End this process as soon as the service process is gone (checked every 0.1 s).

    Not prctl(PR_SET_PDEATHSIG): that fires when the *thread* that started the
    process ends, and the service starts it from a pool thread that may end
    while the process should live on. Ending mid-commit is safe: the commit is
    one transaction."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> None:
    """`python -m gemeentegraaf.service.sparql.commit_worker PARENT_PID FD [--isolate-network]`."""
    conn = Connection(int(argv[1]))
    # Before any thread starts (unshare with a new user namespace needs one thread).
    isolated = isolate_network() if "--isolate-network" in argv[2:] else False
    _die_with_parent(int(argv[0]))
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        done = apply(job) if isinstance(job, CommitJob) else CommitDone(False, error="no job")
        try:
            conn.send(dataclasses.replace(done, network_isolated=isolated))
        except (OSError, ValueError):
            return


if __name__ == "__main__":
    # Run the copy imported under its package name, so that CommitJob / CommitDone are
    # gemeentegraaf.store.commit's classes, not __main__'s.
    from gemeentegraaf.service.sparql import commit_worker

    commit_worker.main(sys.argv[1:])
