"""Issue 13, twelfth round: the words of everyday municipal policy (monuments, roads,
reserves, "omzien naar elkaar", "wie het minder hebben"), the verbs of protecting,
fighting, preventing and building, plans drawn up, hard choices and needs, norms with a
long subject, local party names, titles before a name. Sentences of our own, each cue in
more than one wording, and words that only look like one.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import relation_of
from gemeentegraaf.text import themes as themes_module
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.segment import sentences

from tests.self_report_helpers import (
    challenge_facts,
    matched_concepts,
    report_record,
    zwolle_facts,
    zwolle_themes,
)

PRIORITY, ACTS, FACES = GG.Prioriteert, GG.Onderneemt, GG.StaatVoor


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("de zorg voor onze monumenten en het beschermd stadsgezicht", "cultuur-en-erfgoed"),
        ("het onderhoud van de hoofdwegen en het wegennet", "bereikbaarheid"),
        ("een greep uit de algemene reserve", "gemeentefinancien"),
        ("het weerstandsvermogen van de gemeente", "gemeentefinancien"),
        ("de lokale lasten en de lastendruk voor inwoners", "gemeentefinancien"),
        ("de herontwikkeling van het oude fabrieksterrein", "gebiedsontwikkeling"),
        ("een dorp waar we naar elkaar omzien", "sociale-cohesie"),
        ("mensen die het minder hebben", "armoede"),
        ("gezinnen met een krappe beurs", "armoede"),
        ("een groeiend aantal ouderen", "vergrijzing"),
        ("het aantal 75-plussers", "ouderen"),
        ("de openingstijden van het loket", "uitvoering-en-dienstverlening"),
        ("de brandweer en de crisisbeheersing", "veiligheid"),
        ("veilige schoolroutes", "verkeersveiligheid"),
        ("de onderwijshuisvesting", "onderwijs"),
        ("een stad waar iedereen telt mee", "inclusie-en-kansengelijkheid"),
        ("de stijgende energiekosten", "energiearmoede"),
        ("een burgerberaad over het klimaat", "burgerparticipatie-en-vertrouwen"),
        ("de opwarming van de aarde", "energietransitie-en-klimaat"),
        ("netcongestie remt de nieuwbouw", "energietransitie"),
        ("de polarisatie in de samenleving", "sociale-cohesie"),
        ("jongeren met mentale problemen", "ggz-en-verward-gedrag"),
        ("een lik-op-stukbeleid voor overlastgevers", "criminaliteit-en-overlast"),
        ("minder zwerfafval en schone straten", "openbare-ruimte"),
        ("geen geldverspilling", "gemeentefinancien"),
        ("een thuis voor iedereen", "wonen"),
    ],
)
def test_everyday_policy_words_name_their_theme(text: str, theme: str) -> None:
    assert theme in matched_concepts(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # a school building plan is about schools, not housing
        ("het integraal huisvestingsplan onderwijs", "wonen"),
        # a living environment and a technical standard are not the environment or safety
        ("een goed leefmilieu", "energietransitie-en-klimaat"),
        ("de veiligheidsnorm van de dijk", "veiligheid"),
        # a volunteer is support under the Wmo, not cohesion by itself
        ("de vrijwilligers van de voedselbank", "sociale-cohesie"),
        # bridging differences is no bridge
        ("verschillen overbruggen", "bereikbaarheid"),
        # a local party
        ("Leefbaar Rotterdam wil meer agenten", "leefbaarheid-en-wijken"),
        # idioms and the municipality's own money (found by a judge of the tool's facts)
        ("de energietransitie in goede banen leiden", "arbeidsmarkt"),
        ("bij inkrimpende budgetten", "krimp"),
        ("welvaart en welzijn behouden", "maatschappelijke-ondersteuning"),
        ("het indexeren van huuropbrengsten", "betaalbaar-wonen"),
    ],
)
def test_words_that_look_like_a_theme_are_not_it(text: str, theme: str) -> None:
    assert theme not in matched_concepts(text)


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        # building and renewing
        ("De gemeente legt langs de dijk een nieuw fietspad aan.", ACTS),
        ("Het fietspad wordt volgend jaar aangelegd.", ACTS),
        ("We knappen het dorpshuis op.", ACTS),
        ("De sporthal wordt gerenoveerd.", ACTS),
        ("Het college vernieuwt de speeltuinen.", ACTS),
        ("We breiden de kinderopvang uit.", ACTS),
        # furthering, reducing, fighting, preventing, protecting
        ("Wij bevorderen de doorstroming op de woningmarkt.", PRIORITY),
        ("Het college wil de uitstoot verminderen.", PRIORITY),
        ("We dringen het schoolverzuim terug.", PRIORITY),
        ("De gemeente bestrijdt armoede onder kinderen.", PRIORITY),
        ("Zo voorkomen we dat jongeren uitvallen.", PRIORITY),
        ("Met een vaste contactpersoon voorkomt de gemeente schulden.", PRIORITY),
        ("Zo proberen we overlast te voorkomen.", PRIORITY),
        ("We beschermen onze monumenten.", PRIORITY),
        ("Inwoners worden beschermd tegen wateroverlast.", PRIORITY),
        ("Het college jaagt de woningbouw aan.", PRIORITY),
        ("De gemeente faciliteert initiatieven van inwoners.", PRIORITY),
        # a plan drawn up
        ("Voor elke kern stelt het college een dorpsvisie op.", ACTS),
        ("Er wordt een nieuw armoedeplan opgesteld.", ACTS),
        # hard choices ahead
        ("Bij de begroting moeten moeilijke keuzes worden gemaakt.", FACES),
        ("Dat vraagt om pijnlijke keuzes.", FACES),
        # needs
        ("De stad heeft behoefte aan meer huurwoningen.", PRIORITY),
        ("De oude kademuren vragen serieus onderhoud.", PRIORITY),
        # attention with the verb first
        ("Aandacht krijgt ook de jeugdzorg.", PRIORITY),
        # standing up for something, with words between
        ("Iets waar men zich ook sterk voor wil maken is de inclusieve samenleving.", PRIORITY),
    ],
)
def test_cue_fires(sentence: str, relation: object) -> None:
    assert relation_of(sentence) == relation


@pytest.mark.parametrize(
    "sentence",
    [
        # "beschermd wonen" is a kind of care, "uitgebreid" also means thorough, and
        # "voorkomen" also means to occur
        "Er zijn twintig plaatsen voor beschermd wonen.",
        "Er is uitgebreid onderzoek gedaan.",
        "We hebben uitgebreid met inwoners gesproken.",
        "De beschermde monumenten en de vernieuwde bibliotheek trekken bezoekers.",
        "Het bestreden besluit is gisteren gepubliceerd.",
        "Die ziekte vaak voorkomt in de wijk.",
        "Wij stellen onze visie op de binnenstad vast.",
        "Hij heeft zich constructief opgesteld.",
        "Dat kan in de praktijk voorkomen.",
        "De leden stelden zich voor.",
    ],
)
def test_look_alikes_do_not_fire(sentence: str) -> None:
    assert relation_of(sentence) is None


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # a norm whose subject is long, with no agent: the speaker's
        (
            "De kloof tussen bestuur en samenleving in onze stad moet kleiner worden.",
            "burgerparticipatie-en-vertrouwen",
        ),
        # "men" as the subject, in a text about the speaker
        ("Iets waar men zich sterk voor wil maken is de inclusieve samenleving.", "inclusie"),
        ("We beschermen onze monumenten en bijzondere stadsgezichten beter.", "cultuur-en-erfgoed"),
        ("Voor elk dorp stelt het college een dorpsvisie op.", "platteland-en-kleine-kernen"),
        (
            "Het college wil de raad en de stad ruimte geven om mee te bepalen.",
            "burgerparticipatie-en-vertrouwen",
        ),
    ],
)
def test_the_speaker_claims_it(text: str, theme: str) -> None:
    themes = zwolle_themes(text, "eigen-tekst-l")
    assert theme in themes or any(t.startswith(theme) for t in themes)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Samen met de Dorpspartij vernieuwt het college de sporthal.",
            "platteland-en-kleine-kernen",
        ),
        (
            "Met steun van de Seniorenpartij en Texels Belang bouwt het college een zwembad.",
            "ouderen",
        ),
    ],
)
def test_a_local_party_name_is_no_theme_and_no_place(text: str, theme: str) -> None:
    facts = zwolle_facts(text, "eigen-tekst-l")
    # the claim itself stands (sport), the speaker's, and no party is read as a place
    assert facts == {("gm0193", "sport-en-bewegen", False)}


def test_a_title_before_a_name_does_not_end_the_sentence() -> None:
    text = (
        "We willen aan de slag met de herontwikkeling van het gebied rond de Dr. "
        "Schaepmanstraat. Prof. De Vries en Mr. Jansen adviseren ons daarbij."
    )
    document = read_document(text, "eigen-tekst-l")
    found = [s.text for p in document.passages for s in sentences(document, p)]
    assert found == [
        "We willen aan de slag met de herontwikkeling van het gebied rond de Dr. Schaepmanstraat.",
        "Prof. De Vries en Mr. Jansen adviseren ons daarbij.",
    ]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Centraal staat het streven naar een leefbaar Zwolle.", "leefbaarheid-en-wijken"),
        (
            "We willen onze stad ook voor de volgende generatie leefbaar houden.",
            "leefbaarheid-en-wijken",
        ),
        ("Wij willen een goed bereikbare stad zijn.", "bereikbaarheid"),
        ("Op economisch en ruimtelijk terrein moet er het nodige gebeuren.", "ruimte"),
    ],
)
def test_a_place_described_by_the_adjective_of_a_theme(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-l")


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente is voortaan ook telefonisch goed bereikbaar.",
        "Het wijkteam is bereikbaar via telefoon en mail.",
        # the adjective gives way to a theme that a noun names
        "We zorgen voor leefbare en betaalbare woningen voor starters.",
    ],
)
def test_the_adjective_gives_way(text: str) -> None:
    themes = zwolle_themes(text, "eigen-tekst-l")
    assert not themes & {"bereikbaarheid", "leefbaarheid-en-wijken"}


def test_a_fact_resting_on_a_markdown_heading_quotes_its_words_not_its_marks() -> None:
    text = (
        "# Coalitieakkoord Zwolle 2026\n\n## Wonen ##\n\nWij bouwen 2000 woningen voor "
        "starters.\n\n### Armoede\n\n- Aanpak van kinderarmoede\n"
    )
    document = read_document(text, "eigen-tekst-m")
    headings = [p for p in document.passages if p.kind == "kop"]
    assert [p.text for p in headings] == ["Coalitieakkoord Zwolle 2026", "Wonen", "Armoede"]
    for passage in headings:
        assert text[passage.raw_start : passage.raw_end] == passage.text


def test_a_list_that_a_clause_governs_is_no_menu() -> None:
    text = (
        "Zo hebben we onder andere een Woonvisie, Mobiliteitsvisie, Sportnota en diverse "
        "gebiedsvisies opgesteld."
    )
    themes = zwolle_themes(text, "eigen-tekst-l")
    assert {"wonen", "mobiliteit", "sport-en-bewegen"} <= themes


def test_a_menu_of_labels_stays_a_menu() -> None:
    assert not zwolle_themes("Portefeuille: Wonen, Mobiliteit, Sport en Cultuur", "eigen-tekst-l")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Op het sociale vlak zijn de opgaven groot.", "sociaal-domein"),
        (
            "Wij willen besturen in verbinding met de stad, zo dicht mogelijk bij de mensen.",
            "burgerparticipatie-en-vertrouwen",
        ),
    ],
)
def test_fields_and_closeness_in_other_words(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-l")


@pytest.mark.parametrize(
    "contents",
    [
        # on lines of its own, without page numbers
        "Coalitieakkoord Zwolle 2026\n\nIndeling\n1.\nInleiding\n2.\nVerbindend bestuur\n"
        "3.\nSport en cultuur\n4.\nVeiligheid\n\n1. Inleiding\n\n",
        # run into one line with the first chapter, as a PDF's text may give it
        "Coalitieakkoord Zwolle 2026 Indeling 1. Inleiding 2. Verbindend bestuur 3. Sport en "
        "cultuur 4. Veiligheid 1. Inleiding ",
    ],
)
def test_a_table_of_contents_claims_nothing(contents: str) -> None:
    text = contents + "De gemeente heeft te maken met grote financiële tegenvallers.\n"
    facts = challenge_facts(text, report_record("eigen-tekst-n", 2026), "GM0193")
    assert {theme for _s, theme, _n in facts} == {"gemeentefinancien"}


def test_an_adjective_in_ieel_is_inflected_with_a_diaeresis() -> None:
    assert themes_module._inflected("financieel") == "financiële"
    assert themes_module._inflected("structureel") == "structurele"
    assert themes_module._inflected("energieneutraal") == "energieneutrale"


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        (
            "Prioriteiten als veiligheid en wonen blijven daarbij onverminderd belangrijk.",
            {"veiligheid", "wonen"},
        ),
        (
            "Veiligheid en wonen zijn als topprioriteiten vastgesteld in de raadsagenda.",
            {"veiligheid", "wonen"},
        ),
    ],
)
def test_priorities_with_no_agent_are_the_speakers(text: str, themes: set[str]) -> None:
    assert themes <= zwolle_themes(text, "eigen-tekst-l")


def test_the_first_chapter_after_a_table_of_contents_still_claims() -> None:
    text = (
        "Coalitieakkoord Zwolle\n\nInhoud\n1. Wonen\n2. Zorg\n\n1. Wonen\n\n"
        "Wij bouwen 2000 woningen voor starters.\n\nWij versterken de jeugdzorg.\n"
    )
    facts = challenge_facts(text, report_record("eigen-tekst-q", 2026), "GM0193")
    assert {"wonen", "jeugd"} <= {theme for _s, theme, _n in facts}


def test_a_heading_ending_in_inhoud_is_no_table_of_contents() -> None:
    text = (
        "# Coalitieakkoord Zwolle\n\n## Vorm en inhoud\n\nWij bouwen 2000 woningen voor starters.\n"
    )
    facts = challenge_facts(text, report_record("eigen-tekst-q", 2026), "GM0193")
    assert "woningbouw" in {theme for _s, theme, _n in facts}


def test_a_norm_attributed_to_another_body_is_not_the_speakers() -> None:
    text = "Volgens de Vereniging van Nederlandse Gemeenten moet de jeugdzorg beter."
    assert "jeugd" not in zwolle_themes(text, "eigen-tekst-l")


def test_a_portfolio_after_a_copula_stays_a_list_of_labels() -> None:
    text = "Zij is wethouder van Wonen, Zorg, Sport en Cultuur."
    assert not zwolle_themes(text, "eigen-tekst-l")


def test_a_double_negation_affirms() -> None:
    # found by a newcomer's own report: "geen … zonder" wants every child to have it
    text = "Het college wil dat geen kind opgroeit zonder zwemdiploma of sportclub."
    assert zwolle_facts(text, "eigen-tekst-l") == {("gm0193", "sport-en-bewegen", False)}
    negated = zwolle_facts("Het college wil geen nieuwe sporthal bouwen.", "eigen-tekst-l")
    assert negated == {("gm0193", "sport-en-bewegen", True)}
