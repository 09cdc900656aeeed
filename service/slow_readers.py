"""Answers sent to clients that stop reading them.

uvicorn waits, before each write, until the connection's buffer has drained: a
client that asks for a large answer and never reads it holds that answer (and
whatever budget or slot it counts against) for as long as the connection lives.
Every large answer is therefore sent in chunks, each of which the client must
take within STALL_SECONDS; one that stalls longer loses the connection, and what
its answer held is freed. And whole-dataset downloads, seconds of CPU and
megabytes in flight each, are limited in number per client and in all.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Mapping

import anyio
from starlette.responses import StreamingResponse
from starlette.types import Message, Receive, Scope, Send

log = logging.getLogger("gemeentegraaf.service")

STALL_SECONDS = 60.0
# Downloads of the whole dataset at once: per client address, and in all.
DUMPS_PER_CLIENT = 2
DUMPS_TOTAL = 6


async def send_or_drop(send: Send, message: Message, client: str | None) -> bool:
    """Send `message`; False when the client took nothing for STALL_SECONDS (the
    caller then ends the response unfinished, and uvicorn closes the connection)."""
    with anyio.move_on_after(STALL_SECONDS) as waited:
        await send(message)
    if waited.cancelled_caught:
        log.info(
            "%s stopped reading its answer for %g s: connection dropped", client, STALL_SECONDS
        )
        return False
    return True


class DumpSlots:
    """How many whole-dataset downloads run, per client and in all."""

    def __init__(self, per_client: int = DUMPS_PER_CLIENT, total: int = DUMPS_TOTAL) -> None:
        self.per_client = per_client
        self.total = total
        self._running: Counter[str | None] = Counter()
        self._lock = threading.Lock()

    def take(self, client: str | None) -> tuple[int, str] | None:
        """Take a slot for `client`; or (status, message) when there is none."""
        with self._lock:
            if self._running[client] >= self.per_client:
                return 429, (
                    f"You are downloading the dataset {self.per_client} times at once already, "
                    "the most per client; wait for one of those downloads to end."
                )
            if sum(self._running.values()) >= self.total:
                return 503, (
                    f"{self.total} downloads of the whole dataset are running, the most at "
                    "once; try again shortly."
                )
            self._running[client] += 1
            return None

    def give_back(self, client: str | None) -> None:
        with self._lock:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]


class DumpResponse(StreamingResponse):
    """A streamed download that holds one of `slots` until it ends, and is dropped when
    its client stops reading (send_or_drop)."""

    def __init__(
        self,
        chunks: object,
        slots: DumpSlots,
        client: str | None,
        media_type: str,
        headers: Mapping[str, str],
    ) -> None:
        super().__init__(chunks, media_type=media_type, headers=headers)  # type: ignore[arg-type]
        self._slots = slots
        self._client = client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._slots.give_back(self._client)

    async def stream_response(self, send: Send) -> None:
        start = {"type": "http.response.start", "status": self.status_code}
        if not await send_or_drop(send, {**start, "headers": self.raw_headers}, self._client):
            return
        async for chunk in self.body_iterator:
            body = chunk if isinstance(chunk, bytes | memoryview) else chunk.encode(self.charset)
            message = {"type": "http.response.body", "body": body, "more_body": True}
            if not await send_or_drop(send, message, self._client):
                return
        await send({"type": "http.response.body", "body": b"", "more_body": False})
