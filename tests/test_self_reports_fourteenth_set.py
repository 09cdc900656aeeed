"""Issue 13, fourteenth round: themes named as themes ("thema's als …", "het thema
Wonen"), the college by "dit college", an aim as a noun, scarce space claimed; building
homes is house building; a group's word in a field's compound; an everyday word as a bare
member of a list of themes; residents as partners. Sentences of our own.
"""

from __future__ import annotations

import pytest

from tests.self_report_helpers import challenge_facts, report_record, zwolle_facts


def _themes(text: str, key: str = "eigen-tekst-o") -> set[str]:
    return {theme for _s, theme, negated in zwolle_facts(text, key) if not negated}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Thema's als klimaat, wonen en de kernen vragen om een lange adem.",
            {"energietransitie-en-klimaat", "wonen", "platteland-en-kleine-kernen"},
        ),
        ("Tot slot is het thema Cultuur aan dit akkoord toegevoegd.", {"cultuur-en-erfgoed"}),
        (
            "Op de thema's Armoede en Onderwijs zijn de afspraken verder uitgewerkt.",
            {"armoede", "onderwijs"},
        ),
        ("Het akkoord kent drie thema's: veiligheid, sport en natuur.", {"veiligheid"}),
    ],
)
def test_themes_named_as_themes_are_claims(text: str, expected: set[str]) -> None:
    assert expected <= _themes(text)


def test_a_word_about_a_theme_without_naming_it_one_is_no_claim() -> None:
    # "thema" as a plain noun with no theme after it: nothing is claimed
    assert _themes("Het thema van de avond werd door de voorzitter gekozen.") == set()


def test_this_college_is_the_speaker() -> None:
    facts = zwolle_facts(
        "Tot slot richt dit college zich vooral op de kwaliteit van het onderwijs.",
        "eigen-tekst-o2",
    )
    assert ("gm0193", "onderwijs", False) in facts


def test_an_aim_as_a_noun_is_a_claim() -> None:
    assert "bereikbaarheid" in _themes(
        "Inzet van het college is om de stad beter bereikbaar te maken."
    )
    assert "armoede" in _themes("Onze inzet blijft gericht op het bestrijden van armoede.")


def test_space_claimed_by_many_is_a_problem() -> None:
    themes = _themes(
        "Woningbouw, de energietransitie en de landbouw doen allemaal een beroep op de "
        "beschikbare ruimte."
    )
    assert {"woningbouw", "energietransitie", "landbouw"} <= themes
    # a call on residents is no scarce means
    assert (
        _themes("De burgemeester doet een beroep op iedereen om vuurwerk te laten liggen.") == set()
    )


@pytest.mark.parametrize(
    "text",
    [
        "We realiseren minimaal 700 woningen op De Velst en bij het station.",
        "Het college wil dat er voor 2030 nog 500 huizen worden bijgebouwd.",
        "Wij zetten in op de bouw van 300 sociale huurwoningen.",
        "Er moeten de komende jaren duizend woningen worden toegevoegd.",
    ],
)
def test_building_homes_is_house_building(text: str) -> None:
    assert "woningbouw" in _themes(text)


def test_building_on_the_housing_market_is_not_house_building() -> None:
    themes = _themes("We bouwen aan een woningmarkt waarop iedereen een plek vindt.")
    assert "woningbouw" not in themes
    assert "betaalbaar-wonen" in themes


def test_a_group_word_in_a_field_compound_names_the_field() -> None:
    # "jongeren" alone says for whom; "jongerenwerk" is the field of youth work
    assert "jeugd" in _themes(
        "Wij investeren extra in jongerenwerk, wonen, economie en duurzame mobiliteit."
    )
    assert "jeugd" not in _themes("Voor jongeren bouwen we betaalbare woningen.")


def test_an_everyday_word_as_a_bare_item_of_a_theme_list_counts() -> None:
    themes = _themes("Wij geven prioriteit aan duurzaamheid, verkeersveiligheid en infrastructuur.")
    assert "bereikbaarheid" in themes
    # qualified into another sense, it does not
    themes = _themes(
        "Wij geven prioriteit aan duurzaamheid, zorg en een infrastructuur voor de opvang."
    )
    assert "bereikbaarheid" not in themes


