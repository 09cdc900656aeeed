"""The service in a real uvicorn process on 127.0.0.1 and a free port: one helper for the
tests and benches that need real HTTP (test_sparql_clients, test_adversarial_input,
openapi_contract, bench_hostile_requests).

    with serve(store, GEMEENTEGRAAF_UPDATE_TOKEN=token) as server:
        httpx.get(server.sparql, params={"query": "ASK {}"})

The process inherits the environment (GEMEENTEGRAAF_QUERY_WORKERS included, see
conftest.py) with GEMEENTEGRAAF_STORE set to `store` and GEMEENTEGRAAF_STORE_URL
removed; keyword arguments add GEMEENTEGRAAF_* settings. It counts as started when
`ASK {}` answers 200, so its query workers are up. It is always stopped at the end:
terminated, killed if it does not exit within 20 s.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    base: str  # http://127.0.0.1:PORT

    @property
    def sparql(self) -> str:
        return self.base + "/sparql"

    def memory(self, field: str = "VmHWM") -> int:
        """The process's resident memory (VmRSS) or its peak (VmHWM), in bytes."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
        raise AssertionError(f"no {field} in /proc/{self.process.pid}/status")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start(
    store: Path,
    *,
    python: str = sys.executable,
    cwd: Path = REPO,
    log_level: str = "warning",
    **settings: str,
) -> Server:
    """Start uvicorn with the app on `store`; `settings` are GEMEENTEGRAAF_* variables
    (GEMEENTEGRAAF_UPDATE_TOKEN="…"). `python` may be another installation's interpreter
    (the benches compare commits), `cwd` where it runs."""
    env = {**os.environ, "GEMEENTEGRAAF_STORE": str(store), **settings}
    if python == sys.executable:
        # This checkout's tests/ importable, as in the test process; another interpreter
        # (an older commit's venv) runs only what it has installed.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env.pop("GEMEENTEGRAAF_STORE_URL", None)
    unknown = [name for name in settings if not name.startswith("GEMEENTEGRAAF_")]
    if unknown:
        raise ValueError(f"not service settings: {unknown}")
    port = free_port()
    command = [
        python, "-m", "uvicorn", "gemeentegraaf.service.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", log_level,
    ]  # fmt: skip
    server = Server(subprocess.Popen(command, cwd=cwd, env=env), f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.process.poll() is not None:
                raise RuntimeError("uvicorn exited before it answered")
            with contextlib.suppress(httpx.TransportError):
                answer = httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=5)
                if answer.status_code == 200:
                    return server
            if time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not answer within {START_TIMEOUT:g} s")
            time.sleep(0.2)
    except BaseException:
        server.stop()
        raise


@contextlib.contextmanager
def serve(store: Path, **options: Any) -> Iterator[Server]:
    """`start`, then stop it when the block ends (also on an error)."""
    server = start(store, **options)
    try:
        yield server
    finally:
        server.stop()
