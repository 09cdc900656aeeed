"""The write log: which acknowledged writes (by Idempotency-Key) landed, kept in the store.

Each write sent with an Idempotency-Key leaves a record in the named graph
<urn:gemeentegraaf:write-log>, inserted by the same update that commits the
write: the record exists exactly when the write does, also after a kill -9.
The record names the key by an HMAC with the update token (the graph is readable
by any query, the key's fate only with the token),
and keeps the answer the client got (status, Location), a fingerprint of the
request (a key reused for another request is refused), the changed graphs and
the version kept before the write.

Updates and Graph Store writes never see or change this graph: the dry run
drops it from its scratch copy, so CLEAR ALL / DROP ALL leave it alone and a
write naming it is refused like every reserved graph. Records older than the
retention are removed by a later write.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pyoxigraph as ox
from gemeentegraaf.store.base import DEFAULT_GRAPH, GraphStore, Solutions

WRITE_LOG = "urn:gemeentegraaf:write-log"
NS = WRITE_LOG + "#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
# How the default graph is named among a record's changed graphs.
DEFAULT_GRAPH_NAME = NS + "default-graph"

MAX_KEY_LENGTH = 255


def key_hash(key: str, secret: str) -> str:
    """How a key is named in the log: an HMAC with the writers' secret (the update
    token), so that a reader of the graph, which any query can read, cannot tell
    whether a key it guesses landed (the status route asks for the token)."""
    return hmac.new(secret.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()


def valid_key(key: str) -> str | None:
    """Why `key` cannot be an Idempotency-Key, or None when it can."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return f"an Idempotency-Key has 1 to {MAX_KEY_LENGTH} characters"
    if any(not (0x21 <= ord(c) <= 0x7E) for c in key):
        return "an Idempotency-Key is printable ASCII without spaces"
    return None


@dataclass(frozen=True)
class WriteRecord:
    key_hash: str
    time: datetime
    status: int
    fingerprint: str
    graphs: list[str] = field(default_factory=list)  # "" for the default graph
    location: str | None = None
    version: str | None = None


SERVICE_AGENT = "<urn:gemeentegraaf:agent:service>"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def _literal(value: str, datatype: str | None = None) -> str:
    if datatype is None:
        return str(ox.Literal(value))
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype)))


def record_update(record: WriteRecord) -> str:
    """An INSERT DATA that adds `record`, to join the update that commits its write."""
    subject = f"<urn:gemeentegraaf:write:{record.key_hash}>"
    time = record.time.astimezone(UTC).isoformat().replace("+00:00", "Z")
    lines = [
        f"{subject} a <{PROV}Activity>",
        f"<{DCTERMS}identifier> {_literal(record.key_hash)}",
        f"<{PROV}endedAtTime> {_literal(time, XSD + 'dateTime')}",
        f"<{NS}status> {_literal(str(record.status), XSD + 'integer')}",
        f"<{NS}request> {_literal(record.fingerprint)}",
    ]
    for graph in record.graphs:
        lines.append(f"<{NS}changedGraph> <{graph or DEFAULT_GRAPH_NAME}>")
    if record.location:
        lines.append(f"<{NS}location> {_literal(record.location)}")
    if record.version:
        lines.append(f"<{NS}version> {_literal(record.version)}")
    # Who applied it: the service, named so that the record is a complete PROV activity
    # (the shapes ask every prov:Activity for its agent, and every agent for a name).
    lines.append(f"<{PROV}wasAssociatedWith> {SERVICE_AGENT}")
    agent = (
        f"{SERVICE_AGENT} a <{PROV}SoftwareAgent> ; "
        f"<{RDFS}label> {_literal('gemeentegraaf-service (schrijfpad / write path)')}"
    )
    return f"INSERT DATA {{ GRAPH <{WRITE_LOG}> {{ {' ; '.join(lines)} . {agent} . }} }}"


def prune_update(now: datetime, days: float) -> str:
    """A DELETE that removes records older than `days` (joins a commit's update)."""
    cutoff = (now - timedelta(days=days)).astimezone(UTC).isoformat().replace("+00:00", "Z")
    return (
        f"DELETE {{ GRAPH <{WRITE_LOG}> {{ ?w ?p ?o }} }} WHERE {{ GRAPH <{WRITE_LOG}> {{ "
        f"?w <{PROV}endedAtTime> ?t ; ?p ?o "
        f'FILTER(?t < "{cutoff}"^^<{XSD}dateTime>) }} }}'
    )


def find(store: GraphStore, key: str, secret: str) -> WriteRecord | None:
    """The record of the write sent with `key`, or None when no such write landed."""
    digest = key_hash(key, secret)
    subject = f"<urn:gemeentegraaf:write:{digest}>"
    result = store.query(f"SELECT ?p ?o WHERE {{ GRAPH <{WRITE_LOG}> {{ {subject} ?p ?o }} }}")
    assert isinstance(result, Solutions)
    values: dict[str, list[ox.NamedNode | ox.Literal]] = {}
    for predicate, obj in result.rows:
        assert predicate is not None and obj is not None
        values.setdefault(predicate.value, []).append(obj)  # type: ignore[arg-type]
    if not values:
        return None

    def one(name: str) -> str | None:
        found = values.get(name)
        return found[0].value if found else None

    graphs = [g.value for g in values.get(NS + "changedGraph", [])]
    return WriteRecord(
        key_hash=digest,
        time=datetime.fromisoformat((one(PROV + "endedAtTime") or "").replace("Z", "+00:00")),
        status=int(one(NS + "status") or 0),
        fingerprint=one(NS + "request") or "",
        graphs=sorted(DEFAULT_GRAPH if g == DEFAULT_GRAPH_NAME else g for g in graphs),
        location=one(NS + "location"),
        version=one(NS + "version"),
    )
