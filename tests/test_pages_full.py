"""Pages over the full build: real themes only, labels not slugs, Dutch text, overview first."""

from __future__ import annotations

import logging
import re
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.common.namespaces import GG, municipality_uri
from gemeentegraaf.service.web.paging import PAGE_SIZE
from rdflib import Graph, URIRef

HTML = {"Accept": "text/html"}


@pytest.fixture
def client(built_client: TestClient) -> TestClient:
    # The session's started app over the build (conftest.py): these tests only read.
    return built_client


def test_themes_page_lists_real_themes_once(client: TestClient) -> None:
    page = client.get("/themas", headers=HTML).text
    links = re.findall(r'<a href="/id/thema/([^"]+)">([^<]+)</a>', page)
    assert len(links) > 50
    # The reports' own outlines (cases, conclusions, chapters) are not themes.
    assert not [label for _, label in links if re.match(r"(Casus|Conclusie|Bouwsteen) \d", label)]
    assert all("/" not in key for key, _ in links)
    twice = [label for label, n in Counter(label for _, label in links).items() if n > 1]
    assert twice == []


def test_theme_table_names_themes_by_label_and_the_description_is_dutch(
    client: TestClient,
) -> None:
    page = client.get("/id/thema/wonen", headers=HTML).text
    table = page.split('id="h-mun"')[1].split("</table>")[0]
    assert ">Betaalbaar wonen en woningmarkt</a>" in table
    assert "betaalbaar-wonen," not in table
    # The description above the table is the Dutch one (the triples list holds both).
    lead = page.split('id="h-mun"')[0]
    assert "Het wonen in de gemeente" in lead and "Housing in the municipality" not in lead


def test_amsterdam_page_starts_with_an_overview_of_its_themes(client: TestClient) -> None:
    page = client.get("/id/gemeente/gm0363", headers=HTML).text
    overview = page.split('id="h-overview"')[1].split("</nav>")[0]
    themes = re.findall(r'<a href="#thema-(\d+)">', overview)
    blocks = re.findall(r'<details class="theme-block" id="thema-(\d+)"', page)
    # 18: "In Amsterdam worden hiervoor ook verhuispremies ingezet" takes the theme of the
    # sentence "hiervoor" points to (doorstroming), not its section's (Gebiedsontwikkeling),
    # and "om de stad leefbaarder te maken" adds Leefbaarheid
    assert len(themes) == 18 and themes == blocks
    # The picture of similar municipalities comes before the challenges, not at the bottom.
    assert page.index('id="vergelijkbaar"') < page.index('id="h-challenges"')


def test_municipality_list_shows_current_ones_with_dissolved_a_click_away(
    client: TestClient,
) -> None:
    page = client.get("/gemeenten", headers=HTML).text
    assert "342 huidige gemeenten" in page
    link = re.search(r'<a href="(/gemeenten\?[^"]*)">Ook de opgeheven gemeenten tonen', page)
    assert link
    everything = client.get(link.group(1).replace("&amp;", "&"), headers=HTML).text
    shown = int(re.search(r"<p>(\d+) gemeenten\.", everything).group(1))
    assert shown > 342
    assert "342 huidige" in client.get("/", headers=HTML).text


def test_document_page_links_its_publisher_and_publication(client: TestClient) -> None:
    page = client.get("/id/document/vng-stand-van-de-uitvoering-2023", headers=HTML).text
    assert '<a href="/id/organisatie/vng">VNG</a>' in page
    assert 'href="https://vng.nl/brieven/stand-van-de-uitvoering-gemeenten' in page
    assert client.get("/id/organisatie/vng", headers=HTML).status_code == 200


def test_a_municipality_page_and_its_turtle_name_the_same_similar_municipalities(
    client: TestClient,
) -> None:
    page = client.get("/id/gemeente/gm0193", headers=HTML).text
    section = page.split('id="vergelijkbaar"')[1].split("</section>")[0]
    on_page = set(re.findall(r'<li><a href="/id/gemeente/(gm\d{4})">', section))
    graph = Graph().parse(
        data=client.get("/id/gemeente/gm0193", headers={"Accept": "text/turtle"}).text,
        format="turtle",
    )
    source = URIRef(municipality_uri("GM0193"))
    in_turtle = {str(o).rsplit("/", 1)[1] for o in graph.objects(source, GG.lijktOp)}
    assert len(on_page) >= 5
    assert in_turtle == on_page


def test_a_document_page_says_how_the_document_was_read(client: TestClient) -> None:
    # the kind a user gave ("rapport") and the genre the rules read it as are two things;
    # the page showed only the first while the data said the second
    page = client.get("/id/document/platform31-analyse-coalitieakkoorden-2018", headers=HTML)
    facts = page.text.split('<dl class="facts">')[1].split("</dl>")[0]
    # by the genre's label, and how it was chosen
    assert "<dt>Gelezen als</dt><dd>analyse van coalitieakkoorden" in facts
    assert "herkend aan de opbouw" in facts


