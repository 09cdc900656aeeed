"""Issue 13, nineteenth round (a newcomer's ingest): a problem the speaker means to remedy
is a priority, not a problem it faces; a heading with nothing under it claims nothing.
Sentences of our own, as Zwolle writes them.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import relation_of

from tests.self_report_helpers import ZWOLLE, zwolle_assertions


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        # the problem word as the object of an aim: the aim's cue decides
        ("Het college wil de wachtlijsten bij de schuldhulp verkorten.", GG.Prioriteert),
        ("We willen de tekorten op de jeugdhulp terugdringen.", GG.Prioriteert),
        ("Wij gaan de achterstanden in het onderhoud van wegen wegwerken.", GG.Onderneemt),
        ("Om het tekort op de begroting te dichten, verhogen we de ozb.", GG.Onderneemt),
        (
            "We zetten in op het terugdringen van de wachttijden voor een huurwoning.",
            GG.Prioriteert,
        ),
        # no cue beside the remedy: an aim all the same
        ("Het verminderen van de overlast in de binnenstad.", GG.Prioriteert),
        ("Aanpak van de knelpunten in de fietsroutes naar school.", GG.Onderneemt),
        ("De wachtlijsten bij de schuldhulp verkorten.", GG.Prioriteert),
        ("We willen het personeelstekort bij de buitendienst terugdringen.", GG.Prioriteert),
        ("Om het begrotingstekort te dichten, verhogen we de ozb.", GG.Onderneemt),
        # a problem with a verb of its own stays one, also beside an aim
        ("De tekorten op de jeugdhulp lopen verder op.", GG.StaatVoor),
        ("De tekorten op de jeugdhulp lopen op, we willen ze terugdringen.", GG.StaatVoor),
        # a remedy said to be hard, or not done, leaves the problem standing
        ("De wachtlijsten in de ggz zijn moeilijk te verkorten.", GG.StaatVoor),
        ("De tekorten in de zorg zijn niet op te lossen.", GG.StaatVoor),
        # the problem's own clause ends before the remedy's
        ("De tekorten stegen en we willen ze terugdringen.", GG.StaatVoor),
        ("De achterstanden blijven groot en we gaan ze wegwerken.", GG.StaatVoor),
        # verbs of a remedy in another sense: confined to, to occur
        ("De problemen beperken zich tot de binnenstad.", GG.StaatVoor),
        ("Problemen kunnen in elke wijk voorkomen.", GG.StaatVoor),
        ("Het voorkomen van problemen bij jongeren is groot.", GG.StaatVoor),
        # a remedy said to be hard or to fail, wherever the sentence says so
        ("Het is moeilijk om de wachtlijsten in de ggz te verkorten.", GG.StaatVoor),
        ("Het lukt ons niet om de wachtlijsten te verkorten.", GG.StaatVoor),
        ("Tekorten terugdringen lukt niet.", GG.StaatVoor),
        # a problem named in a clause of its own ("die …") is one the speaker faces
        ("We kampen met tekorten die we willen terugdringen.", GG.StaatVoor),
        ("Er zijn grote tekorten in de zorg; die willen we oplossen.", GG.StaatVoor),
    ],
)
def test_a_problem_to_remedy_is_an_aim(text: str, relation: object) -> None:
    assert relation_of(text) == relation


def test_a_problem_and_an_aim_in_one_paragraph_keep_their_own_relations() -> None:
    """Two sentences on one theme: the problem is faced, the remedy is a priority, each
    with its own quote (they were one fact of the problem's relation)."""
    text = (
        "## Zorg voor de jeugd\n\n"
        "De tekorten op de jeugdhulp lopen verder op. Het college wil de wachtlijsten in de "
        "jeugdhulp verkorten en meer doen aan preventie.\n"
    )
    found = {
        (a.relation, a.quote.split(".")[0])
        for a in zwolle_assertions(text, "eigen-tekst-t")
        if a.subject == ZWOLLE and a.theme == "jeugd"
    }
    assert ("StaatVoor", "De tekorten op de jeugdhulp lopen verder op") in found
    assert (
        "Prioriteert",
        "Het college wil de wachtlijsten in de jeugdhulp verkorten en meer doen aan preventie",
    ) in found
    assert not any(r == "StaatVoor" and q.startswith("Het college wil") for r, q in found)


def _heading_themes(text: str) -> set[str]:
    """The themes Zwolle claims by a heading alone (its quote is the heading)."""
    return {
        a.theme
        for a in zwolle_assertions(text, "eigen-tekst-u")
        if a.subject == ZWOLLE and a.method == "programmapunt-spreker" and "." not in a.quote
    }


def test_headings_with_nothing_under_them_claim_nothing() -> None:
    text = "# Deel een\n\n## Wonen\n\n## Armoede\n\n### Schulden\n\n# Deel twee\n\n## Sport\n\n"
    assert _heading_themes(text) == set()


def test_a_heading_with_text_under_it_claims_its_theme() -> None:
    text = (
        "# Deel een\n\n## Wonen\n\n## Sport\n\n"
        "De verenigingen krijgen een nieuwe kantine bij het park.\n"
    )
    themes = _heading_themes(text)
    assert "sport-en-bewegen" in themes
    assert "wonen" not in themes


def test_a_heading_whose_text_stands_in_a_subsection_claims_its_theme() -> None:
    text = (
        "# Deel een\n\n## Armoede\n\n### In de wijken\n\n"
        "In elke wijk komt een spreekuur met de buurtteams.\n"
    )
    assert "armoede" in _heading_themes(text)


def test_a_rule_or_an_image_under_a_heading_is_no_text() -> None:
    text = "# Deel een\n\n## Armoede\n\n---\n\n## Sport\n\n![foto](kantine.png)\n\n"
    assert _heading_themes(text) == set()


def test_a_heading_that_says_more_than_a_name_is_a_point_with_nothing_under_it() -> None:
    """A programme written as Markdown headings: each says what is to be done, and is a
    point of its own; only a heading that does no more than name a theme needs text."""
    text = (
        "# Programma\n\n## Wonen\n\n### Betaalbaar bouwen voor starters\n\n"
        "### Meer sociale huurwoningen in de kernen\n\n## Zorg\n\n"
        "Wij openen een inloophuis in het centrum.\n"
    )
    themes = _heading_themes(text)
    assert "betaalbaar-wonen" in themes
    assert "wonen" not in themes
