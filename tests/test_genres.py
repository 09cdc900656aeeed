"""Genre profiles: picked from a text's structure, never from a document's identity.

A bundled report copied under a new key, file name, title and publisher gets the same
genre and the same facts (apart from the document's identity) as the bundled one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from gemeentegraaf.extract.framework import context_for, extract_facts, extractors_for
from gemeentegraaf.sources.catalogue import corpus_record, corpus_records, raw_text
from gemeentegraaf.text.documents import load_document, read_document
from gemeentegraaf.text.genres import GENERAL, detect, genres
from gemeentegraaf.text.normalise import normalise

from tests.fact_tuples import fact_tuples

KEYS = sorted(r.key for r in corpus_records())
EXPECTED = {
    "platform31-trendstudie-2013": "trendstudie-kernpunten",
    "g32-analyse-regeerakkoord-2017": "netwerk-positie",
    "platform31-analyse-coalitieakkoorden-2018": "coalitieakkoorden-analyse",
    "platform31-trendstudie-g40-m50-2021": "trendstudie-opgaven",
    "vng-stand-van-de-uitvoering-2023": "voortgangsrapport",
}


def test_every_genre_profile_loads_and_names_known_extractors() -> None:
    found = genres()
    assert GENERAL in found and len(found) >= 7
    for genre in found.values():
        assert genre.label_nl and genre.label_en
        extractors_for(genre)  # raises on a name no extractor registers


@pytest.mark.parametrize("key", KEYS)
def test_bundled_report_gets_its_genre_from_its_structure(key: str) -> None:
    assert load_document(key).genre == EXPECTED[key]


@pytest.mark.parametrize("key", KEYS)
def test_renamed_copy_gives_the_same_genre_and_facts(key: str) -> None:
    original = context_for(key)
    record = corpus_record(key)
    new_key = "kopie-van-een-rapport"
    copy = replace(
        record,
        key=new_key,
        file="iets-anders.txt",
        title="Een rapport met een andere titel",
        publisher="Een andere uitgever",
        kind="rapport",
    )
    document = read_document(raw_text(record), new_key)
    assert document.genre == original.structure.genre
    ctx = extract_facts(copy, document)
    assert fact_tuples(ctx.graph, new_key) == fact_tuples(original.graph, key)
    assert len(fact_tuples(ctx.graph, new_key)) > 0


def test_text_of_no_known_genre_gets_the_general_rules() -> None:
    text = "Een korte notitie.\n\nHet weer was goed en de markt was druk bezocht.\n"
    assert detect(normalise(text)).genre.name == GENERAL


def test_programme_text_is_recognised_by_its_voice() -> None:
    text = (
        "Wij willen de komende jaren investeren in betaalbare woningen. Het college zet in op "
        "armoedebestrijding en we gaan de jeugdzorg beter organiseren. In de begroting "
        "maken we ruimte voor onze dorpen. De coalitie wil dat de raad meer grip krijgt.\n"
    )
    assert detect(normalise(text)).genre.name == "programma"


def test_no_rule_is_chosen_by_a_document_key_title_or_publisher() -> None:
    """The extraction and text layers never name a bundled document, nor read the
    catalogue's kind, key, title or publisher to choose what to do."""
    package = Path(__file__).resolve().parents[1] / "graph"
    offenders = []
    for folder in ("extract", "text"):
        for path in sorted((package / folder).glob("*.py")):
            source = path.read_text(encoding="utf-8")
            for key in KEYS:
                if key in source:
                    offenders.append(f"{path.name}: {key}")
            for pattern in (
                r"info\.kind",
                r"info\.publisher",
                r"info\.title",
                r"ctx\.(?:info\.)?key\s*(?:==|!=|in\b|not in\b)",
            ):
                if re.search(pattern, source):
                    offenders.append(f"{path.name}: {pattern}")
    assert offenders == []
