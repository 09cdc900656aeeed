"""Search over everything with a label or a quote: the index, /api/search, /zoeken and
the gg:zoekterm triples in SPARQL, on the full build."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.queries import search

pytestmark = pytest.mark.slow

AMSTERDAM = "https://w3id.org/gemeentegraaf/id/gemeente/gm0363"


@pytest.fixture
def client(built_client_lenient: TestClient) -> TestClient:
    # The session's started app over the build (conftest.py): these tests only read.
    return built_client_lenient


def test_tokens_are_normalised_words() -> None:
    assert search.tokens("Súdwest-Fryslân (GM1900)!") == ["sudwest", "fryslan", "gm1900"]
    assert search.tokens(r".*[](?<=x)\d+ ^$|") == ["x", "d"]
    assert search.tokens("") == []


def test_a_municipality_by_a_typo(built) -> None:
    for typo in ("amsterdm", "Amsterdamm", "amstredam"):
        hits = search.search(built, typo)
        assert hits and hits[0].uri == AMSTERDAM, (typo, hits[:3])
    # and the exact name ranks it first and opens it
    hits = search.search(built, "Amsterdam")
    assert hits[0].uri == AMSTERDAM and search.confident(hits) == hits[0]


def test_a_shared_tail_is_no_typo() -> None:
    # "woningtekort" matched "ingekort" (a ratio of 80) for a newcomer: a typo is an edit
    # or two, not four
    index = search.SearchIndex()
    index.add("urn:a", "feit", "quote", "De subsidie is ingekort.")
    index.add("urn:b", "feit", "quote", "Er is een woningtekort.")
    index.finish()
    assert [h.uri for h in index.search("woningtekort")] == ["urn:b"]
    assert [h.uri for h in index.search("woningtkort")] == ["urn:b"]  # one edit
    assert [h.uri for h in index.search("ingkeort")] == ["urn:a"]  # a swap counts one


def test_every_theme_is_found_by_its_altlabels(built) -> None:
    rows = built.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?theme ?alt WHERE {"
        " ?theme skos:altLabel ?alt FILTER(STRSTARTS(STR(?theme),"
        ' "https://w3id.org/gemeentegraaf/id/thema/")) }'
    )
    assert len(rows) > 100
    missed = []
    for row in rows:
        hits = search.search(built, row["alt"], kind="thema", limit=10)
        top = hits[0].score if hits else 0
        if row["theme"] not in {h.uri for h in hits if h.score == top}:
            missed.append((row["alt"], row["theme"]))
    assert missed == []


def test_a_fact_by_words_from_its_quote(built) -> None:
    rows = built.select(
        "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> PREFIX oa: <http://www.w3.org/ns/oa#>"
        " SELECT ?fact ?quote WHERE { ?fact a gg:Knelpunt ; gg:bewijs/oa:hasSelector/oa:exact"
        ' ?quote FILTER(CONTAINS(?quote, "wantrouwen in de overheid")) }'
    )
    assert rows
    fact = rows[0]["fact"]
    # a few of its words, out of order and in another case
    hits = search.search(built, "OVERHEID wantrouwen", kind="knelpunt")
    assert fact in {h.uri for h in hits}
    hit = next(h for h in hits if h.uri == fact)
    assert hit.kind == "knelpunt"
    # facts are found among everything else too, with the quote they matched
    hits = search.search(built, "wantrouwen in de overheid")
    assert any(h.uri == fact for h in hits)


def test_every_query_word_must_match(built) -> None:
    assert search.search(built, "amsterdam qqqqzzzzxxxx") == []


def test_the_api_ranks_and_filters(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "amsterdm"})
    assert r.status_code == 200
    hits = r.json()
    assert hits[0]["uri"] == AMSTERDAM and hits[0]["kind"] == "gemeente"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    only = client.get("/api/search", params={"q": "amsterdam", "kind": "programma"}).json()
    assert only and {h["kind"] for h in only} == {"programma"}
    assert len(client.get("/api/search", params={"q": "de", "limit": 3}).json()) == 3


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"q": ""}, 422),
        ({"q": "x" * 10_000}, 422),
        ({"q": "amsterdam", "kind": "bogus"}, 422),
        ({"q": "amsterdam", "limit": 0}, 422),
        ({"q": "amsterdam", "limit": 10_000}, 422),
        ({"q": r".*[](?<=x)\\d+ ^$|"}, 200),
        ({"q": "' OR 1=1 --"}, 200),
        ({"q": '"}} SELECT * WHERE { ?s ?p ?o }'}, 200),
        ({"q": "   "}, 200),
    ],
)
def test_hostile_queries_get_a_4xx_or_a_plain_answer(
    client: TestClient, params: dict, status: int
) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == status, r.text
    if status == 200:
        assert isinstance(r.json(), list)
    page = client.get("/zoeken", params={"q": params.get("q", ""), "soort": params.get("kind", "")})
    assert page.status_code in {200, 303, 422}, page.text[:300]


def test_the_page_opens_a_confident_hit_and_lists_the_rest(client: TestClient) -> None:
    r = client.get("/zoeken", params={"q": "Amsterdam"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/id/gemeente/gm0363"
    r = client.get("/zoeken", params={"q": "amsterdam", "alles": "1"})
    assert r.status_code == 200 and 'href="/id/gemeente/gm0363"' in r.text
    r = client.get("/zoeken", params={"q": "schulden"})
    assert r.status_code == 200
    assert "Schulden en armoede" in r.text
    assert r.text.count("<li>") > 3
    assert 'action="/zoeken"' in client.get("/").text  # a search box on every page


def test_sparql_finds_by_search_term(client: TestClient) -> None:
    query = (
        "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> "
        'SELECT ?x WHERE { GRAPH <https://w3id.org/gemeentegraaf/graph/search> { ?x gg:zoekterm "amsterdam" } }'
    )
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert AMSTERDAM in {row["x"]["value"] for row in rows}
    # Function words are no search terms: they are in nearly every quote.
    for word in ("de", "het", "van", "wordt"):
        ask_word = (
            "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> "
            f'ASK {{ GRAPH <https://w3id.org/gemeentegraaf/graph/search> {{ ?x gg:zoekterm "{word}" }} }}'
        )
        assert client.get("/sparql", params={"query": ask_word}).json()["boolean"] is False
    # the term is described in the ontology, in Dutch and English
    ask = (
        "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        ' ASK { gg:zoekterm rdfs:label "zoekterm"@nl , "search term"@en ; rdfs:comment ?c }'
    )
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True
