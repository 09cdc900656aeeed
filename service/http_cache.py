"""Conditional requests: ETag, Last-Modified and 304, tied to the data version.

The data changes only on a build or a write, so every read (pages, linked
data, API, dumps, VoID, SPARQL GET results) can be revalidated cheaply: its
ETag is a hash of the data version and of what in the request decides the
answer (path, query string, Accept, Accept-Language) and of the service's
version (new code may render the same data differently). A matching
If-None-Match is answered with 304 before the handler runs, so a revalidated
dump or query costs nothing. The ETag is weak: the gzip and identity
encodings of an answer share it.

The data version is the read view's (gemeentegraaf.store.read_view): a hash
of the data for the embedded store, the server's fingerprint for a store
server, with the settings that answers show. The middleware takes the view
for the request and leaves it on the request's state, so the ETag and the
body come from the same version (gemeentegraaf.service.dependencies).
Last-Modified is the view's: the build time of a store as built, the time of
the change after a write or a rebuild.

Since an answer is a function of exactly what its ETag covers, pages and API
answers are also kept whole (ResponseCache, gzipped or not as sent) until the
data version moves on: under load the same municipality page is rendered once
per version, not once per request. SPARQL results are not kept (see
UNCACHED_PREFIXES).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

import anyio
import anyio.to_thread
from gemeentegraaf import __version__
from gemeentegraaf.service.compression import accepts_gzip
from gemeentegraaf.service.dependencies import VIEW_KEY
from gemeentegraaf.store.read_view import ReadView, ReadViews
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Mounted static files answer conditional requests themselves (by file).
UNVERSIONED_PREFIXES = ("/static/", "/_swagger/")
# Headers whose value selects the answer: they go into the ETag. Host, because
# absolute URLs in an answer (access URLs, Link headers) follow the request's base.
SELECTING_HEADERS = ("accept", "accept-language", "host")
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Caches may keep an answer but must revalidate it: a write can change it any time.
CACHE_CONTROL = "no-cache"
VARY = "Accept, Accept-Encoding"


# Answers kept per data version (ResponseCache): at most this much in all, and none
# larger than the entry limit (a big answer is cheap to make compared with its size).
CACHE_BYTES = 64 * 1024 * 1024
CACHE_ENTRY_BYTES = 2 * 1024 * 1024
# Not kept: SPARQL results (a query runs at the engine's speed, and a benchmark of the
# endpoint must measure the engine, not a cache), Graph Store reads and the dumps (large).
UNCACHED_PREFIXES = ("/sparql", "/rdf-graph-store", "/dump.")


@dataclass(frozen=True)
class Version:
    tag: str
    last_modified: datetime


class DataVersion:
    """The validators of a read view, under the settings that show in answers."""

    def __init__(self, views: ReadViews, configuration: str = "") -> None:
        """`configuration`: the settings that show in answers (limits, whether writes are
        on, the public base), so that a restart with other settings changes every ETag."""
        self.views = views
        self._prefix = hashlib.sha256(configuration.encode()).hexdigest()[:16]
        self.cache = ResponseCache()

    def of(self, view: ReadView) -> Version:
        return Version(f"{self._prefix}-{view.version}", view.last_modified)

    @property
    def current(self) -> Version:
        return self.of(self.views.current())


@dataclass(frozen=True)
class _Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Whole answers (status, headers, body as sent, gzip or not) of the current data version.

    A page or API answer is a function of the data version and of what the ETag
    covers (path, query string, Accept, Accept-Language, Host, the code's
    version), so an answer made once can be sent again until the version moves
    on; then everything kept is dropped at once. Least recently used answers go
    first when the budget is full.
    """

    def __init__(self, budget: int = CACHE_BYTES, entry_limit: int = CACHE_ENTRY_BYTES) -> None:
        self.budget = budget
        self.entry_limit = entry_limit
        self._lock = threading.Lock()
        self._version = ""
        self._kept: OrderedDict[tuple[str, bool], _Kept] = OrderedDict()
        self._bytes = 0
        self._making: dict[tuple[str, tuple[str, bool]], anyio.Event] = {}
        self.hits = 0
        self.misses = 0

    def get(self, version: str, key: tuple[str, bool]) -> _Kept | None:
        with self._lock:
            if version != self._version:
                return None
            kept = self._kept.get(key)
            if kept is None:
                self.misses += 1
                return None
            self._kept.move_to_end(key)
            self.hits += 1
            return kept

    def put(self, version: str, key: tuple[str, bool], kept: _Kept) -> None:
        size = len(kept.body) + sum(len(k) + len(v) for k, v in kept.headers)
        if size > self.entry_limit:
            return
        with self._lock:
            if version != self._version:
                # A new version: nothing kept can be sent again.
                self._kept.clear()
                self._bytes = 0
                self._version = version
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._kept[key] = kept
            self._bytes += len(kept.body)
            while self._bytes > self.budget and self._kept:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)

    def lead(
        self, version: str, key: tuple[str, bool]
    ) -> tuple[anyio.Event | None, anyio.Event | None]:
        """(ours, None) when this request is the first to make the answer (call `done`
        after), or (None, theirs) to wait for another request making it."""
        with self._lock:
            theirs = self._making.get((version, key))
            if theirs is not None:
                return None, theirs
            ours = anyio.Event()
            self._making[(version, key)] = ours
            return ours, None

    def done(self, version: str, key: tuple[str, bool], event: anyio.Event) -> None:
        with self._lock:
            if self._making.get((version, key)) is event:
                del self._making[(version, key)]
        event.set()

    def __len__(self) -> int:
        return len(self._kept)


