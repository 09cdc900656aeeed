"""Reading sentences of our own as a new report with a speaker (the issue 13 tests)."""

from __future__ import annotations

from dataclasses import dataclass

from gemeentegraaf.common.namespaces import GG, OA
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


# Zwolle writing about itself: the municipality the later sets' tests speak as.
ZWOLLE = "gm0193"
# An opening in the speaker's voice, so that the text reads as a programme of its own.
OPENING = (
    "Wij gaan de komende vier jaar met de raad en de stad aan de slag. Het college kijkt "
    "terug op een goede periode en we bouwen voort op wat er ligt.\n\n"
)


def zwolle_facts(text: str, key: str) -> set[tuple[str, str, bool]]:
    """challenge_facts of OPENING + `text`, as report `key` of 2024 written by Zwolle."""
    return challenge_facts(OPENING + text, report_record(key, 2024), "GM0193")


def zwolle_themes(text: str, key: str) -> set[str]:
    """The themes Zwolle asserts (not negated) in OPENING + `text`."""
    return {t for s, t, n in zwolle_facts(text, key) if s == ZWOLLE and not n}


def zwolle_negated(text: str, key: str) -> set[str]:
    """The themes Zwolle denies in OPENING + `text`."""
    return {t for s, t, n in zwolle_facts(text, key) if s == ZWOLLE and n}


@dataclass(frozen=True)
class Assertion:
    """One challenge as the graph has it: who, which theme, how it was made, its quote,
    and the relation it states (gg:prioriteert, gg:staatVoor, gg:onderneemt: the local
    name, "Prioriteert"; "" for a denied theme)."""

    subject: str
    theme: str
    method: str
    quote: str
    relation: str = ""


def zwolle_assertions(text: str, key: str) -> list[Assertion]:
    """Every challenge of OPENING + `text`, read as report `key` of 2024 written by Zwolle,
    with its method and the exact quote of its evidence (white space joined)."""
    document = read_document(OPENING + text, key)
    speaker = speaker_from_code("GM0193", _gazetteer())
    graph = extract_facts(report_record(key, 2024), document, speaker=speaker).graph
    found = []
    for node in graph.subjects(RDF.type, GG.Uitdaging):
        evidence = graph.value(node, GG.bewijs)
        quotes = [graph.value(sel, OA.exact) for sel in graph.objects(evidence, OA.hasSelector)]
        found.append(
            Assertion(
                str(graph.value(node, GG.onderwerp)).rsplit("/", 1)[-1],
                str(graph.value(node, GG.thema)).rsplit("/", 1)[-1],
                str(graph.value(node, GG.methode)),
                " ".join(" ".join(str(q).split()) for q in quotes if q is not None),
                str(graph.value(node, GG.relatie) or "").rsplit("#", 1)[-1],
            )
        )
    return found
