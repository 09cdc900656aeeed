"""The query files (gemeentegraaf/queries/rq/*.rq) and the loader that binds their parameters."""

from __future__ import annotations

import re
from pathlib import Path

import gemeentegraaf
import pyoxigraph as ox
import pytest
from gemeentegraaf.common.namespaces import PREFIXES
from gemeentegraaf.queries.read_model import ABOUT_FIRST
from gemeentegraaf.queries.sparql_files import (
    ANY,
    QueryFileError,
    QueryInputError,
    count_query,
    load,
    page_query,
    parse_file,
    query,
    query_names,
)
from gemeentegraaf.store.sparql_text import VAR, quick_query_shape, tokenize
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql.parser import parseQuery

NAMES = query_names()
EX = "https://example.org/"


def _parses(text: str) -> None:
    """Both parsers accept `text` (pyoxigraph by running it on an empty store)."""
    parseQuery(text)
    ox.Store().query(text)


def _header(text: str) -> str:
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    return "\n".join(lines[:end])


def test_there_are_query_files() -> None:
    # The read model, the analyses, evaluation and the query page's examples.
    assert len(NAMES) >= 60
    assert {"labels", "analysis/fingerprint", "evaluate/evidence", "examples/grafen"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_is_a_standalone_query(name: str) -> None:
    _parses(load(name).text)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_says_what_it_answers_and_which_parameters_it_takes(name: str) -> None:
    file = load(name)
    header = _header(file.text)
    assert header.startswith("# ") and len(header.splitlines()[0]) > 10, "a first line"
    assert "Parameters:" in header
    documented = set(re.findall(r"\$(\w+)", header))
    assert documented == set(file.parameters), "every parameter, and nothing else, documented"
    if not file.parameters:
        assert "Parameters: none." in header
    for list_parameter in file.lists:
        assert re.search(rf"\${list_parameter}\s+VALUES list", header)


@pytest.mark.parametrize("name", NAMES)
def test_each_file_declares_the_project_namespaces(name: str) -> None:
    declared = re.findall(r"^PREFIX (\w*): <([^>]*)>", load(name).text, re.MULTILINE)
    for prefix, iri in declared:
        assert PREFIXES.get(prefix) == iri, f"PREFIX {prefix}: differs from common.namespaces"


@pytest.mark.parametrize("name", NAMES)
def test_each_file_parses_with_its_parameters_bound(name: str) -> None:
    file = load(name)
    values = {p: URIRef(f"{EX}{p}") for p in file.terms}
    values |= {p: [URIRef(f"{EX}{p}/1"), Literal("two")] for p in file.lists}
    values |= {p: [URIRef(f"{EX}{p}/1"), Literal("two words")] for p in file.in_lists}
    bound = file.bind(values)
    _parses(bound)
    assert "$" not in "".join(t.text for t in tokenize(bound) if t.kind == VAR)


# ---------------------------------------------------------------------------
# Binding


TEMPLATE = """# A test template.
# Parameters: $value $iri $items
SELECT ?v ?w ?item WHERE {
  BIND($value AS ?v)   # $value in a comment stays
  BIND("$value in a string" AS ?w)
  VALUES $items { }
  ?item <http://example.org/$value> $iri .
}"""


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


HOSTILE_LITERALS = [
    'say "hi"',
    "} } # not a comment",
    'x" } ; DROP ALL ; SELECT * { "',
    'three """ quotes """',
    "line\nbreak } #",
    "cr\r\nlf",
    "back\\slash\\",
    "\\u0022 } ?x",
    "'single' '''triple'''",
    "tab\tand\x0b vertical",
    "ünïcödé 🚀 \u2028",
    "$value ?v <http://x>",
]


@pytest.mark.parametrize("text", HOSTILE_LITERALS)
@pytest.mark.parametrize("lang", [None, "nl"])
def test_a_hostile_literal_stays_one_value(text: str, lang: str | None) -> None:
    value = Literal(text, lang=lang)
    store = ox.Store()
    bound = parse_file("t", "SELECT ?v ?x WHERE { BIND($value AS ?v) }").bind({"value": value})
    rows = list(store.query(bound))
    assert len(rows) == 1
    assert rows[0]["v"] == (ox.Literal(text, language=lang) if lang else ox.Literal(text))
    assert rows[0]["x"] is None  # nothing in the value became a variable or a pattern
    assert [v.value for v in store.query(bound).variables] == ["v", "x"]


@pytest.mark.parametrize("text", HOSTILE_LITERALS)
def test_a_hostile_value_changes_no_token_of_the_query(text: str) -> None:
    value, iri, items = Literal(text), URIRef(EX + "a"), [Literal(text), Literal("b", lang="nl")]
    template = parse_file("t", TEMPLATE)
    bound = template.bind({"value": value, "iri": iri, "items": items})
    # Each term on its own is one string (with its language tag) or one IRI ...
    assert _tokens(value.n3()) == [("string", value.n3())]
    # ... and the bound query is the template's tokens with each parameter replaced by them.
    expected: list[tuple[str, str]] = []
    for kind, token in _tokens(TEMPLATE):
        if token == "$value":
            expected += _tokens(value.n3())
        elif token == "$iri":
            expected.append(("iri", f"<{EX}a>"))
        else:
            expected.append((kind, token))
            if expected[-2:] == [("var", "$items"), ("punct", "{")]:
                expected[-2] = ("var", "?items")
                expected += [tok for item in items for tok in _tokens(item.n3())]
    assert _tokens(bound) == expected
    _parses(bound)
    assert '"$value in a string"' in bound
    assert "# $value in a comment stays" in bound
    assert "<http://example.org/$value>" in bound


@pytest.mark.parametrize(
    "uri",
    [
        "http://example.org/a>b",
        "http://example.org/a> . ?s ?p ?o . <x:y",
        "http://example.org/a b",
        'http://example.org/"',
        "http://example.org/{x}",
        "http://example.org/a\\u003E",
        "http://example.org/\n",
        "not an iri",
        "",
    ],
)
def test_an_iri_that_could_break_out_is_refused(uri: str) -> None:
    with pytest.raises(QueryInputError):
        parse_file("t", "SELECT * WHERE { $iri ?p ?o }").bind({"iri": URIRef(uri)})
    with pytest.raises(QueryInputError):
        parse_file("t", "SELECT * WHERE { VALUES $s { } }").bind({"s": [URIRef(uri)]})


def test_a_literal_with_a_hostile_datatype_is_refused() -> None:
    with pytest.raises(QueryInputError):
        query("theme_narrower", theme=Literal("x", datatype=URIRef("http://x/> } #")))


@pytest.mark.parametrize(
    "value",
    ["http://example.org/a", 3, None, BNode(), Variable("s")],
    # Named by kind: a blank node's id is new in every process that collects the tests.
    ids=["plain-string", "number", "none", "blank-node", "variable"],
)
def test_only_iris_and_literals_are_values(value: object) -> None:
    with pytest.raises(QueryFileError, match="URIRef or Literal"):
        query("theme_narrower", theme=value)  # type: ignore[arg-type]


def test_unknown_and_missing_parameters_are_named() -> None:
    with pytest.raises(QueryFileError, match=r"no parameter them.*takes theme"):
        query("theme_narrower", them=URIRef(EX))
    with pytest.raises(QueryFileError, match="needs a value for theme"):
        query("theme_narrower")
    with pytest.raises(QueryFileError, match="no parameter x; it takes no parameters"):
        query("graph_counts", x=URIRef(EX))
    with pytest.raises(QueryFileError, match="no query file"):
        query("no_such_query")
    with pytest.raises(QueryFileError, match="not a query name"):
        query("../read_model")


def test_a_list_parameter_takes_a_list_and_a_term_parameter_a_term() -> None:
    with pytest.raises(QueryFileError, match="VALUES list"):
        query("known_resources", resource=URIRef(EX))
    with pytest.raises(QueryFileError, match="VALUES list"):
        query("known_resources", resource=EX)  # type: ignore[arg-type]
    with pytest.raises(QueryFileError, match="URIRef or Literal"):
        query("theme_narrower", theme=[URIRef(EX)])  # type: ignore[arg-type]


def test_list_values_fill_the_values_block_and_any_leaves_it_open() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x")))
    file = parse_file("t", "SELECT ?s WHERE { VALUES $s { } ?s ?p ?o }")
    assert [r["s"].value for r in store.query(file.bind({"s": ANY}))] == [EX + "a"]
    assert [r["s"].value for r in store.query(file.bind({"s": [URIRef(EX + "a")]}))] == [EX + "a"]
    assert list(store.query(file.bind({"s": [URIRef(EX + "b")]}))) == []
    assert list(store.query(file.bind({"s": []}))) == []


def test_an_in_list_filters_with_the_terms_and_refuses_any() -> None:
    store = ox.Store()
    for s in ("a", "b"):
        store.add(ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(f"{s} x")))
    file = parse_file("t", "SELECT ?s WHERE { ?s ?p ?o FILTER(?o IN ($o)) }")
    assert set(file.in_lists) == {"o"} and not file.terms and not file.lists
    rows = store.query(file.bind({"o": [Literal("a x"), Literal("c")]}))
    assert [r["s"].value for r in rows] == [EX + "a"]
    assert list(store.query(file.bind({"o": []}))) == []
    with pytest.raises(QueryFileError, match="IN list"):
        file.bind({"o": ANY})
    with pytest.raises(QueryFileError, match="VALUES list"):
        file.bind({"o": Literal("a x")})  # one term, not a list
    with pytest.raises(QueryFileError, match="only in its VALUES block or IN list"):
        parse_file("t", "SELECT ?s WHERE { ?s ?p $o FILTER(?o IN ($o)) }")


