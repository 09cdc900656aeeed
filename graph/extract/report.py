"""A report's named graph: its structure, its facts, minus what a curator rejected.

The one entry point the build and `ingest` use for every report, bundled or
ingested: structure (gemeentegraaf.sources.catalogue, gemeentegraaf.text),
facts (gemeentegraaf.extract.framework and the registered extractors), then the
curator's decisions (gemeentegraaf.extract.curation) and the shortcut triples.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gemeentegraaf.common.resources import CURATION_DIR
from gemeentegraaf.extract.curation import apply_blocks, blocks
from gemeentegraaf.extract.framework import bundled_record, extract_facts, materialise_shortcuts
from gemeentegraaf.extract.speaker import Speaker
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text import documents, segment
from rdflib import Graph


def extract_report(
    record: CorpusRecord,
    document: segment.Document,
    *,
    started: datetime | None = None,
    apply_curation: bool = True,
    curation_dir: Path | None = None,
    speaker: Speaker | None = None,
) -> Graph:
    """Structure plus facts for any segmented report (bundled or just ingested).

    `speaker`: the municipality or network that writes the report (`ingest --speaker`,
    gemeentegraaf.extract.speaker.speaker_from_code); inferred when None.
    """
    g = documents.document_graph_content(record, document)
    ctx = extract_facts(record, document, started=started, graph=g, speaker=speaker)
    if apply_curation:
        apply_blocks(ctx.graph, record.key, blocks(curation_dir or CURATION_DIR))
    materialise_shortcuts(ctx.graph)
    return ctx.graph


def extract_document(
    doc_key: str,
    *,
    started: datetime | None = None,
    apply_curation: bool = True,
    curation_dir: Path | None = None,
) -> Graph:
    """The named graph of one bundled document: its structure and its facts.

    `started` is the build's time (recorded as prov:startedAtTime of the
    extraction activity); with `apply_curation`, assertions a curator rejected
    or overrode (data/curation) are left out.
    """
    record = bundled_record(doc_key)
    return extract_report(
        record,
        documents.load_document(doc_key),
        started=started,
        apply_curation=apply_curation,
        curation_dir=curation_dir,
    )
