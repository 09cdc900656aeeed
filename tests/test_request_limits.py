"""The limits on SPARQL texts: what they measure, that what they accept the engine survives,
that the screens are linear in memory, and the security headers on every answer.

No timing assertions: linearity is checked by memory (tracemalloc) and structure;
speed is benched in tests/bench_sparql_text.py.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from gemeentegraaf.service.security_headers import SECURITY_HEADERS, inline_script_sources
from gemeentegraaf.service.sparql import protocol
from gemeentegraaf.service.sparql.protocol import ProtocolError
from gemeentegraaf.store.base import QueryRejected
from gemeentegraaf.store.oxigraph import open_store
from gemeentegraaf.store.sparql_text import (
    MAX_DEPTH,
    MAX_EXPRESSION,
    MAX_PATH,
    MAX_PATTERNS,
    add_using,
    inspect_query,
    inspect_update,
    iter_tokens,
)

from tests.sparql_helpers import make_client, make_store

PREFIX = "PREFIX : <http://example.org/> "

# ---------------------------------------------------------------------------
# What the measures count
# ---------------------------------------------------------------------------


def _chain(operator: str, n: int) -> str:
    return "SELECT (1" + f" {operator} 1" * n + " AS ?x) {}"


@pytest.mark.parametrize("operator", ["+", "*", "&&", "||", "=", "<", "!="])
def test_binary_chains_are_counted_to_the_limit(operator: str) -> None:
    assert inspect_query(_chain(operator, MAX_EXPRESSION)).problem is None
    refused = inspect_query(_chain(operator, MAX_EXPRESSION + 1)).problem
    assert refused is not None and "operators" in refused


def test_operators_count_through_brackets() -> None:
    half = MAX_EXPRESSION // 2 + 1
    nested = "SELECT ((1" + " + 1" * half + ") + (1" + " + 1" * half + ") AS ?x) {}"
    # Two sibling groups: each is short, and the tree is only as deep as one of them.
    assert inspect_query(nested).problem is None
    deep = "SELECT (1" + " + 1" * half + " + (1" + " + 1" * half + ") AS ?x) {}"
    assert inspect_query(deep).problem is not None


def test_unary_chains_are_counted() -> None:
    assert inspect_query("ASK { FILTER(" + "!" * MAX_EXPRESSION + "true) }").problem is None
    assert inspect_query("ASK { FILTER(" + "!" * (MAX_EXPRESSION + 1) + "true) }").problem


def test_path_operators_count_per_path_not_per_query() -> None:
    path = "/".join([":p"] * (MAX_PATH + 1))  # MAX_PATH operators
    many = PREFIX + "ASK { " + " . ".join([f"?s {path} ?o"] * 20) + " }"
    assert inspect_query(many).problem is None
    longer = PREFIX + "ASK { ?s " + path + "|:q ?o }"
    refused = inspect_query(longer).problem
    assert refused is not None and "property path" in refused


def test_division_and_negation_in_expressions_are_not_path_steps() -> None:
    text = "SELECT (1" + " / 2" * (MAX_PATH * 2) + " AS ?x) { FILTER(!BOUND(?y)) }"
    assert inspect_query(text).problem is None


def test_graph_patterns_count_through_nested_groups() -> None:
    flat = "ASK { " + " UNION ".join(["{}"] * (MAX_PATTERNS + 1)) + " }"
    assert inspect_query(flat).problem is None  # MAX_PATTERNS unions
    binds = "ASK { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(MAX_PATTERNS + 1)) + " }"
    refused = inspect_query(binds).problem
    assert refused is not None and "graph patterns" in refused


def test_long_in_lists_are_not_refused() -> None:
    """The engine survived 262,144 IN items (their commas are not triple separators)."""
    in_list = "ASK { FILTER(1 IN (" + ",".join(["1"] * 50_000) + ")) }"
    assert inspect_query(in_list).problem is None


def test_updates_are_measured_like_queries() -> None:
    text = "INSERT { <a> <b> ?x } WHERE { BIND(1" + " + 1" * (MAX_EXPRESSION + 1) + " AS ?x) }"
    assert inspect_update(text).problem is not None
    assert inspect_update("INSERT DATA { <http://a> <http://b> 1 }").problem is None


def test_the_screen_stops_at_the_first_limit_passed() -> None:
    # A SERVICE after the refusal point is not looked for: the text is refused anyway,
    # and the store refuses every text that has a problem (store.base.checked_query).
    text = "ASK { FILTER(" + "!" * (MAX_EXPRESSION + 1) + "true) SERVICE <http://x/> {} }"
    shape = inspect_query(text)
    assert shape.problem is not None
    assert shape.outbound is None


def test_the_store_refuses_what_the_engine_cannot_run(tmp_path: Path) -> None:
    store = open_store(make_store(tmp_path / "store"))
    try:
        with pytest.raises(QueryRejected, match="operators"):
            store.query("ASK { FILTER(" + "!" * (MAX_EXPRESSION + 1) + "true) }")
        with pytest.raises(QueryRejected, match="nests brackets"):
            store.update("INSERT DATA " + "{" * (MAX_DEPTH + 5) + "}" * (MAX_DEPTH + 5))
    finally:
        store.close()


# ---------------------------------------------------------------------------
# What the limits accept, the engine survives
# ---------------------------------------------------------------------------

_RUN = r"""
import sys, pyoxigraph as ox
store = ox.Store()
for i in range(3):
    store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                      ox.NamedNode(f"http://example.org/s{i + 1}")))
