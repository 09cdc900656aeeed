"""The glossary a newcomer reads is the ontology's own labels, and it is current."""

from __future__ import annotations

from pathlib import Path

from gemeentegraaf.cli.glossary import glossary_markdown
from gemeentegraaf.cli.main import main

GLOSSARY = Path(__file__).resolve().parents[1] / "ontology" / "GLOSSARY.md"


def test_committed_glossary_matches_the_ontology() -> None:
    assert GLOSSARY.read_text(encoding="utf-8") == glossary_markdown(), (
        "run `gemeentegraaf glossary > ontology/GLOSSARY.md`"
    )


def test_every_minted_term_has_dutch_and_english_meaning() -> None:
    rows = [line for line in glossary_markdown().splitlines() if line.startswith("| `gg:")]
    assert len(rows) > 50
    for row in rows:
        term, kind, nl, en, meaning = (cell.strip() for cell in row.strip("|").split(" | "))
        assert nl and en and meaning, row


def test_the_command_prints_it(capsys) -> None:
    assert main(["glossary"]) == 0
    assert "| `gg:Knelpunt` | class | Knelpunt | Bottleneck |" in capsys.readouterr().out
