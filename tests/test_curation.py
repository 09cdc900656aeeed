"""A researcher's decisions (data/curation) win over what the extractor found."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, ID, OA, municipality_uri, theme_uri
from gemeentegraaf.common.resources import CURATION_DIR
from gemeentegraaf.extract.curation import CurationError, curation_graph, load_decisions
from gemeentegraaf.extract.framework import context_for
from gemeentegraaf.extract.report import extract_document
from gemeentegraaf.sources.catalogue import corpus_record, raw_text
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

ANALYSIS_2018 = "platform31-analyse-coalitieakkoorden-2018"
VNG = "vng-stand-van-de-uitvoering-2023"
WHEN = datetime(2024, 1, 2, tzinfo=UTC)
ZWOLLE = "platform31-analyse-coalitieakkoorden-2018/uitdaging/gm0193/arbeidsmarkt/12250"
DEN_HAAG_WRONG = (
    "platform31-analyse-coalitieakkoorden-2018/uitdaging/gm0518/participatie-en-re-integratie/63303"
)


def write(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "decisions.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return tmp_path


def decision(**fields: object) -> dict:
    return {"curator": "A. Onderzoeker", "date": "2024-05-01", **fields}


@pytest.fixture(scope="module")
def extracted_2018() -> Graph:
    return context_for(ANALYSIS_2018, started=WHEN).graph


def test_the_example_file_names_real_facts(extracted_2018):
    decisions = load_decisions(CURATION_DIR)
    assert {d.action for d in decisions} == {"confirm", "reject", "add"}
    for d in decisions:
        if d.assertion is not None:
            assert (d.assertion, RDF.type, GG.Uitdaging) in extracted_2018, d.assertion


def test_a_rejected_fact_is_left_out_of_the_document_graph(extracted_2018):
    wrong = ID[f"bewering/{DEN_HAAG_WRONG}"]
    assert (wrong, RDF.type, GG.Uitdaging) in extracted_2018
    curated = extract_document(ANALYSIS_2018, started=WHEN)
    assert (wrong, None, None) not in curated
    # and the curation graph says who rejected it and why
    g = curation_graph()
    record = next(g.subjects(PROV.invalidated, wrong))
    assert g.value(record, GG.curatie) == Literal("verworpen")
    assert g.value(record, PROV.wasAssociatedWith) == ID["curator/gemeentegraaf-extractieteam"]


def test_a_confirmed_fact_carries_its_curator():
    g = curation_graph()
    fact = ID[f"bewering/{ZWOLLE}"]
    assert g.value(fact, GG.curatie) == Literal("bevestigd")
    curator = g.value(fact, PROV.wasAttributedTo)
    assert (curator, RDF.type, PROV.Person) in g


def test_an_added_fact_has_evidence_from_its_quote_and_the_curator_as_source():
    g = curation_graph()
    added = next(g.subjects(GG.curatie, Literal("toegevoegd")))
    assert g.value(added, GG.onderwerp) == municipality_uri("GM0828")
    assert g.value(added, PROV.wasAttributedTo) == ID["curator/gemeentegraaf-extractieteam"]
    assert (municipality_uri("GM0828"), GG.heeftUitdaging, theme_uri("energiearmoede")) in g
    raw = raw_text(corpus_record(VNG))
    ev = g.value(added, GG.bewijs)
    selectors = list(g.objects(ev, OA.hasSelector))
    start = next(int(g.value(s, OA.start)) for s in selectors if g.value(s, OA.start) is not None)
    end = next(int(g.value(s, OA.end)) for s in selectors if g.value(s, OA.end) is not None)
    exact = next(str(g.value(s, OA.exact)) for s in selectors if g.value(s, OA.exact))
    assert raw[start:end] == exact and exact.startswith("De gemeente Oss heeft een energiecoach")
    assert g.value(ev, GG.passage) is not None


def test_an_added_negation_overrides_the_extracted_challenge(tmp_path, extracted_2018):
    zwolle = ID[f"bewering/{ZWOLLE}"]
    assert (zwolle, RDF.type, GG.Uitdaging) in extracted_2018
    directory = write(
        tmp_path,
        decision(
            action="add",
            kind="negative",
            doc=ANALYSIS_2018,
            subject="GM0193",
            theme="arbeidsmarkt",
            quote="Zwolle lijkt zich als een van de weinige wel bewust van de noodzaak",
            note="test: pretend the curator reads this as not addressing the labour market",
        ),
    )
    g = extract_document(ANALYSIS_2018, started=WHEN, curation_dir=directory)
    assert (zwolle, None, None) not in g
    curated = curation_graph(directory)
    negated = next(curated.subjects(GG.curatie, Literal("toegevoegd")))
    assert curated.value(negated, GG.ontkend) == Literal(True)
    assert (municipality_uri("GM0193"), GG.heeftUitdaging, None) not in curated


def test_a_rejection_by_key_or_by_uri_blocks_the_same_fact(tmp_path):
    uri = str(ID[f"bewering/{ZWOLLE}"])
    for ref in (ZWOLLE, uri):
        directory = write(tmp_path, decision(action="reject", assertion=ref, note="test"))
        g = extract_document(ANALYSIS_2018, started=WHEN, curation_dir=directory)
        assert (URIRef(uri), None, None) not in g


def test_a_decision_about_an_assertion_no_longer_extracted_stops_the_build(tmp_path):
    gone = ZWOLLE.rsplit("/", 1)[0] + "/1"  # the same fact at an offset it never had
    uri = ID[f"bewering/{gone}"]
    message = (
        "curation line 2 of decisions.jsonl refers to an assertion that is no longer "
        f"extracted: {uri}"
    )
    for action in ("confirm", "reject"):
        directory = write(
            tmp_path,
            decision(action="confirm", assertion=ZWOLLE),
            decision(action=action, assertion=gone, note="test"),
        )
        with pytest.raises(CurationError) as caught:
            extract_document(ANALYSIS_2018, started=WHEN, curation_dir=directory)
        assert str(caught.value) == message
    # A document nothing extracts is refused by the curation graph itself.
    elsewhere = "geen-rapport/uitdaging/gm0193/arbeidsmarkt/12250"
    directory = write(tmp_path, "", decision(action="confirm", assertion=elsewhere))
    with pytest.raises(CurationError, match="line 2 of decisions.jsonl refers to an assertion"):
        curation_graph(directory)


def test_an_added_participation_names_a_known_programme(tmp_path):
    quote = "De gemeente Oss heeft een energiecoach"
    fact = decision(action="add", kind="programme", doc=VNG, subject="GM0828", quote=quote)
    g = curation_graph(write(tmp_path, {**fact, "programme": "regio-deal-twente-tranche-4"}))
    deal = ID["programma/regio-deal-twente-tranche-4"]
    added = next(g.subjects(GG.curatie, Literal("toegevoegd")))
    assert g.value(added, GG.programma) == deal
    assert (deal, GG.heeftDeelnemer, municipality_uri("GM0828")) in g
    with pytest.raises(CurationError, match=r"decisions.jsonl:1: no programme 'regio-deal-oss'"):
        curation_graph(write(tmp_path, {**fact, "programme": "regio-deal-oss"}))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "decisions.jsonl:1: not valid JSON"),
        (decision(action="reject", assertion=ZWOLLE), "a rejection needs a note"),
        (decision(action="approve", assertion=ZWOLLE), "action 'approve' is not one of"),
        (decision(action="confirm"), "field 'assertion' is missing"),
        ({**decision(action="confirm", assertion=ZWOLLE), "date": "1 mei"}, "YYYY-MM-DD"),
        (
            decision(action="add", kind="challenge", doc=VNG, subject="GM0828", theme="nope",
                     relation="Onderneemt", quote="De gemeente Oss"),
            "no theme 'nope'",
        ),
        (
            decision(action="add", kind="challenge", doc=VNG, subject="GM0828", theme="wonen",
                     relation="Onderneemt", quote="Dit staat nergens in het rapport"),
            "the quote does not occur",
        ),
        (
            decision(action="add", kind="challenge", doc=VNG, subject="GM9999", theme="wonen",
                     relation="Onderneemt", quote="De gemeente Oss"),
            "no municipality with code 'GM9999'",
        ),
    ],
)  # fmt: skip
def test_a_bad_decision_is_refused_with_file_and_line(tmp_path, line, message):
    directory = write(tmp_path, line)
    with pytest.raises(CurationError, match=message):
        curation_graph(directory)


def test_an_empty_or_missing_directory_means_no_decisions(tmp_path):
    assert len(curation_graph(tmp_path / "none")) == 0
    assert load_decisions(tmp_path) == []


def test_the_curation_graph_conforms_to_the_shapes():
    from gemeentegraaf.common.resources import ONTOLOGY_DIR
    from gemeentegraaf.sources.reference import reference_graph
    from gemeentegraaf.validate import validate

    data = Graph()
    data.parse(ONTOLOGY_DIR / "gemeentegraaf.ttl")
    data.parse(ONTOLOGY_DIR / "themes.ttl")
    data += reference_graph()
    data += curation_graph()
    report = validate(data)
    assert report.conforms, report.format()[:2000]
