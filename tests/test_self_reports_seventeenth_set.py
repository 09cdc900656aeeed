"""Issue 13, seventeenth round: "te maken met" with the verb first, big items of
expenditure, the red figures, what cannot be avoided or falls short of the demands,
doing more for something, rebuilding, money estimated, research carried out, first
place, insisting and stressing, urgency, a higher level, a plan drawn up for a place,
growth of the town in plain words, public transport by its short name, the integration
of newcomers, and the words the scheme lacked. Sentences of our own, as Zwolle writes
them.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.extract.generic import relation_of

from tests.self_report_helpers import matched_concepts, zwolle_negated, zwolle_themes


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-r")


def _negated(text: str) -> set[str]:
    return zwolle_negated(text, "eigen-tekst-r")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Daarnaast hebben we te maken met een groeiende wachtlijst voor de jeugdzorg.", "jeugd"),
        (
            "Een van de grootste kostenposten van de gemeente is de bijstand.",
            "participatie-en-re-integratie",
        ),
        (
            "Zonder ingrijpen komt de begroting de komende jaren in de rode cijfers.",
            "gemeentefinancien",
        ),
        ("Een verhoging van de onroerende zaakbelasting is onvermijdelijk.", "gemeentefinancien"),
        ("De sporthal voldoet niet meer aan de eisen van deze tijd.", "sport-en-bewegen"),
        ("We doen meer voor de opvang van vluchtelingen.", "asiel-en-opvang"),
        ("Het college doet extra veel aan de bestrijding van eenzaamheid.", "sociale-cohesie"),
        ("Het oude zwembad gaat volgend jaar op de schop.", "sport-en-bewegen"),
        ("In 2026 is geld geraamd voor de renovatie van de bibliotheek.", "cultuur-en-erfgoed"),
        (
            "Dit jaar wordt een onderzoek verricht naar de toekomst van de sporthallen.",
            "sport-en-bewegen",
        ),
        ("We zoeken naar locaties voor sociale huurwoningen.", "betaalbaar-wonen"),
        ("We zetten de fiets in onze stad op één.", "fiets-en-lopen"),
        (
            "De coalitiepartijen hameren op betere samenwerking met de buurgemeenten.",
            "samenwerking",
        ),
        ("Er is urgentie om de ondermijning in het buitengebied aan te pakken.", "ondermijning"),
        (
            "We tillen het taalonderwijs voor nieuwkomers naar een hoger niveau.",
            "integratie-en-inburgering",
        ),
        ("De hulp bij schulden wordt beter georganiseerd.", "schulden"),
        (
            "Zo brengen wij de wegen en het groen in een goede staat van onderhoud.",
            "openbare-ruimte",
        ),
        ("We breiden het jongerenwerk uit naar alle wijken.", "jeugd"),
        ("We stellen een gebiedsprogramma op voor de Binnenstad-Oost.", "gebiedsontwikkeling"),
        ("Onze stad groeit en de komende jaren blijven we groeien.", "bevolkingsgroei"),
        ("We behouden het gratis OV voor minima.", "openbaar-vervoer"),
        (
            "De opvang en integratie van statushouders vraagt veel inzet.",
            "integratie-en-inburgering",
        ),
        ("We willen het sportklimaat in de stad versterken.", "sport-en-bewegen"),
        ("We willen onze topsporters behouden voor de stad.", "sport-en-bewegen"),
        (
            "We blijven ons inzetten voor de inclusiviteit van onze stad.",
            "inclusie-en-kansengelijkheid",
        ),
        ("We investeren in een levendig dorpshart.", "binnenstad"),
        (
            "We kijken kritisch naar de ambtelijke inzet die daarvoor nodig is.",
            "personeel-en-organisatie",
        ),
    ],
)
def test_a_claim_names_its_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Daarnaast hebben wij ook te maken gehad met hogere energieprijzen.",
        "Zonder ingrijpen loopt het tekort verder op.",
        "Het zwembad voldoet niet aan de eisen.",
        "Het college doet meer voor jongeren.",
        "In 2026 zijn middelen geraamd voor het onderhoud van de wegen.",
        "We laten onderzoek doen naar de staat van de kades.",
        "De partijen hameren op veiligheid.",
        "We benadrukken dat de wijkteams dichtbij blijven.",
    ],
)
def test_a_cue_says_the_sentence_claims(text: str) -> None:
    assert relation_of(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        # the same words, no claim: a unit of one, a room on the first floor
        "De vergadering begon om één uur.",
        "Het loket staat op de eerste verdieping.",
        "De ontwikkeling van de stad heeft een lange geschiedenis.",
    ],
)
def test_a_look_alike_of_a_cue_claims_nothing(text: str) -> None:
    assert relation_of(text) is None


def test_falling_short_of_the_demands_is_not_denied() -> None:
    text = "De sporthal voldoet niet meer aan de eisen van deze tijd."
    assert "sport-en-bewegen" in _themes(text)
    assert "sport-en-bewegen" not in _negated(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("de rode cijfers", "gemeentefinancien"),
        ("een financieel nadeel van twee miljoen", "gemeentefinancien"),
        ("de onroerende zaakbelastingen", "gemeentefinancien"),
        ("onze topsporters", "sport-en-bewegen"),
        ("het sportklimaat", "sport-en-bewegen"),
        ("de inclusiviteit van de stad", "inclusie-en-kansengelijkheid"),
        ("het dorpshart", "binnenstad"),
        ("het maatschappelijk vastgoed", "gebiedsontwikkeling"),
        ("de maatschappelijke accommodaties", "gebiedsontwikkeling"),
        ("de ambtelijke capaciteit", "personeel-en-organisatie"),
    ],
)
def test_words_the_scheme_lacked(text: str, concept: str) -> None:
    assert concept in matched_concepts(text)


def test_the_sports_climate_is_no_climate() -> None:
    assert "klimaat" not in {c.rsplit("/", 1)[-1] for c in matched_concepts("het sportklimaat")}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # growing in a role, or economically, is no growth of the population
        ("We blijven groeien in onze rol als centrumgemeente.", "bevolkingsgroei"),
        ("Wij blijven groeien als werkgever in de regio.", "bevolkingsgroei"),
        # "ov" inside a word, or a word that begins with it
        ("We willen de overlast in de binnenstad aanpakken.", "openbaar-vervoer"),
        ("We zetten in op overleg met de wijkraden.", "openbaar-vervoer"),
        # integration of services, not of newcomers
        ("We werken aan de integratie van zorg en welzijn.", "integratie-en-inburgering"),
    ],
)
def test_a_look_alike_names_no_such_theme(text: str, theme: str) -> None:
    assert theme not in _themes(text)
