"""Issue 13, eighth round: classes of phrasing that recur across the dev sets (issue13g,
issue13h) and the quotes of the earlier sets, not phrasings of one text.

Each test names one class and uses sentences of our own, read as a new report by Zwolle
(tests/self_report_helpers.py), as `gemeentegraaf ingest --speaker` does; each class has
sentences where the rule must not fire as well.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import zwolle_themes

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
