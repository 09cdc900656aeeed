"""Bounds on a request's head (request line and headers), which uvicorn has none of.

uvicorn's httptools protocol keeps whatever a client sends before the end of the
headers, for as long as it takes: one header line of 256 MB grew the server by
460 MB, and a head trickled in over minutes held its connection all that while
(a connection that never sent a byte was never closed either). HeadGuard, the
protocol `serve` runs, answers 414 or 431 once a head passes MAX_HEAD_BYTES, and
408 when a head is not complete HEAD_SECONDS after its first byte (or after the
connection opened), and closes the connection. Bodies have their own bounds
(service/app.py: BodyLimit); an idle connection between requests, uvicorn's
keep-alive timeout. A request cancelled as the server stops gets a 503 (StopQuietly).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from gemeentegraaf.service.stopping import StopQuietly
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("gemeentegraaf.service")

# Long enough for any page or API URL and the headers browsers and proxies send;
# a longer SPARQL query goes by POST.
MAX_HEAD_BYTES = 64 * 1024
HEAD_SECONDS = 30.0

_REASONS = {408: b"Request Timeout", 414: b"URI Too Long", 431: b"Request Header Fields Too Large"}


class HeadGuard(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A request this protocol runs is cancelled only when the server stops: it gets
        # a 503, not a traceback in the log (service/stopping.py).
        self.app = StopQuietly(self.app)
        self._in_head = True
        self._head_bytes = 0
        self._line_ended = False
        self._line_bytes = 0
        # the last bytes of the head read so far, to find its end across two reads
        self._tail = b""
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # A read may hold the end of one head, a body, and the heads of pipelined
        # requests after it. The parser gets the read head by head, so that each head is
        # counted before the parser keeps it; what follows a head with a body is that body
        # (bounded by BodyLimit), fed whole.
        while data and self._in_head:
            if self._head_timer is None:
                self._start_head_timer()
            part = self._head_part(data)
            self._head_bytes += part
            if not self._line_ended:
                end = data.find(b"\n", 0, part)
                self._line_bytes += part if end < 0 else end
                self._line_ended = end >= 0
            if self._head_bytes > MAX_HEAD_BYTES:
                # Most of it in the request line: its URL is what is long.
                self._refuse(414 if self._line_bytes > MAX_HEAD_BYTES // 2 else 431)
                return
            if part == len(data):
                break
            super().data_received(data[:part])  # the head ends: the parser says what follows
            data = data[part:]
            if self.transport.is_closing():
                return
        if data:
            super().data_received(data)

    def _head_part(self, data: bytes) -> int:
        """How many bytes of `data` belong to the head being read: up to the blank line
        that ends it (perhaps begun in the read before), all of them if it is not there.
        Empty lines before a request line belong to its head (the parser skips them)."""
        window = self._tail + data
        offset = len(self._tail)
        start = 0
        if not self._head_bytes and not self._tail:
            start = len(window) - len(window.lstrip(b"\r\n"))
        ends = [i + len(m) for m in (b"\r\n\r\n", b"\n\n") if (i := window.find(m, start)) >= 0]
        if not ends:
            self._tail = window[-3:]
            return len(data)
        self._tail = b""
        return max(0, min(ends) - offset)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._tail = b""
        self._head_bytes = 0
        self._line_ended = False
        self._line_bytes = 0
        self._stop_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        # What comes next on this connection is the head of its next request.
        self._in_head = True
        self._tail = b""
        self._head_bytes = 0

    def _start_head_timer(self) -> None:
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(HEAD_SECONDS, self._head_timed_out)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            if self._head_bytes:
                self._refuse(408)
            else:
                self.transport.close()  # nothing sent at all: nothing to answer

    def _refuse(self, status: int) -> None:
        self._stop_head_timer()
        message = {
            408: f"The request's headers did not arrive within {HEAD_SECONDS:g} s.",
            414: f"The request line is longer than {MAX_HEAD_BYTES // 1024} KiB; "
            "send long queries by POST.",
            431: f"The request line and headers together pass {MAX_HEAD_BYTES // 1024} KiB.",
        }[status].encode()
        log.info("%s: %d %s", self.client, status, message.decode())
        head = (
            b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n"
        ) % (status, _REASONS[status], len(message) + 1)
        self.transport.write(head + message + b"\n")
        self.transport.close()
