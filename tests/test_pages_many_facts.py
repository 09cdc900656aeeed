"""A list of facts on a page is bounded: a municipality with fifteen hundred challenges (as an
ingested report of identical paragraphs gives one) shows a page of them, says how many
there are and links to a view that walks them all, page by page; and a request reads no
more facts from the store than it shows. Before, such a page read and rendered every fact
(19,999 of them made an 18 MB page that took 14 s)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.queries import version_cache
from gemeentegraaf.queries.read_model import PARTICIPATIONS_LISTED
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.http_cache import ResponseCache
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.web.fact_lists import READ_WHOLE
from gemeentegraaf.service.web.pages import ROW_LIMIT
from gemeentegraaf.service.web.paging import PAGE_SIZE
from gemeentegraaf.store.oxigraph import OxigraphStore

try:
    from tests.service_sample import build_sample_store
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import build_sample_store

HTML = {"Accept": "text/html"}
ID = "https://w3id.org/gemeentegraaf/id/"
CODE = "gm1980"  # Dijk en Waard: no facts of its own in the sample
SUBJECT = f"{ID}gemeente/{CODE}"
DOC = f"{ID}document/herhaald-rapport"
FACTS = f"{ID}bewering/herhaald-rapport/"  # every fact this module adds starts so
MANY = 15 * PAGE_SIZE + 37  # challenges on "wonen": sixteen pages, the last of 37
FEW = 3  # on "arbeidsmarkt": a small theme beside a big one
BOTTLENECKS = PAGE_SIZE + 30
QUOTES = 5  # of the first challenge; the pages and the API list three
PROGRAMME = f"{ID}programma/city-deal-inclusieve-stad"
PARTICIPATIONS = ROW_LIMIT + 50  # of the municipality in that City Deal
SECTIONS = 2 * PAGE_SIZE + 30  # of the document: a report of that many headings
REPORTS = PAGE_SIZE + 20  # more documents, as that many ingested files give


def _challenge(n: int, theme: str, *, negated: bool = False, quotes: int = 1) -> str:
    uri = f"<{FACTS}uitdaging/{theme}/{n:05d}>"
    lines = [
        f"{uri} a gg:Uitdaging , gg:Bewering ; gg:onderwerp <{SUBJECT}> ; "
        f"gg:thema <{ID}thema/{theme}> ; gg:relatie gg:StaatVoor ; "
        f'gg:ontkend {"true" if negated else "false"} ; gg:methode "test" .'
    ]
    for q in range(quotes):
        start = 100 * n + 10 * q
        ev = f"<{ID}bewijs/herhaald-rapport/{theme}/{n:05d}/{q}>"
        lines.append(
            f"{uri} gg:bewijs {ev} . {ev} a oa:SpecificResource ; oa:hasSource <{DOC}> ; "
            f'oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Zin {theme} {n} citaat {q}" ] , '
            f"[ a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + 5} ] ."
        )
    return "\n".join(lines)


def _bottleneck(n: int) -> str:
    uri = f"<{FACTS}knelpunt/{n:05d}>"
    return (
        f"{uri} a gg:Knelpunt , gg:Bewering ; gg:onderwerp <{SUBJECT}> ; "
        f'gg:thema <{ID}thema/wonen> ; rdfs:label "Knelpunt {n}" .'
    )


def _participation(n: int) -> str:
    uri = f"<{FACTS}deelname/{n:05d}>"
    ev = f"<{ID}bewijs/herhaald-rapport/deelname/{n:05d}>"
    return (
        f"{uri} a gg:Deelname , gg:Bewering ; gg:onderwerp <{SUBJECT}> ; "
        f"gg:programma <{PROGRAMME}> ; gg:bewijs {ev} . "
        f"{ev} a oa:SpecificResource ; oa:hasSource <{DOC}> ; "
        f'oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Deelname {n}" ] .'
    )


def _heading(n: int) -> str:
    return (
        f"<{DOC}/sectie/{n:05d}> a gg:Sectie ; dcterms:isPartOf <{DOC}> ; "
        f'dcterms:title "Kop {n}" ; oa:hasSelector [ a oa:TextPositionSelector ; '
        f"oa:start {100 * n + 1} ; oa:end {100 * n + 2} ] ."
    )


def _report(n: int) -> str:
    return (
        f"<{ID}document/rapport-{n:04d}> a gg:Document ; "
        f'dcterms:title "Rapport {n}" ; dcterms:issued "2024"^^<http://www.w3.org/2001/XMLSchema#gYear> .'
    )


def _data() -> str:
    facts = [_challenge(0, "wonen", quotes=QUOTES)]
    facts += [_challenge(n, "wonen") for n in range(1, MANY)]
    facts += [_challenge(n, "arbeidsmarkt") for n in range(FEW)]
    facts.append(_challenge(FEW, "arbeidsmarkt", negated=True))
    facts += [_bottleneck(n) for n in range(BOTTLENECKS)]
    facts += [_participation(n) for n in range(PARTICIPATIONS)]
    facts += [_heading(n) for n in range(SECTIONS)]
    facts += [_report(n) for n in range(REPORTS)]
    return (
        "@prefix gg: <https://w3id.org/gemeentegraaf/def#> . "
        "@prefix oa: <http://www.w3.org/ns/oa#> . "
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
        "@prefix dcterms: <http://purl.org/dc/terms/> . "
        f'<{DOC}> a gg:Document ; dcterms:title "Een herhaald rapport" . ' + "\n".join(facts)
    )


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_sample_store(tmp_path_factory.mktemp("many-facts") / "store")
    store = ox.Store(str(path))
    store.load(
        _data().encode("utf-8"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/gemeentegraaf/graph/document/herhaald-rapport"),
    )
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store_path=store_path))) as c:
        yield c


def _facts(html: str, kind: str = "uitdaging") -> list[str]:
    """The facts a page lists (by their URIs), in its order."""
    return re.findall(rf'<a class="kind" href="/id/bewering/herhaald-rapport/{kind}/([^"]+)"', html)


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def _more(html: str) -> tuple[int, int, str]:
    """The '… en nog N feiten (van M)' line: N, M and its link."""
    found = re.search(r"en nog ([\d.]+) feiten \(van ([\d.]+)\): <a href=\"([^\"]+)\"", html)
    assert found, "a line that says how many more facts there are"
    return int(found[1].replace(".", "")), int(found[2].replace(".", "")), found[3]


def test_a_municipality_page_shows_a_page_of_facts_and_how_many_there_are(
    client: TestClient,
) -> None:
    page = client.get(f"/id/gemeente/{CODE}", headers=HTML)
    assert page.status_code == 200
    challenges = _section(page.text, "h-challenges")
    # a hundred in all, every theme some: the small one whole, the big one the rest
    shown = _facts(challenges)
    assert len(shown) == PAGE_SIZE
    assert len([f for f in shown if f.startswith("arbeidsmarkt/")]) == FEW
    rest, total, href = _more(challenges)
    assert (rest, total) == (MANY - (PAGE_SIZE - FEW), MANY)
    assert href.startswith(f"/gemeenten/{CODE}/uitdagingen?") and "thema=wonen" in href
    # the overview counts every fact, not the ones shown
    assert f'<span class="tally">{MANY:,}</span>'.replace(",", ".") in page.text
    # the bottlenecks about it are a list of their own, bounded the same way
    other = _section(page.text, "h-other")
    assert len(_facts(other, "knelpunt")) == PAGE_SIZE
    assert _more(other)[:2] == (BOTTLENECKS - PAGE_SIZE, BOTTLENECKS)
    # quotes per fact are still bounded as before
    assert f"en nog {QUOTES - 3} citaten" in challenges


def test_the_list_view_walks_every_fact_page_by_page(client: TestClient) -> None:
    page = client.get(f"/id/gemeente/{CODE}", headers=HTML).text
    _, _, href = _more(_section(page, "h-challenges"))
    first = client.get(href, headers=HTML)
    assert first.status_code == 200
    assert f"Feiten 1–{PAGE_SIZE} van {MANY:,}".replace(",", ".") in first.text
    pages: list[list[str]] = [_facts(first.text)]
    seen = first.text
    # follow the "next" links to the end: each page the next hundred, the last the rest
    while (following := re.search(r'<a href="([^"]+)" rel="next">', seen)) is not None:
        response = client.get(following[1].replace("&amp;", "&"), headers=HTML)
        assert response.status_code == 200
        seen = response.text
        pages.append(_facts(seen))
        assert 'rel="prev"' in seen
    assert [len(p) for p in pages] == [PAGE_SIZE] * (MANY // PAGE_SIZE) + [MANY % PAGE_SIZE]
    walked = [f for p in pages for f in p]
    assert len(set(walked)) == MANY and all(f.startswith("wonen/") for f in walked)
    assert walked == sorted(walked)  # a stable order, one page after the other
    # the last page can be asked for directly, and page 2 is the second hundred
    last = re.search(r'<a href="([^"]+)">laatste', first.text)
    assert (
        last and _facts(client.get(last[1].replace("&amp;", "&"), headers=HTML).text) == pages[-1]
    )
    second = client.get(f"/gemeenten/{CODE}/uitdagingen?thema=wonen&pagina=2", headers=HTML)
    assert _facts(second.text) == pages[1]


def test_the_documents_page_and_its_list_are_bounded_too(client: TestClient) -> None:
    page = client.get("/id/document/herhaald-rapport", headers=HTML)
    assert page.status_code == 200
    facts = _section(page.text, "h-facts")
    # (the bottlenecks rest on no quote of the document)
    all_facts = MANY + FEW + 1 + PARTICIPATIONS
    assert len(_facts(facts, "[a-z]+")) == PAGE_SIZE
    assert _more(facts)[:2] == (all_facts - PAGE_SIZE, all_facts)
    second = client.get(_more(facts)[2], headers=HTML)
    assert second.status_code == 200 and len(_facts(second.text, "[a-z]+")) == PAGE_SIZE


def test_a_documents_sections_are_paged(client: TestClient) -> None:
    page = client.get("/id/document/herhaald-rapport", headers=HTML).text
    shown = re.findall(r">Kop (\d+)</a>", _section(page, "h-sections"))
    assert shown == [str(n) for n in range(PAGE_SIZE)]
    more = re.search(r"en nog (\d+) secties \(van (\d+)\): <a href=\"([^\"]+)\"", page)
    assert more and (int(more[1]), int(more[2])) == (SECTIONS - PAGE_SIZE, SECTIONS)
    last = client.get(more[3].replace("pagina=2", "pagina=3"), headers=HTML)
    assert last.status_code == 200
    assert re.findall(r">Kop (\d+)</a>", last.text) == [
        str(n) for n in range(2 * PAGE_SIZE, SECTIONS)
    ]
    assert client.get(more[3].replace("pagina=2", "pagina=4"), headers=HTML).status_code == 404


def test_the_documents_are_listed_a_page_at_a_time(client: TestClient) -> None:
    listed = client.get("/documenten", headers=HTML).text
    first = re.findall(r">Rapport (\d+)</a>", listed)
    total = int(re.search(r"<p>([\d.]+) documenten; hier 1–100", listed)[1].replace(".", ""))
    assert total > REPORTS and len(re.findall(r"<tr><td>", listed)) == PAGE_SIZE
    second = client.get("/documenten?pagina=2", headers=HTML).text
    rest = re.findall(r">Rapport (\d+)</a>", second)
    assert sorted(first + rest, key=int) == [str(n) for n in range(REPORTS)]
    home = client.get("/", headers=HTML).text
    assert f"en nog {total - PAGE_SIZE} documenten" in home
    api = client.get("/api/documents?limit=10&offset=10")
    assert api.headers["X-Total-Count"] == str(total) and len(api.json()) == 10


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        (f"/gemeenten/{CODE}/uitdagingen?pagina=twee", 400, "Ongeldig paginanummer"),
        (f"/gemeenten/{CODE}/uitdagingen?pagina=0", 400, "Ongeldig paginanummer"),
        (f"/gemeenten/{CODE}/uitdagingen?pagina=-1", 400, "Ongeldig paginanummer"),
        (f"/gemeenten/{CODE}/uitdagingen?pagina=99", 404, "bestaat niet"),
        (f"/gemeenten/{CODE}/uitdagingen?pagina=1{'0' * 40}", 404, "bestaat niet"),
        (f"/gemeenten/{CODE}/uitdagingen?thema=geen-thema", 404, "Onbekend thema"),
        (f"/gemeenten/{CODE}/geen-lijst", 404, "geen lijst"),
        ("/gemeenten/gm9999/uitdagingen", 404, "Onbekend"),
        ("/knelpunten?pagina=x", 400, "Ongeldig paginanummer"),
        ("/documenten?pagina=3", 404, "bestaat niet"),
        ("/documenten/herhaald-rapport/secties?pagina=1.5", 400, "Ongeldig paginanummer"),
        ("/knelpunten?pagina=99", 404, "bestaat niet"),
        # digits of other scripts are no page number (an outsider's find: they were a 404)
        ("/knelpunten?pagina=%EF%BC%91", 400, "Ongeldig paginanummer"),
        ("/knelpunten?pagina=%D9%A1", 400, "Ongeldig paginanummer"),
    ],
)
def test_a_page_number_that_names_no_page_is_a_clear_error(
    client: TestClient, path: str, status: int, says: str
) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert says in response.text and "Traceback" not in response.text


def test_the_bottlenecks_list_is_paged(client: TestClient) -> None:
    first = client.get("/knelpunten", headers=HTML).text
    assert len(_facts(first, "knelpunt")) == PAGE_SIZE
    assert 'rel="next"' in first
    second = client.get("/knelpunten?pagina=2", headers=HTML).text
    assert not set(_facts(first, "knelpunt")) & set(_facts(second, "knelpunt"))
    assert 'rel="prev"' in second


def test_the_api_pages_a_municipalitys_challenges_with_three_quotes_a_fact(
    client: TestClient,
) -> None:
    answer = client.get(f"/api/municipalities/{CODE}/challenges?limit=10&offset={MANY - 2}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["challenges_total"] == MANY + FEW and body["negated_total"] == 1
    assert answer.headers["X-Total-Count"] == str(MANY + FEW + 1)
    listed = {e["assertion"] for t in body["challenges"] for e in t["evidence"]}
    negated = {e["assertion"] for t in body["negated"] for e in t["evidence"]}
    assert (len(listed), len(negated)) == (FEW + 2, 1)  # the page runs into the negated ones
    start = client.get(f"/api/municipalities/{CODE}/challenges?limit={FEW + 1}").json()
    quotes = [
        e
        for t in start["challenges"]
        for e in t["evidence"]
        if e["assertion"].endswith("/wonen/00000")
    ]
    assert len(quotes) == 3 and quotes[0]["quotes_left_out"] == QUOTES - 3
    assert 'rel="next"' in client.get(f"/api/municipalities/{CODE}/challenges").headers["Link"]


def test_a_programme_counts_a_participants_facts_and_lists_a_few(client: TestClient) -> None:
    page = client.get("/id/programma/city-deal-inclusieve-stad", headers=HTML).text
    assert page.count("Deelname ") - page.count("Deelname volgens") <= 3
    assert f"en nog {PARTICIPATIONS - 3} feiten over deze deelname" in page
    assert f'href="/gemeenten/{CODE}/deelnames"' in page
    deals = client.get("/api/programmes?kind=CityDeal").json()
    deal = next(d for d in deals if d["uri"] == PROGRAMME)
    who = next(p for p in deal["participants"] if p["uri"] == SUBJECT)
    assert who["assertions_total"] == PARTICIPATIONS
    assert 0 < len(who["assertions"]) < PARTICIPATIONS


@pytest.fixture(scope="module")
def fresh(store_path: Path) -> Iterator[TestClient]:
    """An app of its own over the store, so that what the requests below read is not read
    already by the tests above (each reads lists of its own)."""
    with TestClient(create_app(Settings(store_path=store_path))) as app:
        # The analyses (similar municipalities, the heatmap) read the store's challenges
        # once per data version, for every page after: not a request's own reading.
        assert app.get("/id/thema/arbeidsmarkt", headers=HTML).status_code == 200
        yield app


@pytest.fixture
def reads(fresh: TestClient, monkeypatch: pytest.MonkeyPatch) -> tuple[TestClient, list]:
    """The app, and the results of every query it runs from now on."""
    results: list[Any] = []
    query = OxigraphStore.query

    def counted(self: OxigraphStore, sparql: str, **kwargs: Any) -> Any:
        result = query(self, sparql, **kwargs)
        results.append(result)
        return result

    monkeypatch.setattr(OxigraphStore, "query", counted)
    return fresh, results


def _facts_read(results: list[Any]) -> set[str]:
    """The facts of this module that any query result names."""
    named = set()
    for result in results:
        for row in getattr(result, "rows", None) or getattr(result, "triples", None) or []:
            for term in row:
                if isinstance(term, ox.NamedNode) and term.value.startswith(FACTS):
                    named.add(term.value)
    return named


@pytest.mark.parametrize(
    ("path", "bound"),
    [
        # (first: the municipality's page reads its programmes too)
        ("/api/programmes", PARTICIPATIONS_LISTED),
        # (and the first links to it that its table of triples shows)
        ("/id/programma/city-deal-inclusieve-stad", PARTICIPATIONS_LISTED + ROW_LIMIT + 1),
        # the challenges and the bottlenecks shown, and the links to it the table of its
        # triples shows (it counts the rest); and the one read of at most READ_WHOLE + 1 of
        # its facts (with their records) that finds it has more than it can read whole
        (f"/id/gemeente/{CODE}", 2 * PAGE_SIZE + ROW_LIMIT + 1 + READ_WHOLE + 1),
        (f"/gemeenten/{CODE}/uitdagingen?thema=wonen&pagina=7", PAGE_SIZE),
        ("/id/document/herhaald-rapport", PAGE_SIZE + ROW_LIMIT + 1),
        ("/knelpunten?pagina=2", PAGE_SIZE),
        (f"/api/municipalities/{CODE}/challenges?limit={PAGE_SIZE}", PAGE_SIZE),
    ],
)
def test_a_request_reads_no_more_facts_than_it_shows(
    reads: tuple[TestClient, list], path: str, bound: int
) -> None:
    client, results = reads
    assert client.get(path, headers=HTML).status_code == 200
    read = _facts_read(results)
    assert 0 < len(read) <= bound < MANY


def test_a_small_municipalitys_lists_are_read_in_one_go(reads: tuple[TestClient, list]) -> None:
    """A municipality with a few facts (the sample's Amsterdam): its lists are sorted from
    one reading, so the page's queries do not grow with its number of lists; read apart,
    each non-empty list cost a query for its page and one for its records."""
    client, results = reads
    assert client.get("/id/gemeente/gm0363", headers=HTML).status_code == 200
    assert len(results) <= 14


# Pages whose lists are all shorter than a page, each after a page of the same kind (so
# that what every page of its kind shares is kept, as it soon is in a running service),
# and how many queries the store may answer for them: as many as before paging, when the
# pages read every fact (counted so at 6511035). Paging as first merged made them 15, 15,
# 11, 16, 20, 7 and 11 (a COUNT and a page read for every list, and the records apart),
# and under load the pages were slower for it.
SMALL_PAGES = [
    ("/id/gemeente/gm0363", "/id/gemeente/gm0193", 12),
    ("/id/gemeente/gm0193", "/id/gemeente/gm0363", 12),
    ("/id/netwerk/g40", "/id/netwerk/g4", 9),
    ("/id/thema/arbeidsmarkt", "/id/thema/schulden-en-armoede", 15),
    ("/id/thema/schulden-en-armoede", "/id/thema/arbeidsmarkt", 18),
    ("/api/municipalities/GM0363/challenges", "/api/municipalities/GM0193/challenges", 4),
    (
        "/id/document/platform31-analyse-coalitieakkoorden-2018",
        "/id/document/platform31-trendstudie-g40-m50-2021",
        8,
    ),
]


@pytest.fixture(scope="module")
def uncached(store_path: Path) -> Iterator[TestClient]:
    """An app of its own that keeps no whole answers (each request is answered afresh)."""
    with TestClient(create_app(Settings(store_path=store_path))) as app:
        app.app.state.data_version.cache = ResponseCache(entry_limit=0)
        yield app


@pytest.mark.parametrize(("path", "before", "most"), SMALL_PAGES)
def test_a_page_of_short_lists_makes_no_more_queries_than_before_paging(
    uncached: TestClient, monkeypatch: pytest.MonkeyPatch, path: str, before: str, most: int
) -> None:
    """Each short list is read with one query that also says how long it is (a COUNT only
    for a list longer than its page), and a municipality's or network's few facts with one
    query for all its lists: the number of queries does not grow with the lists a page has."""
    version_cache.forget(uncached.app.state.views.current().store)
    assert uncached.get(before, headers=HTML).status_code == 200
    queries: list[str] = []
    query = OxigraphStore.query

    def counted(self: OxigraphStore, sparql: str, **kwargs: Any) -> Any:
        queries.append(sparql.split("\n", 1)[0])
        return query(self, sparql, **kwargs)

    monkeypatch.setattr(OxigraphStore, "query", counted)
    assert uncached.get(path, headers=HTML).status_code == 200
    assert len(queries) <= most, "\n".join(queries)


def test_the_api_page_before_one_past_the_end_is_the_last(client: TestClient) -> None:
    """An outsider's find: from an offset far past the end, rel="prev" pointed one page
    before it, still past the end."""
    answer = client.get(f"/api/municipalities/{CODE}/challenges?limit=5&offset=10000000")
    assert answer.status_code == 200
    total = int(answer.headers["X-Total-Count"])
    links = dict(
        (part.split('rel="')[1].rstrip('"'), part.split(">")[0].lstrip("<"))
        for part in answer.headers["Link"].split(", ")
    )
    assert links["prev"] == links["last"]
    assert f"offset={((total - 1) // 5) * 5}" in links["prev"]
