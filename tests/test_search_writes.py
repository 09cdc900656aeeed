"""The search follows authorised writes: the next search sees a label an update added."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.sparql_helpers import GEMEENTE, TOKEN, make_client, make_store

# The user's own graph: the bundled ones (…/graph/…) are read-only.
NOTES = "http://example.org/graph/notes"
AUTH = {"authorization": f"Bearer {TOKEN}", "content-type": "application/sparql-update"}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("search-update") / "store")
    with make_client(path, update_token=TOKEN) as client:
        yield client


def test_a_label_added_by_an_update_is_found_next(writable: TestClient) -> None:
    municipality = writable.get("/api/search", params={"q": "amsterdam", "kind": "gemeente"}).json()
    assert municipality and municipality[0]["uri"] == f"{GEMEENTE}gm0363"
    assert writable.get("/api/search", params={"q": "mokum"}).json() == []
    update = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f'INSERT DATA {{ GRAPH <{NOTES}> {{ <{GEMEENTE}gm0363> skos:altLabel "Mokum"@nl }} }}'
    )
    response = writable.post("/sparql", content=update, headers=AUTH)
    assert response.status_code == 204, response.text
    hits = writable.get("/api/search", params={"q": "mokum"}).json()
    assert [h["uri"] for h in hits] == [f"{GEMEENTE}gm0363"]
