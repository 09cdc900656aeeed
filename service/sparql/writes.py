"""Authorised, validated writes: SPARQL Update and the Graph Store Protocol share this path.

Who may write: nobody, unless the service has an update token; then only a
request with `Authorization: Bearer <token>` (401 without credentials, 403 with
wrong ones or when writes are off).

How a write happens (one at a time, under a lock):
1. take a checkpoint of the store (hard links, cheap) as a scratch copy;
2. in a worker process, run the update on the scratch copy and find the graphs
   whose content changed (default graph included); if any did, validate the
   dataset after the change with SHACL (gemeentegraaf.validate.validate) the way the
   build does: all graphs together, since shapes follow links across graphs;
3. if it conforms, run the same update on the real store (one pyoxigraph
   transaction, or one request to a SPARQL server); otherwise answer 422 with
   the report and leave the store as it was.
With a SPARQL server as the store, step 1 is an N-Quads dump of the server's
data; a write another client makes between the dump and step 3 is not in the
validation (the server has no way to make the two one transaction).
Step 2 has the write time limit and can be killed like a query. The update is
run twice from the same state, so the committed result equals the validated
one, except for values an update makes up itself (fresh blank nodes, NOW(),
RAND(), UUID()), which SHACL shapes do not depend on.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field

from gemeentegraaf.analysis import graphs as analysis_graphs
from gemeentegraaf.queries import search as search_index
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.sparql.query_pool import (
    QueryPool,
    QueryTimeout,
    WorkerFailed,
    WorkersBusy,
)
from gemeentegraaf.service.sparql.query_worker import DryRunResult, DryRunTask
from gemeentegraaf.store.base import GraphStore, QueryRejected, StoreError
from starlette.requests import Request

# Writes validate whole graphs with pyshacl; give them more time than a query.
MIN_WRITE_TIMEOUT = 120.0


@dataclass(frozen=True)
class AccessDenied:
    status: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)


def check_write_access(request: Request, settings: Settings) -> AccessDenied | None:
    """None when the request may write; otherwise why not (401 or 403)."""
    token = settings.update_token
    if not token:
        return AccessDenied(
            403,
            "This endpoint is read-only: SPARQL Update and Graph Store writes are disabled. "
            "The operator can enable them by setting GEMEENTEGRAAF_UPDATE_TOKEN.",
        )
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="gemeentegraaf"'}
    if scheme.lower() != "bearer" or not credentials.strip():
        return AccessDenied(
            401, "Writing needs an 'Authorization: Bearer <token>' header.", challenge
        )
    if not hmac.compare_digest(credentials.strip().encode(), token.encode()):
        return AccessDenied(403, "The bearer token is not valid for writing.", challenge)
    return None


@dataclass
class WriteResult:
    status: int  # 204 applied, 400 bad update, 422 not valid, 503 too slow or busy
    message: str = ""
    changed_graphs: list[str] = field(default_factory=list)
    report_text: str = ""
    report_turtle: bytes = b""


class Writer:
    def __init__(self, store: GraphStore, pool: QueryPool, timeout: float) -> None:
        self._store = store
        self._pool = pool
        self.timeout = max(timeout, MIN_WRITE_TIMEOUT)
        self._lock = threading.Lock()

    def apply(self, update: str, base_iri: str | None) -> WriteResult:
        """Dry-run, validate, then commit `update`. Blocks; call it from a thread."""
        with self._lock:
            snapshots = self._pool.snapshots
            try:
                before = snapshots.pin_current()
            except StoreError as exc:
                return WriteResult(502, f"Nothing was changed: {exc}")
            scratch = snapshots.scratch(before)
            try:
                task = DryRunTask(
                    update=update, base_iri=base_iri, snapshot=before, scratch=scratch
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
                return WriteResult(400, dry.error)
            if not dry.conforms:
                return WriteResult(
                    422,
                    "The update was refused: the data would not conform to the SHACL shapes. "
                    "Nothing was changed.",
                    changed_graphs=dry.changed_graphs,
                    report_text=dry.report_text,
                    report_turtle=dry.report_turtle,
                )
            try:
                snapshots.commit(lambda: self._store.update(update, base_iri=base_iri))
            except QueryRejected as exc:
                return WriteResult(400, f"The store refused the update: {exc}")
            except (OSError, StoreError) as exc:
                return WriteResult(502, f"The store could not apply the update: {exc}")
            analysis_graphs.forget(self._store)
            search_index.forget(self._store)  # the search reads labels and quotes
            return WriteResult(204, changed_graphs=dry.changed_graphs)
