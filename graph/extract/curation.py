"""A researcher's confirmations, rejections and additions (data/curation/*.jsonl).

The format is described in data/curation/README.md: JSON Lines, one decision
per line, each with the curator's name and the date. Curated facts win over
extracted ones:

- `confirm` marks an extracted assertion as checked (gg:curatie "bevestigd",
  prov:wasAttributedTo the curator);
- `reject` blocks an extracted assertion: `extract_document` leaves it out of
  the document graph, and the curation graph records who rejected it and why;
- `add` states a fact the extractor missed, with a quote that must occur in
  the document; it lives in the curation graph, attributed to the curator, and
  blocks extracted assertions that say the opposite about the same subject and
  theme from the same words.

`curation_graph()` is what the build loads into …/graph/curation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import (
    GG,
    ID,
    OA,
    municipality_uri,
    network_uri,
    programme_uri,
    slug,
    theme_uri,
)
from gemeentegraaf.common.resources import CURATION_DIR
from gemeentegraaf.extract.evidence import Evidence, add_assertion, assertion_key, assertion_uri
from gemeentegraaf.extract.framework import materialise_shortcuts
from gemeentegraaf.sources import catalogue as corpus
from gemeentegraaf.sources.catalogue import corpus_records
from gemeentegraaf.sources.reference_data import by_code
from gemeentegraaf.text import documents, segment
from gemeentegraaf.text.normalise import find_collapsed
from gemeentegraaf.text.programmes import known_keys
from gemeentegraaf.text.themes import ThemeScheme
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

ACTIONS = ("confirm", "reject", "add")
ADD_KINDS = ("challenge", "negative", "programme", "role")
RELATIONS = {"StaatVoor": GG.StaatVoor, "Prioriteert": GG.Prioriteert, "Onderneemt": GG.Onderneemt}
NETWORKS = ("G4", "G32", "G40", "M50", "P10")
_VERDICT = {"confirm": "bevestigd", "reject": "verworpen", "add": "toegevoegd"}


class CurationError(UserError, ValueError):
    """A curation file says something that cannot be applied; the message names file and line."""


@dataclass(frozen=True)
class Decision:
    """One line of a curation file."""

    action: str
    curator: str
    date: date
    source: str  # "file.jsonl:3", for messages and provenance
    assertion: URIRef | None = None  # confirm / reject
    kind: str | None = None  # add
    doc: str | None = None
    subject: str | None = None  # CBS code or network notation
    theme: str | None = None  # theme slug
    relation: str | None = None
    programme: str | None = None  # programme key (…/id/programma/{key})
    role: str | None = None
    quote: str | None = None
    note: str | None = None
    fields: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def curator_uri(self) -> URIRef:
        return curator_uri(self.curator)

    def record_uri(self, target: URIRef) -> URIRef:
        """The act of curation: by curator, date, action and the assertion it is about."""
        key = str(target).removeprefix(str(ID["bewering/"]))
        return ID[f"curatie/{slug(self.curator)}/{self.date.isoformat()}/{self.action}/{key}"]


def curator_uri(name: str) -> URIRef:
    return ID[f"curator/{slug(name)}"]


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def _require(obj: dict, name: str, where: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or not value.strip():
        raise CurationError(f"{where}: field {name!r} is missing or empty")
    return value.strip()


def _assertion_ref(value: str, where: str) -> URIRef:
    value = value.strip()
    prefix = str(ID["bewering/"])
    if value.startswith("http"):
        if not value.startswith(prefix):
            raise CurationError(f"{where}: {value!r} is not an assertion URI ({prefix}…)")
        return URIRef(value)
    if value.count("/") < 4:
        raise CurationError(
            f"{where}: {value!r} is not an assertion key ({{doc}}/{{kind}}/{{subject}}/…)"
        )
    return assertion_uri(value)


def _decision(obj: object, where: str) -> Decision:
    if not isinstance(obj, dict):
        raise CurationError(f"{where}: each line must be a JSON object")
    action = _require(obj, "action", where)
    if action not in ACTIONS:
        raise CurationError(f"{where}: action {action!r} is not one of {', '.join(ACTIONS)}")
    curator = _require(obj, "curator", where)
    try:
        when = date.fromisoformat(_require(obj, "date", where))
    except ValueError:
        raise CurationError(f"{where}: date must be written YYYY-MM-DD") from None
    note = obj.get("note") or None
    if action in ("confirm", "reject"):
        ref = _assertion_ref(_require(obj, "assertion", where), where)
        if action == "reject" and not note:
            raise CurationError(f"{where}: a rejection needs a note saying why")
        return Decision(action, curator, when, where, assertion=ref, note=note, fields=obj)
    kind = _require(obj, "kind", where)
    if kind not in ADD_KINDS:
        raise CurationError(f"{where}: kind {kind!r} is not one of {', '.join(ADD_KINDS)}")
    subject = _require(obj, "subject", where).upper()
    if not (subject.startswith("GM") and subject[2:].isdigit()) and subject not in NETWORKS:
        raise CurationError(f"{where}: subject {subject!r} is not a CBS code (GM0363) or network")
    decision = Decision(
        action,
        curator,
        when,
        where,
        kind=kind,
        doc=_require(obj, "doc", where),
        subject=subject,
        theme=obj.get("theme"),
        relation=obj.get("relation"),
        programme=obj.get("programme"),
        role=obj.get("role"),
        quote=_require(obj, "quote", where),
        note=note,
        fields=obj,
    )
    if subject.startswith("GM") and subject not in _known_codes():
        raise CurationError(f"{where}: no municipality with code {subject!r}")
    if kind in ("challenge", "negative") and not decision.theme:
        raise CurationError(f"{where}: a {kind} needs a theme (a theme slug such as 'wonen')")
    if decision.theme and theme_uri(decision.theme) not in _known_themes():
        raise CurationError(f"{where}: no theme {decision.theme!r} in ontology/themes.ttl")
    if kind == "challenge" and decision.relation not in RELATIONS:
        raise CurationError(f"{where}: relation must be one of {', '.join(RELATIONS)}")
    if kind == "programme" and not decision.programme:
        raise CurationError(f"{where}: a programme fact needs 'programme' (its key)")
    if decision.programme and decision.programme not in _known_programmes():
        raise CurationError(
            f"{where}: no programme {decision.programme!r} in graph/programmes.py or the "
            "reference data (use its key, such as 'participatiewet')"
        )
    if kind == "role" and not decision.role:
        raise CurationError(f"{where}: a role fact needs 'role' (such as 'financier')")
    return decision


@cache
def _known_codes() -> frozenset[str]:

    return frozenset(by_code())


@cache
def _known_programmes() -> frozenset[str]:

    return known_keys()


@cache
def _known_themes() -> frozenset[URIRef]:

    return frozenset(ThemeScheme.load().concepts)


def read_file(path: Path) -> list[Decision]:
    decisions = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            text = line.strip()
            if not text or text.startswith("//"):
                continue
            where = f"{path.name}:{number}"
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise CurationError(f"{where}: not valid JSON ({exc.msg})") from None
            decisions.append(_decision(obj, where))
    return decisions


def load_decisions(directory: Path = CURATION_DIR) -> list[Decision]:
    """All decisions in the directory's *.jsonl files, in file and line order."""
    if not directory.is_dir():
        return []
    decisions: list[Decision] = []
    for path in sorted(directory.glob("*.jsonl")):
        decisions += read_file(path)
    return decisions


