"""Issue 13, thirteenth round: a negation of the predicate reaches back to its subject
("Armoede is voor ons geen prioriteit meer"). Sentences of our own.
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
