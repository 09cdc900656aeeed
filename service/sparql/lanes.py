"""How the query pool shares its workers: a fast lane, a slow lane, and a memory bound.

Every query starts in the fast lane, on a warm worker at normal priority. One
that has used its time share of CPU (Settings.query_time_share, 0.25 s) is
moved aside to the slow lane: its worker is reniced to the lowest priority, so
that on a busy machine the fast lane's queries get the CPU first, and a spare
worker is started in its place, so that the fast lane keeps its size. A cheap
query therefore never waits for a worker that a slow one holds.

The slow lane has room for Settings.slow_queries queries in all and
Settings.slow_queries_per_client per client address. A query that has used its
share when there is no room is stopped and refused: 429 when its client
already has its share of slow queries running, else 503; both with
Retry-After, the seconds until the first slow query in the way reaches its
timeout at the latest.

A query that has not used its CPU share but has held its fast-lane worker for
a share of wall-clock time while others wait for a worker (or four shares in
any case: on a machine busy with other work CPU comes slowly) also moves to
the slow lane, uncounted, so that it is refused only once it has really used
its share. When every fast-lane worker is busy, queries wait by the client's
recent history: clients whose queries were cheap first, then unknown ones,
then those whose queries went to the slow lane, which also never take the
fast lane's last idle worker.

Memory: the service reads each busy worker's resident size (/proc/PID/statm)
every `watch_interval` and kills a worker that is over Settings.worker_memory;
the worker also runs with its data segment limited (RLIMIT_DATA) a little
above that, a backstop for growth between two readings. Either way the client
gets 507 naming the bound, and the query is not tried again.

CPU time and resident size come from /proc (Linux). Without it the time share
is counted in wall-clock time and only the RLIMIT_DATA backstop bounds memory.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

from gemeentegraaf.service.settings import GIB, MIB, Settings, default_query_workers

log = logging.getLogger("gemeentegraaf.sparql")

# The lowest CPU priority; a worker cannot be raised back without privileges,
# so a worker moved aside is retired when its query ends.
SLOW_NICE = 19
HAS_PROC = Path("/proc/self/statm").exists()
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Lanes:
    """The pool's limits (Settings gives them; tests choose their own)."""

    fast_workers: int = default_query_workers()  # warm workers, where queries start
    time_share: float = 0.25  # CPU seconds in the fast lane before being moved aside
    slow_queries: int = 4  # queries at once in the slow lane
    slow_per_client: int = 2  # of which from one client address
    memory: int | None = GIB  # resident bytes a worker may use; None: not watched
    watch_interval: float = 0.05  # seconds between two looks at a busy worker
    # CPU seconds a query gets in the fast lane when its client already has
    # slow_per_client queries in the slow lane: a query that would be refused (429)
    # once moved aside is refused after this, not after a whole time share, so that a
    # client retrying heavy queries cannot keep the fast lane's CPU busy.
    over_limit_share: float = 0.02
    # A new data version's template is loaded before readers switch to it when its dump
    # is at least this large (a second or more for each worker that would load it);
    # a smaller one loads faster than a template starts, so workers load it themselves.
    prepare_bytes: int = 4 * MIB
    # New workers forked from a template that has loaded the data (milliseconds), not
    # started as new interpreters (seconds); see worker_template.py.
    fork: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> Lanes:
        return cls(
            fast_workers=settings.query_workers,
            time_share=settings.query_time_share,
            slow_queries=settings.slow_queries,
            slow_per_client=settings.slow_queries_per_client,
            memory=settings.worker_memory,
        )

    @property
    def data_limit(self) -> int | None:
        """The worker's RLIMIT_DATA: the bound plus room for what the data segment
        holds beyond resident pages (allocator reserves; measured: about 100 MiB)."""
        if self.memory is None:
            return None
        return self.memory + max(256 * MIB, self.memory // 4)


@dataclass(frozen=True)
class Aside:
    """A query in the slow lane: whose it is and when it will be stopped at the latest."""

    client: str | None
    deadline: float  # time.monotonic()
    limited: bool  # counts against the limits (queries do; checks of a write do not)


def refusal_wait(asides: list[Aside], now: float) -> int:
    """Retry-After: whole seconds until the first of `asides` ends at the latest."""
    first = min(a.deadline for a in asides)
    return max(1, math.ceil(first - now))


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system, all threads) the process has used; None if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the command name: state is field 3, utime 14 and stime 15 (proc(5)).
    return (int(fields[11]) + int(fields[12])) / _TICK


def resident_bytes(pid: int) -> int | None:
    """The process's resident set size; None if unknown (gone, or no /proc)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def renice(pid: int, nice: int = SLOW_NICE) -> None:
    """Lower the CPU priority of every thread of `pid` (Linux sets it per thread)."""
    try:
        threads = [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        threads = [pid]
    for tid in threads:
        # A thread that has just ended, or a worker already gone: nothing to slow down.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.setpriority(os.PRIO_PROCESS, tid, nice)


def describe_bytes(size: int) -> str:
    """1073741824 -> "1 GiB", 536870912 -> "512 MiB" (how the settings state sizes)."""
    for unit, name in ((GIB, "GiB"), (MIB, "MiB"), (1 << 10, "KiB")):
        if size >= unit:
            return f"{size / unit:.3g} {name}"
    return f"{size} bytes"
