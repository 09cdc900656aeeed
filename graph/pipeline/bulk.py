"""Ingesting many reports: in parallel, incremental, resumable, one bad file never stops the rest.

`ingest_files(store, jobs)` reads, segments, extracts and validates every report in
worker processes (gemeentegraaf.pipeline.ingest, .document_check) and writes the results
into the store from this process, one document at a time: each document's graph is
replaced in one transaction, then its text and catalogue row are kept beside the store
(gemeentegraaf.sources.user_corpus) so that a rebuild includes it.

A state file beside the store (`<store>-ingest-state.json`) records, per document
key, the file it came from and the SHA-256 of its bytes, and whether it landed. So:

- ingesting an unchanged file again does nothing;
- a changed file replaces its document graph (atomically: readers see the old graph
  or the new one);
- an interrupted run (Ctrl-C) keeps what landed; the same command again does the rest.

Nothing here looks at a file's name or content to choose extraction rules: the name
gives only the default key and title.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import multiprocessing
import multiprocessing.pool
import os
import queue
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GRAPH_REFERENCE, document_graph, slug
from gemeentegraaf.pipeline.build import derive_again
from gemeentegraaf.pipeline.document_check import CONTEXT_GRAPHS, DocumentChecker
from gemeentegraaf.pipeline.ingest import (
    DEFAULT_MAX_MB,
    SUPPORTED,
    IngestError,
    Step,
    Summary,
    extract_ingested,
    prepare_ingest,
    summarise,
    warm_up,
)
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.location import connect
from rdflib import Graph

METADATA_FIELDS = ("file", "title", "publisher", "year", "kind", "language", "key", "speaker")
# Documents a worker process handles before a fresh one takes over.
TASKS_PER_WORKER = 8
# Lines of a validation report quoted when a document does not conform.
REPORT_LINES = 12


class BulkError(UserError):
    """The ingest as a whole cannot start (no store, a bad metadata file)."""


# ---------------------------------------------------------------------------
# What to ingest
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """What the catalogue says about a report; None: not given (a default applies)."""

    title: str | None = None
    publisher: str | None = None
    year: str | None = None
    kind: str | None = None
    language: str | None = None
    key: str | None = None
    speaker: str | None = None  # CBS code or network of who writes it; None: inferred

    def over(self, defaults: Metadata) -> Metadata:
        """These values, with `defaults` where a value is not given."""
        mine, theirs = asdict(self), asdict(defaults)
        return Metadata(**{k: mine[k] if mine[k] not in (None, "") else theirs[k] for k in mine})


@dataclass(frozen=True)
class Job:
    path: Path
    meta: Metadata
    replace: bool = False
    max_mb: float | None = DEFAULT_MAX_MB

    @property
    def key(self) -> str:
        return slug(self.meta.key or self.path.stem)


def find_reports(paths: Iterable[Path]) -> list[Path]:
    """The report files named, with a directory standing for the reports in it (recursively).

    A file named explicitly is kept whatever its type (reading it says what is wrong);
    in a directory only the supported types count.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_metadata(path: Path) -> dict[Path, Metadata]:
    """Rows of a metadata CSV (columns file, title, publisher, year, kind, language, key,
    speaker),
    by the resolved path of the file each row names (relative to the CSV's folder)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise BulkError(f"{path}: a metadata CSV needs a 'file' column")
            unknown = [f for f in reader.fieldnames if f not in METADATA_FIELDS]
            if unknown:
                raise BulkError(
                    f"{path}: unknown column(s) {', '.join(unknown)}; "
                    f"use {', '.join(METADATA_FIELDS)}"
                )
            rows = list(reader)
    except FileNotFoundError:
        raise BulkError(f"{path}: no such metadata file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BulkError(f"{path}: cannot read the metadata CSV ({exc})") from None
    result: dict[Path, Metadata] = {}
    for number, row in enumerate(rows, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            raise BulkError(f"{path}:{number}: the 'file' column is empty")
        values = {k: (row.get(k) or "").strip() or None for k in METADATA_FIELDS if k != "file"}
        result[(path.parent / name).resolve()] = Metadata(**values)
    return result


def plan(
    paths: Iterable[Path],
    defaults: Metadata,
    *,
    metadata: dict[Path, Metadata] | None = None,
    replace: bool = False,
    max_mb: float | None = DEFAULT_MAX_MB,
) -> list[Job]:
    """One job per report file: its CSV row over the command line's defaults."""
    rows = metadata or {}
    return [
        Job(p, rows.get(p.resolve(), Metadata()).over(defaults), replace, max_mb)
        for p in find_reports(paths)
    ]


