"""SPARQL servers for the store contract suite: private, on loopback, stopped after the tests.

- Oxigraph server: the `oxigraph` command from the `oxigraph` package (test
  extra), `oxigraph serve` on a free 127.0.0.1 port with a temporary directory.
- Virtuoso: Debian's virtuoso-opensource (`virtuoso-t`, `isql-vt`); a private
  instance with its own database directory, ini file and ports. The anonymous
  /sparql user is granted SPARQL_UPDATE, which also opens the Graph Store
  Protocol for writing. ResultSetMaxRows is raised from Virtuoso's 10000,
  which would cut results silently.

Where a server cannot be found, `missing(kind)` says why; in CI (CI=true) the
suite fails instead of skipping (.ci/run installs both).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

EMBEDDED = "embedded"
OXIGRAPH = "oxigraph"
VIRTUOSO = "virtuoso"
BACKENDS = (EMBEDDED, OXIGRAPH, VIRTUOSO)

START_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_command() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def missing(kind: str) -> str | None:
    """Why this backend cannot run here; None when it can."""
    if kind == OXIGRAPH and oxigraph_command() is None:
        return "no `oxigraph` command (pip install oxigraph, part of the test extra)"
    if kind == VIRTUOSO and not (shutil.which("virtuoso-t") and shutil.which("isql-vt")):
        return "Virtuoso is not installed (apt-get install virtuoso-opensource)"
    return None


@dataclass
class Server:
    kind: str
    url: str  # what --store-url takes
    process: subprocess.Popen
    directory: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def _wait(
    process: subprocess.Popen, probe: str, ready: Callable[[httpx.Response], bool], log: Path
) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited while starting:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            response = httpx.get(probe, params={"query": "ASK {}"}, timeout=5)
            if ready(response):
                return
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT:g} s")


def start_oxigraph(directory: Path) -> Server:
    command = oxigraph_command()
    assert command is not None, missing(OXIGRAPH)
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = directory / "server.log"
    process = subprocess.Popen(
        [command, "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait(process, f"{url}/query", lambda r: r.status_code == 200, log)
    return Server(OXIGRAPH, url, process, directory)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
ServerThreads = 20
EnabledGzipContent = 0

[URIQA]
DefaultHost = 127.0.0.1:{http}

[SPARQL]
ResultSetMaxRows = 1000000
MaxSortedTopRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


def start_virtuoso(directory: Path) -> Server:
    reason = missing(VIRTUOSO)
    assert reason is None, reason
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "vsp").mkdir(exist_ok=True)
    http, sql = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=directory.resolve(), sql=sql, http=http))
    log = directory / "server.log"
    process = subprocess.Popen(
        ["virtuoso-t", "+foreground", "+configfile", str(ini)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        cwd=directory,
    )
    base = f"http://127.0.0.1:{http}"
    _wait(
        process,
        f"{base}/sparql",
        lambda r: r.status_code == 200 and "true" in r.text.lower(),
        log,
    )
    # Let the anonymous HTTP user write (SPARQL Update and Graph Store Protocol).
    subprocess.run(
        ["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
        capture_output=True,
        timeout=60,
        check=False,
    )
    probe = httpx.post(
        f"{base}/sparql", data={"update": "DROP SILENT GRAPH <urn:x-probe>"}, timeout=30
    )
    if probe.status_code != 200:
        process.terminate()
        raise RuntimeError(f"Virtuoso refuses updates after the grant: {probe.text[:500]}")
    return Server(VIRTUOSO, f"{base}/sparql", process, directory)


def start(kind: str, directory: Path) -> Server:
    return {OXIGRAPH: start_oxigraph, VIRTUOSO: start_virtuoso}[kind](directory)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"