text = sys.stdin.read()
if sys.argv[1] == "update":
    store.update(text)
else:
    result = store.query(text)
    if not isinstance(result, ox.QueryBoolean):
        for _ in result:
            pass
"""

_E = MAX_EXPRESSION
_NEST = MAX_DEPTH - 2  # leaves room for the query's own braces and brackets
AT_THE_LIMITS = {
    "unary": ("query", "ASK { FILTER(" + "!" * _E + "true) }"),
    "binary": ("query", _chain("+", _E)),
    "brackets and operators": (
        "query",
        "SELECT (" + "(1 + " * _NEST + "1" + ")" * _NEST + " + 1" * (_E - _NEST) + " AS ?x) {}",
    ),
    "groups": ("query", "ASK " + "{" * MAX_DEPTH + "}" * MAX_DEPTH),
    "groups and binds": (
        "query",
        "ASK "
        + "{ BIND(1 AS ?a) " * _NEST
        + " ".join(f"BIND(1 AS ?v{i})" for i in range(MAX_PATTERNS - _NEST))
        + "}" * _NEST,
    ),
    "minus": ("query", "ASK { ?s ?p ?o " + "MINUS { ?s ?p 1 } " * MAX_PATTERNS + "}"),
    "unions": ("query", "ASK { " + " UNION ".join(["{}"] * (MAX_PATTERNS + 1)) + " }"),
    "path": ("query", PREFIX + "ASK { ?s " + "|".join([":p"] * (MAX_PATH + 1)) + " ?o }"),
    "update": (
        "update",
        "INSERT { <http://ex/a> <http://ex/b> ?x } WHERE { BIND("
        + "!" * (_E - 1)
        + "true AS ?x) FILTER(?x || !?x) }",
    ),
}


@pytest.mark.parametrize("name", list(AT_THE_LIMITS))
def test_texts_at_the_limits_run_in_a_process_like_a_worker(name: str) -> None:
    kind, text = AT_THE_LIMITS[name]
    shape = inspect_update(text) if kind == "update" else inspect_query(text)
    assert shape.problem is None, shape.problem
    done = subprocess.run(
        [sys.executable, "-c", _RUN, kind], input=text.encode(), capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()[-500:]


# ---------------------------------------------------------------------------
# Linear memory
# ---------------------------------------------------------------------------

SIZE = 400_000
LONG_TEXTS = {
    "string literal": 'ASK { FILTER("' + "a" * SIZE + '" != "") }',
    "long string with escapes": "ASK { FILTER('''" + "\\n'" * (SIZE // 3) + "x''' != '') }",
    "prefixed name": "PREFIX : <http://x/> ASK { :" + "a.b" * (SIZE // 3) + " ?p ?o }",
    "IRI": "ASK { <http://x/" + "a" * SIZE + "> ?p ?o }",
    "language tag": 'ASK { FILTER("a"@en' + "-x" * (SIZE // 2) + ' = "") }',
    "small tokens": "SELECT " + "?a " * (SIZE // 3) + "{}",
    "comments": "ASK {" + "# c\n" * (SIZE // 4) + "}",
}


@pytest.mark.parametrize("name", list(LONG_TEXTS))
def test_screening_needs_memory_for_one_copy_of_a_token_at_most(name: str) -> None:
    """Before: about 136 bytes per character of a string literal (the regex engine's
    backtracking records) and a Token object per token kept in a list."""
    text = LONG_TEXTS[name]
    tracemalloc.start()
    try:
        inspect_query(text)
        inspect_update(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The longest token is copied once (match.group()); all else is constant.
    assert peak < 2 * len(text) + 64 * 1024, f"{peak / len(text):.1f} bytes per character"


def test_tokens_come_one_at_a_time() -> None:
    tokens = iter_tokens("SELECT ?a ?b { ?a ?p ?b }")
    assert next(tokens).keyword == "select"
    assert next(tokens).text == "?a"


def test_add_using_inserts_before_every_where_of_a_long_update() -> None:
    operation = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p 1 } ; "
    update = operation * 2_000
    out = add_using(update, ["http://g/1"], [])
    assert out.count("USING <http://g/1> WHERE") == 2_000
    assert out.count("DELETE WHERE") == 2_000
    assert out.replace("USING <http://g/1> ", "") == update


# ---------------------------------------------------------------------------
# Form decoding
# ---------------------------------------------------------------------------


def test_form_fields_decode_like_parse_qsl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random inputs over the characters that matter, with escapes cut across pieces."""
    monkeypatch.setattr(protocol, "_PIECE", 5)
    generator = random.Random(11)
    alphabet = "%&=+aF0C3A9é"
    for _ in range(3_000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 50)))
        try:
            expected: object = parse_qsl(text, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            expected = "refused"
        try:
            got: object = protocol._form(text.encode())
        except ProtocolError as exc:
            assert exc.status == 400
            got = "refused"
        assert got == expected, text


def test_a_form_decodes_in_memory_proportional_to_it() -> None:
    body = b"query=" + b"%C3%A9" * 200_000  # 1.2 MB, 400,000 escapes
    tracemalloc.start()
    try:
        pairs = protocol._form(body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pairs[0][1] == "é" * 200_000
    # About 5 bytes per byte when this was written (the value, its decoded pieces and
    # one piece's split); the standard library's parse_qsl needed about 80.
    assert peak < 8 * len(body), f"{peak / len(body):.1f} bytes per byte"


def test_a_form_with_too_many_fields_is_400() -> None:
    with pytest.raises(ProtocolError) as refused:
        protocol._form(b"&".join([b"a=1"] * (protocol.MAX_FIELDS + 1)))
    assert refused.value.status == 400


# ---------------------------------------------------------------------------
# Security headers
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    with make_client(make_store(tmp_path_factory.mktemp("headers") / "store")) as c:
        yield c


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/query"),
        ("GET", "/sparql?query=ASK%20%7B%7D"),
        ("GET", "/no/such/page"),
        ("GET", "/static/query.js"),
        ("GET", "/openapi.json"),
        ("POST", "/sparql"),
    ],
)
def test_every_answer_has_the_security_headers(client, method: str, path: str) -> None:
    answer = client.request(method, path)
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers[name] == value, name


