"""Query workers forked from a template process that has already loaded the data.

Starting a worker as a fresh interpreter takes seconds on a busy machine
(start Python, import pyoxigraph and the service's modules, load the ~85k
quads of the current version), and a query that needs a new worker (one
moved aside left a gap in the fast lane) waits for it. A template is started
that way once per data version; new workers are forked from it in
milliseconds and share its loaded store copy-on-write.

What a worker guaranteed when started on its own still holds:

- The network: the template cuts itself off (a new network namespace) before
  it loads anything, and a fork inherits the namespace.
- Memory: the child sets its own RLIMIT_DATA right after the fork; the
  service's watch on resident size counts the shared pages too (a forked
  child's RSS starts at the template's), so the bound is as strict as for a
  worker that loaded the data itself.
- Threads: fork copies only the calling thread, so the template must have no
  other: it checks /proc/self/task before each fork and refuses otherwise
  (pyoxigraph's bulk loader leaves none behind; measured).
- Stopping: the service signals a worker through a pidfd the template opened
  before it could reap the child (no pid reuse can make it kill another
  process), and the template, its parent, reaps it and
  reports how it ended (an abort means the memory limit was hit).
- No stray processes: the template and every worker read from a socket to
  the service and end when it closes, so a killed service leaves nothing.

Protocol on the template's socket (multiprocessing Connection messages):
("fork", data_limit) answers ("forked", pid) and then the worker's end of a
new socket and a pidfd of the worker as SCM_RIGHTS; ("status", pid) answers ("status", exit code or
None while unknown).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import traceback
from collections import OrderedDict
from multiprocessing.connection import Connection

from gemeentegraaf.service.sparql import query_worker
from gemeentegraaf.service.sparql.query_worker import Snapshot

log = logging.getLogger("gemeentegraaf.sparql")

# Whether this platform can fork workers from a template (Linux: fork, pidfds, SCM_RIGHTS).
CAN_FORK = all(
    (
        hasattr(os, "fork"),
        hasattr(os, "pidfd_open"),
        hasattr(signal, "pidfd_send_signal"),
        hasattr(socket, "send_fds"),
    )
)
# How a worker's exit is reported when the template could not say (it was gone).
UNKNOWN_EXIT = 255
# Exit codes the template keeps until asked (a bound: nobody may ask).
_KEPT_STATUSES = 1024
# How often an idle template reaps its children.
_REAP_INTERVAL = 0.5


class TemplateError(Exception):
    """The template could not start, or could not fork a worker."""


# ---------------------------------------------------------------------------
# Inside the template process
# ---------------------------------------------------------------------------


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1  # no /proc: nothing to check with


class _TemplateProcess:
    def __init__(self, control: Connection, worker: query_worker._Worker, isolated: bool) -> None:
        self.control = control
        self.worker = worker
        self.isolated = isolated
        self.statuses: OrderedDict[int, int] = OrderedDict()

    def serve(self) -> None:
        while True:
            try:
                message = self.control.recv() if self.control.poll(_REAP_INTERVAL) else None
            except (EOFError, OSError):
                self._reap()
                return  # the service is gone (or closed us): its workers end on their own
            self._reap()
            if message is None:
                continue
            kind = message[0]
            if kind == "fork":
                self._fork(message[1])
            elif kind == "load":
                self._load(Snapshot(message[1], message[2]))
            elif kind == "status":
                self.control.send(("status", self.statuses.pop(message[1], None)))
            else:
                self.control.send(("error", f"unknown request {kind!r}"))

    def _load(self, snapshot: Snapshot) -> None:
        """Load the data of a spare started without any (see Template.load)."""
        if self.worker.loaded is not None:
            self.control.send(("error", "this template has loaded its data already"))
            return
        try:
            self.worker.open(snapshot)
        except Exception as exc:  # the service says why the version did not load
            self.control.send(("error", f"{type(exc).__name__}: {exc}"))
            return
        self.control.send(("loaded", _threads()))

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.statuses[pid] = os.waitstatus_to_exitcode(status)
            while len(self.statuses) > _KEPT_STATUSES:
                self.statuses.popitem(last=False)

    def _fork(self, data_limit: int | None) -> None:
        threads = _threads()
        if threads != 1:
            # A fork would copy one thread of several, and locks others may hold.
            self.control.send(("error", f"the template runs {threads} threads; cannot fork"))
            return
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            ours.close()
            self._child(theirs, data_limit)  # never returns
        theirs.close()
        # The pidfd is opened here, by the parent, before it could reap the child: no
        # other process can have taken the pid yet.
        pidfd = os.pidfd_open(pid)
        try:
            self.control.send(("forked", pid))
            with _control_socket(self.control) as sock:
                socket.send_fds(sock, [b"w"], [ours.fileno(), pidfd])
        finally:
            ours.close()
            os.close(pidfd)

    def _child(self, theirs: socket.socket, data_limit: int | None) -> None:
        code = 0
        try:
            with contextlib.suppress(OSError):
                self.control.close()  # the template's socket is not the worker's business
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            if data_limit is not None:
                query_worker.limit_memory(data_limit)
            query_worker.worker_main(
                Connection(theirs.detach()),
                isolate=False,
                worker=self.worker,
                isolated=self.isolated,
            )
        except BaseException:  # noqa: BLE001 - never return into the template's loop
            code = 1
            with contextlib.suppress(Exception):
                traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)


def _control_socket(conn: Connection) -> socket.socket:
    """The Connection's socket, for sending a descriptor along (not closed with it)."""
    return socket.socket(fileno=os.dup(conn.fileno()))


