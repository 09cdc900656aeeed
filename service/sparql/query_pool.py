"""Worker processes that run queries with a real timeout, and the snapshots they read.

Why processes: pyoxigraph has no way to interrupt a query from Python, and a
thread cannot be killed. A query runs in a worker process; when it passes the
timeout the process is killed (SIGKILL) and replaced, and the client gets 503.
Other requests go to other workers, so one slow query never blocks the rest.

Why snapshots: pyoxigraph documents that opening a store read-only while
another process writes to it is undefined behaviour, and answering from
RocksDB is several times slower than from memory. The service process keeps
the one handle on the durable store and an in-memory read view of it
(gemeentegraaf.store.read_view); workers load the view's N-Quads dump into
their own memory, once per version. Every write through the service makes a
new view, so answers always include the last committed write.

With a remote store (a SPARQL server) queries go to the server
(remote_queries.py) and the workers only dry-run writes: their snapshot is an
N-Quads dump of the server's data, taken afresh for every write, since other
clients may write to the server too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from gemeentegraaf.service.sparql.query_worker import DryRunTask, QueryTask, Snapshot
from gemeentegraaf.store import scratch
from gemeentegraaf.store.base import GraphStore, StoreError
from gemeentegraaf.store.read_view import ReadView, ReadViews

log = logging.getLogger("gemeentegraaf.sparql")

T = TypeVar("T")

# How long a new worker may take to start (import pyoxigraph, answer "ready").
_START_TIMEOUT = 60.0


class QueryTimeout(Exception):
    """The task ran past its time limit; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


class WorkersBusy(Exception):
    """No worker became free within the time limit."""


class WorkerFailed(Exception):
    """The worker died while running the task (crash, out of memory)."""


class Snapshots:
    """What the query workers read: the N-Quads dump of a read view.

    An embedded store is read from memory (gemeentegraaf.store.read_view): the
    service's current view has a dump of its version, which a worker loads
    into its own in-memory store once per version. A query task carries the
    snapshot of the view its request took, so a worker never answers from
    another version than the rest of that request. A write commits on the
    durable store and then makes the next view (`commit`).

    With a store server the queries go to the server; dry runs of writes read
    a dump of the server's data taken afresh each time (other clients write too).
    """

    def __init__(self, store: GraphStore, views: ReadViews | None = None) -> None:
        self._store = store
        self._owns_views = views is None
        self.views = views if views is not None else ReadViews(store)
        self._embedded = self.views.embedded
        self._lock = threading.Lock()
        self._taken: dict[str, list[ReadView]] = {}  # snapshot path → views pinned for tasks
        self._all: set[str] = set()  # server dumps made so far and not yet removed
        self._pins: dict[str, int] = {}  # server dumps a task is about to use
        self._root: Path | None = None  # where server dumps go; made on first use

    def of(self, view: ReadView) -> Snapshot:
        """The snapshot a worker loads to answer from `view` (an embedded store's view)."""
        assert view.dump is not None, "a store server's view has no dump"
        return Snapshot(str(view.dump), "nquads")

    def pin_current(self) -> Snapshot:
        """The snapshot of the data as it is now; its file stays until `unpin`."""
        if self._embedded:
            view = self.views.take()
            snapshot = self.of(view)
            with self._lock:
                self._taken.setdefault(snapshot.path, []).append(view)
            return snapshot
        with self._lock:
            snapshot = self._make()
            self._all.add(snapshot.path)
            self._pins[snapshot.path] = 1
            return snapshot

    def unpin(self, snapshot: Snapshot) -> None:
        if self._embedded:
            with self._lock:
                taken = self._taken.get(snapshot.path) or []
                view = taken.pop() if taken else None
                if not taken:
                    self._taken.pop(snapshot.path, None)
            if view is not None:
                self.views.release(view)
            return
        with self._lock:
            left = self._pins.get(snapshot.path, 0) - 1
            if left > 0:
                self._pins[snapshot.path] = left
            else:
                self._pins.pop(snapshot.path, None)
                _remove(snapshot.path)  # used once: a server's data moves on
                self._all.discard(snapshot.path)

    def scratch(self, of: Snapshot) -> Snapshot:
        """A private copy of `of` for a dry run (`discard` it after); the worker loads it
        into a writable in-memory store."""
        target = f"{of.path}.scratch-{uuid.uuid4().hex[:8]}.nq"
        try:
            os.link(of.path, target)  # the file is never written to: a link will do
        except OSError:
            shutil.copyfile(of.path, target)
        return Snapshot(target, "nquads")

    def commit(self, write: Callable[[], T]) -> T:
        """Run a write on the durable store, then answer later reads from the new data."""
        try:
            return write()
        finally:
            try:
                self.views.reload()
            except StoreError as exc:
                # The write is durable; reads stay on the previous version until a reload works.
                log.error("the data changed but could not be reloaded: %s", exc)

    def _make(self) -> Snapshot:
        """A dump of a store server's data."""
        if self._root is None or not self._root.exists():
            self._root = scratch.owned_temp_dir(scratch.SNAPSHOTS_PREFIX, None)
        target = self._root / f"{uuid.uuid4().hex[:12]}.nq"
        target.write_bytes(self._store.dump("nq"))
        return Snapshot(str(target), "nquads")

    def discard_unused(self, in_use: set[str]) -> None:
        """Remove the server dumps that no task uses (a view's dumps go with the view)."""
        if self._embedded:
            return
        with self._lock:
            keep = set(in_use) | set(self._pins)
            for path in sorted(self._all - keep):
                _remove(path)
                self._all.discard(path)

    def discard(self, snapshot: Snapshot) -> None:
        _remove(snapshot.path)

    def close(self) -> None:
        with self._lock:
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
            self._all.clear()
            self._pins.clear()
            self._taken.clear()
        if self._owns_views:
            self.views.close()


