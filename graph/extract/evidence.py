"""Assertions with their evidence and provenance, as RDF (BRIEF.md, Evidence model).

Every extractor writes its facts through `add_assertion`, so that each fact is
a node of its own that shows the exact text it rests on (a Web Annotation
oa:SpecificResource with a quote and a position selector into the ORIGINAL
file text) and how it was made (a PROV activity run by the extractor).

Identifiers are stable: an assertion's key is built from the document, the
kind of fact, the subject, the object and the raw start offset of its evidence
(`assertion_key`), never from run order. Evidence nodes are keyed by document
and span, so two facts resting on the same words share one evidence node.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from gemeentegraaf import __version__
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GG, ID, OA, document_uri, slug
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD
from rdflib.term import Node

EXTRACTOR_NAME = "gemeentegraaf-extractor"
EXTRACTOR_VERSION = __version__
# Characters of context kept on either side of a quote (oa:prefix / oa:suffix).
CONTEXT_CHARS = 30


class EvidenceError(UserError, ValueError):
    """An evidence span does not fit the text it claims to quote."""


@dataclass(frozen=True)
class Evidence:
    """Where a fact stands: a span of a document's raw text.

    `start`/`end` are character offsets into the file text read as UTF-8
    (data/corpus/{doc_key}.txt), so `raw[start:end] == exact`.
    """

    doc_key: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    passage: URIRef | None = None

    @classmethod
    def from_span(
        cls,
        doc_key: str,
        raw: str,
        start: int,
        end: int,
        passage: URIRef | None = None,
        *,
        context: int = CONTEXT_CHARS,
    ) -> Evidence:
        """Evidence for raw[start:end], trimmed of surrounding whitespace."""
        if not 0 <= start < end <= len(raw):
            raise EvidenceError(f"{doc_key}: span {start}-{end} is outside the text")
        # A quote that starts or ends in whitespace says nothing more and reads badly.
        while start < end and raw[start].isspace():
            start += 1
        while end > start and raw[end - 1].isspace():
            end -= 1
        if start == end:
            raise EvidenceError(f"{doc_key}: span {start}-{end} holds only whitespace")
        return cls(
            doc_key=doc_key,
            start=start,
            end=end,
            exact=raw[start:end],
            prefix=raw[max(0, start - context) : start],
            suffix=raw[end : end + context],
            passage=passage,
        )

    def check(self, raw: str) -> None:
        """Raise EvidenceError unless the quote is the text at its offsets."""
        if raw[self.start : self.end] != self.exact:
            raise EvidenceError(
                f"{self.doc_key}: quote at {self.start}-{self.end} is not the text there"
            )

    @property
    def uri(self) -> URIRef:
        return ID[f"bewijs/{self.doc_key}/{self.start}-{self.end}"]


def assertion_key(doc_key: str, kind: str, subject_key: str, object_key: str, start: int) -> str:
    """`{doc-key}/{kind}/{subject-key}/{object-slug}/{raw-start}`: stable across rebuilds."""
    parts = [doc_key, slug(kind), slug(subject_key), slug(object_key) or "-", str(start)]
    return "/".join(parts)


def assertion_uri(key: str) -> URIRef:
    return ID[f"bewering/{key}"]


def extractor_agent(g: Graph, version: str = EXTRACTOR_VERSION) -> URIRef:
    """The software agent that runs the extraction rules, one node per version."""
    agent = ID[f"agent/{EXTRACTOR_NAME}/{version}"]
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDF.type, PROV.Agent))
    g.add((agent, RDFS.label, Literal(f"{EXTRACTOR_NAME} {version}")))
    g.add((agent, DCTERMS.hasVersion, Literal(version)))
    return agent


def extraction_time(started: datetime | None = None) -> datetime:
    """The time recorded for an extraction run.

    Passed in by the build so that all documents of one build share it; else
    SOURCE_DATE_EPOCH (the reproducible-builds convention) when set; else now.
    Always whole seconds in UTC, so that equal inputs give equal literals.
    """
    if started is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        started = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return started.astimezone(UTC).replace(microsecond=0)


def extraction_activity(
    g: Graph,
    doc_key: str,
    started: datetime | None = None,
    *,
    version: str = EXTRACTOR_VERSION,
) -> URIRef:
    """The prov:Activity that extracted the facts of one document.

    Its URI depends on the document only, so a rebuild yields the same node and
    the same facts; only prov:startedAtTime says when the run happened.
    """
    activity = ID[f"activiteit/extractie/{doc_key}"]
    agent = extractor_agent(g, version)
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"extractie van feiten uit {doc_key}", lang="nl")))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((activity, PROV.used, document_uri(doc_key)))
    g.add(
        (
            activity,
            PROV.startedAtTime,
            Literal(extraction_time(started).isoformat(), datatype=XSD.dateTime),
        )
    )
    return activity


def add_evidence(g: Graph, evidence: Evidence) -> URIRef:
    """The oa:SpecificResource for a span, with its quote and position selectors."""
    node = evidence.uri
    quote = URIRef(f"{node}#citaat")
    position = URIRef(f"{node}#positie")
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, document_uri(evidence.doc_key)))
    if evidence.passage is not None:
        g.add((node, GG.passage, evidence.passage))
    g.add((node, OA.hasSelector, quote))
    g.add((node, OA.hasSelector, position))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(evidence.exact)))
    g.add((quote, OA.prefix, Literal(evidence.prefix)))
    g.add((quote, OA.suffix, Literal(evidence.suffix)))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(evidence.start, datatype=XSD.integer)))
    g.add((position, OA.end, Literal(evidence.end, datatype=XSD.integer)))
    return node


def _literal(value: object) -> Node:
    if isinstance(value, Node):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float | Decimal):
        return Literal(Decimal(str(value)), datatype=XSD.decimal)
    return Literal(str(value))


def add_assertion(
    g: Graph,
    cls: URIRef,
    key: str,
    subject: URIRef,
    evidence: Evidence,
    method: str,
    activity: URIRef,
    **props: object,
) -> URIRef:
    """Write one assertion node with its evidence and provenance; returns its URI.

    `cls` is gg:Uitdaging, gg:Deelname, gg:Kengetal, ... (a gg:Bewering).
    `props` name further properties in the gg: namespace (`thema=…`,
    `relatie=gg.StaatVoor`, `ontkend=True`, `programma=…`); a value may be a
    node, a Python value (turned into a typed literal) or a list of those.
    A property name that is not a gg: term can be given as a full URI string
    key through `extra` (a dict of URIRef → value or list).
    """
    node = assertion_uri(key)
    g.add((node, RDF.type, cls))
    g.add((node, RDF.type, GG.Bewering))
    g.add((node, GG.onderwerp, subject))
    g.add((node, GG.bewijs, add_evidence(g, evidence)))
    if evidence.passage is not None:
        g.add((node, PROV.wasDerivedFrom, evidence.passage))
    else:
        g.add((node, PROV.wasDerivedFrom, document_uri(evidence.doc_key)))
    g.add((node, PROV.wasGeneratedBy, activity))
    g.add((node, GG.methode, Literal(method)))
    extra = props.pop("extra", None) or {}
    items: list[tuple[URIRef, object]] = [(GG[name], value) for name, value in props.items()]
    items += list(extra.items())  # type: ignore[union-attr]
    for prop, value in items:
        if value is None:
            continue
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for item in _sorted(values):
            g.add((node, prop, _literal(item)))
    return node


def add_evidence_to(g: Graph, node: URIRef, evidence: Evidence) -> None:
    """One more piece of evidence for an assertion already written (the same claim again)."""
    g.add((node, GG.bewijs, add_evidence(g, evidence)))
    if evidence.passage is not None:
        g.add((node, PROV.wasDerivedFrom, evidence.passage))


def _sorted(values: Iterable[object]) -> list[object]:
    # Sets of values would otherwise be written in hash order; sorting keeps
    # serialisations of equal inputs equal.
    return sorted(values, key=str)
