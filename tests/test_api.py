"""The JSON API over HTTP, on the hand-made sample store (and a few checks on the full build)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

try:
    from tests.service_sample import sample_app
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import sample_app

ID = "https://w3id.org/gemeentegraaf/id/"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    app = sample_app(tmp_path_factory.mktemp("api") / "store")
    with TestClient(app) as c:
        yield c


def codes(rows: list[dict]) -> set[str]:
    return {r["code"] for r in rows}


# ---------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------


def test_municipalities_lists_codes_labels_uris(client: TestClient) -> None:
    rows = client.get("/api/municipalities?include_dissolved=true").json()
    assert codes(rows) == {"GM0363", "GM0193", "GM1730", "GM0344", "GM0398", "GM1980"}
    # By default only the current ones: GM0398 (Heerhugowaard) was dissolved.
    assert codes(client.get("/api/municipalities").json()) == codes(rows) - {"GM0398"}
    zwolle = next(r for r in rows if r["code"] == "GM0193")
    assert zwolle["name"] == "Zwolle"
    assert zwolle["uri"] == ID + "gemeente/gm0193"
    assert zwolle["province"] == {
        "code": "PV23",
        "name": "Overijssel",
        "uri": ID + "provincie/pv23",
    }
    assert zwolle["population"] == 130592 and zwolle["urbanity"] == 2
    assert zwolle["current"] is True


def test_filter_by_network_and_current(client: TestClient) -> None:
    assert codes(client.get("/api/municipalities?network=G40&include_dissolved=1").json()) == {
        "GM0193",
        "GM0398",
        "GM1980",
    }
    assert codes(client.get("/api/municipalities?network=g40&current=true").json()) == {
        "GM0193",
        "GM1980",
    }
    assert codes(client.get("/api/municipalities?current=false").json()) == {"GM0398"}


def test_filter_by_province_code_or_name(client: TestClient) -> None:
    expected = {"GM0363", "GM0398", "GM1980"}
    every = "&include_dissolved=true"
    assert codes(client.get("/api/municipalities?province=PV27" + every).json()) == expected
    assert (
        codes(client.get("/api/municipalities?province=noord-holland" + every).json()) == expected
    )
    # Without it, the current ones only.
    assert codes(client.get("/api/municipalities?province=PV27").json()) == expected - {"GM0398"}


def test_filter_by_theme_counts_narrower_themes_and_skips_negated_and_rejected(
    client: TestClient,
) -> None:
    # Zwolle names "arbeidsmarkt", a narrower theme of "werk en inkomen"
    assert codes(client.get("/api/municipalities?theme=werk-en-inkomen").json()) == {"GM0193"}
    # Tynaarlo's "niets over schulden" is negated
    assert codes(client.get("/api/municipalities?theme=schulden-en-armoede").json()) == {
        "GM0363",
        "GM0193",
    }
    # Utrecht's housing fact was rejected by a curator
    assert codes(client.get("/api/municipalities?theme=wonen").json()) == {"GM0363", "GM0193"}


def test_unknown_filters_answer_404_with_a_message(client: TestClient) -> None:
    r = client.get("/api/municipalities?network=G99")
    assert r.status_code == 404 and "G99" in r.json()["detail"]
    r = client.get("/api/municipalities?theme=ruimtevaart")
    assert r.status_code == 404 and "ruimtevaart" in r.json()["detail"]
    r = client.get("/api/municipalities?province=Atlantis")
    assert r.status_code == 404 and "Atlantis" in r.json()["detail"]
    assert client.get("/api/municipalities?current=misschien").status_code == 422


def test_municipality_by_code_is_case_insensitive(client: TestClient) -> None:
    for code in ("GM0193", "gm0193", "Gm0193", "0193"):
        r = client.get(f"/api/municipalities/{code}")
        assert r.status_code == 200, code
        assert r.json()["code"] == "GM0193"


def test_municipality_detail_has_networks_programmes_and_links(client: TestClient) -> None:
    m = client.get("/api/municipalities/GM0193").json()
    assert m["same_as"] == ["https://identifier.overheid.nl/tooi/id/gemeente/gm0193"]
    attested = sorted((n["network"]["id"], n["attested"]) for n in m["networks"])
    assert attested == [("g40", "2021-01-01"), ("g40", "2023-01-01")]
    assert {p["id"] for p in m["programmes"]} == {
        "city-deal-inclusieve-stad",
        "regio-deal-regio-zwolle-tranche-2",
    }
    assert m["challenges"].endswith("/api/municipalities/GM0193/challenges")


def test_dissolved_municipality_names_its_successor(client: TestClient) -> None:
    m = client.get("/api/municipalities/GM0398").json()
    assert m["current"] is False and m["end"] == "2021-12-31"
    assert [s["code"] for s in m["successors"]] == ["GM1980"]
    assert [p["code"] for p in client.get("/api/municipalities/GM1980").json()["predecessors"]] == [
        "GM0398"
    ]


def test_unknown_code_is_404_and_malformed_code_is_422(client: TestClient) -> None:
    r = client.get("/api/municipalities/GM9999")
    assert r.status_code == 404
    assert "GM9999" in r.json()["detail"]
    r = client.get("/api/municipalities/amsterdam")
    assert r.status_code == 422
    assert "GM0363" in r.json()["detail"]  # tells what a code looks like
    assert client.get("/api/municipalities/GM12345/challenges").status_code == 422


def test_challenges_give_theme_quote_document_and_uri(client: TestClient) -> None:
    body = client.get("/api/municipalities/gm0193/challenges").json()
    assert body["municipality"]["code"] == "GM0193"
    themes = {c["theme"]["id"]: c for c in body["challenges"]}
    assert set(themes) == {"arbeidsmarkt", "wonen", "schulden-en-armoede"}
    ev = themes["arbeidsmarkt"]["evidence"][0]
    assert ev["quote"].startswith("Zwolle lijkt zich bewust")
    assert ev["document"] == ID + "document/platform31-analyse-coalitieakkoorden-2018"
    assert ev["document_title"] == "Analyse coalitieakkoorden 2018"
    assert ev["year"] == 2018
    assert (ev["start"], ev["end"]) == (40211, 40296)
    assert ev["assertion"] == ID + "uitdaging/p31-2018-gm0193-arbeidsmarkt"
    assert ev["relation"]["label"] == "prioriteert"
    assert body["negated"] == []


def test_negated_challenges_are_kept_apart(client: TestClient) -> None:
    body = client.get("/api/municipalities/GM1730/challenges").json()
    assert body["challenges"] == []
    assert [c["theme"]["id"] for c in body["negated"]] == ["schulden-en-armoede"]
    assert "staat niets over schulden" in body["negated"][0]["evidence"][0]["quote"]


def test_rejected_fact_is_not_a_challenge(client: TestClient) -> None:
    body = client.get("/api/municipalities/GM0344/challenges").json()
    assert body["challenges"] == [] and body["negated"] == []


# ---------------------------------------------------------------------------
# Themes, networks, programmes, bottlenecks, documents
# ---------------------------------------------------------------------------


def test_themes_have_dutch_and_english_labels_and_counts(client: TestClient) -> None:
    themes = {t["id"]: t for t in client.get("/api/themes").json()}
    assert themes["wonen"]["label"] == "Wonen"
    assert themes["wonen"]["label_en"] == "Housing"
    assert themes["wonen"]["uri"] == ID + "thema/wonen"
    assert themes["arbeidsmarkt"]["broader"] == "werk-en-inkomen"
    assert themes["werk-en-inkomen"]["municipalities"] == 1  # via arbeidsmarkt
    assert themes["wonen"]["municipalities"] == 2  # Utrecht's is rejected


def test_theme_municipalities(client: TestClient) -> None:
    body = client.get("/api/themes/werk-en-inkomen/municipalities").json()
    assert body["theme"]["label"] == "Werk en inkomen"
    assert [(m["code"], m["themes"]) for m in body["municipalities"]] == [
        ("GM0193", ["arbeidsmarkt"])
    ]
    r = client.get("/api/themes/ruimtevaart/municipalities")
    assert r.status_code == 404


def test_networks(client: TestClient) -> None:
    nets = {n["id"]: n for n in client.get("/api/networks").json()}
    assert set(nets) == {"g4", "g32", "g40", "m50", "p10"}
    assert nets["g40"]["notation"] == "G40"
    assert nets["g32"]["replaced_by"] == "g40"
    assert nets["g32"]["members_recorded"] == 0
    assert nets["p10"]["member_list_complete"] is False


def test_network_members_on_a_date(client: TestClient) -> None:
    body = client.get("/api/networks/G40/members?date=2022-06-01").json()
    assert body["date"] == "2022-06-01"
    # the 2021 list still holds (no newer list yet); Heerhugowaard is on it
    assert codes(body["members"]) == {"GM0193", "GM0398"}
    later = client.get("/api/networks/g40/members?date=2023-06-01").json()
    assert codes(later["members"]) == {"GM0193", "GM1980"}
    dijk = next(m for m in later["members"] if m["code"] == "GM1980")
    assert dijk["attested"] == "2023-01-01"
    assert dijk["sources"] == ["https://www.g40stedennetwerk.nl/leden"]


def test_network_members_without_date_lists_every_membership(client: TestClient) -> None:
    body = client.get("/api/networks/g40/members").json()
    assert body["date"] is None
    assert sorted((m["code"], m["attested"]) for m in body["members"]) == [
        ("GM0193", "2021-01-01"),
        ("GM0193", "2023-01-01"),
        ("GM0398", "2021-01-01"),
        ("GM1980", "2023-01-01"),
    ]


def test_network_members_errors(client: TestClient) -> None:
    assert client.get("/api/networks/g99/members").status_code == 404
    assert client.get("/api/networks/g40/members?date=2022-13-45").status_code == 422


def test_programmes_with_participants_from_reference_and_text(client: TestClient) -> None:
    progs = {p["id"]: p for p in client.get("/api/programmes").json()}
    deal = progs["city-deal-inclusieve-stad"]
    assert deal["kind"] == "CityDeal"
    assert deal["participant_list_complete"] is False
    who = {p["code"]: p for p in deal["participants"]}
    assert who["GM0363"]["from_reference"] is True
    assert who["GM0193"]["from_reference"] is False
    assert who["GM0193"]["assertions"] == [
        ID + "deelname/p31-2021-gm0193-city-deal-inclusieve-stad"
    ]
    regio = progs["regio-deal-regio-zwolle-tranche-2"]
    assert (regio["tranche"], regio["contribution_million_eur"]) == ("2", 7.5)
    assert [p["id"] for p in client.get("/api/programmes?kind=wet").json()] == ["participatiewet"]
    assert client.get("/api/programmes?kind=ufo").status_code == 422


def test_bottlenecks_with_laws_organisations_and_quote(client: TestClient) -> None:
    items = client.get("/api/bottlenecks").json()
    assert len(items) == 1
    k = items[0]
    assert k["label"] == "wantrouwen in de overheid"
    assert [law["id"] for law in k["laws"]] == ["participatiewet"]
    assert [o["label"] for o in k["organisations"]] == ["UWV"]
    assert [t["id"] for t in k["themes"]] == ["schulden-en-armoede"]
    assert k["evidence"][0]["quote"].startswith("Door wantrouwen in de overheid")
    assert len(client.get("/api/bottlenecks?law=participatiewet").json()) == 1
    assert client.get("/api/bottlenecks?theme=wonen").json() == []


def test_documents_with_fact_counts(client: TestClient) -> None:
    docs = {d["key"]: d for d in client.get("/api/documents").json()}
    assert set(docs) == {
        "platform31-analyse-coalitieakkoorden-2018",
        "platform31-trendstudie-g40-m50-2021",
        "vng-stand-van-de-uitvoering-2023",
    }
    p31 = docs["platform31-analyse-coalitieakkoorden-2018"]
    assert p31["year"] == 2018 and p31["publisher"] == "Platform31"
    assert p31["facts"] == {"Uitdaging": 7}
    assert p31["graph"] == "https://w3id.org/gemeentegraaf/graph/document/" + p31["key"]


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/municipalities",
        "/api/municipalities/{code}",
        "/api/municipalities/{code}/challenges",
        "/api/themes",
        "/api/themes/{theme_id}/municipalities",
        "/api/networks",
        "/api/networks/{network_id}/members",
        "/api/programmes",
        "/api/bottlenecks",
        "/api/documents",
    ):
        assert path in spec["paths"], path
    assert "ChallengeEvidence" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


# ---------------------------------------------------------------------------
# On the full build
# ---------------------------------------------------------------------------


# `built_client` (conftest.py): the session's started app over the build. Without an
# update token the app opens the build read-only, so no copy is needed.


@pytest.mark.slow
def test_full_build_has_every_current_municipality(built_client: TestClient) -> None:
    rows = built_client.get("/api/municipalities?current=true").json()
    assert len(rows) == 342
    assert built_client.get("/api/municipalities/GM0363").json()["name"] == "Amsterdam"


@pytest.mark.slow
def test_full_build_g40_members_differ_between_2021_and_2023(built_client: TestClient) -> None:
    m2021 = codes(built_client.get("/api/networks/g40/members?date=2021-06-01").json()["members"])
    m2023 = codes(built_client.get("/api/networks/g40/members?date=2023-06-01").json()["members"])
    assert len(m2021) == 40  # the 2021 study's footnote lists forty
    assert m2023 != m2021 and len(m2023) > len(m2021)


@pytest.mark.slow
def test_full_build_pages_and_linked_data_answer(built_client: TestClient) -> None:
    r = built_client.get("/id/gemeente/gm0363", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "Amsterdam" in r.text
    assert built_client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert built_client.get("/id/netwerk/g40.ttl").status_code == 200


def test_search_finds_a_municipality_by_its_usual_name(built_client: TestClient) -> None:
    found = built_client.get("/api/municipalities", params={"q": "Den Haag"}).json()
    assert [m["code"] for m in found] == ["GM0518"]