@pytest.mark.parametrize(
    "text",
    [
        "Samen is een rode draad: wij zoeken de samenwerking met bewoners en ondernemers.",
        "De gemeente zal draagvlak moeten creëren onder de inwoners.",
        "Het college wil beleid maken met inbreng van inwoners.",
        "Wij zetten de komende jaren sterker in op participatie.",
    ],
)
def test_residents_as_partners_is_citizen_participation(text: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" in _themes(text)


def test_participation_beside_work_is_re_integration() -> None:
    themes = _themes("We investeren in werk en participatie voor mensen in de bijstand.")
    assert "participatie-en-re-integratie" in themes
    assert "burgerparticipatie-en-vertrouwen" not in themes


def test_the_speakers_own_name_is_no_theme() -> None:
    # Krimpen aan den IJssel by its first word, its people and its adjective: not "krimp"
    text = (
        "# Begroting\n\nKRIMPEN A/D IJSSEL • De gemeente Krimpen aan den IJssel gaat "
        "bezuinigen.\n\nKrimpen moet de broekriem aanhalen. Zo komt er een planning voor de "
        "Krimpense wijken. De Krimpenaren merken er weinig van.\n"
    )
    facts = challenge_facts(text, report_record("eigen-tekst-o3", 2024), "GM0542")
    assert "krimp" not in {theme for _s, theme, _n in facts}
    assert ("gm0542", "gemeentefinancien", False) in facts
    # the theme itself, written as a word, still counts
    text += "\nDe gemeente heeft te maken met krimp van de bevolking.\n"
    facts = challenge_facts(text, report_record("eigen-tekst-o3", 2024), "GM0542")
    assert ("gm0542", "krimp", False) in facts


def test_a_portfolio_line_claims_nothing() -> None:
    assert _themes("Wethouder Jan Stoop: Openbare Ruimte, Wonen en Sport\n") == set()


def test_a_member_of_the_college_acts_for_it() -> None:
    themes = _themes(
        "Zo gaat wethouder Jan Stoop hard aan het werk met het ontwikkelen van woningbouw."
    )
    assert "woningbouw" in themes
    # "aan het werk met" is working on something, not employment
    assert "werk-en-inkomen" not in themes


def test_a_speech_tag_with_a_colon_is_no_portfolio_line() -> None:
    themes = _themes('Wethouder Jan Stoop: "We moeten investeren in de dienstverlening."\n')
    assert "uitvoering-en-dienstverlening" in themes


def test_clauses_a_semicolon_separates_are_items_of_their_own() -> None:
    # a list whose lead ("Een greep uit de lijst:") stood in the paragraph before
    themes = _themes(
        "Een greep uit de lijst:\n\nWe realiseren 700 woningen op De Velst, Eikenhof II en het "
        "stationsgebied; We breiden de duurzaamheidslening uit; We investeren in het centrum; "
        "De OZB stijgt niet meer dan de inflatie.\n"
    )
    assert {"woningbouw", "energietransitie-en-klimaat"} <= themes


def test_places_listed_after_a_speakers_cue_are_no_menu() -> None:
    themes = _themes("We bouwen 300 woningen in De Velst, Eikenhof, Assumburg en Tolhek.")
    assert "woningbouw" in themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # an area's development needs the area's name, not a plan's
        ("We werken aan de ontwikkeling van de kinderen op school.", "gebiedsontwikkeling"),
        # a centre for something, a region's central municipality
        ("Het Centrum voor Jeugd en Gezin wordt versterkt.", "binnenstad"),
        ("Wij werken als centrumgemeente aan beschermd wonen.", "binnenstad"),
        # taking action is no business
        ("We moeten actie ondernemen om de armoede aan te pakken.", "ondernemerschap"),
    ],
)
def test_a_phrase_in_another_sense_names_no_theme(text: str, theme: str) -> None:
    assert theme not in _themes(text)


def test_the_speakers_partners_do_not_share_its_claim() -> None:
    text = (
        "Samen met de gemeenten Deventer en Kampen is de gemeente Zwolle druk met de woondeal, "
        "die bepaalt waar welke woningen gebouwd worden.\n"
    )
    subjects = {s for s, _t, _n in zwolle_facts(text, "eigen-tekst-o4")}
    assert subjects == {"gm0193"}


