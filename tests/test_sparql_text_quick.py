"""The quick path of inspect_query agrees with the tokenizer whenever it answers.

`inspect_query` skips tokenizing a short, plain query (sparql_text.quick_query_shape):
every answer it gives must be the one the tokenizer would give, and a text it
cannot vouch for must go to the tokenizer.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.store import sparql_text
from gemeentegraaf.store.sparql_text import (
    MAX_DEPTH,
    MAX_PATH,
    inspect_query,
    tokenized_query_shape,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.bench_compare_queries import QUERIES


def _agree(text: str) -> None:
    quick = sparql_text.quick_query_shape(text)
    full = tokenized_query_shape(text)
    if quick is None:
        return
    assert (quick.form, quick.has_dataset_clause, quick.outbound, quick.problem) == (
        full.form,
        full.has_dataset_clause,
        full.outbound,
        full.problem,
    ), text
    assert full.depth <= quick.depth


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_the_benchmark_queries_take_the_quick_path_and_agree(query) -> None:
    assert sparql_text.quick_query_shape(query.text) is not None
    _agree(query.text)


@pytest.mark.parametrize(
    "text",
    [
        # A form word inside a comment, a string or an IRI is not the form.
        "# SELECT\nASK {}",
        "PREFIX ex: <http://example.org/SELECT/>\nASK { ex:a ?p ?o }",
        "BASE <http://x/CONSTRUCT>\nSELECT * {}",
        'ASK { ?s ?p "SELECT" }',
        "DESCRIBE <http://example.org/a>",
        "construct where { ?s ?p ?o }",
        "PREFIX : <http://e/>\nPREFIX a.b-c: <http://f/>\nSELECT ?x { ?x :p ?y }",
        "ASK{}",
        "SELECT*{?s ?p ?o}",
        # A word that holds "from" is no FROM keyword.
        "PREFIX prov: <http://www.w3.org/ns/prov#>\nSELECT ?d { ?a prov:wasDerivedFrom ?d }",
    ],
)
def test_plain_queries_are_read_quickly_and_alike(text: str) -> None:
    assert sparql_text.quick_query_shape(text) is not None
    _agree(text)


@pytest.mark.parametrize(
    "text",
    [
        # Each could change the shape, so the tokenizer decides.
        "SELECT * FROM <http://g> { ?s ?p ?o }",
        "SELECT*from<http://g>{}",
        "SELECT (1 AS ?x)FROM NAMED <http://g> {}",
        "SELECT * { SERVICE <http://remote/sparql> { ?s ?p ?o } }",
        "SELECT * { ?s ?p 'download' }",
        "SELECT * {" + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1) + "}",
        "SELECT * { ?s " + "/".join(["<p>"] * (MAX_PATH + 2)) + " ?o }",
        "SELECT * { ?s ?p ?o . }" + " " * 20_001,
        "PREFIX ex: <http://e/> PREFIX:<http://f/> SELECT * {}",
        "NOT A QUERY",
        "",
    ],
)
def test_texts_that_may_differ_go_to_the_tokenizer(text: str) -> None:
    assert sparql_text.quick_query_shape(text) is None
    assert inspect_query(text) == tokenized_query_shape(text)


_PIECES = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "PREFIX ex: <http://e/>",
        "BASE <http://b/>",
        "FROM",
        "NAMED",
        "SERVICE",
        "WHERE",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "?s",
        "?p",
        "?o",
        "ex:p",
        "<http://e/x>",
        "'str'",
        '"SELECT"',
        "# comment\n",
        "FILTER",
        "OPTIONAL",
        "UNION",
        "a",
        ".",
        ";",
        ",",
        "/",
        "|",
        "^",
        "!",
        "<",
        ">",
        "=",
        "+",
        "1",
        "true",
        "GRAPH",
        "VALUES",
        "BIND",
        "AS",
        "*",
        "\n",
        " ",
        "<<",
        ">>",
        "&&",
        "||",
        "\t",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from([" ", "", "\n"]))
def test_any_text_the_quick_path_answers_agrees_with_the_tokenizer(pieces, glue) -> None:
    _agree(glue.join(pieces))
