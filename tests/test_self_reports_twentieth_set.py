"""Issue 13, twentieth round: working "samen met inwoners" on something named is how the
work is done, not citizen participation as a task of its own. Sentences of our own, as
Zwolle writes them.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import relation_of

from tests.self_report_helpers import ZWOLLE, challenge_facts, report_record, zwolle_themes

PARTICIPATION = "burgerparticipatie-en-vertrouwen"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Samen met inwoners en ondernemers stellen we een nieuw verkeersplan op.",
            "mobiliteit",
        ),
        ("We gaan de zorg vernieuwen, samen met onze inwoners en partners.", "zorg"),
        (
            "Samen met bewoners, corporaties en de provincie werken we aan de warmtetransitie.",
            "warmtetransitie",
        ),
    ],
)
def test_residents_as_partners_in_other_work_are_no_participation(text: str, theme: str) -> None:
    themes = zwolle_themes(text, "eigen-tekst-v")
    assert PARTICIPATION not in themes
    assert theme in themes


@pytest.mark.parametrize(
    "text",
    [
        "Maar vooral: samen met onze inwoners.",
        "Wij willen de komende jaren veel meer samen met inwoners doen.",
        # the partners listed with the residents are who works along, not the work
        "Een gemeente die samen met inwoners, ondernemers en medeoverheden werkt aan oplossingen.",
    ],
    ids=["alone", "the-aim", "partners-listed"],
)
def test_working_with_residents_as_the_point_stays_participation(text: str) -> None:
    assert PARTICIPATION in zwolle_themes(text, "eigen-tekst-w")


def test_involving_residents_in_other_work_stays_participation() -> None:
    """Only "samen met" is a manner phrase; involving residents is itself the aim."""
    text = "We betrekken inwoners actief bij de plannen voor de nieuwe woonwijk."
    assert PARTICIPATION in zwolle_themes(text, "eigen-tekst-x")


def test_a_government_last_among_the_partners_does_not_take_the_claim() -> None:
    """ "Samen met bewoners, corporaties en de provincie werken we …": the province is one
    of those worked with, not another government acting instead of the speaker (the
    sentence gave nothing)."""
    text = "Samen met bewoners, corporaties en de provincie werken we aan de warmtetransitie."
    assert "warmtetransitie" in zwolle_themes(text, "eigen-tekst-y")


def test_zij_after_an_opening_adverb_and_its_verb_continues_the_speaker() -> None:
    """ "Daarom stelt zij …": the pronoun after an inverted verb is the subject, as "Verder
    willen ze" was (the sentence gave nothing)."""
    text = (
        "Het college wil achterstanden in de samenleving wegwerken. Daarom stelt zij dit "
        "jaar een actieplan armoedebeleid op."
    )
    assert "armoede" in zwolle_themes(text, "eigen-tekst-z")


def test_zij_in_a_condition_does_not_continue_the_speaker() -> None:
    text = (
        "Het college wil veel bereiken. Als zij dat willen, kunnen de bewoners een "
        "buurtbudget voor armoede aanvragen."
    )
    assert "armoede" not in zwolle_themes(text, "eigen-tekst-aa")


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ("Meer mensen aan de slag.", True),
        ("We willen jongeren sneller aan de slag helpen.", True),
        # those who set to work on something, or with whom the speaker does
        ("We gaan met inwoners aan de slag.", False),
        ("Inwoners gaan aan de slag om hun huis te isoleren.", False),
        ("Jongeren gaan aan de slag met een buurtproject.", False),
    ],
)
def test_people_aan_de_slag_is_work(text: str, work: bool) -> None:
    assert ("werk-en-inkomen" in zwolle_themes(text, "eigen-tekst-ab")) is work


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # work still to do is a task ahead
        ("Op het thema armoede hebben we nog genoeg te doen.", "armoede"),
        ("Bij de schuldhulp is er nog veel werk te doen.", "schulden"),
        ("Voor de verkeersveiligheid is er nog werk aan de winkel.", "verkeersveiligheid"),
        # a time given over to something
        (
            "Het komende jaar zal in het teken staan van het nieuwe omgevingsplan.",
            "omgevingswet",
        ),
        ("Dit jaar staat vooral in het teken van de energietransitie.", "energietransitie"),
        # words a scheme lacked: the zoning plan, foreign workers
        ("We stellen een nieuw bestemmingsplan op voor het centrum.", "ruimte"),
        ("We zorgen voor goede huisvesting van buitenlandse werknemers.", "arbeidsmigratie"),
    ],
)
def test_more_ways_of_stating_a_task(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-ac")


def test_nothing_left_to_do_is_no_task() -> None:
    assert "armoede" not in zwolle_themes(
        "Met armoede hebben we in deze wijk niets te doen.", "eigen-tekst-ad"
    )


@pytest.mark.parametrize(
    "text",
    [
        "We werken graag samen met andere gemeenten.",
        "Wij werken samen met de provincie.",
        "Buiten de gemeentegrenzen bundelen we de krachten graag met andere gemeenten.",
    ],
)
def test_working_together_with_governments_is_cooperation(text: str) -> None:
    """ "werken … samen met" and "bundelen de krachten met" state what the speaker does
    (they gave nothing: no cue)."""
    assert "samenwerking" in zwolle_themes(text, "eigen-tekst-ae")


def test_joining_forces_with_others_than_governments_is_no_cooperation() -> None:
    assert "samenwerking" not in zwolle_themes(
        "We bundelen onze krachten met ondernemers.", "eigen-tekst-af"
    )


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We gaan sneller meer woningen verduurzamen.", "wonen"),
        ("De komende jaren wil de gemeente de oudere woonwijken verduurzamen.", "leefbaarheid"),
        ("We zetten in op de verduurzaming van huurwoningen.", "betaalbaar-wonen"),
        ("We willen de wijken aardgasvrij maken.", "leefbaarheid"),
    ],
)
def test_homes_made_sustainable_are_where_the_energy_work_is_done(text: str, place: str) -> None:
    themes = zwolle_themes(text, "eigen-tekst-ag")
    assert not any(t.startswith(place) for t in themes), themes
    assert themes & {"energietransitie", "warmtetransitie"}