def test_examples_of_a_theme_word_are_instances_of_it() -> None:
    themes = _themes(
        "Ook is er geld nodig om het maatschappelijk vastgoed, zoals scholen, gebouwen en "
        "accommodaties voor sport, te verduurzamen."
    )
    assert "gebiedsontwikkeling" in themes
    assert not {"onderwijs", "sport-en-bewegen"} & themes
    # examples of something that names no theme are the claim
    themes = _themes("We hebben grote opgaven, zoals de jeugdzorg en de Wmo.")
    assert {"jeugd", "maatschappelijke-ondersteuning"} <= themes
    # nor does a theme word in a prepositional phrase head them
    themes = _themes(
        "We hebben ontwikkelingen meegenomen die van invloed zijn op de begroting, zoals "
        "de stijgende kosten van jeugdhulp."
    )
    assert "jeugd" in themes


def test_the_municipalitys_own_debts_are_no_household_debt() -> None:
    themes = _themes("De gemeente ziet haar schulden de komende jaren fors stijgen.")
    assert "schulden" not in themes


def test_a_norm_on_an_everyday_adjective_names_its_theme() -> None:
    themes = _themes(
        "Nieuwe woonruimte willen we goed inpassen en de stad moet bereikbaar blijven."
    )
    assert "bereikbaarheid" in themes
    # the adjective of a service's hours is no road
    assert "bereikbaarheid" not in _themes(
        "Wij willen wonen en zorg, en we zijn telefonisch bereikbaar."
    )


def test_a_comparison_with_other_municipalities_keeps_the_speaker() -> None:
    themes = _themes(
        "Net als voor veel andere gemeenten liggen er grote uitdagingen op het gebied van wonen "
        "en de natuur."
    )
    assert {"wonen", "natuur-en-landschap"} <= themes


def test_a_number_that_is_no_road_names_no_road() -> None:
    assert "bereikbaarheid" not in _themes("Wij willen de folder op A4-formaat over armoede.")
    assert "bereikbaarheid" not in _themes("Wij investeren in armoede; N=500 respondenten.")


def test_groups_listed_as_whom_a_measure_is_for_name_no_theme() -> None:
    themes = _themes("Wij bouwen woningen voor starters, jongeren, ouderen en gezinnen.")
    assert not {"jeugd", "ouderen"} & themes


