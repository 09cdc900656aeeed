"""Scratch folders beside a store, and the removal of those a crashed process left behind.

The service writes per-version dumps for its query workers into a
`.sparql-snapshots-*` folder, and `build` writes the new store into a
`.<store>.building-*` folder before swapping it in. A process killed with
SIGKILL cannot remove its folder, so each such folder records its owner (pid
and the process's start time, which tells a reused pid apart) in an owner
file. At the next start of the service and at the start of a build, a folder
whose owner is gone is removed; a folder whose owner still runs, or that has no
readable owner file (we cannot tell who uses it), is left alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("gemeentegraaf.store")

OWNER_FILE = "gemeentegraaf-owner"
SNAPSHOTS_PREFIX = ".sparql-snapshots-"


@dataclass(frozen=True)
class Owner:
    pid: int
    started: str  # the kernel's start time of the process ("" where /proc is missing)

    def line(self) -> str:
        return f"{self.pid} {self.started}\n"

    @classmethod
    def parse(cls, text: str) -> Owner | None:
        parts = text.split()
        if not parts or not parts[0].isdigit():
            return None
        return cls(int(parts[0]), parts[1] if len(parts) > 1 else "")


def process_start(pid: int) -> str:
    """The start time of `pid` in clock ticks since boot (/proc/PID/stat field 22), or ""."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (field 2) is in parentheses and may hold spaces.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def this_process() -> Owner:
    pid = os.getpid()
    return Owner(pid, process_start(pid))


def is_running(owner: Owner) -> bool:
    """Whether the owner process still runs (and is the same process, not a reused pid)."""
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by another user
    if owner.started:
        now = process_start(owner.pid)
        # A zombie or a pid reused by a process started at another time.
        return not now or now == owner.started
    return True


def claim(folder: Path) -> None:
    """Record this process as the owner of `folder` (which exists)."""
    (folder / OWNER_FILE).write_text(this_process().line())


def release(folder: Path) -> None:
    """Remove the owner file (before the folder becomes something else, e.g. the store)."""
    with contextlib.suppress(FileNotFoundError):
        (folder / OWNER_FILE).unlink()


def owned_temp_dir(prefix: str, parent: str | Path | None) -> Path:
    """A new folder `prefix…` in `parent` (the temp dir when None), owned by this process."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    claim(folder)
    return folder


def owner_of(folder: Path) -> Owner | None:
    try:
        return Owner.parse((folder / OWNER_FILE).read_text())
    except OSError:
        return None


def remove_abandoned(parent: Path, prefixes: tuple[str, ...]) -> list[Path]:
    """Remove the folders in `parent` named `prefix…` whose owner process is gone.

    Returns what was removed. Folders without an owner file are kept: whoever
    made them did not say, so they may be in use.
    """
    removed: list[Path] = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefixes) or not entry.is_dir() or entry.is_symlink():
            continue
        owner = owner_of(entry)
        if owner is None or is_running(owner):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        if not entry.exists():
            log.info("removed %s, left behind by process %d", entry, owner.pid)
            removed.append(entry)
    return removed


def leftover_prefixes(store: Path) -> tuple[str, ...]:
    """What a build or a service of the store at `store` makes beside it while it works."""
    return (f".{store.name}.building-", f".{store.name}.old-", SNAPSHOTS_PREFIX)


def remove_leftovers(store: Path) -> list[Path]:
    """Remove what a killed build or service left beside `store` or in the temp dir
    (never a folder whose owner still runs)."""
    store = store.resolve()
    removed = remove_abandoned(store.parent, leftover_prefixes(store))
    temp = Path(tempfile.gettempdir()).resolve()
    if temp != store.parent:
        # Dumps go to the temp dir when the store's folder is not writable.
        removed += remove_abandoned(temp, (SNAPSHOTS_PREFIX,))
    return removed
