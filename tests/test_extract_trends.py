"""Trends and opgaven per theme from the trend studies (graph/extract_trends.py)."""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG, ID, OA, municipality_uri, network_uri
from gemeentegraaf.extract.framework import Heading, build_context
from gemeentegraaf.extract.trends import concerned, report_themes
from gemeentegraaf.sources import catalogue as corpus
from gemeentegraaf.text import documents
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

T2021 = "platform31-trendstudie-g40-m50-2021"
T2013 = "platform31-trendstudie-2013"


@pytest.fixture(scope="module")
def graph_2021() -> Graph:
    from gemeentegraaf.extract.report import extract_document

    return extract_document(T2021)


@pytest.fixture(scope="module")
def graph_2013() -> Graph:
    from gemeentegraaf.extract.report import extract_document

    return extract_document(T2013)


@pytest.fixture(scope="module")
def ctx_2021():
    return build_context(corpus.corpus_record(T2021), documents.load_document(T2021))


def _of(g: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, cls))


def _labelled(g: Graph, cls: URIRef, start: str) -> URIRef:
    (found,) = [a for a in _of(g, cls) if str(g.value(a, RDFS.label)).startswith(start)]
    return found


def _themes(g: Graph, a: URIRef) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in g.objects(a, GG.thema)}


def test_every_trend_and_opgave_bullet_of_2021_is_a_statement(graph_2021: Graph) -> None:
    assert len(_of(graph_2021, GG.Trend)) == 24
    assert len(_of(graph_2021, GG.Opgave)) == 25
    for a in _of(graph_2021, GG.Trend) + _of(graph_2021, GG.Opgave):
        assert list(graph_2021.objects(a, GG.geldtVoor)) == [GG.AlleGemeenten]
        assert _themes(graph_2021, a), f"{a} has no theme"


def test_a_bullet_takes_its_own_theme_and_its_chapters_only_within_its_family(
    graph_2021: Graph,
) -> None:
    bevolking = _labelled(graph_2021, GG.Trend, "Bevolking blijft groeien")
    assert _themes(graph_2021, bevolking) == {"demografie"}  # chapter 2
    # chapter 5 is veiligheid: cybercrime is a crime, of the chapter's family
    cyber = _labelled(graph_2021, GG.Trend, "Nieuwe technologieën en digitalisering")
    assert "criminaliteit-en-overlast" in _themes(graph_2021, cyber)
    # chapter 6 is wonen: the neighbourhood approach is its own theme, not housing
    wijken = _labelled(graph_2021, GG.Opgave, "Herformuleer de wijkenaanpak")
    assert "wijkaanpak" in _themes(graph_2021, wijken)
    assert "wonen" not in _themes(graph_2021, wijken)


def test_a_narrow_chapter_theme_counts_only_where_the_bullet_names_it(ctx_2021) -> None:
    chapter6 = (Heading("Een tekort aan ruimte en wonen", 1, "6"),)
    # chapter 6 is wonen (closeMatch) with ruimte as a narrowMatch
    assert report_themes(ctx_2021, chapter6, "Verbind de stad beter met de omgeving.") == [
        ID["thema/wonen"]
    ]
    assert ID["thema/ruimte"] in report_themes(
        ctx_2021, chapter6, "Toenemende ruimtelijke verschillen."
    )


def test_whom_a_bullet_concerns(ctx_2021) -> None:
    assert concerned(ctx_2021, "In steeds meer steden neemt de beroepsbevolking af.") == [
        ("alle-gemeenten", GG.AlleGemeenten)
    ]
    assert concerned(ctx_2021, "In de G40-steden groeit de bevolking.") == [
        ("g40", network_uri("g40"))
    ]
    assert ("gm0153", municipality_uri("GM0153")) in concerned(
        ctx_2021, "In Enschede is een Commissie Menselijke Maat geïnstalleerd."
    )


def test_the_2013_key_trends_are_trends_of_their_domain(graph_2013: Graph) -> None:
    trends = _of(graph_2013, GG.Trend)
    assert len(trends) == 26
    assert _of(graph_2013, GG.Opgave) == []
    mobiliteit = _labelled(graph_2013, GG.Trend, "Meer en andere eisen aan mobiliteit")
    assert "mobiliteit" in _themes(graph_2013, mobiliteit)
    # the "Spelregels" dash list in chapter 5 lists rules, not key trends
    labels = {str(graph_2013.value(a, RDFS.label)) for a in trends}
    assert "beslechten van geschillen;" not in labels


def test_an_enterprising_culture_is_not_cultural_heritage(graph_2013: Graph) -> None:
    trend = _labelled(graph_2013, GG.Trend, "Ondernemerschap en een ondernemende cultuur")
    assert _themes(graph_2013, trend) == {"ondernemerschap"}


@pytest.mark.parametrize("doc", [T2021, T2013])
def test_every_quote_is_the_raw_text_at_its_offsets(
    doc: str, graph_2021: Graph, graph_2013: Graph
) -> None:
    graph = graph_2021 if doc == T2021 else graph_2013
    raw = corpus.raw_text(corpus.corpus_record(doc))
    for a in _of(graph, GG.Trend) + _of(graph, GG.Opgave):
        selectors = list(graph.objects(graph.value(a, GG.bewijs), OA.hasSelector))
        exact = next(str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact))
        start = next(int(graph.value(s, OA.start)) for s in selectors if graph.value(s, OA.start))
        end = next(int(graph.value(s, OA.end)) for s in selectors if graph.value(s, OA.end))
        assert raw[start:end] == exact
        assert not exact.startswith(("➢", "•", "-", "–"))  # the bullet sign is layout


def test_the_document_graphs_conform_to_the_shapes(graph_2021: Graph, graph_2013: Graph) -> None:
    from gemeentegraaf.common.resources import ONTOLOGY_DIR
    from gemeentegraaf.sources.reference import reference_graph
    from gemeentegraaf.validate import validate

    data = Graph()
    data += graph_2021
    data += graph_2013
    data += reference_graph()
    data.parse(ONTOLOGY_DIR / "themes.ttl")
    report = validate(data)
    assert report.conforms, report.format(lang="en", limit=10)
