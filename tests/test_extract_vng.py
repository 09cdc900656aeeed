"""Knelpunten and practice examples from the VNG report (graph/extract_vng.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import (
    GG,
    ID,
    OA,
    document_graph,
    municipality_uri,
    programme_uri,
)
from gemeentegraaf.extract.vng import find_instruments
from gemeentegraaf.sources import catalogue as corpus
from gemeentegraaf.text.agencies import find_agencies
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

VNG = "vng-stand-van-de-uitvoering-2023"
GOLD = Path(__file__).parent / "gold" / "dev.jsonl"
SECTION = Namespace(f"{ID}document/{VNG}/sectie/")


@pytest.fixture(scope="module")
def graph() -> Graph:
    from gemeentegraaf.extract.report import extract_document

    return extract_document(VNG)


def _of(g: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, cls))


def _quote(g: Graph, assertion: URIRef) -> str:
    evidence = g.value(assertion, GG.bewijs)
    for selector in g.objects(evidence, OA.hasSelector):
        exact = g.value(selector, OA.exact)
        if exact is not None:
            return " ".join(str(exact).split())
    raise AssertionError(f"{assertion} has no quote")


def _by_label(g: Graph, cls: URIRef, start: str) -> URIRef:
    found = [a for a in _of(g, cls) if str(g.value(a, RDFS.label) or "").startswith(start)]
    assert len(found) == 1, f"expected one {cls} labelled {start!r}, found {len(found)}"
    return found[0]


def test_every_cell_of_the_knelpunt_columns_is_a_knelpunt_of_its_case(graph: Graph) -> None:
    table = [
        a
        for a in _of(graph, GG.Knelpunt)
        if str(graph.value(a, GG.methode)) == "vng-knelpunt-tabel"
    ]
    per_case: dict[str, int] = {}
    for a in table:
        case = graph.value(a, GG.onderwerp)
        assert (case, RDF.type, GG.Casus) in graph
        per_case[str(case).removeprefix(str(SECTION))] = (
            per_case.get(str(case).removeprefix(str(SECTION)), 0) + 1
        )
    assert per_case == {"7": 9, "8": 6, "9": 7}
    ronald = _by_label(graph, GG.Knelpunt, "Door wantrouwen in de overheid zijn mensen")
    assert graph.value(ronald, GG.onderwerp) == SECTION["7"]
    assert (SECTION["7"], DCTERMS.title, Literal("Casus 1: Ronald en Marijke", lang="nl")) in graph


def test_the_perspective_columns_are_not_knelpunten(graph: Graph) -> None:
    labels = {str(graph.value(a, RDFS.label)) for a in _of(graph, GG.Knelpunt)}
    assert not any(label.startswith("Zzp’ers zijn zich niet altijd bewust") for label in labels)
    assert not any(label.startswith("Gemeenten hebben bij vroeg-signalering") for label in labels)


def test_a_knelpunt_names_its_scheme_and_theme(graph: Graph) -> None:
    toeslagen = _by_label(graph, GG.Knelpunt, "Risico van verkeerd gebruik bij toeslagen")
    assert set(graph.objects(toeslagen, GG.betrokkenRegeling)) == {programme_uri("toeslagen")}
    assert ID["thema/bestaanszekerheid"] in set(graph.objects(toeslagen, GG.thema))
    assert (programme_uri("toeslagen"), RDF.type, GG.Wet) in graph


def test_a_knelpunt_stated_in_a_box_names_law_and_agency(graph: Graph) -> None:
    wia = _by_label(
        graph, GG.Knelpunt, "De impact van onregelmatige inkomsten op een WIA-uitkering"
    )
    assert graph.value(wia, GG.onderwerp) == SECTION["7"]
    assert set(graph.objects(wia, GG.betrokkenRegeling)) == {programme_uri("wia")}
    uwv = ID["organisatie/uwv"]
    assert set(graph.objects(wia, GG.betrokkenOrganisatie)) == {uwv}
    assert (uwv, RDF.type, GG.Uitvoeringsorganisatie) in graph
    assert list(graph.objects(uwv, SKOS.prefLabel)) == [Literal("UWV", lang="nl")]
    assert not _quote(graph, wia).startswith("Praktijkvoorbeeld")


def test_a_knelpunt_that_points_back_quotes_the_sentence_it_points_to(graph: Graph) -> None:
    krapte = _by_label(graph, GG.Knelpunt, "De krapte uit zich zowel in kwantitatieve zin")
    assert _quote(graph, krapte).endswith("Dit is voor veel gemeenten een groeiend knelpunt.")
    assert graph.value(krapte, GG.onderwerp) == GG.AlleGemeenten


def test_questions_captions_and_agencies_own_troubles_are_not_knelpunten(graph: Graph) -> None:
    quotes = [_quote(graph, a) for a in _of(graph, GG.Knelpunt)]
    assert not any("Welke knelpunten ervaren zij" in q for q in quotes)
    assert not any(q.startswith("Tabel 1") for q in quotes)
    assert not any("verouderde ict" in q for q in quotes)


def test_practice_examples_name_the_municipality_of_the_box(graph: Graph) -> None:
    utrecht = [
        a
        for a in _of(graph, GG.Praktijkvoorbeeld)
        if graph.value(a, GG.onderwerp) == municipality_uri("GM0344")
    ]
    assert len(utrecht) == 1
    assert str(graph.value(utrecht[0], DCTERMS.title)) == "Maatwerk centraal in de doorbraakmethode"
    assert _quote(graph, utrecht[0]) == (
        "Praktijkvoorbeeld: Maatwerk centraal in de doorbraakmethode "
        "Een mooi voorbeeld is gemeente Utrecht."
    )
    assert ID["thema/werk-en-inkomen"] in set(graph.objects(utrecht[0], GG.thema))
    subjects = [graph.value(a, GG.onderwerp) for a in _of(graph, GG.Praktijkvoorbeeld)]
    assert subjects.count(municipality_uri("GM1894")) == 2  # Peel en Maas, two boxes
    assert municipality_uri("GM0307") in subjects  # "Voedselbank Amersfoort … met de gemeente"


def _actions(g: Graph, code: str) -> dict[str, str]:
    """Theme slug → quote of the gg:Onderneemt challenges a practice box gives a municipality."""
    return {
        str(g.value(a, GG.thema)).rsplit("/", 1)[-1]: _quote(g, a)
        for a in _of(g, GG.Uitdaging)
        if g.value(a, GG.onderwerp) == municipality_uri(code)
        and str(g.value(a, GG.methode)) == "vng-praktijkvoorbeeld-onderneemt"
    }


def test_a_practice_example_shows_its_municipality_acting_on_its_themes(graph: Graph) -> None:
    for a in _of(graph, GG.Uitdaging):
        if str(graph.value(a, GG.methode)) == "vng-praktijkvoorbeeld-onderneemt":
            assert graph.value(a, GG.relatie) == GG.Onderneemt
            assert graph.value(a, GG.ontkend).toPython() is False
    # The quote is the sentence that names the municipality, not the whole box …
    middelburg = _actions(graph, "GM0687")
    assert middelburg == {
        "wijkaanpak": "Praktijkvoorbeeld: Wijktafels De gemeente Middelburg organiseert "
        "zogenaamde ‘wijktafels’."
    }
    assert _actions(graph, "GM0828")["energiearmoede"].startswith(
        "Praktijkvoorbeeld: Ervaringsdeskundige geeft advies De gemeente Oss heeft een energiecoach"
    )
    # … reaching to the sentence that names the theme when that one does not.
    utrecht = _actions(graph, "GM0344")
    assert utrecht["werk-en-inkomen"].startswith("Praktijkvoorbeeld: Maatwerk centraal")
    assert utrecht["werk-en-inkomen"].endswith("voor jong- volwassenen is losgelaten.")
    # Emmen pays for the bookkeeping, "een belangrijke stap om te kunnen starten met
    # financiële (schuld-)hulpverlening": debt, not education (the students who help).
    emmen = _actions(graph, "GM0114")
    assert set(emmen) == {"ondernemerschap", "schulden"}
    assert emmen["schulden"].endswith("starten met financiële (schuld-) hulpverlening.")


def test_the_vng_challenges_of_the_gold_sample_that_practice_boxes_hold(
    graph: Graph, tmp_path: Path
) -> None:
    from gemeentegraaf.evaluate import evaluate

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    subset = [r for r in rows if r["kind"] == "challenge" and r["doc"] == VNG]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in subset) + "\n")
    missed = {m.id for m in evaluate(_oxigraph(graph), gold).misses}
    # Emmen → schulden, Utrecht → werk, Oss → energie. (Amstelveen, Aalsmeer and Meierijstad
    # are quoted officials, not practice boxes.)
    assert not {"G0198", "G0203", "G0201"} & missed


def test_boxes_without_a_municipality_give_no_practice_example(graph: Graph) -> None:
    titles = {str(graph.value(a, DCTERMS.title)) for a in _of(graph, GG.Praktijkvoorbeeld)}
    assert "De schouders eronder" not in titles  # all municipalities, none named
    assert "In de wacht voor de Belastingtelefoon" not in titles
    subjects = {graph.value(a, GG.onderwerp) for a in _of(graph, GG.Praktijkvoorbeeld)}
    assert all(str(s).startswith(str(ID["gemeente/"])) for s in subjects)


def test_dienst_toeslagen_is_an_agency_not_the_scheme() -> None:
    text = "de huurder moet de aangepaste huur doorgeven aan de Dienst Toeslagen"
    assert [m.programme.key for m in find_instruments(text)] == []
    assert [a.key for a in find_agencies(text)] == ["dienst-toeslagen"]
    assert [m.programme.key for m in find_instruments("bij toeslagen en de AVG")] == [
        "toeslagen",
        "algemene-verordening-gegevensbescherming",
    ]


def test_every_quote_is_the_raw_text_at_its_offsets(graph: Graph) -> None:
    raw = corpus.raw_text(corpus.corpus_record(VNG))
    for cls in (GG.Knelpunt, GG.Praktijkvoorbeeld):
        for a in _of(graph, cls):
            evidence = graph.value(a, GG.bewijs)
            selectors = list(graph.objects(evidence, OA.hasSelector))
            exact = next(
                str(graph.value(s, OA.exact)) for s in selectors if graph.value(s, OA.exact)
            )
            start = next(
                int(graph.value(s, OA.start)) for s in selectors if graph.value(s, OA.start)
            )
            end = next(int(graph.value(s, OA.end)) for s in selectors if graph.value(s, OA.end))
            assert raw[start:end] == exact


def test_the_document_graph_conforms_to_the_shapes(graph: Graph) -> None:
    from gemeentegraaf.common.resources import ONTOLOGY_DIR
    from gemeentegraaf.sources.reference import reference_graph
    from gemeentegraaf.validate import validate

    data = Graph()
    data += graph
    data += reference_graph()
    data.parse(ONTOLOGY_DIR / "themes.ttl")
    report = validate(data)
    assert report.conforms, report.format(lang="en", limit=10)


def _oxigraph(graph: Graph):
    """The graph in an in-memory Oxigraph store (rdflib's SPARQL is too slow for evaluate)."""
    from gemeentegraaf.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    store.load_graph(str(document_graph(VNG)), graph)
    return store


@pytest.mark.parametrize("kind", ["bottleneck", "practice"])
def test_recall_on_the_gold_sample(graph: Graph, kind: str, tmp_path: Path) -> None:
    from gemeentegraaf.evaluate import evaluate

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    subset = [r for r in rows if r["kind"] == kind and r["doc"] == VNG]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in subset) + "\n")
    result = evaluate(_oxigraph(graph), gold).kinds[kind]
    assert result.held / result.total >= 0.85
