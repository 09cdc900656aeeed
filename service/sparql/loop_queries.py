"""A query answered on the event loop when a worker is free: no thread in between.

A cheap query spends less time in the engine than in the hops around it, and
under load the hop to a thread (and back to the event loop) is the costliest:
threads wait for the interpreter's lock. So when a fast-lane worker is idle
(QueryPool.take_idle), the task is sent from the event loop and its answer is
awaited there, for one `watch_interval`. Anything else goes to a thread as
before (QueryPool.run): a query that has to wait for a worker, one still
running after the interval (the thread watches its memory and time share from
then on, exactly as for any other query), and an answer too large to read
without holding up the loop. A worker that fails here is released like any
other, and the query is tried once more in a thread, as `run` would.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import pickle
import socket
import struct
import threading
import time
from typing import Any

import anyio.to_thread
from gemeentegraaf.service.sparql.query_pool import (
    MemoryLimitExceeded,
    QueryPool,
    QueryTimeout,
    WorkerFailed,
)
from gemeentegraaf.service.sparql.query_worker import QueryTask

# Answers up to this size are read on the event loop; larger ones in a thread.
LOOP_READ_BYTES = 256 * 1024


async def run_query(
    pool: QueryPool,
    task: QueryTask,
    timeout: float,
    client: str | None,
    threads: anyio.CapacityLimiter | None = None,
) -> Any:
    """QueryPool.run for the event loop (same answers, same exceptions). `threads`: the
    limiter of the threads a query waits or is watched in (anyio's default if None)."""
    heavy = pool.known_heavy(task, client)
    worker = pool.take_idle(client) if task.snapshot is not None and not heavy else None
    if worker is None:
        return await anyio.to_thread.run_sync(
            functools.partial(pool.run, task, timeout, client, heavy=heavy), limiter=threads
        )
    deadline = time.monotonic() + timeout
    generation = pool.generation

    async def once_more(failure: WorkerFailed, attempts: int = 1) -> Any:
        # As `run` does: a second try on a fresh worker, unless time is up or the pool
        # was closed (which is what killed the worker).
        if time.monotonic() >= deadline or pool.generation != generation:
            raise failure
        return await anyio.to_thread.run_sync(
            _once_more, pool, task, deadline, client, attempts, limiter=threads
        )

    try:
        pool.assign(worker, task)
        started, cpu_at_start = pool.supervised_send(worker, task)
    except WorkerFailed as failure:
        # Dead before the task reached it: that try does not count.
        return await once_more(failure, attempts=2)
    try:
        ready = await _readable(worker.conn.fileno(), min(pool.look_interval(client), timeout))
    except asyncio.CancelledError:
        # The client went away: the worker still answers; take that answer in the
        # background, so that the worker goes back to the lane.
        _finish_in_background(pool, worker, task, timeout, deadline, client, started, cpu_at_start)
        raise
    size = _message_size(worker.conn.fileno()) if ready else None
    if size is not None and size <= LOOP_READ_BYTES:
        try:
            payload = await _read_exactly(worker.conn.fileno(), 4 + size, deadline)
        except asyncio.CancelledError:
            # Part of the answer is read: the worker cannot be used again.
            pool.supervised(worker, lambda: _raise(EOFError("the client went away")))
            raise
        except TimeoutError:
            # Stuck halfway through its answer: stopped like any query past its time.
            pool.supervised(worker, lambda: _raise(QueryTimeout(timeout)))
        except (EOFError, OSError) as exc:
            # It died while it answered: `supervised` says how (out of memory or not)
            # and replaces it.
            died: Exception = exc
            try:
                pool.supervised(worker, lambda: _raise(died))
            except MemoryLimitExceeded:
                raise
            except WorkerFailed as failure:
                return await once_more(failure)
        # Out of memory raises MemoryLimitExceeded here: not tried again, it would again.
        try:
            return pool.supervised(
                worker, lambda: pool.settle(worker, task, _unpickled(payload[4:]), client)
            )
        except MemoryLimitExceeded:
            raise
        except WorkerFailed as failure:
            return await once_more(failure)
    try:
        return await anyio.to_thread.run_sync(
            pool.await_answer,
            *(worker, task, timeout, deadline, client, started, cpu_at_start),
            limiter=threads,
        )
    except MemoryLimitExceeded:
        raise
    except WorkerFailed as failure:
        return await once_more(failure)


def _once_more(
    pool: QueryPool, task: QueryTask, deadline: float, client: str | None, attempts: int
) -> Any:
    """The tries `run` has left for a query whose worker died under it."""
    return pool.run(task, max(deadline - time.monotonic(), 0.001), client, attempts=attempts)


async def _readable(fd: int, seconds: float) -> bool:
    """Whether `fd` has something to read within `seconds`."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    # uvloop (libuv) makes a watched descriptor non-blocking for good; the worker's
    # connection is also read and written from threads, which expect it blocking
    # (else EAGAIN reads as a dead worker).
    blocking = os.get_blocking(fd)
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
    try:
        await asyncio.wait_for(ready, seconds)
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
        if blocking:
            os.set_blocking(fd, True)


def _message_size(fd: int) -> int | None:
    """The length of the message waiting on `fd` (multiprocessing's framing: a 4-byte
    big-endian length, then the pickle), or None when its header is not there yet or
    it is one of the long form (-1: a length over 2 GiB follows)."""
    with socket.socket(fileno=fd) as peek:
        try:
            head = peek.recv(4, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except OSError:
            # Nothing there yet, or the worker died (reset): the thread finds out which.
            return None
        finally:
            peek.detach()  # the fd stays the connection's
    if len(head) < 4:
        return None
    size = struct.unpack("!i", head)[0]
    return size if size >= 0 else None


async def _read_exactly(fd: int, count: int, deadline: float) -> bytes:
    """`count` bytes from `fd`, read as they arrive without blocking the loop."""
    data = bytearray()
    with socket.socket(fileno=fd) as sock:
        try:
            while len(data) < count:
                try:
                    chunk = sock.recv(count - len(data), socket.MSG_DONTWAIT)
                except (BlockingIOError, InterruptedError):
                    if not await _readable(fd, max(deadline - time.monotonic(), 0.001)):
                        raise TimeoutError("the answer did not arrive in time") from None
                    continue
                if not chunk:
                    raise EOFError("the query worker closed its connection")
                data += chunk
        finally:
            sock.detach()
    return bytes(data)


def _unpickled(payload: bytes) -> Any:
    """The worker's answer; one that cannot be read means the worker is broken (it is
    replaced, and the query fails as for a worker that died)."""
    try:
        return pickle.loads(payload)
    except Exception as exc:  # unpickling can raise almost anything on garbage
        raise EOFError(f"unreadable answer from the query worker ({type(exc).__name__})") from exc


def _raise(failure: Exception) -> Any:
    raise failure


def _finish_in_background(pool: QueryPool, *args: Any) -> None:
    def finish() -> None:
        with contextlib.suppress(Exception):
            pool.await_answer(*args)

    threading.Thread(target=finish, name="query-answer-after-cancel", daemon=True).start()
