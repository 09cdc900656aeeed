"""Content negotiation keeps a cache of its answers: it must never answer otherwise than without."""

from __future__ import annotations

from gemeentegraaf.service import negotiation
from gemeentegraaf.service.negotiation import GRAPH_FORMATS, TABULAR, choose
from hypothesis import given, settings
from hypothesis import strategies as st

_RANGES = st.sampled_from(
    [
        "*/*", "text/*", "application/*", "text/turtle", "application/sparql-results+json",
        "application/json", "text/csv", "application/n-triples", "application/ld+json",
        "text/html", "application/xml", "application/sparql-results+xml", "image/png", "",
    ]
)  # fmt: skip
_Q = st.sampled_from(["", ";q=0", ";q=0.1", ";q=0.5", ";q=1", ";q=0.9;charset=utf-8", ";q=x"])
_ACCEPT = st.lists(st.tuples(_RANGES, _Q), max_size=5).map(
    lambda parts: ", ".join(r + q for r, q in parts)
)


@settings(max_examples=300, deadline=None)
@given(_ACCEPT)
def test_a_cached_choice_is_the_choice(accept: str) -> None:
    for offers in (TABULAR, GRAPH_FORMATS, (*TABULAR, *GRAPH_FORMATS)):
        first = choose(accept, offers)  # maybe cached now
        assert first == negotiation._choose(accept, offers)
        assert choose(accept, offers) == first


def test_long_or_listed_accepts_are_weighed_afresh() -> None:
    long_accept = ", ".join(["text/x-unknown;q=0.1"] * 100) + ", text/turtle"
    negotiation._choose_cached.cache_clear()
    assert choose(long_accept, GRAPH_FORMATS).media_type == "text/turtle"
    assert choose("text/turtle", list(GRAPH_FORMATS)).media_type == "text/turtle"
    assert negotiation._choose_cached.cache_info().currsize == 0
    assert choose("text/turtle", GRAPH_FORMATS).media_type == "text/turtle"
    assert negotiation._choose_cached.cache_info().currsize == 1


def test_a_malformed_weight_skips_its_range_instead_of_refusing_it() -> None:
    """RFC 9110 weights are 0 to 1 with three decimals at most; "q=abc" or "q=nan" makes
    a malformed range, which is skipped like any other (read as q=0 it refused a type the
    client asked for, and NaN compared as nothing)."""
    assert negotiation.parse_accept("text/turtle;q=abc") == []
    assert [r.q for r in negotiation.parse_accept("text/turtle;q=nan, text/csv;q=0.5")] == [0.5]
    assert negotiation.parse_accept("text/turtle;q=2") == []
    assert [r.q for r in negotiation.parse_accept("text/turtle;q=0.125, text/csv;q=1.000")] == [
        0.125,
        1.0,
    ]
    assert [r.q for r in negotiation.parse_accept("text/turtle;q=0")] == [0.0]
    # the well-formed range still decides
    assert choose("text/turtle;q=abc, text/csv", TABULAR).media_type == "text/csv"
