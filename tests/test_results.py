"""SPARQL results as bytes: pyoxigraph's serialisers, plus the row cap and the prefixes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from gemeentegraaf.common.namespaces import PREFIXES
from gemeentegraaf.service import results
from gemeentegraaf.service.negotiation import (
    N_TRIPLES,
    RDF_XML,
    SPARQL_CSV,
    SPARQL_JSON,
    SPARQL_TSV,
    SPARQL_XML,
    TABULAR,
    TRIG,
    TURTLE,
    MediaFormat,
)

EX = "http://example.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# Terms that a hand-written writer gets wrong most easily: escapes, languages,
# base directions, datatypes, blank nodes, triple terms, characters outside the
# BMP, numbers that TSV may abbreviate, and unbound variables.
QUERY = f"""
SELECT ?iri ?text ?lang ?dir ?int ?dec ?dbl ?bool ?typed ?bnode ?triple ?unbound WHERE {{
  VALUES (?iri ?text) {{
    (<{EX}a> "tab\\there, newline\\nthere, \\"quotes\\", back\\\\slash, \\r")
    (<{EX}b?x=1&y=2> "😀 é, ; ½ \\u00A0")
    (<{EX}c> "")
  }}
  OPTIONAL {{ ?iri <{EX}p> ?bnode }}
  BIND("hoofdstad"@nl AS ?lang)
  BIND("right"@ar--rtl AS ?dir)
  BIND(931298 AS ?int)
  BIND(1.50 AS ?dec)
  BIND(1e3 AS ?dbl)
  BIND(true AS ?bool)
  BIND("x"^^<{EX}dt> AS ?typed)
  BIND(<<( <{EX}s> <{EX}p> "o\\t"@en )>> AS ?triple)
}} ORDER BY ?iri
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.BlankNode("b1")))
    return store


def _rows(store: ox.Store, query: str = QUERY) -> tuple[list[str], list[list]]:
    answer = store.query(query)
    variables = [v.value for v in answer.variables]
    return variables, list(results.solution_rows(answer, len(variables)))


@pytest.mark.parametrize("fmt", TABULAR, ids=lambda f: f.key)
def test_select_is_what_pyoxigraph_writes_for_the_whole_result(
    store: ox.Store, fmt: MediaFormat
) -> None:
    variables, rows = _rows(store)
    assert rows[0][variables.index("bnode")] == ox.BlankNode("b1")
    ours = results.solutions(variables, rows, fmt, truncated=False, cap=100)
    assert ours == store.query(QUERY).serialize(format=fmt.results)


@pytest.mark.parametrize("fmt", [SPARQL_JSON, SPARQL_XML, SPARQL_TSV], ids=lambda f: f.key)
def test_select_reads_back_as_the_same_terms(store: ox.Store, fmt: MediaFormat) -> None:
    variables, rows = _rows(store)
    body = results.solutions(variables, rows, fmt, truncated=False, cap=100)
    back = ox.parse_query_results(body, format=fmt.results)
    assert [v.value for v in back.variables] == variables
    assert [[s[i] for i in range(len(variables))] for s in back] == rows


def test_csv_holds_plain_values(store: ox.Store) -> None:
    variables, rows = _rows(store)
    body = results.solutions(variables, rows, SPARQL_CSV, truncated=False, cap=100)
    table = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert table[0] == variables
    first = dict(zip(variables, table[1], strict=True))
    assert first["text"] == 'tab\there, newline\nthere, "quotes", back\\slash, \r'
    assert first["int"] == "931298" and first["unbound"] == ""
    assert first["bnode"].startswith("_:")


def test_no_variables_and_no_rows(store: ox.Store) -> None:
    for query, expected in (("SELECT * {}", [{}]), ("SELECT ?x { FILTER(false) }", [])):
        variables, rows = _rows(store, query)
        body = json.loads(results.solutions(variables, rows, SPARQL_JSON, truncated=False, cap=9))
        assert body["results"]["bindings"] == expected


