"""Errors that quote what a client sent never send a hidden character back raw.

A terminal shows an error body as text: an escape sequence (ESC or its one-byte C1 form)
would recolour or move it, a right-to-left mark would reorder it. Every text/plain error
of the SPARQL endpoint and the Graph Store writes such characters as \\uXXXX, whichever
check (the engine, the protocol, the write rules, an RDF parser) produced the message.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.common.visible import hidden, readable

from tests.sparql_helpers import TOKEN, make_client, make_store

AUTH = {"authorization": f"Bearer {TOKEN}"}
RLO = "\u202e"  # right-to-left override


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = make_store(tmp_path_factory.mktemp("echoes") / "store")
    with make_client(path, update_token=TOKEN) as c:
        yield c


def _no_hidden(text: str) -> None:
    assert not any(hidden(c) for c in text.rstrip("\n")), repr(text)


def test_an_engine_error_quoting_the_query_escapes_what_it_quotes(client: TestClient) -> None:
    # ASCII only on the wire: the query's own escape makes the character
    query = "SELECT * WHERE { BIND(<http://x/\\u202E>(1) AS ?x) }"
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 400
    assert "\\u202E" in answer.text
    _no_hidden(answer.text)


def test_an_update_error_quoting_the_update_escapes_what_it_quotes(client: TestClient) -> None:
    update = "INSERT { <urn:a> <urn:b> ?x } WHERE { BIND(<http://x/\\u202E>(1) AS ?x) }"
    answer = client.post(
        "/sparql",
        content=update.encode(),
        headers={"content-type": "application/sparql-update", **AUTH},
    )
    assert answer.status_code == 400
    _no_hidden(answer.text)


def test_a_charset_with_a_terminal_escape_comes_back_escaped(client: TestClient) -> None:
    # the one-byte form of ESC [ (U+009B), sent as UTF-8 in the header
    answer = client.post(
        "/sparql",
        content=b"ASK {}",
        headers=[(b"content-type", b"application/sparql-query; charset=\xc2\x9b31m")],
    )
    assert answer.status_code == 415
    assert "\\u009B31m" in answer.text
    _no_hidden(answer.text)


def test_a_read_only_graph_named_with_a_hidden_character_is_named_escaped(
    client: TestClient,
) -> None:
    answer = client.put(
        "/rdf-graph-store",
        params={"graph": f"urn:gemeentegraaf:{RLO}"},
        content=b"<urn:a> <urn:b> <urn:c> .\n",
        headers={"content-type": "application/n-triples", **AUTH},
    )
    assert answer.status_code == 403
    _no_hidden(answer.text)


def test_a_body_the_parser_refuses_is_quoted_escaped(client: TestClient) -> None:
    answer = client.put(
        "/rdf-graph-store",
        params={"graph": "http://example.org/mine"},
        content=b"<urn:a> <urn:b> \x1b[31m .\n",
        headers={"content-type": "text/turtle", **AUTH},
    )
    assert answer.status_code == 400
    _no_hidden(answer.text)


def test_readable_keeps_the_lines_and_tabs_of_a_message() -> None:
    assert readable("a\tb\nc\x1bd\u2028e") == "a\tb\nc\\u001Bd\\u2028e"
