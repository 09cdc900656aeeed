"""SHACL validation of gemeentegraaf data against the shapes in shapes/*.ttl.

`validate(graph)` runs pyshacl (no inference, no JS; SHACL-AF only for SPARQL
targets) and returns a `ValidationReport` that people can read (`format()`) and
machines can use (`violations`, `to_graph()` for a 422 answer). Every shape
carries its message in Dutch and in English; `Violation.message(lang)` picks one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pyshacl
from gemeentegraaf.common.namespaces import PREFIXES, SH
from gemeentegraaf.common.resources import SHAPES_DIR
from pyshacl.graph_abstraction import DataGraph
from pyshacl.validator import Validator
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import FOAF, RDF
from rdflib.term import Node

SHAPES = Namespace("https://w3id.org/gemeentegraaf/shapes#")

# How deep to look for a named node above a blank focus node (evidence →
# selector is two steps below its assertion).
_MAX_ANCHOR_DEPTH = 4

_SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
_PREFIXES = {**PREFIXES, "ggsh": str(SHAPES), "foaf": str(FOAF)}
# Longest namespace first, so that ggid: wins over a shorter one it extends.
_NAMESPACES = sorted(_PREFIXES.items(), key=lambda item: -len(item[1]))
_LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


@cache
def load_shapes() -> Graph:
    """All shapes in shapes/*.ttl as one graph, parsed once per process.

    The graph is shared: treat it as read-only.
    """
    shapes = Graph()
    for name, uri in _PREFIXES.items():
        shapes.bind(name, uri)
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


_PLACEHOLDER = re.compile(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}")


_Templates = tuple[tuple[re.Pattern[str], str], ...]


def _message_templates(shapes: Graph) -> _Templates:
    # pyshacl drops the language tag of a SPARQL constraint's message when it
    # fills in its {?variables}; match the text against the tagged templates
    # in the shapes to put the tag back.
    templates = []
    for message in set(shapes.objects(None, SH.message)):
        if isinstance(message, Literal) and message.language:
            parts = _PLACEHOLDER.split(str(message))
            pattern = "(.*?)".join(re.escape(part) for part in parts)
            templates.append((re.compile(pattern, re.DOTALL), message.language))
    return tuple(templates)


@cache
def _project_message_templates() -> _Templates:
    return _message_templates(load_shapes())


def _language_of(text: str, templates: _Templates) -> str | None:
    for pattern, language in templates:
        if pattern.fullmatch(text):
            return language
    return None


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result: what is wrong, where, and which shape says so."""

    focus_node: Node
    result_path: Node | None
    messages: tuple[Literal, ...]
    severity: URIRef
    source_shape: Node
    value: Node | None = None
    constraint: URIRef | None = None
    # Readable forms of result_path (a complex path is a blank node) and of
    # source_shape (an unnamed property shape is shown as its node shape's).
    path_text: str | None = None
    shape_text: str = "-"
    # For a blank focus node: the nearest named node above it and the
    # properties that lead down to it, e.g. (<assertion>, (gg:bewijs, oa:hasSelector)).
    anchor: tuple[URIRef, tuple[URIRef, ...]] | None = None

    def message(self, lang: str = "nl") -> str:
        """The message in `lang` ("nl" or "en"); falls back to any message there is."""
        for message in self.messages:
            if message.language == lang:
                return str(message)
        for message in self.messages:
            if not message.language:
                return str(message)
        return str(self.messages[0]) if self.messages else ""

    @property
    def severity_name(self) -> str:
        return _short(self.severity).removeprefix("sh:")

    @property
    def is_violation(self) -> bool:
        return self.severity == SH.Violation

    @property
    def focus_text(self) -> str:
        if isinstance(self.focus_node, BNode):
            if self.anchor is None:
                return "[blank node]"
            top, steps = self.anchor
            return f"[blank node] {_term_text(top)} {'/'.join(_short(step) for step in steps)}"
        return _term_text(self.focus_node)

    def sort_key(self) -> tuple:
        return (
            _SEVERITY_ORDER.get(self.severity, 3),
            self.focus_text,
            self.path_text or "",
            self.shape_text,
            _term_text(self.value) if self.value is not None else "",
            self.message("en"),
        )


@dataclass
class ValidationReport:
    """The outcome of `validate()`.

    `violations` holds every result, sorted; `conforms` is False when at least
    one of them has severity sh:Violation (warnings and infos do not block).
    """

    conforms: bool
    violations: list[Violation]
    _graph: Graph = field(repr=False)

    @property
    def counts(self) -> Counter[str]:
        return Counter(v.severity_name for v in self.violations)

    def to_graph(self) -> Graph:
        """The SHACL validation report as RDF (sh:ValidationReport)."""
        return self._graph

    def format(self, lang: str | None = None, limit: int | None = None) -> str:
        """A plain-text report: a summary line, then one block per result.

        `lang` "nl" or "en" shows only that message; None shows both.
        `limit` caps the number of blocks (a summary by shape is always given).
        """
        counts = self.counts
        status = "conforms" if self.conforms else "does NOT conform"
        lines = [
            f"SHACL validation: {status} "
            f"({counts['Violation']} violations, {counts['Warning']} warnings, "
            f"{counts['Info']} infos)"
        ]
        if not self.violations:
            return lines[0] + "\n"
        lines.append("")
        lines.append("By shape:")
        by_shape = Counter(
            (v.severity_name, v.shape_text, v.path_text or "-") for v in self.violations
        )
        for (severity, shape, path), n in sorted(by_shape.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n:>5}  {severity:<9} {shape}  path {path}")
        shown = self.violations if limit is None else self.violations[:limit]
        for number, violation in enumerate(shown, start=1):
            lines.append("")
            lines.extend(_block(violation, number, len(self.violations), lang))
        if len(shown) < len(self.violations):
            lines.append("")
            lines.append(f"... and {len(self.violations) - len(shown)} more")
        return "\n".join(lines) + "\n"


class _FocusedValidator(Validator):
    """pyshacl's validator, looking its focus nodes up in a set.

    pyshacl keeps the focus nodes it is given as a list and tests every target
    against it, which is quadratic in a document's thousands of nodes.
    """

    def make_executor(self):  # noqa: ANN201 (pyshacl's own type)
        executor = super().make_executor()
        if executor.focus_nodes:
            executor.focus_nodes = frozenset(executor.focus_nodes)
        return executor


def combined(first: ValidationReport, second: ValidationReport) -> ValidationReport:
    """Two checks of the same data as one report: every result once, and both report
    graphs (a result both found is in the graph twice, in the list once)."""
    seen = set(first.violations)
    extra = [v for v in second.violations if v not in seen]
    if not extra:
        return first
    graph = Graph()
    for part in (first.to_graph(), second.to_graph()):
        for prefix, namespace in part.namespaces():
            graph.bind(prefix, namespace, override=False)
        graph += part
    violations = sorted([*first.violations, *extra], key=Violation.sort_key)
    conforms = first.conforms and second.conforms
    for report in set(graph.subjects(RDF.type, SH.ValidationReport)):
        graph.set((report, SH.conforms, Literal(conforms)))
    return ValidationReport(conforms=conforms, violations=violations, _graph=graph)


def validate(
    data: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    focus: Iterable[URIRef] | None = None,
) -> ValidationReport:
    """Validate a graph, or all named graphs of a dataset together, against the shapes.

    A dataset is validated as the union of its graphs, so that a document
    graph's links to municipalities in the reference graph count as typed.
    The input is not changed. `shapes` defaults to `load_shapes()`. With
    `focus`, only those nodes are checked (the rest of `data` is context their
    shapes may follow): how one new document is checked without checking
    everything it links to again.
    """
    if not isinstance(data, Graph):
        raise TypeError(f"validate() needs an rdflib Graph or Dataset, not {type(data).__name__}")
    # Dataset is a ConjunctiveGraph in rdflib 7; both hold named graphs.
    graph = _union(data) if isinstance(data, ConjunctiveGraph) else data
    # No inference and no ontology mixed in (shapes list subclasses
    # themselves). advanced=True only for SHACL-AF SPARQL targets, which
    # pre-select the few nodes the SPARQL constraints must look at; the shapes
    # have no rules, so validating in place cannot change the data.
    if shapes is None:
        shapes, templates = load_shapes(), _project_message_templates()
    else:
        templates = _message_templates(shapes)
    if focus is None:
        _, report_graph, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            inplace=True,
            js=False,
            allow_warnings=True,
            allow_infos=True,
        )
    else:
        report_graph = _validate_focus(graph, shapes, sorted(set(focus)))
    _restore_message_languages(report_graph, templates)
    for name, uri in _PREFIXES.items():
        report_graph.bind(name, uri)
    violations = sorted(
        (_violation(report_graph, result, graph, shapes) for result in _results(report_graph)),
        key=Violation.sort_key,
    )
    conforms = not any(v.is_violation for v in violations)
    return ValidationReport(conforms=conforms, violations=violations, _graph=report_graph)


def _validate_focus(graph: Graph, shapes: Graph, focus: list[URIRef]) -> Graph:
    if not focus:
        return Graph()  # nothing to check: an empty report conforms
    options = {
        "inference": "none",
        "inplace": True,
        "advanced": True,
        "use_js": False,
        "allow_warnings": True,
        "allow_infos": True,
        "focus_nodes": focus,
    }
    validator = _FocusedValidator(DataGraph.from_rdflib(graph), shacl_graph=shapes, options=options)
    _, report_graph, _ = validator.run()
    return report_graph


# ---------------------------------------------------------------------------
# Reading pyshacl's report graph
# ---------------------------------------------------------------------------


def _union(dataset: ConjunctiveGraph) -> Graph:
    union = Graph()
    for prefix, uri in dataset.namespaces():
        union.bind(prefix, uri, override=False)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _results(report_graph: Graph) -> Iterable[Node]:
    for report in report_graph.subjects(RDF.type, SH.ValidationReport):
        yield from report_graph.objects(report, SH.result)


def _restore_message_languages(report_graph: Graph, templates: _Templates) -> None:
    for result, message in list(report_graph.subject_objects(SH.resultMessage)):
        if not isinstance(message, Literal) or message.language:
            continue
        if (language := _language_of(str(message), templates)) is not None:
            report_graph.remove((result, SH.resultMessage, message))
            report_graph.add((result, SH.resultMessage, Literal(str(message), lang=language)))


def _violation(report_graph: Graph, result: Node, data: Graph, shapes: Graph) -> Violation:
    focus = report_graph.value(result, SH.focusNode)
    path = report_graph.value(result, SH.resultPath)
    messages = sorted(
        (m for m in report_graph.objects(result, SH.resultMessage) if isinstance(m, Literal)),
        key=lambda m: (m.language or "", str(m)),
    )
    return Violation(
        focus_node=focus,
        result_path=path,
        messages=tuple(messages),
        severity=report_graph.value(result, SH.resultSeverity) or SH.Violation,
        source_shape=report_graph.value(result, SH.sourceShape),
        value=report_graph.value(result, SH.value),
        constraint=report_graph.value(result, SH.sourceConstraintComponent),
        path_text=_path_text(report_graph, path) if path is not None else None,
        shape_text=_shape_text(report_graph.value(result, SH.sourceShape), shapes),
        anchor=_anchor(data, focus) if isinstance(focus, BNode) else None,
    )


def _path_text(g: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL property-path syntax, with prefixes."""
    if isinstance(path, URIRef):
        return _short(path)
    if (alternatives := g.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(_path_text(g, p) for p in Collection(g, alternatives)) + ")"
    if (inverse := g.value(path, SH.inversePath)) is not None:
        return "^" + _path_text(g, inverse)
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        if (inner := g.value(path, predicate)) is not None:
            return _path_text(g, inner) + suffix
    if g.value(path, RDF.first) is not None:
        return "/".join(_path_text(g, p) for p in Collection(g, path))
    return str(path)


def _shape_text(shape: Node | None, shapes: Graph) -> str:
    if isinstance(shape, URIRef):
        return _short(shape)
    # An unnamed property shape: name the node shape that holds it. pyshacl
    # keeps the blank node's id when it copies the shape into the report.
    parent = shapes.value(predicate=SH.property, object=shape)
    path = shapes.value(shape, SH.path)
    if isinstance(parent, URIRef):
        where = _path_text(shapes, path) if path is not None else "?"
        return f"{_short(parent)}[{where}]"
    return "-"


def _anchor(data: Graph, node: BNode) -> tuple[URIRef, tuple[URIRef, ...]] | None:
    # Walk up incoming edges (smallest first, so the answer is stable) to the
    # first IRI: a blank node's own label changes from run to run.
    steps: list[URIRef] = []
    current: Node = node
    seen = {node}
    for _ in range(_MAX_ANCHOR_DEPTH):
        incoming = sorted(
            data.subject_predicates(current),
            key=lambda sp: (isinstance(sp[0], BNode), str(sp[0]), str(sp[1])),
        )
        incoming = [(s, p) for s, p in incoming if s not in seen]
        if not incoming:
            return None
        subject, predicate = incoming[0]
        steps.insert(0, predicate)
        if isinstance(subject, URIRef):
            return subject, tuple(steps)
        seen.add(subject)
        current = subject
    return None


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def _block(violation: Violation, number: int, total: int, lang: str | None) -> list[str]:
    lines = [f"{violation.severity_name} {number} of {total}"]
    lines.append(f"  focus:  {violation.focus_text}")
    lines.append(f"  path:   {violation.path_text or '-'}")
    # A node shape reports the focus node itself as the value: say it once.
    if violation.value is not None and violation.value != violation.focus_node:
        lines.append(f"  value:  {_term_text(violation.value)}")
    for language in (lang,) if lang else ("nl", "en"):
        lines.append(f"  {language}:     {violation.message(language)}")
    component = _short(violation.constraint) if violation.constraint is not None else "-"
    lines.append(f"  shape:  {violation.shape_text} ({component})")
    return lines


def _short(term: Node | None) -> str:
    """A prefixed name where one of the project's prefixes fits, else <iri>."""
    if term is None:
        return "-"
    if not isinstance(term, URIRef):
        return _term_text(term)
    text = str(term)
    for prefix, namespace in _NAMESPACES:
        if text.startswith(namespace):
            local = text[len(namespace) :]
            if _LOCAL_NAME.fullmatch(local):
                return f"{prefix}:{local}"
    return f"<{text}>"


def _term_text(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^{_short(term.datatype)}'
        return f'"{text}"'
    return "[blank node]"


def validate_graphs(graphs: Iterable[Graph], *, context: Iterable[Graph] = ()) -> ValidationReport:
    """Validate named graphs together, with the graphs they link into as context.

    Shapes follow links across named graphs (a fact's programme is named in the
    reference graph), so graphs are checked as one union.
    """
    union = Graph()
    for g in (*graphs, *context):
        union += g
    return validate(union)
