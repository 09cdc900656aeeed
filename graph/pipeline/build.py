"""`gemeentegraaf build`: sources → validated named graphs → a new store, swapped in atomically.

The new store is written beside the old one and only renamed into place after
every graph has validated and loaded; a failure at any step removes the
half-built store and leaves the previous one untouched and usable.

What the build does not make is carried over from the old store as it is: the
graphs written through SPARQL Update or the Graph Store (every graph outside
…/graph/, the store's default graph) and the service's write log. The build
makes the bundled graphs afresh, which is why writes may not change them.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from gemeentegraaf import __version__
from gemeentegraaf.analysis.similarity import materialise_similarities
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import (
    GG,
    GRAPH_ANALYSES,
    GRAPH_CURATION,
    GRAPH_DATASET,
    GRAPH_ONTOLOGY,
    GRAPH_REFERENCE,
    GRAPH_THEMES,
    ID,
    document_graph,
)
from gemeentegraaf.common.resources import ONTOLOGY_DIR
from gemeentegraaf.extract.curation import curation_graph
from gemeentegraaf.extract.report import extract_document, extract_report
from gemeentegraaf.pipeline.evidence_bound import bound_evidence
from gemeentegraaf.queries.search import GRAPH_SEARCH, search_graph
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.sources.catalogue import corpus_records
from gemeentegraaf.sources.reference import reference_graph
from gemeentegraaf.store import scratch
from gemeentegraaf.store.base import DEFAULT_GRAPH, STAGING_PREFIX, GraphStore
from gemeentegraaf.store.delta import is_bundled
from gemeentegraaf.store.oxigraph import OxigraphStore, StoreError
from gemeentegraaf.store.writer_lock import LOCK_FILE, WriterLock
from gemeentegraaf.text import documents
from gemeentegraaf.validate import validate_graphs
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

DATASET = ID["dataset"]


class BuildError(UserError):
    """The build stopped; the previous store is unchanged."""


@dataclass
class BuildResult:
    store: Path
    graphs: dict[str, int] = field(default_factory=dict)  # graph URI → triples
    seconds: float = 0.0
    build_id: str = ""
    # Graphs carried over from the previous store (written by users, not by the build).
    kept: dict[str, int] = field(default_factory=dict)
    started: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))


# A step yields (graph URI, graph) pairs for the build that runs it.
Step = Callable[[BuildResult], Iterator[tuple[str, Graph]]]
# A step that needs the other graphs in a store (the analyses) runs after they are loaded.
StoreStep = Callable[[GraphStore], Iterator[tuple[str, Graph]]]


def _turtle(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def _ontology(_: BuildResult) -> Iterator[tuple[str, Graph]]:
    yield str(GRAPH_ONTOLOGY), _turtle(ONTOLOGY_DIR / "gemeentegraaf.ttl")


def _themes(_: BuildResult) -> Iterator[tuple[str, Graph]]:
    yield str(GRAPH_THEMES), _turtle(ONTOLOGY_DIR / "themes.ttl")


def _reference(_: BuildResult) -> Iterator[tuple[str, Graph]]:

    yield str(GRAPH_REFERENCE), reference_graph()


def _documents(result: BuildResult) -> Iterator[tuple[str, Graph]]:

    for record in corpus_records():
        graph = extract_document(record.key, started=result.started)
        bound_evidence(graph)  # (no fact of the bundled corpus has more than four quotes)
        yield str(document_graph(record.key)), graph
    # Member lists in a report's footnotes (the 2021 study's G40 and M50) come with its
    # facts (gemeentegraaf.extract.memberships) and go with its graph.


def _ingested(result: BuildResult) -> Iterator[tuple[str, Graph]]:

    for record in user_corpus.records(result.store):
        document = documents.load_ingested(result.store, record)
        graph = extract_report(record, document, started=result.started)
        bound_evidence(graph)  # as ingest did (gemeentegraaf.pipeline.ingest)
        yield str(record.graph), graph


def _curation(result: BuildResult) -> Iterator[tuple[str, Graph]]:

    keys = [r.key for r in corpus_records()] + [r.key for r in user_corpus.records(result.store)]
    yield str(GRAPH_CURATION), curation_graph(documents=keys)


def _analyses(store: GraphStore) -> Iterator[tuple[str, Graph]]:

    yield str(GRAPH_ANALYSES), materialise_similarities(store)


def default_steps() -> list[tuple[str, Step]]:
    return [
        ("ontology", _ontology),
        ("themes", _themes),
        ("reference", _reference),
        ("documents", _documents),
        ("ingested", _ingested),
        ("curation", _curation),
    ]


def _search(store: GraphStore) -> Iterator[tuple[str, Graph]]:

    yield str(GRAPH_SEARCH), search_graph(store)


def default_store_steps() -> list[tuple[str, StoreStep]]:
    return [("analyses", _analyses), ("search", _search)]


def derive_again(store: GraphStore, reference: Graph | None = None) -> dict[str, int]:
    """The graphs a build derives from the whole store (similar municipalities, search
    terms), made again from what it holds now and validated as a build validates them;
    each replaces its old self in one update. After an ingest: else a municipality's
    linked data would name the neighbours of the last build while its page, computed
    from the facts, names today's. `reference`: the store's reference graph when the
    caller has it already (read from the store when None). Returns triples per graph."""
    if reference is None:
        reference = store.named_graph(str(GRAPH_REFERENCE))
    # All are made before any is written, and validated in one pass: a validation's fixed
    # cost (the shapes, the reference context) is most of an ingest's derivation. The
    # search terms read the store's labels, and the analyses graph's only labels are
    # those of its constant agent and activity, so they come out the same whether its
    # old or its new self is in the store.
    derived: dict[str, Graph] = {}
    for _name, step in default_store_steps():
        derived.update(step(store))
    _validate(derived, context=reference)
    for uri, g in derived.items():
        store.replace_graph(uri, g)
    return {uri: len(g) for uri, g in derived.items()}


def progress_steps() -> list[str]:
    """The names a default build reports to `progress`, in order (for a progress bar)."""
    return (
        [name for name, _ in default_steps()]
        + ["validate", "store"]
        + [name for name, _ in default_store_steps()]
    )


def _dataset_graph(result: BuildResult) -> Graph:
    g = Graph()
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, DCTERMS.modified, Literal(result.started.isoformat(), datatype=XSD.dateTime)))
    g.add((DATASET, GG.buildId, Literal(result.build_id)))
    # DCAT-AP 3.0 names a dataset's version with dcat:version (dct:hasVersion links
    # to another dataset, so a literal there is a range violation). rdflib's closed DCAT
    # namespace predates DCAT 3 and lacks the term.
    g.add((DATASET, URIRef(str(DCAT) + "version"), Literal(__version__)))
    return g


def _validate(graphs: dict[str, Graph], context: Graph | None = None) -> None:
    report = validate_graphs(graphs.values(), context=[context] if context is not None else [])
    if not report.conforms:
        raise BuildError("the data does not conform to the shapes:\n" + report.format())


def check_target(target: Path) -> None:
    """Refuse to replace anything but a gemeentegraaf store that nobody has open for writing."""
    if not target.exists():
        return
    if not target.is_dir():
        raise BuildError(f"{target} is a file, not a store directory; choose another --store")
    if any(target.iterdir()) and not (target / "CURRENT").is_file():
        raise BuildError(
            f"{target} is not empty and is not a gemeentegraaf store; not replacing it"
        )
    lock = target / "LOCK"
    if lock.exists():
        # RocksDB holds a POSIX lock on LOCK while a writer has the store open;
        # swapping the directory under it would let it delete the new store's files.
        with open(lock, "r+") as fh:
            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise BuildError(
                    f"{target} is open for writing in another process (gemeentegraaf serve "
                    "with updates enabled, or ingest?); stop it first"
                ) from None
            fcntl.lockf(fh, fcntl.LOCK_UN)
    if (target / LOCK_FILE).exists():
        # A service with writes enabled holds no RocksDB handle between commits, but
        # this lock for as long as it runs (store/writer_lock.py).
        _writer_lock(target).release()


def _writer_lock(target: Path) -> WriterLock:
    try:
        return WriterLock.acquire(target)
    except StoreError as exc:
        raise BuildError(
            f"{target} is written to by another process (gemeentegraaf serve with updates "
            "enabled, ingest or restore); stop it first: its writes would be lost"
        ) from exc


def carry_user_graphs(old: Path, new: OxigraphStore) -> dict[str, int]:
    """Copy the graphs the build does not make from the store at `old` into `new`.

    Returns graph → triples copied ("" is the default graph). Nothing when `old`
    is not a store yet.
    """
    if not (old / "CURRENT").is_file():
        return {}
    previous = OxigraphStore(old, read_only=True)
    try:
        graphs = [DEFAULT_GRAPH] + [
            g for g in previous.graphs() if not is_bundled(g) and not g.startswith(STAGING_PREFIX)
        ]
        quads = [q for graph in graphs for q in previous.quads(graph)]
        kept = {g: previous.triple_count(g) for g in graphs}
    finally:
        previous.close()
    for graph in graphs[1:]:
        new.update(f"CREATE SILENT GRAPH <{graph}>")  # empty ones too
    if quads:
        # One load: a blank node shared by two graphs stays one node.
        new.load(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), "nq")
    if not kept[DEFAULT_GRAPH]:
        del kept[DEFAULT_GRAPH]
    return kept


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    # The new store must not carry our owner file: a later cleanup would take it for scratch.
    scratch.release(new)
    if target.exists():
        target.rename(old)
        # Ours until removed below, so that a crash in between leaves it to the next cleanup.
        scratch.claim(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _collect(steps: list[tuple[str, Step]], result: BuildResult, say) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for name, step in steps:
        say(name)
        try:
            for uri, g in step(result):
                graphs[uri] = graphs[uri] + g if uri in graphs else g
        except UserError:
            raise
        except (ValueError, KeyError, UnicodeDecodeError, SyntaxError) as exc:
            # Broken input files (a bad date, a truncated JSON, bad Turtle).
            raise BuildError(f"{name}: cannot read the input: {type(exc).__name__}: {exc}") from exc
    return graphs


def collect_validated(
    steps: list[tuple[str, Step]], result: BuildResult, say: Callable[[str], None]
) -> dict[str, Graph]:
    """Every step's graphs, validated together, and the graph describing this build."""
    graphs = _collect(steps, result, say)
    say("validate")
    _validate(graphs)
    graphs[str(GRAPH_DATASET)] = _dataset_graph(result)
    return graphs


