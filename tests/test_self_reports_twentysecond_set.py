"""Issue 13, twenty-second round: what a judge found taken as claims on issue13av.

Good news about the finances (a positive outlook, a sunnier picture, more income from
the state) is no financial task; a cut spread over a list of things in several themes is
the budget's task, not a claim on each thing cut; a result reached is no task. Then what
the first half of issue13aw taught (a list continuing a claim across a sentence that refers
back to it, residents named before working together, population decline, new words), and
what a reviewer found these rules got wrong. Sentences of our own, as Zwolle writes them.
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
        (
            "Daarnaast kent de gemeente een dubbele vergrijzing: er wonen relatief veel ouderen "
            "en die worden met elkaar ook steeds ouder.",
            "vergrijzing",
        ),
        ("De bevolking van Zwolle krimpt.", "krimp"),
        ("Ten eerste daalt de bevolking.", "krimp"),
        ("De bevolking neemt de komende jaren af.", "krimp"),
        (
            "Een blok aan het been is de nieuwbouwwijk, waar nog tachtig woningen moeten komen.",
            "woningbouw",
        ),
        ("Het zwembad is al jaren een hoofdpijndossier.", "sport-en-bewegen"),
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
        "Ook daalt het aantal inwoners op de wachtlijst voor een sociale huurwoning.",
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


# What a reviewer found the rules above got wrong, and now get right.


@pytest.mark.parametrize(
    "text",
    [
        "Het meerjarenperspectief is de komende jaren niet positief.",
        "Zonder extra geld van het Rijk levert de meerjarenraming geen sluitende begroting op.",
    ],
)
def test_a_good_outlook_denied_is_a_financial_task(text: str) -> None:
    found = zwolle_assertions(ABOUT_MONEY + text, "eigen-tekst-r")
    mine = [a for a in found if "meerjaren" in a.quote and a.theme == "gemeentefinancien"]
    assert mine and all(a.relation for a in mine)


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # the list ends at a contrast
        (
            "We bezuinigen op de bibliotheek, maar investeren fors in armoedebestrijding, "
            "jeugdzorg en woningbouw.",
            {"armoede", "jeugd", "woningbouw"},
        ),
        # ... and at a clause of its own ("verminderen ze")
        (
            "Met isolatie besparen inwoners op hun energierekening, verminderen ze hun "
            "CO2-uitstoot en verbeteren ze hun wooncomfort.",
            {"energiearmoede"},
        ),
        # "kort op" is keeping a close watch, not a cut
        (
            "Boa's zitten kort op overlast, drugshandel en zwerfafval.",
            {"criminaliteit-en-overlast"},
        ),
    ],
)
def test_what_is_not_in_a_cut_list_keeps_its_themes(text: str, themes: set[str]) -> None:
    assert themes <= zwolle_themes(text, "eigen-tekst-r")


def test_a_negation_in_a_clause_before_the_cut_does_not_undo_it() -> None:
    text = (
        "Omdat er geen geld meer is, bezuinigen we op de bibliotheek, het zwembad en het "
        "groenonderhoud."
    )
    assert zwolle_themes(text, "eigen-tekst-r") == {"gemeentefinancien"}


ABOUT_POVERTY = (
    "Armoede en jeugdzorg zijn onze speerpunten. We investeren in armoedebestrijding en in "
    "de jeugdzorg.\n\n"
)


def test_a_goal_not_reached_stays_a_task() -> None:
    found = zwolle_assertions(
        ABOUT_POVERTY + "De doelen uit het armoedebeleid zijn niet behaald.", "eigen-tekst-r"
    )
    assert [a for a in found if "behaald" in a.quote and a.theme == "armoede" and a.relation]


def test_a_future_pictured_in_the_perfect_is_no_past_deed() -> None:
    text = "In 2035 zijn alle scholen in Zwolle gerenoveerd en is de energietransitie afgerond."
    assert "energietransitie" in zwolle_themes(text, "eigen-tekst-r")


def test_a_pointer_followed_by_a_claim_keeps_the_claim() -> None:
    text = (
        "Zie bijlage 2 voor het overzicht; het tekort in de jeugdzorg loopt op tot 4 miljoen euro."
    )
    assert "jeugd" in zwolle_themes(text, "eigen-tekst-r")


@pytest.mark.parametrize(
    "text",
    [
        "Met ruim 900 nieuwe inwoners per jaar werken wij samen met de provincie aan extra "
        "woningen.",
        "Met 900 inwoners is Herfte klein, maar samen staan we sterk.",
    ],
)
def test_a_number_of_residents_is_no_working_with_them(text: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" not in zwolle_themes(text, "eigen-tekst-r")


def test_a_sentence_that_says_the_claim_is_solved_carries_nothing_on() -> None:
    text = (
        "Wij staan voor grote opgaven in het sociaal domein. Deze hebben we de afgelopen "
        "jaren grotendeels opgelost. Denk hierbij aan de decentralisatie van de jeugdzorg, de "
        "Wmo en de Participatiewet."
    )
    assert "decentralisaties" not in zwolle_themes(text, "eigen-tekst-r")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Het zwembad is niet langer een blok aan het been.", "sport-en-bewegen"),
        (
            "We hebben de pijnpunten in de dienstverlening opgelost.",
            "uitvoering-en-dienstverlening",
        ),
    ],
)
def test_a_weight_no_longer_carried_is_no_problem(text: str, theme: str) -> None:
    assert theme not in zwolle_themes(text, "eigen-tekst-r")
