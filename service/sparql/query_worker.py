"""The code that runs inside a query worker process.

pyoxigraph cannot cancel a running query from Python, so queries (and the dry
run of every write) run in worker processes that the service kills when they
take too long. A worker loads the snapshot a task names (the N-Quads dump of
one data version) into its own in-memory store, keeps it while tasks name the
same version, runs one task at a time and sends back a ready answer: status,
media type, body.

A worker also cuts itself off from the network when the kernel lets it (a new,
empty network namespace), so that even a SERVICE clause that slipped past the
checks in sparql_text could not reach another host.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import PREFIXES
from gemeentegraaf.common.visible import readable
from gemeentegraaf.service import results
from gemeentegraaf.service.negotiation import MediaFormat
from gemeentegraaf.service.sparql.isolation import isolate_network
from gemeentegraaf.service.sparql.lanes import describe_bytes
from gemeentegraaf.store.base import Boolean, QueryResult, Solutions
from gemeentegraaf.store.change_scope import (
    ShapeScope,
    extract,
    local_shapes,
    only_at,
    shape_scope,
)
from gemeentegraaf.store.delta import Delta, compute_changes, is_writable, previous_content
from gemeentegraaf.store.rdflib_terms import rdflib_graph
from gemeentegraaf.store.sparql_text import explain_syntax_error
from gemeentegraaf.store.term_size import MAX_TERM_BYTES, oversized_terms
from gemeentegraaf.store.write_log import WRITE_LOG
from gemeentegraaf.validate import validate
from rdflib import Graph

DEFAULT_GRAPH = ""  # how a changed default graph is named in a DryRunResult
# Results written out in a 422's text (all of them are in its Turtle form).
_REPORT_LIMIT = 100


@dataclass(frozen=True)
class Snapshot:
    """One version of the data, for a worker to load: a read view's N-Quads dump (its file
    name is the version, so a worker reloads exactly when the version changes)."""

    path: str
    kind: str  # "nquads" (a dump file) or "rocksdb" (a store directory)


@dataclass(frozen=True)
class QueryTask:
    query: str
    base_iri: str | None
    # Protocol dataset (default-graph-uri / named-graph-uri); None when not given.
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    union_default: bool
    tabular: MediaFormat | None  # format for SELECT/ASK, None if none is acceptable
    graph: MediaFormat | None  # format for CONSTRUCT/DESCRIBE
    max_rows: int
    snapshot: Snapshot | None = None
    # Most bytes in the answer's body; the default is Settings.max_response_bytes's
    # (not imported: pydantic would slow every worker's start).
    max_bytes: int = 32 << 20


@dataclass(frozen=True)
class DryRunTask:
    """Apply an update to a scratch copy and validate every graph it changes."""

    update: str
    base_iri: str | None
    snapshot: Snapshot  # the state before
    scratch: Snapshot  # a writable copy of the same state
    # What the shapes read (store/change_scope.py), computed once by the service: reading
    # the shapes' SPARQL in each new worker would use up a dry run's time share.
    scope: ShapeScope | None = None


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OutOfMemory:
    """Sent instead of an answer when the task ran out of the worker's memory limit."""


@dataclass
class DryRunResult:
    error: str | None = None  # the update itself failed (syntax, evaluation, a term's size)
    error_status: int = 400
    changed_graphs: list[str] = field(default_factory=list)
    conforms: bool = True
    report_text: str = ""
    report_turtle: bytes = b""
    # What the commit applies: one update of ground data (gemeentegraaf.store.delta).
    delta: Delta = field(default_factory=Delta)
    # Graphs the change would touch that writes may not: bundled or reserved.
    protected: list[str] = field(default_factory=list)
    # The previous content of the graphs that lose anything (gzipped N-Quads), to keep.
    previous: bytes = b""


def text_answer(status: int, message: str, **headers: str) -> Answer:
    # (an error may quote the query, or the engine quote it: never a hidden character raw)
    body = (readable(message).rstrip() + "\n").encode()
    return Answer(status, "text/plain; charset=utf-8", body, headers)


def answer_for(task: QueryTask, result: QueryResult) -> Answer:
    """A typed query result (from any store) as the answer to `task`, cut at its caps."""
    if isinstance(result, Boolean):
        return _Worker._boolean(task, result.value)
    if isinstance(result, Solutions):
        rows = ([*row] for row in result.rows)
        lines, cut = results.take_tsv_rows(rows, task.max_rows, task.max_bytes)
        return _Worker._table(task, list(result.variables), lines, cut)
    triples, cut = results.take_triples(result.triples, task.max_rows, task.max_bytes)
    return _Worker._graph(task, triples, cut)


