"""Issue 13, twenty-first round: what a judge found taken as claims on issue13at.

A portfolio's contents ("Daaronder vallen onder meer …") are someone's tasks, not the
speaker's claims; a page's label naming the document ("Themapagina: begrotingskrant 2017")
claims nothing; the housing of schools is education, not housing; a music school is
culture. Sentences of our own, as Zwolle writes them.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import zwolle_themes


@pytest.mark.parametrize(
    "text",
    [
        "Daaronder vallen onder meer de decentralisaties, leefbaarheid, welzijn, "
        "kunst/cultuur/sport en volksgezondheid.",
        "Hieronder vallen o.a. jeugdzorg, sport en wonen.",
    ],
)
def test_what_a_portfolio_holds_claims_nothing(text: str) -> None:
    assert zwolle_themes(text, "eigen-tekst-w") == set()


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # a problem in the list is more than a portfolio
        (
            "Hieronder vallen onder andere de tekorten op de jeugdzorg die we moeten oplossen.",
            "jeugd",
        ),
        ("Daaronder vallen ook de tekorten op de jeugdzorg.", "jeugd"),
    ],
)
def test_a_problem_under_a_heading_stays_a_claim(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-w")


@pytest.mark.parametrize(
    "text",
    ["Themapagina: begrotingskrant 2017", "Begrotingskrant 2017", "Begrotingsbrief 2024"],
)
def test_a_label_naming_the_document_claims_nothing(text: str) -> None:
    assert zwolle_themes(text, "eigen-tekst-w") == set()


def test_the_budget_with_a_task_after_its_label_stays_the_finances() -> None:
    themes = zwolle_themes("Begroting 2017: we moeten fors bezuinigen.", "eigen-tekst-w")
    assert "gemeentefinancien" in themes


@pytest.mark.parametrize(
    "text",
    [
        "Naast het Integraal huisvestingsprogramma primair onderwijs investeert de gemeente "
        "in verschillende andere gebouwen.",
        "We investeren in de huisvesting van scholen.",
    ],
)
def test_the_housing_of_schools_is_education(text: str) -> None:
    themes = zwolle_themes(text, "eigen-tekst-w")
    assert "onderwijs" in themes
    assert "wonen" not in themes


def test_the_housing_of_people_stays_housing() -> None:
    themes = zwolle_themes("We investeren in de huisvesting van statushouders.", "eigen-tekst-w")
    assert "wonen" in themes


def test_a_music_school_is_culture() -> None:
    themes = zwolle_themes("We gaan de muziekschool een nieuw gebouw geven.", "eigen-tekst-w")
    assert themes == {"cultuur-en-erfgoed"}
