"""kill -9 during `gemeentegraaf build`: the store being replaced stays whole, and the
next start or build removes what the killed build left (issue 11's adversarial suite).

A real build in a subprocess, killed at seeded moments: early (while it reads and
extracts) and late (while it loads and validates, near the swap). After each kill
the target opens, holds one complete build (the old one, or the new one if the
swap had happened: all or none), and the leftover folder goes at the next cleanup.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import BASE, GG
from gemeentegraaf.queries import read_model
from gemeentegraaf.store import scratch
from gemeentegraaf.store.oxigraph import open_store

SEED = int(os.environ.get("CRASH_SEED", "20261205"))


def _build_id_and_size(path: Path) -> tuple[str, int]:
    store = open_store(path, read_only=True)
    try:
        ids = [
            t.object.value
            for t in read_model.dataset_triples(store, BASE + "id/dataset")
            if t.predicate.value == str(GG.buildId)
        ]
        size = sum(1 for _ in store.quads())
    finally:
        store.close()
    assert len(ids) == 1, ids
    return ids[0], size


@pytest.mark.parametrize("moment", ["early", "late"])
def test_kill_9_during_a_build_leaves_the_store_whole(
    built_store: Path, tmp_path: Path, moment: str
) -> None:
    target = tmp_path / "store"
    shutil.copytree(built_store, target)
    before = _build_id_and_size(target)
    # Seeded moments: a build here takes 25-60 s; early is inside extraction, late
    # inside loading and validation.
    rng = random.Random(f"{SEED}-{moment}")
    delay = rng.uniform(1.0, 4.0) if moment == "early" else rng.uniform(12.0, 20.0)
    build = subprocess.Popen(
        [sys.executable, "-m", "gemeentegraaf.cli.main", "build", "--store", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.1)
    finished = build.poll() is not None
    if not finished:
        os.kill(build.pid, signal.SIGKILL)
    build.wait(30)

    after = _build_id_and_size(target)
    if finished:
        assert after[1] == before[1]  # a complete new build of the same sources
    else:
        # All or none: the old build, or the new one if the swap happened just before.
        assert after[1] == before[1], (before, after)
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(f".{target.name}.")]
    # Abandoned snapshot folders in the temp dir go too (a server another test killed
    # may have left one there): only what was beside the store is this build's.
    removed = [p for p in scratch.remove_leftovers(target) if p.parent == tmp_path.resolve()]
    assert sorted(removed) == sorted(p.resolve() for p in leftovers)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{target.name}.")]