class _Worker:
    def __init__(self) -> None:
        self._snapshot: Snapshot | None = None
        self._store: ox.Store | None = None

    @property
    def loaded(self) -> Snapshot | None:
        """The version this worker holds (None: none yet)."""
        return self._snapshot if self._store is not None else None

    def open(self, snapshot: Snapshot) -> ox.Store:
        if self._snapshot != snapshot or self._store is None:
            self._store = None  # close the old one before opening the next
            self._store = _open(snapshot, writable=False)
            self._snapshot = snapshot
        return self._store

    def run(self, task: QueryTask | DryRunTask) -> Answer | DryRunResult:
        if isinstance(task, QueryTask):
            return self.query(task)
        return self.dry_run(task)

    # -- queries ------------------------------------------------------------

    def query(self, task: QueryTask) -> Answer:
        assert task.snapshot is not None
        try:
            store = self.open(task.snapshot)
        except FileNotFoundError:
            # The service let go of that version while the task was on its way (it is
            # stopping, or the data moved on): no bug, and nothing to read.
            return text_answer(503, "That version of the data is gone; ask again.")
        options: dict = {"base_iri": task.base_iri}
        if task.default_graphs is not None or task.named_graphs is not None:
            # A protocol dataset replaces the query's own and the union default.
            options["default_graph"] = [ox.NamedNode(g) for g in task.default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(g) for g in task.named_graphs or ()]
        elif task.union_default:
            options["use_default_graph_as_union"] = True
        # Evaluation is lazy: errors can surface while rows are read, so the
        # rows are read here and only then serialised.
        try:
            result = store.query(task.query, **options)
            if isinstance(result, ox.QueryBoolean):
                return self._boolean(task, bool(result))
            if isinstance(result, ox.QuerySolutions):
                variables, lines, cut = results.read_tsv_rows(result, task.max_rows, task.max_bytes)
            else:
                triples, cut = results.take_triples(result, task.max_rows, task.max_bytes)
        except SyntaxError as exc:
            return text_answer(
                400, f"SPARQL syntax error: {explain_syntax_error(task.query, str(exc))}"
            )
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            return text_answer(400, f"The query failed: {exc}")
        if isinstance(result, ox.QuerySolutions):
            return self._table(task, variables, lines, cut)
        return self._graph(task, triples, cut)

    @staticmethod
    def _boolean(task: QueryTask, value: bool) -> Answer:
        if task.tabular is None:
            return _not_acceptable("ASK")
        return Answer(200, task.tabular.content_type, results.boolean(value, task.tabular))

    @staticmethod
    def _table(
        task: QueryTask, variables: list[str], lines: list[str], cut: results.Truncation
    ) -> Answer:
        fmt = task.tabular
        if fmt is None:
            return _not_acceptable("SELECT")
        body, cut = results.capped_solutions(variables, lines, fmt, cut, task.max_bytes)
        if (refused := _not_in_xml(fmt, body)) is not None:
            return refused
        return Answer(200, fmt.content_type, body, cut.headers())

    @staticmethod
    def _graph(task: QueryTask, triples: list[ox.Triple], cut: results.Truncation) -> Answer:
        fmt = task.graph
        if fmt is None:
            return _not_acceptable("CONSTRUCT/DESCRIBE")
        try:
            body, cut = results.capped_graph(triples, fmt, cut, task.max_bytes)
        except OSError as exc:
            # a syntax that cannot carry a term of the result (JSON-LD has no RDF 1.2
            # triple terms): the client may ask for another
            return text_answer(
                406,
                f"The result cannot be written as {fmt.media_type}: {exc}. Ask for "
                "Turtle or N-Triples.",
            )
        if (refused := _not_in_xml(fmt, body)) is not None:
            return refused
        return Answer(200, fmt.content_type, body, cut.headers())

    # -- writes -------------------------------------------------------------

    def dry_run(self, task: DryRunTask) -> DryRunResult:
        before = self.open(task.snapshot)
        after = _scratch(task.scratch, before)
        try:
            # The write log is the service's, not data: updates neither see nor change it.
            if after.contains_named_graph(ox.NamedNode(WRITE_LOG)):
                after.remove_graph(ox.NamedNode(WRITE_LOG))
            try:
                after.update(task.update, base_iri=task.base_iri)
            except SyntaxError as exc:
                why = explain_syntax_error(task.update, str(exc), update=True)
                return DryRunResult(error=f"SPARQL syntax error: {why}")
            except (OSError, ValueError, TypeError, RuntimeError) as exc:
                return DryRunResult(error=f"The update failed: {exc}")
            delta, changed = compute_changes(before, after, ignore=[WRITE_LOG])
            if (too_large := _added_oversized_term(changed, after)) is not None:
                return DryRunResult(error=too_large, error_status=413)
            if (unloadable := _added_unloadable(changed, after)) is not None:
                return DryRunResult(error=unloadable)
            if WRITE_LOG in _graph_names(after):
                delta.rewritten.append(WRITE_LOG)  # the update wrote into the log itself
            protected = [g for g in delta.touched if not is_writable(g)]
            if protected:
                return DryRunResult(changed_graphs=delta.graphs, delta=delta, protected=protected)
            result = _validate(after, delta.graphs, changed, task.scope or shape_scope())
            result.delta = delta
            if result.conforms and delta.destructive:
                result.previous = previous_content(before, [c.graph for c in delta.destructive])
            return result
        finally:
            del after  # closes the scratch database before the service removes it