def test_a_body_over_the_cap_is_refused_with_the_headers_too(client) -> None:
    answer = client.post(
        "/rdf-graph-store?default", headers={"Content-Length": str(65 * 1024 * 1024)}, content=b""
    )
    assert answer.status_code == 413
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["connection"] == "close"


def test_the_policy_allows_scripts_from_the_service_only(client) -> None:
    policy = client.get("/query").headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["connect-src"] == "'self'"
    page = client.get("/query").text
    # The page's scripts are files of the service, none inline.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


def test_swagger_ui_may_run_its_one_inline_script_and_no_other(client) -> None:
    answer = client.get("/docs")
    policy = answer.headers["content-security-policy"]
    sources = inline_script_sources(answer.text)
    assert sources.startswith("'sha256-") and len(sources.split()) == 1
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'", sources]
    assert "frame-ancestors 'none'" in policy


def test_redoc_keeps_its_images_here(client) -> None:
    policy = client.get("/redoc").headers["content-security-policy"]
    assert "img-src 'self' data:" in policy
    assert "worker-src 'self' blob:" in policy


def test_a_query_with_too_many_triple_patterns_is_refused_before_the_engine() -> None:
    """One group of 10,000 triple patterns crashed a worker (issue 11's adversary)."""
    many = "SELECT * WHERE { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(1200)) + " }"
    shape = inspect_query(many)
    assert shape.problem is not None and "triple patterns" in shape.problem
    # Within the limit (also with ; and , and nested groups): accepted.
    fine = (
        "SELECT * WHERE { "
        + " ".join(f"?s <urn:p{i}> ?o{i} ; <urn:q> 1, 2 ." for i in range(300))
        + " }"
    )
    assert inspect_query(fine).problem is None
    # Updates carry data, which the engine does not join: not counted.
    data = "INSERT DATA { " + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(5000)) + " }"
    assert inspect_update(data).problem is None


def test_the_triple_pattern_limit_counts_patterns_and_the_items_of_a_collection() -> None:
    def refused(query: str) -> bool:
        return "triple patterns" in (inspect_query(query).problem or "")

    # 1,001 patterns ran to the timeout; 1,000 is the most accepted, a trailing dot or not
    assert refused("ASK { " + " . ".join(f"?s <urn:p{i}> ?o{i}" for i in range(1001)) + " }")
    assert not refused("ASK { " + " . ".join(f"?s <urn:p{i}> ?o{i}" for i in range(1000)) + " }")
    assert not refused("ASK { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(1000)) + " }")
    # a collection's items are two patterns each, whatever they are, and they stay the
    # group's when the list closes: 5,000 crashed a worker (an adversary, then a reviewer)
    for item in ("1 ", "() ", "[] "):
        assert refused("ASK { ?s <urn:p> (" + item * 5000 + ") }")
    lists = " . ".join(f"?s <urn:p{i}> (" + "1 " * 490 + ")" for i in range(12))
    assert refused(f"ASK {{ {lists} }}")
    assert not refused("ASK { ?s <urn:p> (1 2 3) }")
    # in an update's WHERE too; its data (INSERT DATA) is not joined and not counted
    where = "{ ?s <urn:p> (" + "1 " * 5000 + ") }"
    update = f"INSERT {{ GRAPH <urn:g> {{ <urn:s> <urn:p> 1 }} }} WHERE {where}"
    assert "triple patterns" in (inspect_update(update).problem or "")
    # a VALUES block is data, whatever its size
    rows = " ".join(f"({i} {i})" for i in range(3000))
    assert not refused(f"SELECT * WHERE {{ VALUES (?a ?b) {{ {rows} }} }}")