def test_a_file_must_use_its_parameters_one_way() -> None:
    with pytest.raises(QueryFileError, match=r"\?x would be a different thing"):
        parse_file("t", "SELECT ?x WHERE { $x ?p ?x }")
    with pytest.raises(QueryFileError, match="only in its VALUES block"):
        parse_file("t", "SELECT * WHERE { VALUES $x { } $x ?p ?o }")
    with pytest.raises(QueryFileError, match="not a flat list of terms"):
        parse_file("t", "SELECT * WHERE { VALUES $x { ?s ?p ?o } }")


def test_every_query_file_is_run_by_the_package() -> None:
    """A file no code names is dead: its answer would silently go stale."""
    package = Path(gemeentegraaf.__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    for name in NAMES:
        if name.startswith("examples/"):
            continue  # listed by id in read_model._EXAMPLES
        assert f'"{name}"' in source, f"no code runs rq/{name}.rq"
    for name in (n for n in NAMES if n.startswith("examples/")):
        assert f'"{name.removeprefix("examples/")}"' in source


def test_a_list_query_is_read_a_page_at_a_time_and_counted_from_the_same_text() -> None:
    text = page_query("fact_lists/of_kind", limit=2, offset=4, **_list_values("fact_lists/of_kind"))
    assert text.rstrip().endswith("LIMIT 2 OFFSET 4")
    _parses(text)
    counted = count_query("fact_lists/of_kind", **_list_values("fact_lists/of_kind"))
    assert "COUNT(*) AS ?count" in counted and "ORDER BY" not in counted
    _parses(counted)
    grouped = count_query(
        "fact_lists/about", by=("main", "denied"), **_list_values("fact_lists/about")
    )
    assert grouped.rstrip().endswith("GROUP BY ?main ?denied")
    _parses(grouped)


def _list_values(name: str) -> dict:
    file = load(name)
    values: dict = {p: URIRef(f"{EX}{p}") for p in file.terms}
    values |= {p: ANY for p in file.lists}
    values |= {p: [URIRef(f"{EX}{p}/1")] for p in file.in_lists}
    return values


@pytest.mark.parametrize("number", [-1, 1.0, "3", True, None])
def test_a_page_is_whole_numbers_only(number: object) -> None:
    with pytest.raises(QueryFileError, match="whole number"):
        page_query(
            "fact_lists/of_kind", limit=number, offset=0, **_list_values("fact_lists/of_kind")
        )  # type: ignore[arg-type]


def test_only_a_select_ending_in_order_by_is_a_list() -> None:
    with pytest.raises(QueryFileError, match="ORDER BY"):
        count_query("labels", **_list_values("labels"))
    with pytest.raises(QueryFileError, match="variable"):
        count_query("fact_lists/about", by=("main }",), **_list_values("fact_lists/about"))


def test_the_first_facts_about_a_subject_stop_one_past_what_the_read_model_takes() -> None:
    # read_model.facts_about_first tells "all of them" from "more" by getting one more
    limits = re.findall(r"\bLIMIT (\d+)", load("fact_lists/about_first").text)
    assert limits == [str(ABOUT_FIRST + 1)]


def test_binding_moves_the_marks_of_a_list_query_with_the_text() -> None:
    # page_query and count_query find a list's SELECT and ORDER BY once, in the file, and
    # follow them through the binding (which lengthens or shortens what comes before).
    file = parse_file(
        "t",
        "PREFIX ex: <http://example.org/>\n"
        "SELECT ?s WHERE { VALUES $s { } ?s ex:p $o . ?s ex:q ?r FILTER(?r IN ($in)) }\n"
        "ORDER BY ?s",
    )
    text = file.text
    marks = [text.index("SELECT"), text.index("ORDER"), text.index("WHERE")]
    many = [URIRef(f"http://example.org/thing-with-a-long-name/{i}") for i in range(40)]
    for values in (
        {"s": many, "o": Literal("x"), "in": [URIRef("http://e/a")]},
        {"s": ANY, "o": URIRef("http://e/" + "b" * 300), "in": many},
    ):
        bound, moved = file.bind_marked(values, marks)
        assert bound == file.bind(values)
        assert [bound[m : m + 5] for m in moved] == ["SELEC", "ORDER", "WHERE"]


def test_every_query_file_takes_the_stores_quick_check() -> None:
    """The store inspects every query before it runs; a file whose text (a comment's word
    "from", say) sends it to the tokenizer costs every page that reads it that much more."""
    for name in NAMES:
        assert quick_query_shape(load(name).text) is not None, f"rq/{name}.rq needs the tokenizer"
