"""`gemeentegraaf restore`: bring back the graphs a version kept, as a validated, restorable write.

A restore is a write like any other: the store's data is copied into memory,
the version's graphs (all, or those asked for) are put back in the copy as they
were, the result is validated with SHACL (all graphs together), what the
restore removes is kept as a new version (so a restore can be undone the same
way), and the difference is committed in one update (store/delta.py). A graph
the version says did not exist before is removed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.store.base import DEFAULT_GRAPH, GraphStore, StoreError
from gemeentegraaf.store.delta import GraphChange, is_writable, previous_content
from gemeentegraaf.store.delta import compute as compute_delta
from gemeentegraaf.store.rdflib_terms import rdflib_graph
from gemeentegraaf.store.versions import GraphRecord, Version, VersionArchive
from gemeentegraaf.store.write_log import WRITE_LOG
from gemeentegraaf.validate import validate
from rdflib import Graph
from rdflib.compare import isomorphic


class RestoreError(UserError):
    """The restore was refused; the store is unchanged."""


@dataclass
class RestoreResult:
    version: Version
    changes: list[GraphChange] = field(default_factory=list)
    kept: str | None = None  # the version keeping what the restore replaced


def _label(graph: str) -> str:
    return "the default graph" if graph == DEFAULT_GRAPH else f"<{graph}>"


def _node(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph == DEFAULT_GRAPH else ox.NamedNode(graph)


def _selected(version: Version, graphs: list[str] | None) -> list[GraphRecord]:
    if not graphs:
        return version.graphs
    by_name = {record.graph: record for record in version.graphs}
    missing = [g for g in graphs if g not in by_name]
    if missing:
        held = ", ".join(_label(r.graph) for r in version.graphs)
        raise RestoreError(
            f"version {version.id} holds no {', '.join(_label(g) for g in missing)}; "
            f"it holds {held}"
        )
    return [by_name[g] for g in graphs]


def _copy(store: GraphStore) -> ox.Store:
    """The store's data in memory, blank nodes keeping their names (so unchanged quads match)."""
    copy = ox.Store()
    copy.extend(store.quads())
    for graph in store.graphs():
        copy.add_graph(ox.NamedNode(graph))
    return copy


def _rdflib(store: ox.Store, node: ox.NamedNode | ox.DefaultGraph) -> Graph:
    return rdflib_graph(store.quads_for_pattern(None, None, None, node))


def _same(current: ox.Store, saved: ox.Store, record: GraphRecord) -> bool:
    """Whether the graph is now as the version kept it, up to the names of blank nodes."""
    node = _node(record.graph)
    exists = record.graph == DEFAULT_GRAPH or current.contains_named_graph(node)
    if exists != record.existed:
        return False
    return isomorphic(_rdflib(current, node), _rdflib(saved, node))


def _validate(after: ox.Store) -> None:
    report = validate(rdflib_graph(after.quads_for_pattern(None, None, None, None)))
    if not report.conforms:
        raise RestoreError(
            "the store would not conform to the shapes after the restore; nothing was "
            "changed:\n" + report.format(limit=20)
        )


def restore(
    store: GraphStore,
    archive: VersionArchive,
    version_id: str,
    *,
    graphs: list[str] | None = None,
    who: str = "gemeentegraaf restore",
) -> RestoreResult:
    """Put the version's graphs (or `graphs` of them) back as they were before its write."""
    version = archive.get(version_id)
    records = _selected(version, graphs)
    refused = [r.graph for r in records if not is_writable(r.graph)]
    if refused:
        raise RestoreError(
            f"{', '.join(_label(g) for g in refused)} cannot be restored: "
            "`gemeentegraaf build` makes it"
        )
    saved = ox.Store()
    try:
        saved.load(version.read_nquads(), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError) as exc:
        raise RestoreError(f"version {version.id} cannot be read: {exc}") from exc

    before = _copy(store)
    after = _copy(store)
    for record in records:
        node = _node(record.graph)
        if _same(before, saved, record):
            continue  # already as kept (its blank nodes may have other names: leave them)
        if record.graph == DEFAULT_GRAPH:
            after.clear_graph(node)
        elif after.contains_named_graph(node):
            after.remove_graph(node)
        if record.existed:
            if record.graph != DEFAULT_GRAPH:
                after.add_graph(node)
            after.extend(saved.quads_for_pattern(None, None, None, node))

    delta = compute_delta(before, after, ignore=[WRITE_LOG])
    tied = [g for g in delta.touched if not is_writable(g)]
    if tied:
        raise RestoreError(
            f"the restore would rewrite {', '.join(_label(g) for g in tied)}, which shares "
            "blank nodes with a restored graph; nothing was changed"
        )
    result = RestoreResult(version, delta.changes)
    if not delta.update:
        return result
    _validate(after)
    if delta.destructive:
        kept = archive.save(
            previous_content(before, [c.graph for c in delta.destructive]),
            operation=f"restore of version {version.id}",
            graphs=[
                GraphRecord(c.graph, c.existed, c.before, c.removed, c.added)
                for c in delta.destructive
            ],
            who=who,
        )
        result.kept = kept.id
    try:
        store.update(delta.update)
    except StoreError as exc:
        raise RestoreError(f"the store refused the restore; nothing was changed: {exc}") from exc
    return result
