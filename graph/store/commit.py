"""Commit one write to the on-disk store, and dump the version it makes.

Runs in a short-lived process of its own (gemeentegraaf.service.sparql.commit_worker),
cut off from the network like the query workers: the service process holds no
handle on the on-disk store (RocksDB lets one process open it for writing), so
this process opens it, applies the write (one update of ground data and the
write-log record: one transaction, all or none also under kill -9), and writes
the N-Quads dump of the new version, which the service loads as its next read
view instead of dumping the whole store again itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from gemeentegraaf.store.base import QueryRejected, StoreError
from gemeentegraaf.store.oxigraph import OxigraphStore


@dataclass(frozen=True)
class CommitJob:
    store: str  # the on-disk store's directory
    update: str  # the delta and the write-log record, as one SPARQL update
    dump: str  # where to write the new version's N-Quads ("" for none)


@dataclass(frozen=True)
class CommitDone:
    applied: bool
    rejected: str | None = None  # the store refused the update (nothing changed)
    error: str | None = None  # the store could not be opened or written (nothing changed)
    dump_error: str | None = None  # applied, but the dump failed: the service dumps itself
    network_isolated: bool = False  # whether the process was cut off from the network
    # The store's empty named graphs after the write: an N-Quads dump cannot show them.
    empty_graphs: tuple[str, ...] = ()


def empty_graphs(store: ox.Store) -> list[str]:
    """The named graphs of `store` that hold no quad."""
    return sorted(
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode)
        and next(iter(store.quads_for_pattern(None, None, None, g)), None) is None
    )


def apply(job: CommitJob) -> CommitDone:
    """Apply `job` in this process (the store must not be open elsewhere for writing)."""
    try:
        # The service that started this process holds the store's writer lock.
        store = OxigraphStore(Path(job.store), writer_lock=False)
    except StoreError as exc:
        return CommitDone(False, error=str(exc))
    try:
        try:
            store.update(job.update)
        except QueryRejected as exc:
            return CommitDone(False, rejected=str(exc))
        except (OSError, StoreError) as exc:
            return CommitDone(False, error=f"cannot write the store at {job.store}: {exc}")
        empty = tuple(empty_graphs(store.raw))
        if not job.dump:
            return CommitDone(True, empty_graphs=empty)
        try:
            store.dump_to_file(Path(job.dump), "nq")
        except OSError as exc:
            Path(job.dump).unlink(missing_ok=True)
            return CommitDone(True, dump_error=str(exc), empty_graphs=empty)
        return CommitDone(True, empty_graphs=empty)
    finally:
        store.close()
