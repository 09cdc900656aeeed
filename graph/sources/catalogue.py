"""The bundled reports: corpus.csv as records, each report as a document graph.

A record is one row of data/corpus/corpus.csv (title, publisher, year, kind, ...). The
document key is the file name without `.txt`. Reading, normalising and
segmenting a report is gemeentegraaf.text.documents's job.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GG, ID, document_graph, document_uri
from gemeentegraaf.common.resources import CORPUS_DIR
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS

CATALOGUE = "corpus.csv"
# EU language authority (DCAT-AP); two-letter codes from corpus.csv map onto it
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language/"
_LANGUAGES = {"nl": "NLD", "en": "ENG", "de": "DEU", "fr": "FRA"}


class CorpusError(UserError, ValueError):
    """The corpus catalogue or a report file is missing or malformed."""


@dataclass(frozen=True)
class CorpusRecord:
    key: str  # file name without .txt: platform31-trendstudie-2013
    file: str
    title: str
    publisher: str
    year: int
    date: str  # as written in the catalogue: "2013-08", "2021", "2023-05-01"
    kind: str  # documentsoort: trendstudie, position paper, ...
    language: str  # "nl"
    note: str = ""
    url: str = ""  # the report's page at its publisher (landing page); "" when not known

    @property
    def uri(self) -> URIRef:
        return document_uri(self.key)

    @property
    def read_on(self) -> date:
        """The date the names in the text are read on (which municipalities existed then).

        The catalogue date when it gives a day, the first of the month when it gives a
        month; the middle of the year when only the year is known (or the date is no date).
        """
        text = self.date.strip()
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return date.fromisoformat(text)
            if re.fullmatch(r"\d{4}-\d{2}", text):
                return date(int(text[:4]), int(text[5:]), 1)
        except ValueError:  # "2013-13": not a date; the year still is
            pass
        return date(self.year, 7, 1)

    @property
    def graph(self) -> URIRef:
        return document_graph(self.key)


def read_catalogue(directory: Path = CORPUS_DIR) -> tuple[CorpusRecord, ...]:
    """The rows of corpus.csv, checked: every listed file exists."""
    path = directory / CATALOGUE
    if not path.is_file():
        raise CorpusError(f"no corpus catalogue at {path}")
    records = []
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                file = row["file"].strip()
                year = int(row["year"])
            except (KeyError, ValueError, AttributeError) as exc:
                raise CorpusError(f"{path}, line {n}: bad row ({exc})") from None
            if not (directory / file).is_file():
                raise CorpusError(f"{path}, line {n}: {file} is not in {directory}")
            records.append(
                CorpusRecord(
                    key=Path(file).stem,
                    file=file,
                    title=row["title"].strip(),
                    publisher=row["publisher"].strip(),
                    year=year,
                    date=(row.get("date") or str(year)).strip(),
                    kind=row["kind"].strip(),
                    language=(row.get("language") or "nl").strip(),
                    note=(row.get("note") or "").strip(),
                    url=_checked_url(row.get("url"), f"{path}, line {n}"),
                )
            )
    return tuple(records)


def _checked_url(value: str | None, where: str) -> str:
    url = (value or "").strip()
    if url and not re.fullmatch(r"https?://[^\s<>\"]+", url):
        raise CorpusError(f"{where}: url {url!r} is not an http(s) URL")
    return url


def organisation_uri(name: str) -> URIRef:
    """The organisation a publisher's name stands for: …/id/organisatie/{slug}."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise CorpusError(f"publisher {name!r} has no letters or digits to name it by")
    return ID[f"organisatie/{slug}"]


@cache
def corpus_records() -> tuple[CorpusRecord, ...]:
    return read_catalogue(CORPUS_DIR)


def corpus_record(key: str) -> CorpusRecord:
    for record in corpus_records():
        if record.key == key:
            return record
    known = ", ".join(r.key for r in corpus_records())
    raise KeyError(f"no document {key!r} in the corpus (known: {known})")


def raw_text(record: CorpusRecord, directory: Path = CORPUS_DIR) -> str:
    """The report's text exactly as stored: offsets everywhere count in this string."""
    # newline="" keeps the file's characters as they are (no newline translation)
    with open(directory / record.file, encoding="utf-8", newline="") as fh:
        return fh.read()


def issued_literal(record: CorpusRecord) -> Literal:
    """dcterms:issued: an xsd:date where the catalogue gives a day, else the xsd:gYear."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", record.date):
        return Literal(record.date, datatype=XSD.date)
    return Literal(str(record.year), datatype=XSD.gYear)


def language_uri(code: str) -> URIRef:
    return URIRef(LANGUAGE_AUTHORITY + _LANGUAGES.get(code.lower(), code.upper()))


def document_rdf(record: CorpusRecord) -> Graph:
    """The document node: type, title, publisher (an organisation), issued, kind, language,
    file name and landing page."""
    g = Graph()
    g.bind("gg", GG)
    g.bind("dcterms", DCTERMS)
    node = record.uri
    g.add((node, RDF.type, GG.Document))
    g.add((node, DCTERMS.title, Literal(record.title, lang=record.language or "nl")))
    # The publisher is an organisation (a node with a name), so that the reports of one
    # publisher meet in one node and a portal sees a foaf:Agent.
    if record.publisher:
        publisher = organisation_uri(record.publisher)
        g.add((node, DCTERMS.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Organization))
        g.add((publisher, RDFS.label, Literal(record.publisher)))
        g.add((publisher, FOAF.name, Literal(record.publisher)))
    if record.url:
        # Where the report is published: its page at the publisher.
        g.add((node, DCAT.landingPage, URIRef(record.url)))
    g.add((node, DCTERMS.issued, issued_literal(record)))
    g.add((node, GG.documentsoort, Literal(record.kind)))
    g.add((node, DCTERMS.language, language_uri(record.language)))
    g.add((node, GG.bestandsnaam, Literal(record.file)))
    return g
