"""The classes of theme and relation errors a reader found in a random sample of the
bundled build (issue 9, tests/data/precision_sample_100.md), each tested with sentences
of our own of the same kind:

- a claim that points back ("hiermee", "Deze ambitie …") is about what the sentence before
  names, not about its section;
- a word that only says how or for whom ("in samenwerking met", "diversiteit aan",
  "voor mens, dier en natuur", an adjective before a noun naming another theme) or a
  word as wide as "uitkering" does not decide the theme;
- "geven aan daaraan te willen werken" is an intention, even next to a clause that
  reports an action.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, Heading, context_for
from gemeentegraaf.extract.g32 import stance_themes
from gemeentegraaf.extract.municipal import _coalition_sentence, section_theme_chain
from gemeentegraaf.extract.theme_roles import exception_spans
from gemeentegraaf.text.themes import ThemeScheme
from rdflib import Graph
from rdflib.namespace import RDF


def _themes(text: str) -> set[str]:
    return {str(c).rsplit("/", 1)[-1] for c in ThemeScheme.load().concepts_in(text)}


# -- words that say how, for whom or which kind --------------------------------------------


def test_in_samenwerking_met_says_how_not_what() -> None:
    text = "De bibliotheek geeft, in samenwerking met de gemeente, taalles aan nieuwkomers."
    assert "samenwerking" not in _themes(text)
    assert "samenwerking" in _themes("De regionale samenwerking tussen gemeenten moet beter.")


def test_diversiteit_aan_is_variety_not_diversity_policy() -> None:
    assert "discriminatie-en-diversiteit" not in _themes(
        "Houd rekening met de diversiteit aan zorgaanbieders in de regio."
    )
    assert "discriminatie-en-diversiteit" in _themes("We maken werk van diversiteit in de raad.")


def test_mens_dier_en_natuur_is_everyone_not_nature_policy() -> None:
    text = "Nieuwe producten mogen geen schade doen aan mens, dier en natuur."
    assert "natuur-en-landschap" not in _themes(text)
    assert "natuur-en-landschap" in _themes("We beschermen de natuur in het buitengebied.")


def test_an_adjective_before_a_noun_with_its_own_theme_gives_no_theme() -> None:
    found = _themes("Er zijn flexibele, innovatieve en betaalbare huurwoningen nodig.")
    assert "innovatie-en-kennis" not in found
    assert "betaalbaar-wonen" in found
    # before a noun that names no theme the adjective is what the text is about
    assert "innovatie-en-kennis" in _themes("De regio wil innovatieve starters aantrekken.")


def test_a_benefit_of_any_kind_is_income_not_the_participation_act() -> None:
    found = _themes("Bijverdienen kan de hoogte van een WW-uitkering verlagen.")
    assert "werk-en-inkomen" in found
    assert "participatie-en-re-integratie" not in found


def test_what_a_claim_leaves_out_is_not_what_it_is_about() -> None:
    text = "Wij willen geen nieuwe regels over de taaleis, anders dan over maatwerk voor inwoners."
    ((start, end),) = exception_spans(text)
    assert text[start:end].lstrip(", ").startswith("anders dan over maatwerk")


def test_new_terms_of_programmes_find_their_concepts() -> None:
    assert "participatie-en-re-integratie" in _themes("Iedereen moet kunnen meedoen.")
    assert "burgerparticipatie-en-vertrouwen" in _themes("Inwonersparticipatie staat voorop.")
    assert "betaalbaar-wonen" in _themes("We gaan betaalbaar bouwen voor starters.")
    assert "circulaire-economie" in _themes("Recycling van bouwafval loont.")
    assert "gemeentefinancien" in _themes("De gemeente staat voor een financiële opgave.")


# -- a stance that points back takes what the sentence before names ------------------------


@lru_cache(maxsize=2)
def _context(key: str) -> DocumentContext:
    return context_for(key)


def _section_named(ctx: DocumentContext, title_part: str) -> tuple[Heading, ...]:
    return next(
        s.headings
        for s in ctx.sentences
        if s.headings and title_part.lower() in s.headings[-1].text.lower()
    )


def test_a_stance_pointing_back_takes_the_theme_of_the_sentence_before() -> None:
    ctx = _context("g32-analyse-regeerakkoord-2017")
    headings = _section_named(ctx, "betere financiële positie")
    before = "Het kabinet wil het aantal rokers en het overgewicht onder jongeren terugdringen."
    themes = stance_themes(ctx, headings, "Wij steunen dat.", before)
    assert [str(t).rsplit("/", 1)[-1] for t in themes] == ["gezondheid"]
    # a stance that names its own theme keeps it, whatever the sentence before says
    own = stance_themes(ctx, headings, "Wij pleiten voor minder belemmerende regelgeving.", before)
    assert [str(t).rsplit("/", 1)[-1] for t in own] == ["uitvoering-en-dienstverlening"]


# -- coalition analyses: intention vs action, theme from the sentence pointed back to ------


def _coalition_facts(text: str, before: str, section: str) -> set[tuple[str, str, str]]:
    """(municipality code, relation, theme) of the facts a made-up sentence gives in a
    section of the 2018 analysis, read after a made-up sentence before it."""
    ctx = _context("platform31-analyse-coalitieakkoorden-2018")
    real = next(s for s in ctx.sentences if s.headings and section in s.headings[-1].text)
    sentence = replace(real, index=10**6, text=text)
    previous = replace(real, index=10**6 + 1, text=before)
    ctx.graph = Graph()  # only the made-up sentence's facts
    actors = municipality_actors(
        text, ctx.gazetteer.find(text, ctx.on), prefer_municipality=True, partners=True
    )
    chain = section_theme_chain(ctx, sentence)
    _coalition_sentence(ctx, sentence, actors, chain, (real.start, real.end), "t", before=previous)
    found = set()
    for node in ctx.graph.subjects(RDF.type, GG.Uitdaging):
        code = str(ctx.graph.value(node, GG.onderwerp)).rsplit("/", 1)[-1].lower()
        relation = str(ctx.graph.value(node, GG.relatie)).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        theme = str(ctx.graph.value(node, GG.thema)).rsplit("/", 1)[-1]
        found.add((code, relation, theme))
    return found


def test_wanting_to_work_on_it_is_an_intention_next_to_an_action() -> None:
    facts = _coalition_facts(
        "Emmen is in 2019 een dementievriendelijke gemeente geworden; "
        "Almelo en Hengelo geven aan daaraan ook te willen werken.",
        "Steeds meer gemeenten letten op inwoners met dementie.",
        "Seniorvriendelijke gemeente",
    )
    relations = {code: rel for code, rel, _theme in facts}
    assert relations["gm0114"].lower() == "onderneemt"  # Emmen acted
    assert relations["gm0141"].lower() == "prioriteert"  # Almelo intends to
    assert relations["gm0164"].lower() == "prioriteert"  # Hengelo intends to


def test_a_sentence_pointing_back_takes_the_theme_of_the_one_before() -> None:
    facts = _coalition_facts(
        "Almelo gaat hiermee aan de slag; Hengelo onderzoekt eerst de mogelijkheden.",
        "Een persoonsgebonden budget voor hulp thuis is voor veel inwoners belangrijk.",
        "Financiën",
    )
    assert {theme for _code, _rel, theme in facts} == {"maatschappelijke-ondersteuning"}


def test_the_general_payment_of_the_municipal_fund_is_municipal_finance() -> None:
    found = _themes("De middelen voor beschermd wonen gaan op in de algemene uitkering.")
    assert "gemeentefinancien" in found
    assert "werk-en-inkomen" not in found


def test_a_stance_is_not_about_its_examples_when_it_names_its_own_theme() -> None:
    ctx = _context("g32-analyse-regeerakkoord-2017")
    headings = _section_named(ctx, "betere financiële positie")
    themes = stance_themes(
        ctx,
        headings,
        "Wij vinden het onjuist dat het gemeentefonds wordt ingezet voor nieuwe taken, "
        "bijvoorbeeld de energietransitie.",
        None,
    )
    assert [str(t).rsplit("/", 1)[-1] for t in themes] == ["gemeentefinancien"]
    # examples alone are what a stance is about
    only = stance_themes(ctx, headings, "Wij pleiten voor meer, zoals de energietransitie.", None)
    assert [str(t).rsplit("/", 1)[-1] for t in only] == ["energietransitie"]
