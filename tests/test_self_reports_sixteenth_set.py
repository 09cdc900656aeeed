"""Issue 13, sixteenth round: a verb that only says who lives where, circular letters and
street names that are no theme, growth to a size, costs that rise with the verb first,
negation that stops at "maar" or at a problem to solve, surnames with "van", places and
neighbours that are partners, list items and web paragraphs that wrap, and the words the
scheme lacked. Sentences of our own, as Zwolle writes them.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.extract.framework import _gazetteer
from gemeentegraaf.extract.generic import relation_of
from gemeentegraaf.extract.speaker import infer_speaker
from gemeentegraaf.text.documents import read_document

from tests.self_report_helpers import (
    ZWOLLE,
    matched_concepts,
    report_record,
    zwolle_facts,
    zwolle_negated,
    zwolle_themes,
)


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-q")


def _negated(text: str) -> set[str]:
    return zwolle_negated(text, "eigen-tekst-q")


def _subjects(text: str) -> set[str]:
    return {s for s, _t, _n in zwolle_facts(text, "eigen-tekst-q")}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # growth to a size, or a growing number
        ("We groeien naar 160.000 inwoners.", "bevolkingsgroei"),
        ("We streven naar een groeiend inwonertal.", "bevolkingsgroei"),
        ("Het is nodig dat Zwolle meer dan 150.000 inwoners krijgt.", "bevolkingsgroei"),
        # a cause, a norm that should help
        ("De vergrijzing is een van de oorzaken van deze stijging.", "vergrijzing"),
        (
            "Een nieuw meldpunt moet helpen om de drugsoverlast terug te dringen.",
            "criminaliteit-en-overlast",
        ),
        # agreements in a compound
        ("We hebben prestatieafspraken gemaakt over sociale huurwoningen.", "betaalbaar-wonen"),
        # a norm for what people get or can do
        (
            "Inwoners moeten de zorg en ondersteuning krijgen die ze nodig hebben.",
            "maatschappelijke-ondersteuning",
        ),
        # the town centre worked on, safe places and routes
        ("We investeren in de vernieuwing van het dorpscentrum.", "binnenstad"),
        ("We zetten in op een woonomgeving die veilig is.", "veiligheid"),
    ],
)
def test_a_claim_names_its_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        # costs that rise, the verb first
        "Tegelijkertijd stijgen de kosten in het sociaal domein.",
        "In 2025 lopen de uitgaven voor de Wmo verder op.",
        "Daarnaast nemen de kosten van de jeugdhulp toe.",
        # what takes effort, plans in a field, a cause, consequences still felt
        "Het vereist nog jaren inspanning om de werkloosheid te keren.",
        "Onze plannen op het terrein van sport en bewegen zijn ambitieus.",
        "De extra uitgaven door de coronacrisis zijn een van de oorzaken van het tekort.",
        "De gevolgen van de recessie blijven nog een tijd merkbaar.",
        # a number that rose, the verb first; the speaker's own growth
        "Sinds 2009 steeg het aantal werklozen met bijna 30 procent.",
        "We groeien naar 160.000 inwoners.",
        # too few, agreements in a compound, a norm that should help
        "Er zijn niet genoeg huizen.",
        "Bedrijven hebben te weinig personeel.",
        "We hebben samenwerkingsafspraken vastgelegd.",
        "Een betere registratie moet helpen om zicht te houden op hun verblijf.",
    ],
)
def test_a_cue_says_the_sentence_claims(text: str) -> None:
    assert relation_of(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        # the same words, no claim: costs taken into the budget, good consequences, the
        # cause of a success, too little known
        "Wij nemen de kosten van de sporthal op in de begroting.",
        "De positieve gevolgen van de sporthal zijn goed merkbaar.",
        "Het cultuurbeleid is de oorzaak van het succes van het festival.",
        "Er is te weinig bekend over de effecten van het sportbeleid.",
    ],
)
def test_a_look_alike_of_a_cue_claims_nothing(text: str) -> None:
    assert relation_of(text) is None


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("de werkeloosheid", "participatie-en-re-integratie"),
        ("de septembercirculaire", "gemeentefinancien"),
        ("taalondersteuning voor ouders", "onderwijsachterstanden"),
        ("de nieuwe structuurvisie", "ruimte"),
        ("citymarketing", "toerisme"),
        ("achterstallig wegenonderhoud", "bereikbaarheid"),
        ("twee nieuwe woonwijken", "woningbouw"),
        ("minder verkeersslachtoffers", "verkeersveiligheid"),
        ("de recessie", "economie-en-binnenstad"),
        ("dezelfde kansen als anderen", "kansengelijkheid"),
    ],
)
def test_words_the_scheme_lacked(text: str, concept: str) -> None:
    assert concept in matched_concepts(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # who lives where: the verb, not housing
        ("In de wijk Noord, waar veel gezinnen met kinderen wonen, komt een speeltuin.", "wonen"),
        ("Op dit moment wonen er 130.000 mensen in de stad.", "wonen"),
        ("Er wonen veel studenten in de binnenstad.", "wonen"),
        # the state's letters on the municipal fund
        ("De junicirculaire bracht weinig nieuws.", "circulaire-economie"),
        ("De meicirculaire valt tegen.", "circulaire-economie"),
        # a street by its name, a place along the railway
        ("De herinrichting van de Stationsstraat begint in mei.", "openbaar-vervoer"),
        ("Er komen woningen langs de spoorlijn.", "openbaar-vervoer"),
        # whom homes are for
        ("Er komen meer huurwoningen voor middeninkomens.", "werk-en-inkomen"),
        # a way of working, the centre of attention
        ("Dit vraagt om innovatieve werkwijzen.", "innovatie-en-kennis"),
        ("Het stadhuis staat in het centrum van de belangstelling.", "binnenstad"),
    ],
)
def test_a_look_alike_names_no_such_theme(text: str, concept: str) -> None:
    assert concept not in matched_concepts(text)


def test_where_people_like_to_live_stays_housing() -> None:
    assert "wonen" in matched_concepts("Zwolle is een stad waar het prettig wonen is.")
    assert "wonen" in matched_concepts("We bouwen wijken waar mensen graag wonen.")
    assert "circulaire-economie" in matched_concepts("We zetten in op de circulaire economie.")
    assert "openbaar-vervoer" in matched_concepts("We verbeteren het spoor naar Kampen.")


def test_negation_stops_at_the_contrast() -> None:
    text = "We hebben niet meer met krimp maar met woningnood te maken.\n"
    assert "krimp" in _negated(text)
    assert "wonen" in _themes(text)
    text = "We investeren niet in nieuwe wegen maar in de fiets.\n"
    assert "fiets-en-lopen" in _themes(text)
    assert "fiets-en-lopen" not in _negated(text)


def test_negation_does_not_deny_the_problem_it_leaves_unsolved() -> None:
    text = "We hebben nog geen plan om de problemen rond het zwembad op te lossen.\n"
    assert "sport-en-bewegen" in _themes(text)
    # without a problem to solve, or with a reason denied, the negation still denies
    assert "sport-en-bewegen" in _negated("We gaan niet investeren in het zwembad.\n")
    text = "We zien geen reden om aan te nemen dat het tekort op de jeugdzorg groeit.\n"
    assert "jeugd" in _negated(text)


def test_a_second_negation_after_the_contrast_denies_too() -> None:
    text = "Er komt geen nieuwe sporthal maar evenmin een nieuwe bibliotheek.\n"
    assert {"sport-en-bewegen", "cultuur-en-erfgoed"} <= _negated(text)
    assert "wonen" in _negated("Het is niet zo dat er te weinig woningen zijn.\n")


@pytest.mark.parametrize(
    "text",
    [
        "Volgens Van den Bosch moeten we investeren in woningbouw.\n",
        "Volgens Piet van den Bosch moeten we investeren in woningbouw.\n",
        "Volgens Van de Bilt moeten we meer woningen bouwen.\n",
    ],
)
def test_a_surname_with_van_is_no_municipality(text: str) -> None:
    assert _subjects(text) == {ZWOLLE}


def test_a_place_after_a_lower_case_van_stays_the_place() -> None:
    text = "Het college van de Bilt investeert in woningen.\n"
    assert "gm0310" in _subjects(text)


def test_the_seat_of_government_after_the_other_tiers_is_no_municipality() -> None:
    text = "We zoeken samenwerking met het waterschap, de provincie en Den Haag.\n"
    assert _subjects(text) == {ZWOLLE}
    assert "samenwerking" in _themes(text)


def test_places_and_neighbours_the_speaker_works_with_are_partners() -> None:
    themes = _themes("We werken samen met de dorpen aan een nieuwe sporthal.\n")
    assert "sport-en-bewegen" in themes
    assert "platteland-en-kleine-kernen" not in themes
    text = "Samen met buurgemeente Kampen pakken we de drugsoverlast aan.\n"
    assert _subjects(text) == {ZWOLLE}
    # a place the speaker invests in stays
    assert "platteland-en-kleine-kernen" in _themes("We investeren in de dorpen.\n")


def test_examples_of_the_claim_before_continue_it() -> None:
    text = (
        "We zetten het geld in voor nieuwe maatregelen. Voorbeelden daarvan zijn een "
        "buurtsportcoach en taalles voor nieuwkomers.\n"
    )
    assert "integratie-en-inburgering" in _themes(text)
    # without the lead, a long verbless sentence continues nothing
    text = (
        "We zetten het geld in voor nieuwe maatregelen in de wijken van de stad. Een extra "
        "jongerenwerker in elke wijk en taalles voor nieuwkomers in de bibliotheek van de stad.\n"
    )
    assert "integratie-en-inburgering" not in _themes(text)


def test_a_long_dash_item_after_another_is_its_sibling() -> None:
    text = (
        "Voorbeelden van investeringen die de gemeente gaat doen:\n"
        "– Meerkosten verplaatsen van het hoofdveld van de voetbalclub door een tribune\n"
        "– Onderzoek naar meer huurwoningen voor middeninkomens\n"
        "– Een nieuw podium voor de toneelvereniging\n"
    )
    items = [p.text for p in read_document(text, "streepjes").passages if p.kind == "streepje"]
    assert len(items) == 3
    assert items[1].startswith("Onderzoek naar meer huurwoningen")


def test_an_unwrapped_web_paragraph_ends_at_its_line() -> None:
    paragraph = (
        "Jarenlang kon er in de stad maar weinig gebouwd worden, omdat de provincie jaarlijks "
        "slechts een klein aantal woningen toestond in het kader van het regionale "
        "woningbouwprogramma. Vorig jaar is dat losgelaten en mag de stad bouwen voor de vraag "
        "die er is. Dit klinkt aardig, maar het is niet eenvoudig om dat ook te doen."
    )
    text = f"{paragraph}\n\n'We bouwen niet voor leegstand'\n\n\"We konden maar weinig bouwen.\"\n"
    passages = [p.text for p in read_document(text, "web").passages]
    assert "'We bouwen niet voor leegstand'" in passages
    assert passages[-1].startswith('"We konden')


def test_a_publisher_named_for_a_dissolved_municipality_speaks_for_its_successor() -> None:
    text = "Het college wil de komende jaren investeren in de wijken en de dorpen.\n"
    found = {}
    for year in (2005, 2017):
        record = report_record(f"krant-{year}", year, "Nieuws", "Groot Sneek")
        speaker = infer_speaker(record, read_document(text, record.key), _gazetteer())
        found[year] = speaker.code if speaker else None
    assert found == {2005: "GM0091", 2017: "GM1900"}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # too few, in plain words
        ("Er zijn niet genoeg huizen voor jonge gezinnen.", "wonen"),
        ("Bedrijven in de regio hebben te weinig personeel.", "arbeidsmarkt"),
        ("Ondertussen hebben we minder geld om uit te geven.", "gemeentefinancien"),
        # fewer young, more old
        ("De stad verandert: minder jongeren en meer ouderen.", "vergrijzing"),
    ],
)
def test_plain_words_name_their_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("De gemeente verkeert in zwaar weer.", "mobiliteit"),
        ("De prijzen zijn gestegen door de oorlog in Oekraïne.", "asiel-en-opvang"),
        ("De prijzen van grondstoffen zijn fors gestegen.", "circulaire-economie"),
        ("Werkgevers in de zorg zoeken personeel.", "personeel-en-organisatie"),
    ],
)
def test_a_cause_or_a_verb_names_no_such_theme(text: str, concept: str) -> None:
    assert concept not in matched_concepts(text)


def test_the_staff_of_the_municipality_stays_its_organisation() -> None:
    assert "personeel-en-organisatie" in _themes("We hebben te weinig personeel bij de gemeente.\n")
    assert "asiel-en-opvang" in matched_concepts("We vangen vluchtelingen uit Oekraïne op.")
    assert "circulaire-economie" in matched_concepts("We hergebruiken grondstoffen.")


def test_a_list_after_a_sentence_that_counts_it_is_that_list() -> None:
    items = (
        "Betaalbare woningen voor starters en ouderen in alle wijken, werk voor jongeren en de "
        "energietransitie in de wijken van de stad.\n"
    )
    themes = _themes("In dit programma zien we drie thema's telkens terugkomen. " + items)
    assert {"betaalbaar-wonen", "energietransitie"} <= themes
    # a sentence that counts nothing announces no list
    themes = _themes("In dit programma zien we veel terugkomen. " + items)
    assert "energietransitie" not in themes


def test_a_marker_on_a_line_of_its_own_opens_the_item_below_it() -> None:
    text = (
        "De coalitie kiest voor vier speerpunten: -\n"
        "investeren in onderwijs en sport,\n"
        "-\n"
        "een schone en groene stad,\n"
        "-\n"
        "financiële degelijkheid.\n"
    )
    items = [
        p.text for p in read_document(text, "losse-streepjes").passages if p.kind == "streepje"
    ]
    assert items == [
        "investeren in onderwijs en sport,",
        "een schone en groene stad,",
        "financiële degelijkheid.",
    ]


@pytest.mark.parametrize(
    ("text", "concept", "named"),
    [
        # a parking charge is revenue, parking itself mobility
        ("De parkeertarieven gaan volgend jaar omhoog.", "gemeentefinancien", True),
        ("De parkeertarieven gaan volgend jaar omhoog.", "mobiliteit", False),
        ("We pakken het parkeren in de binnenstad aan.", "mobiliteit", True),
        # a hub of firms is no road junction; a hub of transport is
        ("Hilversum is het mediaknooppunt van Nederland.", "bereikbaarheid", False),
        ("Het station wordt een OV-knooppunt.", "bereikbaarheid", True),
        # working with residents or other parties is no cooperation between governments
        ("We zoeken samenwerking met de stad en haar organisaties.", "samenwerking", False),
        ("De samenwerking met de andere partijen in de raad is goed.", "samenwerking", False),
        ("De samenwerking met de buurgemeenten wordt sterker.", "samenwerking", True),
    ],
)
def test_charges_hubs_and_partners_in_their_own_sense(text: str, concept: str, named: bool) -> None:
    assert (concept in matched_concepts(text)) is named


def test_an_area_that_only_says_where_names_no_theme() -> None:
    # a newcomer's budget text: rain in the town centre, crime in the countryside
    text = "Bij hevige regen lopen straten in de binnenstad onder water; we investeren in klimaatadaptatie.\n"
    themes = _themes(text)
    assert "klimaatadaptatie" in themes and "binnenstad" not in themes
    themes = _themes("Drugscriminaliteit in het buitengebied baart ons zorgen.\n")
    assert "landbouw-en-buitengebied" not in themes and "ondermijning" in themes
    # an area the claim aims at, or the area's own trend or services, stays
    assert "binnenstad" in _themes("We investeren de komende jaren in de binnenstad.\n")
    assert "binnenstad" in _themes("Het aantal bezoekers in de binnenstad daalt al jaren.\n")
    themes = _themes("De voorzieningen in het buitengebied verdwijnen een voor een.\n")
    assert "landbouw-en-buitengebied" in themes


@pytest.mark.parametrize(
    ("text", "labour_market", "own_staff"),
    [
        ("Zorg, onderwijs en techniek kampen met een groot tekort aan personeel.", True, False),
        ("Werkgevers vinden geen personeel.", True, False),
        ("Veel bedrijven missen personeel.", True, False),
        ("Scholen kampen met een groot tekort aan personeel.", True, False),
        # the municipality between the sector and its staff: its own staff
        ("Net als de zorg en het onderwijs heeft onze gemeente te weinig personeel.", False, True),
    ],
)
def test_a_sector_short_of_staff_is_the_labour_market(
    text: str, labour_market: bool, own_staff: bool
) -> None:
    facts = zwolle_facts(text + "\n", "eigen-tekst-q")
    themes = {t for s, t, n in facts if s == ZWOLLE and not n}
    assert ("arbeidsmarkt" in themes) is labour_market
    assert any(t == "personeel-en-organisatie" for _s, t, _n in facts) is own_staff
