"""Issue 13, eighteenth round: talking with residents, charges kept low, programmes that go
on, issues and delays, what the speaker is for, the finances in good health as no problem,
deeds of the past and problems solved as no task, prose that is no programme point, the
three partners of innovation, support for people, and the words the scheme lacked.
Sentences of our own, as Zwolle writes them.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.extract.generic import good_state_scopes, is_past_deed, relation_of

from tests.self_report_helpers import (
    ZWOLLE,
    matched_concepts,
    zwolle_assertions,
    zwolle_facts,
    zwolle_negated,
    zwolle_themes,
)


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-s")


def _negated(text: str) -> set[str]:
    return zwolle_negated(text, "eigen-tekst-s")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # talking with residents, also with no one named who talks
        ("Het college wil met de inwoners in gesprek.", "burgerparticipatie-en-vertrouwen"),
        (
            "Een deel van de voorstellen komt in dialoog met inwoners en organisaties tot stand.",
            "burgerparticipatie-en-vertrouwen",
        ),
        (
            "Bij de uitvoering willen de partijen de inwoners van Zwolle en de partners nauw "
            "betrekken.",
            "burgerparticipatie-en-vertrouwen",
        ),
        (
            "Ook is er een project opgezet voor het burgerberaad.",
            "burgerparticipatie-en-vertrouwen",
        ),
        # charges kept low, with or without the speaker named
        ("De kosten voor afval, riool en ozb blijven laag.", "gemeentefinancien"),
        ("Bij al deze ambities houden we de gemeentelijke lasten laag.", "gemeentefinancien"),
        ("Ook in onze stad moet fors bezuinigd worden.", "gemeentefinancien"),
        (
            "De nieuwe verdeling heeft vergaande financiële gevolgen voor onze begroting.",
            "gemeentefinancien",
        ),
        ("Het meerjarenperspectief biedt weinig ruimte voor nieuwe ambities.", "gemeentefinancien"),
        # programmes that go on: each theme of the list
        (
            "Andere programma's als kansrijk opgroeien en het vitaler maken van vakantieparken "
            "gaan onverminderd door.",
            "kansengelijkheid",
        ),
        (
            "Andere programma's als kansrijk opgroeien en het vitaler maken van vakantieparken "
            "gaan onverminderd door.",
            "toerisme",
        ),
        # issues, delays not made, relations on edge, what the speaker is for
        (
            "De kleine kernen brengen eigen vraagstukken met zich mee.",
            "platteland-en-kleine-kernen",
        ),
        ("De nieuwe brede school wordt niet op de lange baan geschoven.", "onderwijs"),
        (
            "De bestuurlijke verhoudingen met het Rijk zijn op scherp komen te staan.",
            "samenwerking",
        ),
        ("Het college is voor gezond leven en gezond eten.", "gezondheid"),
        ("We bieden meer ruimte voor erfgoed en cultuur.", "cultuur-en-erfgoed"),
        # safe places, a town more sustainable, our own organisation
        ("Wij willen een veilige gemeente.", "veiligheid"),
        ("Een stad waar mensen zich veilig voelen.", "veiligheid"),
        (
            "En wij investeren in onze organisatie om de opgaven te kunnen realiseren.",
            "personeel-en-organisatie",
        ),
        # attention, pressing, ageing, heavier, begun, made possible, together
        ("Er is nog steeds aandacht voor het sociaal domein.", "sociaal-domein"),
        ("De kosten van de jeugdzorg zijn de oorzaak van de nijpende financiën.", "jeugd"),
        ("Zwolle is een vergrijzende gemeente.", "vergrijzing"),
        (
            "De gemeente krijgt een verzwaring van taken door de transities in het sociale domein.",
            "decentralisaties",
        ),
        ("We zijn begonnen met de voorbereidingen voor de Omgevingswet.", "omgevingswet"),
        ("We gaan na hoe we woningbouw op het bedrijfsterrein mogelijk maken.", "woningbouw"),
        ("Dat doen we samen met onze buurgemeenten in de regio.", "samenwerking"),
        # the three partners of innovation, support for people
        (
            "We zoeken samenwerking tussen overheid, onderwijs en bedrijfsleven.",
            "innovatie-en-kennis",
        ),
        (
            "We zetten in op het ondersteunen van mensen die zorg nodig hebben.",
            "maatschappelijke-ondersteuning",
        ),
        # money set aside last year for a purpose that goes on
        (
            "Vorig jaar is geld vrijgemaakt om te investeren in de sporthallen.",
            "sport-en-bewegen",
        ),
        # a problem of the past is still one
        ("De kosten van de jeugdzorg stegen vorig jaar fors.", "jeugd"),
        # solved only for now
        (
            "Daarmee is de druk op de jeugdzorg op de korte termijn weggenomen.",
            "jeugd",
        ),
        ("Het tekort op de jeugdzorg is nog niet opgelost.", "jeugd"),
        # aiming at sound finances
        ("Zwolle wil financieel gezond blijven.", "gemeentefinancien"),
    ],
)
def test_a_claim_names_its_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # deeds of the past: a result, not a task
        ("In 2015 werden de decentralisaties in het sociaal domein ingezet.", "decentralisaties"),
        (
            "Afgelopen zomer is het college in vier dorpen in gesprek gegaan met inwoners.",
            "burgerparticipatie-en-vertrouwen",
        ),
        # a problem solved
        ("Het tekort op de jeugdzorg is inmiddels opgelost.", "jeugd"),
        # a sentence of prose with no cue is no point of a programme
        (
            "Ons beleid is gericht op brede welvaart. Brede welvaart omvat veel meer dan alleen "
            "arbeid, inkomen en economie.",
            "werk-en-inkomen",
        ),
        # a long numbered paragraph claims with its cues, not as a point
        (
            "1. Krachten bundelen Zwolle bestaat al meer dan 700 jaar en heeft een flink aantal "
            "besturen gekend. Zo heeft Zwolle veel veranderingen doorgemaakt om te worden wat "
            "ze nu is: een stad waar het goed wonen en opgroeien is.",
            "jeugd",
        ),
        # the sound finances as a fact are no problem
        ("Zwolle is een financieel gezonde gemeente.", "gemeentefinancien"),
        # waste as a charge, a waste station, a tax on tourists
        ("De kosten voor afval, riool en ozb blijven laag.", "circulaire-economie"),
        ("We bouwen een nieuw afvalbrengstation.", "openbaar-vervoer"),
        ("De toeristen- en forensenbelasting stijgen.", "toerisme"),
        # education as one of the three partners
        ("We zoeken samenwerking tussen overheid, onderwijs en bedrijfsleven.", "onderwijs"),
    ],
)
def test_no_such_claim(text: str, theme: str) -> None:
    assert theme not in _themes(text)


def test_the_sound_finances_as_a_fact_are_denied() -> None:
    text = (
        "Zwolle is een financieel gezonde gemeente, die de middelen heeft om plannen te realiseren."
    )
    assert "gemeentefinancien" in _negated(text)
    assert "gemeentefinancien" not in _themes(text)


def test_a_problem_beside_the_sound_finances_stands() -> None:
    text = "Een sluitende begroting is geen vanzelfsprekendheid meer."
    assert "gemeentefinancien" in _themes(text)


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("In 2015 werden de decentralisaties ingezet.", True),
        ("Vorig jaar hebben we het zwembad gerenoveerd.", True),
        # (a work completed, in the perfect: done; a decision in the perfect: still to do)
        ("We hebben het zwembad gerenoveerd.", True),
        ("We hebben besloten het zwembad te renoveren.", False),
        ("Vorig jaar is geld vrijgemaakt om te investeren in de sporthallen.", False),
        ("In 2015 werden de decentralisaties ingezet en nu gaan we verder.", False),
        ("We gaan het zwembad renoveren.", False),
    ],
)
def test_what_was_done(text: str, past: bool) -> None:
    assert is_past_deed(text) is past


@pytest.mark.parametrize(
    ("text", "sound"),
    [
        ("Zwolle is een financieel gezonde gemeente.", True),
        ("De gemeente presenteert een sluitende begroting.", True),
        ("Zwolle wil financieel gezond blijven.", False),
        ("We streven naar een sluitende begroting.", False),
        ("Ondanks de tekorten is de begroting sluitend.", False),
    ],
)
def test_the_finances_stated_sound(text: str, sound: bool) -> None:
    assert bool(good_state_scopes(text)) is sound


@pytest.mark.parametrize(
    "text",
    [
        "Het financieel meerjarenperspectief biedt weinig ruimte voor nieuwe ambities.",
        "De kleine kernen brengen andere vraagstukken met zich mee.",
        "Andere programma's gaan onverminderd door.",
        "De coalitie is voorstander van een nieuw zwembad.",
        "Ook is er een project opgezet voor jongeren.",
        "We zijn begonnen met de voorbereidingen.",
    ],
)
def test_a_cue_says_the_sentence_claims(text: str) -> None:
    assert relation_of(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        # going through, not going on; a cost kept low for another end
        "De bus gaat door de wijk naar het station.",
        "Wij houden de kosten laag, zodat de koopkracht kan stijgen.",
    ],
)
def test_a_look_alike_of_a_cue_claims_nothing(text: str) -> None:
    assert relation_of(text) is None


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("de transities in het sociale domein", "decentralisaties"),
        ("onze wijkdeals", "wijkaanpak"),
        ("gelijkere kansen voor iedereen", "kansengelijkheid"),
        ("het financieel meerjarenperspectief", "gemeentefinancien"),
        ("de ontsluiting van het bedrijventerrein", "bereikbaarheid"),
        ("het economisch domein", "economie-en-binnenstad"),
        ("de verhoudingen met het Rijk", "samenwerking"),
        ("het dorpsvernieuwingsproject", "wijkaanpak"),
        ("het treinstation", "openbaar-vervoer"),
    ],
)
def test_words_the_scheme_lacked(text: str, concept: str) -> None:
    assert concept in matched_concepts(text)


def test_a_station_for_waste_is_no_railway_station() -> None:
    assert "openbaar-vervoer" not in matched_concepts("het nieuwe afvalbrengstation")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # the three tasks with the AWBZ's part named
        (
            "De gemeente krijgt nieuwe taken: de Jeugdwet, de AWBZ-Wmo en de Participatiewet.",
            "decentralisaties",
        ),
        # what is still unclear
        ("Nog steeds is onduidelijk wat de gevolgen van corona zijn.", "corona-en-herstel"),
        # money set aside, as an adjective
        (
            "Ook kon gebruik worden gemaakt van de gereserveerde bedragen voor een nieuwe "
            "sporthal.",
            "sport-en-bewegen",
        ),
        # the speaker with a partner named and no other subject
        (
            "Ook willen ze samen met Kampen kijken naar een nieuw systeem voor de "
            "toeristenbelasting.",
            "samenwerking",
        ),
    ],
)
def test_more_claims_name_their_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


def test_working_with_a_person_is_no_cooperation_between_governments() -> None:
    text = "We willen samen met Anna de Vries een plan maken voor de jeugd."
    assert "samenwerking" not in _themes(text)


def test_a_partner_named_acts_beside_the_speaker() -> None:
    text = (
        "Ook willen ze samen met Kampen kijken naar een nieuw systeem voor de toeristenbelasting."
    )
    subjects = {s for s, _t, _n in zwolle_facts(text, "eigen-tekst-s")}
    assert ZWOLLE in subjects


@pytest.mark.parametrize(
    "text",
    [
        "Ook in 2017 zal de bijstand de nodige aandacht vergen.",
        "De grote onzekerheid over de duur van de crisis maakte het moeilijk.",
    ],
)
def test_a_cue_of_attention_or_doubt(text: str) -> None:
    assert relation_of(text) is not None


# -- a theme the speaker's text comes back to -----------------------------------------


def _methods(text: str) -> dict[str, set[str]]:
    """theme → the methods that assert it for Zwolle in OPENING + `text`."""
    found: dict[str, set[str]] = {}
    for a in zwolle_assertions(text, "eigen-tekst-t"):
        if a.subject == ZWOLLE:
            found.setdefault(a.theme, set()).add(a.method)
    return found


# (paragraphs of prose: a short line on its own would be a programme's point)
_LIBRARY = "De bibliotheek in Zuid sluit na veertig jaar haar deuren aan het plein. "
_FUTURE = "In het voorjaar valt het besluit over een nieuwe bibliotheek aan de Markt. "
_KAMPEN = "In Kampen is de bibliotheek vorig voorjaar verhuisd naar het stadhuis. "


def _quotes(text: str, key: str) -> dict[tuple[str, str], set[str]]:
    """(subject, theme) → the quotes of the facts that assert it, in OPENING + `text`."""
    found: dict[tuple[str, str], set[str]] = {}
    for a in zwolle_assertions(text, key):
        found.setdefault((a.subject, a.theme), set()).add(a.quote)
    return found


def test_a_theme_the_text_comes_back_to_is_claimed_without_a_cue() -> None:
    text = _LIBRARY + _FUTURE + "\n"
    assert "terugkerend-thema-spreker" in _methods(text).get("cultuur-en-erfgoed", set())


def test_a_theme_named_once_without_a_cue_is_not_claimed() -> None:
    text = _LIBRARY + "Het plein krijgt er daarna een terras en een speelplek bij.\n"
    assert "terugkerend-thema-spreker" not in _methods(text).get("cultuur-en-erfgoed", set())


def test_a_recurring_theme_is_not_claimed_for_a_sentence_about_another_municipality() -> None:
    found = _quotes(_LIBRARY + _KAMPEN + _FUTURE + "\n", "eigen-tekst-t2")
    quotes = set().union(*found.values())
    assert not any("Kampen" in quote for quote in quotes)
    # the other sentences on the library are the speaker's
    assert (ZWOLLE, "cultuur-en-erfgoed") in found


def test_a_recurring_theme_is_not_claimed_where_another_government_acts() -> None:
    text = (
        "De bibliotheek in Zuid sluit na veertig jaar haar deuren aan het plein. "
        "Het rijk draagt de zorg voor de bibliotheken over aan de provincies.\n"
    )
    quotes = set().union(*_quotes(text, "eigen-tekst-t3").values())
    assert not any("rijk" in quote for quote in quotes)


def test_a_recurring_theme_is_not_claimed_for_what_was_done() -> None:
    text = (
        "Vorig jaar werd de bibliotheek in Zuid grondig verbouwd en vergroot. "
        "In 2020 werd de bibliotheek in Noord na een lange discussie gesloten.\n"
    )
    assert "cultuur-en-erfgoed" not in _methods(text)


def test_the_document_by_its_kind_is_no_recurring_theme() -> None:
    text = (
        "De begroting is dit jaar op tijd klaar voor de raad. "
        "De raad bespreekt de begroting op 6 en 7 november in het stadhuis.\n"
    )
    assert "gemeentefinancien" not in _methods(text)


def test_a_phrase_that_continues_the_sentence_before_is_a_point_of_it() -> None:
    text = (
        "Het college is trots op het huidige voorzieningenniveau van de stad. Daarnaast "
        "blijven we ontwikkelen en investeren. In het sociaal domein, mobiliteit en "
        "bereikbaarheid, woningen, bedrijventerreinen en duurzaamheid.\n"
    )
    assert {"sociaal-domein", "bereikbaarheid"} <= _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Daarnaast laat de coronacrisis nog haar sporen na.",
        "Ook heeft de oorlog grote impact op de economie.",
    ],
)
def test_marks_left_and_impact_are_cues(text: str) -> None:
    assert relation_of(text) is not None


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "Wij zijn er voor alle inwoners, ongeacht achtergrond, geloof of cultuur.",
            "cultuur-en-erfgoed",
        ),
        ("Wij nemen afstand van een cultuur waarin argumenten beschadigen.", "cultuur-en-erfgoed"),
        ("Met zorg investeren in de toekomst.", "zorg"),
        ("Een zorgzame samenleving.", "zorg"),
        (
            "We willen een gemeente die goed bereikbaar is als eerste aanspreekpunt.",
            "bereikbaarheid",
        ),
        ("We zijn voor alle inwoners digitaal goed bereikbaar.", "bereikbaarheid"),
        ("We zijn telefonisch goed bereikbaar.", "bereikbaarheid"),
    ],
)
def test_a_word_in_another_sense_names_no_theme(text: str, concept: str) -> None:
    assert concept not in matched_concepts(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("We investeren in kunst en cultuur.", "cultuur-en-erfgoed"),
        ("Het dorp moet goed bereikbaar blijven met de bus.", "bereikbaarheid"),
        ("Met zorg en aandacht voor ouderen.", "zorg"),
    ],
)
def test_the_word_in_its_own_sense_still_names_its_theme(text: str, concept: str) -> None:
    assert concept in matched_concepts(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # well-being that prosperity brings, not social support (a judge's finding)
        (
            "Dan leidt de toegenomen welvaart uiteindelijk ook tot een toename van het welzijn.",
            "maatschappelijke-ondersteuning",
        ),
        # parties taking part in a coalition, not people in society or work
        ("De partijen die meedoen in de coalitie zijn het eens.", "participatie-en-re-integratie"),
    ],
)
def test_a_judges_word_in_another_sense(text: str, concept: str) -> None:
    assert concept not in matched_concepts(text)


def test_taking_part_in_society_still_names_its_theme() -> None:
    assert "participatie-en-re-integratie" in matched_concepts(
        "Iedereen moet kunnen meedoen in de samenleving."
    )


# -- a reviewer's cases: each rule's wrong sense --------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # an aim at sound finances is no denial
        ("We werken aan een financieel gezonde gemeente.", "gemeentefinancien"),
        ("We kiezen voor een financieel solide koers.", "gemeentefinancien"),
        # a deed of the past beside a task
        (
            "In 2019 werd afgesproken dat we jaarlijks 500 sociale huurwoningen bouwen.",
            "betaalbaar-wonen",
        ),
        (
            "Vorig jaar hebben we de sporthal gerenoveerd en dit jaar investeren we in het "
            "zwembad.",
            "sport-en-bewegen",
        ),
        # a solution to come, or one denied, leaves the problem
        ("Het tekort op de jeugdzorg moet in 2026 zijn opgelost.", "jeugd"),
        ("De problemen in de jeugdzorg kunnen alleen samen worden opgelost.", "jeugd"),
        ("Het tekort op de jeugdzorg is allerminst opgelost.", "jeugd"),
        # a dash bullet with a verb in it is a point all the same
        (
            "- De bibliotheek krijgt een nieuwe plek in het centrum van het dorp aan het plein.",
            "cultuur-en-erfgoed",
        ),
        # cooperation named at the start of a sentence
        ("Samen met Kampen werken we aan de woondeal.", "samenwerking"),
    ],
)
def test_a_reviewers_claim_stands(text: str, theme: str) -> None:
    assert theme in _themes(text)
    assert theme not in _negated(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # growing as an organisation, costs that grow for the town
        ("We blijven als organisatie groeien.", "bevolkingsgroei"),
        ("De kosten voor de gemeente groeien de komende jaren.", "bevolkingsgroei"),
        # plans that run through an area
        ("De plannen voor de weg gaan dwars door het natuurgebied.", "natuur-en-landschap"),
    ],
)
def test_a_reviewers_look_alike_claims_no_such_theme(text: str, theme: str) -> None:
    assert theme not in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dit heeft niets te maken met de jeugdzorg.",
        "De sporthal wordt op de lange baan geschoven.",
        "We zijn voor de jeugdzorg afhankelijk van het Rijk.",
        "Het besluit wordt op een hoger niveau genomen.",
    ],
)
def test_a_reviewers_look_alike_of_a_cue_claims_nothing(text: str) -> None:
    assert relation_of(text) is None


@pytest.mark.parametrize(
    ("text", "concept", "named"),
    [
        ("De OV-masten in de wijk worden vervangen.", "openbaar-vervoer", False),
        ("Het zwembad moet voor alle inwoners goed bereikbaar blijven.", "bereikbaarheid", True),
        ("Leerlingen met zorg in de klas krijgen extra hulp.", "zorg", True),
    ],
)
def test_a_reviewers_word_senses(text: str, concept: str, named: bool) -> None:
    assert (concept in matched_concepts(text)) is named
