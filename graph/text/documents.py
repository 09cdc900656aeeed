"""Reports as text: a catalogued report read, normalised and segmented, and its structure as RDF.

Bundled reports come from data/corpus (gemeentegraaf.sources.catalogue), ingested ones
from beside the store (gemeentegraaf.sources.user_corpus); both end up as a
segmented `Document` whose offsets count in the stored raw text.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

from gemeentegraaf.common.namespaces import OA
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.sources.catalogue import (
    CorpusRecord,
    corpus_record,
    corpus_records,
    document_rdf,
    raw_text,
)
from gemeentegraaf.text.genres import detect
from gemeentegraaf.text.normalise import normalise, vocabulary
from gemeentegraaf.text.segment import Document, segment, to_rdf
from rdflib import Graph, URIRef


@cache
def corpus_vocabulary() -> Counter:
    """Word counts over all bundled reports, to decide hyphens at line ends."""
    return vocabulary(raw_text(r) for r in corpus_records())


def read_document(text: str, key: str) -> Document:
    """Any report's text, normalised and segmented with the genre its structure shows.

    The one path for bundled and ingested reports alike: `key` only names the document
    in URIs; nothing about the document's identity chooses a rule.
    """
    norm = normalise(text, vocab=corpus_vocabulary())
    found = detect(norm)
    document = segment(norm, key, found.genre.layout)
    document.genre, document.genre_score = found.genre.name, found.score
    return document


@cache
def load_document(key: str) -> Document:
    """A bundled report, normalised and segmented (cached per process)."""
    return read_document(raw_text(corpus_record(key)), key)


def document_graph_content(record: CorpusRecord, document: Document) -> Graph:
    """Everything that goes in graph/document/{key}: the node and the structure."""
    g = document_rdf(record)
    g += to_rdf(document)
    g.bind("oa", OA)
    return g


def corpus_graphs() -> list[tuple[URIRef, Graph]]:
    """(named graph URI, content) for every bundled report."""
    return [
        (record.graph, document_graph_content(record, load_document(record.key)))
        for record in corpus_records()
    ]


def load_ingested(store: Path, record: CorpusRecord) -> Document:
    """An ingested report, normalised and segmented as at ingest time."""
    return read_document(raw_text(record, user_corpus.corpus_dir(store)), record.key)
