"""CORS: any origin may read, the way Fuseki and `oxigraph serve --cors` allow it.

Every response carries `Access-Control-Allow-Origin: *`, whether or not the
request named an Origin, so that a cache never hands a CORS-less copy to a
page on another origin (and no `Vary: Origin` is needed). Credentials are
never allowed with `*`: a browser sends no cookies or HTTP auth along, and the
service uses none. A bearer token is a header the page's script must set
itself, so CORS cannot make a write happen without it; writes check the token
as they always do.

A preflight (OPTIONS with Access-Control-Request-Method) answers 204 with the
methods a page may use cross-origin: GET, HEAD and POST (SPARQL queries by
POST, and updates with a token). PUT and DELETE of the Graph Store Protocol
are left out, so a page on another origin cannot replace or drop a graph
even with a token. A plain OPTIONS answers 204 with `Allow`.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CORS_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
# Accept and Content-Type are needed for SPARQL (its media types are not
# CORS-safelisted), Authorization for updates, the conditional headers for
# revalidating a cached answer.
CORS_REQUEST_HEADERS = (
    "Accept",
    "Content-Type",
    "Authorization",
    "If-None-Match",
    "If-Modified-Since",
    "Idempotency-Key",
)
# Response headers a script may read beyond the safelisted ones: those the README
# describes to clients (a cut result, a page count, when to retry, the version a write
# kept, a replayed write).
CORS_EXPOSED_HEADERS = (
    "ETag",
    "Link",
    "Location",
    "Content-Location",
    "Content-Disposition",
    "Allow",
    "Vary",
    "Retry-After",
    "X-Total-Count",
    "X-SPARQL-Truncated",
    "X-SPARQL-Max-Rows",
    "X-SPARQL-Max-Bytes",
    "X-Gemeentegraaf-Version",
    "Idempotent-Replayed",
)
PREFLIGHT_MAX_AGE = 600  # seconds a browser may reuse a preflight


def _cors_headers() -> list[tuple[bytes, bytes]]:
    return [
        (b"access-control-allow-origin", b"*"),
        (b"access-control-expose-headers", ", ".join(CORS_EXPOSED_HEADERS).encode()),
    ]


class Cors:
    """ASGI middleware: CORS headers on every answer, and OPTIONS answered here.

    `allowed_methods(path)` names the methods a path answers to (for `Allow`);
    an empty answer means an unknown path, which gets a 404.
    """

    def __init__(self, app: ASGIApp, allowed_methods: Callable[[str], set[str]]) -> None:
        self.app = app
        self.allowed_methods = allowed_methods

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self._options(scope, send)
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if not k.lower().startswith(b"access-control-")
                ]
                message = {**message, "headers": headers + _cors_headers()}
            await send(message)

        await self.app(scope, receive, with_cors)

    async def _options(self, scope: Scope, send: Send) -> None:
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        methods = self.allowed_methods(path)
        if not methods:
            await _send(send, 404, [(b"content-type", b"text/plain; charset=utf-8")], b"Not Found")
            return
        methods |= {"OPTIONS"}
        headers = [(b"allow", ", ".join(sorted(methods)).encode()), *_cors_headers()]
        request_headers = dict(scope.get("headers") or [])
        if b"access-control-request-method" in request_headers:
            cross_origin = [m for m in CORS_METHODS if m in methods]
            headers += [
                (b"access-control-allow-methods", ", ".join(cross_origin).encode()),
                (b"access-control-allow-headers", ", ".join(CORS_REQUEST_HEADERS).encode()),
                (b"access-control-max-age", str(PREFLIGHT_MAX_AGE).encode()),
            ]
        await _send(send, 204, headers, b"")


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    if body:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
