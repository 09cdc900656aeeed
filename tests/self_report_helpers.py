"""Reading sentences of our own as a new report with a speaker (the issue 13 tests)."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.framework import _gazetteer, extract_facts
from gemeentegraaf.extract.speaker import speaker_from_code
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.themes import ThemeScheme
from rdflib.namespace import RDF


def report_record(
    key: str, year: int, title: str = "Raadsbrief", publisher: str = "Een uitgever"
) -> CorpusRecord:
    return CorpusRecord(
        key=key,
        file=f"{key}.txt",
        title=title,
        publisher=publisher,
        year=year,
        date=str(year),
        kind="rapport",
        language="nl",
    )


def challenge_facts(
    text: str, record: CorpusRecord, speaker: str | None
) -> set[tuple[str, str, bool]]:
    """(subject key, theme key, negated) of every challenge the text gives, read as
    `gemeentegraaf ingest --speaker` reads a new report (no speaker: inferred)."""
    document = read_document(text, record.key)
    given = speaker_from_code(speaker, _gazetteer()) if speaker else None
    g = extract_facts(record, document, speaker=given).graph
    found = set()
    for node in g.subjects(RDF.type, GG.Uitdaging):
        subject = str(g.value(node, GG.onderwerp)).rsplit("/", 1)[-1]
        theme = str(g.value(node, GG.thema)).rsplit("/", 1)[-1]
        negated = g.value(node, GG.ontkend)
        found.add((subject, theme, bool(negated is not None and negated.toPython())))
    return found


def matched_concepts(text: str) -> list[str]:
    scheme = ThemeScheme.load()
    return [str(hit.concept).rsplit("/", 1)[-1] for hit in scheme.match(text)]
