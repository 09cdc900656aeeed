"""Knelpunten (gg:Knelpunt) and practice examples (gg:Praktijkvoorbeeld) from the VNG report.

The VNG "Stand van de Uitvoering Gemeenten 2023" works three cases (chapters 7,
8 and 9, gg:Casus) and ends each with a table "Samenvatting knelpunten"
(sections 7.4, 8.4, 9.4) whose columns the text prints one after the other;
gemeentegraaf.text.segment gives every cell as a passage of kind "tabelcel" with its column.

- Every cell of the "Knelpunt" column is a gg:Knelpunt about its case
  (gg:onderwerp the case's section node), labelled with the cell's text.
- A knelpunt stated in prose counts only when the sentence says so in so many
  words: "… is een (groeiend) knelpunt", "een voorkomend knelpunt is dat …",
  "het knelpunt van …", "… als een zwaarwegend knelpunt", "… is benoemd in de
  Knelpuntenbrief", "X belemmert/bemoeilijkt Y", "X staat Y in de weg". A
  sentence that opens with "Dit"/"Dat" points back: its evidence takes the
  sentence before it along, so the quote says what the knelpunt is. Its
  subject is the case in chapters 7-9, else gg:AlleGemeenten (the report is
  about municipal implementation); a knelpunt of national agencies that does
  not speak of gemeenten ("… de SVB, de IND … verouderde ict …") is left out.
  Section headings that state one ("Deelverantwoordelijkheden staan een
  integrale benadering in de weg") count within the cases.
- Each knelpunt carries its themes (gemeentegraaf.extract.trends.report_themes: the
  case's or section's themes plus those its words name), the laws and schemes
  it names (gg:betrokkenRegeling, gemeentegraaf.text.programmes)
  and the implementing agencies it names (gg:betrokkenOrganisatie, gemeentegraaf.text.agencies).

Practice examples: every "Praktijkvoorbeeld:" box (passage kind "kader") that
names a municipality gives one gg:Praktijkvoorbeeld per municipality, with the
box heading as dcterms:title and the themes its words name (else its section's).
A municipality counts when the box says "(de) gemeente X", names X as an actor
(gemeentegraaf.extract.actors), or names only X and refers to "de gemeente" ("Voedselbank
Amersfoort houdt, in samenwerking met de gemeente, …"). Boxes about agencies or
all municipalities ("De schouders eronder") name none and give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gemeentegraaf.common.namespaces import GG, municipality_uri, slug
from gemeentegraaf.extract.actors import Actor, just_before, municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, Heading, Sentence, register
from gemeentegraaf.extract.municipal import add_challenge
from gemeentegraaf.extract.trends import collapse, object_key, report_themes, short_label
from gemeentegraaf.text import segment
from gemeentegraaf.text.agencies import Agency, find_agencies
from gemeentegraaf.text.programmes import LAW, Programme, add_programme, find_programmes
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

KNELPUNT_COLUMN = "Knelpunt"


# ---------------------------------------------------------------------------
# Themes and implementing agencies (gg:Uitvoeringsorganisatie, gemeentegraaf.text.agencies)
# ---------------------------------------------------------------------------


def _theme_words(text: str) -> str:
    """The words that say what a knelpunt is about: a lead-in before a colon left out
    ("Gemeentesecretarissen, …, medewerkers verduurzaming: allemaal noemden ze … de AVG …"
    is about the AVG, not about energy). Agency names never give a theme
    (gemeentegraaf.text.themes)."""
    head, sep, tail = text.partition(": ")
    return tail if sep and len(head) < len(tail) else text


def add_agency(g: Graph, agency: Agency) -> URIRef:
    node = agency.uri
    g.add((node, RDF.type, GG.Uitvoeringsorganisatie))
    g.add((node, RDF.type, ORG.FormalOrganization))
    g.add((node, RDF.type, ORG.Organization))
    g.add((node, SKOS.prefLabel, Literal(agency.name, lang="nl")))
    if agency.full_name != agency.name:
        g.add((node, SKOS.altLabel, Literal(agency.full_name, lang="nl")))
    return node


# ---------------------------------------------------------------------------
# Laws and schemes (gg:Programma): gemeentegraaf.text.programmes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentMention:
    start: int
    end: int
    programme: Programme


def find_instruments(text: str) -> list[InstrumentMention]:
    """Named laws, schemes, funds and programmes in `text` (gemeentegraaf.text.programmes), one per
    instrument, in text order. "Dienst Toeslagen" is an agency, not the scheme."""
    found: dict[str, InstrumentMention] = {}
    for m in find_programmes(text):
        if m.programme.kind == LAW and text[max(0, m.start - 7) : m.start] == "Dienst ":
            continue
        found.setdefault(m.programme.key, InstrumentMention(m.start, m.end, m.programme))
    return sorted(found.values(), key=lambda x: x.start)


def instruments_in(ctx: DocumentContext, text: str) -> list[URIRef]:
    """Programme nodes for the instruments `text` names, written into the document graph."""
    return [add_programme(ctx.graph, m.programme) for m in find_instruments(text)]


def agencies_in(ctx: DocumentContext, text: str) -> list[URIRef]:
    return [add_agency(ctx.graph, a) for a in find_agencies(text)]


# ---------------------------------------------------------------------------
# Knelpunten: the case tables
# ---------------------------------------------------------------------------


def case_of(ctx: DocumentContext, section_key: str | None) -> segment.Section | None:
    """The case (gg:Casus chapter) a section belongs to, if any."""
    if section_key is None:
        return None
    for s in ctx.structure.ancestors(section_key):
        if s.case:
            return s
    return None


def _case_node(ctx: DocumentContext, case: segment.Section) -> tuple[str, URIRef]:
    return f"casus-{case.number}", segment.section_uri(ctx.key, case.key)


def _knelpunt(
    ctx: DocumentContext,
    subject: tuple[str, URIRef],
    headings: tuple[Heading, ...],
    text: str,
    start: int,
    end: int,
    method: str,
    passage: URIRef | None = None,
) -> URIRef:
    subject_key, subject_node = subject
    return ctx.assert_fact(
        GG.Knelpunt,
        "knelpunt",
        subject_key,
        subject_node,
        object_key(text),
        start,
        end,
        method,
        passage=passage,
        thema=report_themes(ctx, headings, _theme_words(text), own_wins=True) or None,
        betrokkenRegeling=instruments_in(ctx, text) or None,
        betrokkenOrganisatie=agencies_in(ctx, text) or None,
        extra={RDFS.label: Literal(short_label(text), lang="nl")},
    )


@register("knelpunten-tabel")
def knelpunten_tabel(ctx: DocumentContext) -> None:
    """Every cell of the "Knelpunt" column of the tables in 7.4, 8.4 and 9.4."""
    for passage in ctx.structure.of_kind("tabelcel"):
        if passage.column != KNELPUNT_COLUMN:
            continue
        case = case_of(ctx, passage.section)
        if case is None:
            continue
        _knelpunt(
            ctx,
            _case_node(ctx, case),
            ctx.headings_of(passage.section),
            passage.text,
            passage.norm_start,
            passage.norm_end,
            "vng-knelpunt-tabel",
            segment.passage_uri(ctx.key, passage),
        )


# ---------------------------------------------------------------------------
# Knelpunten stated in prose
# ---------------------------------------------------------------------------

_ANAPHOR = re.compile(r"^(?:Dit|Dat)\b|^Met\b[^,]*,\s*is dat\b|^Met\b.*\bis dat voor\b")
_KNELPUNT_NOUN = re.compile(r"\b(?:een|het)\s+(?:\w+\s+)?knelpunt\b")
_KNELPUNT_IS_DAT = re.compile(r"\bknelpunt\s+(?:is\s+)?dat\s+\S")
_KNELPUNT_VAN = re.compile(r"^Het knelpunt van\s+\S")
_KNELPUNT_ALS = re.compile(r"\bals\s+een\s+(?:\w+\s+)?knelpunt\b")
_KNELPUNTENBRIEF = re.compile(r"\bis benoemd in de Knelpuntenbrief\b")
_HINDERS = re.compile(r"\b(?:belemmert|belemmeren|bemoeilijkt|bemoeilijken)\b")
_IN_THE_WAY = re.compile(r"\b(?:staat|staan)\b.*\bin de weg\b")
_MUNICIPALITIES = re.compile(r"\bgemeente\w*", re.IGNORECASE)
# A caption or a table row broken into a sentence ("Tabel 1: … belemmerende
# tekorten", "tekort gemeenten belemmert in het") is not a statement.
_NOT_STATEMENT = re.compile(r"^(?:Tabel|Figuur|Bron)\b|^[a-z]")


def _is_prose_knelpunt(text: str) -> bool:
    if _NOT_STATEMENT.search(text) or not text.rstrip().endswith((".", "?", "!")):
        return False
    if _KNELPUNTENBRIEF.search(text) or _IN_THE_WAY.search(text):
        return True
    if _KNELPUNT_NOUN.search(text):
        return bool(
            _KNELPUNT_IS_DAT.search(text)
            or _KNELPUNT_VAN.search(text)
            or _KNELPUNT_ALS.search(text)
            or _ANAPHOR.search(text)
        )
    return bool(_HINDERS.search(text))


def _box_body_start(ctx: DocumentContext, sentence: Sentence) -> int:
    """Where a sentence starts once a box's "Praktijkvoorbeeld: title" line is left out."""
    text = ctx.text[sentence.start : sentence.end]
    m = re.match(r"Praktijkvoorbeeld:[^\n]*\n\s*", text)
    return sentence.start + (m.end() if m else 0)