def _cacheable(scope: Scope, request: Headers) -> bool:
    path = scope["path"]
    if scope["method"] != "GET" or any(path.startswith(p) for p in UNCACHED_PREFIXES):
        return False
    # Whatever credentials say is not in the key: such requests are answered afresh.
    return "authorization" not in request and "cookie" not in request


def etag(version: Version, scope: Scope) -> str:
    headers = Headers(scope=scope)
    parts = [
        __version__,
        version.tag,
        scope.get("scheme", ""),
        scope.get("root_path", "") + scope["path"],
        scope.get("query_string", b"").decode("latin-1"),
        # (every line of a header sent on several: they are one value)
        *(", ".join(headers.getlist(name)) for name in SELECTING_HEADERS),
    ]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]
    return f'W/"{digest}"'


def _matches(if_none_match: str, tag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2): W/ is ignored on both sides."""
    if if_none_match.strip() == "*":
        return True
    opaque = tag.removeprefix("W/")
    return any(part.strip().removeprefix("W/") == opaque for part in if_none_match.split(","))


def _not_modified_since(if_modified_since: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False  # an unreadable date is ignored (RFC 9110 13.1.3)
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    if since > datetime.now(UTC):
        return False  # a date in the future is invalid, and so ignored (RFC 9110 13.1.3)
    return last_modified <= since


class ConditionalRequests:
    """ASGI middleware: validators on reads, and 304 when the client's copy is current.

    It also takes the request's read view (every request but static files), pinned
    until the answer is sent. The app's lifespan keeps the DataVersion on
    `app.state.data_version`; before it has (or after it closed the store) requests
    pass untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        tracker = _tracker(scope) if scope["type"] == "http" else None
        if tracker is None:
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if any(path.startswith(prefix) for prefix in UNVERSIONED_PREFIXES):
            await self.app(scope, receive, send)
            return
        views = tracker.views
        # A store server is asked for its data version over the network: off the event loop.
        view = views.take() if views.embedded else await anyio.to_thread.run_sync(views.take)
        scope.setdefault("state", {})[VIEW_KEY] = view
        try:
            if scope["method"] not in SAFE_METHODS:
                await self.app(scope, receive, send)
            else:
                await self._read(scope, receive, send, tracker.of(view), tracker.cache)
        finally:
            views.release(view)

    async def _read(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        version: Version,
        cache: ResponseCache | None,
    ) -> None:
        tag = etag(version, scope)
        validators = [
            (b"etag", tag.encode()),
            (b"last-modified", format_datetime(version.last_modified, usegmt=True).encode()),
            (b"cache-control", CACHE_CONTROL.encode()),
        ]
        request = Headers(scope=scope)
        if_none_match = request.get("if-none-match")
        if if_none_match is not None:
            fresh = _matches(if_none_match, tag)
        else:
            since = request.get("if-modified-since")
            fresh = since is not None and _not_modified_since(since, version.last_modified)
        if fresh:
            headers = [*validators, (b"vary", VARY.encode())]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        cacheable = cache is not None and _cacheable(scope, request)
        key = (tag, accepts_gzip(request.get("accept-encoding", "")))
        leader: anyio.Event | None = None
        if cacheable:
            assert cache is not None
            kept = cache.get(version.tag, key)
            if kept is None:
                # Many clients asking for the same new page at once: one renders it, the
                # others wait for that answer instead of rendering it too.
                leader, waiting = cache.lead(version.tag, key)
                if waiting is not None:
                    await waiting.wait()
                    kept = cache.get(version.tag, key)
            if kept is not None:
                await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
                await send({"type": "http.response.body", "body": kept.body})
                return
        try:
            await self._answer(scope, receive, send, version, cache, key, cacheable, validators)
        finally:
            if leader is not None:
                assert cache is not None
                cache.done(version.tag, key, leader)

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        version: Version,
        cache: ResponseCache | None,
        key: tuple[str, bool],
        cacheable: bool,
        validators: list[tuple[bytes, bytes]],
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def with_validators(message: Message) -> None:
            nonlocal start, size, cacheable
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    present = {k.lower() for k, _ in message.get("headers", [])}
                    added = [(k, v) for k, v in validators if k not in present]
                    message = {**message, "headers": [*message.get("headers", []), *added]}
                    start = message
                else:
                    cacheable = False
            elif message["type"] == "http.response.body" and cacheable:
                size += len(message.get("body", b""))
                if size > CACHE_ENTRY_BYTES:
                    cacheable = False
                    chunks.clear()
                else:
                    chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, with_validators)
        if cacheable and start is not None and cache is not None:
            headers = list(start.get("headers", []))
            if not any(k.lower() in _NOT_KEPT for k, _ in headers):
                cache.put(version.tag, key, _Kept(200, headers, b"".join(chunks)))


# Answers with these headers are made for one client (or say not to keep them).
_NOT_KEPT = frozenset({b"set-cookie"})


def _tracker(scope: Scope) -> DataVersion | None:
    state = getattr(scope.get("app"), "state", None)
    return getattr(state, "data_version", None)
