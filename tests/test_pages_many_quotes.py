"""A page shows a bounded number of quotes per fact, says how many more there are and
links to them: a fact with a hundred and twenty quotes (a store from before ingest bounded
them, or a write) costs a page what a fact with three does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.queries import read_model
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.web.pages import FACT_PAGE_QUOTES, QUOTES_SHOWN
from gemeentegraaf.store.oxigraph import OxigraphStore

try:
    from tests.service_sample import build_sample_store
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import build_sample_store

HTML = {"Accept": "text/html"}
ID = "https://w3id.org/gemeentegraaf/id/"
DOC = ID + "document/platform31-analyse-coalitieakkoorden-2018"
MANY = ID + "bewering/herhaling/uitdaging/gm0193/jeugd/0"
FEW = ID + "bewering/herhaling/uitdaging/gm0193/sport/0"
MANY_QUOTES = 120  # over read_model.MAX_QUOTES_READ: read with a query that stops early
FEW_QUOTES = 5


def _fact(uri: str, theme: str, quotes: int, omitted: int = 0) -> str:
    lines = [
        f"<{uri}> a gg:Uitdaging ; gg:onderwerp <{ID}gemeente/gm0193> ; "
        f'gg:thema <{ID}thema/{theme}> ; gg:relatie gg:Prioriteert ; gg:methode "test" '
        + (f"; gg:weggelatenBewijs {omitted} " if omitted else "")
        + "."
    ]
    for n in range(quotes):
        ev = f"<{ID}bewijs/{theme}/{n}>"
        start = 1000 + 100 * n
        lines.append(
            f"<{uri}> gg:bewijs {ev} . {ev} a oa:SpecificResource ; oa:hasSource <{DOC}> ; "
            f'oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Citaat {theme} nummer {n}" ] , '
            f"[ a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + 20} ] ."
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_sample_store(tmp_path_factory.mktemp("quotes") / "store")
    store = ox.Store(str(path))
    prefixes = (
        "@prefix gg: <https://w3id.org/gemeentegraaf/def#> . "
        "@prefix oa: <http://www.w3.org/ns/oa#> . "
    )
    data = prefixes + _fact(MANY, "jeugd", MANY_QUOTES) + _fact(FEW, "sport", FEW_QUOTES, 7)
    store.load(
        data.encode("utf-8"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("https://w3id.org/gemeentegraaf/graph/document/herhaling"),
    )
    store.flush()
    del store
    with TestClient(create_app(Settings(store_path=path))) as c:
        yield c


def _quotes(html: str, theme: str) -> list[int]:
    return [int(n) for n in re.findall(rf"Citaat {theme} nummer (\d+)", html)]


def test_a_municipality_page_shows_a_few_quotes_per_fact_and_how_many_more(
    client: TestClient,
) -> None:
    page = client.get("/id/gemeente/gm0193", headers=HTML)
    assert page.status_code == 200
    assert len(_quotes(page.text, "jeugd")) == QUOTES_SHOWN
    assert f"en nog {MANY_QUOTES - QUOTES_SHOWN} citaten" in page.text
    # the fewer quotes are the first in the text, and the page links to the fact for all
    assert _quotes(page.text, "sport") == list(range(QUOTES_SHOWN))
    assert f"en nog {FEW_QUOTES - QUOTES_SHOWN} citaten" in page.text
    assert 'href="/id/bewering/herhaling/uitdaging/gm0193/sport/0"' in page.text
    # and what the document left out, counted on the fact
    assert "De tekst doet deze bewering nog 7 keer" in page.text


def test_a_documents_page_is_bounded_too(client: TestClient) -> None:
    page = client.get("/id/document/platform31-analyse-coalitieakkoorden-2018", headers=HTML)
    assert page.status_code == 200
    assert len(_quotes(page.text, "jeugd")) == QUOTES_SHOWN


def test_the_facts_own_page_shows_more_and_links_to_all_in_turtle(client: TestClient) -> None:
    page = client.get("/id/bewering/herhaling/uitdaging/gm0193/jeugd/0", headers=HTML)
    assert page.status_code == 200
    shown = _quotes(page.text.split('class="triples"')[0], "jeugd")
    assert len(shown) == FACT_PAGE_QUOTES
    assert f"en nog {MANY_QUOTES - FACT_PAGE_QUOTES} citaten" in page.text
    assert 'href="/id/bewering/herhaling/uitdaging/gm0193/jeugd/0.ttl"' in page.text
    # its table of triples has as many evidence blocks, and says how many there are
    assert page.text.count("<caption>Bewijs ") == FACT_PAGE_QUOTES
    assert f"{FACT_PAGE_QUOTES} van {MANY_QUOTES} bewijsstukken getoond" in page.text
    turtle = client.get("/id/bewering/herhaling/uitdaging/gm0193/jeugd/0.ttl")
    assert sorted(_quotes(turtle.text, "jeugd")) == list(range(MANY_QUOTES))


def test_the_read_model_reads_at_most_what_is_asked(tmp_path: Path) -> None:
    store = read_model_store(tmp_path)
    evidence = read_model.evidence(store, [MANY, FEW], quotes=2)
    assert [e["quote"] for e in evidence[FEW]] == ["Citaat sport nummer 0", "Citaat sport nummer 1"]
    assert len(evidence[MANY]) == 2
    assert read_model.evidence_counts(store, [MANY, FEW]) == {MANY: 120, FEW: 5}
    assert len(read_model.evidence(store, [MANY])[MANY]) == MANY_QUOTES  # the API: all
    with pytest.raises(ValueError):
        read_model.evidence(store, [MANY], quotes=read_model.MAX_QUOTES_READ + 1)


def read_model_store(tmp_path: Path) -> OxigraphStore:
    store = OxigraphStore(None)
    prefixes = (
        "@prefix gg: <https://w3id.org/gemeentegraaf/def#> . "
        "@prefix oa: <http://www.w3.org/ns/oa#> . "
    )
    data = prefixes + _fact(MANY, "jeugd", MANY_QUOTES) + _fact(FEW, "sport", FEW_QUOTES)
    store.load(data.encode("utf-8"), "ttl", "https://w3id.org/gemeentegraaf/graph/test")
    return store
