"""How a request's path reaches a route: with its final line break, and without a slash.

Starlette matches a route with a regular expression that ends in `$`, which also matches
before a final newline: `/themas/armoede%0A` reached the theme armoede and
`/id/gemeente/gm0363%0A` answered as gm0363, the line break dropped. (A line break
elsewhere in a path is no trouble: no route matches it, or its route reads the key as it
is and refuses it.) No key of this service ends in a line break, so `RequestTarget`
answers such a path with the app's not-found answer, before any route.

Starlette's own trailing-slash redirect (`redirect_slashes`, turned off where this
middleware is installed) answered 307 with an absolute Location built from the request's
Host header, with `%2F` in the path decoded into a slash, and only where the path without
the slash matched a route (so `/themas/armoede/`, which the theme route matches with key
`armoede/`, was a 404). `RequestTarget` sends a path that ends in a slash (other than
`/`), 308, to the same path without it: a relative Location, spelled as the client spelled
it, query kept.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

NotFound = Callable[[Request, Exception], Awaitable[Response]]

# What must not follow the first slash of a Location: `//host` and `/\host` name another
# host to a browser.
_OTHER_HOST = re.compile(rb"^/[/\\]")


class RequestTarget:
    """404 for a path that ends in a line break; 308 without the slash for one ending in `/`."""

    def __init__(self, app: ASGIApp, *, not_found: NotFound) -> None:
        self.app = app
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].endswith("\n"):
            request = Request(scope, receive)
            response = await self.not_found(request, HTTPException(404))
            await response(scope, receive, send)
            return
        location = _without_trailing_slash(scope)
        if location is not None:
            await Response(status_code=308, headers={"Location": location})(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _without_trailing_slash(scope: Scope) -> str | None:
    """The relative Location of the path without its trailing slashes, or None when the
    path does not end in one (or is `/`, or would become an address on another host)."""
    path: str = scope["path"]
    if len(path) <= 1 or not path.endswith("/"):
        return None
    raw: bytes = scope.get("raw_path") or path.encode("utf-8")
    raw = raw.split(b"?", 1)[0].rstrip(b"/")
    if not raw.startswith(b"/") or _OTHER_HOST.match(raw):
        return None
    location = raw.decode("latin-1")  # raw_path is ASCII as sent: percent-encoding kept
    query: bytes = scope.get("query_string") or b""
    if query:
        location += "?" + query.decode("latin-1")
    return location
