"""Issue 13, third set: the classes of error the held-out texts of issue13c showed.

Each test names one class (see the table in the fix13d report) and uses sentences of our
own, read as a new report with a speaker, as `gemeentegraaf ingest --speaker` does.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import municipality_actors
from gemeentegraaf.extract.framework import _gazetteer
from gemeentegraaf.extract.generic import SELF_REFERENCE, is_programme_item, relation_of
from gemeentegraaf.extract.theme_roles import subordinate_spans
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.themes import ThemeScheme, strong_concepts

from tests.self_report_helpers import (
    ZWOLLE,
    matched_concepts,
    report_record,
    zwolle_facts,
    zwolle_themes,
)


def _record() -> CorpusRecord:
    return report_record("eigen-tekst-c", 2024)


def _facts(text: str) -> set[tuple[str, str, bool]]:
    return zwolle_facts(text, "eigen-tekst-c")


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-c")


def _matched(text: str) -> list[str]:
    return matched_concepts(text)


# --- a clause with a subject is no verbless programme item -----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Dit levert ook nieuwe banen op.",
        "Voor u ligt de begroting van volgend jaar.",
        "U vindt de toegankelijke versie van het plan onderaan.",
        "Er rust een zware last op de zorg.",
    ],
)
def test_a_line_with_a_subject_is_a_clause_not_an_item(line: str) -> None:
    assert not is_programme_item(line, "alinea")


def test_verbless_lines_and_bullets_are_still_items() -> None:
    assert is_programme_item("Een veilige fietsroute naar elke school", "alinea")
    assert is_programme_item("Dit jaar een nieuw zwembad", "streepje")


def test_a_short_sentence_of_prose_with_an_unlisted_verb_claims_nothing_by_itself() -> None:
    themes = _themes(
        "Bedrijven kiezen voor onze stad. Dit levert weer nieuwe banen op. "
        "Voor u ligt de begroting voor volgend jaar.\n"
    )
    assert not themes & {"arbeidsmarkt", "gemeentefinancien"}


# --- a middle dot opens a list item; a short item does not swallow the next paragraph --


def test_middle_dot_items_are_items_of_their_own() -> None:
    document = read_document(
        "We presenteren het akkoord.\n\n· Er komt een referendum.\n\n· Er komt een nieuwe "
        "rondweg.\n\nDat was het.",
        "eigen-tekst-c",
    )
    items = [p.text for p in document.passages if p.kind == "streepje"]
    assert len(items) == 2 and "referendum" in items[0] and "rondweg" in items[1]


def test_a_short_bullet_line_does_not_take_the_next_paragraph_along() -> None:
    document = read_document(
        "· leestijd 3 minuten\n\nZWOLLE – De partijen hebben vandaag hun akkoord gepresenteerd."
        " Het heeft een lange titel gekregen.",
        "eigen-tekst-c",
    )
    bullet = next(p for p in document.passages if p.kind == "streepje")
    assert "akkoord" not in bullet.text


def test_announced_measures_in_a_middle_dot_list_are_the_speakers() -> None:
    themes = _themes("· Er komt een referendum over de nieuwe haven.\n\n· Er komt een rondweg.\n")
    assert {"burgerparticipatie-en-vertrouwen", "bereikbaarheid"} <= themes


# --- cue words, word by word ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Veiligheid staat hoog op de agenda.", GG.Prioriteert),
        ("Veiligheid staat hoog op de politieke agenda.", GG.Prioriteert),
        ("Goede scholen zijn van groot belang.", GG.Prioriteert),
        ("Groen in de stad is van belang.", GG.Prioriteert),
        ("Sport is een topprioriteit.", GG.Prioriteert),
        ("We zetten extra in op de jeugdzorg.", GG.Prioriteert),
        ("Het park moet er weer netjes uitzien.", GG.Prioriteert),
        ("De haven moet aantrekkelijker worden.", GG.Prioriteert),
        ("De vergrijzing zal een stempel drukken op de zorg.", GG.StaatVoor),
        ("Er komt een nieuw zwembad.", GG.Onderneemt),
        ("Er komen meer handhavers.", GG.Onderneemt),
        ("Ook maken we een plan voor de haven.", GG.Onderneemt),
        ("Het college maakt een nieuwe visie op sport.", GG.Onderneemt),
        ("We betrekken de bewoners bij de plannen.", GG.Onderneemt),
        ("Er was eens een haven.", None),
        ("Hij maakt een wandeling.", None),
    ],
)
def test_cue_words_for_weight_burdens_announcements_and_plans(sentence, relation) -> None:
    assert relation_of(sentence) == relation


def test_a_cue_in_a_phrase_that_sets_something_aside_does_not_count() -> None:
    assert relation_of("Nieuwe opgaven lopen door naar volgend jaar.") == GG.StaatVoor
    assert relation_of("Behoudens nieuwe opgaven, lopen de plannen door.") is None
    assert relation_of("Afgezien van de opgaven, lopen de plannen door.") is None


# --- an agentless claim of weight is the speaker's ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        ("Goede scholen zijn van groot belang, aldus de wethouder.\n", "onderwijs"),
        ("Cultuur is daarbij een belangrijke rode draad.\n", "cultuur-en-erfgoed"),
        ("Sport staat hoog op de agenda.\n", "sport-en-bewegen"),
        ("De ambitie is meer sociale huur in elke wijk.\n", "betaalbaar-wonen"),
    ],
)
def test_an_agentless_claim_of_weight_is_the_speakers(sentence: str, theme: str) -> None:
    assert theme in _themes(sentence)


def test_an_agentless_claim_by_someone_else_stays_theirs() -> None:
    assert "sport-en-bewegen" not in _themes("Voor de provincie is sport van groot belang.\n")


# --- theme terms: missing, ambiguous, and what a name of a tax is -----------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("een raadgevend referendum", "burgerparticipatie-en-vertrouwen"),
        ("het vertrouwen tussen burger en overheid", "burgerparticipatie-en-vertrouwen"),
        ("het participatieproces rond de haven", "burgerparticipatie-en-vertrouwen"),
        ("een traplift voor elke oudere", "maatschappelijke-ondersteuning"),
        ("het stationsgebied", "gebiedsontwikkeling"),
        ("de nieuwe rondweg", "bereikbaarheid"),
        ("een eenvoudiger aanvraagproces", "uitvoering-en-dienstverlening"),
        ("te weinig menskracht", "personeel-en-organisatie"),
        ("de ondersteuningsmaatregelen voor de horeca", "steunmaatregelen"),
        ("we gaan samenwerken", "samenwerking"),
        ("met de buurgemeenten", "samenwerking"),
    ],
)
def test_missing_theme_terms(text: str, theme: str) -> None:
    assert theme in _matched(text)


def test_a_local_tax_is_not_the_theme_it_is_named_after() -> None:
    assert "toerisme" not in _matched("De toeristenbelasting gaat omhoog.")
    assert _matched("de rioolheffing en de hondenbelasting") == []
    assert _matched("de verhuurderheffing") == ["betaalbaar-wonen"]  # a housing tax by name
    assert "toerisme" not in _themes("· Toeristenbelasting\n\n· Nieuwe fietspaden\n")


def test_partners_working_together_are_not_the_topic_cooperation() -> None:
    assert "samenwerking" not in _matched("de samenwerkende partijen presenteren het akkoord")


def test_an_ambiguous_word_takes_the_sense_of_the_sentence_or_its_heading() -> None:
    # traffic: the road decides, the housing-market sense of "doorstroming" gives way
    assert _themes("· Betere doorstroming op de rondweg\n") & {"bereikbaarheid"}
    assert "betaalbaar-wonen" not in _themes("· Betere doorstroming op de rondweg\n")
    # housing: under a heading of that field the word keeps its housing sense
    assert "betaalbaar-wonen" in _themes("Wonen\n\nZo willen we de doorstroming bevorderen.\n")
    # prevention of what the sentence names; alone it is the social domain's
    assert _themes("We zetten in op preventie van schulden.\n") & {
        "schulden",
        "schulden-en-armoede",
    }
    assert "sociaal-domein" not in _themes("We zetten in op preventie van schulden.\n")
    assert "sociaal-domein" in _themes("We zetten in op preventie.\n")


def test_group_words_coordinated_name_the_group_once() -> None:
    scheme = ThemeScheme.load()
    assert strong_concepts(scheme.match("voor kinderen en jongeren")) == []
    apart = scheme.match("Kinderen krijgen een speeltuin en later krijgen de jongeren een plek.")
    assert [str(c).rsplit("/", 1)[-1] for c in strong_concepts(apart)] == ["jeugd"]
    themes = _themes("We zetten in op schuldhulp, ook voor kinderen en jongeren.\n")
    assert "jeugd" not in themes


# --- people and places the speaker involves --------------------------------------------


def test_involving_neighbourhoods_and_villages_is_participation_not_their_theme() -> None:
    themes = _themes("Ook betrekken we de buurten en dorpen meer bij het groenbeheer.\n")
    assert "burgerparticipatie-en-vertrouwen" in themes
    assert not themes & {"leefbaarheid-en-wijken", "platteland-en-kleine-kernen"}


def test_a_college_in_touch_with_its_villages_is_participation() -> None:
    themes = _themes(
        "Wij willen een bestuur zijn dat in verbinding staat met de wijken en kernen.\n"
    )
    assert "burgerparticipatie-en-vertrouwen" in themes
    assert not themes & {"leefbaarheid-en-wijken", "platteland-en-kleine-kernen"}


def test_being_near_the_villages_names_no_theme_of_villages() -> None:
    themes = _themes("We willen de zorg dicht bij de dorpen organiseren.\n")
    assert "platteland-en-kleine-kernen" not in themes
    assert "burgerparticipatie-en-vertrouwen" not in themes


def test_a_council_taking_note_of_a_document_claims_none_of_its_themes() -> None:
    themes = _themes("DE RAAD BESLUIT:\n\n- Kennis nemen van de inspraakreacties op de woonvisie\n")
    assert not themes & {"burgerparticipatie-en-vertrouwen", "wonen"}


# --- who acts: Den Haag as the national government, the document by its kind ------------


def test_money_from_den_haag_is_not_den_haag_acting() -> None:
    gazetteer = _gazetteer()
    text = "De kosten stijgen, maar de budgetten uit Den Haag dalen."
    mentions = gazetteer.find(text, _record().read_on)
    assert municipality_actors(text, mentions, prefer_municipality=True) == []
    assert not {s for s, _t, _n in _facts(text + "\n")} - {ZWOLLE}


def test_the_programme_by_its_kind_is_the_speaker_but_a_named_one_is_not() -> None:
    assert "sport-en-bewegen" in _themes("Het programma zet in op sport.\n")
    assert "sport-en-bewegen" in _themes("Dit akkoord zet in op sport.\n")
    assert SELF_REFERENCE.search("Het programma behelst een aantal thema's.")
    assert not SELF_REFERENCE.search("Het programma Kansrijk Sporten loopt af.")
    assert not SELF_REFERENCE.search("Het akkoord ‘Samen Sterk’ loopt af.")
    assert "sport-en-bewegen" not in _themes(
        "Het programma Kansrijk Sporten zet de komende jaren in op sport voor alle kinderen.\n"
    )


# --- a relative clause reaches over a bracket and an enumeration ------------------------


def test_a_relative_clause_reaches_over_brackets_and_an_enumeration() -> None:
    text = (
        "We steunen de clubs en (kleine) verenigingen die de stad een groene, gezonde "
        "en levendige plek maken."
    )
    (span,) = subordinate_spans(text)
    assert text[span[0] : span[1]].startswith("die") and text[span[1] - 1] == "."
    text = "We steunen de clubs die veel doen, en we bouwen woningen."
    (span,) = subordinate_spans(text)
    assert text[span[0] : span[1]] == "die veel doen"
