"""Shared fixtures: one full build of the bundled data per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a store built from all bundled data (built once, then shared; do not write to it)."""
    from gemeentegraaf.pipeline.build import build

    target = tmp_path_factory.mktemp("built") / "store"
    build(target)
    return target


@pytest.fixture(scope="session")
def built(built_store: Path):
    """The built store opened read-only."""
    from gemeentegraaf.store.oxigraph import open_store

    store = open_store(built_store, read_only=True)
    yield store
    store.close()
