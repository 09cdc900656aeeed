"""Bytes of SPARQL answers the service holds until their clients have read them.

A worker's answer is at most Settings.max_response_bytes long, but the service
holds it until the client has taken it: a client that sends big queries and
never reads the answers (or reads them slowly) makes the main process hold one
per connection, without end. The budget counts the bytes of answers being sent,
per client address and in all; past either bound, a new query is refused (429
for the client's own, 503 for the service's) until answers are read.
"""

from __future__ import annotations

import threading
from collections import Counter

from gemeentegraaf.service.slow_readers import send_or_drop
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

MIB = 1024 * 1024
# Bytes of answers not yet read, per client address and in all: two answers at the
# byte cap per client, and a bound on what unread answers take from the machine.
PER_CLIENT = 64 * MIB
TOTAL = 512 * MIB
# Answers this small are not counted: they fit in the socket buffers.
UNCOUNTED = 64 * 1024
CHUNK = 256 * 1024


class AnswerBudget:
    def __init__(self, per_client: int = PER_CLIENT, total: int = TOTAL) -> None:
        self.per_client = per_client
        self.total = total
        self._held: Counter[str | None] = Counter()
        self._lock = threading.Lock()

    def refusal(self, client: str | None) -> tuple[int, str] | None:
        """(status, message) when `client`'s next query must wait for answers to be read."""
        with self._lock:
            mine, everyone = self._held[client], sum(self._held.values())
        if mine >= self.per_client:
            return 429, (
                f"You have {mine // MIB} MiB of query answers that your connections have not "
                f"read yet, the most per client ({self.per_client // MIB} MiB): read them, "
                "or close those connections, before sending more queries."
            )
        if everyone >= self.total:
            return 503, (
                f"The service holds {everyone // MIB} MiB of query answers that clients have "
                "not read yet, the most it holds; try again shortly."
            )
        return None

    def held(self, client: str | None) -> int:
        with self._lock:
            return self._held[client]

    def hold(self, client: str | None, size: int) -> None:
        with self._lock:
            self._held[client] += size

    def release(self, client: str | None, size: int) -> None:
        with self._lock:
            self._held[client] -= size
            if self._held[client] <= 0:
                del self._held[client]


class HeldResponse(Response):
    """A response whose body counts against `budget` until the client has read all but
    its last chunk. It is sent in chunks: the server writes a whole body into the
    connection's buffer at once, and waits for the client to read only before the
    next chunk, so a body sent whole would stop counting before a byte was read."""

    def __init__(
        self, budget: AnswerBudget, client: str | None, *args: object, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._budget = budget
        self._client = client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        size = len(self.body)
        if size < UNCOUNTED:
            await super().__call__(scope, receive, send)
            return
        self._budget.hold(self._client, size)
        try:
            start_message = {"type": "http.response.start", "status": self.status_code}
            if not await send_or_drop(
                send, {**start_message, "headers": self.raw_headers}, self._client
            ):
                return
            body = memoryview(self.body)
            for offset in range(0, size, CHUNK):
                end = offset + CHUNK
                chunk = bytes(body[offset:end])
                message = {"type": "http.response.body", "body": chunk, "more_body": end < size}
                if not await send_or_drop(send, message, self._client):
                    return  # a client that stopped reading gives its share of the budget back
        finally:
            self._budget.release(self._client, size)
