"""Where the project's shipped files live, in a checkout and in an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]


def _locate(top: str) -> Path:
    # A checkout (or editable install) has the directory beside graph/; a wheel
    # carries it as gemeentegraaf_files.<top> (see pyproject.toml).
    local = _REPO / top
    if local.is_dir():
        return local
    return Path(str(resources.files(f"gemeentegraaf_files.{top}")))


ONTOLOGY_DIR = _locate("ontology")
SHAPES_DIR = _locate("shapes")
DATA_DIR = _locate("data")
REFERENCE_DIR = DATA_DIR / "reference"
CORPUS_DIR = DATA_DIR / "corpus"
CURATION_DIR = DATA_DIR / "curation"
