"""The reference graph: municipalities, provinces, networks, figures, programmes."""

from __future__ import annotations

from datetime import date

import pytest
from gemeentegraaf.common.namespaces import SPARQL_PREFIXES
from gemeentegraaf.queries.networks import members_on
from gemeentegraaf.sources.reference import reference_graph
from gemeentegraaf.sources.reference_data import by_code, municipalities
from gemeentegraaf.store.oxigraph import OxigraphStore


@pytest.fixture(scope="module")
def ref_store() -> OxigraphStore:
    store = OxigraphStore(None)
    store.load_graph("https://w3id.org/gemeentegraaf/graph/reference", reference_graph())
    return store


def count(store: OxigraphStore, where: str) -> int:
    rows = store.select(SPARQL_PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return rows[0]["n"]


def test_all_605_municipalities_342_current(ref_store: OxigraphStore) -> None:
    assert count(ref_store, "?g a tooiont:Gemeente") == 605
    assert (
        count(ref_store, "?g a tooiont:Gemeente FILTER NOT EXISTS { ?g tooiont:einddatum ?e }")
        == 342
    )


def test_twelve_provinces(ref_store: OxigraphStore) -> None:
    assert count(ref_store, "?p a tooiont:Provincie") == 12


def test_municipality_links_to_tooi_and_province(ref_store: OxigraphStore) -> None:
    rows = ref_store.select(
        SPARQL_PREFIXES
        + """
        SELECT ?name ?same ?prov WHERE {
          ggid:gemeente\\/gm0363 gg:cbsCode "GM0363" ; skos:prefLabel ?name ; owl:sameAs ?same ;
            tooiont:ligtInProvincie/skos:prefLabel ?prov .
        }"""
    )
    assert rows == [
        {
            "name": "Amsterdam",
            "same": "https://identifier.overheid.nl/tooi/id/gemeente/gm0363",
            "prov": "Noord-Holland",
        }
    ]


def test_dissolved_municipality_has_end_date_and_successor(ref_store: OxigraphStore) -> None:
    rows = ref_store.select(
        SPARQL_PREFIXES
        + """
        SELECT ?end ?succ WHERE {
          ?g gg:cbsCode "GM0398" ; tooiont:einddatum ?end ; gg:opgegaanIn/gg:cbsCode ?succ .
        }"""
    )
    assert rows == [{"end": "2021-12-31", "succ": "GM1980"}]


def test_every_dissolved_municipality_has_a_successor() -> None:
    dissolved = [m for m in municipalities() if not m.current]
    assert len(dissolved) == 605 - 342
    assert all(m.successors for m in dissolved)
    known = by_code()
    assert all(s in known for m in dissolved for s in m.successors)


def test_population_and_urbanity_with_year_and_source(ref_store: OxigraphStore) -> None:
    rows = ref_store.select(
        SPARQL_PREFIXES
        + """
        SELECT ?value ?period ?source WHERE {
          ?f a gg:Kengetal ; gg:onderwerp ggid:gemeente\\/gm0363 ; gg:grootheid "inwoners"@nl ;
             rdf:value ?value ; gg:periode ?period ; prov:wasDerivedFrom ?source .
        }"""
    )
    assert len(rows) == 1
    assert rows[0]["value"] == 918117 and rows[0]["period"] == "2023-01-01"
    # Four current municipalities were formed after 2021 and have no 2021 class.
    current = "?g gg:stedelijkheid ?s FILTER NOT EXISTS { ?g tooiont:einddatum ?e }"
    assert count(ref_store, current) == 338


def test_g4_has_exactly_the_four_cities(ref_store: OxigraphStore) -> None:
    assert {m.code for m in members_on(ref_store, "g4")} == {"GM0363", "GM0599", "GM0518", "GM0344"}


def test_g32_has_no_invented_members_and_became_g40(ref_store: OxigraphStore) -> None:
    assert members_on(ref_store, "g32") == []
    assert count(ref_store, "ggid:netwerk\\/g32 dcterms:isReplacedBy ggid:netwerk\\/g40") == 1


def test_network_lists_from_their_own_pages_hold_at_their_date(ref_store: OxigraphStore) -> None:
    assert len(members_on(ref_store, "g40", date(2023, 6, 1))) == 41
    assert len(members_on(ref_store, "m50", date(2023, 6, 1))) == 61
    # Amstelveen joined the G40 on 2022-07-01: not a member a year before.
    assert "GM0362" not in {m.code for m in members_on(ref_store, "g40", date(2021, 7, 1))}


def test_partial_lists_are_marked_partial(ref_store: OxigraphStore) -> None:
    assert count(ref_store, "ggid:netwerk\\/p10 gg:ledenlijstVolledig false") == 1
    assert count(ref_store, "?p a gg:CityDeal ; gg:ledenlijstVolledig false") == 6


def test_programmes_with_tranche_amount_and_participants(ref_store: OxigraphStore) -> None:
    assert count(ref_store, "?p a gg:RegioDeal") == 82
    rows = ref_store.select(
        SPARQL_PREFIXES
        + """
        SELECT ?code WHERE {
          ?p a gg:RegioDeal ; skos:prefLabel "Oost-Groningen"@nl ; gg:tranche "3" ;
             gg:heeftDeelnemer/gg:cbsCode ?code .
        } ORDER BY ?code"""
    )
    assert [r["code"] for r in rows] == ["GM0037", "GM0047", "GM0765", "GM1895", "GM1950", "GM1952"]


def test_usual_names_are_alternative_labels(ref_store: OxigraphStore) -> None:
    rows = ref_store.select(
        SPARQL_PREFIXES
        + """
        SELECT ?code WHERE { ?g skos:altLabel "Den Haag"@nl ; gg:cbsCode ?code }"""
    )
    assert rows == [{"code": "GM0518"}]
    # a short name two municipalities share names neither
    assert count(ref_store, '?g skos:altLabel "Alphen"@nl') == 0