# ---------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------


def _raw_text(decision: Decision) -> str:
    """The document's text as the extractor reads it, so that offsets match."""

    try:
        return corpus.raw_text(corpus.corpus_record(decision.doc or ""))
    except KeyError:
        raise CurationError(
            f"{decision.source}: unknown document {decision.doc!r} (not in the corpus catalogue)"
        ) from None


def _locate(decision: Decision) -> Evidence:

    raw = _raw_text(decision)
    span = find_collapsed(raw, decision.quote or "")
    if span is None:
        raise CurationError(
            f"{decision.source}: the quote does not occur in {decision.doc} "
            "(compare with the text; whitespace may differ, words may not)"
        )
    return Evidence.from_span(decision.doc, raw, *span, _passage(decision.doc, span[0]))


def _passage(doc_key: str, raw_start: int) -> URIRef | None:
    """The passage of a bundled document that holds a raw offset (None if unknown)."""

    try:
        document = documents.load_document(doc_key)
    except KeyError:
        return None
    passage = document.passage_at(raw_start)
    return segment.passage_uri(doc_key, passage) if passage is not None else None


def _subject_uri(code: str) -> URIRef:
    return network_uri(code) if code in NETWORKS else municipality_uri(code)


def _add_curator(g: Graph, decision: Decision) -> URIRef:
    node = decision.curator_uri
    g.add((node, RDF.type, PROV.Person))
    g.add((node, RDF.type, PROV.Agent))
    g.add((node, FOAF.name, Literal(decision.curator)))
    g.add((node, RDFS.label, Literal(decision.curator)))
    return node


