"""Dated versions of graphs, kept before a write removes anything from them.

A version is a folder in the versions folder beside the store
(`<store>.versions/`): `data.nq.gz`, the graphs' content before the write as
gzipped N-Quads (default graph quads without a graph name), and
`manifest.json`: when, which operation, which graphs (with their triple counts
and whether they existed), who (a fingerprint of the bearer token, never the
token) and the request's Idempotency-Key. `gemeentegraaf restore` lists
versions and brings one back.

A version is written completely (to a temporary folder, synced, renamed) before
the write it protects commits; a crash in between leaves a version of a write
that did not land, which restores the graphs to what they still are.

Retention: after each new version, versions beyond the newest `keep`, or older
than `max_age_days`, are removed (the new one never is).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from gemeentegraaf.store.base import StoreError

DATA = "data.nq.gz"
MANIFEST = "manifest.json"


class VersionError(StoreError):
    """A version that does not exist or cannot be read."""


def versions_folder(store_path: Path) -> Path:
    """Where the versions of the store at `store_path` are kept: beside it."""
    path = Path(store_path).resolve()
    return path.with_name(path.name + ".versions")


@dataclass(frozen=True)
class GraphRecord:
    graph: str  # an IRI, or "" for the store's default graph
    existed: bool
    triples: int  # in the version (before the write)
    removed: int = 0
    added: int = 0


@dataclass(frozen=True)
class Version:
    id: str
    time: datetime
    operation: str
    graphs: list[GraphRecord]
    who: str
    key: str | None
    folder: Path

    @property
    def data(self) -> Path:
        return self.folder / DATA

    def read_nquads(self) -> bytes:
        try:
            return gzip.decompress(self.data.read_bytes())
        except (OSError, EOFError) as exc:
            raise VersionError(f"version {self.id} cannot be read: {exc}") from exc

    def manifest(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat(),
            "operation": self.operation,
            "graphs": [g.__dict__ for g in self.graphs],
            "who": self.who,
            "idempotency_key": self.key,
        }


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


class VersionArchive:
    def __init__(
        self, folder: Path, *, keep: int | None = 100, max_age_days: float | None = 90.0
    ) -> None:
        self.folder = Path(folder)
        self.keep = keep
        self.max_age_days = max_age_days

    def save(
        self,
        data_gz: bytes,
        *,
        operation: str,
        graphs: list[GraphRecord],
        who: str,
        key: str | None = None,
        now: datetime | None = None,
    ) -> Version:
        """Write a version durably and apply the retention; returns it."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        # Sortable by time; the suffix keeps two versions in one microsecond apart.
        vid = now.strftime("%Y%m%dT%H%M%S.%fZ") + "-" + uuid.uuid4().hex[:6]
        self.folder.mkdir(parents=True, exist_ok=True)
        work = self.folder / f".{vid}.partial"
        work.mkdir()
        version = Version(vid, now, operation, graphs, who, key, self.folder / vid)
        try:
            _write(work / DATA, data_gz)
            _write(work / MANIFEST, json.dumps(version.manifest(), indent=2).encode())
            _fsync_dir(work)
            work.rename(version.folder)
            _fsync_dir(self.folder)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        self.prune(now, spare=vid)
        return version

    def list(self) -> list[Version]:
        """Every complete version, oldest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for entry in sorted(self.folder.iterdir()):
            if entry.name.startswith(".") or not (entry / MANIFEST).is_file():
                continue  # a version being written, or left half-written by a crash
            found.append(_read(entry))
        return found

    def get(self, vid: str) -> Version:
        entry = self.folder / vid
        if "/" in vid or vid.startswith(".") or not (entry / MANIFEST).is_file():
            known = ", ".join(v.id for v in self.list()[-5:]) or "none"
            raise VersionError(
                f"no version {vid!r} in {self.folder} (latest: {known}); "
                "`gemeentegraaf restore --list` shows them all"
            )
        return _read(entry)

    def prune(self, now: datetime | None = None, *, spare: str | None = None) -> list[str]:
        """Remove versions past the retention; returns their ids."""
        now = now or datetime.now(UTC)
        versions = self.list()
        doomed: set[str] = set()
        if self.keep is not None and len(versions) > self.keep:
            doomed |= {v.id for v in versions[: len(versions) - self.keep]}
        if self.max_age_days is not None:
            cutoff = now - timedelta(days=self.max_age_days)
            doomed |= {v.id for v in versions if v.time < cutoff}
        doomed.discard(spare or "")
        for vid in sorted(doomed):
            shutil.rmtree(self.folder / vid, ignore_errors=True)
        # Half-written versions of a process that died while writing one (an hour
        # old: a live writer finishes in seconds).
        for entry in self.folder.glob(".*.partial"):
            if now.timestamp() - entry.stat().st_mtime > 3600:
                shutil.rmtree(entry, ignore_errors=True)
        return sorted(doomed)


def _read(entry: Path) -> Version:
    try:
        raw = json.loads((entry / MANIFEST).read_text())
        return Version(
            id=raw["id"],
            time=datetime.fromisoformat(raw["time"]),
            operation=raw["operation"],
            graphs=[GraphRecord(**g) for g in raw["graphs"]],
            who=raw.get("who", ""),
            key=raw.get("idempotency_key"),
            folder=entry,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VersionError(f"the version in {entry} has an unreadable manifest: {exc}") from exc
