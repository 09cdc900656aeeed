"""Read views: the service answers reads from an in-memory copy of one version of the data.

The on-disk store stays the durable copy: writes go there and `build`
replaces it. Reads (pages, API, VoID, dumps, /sparql) go to a `ReadView`, an
immutable pair of a version id and an in-memory pyoxigraph store loaded from
the durable store, plus an N-Quads dump of that version for the query worker
processes (which load it into their own memory). A request takes one view and
keeps it, so it never mixes versions; `ReadViews` replaces the current view
atomically when a write commits (`reload`) or when the store directory is
replaced underneath (a `build`: its identity, checked with one stat at most
every `check_interval` seconds, picked up by a reload in the background).

A service that writes holds no handle on the on-disk store once the first view
is loaded (`detached`): a commit process opens it, applies the write and
writes the new version's dump, from which `commit` makes the next view
(store/commit.py); anything else that must read the store (a rebuild, a failed
commit) opens it read-only for the moment, under the same lock as commits.

The version is a hash of the dump: the same data has the same version, in any
process and after a restart, so ETags stay valid; different data has another.

With a store server (the remote backend) the data lives on the server: there
is no copy, the view is the server itself with the server's data version
(asked on every `current()`, as before read views).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import GG, ID
from gemeentegraaf.store import scratch
from gemeentegraaf.store.base import GraphStore, StoreError
from gemeentegraaf.store.commit import CommitDone, empty_graphs
from gemeentegraaf.store.oxigraph import OxigraphStore, changed_at, changed_mark, open_store

log = logging.getLogger("gemeentegraaf.store")

_DATASET = ox.NamedNode(str(ID["dataset"]))
_BUILD_ID = str(GG.buildId)
_MODIFIED = "http://purl.org/dc/terms/modified"


@dataclass(frozen=True)
class ReadView:
    """One version of the data, for reading only."""

    version: str  # equal versions hold equal data
    store: GraphStore  # an in-memory copy; the server itself for a remote store
    last_modified: datetime  # whole seconds, for Last-Modified
    dump: Path | None = None  # N-Quads of this version (None for a remote store)
    build_id: str = ""  # what the store records about its build (gg:buildId)
    built: datetime | None = None  # and when (dct:modified)

    @property
    def in_memory(self) -> bool:
        return self.dump is not None


@dataclass
class _Identity:
    """What tells a changed store from the one loaded: the directory's inode (a build
    swaps in a new directory) and the mark of the last process that wrote to it in
    place (an ingest, a restore: oxigraph.mark_changed)."""

    device: int
    inode: int
    mark: str = ""

    @classmethod
    def of(cls, path: Path) -> _Identity | None:
        try:
            st = os.stat(path)
        except OSError:
            return None  # mid-swap, or removed: keep the current view
        return cls(st.st_dev, st.st_ino, changed_mark(path))


def _recorded(store: OxigraphStore) -> tuple[str, datetime | None]:
    """The build id and build time the store records about itself (gg:buildId, dct:modified)."""
    build, built = "", None
    for quad in store.raw.quads_for_pattern(_DATASET, None, None, None):
        if quad.predicate.value == _BUILD_ID:
            build = quad.object.value
        elif quad.predicate.value == _MODIFIED:
            try:
                moment = datetime.fromisoformat(quad.object.value)
            except ValueError:
                continue
            built = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return build, built


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:20]


def load_view(durable: OxigraphStore, folder: Path, last_modified: datetime) -> ReadView:
    """Copy `durable` into memory, with its dump (named by the version) written in `folder`."""
    staging = staging_path(folder)
    try:
        durable.dump_to_file(staging, "nq")
        # (another process writing the store meanwhile, an ingest, can remove the files a
        # read-only handle opened on: an IO error here too, not only in the dump)
        empty = empty_graphs(durable.raw)
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise StoreError(f"cannot copy the store at {durable.location}: {exc}") from exc
    return view_from_dump(staging, folder, last_modified, empty)


def staging_path(folder: Path) -> Path:
    """Where a new version's dump is written before its version (its hash) is known."""
    return folder / f"loading-{threading.get_ident()}-{time.monotonic_ns()}.nq"


