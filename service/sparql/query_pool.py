"""Worker processes that run queries with a real timeout, and the snapshots they read.

Why processes: pyoxigraph has no way to interrupt a query from Python, and a
thread cannot be killed. A query runs in a worker process; when it passes the
timeout the process is killed (SIGKILL) and replaced, and the client gets 503.

How workers are shared (lanes.py): every query starts on a warm worker of the
fast lane; one that has used its time share of CPU is moved aside to the slow
lane (reniced, counted against a global and a per-client limit, refused when
they are full) and a spare takes its place, so a cheap query never waits for a
slow one. The service watches each busy worker's memory and kills one that
passes the bound.

Why snapshots: pyoxigraph documents that opening a store read-only while
another process writes to it is undefined behaviour, and answering from
RocksDB is several times slower than from memory. The service process keeps
an in-memory read view of the durable store (gemeentegraaf.store.read_view);
workers load the view's N-Quads dump into their own memory, once per version.
Every write through the service makes a new view (the commit process writes
its dump, commit_worker.py), so answers always include the last committed write.

With a remote store (a SPARQL server) queries go to the server
(remote_queries.py) and the workers only dry-run writes: their snapshot is an
N-Quads dump of the server's data, taken afresh for every write, since other
clients may write to the server too.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from gemeentegraaf.common.visible import shown
from gemeentegraaf.service.sparql.lanes import (
    HAS_PROC,
    Aside,
    Lanes,
    cpu_seconds,
    describe_bytes,
    refusal_wait,
    renice,
    resident_bytes,
)
from gemeentegraaf.service.sparql.query_worker import (
    DryRunTask,
    OutOfMemory,
    QueryTask,
    Snapshot,
)
from gemeentegraaf.service.sparql.worker_template import (
    CAN_FORK,
    ForkedProcess,
    Template,
    TemplateError,
)
from gemeentegraaf.store import scratch
from gemeentegraaf.store.base import GraphStore, StoreError
from gemeentegraaf.store.read_view import ReadView, ReadViews
from gemeentegraaf.store.sparql_text import query_key

log = logging.getLogger("gemeentegraaf.sparql")

T = TypeVar("T")

# How long a new worker may take to start (import pyoxigraph, answer "ready").
_START_TIMEOUT = 60.0
# How long a client counts as one whose queries are cheap, or go to the slow lane
# (then it waits behind others for a worker).
_CLIENT_MEMORY = 30.0
_CHEAP, _UNKNOWN, _HEAVY = range(3)
# From this many fast-lane workers on, the last idle one is kept for clients known to
# send cheap queries (see _kept).
RESERVE_FROM = 4
# A query that has held a fast-lane worker this many time shares in wall-clock time
# leaves the fast lane, whatever CPU it got (see _holds_up_others).
_WALL_SHARES = 4
# The cores this process may run on (see _holds_up_others).
_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
# Heavy queries remembered per client, and clients remembered (known_heavy).
_KNOWN_HEAVY_PER_CLIENT = 32
_KNOWN_HEAVY_CLIENTS = 1024
_EVENTS_KEPT = 1000


def _live(keys: dict[str, float], now: float) -> bool:
    return any(until > now for until in keys.values())


class QueryTimeout(Exception):
    """The task ran past its time limit; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


class WorkersBusy(Exception):
    """No worker became free within the time limit."""

    retry_after = 5  # seconds, for Retry-After


class SlowLaneFull(WorkersBusy):
    """The query used its time share and the slow lane was full: it was stopped."""

    def __init__(self, limit: int, retry_after: int, *, early: bool = False) -> None:
        super().__init__(f"{limit} expensive queries are running, the most at once")
        self.limit = limit
        self.retry_after = retry_after
        self.early = early  # refused before it ran: it used its share lately (known_heavy)
        self.share: float | None = None  # the CPU share it had used when it was stopped


class ClientLimit(WorkersBusy):
    """The query used its time share while its client had its share of slow queries
    running: it was stopped."""

    def __init__(self, limit: int, retry_after: int, *, early: bool = False) -> None:
        super().__init__(f"this client has {limit} expensive queries running, its most")
        self.limit = limit
        self.retry_after = retry_after
        self.early = early  # refused before it ran: it used its share lately (known_heavy)
        self.share: float | None = None  # the CPU share it had used when it was stopped


class WorkerFailed(Exception):
    """The worker died while running the task (crash, out of memory)."""