def test_homes_built_beside_homes_made_sustainable_stay_house_building() -> None:
    text = "We bouwen 500 woningen en verduurzamen de bestaande woningvoorraad."
    assert {"woningbouw", "energietransitie"} <= zwolle_themes(text, "eigen-tekst-ah")


@pytest.mark.parametrize(
    "text",
    [
        "We isoleren 500 woningen.",
        "We maken de wijken aardgasvrij.",
        "Het college maakt de eigen gebouwen energieneutraal.",
    ],
)
def test_insulating_and_making_gas_free_are_tasks(text: str) -> None:
    """They gave nothing: no cue verb."""
    themes = zwolle_themes(text, "eigen-tekst-ai")
    assert themes & {"energietransitie", "warmtetransitie"}
    assert "wonen" not in themes


def test_a_table_of_contents_run_together_on_one_line_claims_nothing() -> None:
    """A PDF's text gave the index as one line after a page number: its chapter titles
    ("Bouwen en wonen", "Paragraaf weerstandsvermogen") were read as claims."""
    text = (
        "3 INHOUDSOPGAVE Inhoudsopgave 1 Aanbiedingsbrief 3 Leeswijzer 10 Programma 1 Samen "
        "leven en zorgen 15 Programma 2 Bouwen en wonen 23 Paragraaf tekorten en "
        "bezuinigingen 69 Paragraaf lokale heffingen 74 Programmabegroting 2024 Samen verder "
        "1\n\n"
        "Het college wil de komende jaren veel bereiken voor de inwoners van de stad.\n"
    )
    facts = challenge_facts(text, report_record("eigen-tekst-aj", 2024), "GM0193")
    assert {t for s, t, n in facts if s == ZWOLLE} == set()


def test_the_index_is_no_task() -> None:
    """ "Inhoudsopgave" ends in "opgave", a cue of a task ahead."""
    assert relation_of("3 INHOUDSOPGAVE Inhoudsopgave 1 Aanbiedingsbrief") is None
    assert relation_of("De woningbouwopgave is groot.") == GG.StaatVoor


def test_a_colophon_and_an_index_with_page_numbers_after_titles_claim_nothing() -> None:
    """A budget's first page: its title, a colophon (offices that answer for it), and an
    index whose titles come before their page numbers."""
    text = (
        "1 Programmabegroting 2025 Samen bouwen aan de toekomst Bestuurlijk verantwoordelijk: "
        "College van B en W Coördinatie en eindredactie: Afdeling personeel en organisatie "
        "Datum behandeling raad: 7 november 2024\n\n"
        "2 Inhoud Inleiding 3 Conclusie 11 Programma 1 : Wonen en werken 16 Programma 2 : "
        "Zorg en welzijn 22 Paragraaf 1 : Lokale heffingen 81 Programmabegroting 2025 "
        "Samen bouwen 1\n\n"
        "Het college wil de komende jaren veel bereiken voor de inwoners van de stad.\n"
    )
    facts = challenge_facts(text, report_record("eigen-tekst-ak", 2024), "GM0193")
    assert {t for s, t, n in facts if s == ZWOLLE} == set()


@pytest.mark.parametrize(
    ("text", "finances"),
    [
        # the document named: what it holds, not the finances
        ("In deze begroting staat wat wij als gemeente willen bereiken.", False),
        ("De voorjaarsnota bevat de ambities van het college voor het komende jaar.", False),
        # the budget as the finances: under strain, balanced, cut
        ("We werken met een begroting die onder druk staat.", True),
        ("We willen een sluitende begroting.", True),
        ("We bezuinigen op de begroting.", True),
        ("We willen de begroting de komende jaren op orde brengen.", True),
        # a compound that starts with the kind is another thing: a period, a deficit
        ("We buigen het tekort in deze begrotingsperiode om.", True),
    ],
)
def test_a_budget_named_as_the_document_is_not_the_finances(text: str, finances: bool) -> None:
    assert ("gemeentefinancien" in zwolle_themes(text, "eigen-tekst-al")) is finances


