"""Issue 13, second set: the classes of error a second reading of municipal texts showed.

Each test names one class (see the table in the fix13 report) and uses sentences of our
own, read as a new report with a speaker, as `gemeentegraaf ingest --speaker` does.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.framework import _gazetteer
from gemeentegraaf.extract.generic import is_label_list, is_programme_item, relation_of
from gemeentegraaf.extract.speaker import infer_speaker
from gemeentegraaf.extract.theme_roles import subordinate_spans
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.genres import detect
from gemeentegraaf.text.normalise import normalise
from gemeentegraaf.text.themes import ThemeScheme

from tests.self_report_helpers import challenge_facts, matched_concepts, report_record

DEVENTER = "gm0150"
OPENING = (
    "Wij willen de komende jaren samen met de raad aan de slag. Het college is trots op "
    "de gemeente en we gaan door met wat goed gaat.\n\n"
)


def _record(title: str = "Raadsbrief", publisher: str = "Een uitgever") -> CorpusRecord:
    return report_record("eigen-tekst-b", 2023, title, publisher)


def _facts(text: str, *, opening: str = OPENING) -> set[tuple[str, str, bool]]:
    return challenge_facts(opening + text, _record(), "GM0150")


def _themes(text: str, **kw) -> set[str]:
    return {t for s, t, n in _facts(text, **kw) if s == DEVENTER and not n}


def _matched(text: str) -> list[str]:
    return matched_concepts(text)


# --- cue words, word by word ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Daarom werken we aan betere jeugdhulp.", GG.Onderneemt),
        ("Zo werken wij samen aan de binnenstad.", GG.Onderneemt),
        ("Deventer komt met een nieuwe woonvisie.", GG.Onderneemt),
        ("De raad komt binnenkort met een plan voor de haven.", GG.Onderneemt),
        ("Het sportbeleid wordt voortgezet.", GG.Prioriteert),
        ("We zetten het sportbeleid voort.", GG.Prioriteert),
        ("Doorzetten van de wijkaanpak.", GG.Prioriteert),
        ("Voortbouwen op het oude plan.", GG.Prioriteert),
        ("Het nieuwe plan borduurt voort op het oude.", GG.Prioriteert),
        ("Elk kind moet veilig kunnen spelen.", GG.Prioriteert),
        ("We zoeken de samenwerking met de buurgemeenten.", GG.Prioriteert),
        ("Bijdragen aan schonere lucht.", GG.Prioriteert),
        ("De kleine kernen verdienen extra aandacht.", GG.Prioriteert),
        ("Veel gezinnen die te maken hebben met schulden.", GG.StaatVoor),
        ("Hij kwam met de fiets.", None),
        ("De vergadering wordt morgen gehouden.", None),
    ],
)
def test_cue_words_for_continuing_plans_norms_and_inverted_order(sentence, relation) -> None:
    assert relation_of(sentence) == relation


# --- theme terms: missing, inflected, in a compound -----------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("het sociaal beleid", "sociaal-domein"),
        ("het financieel beleid", "gemeentefinancien"),
        ("de ombuigingen in 2025", "gemeentefinancien"),
        ("in alle kernen", "platteland-en-kleine-kernen"),
        ("passende zorg en ondersteuning", "maatschappelijke-ondersteuning"),
        ("bewonersinitiatieven", "burgerparticipatie-en-vertrouwen"),
        ("een gezond leven", "gezondheid"),
        ("het woonklimaat", "wonen"),
    ],
)
def test_missing_and_inflected_theme_terms(text: str, theme: str) -> None:
    assert _matched(text) == [theme]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("een energieneutrale gemeente", "energieneutrale"),
        ("een klimaatneutrale haven", "klimaatneutrale"),
    ],
)
def test_an_adjective_term_in_aal_or_eel_matches_its_inflected_form(text: str, term: str) -> None:
    (hit,) = ThemeScheme.load().match(text)
    assert hit.term == term and not hit.weak


@pytest.mark.parametrize(
    "text", ["het investeringsklimaat", "een veilig opgroeiklimaat", "kernenergie", "stadskernen"]
)
def test_a_climate_for_something_or_a_city_core_is_not_that_theme(text: str) -> None:
    assert not {"energietransitie-en-klimaat", "platteland-en-kleine-kernen"} & set(_matched(text))


def test_the_climate_itself_still_counts() -> None:
    assert _matched("het klimaatbeleid") == ["energietransitie-en-klimaat"]


# --- names of accounts, committees, places and portfolios -----------------------------


def test_budget_reserves_and_committees_are_names_not_themes() -> None:
    themes = _themes(
        "• Het opheffen van de reserve Jeugd en de reserve Sport.\n\n"
        "• Het voorstel gaat naar de commissie Zorg en Veiligheid.\n"
    )
    assert not themes & {"jeugd", "sport-en-bewegen", "zorg", "veiligheid-en-ondermijning"}


def test_a_place_kind_word_before_a_name_is_a_place() -> None:
    themes = _themes("De aanpak start in de wijk Keizerslanden.\n")
    assert "leefbaarheid-en-wijken" not in themes


def test_a_list_of_portfolios_is_no_programme() -> None:
    assert is_label_list("Wethouder Jan Jansen: Onderwijs, Sport, Cultuur en Erfgoed, Wonen")
    assert not is_label_list("We investeren in onderwijs, sport en cultuur.")
    themes = _themes("Wethouder Piet Post:\n\nMobiliteit, Openbare ruimte, Sport, Toerisme\n")
    assert not themes & {"mobiliteit", "openbare-ruimte", "sport-en-bewegen", "toerisme"}


def test_portfolios_handed_out_are_no_claims() -> None:
    themes = _themes(
        "Wel verhuist sport naar haar nieuwe collega.\n\n"
        "Het college wil de portefeuilles zo verdelen: cultuur naar wethouder Smit.\n"
    )
    assert not themes & {"sport-en-bewegen", "cultuur-en-erfgoed"}


def test_a_line_naming_the_document_is_no_item() -> None:
    assert not is_programme_item("Programmabegroting 2025", "alinea")
    assert not is_programme_item("Coalitieakkoord 2022-2026", "kop")
    assert is_programme_item("Begroting op orde", "kop")


# --- who speaks: institutions, demonyms, agentless claims, pronouns -------------------


def test_the_new_coalition_and_the_new_college_are_the_speaker() -> None:
    assert "cultuur-en-erfgoed" in _themes("De nieuwe coalitie wil het erfgoed beter beschermen.\n")
    assert "sport-en-bewegen" in _themes("Het nieuwe college wil meer sport in de wijken.\n")


def test_the_speakers_demonym_refers_to_the_speaker() -> None:
    assert "maatschappelijke-ondersteuning" in _themes(
        "Deventerse ouderen moeten kunnen rekenen op mantelzorgondersteuning.\n"
    )
    assert "jeugd" in _themes("Deventerse kinderen moeten veilig kunnen opgroeien.\n")


def test_an_agentless_claim_in_a_programme_is_the_speakers() -> None:
    assert "gemeentefinancien" in _themes("Het financieel beleid wordt voortgezet.\n")
    assert "sport-en-bewegen" in _themes("De nadruk ligt op sport en bewegen voor ouderen.\n")
    # someone else acting is not the speaker, agentless or not
    assert "sport-en-bewegen" not in _themes(
        "De provincie zet in op sport. Het sportbeleid wordt door het Rijk voortgezet.\n"
    )


def test_a_pronoun_continues_the_speaker_of_the_claim_before() -> None:
    themes = _themes(
        "De coalitie wil meer woningen bouwen. Verder willen ze investeren in de bibliotheek.\n"
    )
    assert "cultuur-en-erfgoed" in themes
    # a pronoun with no speaker's claim before it stays nobody's
    assert "cultuur-en-erfgoed" not in _themes(
        "Het weer was goed. Verder willen ze investeren in de bibliotheek.\n"
    )


def test_whom_the_speaker_addresses_is_not_another_subject() -> None:
    themes = _themes("Het college wil bij de provincie aandringen op meer treinen.\n")
    assert "openbaar-vervoer" in themes
    assert "openbaar-vervoer" not in _themes("De provincie wil meer treinen.\n")


def test_a_news_outlets_edition_is_not_the_speaker() -> None:
    document = read_document(OPENING, "eigen-tekst-b")
    record = _record(title="Deventer wil meer sociale huur", publisher="Dagblad, editie Zwolle")
    speaker = infer_speaker(record, document, _gazetteer())
    assert speaker is not None and speaker.code == "GM0150" and speaker.source == "title"


# --- ambiguous words under a heading ----------------------------------------------------


def test_an_everyday_word_gives_way_to_the_theme_of_its_heading() -> None:
    text = (
        "Begroting 2025\n\n# Sociaal domein\n\nWe willen de onderlinge samenwerking stimuleren.\n"
    )
    themes = _themes(text, opening="")
    assert "samenwerking" not in themes
    assert "sociaal-domein" in themes  # the heading itself is a programme item


def test_without_a_heading_naming_a_theme_the_everyday_word_still_counts() -> None:
    assert "samenwerking" in _themes("We willen de regionale samenwerking versterken.\n")


# --- layout: lettered items, a heading after a bullet, the title ------------------------


def test_lettered_items_are_bullets_of_their_own() -> None:
    text = (
        "Het college stelt voor:\n\n"
        "a. Investeren in de binnenstad\n\n"
        "b. Inzetten op sport\n\n"
        "c. Versterken van de bibliotheek\n"
    )
    document = read_document(text, "x")
    items = [" ".join(p.text.split()) for p in document.passages if p.kind == "streepje"]
    assert items == [
        "a. Investeren in de binnenstad",
        "b. Inzetten op sport",
        "c. Versterken van de bibliotheek",
    ]


def test_a_short_line_after_a_finished_bullet_is_a_heading() -> None:
    text = (
        "Wonen en werken\n\n"
        "• Bouwen: meer woningen voor starters.\n\n"
        "Gezond leven\n\n"
        "• Sport: meer sportvelden.\n"
    )
    document = read_document(text, "x")
    headings = [" ".join(p.text.split()) for p in document.passages if p.kind == "kop"]
    bullets = [" ".join(p.text.split()) for p in document.passages if p.kind == "streepje"]
    assert "Gezond leven" in headings
    assert "Bouwen: meer woningen voor starters." in bullets


def test_the_first_heading_is_a_title_only_when_nothing_stands_before_it() -> None:
    text = "Begroting 2025\n\n# Sport en bewegen\n\nWe bouwen een hal.\n"
    assert "sport-en-bewegen" in _themes(text, opening="")
    assert "sport-en-bewegen" not in _themes(
        "# Sport en bewegen\n\nHet weer was goed.\n", opening=""
    )


# --- side words in a purpose phrase -----------------------------------------------------


def test_a_purpose_phrase_after_gericht_op_names_side_words() -> None:
    themes = _themes("• Zorgconcepten gericht op inclusieve wijken en dorpen\n")
    assert "zorg" in themes
    assert not themes & {"platteland-en-kleine-kernen", "leefbaarheid-en-wijken"}


# --- genre: the programme voice in the third person -------------------------------------


def test_a_report_on_a_coalition_in_the_third_person_is_a_programme() -> None:
    text = (
        "De nieuwe coalitie wil meer woningen bouwen. Ook willen de partijen meer sport. "
        "Het college gaat de wijken vernieuwen. De coalitie blijft de cultuur steunen, en "
        "de raad krijgt meer ruimte.\n"
    )
    assert detect(normalise(text)).genre.name == "programma"


# --- who-words and relative clauses -----------------------------------------------------


def test_the_population_and_entrepreneurs_as_people_name_no_theme_alone() -> None:
    themes = _themes("Het college wil de plannen snel aan de bevolking voorleggen.\n")
    assert "demografie" not in themes
    themes = _themes(
        "We willen samen met de inwoners, ondernemers en verenigingen de wijk opknappen.\n"
    )
    assert "ondernemerschap" not in themes
    # the field itself still counts
    assert "ondernemerschap" in _themes("We willen het ondernemerschap stimuleren.\n")


def test_a_relative_clause_after_a_singular_noun_is_found() -> None:
    text = "We bouwen een sporthal die aansluit bij de wensen in de kernen."
    (span,) = subordinate_spans(text)
    assert text[span[0] :].startswith("die aansluit")
    assert subordinate_spans("We zetten die koers voort.") == []
