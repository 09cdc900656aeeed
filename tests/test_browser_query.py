"""The SPARQL editor (/query, YASGUI) in headless Chromium: it highlights, completes the
dataset's prefixes from this service, runs queries against the local endpoint and pages
a long result; no request goes to another host."""

from __future__ import annotations

import json

try:
    from tests.test_browser import BROWSER_TESTS, Chromium, browser, server  # noqa: F401 - fixtures
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from test_browser import BROWSER_TESTS, Chromium, browser, server  # noqa: F401 - fixtures

pytestmark = BROWSER_TESTS

YASQE = "window.gemeentegraafYasgui.getTab().getYasqe()"


def _open_editor(browser: Chromium, server: str) -> int:
    browser.call("Network.enable", session=browser.session)
    since = browser.open(server + "/query")
    browser.wait_until("document.querySelector('#yasgui .CodeMirror') !== null")
    return since


def _elsewhere(browser: Chromium, server: str, since: int) -> list[str]:
    """URLs the page requested from anywhere but this server (data: URLs aside)."""
    urls = [
        e["params"]["request"]["url"]
        for e in browser.events[since:]
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert urls, "no requests recorded: is the Network domain enabled?"
    return [u for u in urls if not u.startswith((server + "/", "data:", "blob:"))]


def _run(browser: Chromium, query: str) -> None:
    browser.evaluate(f"{YASQE}.setValue({json.dumps(query)})")
    browser.evaluate(f"{YASQE}.query()")


def test_editor_highlights_sparql(browser: Chromium, server: str) -> None:
    since = _open_editor(browser, server)
    keywords = browser.wait_until(
        "[...document.querySelectorAll('#yasgui .CodeMirror .cm-keyword')]"
        ".map(e => e.textContent.toUpperCase())"
    )
    assert "SELECT" in keywords
    assert browser.problems(since) == []


def test_editor_completes_the_datasets_prefix(browser: Chromium, server: str) -> None:
    since = _open_editor(browser, server)
    browser.evaluate(f"{YASQE}.setValue('')")
    browser.evaluate(f"{YASQE}.focus()")
    browser.call("Input.insertText", {"text": "PREFIX gg"}, session=browser.session)
    browser.evaluate(f"{YASQE}.autocomplete()")
    offered = browser.wait_until(
        "[...document.querySelectorAll('.CodeMirror-hints li')].map(li => li.textContent)"
    )
    assert "gg: <https://w3id.org/gemeentegraaf/def#>" in offered
    for kind in ("keyDown", "keyUp"):
        browser.call(
            "Input.dispatchKeyEvent",
            {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13},
            session=browser.session,
        )
    value = browser.wait_until(f"{YASQE}.getValue().includes('<') && {YASQE}.getValue()")
    assert value.startswith("PREFIX gg: <https://w3id.org/gemeentegraaf/def#>")
    assert browser.problems(since) == []
    assert _elsewhere(browser, server, since) == []


def test_editor_runs_an_example_and_pages_a_long_result(browser: Chromium, server: str) -> None:
    since = _open_editor(browser, server)
    browser.evaluate("document.querySelector('[data-example=knelpunten-participatiewet]').click()")
    assert "participatiewet" in browser.evaluate(f"{YASQE}.getValue()").lower()

    _run(browser, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 120")
    info = browser.wait_until("document.querySelector('#yasgui .dt-info')?.textContent")
    assert "1 to 50 of 120" in info
    assert (
        browser.evaluate("document.querySelectorAll('#yasgui table.dataTable tbody tr').length")
        == 50
    )
    first = browser.evaluate(
        "document.querySelector('#yasgui table.dataTable tbody tr').textContent"
    )
    browser.evaluate("document.querySelector('#yasgui .dt-paging button.next').click()")
    info = browser.wait_until(
        "(t => t.includes('51 to 100') && t)(document.querySelector('#yasgui .dt-info').textContent)"
    )
    assert "of 120" in info
    assert (
        browser.evaluate("document.querySelector('#yasgui table.dataTable tbody tr').textContent")
        != first
    )
    # results can be downloaded
    assert browser.evaluate("document.querySelector('#yasgui .yasr_downloadIcon') !== null")
    assert browser.problems(since) == []
    assert _elsewhere(browser, server, since) == []


def test_editor_shows_a_syntax_error(browser: Chromium, server: str) -> None:
    _open_editor(browser, server)
    _run(browser, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    browser.wait_until("document.querySelector('#yasgui table.dataTable') !== null")
    browser.evaluate(f"{YASQE}.setValue('SELECT WHERE {{')")
    # YASQE marks the error in the editor and does not send an invalid query
    browser.wait_until("document.querySelector('#yasgui .parseErrorIcon') !== null")
