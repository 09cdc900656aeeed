"""kill -9 during writes: the store opens, validates, holds all or none of each write,
and the write log tells the client exactly which keys landed.

A real server (`gemeentegraaf serve`, a subprocess) takes a stream of writes, each
with its own Idempotency-Key; it is killed with SIGKILL at a random moment,
started again, and asked about every key. Each write i replaces the marker's
value with i and adds two triples about <s{i}>, so a half-applied write would
show as one of the two, or as a marker that disagrees with the log.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from gemeentegraaf.cli.main import main
from gemeentegraaf.store.oxigraph import open_store

from tests.sparql_helpers import TOKEN, free_port, make_store

EX = "http://example.org/"
GRAPH = f"{EX}graph/crash"
AUTH = {"authorization": f"Bearer {TOKEN}"}
TRIALS = 3


class Server:
    def __init__(self, store: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, GEMEENTEGRAAF_UPDATE_TOKEN=TOKEN)
        env.pop("GEMEENTEGRAAF_STORE_URL", None)
        self.log = open(log, "ab")  # noqa: SIM115 - open for the server's lifetime
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gemeentegraaf.cli.main",
                "serve",
                "--store",
                str(store),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()[-3000:]
            try:
                if httpx.get(
                    self.url + "/sparql", params={"query": "ASK {}"}, timeout=2
                ).is_success:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError("the server did not start: " + log.read_text()[-3000:])

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.log.close()


def _update(i: int) -> str:
    return (
        f"DELETE WHERE {{ GRAPH <{GRAPH}> {{ <{EX}marker> <{EX}value> ?v }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <{EX}marker> <{EX}value> {i} . "
        f"<{EX}s{i}> <{EX}a> {i} . <{EX}s{i}> <{EX}b> {i} }} }}"
    )


def _send_until_killed(
    url: str, first: int, answered: dict[int, int], stop: threading.Event
) -> None:
    i = first
    while not stop.is_set():
        try:
            response = httpx.post(
                url + "/sparql",
                content=_update(i),
                headers={
                    **AUTH,
                    "content-type": "application/sparql-update",
                    "idempotency-key": f"write-{i}",
                },
                timeout=60,
            )
            answered[i] = response.status_code
        except httpx.HTTPError:
            return  # the server is gone: this write's fate is for the log to tell
        i += 1


def _data(url: str) -> tuple[dict[int, set[str]], list[int]]:
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    rows = httpx.get(url + "/sparql", params={"query": query}, timeout=30).json()
    facts: dict[int, set[str]] = {}
    marker: list[int] = []
    for row in rows["results"]["bindings"]:
        s, p, o = (row[k]["value"] for k in ("s", "p", "o"))
        if s == f"{EX}marker":
            marker.append(int(o))
        else:
            facts.setdefault(int(s.removeprefix(f"{EX}s")), set()).add(p.removeprefix(EX))
    return facts, marker


def test_kill_9_during_writes_loses_nothing_acknowledged_and_the_log_tells_which_landed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = make_store(tmp_path / "store", trig="")
    log = tmp_path / "server.log"
    rng = random.Random(os.environ.get("CRASH_SEED", "11"))
    answered: dict[int, int] = {}
    sent = 0
    server = Server(store, log)
    try:
        for _trial in range(TRIALS):
            stop = threading.Event()
            first = sent
            sender = threading.Thread(
                target=_send_until_killed, args=(server.url, first, answered, stop)
            )
            sender.start()
            time.sleep(rng.uniform(0.5, 3.0))
            server.kill()
            stop.set()
            sender.join(60)
            sent = max([first, *answered]) + 2  # the write in flight got no answer
            server = Server(store, log)

            facts, marker = _data(server.url)
            landed = set()
            for i in range(sent):
                status = httpx.get(
                    f"{server.url}/sparql/writes/write-{i}", headers=AUTH, timeout=30
                )
                assert status.status_code in (200, 404), status.text
                if status.status_code == 200:
                    landed.add(i)
            # Every write is all or none, and the log says exactly which are in.
            assert all(facts[i] == {"a", "b"} for i in facts), facts
            assert set(facts) == landed
            # Every acknowledged write landed, once.
            assert {i for i, code in answered.items() if code == 204} <= landed
            assert marker == ([max(landed)] if landed else [])
            print(f"trial: sent {sent}, answered {len(answered)}, landed {len(landed)}")
        assert answered, "no write was answered before the kills: the trials tested nothing"
    finally:
        server.stop()
    assert main(["validate", "--store", str(store)]) == 0, capsys.readouterr().out
    opened = open_store(store, read_only=True)
    assert opened.has_graph(GRAPH)
    opened.close()
