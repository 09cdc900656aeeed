"""Trends and opgaven per theme (gg:Trend, gg:Opgave) from the trend studies.

Two reports list them in a way that can be read off their structure:

- the 2021 study (G40/M50) opens every chapter with "De belangrijkste … trends
  (➢) en daaruit voorvloeiende opgaven (•)": each ➢ bullet is a gg:Trend, each
  • bullet a gg:Opgave (graph.segment gives them as passages of kind "trend"
  and "opgave");
- the 2013 study has, per domain chapter, a section "Belangrijkste trends en
  ontwikkelingen" with a dash list: each dash item is a gg:Trend.

Whom a trend concerns (gg:geldtVoor): all municipalities (gg:AlleGemeenten)
unless the bullet itself names a network ("G40-steden") or municipalities. The
report being written *for* the G40 and M50 does not make every trend theirs.

Themes (`report_themes`, shared with the VNG and G32 extractors): the main
themes the report's own scheme maps the chapter onto (ontology/themes.ttl,
skos:closeMatch/broadMatch; a narrowMatch only where the text names it), plus
the themes the bullet's own words name (graph.themes), without a theme that is
broader than another one kept (skos:broader* finds it anyway).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from . import segment
from .actors import NETWORK_PATTERN, municipality_actors
from .extraction import DocumentContext, Heading, register
from .namespaces import GG, network_uri, slug
from .themes import MAIN_SCHEME

TRENDS_2021 = "platform31-trendstudie-g40-m50-2021"
TRENDS_2013 = "platform31-trendstudie-2013"
KEY_TRENDS_2013 = "Belangrijkste trends en ontwikkelingen"

# A web address is no theme ("…/data/downloadables/…" is not about data).
_NOT_A_THEME = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)

# A label longer than this is cut after its first sentence.
_LABEL_MAX = 220


# ---------------------------------------------------------------------------
# Shared: headings, themes, labels
# ---------------------------------------------------------------------------


def headings_of(ctx: DocumentContext, section_key: str | None) -> tuple[Heading, ...]:
    """The section chain of a passage's section, chapter first (as in extraction.Sentence)."""
    doc = ctx.structure
    if doc is None or section_key is None:
        return ()
    return tuple(
        Heading(s.title, s.level, s.number, segment.section_uri(doc.key, s.key), s.key)
        for s in reversed(doc.ancestors(section_key))
    )


def section_concept(ctx: DocumentContext, headings: Sequence[Heading]) -> URIRef | None:
    """The report's own theme (its scheme in themes.ttl) of the innermost section that has one."""
    themes = ctx.themes
    if themes is None:
        return None
    for depth in range(len(headings) - 1, -1, -1):
        heading = headings[depth]
        concept = None
        if heading.number:
            concept = themes.document_concept(ctx.key, number=heading.number)
        if concept is None and depth == 0:
            concept = themes.document_concept(ctx.key, heading=heading.text)
        if concept is not None:
            return concept
    return None


def _matches(ctx: DocumentContext, concept: URIRef, *props: URIRef) -> list[URIRef]:
    themes = ctx.themes
    found = [o for p in props for o in themes.graph.objects(concept, p) if isinstance(o, URIRef)]
    return [c for c in dict.fromkeys(sorted(found)) if themes.scheme(c) == MAIN_SCHEME]


def report_themes(
    ctx: DocumentContext, headings: Sequence[Heading], text: str, *, with_section: bool = True
) -> list[URIRef]:
    """Main-scheme themes of a statement: its section's mapped themes plus the text's own.

    The section's closeMatch/broadMatch themes always count (the report files the
    statement under them); a narrowMatch theme only when the text names it or
    something narrower. Themes broader than another kept theme are dropped.
    """
    themes = ctx.themes
    if themes is None:
        return []
    hits = themes.concepts_in(_NOT_A_THEME.sub(lambda m: " " * len(m.group(0)), text))
    chosen: list[URIRef] = []
    concept = section_concept(ctx, headings) if with_section else None
    if concept is not None:
        chosen += _matches(ctx, concept, SKOS.closeMatch, SKOS.broadMatch)
        for narrow in _matches(ctx, concept, SKOS.narrowMatch):
            family = {narrow, *themes.descendants(narrow)}
            if family & set(hits):
                chosen.append(narrow)
    chosen += hits
    return most_specific(ctx, chosen)


def most_specific(ctx: DocumentContext, concepts: Iterable[URIRef]) -> list[URIRef]:
    """The concepts without those that are broader than another one in the list."""
    unique = list(dict.fromkeys(concepts))
    broader: set[URIRef] = set()
    for c in unique:
        broader.update(ctx.themes.ancestors(c))
    return [c for c in unique if c not in broader]


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
    mentions = ctx.gazetteer.find(text, ctx.on)
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
    headings = headings_of(ctx, passage.section)
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


@register("trends-opgaven-2021", documents={TRENDS_2021})
def trends_2021(ctx: DocumentContext) -> None:
    """Every ➢ bullet a gg:Trend and every • bullet a gg:Opgave, under its chapter's theme."""
    for passage in ctx.structure.passages:
        if passage.kind == "trend":
            _assert_statement(ctx, GG.Trend, "trend", passage, "trendstudie-trend-bullet")
        elif passage.kind == "opgave":
            _assert_statement(ctx, GG.Opgave, "opgave", passage, "trendstudie-opgave-bullet")


@register("trends-2013", documents={TRENDS_2013})
def trends_2013(ctx: DocumentContext) -> None:
    """Each dash item under "Belangrijkste trends en ontwikkelingen" is a gg:Trend."""
    doc = ctx.structure
    key_sections = {s.key for s in doc.sections if s.title == KEY_TRENDS_2013}
    for passage in doc.passages:
        if passage.kind == "streepje" and passage.section in key_sections:
            _assert_statement(ctx, GG.Trend, "trend", passage, "trendstudie-2013-kerntrend")
