"""Issue 13: news articles and party pages about a municipality's coalition agreement.

A journalist sums up an agreement in the third person: a run-in list after a colon whose
items semicolons separate ("Een greep uit de plannen: …; …; …"), priorities counted or
listed ("Een aantal speerpunten zijn: …"), and the document named by its kind ("het nieuwe
coalitieprogramma"). Each class is tested with sentences of our own, read as a new report
by Zwolle (tests/self_report_helpers.py).
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import _IMPERSONAL, SELF_REFERENCE, relation_of, run_in_items
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.segment import sentences

from tests.self_report_helpers import challenge_facts, report_record, zwolle_themes


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-nieuws")


# --- run-in lists: each item after the colon is a claim of its own ------------------------


def test_run_in_items_split_at_semicolons_after_the_colon() -> None:
    text = "Uit het akkoord: er komt een skatepark; de gemeente bouwt meer; er wordt gekeken naar parkeren."
    pieces = [text[lo:hi].strip() for lo, hi in run_in_items(text)]
    assert pieces == [
        "Uit het akkoord",
        "er komt een skatepark",
        "de gemeente bouwt meer",
        "er wordt gekeken naar parkeren.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # no colon: semicolons alone join clauses of one claim
        "We bouwen woningen; we investeren in groen; we steunen de sportclubs.",
        # a colon, but only two items after it
        "Twee plannen: een skatepark; een nieuwe brug.",
    ],
)
def test_no_run_in_list_without_colon_and_three_items(text: str) -> None:
    assert run_in_items(text) == []


def test_an_item_with_its_own_cue_gives_its_theme_although_the_lead_has_none() -> None:
    # Read as one sentence, the list's many themes hide the one an item states with a
    # cue; read item by item, the announcement of a support service is the speaker's.
    text = (
        "Enkele nieuwe ideeën op een rij: winkels mogen op zondag vroeger open; de "
        "gemeente gaat zich bij de provincie inspannen voor een betere busverbinding; "
        "er komt een onderzoek naar extra dagopvang, zodat mantelzorgers worden ontlast; "
        "het parkeren in het centrum wordt goedkoper."
    )
    assert "maatschappelijke-ondersteuning" in _themes(text)


def test_an_item_without_a_cue_claims_nothing() -> None:
    text = (
        "Een greep uit het akkoord: de kermis blijft op het plein; de gemeente zet in op "
        "woningbouw; het stadhuis wordt geschilderd; de markt verhuist naar de haven."
    )
    themes = _themes(text)
    assert "woningbouw" in themes
    assert "economie-en-binnenstad" not in themes  # "de markt verhuist": no cue


# --- priorities counted or listed --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Een aantal speerpunten zijn: groen, sport en cultuur.",
        "De belangrijkste prioriteiten zijn wonen en werk.",
        "Drie kernpunten zijn veiligheid, zorg en onderwijs.",
        "De pijlers zijn duurzaamheid en armoedebestrijding.",
        "De speerpunten waren vorige keer anders.",
    ],
)
def test_priorities_listed_are_a_claim_of_weight(sentence: str) -> None:
    assert _IMPERSONAL.search(sentence)


def test_listed_priorities_give_the_speaker_their_themes() -> None:
    themes = _themes("Een aantal speerpunten zijn: armoedebestrijding en betaalbare zorg.")
    assert {"armoede", "zorg"} <= themes


def test_priorities_of_others_are_not_the_speakers() -> None:
    # the opposition's priorities: someone else's claim
    assert _themes("De speerpunten van de oppositie zijn armoede en zorg.") == set()


# --- the document by its kind -------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "het coalitieprogramma",
        "het nieuwe coalitieprogramma",
        "het collegeakkoord",
        "het raadsprogramma",
        "het hoofdlijnenakkoord",
        "het nieuwe coalitieakkoord",
        "dit collegeprogramma",
    ],
)
def test_the_agreement_by_its_kind_refers_to_the_speaker(phrase: str) -> None:
    assert SELF_REFERENCE.search(f"In {phrase} staat veel over wonen.")


def test_the_agreement_by_its_kind_gives_the_speaker_its_priorities() -> None:
    text = "Het nieuwe coalitieprogramma zet in op armoedebestrijding."
    assert "armoede" in _themes(text)


# --- quotes opened with two commas: a sentence of their own --------------------------------


def test_a_quote_opened_with_two_commas_starts_a_sentence() -> None:
    # Dutch newspapers open a quote with ",,"; read as part of the sentence before it, a
    # short point ("Meer ruimte voor …, vult X aan.") took the quote's other subject and
    # lost its claim.
    text = (
        "De ambitie is een sterke stad, zegt Anna de Vries (D66). Meer ruimte voor "
        'armoedebestrijding, vult Bert Smit (CDA) aan. ,,Maar de provincie moet meebetalen."'
    )
    assert "armoede" in _themes(text)


def test_two_commas_after_a_full_stop_split_sentences() -> None:
    document = read_document('Er komt een brug. ,,Wij bouwen hem snel."\n', "eigen-tekst-komma")
    texts = [s.text for p in document.passages for s in sentences(document, p)]
    assert texts == ["Er komt een brug.", ',,Wij bouwen hem snel."']


# --- what the opposition says is not the speaker's ---------------------------------------


@pytest.mark.parametrize(
    "tag",
    ["zegt", "zei", "vertelt", "vertelde", "benadrukt", "benadrukte", "stelt", "stelde", "aldus"],
)
def test_a_point_the_opposition_makes_is_not_the_speakers(tag: str) -> None:
    quoted = f"Meer geld voor armoedebestrijding, {tag} oppositieleider Karin Bos."
    assert "armoede" not in _themes(quoted)
    own = f"Meer geld voor armoedebestrijding, {tag} wethouder Karin Bos."
    assert "armoede" in _themes(own)


@pytest.mark.parametrize("tag", ["vult Karin Bos van de oppositie aan", "voegt de oppositie toe"])
def test_an_added_point_of_the_opposition_is_not_the_speakers(tag: str) -> None:
    assert "armoede" not in _themes(f"Meer geld voor armoedebestrijding, {tag}.")


def test_an_opposition_leader_named_after_a_comma_in_the_tag() -> None:
    text = "Meer geld voor armoedebestrijding, zegt Karin Bos, fractievoorzitter van de oppositie."
    assert "armoede" not in _themes(text)


# --- a state the agreement wants reached: "X moet … krijgen" ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "De stad moet een eigen cultureel profiel krijgen.",
        "Ondernemers moeten sneller een vergunning krijgen.",
        "Elk dorp moet weer een huisarts krijgen.",
    ],
)
def test_moet_krijgen_is_a_priority(sentence: str) -> None:
    assert relation_of(sentence) == GG.Prioriteert


@pytest.mark.parametrize(
    "sentence",
    [
        "De stad krijgt een nieuw station.",  # a fact, not a norm
        "Wat inwoners krijgen, moeten ze zelf betalen.",  # "krijgen" before "moeten"
    ],
)
def test_krijgen_without_a_norm_is_no_priority(sentence: str) -> None:
    assert relation_of(sentence) != GG.Prioriteert


def test_a_municipality_that_must_get_a_profile_prioritises_it() -> None:
    assert "economie-en-binnenstad" in _themes("Zwolle moet een sterk economisch profiel krijgen.")


# --- "Ook in X en Y": an opening adverb before "in" is no place name -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ook in Deventer en Kampen is de druk op de woningmarkt groot.", {"gm0150", "gm0166"}),
        ("Vooral in Zwolle en Kampen is de druk op de woningmarkt groot.", {"gm0193", "gm0166"}),
        ("Ook in de gemeente Kampen is de druk op de woningmarkt groot.", {"gm0166"}),
    ],
)
def test_an_adverb_before_in_leaves_the_names_actors(text: str, expected: set[str]) -> None:
    facts = challenge_facts(text, report_record("eigen-tekst-nieuws-in", 2024), None)
    assert {s for s, t, n in facts if t == "betaalbaar-wonen" and not n} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Op het Stationsplein in Kampen is de druk op de woningmarkt groot.",
        # an article or a preposition before "in" opens a phrase about a place
        "Het in Kampen gevestigde bedrijf kampt met een groot tekort aan personeel.",
        "Voor in Kampen wonende jongeren is de druk op de woningmarkt groot.",
    ],
)
def test_a_named_place_before_in_still_makes_the_name_a_place(text: str) -> None:
    facts = challenge_facts(text, report_record("eigen-tekst-nieuws-in", 2024), None)
    assert "gm0166" not in {s for s, _, _ in facts}


def test_evenals_in_names_the_municipality_that_acts() -> None:
    text = "Evenals in Zwolle wordt in Kampen de druk op de woningmarkt groot genoemd."
    facts = challenge_facts(text, report_record("eigen-tekst-nieuws-in", 2024), None)
    assert {"gm0193", "gm0166"} <= {s for s, t, n in facts if t == "betaalbaar-wonen"}
