"""Fact extraction: one document in, one RDF graph out (structure plus facts).

`extract_document(doc_key)` returns what the build loads into
…/graph/document/{doc-key}: the document's structure (from gemeentegraaf.sources.catalogue) and
every fact the registered extractors find in it, each with its evidence and
provenance (gemeentegraaf.extract.evidence), minus what a curator rejected
(gemeentegraaf.extract.curation).

Extractors register themselves:

    from gemeentegraaf.extract.framework import register

    @register("knelpunten-tabel")  # runs where a genre profile lists it
    def knelpunten(ctx: DocumentContext) -> None:
        for sentence in ctx.sentences:
            ...
            ctx.assert_fact(GG.Knelpunt, "knelpunt", subject_key, subject, obj_key,
                            sentence.start, sentence.end, "vng-knelpunt-tabel", thema=...)

An extractor gets a `DocumentContext`: the raw and normalised text, sentences
with their section and passage, municipality mentions (gemeentegraaf.text.gazetteer),
theme hits (gemeentegraaf.text.themes) and helpers that turn a span of the normalised text
into evidence with raw offsets. Extractors run in registration-name order, so
output does not depend on import order.

Which extractors run is chosen by the document's genre (data/genres/*.toml, detected
from its structure by gemeentegraaf.text.genres): the general ones (`general=True`) for
every document, the others where the genre profile lists them. Nothing here looks at a
document's key, title or publisher to choose a rule; the key only names the facts. A
document may have a speaker (the municipality or network that writes it, passed in or
inferred by gemeentegraaf.extract.speaker); genres whose profile says so read "we", "de
gemeente", "het college" as that speaker.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache, cached_property

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GG, ID, document_uri
from gemeentegraaf.extract.evidence import (
    Evidence,
    add_assertion,
    add_evidence_to,
    assertion_key,
    extraction_activity,
)
from gemeentegraaf.extract.speaker import Speaker, infer_speaker
from gemeentegraaf.sources import catalogue as corpus
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text import documents, segment
from gemeentegraaf.text.gazetteer import Gazetteer
from gemeentegraaf.text.genres import GENERAL, Genre
from gemeentegraaf.text.genres import genre as genre_named
from gemeentegraaf.text.normalise import NormalisedText
from gemeentegraaf.text.themes import ThemeHit, ThemeScheme
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

MUNICIPALITY_BASE = str(ID) + "gemeente/"

# Confidence of a rule that rests on a genre's structure (its tables, bullets, chapters).
GENRE_RULE_CONFIDENCE = 0.9
# A statement the text hedges: an expectation or forecast, not a fact.
HEDGE = re.compile(
    r"\b(?:wordt|worden|werd|werden) (?:\w+ ){0,3}verwacht\b|\bnaar verwachting\b"
    r"|\bverwacht(?:en)? (?:dat|wordt)\b|\bprognoses?\b|\bvoorspel(?:d|t|len|ling)\b"
    r"|\bzal (?:\w+ ){0,3}(?:toenemen|afnemen|dalen|stijgen|groeien|krimpen)\b"
    r"|\bzullen (?:\w+ ){0,3}(?:toenemen|afnemen|dalen|stijgen|groeien|krimpen)\b",
    re.IGNORECASE,
)
EXPECTED = "verwacht"

# Modules that hold extractors; each registers on import.
EXTRACTOR_MODULES = (
    "gemeentegraaf.extract.municipal",
    "gemeentegraaf.extract.programmes",
    "gemeentegraaf.extract.figures",
    "gemeentegraaf.extract.roles",
    "gemeentegraaf.extract.vng",
    "gemeentegraaf.extract.g32",
    "gemeentegraaf.extract.trends",
    "gemeentegraaf.extract.generic",
    "gemeentegraaf.extract.memberships",
)


class ExtractionError(UserError):
    """A document cannot be extracted (unknown key, unreadable file)."""


# ---------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------

Extractor = Callable[["DocumentContext"], None]


@dataclass(frozen=True)
class Registration:
    name: str
    func: Extractor
    general: bool  # runs for every document; else only where a genre profile lists it


_REGISTRY: dict[str, Registration] = {}


def register(name: str, *, general: bool = False) -> Callable[[Extractor], Extractor]:
    """Decorator: run `func(ctx)` for every document (`general`) or for the genres whose
    profile lists `name` among its extractors."""

    def wrap(func: Extractor) -> Extractor:
        _REGISTRY[name] = Registration(name, func, general)
        return func

    return wrap


def load_extractors() -> list[Registration]:
    for module in EXTRACTOR_MODULES:
        importlib.import_module(module)
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


def extractors_for(genre: Genre) -> list[Registration]:
    """The general extractors and those the genre's profile enables, in name order."""
    registrations = load_extractors()
    unknown = genre.extractors - {r.name for r in registrations}
    if unknown:
        raise ExtractionError(
            f"genre profile {genre.name} names unknown extractors: {', '.join(sorted(unknown))}"
        )
    return [r for r in registrations if r.general or r.name in genre.extractors]


