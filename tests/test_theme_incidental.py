"""Theme errors of the second precision sample of issue 9 (/work/scratch, 91 of 100
right), each class tested with sentences of our own of the same kind:

- an ambiguous word ("economische", "infrastructuur", "diversiteit", "maatwerk",
  "samenwerking", "wet- en regelgeving") does not decide a theme alone: the sentence's
  other themes, else its section's, say what it is about; it names the theme only where
  neither names one;
- a trend bullet that names its own theme does not also take its chapter's theme from
  another family;
- a section about using the existing housing stock is about the housing market.
"""

from __future__ import annotations

from functools import lru_cache

from gemeentegraaf.extract.framework import DocumentContext, Heading, context_for
from gemeentegraaf.extract.g32 import stance_themes
from gemeentegraaf.extract.trends import report_themes
from gemeentegraaf.text.themes import ThemeScheme, decisive_concepts, strong_concepts

from tests.test_theme_precision import _coalition_facts


@lru_cache(maxsize=4)
def _context(key: str) -> DocumentContext:
    return context_for(key)


def _headings(ctx: DocumentContext, title_part: str) -> tuple[Heading, ...]:
    return next(
        s.headings
        for s in ctx.sentences
        if any(title_part.lower() in h.text.lower() for h in s.headings)
    )


def _slugs(concepts: object) -> list[str]:
    return [str(c).rsplit("/", 1)[-1] for c in concepts]  # type: ignore[attr-defined]


def _decisive(text: str) -> list[str]:
    return _slugs(decisive_concepts(ThemeScheme.load().match(text)))


def _strong(text: str) -> list[str]:
    return _slugs(strong_concepts(ThemeScheme.load().match(text)))


# -- an ambiguous word needs a second cue ------------------------------------------------


def test_an_ambiguous_word_alone_decides_no_theme() -> None:
    assert (
        _decisive("Veel inwoners merken nog weinig van de gunstige economische ontwikkelingen.")
        == []
    )
    assert _decisive("Er komt een landelijke infrastructuur om mensen te verdelen.") == []
    assert _decisive("Regels moeten passen bij deze diversiteit van mensen.") == []
    assert _decisive("Daarvoor is maatwerk per stad nodig.") == []
    assert _decisive("De samenwerking met inwoners kan beter.") == []
    assert _decisive("Bij wet- en regelgeving moet hiermee rekening worden gehouden.") == []
    # where nothing else names a theme it is still the sentence's
    assert _strong("Daarvoor is maatwerk per stad nodig.") == ["uitvoering-en-dienstverlening"]


def test_an_ambiguous_word_gives_way_to_a_theme_the_sentence_names() -> None:
    assert _strong("De samenwerking met inwoners bij de opvang van asielzoekers kan beter.") == [
        "asiel-en-opvang"
    ]
    assert _strong("Maatwerk voor leerlingen die de kwalificatieplicht hebben.") == ["onderwijs"]


def test_an_ambiguous_word_with_a_second_cue_or_a_compound_still_decides() -> None:
    assert _decisive("De economie groeit en economische kansen nemen toe.") == [
        "economie-en-binnenstad"
    ]
    assert _decisive("De economische groei trekt aan.") == ["economie-en-binnenstad"]
    assert _decisive("De bereikbaarheid en de infrastructuur van de regio verbeteren.") == [
        "bereikbaarheid"
    ]
    assert _decisive("De regionale samenwerking tussen gemeenten moet beter.") == ["samenwerking"]


def test_a_stance_with_an_ambiguous_word_and_a_real_topic_takes_the_topic() -> None:
    ctx = _context("g32-analyse-regeerakkoord-2017")
    headings = _headings(ctx, "betere financiële positie")
    themes = stance_themes(
        ctx,
        headings,
        "Positief is een infrastructuur waarmee de opvang van asielzoekers goed verloopt.",
        None,
    )
    assert _slugs(themes) == ["asiel-en-opvang"]


def test_a_stance_with_only_an_ambiguous_word_takes_its_section_theme() -> None:
    ctx = _context("g32-analyse-regeerakkoord-2017")
    headings = _headings(ctx, "betere financiële positie")
    section = _slugs(report_themes(ctx, headings, ""))
    assert section and "uitvoering-en-dienstverlening" not in section
    themes = stance_themes(ctx, headings, "Wij vragen om maatwerk per stad of gebied.", None)
    assert _slugs(themes) == section


# -- a trend bullet's own theme wins over its chapter's -----------------------------------


def test_a_trend_bullet_naming_its_own_theme_drops_its_chapters_other_family() -> None:
    ctx = _context("platform31-trendstudie-2013")
    headings = _headings(ctx, "fysieke domein")
    chapter = _slugs(report_themes(ctx, headings, ""))
    assert "ruimte" in chapter
    own = _slugs(report_themes(ctx, headings, "Steeds meer vraag naar openbaar vervoer."))
    assert own == ["openbaar-vervoer"]
    # a bullet whose only theme word names a group keeps its chapter's theme
    weak = _slugs(report_themes(ctx, headings, "Er komen steeds meer ouderen."))
    assert set(chapter) <= set(weak)
    # a growing number of older people is ageing, a theme of its own
    assert _slugs(report_themes(ctx, headings, "Het aantal ouderen neemt toe.")) == ["vergrijzing"]


# -- the existing housing stock ----------------------------------------------------------


def test_using_the_existing_housing_stock_is_the_housing_market() -> None:
    facts = _coalition_facts(
        "In Almelo worden daarnaast ook verhuiscoaches ingezet.",
        "Het beter benutten van de woningvoorraad is een belangrijk onderwerp.",
        "Benutten van de bestaande voorraad",
    )
    assert {theme for _code, _rel, theme in facts} == {"betaalbaar-wonen"}