# ---------------------------------------------------------------------------
# The state file
# ---------------------------------------------------------------------------


def state_path(store: Path) -> Path:
    return store.with_name(f"{store.name}-ingest-state.json")


class IngestState:
    """Per document key: source file, SHA-256 of its bytes, and whether it landed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict] = {}
        # documents landed since the similarities and search terms were last derived
        self.derivations_stale = False
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = dict(data.get("documents", {}))
                self.derivations_stale = bool(data.get("derivations_stale", False))
            except (OSError, ValueError, AttributeError) as exc:
                raise BulkError(
                    f"{path}: the ingest state file is damaged ({exc}); remove it to start over"
                ) from None

    def unchanged(self, key: str, digest: str, speaker: str | None = None) -> bool:
        """Landed from these very bytes, with the same speaker given (None: inferred)."""
        entry = self.entries.get(key)
        return bool(
            entry
            and entry.get("done")
            and entry.get("sha256") == digest
            and _given_speaker(entry) == _speaker_key(speaker)
        )

    def owns(self, key: str, source: Path) -> bool:
        """Was this key ingested (or begun) from this very file before?"""
        entry = self.entries.get(key)
        return bool(entry and entry.get("source") == str(source.resolve()))

    def mark(self, key: str, source: Path, digest: str, *, done: bool, **extra: object) -> None:
        self.entries[key] = {
            "source": str(source.resolve()),
            "sha256": digest,
            "done": done,
            "at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            **extra,
        }
        self.save()

    def save(self) -> None:
        # write beside and rename: a crash leaves the old state or the new one
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(
            json.dumps(
                {"documents": self.entries, "derivations_stale": self.derivations_stale},
                indent=1,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        tmp.replace(self.path)


def _given_speaker(entry: dict) -> str | None:
    # State files before "speaker_given" kept the given speaker under "speaker".
    return entry["speaker_given"] if "speaker_given" in entry else entry.get("speaker")


def _speaker_key(code: str | None) -> str | None:
    # the same file ingested with another speaker gives other facts: not "unchanged"
    return code.strip().upper() if code and code.strip() else None


def file_digest(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None  # reading it will say what is wrong


# ---------------------------------------------------------------------------
# One document (in a worker process)
# ---------------------------------------------------------------------------


@dataclass
class Outcome:
    path: Path
    key: str
    status: str  # "added", "replaced", "unchanged", "failed"
    message: str = ""
    summary: Summary | None = None
    seconds: float = 0.0
    digest: str | None = None
    # for the writer: the catalogue row, the text and the graph as N-Triples
    record: CorpusRecord | None = None
    text: str | None = None
    ntriples: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class _Worker:
    """What a worker process holds for every document: the context graphs, checked once."""

    checker: DocumentChecker | None = None
    names: Graph | None = None

    @classmethod
    def set_context(cls, context: dict[str, str]) -> None:
        graphs = {}
        for uri, text in context.items():
            g = Graph()
            g.parse(data=text, format="nt")
            graphs[uri] = g
        cls.checker = DocumentChecker(graphs.values())
        cls.names = graphs.get(str(GRAPH_REFERENCE))


def _init_worker(context: dict[str, str] | None) -> None:
    # Ctrl-C goes to the whole process group; the parent decides, the workers just stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if context is not None:  # a spawned worker starts empty
        _Worker.set_context(context)
        warm_up()


def process(job: Job, step: Step | None = None) -> Outcome:
    """Read, extract and validate one report; a failure is an Outcome, never an exception."""
    started = time.perf_counter()
    key = job.key
    try:
        meta = job.meta
        report = prepare_ingest(
            job.path,
            title=meta.title,
            publisher=meta.publisher or "",
            year=meta.year,
            kind=meta.kind or "rapport",
            language=meta.language or "nl",
            key=meta.key,
            replace=False,
            max_mb=job.max_mb,
            step=step,
        )
        graph = extract_ingested(report, speaker=meta.speaker, step=step)
        if step is not None:
            step("validate")
        assert _Worker.checker is not None, "the worker has no context graphs"
        check = _Worker.checker.check(graph)
        if not check.conforms:
            text = check.format().strip().splitlines()
            hidden = len(text) - REPORT_LINES
            more = f"\n  … {hidden} more lines" if hidden > 0 else ""
            raise IngestError(
                f"{job.path}: the extracted graph does not conform to the shapes; nothing "
                "was added:\n  " + "\n  ".join(text[:REPORT_LINES]) + more
            )
        return Outcome(
            job.path,
            report.record.key,
            "added",
            summary=summarise(graph, report, _Worker.names),
            seconds=time.perf_counter() - started,
            record=report.record,
            text=report.text,
            ntriples=graph.serialize(format="nt", encoding="utf-8").decode("utf-8"),
        )
    except UserError as exc:
        return Outcome(job.path, key, "failed", str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001
        # a file that trips up a rule of the extractor is reported with what went wrong,
        # and must not stop the others
        message = f"{job.path}: could not be ingested ({type(exc).__name__}: {exc})"
        return Outcome(job.path, key, "failed", message, seconds=time.perf_counter() - started)


# ---------------------------------------------------------------------------
# The whole run
# ---------------------------------------------------------------------------


@dataclass
class BulkReport:
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def _context(store: GraphStore) -> dict[str, str]:
    return {str(uri): store.dump("nt", str(uri)).decode("utf-8") for uri in CONTEXT_GRAPHS}


def _derive(
    store: GraphStore,
    state: IngestState,
    on_derive: Callable[[], None] | None,
    reference: Graph | None = None,
) -> None:
    if on_derive is not None:
        on_derive()
    derive_again(store, reference)
    state.derivations_stale = False
    state.save()


def _write(store: GraphStore, outcome: Outcome) -> None:
    graph = str(outcome.record.graph)  # type: ignore[union-attr]
    # one update: readers see the old graph or the new one, never half of it
    store.update(
        f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {outcome.ntriples} }} }}"
    )


def _bounded(pool: multiprocessing.pool.Pool, jobs: list[Job], window: int) -> Iterator[Outcome]:
    """Results in the order they finish, with at most `window` documents under way.

    A finished document waits here (text and graph) until it is written; handing
    out all jobs at once lets those pile up when writing is slower than extracting.
    """
    finished: queue.Queue[Outcome | BaseException] = queue.Queue()
    waiting = iter(jobs)
    under_way = 0
    for job in itertools.islice(waiting, window):
        pool.apply_async(process, (job,), callback=finished.put, error_callback=finished.put)
        under_way += 1
    while under_way:
        result = finished.get()
        under_way -= 1
        for job in itertools.islice(waiting, 1):
            pool.apply_async(process, (job,), callback=finished.put, error_callback=finished.put)
            under_way += 1
        if isinstance(result, BaseException):
            raise result  # the pool itself failed (process() reports a file's own errors)
        yield result


def _pool_size(workers: int | None, jobs: int) -> int:
    cores = os.cpu_count() or 1
    return max(1, min(workers or cores, jobs))


def ingest_files(
    store_path: Path,
    jobs: list[Job],
    *,
    store_url: str | None = None,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    step: Step | None = None,
    derive: bool = True,
    on_derive: Callable[[], None] | None = None,
) -> BulkReport:
    """Ingest `jobs` into the store at `store_path` (or the server at `store_url`, with
    `store_path` naming where the reports and the ingest state are kept beside it);
    see the module's docstring.

    `on_start(n)` is told how many documents will be processed (after unchanged ones
    are skipped); `on_outcome` hears about every document as it is done; `step`, for a
    single document processed in this process, hears each step's name.

    With `derive`, the graphs a build derives from the whole store (similar
    municipalities, search terms) are made again once documents landed, or when an
    earlier run landed some and stopped before that (Ctrl-C, a failure); `on_derive` is
    told when that starts. Without it (a throwaway store), they are left as they are.
    """
    started = time.perf_counter()
    if store_url is None and not (store_path / "CURRENT").is_file():
        raise BulkError(f"no store at {store_path}: run `gemeentegraaf build` first")
    report = BulkReport()
    state = IngestState(state_path(store_path))
    say = on_outcome or (lambda _o: None)

    def settle(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        say(outcome)

    reader = connect(store_path, store_url, read_only=True)
    try:
        existing = set(reader.graphs())
        context = _context(reader)
    finally:
        reader.close()

    todo: list[tuple[Job, str | None, bool]] = []  # job, digest, replaces a graph
    seen: dict[str, Path] = {}
    for job in jobs:
        key, digest = job.key, file_digest(job.path)
        graph = str(document_graph(key))
        if key in seen:
            settle(Outcome(job.path, key, "failed", f"{job.path}: same key {key} as {seen[key]}"))
            continue
        seen[key] = job.path
        speaker = _speaker_key(job.meta.speaker)
        if digest is not None and graph in existing and state.unchanged(key, digest, speaker):
            settle(Outcome(job.path, key, "unchanged", digest=digest))
            continue
        if graph in existing and not (job.replace or state.owns(key, job.path)):
            settle(
                Outcome(
                    job.path,
                    key,
                    "failed",
                    f"{job.path}: the store already has {graph}; pass --replace to replace it",
                )
            )
            continue
        todo.append((job, digest, graph in existing))
    if on_start is not None:
        on_start(len(todo))
    if not todo:
        if derive and state.derivations_stale:
            store = connect(store_path, store_url)
            try:
                _derive(store, state, on_derive)
            finally:
                store.close()
        report.seconds = time.perf_counter() - started
        return report

    size = _pool_size(workers, len(todo))
    pool = None
    # The reference graph this run parsed, for the derivation at the end (a second
    # parse of it from the store took a second).
    reference: Graph | None = None
    if size > 1:
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:
            # forked workers inherit the context, rules and lexicons loaded here once
            _Worker.set_context(context)
            reference = _Worker.names
            warm_up()
            ctx, initargs = multiprocessing.get_context("fork"), (None,)
        else:
            ctx, initargs = multiprocessing.get_context("spawn"), (context,)
        # a worker is replaced after a few documents: what one document's run leaves in
        # a process's heap is given back instead of adding up over a long ingest
        pool = ctx.Pool(
            size, initializer=_init_worker, initargs=initargs, maxtasksperchild=TASKS_PER_WORKER
        )
        results: Iterator[Outcome] = _bounded(pool, [job for job, _d, _r in todo], 2 * size)
    else:
        _Worker.set_context(context)
        reference = _Worker.names
        results = (process(job, step) for job, _d, _r in todo)
    by_path = {job.path: (digest, replaces) for job, digest, replaces in todo}
    by_job = {job.path: job for job, _d, _r in todo}

    store = connect(store_path, store_url)
    try:
        for outcome in results:
            digest, replaces = by_path[outcome.path]
            outcome.digest = digest
            if outcome.ok and outcome.record is not None:
                key = outcome.record.key
                speaker = _speaker_key(by_job[outcome.path].meta.speaker)
                # the derived graphs no longer match from here until they are made again
                state.derivations_stale = True
                state.mark(key, outcome.path, digest or "", done=False, speaker_given=speaker)
                if step is not None:
                    step("store")
                _write(store, outcome)
                flush = getattr(store, "flush", None)
                if flush is not None:
                    flush()  # an embedded store's write buffers go to disk, not on growing
                user_corpus.save(store_path, outcome.record, outcome.text or "", outcome.path.name)
                summary = outcome.summary
                state.mark(
                    key, outcome.path, digest or "", done=True,
                    facts=summary.facts if summary else 0,
                    speaker_given=speaker,
                    # who the facts were given to, and how that was found (given or inferred)
                    speaker=(summary.speaker or None) if summary else None,
                )  # fmt: skip
                outcome.status = "replaced" if replaces else "added"
            # the worker's payload is written; keep only what the report says
            outcome.text = outcome.ntriples = None
            settle(outcome)
        if derive and state.derivations_stale:
            _derive(store, state, on_derive, reference)
    except KeyboardInterrupt:
        report.interrupted = True
        if pool is not None:
            pool.terminate()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        store.close()
    report.seconds = time.perf_counter() - started
    return report