# ---------------------------------------------------------------------------
# Structure the extractors see
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str  # as printed, whitespace collapsed
    level: int  # 1 chapter, 2 section, 3 subsection
    number: str | None = None
    uri: URIRef | None = None
    key: str | None = None  # the section's key in gemeentegraaf.text.segment


@dataclass
class Sentence:
    """A sentence of the normalised text, with where it stands."""

    index: int
    start: int  # offsets into DocumentContext.text
    end: int
    text: str
    headings: tuple[Heading, ...]  # chapter first, innermost last
    paragraph: int  # sentences of one paragraph (passage) share it
    passage: URIRef | None = None
    passage_kind: str = "alinea"

    @property
    def chapter(self) -> Heading | None:
        return self.headings[0] if self.headings else None

    @property
    def section(self) -> Heading | None:
        return self.headings[-1] if self.headings else None


@dataclass
class DocumentContext:
    """Everything an extractor needs about one document, and where to write facts."""

    info: CorpusRecord  # the report's catalogue row: title, publisher, year, kind, date
    raw: str
    norm: NormalisedText
    sentences: list[Sentence]
    graph: Graph
    activity: URIRef
    passages: list[tuple[int, int, URIRef, str]] = field(default_factory=list)  # norm spans
    structure: segment.Document | None = None
    speaker: Speaker | None = None  # who writes the document, when known or inferred

    @cached_property
    def genre(self) -> Genre:
        """The genre profile the document was segmented with."""
        return genre_named(self.structure.genre if self.structure else GENERAL)

    def rule(self, name: str, default: object = None) -> object:
        """A rule parameter of the document's genre profile ([rules] in its file)."""
        return self.genre.rules.get(name, default)

    @cached_property
    def report_scheme(self) -> str | None:
        """The report theme scheme whose sections this document's headings name
        (gemeentegraaf.text.themes.ThemeScheme.report_scheme_for), if any."""
        if self.structure is None:
            return None
        return self.themes.report_scheme_for(s.title for s in self.structure.sections)

    @property
    def key(self) -> str:
        return self.info.key

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def on(self) -> date:
        """The date the names in the text are read on (CorpusRecord.read_on)."""
        return self.info.read_on

    # -- services --------------------------------------------------------------

    @cached_property
    def gazetteer(self):  # -> gemeentegraaf.text.gazetteer.Gazetteer
        return _gazetteer()

    @cached_property
    def themes(self) -> ThemeScheme:
        return ThemeScheme.load()

    def mentions(self, sentence: Sentence) -> list:
        """Municipality mentions in a sentence; offsets relative to the sentence text.

        Computed once per sentence: every extractor asks for the same sentences.
        """
        cached = self._mentions.get(sentence.index)
        if cached is None:
            cached = self._mentions[sentence.index] = self.find(sentence.text)
        return cached

    def find(self, text: str) -> list:
        """Municipality mentions in a piece of this document's text (gazetteer.find),
        where a municipality that writes about itself names its own towns: its village
        Heusden is not the municipality of Heusden (Gazetteer.own_towns)."""
        mentions = self.gazetteer.find(text, self.on)
        if self.speaker is not None and not self.speaker.is_network:
            mentions = self.gazetteer.own_towns(mentions, text, self.speaker.code)
        return mentions

    @cached_property
    def _mentions(self) -> dict[int, list]:
        return {}

    def passage_at(self, start: int, end: int) -> URIRef | None:
        """The innermost passage that holds the normalised span [start, end)."""
        spans, starts, reach = self._passage_index
        best: tuple[int, URIRef] | None = None
        # walk back from the last passage starting at or before `start`, while an
        # earlier passage can still reach `end` (one or two steps: passages rarely nest)
        j = bisect_right(starts, start) - 1
        while j >= 0 and reach[j] >= end:
            p_start, p_end, uri, _kind = spans[j]
            if end <= p_end and (best is None or p_end - p_start <= best[0]):
                best = (p_end - p_start, uri)
            j -= 1
        return best[1] if best else None

    @cached_property
    def _passage_index(self) -> tuple[list[tuple[int, int, URIRef, str]], list[int], list[int]]:
        """Passages by start, their starts, and the furthest end up to each of them."""
        spans = sorted(self.passages, key=lambda p: (p[0], p[1]))
        reach: list[int] = []
        for _start, p_end, _uri, _kind in spans:
            reach.append(max(p_end, reach[-1]) if reach else p_end)
        return spans, [p[0] for p in spans], reach

    # -- themes ------------------------------------------------------------------

    @cached_property
    def theme_mentions(self) -> Counter[URIRef]:
        """How often the text's sentences of prose and points name each theme (headings,
        the table of contents, footnotes and table cells left out), a narrower one counting
        for its broader ones too: what a text comes back to is what it is about."""
        counts: Counter[URIRef] = Counter()
        for sentence in self.sentences:
            if sentence.passage_kind in ("kop", "inhoud", "voetnoot", "tabelcel"):
                continue
            for hit in self.themes.match(sentence.text):
                counts.update({hit.concept, *self.themes.ancestors(hit.concept)})
        return counts

    def themes_named_most(self, top: int, at_least: int) -> frozenset[URIRef]:
        """The themes the text names at least `at_least` times and as often as its
        `top`-th most named one (ties kept): in a long text nearly every theme is named
        twice somewhere, and only its main themes are what it comes back to. Read once
        per document and limits."""
        key = (top, at_least)
        if key not in self._named_most:
            counts = sorted(self.theme_mentions.values(), reverse=True)
            floor = max(at_least, counts[min(top, len(counts)) - 1]) if counts else at_least
            self._named_most[key] = frozenset(
                c for c, n in self.theme_mentions.items() if n >= floor
            )
        return self._named_most[key]

    @cached_property
    def _named_most(self) -> dict[tuple[int, int], frozenset[URIRef]]:
        return {}

    def theme_hits(self, text: str) -> list[ThemeHit]:
        """Theme terms in `text` (gemeentegraaf.text.themes.ThemeScheme.match)."""
        return self.themes.match(text)

    def headings_of(self, section_key: str | None) -> tuple[Heading, ...]:
        """The heading chain of a section, chapter first (as in Sentence.headings)."""
        if self.structure is None or section_key is None:
            return ()
        return _heading_chain(self.structure, section_key)

    def section_themes(self, heading: Heading) -> list[URIRef]:
        """Main-scheme themes this report's own scheme gives a section (see section_chain)."""
        for sentence_headings in self._heading_chains:
            if heading in sentence_headings:
                chain = self.section_chain(sentence_headings)
                return chain[sentence_headings.index(heading)]
        return self.section_chain((heading,))[0]

    @cached_property
    def _heading_chains(self) -> list[tuple[Heading, ...]]:
        return list(dict.fromkeys(s.headings for s in self.sentences))

    def section_chain(self, headings: tuple[Heading, ...]) -> list[list[URIRef]]:
        """For each heading (chapter first): the main-scheme themes the report's own theme
        scheme maps that section to, [] where it has none (ThemeScheme.section_concepts
        finds the section's concept, ThemeScheme.mapped its themes)."""
        return list(_section_chain(self.themes, self.report_scheme, tuple(headings)))

    def innermost_section_themes(self, headings: tuple[Heading, ...]) -> list[URIRef]:
        """The main-scheme themes of the innermost section of the chain that has any."""
        return next((themes for themes in reversed(self.section_chain(headings)) if themes), [])

    # -- writing facts -----------------------------------------------------------

    def evidence(self, start: int, end: int, passage: URIRef | None = None) -> Evidence:
        """Evidence for the normalised span [start, end), quoted from the raw text."""
        raw_start, raw_end = self.norm.to_raw(start, end)
        if passage is None:
            passage = self.passage_at(start, end)
        return Evidence.from_span(self.key, self.raw, raw_start, raw_end, passage)

    def assert_fact(
        self,
        cls: URIRef,
        kind: str,
        subject_key: str,
        subject: URIRef,
        object_key: str,
        start: int,
        end: int,
        method: str,
        *,
        passage: URIRef | None = None,
        confidence: float = GENRE_RULE_CONFIDENCE,
        **props: object,
    ) -> URIRef:
        """Write one assertion for the normalised span [start, end); returns its URI.

        Every assertion gets the confidence of the rule that made it (gg:betrouwbaarheid;
        the rule is gg:methode and the run prov:wasGeneratedBy), and a hedged statement
        ("wordt verwacht", "prognoses") keeps its modality (gg:modaliteit "verwacht").

        The same claim made again in the same passage (same class, subject, object
        and properties) is the same fact: it gets this span as one more piece of
        evidence instead of a node of its own, and keeps the key of its first span.
        """
        ev = self.evidence(start, end, passage)
        claim = (cls, kind, subject_key, subject, object_key, ev.passage, _claim_props(props))
        known = self._claims.get(claim) if ev.passage is not None else None
        if known is not None:
            add_evidence_to(self.graph, known, ev)
            return known
        key = assertion_key(self.key, kind, subject_key, object_key, ev.start)
        props["betrouwbaarheid"] = Decimal(str(round(confidence, 2)))
        if HEDGE.search(self.text[start:end]):
            props["modaliteit"] = EXPECTED
        node = add_assertion(self.graph, cls, key, subject, ev, method, self.activity, **props)
        self._claims[claim] = node
        return node

    @cached_property
    def _claims(self) -> dict[tuple, URIRef]:
        return {}


