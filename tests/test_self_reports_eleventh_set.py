"""Issue 13, eleventh round: idioms of priority, need and cost; whose "gemeenten" are;
attention to a group; captions and labels that claim nothing. Sentences of our own, each
cue in more than one wording, and words that only look like one.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import relation_of, someone_else_acts

from tests.self_report_helpers import zwolle_facts, zwolle_themes

PRIORITY, ACTS, FACES = GG.Prioriteert, GG.Onderneemt, GG.StaatVoor


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        # an idiom of priority
        ("Cultuur staat bij dit college hoog in het vaandel.", PRIORITY),
        ("Wij houden de sport hoog in het vaandel.", PRIORITY),
        # money set aside, the verb in its forms
        ("In het akkoord is extra geld gereserveerd voor armoedebeleid.", ACTS),
        ("De gemeente reserveert twee miljoen euro voor de sporthallen.", ACTS),
        ("Wij reserveren geld voor het onderhoud van bruggen.", ACTS),
        # what costs too much troubles the speaker
        ("De hoge kosten van de jeugdzorg drukken op alles.", FACES),
        ("De jeugdzorg en het afval spelen de gemeente parten.", FACES),
        ("Vorig jaar speelde de inflatie ons flink parten.", FACES),
        ("De kosten van het leerlingenvervoer zijn de afgelopen jaren sterk gestegen.", FACES),
        # what needs a solution is a problem
        ("We moeten slimme oplossingen bedenken voor de woningnood.", FACES),
        ("Het college zoekt een oplossing voor het parkeren in de binnenstad.", FACES),
        # what the speaker must do
        ("We moeten keuzes maken in het onderhoud van wegen.", PRIORITY),
        ("Daarom moeten wij zuinig zijn op ons groen.", PRIORITY),
        # planned
        ("Nieuwe fietsroutes staan in de planning.", ACTS),
        ("Een nieuwe sporthal staat op de planning voor 2026.", ACTS),
        ("Er is een tweede brug gepland.", ACTS),
        # a need
        ("Regulering van toerisme is nodig.", PRIORITY),
        ("Extra woningen voor starters zijn hard nodig.", PRIORITY),
        ("Er is een stevige inspanning nodig rondom de jeugdzorg.", PRIORITY),
        # a change carried through
        ("Het wijkgericht werken wordt in de komende periode doorgevoerd.", ACTS),
        # a norm for what must be added
        ("Voor de zorg moet er mbo-onderwijs bijkomen.", PRIORITY),
        # a bigger role, attention claimed
        ("Duurzaamheid zal een prominentere rol krijgen.", PRIORITY),
        ("Cultuur speelt een belangrijke rol in onze stad.", PRIORITY),
        ("De integrale aanpak vraagt dagelijks onze aandacht.", PRIORITY),
        ("Een dergelijke groei vraagt om aandacht en inzet voor bereikbaarheid.", FACES),
        # standing up for something
        ("Het college maakt zich sterk voor een inclusieve samenleving.", PRIORITY),
        ("Daar willen we ons sterk voor maken.", PRIORITY),
        # a necessity
        ("Een nieuwe aanpak is nu echt noodzakelijk.", PRIORITY),
        # an obstacle, what residents feel
        ("Dat staat economische ontwikkeling in de weg.", FACES),
        ("Mensen voelen zich onveilig in hun eigen wijk.", FACES),
        ("Veel ouderen voelen zich eenzaam.", FACES),
        # stepping in, joined and split
        ("Het college moet ingrijpen bij de uitgaven in het sociaal domein.", ACTS),
        ("De gemeente grijpt in bij overlast.", ACTS),
        # rising costs, an aside before the verb
        (
            "De uitgaven voor de Wmo, zoals huishoudelijke hulp, lopen op door de vergrijzing.",
            FACES,
        ),
        # committing oneself, joined and split, reflexive
        ("Samen zetten wij ons in voor een zorgzame samenleving.", PRIORITY),
        ("Het college zet zich in voor goede zorg.", PRIORITY),
        # a norm with many words before its verb, a need, attention, the most important
        ("Gorinchem moet op lange termijn beter bereikbaar, veilig en duurzaam zijn.", PRIORITY),
        ("Dan heb je ook meer huisartsen nodig.", PRIORITY),
        ("Ook de lokale economie vraagt de komende tijd aandacht.", PRIORITY),
        ("Het kindcentrum is een van de belangrijkste projecten.", PRIORITY),
        # a shortage in a compound, as a heading names it
        ("Personeelstekort", FACES),
        ("Het woningtekort loopt op.", FACES),
        # hard to do, late, people leaving
        ("We hebben moeite om vacatures te vullen.", FACES),
        ("Daardoor lopen de vergunningen vertraging op.", FACES),
        ("Jonge mensen vertrekken uit onze dorpen.", FACES),
        ("Het wegtrekken van jongeren baart zorgen.", FACES),
        # what the speaker must do, the verb last in a subordinate clause
        ("De buien laten zien dat we de riolering moeten aanpassen.", PRIORITY),
    ],
)
def test_cue_fires(sentence: str, relation: object) -> None:
    assert relation_of(sentence) == relation


@pytest.mark.parametrize(
    "sentence",
    [
        "De kosten van het zwembad zijn gelijk gebleven.",
        "De wethouder speelt in het plaatselijke orkest.",
        "Het vaandel van de schutterij hangt in het gemeentehuis.",
        "Zij hebben de auto niet vaak nodig gehad.",
        "De wethouder voelt zich thuis in de raad.",
        "Het plan werd in de week van de verkiezingen besproken.",
        "Jongeren vertrekken om acht uur met de bus naar school.",
        "Jongeren verlaten de school na hun achttiende.",
        "We doen moeite om iedereen te helpen.",
        "Zonder vertraging is de brug geopend.",
        "Wij houden de kosten laag, zodat de koopkracht kan stijgen.",
        "De kosten, zo zeggen zij, zijn gelijk; de inkomsten stijgen.",
        "Wij danken de vrijwilligers voor hun inzet voor de vereniging.",
        "De belangrijkste werkgever is het ziekenhuis.",
        "De tekortkomingen van het oude gebouw zijn verholpen.",
        "Ze zetten de stap in de goede richting.",
    ],
)
def test_look_alikes_do_not_fire(sentence: str) -> None:
    assert relation_of(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "We zetten in op samenwerking tussen de omliggende gemeenten.",
        "Er is overleg onder gemeenten in de regio.",
        "Het college wil afspraken binnen gemeenten in de regio.",
    ],
)
def test_other_municipalities_as_an_object_do_not_act(sentence: str) -> None:
    assert not someone_else_acts(sentence)


def test_a_municipality_compared_with_is_no_subject() -> None:
    text = "Dat is vergelijkbaar met de bezuinigingen die een gemeente als Deventer doorvoert."
    facts = zwolle_facts(text, "eigen-tekst-k")
    assert not any(subject == "gm0150" for subject, _, _ in facts)


def test_a_climate_for_business_is_not_the_climate() -> None:
    text = "De gemeente wil een zo positief mogelijk klimaat scheppen voor winkels in de kernen."
    assert "energietransitie-en-klimaat" not in zwolle_themes(text, "eigen-tekst-k")
    assert "energietransitie-en-klimaat" in zwolle_themes(
        "We pakken het klimaat aan.", "eigen-tekst-k"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Inwoners, ondernemers en organisaties worden actief betrokken bij de plannen.",
        "Inwoners worden goed meegenomen in de besluitvorming.",
    ],
)
def test_residents_involved_among_others(text: str) -> None:
    assert "burgerparticipatie-en-vertrouwen" in zwolle_themes(text, "eigen-tekst-k")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Wij staan voor grote uitdagingen. Variërend van de klimaatproblemen tot de "
            "ondermijnende criminaliteit.",
            "ondermijning",
        ),
        (
            "Het college investeert in de economie. En verder duurzaamheid en natuur.",
            "natuur-en-landschap",
        ),
    ],
)
def test_a_verbless_continuation_keeps_the_claim(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-k")


def test_other_municipalities_as_a_subject_still_act() -> None:
    assert someone_else_acts("Gemeenten moeten zelf de jeugdzorg betalen.")


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "Ook vinden de drie partijen het belangrijk om verder in te zetten op "
            "samenwerking tussen de omliggende gemeenten en duurzaamheid.",
            "energietransitie-en-klimaat",
        ),
        ("In het akkoord is extra geld gereserveerd voor armoedebeleid.", "armoede"),
        ("De kosten van de jeugdzorg zijn de afgelopen jaren exponentieel gestegen.", "jeugd"),
        ("En ook staat toerisme hoog in het vaandel.", "toerisme"),
        ("Tegelijkertijd moeten we oplossingen bedenken voor de woonbehoefte van nu.", "wonen"),
        ("Ook nieuwe fietsroutes staan in de planning.", "fiets-en-lopen"),
        ("Regulering van toerisme is nodig.", "toerisme"),
    ],
)
def test_sentence_gives_the_speakers_challenge(text: str, theme: str) -> None:
    assert theme in zwolle_themes(text, "eigen-tekst-k")


@pytest.mark.parametrize(
    "item",
    [
        "Aandacht voor ouderen",
        "Extra aandacht voor senioren",
        "Een buurtgerichte aanpak voor ouderen",
        "Meer ondersteuning van senioren",
    ],
)
def test_attention_to_a_group_is_about_the_group(item: str) -> None:
    text = f"Onze speerpunten\n\n- {item}\n- Betaalbaar wonen voor starters\n"
    assert "ouderen" in zwolle_themes(text, "eigen-tekst-k")


def test_a_group_served_by_another_theme_stays_weak() -> None:
    # "voor jongeren bouwen we woningen": housing, not youth
    themes = zwolle_themes("Voor jongeren bouwen we extra woningen.", "eigen-tekst-k")
    assert "jeugd" not in themes


@pytest.mark.parametrize(
    "line",
    [
        "Luchtfoto van de binnenstad van Zwolle",
        "Foto: de wethouder opent de nieuwe sporthal",
        "Afbeelding: kaart van de nieuwe woonwijk",
    ],
)
def test_a_caption_claims_nothing(line: str) -> None:
    assert zwolle_themes(f"{line}\n\nWij gaan aan de slag.\n", "eigen-tekst-k") == set()


@pytest.mark.parametrize(
    "heading", ["Begroting gemeente Zwolle 2024", "Coalitieakkoord Zwolle 2022-2026"]
)
def test_a_document_label_with_its_owner_claims_nothing(heading: str) -> None:
    text = f"Inleiding\n\nWij gaan aan de slag.\n\n{heading}\n\nHet college kijkt vooruit.\n"
    assert "gemeentefinancien" not in zwolle_themes(text, "eigen-tekst-k")


@pytest.mark.parametrize(
    "sentence",
    [
        "Woningbouw staat hoog op de lijst.",
        "Veiligheid staat bovenaan de agenda van dit college.",
    ],
)
def test_top_of_the_list(sentence: str) -> None:
    assert relation_of(sentence) == PRIORITY


@pytest.mark.parametrize(
    "text",
    [
        "Wij willen ervoor zorgen dat het in Zwolle goed wonen, werken en leven is.",
        "Onze ambitie is een stad waar het prachtig wonen, werken en recreëren is.",
        "We zetten in op Zwolle als fijne gemeente om in te wonen en te leven.",
    ],
)
def test_a_place_to_live_is_praise_not_housing(text: str) -> None:
    assert "wonen" not in zwolle_themes(text, "eigen-tekst-k")


def test_housing_named_on_its_own_stays() -> None:
    assert "wonen" in zwolle_themes("We zetten in op goed wonen voor ouderen.", "eigen-tekst-k")


@pytest.mark.parametrize(
    "text",
    [
        "Ook wil de gemeente woningen ontwikkelen op het veilingterrein bij het station.",
        "De handhavers lopen vaker rond de metrostations.",
    ],
)
def test_a_station_as_a_place_is_no_public_transport(text: str) -> None:
    assert "openbaar-vervoer" not in zwolle_themes(text, "eigen-tekst-k")


def test_a_station_of_its_own_is_public_transport() -> None:
    themes = zwolle_themes("We investeren in een nieuw station voor de trein.", "eigen-tekst-k")
    assert "openbaar-vervoer" in themes
