"""Issue 13, fourth set: the classes of error the held-out texts of issue13d showed.

Each test names one class (see the table in the fix13e report) and uses sentences of our
own, read as a new report with a speaker, as `gemeentegraaf ingest --speaker` does.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import municipality_actors
from gemeentegraaf.extract.framework import _gazetteer
from gemeentegraaf.extract.generic import is_label_list, relation_of
from gemeentegraaf.extract.municipal import _LIMITED_MENTION, _is_inventory
from gemeentegraaf.sources.catalogue import CorpusRecord

from tests.self_report_helpers import (
    matched_concepts,
    report_record,
    zwolle_facts,
    zwolle_themes,
)


def _record() -> CorpusRecord:
    return report_record("eigen-tekst-d", 2024)


def _facts(text: str) -> set[tuple[str, str, bool]]:
    return zwolle_facts(text, "eigen-tekst-d")


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-d")


# --- cue words, word by word --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        # a problem that calls for an answer
        ("De gevolgen van de krimp vragen om oplossingen.", GG.StaatVoor),
        ("De drukte in het centrum vraagt om scherpe keuzes.", GG.StaatVoor),
        # an announcement with the verb before "er", after an adverb
        ("Daarnaast komt er een nieuwe sporthal.", GG.Onderneemt),
        ("Bovendien komen er meer handhavers.", GG.Onderneemt),
        # money set aside
        ("Voor het zwembad wordt 2 miljoen euro uitgetrokken.", GG.Onderneemt),
        ("De partijen trekken jaarlijks een miljoen uit voor groen.", GG.Onderneemt),
        ("Jaarlijks is 50.000 euro beschikbaar voor sportclubs.", GG.Onderneemt),
        ("Het college heeft geld vrijgemaakt voor de bibliotheek.", GG.Onderneemt),
        ("Het fonds wordt gebruikt voor nieuwe speeltuinen.", GG.Onderneemt),
        # examined, tackled, started
        ("De parkeerdruk wordt onder de loep genomen.", GG.Onderneemt),
        ("Ook wordt er gekeken naar een nieuwe rondweg.", GG.Onderneemt),
        ("Overlast wordt voortaan in de buurt aangepakt.", GG.Onderneemt),
        ("Volgend jaar starten we met de wijkaanpak.", GG.Onderneemt),
        # weight
        ("Daarbij wordt ingezet op preventie.", GG.Prioriteert),
        ("De partijen hebben oog voor de natuur.", GG.Prioriteert),
        ("De partijen zeggen oog te hebben voor de natuur.", GG.Prioriteert),
        ("Wonen en zorg zijn de kernthema's.", GG.Prioriteert),
        # a norm for a state
        ("Kernen en wijken moeten veilig en schoon zijn.", GG.Prioriteert),
        # helping people into work; consulting residents
        ("We helpen meer mensen uit de bijstand.", None),
        ("Zo kunnen we meer mensen aan het werk helpen.", GG.Onderneemt),
        ("We vragen inwoners om daarop te reageren.", GG.Onderneemt),
        # none of these
        ("De wethouders voerden actie voor meer geld.", None),
        ("Hij start de auto.", None),
        ("De onderhandelaars komen er niet uit.", None),
        ("Hij heeft een oog dichtgeknepen.", None),
    ],
)
def test_cue_words_for_answers_announcements_money_and_weight(sentence, relation) -> None:
    assert relation_of(sentence) == relation


# --- a claim with no agent is the speaker's ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        ("Ook komt er meer geld voor de bestrijding van overlast.\n", "criminaliteit-en-overlast"),
        (
            "Bovendien komt er jaarlijks 80.000 euro beschikbaar om schulden te voorkomen.\n",
            "schulden",
        ),
        ("Voor de bibliotheek wordt een miljoen euro uitgetrokken.\n", "cultuur-en-erfgoed"),
        ("Een goede bibliotheek is daarbij belangrijk.\n", "cultuur-en-erfgoed"),
        ("Belangrijke thema's zijn sport, cultuur en verkeersveiligheid.\n", "verkeersveiligheid"),
        ("De fietsveiligheid rond scholen wordt onder de loep genomen.\n", "fiets-en-lopen"),
        ("Kernen en wijken moeten veilig en schoon zijn.\n", "platteland-en-kleine-kernen"),
    ],
)
def test_an_agentless_announcement_or_claim_of_weight_is_the_speakers(
    sentence: str, theme: str
) -> None:
    assert theme in _themes(sentence)


def test_a_passive_with_a_clause_of_means_still_has_no_agent() -> None:
    themes = _themes("Daarnaast wordt ingezet op nieuwe banen door te investeren in scholing.\n")
    assert "arbeidsmarkt" in themes


def test_a_passive_with_an_agent_or_a_weight_for_someone_else_stays_theirs() -> None:
    assert "natuur-en-landschap" not in _themes(
        "Daarnaast wordt door de provincie ingezet op natuur.\n"
    )
    assert "cultuur-en-erfgoed" not in _themes("Voor de provincie is cultuur belangrijk.\n")
    assert "cultuur-en-erfgoed" not in _themes("De provincie komt er niet uit met de musea.\n")
    assert "cultuur-en-erfgoed" not in _themes("Het museum moet open zijn, vindt de oppositie.\n")


# --- a list of capitalised themes that is the subject of a clause is no menu -------------


def test_a_capitalised_list_with_a_verb_after_it_is_a_claim() -> None:
    sentence = "Wonen, Onderwijs, Sport en Cultuur zijn de kernthema's van deze coalitie."
    assert not is_label_list(sentence)
    assert {"wonen", "sport-en-bewegen", "onderwijs"} <= _themes(sentence + "\n")


def test_a_list_of_portfolios_or_menu_entries_is_still_a_label_list() -> None:
    assert is_label_list("Wethouder Jansen: Wonen, Sport, Cultuur")
    assert is_label_list("Wonen, Integraal beheer Openbare ruimte, Duurzame leefomgeving")


# --- residents taking part; places that say where, not what --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We willen dichter bij de inwoners staan.\n",
        "We staan daarbij dicht naast onze inwoners en zorgen voor goede uitleg.\n",
        "Inwoners beslissen voortaan mee over hun straat; dat vinden we belangrijk.\n",
        "We willen inwoners vaker vragen om mee te denken over de plannen.\n",
    ],
)
def test_standing_close_to_residents_and_taking_part_is_participation(sentence: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" in _themes(sentence)


def test_helping_people_off_benefits_and_asking_residents_to_respond() -> None:
    themes = _themes("Met die banen kunnen we meer mensen uit de bijstand helpen.\n")
    assert "participatie-en-re-integratie" in themes
    themes = _themes("We vragen partners en inwoners om daarop te reageren.\n")
    assert "burgerparticipatie-en-vertrouwen" in themes


def test_being_visible_in_villages_and_neighbourhoods_names_no_theme() -> None:
    themes = _themes("Het college wil zichtbaar zijn in de dorpen en wijken.\n")
    assert not themes & {
        "leefbaarheid-en-wijken",
        "platteland-en-kleine-kernen",
        "burgerparticipatie-en-vertrouwen",
    }


def test_place_kinds_joined_by_or_mean_any_place() -> None:
    themes = _themes("We willen per kern, wijk of buurt bekijken wat nodig is.\n")
    assert not themes & {"leefbaarheid-en-wijken", "platteland-en-kleine-kernen"}
    # villages as such are still the theme
    assert "platteland-en-kleine-kernen" in _themes("We willen de dorpen en wijken versterken.\n")


def test_the_speaker_calling_itself_a_village_names_no_theme_of_villages() -> None:
    themes = _themes("We willen goede zorg bieden in ons dorp.\n\nEen groen en veilig dorp\n")
    assert "platteland-en-kleine-kernen" not in themes
    assert "zorg" in themes
    assert "platteland-en-kleine-kernen" in _themes("We willen dat elk dorp een winkel houdt.\n")
    # only the word "dorp" is the speaker; the rest of the phrase keeps its themes
    themes = _themes("We willen een winkel in het dorp houden.\n")
    assert {"binnenstad", "platteland-en-kleine-kernen"} <= themes
    assert "sport-en-bewegen" in _themes("We willen een sportief en groen dorp zijn.\n")


# --- a bare heading resting on an everyday word ------------------------------------------


def test_a_bare_heading_with_an_everyday_word_claims_nothing() -> None:
    text = "Samenwerking\n\nDe wethouders prezen de goede sfeer in de ploeg.\n"
    assert "samenwerking" not in _themes(text)
    assert "samenwerking" in _themes("Regionale samenwerking\n\nDe wethouders zijn tevreden.\n")
    assert "samenwerking" in _themes("We zoeken de samenwerking met de buurgemeenten.\n")


# --- theme terms: missing, and idioms ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("de buurtaanpak", "wijkaanpak"),
        ("geld voor centrumontwikkeling", "binnenstad"),
        ("het museum blijft open", "cultuur-en-erfgoed"),
        ("de natuurlijke rijkdommen van het gebied", "natuur-en-landschap"),
        ("inwoners meedenken laten", "burgerparticipatie-en-vertrouwen"),
        ("de groei van de stad", "bevolkingsgroei"),
        ("onze stad groeit", "bevolkingsgroei"),
    ],
)
def test_missing_theme_terms(text: str, theme: str) -> None:
    assert theme in matched_concepts(text)


def test_people_with_a_disability_say_who_a_measure_is_for() -> None:
    themes = _themes("We bouwen woningen voor mensen met een beperking.\n")
    # building homes is house building (gemeentegraaf.extract.phrase_themes)
    assert "woningbouw" in themes and "toegankelijkheid" not in themes
    assert "toegankelijkheid" in _themes("We zetten in op de toegankelijkheid van gebouwen.\n")


def test_the_safety_of_cycling_is_cycling_not_public_safety() -> None:
    assert matched_concepts("de fietsveiligheid") == ["fiets-en-lopen"]


def test_in_all_their_variety_is_not_diversity_policy() -> None:
    assert "discriminatie-en-diversiteit" not in matched_concepts("gezinnen in al hun diversiteit")
    assert "discriminatie-en-diversiteit" in matched_concepts("diversiteit en inclusie")
    assert "natuur-en-landschap" not in matched_concepts("Natuurlijk doen we dat.")


# --- the outside judge's three corpus facts, as classes ------------------------------------


def test_partners_named_with_samen_met_are_marked_as_partners() -> None:
    text = "Deventer gaat samen met Zwolle en Kampen de binnenstad vernieuwen."
    actors = municipality_actors(
        text, _gazetteer().find(text, _record().read_on), prefer_municipality=True, partners=True
    )
    assert [(a.surface, a.partner) for a in actors] == [
        ("Deventer", False),
        ("Zwolle", True),
        ("Kampen", True),
    ]


@pytest.mark.parametrize(
    ("clause", "limited"),
    [
        ("De gemeente Kampen beperkt zich wat dit betreft tot één zin", True),
        ("Het akkoord van Kampen volstaat met een verwijzing naar de nota", True),
        ("Bij Kampen blijft het bij een voornemen", True),
        ("Kampen beperkt de overlast tot een minimum", False),
        ("Kampen wil de schulden beperken tot het hoogst noodzakelijke", False),
    ],
)
def test_an_agreement_that_gives_a_theme_only_a_phrase(clause: str, limited: bool) -> None:
    assert bool(_LIMITED_MENTION.search(clause)) is limited


def test_an_inventory_is_a_long_list() -> None:
    assert _is_inventory(
        "Kampen voegt de jeugdteams, wijkteams, servicepunten, loketten en de ggz samen."
    )
    assert not _is_inventory("Kampen investeert in jeugdzorg, de Wmo en de ggz.")
