"""Text steps that must stay linear in the length of a passage: the same answers for a
paragraph of any length, with or without line breaks (speed itself is benched in
tests/bench_ingest.py, not timed here)."""

from __future__ import annotations

from gemeentegraaf.text.normalise import normalise
from gemeentegraaf.text.segment import GENERIC, segment, sentences

SENTENCES = [
    "De gemeente Zwolle werkt o.a. aan betaalbare woningen voor starters.",
    "Volgens M. de Vries is dat t.a.v. de binnenstad een hele opgave.",
    "Leiden bouwt 2.500 woningen!",
    "Wat doet Emmen?",
]


def _sentences_of(text: str) -> list[str]:
    doc = segment(normalise(text), "proef", GENERIC)
    return [s.text for p in doc.passages for s in sentences(doc, p)]


def test_abbreviations_and_initials_do_not_end_a_sentence_in_a_long_passage() -> None:
    unbroken = " ".join(SENTENCES * 500)  # one line of 100 KB
    assert _sentences_of(unbroken) == SENTENCES * 500


def test_line_breaks_do_not_change_the_sentences() -> None:
    with_breaks = "\n\n".join(" ".join(SENTENCES) for _ in range(50))
    assert _sentences_of(with_breaks) == SENTENCES * 50


def test_repeated_headings_get_numbered_keys() -> None:
    text = "".join(
        f"# Toelichting\n\nDe gemeente Zwolle werkt aan wonen, deel {n}.\n\n" for n in range(30)
    )
    doc = segment(normalise(text), "proef", GENERIC)
    keys = [s.key for s in doc.sections]
    assert keys[:3] == ["toelichting", "toelichting-2", "toelichting-3"]
    assert len(set(keys)) == 30
