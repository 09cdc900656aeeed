"""The rule for ingested reports: a named municipality, a theme and a cue; no negations."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.report import extract_report
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.normalise import normalise
from gemeentegraaf.text.segment import GENERIC, segment


def _facts(text: str) -> set[tuple[str, str, str]]:
    record = CorpusRecord(
        key="nota-test",
        file="nota-test.txt",
        title="Nota",
        publisher="X",
        year=2024,
        date="2024",
        kind="rapport",
        language="nl",
    )
    g = extract_report(record, segment(normalise(text), record.key, GENERIC))
    return {
        (
            str(g.value(a, GG.onderwerp)).rsplit("/", 1)[1],
            str(g.value(a, GG.thema)).rsplit("/", 1)[1],
            str(g.value(a, GG.relatie)).rsplit("#", 1)[1],
        )
        for a in g.subjects(None, GG.Uitdaging)
    }


def test_a_municipality_that_prioritises_or_acts_on_a_theme() -> None:
    facts = _facts(
        "# Nota\n\nDe gemeente Zwolle zet in op de aanpak van schulden en armoede. "
        "Tilburg investeert in de energietransitie.\n"
    )
    assert ("gm0193", "schulden-en-armoede", "Prioriteert") in facts
    assert ("gm0855", "energietransitie", "Onderneemt") in facts


def test_a_negated_sentence_gives_nothing() -> None:
    assert _facts("# Nota\n\nLeiden heeft geen plannen voor de woningbouw.\n") == set()


def test_a_sentence_without_a_cue_gives_nothing() -> None:
    assert _facts("# Nota\n\nIn Leiden staan veel woningen aan de gracht.\n") == set()
