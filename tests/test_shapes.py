"""The SHACL shapes accept well-formed data and reject each kind of broken data
with a specific, bilingual message (shapes/*.ttl, graph/validation.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyshacl
import pytest
from gemeentegraaf.common.namespaces import (
    GG,
    ID,
    OA,
    SH,
    TOOIONT,
    municipality_uri,
    network_uri,
    province_uri,
)
from gemeentegraaf.common.resources import ONTOLOGY_DIR
from gemeentegraaf.sources.reference_data import municipalities, provinces
from gemeentegraaf.validate import SHAPES, ValidationReport, Violation, load_shapes, validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, RDFS, SKOS, TIME

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
GEMEENTE = "https://w3id.org/gemeentegraaf/id/gemeente/"


def _validate_fixture(name: str) -> ValidationReport:
    return validate(Graph().parse(FIXTURES / f"{name}.ttl", format="turtle"))


# ---------------------------------------------------------------------------
# Valid data conforms
# ---------------------------------------------------------------------------


def test_valid_fixture_with_every_class_conforms():
    report = _validate_fixture("valid")
    assert report.violations == [], report.format()
    assert report.conforms
    assert report.format().startswith("SHACL validation: conforms (0 violations")


# ---------------------------------------------------------------------------
# Each broken fixture yields its own violation
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    fixture: str  # tests/fixtures/shapes/broken_{fixture}.ttl
    focus: str
    path: str | None  # as Violation.path_text renders it
    en: str  # substring of the English message
    nl: str  # substring of the Dutch message
    warning: bool = False  # a warning is shown but does not block


CASES = [
    Case("cbs_code_three_digits", GEMEENTE + "gm0363", "gg:cbsCode",
         "GM followed by four digits", "GM gevolgd door vier cijfers"),
    Case("cbs_code_without_prefix", GEMEENTE + "gm0363", "gg:cbsCode",
         "GM followed by four digits", "GM gevolgd door vier cijfers"),
    Case("cbs_code_missing", GEMEENTE + "gm0363", "gg:cbsCode",
         "exactly one CBS code", "precies één CBS-code"),
    Case("municipality_without_name", GEMEENTE + "gm0363", "skos:prefLabel",
         "exactly one Dutch name", "precies één Nederlandse naam"),
    Case("municipality_english_name_only", GEMEENTE + "gm0363", "skos:prefLabel",
         "exactly one Dutch name", "precies één Nederlandse naam"),
    Case("municipality_without_province", GEMEENTE + "gm0363", "tooiont:ligtInProvincie",
         "exactly one province", "precies één provincie"),
    Case("municipality_province_not_a_province", GEMEENTE + "gm0363", "tooiont:ligtInProvincie",
         "exactly one province", "precies één provincie"),
    Case("municipality_without_tooi_link", GEMEENTE + "gm0363", "owl:sameAs",
         "exactly one TOOI identifier", "precies één TOOI-identificatie"),
    Case("municipality_wrong_tooi_link", GEMEENTE + "gm0363", "owl:sameAs",
         "TOOI link https://identifier.overheid.nl/tooi/id/gemeente/gm0599",
         "past niet bij CBS-code GM0363"),
    Case("municipality_code_does_not_match_uri", GEMEENTE + "gm0363", "gg:cbsCode",
         "CBS code GM0599 does not match the municipality's URI", "past niet bij de URI"),
    Case("municipality_bad_uri", "https://w3id.org/gemeentegraaf/id/test/amsterdam", None,
         "URI must look like", "De URI van een gemeente"),
    Case("municipality_ends_before_it_begins", GEMEENTE + "gm0398", "tooiont:begindatum",
         "not after its end date", "niet na haar einddatum"),
    Case("dissolved_without_successor", GEMEENTE + "gm0398", "gg:opgegaanIn",
         "dissolved municipality", "opgeheven gemeente"),
    Case("successor_without_end_date", GEMEENTE + "gm0398", "tooiont:einddatum",
         "must have an end date", "moet een einddatum hebben"),
    Case("municipality_population_negative", GEMEENTE + "gm0363", "gg:inwonertal",
         "non-negative whole number", "niet-negatief geheel getal"),
    Case("province_code", "https://w3id.org/gemeentegraaf/id/provincie/pv27", "gg:provinciecode",
         "PV followed by two digits", "PV gevolgd door twee cijfers"),
    Case("network_without_notation", "https://w3id.org/gemeentegraaf/id/netwerk/g40",
         "skos:notation", "short name", "korte naam"),
    Case("membership_without_organisation",
         "https://w3id.org/gemeentegraaf/id/lidmaatschap/g40-gm0599-g40-leden",
         "org:organization", "exactly one city network", "precies één stedennetwerk"),
    Case("membership_member_is_a_province",
         "https://w3id.org/gemeentegraaf/id/lidmaatschap/g40-pv27-g40-leden",
         "org:member", "member is a municipality", "lid is een gemeente"),
    Case("membership_ends_before_it_starts",
         "https://w3id.org/gemeentegraaf/id/lidmaatschap/g40-gm0599-g40-leden",
         "org:memberDuring", "cannot end (2019-06-30) before it begins (2021-01-01)",
         "kan niet eindigen (2019-06-30) vóór het begint (2021-01-01)"),
    Case("membership_without_provenance",
         "https://w3id.org/gemeentegraaf/id/lidmaatschap/g40-gm0599-g40-leden",
         "(prov:wasDerivedFrom|dcterms:source)", "where it comes from", "waar het vandaan komt"),
    Case("membership_without_date",
         "https://w3id.org/gemeentegraaf/id/lidmaatschap/g40-gm0599-g40-leden",
         "(gg:vastgesteldOp|org:memberDuring)", "when it holds", "wanneer het geldt",
         warning=True),
    Case("programme_participant_not_municipality",
         "https://w3id.org/gemeentegraaf/id/programma/regio-deal-x", "gg:heeftDeelnemer",
         "must be a municipality", "moet een gemeente zijn"),
    Case("theme_without_dutch_label", "https://w3id.org/gemeentegraaf/id/thema/wonen",
         "skos:prefLabel", "exactly one Dutch preferred label",
         "precies één Nederlandse voorkeursnaam"),
    Case("theme_two_dutch_labels", "https://w3id.org/gemeentegraaf/id/thema/wonen",
         "skos:prefLabel", "exactly one Dutch preferred label",
         "precies één Nederlandse voorkeursnaam"),
    Case("theme_without_scheme", "https://w3id.org/gemeentegraaf/id/thema/wonen",
         "(skos:inScheme|skos:topConceptOf)", "belong to a theme scheme", "in een themaschema"),
    Case("assertion_without_evidence", "https://w3id.org/gemeentegraaf/id/uitdaging/gm0363-wonen",
         "(gg:bewijs|prov:wasAttributedTo)", "must show its evidence", "moet haar bewijs tonen"),
    Case("assertion_without_provenance", "https://w3id.org/gemeentegraaf/id/knelpunt/x",
         "(prov:wasGeneratedBy|prov:wasAttributedTo)", "how it was made", "hoe ze tot stand kwam"),
    Case("challenge_two_themes", "https://w3id.org/gemeentegraaf/id/uitdaging/gm0363-x",
         "gg:thema", "exactly one theme", "precies één thema"),
    Case("challenge_without_subject", "https://w3id.org/gemeentegraaf/id/uitdaging/gm0363-x",
         "gg:onderwerp", "exactly one municipality or city network",
         "precies één gemeente of stedennetwerk"),
    Case("challenge_negation_not_boolean", "https://w3id.org/gemeentegraaf/id/uitdaging/gm0363-x",
         "gg:ontkend", "true or false", "waar of onwaar"),
    Case("challenge_theme_not_a_theme", "https://w3id.org/gemeentegraaf/id/uitdaging/gm0363-x",
         "gg:thema", "theme from the theme scheme", "thema uit het themaschema"),
    Case("stance_unknown_houding", "https://w3id.org/gemeentegraaf/id/standpunt/g32-x",
         "gg:houding", "gg:Positief, gg:Negatief, gg:Eis or gg:Zorg",
         "gg:Positief, gg:Negatief, gg:Eis of gg:Zorg"),
    Case("stance_without_policy", "https://w3id.org/gemeentegraaf/id/standpunt/g32-x",
         "(gg:instrument|gg:beleid)", "which policy", "welk beleid"),
    Case("participation_without_programme", "https://w3id.org/gemeentegraaf/id/deelname/x",
         "gg:programma", "exactly one programme", "precies één programma"),
    Case("participation_of_a_province", "https://w3id.org/gemeentegraaf/id/deelname/x",
         "gg:onderwerp", "exactly one municipality or city network",
         "precies één gemeente of stedennetwerk"),
    Case("trend_without_scope", "https://w3id.org/gemeentegraaf/id/trend/x",
         "gg:geldtVoor", "whom it concerns", "wie ze raakt"),
    Case("figure_without_value",
         "https://w3id.org/gemeentegraaf/id/kengetal/gm0363-inwoners-2023",
         "rdf:value", "exactly one value", "precies één waarde"),
    Case("figure_without_measure",
         "https://w3id.org/gemeentegraaf/id/kengetal/gm0363-inwoners-2023",
         "gg:grootheid", "what it measures", "wat het meet"),
    Case("role_mention_without_role", "https://w3id.org/gemeentegraaf/id/rolvermelding/x",
         "gg:rol", "name the role", "de rol noemen"),
    Case("evidence_start_not_before_end", "https://w3id.org/gemeentegraaf/id/test/positie",
         "oa:start", "0 ≤ oa:start < oa:end", "0 ≤ oa:start < oa:end"),
    Case("evidence_negative_start", "https://w3id.org/gemeentegraaf/id/test/positie",
         "oa:start", "0 ≤ oa:start < oa:end", "0 ≤ oa:start < oa:end"),
    Case("evidence_empty_quote", "https://w3id.org/gemeentegraaf/id/test/citaat",
         "oa:exact", "non-empty text", "niet-lege tekst"),
    Case("evidence_without_quote", "https://w3id.org/gemeentegraaf/id/test/bewijs",
         "oa:hasSelector/oa:exact", "exactly one quote", "precies één citaat"),
    Case("evidence_source_not_a_document", "https://w3id.org/gemeentegraaf/id/test/bewijs",
         "oa:hasSource", "exactly one document", "precies één document"),
    Case("similarity_score_above_one",
         "https://w3id.org/gemeentegraaf/id/gelijkenis/gm0363-gm0599",
         "gg:score", "score between 0 and 1", "score tussen 0 en 1"),
    Case("similarity_rank_zero", "https://w3id.org/gemeentegraaf/id/gelijkenis/gm0363-gm0599",
         "gg:rang", "whole number from 1", "geheel getal vanaf 1"),
    Case("similarity_to_itself", "https://w3id.org/gemeentegraaf/id/gelijkenis/gm0363-gm0363",
         "gg:van", "different municipality", "andere gemeente"),
    Case("document_without_title",
         "https://w3id.org/gemeentegraaf/id/document/platform31-trendstudie-2013",
         "dcterms:title", "must have a title", "moet een titel hebben"),
    Case("passage_without_parent",
         "https://w3id.org/gemeentegraaf/id/document/platform31-trendstudie-2013/passage/1",
         "dcterms:isPartOf", "part of exactly one section or document",
         "deel zijn van precies één sectie of document"),
    Case("case_without_parent",
         "https://w3id.org/gemeentegraaf/id/document/vng-stand-van-de-uitvoering-2023/casus/1",
         "dcterms:isPartOf", "part of exactly one document or parent section",
         "deel zijn van precies één document of bovenliggende sectie"),
    Case("activity_without_agent", "https://w3id.org/gemeentegraaf/id/activiteit/extractie",
         "prov:wasAssociatedWith", "who or what carried it out", "wie of wat haar uitvoerde"),
    Case("activity_ends_before_it_starts",
         "https://w3id.org/gemeentegraaf/id/activiteit/extractie",
         "prov:startedAtTime", "not after its end", "niet na haar einde"),
    Case("agent_without_name", "https://w3id.org/gemeentegraaf/id/agent/curator-1",
         "(rdfs:label|foaf:name|skos:prefLabel)", "must have a name", "moet een naam hebben"),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.fixture)
def test_broken_fixture_reports_its_violation(case: Case):
    report = _validate_fixture(f"broken_{case.fixture}")

    assert report.conforms is case.warning
    matching = [
        v
        for v in report.violations
        if v.focus_node == URIRef(case.focus)
        and v.path_text == case.path
        and case.en in v.message("en")
    ]
    assert len(matching) == 1, report.format()
    assert case.nl in matching[0].message("nl")
    assert matching[0].severity == (SH.Warning if case.warning else SH.Violation)
    # The fixture breaks one thing: nothing else in it is reported.
    assert {v.focus_node for v in report.violations} == {URIRef(case.focus)}, report.format()


def test_every_broken_fixture_is_covered_by_a_case():
    fixtures = {p.stem.removeprefix("broken_") for p in FIXTURES.glob("broken_*.ttl")}
    assert fixtures == {case.fixture for case in CASES}


def test_malformed_cbs_code_is_reported_with_the_offending_value():
    report = _validate_fixture("broken_cbs_code_three_digits")
    (violation,) = report.violations
    assert violation.value == Literal("GM363")
    assert violation.constraint == SH.PatternConstraintComponent
    assert violation.source_shape == SHAPES["Gemeente-cbsCode"]
    assert violation.severity == SH.Violation


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------


def test_every_shape_with_a_path_explains_itself_in_dutch_and_english():
    shapes = load_shapes()
    for shape in set(shapes.subjects(SH.path, None)):
        languages = sorted(m.language for m in shapes.objects(shape, SH.message))
        assert languages == ["en", "nl"], (shape, shapes.value(shape, SH.path))


def test_every_message_comes_in_exactly_one_dutch_and_one_english_version():
    shapes = load_shapes()
    for holder in set(shapes.subjects(SH.message, None)):
        languages = sorted(m.language for m in shapes.objects(holder, SH.message))
        assert languages == ["en", "nl"], holder


def test_sparql_constraint_messages_keep_their_language_tags():
    # pyshacl strips the tag when it fills in {?value}; validate() puts it back.
    report = _validate_fixture("broken_membership_ends_before_it_starts")
    (violation,) = report.violations
    assert {m.language for m in violation.messages} == {"nl", "en"}
    assert violation.message("nl").startswith("Een lidmaatschap kan niet eindigen (2019-06-30)")
    assert violation.message("en").startswith("A membership cannot end (2019-06-30)")
    tagged = {m.language for m in report.to_graph().objects(None, SH.resultMessage)}
    assert tagged == {"nl", "en"}


def test_the_shapes_graph_is_itself_valid_shacl():
    conforms, _, text = pyshacl.validate(
        Graph(), shacl_graph=load_shapes(), meta_shacl=True, advanced=True
    )
    assert conforms, text


# ---------------------------------------------------------------------------
# Targets stay in step with the ontology (subclass instances are checked)
# ---------------------------------------------------------------------------


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "gemeentegraaf.ttl", format="turtle")


def _subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    return set(ontology.transitive_subjects(RDFS.subClassOf, cls))


def _targets(shape: URIRef) -> set[URIRef]:
    return set(load_shapes().objects(shape, SH.targetClass))


@pytest.mark.parametrize(
    ("base", "shape", "excluded"),
    [
        (GG.Bewering, SHAPES.Bewering, set()),
        (GG.Bewering, SHAPES["Bewering-bewijs"], {GG.Bewering, GG.Kengetal}),
        (GG.Bewering, SHAPES["Bewering-herkomst"], {GG.Bewering, GG.Kengetal}),
        (GG.Programma, SHAPES.Programma, set()),
        (GG.Programma, SHAPES["Programma-uri"], set()),
        (GG.Sectie, SHAPES.Sectie, set()),
    ],
)
def test_shapes_target_every_subclass_of_their_class(base, shape, excluded):
    # pyshacl only sees subclasses when rdfs:subClassOf is in the data graph;
    # we do not mix the ontology in, so the shapes must list them.
    expected = _subclasses(_ontology(), base) - excluded
    assert expected <= _targets(shape)


def test_every_class_of_the_ontology_has_a_shape():
    ontology = _ontology()
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    # Closed value lists: their members sit in the ontology and are checked
    # with sh:in where they are used (gg:relatie, gg:houding).
    value_lists = {GG.UitdagingsRelatie, GG.Houding}
    targeted = set(load_shapes().objects(None, SH.targetClass))
    assert classes - value_lists - targeted == set()


def test_an_instance_of_a_subclass_is_validated_like_its_superclass():
    graph = Graph()
    law = ID["programma/participatiewet"]
    graph.add((law, RDF.type, GG.Wet))  # gg:Wet ⊑ gg:Programma, no name
    report = validate(graph)
    (violation,) = report.violations
    assert violation.source_shape == SHAPES["Programma-prefLabel"]


# ---------------------------------------------------------------------------
# Report: text, graph, blank nodes, datasets
# ---------------------------------------------------------------------------


def test_format_gives_one_readable_block_per_violation():
    report = _validate_fixture("broken_municipality_code_does_not_match_uri")
    text = report.format()
    assert text.startswith("SHACL validation: does NOT conform (2 violations")
    assert text.count("\nViolation ") == 2
    assert f"focus:  <{GEMEENTE}gm0363>" in text
    assert "path:   gg:cbsCode" in text
    assert 'value:  "GM0599"' in text
    assert "nl:     De CBS-code GM0599 past niet bij de URI" in text
    assert "en:     The CBS code GM0599 does not match" in text
    assert "shape:  ggsh:Gemeente-codesKloppen (sh:SPARQLConstraintComponent)" in text


def test_format_is_the_same_on_every_run():
    first = _validate_fixture("broken_municipality_code_does_not_match_uri").format()
    second = _validate_fixture("broken_municipality_code_does_not_match_uri").format()
    assert first == second


def test_format_can_show_one_language_and_cap_the_blocks():
    report = _validate_fixture("broken_municipality_code_does_not_match_uri")
    text = report.format(lang="en", limit=1)
    assert "en:     " in text and "nl:     " not in text
    assert text.count("\nViolation ") == 1
    assert "... and 1 more" in text
    assert "By shape:" in text


def test_a_blank_focus_node_is_shown_by_the_named_node_above_it():
    graph = Graph().parse(FIXTURES / "valid.ttl", format="turtle")
    membership = ID["lidmaatschap/g40-gm0363-platform31-trendstudie-g40-m50-2021"]
    selector = next(s for s in graph.subjects(OA.start, Literal(1200)))
    graph.set((selector, OA.end, Literal(5)))  # ends before it starts

    report = validate(graph)
    (violation,) = report.violations
    assert isinstance(violation.focus_node, BNode)
    assert violation.focus_text == f"[blank node] <{membership}> gg:bewijs/oa:hasSelector"
    assert violation.focus_text in report.format()


def test_to_graph_is_a_shacl_report_for_a_422_answer():
    report = _validate_fixture("broken_stance_unknown_houding")
    graph = report.to_graph()
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms) == Literal(False)
    (result,) = graph.objects(node, SH.result)
    assert graph.value(result, SH.focusNode) == ID["standpunt/g32-x"]
    assert graph.value(result, SH.resultPath) == GG.houding
    assert graph.value(result, SH.value) == GG.Neutraal
    assert "sh:ValidationReport" in graph.serialize(format="turtle")


def test_a_dataset_is_validated_as_the_union_of_its_graphs():
    dataset = Dataset()
    reference = Graph().parse(FIXTURES / "valid.ttl", format="turtle")
    document = Graph().parse(FIXTURES / "broken_challenge_two_themes.ttl", format="turtle")
    ref_graph = dataset.graph(URIRef("https://w3id.org/gemeentegraaf/graph/reference"))
    doc_graph = dataset.graph(URIRef("https://w3id.org/gemeentegraaf/graph/document/x"))
    for triple in reference:
        ref_graph.add(triple)
    for triple in document:
        doc_graph.add(triple)
    size = len(list(dataset.quads((None, None, None, None))))

    report = validate(dataset)
    assert {(str(v.focus_node), v.path_text) for v in report.violations} == {
        ("https://w3id.org/gemeentegraaf/id/uitdaging/gm0363-x", "gg:thema")
    }
    assert len(list(dataset.quads((None, None, None, None)))) == size
    assert dataset.default_union is False


def test_validation_changes_neither_the_data_nor_the_shapes():
    graph = Graph().parse(FIXTURES / "broken_membership_ends_before_it_starts.ttl")
    before = set(graph)
    shapes_before = len(load_shapes())
    validate(graph)
    assert set(graph) == before
    assert len(load_shapes()) == shapes_before


def test_validate_refuses_something_that_is_not_a_graph():
    with pytest.raises(TypeError, match="rdflib Graph or Dataset"):
        validate("<a> <b> <c> .")  # type: ignore[arg-type]


def test_a_violation_without_a_message_in_the_asked_language_falls_back():
    violation = Violation(
        focus_node=URIRef("urn:x"),
        result_path=None,
        messages=(Literal("alleen Nederlands", lang="nl"),),
        severity=SH.Violation,
        source_shape=URIRef("urn:shape"),
    )
    assert violation.message("en") == "alleen Nederlands"


def test_warnings_do_not_make_a_graph_non_conforming():
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ;
            sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:severity sh:Warning ;
                          sh:message "Zonder naam."@nl , "Without a name."@en ] .
        """,
        format="turtle",
    )
    report = validate(Graph(), shapes=shapes)
    (violation,) = report.violations
    assert violation.severity == SH.Warning
    assert violation.message("en") == "Without a name."
    assert report.conforms
    assert "(0 violations, 1 warnings" in report.format()


