"""The API documentation in headless Chromium: Swagger UI at /docs lists the operations
of FastAPI's OpenAPI 3.1 document (Swagger UI 4 could not read it) and ReDoc at /redoc
renders it, both without a request to another host."""

from __future__ import annotations

try:
    from tests.test_browser import BROWSER_TESTS, Chromium, browser, server  # noqa: F401 - fixtures
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from test_browser import BROWSER_TESTS, Chromium, browser, server  # noqa: F401 - fixtures

pytestmark = BROWSER_TESTS


def test_swagger_ui_shows_the_operations(browser: Chromium, server: str) -> None:
    since = browser.open(server + "/docs")
    count = browser.wait_until("document.querySelectorAll('.opblock').length")
    assert count > 10
    paths = browser.evaluate(
        "[...document.querySelectorAll('.opblock-summary-path')].map(e => e.textContent)"
    )
    assert any(p.replace("\u200b", "") == "/sparql" for p in paths)
    assert browser.evaluate("document.body.textContent.includes('Unable to render')") is False
    assert browser.problems(since) == []


def test_redoc_renders_the_operations(browser: Chromium, server: str) -> None:
    since = browser.open(server + "/redoc")
    browser.wait_until("document.querySelector('.api-content') !== null")
    text = browser.wait_until("document.querySelector('.api-content')?.textContent")
    assert "/sparql" in text
    # The one thing ReDoc would fetch from elsewhere, its logo, is refused by the
    # page's Content-Security-Policy before any request is made.
    problems = browser.problems(since)
    assert all("Content Security Policy" in p and "cdn.redoc.ly" in p for p in problems), problems
