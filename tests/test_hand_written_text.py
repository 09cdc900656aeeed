"""Hand-written text (.txt, .md): its paragraphs are the ones its writer made.

The normaliser's margin rules join the printed lines of a PDF extraction into paragraphs;
a text a person wrote, with a blank line between paragraphs or one paragraph per line,
must keep every paragraph, and the paragraph limit of ingest must count them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gemeentegraaf.pipeline import ingest as ingest_module
from gemeentegraaf.pipeline.ingest import IngestError, prepare_ingest
from gemeentegraaf.text.documents import read_document

FOUR = [
    "Wij bouwen woningen in Zwolle.",
    "Het college wil de jeugdzorg verbeteren.",
    "De schulden nemen toe bij inwoners.",
    "We gaan de armoede bestrijden.",
]
SENTENCE = "Het college wil de jeugdzorg verbeteren en de woningbouw in Zwolle versnellen."


def _passages(text: str) -> list[str]:
    return [p.text for p in read_document(text, "handschrift").passages]


def test_paragraphs_between_blank_lines_stay_apart() -> None:
    assert _passages("\n\n".join(FOUR) + "\n") == FOUR


def test_one_paragraph_per_line_stays_apart() -> None:
    assert _passages("\n".join(FOUR) + "\n") == FOUR


def test_the_same_paragraph_repeated_is_as_many_paragraphs() -> None:
    assert len(_passages("\n\n".join([SENTENCE] * 40))) == 40
    assert len(_passages("\n".join([SENTENCE] * 40))) == 40


def test_a_blank_line_inside_a_sentence_does_not_end_it() -> None:
    # (one such slip among a dozen paragraphs: a PDF extraction breaks its sentences at
    # most of its lines)
    slip = "Het college wil de jeugdzorg\n\nverbeteren in heel Zwolle."
    text = slip + "\n\n" + "\n\n".join(FOUR * 3) + "\n"
    assert _passages(text) == ["Het college wil de jeugdzorg verbeteren in heel Zwolle.", *FOUR * 3]


def test_paragraphs_wrapped_by_their_writer_are_joined() -> None:
    text = (
        "Het college wil de jeugdzorg\nverbeteren en de woningbouw\nin Zwolle versnellen.\n\n"
        "De schulden nemen toe bij\ninwoners van de stad.\n"
    )
    assert _passages(text) == [
        "Het college wil de jeugdzorg verbeteren en de woningbouw in Zwolle versnellen.",
        "De schulden nemen toe bij inwoners van de stad.",
    ]


def test_the_paragraph_limit_counts_the_paragraphs_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "MAX_PASSAGES", 50)
    for separator in ("\n\n", "\n"):
        path = tmp_path / "herhaling.txt"
        path.write_text(separator.join([SENTENCE] * 60) + "\n", encoding="utf-8")
        with pytest.raises(IngestError) as caught:
            prepare_ingest(path, title=None, publisher="Gemeente Zwolle", year=2026)
        assert "60 paragraphs" in str(caught.value)
        assert "more than the limit of 50" in str(caught.value)


def test_printed_lines_with_a_blank_line_after_each_are_still_joined() -> None:
    # a PDF extraction's stretch (most lines break a sentence) with a title block whose
    # lines follow each other directly: a sentence that ends at the margin goes on
    printed = [
        "De gemeente Zwolle werkt aan betaalbare woningen voor starters en",
        "ouderen in de stad en wil de komende jaren vijfduizend woningen",
        "bouwen in de binnenstad. Het college wil ook de jeugdzorg beter",
        "regelen voor alle kinderen in de gemeente, samen met de regio.",
        "De wachtlijsten zijn lang en de kosten lopen op voor de gemeente",
        "in de komende jaren, zegt de wethouder van zorg en welzijn hier.",
    ]
    text = "Woonvisie Zwolle.\nVastgesteld in 2024.\n\n" + "\n\n".join(printed) + "\n"
    passages = _passages(text)
    assert " ".join(printed) in passages
