"""The HTML pages over HTTP: what a reader sees on each page, and that everything is served locally."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

try:
    from tests.service_sample import sample_app
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import sample_app

from gemeentegraaf.queries.read_model import EXAMPLE_QUERIES

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}

PAGES = [
    "/",
    "/gemeenten",
    "/themas",
    "/netwerken",
    "/knelpunten",
    "/documenten",
    "/programmas",
    "/query",
    "/def",
    "/.well-known/void",
    "/graph/reference",
    "/id/gemeente/gm0193",
    "/id/gemeente/gm1730",
    "/id/thema/wonen",
    "/id/netwerk/g40",
    "/id/knelpunt/vng-2023-casus-1-wantrouwen",
    "/id/document/platform31-analyse-coalitieakkoorden-2018",
    "/id/programma/city-deal-inclusieve-stad",
    "/id/provincie/pv27",
    "/id/lidmaatschap/g40-gm0193-2023",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    app = sample_app(tmp_path_factory.mktemp("pages") / "store")
    with TestClient(app) as c:
        yield c


def text_of(html: str) -> str:
    """The visible text, whitespace collapsed (what a reader sees)."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    from html import unescape

    return re.sub(r"\s+", " ", unescape(html))


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("rel") in {"stylesheet", "icon"}:
            self.urls.append(a["href"])
        if tag in {"img", "iframe"} and a.get("src"):
            self.urls.append(a["src"])


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_and_uses_only_local_scripts_and_styles(client: TestClient, path: str) -> None:
    r = client.get(path, headers=HTML)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in r.text
    parser = _Assets()
    parser.feed(r.text)
    assert parser.urls, "every page has at least its stylesheet"
    for url in parser.urls:
        assert url.startswith("/"), f"{path} loads {url} from elsewhere"
        assert client.get(url).status_code == 200, url


def test_home_tells_what_the_dataset_holds(client: TestClient) -> None:
    text = text_of(client.get("/", headers=HTML).text)
    assert "Gemeente 6" in text  # instances per class
    assert "Stedennetwerk 5" in text
    assert "Referentiegegevens" in text and "Themaschema" in text  # named graphs
    assert "Analyse coalitieakkoorden 2018" in text  # the documents
    assert "Stand van de Uitvoering Gemeenten 2023" in text


def test_municipality_page_shows_networks_challenges_quotes_and_programmes(
    client: TestClient,
) -> None:
    html = client.get("/id/gemeente/gm0193", headers=HTML).text
    text = text_of(html)
    assert "Zwolle GM0193" in text
    assert "Overijssel" in text and "130.592" in text  # province, population
    assert "G40-stedennetwerk" in text and "volgens lijst van 2021-01-01" in text
    # a challenge with its quote and a link to the document it comes from
    assert (
        "Zwolle lijkt zich bewust van de noodzaak de arbeidsmarkt beter te laten functioneren"
        in text
    )
    assert 'href="/id/document/platform31-analyse-coalitieakkoorden-2018"' in html
    assert "City Deal Inclusieve Stad" in text and "Regio Zwolle" in text
    assert "In Zwolle helpt de gemeente zzp'ers met schulden" in text  # practice example


def test_negated_fact_is_shown_apart_not_as_a_challenge(client: TestClient) -> None:
    text = text_of(client.get("/id/gemeente/gm1730", headers=HTML).text)
    # The section itself, not the overview at the top that links to it.
    challenges = text.split("Uitdagingen (challenges)")[1].split("Uitdrukkelijk")[0]
    assert "geen uitdaging" in challenges
    negated = text.split("Uitdrukkelijk níet als uitdaging")[1]
    assert "staat niets over schulden en armoede" in negated


def test_rejected_fact_does_not_appear(client: TestClient) -> None:
    text = text_of(client.get("/id/gemeente/gm0344", headers=HTML).text)
    assert "Utrechtse Heuvelrug bouwt woningen" not in text.split("Alle gegevens")[0]
    assert "financier" in text  # the role mention is there, as a role


def test_theme_page_lists_municipalities_and_bottlenecks(client: TestClient) -> None:
    text = text_of(client.get("/id/thema/schulden-en-armoede", headers=HTML).text)
    assert "Schulden en armoede Debt and poverty" in text
    mun = text.split("Gemeenten met deze uitdaging")[1].split("Uitdrukkelijk")[0]
    assert "Amsterdam" in mun and "Zwolle" in mun and "Tynaarlo" not in mun
    assert "wantrouwen in de overheid" in text


def test_network_page_shows_lists_by_date_and_members_on_a_date(client: TestClient) -> None:
    text = text_of(client.get("/id/netwerk/g40", headers=HTML).text)
    assert "lijst 2021-01-01" in text and "lijst 2023-01-01" in text
    assert "Heerhugowaard" in text and "Dijk en Waard" in text
    on_day = text_of(client.get("/id/netwerk/g40?datum=2023-06-01", headers=HTML).text)
    members = on_day.split("leden op 2023-06-01")[1].split("Alle vastgelegde")[0]
    assert "Dijk en Waard" in members and "Zwolle" in members
    assert "Heerhugowaard" not in members
    bad = text_of(client.get("/id/netwerk/g40?datum=gisteren", headers=HTML).text)
    assert "Ongeldige datum" in bad


def test_replaced_network_says_it_has_no_member_list(client: TestClient) -> None:
    text = text_of(client.get("/id/netwerk/g32", headers=HTML).text)
    assert "opgevolgd door G40" in text
    assert "Geen leden vastgelegd" in text


