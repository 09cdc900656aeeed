"""The corpus catalogue and each report's document graph."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.sources.catalogue import (
    CorpusError,
    corpus_record,
    corpus_records,
    document_rdf,
    read_catalogue,
)
from gemeentegraaf.text.documents import corpus_graphs
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, XSD

KEYS = {
    "platform31-trendstudie-2013",
    "g32-analyse-regeerakkoord-2017",
    "platform31-analyse-coalitieakkoorden-2018",
    "platform31-trendstudie-g40-m50-2021",
    "vng-stand-van-de-uitvoering-2023",
}


def test_the_five_reports_are_in_the_catalogue() -> None:
    assert {r.key for r in corpus_records()} == KEYS
    vng = corpus_record("vng-stand-van-de-uitvoering-2023")
    assert (vng.publisher, vng.year, vng.kind) == ("VNG", 2023, "implementation report")


def test_a_report_is_read_on_its_catalogue_date_or_the_middle_of_its_year() -> None:
    # Which municipalities a name means depends on this date (mergers).
    assert corpus_record("platform31-trendstudie-2013").read_on == date(2013, 8, 1)  # "2013-08"
    record = corpus_record("platform31-trendstudie-g40-m50-2021")
    assert record.read_on == date(2021, 7, 1)  # only the year
    assert replace(record, date="2021-03-15").read_on == date(2021, 3, 15)
    assert replace(record, date="2021-13").read_on == date(2021, 7, 1)  # not a date: the year


def test_document_node() -> None:
    record = corpus_record("platform31-trendstudie-2013")
    g = document_rdf(record)
    node = URIRef("https://w3id.org/gemeentegraaf/id/document/platform31-trendstudie-2013")
    assert (node, RDF.type, GG.Document) in g
    assert g.value(node, DCTERMS.title) == Literal(
        "Steden in onzekere en turbulente tijden. Trends, ontwikkelingen en uitdagingen "
        "voor 2014 en verder",
        lang="nl",
    )
    # The publisher is an organisation with a name; the report links to its page there.
    publisher = URIRef("https://w3id.org/gemeentegraaf/id/organisatie/platform31")
    assert (node, DCTERMS.publisher, publisher) in g
    assert (publisher, RDF.type, FOAF.Organization) in g
    assert g.value(publisher, RDFS.label) == Literal("Platform31")
    assert g.value(node, DCAT.landingPage) == URIRef(
        "https://www.platform31.nl/publicaties/steden-in-onzekere-en-turbulente-tijden"
    )
    assert (node, DCTERMS.issued, Literal("2013", datatype=XSD.gYear)) in g
    assert (node, GG.documentsoort, Literal("trendstudie")) in g
    assert (node, GG.bestandsnaam, Literal("platform31-trendstudie-2013.txt")) in g
    language = URIRef("http://publications.europa.eu/resource/authority/language/NLD")
    assert (node, DCTERMS.language, language) in g


def test_unknown_document_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="no document 'g4-akkoord' in the corpus"):
        corpus_record("g4-akkoord")


def test_every_report_has_a_named_graph_with_structure() -> None:
    graphs = dict(corpus_graphs())
    assert {str(uri).rsplit("/", 1)[1] for uri in graphs} == KEYS
    for uri, g in graphs.items():
        key = str(uri).rsplit("/", 1)[1]
        document = URIRef(f"https://w3id.org/gemeentegraaf/id/document/{key}")
        assert (document, GG.bestandsnaam, Literal(f"{key}.txt")) in g
        assert len(set(g.subjects(RDF.type, GG.Passage))) > 100
        assert len(set(g.subjects(RDF.type, GG.Sectie))) > 10


def test_a_catalogue_row_without_its_file_is_an_error(tmp_path: Path) -> None:
    shutil.copy(CORPUS_DIR / "corpus.csv", tmp_path / "corpus.csv")
    with pytest.raises(CorpusError, match="is not in"):
        read_catalogue(tmp_path)


def test_every_report_links_to_its_publication_and_publishers_meet() -> None:
    records = corpus_records()
    assert all(r.url.startswith("https://") for r in records)
    publishers = {document_rdf(r).value(r.uri, DCTERMS.publisher) for r in records}
    # Three reports of Platform31 share one organisation node: three organisations in all.
    assert len(publishers) == 3


def test_a_catalogue_url_that_is_no_url_is_an_error(tmp_path: Path) -> None:
    for path in CORPUS_DIR.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    text = (CORPUS_DIR / "corpus.csv").read_text(encoding="utf-8")
    bad = text.replace("https://vng.nl/brieven/", "vng.nl brieven/")
    (tmp_path / "corpus.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(CorpusError, match="not an http"):
        read_catalogue(tmp_path)