# Wordings that state a claim on a theme, each with a sentence of our own.
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # raising, lowering
        ("We verhogen de armoedegrens naar 130 procent van het sociaal minimum.", "armoede"),
        ("Het college verlaagt de tarieven voor de sportverenigingen.", "sport-en-bewegen"),
        # more spent than planned, costs out of hand, aims, money found
        ("Vooral voor jeugdzorg zijn we meer geld kwijt dan begroot.", "jeugd"),
        ("De kosten van de Wmo rijzen de pan uit.", "maatschappelijke-ondersteuning"),
        (
            "Het eindpunt dat we beogen is een betere dienstverlening.",
            "uitvoering-en-dienstverlening",
        ),
        ("Onze missie is het landschap met de stad te verbinden.", "natuur-en-landschap"),
        (
            "Betrokkenheid vanuit de samenleving is voor ons erg belangrijk.",
            "burgerparticipatie-en-vertrouwen",
        ),
        ("Daarnaast is er ruimte gevonden om te investeren in veiligheid.", "veiligheid"),
        # a trend ahead, or what may cause a problem
        ("De zorgbehoefte gaat de komende jaren flink stijgen.", "zorg"),
        (
            "Het aantal statushouders zal naar verwachting de komende jaren verder toenemen.",
            "integratie-en-inburgering",
        ),
        ("Uit onderzoek blijkt dat de agrarische sector drastisch gaat dalen.", "landbouw"),
        ("De stijgende prijzen kunnen voor nieuwe of extra armoede zorgen.", "armoede"),
        # a phrase that names a theme no single word does (phrase_themes)
        ("De groei van het aantal inwoners vraagt om nieuwe voorzieningen.", "bevolkingsgroei"),
        ("De stad moet groeien van 120 duizend naar 140 duizend inwoners.", "bevolkingsgroei"),
        ("Het aantal inwoners gaat de komende jaren afnemen.", "krimp"),
        ("We gaan voortvarend verder met de ontwikkeling van de Havenkom.", "gebiedsontwikkeling"),
        ("Tegelijk moet de gemeente het doen met minder geld van het Rijk.", "gemeentefinancien"),
        ("Zwolle blijft zelfstandig en werkt samen waar het kan.", "samenwerking"),
        ("We investeren in de verblijfswaarde van het centrum.", "binnenstad"),
        ("Ondernemen loont en verbindt", "ondernemerschap"),
        # new tasks, roads, the organisation, named areas, more cues
        (
            "De gemeente krijgt veel nieuwe taken op het gebied van jeugd en werk.",
            "decentralisaties",
        ),
        ("Er wordt gewerkt aan de verbreding van de N282.", "bereikbaarheid"),
        ("De aansluiting op de A9 wordt verbeterd.", "bereikbaarheid"),
        ("Er komt een bezuiniging op de organisatie.", "personeel-en-organisatie"),
        (
            "Het gemeentebestuur wil verder met de omvorming van De Kern tot een woonwijk.",
            "gebiedsontwikkeling",
        ),
        ("Verder streeft de gemeente naar beperking van vakantieverhuur.", "toerisme"),
        ("Een sluitende begroting is geen vanzelfsprekendheid meer.", "gemeentefinancien"),
        ("Het gaat ook om dienstverlening.", "uitvoering-en-dienstverlening"),
        (
            "Met extra inzet op cultuur en speciale aandacht voor de bibliotheek.",
            "cultuur-en-erfgoed",
        ),
        (
            "Bij het beheer onderzoeken we waar ruimte is voor klimaatbestendigheid.",
            "klimaatadaptatie",
        ),
        # staying independent, more terms, long subjects, fields a list announces
        ("Zwolle heeft de ambitie om zelfstandig te blijven.", "samenwerking"),
        ("Wij willen een evenwichtig financieel beheer voeren.", "gemeentefinancien"),
        ("Thema's die veel aandacht krijgen zijn sport en gezondheid.", "sport-en-bewegen"),
        (
            "In de koers staat de samenwerking met inwoners, verenigingen en ondernemers centraal.",
            "burgerparticipatie-en-vertrouwen",
        ),
        ("Ook hier volgt de coalitie de ingezette weg voor de bibliotheek.", "cultuur-en-erfgoed"),
        ("De gemeente wil het theater vernieuwen.", "cultuur-en-erfgoed"),
        ("De gemeente wil een 30 kilometer-zone in de binnenstad.", "verkeersveiligheid"),
        ("De coalitie geeft voorrang aan de bouwagenda.", "woningbouw"),
        (
            "Herstel van vertrouwen in het gemeentebestuur blijft ons doel.",
            "burgerparticipatie-en-vertrouwen",
        ),
        (
            "Wij blijven investeren in een stevige en wendbare organisatie.",
            "personeel-en-organisatie",
        ),
        (
            "Wij staan voor flinke uitdagingen op het gebied van zorg, energie en financiën.",
            "energietransitie",
        ),
    ],
)
def test_a_wording_states_its_theme(text: str, theme: str) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # an idiom: work to do
        ("Werk aan de winkel: wij pakken de armoede aan.", "binnenstad"),
        # the human scale of a town, not a humane service
        (
            "Wij willen een stad op een schaal die past bij de menselijke maat in onze stad.",
            "uitvoering-en-dienstverlening",
        ),
        # an area around a station is developed, not travelled
        ("We werken aan de ontwikkeling van de stationsomgeving.", "openbaar-vervoer"),
    ],
)
def test_a_word_in_a_judges_counterexample_keeps_its_sense(text: str, theme: str) -> None:
    assert theme not in _themes(text)


def test_a_newcomers_budget_news_reads_as_its_author_meant() -> None:
    # sentences from a budget item a newcomer wrote for the README's ingest
    facts = zwolle_facts(
        "# Begroting 2027\n\n## Jeugdzorg\n\nDe grootste zorg blijven de kosten van de "
        "jeugdzorg.\n\n## Energie\n\nVeel huishoudens kunnen hun energierekening niet meer "
        "betalen. Het warmtenet in de wijk Keizerslanden wordt verder uitgebreid.\n\n## Schulden\n\nHet aantal "
        "inwoners met problematische schulden neemt toe.\n\n## Vervoer\n\nHet busvervoer naar de "
        "dorpen staat onder druk; de gemeente praat over het behoud van de buurtbus.\n\n"
        "De gemeenteraad bespreekt de begroting op 6 en 7 november.\n",
        "eigen-tekst-o5",
    )
    problems = {t for _s, t, n in facts if not n}
    assert {"jeugd", "energiearmoede", "warmtetransitie", "openbaar-vervoer"} <= problems
    # the number of indebted residents is no population growth, the neighbourhood bus no
    # neighbourhood, a meeting date no claim on the budget
    assert not {"bevolkingsgroei", "leefbaarheid-en-wijken", "gemeentefinancien", "zorg"} & problems