def _prose_subject(
    ctx: DocumentContext, sentence: Sentence, text: str
) -> tuple[str, URIRef] | None:
    """The case in chapters 7-9; else all municipalities, since the report is about the
    municipal implementation; None for a knelpunt of national agencies that does not
    speak of gemeenten ("… de SVB, de IND … hebben aangegeven dat verouderde ict …")."""
    section_key = sentence.section.key if sentence.section else None
    case = case_of(ctx, section_key)
    if case is not None:
        return _case_node(ctx, case)
    if find_agencies(text) and not _MUNICIPALITIES.search(text):
        return None
    return "alle-gemeenten", GG.AlleGemeenten


@register("knelpunten-tekst")
def knelpunten_tekst(ctx: DocumentContext) -> None:
    """Knelpunten the running text states explicitly (see the module notes)."""
    sentences = ctx.sentences
    for i, sentence in enumerate(sentences):
        if sentence.passage_kind in ("tabelcel", "voetnoot", "inhoud"):
            continue
        start = (
            _box_body_start(ctx, sentence) if sentence.passage_kind == "kader" else sentence.start
        )
        text = ctx.text[start : sentence.end]
        if not _is_prose_knelpunt(text):
            continue
        if _ANAPHOR.search(text):
            previous = sentences[i - 1] if i else None
            if previous is None or previous.paragraph != sentence.paragraph:
                continue  # nothing in the same paragraph to point back to
            start = previous.start
            text = ctx.text[start : sentence.end]
        subject = _prose_subject(ctx, sentence, text)
        if subject is None:
            continue
        _knelpunt(ctx, subject, sentence.headings, text, start, sentence.end, "vng-knelpunt-tekst")
    # Headings that state a knelpunt ("Deelverantwoordelijkheden staan een integrale
    # benadering in de weg"): the heading is the statement.
    for passage in ctx.structure.of_kind("kop"):
        text = collapse(passage.text)
        if not _IN_THE_WAY.search(text) and not _HINDERS.search(text):
            continue
        headings = ctx.headings_of(passage.section)
        case = case_of(ctx, passage.section)
        if case is None:
            continue
        _knelpunt(
            ctx,
            _case_node(ctx, case),
            headings,
            text,
            passage.norm_start,
            passage.norm_end,
            "vng-knelpunt-kop",
            segment.passage_uri(ctx.key, passage),
        )


