"""A request the server cancels as it stops ends with a short 503, not a traceback.

uvicorn stops in two steps (its documentation: "Graceful Process Shutdown", and
`--timeout-graceful-shutdown`: "after this timeout, the server will start terminating
requests"): it waits for the requests under way, up to `serve`'s SHUTDOWN_GRACE seconds,
then cancels those still running; a second Ctrl-C cancels them at once. A cancelled
request's task gets asyncio.CancelledError wherever it waits: for a page that renders in a
worker thread (Starlette runs a sync handler with anyio.to_thread.run_sync, whose thread
runs on, abandoned), or for another request that renders the same page (http_cache.py).
uvicorn logs whatever leaves the application with its traceback ("Exception in ASGI
application"), so each such request printed one.

StopQuietly catches that cancellation: a request whose answer has not begun gets 503 with
`Connection: close` and `Retry-After`, and the log one line; one whose answer had begun is
left unfinished (uvicorn closes the connection, says so in a line of its own, and the
client sees an answer cut short). It wraps the app in the protocol `serve` runs
(head_guard.HeadGuard), where a request's task is cancelled only when the server stops (a
client that goes away is noticed by the handlers, not by cancelling them). It is not part
of the app itself: a caller that runs the app in its own task (httpx's ASGITransport, the
tests) and cancels its request must see the cancellation, not a 503.

QuietLifespan, in the app, keeps the lifespan's traceback out of the log when a second
Ctrl-C cuts the application's own shutdown short, and when the service cannot start for a
reason a person can act on (a store that cannot be opened or read: a UserError): then
uvicorn logs its one-line message and "Application startup failed. Exiting."
"""

from __future__ import annotations

import asyncio
import logging
import sys

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.visible import shown
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("gemeentegraaf.service")

STOPPING_MESSAGE = b"The service is stopping; try again in a moment.\n"


class StopQuietly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def noting_start(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, noting_start)
        except asyncio.CancelledError:
            what = f"{shown(scope.get('method', ''))} {shown(scope.get('path', ''))}"
            if started:
                log.info("%s: the service is stopping; its answer was cut short", what)
                return
            log.info("%s: the service is stopping; answered 503", what)
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"text/plain; charset=utf-8"),
                        (b"content-length", str(len(STOPPING_MESSAGE)).encode()),
                        (b"connection", b"close"),
                        (b"retry-after", b"5"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": STOPPING_MESSAGE})


class QuietLifespan:
    """The lifespan's messages, without the traceback of a shutdown a second Ctrl-C cut.

    uvicorn then skips the application's shutdown and cancels the lifespan's task, and
    Starlette reports that as a failed shutdown with the CancelledError's traceback as its
    message, which uvicorn logs. It is still reported as failed (the app's cleanup ran as
    the cancellation unwound it) and the cancellation goes on, but without the traceback,
    said in one line.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _lifespan_send(send))


def _lifespan_send(send: Send) -> Send:
    async def quiet(message: Message) -> None:
        task = asyncio.current_task()
        if message["type"] == "lifespan.shutdown.failed" and task is not None and task.cancelling():
            log.info("stopped at once (a second Ctrl-C): the shutdown was cut short")
            message = {"type": "lifespan.shutdown.failed", "message": ""}
        elif message["type"] == "lifespan.startup.failed":
            # (Starlette sends this from the except block of the failure: it is the exception
            # being handled here)
            failure = sys.exc_info()[1]
            if isinstance(failure, UserError):
                message = {**message, "message": f"cannot start the service: {failure}"}
        await send(message)

    return quiet
