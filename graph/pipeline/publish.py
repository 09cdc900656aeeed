"""`gemeentegraaf build --store-url`: a build published to a SPARQL server, graph by graph.

A server's data cannot be swapped as a directory, so the build is published
in three steps, and a failure before the last leaves the old data answering:

1. every graph is built and validated here, as for the embedded store (the
   analyses run on an in-memory copy), before anything is sent;
2. each graph is uploaded under a staging name (urn:gemeentegraaf:staging:…)
   and the server's counts are checked against what was sent;
3. one SPARQL Update moves every staging graph onto its real name and drops
   the project's graphs the build no longer makes. On Oxigraph server an
   update request is one transaction; on Virtuoso it is one request.

Staging graphs left by an interrupted build are removed by the next one.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from gemeentegraaf.common.namespaces import GRAPH
from gemeentegraaf.pipeline.build import (
    BuildError,
    BuildResult,
    Step,
    StoreStep,
    collect_validated,
    default_steps,
    default_store_steps,
    load_and_derive,
)
from gemeentegraaf.store.base import STAGING_PREFIX, GraphStore, StoreError, ntriples
from gemeentegraaf.store.oxigraph import OxigraphStore, default_store_path
from rdflib import Graph


def stale_staging(store: GraphStore) -> list[str]:
    return [g for g in store.graphs() if g.startswith(STAGING_PREFIX)]


def publish(
    store: GraphStore,
    *,
    corpus_store: Path | None = None,
    steps: list[tuple[str, Step]] | None = None,
    store_steps: list[tuple[str, StoreStep]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build and publish to `store`; ingested reports are read from beside `corpus_store`."""
    started = time.perf_counter()
    local = (corpus_store or default_store_path()).resolve()
    result = BuildResult(store=local, build_id=uuid.uuid4().hex)
    say = progress or (lambda _msg: None)
    if steps is None:
        steps = default_steps()
        store_steps = default_store_steps() if store_steps is None else store_steps

    graphs = collect_validated(steps, result, say)
    say("store")
    scratch = OxigraphStore(None)
    try:
        derived = load_and_derive(scratch, graphs, store_steps or [], result, say)
    finally:
        scratch.close()
    for uri, g in derived.items():
        graphs[uri] = graphs[uri] + g if uri in graphs else g
    try:
        _publish(store, graphs, result.build_id)
    except StoreError as exc:
        raise BuildError(
            f"could not publish the build to {store.location}: {exc}; the data there is unchanged"
        ) from exc
    result.seconds = time.perf_counter() - started
    return result


def _publish(store: GraphStore, graphs: dict[str, Graph], build_id: str) -> None:
    for stale in stale_staging(store):
        store.drop_graph(stale)
    staged: dict[str, str] = {}
    try:
        for index, (uri, g) in enumerate(sorted(graphs.items())):
            if len(g) == 0:
                continue
            stage = f"{STAGING_PREFIX}{build_id}:{index}"
            staged[uri] = stage
            store.load(ntriples(g), "nt", stage)
        _check_staged(store, graphs, staged)
        operations = [f"MOVE SILENT GRAPH <{staged[uri]}> TO GRAPH <{uri}>" for uri in staged]
        # A graph the build makes empty, or no longer makes at all, goes.
        gone = [uri for uri in graphs if uri not in staged]
        gone += [g for g in store.graphs() if g.startswith(str(GRAPH)) and g not in graphs]
        operations += [f"DROP SILENT GRAPH <{uri}>" for uri in gone]
        store.update(" ;\n".join(operations))
    except BaseException:
        for stage in staged.values():
            with contextlib.suppress(StoreError):  # if not, the next build removes it
                store.drop_graph(stage)
        raise


def _check_staged(store: GraphStore, graphs: dict[str, Graph], staged: dict[str, str]) -> None:
    rows = store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }} GROUP BY ?g'
    )
    counts = {row["g"]: row["n"] for row in rows}
    for uri, stage in staged.items():
        if counts.get(stage) != len(graphs[uri]):
            raise StoreError(
                f"the server holds {counts.get(stage, 0)} triples of <{uri}> after the upload, "
                f"not {len(graphs[uri])}"
            )
