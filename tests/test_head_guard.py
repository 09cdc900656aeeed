"""The request head's bounds that `serve` adds to uvicorn (service/head_guard.py)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from gemeentegraaf.service import head_guard
from gemeentegraaf.service.head_guard import MAX_HEAD_BYTES, HeadGuard

from tests.sparql_helpers import free_port


async def _ok(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]}
    )
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def port(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(head_guard, "HEAD_SECONDS", 0.5)
    chosen = free_port()
    config = uvicorn.Config(_ok, host="127.0.0.1", port=chosen, http=HeadGuard, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    yield chosen
    server.should_exit = True
    thread.join(5)


def _exchange(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """What the server answers to `data` before it closes the connection."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(data)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return received


def test_ordinary_requests_pass_also_one_after_another_on_a_connection(port: int) -> None:
    request = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(5)
        for _ in range(3):
            sock.sendall(request)
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
            time.sleep(0.3)  # together longer than the head's time: each head has its own


def test_headers_past_the_bound_get_431_and_a_url_past_it_414(port: int) -> None:
    header = b"X-Big: " + b"a" * (MAX_HEAD_BYTES + 10) + b"\r\n"
    answer = _exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\n" + header + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 431") and b"together pass" in answer
    answer = _exchange(port, b"GET /" + b"q" * (MAX_HEAD_BYTES + 10) + b" HTTP/1.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 414") and b"by POST" in answer


def test_a_head_that_does_not_arrive_in_time_gets_408_and_silence_is_closed(port: int) -> None:
    started = time.monotonic()
    answer = _exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\n")
    assert answer.startswith(b"HTTP/1.1 408")
    assert _exchange(port, b"") == b""
    assert time.monotonic() - started < 4


def test_a_body_sent_with_its_head_does_not_count_as_head(port: int) -> None:
    # A POST of 200 KB arrives in the same reads as its head: only the head is bounded
    # (an adversary's long queries and Graph Store uploads got 431).
    body = b"ASK {} #" + b"x" * 200_000
    head = (
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    for _ in range(5):
        assert _exchange(port, head + body).startswith(b"HTTP/1.1 200")
    # a head past the bound is still refused, whatever follows it
    big = b"X-Big: " + b"a" * (MAX_HEAD_BYTES + 10) + b"\r\n"
    answer = _exchange(port, b"POST / HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n" + body)
    assert answer.startswith(b"HTTP/1.1 431")


def test_a_pipelined_head_and_empty_lines_before_one_are_counted(port: int) -> None:
    # A reviewer's cases: a big head after a small pipelined GET in one send, or after
    # empty lines (which the parser skips), passed uncounted once a head's end was found.
    big = b"X-Big: " + b"a" * 150_000 + b"\r\n"
    small = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    answer = _exchange(port, small + b"GET / HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
    assert b"HTTP/1.1 431" in answer  # (the connection closes: the first answer may not come)
    for blank in (b"\r\n\r\n", b"\n\n"):
        answer = _exchange(port, blank + b"GET / HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
        assert answer.startswith(b"HTTP/1.1 431")
    # pipelined small requests all answer (the last one closes the connection)
    last = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    answer = _exchange(port, small * 2 + last)
    assert answer.count(b"HTTP/1.1 200") == 3
