"""Hostile SPARQL texts against a real server (uvicorn in its own process on 127.0.0.1).

Replays the probes of issue 11: a huge query that is one string literal, long
chains of `!` and `+`, a property path of 50,000 steps, and more. Each must get
a clear 4xx before it reaches the query engine, the server must go on answering
`ASK {}`, and the server process's peak memory (VmHWM) must stay bounded. No
timing assertions: an `ASK {}` gets a generous client timeout, nothing more.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gemeentegraaf.service.sparql.protocol import ProtocolError, encoded_cap, read_operation
from gemeentegraaf.service.sparql.query_pool import WorkerFailed
from gemeentegraaf.service.sparql.writes import Writer
from starlette.requests import Request

from tests import uvicorn_server
from tests.sparql_helpers import TOKEN, make_client, make_store

REPO = Path(__file__).resolve().parents[1]
MiB = 1024 * 1024
LIMIT = MiB  # the default Settings.max_query_bytes
QUERY = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
PREFIX = "PREFIX : <http://example.org/> "
# The server process's peak may grow by this much over the whole module (it grew
# by about 15 MiB when this was written): a text is read into memory at most
# once (1 MiB, 3 MiB for a form), never tokenised into per-character structures
# (136 bytes per character before) or split at every escape (about 80 bytes per
# byte of a form), and a refused body is not read to its end.
MEMORY_GROWTH = 64 * MiB


class Server:
    """The uvicorn process (tests/uvicorn_server.py) and its /sparql address."""

    def __init__(self, running: uvicorn_server.Server) -> None:
        self.running = running
        self.process = running.process
        self.url = running.sparql

    def memory(self, field: str = "VmHWM") -> int:
        """The server process's resident memory (VmRSS) or its peak (VmHWM), in bytes."""
        return self.running.memory(field)

    def still_answers(self) -> None:
        answer = httpx.get(self.url, params={"query": "ASK {}"}, timeout=30)
        assert answer.status_code == 200
        assert answer.json()["boolean"] is True


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = make_store(tmp_path_factory.mktemp("adversarial") / "store")
    with uvicorn_server.serve(
        store, GEMEENTEGRAAF_UPDATE_TOKEN=TOKEN, GEMEENTEGRAAF_QUERY_TIMEOUT="20"
    ) as running:
        server = Server(running)
        server.still_answers()
        yield server


@pytest.fixture(scope="module")
def baseline(server: Server) -> int:
    """The server's peak memory before the first hostile request."""
    return server.memory()


def _post(server: Server, body: bytes | Iterator[bytes], headers: dict[str, str]) -> httpx.Response:
    return httpx.post(server.url, content=body, headers=headers, timeout=60)


def _refused_clearly(answer: httpx.Response, status: int, *words: str) -> None:
    assert answer.status_code == status, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/plain")
    for word in words:
        assert word in answer.text
    assert "Error" not in answer.text  # no exception names (EOFError, …)


# ---------------------------------------------------------------------------
# Size: refused before anything parses
# ---------------------------------------------------------------------------


def _string_query(size: int) -> bytes:
    return b'ASK { FILTER("' + b"a" * size + b'" != "") }'


def test_a_query_of_one_20_mb_string_literal_is_413(server: Server, baseline: int) -> None:
    _refused_clearly(_post(server, _string_query(20 * MiB), QUERY), 413, "1 MiB", "MAX_QUERY")
    server.still_answers()
    assert server.memory() - baseline < MEMORY_GROWTH


def test_the_60_mb_probe_is_413(server: Server, baseline: int) -> None:
    """The probe of the issue itself: 25.6 s and 8.4 GB before; now refused unread."""
    _refused_clearly(_post(server, _string_query(60 * MiB), QUERY), 413)
    server.still_answers()
    assert server.memory() - baseline < MEMORY_GROWTH


