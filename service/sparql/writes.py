"""Authorised, validated, restorable writes: SPARQL Update and the Graph Store share this path.

Who may write: nobody, unless the service has an update token; then only a
request with `Authorization: Bearer <token>` (401 without credentials, 403 with
wrong ones or when writes are off).

What may be written: the store's default graph and every named graph outside
https://w3id.org/gemeentegraaf/graph/ (the graphs `build` makes and would
overwrite) and urn:gemeentegraaf: (the service's own, such as the write log).
A write that would change another graph is refused with 403 (store/delta.py).

How a write happens (one at a time, under a lock):
1. pin the current read view: its N-Quads dump is the state before;
2. in a query worker process (cut off from the network), load that state, run
   the update on a copy and compute the delta: per changed graph the triples
   removed and added, as one update of ground data; if it stays within the
   writable graphs, validate the dataset after the change with SHACL, where the
   change can alter the outcome (store/change_scope.py): the nodes that reach a
   changed triple within the shapes' path depth, with every triple their
   shapes read (all graphs together, as the build does). A change the shapes'
   SPARQL queries read, or one to the class hierarchy, or one too large, is
   validated against the whole dataset;
3. if the write removes anything, keep the changed graphs' previous content as
   a dated version beside the store (store/versions.py; `gemeentegraaf restore`);
4. commit: the commit process (commit_worker.py: started with the service, cut
   off from the network like the query workers, ending when the
   service dies) opens the on-disk store, applies the delta (not the client's
   text) with the write-log record of its Idempotency-Key in one update, one
   pyoxigraph transaction, so the record exists exactly when the write does
   (store/write_log.py), closes the store and writes the new version's N-Quads
   dump, which becomes the next read view. The service process holds no handle
   on a store it writes to (RocksDB lets one process open it for writing); it
   reads the write log and a graph's existence from the current view.
A retry with a key already in the log gets the first answer and changes nothing.
With a SPARQL server as the store, step 1 is an N-Quads dump of the server's
data and step 4 one request to the server from the service process (it reaches
the server over the network by design); a write another client makes between
the dump and step 4 is not in the validation (the server has no way to make the
two one transaction).
Step 2 has the write time limit and can be killed like a query. On the bundled
data (85k quads) the SHACL check of a 2-triple write takes about 0.1 s where
validating everything took 12.8 s (idle 2-core machine); step 2 is now mostly
the copy and the delta (about 1.3 s), step 4 with the reload 2-3 s
(tests/bench_writes.py measures writes end to end).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from gemeentegraaf.analysis import graphs as analysis_graphs
from gemeentegraaf.queries import search as search_index
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql import commit_worker
from gemeentegraaf.service.sparql.lanes import describe_bytes
from gemeentegraaf.service.sparql.query_pool import (
    MemoryLimitExceeded,
    QueryPool,
    QueryTimeout,
    WorkerFailed,
    WorkersBusy,
)
from gemeentegraaf.service.sparql.query_worker import DryRunResult, DryRunTask
from gemeentegraaf.store import write_log
from gemeentegraaf.store.base import GraphStore, QueryRejected, StoreError
from gemeentegraaf.store.change_scope import shape_scope
from gemeentegraaf.store.commit import CommitJob
from gemeentegraaf.store.delta import BUNDLED_PREFIX, RESERVED_PREFIX, is_writable
from gemeentegraaf.store.oxigraph import OxigraphStore
from gemeentegraaf.store.sparql_text import named_write_targets
from gemeentegraaf.store.versions import GraphRecord, VersionArchive
from starlette.requests import Request

log = logging.getLogger("gemeentegraaf.sparql")

# Writes validate whole graphs with pyshacl; give them more time than a query.
MIN_WRITE_TIMEOUT = 120.0

IDEMPOTENCY_HEADER = "Idempotency-Key"
# Set on an answer that repeats the first outcome of a key instead of writing again.
REPLAYED_HEADER = "Idempotent-Replayed"
# Names the version that keeps what a write removed (`gemeentegraaf restore VERSION`).
VERSION_HEADER = "X-Gemeentegraaf-Version"

WRITABLE_GRAPHS = (
    "the store's default graph and named graphs outside "
    f"{BUNDLED_PREFIX} (made by `gemeentegraaf build`) and {RESERVED_PREFIX} (the service's own)"
)


# The Idempotency-Key header, declared on the write routes' OpenAPI (openapi_extra).
IDEMPOTENCY_PARAMETER: dict = {
    "parameters": [
        {
            "name": IDEMPOTENCY_HEADER,
            "in": "header",
            "required": False,
            "description": "Makes a retry safe: a write with a key already used gets the first "
            "answer again; GET /sparql/writes/{key} says whether it landed.",
            # One key per distinct write: the format names that (a key sent again with
            # another request is a 422), which JSON Schema cannot say.
            "schema": {
                "type": "string",
                "format": "idempotency-key",
                "pattern": "^[!-~]{1,255}$",
            },
        }
    ]
}


@dataclass(frozen=True)
class AccessDenied:
    status: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)


def check_write_access(request: Request, settings: Settings) -> AccessDenied | None:
    """None when the request may write; otherwise why not (400 for several Authorization
    headers, 401 without credentials, 403 with wrong ones or on a read-only service)."""
    token = settings.update_token
    if not token:
        return AccessDenied(
            403,
            "This endpoint is read-only: SPARQL Update and Graph Store writes are disabled. "
            "The operator can enable them by setting GEMEENTEGRAAF_UPDATE_TOKEN.",
        )
    challenge = {"WWW-Authenticate": 'Bearer realm="gemeentegraaf"'}
    headers = request.headers.getlist("authorization")
    if len(headers) > 1:
        # which one a proxy or framework would read is anyone's guess: refuse them all
        return AccessDenied(
            400, "Send one Authorization header; this request has several.", challenge
        )
    header = headers[0] if headers else ""
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return AccessDenied(
            401, "Writing needs an 'Authorization: Bearer <token>' header.", challenge
        )
    if not hmac.compare_digest(credentials.strip().encode(), token.encode()):
        return AccessDenied(403, "The bearer token is not valid for writing.", challenge)
    return None


def who(settings: Settings) -> str:
    """Who writes, for a version's manifest: a fingerprint of the token, never the token."""
    token = settings.update_token or ""
    return "bearer token sha256:" + hashlib.sha256(token.encode()).hexdigest()[:12]