def _claim_props(props: dict[str, object]) -> tuple:
    """A claim's properties in a hashable, order-free form."""

    def frozen(value: object) -> object:
        if isinstance(value, dict):
            return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
        if isinstance(value, list | tuple | set | frozenset):
            return tuple(sorted(str(v) for v in value))
        return str(value)

    return tuple(sorted((name, frozen(value)) for name, value in props.items()))


@cache
def _section_chain(
    themes: ThemeScheme, scheme: str | None, headings: tuple[Heading, ...]
) -> tuple[list[URIRef], ...]:
    if scheme is None:
        return tuple([] for _ in headings)
    concepts = themes.section_concepts(scheme, ((h.number, h.text) for h in headings))
    return tuple(themes.mapped(c) if c is not None else [] for c in concepts)


@cache
def _gazetteer():

    return Gazetteer.from_reference()


# ---------------------------------------------------------------------------
# Building the context
# ---------------------------------------------------------------------------


def _heading_chain(doc: segment.Document, section_key: str | None) -> tuple[Heading, ...]:
    """The headings of a section and the sections around it, chapter first."""
    return tuple(
        Heading(s.title, s.level, s.number, segment.section_uri(doc.key, s.key), s.key)
        for s in reversed(doc.ancestors(section_key))
    )


def _sentences(
    doc: segment.Document,
) -> tuple[list[Sentence], list[tuple[int, int, URIRef, str]]]:
    """Every sentence of every passage (headings excluded), with its section chain."""
    result: list[Sentence] = []
    spans: list[tuple[int, int, URIRef, str]] = []
    for number, passage in enumerate(doc.passages):
        uri = segment.passage_uri(doc.key, passage)
        spans.append((passage.norm_start, passage.norm_end, uri, passage.kind))
        if passage.kind == "kop":
            continue
        chain = _heading_chain(doc, passage.section)
        for sent in segment.sentences(doc, passage):
            result.append(
                Sentence(
                    index=len(result),
                    start=sent.norm_start,
                    end=sent.norm_end,
                    text=sent.text,
                    headings=chain,
                    paragraph=number,
                    passage=uri,
                    passage_kind=passage.kind,
                )
            )
    return result, spans


