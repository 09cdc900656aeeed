"""Issue 13, twenty-second round: what a judge found taken as claims on issue13av.

Good news about the finances (a positive outlook, a sunnier picture, more income than
counted on) is no financial task; a cut spread over a list of things in several themes is
the budget's task, not a claim on each thing cut. Sentences of our own, as Zwolle writes
them.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import zwolle_assertions, zwolle_themes

# Finances the text comes back to, so that a sentence on them claims them with no cue of
# its own (the recurring-theme rule) unless it says they are fine.
ABOUT_MONEY = (
    "De financiën van de gemeente vragen aandacht. Het tekort op de begroting loopt op. "
    "Wij moeten de financiën op orde brengen.\n\n"
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Daarnaast is ook het meerjarenperspectief tot en met 2028 positief.", "positief"),
        ("Het begrotingssaldo valt de komende jaren gunstig uit.", "gunstig"),
        (
            "Dat vertaalt zich gelukkig in een zonniger beeld op de financiën voor later.",
            "zonniger",
        ),
        ("Dit leidt tot een hogere uitkering van het Rijk en meer OZB-inkomsten.", "hogere"),
        ("De jaarrekening laat een financieel gezonde gemeente zien.", "gezonde"),
        ("Er is vorig jaar meer aan leges binnengekomen dan geraamd.", "binnengekomen"),
    ],
)
def test_good_financial_news_claims_no_financial_task(text: str, words: str) -> None:
    found = zwolle_assertions(ABOUT_MONEY + text, "eigen-tekst-x")
    claimed = [a for a in found if a.theme == "gemeentefinancien" and a.relation]
    assert claimed, "the finances the text comes back to should be claimed"
    assert not [a for a in claimed if words in a.quote]


@pytest.mark.parametrize(
    "text",
    [
        "We willen dat het meerjarenperspectief weer positief wordt.",
        "Ondanks een hogere uitkering van het Rijk blijft het tekort groot.",
    ],
)
def test_a_good_outlook_aimed_at_or_outweighed_stays_a_task(text: str) -> None:
    assert "gemeentefinancien" in zwolle_themes(text, "eigen-tekst-x")


@pytest.mark.parametrize(
    "text",
    [
        "Ook bezuinigt de gemeente op de bibliotheek, woningaanpassingen en passende kinderopvang.",
        "De komende jaren verlaagt de gemeente de budgetten voor het onderhoud van wegen, "
        "het verwijderen van obstakels voor voetgangers en fietsers en voor onkruidbestrijding.",
        "We bezuinigen op de muziekschool, het zwembad en het openbaar vervoer.",
    ],
)
def test_a_cut_spread_over_themes_is_the_budgets_task(text: str) -> None:
    assert zwolle_themes(text, "eigen-tekst-x") == {"gemeentefinancien"}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # one theme cut: a claim on it
        (
            "We bezuinigen flink op het Kulturhus, de bibliotheek en het museum.",
            "cultuur-en-erfgoed",
        ),
        # what is not cut is kept
        (
            "We bezuinigen niet op de bibliotheek, het zwembad en de woningaanpassingen.",
            "sport-en-bewegen",
        ),
        # a second cut after the list is a list of its own
        (
            "We bezuinigen op het Kulturhus, de bibliotheek en het museum, en besparen op "
            "onderhoud en acht ambtenaren.",
            "personeel-en-organisatie",
        ),
    ],
)
def test_a_cut_on_one_theme_or_few_things_stays_a_claim(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-x")


# Themes the text comes back to, so that a sentence on one claims it with no cue of its
# own (the recurring-theme rule) unless it tells what was done.
ABOUT_THEMES = (
    "Sport, zorg en duurzaamheid zijn onze speerpunten. We investeren in sport en in de "
    "zorg. De verduurzaming van de landbouw en de zorg voor ouderen vragen onze inzet.\n\n"
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Er zijn grote stappen gezet met de verduurzaming van de melkveehouderij.", "stappen"),
        ("De overdracht van de zorgtaken is vlekkeloos verlopen.", "vlekkeloos"),
        ("Wij hebben de nieuwe sporthal in Stadshagen opgeleverd.", "opgeleverd"),
        ("Het sportpark is in maart succesvol geopend.", "geopend"),
        ("Daarnaast is in Stadshagen al een splinternieuwe sporthal gebouwd.", "gebouwd"),
    ],
)
def test_a_result_reached_is_no_task(text: str, words: str) -> None:
    found = zwolle_assertions(ABOUT_THEMES + text, "eigen-tekst-y")
    claimed = [a for a in found if a.relation]
    assert claimed, "the themes the text comes back to should be claimed"
    assert not [a for a in claimed if words in a.quote]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # still to do
        (
            "De komende jaren moeten er nog grote stappen worden gezet met de verduurzaming "
            "van woningen.",
            "energietransitie",
        ),
        # a task after it
        (
            "Als de nieuwe sporthal is opgeleverd, gaan we het zwembad renoveren.",
            "sport-en-bewegen",
        ),
        ("Er zijn sporthallen nodig die nog gebouwd moeten worden.", "sport-en-bewegen"),
        # a problem beside it
        (
            "Het doel is bereikt, maar de wachtlijsten in de jeugdzorg blijven een probleem.",
            "jeugd",
        ),
    ],
)
def test_a_result_with_work_still_to_do_stays_a_claim(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-y")


def test_a_list_continues_the_claim_across_a_sentence_that_refers_back() -> None:
    text = (
        "Als gemeente staan wij de komende jaren voor grote maatschappelijke opgaven. Deze "
        "bepalen voor een groot deel de inhoud van ons akkoord. Denk hierbij aan de "
        "wooncrisis, de stikstofcrisis en de naweeën van corona."
    )
    assert {"wonen", "stikstof", "corona-en-herstel"} <= zwolle_themes(text, "eigen-tekst-z")


@pytest.mark.parametrize(
    "text",
    [
        "Met bewoners, bedrijven en instellingen werken wij als partners samen.",
        "Ook met inwoners en verenigingen trekken we samen op.",
    ],
)
def test_working_together_with_residents_named_first_is_participation(text: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" in zwolle_themes(text, "eigen-tekst-z")


@pytest.mark.parametrize(
    "text",
    [
        "Met de provincie werken we samen aan de wegen.",
        "Met de fiets zijn bewoners snel in het centrum, samen met hun kinderen.",
    ],
)
def test_working_together_without_residents_is_no_participation(text: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" not in zwolle_themes(text, "eigen-tekst-z")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Daarnaast kent de gemeente een dubbele vergrijzing.", "vergrijzing"),
        ("De bevolking van Zwolle krimpt.", "krimp"),
        ("Ten eerste daalt de bevolking.", "krimp"),
        ("De bevolking neemt de komende jaren af.", "krimp"),
        (
            "Een blok aan het been is de nieuwbouwwijk, waar nog tachtig woningen moeten komen.",
            "woningbouw",
        ),
        ("Het zwembad is al jaren een zorgenkindje.", "sport-en-bewegen"),
        ("We pakken de energiecrisis aan.", "energiearmoede"),
        ("We beperken het maaien om bijensterfte tegen te gaan.", "natuur-en-landschap"),
        ("Er moet een initiatievenfonds of dorpsbudget komen.", "burgerparticipatie-en-vertrouwen"),
        ("We willen een wijkbudget voor elke wijk.", "burgerparticipatie-en-vertrouwen"),
        ("Daarvoor is wel een lobby nodig in de richting van de provincie.", "samenwerking"),
        ("We willen hoogbouw bij het station mogelijk maken.", "gebiedsontwikkeling"),
    ],
)
def test_more_ways_to_say_a_problem_or_its_theme(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-z")


@pytest.mark.parametrize(
    "text",
    [
        # fewer people on benefits is no shrinking population
        "Het aantal inwoners met een uitkering daalt al jaren.",
        "Het aantal inwoners groeit.",
        "Ten eerste daalt het aantal inwoners met schulden.",
    ],
)
def test_not_a_shrinking_population(text: str) -> None:
    assert "krimp" not in zwolle_themes(text, "eigen-tekst-z")


@pytest.mark.parametrize(
    "pointer",
    [
        "Zie toelichting onder Opzet begroting.",
        "Zie hiervoor hoofdstuk 4 over de begroting.",
        "(zie paragraaf 3.2 over de begroting)",
    ],
)
def test_a_pointer_to_another_part_claims_nothing(pointer: str) -> None:
    text = (
        "De begroting is opgezet volgens de voorschriften van het Rijk. Ons programma is nog "
        f"niet omgezet in de nieuwe opzet. {pointer}"
    )
    found = zwolle_assertions(text, "eigen-tekst-z")
    assert not [a for a in found if "zie " in a.quote.lower() and a.relation]


def test_a_sentence_that_only_starts_with_zie_still_claims() -> None:
    text = "Zie hier onze ambitie: we willen de begroting op orde brengen."
    assert "gemeentefinancien" in zwolle_themes(text, "eigen-tekst-z")