def test_a_streamed_body_without_a_length_is_cut_off_at_the_limit(
    server: Server, baseline: int
) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'ASK { FILTER("'
        for _ in range(40):  # 40 MiB, if the server read it all
            sent += MiB
            yield b"a" * MiB
        yield b'" != "") }'

    try:
        answer = _post(server, chunks(), QUERY)
    except httpx.TransportError:
        # The server answered and closed the connection while the client was
        # still sending: what matters is that it stopped reading.
        answer = None
    if answer is not None:
        _refused_clearly(answer, 413)
    server.still_answers()
    assert server.memory() - baseline < MEMORY_GROWTH


def test_a_query_just_under_the_limit_runs(server: Server) -> None:
    body = _string_query(LIMIT - 100)
    assert len(body) <= LIMIT
    answer = _post(server, body, {**QUERY, "Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert answer.json()["boolean"] is True


def test_a_form_post_over_the_limit_is_413(server: Server) -> None:
    text = "ASK { FILTER('" + "é" * (LIMIT // 2 + 10) + "' != '') }"  # 2 bytes a character
    answer = httpx.post(server.url, data={"query": text}, timeout=60)
    _refused_clearly(answer, 413, "query")


def test_a_form_update_over_the_limit_is_413_and_names_the_graph_store(server: Server) -> None:
    text = "INSERT DATA { <http://ex/a> <http://ex/b> '" + "x" * LIMIT + "' }"
    answer = httpx.post(
        server.url,
        data={"update": text},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    _refused_clearly(answer, 413, "Graph Store")


def test_a_direct_update_over_the_limit_is_413(server: Server) -> None:
    text = b"INSERT DATA { <http://ex/a> <http://ex/b> '" + b"x" * LIMIT + b"' }"
    _refused_clearly(_post(server, text, UPDATE), 413, "update")


def test_a_megabyte_url_does_not_reach_the_app(server: Server) -> None:
    """uvicorn (h11) reads at most 16 KiB of request line and headers: a longer URL is
    refused before the app sees it (a 400, or the connection closed)."""
    url = httpx.URL(server.url)
    request = (
        f"GET {url.path}?query=ASK{'a' * (LIMIT + 10)} HTTP/1.1\r\n"
        f"Host: {url.host}:{url.port}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((url.host, url.port), timeout=60) as connection:
        try:
            connection.sendall(request)
            status_line = connection.recv(200).split(b"\r\n")[0]
        except ConnectionError:
            status_line = b""
    assert status_line in (b"", b"HTTP/1.1 400 Bad Request")
    server.still_answers()


def test_a_query_in_the_url_over_the_limit_is_414(tmp_path: Path) -> None:
    with make_client(make_store(tmp_path / "store"), max_query_bytes=1000) as client:
        answer = client.get("/sparql?query=ASK" + "a" * 1000)
        accepted = client.get("/sparql", params={"query": "ASK {}"})
    assert answer.status_code == 414
    assert "POST" in answer.text
    assert accepted.status_code == 200


def test_a_percent_encoded_url_over_three_times_the_limit_is_414_unparsed() -> None:
    # Longer than any text of the limit can be once encoded: refused before decoding.
    query_string = "query=ASK" + "%61" * (encoded_cap(1000) // 3)
    scope = {"type": "http", "method": "GET", "path": "/sparql", "headers": []}
    request = Request({**scope, "query_string": query_string.encode()})
    with pytest.raises(ProtocolError) as refused:
        asyncio.run(read_operation(request, 1000))
    assert refused.value.status == 414


# ---------------------------------------------------------------------------
# Depth and length: 400 before the engine, never a dead worker
# ---------------------------------------------------------------------------

DEEP_QUERIES = {
    "100k !": "ASK { FILTER(" + "!" * 100_000 + "true) }",
    "100k + terms": "SELECT (1" + "+1" * 100_000 + " AS ?x) {}",
    "100k &&": "ASK { FILTER(true" + " && true" * 100_000 + ") }",
    "path of 50k steps": PREFIX + "ASK { ?s " + "/".join([":p"] * 50_000) + " ?o }",
    "path of 20k alternatives": PREFIX + "ASK { ?s " + "|".join([":p"] * 20_000) + " ?o }",
    "10k unions": "ASK { " + " UNION ".join(["{}"] * 10_000) + " }",
    "5k binds": "ASK { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(5_000)) + " }",
    "5k minus": "ASK { ?s ?p ?o " + "MINUS { ?s ?p 1 } " * 5_000 + "}",
    "3k brackets": "SELECT (" + "(" * 3_000 + "1" + ")" * 3_000 + " AS ?x) {}",
    "3k groups": "ASK " + "{" * 3_000 + "}" * 3_000,
}


@pytest.mark.parametrize("name", list(DEEP_QUERIES))
def test_too_deep_or_too_long_queries_are_400(server: Server, name: str) -> None:
    text = DEEP_QUERIES[name]
    assert len(text.encode()) <= LIMIT  # refused for its shape, not its size
    answer = _post(server, text.encode(), QUERY)
    _refused_clearly(
        answer, 400, "at most" if name.endswith(("brackets", "groups")) else "more than"
    )
    server.still_answers()


DEEP_UPDATES = {
    "100k !": "INSERT { <http://ex/a> <http://ex/b> ?x } WHERE { BIND("
    + "!" * 100_000
    + "true AS ?x) }",
    "100k + terms": "INSERT { <http://ex/a> <http://ex/b> ?x } WHERE { BIND(1"
    + "+1" * 100_000
    + " AS ?x) }",
    "path of 50k steps": PREFIX
    + "DELETE { ?s :p ?o } WHERE { ?s "
    + "/".join([":p"] * 50_000)
    + " ?o }",
}


@pytest.mark.parametrize("name", list(DEEP_UPDATES))
def test_too_deep_or_too_long_updates_are_400_not_a_dead_worker(server: Server, name: str) -> None:
    answer = _post(server, DEEP_UPDATES[name].encode(), UPDATE)
    _refused_clearly(answer, 400, "more than")
    assert "could not be checked" not in answer.text
    server.still_answers()


def test_the_server_memory_stayed_bounded(server: Server, baseline: int) -> None:
    """After every probe above: the peak over the whole module."""
    server.still_answers()
    assert server.memory() - baseline < MEMORY_GROWTH


# ---------------------------------------------------------------------------
# A worker that dies anyway: a clear message, not "EOFError"
# ---------------------------------------------------------------------------


def _worker_dies(*args: object, **kwargs: object) -> object:
    raise WorkerFailed("EOFError")


def test_a_query_whose_worker_dies_gets_a_clear_500(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make_client(make_store(tmp_path / "store")) as client:
        pool = client.app.state.sparql.pool
        monkeypatch.setattr(pool, "run", _worker_dies)
        monkeypatch.setattr(pool, "take_idle", lambda client: None)  # not on the event loop
        answer = client.post("/sparql", content="ASK {}", headers=QUERY)
    assert answer.status_code == 500
    assert "stopped while running this query" in answer.text
    assert "EOFError" not in answer.text


def test_an_update_whose_dry_run_worker_dies_gets_a_clear_500(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make_client(make_store(tmp_path / "store"), update_token=TOKEN) as client:
        writer: Writer = client.app.state.sparql.writer
        monkeypatch.setattr(writer._pool, "run", _worker_dies)
        answer = client.post(
            "/sparql", content="INSERT DATA { <http://ex/a> <http://ex/b> 1 }", headers=UPDATE
        )
    assert answer.status_code == 500
    assert "Nothing was changed" in answer.text
    assert "EOFError" not in answer.text


def test_the_size_limit_is_a_setting(tmp_path: Path) -> None:
    with make_client(make_store(tmp_path / "store"), max_query_bytes=100) as client:
        refused = client.post("/sparql", content="ASK {}" + " " * 100, headers=QUERY)
        accepted = client.post("/sparql", content="ASK {}", headers=QUERY)
    assert refused.status_code == 413
    assert "100 bytes" in refused.text
    assert accepted.status_code == 200