def bundled_record(doc_key: str) -> CorpusRecord:
    try:
        return corpus.corpus_record(doc_key)
    except KeyError as exc:
        raise ExtractionError(str(exc.args[0])) from None


def build_context(
    record: CorpusRecord,
    document: segment.Document,
    graph: Graph | None = None,
    started: datetime | None = None,
    speaker: Speaker | None = None,
) -> DocumentContext:
    """The context the extractors see for one segmented report."""
    g = graph if graph is not None else Graph()
    activity = extraction_activity(g, record.key, started)
    sentences, passages = _sentences(document)
    return DocumentContext(
        record,
        document.raw,
        document.norm,
        sentences,
        g,
        activity,
        passages,
        document,
        speaker,
    )


# ---------------------------------------------------------------------------
# Shortcuts and the whole run
# ---------------------------------------------------------------------------


def materialise_shortcuts(g: Graph) -> None:
    """Shortcut triples from the assertions left after curation.

    A negated assertion (gg:ontkend true) never yields a shortcut. gg:heeftUitdaging
    (subject → theme) for challenges; gg:heeftDeelnemer (programme → municipality)
    for participations of a municipality: its range is tooiont:Gemeente, so a
    network's participation stays a gg:Deelname only.
    """
    for triple in list(g.triples((None, GG.heeftUitdaging, None))):
        g.remove(triple)
    for triple in list(g.triples((None, GG.heeftDeelnemer, None))):
        g.remove(triple)
    for node in g.subjects(RDF.type, GG.Uitdaging):
        subject, theme = g.value(node, GG.onderwerp), g.value(node, GG.thema)
        if subject is not None and theme is not None and not _negated(g, node):
            g.add((subject, GG.heeftUitdaging, theme))
    for node in g.subjects(RDF.type, GG.Deelname):
        subject, programme = g.value(node, GG.onderwerp), g.value(node, GG.programma)
        if subject is None or programme is None or _negated(g, node):
            continue
        if str(subject).startswith(MUNICIPALITY_BASE):
            g.add((programme, GG.heeftDeelnemer, subject))


