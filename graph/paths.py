"""Where the project's shipped files live, in a checkout and in an installed wheel."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]


def _locate(top: str) -> Path:
    # A checkout (or editable install) has the directory beside graph/; a wheel
    # carries it as gemeentegraaf_files.<top> (see pyproject.toml).
    local = _REPO / top
    if local.is_dir():
        return local
    # The shipped directories have no __init__.py (namespace packages), so
    # ask for their location rather than for a package's resources.
    spec = find_spec(f"gemeentegraaf_files.{top}")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"gemeentegraaf is installed without its {top}/ files")
    return Path(next(iter(spec.submodule_search_locations)))


ONTOLOGY_DIR = _locate("ontology")
SHAPES_DIR = _locate("shapes")
DATA_DIR = _locate("data")
REFERENCE_DIR = DATA_DIR / "reference"
CORPUS_DIR = DATA_DIR / "corpus"
CURATION_DIR = DATA_DIR / "curation"