# ---------------------------------------------------------------------------
# The row cap
# ---------------------------------------------------------------------------


def test_take_says_whether_rows_were_left_out() -> None:
    assert results.take(iter(range(5)), 3) == ([0, 1, 2], True)
    assert results.take(iter(range(3)), 3) == ([0, 1, 2], False)


def test_a_cut_result_says_so_in_json_and_xml(store: ox.Store) -> None:
    variables, rows = _rows(store)
    kept, cut = results.take(rows, 2)
    assert cut

    document = json.loads(results.solutions(variables, kept, SPARQL_JSON, truncated=True, cap=2))
    assert document["truncated"] is True and document["maxRows"] == 2
    assert len(document["results"]["bindings"]) == 2

    xml = results.solutions(variables, kept, SPARQL_XML, truncated=True, cap=2)
    assert b"<!-- truncated: the server returns at most 2 rows -->" in xml
    root = ET.fromstring(xml)  # still well-formed
    assert len(root.findall("{http://www.w3.org/2005/sparql-results#}results/*")) == 2
    back = ox.parse_query_results(xml, format=ox.QueryResultsFormat.XML)
    assert len(list(back)) == 2

    # CSV and TSV have no place for it: the X-SPARQL-Truncated header says it.
    for fmt in (SPARQL_CSV, SPARQL_TSV):
        assert results.solutions(variables, kept, fmt, truncated=True, cap=2) == (
            results.solutions(variables, kept, fmt, truncated=False, cap=2)
        )


# ---------------------------------------------------------------------------
# The byte cap
# ---------------------------------------------------------------------------

WIDE = 'SELECT ?i ?text WHERE { VALUES ?i { %s } BIND(CONCAT("row ", STR(?i), " %s") AS ?text) }'


def _wide_rows(store: ox.Store, count: int) -> tuple[list[str], list[list]]:
    values = " ".join(str(i) for i in range(count))
    return _rows(store, WIDE % (values, "x" * 200))


@pytest.mark.parametrize("fmt", TABULAR, ids=lambda f: f.key)
def test_a_select_past_the_byte_cap_is_cut_to_fit_and_says_so(
    store: ox.Store, fmt: MediaFormat
) -> None:
    variables, rows = _wide_rows(store, 500)
    whole = results.solutions(variables, rows, fmt, truncated=False, cap=1000)
    cap = len(whole) // 3
    lines, cut = results.take_tsv_rows(rows, 1000, cap)
    body, cut = results.capped_solutions(variables, lines, fmt, cut, cap)
    assert len(body) <= cap
    assert cut.max_bytes == cap and cut.max_rows is None
    assert cut.headers() == {"X-SPARQL-Truncated": "true", "X-SPARQL-Max-Bytes": str(cap)}
    if fmt.key == SPARQL_JSON.key:
        document = json.loads(body)
        assert document["truncated"] is True and document["maxBytes"] == cap
        assert "maxRows" not in document
        # pyoxigraph's reader does not allow the extra members: without them.
        del document["truncated"], document["maxBytes"]
        body = json.dumps(document).encode()
    if fmt.key == SPARQL_CSV.key:  # pyoxigraph does not read CSV
        back = [line[0] for line in csv.reader(io.StringIO(body.decode(), newline=""))][1:]
    else:
        back = [s[0].value for s in ox.parse_query_results(body, format=fmt.results)]
    # Cut near the cap, not far below it, and keeps the first rows in order.
    assert 0.8 * len(rows) / 3 < len(back) < len(rows) / 3 + 1
    assert back == [row[0].value for row in rows[: len(back)]]
    if fmt.key == SPARQL_XML.key:
        assert f"<!-- truncated: the server returns at most {cap} bytes -->".encode() in body


def test_rows_past_the_byte_cap_are_not_read(store: ox.Store) -> None:
    variables, rows = _wide_rows(store, 500)
    read = []

    def counted():
        for row in rows:
            read.append(row)
            yield row

    lines, cut = results.take_tsv_rows(counted(), 1000, 20_000)
    assert cut.max_bytes == 20_000
    assert len(read) == len(lines) + 1 < 100  # ~220 bytes a row: the 91st passes the cap


