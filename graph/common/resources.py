"""The files gemeentegraaf ships: ontology, shapes, reference data, corpus, curation.

They live in the top-level folders ontology/, shapes/ and data/ of a checkout and
are installed as the packages gemeentegraaf.ontology, .shapes and .data (see
pyproject.toml). Reading them through importlib.resources means an installed
copy finds its own files, never a same-named folder elsewhere on sys.path.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _directory(package: str) -> Path:
    # Every install layout we support (wheel, editable, checkout on sys.path)
    # keeps these packages as plain directories, so a real Path is available.
    return Path(str(files(package)))


ONTOLOGY_DIR = _directory("gemeentegraaf.ontology")
SHAPES_DIR = _directory("gemeentegraaf.shapes")
DATA_DIR = _directory("gemeentegraaf.data")
REFERENCE_DIR = DATA_DIR / "reference"
CORPUS_DIR = DATA_DIR / "corpus"
CURATION_DIR = DATA_DIR / "curation"
GENRES_DIR = DATA_DIR / "genres"  # genre profiles (gemeentegraaf.text.genres)
SERVICE_DIR = _directory("gemeentegraaf.service")
