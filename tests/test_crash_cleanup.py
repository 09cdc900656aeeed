"""Folders a killed service or build leaves behind are removed at the next start or build;
a folder whose owner still runs, or whose owner is unknown, is never touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from gemeentegraaf.pipeline.build import build
from gemeentegraaf.store import scratch

from tests.sparql_helpers import make_client, make_store
from tests.test_build import _steps

# A process that makes a scratch folder the way the service does, says where, and waits.
_MAKER = """
import sys, time
from pathlib import Path
from gemeentegraaf.store import scratch
folder = scratch.owned_temp_dir(sys.argv[1], sys.argv[2])
print(folder, flush=True)
time.sleep(600)
"""


def _folder_of_killed_process(parent: Path, prefix: str) -> Path:
    """A scratch folder whose owner was killed with SIGKILL (it could not clean up)."""
    maker = subprocess.Popen(
        [sys.executable, "-c", _MAKER, prefix, str(parent)], stdout=subprocess.PIPE, text=True
    )
    assert maker.stdout is not None
    folder = Path(maker.stdout.readline().strip())
    os.kill(maker.pid, signal.SIGKILL)
    maker.wait(10)
    assert folder.is_dir()
    return folder


def _folder_of(parent: Path, name: str, owner: scratch.Owner | None) -> Path:
    folder = parent / name
    folder.mkdir()
    (folder / "data").write_text("x")
    if owner is not None:
        (folder / scratch.OWNER_FILE).write_text(owner.line())
    return folder


def test_a_folder_of_a_killed_process_is_removed_one_of_a_live_process_kept(tmp_path: Path) -> None:
    dead = _folder_of_killed_process(tmp_path, scratch.SNAPSHOTS_PREFIX)
    live = scratch.owned_temp_dir(scratch.SNAPSHOTS_PREFIX, tmp_path)  # this process's
    unknown = _folder_of(tmp_path, scratch.SNAPSHOTS_PREFIX + "unknown", None)
    other = _folder_of(tmp_path, "unrelated", scratch.Owner(2**22 + 7, ""))

    removed = scratch.remove_abandoned(tmp_path, (scratch.SNAPSHOTS_PREFIX,))

    assert removed == [dead]
    assert not dead.exists()
    assert live.is_dir() and unknown.is_dir() and other.is_dir()


def test_a_reused_pid_is_not_taken_for_the_owner(tmp_path: Path) -> None:
    """Our pid, but a process started at another time: the owner is gone."""
    me = scratch.this_process()
    assert me.started, "needs /proc to tell processes apart"
    impostor = scratch.Owner(me.pid, str(int(me.started) + 1))
    folder = _folder_of(tmp_path, scratch.SNAPSHOTS_PREFIX + "reused", impostor)
    assert scratch.remove_abandoned(tmp_path, (scratch.SNAPSHOTS_PREFIX,)) == [folder]


def test_a_build_removes_what_a_killed_build_left_and_keeps_a_running_ones(tmp_path: Path) -> None:
    target = tmp_path / "store"
    dead = _folder_of_killed_process(tmp_path, f".{target.name}.building-")
    running = scratch.owned_temp_dir(f".{target.name}.building-", tmp_path)
    other_store = _folder_of_killed_process(tmp_path, ".otherstore.building-")

    build(target, steps=_steps("GM0363"))

    assert not dead.exists()
    assert running.is_dir()
    assert other_store.is_dir()  # another store's: not this build's business
    # The store itself carries no owner file (it would be taken for scratch).
    assert not (target / scratch.OWNER_FILE).exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{target.name}.")]
    assert leftovers == [running.name]


def test_the_service_removes_dead_snapshot_folders_at_start_and_its_own_at_stop(
    tmp_path: Path,
) -> None:
    path = make_store(tmp_path / "store")
    dead = _folder_of_killed_process(tmp_path, scratch.SNAPSHOTS_PREFIX)
    with make_client(path) as client:
        assert not dead.exists()
        ours = client.app.state.views.folder
        assert ours is not None and ours.is_dir()
        assert scratch.owner_of(ours) == scratch.this_process()
        # A second cleanup while we serve (another start, a build) keeps our folder.
        scratch.remove_leftovers(path)
        assert ours.is_dir()
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert not ours.exists()