def test_a_result_within_both_caps_is_whole(store: ox.Store) -> None:
    variables, rows = _wide_rows(store, 50)
    lines, cut = results.take_tsv_rows(rows, 1000, 1_000_000)
    body, cut = results.capped_solutions(variables, lines, SPARQL_JSON, cut, 1_000_000)
    assert not cut and cut.headers() == {}
    assert body == results.solutions(variables, rows, SPARQL_JSON, truncated=False, cap=1000)


def test_the_row_cap_and_the_byte_cap_both_say_so(store: ox.Store) -> None:
    variables, rows = _wide_rows(store, 500)
    lines, cut = results.take_tsv_rows(rows, 100, 1_000_000)
    assert cut.max_rows == 100 and len(lines) == 100
    body, cut = results.capped_solutions(variables, lines, SPARQL_JSON, cut, 10_000)
    document = json.loads(body)
    assert len(body) <= 10_000
    assert (document["maxRows"], document["maxBytes"]) == (100, 10_000)
    assert cut.headers()["X-SPARQL-Max-Rows"] == "100"
    assert cut.headers()["X-SPARQL-Max-Bytes"] == "10000"


@pytest.mark.parametrize("fmt", [TURTLE, N_TRIPLES, RDF_XML, TRIG], ids=lambda f: f.key)
def test_a_graph_past_the_byte_cap_is_cut_to_fit(fmt: MediaFormat) -> None:
    triples = [
        ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(SKOS + "prefLabel"), ox.Literal("y" * 80))
        for i in range(400)
    ]
    whole = results.graph_bytes(triples, fmt)
    cap = len(whole) // 4
    kept, cut = results.take_triples(iter(triples), 10_000, cap)
    body, cut = results.capped_graph(kept, fmt, cut, cap)
    assert len(body) <= cap and cut.max_bytes == cap
    back = list(ox.parse(body, format=fmt.rdf))
    assert 0.7 * len(triples) / 4 < len(back) <= len(triples) / 4


@pytest.mark.parametrize("count", [255, 256, 257, 600])
def test_triples_are_taken_up_to_the_exact_n_triples_size_across_chunks(count: int) -> None:
    triples = [
        ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(SKOS + "prefLabel"), ox.Literal("é" * i))
        for i in range(count)
    ]
    lines = [len(ox.serialize([t], format=ox.RdfFormat.N_TRIPLES)) for t in triples]
    whole = sum(lines)
    assert results.take_triples(iter(triples), count, whole) == (triples, results.NOT_TRUNCATED)
    # One byte short: the last triple no longer fits, wherever its chunk ends.
    kept, cut = results.take_triples(iter(triples), count, whole - 1)
    assert kept == triples[:-1] and cut == results.Truncation(max_bytes=whole - 1)
    kept, cut = results.take_triples(iter(triples), count - 1, whole)
    assert kept == triples[:-1] and cut == results.Truncation(max_rows=count - 1)


def test_triples_past_a_cap_are_not_read() -> None:
    read = 0

    def source():
        nonlocal read
        for i in range(100_000):
            read += 1
            yield ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal("x"))

    kept, cut = results.take_triples(source(), 300, 10_000_000)
    assert len(kept) == 300 and cut.max_rows == 300
    assert read <= 2 * 256  # the chunk in which the cap fell, no further


# ---------------------------------------------------------------------------
# ASK
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", TABULAR, ids=lambda f: f.key)
@pytest.mark.parametrize("value", [True, False])
def test_ask_is_what_pyoxigraph_writes(store: ox.Store, fmt: MediaFormat, value: bool) -> None:
    query = "ASK {}" if value else "ASK { FILTER(false) }"
    assert results.boolean(value, fmt) == store.query(query).serialize(format=fmt.results)


