"""A request path that ends in a line break reaches no route.

Starlette matches a route with a regular expression that ends in `$`, which also matches
before a final newline: `/themas/armoede%0A` reached the theme armoede and
`/id/gemeente/gm0363%0A` answered as gm0363, the line break dropped (and CORS's `Allow`,
which asks the same routes, named the methods of the path without it). A line break
elsewhere in a path is no trouble: no route matches it, or its route reads the key as it
is and refuses it. No key of this service ends in a line break, so `RequestTarget`
answers such a path with the app's not-found answer, before CORS and any route.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

NotFound = Callable[[Request, Exception], Awaitable[Response]]


class RequestTarget:
    """404 for a path that ends in a line break."""

    def __init__(self, app: ASGIApp, *, not_found: NotFound) -> None:
        self.app = app
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith("\n"):
            request = Request(scope, receive)
            response = await self.not_found(request, HTTPException(404))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
