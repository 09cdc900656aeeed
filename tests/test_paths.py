"""The shipped files are found in a checkout and in an installed package."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import paths


def test_checkout_directories_hold_the_shipped_files() -> None:
    assert (paths.ONTOLOGY_DIR / "gemeentegraaf.ttl").is_file()
    assert any(paths.SHAPES_DIR.glob("*.ttl"))
    assert (paths.REFERENCE_DIR / "tooi_rwc_gemeenten_compleet_4.json").is_file()
    assert (paths.CORPUS_DIR / "corpus.csv").is_file()


def test_installed_package_directories_are_real_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Without a checkout beside graph/, the files come from the installed
    # gemeentegraaf_files packages (pip install . maps them there).
    monkeypatch.setattr(paths, "_REPO", tmp_path)
    ontology = paths._locate("ontology")
    assert isinstance(ontology, Path)
    assert (ontology / "gemeentegraaf.ttl").is_file()
