"""Issue 13, fourteenth round: themes named as themes ("thema's als …", "het thema
Wonen"), the college by "dit college", an aim as a noun, scarce space claimed; building
homes is house building; a group's word in a field's compound; an everyday word as a bare
member of a list of themes; residents as partners. Sentences of our own.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.framework import _gazetteer, extract_facts
from gemeentegraaf.extract.generic import SELF_REFERENCE, _short_name, run_in_items
from gemeentegraaf.extract.phrase_themes import _BUILDING_TERM, _PHRASES
from gemeentegraaf.extract.speaker import speaker_from_code
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.themes import ThemeScheme
from rdflib.namespace import RDF

from tests.self_report_helpers import OPENING, challenge_facts, report_record, zwolle_facts


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


# -- after a code review: each rule's wrong sense, and the relation it gives -------------


def _relations(text: str) -> dict[str, str]:
    """theme → relation of the facts `text` gives Zwolle (negated ones left out)."""
    document = read_document(OPENING + text + "\n", "eigen-tekst-r")
    graph = extract_facts(
        report_record("eigen-tekst-r", 2024, "Coalitieakkoord"),
        document,
        speaker=speaker_from_code("GM0193", _gazetteer()),
    ).graph
    out = {}
    for node in graph.subjects(RDF.type, GG.Uitdaging):
        if graph.value(node, GG.ontkend) is not None and graph.value(node, GG.ontkend).toPython():
            continue
        relation = str(graph.value(node, GG.relatie)).rsplit("#", 1)[-1]
        for theme in graph.objects(node, GG.thema):
            out[str(theme).rsplit("/", 1)[-1]] = relation
    return out


@pytest.mark.parametrize(
    ("text", "theme", "relation"),
    [
        # a trend ahead is a problem; an aim that something grows is an aim
        ("De zorgbehoefte gaat de komende jaren stijgen.", "zorg", "StaatVoor"),
        (
            "Wij willen dat het aantal banen in de regio flink gaat groeien.",
            "arbeidsmarkt",
            "Prioriteert",
        ),
        # a burden that rises is a problem; falling unemployment is no problem
        ("Het aantal bijstandsgerechtigden stijgt.", "participatie-en-re-integratie", "StaatVoor"),
        # a cause of a problem, not a promise
        ("De stijgende prijzen kunnen voor extra armoede zorgen.", "armoede", "StaatVoor"),
        # raising or lowering by the speaker is acting
        ("Wij verhogen de armoedegrens naar 130 procent.", "armoede", "Onderneemt"),
    ],
)
def test_a_wording_gives_its_relation(text: str, theme: str, relation: str) -> None:
    assert _relations(text).get(theme) == relation


@pytest.mark.parametrize(
    "text",
    [
        "De werkloosheid daalt.",
        "Wij nemen de jeugdzorg af bij de regio.",
        "Wij zullen voor voldoende betaalbare woningen zorgen.",
    ],
)
def test_good_news_a_purchase_or_a_promise_is_no_problem(text: str) -> None:
    assert "StaatVoor" not in _relations(text).values()


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Op de bijeenkomst over het thema armoede waren veel inwoners.", "armoede"),
        ("Wij willen dat statushouders binnen drie jaar taalniveau A2 halen.", "bereikbaarheid"),
        ("Wij willen dat nieuwe woningen energielabel A1 krijgen.", "bereikbaarheid"),
        ("Wij leggen een fietspad van 30 km aan.", "verkeersveiligheid"),
        ("Wij investeren in het Centrum voor Nieuwe Media.", "binnenstad"),
        ("Wij investeren als centrumgemeente.", "binnenstad"),
        ("Wij willen dat ouderen zo lang mogelijk zelfstandig blijven wonen.", "samenwerking"),
        ("Wij werken samen met de scholen aan minder schooluitval.", "samenwerking"),
        ("Wij werken aan de ontwikkeling van de Omgevingsvisie.", "gebiedsontwikkeling"),
        ("De transformatie van de Jeugdzorg vraagt veel van ons.", "gebiedsontwikkeling"),
        ("Wij investeren in de organisatie van evenementen.", "personeel-en-organisatie"),
        ("Wij willen dat de wijkagent extra taken krijgt in de handhaving.", "decentralisaties"),
        (
            "Door de inflatie houden veel gezinnen minder geld over, zorgen wij.",
            "gemeentefinancien",
        ),
        ("Wij realiseren de energietransitie door woningen te isoleren.", "woningbouw"),
        ("Wij voegen zonnepanelen toe aan bestaande woningen.", "woningbouw"),
        ("Wij realiseren twee nieuwe buurthuizen in Zwolle-Zuid.", "woningbouw"),
        ("Op het gebied van wonen bouwen we vooral voor starters, ouderen en jongeren.", "ouderen"),
    ],
)
def test_a_rule_in_another_sense_gives_no_theme(text: str, theme: str) -> None:
    assert theme not in _themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Wij verbeteren de gemeentelijke schuldhulpverlening.", "schulden"),
        ("Wij willen dat een inwoner met haar schulden snel hulp krijgt.", "schulden"),
        ("We investeren in het centrum voor bewoners en bezoekers.", "binnenstad"),
        ("Wethouder Jan Stoop: we investeren fors in de jeugdzorg.", "jeugd"),
        (
            "Wij willen het vertrouwen in ons gemeentebestuur herstellen.",
            "burgerparticipatie-en-vertrouwen",
        ),
        (
            "Wij willen het vastgoed, zoals scholen en sporthallen, verduurzamen en de armoede bestrijden.",
            "armoede",
        ),
    ],
)
def test_the_sense_a_new_rule_must_leave_alone(text: str, theme: str) -> None:
    assert theme in _themes(text)


def test_clauses_opening_with_a_capital_split_a_sentence_at_its_semicolons() -> None:
    text = "We bouwen woningen; We investeren in sport; De OZB stijgt niet"
    assert [text[a:b].strip() for a, b in run_in_items(text)] == [
        "We bouwen woningen",
        "We investeren in sport",
        "De OZB stijgt niet",
    ]
    # lower-case clauses are one sentence's parts, not items
    assert run_in_items("We bouwen woningen; we investeren in sport; de OZB stijgt niet") == []


def test_every_phrase_rule_names_a_term_of_the_scheme() -> None:
    # a renamed label would switch a rule off without a word
    terms = ThemeScheme.load().terms
    assert all(term in terms for term, _pattern in _PHRASES)
    assert _BUILDING_TERM in terms


def test_the_speakers_short_name_is_its_first_word_only() -> None:
    assert _short_name("Land van Cuijk").search("LANDBOUW") is None
    assert _short_name("Land van Cuijk").search("Land moet bezuinigen") is not None
    assert _short_name("Nuenen, Gerwen en Nederwetten").search("Nuenen bezuinigt") is not None


def test_a_former_alderman_is_not_the_college() -> None:
    assert SELF_REFERENCE.search("Oud-wethouder Jansen pleit voor huurwoningen") is None
    assert SELF_REFERENCE.search("Wethouder Jansen pleit voor huurwoningen") is not None