def _added_oversized_term(changed: list[ox.Quad], after: ox.Store) -> str | None:
    """Why the change may not be applied, when it adds a term past the size a term may
    have in the store (gemeentegraaf.store.term_size); None when it adds none."""
    for quad, size in oversized_terms(changed):
        if quad in after:  # added, not removed: removing such a term is what mends it
            return (
                f"The update would add a term of {describe_bytes(size)}, more than the "
                f"{describe_bytes(MAX_TERM_BYTES)} a single IRI or literal may hold here "
                "(in its N-Triples form). Nothing was changed."
            )
    return None


def _added_unloadable(changed: list[ox.Quad], after: ox.Store) -> str | None:
    """Why the change may not be applied, when it adds a quad that the next version's
    N-Quads dump could not load again (a literal typed rdf:langString without a language,
    an RDF 1.2 triple term): it would commit, and then every read view, and the service's
    next start, would fail on it. None when every added quad loads."""
    added = [quad for quad in changed if quad in after]
    for quad in added:
        triple = next((t for t in (quad.subject, quad.object) if isinstance(t, ox.Triple)), None)
        if triple is not None:
            return (
                f"The update would add a triple term ({triple}), which this store's dumps do "
                "not carry. Nothing was changed."
            )
        if isinstance(quad.object, ox.Literal) and getattr(quad.object, "direction", None):
            # the shapes are checked with rdflib, which has no base direction
            return (
                f"The update would add a literal with a base direction ({quad.object}), "
                "which this store's checks cannot read. Nothing was changed."
            )
    if not added:
        return None
    text = ox.serialize(added, format=ox.RdfFormat.N_QUADS)
    try:
        for _quad in ox.parse(text, format=ox.RdfFormat.N_QUADS):
            pass
    except SyntaxError as exc:
        return (
            f"The update would add data the store could not load again: {exc}. Nothing was changed."
        )
    return None


def _scratch(scratch: Snapshot, before: ox.Store) -> ox.Store:
    """A writable copy of the state before. An N-Quads snapshot is copied from `before`
    itself: loading the file again would give its blank nodes new names, and every
    graph holding one would look changed."""
    if scratch.kind == "rocksdb":
        return ox.Store(scratch.path)
    copy = ox.Store()
    copy.extend(before.quads_for_pattern(None, None, None, None))
    for graph in before.named_graphs():
        copy.add_graph(graph)  # empty named graphs exist too
    return copy


def _open(snapshot: Snapshot, *, writable: bool) -> ox.Store:
    if snapshot.kind == "rocksdb":
        return ox.Store(snapshot.path) if writable else ox.Store.read_only(snapshot.path)
    store = ox.Store()
    # parse + bulk_extend keeps the dump's blank node labels (the loaders make new
    # ones), so that every copy of a version, the service's and each worker's, agrees.
    store.bulk_extend(ox.parse(path=snapshot.path, format=ox.RdfFormat.N_QUADS))
    return store


# Characters XML 1.0 cannot carry, not even as a character reference: a control
# character in a literal would make the answer a document no XML parser reads.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _not_in_xml(fmt: MediaFormat, body: bytes) -> Answer | None:
    """A 406 when `fmt` is XML and the answer holds a character XML cannot carry."""
    if "xml" not in fmt.media_type:
        return None
    found = _NOT_XML.search(body)
    if found is None:
        return None
    return text_answer(
        406,
        f"The result holds the control character U+{found.group()[0]:04X}, which XML 1.0 "
        "cannot carry; ask for it in JSON, CSV or TSV, or in Turtle or N-Triples.",
    )