def _add_record(g: Graph, decision: Decision, target: URIRef) -> URIRef:
    """The act of curation: who decided what about which assertion, when and why."""
    record = decision.record_uri(target)
    g.add((record, RDF.type, PROV.Activity))
    g.add((record, RDFS.label, Literal(f"curatie: {_VERDICT[decision.action]}", lang="nl")))
    g.add((record, PROV.wasAssociatedWith, _add_curator(g, decision)))
    g.add((record, DCTERMS.date, Literal(decision.date.isoformat(), datatype=XSD.date)))
    g.add((record, GG.curatie, Literal(_VERDICT[decision.action])))
    g.add((record, DCTERMS.source, Literal(decision.source)))
    if decision.note:
        g.add((record, RDFS.comment, Literal(decision.note, lang="nl")))
    if decision.action == "reject":
        g.add((record, PROV.invalidated, target))
    else:
        g.add((record, PROV.used, target))
    return record


def _added_assertion(g: Graph, decision: Decision) -> URIRef:
    evidence = _locate(decision)
    subject = _subject_uri(decision.subject or "")
    props: dict[str, object] = {}
    if decision.kind in ("challenge", "negative"):
        cls = GG.Uitdaging
        obj_key = decision.theme or ""
        props["thema"] = theme_uri(obj_key)
        if decision.kind == "negative":
            props["ontkend"] = True
        else:
            props["relatie"] = RELATIONS[decision.relation or ""]
            props["ontkend"] = False
    elif decision.kind == "programme":
        cls = GG.Deelname
        obj_key = decision.programme or ""
        props["programma"] = programme_uri(obj_key)
    else:
        cls = GG.Rolvermelding
        obj_key = decision.role or ""
        props["rol"] = decision.role
    key = "curatie/" + assertion_key(
        decision.doc or "", decision.kind or "", decision.subject or "", obj_key, evidence.start
    )
    record = decision.record_uri(assertion_uri(key))
    node = add_assertion(
        g, cls, key, subject, evidence, f"curatie:{decision.kind}", record, **props
    )
    # Made by the act of curation (prov:wasGeneratedBy the record) and vouched for by the
    # curator: the shapes accept either, a reader wants both.
    g.add((node, PROV.wasAttributedTo, decision.curator_uri))
    g.add((node, GG.curatie, Literal("toegevoegd")))
    if decision.note:
        g.add((node, RDFS.comment, Literal(decision.note, lang="nl")))
    return node


def curation_graph(
    directory: Path = CURATION_DIR, *, documents: Iterable[str] | None = None
) -> Graph:
    """The named graph …/graph/curation: every decision with its curator as provenance.

    Whether a confirmed or rejected assertion is still extracted is checked where the
    extracted graph is at hand (`apply_blocks`, for each document the build extracts);
    here only that its document is one the build extracts: `documents` (keys), by
    default the bundled corpus.
    """
    extracted = frozenset(documents) if documents is not None else _corpus_keys()
    g = Graph()
    for decision in load_decisions(directory):
        if decision.action == "add":
            node = _added_assertion(g, decision)
            _add_record(g, decision, node)
            continue
        target = decision.assertion
        assert target is not None
        if _document_of(target) not in extracted:
            raise CurationError(_not_extracted(decision, target))
        _add_record(g, decision, target)
        if decision.action == "confirm":
            g.add((target, GG.curatie, Literal("bevestigd")))
            g.add((target, PROV.wasAttributedTo, _add_curator(g, decision)))
    # The same shortcuts as in a document graph, from the added assertions.
    materialise_shortcuts(g)
    return g