# ---------------------------------------------------------------------------
# Practice examples
# ---------------------------------------------------------------------------

_GEMEENTE_BEFORE = re.compile(r"\bgemeente\s+$", re.IGNORECASE)
_THE_MUNICIPALITY = re.compile(r"\bde gemeente\b(?!\s+[A-Z])")


def practice_municipalities(ctx: DocumentContext, text: str) -> list[tuple[str, int]]:
    """(CBS code, offset of first mention) of the municipalities a box is an example of."""
    mentions = [
        m
        for m in ctx.find(text)
        if m.resolution.status == "resolved" and (m.resolution.code or "").startswith("GM")
    ]
    actors = {(a.code, a.start) for a in municipality_actors(text, mentions)}
    chosen: dict[str, int] = {}
    for m in mentions:
        code = m.resolution.code
        if just_before(_GEMEENTE_BEFORE, text, m.start) or (code, m.start) in actors:
            chosen.setdefault(code, m.start)
    if not chosen:
        codes = {m.resolution.code for m in mentions}
        if len(codes) == 1 and _THE_MUNICIPALITY.search(text):
            chosen[mentions[0].resolution.code] = mentions[0].start
    return sorted(chosen.items(), key=lambda item: item[1])


# "Binnen het domein Werk & Inkomen", "op het gebied van schulden": the box names its field.
_DOMAIN = re.compile(r"\b(?:domein|op het gebied van)\s+\S+(?:\s*&\s*\S+)?", re.IGNORECASE)
# "Doel van deze wijktafels is om …", "een belangrijke stap om te kunnen starten met
# financiële (schuld-)hulpverlening": what the example is for, up to the end of the clause.
_PURPOSE = re.compile(
    r"\b(?:(?:het )?doel (?:van [^.;:]{1,40}? )?is|(?:een )?(?:\w+ )?stap om|bedoeld om)\b[^.;]*",
    re.IGNORECASE,
)
# A box's closing reference ("Meer informatie op de website …", "Bron: …", "Zie ook …")
# says where to read more, not what the example is about.
_REFERENCE = re.compile(r"^(?:Meer informatie|Zie ook|Bron:)")


