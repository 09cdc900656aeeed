"""At a phone's width (390 px) the pages do not scroll sideways: headless Chromium, full build.

Uses test_browser's DevTools-pipe driver; the app serves a copy of the full build (the
Amsterdam page, with its 17 themes and the similar-municipalities picture, is the long one).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    from tests.test_browser import CHROMIUM, WAIT, Chromium
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from test_browser import CHROMIUM, WAIT, Chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="headless Chromium not installed (apt-get install chromium; .ci/run does this)",
    ),
]

PHONE = 390
PAGES = ["/", "/id/gemeente/gm0363", "/knelpunten", "/id/thema/wonen", "/themas", "/gemeenten"]


@pytest.fixture(scope="module")
def server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn
    from gemeentegraaf.service.app import create_app
    from gemeentegraaf.service.settings import Settings

    # A copy: the app opens its store for writing, the shared build must stay as it is.
    copy = tmp_path_factory.mktemp("narrow") / "store"
    shutil.copytree(built_store, copy)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(store_path=copy)), log_level="warning", lifespan="on"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=WAIT)
    sock.close()


@pytest.fixture(scope="module")
def phone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("chromium-phone"))
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE, "height": 844, "deviceScaleFactor": 1, "mobile": True},
        session=chromium.session,
    )
    yield chromium
    chromium.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_390_px(phone: Chromium, server: str, path: str) -> None:
    phone.open(server + path)
    # On a phone the layout viewport widens to fit a too-wide page; either width tells.
    width = phone.evaluate("Math.max(window.innerWidth, document.documentElement.scrollWidth)")
    if width > PHONE:  # name the culprits, for whoever has to fix it
        wide = phone.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => "
            f"e.getBoundingClientRect().right > {PHONE} + 1).slice(0, 5)"
            ".map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))"
        )
        pytest.fail(f"{path} is {width} px wide: {wide}")


def test_a_theme_link_in_the_overview_opens_its_section(phone: Chromium, server: str) -> None:
    phone.open(server + "/id/gemeente/gm0363")
    # (as many as the page test counts: tests/test_pages_full.py)
    assert phone.evaluate("document.querySelectorAll('ul.theme-overview li').length") == 18
    assert phone.evaluate("document.getElementById('thema-3').open") is False
    phone.evaluate("document.querySelector('a[href=\"#thema-3\"]').click()")
    phone.wait_until("document.getElementById('thema-3').open")
