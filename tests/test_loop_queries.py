"""Queries answered on the event loop when a worker is free (service/sparql/loop_queries.py).

What a client sees must not change: the same answers and refusals as through a
thread. What changes is where the answer is awaited, which the tests count by
watching anyio's thread hop in the module.
"""

from __future__ import annotations

import asyncio
import os
import signal
from dataclasses import replace
from pathlib import Path

import anyio.to_thread
import pytest
from gemeentegraaf.service.sparql import loop_queries

from tests.test_query_lanes import CHEAP, SLOW, _app, _client, _running, wide_store  # noqa: F401

ALL = "SELECT ?s ?o WHERE { ?s ?p ?o }"  # 200 rows


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of what loop_queries handed to a thread."""
    seen: list[str] = []
    real = anyio.to_thread.run_sync

    async def counted(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(getattr(fn, "__name__", repr(fn)))
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(loop_queries.anyio.to_thread, "run_sync", counted)
    return seen


async def _idle(pool, count: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(600):
        if len(pool._idle) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the workers never became idle")


def test_a_cheap_query_with_a_free_worker_needs_no_thread(
    wide_store: Path,  # noqa: F811
    hops: list[str],
) -> None:
    app = _app(wide_store, query_workers=1)

    async def scenario() -> None:
        async with _running(app) as pool, _client(app, "10.0.0.1") as http:
            await _idle(pool, 1)
            # A generous first look, so that a busy machine cannot make these slow.
            pool.lanes = replace(pool.lanes, watch_interval=10.0)
            hops.clear()
            for _ in range(5):
                response = await http.get("/sparql", params={"query": CHEAP})
                assert response.status_code == 200 and response.json()["boolean"] is True
            rows = await http.get("/sparql", params={"query": ALL})
            assert len(rows.json()["results"]["bindings"]) == 200
            assert "run" not in hops and "await_answer" not in hops
            assert len(pool._idle) == 1  # the worker went back

    asyncio.run(scenario())


def test_a_large_answer_and_a_long_query_are_awaited_in_a_thread(
    wide_store: Path,  # noqa: F811
    hops: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(loop_queries, "LOOP_READ_BYTES", 1000)
    app = _app(wide_store, query_workers=1, query_timeout=2.0)

    async def scenario() -> None:
        async with _running(app) as pool, _client(app, "10.0.0.1") as http:
            await _idle(pool, 1)
            hops.clear()
            rows = await http.get("/sparql", params={"query": ALL})
            assert len(rows.json()["results"]["bindings"]) == 200
            assert hops == ["await_answer"]
            hops.clear()
            slow = await http.get("/sparql", params={"query": SLOW})
            assert slow.status_code == 503 and "timeout" in slow.text.lower()
            assert hops[0] == "await_answer"

    asyncio.run(scenario())


def test_a_worker_killed_while_idle_costs_the_query_nothing(
    wide_store: Path,  # noqa: F811
    hops: list[str],
) -> None:
    app = _app(wide_store, query_workers=1)

    async def scenario() -> None:
        async with _running(app) as pool, _client(app, "10.0.0.1") as http:
            await _idle(pool, 1)
            [pid] = pool.workers
            os.kill(pid, signal.SIGKILL)
            response = await http.get("/sparql", params={"query": CHEAP})
            assert response.status_code == 200 and response.json()["boolean"] is True

    asyncio.run(scenario())


def test_a_client_that_goes_away_gives_its_worker_back(
    wide_store: Path,  # noqa: F811
) -> None:
    app = _app(wide_store, query_workers=1)
    # Two open patterns: 40,000 rows to count, a second or so.
    medium = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

    async def scenario() -> None:
        async with _running(app) as pool, _client(app, "10.0.0.1") as http:
            await _idle(pool, 1)
            request = asyncio.create_task(http.get("/sparql", params={"query": medium}))
            await asyncio.sleep(0.01)
            request.cancel()
            with pytest.raises(asyncio.CancelledError):
                await request
            await _idle(pool, 1)  # answered in the background, then back in the lane
            response = await http.get("/sparql", params={"query": CHEAP})
            assert response.status_code == 200

    asyncio.run(scenario())


def test_an_unreadable_answer_is_a_failed_worker_not_a_crash(
    wide_store: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    hops: list[str],
) -> None:
    app = _app(wide_store, query_workers=1)
    garbled = {"left": 1}
    real = loop_queries.pickle.loads

    def loads(payload: bytes):  # type: ignore[no-untyped-def]
        if garbled["left"]:
            garbled["left"] -= 1
            raise loop_queries.pickle.UnpicklingError("invalid load key")
        return real(payload)

    # Only the loop's read goes through this module's pickle.loads (a thread reads
    # with multiprocessing's own), so the retry gets a good answer.
    monkeypatch.setattr(loop_queries.pickle, "loads", loads)

    async def scenario() -> None:
        async with _running(app) as pool, _client(app, "10.0.0.1") as http:
            await _idle(pool, 1)
            pool.lanes = replace(pool.lanes, watch_interval=10.0)
            [first_pid] = pool.workers
            hops.clear()
            response = await http.get("/sparql", params={"query": CHEAP})
            assert response.status_code == 200 and response.json()["boolean"] is True
            assert garbled["left"] == 0 and hops == ["_once_more"]
            await _idle(pool, 1)
            assert first_pid not in pool.workers  # the broken worker was replaced

    asyncio.run(scenario())


def test_garbage_from_a_worker_reads_as_a_broken_connection() -> None:
    with pytest.raises(EOFError, match="unreadable answer"):
        loop_queries._unpickled(b"\x80\x05garbage")
    assert loop_queries._unpickled(loop_queries.pickle.dumps({"a": 1})) == {"a": 1}


def test_under_uvloop_the_worker_connection_stays_blocking_for_the_threads(
    wide_store: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The service runs on uvloop (uvicorn[standard]); libuv leaves a descriptor it
    # watched non-blocking, and a thread reading a worker's answer then got EAGAIN,
    # which read as a dead worker (500s under load).
    uvloop = pytest.importorskip("uvloop")
    monkeypatch.setattr(loop_queries, "LOOP_READ_BYTES", 1000)  # ALL's answer: in a thread
    app = _app(wide_store, query_workers=1)

    async def scenario() -> None:
        async with _running(app) as pool, _client(app, "10.0.0.1") as http:
            await _idle(pool, 1)
            [worker] = pool._idle
            for query in (CHEAP, ALL, CHEAP):
                response = await http.get("/sparql", params={"query": query})
                assert response.status_code == 200
                assert os.get_blocking(worker.conn.fileno())
            assert pool.workers == [worker.pid]  # never taken for dead

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(scenario())
