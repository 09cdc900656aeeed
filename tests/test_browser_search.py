"""Search in headless Chromium: the box in every page's header opens what it clearly
names, and the result page lists the rest without console errors."""

from __future__ import annotations

try:
    from tests.test_browser import BROWSER_TESTS, Chromium, browser, server  # noqa: F401 - fixtures
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from test_browser import BROWSER_TESTS, Chromium, browser, server  # noqa: F401 - fixtures

pytestmark = BROWSER_TESTS


def test_the_header_box_opens_a_municipality_by_its_name(browser: Chromium, server: str) -> None:
    browser.open(server + "/themas")
    browser.evaluate("document.getElementById('site-q').value = 'zwolle'")
    since = len(browser.events)
    browser.evaluate("document.querySelector('form.site-search').submit()")
    path = browser.wait_until(
        "location.pathname.startsWith('/id/') && document.readyState === 'complete'"
        " && location.pathname"
    )
    assert path == "/id/gemeente/gm0193"
    assert browser.problems(since) == []


def test_the_result_page_lists_hits_and_fits_a_phone(browser: Chromium, server: str) -> None:
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True},
        session=browser.session,
    )
    try:
        since = browser.open(server + "/zoeken?q=schuldn&alles=1")  # a typo; list even one hit
        hits = browser.evaluate("document.querySelectorAll('.search-results li').length")
        assert hits >= 1
        assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            "the page scrolls sideways at 390 px"
        )
        assert browser.problems(since) == []
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride", session=browser.session)