def load_and_derive(
    store: OxigraphStore,
    graphs: dict[str, Graph],
    store_steps: list[tuple[str, StoreStep]],
    result: BuildResult,
    say: Callable[[str], None],
) -> dict[str, Graph]:
    """Load `graphs` into a new store nobody reads yet, then add what the store steps derive.

    Returns the derived graphs (validated against the reference graph, and loaded).
    """
    for uri, g in graphs.items():
        # A new store nobody reads yet: bulk loading is safe.
        store.bulk_load_graph(uri, g)
        result.graphs[uri] = len(g)
    derived_all: dict[str, Graph] = {}
    reference = graphs.get(str(GRAPH_REFERENCE))
    for name, step in store_steps:
        say(name)
        # Each step is loaded before the next runs, as a later one may read an earlier
        # one's graph (the search terms read every label in the store).
        try:
            for uri, g in step(store):
                store.bulk_load_graph(uri, g)
                derived_all[uri] = derived_all[uri] + g if uri in derived_all else g
                result.graphs[uri] = len(derived_all[uri])
        except UserError:
            raise
        except Exception:
            # a step may have tripped over an earlier step's invalid graph: that is the
            # error to report, not the trip
            _validate(derived_all, context=reference)
            raise
    # Validated in one pass once all are made: a validation's fixed cost (the shapes, the
    # reference context) is most of what deriving costs. A failure leaves only this new
    # store, read by nothing but the later steps, and the build discards it.
    _validate(derived_all, context=reference)
    return derived_all


