"""Conditional requests: ETag, Last-Modified and 304, tied to the data version.

The data changes only on a build or a write, so every read (pages, linked
data, API, dumps, VoID, SPARQL GET results) can be revalidated cheaply: its
ETag is a hash of the data version and of what in the request decides the
answer (path, query string, Accept, Accept-Language) and of the service's
version (new code may render the same data differently). A matching
If-None-Match is answered with 304 before the handler runs, so a revalidated
dump or query costs nothing. The ETag is weak: the gzip and identity
encodings of an answer share it.

The data version is the store's own (`GraphStore.data_version()`: a count of
this process's writes for the embedded store, a fingerprint of the data for a
store server, so that another client's write is seen too), with the build id
the store records (gg:buildId) and the settings that answers show. Each time
the store's version moves on, Last-Modified moves to now (and at least a
second past the previous value: HTTP dates have whole seconds).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

import anyio.to_thread
from gemeentegraaf import __version__
from gemeentegraaf.common.namespaces import BASE, GG
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.store.base import GraphStore
from rdflib.namespace import DCTERMS
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


@dataclass(frozen=True)
class Version:
    tag: str
    last_modified: datetime


def _store_version(store: GraphStore) -> tuple[str, datetime | None]:
    """What the store says about its data: the build id and the build's time."""
    build, built = "", None
    for triple in queries.dataset_triples(store, BASE + "id/dataset"):
        if triple.predicate.value == str(GG.buildId):
            build = triple.object.value
        elif triple.predicate.value == str(DCTERMS.modified):
            built = _parse_time(triple.object.value)
    return build, built


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class DataVersion:
    """The version of the data one open store holds, read from the store on each request."""

    def __init__(self, store: GraphStore, configuration: str = "") -> None:
        """`configuration`: the settings that show in answers (limits, whether writes are
        on, the public base), so that a restart with other settings changes every ETag."""
        self._store = store
        build, built = _store_version(store)
        prefix = f"{build or 'unrecorded'}-{configuration}"
        self._prefix = hashlib.sha256(prefix.encode()).hexdigest()[:16]
        opened = datetime.now(UTC).replace(microsecond=0)
        self._modified = (built or opened).replace(microsecond=0)
        self._seen = store.data_version()
        self._lock = threading.Lock()

    @property
    def current(self) -> Version:
        version = self._store.data_version()
        with self._lock:
            if version != self._seen:
                # Changed since we last looked: now is the best date we have.
                now = datetime.now(UTC).replace(microsecond=0)
                self._modified = max(now, self._modified + timedelta(seconds=1))
                self._seen = version
            return Version(f"{self._prefix}-{version}", self._modified)


def etag(version: Version, scope: Scope) -> str:
    headers = Headers(scope=scope)
    parts = [
        __version__,
        version.tag,
        scope.get("scheme", ""),
        scope.get("root_path", "") + scope["path"],
        scope.get("query_string", b"").decode("latin-1"),
        *(headers.get(name, "") for name in SELECTING_HEADERS),
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
    return last_modified <= since


class ConditionalRequests:
    """ASGI middleware: validators on reads, and 304 when the client's copy is current.

    The app's lifespan keeps the open store's DataVersion on `app.state.data_version`;
    before it has (or after it closed the store) requests pass untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        tracker = _tracker(scope) if scope["type"] == "http" else None
        if tracker is None:
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if scope["method"] not in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        if any(path.startswith(prefix) for prefix in UNVERSIONED_PREFIXES):
            await self.app(scope, receive, send)
            return

        # A store server answers data_version() over the network: off the event loop.
        version = await anyio.to_thread.run_sync(lambda: tracker.current)
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

        async def with_validators(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                present = {k.lower() for k, _ in message.get("headers", [])}
                added = [(k, v) for k, v in validators if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, with_validators)


def _tracker(scope: Scope) -> DataVersion | None:
    state = getattr(scope.get("app"), "state", None)
    return getattr(state, "data_version", None)
