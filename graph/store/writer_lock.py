"""One writer per on-disk store, also while the service holds no handle on it.

RocksDB lets one process open a store for writing, and that used to keep a
second writing service, a `restore` or an `ingest` off a store a service writes
to. A writing service now closes its handle between commits (its commit
process opens the store per write, store/commit.py), so it holds this lock
instead for as long as it runs: an exclusive flock on a file in the store's
directory (RocksDB leaves files it does not know alone), which the kernel
releases when the process ends, also by kill -9.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from gemeentegraaf.store.base import StoreError

LOCK_FILE = "gemeentegraaf-writer.lock"


class WriterLock:
    """Held from `acquire` until `release` (or the end of the process)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, store: Path) -> WriterLock:
        """Take the lock of the store at `store` (a directory), or raise StoreError."""
        try:
            fd = os.open(store / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot open the store at {store} for writing: {exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise StoreError(
                f"cannot open the store at {store} for writing: another process writes to it "
                "(a service with writes enabled, a build, ingest or restore); stop it first"
            ) from exc
        return cls(fd)

    def __del__(self) -> None:
        # A store dropped without close() lets go of RocksDB when it is collected;
        # the lock goes with it, as RocksDB's own did.
        self.release()

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the only descriptor releases the flock
            self._fd = None