def _discard(work: Path, store: OxigraphStore | None) -> None:
    """Remove a build's unfinished store. Its database is closed first: left open, its
    background threads could still write files while the folder was removed, and the
    folder stayed (seen once, under load). What still stays is removed by the next build
    (scratch.remove_leftovers)."""
    if store is not None:
        with contextlib.suppress(Exception):  # (the build's own error is what is reported)
            store.close()
    gc.collect()  # (the database closes when its last reference goes)
    shutil.rmtree(work, ignore_errors=True)


def build(
    target: Path,
    *,
    steps: list[tuple[str, Step]] | None = None,
    store_steps: list[tuple[str, StoreStep]] | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build a store at `target`; `steps`/`store_steps` default to the whole bundled data."""
    started = time.perf_counter()
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    check_target(target)
    # What a killed build or service left behind (never what a live one still uses).
    scratch.remove_leftovers(target)
    result = BuildResult(store=target, build_id=uuid.uuid4().hex)
    say = progress or (lambda _msg: None)
    if steps is None:
        steps = default_steps()
        store_steps = default_store_steps() if store_steps is None else store_steps

    graphs = collect_validated(steps, result, say)

    work = target.with_name(f".{target.name}.building-{result.build_id[:8]}")
    store: OxigraphStore | None = None
    try:
        say("store")
        work.mkdir()
        scratch.claim(work)  # before any data: a build killed from here on leaves nothing for ever
        store = OxigraphStore(work)
        load_and_derive(store, graphs, store_steps or [], result, say)
        check_target(target)  # again: a writer may have opened it during the build
        # Held from reading the user graphs to the swap, so no write lands in between.
        lock = _writer_lock(target) if target.exists() else None
        try:
            result.kept = carry_user_graphs(target, store)
            store.close()
            _swap_in(work, target)
        finally:
            if lock is not None:
                lock.release()
    except (OSError, StoreError) as exc:
        _discard(work, store)
        raise BuildError(f"could not write the store at {target}: {exc}") from exc
    except BaseException:
        _discard(work, store)
        raise
    result.seconds = time.perf_counter() - started
    return result
