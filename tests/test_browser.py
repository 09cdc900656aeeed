"""The pages in a real browser: headless Chromium loads them without console errors, and the
query page runs a query and shows the result table.

Chromium is driven over its DevTools protocol through a pipe (--remote-debugging-pipe: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so no driver or websocket
library is needed. The app runs in a real uvicorn server on a free local port.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    from tests.service_sample import sample_app
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import sample_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Every browser test module takes this as its pytestmark: on a machine without Chromium
# they skip with the reason instead of erroring in the fixture.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="headless Chromium not installed (apt-get install chromium; .ci/run does this)",
    ),
]
pytestmark = BROWSER_TESTS

PAGES = [
    "/",
    "/gemeenten",
    "/themas",
    "/netwerken",
    "/knelpunten",
    "/documenten",
    "/programmas",
    "/query",
    "/def",
    "/.well-known/void",
    "/id/gemeente/gm0193",
    "/id/gemeente/gm1730",
    "/id/thema/wonen",
    "/id/netwerk/g40",
    "/id/knelpunt/vng-2023-casus-1-wantrouwen",
    "/id/document/platform31-analyse-coalitieakkoorden-2018",
    "/id/programma/city-deal-inclusieve-stad",
]
WAIT = 30.0  # seconds; a limit for a hung browser, not a speed requirement


class BrowserError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, profile: Path) -> None:
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the child's ends out of the way (>= 100) so that putting them on
        # fds 3 and 4 in the child cannot overwrite one with the other.
        child_in = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 100)
        child_out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 100)
        os.close(to_browser_r)
        os.close(from_browser_w)

        def on_fds_3_and_4() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=on_fds_3_and_4,  # the only way to put the pipe on fds 3 and 4
        )
        os.close(child_in)
        os.close(child_out)
        self._out = os.fdopen(to_browser_w, "wb", buffering=0)
        self._in = os.fdopen(from_browser_r, "rb", buffering=0)
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=self.session)
        self.call("Page.setLifecycleEventsEnabled", {"enabled": True}, session=self.session)

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = self._in.read(65536)
            if not chunk:
                with self._lock:
                    self._lock.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._lock:
                for raw in messages:
                    msg = json.loads(raw)
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                self._lock.notify_all()

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        msg_id = next(self._ids)
        msg: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self._out.write(json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + WAIT
        with self._lock:
            while msg_id not in self._replies:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise BrowserError(f"no answer to {method}")
                self._lock.wait(0.2)
            reply = self._replies.pop(msg_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for_event(self, predicate: Callable[[dict], bool], since: int = 0) -> dict:
        deadline = time.monotonic() + WAIT
        with self._lock:
            while True:
                for event in self.events[since:]:
                    if predicate(event):
                        return event
                if time.monotonic() > deadline:
                    raise BrowserError("the awaited browser event did not come")
                self._lock.wait(0.2)

    def open(self, url: str) -> int:
        """Load `url` and wait until the network is idle; returns where its events start."""
        with self._lock:
            start = len(self.events)
        loader = self.call("Page.navigate", {"url": url}, session=self.session).get("loaderId")
        # Lifecycle events of an earlier document may still arrive: wait for this load's own.
        self.wait_for_event(
            lambda e: (
                e.get("method") == "Page.lifecycleEvent"
                and e["params"].get("name") == "networkIdle"
                and e["params"].get("loaderId") == loader
            ),
            since=start,
        )
        self.wait_until("document.readyState === 'complete'")
        return start

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=self.session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"script error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str) -> Any:
        """Evaluate `expression` until it is truthy (the page updates asynchronously)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise BrowserError(f"never true: {expression}")

    def problems(self, since: int) -> list[str]:
        """Console errors, uncaught exceptions and failed loads since event index `since`."""
        out = []
        with self._lock:
            events = self.events[since:]
        for e in events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                out.append(json.dumps(params.get("args"))[:300])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                out.append(f"{entry.get('text')} {entry.get('url', '')}")
        return out

    def close(self) -> None:
        with contextlib.suppress(BrowserError):  # it may already be gone
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()
        self._in.close()


@contextlib.contextmanager
def serve_sample(store: Path) -> Iterator[str]:
    """The sample app (tests/service_sample.py) at `store` in uvicorn, in a thread of this
    process, on a free local port; yields its base URL."""
    import uvicorn

    app = sample_app(store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=WAIT)
        sock.close()


# The page tests only read, so every browser module (test_browser_docs, _query, _search
# and _cors import these) shares one server and one Chromium, started once per session
# in conftest.py (browser_site, shared_chromium).


@pytest.fixture(scope="module")
def server(browser_site: str) -> str:
    return browser_site


@pytest.fixture(scope="module")
def browser(shared_chromium: Chromium) -> Chromium:
    return shared_chromium


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_errors(browser: Chromium, server: str, path: str) -> None:
    since = browser.open(server + path)
    assert browser.evaluate("document.readyState") == "complete"
    assert browser.evaluate("document.querySelector('h1') !== null")
    assert browser.problems(since) == []


def test_stylesheet_is_applied(browser: Chromium, server: str) -> None:
    browser.open(server + "/")
    colour = browser.evaluate(
        "getComputedStyle(document.querySelector('header.site')).backgroundColor"
    )
    assert colour == "rgb(28, 79, 130)"


# The query page (YASGUI) is tested in test_browser_query.py.
