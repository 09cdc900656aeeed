"""A small store and an app around it, for the SPARQL endpoint tests (fast: no full build)."""

from __future__ import annotations

import socket
from pathlib import Path

from fastapi.testclient import TestClient
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.oxigraph import open_store

GEMEENTE = "https://w3id.org/gemeentegraaf/id/gemeente/"
REFERENCE = "https://w3id.org/gemeentegraaf/graph/reference"
CURATION = "https://w3id.org/gemeentegraaf/graph/curation"
TOKEN = "test-token"

# Three municipalities in the reference graph, one note in the curation graph.
SAMPLE_TRIG = f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .

<{REFERENCE}> {{
  <{GEMEENTE}gm0363> skos:prefLabel "Amsterdam"@nl .
  <{GEMEENTE}gm0599> skos:prefLabel "Rotterdam"@nl .
  <{GEMEENTE}gm0518> skos:prefLabel "'s-Gravenhage"@nl .
}}
<{CURATION}> {{
  <{GEMEENTE}gm0363> rdfs:comment "hoofdstad" ; ex:inwoners 931298 .
}}
"""

LABELS = "SELECT ?g ?label WHERE { ?g <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label"


def make_store(path: Path, trig: str = SAMPLE_TRIG) -> Path:
    store = open_store(path)
    store.load(trig.encode("utf-8"), "trig")
    store.close()
    return path


def make_client(store_path: Path, **overrides: object) -> TestClient:
    """An app on `store_path`; use it as a context manager (starts and stops the workers)."""
    values: dict[str, object] = {
        "store_path": store_path,
        "update_token": None,
        "query_timeout": 30.0,
        "max_rows": 100_000,
    }
    values.update(overrides)
    return TestClient(create_app(Settings(**values)))  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
