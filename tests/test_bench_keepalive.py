"""The benchmark's keep-alive client: one connection reused, a closed one reopened once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.bench_keepalive import HttpFailure, KeepAlive
from tests.store_servers import free_port


class _Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: list[int] = []

    def setup(self) -> None:
        super().setup()
        type(self).connections.append(id(self.connection))

    def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers["content-length"]))
        reply = self.headers.get("accept", "").encode() + b"|" + body
        close = self.path == "/close"
        # "/drop": answer as if the connection stayed open, then close it, as a server
        # does when a keep-alive connection has been idle too long
        drop = self.path == "/drop"
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(reply)))
        if close:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(reply)
        if close or drop:
            self.close_connection = True

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Echo.connections = []
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), _Echo)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_requests_share_one_connection(server: str) -> None:
    with KeepAlive(timeout=5) as client:
        answers = [
            client.post(f"{server}/q", f"ASK {{}} #{n}".encode(), {"accept": "a/b"})
            for n in range(3)
        ]
    assert [a.body for a in answers] == [f"a/b|ASK {{}} #{n}".encode() for n in range(3)]
    assert answers[0].status == 200 and answers[0].headers["content-type"] == "text/plain"
    assert len(_Echo.connections) == 1


# "/close" says so in its answer; "/drop" closes without notice, so the client's next
# request fails on the connection it still holds and is sent once more on a new one.
@pytest.mark.parametrize("path", ["/close", "/drop"])
def test_a_connection_the_server_closes_is_opened_again(server: str, path: str) -> None:
    with KeepAlive(timeout=5) as client:
        client.post(f"{server}{path}", b"one", {})
        second = client.post(f"{server}/q", b"two", {})
    assert second.body == b"|two"
    assert len(_Echo.connections) == 2


def test_an_error_status_is_an_answer_not_a_failure(server: str) -> None:
    with KeepAlive(timeout=5) as client:
        assert client.post(f"{server}/missing", b"x", {}).status == 404


def test_nobody_listening_is_a_failure() -> None:
    with KeepAlive(timeout=5) as client, pytest.raises(HttpFailure, match="Connection"):
        client.post(f"http://127.0.0.1:{free_port()}/", b"x", {})


def test_only_plain_http_is_measured() -> None:
    with KeepAlive(timeout=5) as client, pytest.raises(ValueError, match="plain http"):
        client.post("https://127.0.0.1/", b"x", {})
