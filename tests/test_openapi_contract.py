"""The OpenAPI document is honest: Schemathesis against a real server finds nothing.

The run itself is tests/openapi_contract.py (also a command: python -m
tests.openapi_contract -v). The tests after it pin the small wrong answers it
and a hostile client found: an unknown `format=` silently ignored, FastAPI's bare
404 for addresses nothing answers, a number taken for a date, an `Allow` that
left out GET, and `validate` printing a Python object instead of a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.cli.main import main

from tests import openapi_contract
from tests.service_sample import sample_app


def test_schemathesis_finds_no_failure_with_every_check(tmp_path: Path) -> None:
    reports = openapi_contract.read_and_write_runs(tmp_path)
    for name, report in reports.items():
        listed = "\n".join(str(found) for found in report.failures)
        assert not report.failures, f"{name}:\n{report.summary()}\n{listed}"
        assert not report.errors, f"{name}: {report.errors}"
        # Every operation was tried, with every check on (not silently a subset).
        assert report.cases > 0
        assert len(report.checks_run) == report.operations
        for operation, checks in report.checks_run.items():
            assert {
                "not_a_server_error",
                "status_code_conformance",
                "content_type_conformance",
                "response_schema_conformance",
                "positive_data_acceptance",
                "negative_data_rejection",
                "unsupported_method",
            } <= checks, operation
    assert reports["reads"].operations >= 40
    assert reports["writes"].operations == 7  # SPARQL POST; Graph Store PUT, POST, DELETE x2


# ---------------------------------------------------------------------------
# Small wrong answers
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(sample_app(tmp_path_factory.mktemp("contract") / "store")) as c:
        yield c


@pytest.mark.parametrize(
    "path",
    [
        "/sparql?query=ASK%7B%7D&format=yaml",
        "/sparql?query=ASK%7B%7D&output=JSON",  # names are exact, as the document lists them
        "/sparql?format=excel",  # the service description too
        "/rdf-graph-store?default&format=yaml",
    ],
)
def test_an_unknown_format_is_refused_naming_the_accepted_ones(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "Unknown format" in response.text
    assert "turtle" in response.text and "application/n-triples" in response.text
    if path.startswith("/sparql"):
        assert "csv" in response.text


def test_a_known_format_still_works(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "format": "xml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


def test_an_unknown_api_address_is_a_problem(client: TestClient) -> None:
    response = client.get("/api/does-not-exist")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == "/api/does-not-exist"


def test_an_unknown_address_is_a_page_for_a_browser(client: TestClient) -> None:
    response = client.get("/nergens", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "/nergens" in response.text
    assert '"detail"' not in response.text


@pytest.mark.parametrize("path", ["/nergens", "/id/a%0Ab", "/rdf-graph-store/a%0Ab"])
def test_an_unknown_address_is_text_otherwise(client: TestClient, path: str) -> None:
    # A newline in the path matches no route at all (not even /id/{path}).
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert "Not found" in response.text


@pytest.mark.parametrize(
    ("path", "iri_path"),
    [
        ("/rdf-graph-store/x%5Dy", "/rdf-graph-store/x%5Dy"),  # a bare ] is no IRI
        ("/rdf-graph-store/a%20b", "/rdf-graph-store/a%20b"),
        ("/rdf-graph-store/caf%C3%A9", "/rdf-graph-store/café"),  # letters stay letters
    ],
)
def test_a_graph_url_with_escaped_characters_names_a_graph(
    client: TestClient, path: str, iri_path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert f"{iri_path}>" in response.text


@pytest.mark.parametrize("path", ["/static/style.css", "/sparql", "/api/themes", "/def"])
def test_a_405_and_options_name_the_methods_the_path_answers(client: TestClient, path: str) -> None:
    spec = client.get("/openapi.json").json()["paths"]
    documented = {m.upper() for m in spec.get(path, {"get": {}})}
    expected = documented | {"HEAD", "OPTIONS"}
    wrong = client.request("PATCH", path)
    assert wrong.status_code == 405
    assert set(wrong.headers["allow"].split(", ")) == expected
    options = client.options(path)
    assert set(options.headers["allow"].split(", ")) == expected


def test_every_documented_path_advertises_its_documented_methods(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()["paths"]
    for template, operations in spec.items():
        path = template.replace("{path}", "x").replace("{code}", "GM0363")
        path = path.replace("{network_id}", "g40").replace("{theme_id}", "wonen")
        path = path.replace("{ext}", "ttl")
        allow = set(client.options(path).headers["allow"].split(", "))
        assert allow - {"HEAD", "OPTIONS"} == {m.upper() for m in operations} - {"HEAD"}, path


def test_a_number_is_not_a_date(client: TestClient) -> None:
    response = client.get("/api/networks/g40/members", params={"date": "0"})
    assert response.status_code == 422
    assert client.get("/api/networks/g40/members?date=2023-02-30").status_code == 422


def test_an_empty_network_is_no_network_not_a_500(client: TestClient) -> None:
    response = client.get("/api/analyses/plots/timeline.svg?network=")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")


def test_every_status_a_route_returns_is_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()["paths"]
    assert {"400", "404", "406"} <= set(spec["/rdf-graph-store"]["get"]["responses"])
    assert {"201", "204", "401", "403", "415", "422"} <= set(
        spec["/rdf-graph-store/{path}"]["put"]["responses"]
    )
    post = spec["/sparql"]["post"]
    assert {"200", "204", "400", "401", "403", "406", "415", "422", "503"} <= set(post["responses"])
    assert set(post["requestBody"]["content"]) == {
        "application/sparql-query",
        "application/sparql-update",
        "application/x-www-form-urlencoded",
    }
    for template in ("/id/{path}", "/graph/{path}", "/def.{ext}"):
        assert "404" in spec[template]["get"]["responses"], template


# ---------------------------------------------------------------------------
# gemeentegraaf validate on a file that is not RDF
# ---------------------------------------------------------------------------


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["validate", str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("photo.bin", b"\x89PNG\r\n\x1a\n\x00\x00", "cannot tell the RDF format"),
        ("notes.txt", b"just some words\n", "not valid RDF (N-Triples)"),
        ("broken.ttl", b"<http://example.org/a> <http://example.org/b> .", "not valid RDF"),
        ("latin1.ttl", '<http://e.org/a> <http://e.org/b> "caf\xe9" .'.encode("latin-1"), ""),
    ],
)
def test_validate_refuses_a_file_that_is_not_rdf_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, err = _validate(capsys, path)
    assert code == 1
    assert err.count("\n") == 1, err
    assert says in err and str(path) in err
    assert "<_io." not in err and "Traceback" not in err
