"""What a reader does not see does not change what a report says: invisible characters,
Unicode separators and decomposed accents are read as the text they stand for, and a
report on one line that opens with "#" is text, not one long heading (an adversary's
findings on `ingest`)."""

from __future__ import annotations

from pathlib import Path

import gemeentegraaf.pipeline.ingest as ingest_module
import pytest
from gemeentegraaf.pipeline.ingest import (
    IngestError,
    prepare_ingest,
    read_report_text,
    visible_text,
)
from gemeentegraaf.text.documents import read_document

from tests.self_report_helpers import challenge_facts, report_record

REPORT = (
    "Coalitieakkoord\n\n"
    "De gemeente Deventer investeert de komende jaren fors in woningbouw. "
    "Deventer pakt de armoede aan en zet in op schuldhulpverlening.\n\n"
    "Ook in de wijken werken we aan veiligheid.\n"
)


@pytest.mark.parametrize(
    ("seen", "written"),
    [
        ("Deventer", "Deven\u200bter"),  # zero-width space
        ("Deventer", "Deven\u200dter"),  # zero-width joiner
        ("Deventer", "Deven\u2060ter"),  # word joiner
        ("Deventer", "Deven\ufeffter"),  # byte-order mark inside the text
        ("Deventer", "Deven\u00adter"),  # soft hyphen
        ("Deventer", "\u200eDeventer\u200f"),  # direction marks
        ("financiën", "financie\u0308n"),  # a combining diaeresis
        ("één", "e\u0301e\u0301n"),  # combining acute accents
        ("a\nb", "a\u2028b"),  # line separator
        ("a\n\nb", "a\u2029b"),  # paragraph separator
        ("a\nb", "a\r\nb"),
        ("a\nb", "a\rb"),
    ],
)
def test_visible_text(seen: str, written: str) -> None:
    assert visible_text(written) == seen


def _file(tmp_path: Path, text: str, name: str = "akkoord.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _facts(text: str) -> set[tuple[str, str, bool]]:
    return challenge_facts(text, report_record("onzichtbaar", 2024), "GM0150")


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_inside_words_change_no_fact(tmp_path: Path, mark: str) -> None:
    spoiled = REPORT.replace("Deventer", f"Deven{mark}ter").replace(
        "woningbouw", f"woning{mark}bouw"
    )
    text = read_report_text(_file(tmp_path, spoiled))
    assert _facts(text) == _facts(REPORT)


def test_unicode_separators_are_breaks(tmp_path: Path) -> None:
    spoiled = REPORT.replace("\n\n", "\u2029").replace("\n", "\u2028")
    text = read_report_text(_file(tmp_path, spoiled))
    assert text.count("\n\n") == REPORT.count("\n\n")
    assert _facts(text) == _facts(REPORT)


def test_a_soft_hyphen_at_a_line_end_joins_the_word(tmp_path: Path) -> None:
    text = read_report_text(
        _file(tmp_path, "Wij investeren fors in de woning\u00ad\nbouw en de zorg in de stad.\n" * 3)
    )
    assert "woningbouw" in read_document(text, "zacht").text


def test_decomposed_accents_are_composed(tmp_path: Path) -> None:
    text = read_report_text(_file(tmp_path, "Financie\u0308n\n\n" + REPORT))
    assert text.startswith("Financiën\n")


def test_a_report_on_one_line_opening_with_a_hash_is_text() -> None:
    body = " ".join(REPORT.split()) + " " + "De raad vergadert elke maand. " * 20
    document = read_document("# " + body, "een-regel")
    assert all(len(s.title) <= 200 for s in document.sections)
    assert any(p.kind != "kop" for p in document.passages)
    assert _facts("# " + body) == _facts(body)


def test_a_short_hash_line_is_still_a_heading() -> None:
    document = read_document("# Coalitieakkoord\n\n" + REPORT, "kop")
    assert any(s.title == "Coalitieakkoord" for s in document.sections)


def test_a_file_name_without_a_key_names_the_file(tmp_path: Path) -> None:
    path = _file(tmp_path, REPORT, "..md")
    with pytest.raises(IngestError) as caught:
        prepare_ingest(path, title=None, publisher="Gemeente Deventer", year=2024)
    assert str(path) in str(caught.value) and "--metadata" in str(caught.value)


def test_a_report_of_too_many_passages_is_refused_before_its_graph_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "MAX_PASSAGES", 5)
    lines = "\n\n".join(f"- Punt {n}: we investeren in woningbouw." for n in range(12))
    path = _file(tmp_path, "Coalitieakkoord\n\n" + lines + "\n")
    with pytest.raises(IngestError) as caught:
        prepare_ingest(path, title=None, publisher="Gemeente Deventer", year=2024)
    assert "more than the limit of 5" in str(caught.value) and "split" in str(caught.value)
    assert prepare_ingest(
        _file(tmp_path, REPORT, "klein.txt"), title=None, publisher="Gemeente Deventer", year=2024
    ).document.passages
