"""Issue 13, thirteenth round: a negation of the predicate reaches back to its subject
("Armoede is voor ons geen prioriteit meer"); a theme written with capitals ("het Sociaal
Domein") is no name. Sentences of our own.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import zwolle_facts


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Armoede is voor ons college geen prioriteit meer.", "armoede"),
        ("Sport krijgt in dit programma geen voorrang.", "sport-en-bewegen"),
        ("De jeugdzorg is voor de coalitie niet langer een speerpunt.", "jeugd"),
        ("Schulden en armoede zijn voor ons college geen topprioriteit.", "schulden-en-armoede"),
    ],
)
def test_a_negated_predicate_negates_its_subject(text: str, theme: str) -> None:
    facts = zwolle_facts(text, "eigen-tekst-n1")
    assert ("gm0193", theme, True) in facts
    assert ("gm0193", theme, False) not in facts


def test_the_negated_predicate_stops_at_the_comma_before_it() -> None:
    facts = zwolle_facts(
        "Wij investeren fors in wonen, armoede is voor ons geen speerpunt.", "eigen-tekst-n2"
    )
    assert ("gm0193", "wonen", False) in facts
    assert ("gm0193", "armoede", True) in facts


def test_a_negation_after_the_theme_that_negates_something_else_keeps_it() -> None:
    # "niet" negates "eenvoudig", not the priority: poverty stays a claim
    facts = zwolle_facts("Armoedebestrijding is een prioriteit die niet eenvoudig is.", "eigen-n3")
    assert ("gm0193", "armoede", False) in facts


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Daarnaast gaat de gemeente bezuinigen op het Sociaal Domein.", "sociaal-domein"),
        ("Het college investeert de komende jaren in de Openbare Ruimte.", "openbare-ruimte"),
    ],
)
def test_a_theme_written_with_capitals_is_no_name(text: str, theme: str) -> None:
    assert theme in {t for _s, t, _n in zwolle_facts(text, "eigen-tekst-n4")}


def test_a_name_with_a_theme_word_in_it_stays_a_name() -> None:
    # only the theme's whole term counts: a surname or a party is still masked
    facts = zwolle_facts("De coalitie van Leefbaar Zwolle wil meer agenten.", "eigen-tekst-n4")
    assert "leefbaarheid-en-wijken" not in {t for _s, t, _n in facts}
    facts = zwolle_facts("Het college dankt Anna Zorgvlied voor haar inzet.", "eigen-tekst-n4")
    assert "zorg" not in {t for _s, t, _n in facts}


def test_a_negated_action_named_as_a_noun_negates_its_own_item_only() -> None:
    facts = zwolle_facts(
        "Wij kiezen voor het niet plaatsen van windturbines en investeren in de landbouw.",
        "eigen-tekst-n5",
    )
    assert ("gm0193", "energietransitie", True) in facts
    assert ("gm0193", "landbouw", False) in facts


def test_not_closing_keeps() -> None:
    facts = zwolle_facts("Wij gaan niet bezuinigen op de bibliotheek.", "eigen-tekst-n5")
    assert ("gm0193", "cultuur-en-erfgoed", False) in facts
    assert ("gm0193", "cultuur-en-erfgoed", True) not in facts
    facts = zwolle_facts("Wij willen de bibliotheek sluiten en niet de sporthal.", "eigen-tekst-n5")
    assert ("gm0193", "sport-en-bewegen", True) in facts


def test_a_negated_predicate_after_en_joining_two_clauses_spares_the_first() -> None:
    facts = zwolle_facts(
        "Wij investeren fors in wonen en armoede is geen speerpunt.", "eigen-tekst-n6"
    )
    assert ("gm0193", "wonen", False) in facts
    assert ("gm0193", "armoede", True) in facts


def test_a_heading_does_not_claim_what_its_section_says_is_no_priority() -> None:
    # found by a newcomer: the heading gave a priority, the sentence under it denied it
    text = (
        "# Ons akkoord\n\n## 5. Cultuur en financiën\n\n"
        "Cultuur is voor deze coalitie geen prioriteit. "
        "We houden de begroting de komende jaren sluitend.\n"
    )
    facts = zwolle_facts(text, "eigen-tekst-n7")
    assert ("gm0193", "cultuur-en-erfgoed", True) in facts
    assert ("gm0193", "cultuur-en-erfgoed", False) not in facts
    assert ("gm0193", "gemeentefinancien", False) in facts


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # a claim of weight with "vormen" and with "belangrijke elementen", the subject
        # standing between verb and predicate
        ("Armoede vormt een belangrijk thema in deze begroting.", "armoede"),
        ("In ieder geval zijn armoede en onderwijs belangrijke elementen van ons beleid.",
         "onderwijs"),
        # the speaker's intent with no agent
        ("Het voornemen is om te blijven investeren in betaalbare woningen.",
         "betaalbaar-wonen"),
        # not cutting keeps, in the participle too
        ("Het college blijft inzetten op veiligheid en wordt niet gekort op de budgetten voor "
         "nieuwe onderwijsvoorzieningen.", "onderwijs"),
        # costs that rose, under another name
        ("De lasten van de jeugdzorg stegen flink.", "jeugd"),
    ],
)  # fmt: skip
def test_more_ways_to_state_a_priority_or_a_problem(text: str, theme: str) -> None:
    assert ("gm0193", theme, False) in zwolle_facts(text, "eigen-tekst-n8")


def test_a_problem_played_down_is_negated() -> None:
    facts = zwolle_facts("Toch is het tekort op de begroting niet schrikbarend.", "eigen-n9")
    assert facts == {("gm0193", "gemeentefinancien", True)}


def test_a_news_pages_link_to_another_article_claims_nothing() -> None:
    assert not zwolle_facts("Lees ook: Wonen op voormalige sportvelden", "eigen-tekst-n9")


def test_a_denied_list_is_denied_whole() -> None:
    facts = zwolle_facts(
        "Voor het college zijn armoede en schulden geen prioriteit meer.", "eigen-tekst-n10"
    )
    assert facts == {("gm0193", "schulden-en-armoede", True)}


def test_not_cutting_without_an_auxiliary_keeps() -> None:
    facts = zwolle_facts("Wij bezuinigen niet op de bibliotheek.", "eigen-tekst-n10")
    assert ("gm0193", "cultuur-en-erfgoed", False) in facts


def test_a_plan_that_is_someone_elses_is_no_intent_of_the_speaker() -> None:
    text = "Het plan is van de oppositie, die de bibliotheek wil sluiten."
    assert "cultuur-en-erfgoed" not in {t for _s, t, _n in zwolle_facts(text, "eigen-n10")}