def test_a_document_page_lists_its_facts_with_their_quotes_in_text_order(
    client: TestClient,
) -> None:
    # a newcomer could not see from a document's page which facts it gave, nor read a quote
    page = client.get("/id/document/vng-stand-van-de-uitvoering-2023", headers=HTML).text
    section = page.split('id="h-facts"')[1].split("</section>")[0]
    counted = sum(int(n) for n in re.findall(r"<li>[^<:]+: (\d+)</li>", section))
    facts = section.split('<li class="fact')[1:]
    # the first PAGE_SIZE of them; the rest on the list's own pages
    assert counted > 0 and len(facts) == min(counted, PAGE_SIZE)
    assert all("<mark>" in fact for fact in facts)
    firsts = [int(re.search(r"tekens (\d+)–", fact).group(1)) for fact in facts]
    assert firsts == sorted(firsts)


def test_a_long_document_page_shows_a_page_of_facts_and_links_to_all_of_them(
    client: TestClient,
) -> None:
    page = client.get("/id/document/platform31-analyse-coalitieakkoorden-2018", headers=HTML)
    section = page.text.split('id="h-facts"')[1].split("</section>")[0]
    shown = re.search(
        r'de eerste (\d+) van (\d+); <a href="([^"]+)">alle feiten per pagina', section
    )
    assert shown and int(shown.group(1)) == PAGE_SIZE < int(shown.group(2))
    assert section.count('<li class="fact') == PAGE_SIZE
    total = int(shown.group(2))
    rest = re.search(r'en nog (\d+) feiten \(van \d+\): <a href="([^"]+)">', section)
    assert rest and int(rest.group(1)) == total - PAGE_SIZE
    # the list's second page goes on in text order where the document's page stopped
    second = client.get(rest.group(2), headers=HTML)
    assert second.status_code == 200
    firsts = _first_offsets(section) + _first_offsets(second.text)
    assert len(firsts) == min(total, 2 * PAGE_SIZE) and firsts == sorted(firsts)
    assert f"Feiten {PAGE_SIZE + 1}–" in second.text


def _first_offsets(html: str) -> list[int]:
    """Where each listed fact's first quote starts in its document."""
    facts = html.split('<li class="fact')[1:]
    return [int(re.search(r"tekens (\d+)–", fact).group(1)) for fact in facts]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        (
            "/documenten/vng-stand-van-de-uitvoering-2023",
            "/id/document/vng-stand-van-de-uitvoering-2023",
        ),
        ("/gemeenten/GM0193", "/id/gemeente/gm0193"),
        ("/themas/wonen", "/id/thema/wonen"),
        ("/netwerken/g40", "/id/netwerk/g40"),
        ("/netwerken/G40", "/id/netwerk/g40"),  # one hop, not two: via /id/netwerk/G40
    ],
)
def test_an_entity_under_its_list_path_leads_to_its_page(
    client: TestClient, path: str, page: str
) -> None:
    # One guesses /documenten/KEY from /documenten/KEY/feiten; the page is at its URI.
    r = client.get(path, follow_redirects=False, headers={"Accept": "text/html"})
    assert (r.status_code, r.headers["location"]) == (308, page)
    assert client.get(page, headers={"Accept": "text/html"}).status_code == 200


def test_an_unknown_entity_under_a_list_path_is_a_404_page(client: TestClient) -> None:
    r = client.get("/documenten/bestaat-niet", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "bestaat-niet" in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/themas/a%20b%22c",
        "/netwerken/x%3Cy%3E%0D%0AFORGED%20LINE",
        "/themas/x%3Cy%3E%1B[31m/knelpunten",
        "/documenten/a%7Bb%7D",
    ],
)
def test_a_key_that_is_no_iri_is_unknown_and_logged_by_nobody(
    client: TestClient, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    # rdflib logged such a key raw ("… does not look like a valid URI"), line breaks too.
    with caplog.at_level(logging.DEBUG):
        response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_not_found_page_echoes_a_long_key_cut_and_no_direction_mark(client: TestClient) -> None:
    key = "\u202e" + "k" * 5000
    response = client.get(f"/themas/{key}", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "\u202e" not in response.text and "%E2%80%AE" in response.text
    assert "k" * 201 not in response.text and len(response.text) < 5000


def test_a_key_is_folded_to_lower_case_in_ascii_only(client: TestClient) -> None:
    # str.lower() makes the Kelvin sign (U+212A) a "k": the list answered at an address
    # that is not the entity's.
    key = "g32-analyse-regeerakkoord-2017"
    assert client.get(f"/documenten/{key}/feiten", headers=HTML).status_code == 200
    assert client.get(f"/documenten/{key.upper()}/feiten", headers=HTML).status_code == 200
    kelvin = key.replace("k", "\u212a", 1)
    assert kelvin.lower() == key  # what made it answer
    for path in (f"/documenten/{kelvin}/feiten", f"/documenten/{kelvin}/secties"):
        assert client.get(path, headers=HTML).status_code == 404
