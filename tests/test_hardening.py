"""Requests and commands that try to make the service misbehave get a clear answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.cli.main import main


@pytest.fixture
def client(built_client_lenient: TestClient) -> TestClient:
    # The session's started app over the build (conftest.py): these tests only read.
    return built_client_lenient


DEEP = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000


def test_a_deeply_nested_query_is_refused_before_it_reaches_the_engine(client: TestClient) -> None:
    answer = client.post(
        "/sparql", content=DEEP, headers={"Content-Type": "application/sparql-query"}
    )
    assert answer.status_code == 400
    assert "nests brackets" in answer.text


@pytest.mark.parametrize(
    "path", ["/id/gemeente/%ff", "/id/%C3", "/graph/%ff", "/id/gemeente/%ED%A0%80"]
)
def test_undecodable_paths_are_404_not_500(client: TestClient, path: str) -> None:
    assert client.get(path, headers={"Accept": "text/turtle"}).status_code == 404


@pytest.mark.parametrize(
    "path", ["/", "/api/municipalities/GM0363", "/query", "/context.jsonld", "/gemeenten"]
)
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_cli_query_makes_no_network_requests(built_store: Path, capsys) -> None:
    code = main(
        [
            "query",
            "--store",
            str(built_store),
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ]
    )
    assert code == 1
    assert "SERVICE is not allowed" in capsys.readouterr().err


def test_cli_query_refuses_deep_nesting(built_store: Path, capsys) -> None:
    assert main(["query", "--store", str(built_store), DEEP]) == 1
    assert "nests brackets" in capsys.readouterr().err


def test_ingest_needs_an_existing_store(tmp_path: Path, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    report = tmp_path / "r.md"
    report.write_text("# Titel\n\n" + "Zwolle zet in op wonen. " * 20, encoding="utf-8")
    code = main(
        [
            "ingest",
            "--store",
            str(docs),
            str(report),
            "--title",
            "T",
            "--publisher",
            "P",
            "--year",
            "2024",
        ]
    )
    assert code == 1
    assert "gemeentegraaf build" in capsys.readouterr().err
    assert list(docs.iterdir()) == []


@pytest.mark.parametrize(
    ("flag", "value"), [("--port", "99999"), ("--query-timeout", "-1"), ("--max-rows", "0")]
)
def test_serve_refuses_numbers_out_of_range(capsys, flag: str, value: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", flag, value])
    assert exc.value.code == 2
    assert flag in capsys.readouterr().err


def test_a_body_over_the_limit_is_refused_with_413(client: TestClient, monkeypatch) -> None:
    from gemeentegraaf.service import app as app_module

    too_big = b"#" * (app_module.MAX_BODY_BYTES + 1)
    answer = client.post(
        "/sparql", content=too_big, headers={"Content-Type": "application/sparql-query"}
    )
    assert answer.status_code == 413
    assert "larger than" in answer.text


def test_a_streamed_body_over_the_limit_is_refused_with_413(client: TestClient) -> None:
    from gemeentegraaf.service import app as app_module

    chunk = b"#" * (1024 * 1024)

    def stream():
        for _ in range(app_module.MAX_BODY_BYTES // len(chunk) + 2):
            yield chunk

    answer = client.post(
        "/sparql", content=stream(), headers={"Content-Type": "application/sparql-query"}
    )
    assert answer.status_code == 413
