"""Which theme words carry a sentence's claim (gemeentegraaf.extract.theme_roles), and that
names never give a theme. Sentences of our own, read as a programme with a speaker."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.generic import (
    CONFIDENCE,
    METHOD_SPEAKER,
    SELF_REFERENCE,
    is_programme_item,
    relation_of,
)
from gemeentegraaf.extract.theme_roles import (
    SUBORDINATE_FACTOR,
    claim_hits,
    modifier_hits,
    subordinate_spans,
)
from gemeentegraaf.text.themes import ThemeScheme, strong_concepts
from rdflib.namespace import RDF

from tests.test_self_reports import HOUTEN, _facts, _nodes


def _claimed(text: str) -> tuple[list[str], bool]:
    themes = ThemeScheme.load()
    hits = themes.match(text)
    ranked = claim_hits(text, hits, set(strong_concepts(hits)))
    return [h.text for h in ranked.hits], ranked.subordinate


def _themes_of(text: str) -> set[str]:
    return {t for s, t, negated in _facts(text) if s == HOUTEN and not negated}


# -- head nouns of an enumeration, not the words that qualify them -----------------------


def test_in_an_enumeration_a_theme_qualifying_another_is_a_side_word() -> None:
    text = (
        "Wij zetten in op armoedebestrijding, een gezonde economie en nieuwe "
        "woningbouwplannen voor de binnenstad en het buitengebied."
    )
    words, subordinate = _claimed(text)
    assert words == ["armoedebestrijding", "economie", "woningbouwplannen"]
    assert not subordinate
    themes = _themes_of(text + "\n")
    assert {"armoede", "woningbouw"} <= themes
    assert not {"landbouw-en-buitengebied", "binnenstad-en-detailhandel"} & themes


def test_the_last_member_of_a_list_is_no_modifier_of_the_member_before() -> None:
    """The list "…, de beschikbaarheid van woningen voor starters en de energietransitie": the
    article after "en" opens the list's last member, when the modifier before holds no
    theme word it could be coordinated with."""
    words, _ = _claimed(
        "Het gaat om de problemen in het sociaal domein, de bouw van woningen voor starters "
        "en de warmtetransitie."
    )
    assert words == ["sociaal domein", "woningen", "warmtetransitie"]
    # a theme word inside the modifier takes the coordination: housing for both
    words, _ = _claimed(
        "Wij investeren in sport, cultuur en woningen voor jongeren en de statushouders."
    )
    assert words == ["sport", "cultuur", "woningen"]
    # no list before the phrase (the comma of a number is none): the modifier reading stands
    words, _ = _claimed(
        "Met 2,5 miljoen investeren we in sport en cultuur en woningen voor starters en de "
        "warmtetransitie."
    )
    assert "warmtetransitie" not in words
    # a theme word in the modifier: "en het buitengebied" joins it, as before
    words, _ = _claimed(
        "Wij zetten in op schuldhulp, cultuur en nieuwe woningbouwplannen voor de binnenstad "
        "en het buitengebied."
    )
    assert "buitengebied" not in words


def test_outside_an_enumeration_a_qualifying_theme_still_counts() -> None:
    # two themes are no enumeration: "jeugdzorg voor statushouders" may be about both
    words, _ = _claimed("We investeren in de jeugdzorg voor statushouders.")
    assert words == ["jeugdzorg", "statushouders"]
    # (an area after "in" only says where: "jeugdzorg in het buitengebied" is youth care,
    # as "ondermijning in het buitengebied" is crime, a newcomer's text showed)
    words, _ = _claimed("We investeren in de jeugdzorg in het buitengebied.")
    assert words == ["jeugdzorg"]


def test_a_comma_ends_the_phrase_that_qualifies() -> None:
    themes = ThemeScheme.load()
    text = "Wij willen goede zorg voor ouderen, sport, cultuur en onderwijs."
    hits = themes.match(text)
    # "voor ouderen" qualifies "zorg"; after the comma a new item of the list begins
    assert [hits[i].text for i in sorted(modifier_hits(text, hits))] == ["ouderen"]


# -- subordinate clauses ---------------------------------------------------------------------


def test_a_theme_only_in_a_subordinate_clause_gives_way_to_the_main_clause() -> None:
    assert _claimed("De gemeente investeert in woningbouw, zodat de armoede afneemt.") == (
        ["woningbouw"],
        False,
    )
    assert _claimed("De gemeente bouwt woningen voor de inwoners die zorg nodig hebben.") == (
        ["woningen"],
        False,
    )
    themes = _themes_of("De gemeente investeert in woningbouw, zodat de armoede afneemt.\n")
    assert "woningbouw" in themes and "armoede" not in themes


def test_without_a_theme_in_the_main_clause_the_subordinate_one_counts_less_surely() -> None:
    text = "Het college vindt het belangrijk, dat de jeugdzorg betaalbaar blijft."
    assert _claimed(text) == (["jeugdzorg"], True)
    g = _nodes(text + "\n")
    confidences = {
        str(g.value(n, GG.thema)).rsplit("/", 1)[-1]: g.value(n, GG.betrouwbaarheid).toPython()
        for n in g.subjects(RDF.type, GG.Uitdaging)
        if str(g.value(n, GG.onderwerp)).endswith(HOUTEN)
    }
    expected = round(CONFIDENCE[METHOD_SPEAKER] * SUBORDINATE_FACTOR, 2)
    assert float(confidences["jeugd"]) == expected


def test_subordinate_clauses_are_found_by_their_opening_words() -> None:
    for text, clause in [
        ("We bouwen, zodat jongeren blijven.", "zodat jongeren blijven."),
        ("We helpen de inwoners die schulden hebben.", "die schulden hebben."),
        ("We helpen, onder meer door te investeren in sport.", "door te investeren in sport."),
        ("We bouwen omdat de nood hoog is, en we blijven bouwen.", "omdat de nood hoog is"),
    ]:
        spans = subordinate_spans(text)
        assert any(clause in text[s:e] for s, e in spans), (text, spans)
    # a demonstrative "die" after a singular noun opens no clause
    assert subordinate_spans("We zetten die koers voort in de jeugdzorg.") == []


def test_a_subordinate_clause_standing_alone_is_no_programme_item() -> None:
    assert not is_programme_item("Zeker nu de energierekening stijgt", "alinea")
    assert not is_programme_item("Omdat de jeugdzorg duur is", "alinea")
    assert is_programme_item("Betaalbaar bouwen voor starters", "alinea")
    themes = _themes_of("Wij hebben zorgen. Zeker nu de energietransitie duur")
    assert "energietransitie" not in themes


# -- names give no theme ----------------------------------------------------------------------


def test_a_place_name_gives_no_theme() -> None:
    # "Krimpen" is the start of "krimp", a theme; as a name it is none
    facts = _facts("Wij investeren samen met de Krimpenerwaard in sport.\n")
    assert ("gm1931", "sport-en-bewegen", False) in facts  # the partner gets the fact
    assert not any(t.startswith("krimp") for _s, t, _n in facts)


def test_a_national_party_name_gives_no_theme() -> None:
    themes = _themes_of("De BoerBurgerBeweging en wij investeren in de landbouwgrond.\n")
    assert "landbouw" in themes  # the word in the claim counts
    themes = _themes_of("Volgens de BoerBurgerBeweging investeren we in sport.\n")
    assert "landbouw" not in themes


def test_a_persons_name_gives_no_theme() -> None:
    themes = _themes_of("Wethouder Jan Zorgman wil investeren in sport.\n")
    assert not any(t.startswith("zorg") for t in themes)


def test_the_qualifying_phrase_starts_right_after_the_theme_word() -> None:
    # "begroting" qualifies "opstellen", not "jeugdzorg": three words stand between
    themes = ThemeScheme.load()
    text = "Kosten in de jeugdzorg maakten het opstellen van de begroting en de armoede lastig."
    hits = themes.match(text)
    assert modifier_hits(text, hits) == set()


# -- how policy texts state a priority or a problem, and who "de partijen" are -------------


def test_further_cues_of_policy_texts() -> None:
    assert relation_of("Wij moeten ons voorbereiden op de energietransitie.") == GG.StaatVoor
    assert relation_of("De gemeente is voorbereid op extreem weer.") == GG.StaatVoor
    assert relation_of("We hebben ons hard gemaakt voor de jeugdzorg.") == GG.Prioriteert
    assert relation_of("We maken ons hard voor betaalbare woningen.") == GG.Prioriteert
    assert relation_of("De partijen maken een wandeling.") is None


def test_the_parties_of_a_programme_are_its_speaker() -> None:
    themes = _themes_of("Ook willen de partijen de gemeentelijke dienstverlening verbeteren.\n")
    assert "uitvoering-en-dienstverlening" in themes
    assert SELF_REFERENCE.search("De vier partijen willen meer.")
    assert not SELF_REFERENCE.search("Alle partijen willen meer.")


# -- a list continued in a sentence of its own, and clauses of means ----------------------


def test_a_verbless_line_continuing_a_list_belongs_to_the_claim_before_it() -> None:
    found = _themes_of(
        "In ons coalitieakkoord staan een paar ambities. Zoals meer sociale huurwoningen voor "
        "jonge gezinnen en starters en een goede jeugdhulp voor alle kinderen. Maar ook schone "
        "energie voor huishoudens en bedrijven en een bruisende binnenstad voor bezoekers.\n"
    )
    assert {"betaalbaar-wonen", "jeugd", "binnenstad"} <= found


def test_a_list_line_does_not_continue_across_paragraphs_or_with_its_own_verb() -> None:
    assert "jeugd" not in _themes_of(
        "In ons coalitieakkoord staan een paar ambities.\n\nZoals meer sociale huurwoningen voor "
        "jonge gezinnen en starters en een goede jeugdhulp voor alle kinderen.\n"
    )


def test_a_clause_of_means_gives_way_to_the_clause_saying_for_whom() -> None:
    claimed, subordinate = _claimed(
        "Daarnaast helpen we de inwoners die moeite hebben met de kosten van levensonderhoud, "
        "onder meer door te helpen bij verduurzaming."
    )
    assert claimed == ["levensonderhoud"]
    assert subordinate


def test_a_population_that_changes_is_a_development_the_speaker_faces() -> None:
    assert relation_of("Het aantal inwoners verandert: de gemeente vergrijst.") == GG.StaatVoor
    assert (HOUTEN, "vergrijzing", False) in _facts(
        "Het aantal inwoners in onze gemeente verandert (vergrijzing en ontgroening).\n"
    )


# -- a village or district only as the place where something happens ----------------------


def test_a_village_as_a_place_of_building_is_no_theme_of_its_own() -> None:
    words, _ = _claimed("We bouwen voldoende woningen in al onze kernen.")
    assert words == ["woningen"]
    words, _ = _claimed("In de stad en de dorpen zoeken we de samenwerking met de scholen.")
    assert "dorpen" not in words


def test_a_village_a_claim_aims_at_stays() -> None:
    assert _claimed("We investeren de komende jaren in de dorpen.")[0] == ["dorpen"]
    assert "dorpen" in _claimed("We willen vitale dorpen met een eigen school.")[0]
    # the problems of a district are the district's
    assert "wijken" in _claimed("We brengen de problemen in wijken in kaart.")[0]
    # "in" is the particle of "zetten in"; the phrase is "op de wijken", aimed at
    assert _claimed("We zetten sterk in op de wijken.")[0] == ["wijken"]
    assert _claimed("Wij richten ons op de kernen.")[0] == ["kernen"]
    # whence and between are not where
    assert _claimed("Veel jongeren trekken weg uit de dorpen.")[0] == ["dorpen"]


def test_the_liveability_and_services_of_villages_are_the_villages_theme() -> None:
    # the scheme's village theme is "leefbaarheid en voorzieningen in dorpen"
    assert _claimed("We houden de leefbaarheid in de kleine dorpen op peil.")[0] == ["dorpen"]
    assert _claimed("Onze dorpen moeten ook in 2030 leefbaar blijven.")[0] == ["dorpen"]
    assert _claimed("Voorzieningen in de kernen komen onder druk te staan.")[0] == ["kernen"]
    # a district's liveability stays liveability; the district says where
    assert _claimed("De leefbaarheid in de wijken gaat achteruit.")[0] == ["leefbaarheid"]
    # services as a compound, after the place, or after a comma
    assert _claimed("De basisvoorzieningen in de kernen staan onder druk.")[0] == ["kernen"]
    assert _claimed("In onze dorpen staan de voorzieningen onder druk.")[0] == ["dorpen"]
    assert "dorpen" in _claimed("We willen goede voorzieningen, ook in de kleinere dorpen.")[0]


def test_liveability_of_villages_and_districts_together_stays_liveability() -> None:
    words, _ = _claimed("De leefbaarheid in de wijken en dorpen gaat achteruit.")
    assert "leefbaarheid" in words and "dorpen" in words
    assert _claimed("In de dorpen en wijken werken we aan leefbaarheid.")[0] == ["leefbaarheid"]


def test_liveability_in_another_clause_is_not_the_villages() -> None:
    words, _ = _claimed("We bouwen woningen in de dorpen en zorgen voor leefbaarheid in de wijken.")
    assert words == ["woningen", "leefbaarheid"]
    # investing in something else in the villages: the villages say where
    assert _claimed("We investeren in nieuwe woningen in de dorpen.")[0] == ["woningen"]


# -- the buildings a retrofit works on ------------------------------------------------------


def test_buildings_made_sustainable_are_no_schools_or_sport() -> None:
    assert _claimed("We isoleren schoolgebouwen en sporthallen.")[0] == ["isoleren"]
    assert _claimed("We willen de scholen en sporthallen verduurzamen.")[0] == ["verduurzamen"]
    words, _ = _claimed("De verduurzaming van onze scholen, sporthallen en het zwembad.")
    assert words == ["verduurzaming"]


def test_a_building_before_a_retrofit_of_its_own_keeps_its_theme() -> None:
    words, _ = _claimed("We bouwen een nieuwe school en isoleren het gemeentehuis.")
    assert "school" in words


def test_a_street_or_route_is_no_service_of_a_village() -> None:
    assert "dorpen" not in _claimed("We verbeteren de schoolroutes in de dorpen.")[0]


def test_a_building_named_apart_from_the_retrofit_keeps_its_theme() -> None:
    words, _ = _claimed("We verduurzamen het gemeentehuis, en we bouwen een nieuwe school.")
    assert "school" in words
    assert _claimed("We bouwen een nieuwe sporthal.")[0] == ["sporthal"]