def _document_of(target: URIRef) -> str:
    """The document key an assertion URI starts with (…/bewering/{doc}/{kind}/…)."""
    return str(target).removeprefix(str(ID["bewering/"])).split("/", 1)[0]


@cache
def _corpus_keys() -> frozenset[str]:

    return frozenset(r.key for r in corpus_records())


def _not_extracted(decision: Decision, target: URIRef) -> str:
    file, _, line = decision.source.rpartition(":")
    return (
        f"curation line {line} of {file} refers to an assertion that is no longer "
        f"extracted: {target}"
    )


@dataclass(frozen=True)
class Blocks:
    """What curation removes from a document graph."""

    rejected: frozenset[URIRef]
    # (doc, subject URI, theme URI, polarity of the curated fact, raw start, raw end)
    overrides: tuple[tuple[str, URIRef, URIRef, bool, int, int], ...]
    # every confirmed or rejected assertion, with the decision about it
    targets: tuple[tuple[URIRef, Decision], ...] = ()


def blocks(directory: Path = CURATION_DIR) -> Blocks:
    rejected: set[URIRef] = set()
    overrides = []
    targets = []
    for decision in load_decisions(directory):
        if decision.assertion is not None:
            targets.append((decision.assertion, decision))
        if decision.action == "reject" and decision.assertion is not None:
            rejected.add(decision.assertion)
        elif decision.action == "add" and decision.kind in ("challenge", "negative"):
            ev = _locate(decision)
            overrides.append(
                (
                    decision.doc or "",
                    _subject_uri(decision.subject or ""),
                    theme_uri(decision.theme or ""),
                    decision.kind == "negative",
                    ev.start,
                    ev.end,
                )
            )
    return Blocks(frozenset(rejected), tuple(overrides), tuple(targets))


def _drop_assertion(g: Graph, node: URIRef) -> None:
    for triple in list(g.triples((node, None, None))):
        g.remove(triple)


def _span(g: Graph, assertion: URIRef) -> tuple[int, int] | None:

    for ev in g.objects(assertion, GG.bewijs):
        for sel in g.objects(ev, OA.hasSelector):
            start, end = g.value(sel, OA.start), g.value(sel, OA.end)
            if start is not None and end is not None:
                return int(start), int(end)
    return None


def apply_blocks(g: Graph, doc_key: str, block: Blocks) -> list[URIRef]:
    """Remove rejected or overridden assertions from a document graph; returns them.

    Evidence nodes no longer used by any assertion go too. Shortcut triples
    must be recomputed afterwards (gemeentegraaf.extract.framework does). A decision about an
    assertion of this document that the extractor no longer makes is refused
    (CurationError), so that a changed extractor cannot silently void a curator's work.
    """
    check_targets(g, doc_key, block)
    dropped: list[URIRef] = []
    for node in sorted(set(g.subjects(GG.bewijs, None)), key=str):
        if node in block.rejected:
            dropped.append(node)
            continue
        if (node, RDF.type, GG.Uitdaging) not in g:
            continue
        subject, theme = g.value(node, GG.onderwerp), g.value(node, GG.thema)
        negated = bool(g.value(node, GG.ontkend))
        span = _span(g, node)
        for doc, o_subject, o_theme, o_negated, start, end in block.overrides:
            if (doc, o_subject, o_theme) != (doc_key, subject, theme) or o_negated == negated:
                continue
            if span and span[0] < end and start < span[1]:
                dropped.append(node)
                break
    for node in dropped:
        _drop_assertion(g, node)
    _drop_orphan_evidence(g)
    return dropped


def check_targets(g: Graph, doc_key: str, block: Blocks) -> None:
    """Every confirmed or rejected assertion of document `doc_key` is in its extracted graph."""
    for target, decision in block.targets:
        if _document_of(target) == doc_key and (target, GG.bewijs, None) not in g:
            raise CurationError(_not_extracted(decision, target))


def _drop_orphan_evidence(g: Graph) -> None:

    used = set(g.objects(None, GG.bewijs))
    for ev in list(g.subjects(RDF.type, OA.SpecificResource)):
        if ev in used:
            continue
        for sel in list(g.objects(ev, OA.hasSelector)):
            for triple in list(g.triples((sel, None, None))):
                g.remove(triple)
        for triple in list(g.triples((ev, None, None))):
            g.remove(triple)