def test_words_the_named_document_governs_stay_side_words() -> None:
    """Dropping "deze begroting" must not promote what hangs from it to a claim."""
    text = (
        "Solide is de basis voor deze begroting, omdat er sprake is van een afgewogen "
        "beleid, waarbij ambities in het ruimtelijke en economische domein passen."
    )
    assert not zwolle_themes(text, "eigen-tekst-am") & {"ruimte", "economie-en-binnenstad"}


def test_a_focus_with_its_time_between_continues_into_its_examples() -> None:
    """ "richt zich de komende jaren op …": three words between "zich" and "op" hid the
    cue, and the examples after it had no claim to continue."""
    text = (
        "Wij richten ons de komende jaren op een aantal punten. Voorbeelden daarvan zijn "
        "het versterken van recreatie en toerisme."
    )
    assert "toerisme" in zwolle_themes(text, "eigen-tekst-an")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Ook de kwaliteit van de dienstverlening blijft de komende jaren een belangrijk "
            "aandachtspunt.",
            "uitvoering-en-dienstverlening",
        ),
        ("Armoede blijft een speerpunt.", "armoede"),
    ],
)
def test_what_stays_a_point_of_attention_is_the_speakers(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-ao")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # on the agenda
        ("Dit jaar staat de nieuwbouw van de bibliotheek op de agenda.", "cultuur-en-erfgoed"),
        # a cut for a field
        ("Naar de schoolbegeleiding gaat veertigduizend euro minder.", "onderwijs"),
        # demand to meet
        ("Binnen vijf jaar is er vraag naar 90 plaatsen voor mensen met dementie.", "ouderen"),
        # a worry about something
        ("Er bestaat brede zorg over de transitie van de jeugdzorg.", "jeugd"),
        # examples of what the sentence before announced
        ("De lasten stijgen. Denk bijvoorbeeld aan de kosten voor de Wmo.", "maatschappelijke"),
    ],
)
def test_agenda_cuts_demand_and_worry_are_claims(text: str, theme: str) -> None:
    assert any(t.startswith(theme) for t in zwolle_themes(text, "eigen-tekst-ap"))


@pytest.mark.parametrize(
    "text",
    [
        "Er bestaat brede zorg over de transitie van de jeugdzorg.",
        "Volgens de wethouder wordt die zorg breed gedeeld.",
        "Er is grote zorg over de armoede.",
    ],
)
def test_worry_is_not_the_theme_care(text: str) -> None:
    assert "zorg" not in zwolle_themes(text, "eigen-tekst-aq")


def test_care_for_someone_stays_care() -> None:
    assert "zorg" in zwolle_themes("Er is grote zorg voor kwetsbare inwoners.", "eigen-tekst-ar")


def test_off_the_agenda_is_no_priority() -> None:
    assert "cultuur-en-erfgoed" not in zwolle_themes(
        "Een nieuw museum staat niet op de agenda.", "eigen-tekst-as"
    )


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # words the scheme lacked or filed elsewhere
        ("We hebben te maken met een hoge werkloosheid.", "arbeidsmarkt"),
        ("We willen iedereen de kans geven een startkwalificatie te halen.", "beroepsonderwijs"),
        ("We versterken het toezicht op de naleving van de leerplicht.", "onderwijsachterstanden"),
        ("We verbeteren het klantcontactcentrum.", "uitvoering-en-dienstverlening"),
        # tasks the state hands over
        (
            "Deze periode staat in het teken van de overdracht van rijkstaken naar de gemeente.",
            "decentralisaties",
        ),
    ],
)
def test_more_words_of_the_scheme(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-at")


def test_tasks_moved_inside_the_organisation_are_no_decentralisation() -> None:
    text = "We gaan de taken van de buitendienst overhevelen naar de nieuwe dienst."
    assert "decentralisaties" not in zwolle_themes(text, "eigen-tekst-au")


@pytest.mark.parametrize(
    ("text", "theme", "not_theme"),
    [
        (
            "Verder wil het college enkele vacatures in het gemeentehuis niet invullen.",
            "personeel-en-organisatie",
            "arbeidsmarkt",
        ),
        ("De heffingen voor riool en afvalstoffen gaan omlaag.", None, "circulaire-economie"),
        ("We kampen met hogere kosten voor afvalverwerking.", None, "circulaire-economie"),
        ("We willen het afval beter scheiden.", "circulaire-economie", None),
    ],
)
def test_own_vacancies_and_charged_waste(
    text: str, theme: str | None, not_theme: str | None
) -> None:
    themes = zwolle_themes(text, "eigen-tekst-av")
    if theme:
        assert theme in themes
    if not_theme:
        assert not_theme not in themes


def test_het_for_the_college_continues_it() -> None:
    """ "Het wil …" can only be the college named before; "Het gaat om" stays empty."""
    text = (
        "Het college wil gaan voor de jeugd.\n\n"
        "Het wil letten op de mensen die hulp bij armoede nodig hebben."
    )
    assert "armoede" in zwolle_themes(text, "eigen-tekst-aw")
    assert "armoede" not in zwolle_themes(
        "Wij zijn blij. Het wil maar niet regenen in de wijk met de armoede.", "eigen-tekst-ax"
    )