class MemoryLimitExceeded(WorkerFailed):
    """The task needed more memory than a worker may use; its worker was stopped.

    Not tried again: the same query would need the same memory."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"it needed more than {describe_bytes(limit)} of memory")
        self.limit = limit


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

    @property
    def embedded(self) -> bool:
        """Whether queries read in-memory copies of an embedded store (not a server)."""
        return self._embedded

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
        self,
        process: subprocess.Popen | ForkedProcess,
        conn: Connection,
        pid: int,
        isolated: bool,
        generation: int,
        template: Template | None = None,
    ) -> None:
        self.process = process
        self.template = template  # the template it was forked from (None: started on its own)
        self.conn = conn
        self.pid = pid
        self.isolated = isolated
        self.generation = generation  # the pool's generation it was started in (see close)
        self.snapshot: str | None = None  # path of the snapshot it has open
        self.left_fast_lane = False  # then it is not kept after its task
        self.lowered = False  # reniced to the slow lane's priority
        self.client: str | None = None  # whose query it runs in the fast lane

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def alive(self) -> bool:
        return self.process.poll() is None

    def aborted(self) -> bool:
        """Whether the process ended by abort(): what pyoxigraph's Rust code does when
        an allocation fails, which under the memory limit means the limit was hit."""
        # OSError: the pool was closed meanwhile, and a forked worker's pidfd with it.
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            self.process.wait(1)
        return self.process.returncode == -signal.SIGABRT


# A TypeError from a worker's connection that the pool closed while a thread read or wrote
# it (Connection.recv then reads from a handle of None: the pool stopped, as the service
# does when it stops): the worker failed as any stopped worker does. Any other TypeError
# is a bug, raised as it is.
CLOSED_MEANWHILE = "the query pool was closed"


class QueryPool:
    """Runs QueryTask / DryRunTask in worker processes, in a fast and a slow lane (lanes.py).

    `max_workers` sets the fast lane's size when `lanes` is not given.
    """

    def __init__(
        self,
        store: GraphStore,
        *,
        max_workers: int | None = None,
        isolate_network: bool = True,
        lanes: Lanes | None = None,
        views: ReadViews | None = None,
    ) -> None:
        self.snapshots = Snapshots(store, views)
        lanes = lanes or Lanes()
        if max_workers is not None and lanes.fast_workers != max_workers:
            lanes = replace(lanes, fast_workers=max_workers)
        self.lanes = replace(lanes, fast_workers=max(1, lanes.fast_workers))
        self._isolate = isolate_network
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._fast: set[_Worker] = set()  # running a task that has not used its share yet
        self._slow: dict[_Worker, Aside] = {}  # moved aside
        self._starting = 0  # fast-lane workers being started
        # Of those, the ones a waiting query started for itself, by client: they count
        # as held by that client (_rank) before they are up.
        self._starting_for: Counter[str | None] = Counter()
        self._spawning = False  # whether a thread is starting spares (_replenish)
        # Queries waiting for a fast-lane worker, in order of arrival within three
        # ranks (see _rank): clients whose queries were cheap lately first, then
        # clients not seen lately, then those whose queries went to the slow lane.
        self._tickets = itertools.count()
        self._waiting: tuple[deque[int], ...] = (deque(), deque(), deque())
        # client -> until when (time.monotonic()) it counts as cheap / heavy
        self._cheap: dict[str | None, float] = {}
        self._heavy: dict[str | None, float] = {}
        # client -> {query_key: until when}: its queries that used their time share
        # lately. Sent again (comments and space aside), such a query goes to the slow
        # lane at once, or is refused before it runs (see known_heavy).
        self._known_heavy: dict[str | None, dict[str, float]] = {}
        self._generation = 0
        # Where new workers come from (worker_template.py): the template of the current
        # data version when it is ready, else the newest ready one (the new worker then
        # loads the current version itself, as one started on its own would).
        self._fork = lanes.fork and CAN_FORK
        if lanes.fork and not CAN_FORK:
            log.warning(
                "this platform cannot fork query workers from a template (no fork, pidfd "
                "or SCM_RIGHTS): every new worker starts as a new interpreter (seconds)"
            )
        self._template: Template | None = None
        self._retired: list[Template] = []  # old versions' templates, until their workers end
        self._template_loading: str | None = None  # the version a template is loading
        self._template_error: str | None = None  # why the last template did not start
        # A template with its imports done and no data, for the next version: started
        # once the data has changed once (a service that is written to).
        self._spare: Template | None = None
        self._spare_starting = False
        if self._fork and self.snapshots.embedded:
            self.snapshots.views.follow(self._prepare_version, self._switched_version)
        # For tests and logs: workers stopped at a timeout, at the memory bound, and
        # queries moved aside to the slow lane / refused there, or refused before they
        # ran (by client). The latest only: a long-running service must not grow.
        self.killed_pids: deque[int] = deque(maxlen=_EVENTS_KEPT)
        self.memory_kills: deque[int] = deque(maxlen=_EVENTS_KEPT)
        self.moved_aside: deque[int] = deque(maxlen=_EVENTS_KEPT)
        self.refused: deque[int] = deque(maxlen=_EVENTS_KEPT)
        self.refused_early: deque[str | None] = deque(maxlen=_EVENTS_KEPT)
        if not HAS_PROC:
            log.warning(
                "no /proc: query time shares count wall-clock time, and only the data "
                "segment limit bounds a worker's memory"
            )

    @property
    def generation(self) -> int:
        """Changes when the pool is closed: a worker that died then is no reason to retry."""
        return self._generation

    @property
    def max_workers(self) -> int:
        return self.lanes.fast_workers

    # -- public -------------------------------------------------------------

    def run(
        self,
        task: QueryTask | DryRunTask,
        timeout: float,
        client: str | None = None,
        *,
        attempts: int | None = None,
        heavy: bool | None = None,
    ) -> Any:
        """Run `task` and return the worker's answer; blocks the calling thread.

        `client` (an address) is what the per-client limit of the slow lane counts.
        Raises QueryTimeout, WorkersBusy (SlowLaneFull, ClientLimit) or WorkerFailed
        (MemoryLimitExceeded). A query whose worker died under it (killed from
        outside) is tried once more on a fresh worker: reading has no side
        effects. One that ran out of memory is not: it would again.
        """
        if heavy is None:
            heavy = self.known_heavy(task, client)
        deadline = time.monotonic() + timeout
        if attempts is None:
            attempts = 2 if isinstance(task, QueryTask) else 1
        generation = self._generation
        for attempt in range(attempts):
            try:
                return self._run_once(task, timeout, deadline, client, heavy)
            except MemoryLimitExceeded:
                raise
            except WorkerFailed:
                last = attempt + 1 == attempts or time.monotonic() >= deadline
                # Closing the pool killed the worker: not a reason to start another.
                if last or generation != self._generation:
                    raise
                log.warning("a query worker died; trying the query again on a new one")
        raise AssertionError("unreachable")

    def _run_once(
        self,
        task: QueryTask | DryRunTask,
        timeout: float,
        deadline: float,
        client: str | None,
        heavy: bool = False,
    ) -> Any:
        worker = self._acquire(deadline, client)
        pinned: Snapshot | None = None
        if isinstance(task, QueryTask) and task.snapshot is None:
            pinned = self.snapshots.pin_current()
            task = replace(task, snapshot=pinned)

        def watch() -> Any:
            self.assign(worker, task)
            started, cpu_at_start = self.send(worker, task)
            return self._await_answer(
                worker, task, timeout, deadline, client, started, cpu_at_start, heavy
            )

        try:
            return self.supervised(worker, watch)
        finally:
            if pinned is not None:
                self.snapshots.unpin(pinned)

    # -- a task's life on a worker (also driven from the event loop: loop_queries.py) ----

    def known_heavy(self, task: QueryTask | DryRunTask, client: str | None) -> bool:
        """Whether `task` is a query (comments and space aside) that its client sent
        lately and that used its time share then: it goes to the slow lane at once
        instead of using a fast-lane share again. When the slow lane has no room for
        it, the refusal is raised here, before it runs: a client that retries before
        its Retry-After would otherwise get CPU for each try, at everyone's cost."""
        if not isinstance(task, QueryTask):
            return False
        with self._lock:
            if not self._known_heavy.get(client):
                return False
        key = query_key(task.query)
        with self._lock:
            if self._known_heavy.get(client, {}).get(key, 0.0) <= time.monotonic():
                return False
            refusal = self._refusal(client, early=True)
        if refusal is not None:
            self.refused_early.append(client)
            log.info("query refused before it ran (%s): %s", shown(str(client)), refusal)
            raise refusal
        return True

    def _note_heavy(self, task: QueryTask, client: str | None) -> None:
        """Remember that `task` used its time share (see known_heavy)."""
        key = query_key(task.query)
        with self._lock:
            now = time.monotonic()
            if len(self._known_heavy) > _KNOWN_HEAVY_CLIENTS:
                for known in [c for c, keys in self._known_heavy.items() if not _live(keys, now)]:
                    del self._known_heavy[known]
            keys = self._known_heavy.setdefault(client, {})
            for old in [k for k, until in keys.items() if until <= now]:
                del keys[old]
            if key in keys or len(keys) < _KNOWN_HEAVY_PER_CLIENT:
                keys[key] = now + _CLIENT_MEMORY

    def take_idle(self, client: str | None) -> _Worker | None:
        """An idle fast-lane worker right now, or None: never ahead of queries already
        waiting, and by the rule of _acquire (a client whose queries went to the slow
        lane lately does not take the last one)."""
        with self._lock:
            if any(self._waiting):
                return None
            kept = self._kept(self._rank(client), client)
            while len(self._idle) > kept:
                worker = self._idle.pop()
                if worker.alive():
                    self._fast.add(worker)
                    worker.client = client
                    return worker
                worker.kill()  # died while idle: _acquire starts another when asked
            return None

    def assign(self, worker: _Worker, task: QueryTask | DryRunTask) -> None:
        assert task.snapshot is not None
        with self._lock:
            worker.snapshot = task.snapshot.path
            self._follow_version(task.snapshot.path)

    @staticmethod
    def send(worker: _Worker, task: QueryTask | DryRunTask) -> tuple[float, float | None]:
        """Hand `task` to `worker`; (when, the worker's CPU seconds then)."""
        started = time.monotonic()
        cpu_at_start = cpu_seconds(worker.pid)
        worker.conn.send(task)
        return started, cpu_at_start

    def supervised_send(
        self, worker: _Worker, task: QueryTask | DryRunTask
    ) -> tuple[float, float | None]:
        """`send`, but a worker that died takes the way `supervised` gives it: released
        (and replaced), and a WorkerFailed."""
        try:
            return self.send(worker, task)
        except (EOFError, OSError) as exc:
            self._release(worker, False)
            raise WorkerFailed(str(exc) or type(exc).__name__) from exc
        except TypeError as exc:
            self._release(worker, False)
            if not worker.conn.closed:
                raise
            raise WorkerFailed(CLOSED_MEANWHILE) from exc

    def answered(
        self, worker: _Worker, task: QueryTask | DryRunTask, client: str | None, cheap: bool = True
    ) -> Any:
        """The answer `worker` has ready (it is readable); a query that stayed in the fast
        lane (`cheap`) counts for its client's rank (_rank)."""
        return self.settle(worker, task, worker.conn.recv(), client, cheap)

    def settle(
        self,
        worker: _Worker,
        task: QueryTask | DryRunTask,
        answer: Any,
        client: str | None,
        cheap: bool = True,
    ) -> Any:
        """What a worker answered, however it was read: its refusal for lack of memory
        raised, a cheap query counted for its client."""
        if isinstance(answer, OutOfMemory):
            self.memory_kills.append(worker.pid)
            raise MemoryLimitExceeded(self.lanes.memory or 0)
        if cheap and isinstance(task, QueryTask):
            with self._lock:
                self._remember(self._cheap, client)
        return answer

    def await_answer(
        self,
        worker: _Worker,
        task: QueryTask | DryRunTask,
        timeout: float,
        deadline: float,
        client: str | None,
        started: float,
        cpu_at_start: float | None,
    ) -> Any:
        """Wait for a task already sent (blocks: a thread), then release the worker."""
        return self.supervised(
            worker,
            lambda: self._await_answer(
                worker, task, timeout, deadline, client, started, cpu_at_start
            ),
        )

    def supervised(self, worker: _Worker, body: Callable[[], T]) -> T:
        """`body()` on `worker`: a dead worker is a WorkerFailed (MemoryLimitExceeded when
        it hit the memory limit), and the worker goes back (or is replaced) after."""
        healthy = False
        try:
            answer = body()
            healthy = True
            return answer
        except (EOFError, OSError) as exc:
            if self.lanes.data_limit is not None and worker.aborted():
                self.memory_kills.append(worker.pid)
                log.warning("query worker %d ran out of its memory limit", worker.pid)
                raise MemoryLimitExceeded(self.lanes.memory or 0) from exc
            raise WorkerFailed(str(exc) or type(exc).__name__) from exc
        except TypeError as exc:
            if not worker.conn.closed:
                raise
            raise WorkerFailed(CLOSED_MEANWHILE) from exc
        finally:
            self._release(worker, healthy)
            self.snapshots.discard_unused(self._open_snapshots())

    def _await_answer(
        self,
        worker: _Worker,
        task: QueryTask | DryRunTask,
        timeout: float,
        deadline: float,
        client: str | None,
        started: float,
        cpu_at_start: float | None,
        heavy: bool = False,
    ) -> Any:
        """Wait for the answer to a task sent at `started`, looking at the worker every
        `watch_interval`: its memory, its time share, the deadline. A `heavy` query
        (known_heavy) is in the slow lane from the start."""
        lanes = self.lanes
        limited = isinstance(task, QueryTask)
        in_fast_lane, counted = True, False
        if heavy and limited:
            self._move_aside(worker, client, deadline, counted=True)
            in_fast_lane, counted = False, True
        while True:
            remaining = deadline - time.monotonic()
            look = self.look_interval(client) if in_fast_lane else lanes.watch_interval
            if remaining <= 0 or not worker.conn.poll(min(look, remaining)):
                if time.monotonic() >= deadline:
                    self.killed_pids.append(worker.pid)
                    log.warning(
                        "query stopped after %.1f s (worker %d killed)", timeout, worker.pid
                    )
                    raise QueryTimeout(timeout)
            else:
                return self.answered(worker, task, client, cheap=not counted)
            if lanes.memory is not None:
                rss = resident_bytes(worker.pid)
                if rss is not None and rss > lanes.memory:
                    self.memory_kills.append(worker.pid)
                    log.warning(
                        "query stopped at %s of memory (worker %d killed)",
                        describe_bytes(rss),
                        worker.pid,
                    )
                    raise MemoryLimitExceeded(lanes.memory)
            if counted:
                continue
            if not limited:
                # The dry run of a write leaves the fast lane like a slow query (a spare
                # takes its place) but keeps its priority: writes need the token and run
                # one at a time, and reniced on a busy machine it would crawl while
                # every other write waits for it.
                if in_fast_lane and self._used_share(worker, cpu_at_start, started):
                    self._move_aside(worker, client, deadline, counted=False, lower_priority=False)
                    in_fast_lane = False
                continue
            share = self._share(client)
            if self._used_share(worker, cpu_at_start, started, share):
                # Expensive: counted against the slow lane's limits, or refused. Only a
                # query that used the whole share is known to be heavy; one cut at the
                # sliver of a client at its limit may have been cheap.
                assert isinstance(task, QueryTask)
                whole = share >= lanes.time_share
                if whole:
                    self._note_heavy(task, client)
                try:
                    self._move_aside(worker, client, deadline, counted=limited)
                except (ClientLimit, SlowLaneFull) as refusal:
                    refusal.share = share
                    raise
                in_fast_lane, counted = False, True
            elif in_fast_lane and self._holds_up_others(started):
                # Slow by the clock only (the machine is busy): a spare takes its place,
                # but its priority stays, or a cheap query would crawl behind other work
                # and hold its worker longer still. It is lowered once it has used its
                # CPU share.
                self._move_aside(worker, client, deadline, counted=False, lower_priority=False)
                in_fast_lane = False

    def _used_share(
        self,
        worker: _Worker,
        cpu_at_start: float | None,
        started: float,
        share: float | None = None,
    ) -> bool:
        """Whether the query has used its time share of CPU (`share`, by default the
        lanes'). CPU time, not wall-clock time: a cheap query that waits for a busy CPU
        has not used its share."""
        share = self.lanes.time_share if share is None else share
        used = cpu_seconds(worker.pid)
        if used is None or cpu_at_start is None:
            return time.monotonic() - started >= share
        return used - cpu_at_start >= share

    def _share(self, client: str | None) -> float:
        """The CPU share a query of `client` gets in the fast lane: smaller when the
        client has all the slow-lane places it may have (see Lanes.over_limit_share)."""
        with self._lock:
            mine = sum(1 for a in self._slow.values() if a.limited and a.client == client)
        if mine >= self.lanes.slow_per_client:
            return min(self.lanes.time_share, self.lanes.over_limit_share)
        return self.lanes.time_share

    def look_interval(self, client: str | None) -> float:
        """How long to wait before the first look at a query of `client` (and between
        looks while it is in the fast lane)."""
        return min(self.lanes.watch_interval, self._share(client))

    def _holds_up_others(self, started: float) -> bool:
        """Whether a query that has not used its share should still leave the fast lane:
        it has held its worker for a share of wall-clock time while other queries wait
        for one, or for _WALL_SHARES shares (on a machine busy with other work CPU
        comes slowly, and the worker is not free meanwhile). It is not counted against
        the slow lane's limits (it may be cheap), but the slow lane holds only so many
        of those."""
        held = time.monotonic() - started
        share = self.lanes.time_share
        if held < share or (held < share * _WALL_SHARES and not any(self._waiting)):
            return False
        with self._lock:
            uncounted = sum(1 for a in self._slow.values() if not a.limited)
            # Our other queries at full priority fill every core: the CPU comes slowly
            # because of them, not of other work, and a spare would only share it (and
            # cost a fork). It stays: under load every query would otherwise leave.
            others = len(self._fast) + sum(1 for w in self._slow if not w.lowered) - 1
        return uncounted < self.lanes.slow_queries and others < _CPUS

    def _move_aside(
        self,
        worker: _Worker,
        client: str | None,
        deadline: float,
        *,
        counted: bool,
        lower_priority: bool = True,
    ) -> None:
        """Put `worker` in the slow lane (if it is in the fast lane, a spare takes its
        place), counted against the limits or not; when a counted query finds no room,
        refuse it."""
        with self._lock:
            refusal = self._refusal(client) if counted else None
            if worker in self._fast:
                self._fast.discard(worker)
                self._replenish()
            if counted:
                self._remember(self._heavy, client)
            if refusal is None:
                self._slow[worker] = Aside(client, deadline, counted)
            else:
                self._slow.pop(worker, None)
            # Out of the fast lane for good (reniced or not): not kept after its task.
            left_before, worker.left_fast_lane = worker.left_fast_lane, True
        if refusal is not None:
            self.refused.append(worker.pid)
            log.info("query refused in the slow lane (%s): %s", shown(str(client)), refusal)
            raise refusal
        if lower_priority and not worker.lowered:
            renice(worker.pid)
            worker.lowered = True
        if not left_before:
            self.moved_aside.append(worker.pid)

    def _refusal(self, client: str | None, *, early: bool = False) -> WorkersBusy | None:
        """Why the slow lane has no room for another query of `client` (lock held)."""
        now = time.monotonic()
        counted = [a for a in self._slow.values() if a.limited]
        mine = [a for a in counted if a.client == client]
        if len(mine) >= self.lanes.slow_per_client:
            return ClientLimit(self.lanes.slow_per_client, refusal_wait(mine, now), early=early)
        if len(counted) >= self.lanes.slow_queries:
            wait = refusal_wait(counted, now)
            return SlowLaneFull(self.lanes.slow_queries, wait, early=early)
        return None

    def warm_up(self) -> None:
        """Start the fast lane's workers ahead of the first query (the first one here,
        so that a failure shows; the others in the background)."""
        worker = self._acquire(time.monotonic() + _START_TIMEOUT)
        self._release(worker, True)
        with self._lock:
            self._replenish()

    @property
    def workers(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._everyone()]

    @property
    def waiting(self) -> int:
        """Queries waiting for a fast-lane worker now."""
        with self._lock:
            return sum(len(rank) for rank in self._waiting)

    @property
    def slow_lane(self) -> list[int]:
        """The workers running queries moved aside."""
        with self._lock:
            return [w.pid for w in self._slow]

    @property
    def expensive(self) -> list[int]:
        """The workers in the slow lane whose queries count against its limits."""
        with self._lock:
            return [w.pid for w, aside in self._slow.items() if aside.limited]

    @property
    def network_isolated(self) -> bool | None:
        """Whether the running workers are cut off from the network (None: none running)."""
        with self._lock:
            everyone = self._everyone()
        return all(w.isolated for w in everyone) if everyone else None

    def close(self) -> None:
        """Stop every worker and remove the snapshots. A later task starts afresh
        (an app can be started again, as tests do)."""
        with self._lock:
            everyone = self._everyone()
            self._idle.clear()
            self._fast.clear()
            self._slow.clear()
            # Workers still starting, or still running a task, belong to the old
            # generation: they are stopped when they come back.
            self._generation += 1
            self._spawning = False
            self._lock.notify_all()
        for worker in everyone:
            worker.kill()
        with self._lock:
            templates = [t for t in (self._template, self._spare, *self._retired) if t]
            self._template, self._spare, self._retired = None, None, []
            self._template_loading = None
        for template in templates:
            template.close()
        self.snapshots.close()

    # -- workers ------------------------------------------------------------

    def _everyone(self) -> list[_Worker]:
        return [*self._idle, *self._fast, *self._slow]

    @staticmethod
    def _remember(clients: dict[str | None, float], client: str | None) -> None:
        """Note `client` in `clients` for a while, forgetting those noted long ago (lock held)."""
        now = time.monotonic()
        for known, until in list(clients.items()):
            if until <= now:
                del clients[known]
        clients[client] = now + _CLIENT_MEMORY

    def _kept(self, rank: int, client: str | None) -> int:
        """How many idle fast-lane workers a query of `rank` leaves to others (lock held).

        A client whose queries went to the slow lane never takes the last one; in a lane
        of RESERVE_FROM workers or more, neither does a client not yet known to send
        cheap ones. The last-worker rule of _rank is per address: as many addresses as
        workers, each with an expensive query, held them all, and a known client's
        `ASK {}` waited until one had used its time share (762 to 866 ms measured with
        eight). A smaller lane has no worker to spare for that. The service's own tasks
        (a write's dry run: no client) are not held back by that rule."""
        lane = self.lanes.fast_workers
        unknown = rank == _UNKNOWN and client is not None
        if rank == _HEAVY or (unknown and lane >= RESERVE_FROM):
            return min(1, lane - 1)
        return 0

    def _rank(self, client: str | None) -> int:
        """Where `client`'s query waits for a worker: _CHEAP, _UNKNOWN or _HEAVY (lock held).

        Which query will be cheap is not known before it runs; what a client's
        last queries did is the best guess, and a wrong guess costs only a wait.
        """
        now = time.monotonic()
        if any(a.client == client and a.limited for a in self._slow.values()):
            return _HEAVY
        # Holding all but one fast-lane worker already (those it is starting count): the
        # last is kept for someone else. Queries just under the time share never reach
        # the slow lane, and one client sending them back to back would otherwise hold
        # the whole fast lane.
        held = sum(1 for w in self._fast if w.client == client) + self._starting_for[client]
        if held and held >= self.lanes.fast_workers - 1:
            return _HEAVY
        if self._heavy.get(client, 0.0) > now:
            return _HEAVY
        if self._cheap.get(client, 0.0) > now:
            return _CHEAP
        return _UNKNOWN

    def _acquire(self, deadline: float, client: str | None = None) -> _Worker:
        """An idle worker of the fast lane (started here if the lane is not full).

        When all are busy, queries wait in order of arrival within their rank
        (_rank): a client whose queries went to the slow lane lately waits behind
        everyone else, one whose queries were cheap goes first. The former never
        take the fast lane's last worker: it is kept for a query of someone else.
        """
        with self._lock:
            ticket = next(self._tickets)
            rank = self._rank(client)
            queue = self._waiting[rank]
            queue.append(ticket)
            kept = self._kept(rank, client)
            try:
                while True:
                    turn = not any(self._waiting[:rank]) and queue[0] == ticket
                    if turn and len(self._idle) > kept:
                        worker = self._idle.pop()
                        if not worker.alive():  # died while idle (killed, out of memory)
                            worker.kill()
                            continue
                        self._fast.add(worker)
                        worker.client = client
                        return worker
                    room = self.lanes.fast_workers - kept - len(self._idle)
                    if turn and len(self._fast) + self._starting < room:
                        self._starting += 1
                        self._starting_for[client] += 1
                        generation = self._generation
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise WorkersBusy()
                    self._lock.wait(remaining)
            finally:
                queue.remove(ticket)
                self._lock.notify_all()  # the next in line
        try:
            worker = self._spawn(generation)
            # Before the task: loading the data must not count against the query's time share.
            self._preload(worker)
        except BaseException:
            with self._lock:
                self._started_for(client)
                self._lock.notify_all()
            raise
        with self._lock:
            self._started_for(client)
            self._fast.add(worker)
            worker.client = client
        return worker

    def _started_for(self, client: str | None) -> None:
        """A worker `client`'s query started is up, or failed to start (lock held)."""
        self._starting -= 1
        self._starting_for[client] -= 1
        if self._starting_for[client] <= 0:
            del self._starting_for[client]

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._lock:
            was_fast = worker in self._fast
            self._fast.discard(worker)
            self._slow.pop(worker, None)
            keep = (
                healthy
                and not worker.left_fast_lane
                and worker.generation == self._generation
                and not self._stale(worker)
                and worker.alive()
            )
            if keep:
                self._idle.append(worker)
            elif was_fast:
                self._replenish()
            self._lock.notify_all()
        if not keep:
            worker.kill()

    def _replenish(self) -> None:
        """Start workers in the background until the fast lane is full again (lock held).

        One after another, not all at once: on a busy machine the first spare is
        ready sooner, and a waiting query meanwhile starts a worker of its own
        (_acquire), since only one counts as starting.
        """
        if not self._spawning and self._missing() > 0:
            self._spawning = True
            threading.Thread(
                target=self._start_spare_workers,
                args=(self._generation,),
                name="query-worker-start",
                daemon=True,
            ).start()

    def _missing(self) -> int:
        return self.lanes.fast_workers - (len(self._idle) + len(self._fast) + self._starting)

    def _start_spare_workers(self, generation: int) -> None:
        while True:
            with self._lock:
                if generation != self._generation or self._missing() <= 0:
                    if generation == self._generation:
                        self._spawning = False
                    return
                self._starting += 1
            try:
                worker = self._spawn(generation)
                self._preload(worker)
            except Exception as exc:  # noqa: BLE001 - the next query starts one and reports
                log.warning("could not start a spare query worker: %s", exc)
                with self._lock:
                    self._starting -= 1
                    if generation == self._generation:
                        self._spawning = False
                    self._lock.notify_all()
                return
            with self._lock:
                self._starting -= 1
                current = generation == self._generation
                if current:
                    self._idle.append(worker)
                self._lock.notify_all()
            if not current:  # the pool was closed meanwhile
                worker.kill()

    def _preload(self, worker: _Worker) -> None:
        """Load the current version's data into a new spare, so that the query it takes
        over (often one that must not wait) does not pay for loading it."""
        if not self.snapshots.embedded:
            return
        snapshot = self.snapshots.pin_current()
        try:
            with self._lock:
                worker.snapshot = snapshot.path
            # No acceptable format: the worker loads the data, runs ASK {} and says 406.
            worker.conn.send(
                QueryTask("ASK {}", None, None, None, True, None, None, 1, snapshot=snapshot)
            )
            if not worker.conn.poll(_START_TIMEOUT):
                worker.kill()
                raise WorkerFailed("a new query worker did not load the data in time")
            worker.conn.recv()
        except (EOFError, OSError) as exc:
            worker.kill()
            raise WorkerFailed(f"a new query worker failed to load the data ({exc})") from exc
        finally:
            self.snapshots.unpin(snapshot)

    def _spawn(self, generation: int) -> _Worker:
        if self._fork:
            return self._fork_worker(generation)
        return self._start_interpreter(generation)

    # -- templates ----------------------------------------------------------

    def _version(self) -> str | None:
        """The current data version's dump (what a template loads); None with a store
        server, whose templates load nothing."""
        if not self.snapshots.embedded:
            return None
        dump = self.snapshots.views.current().dump
        return None if dump is None else str(dump)

    def _stale(self, worker: _Worker) -> bool:
        """Whether `worker` comes from an older version's template while the current
        one is ready: a new fork answers sooner than it would after reloading (lock held)."""
        current = self._template
        return (
            worker.template is not None
            and current is not None
            and worker.template is not current
            and current.snapshot == self._version()
        )

    def _fork_worker(self, generation: int) -> _Worker:
        template = self._ready_template(generation)
        try:
            process, parent = template.fork(self.lanes.data_limit, _START_TIMEOUT)
        except TemplateError as exc:
            with self._lock:
                if self._template is template:  # it is broken: the next spawn starts another
                    self._template = None
                    self._retired.append(template)
            template.retire()
            raise WorkerFailed(str(exc)) from exc
        try:
            if not parent.poll(_START_TIMEOUT):
                raise WorkerFailed("a forked query worker did not start")
            _, pid, isolated = parent.recv()
        except (EOFError, OSError) as exc:
            process.kill()
            raise WorkerFailed("a forked query worker did not start") from exc
        except WorkerFailed:
            process.kill()
            raise
        return _Worker(process, parent, pid, isolated, generation, template)

    def _follow_version(self, path: str) -> None:
        """When a task reads a newer version than the template holds (a write, a
        rebuild), load that version's template in the background (lock held)."""
        template = self._template
        if not self._fork or template is None or template.snapshot == path:
            return
        if self._template_loading is None and path == self._version():
            self._start_loading(path)

    def _start_loading(self, version: str | None) -> None:
        """Start a template for `version` in the background (lock held)."""
        self._template_loading = version
        self._template_error = None
        threading.Thread(
            target=self._load_template,
            args=(self._generation,),
            name="query-worker-template",
            daemon=True,
        ).start()

    def _ready_template(self, generation: int) -> Template:
        """The template to fork from; starts the current version's when it is missing
        (in the background when an older one can serve meanwhile)."""
        version = self._version()
        deadline = time.monotonic() + _START_TIMEOUT
        started = False  # one attempt per worker: a failure is reported, not retried
        with self._lock:
            while True:
                if generation != self._generation:
                    raise WorkerFailed("the query pool was closed")
                template = self._template
                if template is not None and not template.alive():
                    log.warning("query worker template %d ended; starting another", template.pid)
                    self._template = template = None
                if self._template_loading is None:
                    if template is None and started and self._template_error is not None:
                        raise WorkerFailed(self._template_error)
                    if template is None or template.snapshot != version:
                        self._start_loading(version)
                        started = True
                if template is not None:
                    return template
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WorkerFailed("no query worker template became ready")
                self._lock.wait(remaining)

    def _load_template(self, generation: int) -> None:
        """Start a template for the current version and make it the one to fork from;
        retire the previous one and the idle workers forked from it."""
        snapshot = self.snapshots.pin_current() if self.snapshots.embedded else None
        template: Template | None = None
        error: str | None = None
        try:
            template = Template.start(snapshot, isolate=self._isolate, timeout=_START_TIMEOUT)
        except TemplateError as exc:
            error = str(exc)
            log.error("%s", exc)
        finally:
            if snapshot is not None:
                self.snapshots.unpin(snapshot)  # loaded: the template needs the file no more
        stale: list[_Worker] = []
        with self._lock:
            self._template_loading = None
            self._template_error = error
            current = generation == self._generation
            if (
                template is not None
                and self._template is not None
                and self._template.snapshot == self._version() != template.snapshot
            ):
                current = False  # the data moved on meanwhile, and its template is ready
            if template is not None and current:
                previous, self._template = self._template, template
                if previous is not None:
                    self._retired.append(previous)  # retired below
                stale = [w for w in self._idle if self._stale(w)]
                self._idle = [w for w in self._idle if w not in stale]
                if stale:
                    self._replenish()
            self._lock.notify_all()
        if template is not None and not current:
            template.close()  # the pool was closed meanwhile
        for worker in stale:
            worker.kill()
        self._drop_retired()

    def _prepare_version(self, view: ReadView) -> None:
        """A new data version is about to become current (a write, a rebuild): start its
        template now, while requests still read the previous version. Else the first
        queries to name it would each load it into an old worker (a second or more of
        CPU per worker, under the lock of nobody), and cheap ones would wait behind that."""
        if not self._worth_preparing(view.dump):
            return
        with self._lock:
            generation = self._generation
            if self._template is None:
                return  # no workers yet (or the pool is closed): the first query starts them
            if self._spare is None and self._spare_starting:
                # Nearly ready: sooner than a fresh interpreter, and no second one at once.
                self._lock.wait_for(lambda: not self._spare_starting, _START_TIMEOUT)
            spare, self._spare = self._spare, None
        snapshot = self.snapshots.of(view)
        try:
            template = self._loaded_spare(spare, snapshot) or Template.start(
                snapshot, isolate=self._isolate, timeout=_START_TIMEOUT
            )
        except TemplateError as exc:
            # Not fatal: the first query of the new version starts one (see _follow_version).
            log.warning("could not prepare the query workers for the next version: %s", exc)
            return
        finally:
            self.start_spare_template()
        with self._lock:
            installed = generation == self._generation
            if installed:
                previous, self._template = self._template, template
                if previous is not None:
                    self._retired.append(previous)  # its workers still answer until the switch
                self._lock.notify_all()
        if not installed:
            template.close()  # the pool was closed meanwhile

    def _worth_preparing(self, dump: Path | None) -> bool:
        """Whether a version as large as `dump` is worth a template ready before the
        switch (and a spare for it): see Lanes.prepare_bytes."""
        try:
            return dump is not None and dump.stat().st_size >= self.lanes.prepare_bytes
        except OSError:
            return False

    @staticmethod
    def _loaded_spare(spare: Template | None, snapshot: Snapshot) -> Template | None:
        """`spare` with `snapshot` loaded, or None (no spare, or it failed: said in the log)."""
        if spare is None:
            return None
        try:
            if spare.alive():
                spare.load(snapshot, _START_TIMEOUT)
                return spare
            log.warning("the spare worker template %d ended; starting one afresh", spare.pid)
        except TemplateError as exc:
            log.warning("the spare worker template could not load the new version: %s", exc)
        spare.close()
        return None

    def start_spare_template(self) -> None:
        """Start a spare template in the background, unless there is one: what the next
        data version loads into (a service that writes starts one ahead of its first
        write; see _prepare_version)."""
        if not self._fork or not self.snapshots.embedded:
            return
        if not self._worth_preparing(self.snapshots.views.current().dump):
            return
        with self._lock:
            if self._spare is not None or self._spare_starting:
                return
            self._spare_starting = True
            generation = self._generation

        def start() -> None:
            spare: Template | None = None
            try:
                spare = Template.start(None, isolate=self._isolate, timeout=_START_TIMEOUT)
            except TemplateError as exc:
                log.warning("could not start a spare worker template: %s", exc)
            with self._lock:
                self._spare_starting = False
                keep = spare is not None and generation == self._generation
                if keep:
                    self._spare = spare
                self._lock.notify_all()
            if spare is not None and not keep:
                spare.close()  # the pool was closed meanwhile

        threading.Thread(target=start, name="query-worker-spare", daemon=True).start()

    def _switched_version(self, view: ReadView) -> None:
        """The new version is current: the idle workers of older ones are replaced by
        forks of its template (milliseconds each)."""
        with self._lock:
            stale = [w for w in self._idle if self._stale(w)]
            self._idle = [w for w in self._idle if w not in stale]
            if stale:
                self._replenish()
        for worker in stale:
            worker.kill()
        self._drop_retired()

    def _drop_retired(self) -> None:
        """Forget old templates that have ended: one retired ends by itself once the
        workers forked from it have (it tells their exit codes until then)."""
        with self._lock:
            retired = list(self._retired)
        for template in retired:
            template.retire()
        with self._lock:
            self._retired = [t for t in self._retired if not t.closed]

    def _start_interpreter(self, generation: int) -> _Worker:
        # A fresh interpreter (`python -m gemeentegraaf.service.sparql.query_worker`), not
        # multiprocessing: spawn would re-run the parent's main script, fork
        # would copy RocksDB's threads and locks.
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        options = ["--isolate-network"] if self._isolate else []
        if self.lanes.data_limit is not None:
            options += ["--memory-limit", str(self.lanes.data_limit)]
        try:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gemeentegraaf.service.sparql.query_worker",
                    str(theirs.fileno()),
                    *options,
                ],
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
        return _Worker(process, parent, pid, isolated, generation)

    @property
    def templates(self) -> list[int]:
        """The template processes running (the current one first)."""
        with self._lock:
            templates = [t for t in (self._template, *self._retired) if t is not None]
        return [t.pid for t in templates if not t.closed]

    @property
    def spare_template(self) -> int | None:
        """The spare template's process (no data yet, for the next version), if any."""
        with self._lock:
            return self._spare.pid if self._spare is not None else None

    def _open_snapshots(self) -> set[str]:
        with self._lock:
            return {w.snapshot for w in self._everyone() if w.snapshot}