def main(argv: list[str]) -> None:
    """`python -m gemeentegraaf.service.sparql.worker_template FD [--isolate-network]
    [--snapshot PATH KIND]`."""
    control = Connection(int(argv[0]))
    options = argv[1:]
    # Ctrl-C in a terminal reaches the whole process group: the template and its
    # workers end when the service closes their sockets, not on their own (and
    # print no KeyboardInterrupt traceback). Forked workers inherit this.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Before anything could start a thread: unshare needs a single-threaded process.
    isolated = query_worker.isolate_network() if "--isolate-network" in options else False
    worker = query_worker._Worker()
    if "--snapshot" in options:
        at = options.index("--snapshot")
        try:
            worker.open(Snapshot(options[at + 1], options[at + 2]))
        except (OSError, ValueError) as exc:
            # Said to the service (which logs it), not as a traceback on its terminal:
            # the version's dump may be gone (the service stopping, a newer version).
            control.send(("failed", f"cannot load {options[at + 1]}: {exc}"))
            raise SystemExit(1) from None
    control.send(("ready", os.getpid(), isolated, _threads()))
    _TemplateProcess(control, worker, isolated).serve()


# ---------------------------------------------------------------------------
# In the service
# ---------------------------------------------------------------------------


class Template:
    """The service's handle on one template process (one data version)."""

    def __init__(
        self, process: subprocess.Popen, conn: Connection, snapshot: str | None, isolated: bool
    ) -> None:
        self.process = process
        self.conn = conn
        self.snapshot = snapshot  # path of the version it loaded (None: no data)
        self.isolated = isolated
        self.pid = process.pid
        self._lock = threading.Lock()  # one request at a time
        self._children: set[int] = set()  # forked and not yet known to have ended
        self._retired = False
        self._closed = False

    @classmethod
    def start(cls, snapshot: Snapshot | None, *, isolate: bool, timeout: float) -> Template:
        """Start a template (a fresh interpreter) that has loaded `snapshot`."""
        ours, theirs = socket.socketpair()
        options = ["--isolate-network"] if isolate else []
        if snapshot is not None:
            options += ["--snapshot", snapshot.path, snapshot.kind]
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(theirs.fileno()), *options],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        conn = Connection(ours.detach())
        try:
            if not conn.poll(timeout):
                raise TemplateError("a worker template did not load the data in time")
            message = conn.recv()
            if message[0] == "failed":
                raise TemplateError(message[1])
            _, pid, isolated, threads = message
        except (EOFError, OSError, TemplateError) as exc:
            process.kill()
            process.wait()
            conn.close()
            raise TemplateError(f"a worker template did not start ({exc})") from exc
        if threads != 1:
            log.warning("worker template %d runs %d threads: it cannot fork", pid, threads)
        if isolate and not isolated:
            log.warning("worker template %d could not be cut off from the network", pid)
        return cls(process, conn, snapshot.path if snapshot else None, isolated)

    def load(self, snapshot: Snapshot, timeout: float) -> None:
        """Load `snapshot` into a template started without data: a spare, started ahead
        of the next version so that only the data is left to load then (the imports
        of a fresh interpreter take as long again)."""
        with self._lock:
            if self._closed or self._retired or self.snapshot is not None:
                raise TemplateError("only a spare worker template can load data")
            try:
                self.conn.send(("load", snapshot.path, snapshot.kind))
                if not self.conn.poll(timeout):
                    raise TemplateError("the worker template did not load the data in time")
                reply = self.conn.recv()
            except (EOFError, OSError) as exc:
                raise TemplateError(f"the worker template failed ({exc})") from exc
            if reply[0] != "loaded":
                raise TemplateError(f"the worker template could not load the data: {reply[1]}")
            threads = reply[1]
            if threads != 1:
                log.warning("worker template %d runs %d threads: it cannot fork", self.pid, threads)
            self.snapshot = snapshot.path

    def fork(self, data_limit: int | None, timeout: float) -> tuple[ForkedProcess, Connection]:
        """A new worker: its process and the service's end of its socket."""
        with self._lock:
            if self._closed or self._retired:
                raise TemplateError("the worker template was retired")
            try:
                self.conn.send(("fork", data_limit))
                if not self.conn.poll(timeout):
                    raise TemplateError("the worker template did not answer")
                reply = self.conn.recv()
                if reply[0] != "forked":
                    raise TemplateError(str(reply[1]))
                pid = reply[1]
                with _control_socket(self.conn) as sock:
                    _, fds, _, _ = socket.recv_fds(sock, 1, 2)
            except (EOFError, OSError) as exc:
                raise TemplateError(f"the worker template failed ({exc})") from exc
            if len(fds) != 2:
                for fd in fds:
                    os.close(fd)
                raise TemplateError("the worker template sent no socket")
            self._children.add(pid)
        return ForkedProcess(self, pid, fds[1]), Connection(fds[0])

    def exit_code(self, pid: int) -> int:
        """How an ended child ended (its exit code, or -signal)."""
        with self._lock:
            code = None
            if not self._closed:
                with contextlib.suppress(EOFError, OSError):
                    self.conn.send(("status", pid))
                    if self.conn.poll(5):
                        code = self.conn.recv()[1]
            self._children.discard(pid)
            close = self._retired and not self._children
        if close:
            self.close()
        return UNKNOWN_EXIT if code is None else code

    def retire(self) -> None:
        """Fork no more; end once every worker forked from it has ended (their exit
        codes are asked from it)."""
        with self._lock:
            self._retired = True
            close = not self._children
        if close:
            self.close()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._retired = True
        with contextlib.suppress(OSError):
            self.conn.close()  # the template reaps what it can and ends
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def alive(self) -> bool:
        return not self._closed and self.process.poll() is None

    @property
    def closed(self) -> bool:
        return self._closed


class ForkedProcess:
    """A worker forked from a template: the part of subprocess.Popen the pool uses."""

    def __init__(self, template: Template, pid: int, pidfd: int) -> None:
        self.template = template
        self.pid = pid
        self._pidfd: int | None = pidfd
        self.returncode: int | None = None
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        with self._lock:
            if self.returncode is not None or self._pidfd is None:
                return self.returncode
            ready, _, _ = select.select([self._pidfd], [], [], 0)
            if not ready:
                return None
            self.returncode = self.template.exit_code(self.pid)
            os.close(self._pidfd)
            self._pidfd = None
            return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        with self._lock:
            pidfd = self._pidfd
        if pidfd is not None and self.returncode is None:
            ready, _, _ = select.select([pidfd], [], [], timeout)
            if not ready:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0)
        code = self.poll()
        assert code is not None
        return code

    def kill(self) -> None:
        with self._lock:
            if self._pidfd is not None and self.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def __del__(self) -> None:
        if self._pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self._pidfd)


if __name__ == "__main__":
    # Run the copy imported under its package name (as query_worker does), so that
    # what the workers send back unpickles as the service's classes.
    from gemeentegraaf.service.sparql import worker_template

    worker_template.main(sys.argv[1:])
