"""What ingest says about a report reads right for one thing and for many."""

from __future__ import annotations

from pathlib import Path

from gemeentegraaf.cli.ingest import _outcome_lines
from gemeentegraaf.common.wording import counted
from gemeentegraaf.pipeline.bulk import Outcome
from gemeentegraaf.pipeline.ingest import Summary
from gemeentegraaf.sources.catalogue import CorpusRecord


def test_counted_nouns() -> None:
    assert counted(1, "fact") == "1 fact"
    assert counted(0, "fact") == "0 facts"
    assert counted(2, "municipality", "municipalities") == "2 municipalities"
    assert counted(1, "municipality", "municipalities") == "1 municipality"
    assert counted(168049, "triple") == "168,049 triples"


def test_one_of_each_is_singular_and_more_plural() -> None:
    one = Summary(facts=1, kinds={"challenge": 1, "trend": 0}, municipalities=["Zwolle"])
    assert one.line() == "1 fact (1 challenge)"
    assert one.municipalities_line() == "1 municipality: Zwolle"
    many = Summary(facts=14, kinds={"challenge": 13, "figure": 1}, municipalities=["A", "B"])
    assert many.line() == "14 facts (13 challenges, 1 figure)"
    assert many.municipalities_line() == "2 municipalities: A, B"


def test_the_report_line_counts_sections_passages_and_triples() -> None:
    record = CorpusRecord(
        key="motie", file="motie.txt", title="Motie", publisher="Gemeente Zwolle",
        year=2026, date="2026", kind="rapport", language="nl",
    )  # fmt: skip
    summary = Summary(
        facts=1, kinds={"challenge": 1}, municipalities=["Zwolle"], sections=1, passages=1,
        triples=1,
    )  # fmt: skip
    outcome = Outcome(Path("motie.txt"), "motie", "added", summary=summary, record=record)
    first = _outcome_lines(outcome)[0][1]
    assert first.startswith("added motie: 1 section, 1 passage, 1 fact (1 challenge), 1 triple")
