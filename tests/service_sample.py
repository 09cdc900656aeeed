"""A small store in the project's data model, for the service tests (see data/service_sample.trig)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import GRAPH_ONTOLOGY
from gemeentegraaf.common.resources import ONTOLOGY_DIR

SAMPLE = Path(__file__).parent / "data" / "service_sample.trig"


def build_sample_store(path: Path) -> Path:
    """Write the sample dataset and the ontology graph into an on-disk store at `path`."""
    store = ox.Store(str(path))
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    store.load(
        path=str(ONTOLOGY_DIR / "gemeentegraaf.ttl"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(str(GRAPH_ONTOLOGY)),
    )
    store.flush()
    del store
    return path


def sample_app(path: Path):
    """The service app over a fresh sample store at `path`."""
    from gemeentegraaf.service.app import create_app
    from gemeentegraaf.service.settings import Settings

    build_sample_store(path)
    return create_app(Settings(store_path=path))
