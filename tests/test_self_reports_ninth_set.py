"""Issue 13, ninth round: classes of wrong assertions that recur across the dev sets
(issue13g, issue13h, issue13i) and the quotes of the earlier sets: precision on texts
nobody tuned for.

Each test names one class and uses sentences of our own, read as a new report by Zwolle
(tests/self_report_helpers.py), as `gemeentegraaf ingest --speaker` does; each class has
sentences where the rule must still fire.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import zwolle_themes

NEIGHBOURHOODS = "leefbaarheid-en-wijken"
VILLAGES = "platteland-en-kleine-kernen"
HOUSING_MARKET = "betaalbaar-wonen"
BUILDING = "woningbouw"


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-i")


# --- a theme word in a name: one word with a capital inside, a dateline in capitals ------


@pytest.mark.parametrize(
    "text",
    [
        # a local party written as one word
        "Het college wil samen met WijkNU de begroting op orde brengen.",
        "De gemeente wil het tekort samen met BuurtBelang aanpakken.",
        # the place in capitals opening a news report
        "WIJKDORP AAN ZEE De gemeente heeft een tekort op de begroting.",
        "WIJK BIJ ZEE - De gemeente heeft een tekort op de begroting.",
    ],
)
def test_word_in_a_name(text: str) -> None:
    assert NEIGHBOURHOODS not in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        # the word itself, also in capitals where no name follows it
        "De gemeente wil de leefbaarheid in elke wijk verbeteren.",
        "Het college investeert in de WIJK.",
        # a dateline before a sentence that names the theme
        "ZWOLLE - De gemeente wil de wijken leefbaar houden.",
    ],
)
def test_word_in_a_name_still(text: str) -> None:
    assert NEIGHBOURHOODS in _themes(text)


# --- the speaker as "het dorp": itself, not the theme of small villages ------------------


@pytest.mark.parametrize(
    "text",
    [
        "De komende jaren krijgt het dorp te maken met stevige bezuinigingen.",
        "Volgend jaar moet het dorp flink bezuinigen.",
    ],
)
def test_the_speaker_as_the_village(text: str) -> None:
    assert VILLAGES not in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "We willen de voorzieningen in de dorpen behouden.",
        "Het college investeert in elk dorp en in de kleine kernen.",
        # after a preposition "het dorp" says where: what is in the village
        "We willen een winkel in het dorp houden.",
    ],
)
def test_the_speaker_as_the_village_still(text: str) -> None:
    assert VILLAGES in _themes(text)


# --- buildings, not homes: a building's tenant, a new building of any kind ----------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Gevolg volgens de gemeente: de stichting verliest haar grootste huurder.",
            HOUSING_MARKET,
        ),
        ("Nieuwbouw van het zwembad voorkomt hoge onderhoudskosten", BUILDING),
        ("We kiezen voor nieuwbouw van de sporthal.", BUILDING),
    ],
)
def test_buildings_not_homes(text: str, theme: str) -> None:
    assert theme not in _themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("We willen huurders van sociale huurwoningen beter beschermen.", HOUSING_MARKET),
        ("De gemeente wil huurders beter beschermen tegen hoge huren.", HOUSING_MARKET),
        # new building alone, with a cue, is housing
        ("We zetten in op nieuwbouw.", BUILDING),
        ("Het college wil de nieuwbouw versnellen.", BUILDING),
    ],
)
def test_buildings_not_homes_still(text: str, theme: str) -> None:
    assert theme in _themes(text)


# --- labour participation as an aim is re-integration; its net rate is the labour market --

REINTEGRATION = "participatie-en-re-integratie"
LABOUR_MARKET = "arbeidsmarkt"


@pytest.mark.parametrize(
    "text",
    [
        "Nieuwe aandacht voor arbeidsparticipatie.",
        "We willen extra aandacht voor de arbeidsparticipatie van statushouders.",
    ],
)
def test_labour_participation_as_an_aim(text: str) -> None:
    themes = _themes(text)
    assert REINTEGRATION in themes
    assert LABOUR_MARKET not in themes


def test_labour_participation_as_a_rate() -> None:
    themes = _themes("De gemeente kampt met een dalende netto arbeidsparticipatie.")
    assert LABOUR_MARKET in themes
    assert REINTEGRATION not in themes


# --- a document named by its kind and years: where a plan is written down -----------------

FINANCES = "gemeentefinancien"


@pytest.mark.parametrize(
    "text",
    [
        "De doelstellingen worden in de programmabegroting 2024 – 2027 over negen delen verdeeld.",
        "De maatregelen uit dit akkoord worden opgenomen in de begroting 2025.",
    ],
)
def test_document_named_by_kind_and_years(text: str) -> None:
    assert FINANCES not in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        # the sentence says more about the finances than where a plan is written
        "De programmabegroting 2025 laat een groot tekort zien.",
        "We willen de begroting de komende jaren op orde brengen.",
    ],
)
def test_document_named_by_kind_and_years_still(text: str) -> None:
    assert FINANCES in _themes(text)


# --- the three decentralised tasks named together: the decentralisations ------------------

DECENTRALISATIONS = "decentralisaties"


@pytest.mark.parametrize(
    "text",
    [
        "We blijven het doen met het geld van het Rijk voor de Wmo, Jeugdzorg en Participatiewet.",
        "We willen één aanpak van de drie domeinen (jeugdhulp, wmo, Participatiewet).",
        "De gemeente wil de Participatiewet, de Jeugdwet en de Wmo samen uitvoeren.",
    ],
)
def test_three_decentralised_tasks(text: str) -> None:
    themes = _themes(text)
    assert DECENTRALISATIONS in themes
    assert REINTEGRATION not in themes


@pytest.mark.parametrize(
    "text",
    [
        "We voeren de Participatiewet streng maar rechtvaardig uit.",
        "We investeren in de Wmo en de Participatiewet.",
    ],
)
def test_three_decentralised_tasks_not(text: str) -> None:
    themes = _themes(text)
    assert REINTEGRATION in themes
    assert DECENTRALISATIONS not in themes