def test_a_graph_format_is_not_a_results_format() -> None:
    with pytest.raises(ValueError, match="not a results format"):
        results.solutions(["x"], [], TURTLE, truncated=False, cap=1)


# ---------------------------------------------------------------------------
# Graphs: the prefixes used, no more
# ---------------------------------------------------------------------------

TRIPLES = [
    ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(SKOS + "prefLabel"), ox.Literal("A")),
    ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(SKOS + "notation"), ox.BlankNode("n")),
]


def _declared(body: bytes) -> set[str]:
    text = body.decode("utf-8")
    return {name for name in PREFIXES if f"@prefix {name}:" in text or f"xmlns:{name}=" in text}


@pytest.mark.parametrize("fmt", [TURTLE, TRIG, RDF_XML], ids=lambda f: f.key)
def test_prefixed_formats_declare_only_the_prefixes_they_use(fmt: MediaFormat) -> None:
    # skos for the predicates, xsd for the string's datatype, rdf for RDF/XML itself.
    assert "skos" in _declared(results.graph_bytes(TRIPLES, fmt)) <= {"skos", "xsd", "rdf"}
    # Why results.used_prefixes exists: pyoxigraph declares every prefix it is given.
    everything = ox.serialize(TRIPLES, format=fmt.rdf, prefixes=PREFIXES)
    assert _declared(everything) == set(PREFIXES)


@pytest.mark.parametrize("fmt", [TURTLE, N_TRIPLES, RDF_XML, TRIG], ids=lambda f: f.key)
def test_graphs_read_back_as_the_same_triples(fmt: MediaFormat) -> None:
    body = results.graph_bytes(TRIPLES, fmt)
    back = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt.rdf)]
    assert len(back) == len(TRIPLES)
    assert {(t.subject, t.predicate) for t in back} == {(t.subject, t.predicate) for t in TRIPLES}


# ---------------------------------------------------------------------------
# SELECT rows read by pyoxigraph's own TSV writer (what the query workers do)


def _terms(variables: list[str], lines: list[str]) -> list[tuple]:
    tsv = "\t".join(f"?{v}" for v in variables) + "\n" + "".join(f"{line}\n" for line in lines)
    parsed = ox.parse_query_results(tsv.encode(), format=ox.QueryResultsFormat.TSV)
    return [tuple(solution[v] for v in variables) for solution in parsed]


def test_rows_read_by_the_engine_are_the_rows_read_one_by_one(store: ox.Store) -> None:
    variables, rows = _rows(store)
    read_variables, lines, cut = results.read_tsv_rows(store.query(QUERY), 1000, 1_000_000)
    assert read_variables == variables and not cut
    one_by_one, _ = results.take_tsv_rows(rows, 1000, 1_000_000)
    assert _terms(variables, lines) == _terms(variables, one_by_one)


def test_the_engine_stops_at_the_row_cap(store: ox.Store) -> None:
    query = WIDE % (" ".join(str(i) for i in range(5000)), "x")
    variables, lines, cut = results.read_tsv_rows(store.query(query), 100, 1_000_000)
    assert cut.max_rows == 100 and cut.max_bytes is None and len(lines) == 100
    _, rows = _rows(store, query)
    assert _terms(variables, lines) == [tuple(row) for row in rows[:100]]


def test_the_engine_stops_past_the_byte_cap_even_inside_a_row(store: ox.Store) -> None:
    query = WIDE % (" ".join(str(i) for i in range(5000)), "x" * 200)
    sizes = []
    for cap in (100, 20_000, 100_000):
        variables, lines, cut = results.read_tsv_rows(store.query(query), 100_000, cap)
        assert cut.max_bytes == cap and cut.max_rows is None
        assert sum(len(line) + 1 for line in lines) <= cap
        sizes.append(len(lines))
    assert sizes[0] == 0 and 0 < sizes[1] < sizes[2] < 5000
    _, rows = _rows(store, query)
    assert _terms(variables, lines) == [tuple(row) for row in rows[: len(lines)]]
