"""A municipality writing about itself names its own towns and villages.

Asten has a village called Heusden, Overbetuwe one called Oosterhout, Lochem one called
Laren: in their own texts those names are the village, not the municipality of the same
name elsewhere (a judge found "woningbouw in Asten, Ommel en Heusden" given to the
municipality of Heusden). The towns come from the BAG woonplaatsen (data/reference/
woonplaatsen.csv); "de gemeente Heusden" still names the municipality, and a town that
was itself the municipality of its name before a merger is left to the text's date.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from gemeentegraaf.common.resources import REFERENCE_DIR
from gemeentegraaf.sources.reference_data import (
    PLACES_FILE,
    ReferenceDataError,
    by_code,
    places,
)
from gemeentegraaf.text.gazetteer import Gazetteer

from tests.self_report_helpers import challenge_facts, report_record

ASTEN, HEUSDEN = "GM0743", "GM0797"
ON = date(2023, 6, 1)


def test_every_town_lies_in_a_current_municipality() -> None:
    towns = places()
    current = {code for code, m in by_code().items() if m.current}
    assert len(towns) > 2400
    assert {t.municipality for t in towns} == current
    assert any(t.name == "Heusden" and t.municipality == ASTEN for t in towns)
    assert any(t.name == "Heusden" and t.municipality == HEUSDEN for t in towns)


def test_a_town_in_an_unknown_municipality_is_an_error(tmp_path: Path) -> None:
    for name in ("cbs_gemeenten_alfabetisch_2023.csv", PLACES_FILE):
        shutil.copy(REFERENCE_DIR / name, tmp_path / name)
    with open(tmp_path / PLACES_FILE, "a", encoding="utf-8") as fh:
        fh.write("Nergenshuizen,Nergensland,Noord-Holland\n")
    places.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match="Nergensland"):
            places(tmp_path)
    finally:
        places.cache_clear()


def _codes(text: str, speaker: str) -> list[str | None]:
    g = Gazetteer.from_reference()
    mentions = g.own_towns(g.find(text, ON), text, speaker)
    return [m.resolution.code for m in mentions if m.resolution.status == "resolved"]


@pytest.mark.parametrize(
    ("text", "speaker", "codes"),
    [
        # the speaker's village: no municipality
        ("Woningbouw in Asten, Ommel en Heusden.", ASTEN, [ASTEN]),
        ("In Oosterhout komt een nieuwe school.", "GM1734", []),
        ("Het dorpshuis in Laren krijgt een nieuw dak.", "GM0262", []),
        ("In Hengelo bouwen we twintig woningen.", "GM1876", []),
        # the municipality, named as one
        ("We werken samen met de gemeente Heusden.", ASTEN, [HEUSDEN]),
        # the speaker is the municipality of that name
        ("Woningbouw in Heusden en Vlijmen.", HEUSDEN, [HEUSDEN]),
        # another speaker has no town of that name
        ("Woningbouw in Heusden.", "GM0193", [HEUSDEN]),
        ("In Hengelo bouwen we twintig woningen.", "GM0193", ["GM0164"]),
    ],
    ids=[
        "asten",
        "overbetuwe",
        "lochem",
        "bronckhorst",
        "gemeente",
        "itself",
        "zwolle-h",
        "zwolle-hengelo",
    ],  # fmt: skip
)
def test_own_towns(text: str, speaker: str, codes: list[str]) -> None:
    assert _codes(text, speaker) == codes


def test_a_former_municipality_in_the_speaker_keeps_its_date() -> None:
    """Weesp joined Amsterdam in 2022: in 2020 an Amsterdam text naming it names the
    municipality Weesp, which the date decides, not the towns."""
    g = Gazetteer.from_reference()
    text = "Amsterdam en Weesp onderzoeken een fusie."
    mentions = g.own_towns(g.find(text, date(2020, 1, 1)), text, "GM0363")
    assert [m.resolution.code for m in mentions] == ["GM0363", "GM0457"]


def test_the_village_of_the_speaker_gives_no_fact_to_its_namesake() -> None:
    text = (
        "Wij gaan de komende jaren hard aan het werk.\n\n"
        "In 2024 investeren we in het opknappen van het sportpark in Heusden.\n\n"
        "Ook werken we aan woningbouw in Asten, Ommel en Heusden."
    )
    facts = challenge_facts(text, report_record("eigen-tekst-towns", 2023), ASTEN)
    subjects = {subject for subject, _theme, _negated in facts}
    assert "gm0797" not in subjects
    assert ("gm0743", "woningbouw", False) in facts


# --- a reviewer's finds ----------------------------------------------------------------


def test_every_bag_qualifier_is_stripped() -> None:
    bare = {t.name: t.bare_name for t in places()}
    assert bare["Hengelo (Gld)"] == "Hengelo"
    assert bare["Katwijk NB"] == "Katwijk"
    assert bare["Bavel AC"] == "Bavel"
    assert bare["Ursem gem. S"] == "Ursem"
    assert bare["Alteveer gem Hoogeveen"] == "Alteveer"
    assert all(not b.endswith((")", " NB", " L", " AC", " GN")) for b in bare.values())


@pytest.mark.parametrize(
    ("text", "speaker", "on", "codes"),
    [
        # towns qualified as "NB" in BAG are the speaker's villages
        ("In Katwijk en Vianen bouwen we woningen.", "GM1982", ON, []),
        # a list of municipalities names the municipality
        (
            "Net als de gemeenten Enschede, Almelo en Hengelo zien wij de vraag stijgen.",
            "GM1876",
            ON,
            ["GM0153", "GM0141", "GM0164"],
        ),
        ("In de buurgemeente Hengelo groeit de vraag.", "GM1876", ON, ["GM0164"]),
    ],
    ids=["qualified-nb", "listed", "buurgemeente"],
)
def test_own_towns_in_lists_and_dates(text: str, speaker: str, on: date, codes: list[str]) -> None:
    g = Gazetteer.from_reference()
    mentions = g.own_towns(g.find(text, on), text, speaker)
    assert [m.resolution.code for m in mentions if m.resolution.status == "resolved"] == codes


def test_a_former_municipality_that_went_into_the_speaker_is_no_town_of_it() -> None:
    """Valkenburg went into Katwijk in 2006 (and Valkenburg aan de Geul bears the name too):
    it is no town of Katwijk's here, and what a 2004 text names by it is the gazetteer's
    reading, left as it is."""
    g = Gazetteer.from_reference()
    text = "De gemeenten Katwijk, Rijnsburg en Valkenburg gaan fuseren."
    before = g.find(text, date(2004, 6, 1))
    assert g.own_towns(before, text, "GM0537") == before
    assert ("Valkenburg",) not in g._towns.get("GM0537", {})


def test_the_speakers_own_ambiguous_name_is_left_to_the_gazetteer() -> None:
    """Bergen (NH) has a town Bergen, named like Bergen (L): a text of Bergen (NH) naming
    'Bergen' keeps whatever the gazetteer made of it (the speaker is among its readings)."""
    g = Gazetteer.from_reference()
    text = "Woningbouw in Bergen en Schoorl."
    before = g.find(text, ON)
    after = g.own_towns(before, text, "GM0373")
    assert "GM0373" in (before[0].resolution.code, *before[0].resolution.candidates)
    assert after[0] == before[0]
