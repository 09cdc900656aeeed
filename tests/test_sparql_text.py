"""Reading SPARQL text before running it: query form, dataset clauses, SERVICE/LOAD, USING."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from gemeentegraaf.service.negotiation import (
    GRAPH_FORMATS,
    TABULAR,
    choose,
    from_parameter,
    prefers_html,
)
from gemeentegraaf.store.sparql_text import (
    add_using,
    algebra_outbound,
    explain_syntax_error,
    inspect_query,
    inspect_update,
    named_write_targets,
    outbound_operation,
    query_key,
)


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("PREFIX ex: <http://ex/> SELECT * { ?s ?p ?o }", "select"),
        ("# CONSTRUCT in a comment\nASK { }", "ask"),
        ("BASE <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
        ("describe <http://x>", "describe"),
        ("INSERT DATA { <a> <b> <c> }", None),
    ],
)
def test_the_query_form_is_found(query: str, form: str | None) -> None:
    assert inspect_query(query).form == form


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { Service Silent ?endpoint { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<1)SERVICE#>\n<http://x/> { } }",
        'SELECT * WHERE { ?s ?p ?o FILTER(?o<"a")SERVICE <http://x/> { } }',
        "SELECT * WHERE { ?s ?p ?o } ORDER BY (?o<1)SERVICE#>\n",
        "SELECT (?a<?b> AS ?x) WHERE { SERVICE <http://x/> { } }",
    ],
)
def test_service_is_seen_wherever_the_engine_would_see_it(query: str) -> None:
    assert inspect_query(query).outbound == "SERVICE"


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
        "SELECT * WHERE { ?s ?p '''multi\nline SERVICE''' }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "PREFIX service: <http://x/> SELECT * WHERE { service:a ?p ?o }",
        "SELECT ?SERVICE WHERE { ?s ?p ?SERVICE } # SERVICE <http://x/> {}",
        "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> SELECT * { ?s sd:endpoint ?o }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < <http://x/SERVICE>) }",
        "SELECT * WHERE { ?s ?p (<http://x/a#SERVICE> <b>) }",
    ],
)
def test_the_word_service_elsewhere_is_not_a_service_call(query: str) -> None:
    assert inspect_query(query).outbound is None
    assert outbound_operation(query, None, update=False) is None


def test_the_grammar_based_second_opinion_agrees() -> None:
    assert (
        algebra_outbound(
            "SELECT * { ?s ?p ?o FILTER(?o<1)SERVICE#>\n<http://x/> { } }", update=False
        )
        == "SERVICE"
    )
    assert algebra_outbound('SELECT * { ?s ?p "SERVICE" }', update=False) is None
    assert algebra_outbound("LOAD <http://x/>", update=True) == "LOAD"
    assert algebra_outbound("not sparql at all", update=False) is None


def test_load_and_dataset_clauses_in_updates() -> None:
    assert inspect_update("LOAD SILENT <http://x/> INTO GRAPH <http://g>").outbound == "LOAD"
    assert inspect_update('INSERT DATA { <http://a> <http://b> "LOAD" }').outbound is None
    assert inspect_update(
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    ).has_using_or_with
    assert not inspect_update("INSERT DATA { <http://a> <http://b> <http://c> }").has_using_or_with


def test_from_marks_a_query_with_its_own_dataset() -> None:
    assert inspect_query("SELECT * FROM <http://g> { ?s ?p ?o }").has_dataset_clause
    assert not inspect_query('SELECT * { ?s ?p "FROM" }').has_dataset_clause


def test_using_clauses_go_before_each_where_of_a_modify() -> None:
    update = (
        "DELETE { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } } ; "
        "DELETE WHERE { ?a ?b ?c } ; INSERT { ?x ?y ?z } WHERE { ?x ?y ?z }"
    )
    rewritten = add_using(update, ["http://g1"], ["http://g2"])
    assert rewritten.count("USING <http://g1> USING NAMED <http://g2> WHERE") == 2
    assert "DELETE WHERE { ?a ?b ?c }" in rewritten
    store = ox.Store()
    store.update(rewritten)  # still valid SPARQL


@pytest.mark.parametrize(
    ("accept", "key"),
    [
        (None, "json"),
        ("", "json"),
        ("*/*", "json"),
        ("application/sparql-results+xml;q=0.8, text/csv", "csv"),
        ("text/*", "csv"),
        ("application/xml", "xml"),
        ("text/tab-separated-values;q=0, */*;q=0.1", "json"),
        ("image/png", None),
        ("text/csv;q=0", None),
    ],
)
def test_accept_chooses_a_results_format(accept: str | None, key: str | None) -> None:
    chosen = choose(accept, TABULAR)
    assert (chosen.key if chosen else None) == key


def test_the_format_parameter_names_formats_by_short_name_or_media_type() -> None:
    assert from_parameter(["json"], GRAPH_FORMATS).key == "jsonld"
    assert from_parameter(["json"], TABULAR).key == "json"
    assert from_parameter(["nonsense", "text/csv"], TABULAR).key == "csv"
    assert from_parameter(["turtle"], TABULAR) is None


def test_a_browser_prefers_html_but_curl_does_not() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert prefers_html(browser, GRAPH_FORMATS)
    assert not prefers_html("*/*", GRAPH_FORMATS)
    assert not prefers_html(None, GRAPH_FORMATS)
    assert not prefers_html("text/turtle, text/html;q=0.5", GRAPH_FORMATS)


@pytest.mark.parametrize(
    ("update", "named"),
    [
        ("CLEAR SILENT GRAPH <urn:a>", ["urn:a"]),
        ("drop graph <urn:b>", ["urn:b"]),
        ("CREATE GRAPH <urn:c>", ["urn:c"]),
        ("PREFIX x: <urn:x:> INSERT DATA { GRAPH x:g { <s> <p> 1 } } ; DROP ALL", ["urn:x:g"]),
        (
            "INSERT DATA { GRAPH <urn:g1> { <s> <p> 1 } GRAPH <urn:g2> { <s> <p> 2 } }",
            ["urn:g1", "urn:g2"],
        ),
        # Templates write; what a WHERE clause names is only read.
        ("INSERT { GRAPH <urn:t> { ?s ?p ?o } } WHERE { GRAPH <urn:r> { ?s ?p ?o } }", ["urn:t"]),
        (
            "DELETE { GRAPH <urn:d> { ?s ?p ?o } } INSERT { GRAPH <urn:i> { ?s ?p 1 } } "
            "WHERE { GRAPH <urn:w> { ?s ?p ?o } }",
            ["urn:d", "urn:i"],
        ),
        ("DELETE { GRAPH <urn:d> { ?s ?p ?o } } WHERE { GRAPH <urn:w> { ?s ?p ?o } }", ["urn:d"]),
        ("DELETE WHERE { GRAPH <urn:dw> { ?s ?p ?o } }", ["urn:dw"]),
        (
            "INSERT { GRAPH <urn:t> { ?s ?p [] } } "
            "WHERE { { SELECT * WHERE { GRAPH <urn:in> { ?s ?p ?o } } } }",
            ["urn:t"],
        ),
        (
            "INSERT { ?s ?p ?o } WHERE { GRAPH <urn:r> { ?s ?p ?o } } ; CLEAR GRAPH <urn:z>",
            ["urn:z"],
        ),
        # ADD/COPY write their target; MOVE empties its source too.
        ("COPY GRAPH <urn:from> TO GRAPH <urn:to>", ["urn:to"]),
        ("ADD DEFAULT TO <urn:a2>", ["urn:a2"]),
        ("MOVE <urn:m1> TO <urn:m2>", ["urn:m1", "urn:m2"]),
        ("MOVE GRAPH <urn:m1> TO DEFAULT", ["urn:m1"]),
        # What only running the update shows.
        ("WITH <urn:with> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", []),
        ("INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }", []),
        ("INSERT DATA { <s> <p> <o> }", []),
        ("CREATE GRAPH <relative>", []),
        ("INSERT DATA { GRAPH unknown:g { <s> <p> 1 } }", []),
        ("CLEAR ALL ; DROP NAMED", []),
        # A GRAPH in a string or a comment is no graph.
        ('INSERT DATA { <s> <p> "GRAPH <urn:no>" } # CLEAR GRAPH <urn:no>', []),
    ],
)
def test_the_graphs_an_update_names_as_written(update: str, named: list[str]) -> None:
    assert sorted(named_write_targets(update)) == named


@pytest.mark.parametrize(
    ("text", "update", "said"),
    [
        ("SELECT * WHERE { ?s foo:bar ?o }", False, "the prefix foo: is not declared"),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  ?o ex:x ?y }", False, "the prefix ex: is not declared"),
        (
            "PREFIX x: <urn:x:> INSERT DATA { <urn:a> <urn:b> 1 }",
            False,
            "this is an update (INSERT)",
        ),
        ("DROP GRAPH <urn:g>", False, "send it as `update=`"),
        ("ASK { ?s ?p ?o }", True, "this is a query (ASK), not an update"),
        ("SELECT * WHERE { ?s ?p }", False, "error at 1:"),
        # a bracket left open or closed twice: the engine only lists what it expected
        ("SELECT * WHERE { ?s ?p ?o  LIMIT 3", False, "the `{` opened at 1:16 is never closed"),
        (
            "SELECT * WHERE {\n  ?s ?p ?o FILTER(?o > 1 }",
            False,
            "the `}` at 2:26 closes the `(` opened at 2:18",
        ),
        ("SELECT * WHERE { ?s ?p ?o } }", False, "the `}` at 1:29 closes nothing"),
        # brackets in strings, IRIs and comments are not counted, nor after a string that
        # is never closed
        ('SELECT * WHERE { ?s ?p "{(" # }\n ?o }', False, "error at 2:"),
        ('ASK { ?s ?p ?o . FILTER(?o > "1 }', False, "error at 1:"),
    ],
)
def test_syntax_errors_say_what_to_do(text: str, update: bool, said: str) -> None:
    store = ox.Store()
    with pytest.raises(SyntaxError) as raised:
        store.update(text) if update else store.query(text)
    explained = explain_syntax_error(text, str(raised.value), update=update)
    assert said in explained
    assert len(explained) <= 300 and "\\u{" not in explained
    if said.startswith("error at"):  # nothing said before the engine's own words
        assert explained.startswith(said)


@pytest.mark.parametrize(
    ("text", "before", "not_after"),
    [
        # a mistake early in the query: what follows where the engine gave up is not quoted
        ("SELEC * WHERE { ?s ?p ?o } LIMIT 1", "SELEC *", "LIMIT"),
        # a missing brace at the end of a query that ends in a newline
        ("SELECT ?x WHERE {\n  ?x ?y ?z .\n", "?x ?y ?z .", "SELECT ?y"),
    ],
)
def test_a_syntax_error_quotes_the_words_before_where_the_engine_gave_up(
    text: str, before: str, not_after: str
) -> None:
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(text)
    explained = explain_syntax_error(text, str(raised.value))
    excerpt = explained.rpartition("(after «")[2]
    assert before in excerpt and not_after not in excerpt
    assert len(explained) <= 300


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("SELECT * WHERE { ?s ?p \x1b[31mX }", "\\u001B"),  # a terminal's colour escape
        ("SELECT * WHERE { ?s ?p ?o \u202e. FILTER( }", "\\u202E"),  # right to left
        ("SELECT * WHERE { ?s ?p ?o . \U000e0001 }", "\\U000E0001"),  # a language tag mark
        ("SELECT * WHERE { ?s ?p ?o \u200b }", "\\u200B"),  # zero width
    ],
)
def test_a_syntax_error_shows_hidden_characters_of_the_query_as_escapes(
    text: str, escaped: str
) -> None:
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(text)
    explained = explain_syntax_error(text, str(raised.value))
    assert escaped in explained
    assert not any(c in explained for c in "\x1b\u202e\U000e0001\u200b")


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT *\nWHERE {?s ?p ?o} # run 2", True),
        ("# run 1\nASK { ?s ?p 1 }", "ASK{ ?s ?p 1 }\n#run 2", True),
        # What a client changes to pass for another query: names, case, declarations, limits.
        ("SELECT ?s WHERE { ?s ?p ?o }", "select ?x where { ?x ?q ?y }", True),
        ("ASK { ?s ?p ?o }", "ASK { $s $p $o }", True),
        ("ASK { ?s ?p ?o }", "PREFIX ex: <http://example.org/> ASK { ?s ?p ?o }", True),
        ("ASK { ?s ?p ?o }", "BASE <http://example.org/> ASK { ?s ?p ?o }", True),
        ("SELECT * { ?s ?p ?o } LIMIT 10", "SELECT * { ?s ?p ?o } LIMIT 11 OFFSET 3", False),
        ("SELECT * { ?s ?p ?o } LIMIT 10", "SELECT * { ?s ?p ?o } LIMIT 650001", True),
        # What it matches on still counts: constants, and which variables repeat.
        ('ASK { ?s ?p "a # b" }', 'ASK { ?s ?p "a" }', False),
        ("ASK { <http://x/#a> ?p 1 }", "ASK { <http://x/> ?p 1 }", False),
        ("ASK { ?s ?p 1 }", "ASK { ?s ?p 2 }", False),
        ('ASK { ?s ?p "A" }', 'ASK { ?s ?p "a" }', False),
        ("ASK { ?a ?b ?a }", "ASK { ?a ?b ?c }", False),
        (
            "PREFIX ex: <http://a/> ASK { ex:x ?p ?o }",
            "PREFIX ex: <http://a/> ASK { ex:y ?p ?o }",
            False,
        ),
    ],
)
def test_the_query_key_ignores_what_does_not_change_the_work(
    one: str, other: str, same: bool
) -> None:
    assert (query_key(one) == query_key(other)) is same
