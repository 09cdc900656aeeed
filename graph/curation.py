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

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from .errors import UserError
from .evidence import Evidence, add_assertion, assertion_key, assertion_uri
from .namespaces import GG, ID, municipality_uri, network_uri, slug, theme_uri
from .paths import CORPUS_DIR, CURATION_DIR

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
    if kind == "role" and not decision.role:
        raise CurationError(f"{where}: a role fact needs 'role' (such as 'financier')")
    return decision


@cache
def _known_codes() -> frozenset[str]:
    from .reference_data import by_code

    return frozenset(by_code())


@cache
def _known_themes() -> frozenset[URIRef]:
    from .themes import ThemeScheme

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


@cache
def _raw_text(doc_key: str, corpus_dir: Path = CORPUS_DIR) -> str:
    path = corpus_dir / f"{doc_key}.txt"
    if not path.is_file():
        raise CurationError(f"unknown document {doc_key!r} (no {path.name} in {corpus_dir})")
    return path.read_text(encoding="utf-8")


def _locate(decision: Decision, corpus_dir: Path) -> Evidence:
    from .normalise import find_collapsed

    try:
        raw = _raw_text(decision.doc, corpus_dir)
    except CurationError as exc:
        raise CurationError(f"{decision.source}: {exc}") from None
    span = find_collapsed(raw, decision.quote or "")
    if span is None:
        raise CurationError(
            f"{decision.source}: the quote does not occur in {decision.doc} "
            "(compare with the text; whitespace may differ, words may not)"
        )
    return Evidence.from_span(decision.doc, raw, *span, _passage(decision.doc, span[0]))


def _passage(doc_key: str, raw_start: int) -> URIRef | None:
    """The passage of a bundled document that holds a raw offset (None if unknown)."""
    from . import corpus, segment

    try:
        document = corpus.load_document(doc_key)
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


def _added_assertion(g: Graph, decision: Decision, corpus_dir: Path) -> URIRef:
    evidence = _locate(decision, corpus_dir)
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
        props["programma"] = ID[f"programma/{obj_key}"]
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
    if cls == GG.Uitdaging and decision.kind == "challenge":
        g.add((subject, GG.heeftUitdaging, props["thema"]))  # type: ignore[arg-type]
    if cls == GG.Deelname and str(subject).startswith(str(ID["gemeente/"])):
        g.add((props["programma"], GG.heeftDeelnemer, subject))  # type: ignore[arg-type]
    return node


def curation_graph(directory: Path = CURATION_DIR, *, corpus_dir: Path = CORPUS_DIR) -> Graph:
    """The named graph …/graph/curation: every decision with its curator as provenance."""
    g = Graph()
    for decision in load_decisions(directory):
        if decision.action == "add":
            node = _added_assertion(g, decision, corpus_dir)
            _add_record(g, decision, node)
            continue
        target = decision.assertion
        assert target is not None
        _add_record(g, decision, target)
        if decision.action == "confirm":
            g.add((target, GG.curatie, Literal("bevestigd")))
            g.add((target, PROV.wasAttributedTo, _add_curator(g, decision)))
    return g


@dataclass(frozen=True)
class Blocks:
    """What curation removes from a document graph."""

    rejected: frozenset[URIRef]
    # (doc, subject URI, theme URI, polarity of the curated fact, raw start, raw end)
    overrides: tuple[tuple[str, URIRef, URIRef, bool, int, int], ...]


def blocks(directory: Path = CURATION_DIR, *, corpus_dir: Path = CORPUS_DIR) -> Blocks:
    rejected: set[URIRef] = set()
    overrides = []
    for decision in load_decisions(directory):
        if decision.action == "reject" and decision.assertion is not None:
            rejected.add(decision.assertion)
        elif decision.action == "add" and decision.kind in ("challenge", "negative"):
            ev = _locate(decision, corpus_dir)
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
    return Blocks(frozenset(rejected), tuple(overrides))


def _drop_assertion(g: Graph, node: URIRef) -> None:
    for triple in list(g.triples((node, None, None))):
        g.remove(triple)


def _span(g: Graph, assertion: URIRef) -> tuple[int, int] | None:
    from .namespaces import OA

    for ev in g.objects(assertion, GG.bewijs):
        for sel in g.objects(ev, OA.hasSelector):
            start, end = g.value(sel, OA.start), g.value(sel, OA.end)
            if start is not None and end is not None:
                return int(start), int(end)
    return None


def apply_blocks(g: Graph, doc_key: str, block: Blocks) -> list[URIRef]:
    """Remove rejected or overridden assertions from a document graph; returns them.

    Evidence nodes no longer used by any assertion go too. Shortcut triples
    must be recomputed afterwards (graph.extraction does).
    """
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


def _drop_orphan_evidence(g: Graph) -> None:
    from .namespaces import OA

    used = set(g.objects(None, GG.bewijs))
    for ev in list(g.subjects(RDF.type, OA.SpecificResource)):
        if ev in used:
            continue
        for sel in list(g.objects(ev, OA.hasSelector)):
            for triple in list(g.triples((sel, None, None))):
                g.remove(triple)
        for triple in list(g.triples((ev, None, None))):
            g.remove(triple)


def decisions_for(assertions: Iterable[URIRef], directory: Path = CURATION_DIR) -> list[Decision]:
    """The decisions about the given assertions (for pages that show a fact's history)."""
    wanted = set(assertions)
    return [d for d in load_decisions(directory) if d.assertion in wanted]