def _not_acceptable(form: str) -> Answer:
    return text_answer(406, f"No acceptable format for a {form} result.")


def _graph_names(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}


def _validate(
    after: ox.Store, changed: list[str], quads: list[ox.Quad], scope: ShapeScope
) -> DryRunResult:
    """Validate the dataset after the change, where the change can alter the outcome.

    Shapes follow links across graphs (a document's programme is labelled in
    the reference graph), so the check reads all graphs together, as the build
    does. The store conformed before (the build and every write checked it), so
    only the nodes whose results the changed triples `quads` can alter are
    checked, with every triple their shapes can read (store/change_scope.py);
    when the change is too large for that, or touches what SPARQL-based shapes
    read, the whole dataset is validated. What the report lists comes from
    this change.
    """
    if not changed:
        return DryRunResult(changed_graphs=[], conforms=True)
    part = extract(after, quads, scope, skip_graphs=[WRITE_LOG], total=len(after))
    if part is None:
        data = _whole(after)
        report = validate(data)
        checked = f"All graphs together after the change ({len(data)} triples)"
    else:
        data = part.data
        report = only_at(validate(data, shapes=local_shapes()), part.focus)
        checked = (
            f"The {len(part.focus)} nodes the change can affect, with the "
            f"{len(data)} triples their shapes read, in all graphs after the change"
        )
    if report.conforms:
        return DryRunResult(changed_graphs=changed, conforms=True)
    labels = ", ".join("the default graph" if g == DEFAULT_GRAPH else f"<{g}>" for g in changed)
    text = f"Changed: {labels}.\n{checked}:\n{report.format(limit=_REPORT_LIMIT)}"
    report_graph = report.to_graph()
    for prefix, namespace in PREFIXES.items():
        report_graph.bind(prefix, namespace)
    return DryRunResult(
        changed_graphs=changed,
        conforms=False,
        report_text=text,
        report_turtle=report_graph.serialize(format="turtle", encoding="utf-8"),
    )


def _whole(after: ox.Store) -> Graph:
    """Every triple of the store (without the write log: not data) as one rdflib graph."""
    return rdflib_graph(
        q
        for q in after.quads_for_pattern(None, None, None, None)
        if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == WRITE_LOG)
    )


def limit_memory(limit: int) -> None:
    """Cap the process's data segment (heap and anonymous mappings) at `limit` bytes.

    The backstop behind the service's watch on each worker's resident memory:
    past it an allocation fails, so Python raises MemoryError and pyoxigraph's
    Rust code aborts the process, before the machine runs out.
    """
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def main(argv: list[str]) -> None:
    """`python -m gemeentegraaf.service.sparql.query_worker FD [--isolate-network]
    [--memory-limit BYTES]`.

    FD is a socket to the service."""
    fd = int(argv[0])
    options = argv[1:]
    if "--memory-limit" in options:
        limit_memory(int(options[options.index("--memory-limit") + 1]))
    worker_main(Connection(fd), "--isolate-network" in options)


def worker_main(
    conn: Connection,
    isolate: bool,
    worker: _Worker | None = None,
    isolated: bool | None = None,
) -> None:
    """Entry point of a worker process: serve tasks until the service hangs up.

    A worker forked from a template (worker_template.py) is given the template's
    `worker`, with its data loaded, and whether the template is `isolated`."""
    if isolated is None:
        isolated = isolate_network() if isolate else False
    conn.send(("ready", os.getpid(), isolated))
    worker = worker if worker is not None else _Worker()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: Answer | DryRunResult | OutOfMemory = worker.run(task)
        except MemoryError:
            # Past the memory limit. Say so, then end: the heap this task left
            # behind is no place for the next one (the service starts another worker).
            with contextlib.suppress(OSError, ValueError):
                conn.send(OutOfMemory())
            return
        except Exception as exc:  # a bug must not kill the worker silently
            answer = text_answer(500, f"internal error in the query worker: {type(exc).__name__}")
            with contextlib.suppress(Exception):
                import traceback

                traceback.print_exc()
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


if __name__ == "__main__":
    # Run the copy imported under its package name, so that the classes sent
    # back are gemeentegraaf.service.sparql.query_worker.Answer, not __main__.Answer.
    from gemeentegraaf.service.sparql import query_worker

    query_worker.main(sys.argv[1:])
