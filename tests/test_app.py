"""The application as a whole: offline documentation, errors without tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings


@pytest.fixture(scope="module")
def client(built_store: Path) -> TestClient:
    return TestClient(create_app(Settings(store_path=built_store)), raise_server_exceptions=False)


def test_api_docs_load_nothing_from_another_host(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert not re.search(r"(src|href)=[\"']https?://", page.text)
    for asset in re.findall(r"(?:src|href)=[\"'](/[^\"']+)", page.text):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/openapi.json").json()["info"]["title"] == "gemeentegraaf"
