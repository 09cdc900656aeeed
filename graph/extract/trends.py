"""Trends and opgaven per theme (gg:Trend, gg:Opgave) from the trend studies.

Two reports list them in a way that can be read off their structure:

- the 2021 study (G40/M50) opens every chapter with "De belangrijkste … trends
  (➢) en daaruit voorvloeiende opgaven (•)": each ➢ bullet is a gg:Trend, each
  • bullet a gg:Opgave (gemeentegraaf.text.segment gives them as passages of kind "trend"
  and "opgave");
- the 2013 study has, per domain chapter, a section "Belangrijkste trends en
  ontwikkelingen" with a dash list: each dash item is a gg:Trend.

Whom a trend concerns (gg:geldtVoor): all municipalities (gg:AlleGemeenten)
unless the bullet itself names a network ("G40-steden") or municipalities. The
report being written *for* the G40 and M50 does not make every trend theirs.

Themes (`report_themes`, shared with the VNG and G32 extractors): the main
themes the report's own scheme maps the chapter onto (ontology/themes.ttl,
ThemeScheme.mapped: skos:closeMatch, else broadMatch; a narrowMatch only where
the text names it), plus the themes the bullet's own words name (gemeentegraaf.text.themes),
without a theme that is broader than another one kept (skos:broader* finds it
anyway).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gemeentegraaf.common.namespaces import GG, network_uri, slug
from gemeentegraaf.extract.actors import NETWORK_PATTERN, municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, Heading, register
from gemeentegraaf.text import segment
from gemeentegraaf.text.themes import decisive_concepts, strong_concepts
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

# A label longer than this is cut after its first sentence.
_LABEL_MAX = 220


# ---------------------------------------------------------------------------
# Shared: headings, themes, labels
# ---------------------------------------------------------------------------


def report_themes(
    ctx: DocumentContext,
    headings: Sequence[Heading],
    text: str,
    *,
    own_wins: bool = False,
    own: Sequence[URIRef] | None = None,
) -> list[URIRef]:
    """Main-scheme themes of a statement: its section's themes plus the text's own.

    The section's themes are those of the innermost section the report's own scheme
    maps (DocumentContext.innermost_section_themes); a theme the section is only
    skos:narrowMatch to counts where the text names it, which the text's own themes
    give. Themes broader than another kept theme are dropped.

    `own_wins`: for a claim that states its own subject (a stance, a knelpunt), the
    text's themes win over the section's: a section theme stays only where it is of the
    same family as one the text names, and a single weak word
    (gemeentegraaf.text.themes.WEAK_TERMS) gives no theme. A trend bullet keeps its
    chapter's domain and every theme it names ("het aantal ouderen" is its subject).

    `own`: the statement's own themes when the caller has read them already (from the
    main clause, or from the sentence a stance points back to); else they are `text`'s.
    """
    # Whether the text names a theme of its own with a word that decides one (not only a
    # group of people or an ambiguous word): then a section theme outside that theme's
    # family is the chapter's topic, not the statement's.
    decided = own_wins
    section = ctx.innermost_section_themes(tuple(headings))
    if own is not None:
        hits = list(own)
    elif own_wins:
        found = ctx.theme_hits(text)
        # an ambiguous word names the theme only where the section names none
        hits = decisive_concepts(found) or ([] if section else strong_concepts(found))
    else:
        found = ctx.theme_hits(text)
        hits = decisive_concepts(found)
        decided = bool(hits)
        hits = hits or list(dict.fromkeys(h.concept for h in found))
    if decided and hits:
        section = [
            s
            for s in section
            if any(
                s == h or s in ctx.themes.ancestors(h) or h in ctx.themes.ancestors(s) for h in hits
            )
        ]
    return ctx.themes.most_specific([*section, *hits])


def collapse(text: str) -> str:
    return " ".join(text.split())


def short_label(text: str) -> str:
    """A readable label for a statement: the text, or its first sentence when long."""
    text = collapse(text)
    if len(text) <= _LABEL_MAX:
        return text
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
    return first if len(first) <= _LABEL_MAX else first[: _LABEL_MAX - 1].rsplit(" ", 1)[0] + "…"


def object_key(text: str, words: int = 6) -> str:
    """A short, stable key part from the first words of a statement."""
    return slug(" ".join(collapse(text).split()[:words]))


# ---------------------------------------------------------------------------
# Whom a trend concerns
# ---------------------------------------------------------------------------


def concerned(ctx: DocumentContext, text: str) -> list[tuple[str, URIRef]]:
    """(key, node) of the networks and municipalities a bullet names; else all municipalities."""
    found: list[tuple[str, URIRef]] = []
    for m in NETWORK_PATTERN.finditer(text):
        found.append((m.group("net").lower(), network_uri(m.group("net"))))
    mentions = ctx.find(text)
    for actor in municipality_actors(text, mentions):
        found.append((actor.key, actor.uri))
    found = list(dict.fromkeys(found))
    return found or [("alle-gemeenten", GG.AlleGemeenten)]


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _assert_statement(
    ctx: DocumentContext, cls: URIRef, kind: str, passage: segment.Passage, method: str
) -> URIRef | None:
    headings = ctx.headings_of(passage.section)
    themes = report_themes(ctx, headings, passage.text)
    if not themes:
        return None  # the shapes require a theme; a bullet without one says too little
    who = concerned(ctx, passage.text)
    subject_key, subject = who[0]
    return ctx.assert_fact(
        cls,
        kind,
        subject_key,
        subject,
        object_key(passage.text),
        passage.norm_start,
        passage.norm_end,
        method,
        passage=segment.passage_uri(ctx.key, passage),
        thema=themes,
        geldtVoor=[node for _key, node in who],
        extra={RDFS.label: Literal(short_label(passage.text), lang="nl")},
    )


@register("trends-opgaven")
def trends_2021(ctx: DocumentContext) -> None:
    """Every ➢ bullet a gg:Trend and every • bullet a gg:Opgave, under its chapter's theme."""
    for passage in ctx.structure.passages:
        if passage.kind == "trend":
            _assert_statement(ctx, GG.Trend, "trend", passage, "trendstudie-trend-bullet")
        elif passage.kind == "opgave":
            _assert_statement(ctx, GG.Opgave, "opgave", passage, "trendstudie-opgave-bullet")


@register("trends-kernpunten")
def trends_2013(ctx: DocumentContext) -> None:
    """Each dash item under "Belangrijkste trends en ontwikkelingen" is a gg:Trend."""
    doc = ctx.structure
    key_sections = {s.key for s in doc.sections if s.title == ctx.rule("key_trends_heading")}
    for passage in doc.passages:
        if passage.kind == "streepje" and passage.section in key_sections:
            _assert_statement(ctx, GG.Trend, "trend", passage, "trendstudie-2013-kerntrend")
