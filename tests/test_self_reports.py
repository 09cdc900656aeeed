"""What a municipality writes about itself (issue 13): speaker, cues, negation, names.

Sentences of our own, read as a new report of the programme genre with a speaker.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.framework import _gazetteer, extract_facts
from gemeentegraaf.extract.generic import is_programme_item, negation_scopes, relation_of
from gemeentegraaf.extract.speaker import SpeakerError, infer_speaker, speaker_from_code
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.documents import read_document
from rdflib.namespace import RDF

from tests.self_report_helpers import challenge_facts, report_record

HOUTEN = "gm0321"
PROGRAMME_OPENING = (
    "Wij willen de komende jaren investeren in onze dorpen. Het college zet in op een "
    "sterke gemeente en we gaan samen met de raad aan de slag. In de begroting maken we "
    "ruimte voor onze inwoners.\n\n"
)


def _record(title: str = "Collegeprogramma", publisher: str = "Gemeente Houten") -> CorpusRecord:
    return report_record("eigen-tekst", 2022, title, publisher)


def _facts(text: str, *, speaker: str | None = "GM0321", **record) -> set[tuple[str, str, bool]]:
    return challenge_facts(PROGRAMME_OPENING + text, _record(**record), speaker)


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("De gemeente staat de komende jaren voor een forse woningbouwopgave.", GG.StaatVoor),
        ("Er is een tekort van twee miljoen op de jeugdzorg.", GG.StaatVoor),
        ("We hebben tekorten op de jeugdzorg.", GG.StaatVoor),
        ("De energietransitie is een grote uitdaging.", GG.StaatVoor),
        ("Wonen is de belangrijkste opgave.", GG.StaatVoor),
        ("Er zijn zorgen over de armoede.", GG.StaatVoor),
        ("We investeren in de energietransitie.", GG.Onderneemt),
        ("De gemeente investeert in sport.", GG.Onderneemt),
        ("We gaan de wijken vernieuwen.", GG.Onderneemt),
        ("We zetten in op armoedebestrijding.", GG.Prioriteert),
        ("Inzetten op armoedebestrijding.", GG.Prioriteert),
        ("Armoedebestrijding heeft prioriteit.", GG.Prioriteert),
        ("Wij streven naar betaalbare woningen.", GG.Prioriteert),
        ("Onze ambitie is een gezonde stad.", GG.Prioriteert),
        ("Het weer was goed.", None),
    ],
)
def test_cue_words_state_a_relation(sentence: str, relation) -> None:
    assert relation_of(sentence) == relation


@pytest.mark.parametrize(
    "reference",
    ["We", "Wij", "Onze gemeente", "De gemeente", "Het college", "De raad", "De coalitie"],
)
def test_first_person_and_institutions_resolve_to_the_speaker(reference: str) -> None:
    facts = _facts(f"{reference} investeert in de energietransitie.\n")
    assert (HOUTEN, "energietransitie", False) in facts


def test_without_a_speaker_we_is_nobody() -> None:
    facts = _facts("We investeren in de energietransitie.\n", speaker=None, publisher="Een krant")
    assert not any(theme == "energietransitie" for _s, theme, _n in facts)


def test_verbless_heading_and_bullets_are_claims_of_the_speaker() -> None:
    facts = _facts("Woningbouw voor starters\n\n• Armoedebestrijding\n\n• Jeugdzorg op maat\n")
    themes = {theme for subject, theme, negated in facts if subject == HOUTEN and not negated}
    assert {"woningbouw", "armoede", "jeugd"} <= themes


def test_programme_item_needs_no_verb() -> None:
    assert is_programme_item("Betaalbaar bouwen voor starters", "alinea")
    assert not is_programme_item("Het college heeft besloten dat alles anders moet.", "alinea")


def test_negation_is_scoped_to_what_follows_it_in_its_clause() -> None:
    text = "In Zwolle en Tilburg staat niets over schulden."
    (scope,) = negation_scopes(text)
    assert text[scope[0] :].startswith("niets over schulden")
    facts = _facts(
        "In Zwolle en Tilburg staat niets over schuldhulpverlening, wel willen ze meer.\n"
    )
    negated = {s for s, theme, n in facts if n and "schuld" in theme}
    assert {"gm0193", "gm0855"} <= negated
    assert not {s for s, theme, n in facts if not n and "schuld" in theme} & {"gm0193", "gm0855"}


def test_a_negation_that_asserts_a_problem_keeps_it_positive() -> None:
    assert negation_scopes("De financiële problemen zijn zeker niet van tafel.") == []
    assert negation_scopes("Wij zijn niet de enige gemeente met tekorten op de jeugdzorg.") == []
    facts = _facts("Onze tekorten op de jeugdzorg zijn zeker niet van tafel.\n")
    assert (HOUTEN, "jeugd", False) in facts


def test_a_theme_before_the_negation_stays_positive() -> None:
    facts = _facts("We zetten in op schuldhulp zodat kleine schulden niet groeien.\n")
    assert any(s == HOUTEN and "schuld" in t and not n for s, t, n in facts)


def test_surnames_and_party_names_are_not_municipalities_or_themes() -> None:
    facts = _facts(
        "Wethouder Merle van Leusden wil investeren in de energietransitie.\n\n"
        "Leefbaar Zeewolde wil investeren in sport.\n"
    )
    subjects = {s for s, _t, _n in facts}
    assert "gm0327" not in subjects  # Leusden
    assert "gm0050" not in subjects  # Zeewolde
    assert not any(t.startswith("leefbaarheid") for _s, t, _n in facts)


def test_speaker_is_inferred_from_publisher_title_or_text() -> None:
    document = read_document(PROGRAMME_OPENING, "eigen-tekst")
    gazetteer = _gazetteer()
    assert infer_speaker(_record(), document, gazetteer).code == "GM0321"
    by_title = infer_speaker(
        _record(title="Coalitieakkoord gemeente Waterland", publisher="Een krant"),
        document,
        gazetteer,
    )
    assert by_title.code == "GM0852" and by_title.source == "title"
    text = read_document(PROGRAMME_OPENING + "In Zwolle bouwen we. Ook Zwolle groeit.\n", "x")
    by_text = infer_speaker(_record(title="Akkoord", publisher="Een krant"), text, gazetteer)
    assert by_text is not None and by_text.code == "GM0193" and by_text.source == "text"


def test_a_bad_speaker_code_is_a_clear_error() -> None:
    with pytest.raises(SpeakerError, match="GM9999"):
        speaker_from_code("GM9999", _gazetteer())
    with pytest.raises(SpeakerError, match="CBS code"):
        speaker_from_code("Houten", _gazetteer())


def _nodes(text: str):
    document = read_document(PROGRAMME_OPENING + text, "eigen-tekst")
    given = speaker_from_code("GM0321", _gazetteer())
    return extract_facts(_record(), document, speaker=given).graph


def test_every_fact_has_a_confidence_and_the_rule_that_made_it() -> None:
    g = _nodes("Zwolle investeert in de energietransitie.\n\n• Armoedebestrijding\n")
    nodes = list(g.subjects(RDF.type, GG.Uitdaging))
    assert nodes
    by_method = {}
    for node in nodes:
        (confidence,) = g.objects(node, GG.betrouwbaarheid)
        assert 0 < confidence.toPython() <= 1
        by_method[str(g.value(node, GG.methode))] = confidence.toPython()
    # a named subject with a cue is surer than a bare list item of the speaker
    assert by_method["zin-onderwerp-thema"] > by_method["programmapunt-spreker"]


def test_a_hedged_statement_keeps_its_modality() -> None:
    g = _nodes(
        "Naar verwachting staat de gemeente voor een groot tekort op de jeugdzorg.\n\n"
        "De gemeente investeert in de energietransitie.\n"
    )
    modality = {}
    for node in g.subjects(RDF.type, GG.Uitdaging):
        theme = str(g.value(node, GG.thema)).rsplit("/", 1)[-1]
        value = g.value(node, GG.modaliteit)
        modality[theme] = str(value) if value is not None else None
    assert modality["jeugd"] == "verwacht"
    assert modality["energietransitie"] is None


def test_a_single_weak_word_does_not_decide_a_theme() -> None:
    facts = _facts("Voor jongeren bouwen we betaalbare woningen.\n")
    themes = {t for s, t, _n in facts if s == HOUTEN}
    assert "jeugd" not in themes
    assert themes & {"betaalbaar-wonen", "woningbouw", "wonen"}


def test_blame_is_not_debt() -> None:
    facts = _facts("De wethouder geeft de schuld van de tekorten aan het rijk.\n")
    assert not any("schuld" in t for _s, t, _n in facts)


def test_a_report_of_no_known_genre_gets_no_speaker_from_its_text() -> None:
    text = "# Studie\n\nIn Zwolle is het druk. Zwolle groeit. Ook Zwolle bouwt.\n"
    document = read_document(text, "studie")
    assert document.genre == "algemeen"
    record = _record(title="Een studie", publisher="Een bureau")
    assert infer_speaker(record, document, _gazetteer()) is None


def test_a_bracketed_aside_lists_examples_not_themes() -> None:
    facts = _facts("• Huisvesting voor statushouders (zoals mensen met ggz-problemen)\n")
    themes = {t for s, t, _n in facts if s == HOUTEN}
    assert "ggz-en-verward-gedrag" not in themes
    assert themes
