"""Issue 13, tenth round: cue verbs as verbs. One table (gemeentegraaf.extract.cue_verbs)
gives every form of each cue verb and splits its separable ones, so "versterkt", "zetten
we … in op" and "draagt … bij aan" are cues as "versterken", "inzetten" and "bijdragen
aan" were. Sentences of our own, each verb in several forms; words that only look like a
form (a noun, an adjective, a preposition that is no particle) are not cues.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.cue_verbs import CUE_VERBS, CueVerb
from gemeentegraaf.extract.generic import relation_of

from tests.self_report_helpers import zwolle_themes

PRIORITY, ACTS, FACES = GG.Prioriteert, GG.Onderneemt, GG.StaatVoor


def test_forms_generated() -> None:
    forms = {verb.particle + verb.infinitive: verb for verb in CUE_VERBS}
    assert forms["versterken"].finite() == ["versterkt", "versterken", "versterkte", "versterkten"]
    assert forms["versterken"].past_participle() == "versterkt"
    assert forms["streven"].finite()[2:] == ["streefde", "streefden"]
    assert forms["streven"].past_participle() == "gestreefd"
    assert forms["inzetten"].finite()[:2] == ["zet", "zetten"]
    assert forms["inzetten"].past_participle() == "ingezet"
    assert forms["aanpakken"].past_participle() == "aangepakt"
    assert forms["uitvoeren"].past_participle() == "uitgevoerd"
    assert forms["ontwikkelen"].past_participle() == "ontwikkeld"
    assert forms["verduurzamen"].past_participle() == "verduurzaamd"
    assert forms["kiezen"].finite()[2:] == ["koos", "kozen"]
    assert CueVerb("werken", PRIORITY).derived_stem() == "werk"
    assert CueVerb("kiezen", PRIORITY).derived_stem() == "kies"


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        # versterken
        ("We versterken de lokale economie.", PRIORITY),
        ("Het college versterkt de positie van mantelzorgers.", PRIORITY),
        ("In 2023 versterkte de gemeente het toezicht.", PRIORITY),
        ("De wijkteams worden versterkt.", PRIORITY),
        # verbeteren
        ("Het college verbetert de dienstverlening.", PRIORITY),
        ("De dienstverlening is de afgelopen jaren verbeterd.", PRIORITY),
        ("Vorig jaar verbeterden we de fietspaden.", PRIORITY),
        # stimuleren
        ("De gemeente stimuleert woningbouw voor starters.", PRIORITY),
        ("Woningbouw voor starters wordt gestimuleerd.", PRIORITY),
        # verduurzamen
        ("We verduurzamen ons vastgoed.", PRIORITY),
        ("Het gemeentehuis wordt verduurzaamd.", PRIORITY),
        ("Het college verduurzaamt de sporthallen.", PRIORITY),
        # streven
        ("Het college streeft naar meer sociale huurwoningen.", PRIORITY),
        ("Wij streefden naar een sluitende begroting.", PRIORITY),
        # inzetten, joined and split
        ("We zetten extra in op armoedebestrijding.", PRIORITY),
        ("Daarom zetten wij de komende jaren fors in op woningbouw.", PRIORITY),
        ("Het college zet in op preventie.", PRIORITY),
        ("De gemeente wil inzetten op schuldhulpverlening.", PRIORITY),
        ("Wij blijven ons inzetten voor de jeugd.", PRIORITY),
        ("Er wordt ingezet op preventie.", PRIORITY),
        ("Onze inzet op schuldhulpverlening blijft.", PRIORITY),
        ("We zetten extra handhavers in.", PRIORITY),
        # aanpakken, joined and split
        ("Wij pakken de armoede aan.", ACTS),
        ("Het college pakt de overlast in de binnenstad samen met de regio aan.", ACTS),
        ("De gemeente gaat de ondermijning aanpakken.", ACTS),
        ("Verkeersonveilige kruispunten worden aangepakt.", ACTS),
        ("We pakten de overlast in de wijk aan.", ACTS),
        # uitvoeren, joined and split
        ("Het college voert het klimaatplan uit.", ACTS),
        ("Wij voeren de Omgevingswet zorgvuldig uit.", ACTS),
        ("Het armoedebeleid wordt uitgevoerd.", ACTS),
        ("Het college zal het plan uitvoeren.", ACTS),
        # ondersteunen
        ("Wij ondersteunen mantelzorgers.", ACTS),
        ("Mantelzorgers worden ondersteund.", ACTS),
        ("De gemeente ondersteunde ondernemers tijdens de crisis.", ACTS),
        # investeren
        ("De gemeente investeert in de binnenstad.", ACTS),
        ("Wij investeerden fors in onderwijs.", ACTS),
        ("Er is veel geïnvesteerd in de binnenstad.", ACTS),
        # realiseren
        ("We realiseren 500 woningen.", ACTS),
        ("Het college realiseert een nieuw zwembad.", ACTS),
        ("Er worden 300 woningen gerealiseerd.", ACTS),
        # ontwikkelen
        ("Het college ontwikkelt een nieuw bedrijventerrein.", ACTS),
        ("Er wordt een woonvisie ontwikkeld.", ACTS),
        # werken aan, meewerken aan
        ("We werken aan een sterke economie.", ACTS),
        ("Het college werkt samen met de regio aan de energietransitie.", ACTS),
        ("Wij hebben gewerkt aan betere dienstverlening.", ACTS),
        ("De gemeente werkt mee aan de regionale woningbouw.", ACTS),
        # behouden
        ("We behouden het zwembad.", PRIORITY),
        ("Het college behoudt de bibliotheek.", PRIORITY),
        ("Het zwembad blijft behouden.", PRIORITY),
        # zorgen voor / dat
        ("Wij zorgen voor betaalbare woningen.", PRIORITY),
        ("Het college zorgt ervoor dat iedereen kan meedoen.", PRIORITY),
        ("De gemeente zorgde voor extra handhaving.", PRIORITY),
        ("We zorgen dat de wijk leefbaar blijft.", PRIORITY),
        # kiezen
        ("Het college kiest voor duurzaamheid.", PRIORITY),
        ("We kozen voor een wijkgerichte aanpak.", PRIORITY),
        ("Wij hebben gekozen voor preventie.", PRIORITY),
        # bijdragen aan, joined and split
        ("Dit draagt bij aan de leefbaarheid.", PRIORITY),
        ("Sport kan bijdragen aan de gezondheid.", PRIORITY),
        ("De nieuwe fietspaden dragen flink bij aan de verkeersveiligheid.", PRIORITY),
        ("Het project heeft bijgedragen aan de sociale cohesie.", PRIORITY),
        # waarborgen, voortzetten, doorzetten
        ("Het college waarborgt de toegang tot zorg.", PRIORITY),
        ("De toegankelijkheid wordt gewaarborgd.", PRIORITY),
        ("Wij zetten het armoedebeleid voort.", PRIORITY),
        ("De ingezette lijn wordt voortgezet.", PRIORITY),
        ("We zetten de verduurzaming door.", PRIORITY),
        # inspelen op, optimaliseren, afspreken
        ("Het college speelt in op de vergrijzing.", ACTS),
        ("We spelen met de scholen in op de krapte.", ACTS),
        ("We optimaliseren het jeugdbeleid.", PRIORITY),
        ("Het jeugdbeleid wordt geoptimaliseerd.", PRIORITY),
        ("We spreken met de corporaties af dat er meer sociale huur komt.", PRIORITY),
        ("Met de regio is afgesproken dat de jeugdzorg gezamenlijk wordt ingekocht.", PRIORITY),
        # problems: besparen, kampen met, a population that shrinks or ages, what is lacking
        ("De gemeente kampt met tekorten.", FACES),
        ("We kampten jaren met een tekort.", FACES),
        ("De bevolking van de kernen krimpt.", FACES),
        ("De bevolking is de afgelopen jaren gekrompen.", FACES),
        ("De bevolking vergrijst snel.", FACES),
        ("We besparen twee miljoen op het personeel.", FACES),
        ("Het college bespaarde op de inhuur.", FACES),
        ("Het ontbrak aan voldoende woningen.", FACES),
        # impulses given or got (recurs in the dev sets' quotes)
        ("Inwonersparticipatie krijgt een stevige impuls.", PRIORITY),
        ("Het college geeft de binnenstad een impuls.", PRIORITY),
        ("Met een flinke impuls voor het wijkgericht werken.", PRIORITY),
    ],
)
def test_every_form_fires(sentence: str, relation: object) -> None:
    assert relation_of(sentence) == relation


@pytest.mark.parametrize(
    "sentence",
    [
        # nouns: "de versterking" names a measure, not that the speaker strengthens; "de
        # inzet van" and "de uitvoer" are nouns; "het behoud" is a noun
        "De versterking van de dijk is klaar.",
        "De inzet van de vrijwilligers was groot.",
        "De uitvoer van de haven groeide.",
        "Het behoud van het monument kost geld.",
        # "afspraken" is the noun, not the past of "afspreken"
        "De afspraken met de corporaties liggen er.",
        # an adjective: "de gekozen" raad, the chosen council
        "De gekozen raad vergaderde gisteren.",
        # a preposition that is no particle: "in de goede richting", "aan de orde"
        "We zetten de stap in de goede richting.",
        "De wethouder voert het woord aan de tafel.",
        # a place that only looks like a verb: Kampen with "met" further on
        "Kampen is een prachtige gemeente, met de historische binnenstad.",
        # the bare stem is a noun more often than a verb: "zorg", "werk"
        "De zorg in de regio.",
        "Het werk in de haven.",
    ],
)
def test_look_alikes_do_not_fire(sentence: str) -> None:
    assert relation_of(sentence) is None


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Het college versterkt de lokale economie.", "economie-en-binnenstad"),
        ("Daarom zetten wij de komende jaren fors in op woningbouw.", "woningbouw"),
        ("We pakken de armoede samen met de wijkteams aan.", "armoede"),
    ],
)
def test_split_and_inflected_forms_give_a_challenge(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-j")
