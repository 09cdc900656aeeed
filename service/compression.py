"""gzip for answers above a minimum size, when the client accepts it.

Starlette's GZipMiddleware compresses when "gzip" appears anywhere in
Accept-Encoding; a client that says `gzip;q=0` (or `*;q=0` without naming
gzip) refuses it, so such a request is passed on with identity only.
Images that are compressed already (PNG, JPEG, …) are left alone by
Starlette's own exclusions; SVG, HTML, JSON, SPARQL results and RDF compress.
"""

from __future__ import annotations

from gemeentegraaf.service.negotiation import qvalue
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

# Below this many bytes the gzip header and a round of compression cost more than they save.
MINIMUM_SIZE = 1024
# zlib's default level: nearly level 9's ratio at a fraction of its time.
COMPRESS_LEVEL = 6


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding value allows gzip (RFC 9110 12.5.3)."""
    weights: dict[str, float] = {}
    for part in accept_encoding.split(","):
        coding, *params = (p.strip() for p in part.split(";"))
        if not coding:
            continue
        q: float | None = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = qvalue(value)
        if q is None:
            continue  # a malformed weight: the element is skipped, as in Accept
        weights[coding.lower()] = q
    for name in ("gzip", "x-gzip"):
        if name in weights:
            return weights[name] > 0
    return weights.get("*", 0.0) > 0


class Compression:
    """GZipMiddleware, consulted only when the request's Accept-Encoding allows gzip."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_SIZE, compresslevel=COMPRESS_LEVEL)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        accept = headers.get(b"accept-encoding", b"").decode("latin-1")
        if accepts_gzip(accept):
            # Starlette looks for the word "gzip"; a `*` acceptance names it for it.
            if "gzip" not in accept.lower():
                scope = _with_header(scope, b"accept-encoding", b"gzip")
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, _vary_on_encoding(send))


def _with_header(scope: Scope, name: bytes, value: bytes) -> Scope:
    headers = [(k, v) for k, v in scope.get("headers") or [] if k.lower() != name]
    return {**scope, "headers": [*headers, (name, value)]}


def _vary_on_encoding(send: Send) -> Send:
    """An identity answer varies on Accept-Encoding too, so that a cache keeps both."""

    async def with_vary(message: dict) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            vary = [v for k, v in headers if k.lower() == b"vary"]
            if not any(b"accept-encoding" in v.lower() for v in vary):
                headers = [(k, v) for k, v in headers if k.lower() != b"vary"]
                merged = b", ".join([*vary, b"Accept-Encoding"])
                headers.append((b"vary", merged))
                message = {**message, "headers": headers}
        await send(message)

    return with_vary
