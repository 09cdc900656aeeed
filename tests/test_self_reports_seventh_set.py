"""Issue 13, seventh round: classes of phrasing the quotes of the earlier sets and the dev
set issue13h showed missing or misread.

Each test names one class and uses sentences of our own, read as a new report by Zwolle
(tests/self_report_helpers.py), as `gemeentegraaf ingest --speaker` does; each class has
sentences where the rule must not fire as well.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import _TABLE_OF_CONTENTS, relation_of

from tests.self_report_helpers import ZWOLLE, matched_concepts, zwolle_facts, zwolle_themes


def _themes(text: str) -> set[str]:
    return zwolle_themes(text, "eigen-tekst-g")


# --- theme vocabulary ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Nieuwe wijken worden aardgasloos gebouwd.", "warmtetransitie"),
        ("We bouwen zoveel mogelijk gasloos.", "warmtetransitie"),
        ("Op zaterdag rijdt een nachtbus naar de dorpen.", "openbaar-vervoer"),
        ("Aan de rand van het dorp komt een knarrenhof.", "wonen"),
        ("De ozb stijgt niet meer dan de inflatie.", "gemeentefinancien"),
        ("De onroerendezaakbelasting gaat omlaag.", "gemeentefinancien"),
        ("De gemeentelijke belastingen blijven gelijk.", "gemeentefinancien"),
        ("Het wordt de komende jaren krap met het geld.", "gemeentefinancien"),
        ("De gemeente zit financieel zwaar weer in.", "gemeentefinancien"),
        ("Het lerarentekort raakt ook onze scholen.", "onderwijs"),
        ("Het oude centrumbad wordt vervangen.", "sport-en-bewegen"),
        ("We zetten ons in voor het behoud van het ziekenhuis.", "zorg"),
        ("Veel ouderen voelen zich eenzaam.", "sociale-cohesie"),
        ("De gemeentelijke organisatie krijgt een nieuwe opzet.", "personeel-en-organisatie"),
        ("De haven wordt een basis voor off shore wind.", "energietransitie"),
        # phrases whose words alone name another theme: housing for labour migrants is
        # labour migration, everyone taking part is inclusion, caring for each other is
        # social cohesion
        ("Er komt toezicht op de huisvesting van arbeidsmigranten.", "arbeidsmigratie"),
        ("We zorgen ervoor dat iedereen kan meedoen.", "inclusie-en-kansengelijkheid"),
        ("Een stad waar iedereen mee kan doen.", "inclusie-en-kansengelijkheid"),
        ("We investeren in zorg voor elkaar.", "sociale-cohesie"),
    ],
)
def test_missing_theme_terms(text: str, theme: str) -> None:
    assert theme in matched_concepts(text)


@pytest.mark.parametrize(
    ("text", "not_theme"),
    [
        ("Er komt toezicht op de huisvesting van arbeidsmigranten.", "wonen"),
        ("We zorgen ervoor dat iedereen kan meedoen.", "participatie-en-re-integratie"),
        ("We investeren in zorg voor elkaar.", "zorg"),
    ],
)
def test_the_phrase_takes_the_theme_its_words_would_give(text: str, not_theme: str) -> None:
    assert not_theme not in matched_concepts(text)


@pytest.mark.parametrize(
    "text",
    [
        # the speaker at work for its town: not employment
        "Samen sterk, sociaal aan het werk voor onze stad!",
        # how something is done: not cooperation as a topic
        "We nemen besluiten in overleg en samenwerking met de buurten.",
    ],
)
def test_phrases_that_say_how_name_no_theme(text: str) -> None:
    assert not set(matched_concepts(text)) & {"werk-en-inkomen", "samenwerking"}


def test_helping_people_into_work_and_cooperation_as_a_topic_still_count() -> None:
    assert "werk-en-inkomen" in matched_concepts("We helpen 500 mensen aan het werk.")
    assert "samenwerking" in matched_concepts("De samenwerking met de buurgemeenten groeit.")


def test_a_local_tax_still_names_no_theme_of_its_base_except_the_ozb() -> None:
    # "toeristenbelasting" is not tourism and "hondenbelasting" not animals; the OZB is a
    # finance term of its own
    assert matched_concepts("De toeristenbelasting en de hondenbelasting gaan omhoog.") == []
    assert matched_concepts("De onroerendezaakbelasting gaat omhoog.") == ["gemeentefinancien"]


# --- cue words, word by word --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        # money that falls short
        ("Het budget voor onderhoud is ontoereikend.", GG.StaatVoor),
        ("De middelen voor de bibliotheek zijn onvoldoende toereikend.", GG.StaatVoor),
        ("Het wordt krap in de gemeentekas.", GG.StaatVoor),
        ("De gemeente zit in zwaar weer.", GG.StaatVoor),
        # costs that rise or weigh on the budget
        ("De kosten van de bijstand zijn fors gestegen.", GG.StaatVoor),
        ("De kostenstijging bij de Wmo is groot.", GG.StaatVoor),
        ("Dat komt door de stijgende kosten van de jeugdhulp.", GG.StaatVoor),
        ("De Wmo drukt zwaar op de begroting.", GG.StaatVoor),
        ("Vooral de jeugdzorg drukt flink op het budget.", GG.StaatVoor),
        ("We willen een miljoen besparen op inhuur.", GG.StaatVoor),
        # too many, hard, taboo
        ("Te veel jongeren trekken weg uit het dorp.", GG.StaatVoor),
        ("Het is niet eenvoudig om hier een huis te vinden.", GG.StaatVoor),
        ("Op schulden rust nog steeds een taboe.", GG.StaatVoor),
        # a start made, something fought, joining in, examined
        ("De gemeente maakt dit jaar een begin met de warmtevisie.", GG.Onderneemt),
        ("We maken een start met de buurtaanpak.", GG.Onderneemt),
        ("Om eenzaamheid tegen te gaan, openen buurthuizen vaker.", GG.Onderneemt),
        ("Het college zal meewerken aan de regionale woondeal.", GG.Onderneemt),
        ("De afdeling wordt doorgelicht.", GG.Onderneemt),
        ("Samen werken wij, met veel partners, aan een schone stad.", GG.Onderneemt),
        # a thousands separator is no sentence end
        ("De partijen trekken elk jaar 400.000 euro extra uit voor groen.", GG.Onderneemt),
        # kept, agreed, valued, required, stressed, to be improved
        ("Het college zal het zwembad behouden.", GG.Prioriteert),
        ("De partijen hebben afgesproken dat de lasten gelijk blijven.", GG.Prioriteert),
        ("We hechten grote waarde aan de bibliotheek.", GG.Prioriteert),
        ("Goede scholen zijn een randvoorwaarde.", GG.Prioriteert),
        ("Cultuur krijgt in dit programma extra nadruk.", GG.Prioriteert),
        ("De dienstverlening moet beter.", GG.Prioriteert),
        # none of these
        ("Het aanbod is toereikend.", None),
        ("De kosten zijn gelijk gebleven.", None),
        ("Het weer was zwaar bewolkt.", None),
        ("Hij maakt een grap.", None),
        ("Ze zaten tegenover elkaar.", None),
        ("In 2023 waren het er 400.", None),
    ],
)
def test_cue_words_for_money_costs_starts_and_weight(sentence, relation) -> None:
    assert relation_of(sentence) == relation


def test_a_hard_thing_is_not_negated() -> None:
    # "niet makkelijk" asserts the problem, like "niet toereikend"
    facts = zwolle_facts(
        "Het is niet makkelijk om met een laag inkomen rond te komen.", "eigen-tekst-g"
    )
    assert (ZWOLLE, "armoede", False) in facts
    assert (ZWOLLE, "armoede", True) not in facts


# --- a deficit with no object is the budget's ---------------------------------------------


def test_a_deficit_with_no_object_is_the_municipal_finances() -> None:
    assert "gemeentefinancien" in _themes("Vanaf 2027 worden forse tekorten verwacht.")
    assert "gemeentefinancien" in _themes("Dit jaar is er een tekort van 2 miljoen euro.")


@pytest.mark.parametrize(
    "text",
    [
        "Er is een groot tekort aan leraren.",  # a shortage of something
        "De tekorten in de jeugdzorg lopen op.",  # a field's deficit: that field
        "Er is een tekort op de woningmarkt.",
        "Veel kinderen komen tekort.",  # to lack: no noun
    ],
)
def test_a_shortage_of_something_or_a_fields_deficit_is_not_the_budget(text: str) -> None:
    assert "gemeentefinancien" not in _themes(text)


# --- who speaks -----------------------------------------------------------------------------


def test_a_coalition_named_by_its_parties_is_the_speaker() -> None:
    text = "GroenLinks, D66 en CDA trekken jaarlijks 300.000 euro uit voor de bibliotheek."
    assert "cultuur-en-erfgoed" in _themes(text)
    assert "cultuur-en-erfgoed" in _themes(
        "Leefbaar Zwolle, CDA en VVD willen de bibliotheek behouden."
    )


@pytest.mark.parametrize(
    "text",
    [
        # the opposition, named or in a speech tag
        "De oppositiepartijen SP en PVV willen meer geld voor de bibliotheek.",
        "SP en PVV willen meer geld voor de bibliotheek, zegt oppositieleider Jansen.",
        # one party alone: a party's wish; two may as well be the opposition
        "De VVD wil meer geld voor de bibliotheek.",
        "SP en PVV willen meer geld voor de bibliotheek.",
    ],
)
def test_one_party_or_the_opposition_is_not_the_speaker(text: str) -> None:
    assert "cultuur-en-erfgoed" not in _themes(text)


def test_what_comes_from_the_rijk_leaves_the_speaker_acting() -> None:
    text = "Met de nieuwe taken vanuit het Rijk staan we voor een grote opgave in de jeugdzorg."
    assert "jeugd" in _themes(text)
    # the Rijk as the agent still takes the claim away
    assert "jeugd" not in _themes("De jeugdzorg wordt door het Rijk hervormd.")


def test_the_agreement_by_its_kind_is_the_speakers_and_names_no_theme() -> None:
    themes = _themes("In het bestuursakkoord is veel aandacht voor de bibliotheek.")
    assert "cultuur-en-erfgoed" in themes
    assert "bestuur-en-financien" not in themes


# --- a table of contents claims nothing -----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Inleiding 2",
        "2 Digitalisering 3",
        "13 Ruimtelijke ontwikkeling en Wonen 15 14 Financiën 17",
        "4.2 Sport, kunst en cultuur 12",
    ],
)
def test_table_of_contents_lines(line: str) -> None:
    assert _TABLE_OF_CONTENTS.fullmatch(line)


@pytest.mark.parametrize(
    "line",
    [
        "We bouwen 300 woningen per jaar.",
        "Coalitieakkoord 2022-2026",
        "2 Digitalisering",  # a numbered heading, no page number
        "Wonen",
    ],
)
def test_sentences_and_headings_are_no_table_of_contents(line: str) -> None:
    assert not _TABLE_OF_CONTENTS.fullmatch(line)


def test_a_table_of_contents_gives_no_themes_but_its_chapters_do() -> None:
    toc = "INHOUD\n\nInleiding 2\n\n1 Veiligheid 3\n\n2 Onderwijs 5\n\n3 Financiën 7\n\n"
    assert not _themes(toc) & {"veiligheid", "onderwijs", "gemeentefinancien"}
    assert "onderwijs" in _themes(toc + "Onderwijs\n\nWe investeren in nieuwe scholen.\n")


# --- claims with no agent: attention given, rates and prices set -----------------------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Verder is er veel aandacht voor de bibliotheek.", "cultuur-en-erfgoed"),
        ("Daarnaast krijgt de bibliotheek de komende jaren extra aandacht.", "cultuur-en-erfgoed"),
        ("Meer aandacht voor de bibliotheek en het museum in de binnenstad.", "cultuur-en-erfgoed"),
        ("Zo gaat de onroerendezaakbelasting (ozb) omhoog.", "gemeentefinancien"),
        ("Parkeervergunningen worden duurder.", "mobiliteit"),
    ],
)
def test_attention_given_and_rates_set_with_no_agent_are_the_speakers(text, theme) -> None:
    assert theme in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        # someone else gives the attention or sets the rate
        "De provincie heeft veel aandacht voor de bibliotheek.",
        "Het kabinet laat de tarieven voor de bibliotheek omhoog gaan.",
    ],
)
def test_attention_or_rates_of_someone_else_stay_theirs(text: str) -> None:
    assert "cultuur-en-erfgoed" not in _themes(text)


# --- run-in lists whose lead states the cue -----------------------------------------------


def test_a_verbless_item_of_a_run_in_list_continues_its_leads_claim() -> None:
    text = (
        "Daarin komen de grote opgaven van de stad aan de orde: de bibliotheek; de "
        "energietransitie; het openbaar vervoer en de fietspaden."
    )
    themes = _themes(text)
    assert {"cultuur-en-erfgoed", "energietransitie", "openbaar-vervoer"} <= themes


def test_an_item_with_a_verb_but_no_cue_does_not_continue_the_lead() -> None:
    text = (
        "Daarin komen de opgaven aan de orde: de bibliotheek; de sporthal is nog in goede "
        "staat; er komt een nachtbus."
    )
    themes = _themes(text)
    assert {"cultuur-en-erfgoed", "openbaar-vervoer"} <= themes
    assert "sport-en-bewegen" not in themes


# --- what is lacking or disappoints --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Het ontbreekt aan goede fietspaden.", GG.StaatVoor),
        ("Door het ontbreken van een zwembad sporten minder kinderen.", GG.StaatVoor),
        ("De opbrengst van de grondexploitatie valt dit jaar tegen.", GG.StaatVoor),
        ("De inkomsten uit parkeren vielen tegen.", GG.StaatVoor),
        ("Hij viel in slaap.", None),
    ],
)
def test_cue_words_for_what_is_lacking(sentence, relation) -> None:
    assert relation_of(sentence) == relation


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("De grondexploitatie sluit met een verlies.", "gebiedsontwikkeling"),
        ("De verkoop van grond levert minder op.", "gebiedsontwikkeling"),
        ("Het park dient ook voor wateropvang.", "klimaatadaptatie"),
    ],
)
def test_terms_for_land_and_water(text: str, theme: str) -> None:
    assert theme in matched_concepts(text)


# --- other governments named after a preposition are not the actor -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Samen met andere gemeenten werken we aan betere fietspaden.",
        "De schulden van de oude gemeenten drukken op de begroting.",
    ],
)
def test_governments_named_as_partners_or_owners_leave_the_speaker_acting(text: str) -> None:
    assert _themes(text) & {"fiets-en-lopen", "gemeentefinancien"}


@pytest.mark.parametrize(
    "text",
    [
        "Andere gemeenten werken aan betere fietspaden.",
        "Voor de provincie is de fiets van groot belang.",
    ],
)
def test_another_government_as_subject_keeps_its_claim(text: str) -> None:
    assert "fiets-en-lopen" not in _themes(text)


# --- policies pursued, aims and norms -----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("De grote vraag naar huizen vraagt om een versnelling.", GG.StaatVoor),
        ("Het parkeerbeleid wordt soepeler.", GG.Onderneemt),
        ("Daarom voeren we een actief armoedebeleid.", GG.Onderneemt),
        ("Er wordt ruimte gecreëerd voor starters.", GG.Onderneemt),
        ("Er moeten meer huizen worden gebouwd.", GG.Onderneemt),
        ("Wij ondersteunen mantelzorgers.", GG.Onderneemt),
        ("De gemeente moet inspelen op de vergrijzing.", GG.Onderneemt),
        ("We brengen de financiën op orde.", GG.Onderneemt),
        ("We willen de haven doorontwikkelen.", GG.Onderneemt),
        ("Groen wordt een strategisch doel.", GG.Prioriteert),
        ("De plannen zijn ambitieuzer dan eerst.", GG.Prioriteert),
        ("We richten ons op de binnenstad.", GG.Prioriteert),
        ("Om te waarborgen dat de bus blijft rijden.", GG.Prioriteert),
        ("De stad is en blijft groen.", GG.Prioriteert),
        ("We optimaliseren de dienstverlening.", GG.Prioriteert),
        ("Er moet een jongerenraad komen.", GG.Prioriteert),
        # none of these
        ("De voerman reed door.", None),
        ("Hij kwam om acht uur thuis.", None),
        ("De doelgroep is klein.", None),
    ],
)
def test_cue_words_for_policies_aims_and_norms(sentence, relation) -> None:
    assert relation_of(sentence) == relation


def test_a_norm_for_what_must_come_is_the_speakers() -> None:
    assert "cultuur-en-erfgoed" in _themes("Er moet een nieuwe bibliotheek komen.")
    assert "cultuur-en-erfgoed" not in _themes(
        "De provincie vindt dat er een nieuwe bibliotheek moet komen."
    )


def test_hard_at_work_for_an_aim_is_not_employment() -> None:
    themes = _themes("We moeten nu hard aan het werk om de financiën op orde te krijgen.")
    assert "gemeentefinancien" in themes
    assert "werk-en-inkomen" not in themes


# --- objects of one verb across commas; whom the speaker talks with ------------------------


def test_the_objects_of_a_relative_clause_run_on_across_commas() -> None:
    # "die investeert in X, in Y en …": X is no subordinate side word while Y, after the
    # comma, would be the main clause's
    text = (
        "Wij willen een gemeente zijn, die investeert in de bibliotheek, in het openbaar "
        "vervoer en meebouwt aan een sterke economie."
    )
    assert {"cultuur-en-erfgoed", "openbaar-vervoer", "economie-en-binnenstad"} <= _themes(text)


def test_a_time_after_the_comma_ends_the_relative_clause() -> None:
    from gemeentegraaf.extract.theme_roles import subordinate_spans

    text = "We steunen de clubs die investeren in jeugd, in 2025 komt er een sporthal bij."
    (start, end), *_ = subordinate_spans(text)
    assert text[start:end] == "die investeren in jeugd"


def test_whom_the_speaker_talks_with_about_something_is_not_the_topic() -> None:
    text = (
        "Het college gaat in gesprek met scholen en sportclubs over veilige fietsroutes "
        "naar de binnenstad."
    )
    themes = _themes(text)
    assert "fiets-en-lopen" in themes
    assert not themes & {"onderwijs", "sport-en-bewegen"}


def test_talking_with_residents_is_participation() -> None:
    assert "burgerparticipatie-en-vertrouwen" in _themes(
        "We vinden het belangrijk dat de gemeente echt in gesprek gaat met de inwoners."
    )


def test_talking_with_partners_with_no_topic_named_keeps_their_field() -> None:
    assert "onderwijs" in _themes("Het college gaat met de scholen in gesprek.")


# --- claims of weight; the speaker's own name; a pronoun in the next paragraph --------------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("De bibliotheek is een belangrijk thema voor de komende jaren.", "cultuur-en-erfgoed"),
        ("De bibliotheek zal hierin een belangrijke rol spelen.", "cultuur-en-erfgoed"),
        ("Het openbaar vervoer is een aandachtspunt.", "openbaar-vervoer"),
    ],
)
def test_a_theme_or_role_of_weight_with_no_agent_is_the_speakers(text: str, theme: str) -> None:
    assert theme in _themes(text)


def test_the_municipal_government_by_name_is_no_governance_theme() -> None:
    themes = _themes("Het gemeentebestuur wil de bibliotheek versterken.")
    assert "cultuur-en-erfgoed" in themes
    assert "bestuur-en-financien" not in themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Elk jaar planten we duizend nieuwe bomen.", "openbare-ruimte"),
        ("We staan voor een sterk verenigingsleven.", "cultuur-en-sport"),
        ("Er komt meer studentenhuisvesting.", "wonen"),
    ],
)
def test_terms_for_trees_clubs_and_student_housing(text: str, theme: str) -> None:
    assert theme in matched_concepts(text)


def test_not_seeing_the_wood_for_the_trees_is_no_theme() -> None:
    assert matched_concepts("Inwoners zien door de bomen het bos niet meer.") == []


def test_a_pronoun_opening_the_next_paragraph_continues_the_named_coalition() -> None:
    text = "De nieuwe coalitie wil meer woningen bouwen.\n\nDaarom willen ze extra inzetten op veiligheid.\n"
    assert "veiligheid" in _themes(text)


@pytest.mark.parametrize(
    "text",
    [
        # the paragraph before names no subject of the speaker's
        "Er zijn veel jongeren in de stad.\n\nDaarom willen ze extra inzetten op veiligheid.\n",
        # someone else acts in the pronoun's sentence
        "De nieuwe coalitie wil meer woningen.\n\nZe vragen de provincie om meer veiligheid.\n",
    ],
)
def test_a_pronoun_with_no_named_speaker_before_claims_nothing(text: str) -> None:
    assert "veiligheid" not in _themes(text)


# --- brackets inside a word; agreements made -------------------------------------------------


def test_brackets_inside_a_word_are_no_aside() -> None:
    themes = _themes(
        "We zetten in op de bibliotheek en de beveiliging van (privacy)gevoelige data."
    )
    assert "informatiebeveiliging" in themes


def test_a_bracketed_aside_still_gives_way_to_the_rest() -> None:
    themes = _themes("We zetten in op de bibliotheek (en op sportclubs).")
    assert "cultuur-en-erfgoed" in themes
    assert "sport-en-bewegen" not in themes


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Daar waren afspraken over gemaakt.", GG.Onderneemt),
        ("De gemeente maakt afspraken met de corporaties.", GG.Onderneemt),
        ("De afspraken van vorig jaar.", None),
    ],
)
def test_cue_words_for_agreements_made(sentence, relation) -> None:
    assert relation_of(sentence) == relation


# --- green space, initiatives from society, the finances, the metropolitan region -----------


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("We zorgen voor meer groen in de wijken.", "openbare-ruimte"),
        ("We steunen initiatieven uit de samenleving.", "burgerparticipatie-en-vertrouwen"),
        (
            "Er is ruimte voor initiatieven vanuit de samenleving.",
            "burgerparticipatie-en-vertrouwen",
        ),
        ("De financiële situatie is slecht.", "gemeentefinancien"),
        ("Het belangrijkste is het financiële herstel.", "gemeentefinancien"),
        ("We werken samen in de metropoolregio.", "samenwerking"),
    ],
)
def test_terms_for_green_initiatives_finances_and_region(text: str, theme: str) -> None:
    assert theme in matched_concepts(text)


@pytest.mark.parametrize(
    "text",
    [
        "We kopen groene stroom in.",  # the adjective: green energy, not green space
        "Op de markt liggen groenten.",
        "GroenLinks wil meer bomen.",  # the party (bomen is green space, GroenLinks not)
    ],
)
def test_green_as_an_adjective_vegetable_or_party_is_not_green_space(text: str) -> None:
    assert matched_concepts(text).count("openbare-ruimte") <= (1 if "bomen" in text else 0)


# --- what grows or weighs; the distance to residents; a coordinated noun's own phrase --------


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("De groeiende eenzaamheid baart ons zorgen.", GG.StaatVoor),
        ("Er is een toenemende vraag naar zorg.", GG.StaatVoor),
        ("Het aantal daklozen is de laatste jaren verdubbeld.", GG.StaatVoor),
        ("De nieuwe wet legt een groot beslag op de organisatie.", GG.StaatVoor),
        ("De druk op de woningmarkt is groot.", GG.StaatVoor),
        ("Het aantal is gelijk gebleven.", None),
    ],
)
def test_cue_words_for_what_grows_or_weighs(sentence, relation) -> None:
    assert relation_of(sentence) == relation


@pytest.mark.parametrize(
    "text",
    [
        "We willen de afstand tussen bestuurders en inwoners zo klein mogelijk houden.",
        "Betere communicatie met onze burgers krijgt extra aandacht.",
    ],
)
def test_the_distance_to_residents_is_participation(text: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" in _themes(text)


def test_a_coordinated_noun_with_its_own_phrase_is_a_member_not_a_side_word() -> None:
    from gemeentegraaf.extract.theme_roles import modifier_hits
    from gemeentegraaf.text.themes import ThemeScheme

    scheme = ThemeScheme.load()
    text = "We investeren in de bibliotheek, meer groen in de stad en andere vormen van sport."
    hits = scheme.match(text)
    assert not modifier_hits(text, hits)
    # a coordinated place in the same phrase stays a side word
    text = (
        "We investeren in de economie en leefbaarheidsplannen voor de kernen en het buitengebied."
    )
    hits = scheme.match(text)
    assert {hits[i].term for i in modifier_hits(text, hits)} >= {"buitengebied"}


# --- everyone taking part is inclusion ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We werken aan wijken waar voor iedereen plaats is om mee te doen.",
        "We zorgen ervoor dat iedereen volwaardig kan meedoen.",
        "We willen een dorp waar iedereen die dat wil, mee kan doen.",
        "Wij willen dat ieder mens meedoet.",
        "Wij zorgen ervoor dat elke inwoner op zijn eigen manier mee kan doen.",
    ],
)
def test_everyone_taking_part_is_inclusion_not_reintegration(text: str) -> None:
    themes = _themes(text)
    assert "inclusie-en-kansengelijkheid" in themes
    assert "participatie-en-re-integratie" not in themes


def test_people_taking_part_in_work_stay_reintegration() -> None:
    themes = _themes("We zorgen ervoor dat meer mensen meedoen op de arbeidsmarkt.")
    assert "inclusie-en-kansengelijkheid" not in themes


def test_everyone_taking_part_in_something_named_is_that_thing() -> None:
    themes = _themes("Wij willen dat elke inwoner meedoet aan de sportvereniging.")
    assert "inclusie-en-kansengelijkheid" not in themes
    themes = _themes("Wij willen dat elke inwoner meedoet aan een sportvereniging.")
    assert "inclusie-en-kansengelijkheid" not in themes
    # society is inclusion itself
    themes = _themes("Wij willen dat iedereen meedoet aan de samenleving.")
    assert "inclusie-en-kansengelijkheid" in themes


def test_taking_part_in_another_clause_is_not_everyone_taking_part() -> None:
    themes = _themes("Wij bouwen woningen voor iedereen, en de bedrijven doen mee.")
    assert "inclusie-en-kansengelijkheid" not in themes
