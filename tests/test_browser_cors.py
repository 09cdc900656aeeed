"""CORS in a real browser: a page from another origin (a second local port) reads the
SPARQL endpoint, a linked-data URI and the JSON API, and cannot write without the token.

Headless Chromium as in tests/test_browser.py; the other origin is a small static server.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import quote

import pytest

try:
    from tests.test_browser import CHROMIUM, WAIT, Chromium, server
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from test_browser import CHROMIUM, WAIT, Chromium, server

__all__ = ["server"]  # the app on its own port, a fixture shared with test_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="headless Chromium not installed (apt-get install chromium; .ci/run does this)",
    ),
]

# The other origin's page: its script is run by the test through `window.read(...)`.
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>elders</title></head><body>
<script>
window.read = async (url, init) => {
  try {
    const response = await fetch(url, init);
    return {status: response.status, type: response.headers.get("content-type"),
            etag: response.headers.get("etag"), body: await response.text()};
  } catch (error) {
    return {error: String(error)};
  }
};
</script>
</body></html>
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture(scope="module")
def other_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("other-origin")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    handler = partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join(timeout=WAIT)
    httpd.server_close()


@pytest.fixture(scope="module")
def page(
    tmp_path_factory: pytest.TempPathFactory, other_origin: str, server: str
) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("chromium-cors-profile"))
    chromium.open(other_origin + "/index.html")
    assert chromium.evaluate("location.origin") != server  # another origin indeed
    yield chromium
    chromium.close()


def read(page: Chromium, url: str, init: dict | None = None) -> dict:
    return page.evaluate(f"window.read({json.dumps(url)}, {json.dumps(init or {})})")


def test_another_origin_queries_sparql_by_get(page: Chromium, server: str) -> None:
    query = "SELECT ?name WHERE { ?g <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }"
    answer = read(
        page,
        f"{server}/sparql?query={quote(query)}",
        {"headers": {"Accept": "application/sparql-results+json"}},
    )
    assert answer.get("status") == 200, answer
    names = {b["name"]["value"] for b in json.loads(answer["body"])["results"]["bindings"]}
    assert "Amsterdam" in names
    assert answer["etag"]  # exposed to the script


def test_another_origin_queries_sparql_by_post_after_a_preflight(
    page: Chromium, server: str
) -> None:
    # application/sparql-query is not a CORS-safelisted type: the browser asks first.
    answer = read(
        page,
        f"{server}/sparql",
        {
            "method": "POST",
            "headers": {
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
            "body": "ASK { ?s ?p ?o }",
        },
    )
    assert answer.get("status") == 200, answer
    assert json.loads(answer["body"])["boolean"] is True


def test_another_origin_reads_linked_data(page: Chromium, server: str) -> None:
    answer = read(page, f"{server}/id/gemeente/gm0363", {"headers": {"Accept": "text/turtle"}})
    assert answer.get("status") == 200, answer
    assert answer["type"].startswith("text/turtle")
    assert "Amsterdam" in answer["body"]


def test_another_origin_reads_the_api(page: Chromium, server: str) -> None:
    answer = read(page, f"{server}/api/municipalities/GM0363")
    assert answer.get("status") == 200, answer
    assert json.loads(answer["body"])["name"] == "Amsterdam"
    missing = read(page, f"{server}/api/municipalities/GM9999")
    assert missing.get("status") == 404
    assert missing["type"] == "application/problem+json"


def test_another_origin_cannot_write_without_the_token(page: Chromium, server: str) -> None:
    answer = read(
        page,
        f"{server}/sparql",
        {
            "method": "POST",
            "headers": {"Content-Type": "application/sparql-update"},
            "body": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        },
    )
    assert answer.get("status") in (401, 403), answer
    replaced = read(
        page,
        f"{server}/rdf-graph-store?graph=urn:x",
        {"method": "PUT", "headers": {"Content-Type": "text/turtle"}, "body": ""},
    )
    # PUT is not allowed cross-origin at all: the preflight refuses it.
    assert "error" in replaced, replaced