def view_from_dump(
    staging: Path, folder: Path, last_modified: datetime, empty: Iterable[str] = ()
) -> ReadView:
    """The view of the data in the N-Quads file `staging` (moved into `folder`, named by
    its version), with the store's `empty` named graphs, which a dump cannot show."""
    try:
        version = _file_hash(staging)
        dump = folder / f"{version}.nq"
        os.replace(staging, dump)
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise StoreError(f"cannot read the new version's data at {staging}: {exc}") from exc
    memory = OxigraphStore.from_dump(dump)
    _sync_empty(memory.raw, empty)
    memory.frozen = True  # a version: the next one is a new copy
    build, built = _recorded(memory)
    return ReadView(version, memory, last_modified, dump, build, built)


def _sync_empty(store: ox.Store, empty: Iterable[str]) -> None:
    """Make the empty named graphs of `store` exactly `empty` (graphs with quads stay)."""
    wanted = set(empty)
    for graph in set(empty_graphs(store)) - wanted:
        store.remove_graph(ox.NamedNode(graph))
    for graph in wanted:
        store.add_graph(ox.NamedNode(graph))


class ReadViews:
    """The current read view of a durable store, replaced atomically when the data changes."""

    def __init__(
        self,
        durable: GraphStore,
        *,
        check_interval: float = 1.0,
        scratch_parent: Path | None = None,
    ) -> None:
        """`durable`: the on-disk store (read-write when the service writes) or a store
        server. The first view is loaded here (seconds for a large store)."""
        self._durable = durable
        self._interval = check_interval
        self._lock = threading.Lock()  # guards the fields below
        self._reloading = threading.Lock()  # one reload at a time
        self._pins: dict[str, int] = {}  # version → requests or tasks using its dump
        self._views: dict[str, ReadView] = {}  # views whose dump is still on disk
        self._closed = False
        self.embedded = isinstance(durable, OxigraphStore) and durable.path is not None
        self.detached = False  # whether the durable store is closed here (see below)
        self._remote_seen: str | None = None
        self._remote_modified = datetime.now(UTC).replace(microsecond=0)
        # Called with a new view before it becomes current, then after (see `follow`).
        self._preparers: list[Callable[[ReadView], None]] = []
        self._followers: list[Callable[[ReadView], None]] = []
        if not self.embedded:
            self._folder: Path | None = None
            self._identity: _Identity | None = None
            self._current = self._remote_view()
            return
        assert isinstance(durable, OxigraphStore) and durable.path is not None
        self._path = Path(durable.path)
        self._folder = scratch.owned_temp_dir(
            scratch.SNAPSHOTS_PREFIX, scratch_parent or _writable_parent(self._path)
        )
        self._identity = _Identity.of(self._path)
        self._checked = time.monotonic()
        started = datetime.now(UTC).replace(microsecond=0)
        began = time.monotonic()
        try:
            view = load_view(durable, self._folder, started)
        except BaseException:
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        # the version a server starts with, as the later switches name theirs
        log.info(
            "answering from data version %s (loaded in %.1f s)",
            view.version,
            time.monotonic() - began,
        )
        # Last-Modified of a store as opened: its build time when it records one, or
        # the last write to it since (writes before a restart must not go back in time).
        moments = [m for m in (view.built, changed_at(self._path)) if m is not None]
        modified = min(max(moments, default=started), started).replace(microsecond=0)
        self._current = replace(view, last_modified=modified)
        self._views[view.version] = self._current
        # A store the service writes to: from here on only the commit process opens it
        # (store/commit.py), one write at a time (`commit`); reads come from memory.
        self.detached = not durable.read_only
        if self.detached:
            durable.close_handle()  # it keeps the store's writer lock (store/writer_lock.py)
            self._identity = _Identity.of(self._path)  # as closed (it may have marked it)

    # -- reading ------------------------------------------------------------

    @property
    def durable(self) -> GraphStore:
        """The durable store (for writes); a rebuilt read-only store is the new one."""
        return self._durable

    @property
    def folder(self) -> Path | None:
        """Where the per-version dumps are (None for a remote store)."""
        return self._folder

    def current(self) -> ReadView:
        """The view to answer from now. Cheap for an embedded store (a stat at most every
        `check_interval` seconds); a remote store is asked for its data version."""
        if not self.embedded:
            return self._remote_view()
        if self._interval >= 0 and time.monotonic() - self._checked >= self._interval:
            self._checked = time.monotonic()
            if self._rebuilt():
                # Answer from the current view meanwhile; the new one replaces it when loaded.
                threading.Thread(target=self._reload_quietly, daemon=True).start()
        with self._lock:
            return self._current

    def take(self) -> ReadView:
        """The current view, pinned: its dump stays on disk until `release(view)`.

        A request takes one view and answers everything from it."""
        view = self.current()
        with self._lock:
            if view.in_memory and view.version not in self._views:
                view = self._current  # replaced (and dropped) in between: take the new one
            self._pins[view.version] = self._pins.get(view.version, 0) + 1
            return view

    def pin(self, view: ReadView) -> bool:
        """Pin a view taken earlier (for a task); False if its dump is already gone."""
        with self._lock:
            if view.in_memory and view.version not in self._views:
                return False
            self._pins[view.version] = self._pins.get(view.version, 0) + 1
            return True

    def release(self, view: ReadView) -> None:
        with self._lock:
            left = self._pins.get(view.version, 0) - 1
            if left > 0:
                self._pins[view.version] = left
            else:
                self._pins.pop(view.version, None)
        self._drop_unused()

    # -- changing -----------------------------------------------------------

    def reload(self) -> ReadView:
        """Load the durable store's data now and make it current (after a write commits)."""
        if not self.embedded:
            return self._remote_view()
        with self._reloading:
            return self._reload()

    def commit(self, write: Callable[[Path], CommitDone]) -> CommitDone:
        """Apply a write to the on-disk store and answer from the new version.

        `write` commits in a process of its own (the service holds no handle on
        the store, see `detached`), given where to put the new version's dump;
        the dump becomes the next view, so the store is not dumped again here.
        """
        assert self.embedded and self._folder is not None
        with self._reloading:
            staging = staging_path(self._folder)
            done = write(staging)
            if not done.applied:
                staging.unlink(missing_ok=True)
                if done.error is not None:
                    # The commit process failed: the write may have landed before it did.
                    self._reload_after_failure()
                return done
            try:
                if staging.exists():
                    self._reload(staging, done.empty_graphs)
                else:  # the commit could not write the dump: make it here
                    self._reload()
            except StoreError as exc:
                # The write is durable; reads stay on the previous version until a reload works.
                log.error("the data changed but could not be reloaded: %s", exc)
            return done

    def follow(
        self,
        prepare: Callable[[ReadView], None] | None = None,
        switched: Callable[[ReadView], None] | None = None,
    ) -> Callable[[], None]:
        """Be told of each new version: `prepare(view)` runs before the view becomes
        current (requests meanwhile still read the previous one, so whoever serves
        queries can get the new data ready without holding anyone up), `switched(view)`
        right after. A failure is logged, never stops the switch. Returns what stops it."""
        if prepare is not None:
            self._preparers.append(prepare)
        if switched is not None:
            self._followers.append(switched)

        def stop() -> None:
            for callbacks, callback in ((self._preparers, prepare), (self._followers, switched)):
                if callback in callbacks:
                    callbacks.remove(callback)

        return stop

    def _tell(self, callbacks: list[Callable[[ReadView], None]], view: ReadView) -> None:
        for callback in callbacks:
            try:
                callback(view)
            except Exception:  # a follower's bug must not keep the data from changing
                log.exception("a follower of the read views failed on version %s", view.version)

    def _reload_after_failure(self) -> None:
        try:
            self._reload()
        except StoreError as exc:
            log.error("could not read the store after a failed commit: %s", exc)

    def check(self) -> bool:
        """Look for a rebuilt store now and switch to it (blocking); whether it switched."""
        if not self.embedded or not self._rebuilt():
            return False
        with self._reloading:
            if not self._rebuilt():
                return False
            self._reload()
            return True

    def _rebuilt(self) -> bool:
        identity = _Identity.of(self._path)
        return identity is not None and identity != self._identity

    def _reload_quietly(self) -> None:
        if not self._reloading.acquire(blocking=False):
            return  # another reload is under way
        try:
            if self._rebuilt():
                self._reload()
        except StoreError as exc:
            # Mid-build or unreadable: keep serving the current view; try again later.
            log.warning("could not load the rebuilt store: %s", exc)
        finally:
            self._reloading.release()

    def _reload(self, staging: Path | None = None, empty: Iterable[str] = ()) -> ReadView:
        """Make the data current: from the dump `staging` (a commit wrote it), else from
        the durable store (opened for the moment when the service holds none)."""
        assert self._folder is not None
        durable = self._durable
        assert isinstance(durable, OxigraphStore)
        identity = _Identity.of(self._path)
        reopened = None
        if self.detached and staging is None:
            # Nobody writes meanwhile: commits hold the reload lock too.
            reopened = durable = open_store(self._path, read_only=True)
        elif durable.read_only and identity != self._identity:
            # `build` replaced the directory, or another process (ingest, restore) wrote
            # to it in place: the open handle still reads the old state.
            reopened = durable = open_store(self._path, read_only=True)
        with self._lock:
            previous = self._current
        now = datetime.now(UTC).replace(microsecond=0)
        started = time.monotonic()
        try:
            if staging is not None:
                view = view_from_dump(staging, self._folder, now, empty)
            else:
                view = load_view(durable, self._folder, now)
        except BaseException:
            if reopened is not None:
                reopened.close()
            raise
        if self.detached and reopened is not None:
            reopened.close()  # the service holds no handle on a store it writes to
            reopened = None
        if view.version == previous.version:
            # The same quads; a write may still have made or dropped an empty graph.
            assert isinstance(previous.store, OxigraphStore) and isinstance(
                view.store, OxigraphStore
            )
            _sync_empty(previous.store.raw, empty_graphs(view.store.raw))
            if reopened is not None:
                self._swap_durable(reopened, identity)
            elif identity is not None:
                # A writer marked the store without changing a quad (a refused or empty
                # write): this is the state now, or the periodic check reloads for ever.
                self._identity = identity
            return previous  # nothing changed (a write that wrote nothing)
        # Changed now; Last-Modified never goes back (HTTP dates have whole seconds).
        view = replace(view, last_modified=max(now, previous.last_modified + timedelta(seconds=1)))
        self._tell(self._preparers, view)
        with self._lock:
            if self._closed:
                return view
            self._current = view
            self._views[view.version] = view
        self._tell(self._followers, view)
        if reopened is not None:
            self._swap_durable(reopened, identity)
        elif identity is not None:
            self._identity = identity
        log.info(
            "now answering from data version %s (loaded in %.1f s)",
            view.version,
            time.monotonic() - started,
        )
        self._drop_unused()
        return view

    def _swap_durable(self, reopened: OxigraphStore, identity: _Identity | None) -> None:
        old, self._durable = self._durable, reopened
        self._identity = identity
        old.close()

    def _drop_unused(self) -> None:
        with self._lock:
            gone = [
                view
                for version, view in self._views.items()
                if view is not self._current and version not in self._pins
            ]
            for view in gone:
                del self._views[view.version]
        for view in gone:
            if view.dump is not None:
                view.dump.unlink(missing_ok=True)

    def close(self) -> None:
        """Remove the dumps; the in-memory stores go when the last request lets go of them."""
        with self._lock:
            self._closed = True
            self._views.clear()
            self._pins.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    # -- a store server -----------------------------------------------------

    def _remote_view(self) -> ReadView:
        version = self._durable.data_version()
        with self._lock:
            if version != self._remote_seen:
                if self._remote_seen is not None:
                    now = datetime.now(UTC).replace(microsecond=0)
                    self._remote_modified = max(now, self._remote_modified + timedelta(seconds=1))
                self._remote_seen = version
            return ReadView(f"remote-{version}", self._durable, self._remote_modified)


def _writable_parent(path: Path) -> Path | None:
    # Beside the store when we may write there (the cleanup at the next start finds it).
    parent = path.resolve().parent
    return parent if os.access(parent, os.W_OK) else None