def _is_reference(sentence: segment.Sentence) -> bool:
    return bool(_REFERENCE.match(sentence.text.strip()))


def practice_themes(
    ctx: DocumentContext, headings: tuple[Heading, ...], passage: segment.Passage, end: int
) -> list[URIRef]:
    """Themes of a box: those its heading and opening sentence name, those it names as its
    field ("Binnen het domein Werk & Inkomen") or its purpose ("een belangrijke stap om …
    (schuld-)hulpverlening"), and those it names in two sentences or more; its section's
    when that gives none.

    A passing mention further down does not make a box about a theme: not a single word
    ("landschapskaart", "mobiliteit van medewerkers"), nor two in one phrase ("studenten
    van Stenden Hogeschool" helping entrepreneurs is not about education).
    """
    themes = ctx.themes
    opening = ctx.text[passage.norm_start : end]
    chosen = themes.concepts_in(opening)
    named_in: dict[URIRef, set[int]] = {}
    for sentence in segment.sentences(ctx.structure, passage):
        if _is_reference(sentence):
            continue
        text = sentence.text
        fields = [m.span() for rx in (_DOMAIN, _PURPOSE) for m in rx.finditer(text)]
        for hit in themes.match(text):
            named_in.setdefault(hit.concept, set()).add(sentence.norm_start)
            if any(s <= hit.start < e for s, e in fields):
                chosen.append(hit.concept)
    chosen += [concept for concept, where in named_in.items() if len(where) >= 2]
    chosen = themes.most_specific(chosen)
    return chosen or report_themes(ctx, headings, "")


def _naming_sentence(
    sentences: list[segment.Sentence], passage: segment.Passage, offset: int
) -> int:
    """Index of the box sentence that holds the passage-relative offset of a name."""
    absolute = passage.norm_start + offset
    for i, sentence in enumerate(sentences):
        if sentence.norm_start <= absolute < sentence.norm_end:
            return i
    return 0


def _names_theme(ctx: DocumentContext, text: str, theme: URIRef) -> bool:
    family = {theme, *ctx.themes.descendants(theme)}
    return any(hit.concept in family for hit in ctx.themes.match(text))


def action_span(
    ctx: DocumentContext, sentences: list[segment.Sentence], naming: int, theme: URIRef
) -> tuple[int, int]:
    """The evidence that a box's municipality acts on a theme: the sentence naming the
    municipality, stretched to the nearest sentence of the box that names the theme when
    it does not name it itself (a later one first at equal distance; closing references
    do not count); that sentence alone when none names it (the theme is the section's)."""
    named = [
        i
        for i, s in enumerate(sentences)
        if not _is_reference(s) and _names_theme(ctx, s.text, theme)
    ]
    if not named or naming in named:
        return sentences[naming].norm_start, sentences[naming].norm_end
    nearest = min(named, key=lambda i: (abs(i - naming), i < naming))
    first, last = min(naming, nearest), max(naming, nearest)
    return sentences[first].norm_start, sentences[last].norm_end


@register("praktijkvoorbeelden")
def praktijkvoorbeelden(ctx: DocumentContext) -> None:
    """One gg:Praktijkvoorbeeld per box and municipality it is an example of, and a
    gg:Uitdaging (gg:Onderneemt) per such municipality and theme of the box: the
    example shows the municipality acting on it."""
    for passage in ctx.structure.of_kind("kader"):
        title = collapse(passage.title or "")
        headings = ctx.headings_of(passage.section)
        sentences = segment.sentences(ctx.structure, passage)
        passage_uri = segment.passage_uri(ctx.key, passage)
        for code, offset in practice_municipalities(ctx, passage.text):
            naming = _naming_sentence(sentences, passage, offset)
            end = sentences[naming].norm_end
            themes = practice_themes(ctx, headings, passage, end)
            ctx.assert_fact(
                GG.Praktijkvoorbeeld,
                "praktijkvoorbeeld",
                code.lower(),
                municipality_uri(code),
                slug(title) or object_key(passage.text),
                passage.norm_start,
                end,
                "vng-praktijkvoorbeeld-kader",
                passage=passage_uri,
                thema=themes or None,
                extra={
                    DCTERMS.title: Literal(title, lang="nl"),
                    RDFS.label: Literal(title, lang="nl"),
                },
            )
            if _is_reference(sentences[naming]):
                continue  # named only where to read more: no evidence of it acting
            actor = Actor(code, offset, offset, "", "praktijkvoorbeeld")
            for theme in themes:
                start, stop = action_span(ctx, sentences, naming, theme)
                add_challenge(
                    ctx,
                    actor,
                    theme,
                    start,
                    stop,
                    "vng-praktijkvoorbeeld-onderneemt",
                    relation=GG.Onderneemt,
                    passage=passage_uri,
                )
