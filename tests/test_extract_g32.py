"""Stances of the G32 on the 2017 coalition agreement (graph/extract_g32.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, ID, OA, document_graph, network_uri, programme_uri
from gemeentegraaf.extract.g32 import clauses_with_stance, polarity_of, policy_of
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

G32 = "g32-analyse-regeerakkoord-2017"
GOLD = Path(__file__).parent / "gold" / "dev.jsonl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    from gemeentegraaf.extract.report import extract_document

    return extract_document(G32)


def _stances(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, GG.Standpunt))


def _quote(g: Graph, assertion: URIRef) -> str:
    evidence = g.value(assertion, GG.bewijs)
    for selector in g.objects(evidence, OA.hasSelector):
        exact = g.value(selector, OA.exact)
        if exact is not None:
            return " ".join(str(exact).split())
    raise AssertionError(f"{assertion} has no quote")


def _with_quote(g: Graph, start: str) -> list[URIRef]:
    return [a for a in _stances(g) if _quote(g, a).startswith(start)]


# Sentences from the report, with the stance a reader takes from them.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "De G32 is verheugd dat het kabinet 170 miljoen euro uittrekt voor versterking van "
            "de vroeg- en voorschoolse educatie.",
            GG.Positief,
        ),
        (
            "Wij zijn dan ook blij met het voornemen de Wet DBA te vervangen door een nieuwe wet.",
            GG.Positief,
        ),
        (
            "We zijn dan ook teleurgesteld over het uitblijven van de door ons bepleite één regeling "
            "voor de onderkant van de arbeidsmarkt met een adequate financiering.",
            GG.Negatief,
        ),
        (
            "Wij vinden het een gemiste kans dat in het Regeerakkoord geen koppeling is gemaakt "
            "tussen klimaatadaptie/verduurzaming en wijkaanpak.",
            GG.Negatief,
        ),
        ("Daarbij vragen we in ieder geval aandacht voor afspraken over volumegroei.", GG.Eis),
        ("Het inburgeringssysteem moet snel herzien worden.", GG.Eis),
        (
            "De G32 maakt zich echter grote zorgen over de financiële kaders waarbinnen dit moet gebeuren.",
            GG.Zorg,
        ),
        ("Rond circulaire economie blijft het Regeerakkoord summier.", GG.Zorg),
        (
            "Wel vindt de G32 het jammer dat in het Regeerakkoord nergens wordt gesproken over de "
            "IKC-ontwikkeling.",
            GG.Zorg,
        ),
    ],
)
def test_cue_phrases_give_the_stance(sentence: str, expected: URIRef) -> None:
    assert polarity_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # hearsay and the future tense describe the agreement, they are no demand of the G32
        "Uit de extra middelen die gemeenten via het accres ontvangen moet naar verluid ook de "
        "loon en prijscompensatie worden betaald.",
        "Er zal 50% door de gemeenten moeten worden opgevangen.",
        "Het Regeerakkoord (her)bevestigt dat aandacht voor het terugdringen van armoede een opgave is.",
        "Maar waarom alleen de gemeenten en niet vooral de corporaties?",
    ],
)
def test_sentences_without_a_stance_of_the_network(sentence: str) -> None:
    assert polarity_of(sentence) is None


def test_a_verdict_of_the_government_is_not_a_demand() -> None:
    sentence = (
        "De G32 constateert met tevredenheid dat de nieuwe regering aandacht heeft voor de zorg "
        "en nieuwe hervormingen niet, maar verdere verbeteringen wél nodig acht."
    )
    assert [c.polarity for c in clauses_with_stance(sentence, 0)] == [GG.Positief]


def test_one_sentence_with_two_stances_gives_two_clauses() -> None:
    sentence = (
        "In een eerste reactie sprak de G32 diezelfde dag uit dat ze in algemene termen positief "
        "is over de visie van het kabinet maar dat ze zich wel zorgen maakt over de financiering "
        "van sommige maatregelen en de gevolgen voor de steden."
    )
    clauses = clauses_with_stance(sentence, 100)
    assert [c.polarity for c in clauses] == [GG.Positief, GG.Zorg]
    assert clauses[0].start == 100 and clauses[1].end == 100 + len(sentence)
    assert policy_of(clauses[0].text, None) == "de visie van het kabinet"
    assert policy_of(clauses[1].text, None).startswith("de financiering van sommige maatregelen")


def test_a_stance_that_points_back_is_about_the_sentence_before() -> None:
    previous = "Het nieuwe kabinet stelt drie keer 18 miljoen beschikbaar voor transformatie van de jeugdzorg."
    assert policy_of("Dat is sympathiek", previous).startswith("Het nieuwe kabinet stelt drie keer")
    # "Dit Regeerakkoord" names its subject; it does not point back
    assert policy_of(
        "Dit Regeerakkoord is een goede basis voor de samenwerking", "Iets anders."
    ) == ("Dit Regeerakkoord is een goede basis voor de samenwerking")


def test_every_stance_is_the_g32s_with_one_position_and_a_policy(graph: Graph) -> None:
    stances = _stances(graph)
    assert len(stances) > 100
    for a in stances:
        assert list(graph.objects(a, GG.onderwerp)) == [network_uri("g32")]
        assert len(list(graph.objects(a, GG.houding))) == 1
        assert graph.value(a, GG.beleid) is not None


def test_the_ten_speerpunten_are_demands(graph: Graph) -> None:
    speerpunten = [a for a in _stances(graph) if str(graph.value(a, GG.methode)) == "g32-speerpunt"]
    assert len(speerpunten) == 10
    assert {graph.value(a, GG.houding) for a in speerpunten} == {GG.Eis}
    werk = [a for a in speerpunten if _quote(graph, a).startswith("2.4 Iedereen aan het werk")]
    assert set(graph.objects(werk[0], GG.instrument)) == {programme_uri("participatiewet")}


def test_a_stance_names_the_law_it_is_about(graph: Graph) -> None:
    (ldp,) = _with_quote(graph, "Het voornemen om de toename van het aantal beschut werkenden")
    assert graph.value(ldp, GG.houding) == GG.Negatief
    assert set(graph.objects(ldp, GG.instrument)) == {programme_uri("participatiewet")}
    (dba,) = _with_quote(graph, "5) Wij zijn dan ook blij met het voornemen de Wet DBA")
    assert graph.value(dba, GG.houding) == GG.Positief
    assert set(graph.objects(dba, GG.instrument)) == {programme_uri("wet-dba")}
    assert ID["thema/economie-en-binnenstad"] in set(graph.objects(dba, GG.thema))  # pillar 3.3


def test_the_programme_of_2016_and_the_introduction_give_no_stance(graph: Graph) -> None:
    quotes = [_quote(graph, a) for a in _stances(graph)]
    # the bracketed "Groeikracht" formulation before a reaction
    assert not any(q.startswith("(Er komt één regeling") for q in quotes)
    # chapter 1 only describes the analysis
    assert not any(q.startswith("In deze notitie maken we een analyse") for q in quotes)


def test_a_pillar_item_is_read_with_its_continuation(graph: Graph) -> None:
    (woningbouw,) = _with_quote(
        graph, "1) In algemene zin is de aandacht van het Rijk voor woningbouw"
    )
    assert _quote(graph, woningbouw).endswith("teleurstellend.")
    assert graph.value(woningbouw, GG.houding) == GG.Negatief


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


def test_the_g32_takes_part_in_the_proposals_it_drew_up(graph: Graph) -> None:
    g32 = network_uri("g32")
    taken = {
        graph.value(a, GG.programma): _quote(graph, a)
        for a in graph.subjects(RDF.type, GG.Deelname)
        if graph.value(a, GG.onderwerp) == g32
    }
    roadmap = programme_uri("roadmap-sociaal-ondernemerschap")
    bruisen = programme_uri("laat-stad-en-regio-bruisen")
    assert set(taken) == {roadmap, bruisen}
    assert taken[roadmap].startswith("We hebben een Roadmap opgesteld")
    assert taken[bruisen].startswith("Met VNO-NCW, MKB Nederland, VNG en IPO hebben we")
    # That it drew them up is said as well; the network is no municipal participant.
    roles = {
        graph.value(a, GG.programma)
        for a in graph.subjects(RDF.type, GG.Rolvermelding)
        if graph.value(a, GG.onderwerp) == g32 and str(graph.value(a, GG.rol)) == "opsteller"
    }
    assert roles == {roadmap, bruisen}
    assert (None, GG.heeftDeelnemer, g32) not in graph


@pytest.mark.parametrize(("kind", "minimum"), [("stance", 0.85), ("programme", 1.0)])
def test_recall_on_the_gold_sample(graph: Graph, tmp_path: Path, kind: str, minimum: float) -> None:
    from gemeentegraaf.evaluate import evaluate
    from gemeentegraaf.store.oxigraph import OxigraphStore

    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    subset = [r for r in rows if r["kind"] == kind and r["doc"] == G32]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in subset) + "\n")
    store = OxigraphStore(None)
    store.load_graph(str(document_graph(G32)), graph)
    result = evaluate(store, gold).kinds[kind]
    assert result.held / result.total >= minimum
