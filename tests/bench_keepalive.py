"""The benchmark's per-query client: one keep-alive `http.client` connection per server.

A client's own cost per request is counted against every HTTP target and
against none of the in-memory runs, so the lighter it is, the more a ratio
says about the server. httpx spends about 0.6 ms a request here (an `ASK`
over one keep-alive connection: 1.8 ms with httpx, 1.2 ms with this), which
is more than Oxigraph server needs to answer it. Every HTTP target is asked
through the same client, so no target is favoured.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlsplit


class HttpFailure(OSError):
    """The request could not be sent or its answer read, even on a new connection."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class KeepAlive:
    """POSTs over one persistent connection per host and port; a connection the
    server closed (idle timeout, restart) is opened again once for the same request."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._connections: dict[tuple[str, int], http.client.HTTPConnection] = {}

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname is None:
            raise ValueError(f"only plain http URLs are measured, not {url!r}")
        key = (parts.hostname, parts.port or 80)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        for attempt in (1, 2):
            connection = self._connection(key)
            try:
                connection.request("POST", target, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
            except (http.client.HTTPException, ConnectionError) as exc:
                # A keep-alive connection the server has since closed fails on first
                # use; a fresh one that fails as well is a real failure.
                self._drop(key)
                if attempt == 2:
                    raise HttpFailure(f"{url}: {type(exc).__name__}: {exc}") from exc
                continue
            if response.will_close:
                self._drop(key)
            return Answer(
                response.status, {k.lower(): v for k, v in response.getheaders()}, payload
            )
        raise AssertionError("unreachable: the loop returns or raises")

    def _connection(self, key: tuple[str, int]) -> http.client.HTTPConnection:
        connection = self._connections.get(key)
        if connection is None:
            connection = http.client.HTTPConnection(*key, timeout=self.timeout)
            self._connections[key] = connection
        return connection

    def _drop(self, key: tuple[str, int]) -> None:
        connection = self._connections.pop(key, None)
        if connection is not None:
            connection.close()

    def close(self) -> None:
        for key in list(self._connections):
            self._drop(key)

    def __enter__(self) -> KeepAlive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
