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
from gemeentegraaf.text.normalise import KNOWN_RUNNING_HEADERS, normalise, vocabulary
from gemeentegraaf.text.segment import GENERIC, Document, segment, to_rdf
from rdflib import Graph, URIRef


@cache
def corpus_vocabulary() -> Counter:
    """Word counts over all bundled reports, to decide hyphens at line ends."""
    return vocabulary(raw_text(r) for r in corpus_records())


@cache
def load_document(key: str) -> Document:
    """A bundled report, normalised and segmented (cached per process)."""
    record = corpus_record(key)
    # each report's own words decide its line-final hyphens (adding the rest of the
    # corpus changes nothing for the bundled five), so normalise(raw, headers=...) called
    # anywhere else gives the very same text
    norm = normalise(raw_text(record), headers=KNOWN_RUNNING_HEADERS.get(key))
    return segment(norm, key)


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
    text = raw_text(record, user_corpus.corpus_dir(store))
    return segment(normalise(text, vocab=corpus_vocabulary()), record.key, GENERIC)