def test_bottleneck_page_shows_laws_organisations_and_quote(client: TestClient) -> None:
    html = client.get("/id/knelpunt/vng-2023-casus-1-wantrouwen", headers=HTML).text
    text = text_of(html)
    assert "Knelpunt: wantrouwen in de overheid" in text
    assert "Participatiewet" in text and "UWV" in text
    assert "Door wantrouwen in de overheid zijn mensen terughoudend" in text
    assert 'href="/id/programma/participatiewet"' in html


def test_document_page_nests_its_sections(client: TestClient) -> None:
    html = client.get("/id/document/platform31-analyse-coalitieakkoorden-2018", headers=HTML).text
    text = text_of(html)
    assert "Platform31" in text and "Uitdaging: 7" in text
    # 3.1 is inside 3, and 3 comes before 4
    contents = html.split("Inhoud")[1]
    assert contents.index("Werk en inkomen") < contents.index("Arbeidsmarkt")
    assert contents.index("Arbeidsmarkt") < contents.index("Schulden en armoede")
    nested = re.search(r"Werk en inkomen</a>\s*<ol", contents)
    assert nested, "section 3.1 is a sublist of section 3"


def test_programme_page_shows_participants_with_their_evidence(client: TestClient) -> None:
    text = text_of(client.get("/id/programma/city-deal-inclusieve-stad", headers=HTML).text)
    assert "Amsterdam (referentiebron)" in text
    assert "Zwolle neemt deel aan de City Deal Inclusieve Stad" in text
    assert "onvolledig" in text


def test_list_pages(client: TestClient) -> None:
    g40 = text_of(client.get("/gemeenten?netwerk=g40&huidig=", headers=HTML).text)
    assert "3 gemeenten" in g40
    assert "Onbekend netwerk: g99" in text_of(
        client.get("/gemeenten?netwerk=g99", headers=HTML).text
    )
    assert "Onbekende provinciecode" in text_of(
        client.get("/gemeenten?provincie=xx", headers=HTML).text
    )
    themes = client.get("/themas", headers=HTML).text
    assert re.search(r"Werk en inkomen</a>.*?<ul class=\"tree\">.*?Arbeidsmarkt", themes, re.S)
    assert "wantrouwen in de overheid" in client.get("/knelpunten", headers=HTML).text
    assert "Regio Zwolle" in client.get("/programmas", headers=HTML).text
    assert "Herstel en perspectief" in client.get("/documenten", headers=HTML).text


def test_list_filters_read_values_as_the_api_does(client: TestClient) -> None:
    # A province by name as well as by code, as /api/municipalities?province= does.
    for value in ("PV23", "pv23", "Overijssel"):
        page = text_of(client.get(f"/gemeenten?provincie={value}&huidig=", headers=HTML).text)
        assert "1 gemeenten" in page and "Zwolle" in page, value
    # What names nothing is a 404 page that says so, not an unfiltered list.
    r = client.get("/gemeenten?provincie=Atlantis", headers=HTML)
    assert r.status_code == 404
    assert "Onbekende provinciecode of -naam: Atlantis" in text_of(r.text)
    r = client.get("/knelpunten?thema=ruimtevaart", headers=HTML)
    assert r.status_code == 404
    assert "Onbekend thema: ruimtevaart" in text_of(r.text)
    assert "wantrouwen in de overheid" not in r.text


def test_ontology_page_explains_terms_in_dutch_and_english(client: TestClient) -> None:
    text = text_of(client.get("/def", headers=HTML).text)
    assert "gg:Knelpunt — Knelpunt (Bottleneck)" in text
    assert "Een knelpunt in de uitvoering" in text


def test_query_page_offers_an_editor_and_the_users_questions(client: TestClient) -> None:
    html = client.get("/query", headers=HTML).text
    assert '<div id="yasgui"' in html
    assert '<script src="/static/query.js"' in html
    # the editor's files are served by this service (fetched at build time, see setup.py)
    for asset in ("/static/vendor/yasgui/yasgui.min.js", "/static/vendor/yasgui/yasgui.min.css"):
        assert asset in html
        assert client.get(asset).status_code == 200, asset
    for example in EXAMPLE_QUERIES:
        assert f'data-example="{example["id"]}"' in html
    assert "Participatiewet" in html and "G40-steden met wonen" in html
    prefilled = client.get("/query?query=ASK%20%7B%7D", headers=HTML).text
    assert '<template id="initial-query">ASK {}</template>' in prefilled


def test_query_page_completes_the_datasets_prefixes_from_this_service(
    client: TestClient,
) -> None:
    prefixes = client.get("/query/prefixes.json").json()
    assert prefixes["gg"] == "https://w3id.org/gemeentegraaf/def#"
    assert prefixes["skos"] == "http://www.w3.org/2004/02/skos/core#"


@pytest.mark.parametrize("example", EXAMPLE_QUERIES, ids=lambda e: e["id"])
def test_example_queries_answer_on_the_endpoint(client: TestClient, example: dict) -> None:
    r = client.post(
        "/sparql",
        data={"query": example["query"]},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"], "the example finds something in the sample data"


def test_unknown_resource_page_is_readable(client: TestClient) -> None:
    r = client.get("/id/thema/ruimtevaart", headers=HTML)
    assert r.status_code == 404
    assert "Onbekende resource" in text_of(r.text)
    assert 'href="/static/style.css"' in r.text


def test_text_from_the_data_is_escaped(client: TestClient) -> None:
    # Utrecht's role in the sample data holds markup; it must come out as text.
    html = client.get("/id/gemeente/gm0344", headers=HTML).text
    assert "<script>alert(" not in html
    assert "financier &lt;script&gt;alert(" in html