def _remove(path: str) -> None:
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


class _Worker:
    def __init__(
        self, process: subprocess.Popen, conn: Connection, pid: int, isolated: bool
    ) -> None:
        self.process = process
        self.conn = conn
        self.pid = pid
        self.isolated = isolated
        self.snapshot: str | None = None  # path of the snapshot it has open

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def alive(self) -> bool:
        return self.process.poll() is None


class QueryPool:
    """Runs QueryTask / DryRunTask in worker processes, at most `max_workers` at once."""

    def __init__(
        self,
        store: GraphStore,
        *,
        max_workers: int = 2,
        isolate_network: bool = True,
        views: ReadViews | None = None,
    ) -> None:
        self.snapshots = Snapshots(store, views)
        self.max_workers = max(1, max_workers)
        self._isolate = isolate_network
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting = 0
        self.killed_pids: list[int] = []  # workers stopped at a timeout (for tests and logs)

    # -- public -------------------------------------------------------------

    def run(self, task: QueryTask | DryRunTask, timeout: float) -> Any:
        """Run `task` and return the worker's answer; blocks the calling thread.

        Raises QueryTimeout, WorkersBusy or WorkerFailed. A query whose worker
        died under it (killed from outside, out of memory) is tried once more on
        a fresh worker: reading has no side effects.
        """
        deadline = time.monotonic() + timeout
        attempts = 2 if isinstance(task, QueryTask) else 1
        for attempt in range(attempts):
            try:
                return self._run_once(task, timeout, deadline)
            except WorkerFailed:
                if attempt + 1 == attempts or time.monotonic() >= deadline:
                    raise
                log.warning("a query worker died; trying the query again on a new one")
        raise AssertionError("unreachable")

    def _run_once(self, task: QueryTask | DryRunTask, timeout: float, deadline: float) -> Any:
        worker = self._acquire(deadline)
        healthy = False
        pinned: Snapshot | None = None
        try:
            if isinstance(task, QueryTask) and task.snapshot is None:
                pinned = self.snapshots.pin_current()
                task = replace(task, snapshot=pinned)
            assert task.snapshot is not None
            with self._lock:
                worker.snapshot = task.snapshot.path
            worker.conn.send(task)
            remaining = max(0.0, deadline - time.monotonic())
            if not worker.conn.poll(remaining):
                self.killed_pids.append(worker.pid)
                log.warning("query stopped after %.1f s (worker %d killed)", timeout, worker.pid)
                raise QueryTimeout(timeout)
            answer = worker.conn.recv()
            healthy = True
            return answer
        except (EOFError, OSError) as exc:
            raise WorkerFailed(str(exc) or type(exc).__name__) from exc
        finally:
            self._release(worker, healthy)
            if pinned is not None:
                self.snapshots.unpin(pinned)
            self.snapshots.discard_unused(self._open_snapshots())

    def warm_up(self) -> None:
        """Start one worker ahead of the first query."""
        worker = self._acquire(time.monotonic() + _START_TIMEOUT)
        self._release(worker, True)

    @property
    def workers(self) -> list[int]:
        with self._lock:
            return [w.pid for w in (*self._idle, *self._busy)]

    @property
    def network_isolated(self) -> bool | None:
        """Whether the running workers are cut off from the network (None: none running)."""
        with self._lock:
            everyone = [*self._idle, *self._busy]
        return all(w.isolated for w in everyone) if everyone else None

    def close(self) -> None:
        """Stop every worker and remove the snapshots. A later task starts afresh
        (an app can be started again, as tests do)."""
        with self._lock:
            everyone = [*self._idle, *self._busy]
            self._idle.clear()
            self._busy.clear()
            self._lock.notify_all()
        for worker in everyone:
            worker.kill()
        self.snapshots.close()

    # -- workers ------------------------------------------------------------

    def _acquire(self, deadline: float) -> _Worker:
        with self._lock:
            while True:
                if self._idle:
                    worker = self._idle.pop()
                    if not worker.alive():  # died while idle (killed, out of memory)
                        worker.kill()
                        continue
                    self._busy.add(worker)
                    return worker
                if len(self._busy) + self._starting < self.max_workers:
                    self._starting += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WorkersBusy()
                self._lock.wait(remaining)
        try:
            worker = self._spawn()
        except BaseException:
            with self._lock:
                self._starting -= 1
                self._lock.notify()
            raise
        with self._lock:
            self._starting -= 1
            self._busy.add(worker)
        return worker

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            if healthy and worker.alive():
                self._idle.append(worker)
            else:
                worker.kill()
            self._lock.notify()

    def _spawn(self) -> _Worker:
        # A fresh interpreter (`python -m gemeentegraaf.service.sparql.query_worker`), not
        # multiprocessing: spawn would re-run the parent's main script, fork
        # would copy RocksDB's threads and locks.
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        try:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gemeentegraaf.service.sparql.query_worker",
                    str(theirs.fileno()),
                ]
                + (["--isolate-network"] if self._isolate else []),
                pass_fds=[theirs.fileno()],
                env=env,
                stdin=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        parent = Connection(ours.detach())
        if not parent.poll(_START_TIMEOUT):
            process.kill()
            raise WorkerFailed("a query worker did not start")
        try:
            _, pid, isolated = parent.recv()
        except (EOFError, OSError) as exc:
            process.kill()
            raise WorkerFailed("a query worker did not start") from exc
        if self._isolate and not isolated:
            log.warning("query worker %d could not be cut off from the network", pid)
        return _Worker(process, parent, pid, isolated)

    def _open_snapshots(self) -> set[str]:
        with self._lock:
            return {w.snapshot for w in (*self._idle, *self._busy) if w.snapshot}
