"""A resource's linked data past its limit of links says that it was cut.

An outsider found Deventer's Turtle, with 13,376 facts naming it, carrying 9,973 of them
and saying nothing of the rest. The answer now says so, as the endpoint says a cut
answer: `X-Linked-Data-Truncated: true` and `X-Total-Links`.
"""

from __future__ import annotations

import pyoxigraph as ox
from gemeentegraaf.queries import read_model
from gemeentegraaf.queries.sparql_files import query
from rdflib import URIRef

AMSTERDAM = "/id/gemeente/gm0363"


def _links(body: bytes) -> int:
    subject = ox.NamedNode("https://w3id.org/gemeentegraaf" + AMSTERDAM)
    return sum(1 for t in ox.parse(body, format=ox.RdfFormat.TURTLE) if t.object == subject)


def test_linked_data_within_its_limit_says_nothing_of_a_cut(built_client) -> None:
    response = built_client.get(AMSTERDAM, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert "X-Linked-Data-Truncated" not in response.headers
    assert _links(response.content) < read_model.INCOMING_LIMIT


def test_linked_data_past_its_limit_says_it_was_cut(built_client, monkeypatch) -> None:
    whole = _links(built_client.get(AMSTERDAM, headers={"Accept": "text/turtle"}).content)
    assert whole > 5
    monkeypatch.setattr(read_model, "INCOMING_LIMIT", 5)
    # (a query string of its own: whole answers are kept per URL, and no other test may be
    # given this cut one)
    response = built_client.get(AMSTERDAM + ".ttl?proef=afgekapt")
    assert response.status_code == 200
    assert response.headers["X-Linked-Data-Truncated"] == "true"
    assert int(response.headers["X-Total-Links"]) >= whole
    assert _links(response.content) == 5


def test_the_query_reads_one_more_than_the_limit() -> None:
    """The cut is known by reading one link more than the limit (no COUNT each time)."""
    text = query("incoming_triples", resource=URIRef("https://example.org/x"))
    assert f"LIMIT {read_model.INCOMING_LIMIT + 1}" in text
