"""Request paths that no route may see as they came: control characters and trailing slashes.

Starlette matches a route with a regular expression that ends in `$`, which also matches
before a final newline: `/themas/armoede%0A` reached the theme armoede and
`/id/gemeente/gm0363%0A` answered as gm0363. No key or resource of this service holds a
control character, so a path with one is answered 404 here, before any route, by the
app's own not-found answer (which echoes the path percent-encoded).

Starlette's own trailing-slash redirect (`redirect_slashes`) is turned off where this
middleware is installed: it answered 307 with an absolute Location built from the request's
Host header, with `%2F` in the path decoded into a slash, and only where the path without
the slash matched a route (so `/themas/armoede/`, which the theme route matches with key
`armoede/`, was a 404). Here a path that ends in a slash (other than `/`) is sent, 308,
to the same path without it: a relative Location, spelled as the client spelled it,
query kept.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

NotFound = Callable[[Request, Exception], Awaitable[Response]]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What must not follow the first slash of a Location: `//host` and `/\host` name another
# host to a browser.
_OTHER_HOST = re.compile(rb"^/[/\\]")


class RequestTarget:
    """404 for a path with a control character; 308 without the slash for one ending in `/`."""

    def __init__(self, app: ASGIApp, *, not_found: NotFound) -> None:
        self.app = app
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if _CONTROL.search(path):
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