def idempotency_key(request: Request) -> tuple[str | None, str | None]:
    """(the request's Idempotency-Key or None, why it is not acceptable or None)."""
    values = request.headers.getlist(IDEMPOTENCY_HEADER)
    if not values:
        return None, None
    if len(values) > 1:
        return None, f"Send one {IDEMPOTENCY_HEADER} header, not {len(values)}."
    problem = write_log.valid_key(values[0].strip())
    if problem:
        return None, f"{IDEMPOTENCY_HEADER}: {problem}."
    return values[0].strip(), None


def request_fingerprint(request: Request, body: bytes) -> str:
    """What makes two requests the same write: method, URL path and query, type, body."""
    digest = hashlib.sha256()
    for part in (
        request.method,
        request.url.path,
        request.url.query,
        request.headers.get("content-type", ""),
    ):
        digest.update(part.encode("utf-8", "replace") + b"\0")
    digest.update(body)
    return digest.hexdigest()


@dataclass
class WriteResult:
    # 204/201 applied, 400 bad update, 403 read-only graph, 422 not valid (or a key
    # reused for another request), 500/502 failed, 503 too slow or busy
    status: int
    message: str = ""
    changed_graphs: list[str] = field(default_factory=list)
    report_text: str = ""
    report_turtle: bytes = b""
    location: str | None = None
    version: str | None = None  # the version kept before the write, if it removed anything
    replayed: bool = False  # the answer of an earlier request with the same key

    @property
    def applied(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class WriteOptions:
    """How a write is recorded and answered, besides its update."""

    operation: str = "SPARQL Update"
    who: str = ""
    key: str | None = None
    fingerprint: str = ""
    status: int = 204  # the answer on success (a Graph Store PUT that makes a graph: 201)
    location: str | None = None


class Writer:
    def __init__(
        self,
        store: GraphStore,
        pool: QueryPool,
        timeout: float,
        *,
        archive: VersionArchive | None = None,
        log_days: float = 30.0,
        isolate_network: bool = True,
        secret: str = "",
    ) -> None:
        self._store = store
        self._pool = pool
        self._views = pool.snapshots.views
        self._committer = commit_worker.Committer(isolate=isolate_network)
        self.timeout = max(timeout, MIN_WRITE_TIMEOUT)
        self.archive = archive
        self.log_days = log_days
        self._secret = secret  # names keys in the write log (write_log.key_hash)
        self._lock = threading.Lock()

    def apply(
        self, update: str, base_iri: str | None, options: WriteOptions | None = None
    ) -> WriteResult:
        """Dry-run, validate, keep a version, commit `update`. Blocks: call it from a thread."""
        options = options or WriteOptions()
        with self._lock:
            if options.key is not None:
                try:
                    earlier = write_log.find(self._reader(), options.key, self._secret)
                except StoreError as exc:
                    return WriteResult(502, f"Nothing was changed: {exc}")
                if earlier is not None:
                    return _replay(earlier, options)
            # Graphs the text names as what it writes are refused at once: a dry run
            # on a large store takes a minute to say the same.
            named = sorted(g for g in named_write_targets(update) if not is_writable(g))
            if named:
                return _refused(named, [])
            dry = self._dry_run(update, base_iri)
            if isinstance(dry, WriteResult):
                return dry
            return self._commit(dry, options)

    def earlier(self, options: WriteOptions) -> WriteResult | None:
        """The answer of an earlier write with the options' key (None: there is none)."""
        if options.key is None:
            return None
        with self._lock:
            try:
                found = write_log.find(self._reader(), options.key, self._secret)
            except StoreError as exc:
                return WriteResult(502, f"The write log could not be read: {exc}")
        return None if found is None else _replay(found, options)

    @property
    def network_isolated(self) -> bool | None:
        """Whether commits run cut off from the network (None: no commit process yet;
        with a store server there is none: the service reaches it over the network)."""
        return self._committer.network_isolated

    def warm_up(self) -> None:
        """Start the commit process ahead of the first write, when the service commits
        through one (a store it writes to on disk)."""
        shape_scope()  # computed once, here rather than in the first write
        if self._views.detached:
            self._committer.start()
            self._pool.start_spare_template()  # what the first write's new version loads into

    def close(self) -> None:
        """Stop the commit process (the next write starts another)."""
        self._committer.close()

    def _reader(self) -> GraphStore:
        """Where the write log is read: the current read view (it holds the last commit;
        for a store server, the server itself)."""
        return self._views.current().store

    def _dry_run(self, update: str, base_iri: str | None) -> DryRunResult | WriteResult:
        snapshots = self._pool.snapshots
        try:
            before = snapshots.pin_current()
        except StoreError as exc:
            return WriteResult(502, f"Nothing was changed: {exc}")
        scratch = snapshots.scratch(before)
        try:
            task = DryRunTask(
                update=update,
                base_iri=base_iri,
                snapshot=before,
                scratch=scratch,
                scope=shape_scope(),
            )
            dry: DryRunResult = self._pool.run(task, self.timeout)
        except QueryTimeout:
            return WriteResult(
                503,
                f"The update and its validation took longer than {self.timeout:g} s and "
                "were stopped. Nothing was changed.",
            )
        except WorkersBusy:
            return WriteResult(503, "The server is busy; nothing was changed. Try again.")
        except MemoryLimitExceeded as exc:
            return WriteResult(
                507,
                f"Checking the write (the update applied to a copy of the data, then "
                f"validated) needed more than {describe_bytes(exc.limit)} of memory, the most "
                "one worker may use, and was stopped. Nothing was changed. Send the data in "
                "smaller parts.",
            )
        except WorkerFailed:
            return WriteResult(
                500,
                "The update could not be checked: the query engine's process stopped "
                "while running it (the update may be too large or too deeply nested for "
                "the engine). Nothing was changed.",
            )
        finally:
            snapshots.discard(scratch)
            snapshots.unpin(before)
        if not isinstance(dry, DryRunResult):
            # The worker answered with an error page instead (a bug in the worker).
            return WriteResult(dry.status, dry.body.decode("utf-8", "replace"))
        if dry.error:
            return WriteResult(dry.error_status, dry.error)
        if dry.protected:
            return _refused(dry.protected, dry.changed_graphs)
        if not dry.conforms:
            return WriteResult(
                422,
                "The update was refused: the data would not conform to the SHACL shapes. "
                "Nothing was changed.",
                changed_graphs=dry.changed_graphs,
                report_text=dry.report_text,
                report_turtle=dry.report_turtle,
            )
        return dry

    def _commit(self, dry: DryRunResult, options: WriteOptions) -> WriteResult:
        now = datetime.now(UTC)
        delta = dry.delta
        version = None
        if delta.destructive and self.archive is not None:
            records = [
                GraphRecord(c.graph, c.existed, c.before, c.removed, c.added)
                for c in delta.destructive
            ]
            try:
                version = self.archive.save(
                    dry.previous,
                    operation=options.operation,
                    graphs=records,
                    who=options.who,
                    key=options.key,
                    now=now,
                ).id
            except OSError as exc:
                log.error("could not keep a version before a write: %s", exc)
                return WriteResult(
                    500,
                    f"The previous content could not be kept ({exc.strerror or exc}), so the "
                    "write was not made. Nothing was changed.",
                )
        operations = [delta.update] if delta.update else []
        if options.key is not None:
            record = write_log.WriteRecord(
                key_hash=write_log.key_hash(options.key, self._secret),
                time=now,
                status=options.status,
                fingerprint=options.fingerprint,
                graphs=delta.graphs,
                location=options.location,
                version=version,
            )
            operations += [
                write_log.prune_update(now, self.log_days),
                write_log.record_update(record),
            ]
        if operations:
            failed = self._apply(" ;\n".join(operations))
            if failed is not None:
                return failed
        if delta.update:
            analysis_graphs.forget(self._store)
            search_index.forget(self._store)  # the search reads labels and quotes
        return WriteResult(
            options.status,
            changed_graphs=delta.graphs,
            location=options.location,
            version=version,
        )

    def _apply(self, text: str) -> WriteResult | None:
        """Commit the update `text` to the durable store; None when it is applied."""
        if not self._views.detached:
            # A store server (the service reaches it over the network by design).
            try:
                self._pool.snapshots.commit(lambda: self._store.update(text))
            except QueryRejected as exc:
                # The delta no longer fits the store (it changed under the write).
                return WriteResult(409, f"The store refused the change: {exc}. Nothing changed.")
            except (OSError, StoreError) as exc:
                return WriteResult(502, f"The store could not apply the update: {exc}")
            return None
        store = self._views.durable
        assert isinstance(store, OxigraphStore) and store.path is not None
        done = self._views.commit(
            lambda dump: self._committer.run(CommitJob(str(store.path), text, str(dump)))
        )
        if done.rejected is not None:
            return WriteResult(
                409, f"The store refused the change: {done.rejected}. Nothing changed."
            )
        if done.error is not None:
            log.error("a commit failed: %s", done.error)
            return WriteResult(502, f"The store could not apply the update: {done.error}")
        return None


def _refused(graphs: list[str], changed: list[str]) -> WriteResult:
    names = ", ".join("the default graph" if not g else f"<{g}>" for g in graphs)
    return WriteResult(
        403,
        f"The write would change {names}, which writes may not change: the graphs "
        f"`gemeentegraaf build` makes are rebuilt from the bundled sources, and the "
        f"service keeps its own. Writable are {WRITABLE_GRAPHS}. Nothing was changed.",
        changed_graphs=changed,
    )


def success_headers(result: WriteResult) -> dict[str, str]:
    """Headers of an applied write: a repeated answer says so; a kept version is named."""
    headers: dict[str, str] = {}
    if result.location:
        headers["Location"] = result.location
    if result.replayed:
        headers[REPLAYED_HEADER] = "true"
    if result.version:
        headers[VERSION_HEADER] = result.version
    return headers


def _replay(earlier: write_log.WriteRecord, options: WriteOptions) -> WriteResult:
    if earlier.fingerprint != options.fingerprint:
        return WriteResult(
            422,
            f"This {IDEMPOTENCY_HEADER} was used at {earlier.time.isoformat()} for a different "
            "request; a key names one write. Use a new key for a new write. Nothing was changed.",
        )
    return WriteResult(
        earlier.status,
        changed_graphs=earlier.graphs,
        location=earlier.location,
        version=earlier.version,
        replayed=True,
    )
