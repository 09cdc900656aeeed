"""Issue 13, eighth round: classes of phrasing that recur across the dev sets (issue13g,
issue13h) and the quotes of the earlier sets, not phrasings of one text.

Each test names one class and uses sentences of our own, read as a new report by Zwolle
(tests/self_report_helpers.py), as `gemeentegraaf ingest --speaker` does; each class has
sentences where the rule must not fire as well.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import ZWOLLE, zwolle_facts, zwolle_themes

PARTICIPATION = "burgerparticipatie-en-vertrouwen"


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-h")


# --- participation as a family: involving residents in either order, working with them ----


@pytest.mark.parametrize(
    "text",
    [
        # the people before the verb: a passive, a subordinate clause
        "Bij de herinrichting van het plein worden ook bewoners betrokken.",
        "Het college wil inwoners eerder betrekken bij besluiten over hun straat.",
        "We laten zien hoe de raad de samenleving betrekt bij zijn werk.",
        # working together with residents or the community, any item of the partners
        "We willen de plannen vooral samen met onze inwoners uitvoeren.",
        "De gemeente wil haar beleid meer samen doen met bewoners en ondernemers.",
        "We willen het programma in samenspraak met de raad en de samenleving uitwerken.",
    ],
)
def test_participation_family(text: str) -> None:
    assert PARTICIPATION in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        # residents as those served, after a preposition, are not partners
        "Samen met de provincie investeren we in beter openbaar vervoer voor onze inwoners.",
        "We willen samen met andere gemeenten de inkoop van jeugdzorg regelen.",
        # "de betrokken wijken" are the ones concerned, not involved
        "We willen de betrokken wijken opknappen.",
    ],
)
def test_participation_family_not(text: str) -> None:
    assert PARTICIPATION not in _themes(text)


# --- what the programme contains, as news reports an agreement -----------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "In het coalitieakkoord staat onder meer een voorstel om winkels in het centrum "
            "ook op zondag te openen.",
            "binnenstad",
        ),
        ("In het collegeprogramma staat hoe het college de jeugdzorg anders regelt.", "jeugd"),
        ("Een nieuw zwembad in de wijk, staat in het akkoord.", "sport-en-bewegen"),
    ],
)
def test_what_the_programme_contains(text: str, theme: str) -> None:
    assert any(theme in found for found in _themes(text))


@pytest.mark.parametrize(
    "text",
    [
        # another government's programme is not the speaker's
        "In het regeerakkoord van het Rijk staat een nieuwe regeling voor de jeugdzorg.",
        "In het regeerakkoord staat een nieuwe regeling voor de jeugdzorg.",
        # a thing standing somewhere is no claim
        "Het oude zwembad staat in de wijk naast de school.",
    ],
)
def test_what_the_programme_contains_not(text: str) -> None:
    assert not _themes(text)


# --- the college by its members: "B&W", "B en W", "burgemeester en wethouders" -------------


@pytest.mark.parametrize(
    "text",
    [
        "Daarnaast willen B&W nadrukkelijk investeren in duurzaamheid.",
        "Ook B & W willen investeren in duurzaamheid.",
        "Vorig jaar hebben B en W geld vrijgemaakt om te investeren in duurzaamheid.",
        "Het college van burgemeester en wethouders wil investeren in duurzaamheid.",
    ],
)
def test_college_by_its_members(text: str) -> None:
    assert "energietransitie-en-klimaat" in _themes(text)


def test_college_by_its_members_not_another_government() -> None:
    # another government acting is still not the speaker, however the college is named
    assert not _themes("De provincie wil investeren in duurzaamheid, zeggen B en W.")


# --- a rate frozen is a policy on the finances, not a negated theme -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Geen verhoging gemeentelijke belastingen",
        "Er komt geen verhoging van de OZB.",
        "We zorgen ervoor dat de OZB de komende jaren niet gaat stijgen.",
    ],
)
def test_rate_frozen(text: str) -> None:
    facts = zwolle_facts(text, "eigen-tekst-h")
    assert (ZWOLLE, "gemeentefinancien", False) in facts
    assert (ZWOLLE, "gemeentefinancien", True) not in facts


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # no increase of something else is still negated
        ("Er komt geen verhoging van het budget voor sport.", "sport-en-bewegen"),
        ("We willen geen stijging van het aantal daklozen.", "dakloosheid"),
    ],
)
def test_rate_frozen_not(text: str, theme: str) -> None:
    facts = zwolle_facts(text, "eigen-tekst-h")
    assert not any(t.startswith(theme) and not n for _, t, n in facts)