# ---------------------------------------------------------------------------
# A reference-sized graph from the real register
# ---------------------------------------------------------------------------


def _reference_like_graph() -> Graph:
    """The 605 municipalities of the TOOI register and the provinces, modelled
    as the team brief describes the reference graph, plus memberships and
    figures. (graph/reference.py builds the real one.)"""
    g = Graph()
    for p in provinces():
        node = province_uri(p.code)
        g.add((node, RDF.type, TOOIONT.Provincie))
        g.add((node, GG.provinciecode, Literal(p.code)))
        g.add((node, SKOS.prefLabel, Literal(p.name, lang="nl")))
        g.add((node, OWL.sameAs, URIRef(p.tooi_uri)))
    for m in municipalities():
        node = municipality_uri(m.code)
        g.add((node, RDF.type, TOOIONT.Gemeente))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, GG.cbsCode, Literal(m.code)))
        g.add((node, TOOIONT.gemeentecode, Literal(m.code[2:])))
        g.add((node, SKOS.prefLabel, Literal(m.name, lang="nl")))
        g.add((node, RDFS.label, Literal(m.name, lang="nl")))
        g.add((node, TOOIONT.ligtInProvincie, province_uri(m.province)))
        g.add((node, OWL.sameAs, URIRef(m.tooi_uri)))
        if m.begin:
            g.add((node, TOOIONT.begindatum, Literal(m.begin)))
        if m.end:
            g.add((node, TOOIONT.einddatum, Literal(m.end)))
        for successor in m.successors:
            g.add((node, GG.opgegaanIn, municipality_uri(successor)))
            g.add((municipality_uri(successor), DCTERMS.replaces, node))
        if m.current:
            figure = ID[f"kengetal/{m.code.lower()}-inwoners-2023"]
            g.add((node, GG.inwonertal, Literal(50_000)))
            g.add((figure, RDF.type, GG.Kengetal))
            g.add((figure, GG.onderwerp, node))
            g.add((figure, GG.grootheid, Literal("inwoners")))
            g.add((figure, RDF.value, Literal(50_000)))
            g.add((figure, GG.periode, Literal("2023-01-01")))
            g.add((figure, DCTERMS.source, URIRef("https://opendata.cbs.nl/")))
    g40 = network_uri("g40")
    g.add((g40, RDF.type, GG.Stedennetwerk))
    g.add((g40, SKOS.notation, Literal("G40")))
    g.add((g40, SKOS.prefLabel, Literal("G40-stedennetwerk", lang="nl")))
    for m in [m for m in municipalities() if m.current][:40]:
        membership = ID[f"lidmaatschap/g40-{m.code.lower()}-g40-leden"]
        interval, begin = BNode(), BNode()
        g.add((membership, RDF.type, ORG.Membership))
        g.add((membership, ORG.member, municipality_uri(m.code)))
        g.add((membership, ORG.organization, g40))
        g.add((membership, GG.vastgesteldOp, Literal(date(2023, 1, 1))))
        g.add((membership, DCTERMS.source, URIRef("https://g40stedennetwerk.nl/")))
        g.add((membership, ORG.memberDuring, interval))
        g.add((interval, TIME.hasBeginning, begin))
        g.add((begin, TIME.inXSDDate, Literal(date(2019, 1, 1))))
    return g


def test_the_reference_and_theme_graphs_the_build_makes_conform():
    from gemeentegraaf.sources.reference import reference_graph

    graph = reference_graph() + Graph().parse(ONTOLOGY_DIR / "themes.ttl", format="turtle")
    assert len(set(graph.subjects(RDF.type, TOOIONT.Gemeente))) == 605
    report = validate(graph)
    assert report.conforms, report.format(limit=10)


def test_the_synthetic_benchmark_graph_conforms():
    report = validate(_reference_like_graph())
    assert report.conforms, report.format(limit=10)


def test_benchmark_validate_reference_sized_graph(benchmark):
    # Skipped by default (--benchmark-skip); run with `pytest -n 0 --benchmark-only`
    # (pytest-benchmark times nothing in the suite's worker processes).
    graph = _reference_like_graph()
    report = benchmark.pedantic(validate, args=(graph,), rounds=3, iterations=1)
    assert report.conforms