def _negated(g: Graph, node: URIRef) -> bool:
    value = g.value(node, GG.ontkend)
    return value is not None and bool(value.toPython())


def extract_facts(
    record: CorpusRecord,
    document: segment.Document,
    *,
    started: datetime | None = None,
    graph: Graph | None = None,
    speaker: Speaker | None = None,
) -> DocumentContext:
    """Run the extractors of the report's genre; the facts are in ctx.graph.

    `speaker`: the municipality or network that writes the report; when None it is
    inferred from the title, publisher and text (gemeentegraaf.extract.speaker).
    """
    if speaker is None:
        speaker = infer_speaker(record, document, _gazetteer())
    ctx = build_context(record, document, graph, started, speaker)
    node = document_uri(record.key)
    # what the reading rests on, for users to see: the genre profile the structure
    # picked, and the municipality or network the document speaks for
    ctx.graph.add((node, DCTERMS.type, Literal(ctx.genre.name)))
    if speaker is not None:
        ctx.graph.add((node, DCTERMS.subject, speaker.uri))
    for registration in extractors_for(ctx.genre):
        registration.func(ctx)
    return ctx


def context_for(doc_key: str, *, started: datetime | None = None) -> DocumentContext:
    """A bundled document's context with structure and facts, before curation and shortcuts.

    For tests and for reading a document's facts next to the text they rest on.
    """
    record, document = bundled_record(doc_key), documents.load_document(doc_key)
    g = documents.document_graph_content(record, document)
    return extract_facts(record, document, started=started, graph=g)
