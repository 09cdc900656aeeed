"""Issue 13, fifteenth round: phrases that name a theme no single word does (an ageing
population, fewer pupils, a growing town, sustainability as what the town is to be), words
the scheme lacked, and the rules of this round read end to end, as a programme Zwolle
writes. Sentences of our own.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import ZWOLLE, zwolle_facts, zwolle_themes


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-p")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # an ageing population
        ("De ouder wordende inwoners vragen om andere woningen.", "vergrijzing"),
        ("Men wordt in onze gemeente steeds ouder, en dat vraagt aandacht.", "vergrijzing"),
        ("Een groeiend aantal 75-plussers vraagt onze aandacht.", "vergrijzing"),
        ("De uitgaven stijgen door de grijze en de groene druk.", "vergrijzing"),
        # fewer pupils
        ("Door een dalend leerlingenaantal staan de scholen onder druk.", "vergrijzing"),
        # a growing town
        ("We willen de groei van de stad in goede banen leiden.", "bevolkingsgroei"),
        # sustainability as what the town is to be
        ("Samen werken we aan een duurzame toekomst.", "energietransitie-en-klimaat"),
        ("Samen werken we aan een duurzaam Zwolle.", "energietransitie-en-klimaat"),
        # words the scheme lacked
        ("We gaan de energie-armoede fors tegen.", "energiearmoede"),
        ("We realiseren een toegankelijke buitenruimte voor mindervaliden.", "toegankelijkheid"),
        ("We gaan efficiënt om met de beperkte middelen.", "gemeentefinancien"),
        (
            "Elke brief van de gemeente moet in duidelijke taal zijn.",
            "uitvoering-en-dienstverlening",
        ),
        ("We zetten in op de ambtelijke organisatieontwikkeling.", "personeel-en-organisatie"),
        # bodies of residents and ways of working named by the village
        ("We betrekken de dorps- en wijkraden bij de plannen.", "burgerparticipatie-en-vertrouwen"),
        ("We gaan opnieuw dorpsgesprekken voeren.", "burgerparticipatie-en-vertrouwen"),
        # the budget with what says it is about money
        ("De begroting 2026 heeft een tekort van twee miljoen.", "gemeentefinancien"),
        ("We willen dat de lasten voor de inwoners niet stijgen.", "gemeentefinancien"),
        ("Onze dorpen moeten goed bereikbaar blijven.", "bereikbaarheid"),
        ("We zetten het dorpsgericht werken voort.", "wijkaanpak"),
    ],
)
def test_a_phrase_names_its_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # sound finances are no sustainability
        ("We streven naar een financieel duurzame toekomst.", "energietransitie-en-klimaat"),
        # a plan's name is no town
        ("We stellen een duurzame Omgevingsvisie op.", "energietransitie-en-klimaat"),
        # the growth of an airport or a firm is not of the population
        ("We willen de groei van Schiphol beperken.", "bevolkingsgroei"),
        # a title, pupil transport, emergency services, a heavy burden of care
        ("We werken aan Duurzame Inzetbaarheid van het personeel.", "energietransitie-en-klimaat"),
        ("Het leerlingenvervoer loopt terug, dat willen we.", "vergrijzing"),
        ("De hulpdiensten moeten goed bereikbaar blijven.", "uitvoering-en-dienstverlening"),
        # an old building is no ageing population
        ("Het gemeentehuis wordt steeds ouder en moet worden gerenoveerd.", "vergrijzing"),
        # a service within reach is no road or transport
        ("De huisartsenpost moet bereikbaar blijven.", "bereikbaarheid"),
        ("Hulp moet voor iedereen goed bereikbaar zijn.", "bereikbaarheid"),
        # the village's bodies and character are no theme of villages
        ("We betrekken de dorps- en wijkraden bij de plannen.", "platteland-en-kleine-kernen"),
        ("We behouden het groene en dorpse karakter.", "platteland-en-kleine-kernen"),
        ("De taken gaan naar de dorpscoöperaties.", "platteland-en-kleine-kernen"),
        # help from a group is not for the group
        ("Met hulp van ouderen renoveren we het dorpshuis.", "ouderen"),
    ],
)
def test_a_look_alike_names_no_such_theme(text: str, theme: str) -> None:
    assert theme not in _themes(text)


def test_emergency_services_within_reach_stay_roads_and_transport() -> None:
    assert "bereikbaarheid" in _themes("De hulpdiensten moeten goed bereikbaar blijven.")


def test_village_halls_stay_the_village_theme() -> None:
    assert "platteland-en-kleine-kernen" in _themes("We behouden de dorps- en buurthuizen.")


def test_a_newcomers_budget_text_gives_its_problems() -> None:
    # the kinds of sentence a newcomer's budget news held, in words of our own
    text = (
        "# Begroting 2026\n\n"
        "De wateroverlast van deze zomer laat zien dat we de riolering en het groen moeten "
        "aanpassen aan het veranderende klimaat.\n\n"
        "Jonge mensen vertrekken uit onze dorpen omdat ze hier geen woning vinden.\n\n"
        "We gaan schoolgebouwen en sporthallen isoleren.\n"
    )
    themes = _themes(text)
    assert {"klimaatadaptatie", "platteland-en-kleine-kernen", "energietransitie"} <= themes
    assert not {"onderwijs", "sport-en-bewegen"} & themes


def test_attention_denied_is_a_negated_theme() -> None:
    facts = zwolle_facts("Het sportbeleid vraagt geen extra aandacht.\n", "eigen-tekst-p")
    assert (ZWOLLE, "sport-en-bewegen", True) in facts
    assert (ZWOLLE, "sport-en-bewegen", False) not in facts
