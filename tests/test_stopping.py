"""Stopping the server while a request is under way: the request ends with a 503 and one
line in the log, not a traceback, and the server does not wait for it longer than its
grace period; the process does not wait for a worker thread nobody will read from."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from gemeentegraaf.cli import main as cli_main
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.head_guard import HeadGuard
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.stopping import QuietLifespan, StopQuietly
from gemeentegraaf.store.base import StoreError

try:
    from tests.service_sample import build_sample_store
    from tests.uvicorn_server import free_port
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import build_sample_store
    from uvicorn_server import free_port

SCOPE = {"type": "http", "method": "GET", "path": "/id/gemeente/gm0193", "headers": []}


async def _receive() -> dict:
    return {"type": "http.request", "body": b"", "more_body": False}


def _run_cancelled(app) -> list[dict]:
    """Run StopQuietly(app) as a task, cancel it once the app waits, and return what it sent."""
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def scenario() -> None:
        task = asyncio.create_task(StopQuietly(app)(SCOPE, _receive, send))
        await asyncio.sleep(0.01)
        task.cancel()
        await task  # ends without CancelledError: nothing for uvicorn to log

    asyncio.run(scenario())
    return sent


def test_a_request_cancelled_before_its_answer_gets_503(caplog) -> None:
    async def waits(scope, receive, send) -> None:
        await asyncio.Event().wait()

    with caplog.at_level(logging.INFO, logger="gemeentegraaf.service"):
        sent = _run_cancelled(waits)
    assert sent[0]["status"] == 503
    assert (b"connection", b"close") in sent[0]["headers"]
    assert b"stopping" in sent[1]["body"]
    assert "GET /id/gemeente/gm0193: the service is stopping; answered 503" in caplog.text


def test_a_request_cancelled_during_its_answer_sends_nothing_more() -> None:
    async def begins(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await asyncio.Event().wait()

    sent = _run_cancelled(begins)
    assert [m["type"] for m in sent] == ["http.response.start"]


def test_a_shutdown_cut_short_reports_no_traceback(caplog) -> None:
    # (a second Ctrl-C: uvicorn cancels the lifespan, Starlette reports it as failed)
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def lifespan(scope, receive, send) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            trace = "Traceback (most recent call last): … asyncio.exceptions.CancelledError"
            await send({"type": "lifespan.shutdown.failed", "message": trace})
            raise

    async def scenario() -> None:
        task = asyncio.create_task(QuietLifespan(lifespan)({"type": "lifespan"}, _receive, send))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    with caplog.at_level(logging.INFO, logger="gemeentegraaf.service"):
        asyncio.run(scenario())
    assert sent == [{"type": "lifespan.shutdown.failed", "message": ""}]
    assert "the shutdown was cut short" in caplog.text


@pytest.fixture
def slow_server(tmp_path: Path) -> Iterator[tuple[uvicorn.Server, str, threading.Event]]:
    """The service under uvicorn (in a thread) with one more page that renders until told."""
    app = create_app(Settings(store_path=build_sample_store(tmp_path / "store")))
    rendering, release = threading.Event(), threading.Event()

    def slow_page() -> str:
        rendering.set()
        release.wait(60)  # a render that goes on after its request was cancelled
        return "klaar"

    app.add_api_route("/test/langzaam", slow_page)
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, http=HeadGuard, timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started:
                break
            threading.Event().wait(0.1)
        yield server, f"http://127.0.0.1:{port}", rendering
    finally:
        release.set()
        server.should_exit = True
        thread.join(60)


def test_stopping_the_server_answers_the_request_under_way_with_503(slow_server, caplog) -> None:
    server, base, rendering = slow_server
    answers: list[httpx.Response] = []
    client = threading.Thread(
        target=lambda: answers.append(httpx.get(base + "/test/langzaam", timeout=60))
    )
    with caplog.at_level(logging.INFO):
        client.start()
        assert rendering.wait(60)
        server.should_exit = True  # what Ctrl-C does
        client.join(60)
    assert answers and answers[0].status_code == 503
    assert "Exception in ASGI application" not in caplog.text
    assert "CancelledError" not in caplog.text
    assert "GET /test/langzaam: the service is stopping; answered 503" in caplog.text


def test_the_process_does_not_wait_for_a_cancelled_requests_thread(monkeypatch, capsys) -> None:
    exits: list[int] = []

    def exit_now(code: int) -> None:
        exits.append(code)
        raise SystemExit(code)

    monkeypatch.setattr(cli_main.os, "_exit", exit_now)
    cli_main.leave_unfinished_threads(exit_code=130, grace=0.1)  # nothing running: returns
    assert exits == []
    release = threading.Event()
    worker = threading.Thread(target=release.wait, args=(60,))
    worker.start()
    try:
        with pytest.raises(SystemExit):
            cli_main.leave_unfinished_threads(exit_code=130, grace=0.1)
    finally:
        release.set()
        worker.join()
    assert exits == [130]
    assert "stopped without waiting for 1 worker thread" in capsys.readouterr().err


def _startup_failing_with(exc: BaseException) -> tuple[list[dict], BaseException | None]:
    """What QuietLifespan passes on when the app's startup fails with `exc`, as Starlette
    reports it (the traceback as the message, sent from the except block, then re-raised)."""
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def lifespan(scope, receive, send) -> None:
        try:
            raise exc
        except BaseException:
            await send({"type": "lifespan.startup.failed", "message": "Traceback … " + repr(exc)})
            raise

    async def scenario() -> BaseException | None:
        try:
            await QuietLifespan(lifespan)({"type": "lifespan"}, _receive, send)
        except BaseException as raised:  # noqa: BLE001 (the test looks at what came out)
            return raised
        return None

    return sent, asyncio.run(scenario())


def test_a_store_that_cannot_be_opened_stops_the_start_in_one_line() -> None:

    sent, raised = _startup_failing_with(StoreError("cannot open the store at /x: Corruption"))
    assert sent == [
        {
            "type": "lifespan.startup.failed",
            "message": "cannot start the service: cannot open the store at /x: Corruption",
        }
    ]
    assert isinstance(raised, StoreError)  # uvicorn still sees the start failed


def test_a_bug_at_startup_keeps_its_traceback() -> None:
    sent, raised = _startup_failing_with(KeyError("settings"))
    assert sent[0]["message"].startswith("Traceback")
    assert isinstance(raised, KeyError)
