"""The application as a whole: offline documentation, errors without tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings


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


def test_a_missing_store_is_a_clear_error_not_an_empty_store(tmp_path: Path) -> None:
    from gemeentegraaf.store.oxigraph import StoreError

    with pytest.raises(StoreError, match="gemeentegraaf build"):
        create_app(Settings(store_path=tmp_path / "nope"))
    assert not (tmp_path / "nope").exists()


def test_without_a_token_the_service_opens_the_store_read_only(built_store: Path) -> None:
    app = create_app(Settings(store_path=built_store))
    assert app.state.store.read_only
    # a read-only store takes no lock: a second reader (a CLI query) can open it
    from gemeentegraaf.store.oxigraph import open_store

    other = open_store(built_store, read_only=True)
    other.close()


def test_bad_settings_in_the_environment_are_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemeentegraaf.common.errors import UserError

    monkeypatch.setenv("GEMEENTEGRAAF_MAX_ROWS", "lots")
    with pytest.raises(UserError, match="GEMEENTEGRAAF_MAX_ROWS must be a number"):
        Settings()
