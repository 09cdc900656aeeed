"""A deal named in a text is the deal of the reference data (graph/programmes.py)."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import programme_uri
from gemeentegraaf.sources.reference import reference_graph
from gemeentegraaf.text.programmes import add_programme, find_programmes, known_keys
from rdflib import Graph
from rdflib.namespace import SKOS


def keys(text: str) -> list[str]:
    return [m.programme.key for m in find_programmes(text)]


def test_a_regio_deal_named_in_a_text_is_the_reference_node():
    # Zeeland has one deal (tranche 1); Twente two (tranches 2 and 4): the first is the deal.
    found = keys("De Regio Deal Zeeland en de Regio Deal Twente lopen nog.")
    assert found == ["regio-deal-zeeland-tranche-1", "regio-deal-twente-tranche-2"]
    reference = reference_graph()
    for key in found:
        assert (programme_uri(key), None, None) in reference


def test_a_deal_the_reference_does_not_list_gets_its_own_node():
    (mention,) = find_programmes("de Regio Deal Nergensland")
    assert mention.programme.key == "regio-deal-nergensland"
    assert not mention.programme.in_reference
    assert mention.programme.key not in known_keys()


def test_a_reference_deal_keeps_the_reference_label_only():
    (mention,) = find_programmes("de City Deal Voedsel op de Stedelijke Agenda")
    assert mention.programme.key == "city-deal-voedsel-op-de-stedelijke-agenda"
    g = Graph()
    node = add_programme(g, mention.programme)
    assert (node, SKOS.prefLabel, None) not in g  # the reference graph labels it
