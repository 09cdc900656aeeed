"""Security headers on every response: what a browser may load, frame and send along.

- Content-Security-Policy: scripts only from this service (no inline script,
  no eval), so that text from the data that slipped into a page unescaped
  could not run; images, fonts, styles and fetches from here only (the pages,
  YASGUI in /static and the offline /docs and /redoc load nothing from
  elsewhere). Inline styles stay allowed: YASGUI's editor (CodeMirror), Swagger
  UI and ReDoc set style attributes and style elements at run time, and a style
  cannot run code. `frame-ancestors 'none'` and `X-Frame-Options: DENY` (for
  older browsers) keep the pages out of other sites' frames (clickjacking).
- X-Content-Type-Options: nosniff: a download is what its Content-Type says,
  never sniffed into HTML or script.
- Referrer-Policy: same-origin: a link to another site does not tell it which
  page (and which query in its URL) the user came from.

A route that needs another policy (the Swagger UI page has one inline script)
sets its own Content-Security-Policy header; the middleware leaves it in place.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The directives every page gets; `policy` adds to them.
_BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(**extra: str) -> str:
    """The Content-Security-Policy with `extra` sources added (`script_src="'sha256-…'"`)."""
    directives = dict(_BASE_POLICY)
    for name, sources in extra.items():
        directive = name.replace("_", "-")
        directives[directive] = f"{directives.get(directive, '')} {sources}".strip()
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


CONTENT_SECURITY_POLICY = policy()

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_sources(html: str) -> str:
    """CSP hash sources (`'sha256-…'`) for each inline <script> of `html`, space-separated."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return " ".join(hashes)


class SecurityHeaders:
    """ASGI middleware: the SECURITY_HEADERS on every HTTP response, unless it set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._headers = [
            (name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in self._headers if n not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
