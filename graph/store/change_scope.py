"""Validating a change: only the nodes whose SHACL results the change can alter.

The store conformed before a write (the build and every write checked it), so
a write can only introduce a violation at a focus node whose validation reads a
triple the write added or removed. What a focus node's validation reads
follows from the shapes (`ShapeScope`):

* core shapes read forward only (no inverse or unbounded paths here, which
  `ShapeScope` checks): the statements of the focus node and of the nodes its
  property paths and nested shapes (sh:node, sh:qualifiedValueShape, ...)
  reach, at most `depth` steps away, plus the class hierarchy (sh:class and
  class targets follow rdfs:subClassOf);
* a triple (s p o) changes the results of the nodes that reach s within
  `depth` forward steps (found backwards from s in the data after the change;
  a path through a removed triple passes an earlier changed subject), and can
  make o a target (sh:targetObjectsOf) or s one (a type, sh:targetSubjectsOf);
* SPARQL-based targets and constraints may read anything their query names:
  a change to a triple they can match (its predicate named, or for rdf:type
  its class) is validated whole, as is a change to the class hierarchy.

The affected nodes are validated with every triple they can read: the
statements of the nodes within `depth` forward steps of them (and the triples
that make them targets of sh:targetObjectsOf). Results at other nodes of that
extract may be artefacts of the cut and are dropped. When the change is too
large for this to pay (or the shapes cannot be bounded) the whole dataset is
validated, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import SH
from gemeentegraaf.store.rdflib_terms import to_rdflib
from gemeentegraaf.validate import ValidationReport, load_shapes
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.paths import Path as RdflibPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

_TYPE = str(RDF.type)
_SUBCLASS = str(RDFS.subClassOf)

# Past these the focused check costs about as much as the whole one: validate whole.
MAX_CHANGED_TRIPLES = 5_000
MAX_AFFECTED_NODES = 20_000
MAX_SHARE_OF_STORE = 0.3  # of the store's triples, for an extract of more than
MIN_WHOLE_TRIPLES = 2_000  # (a smaller one is always cheap)

_SHAPE_LOGIC = (SH["and"], SH["or"], SH.xone, SH["not"])
_TARGET_PREDICATES = (
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
)


@dataclass(frozen=True)
class ShapeScope:
    """What the shapes can read around a focus node."""

    # Farthest a node whose statements a core shape reads lies from its focus node,
    # in forward steps; None when no bound holds (inverse or unbounded paths, recursion).
    depth: int | None
    # Predicates a SPARQL target or constraint can match; rdf:type only with these classes.
    sparql_predicates: frozenset[str]
    sparql_classes: frozenset[str]
    sparql_any: bool  # a SPARQL pattern with a variable (or negated) predicate
    sparql_any_type: bool  # a pattern `?x a ?class`
    # sh:targetObjectsOf predicates: a triple with one makes its object a focus node.
    object_targets: frozenset[str]

    def needs_whole(self, quad: ox.Quad) -> bool:
        """Whether a change of this triple must be validated against the whole dataset."""
        predicate = quad.predicate.value
        if predicate == _SUBCLASS or self.sparql_any:
            return True
        if predicate == _TYPE:
            return self.sparql_any_type or _value(quad.object) in self.sparql_classes
        return predicate in self.sparql_predicates


@cache
def shape_scope() -> ShapeScope:
    """The scope of the project's shapes (computed once per process; reading the SPARQL
    queries takes a while, so the service computes it and sends it with each dry run)."""
    return scope_of(load_shapes())


@cache
def local_shapes() -> Graph:
    """The project's shapes without their SPARQL-based targets and constraints."""
    return without_sparql(load_shapes())


@cache
def local_scope() -> ShapeScope:
    """The scope of local_shapes(): what the shapes read without their SPARQL parts."""
    return scope_of(local_shapes())


@cache
def sparql_shapes() -> Graph:
    """The project's shapes that hold SPARQL-based targets or constraints, and no other."""
    return only_sparql(load_shapes())


def without_sparql(shapes: Graph) -> Graph:
    """`shapes` without SPARQL-based targets and constraints (the shapes keep their others)."""
    local = _empty_like(shapes)
    links = _sparql_links(shapes)
    holders = {holder for holder, _ in links}
    parts = _reach(shapes, {part for _, part in links}, through_named=False)
    for triple in shapes:
        s, p, _ = triple
        if (s in holders and p in (SH.sparql, SH.target)) or s in parts:
            continue
        local.add(triple)
    return local


def only_sparql(shapes: Graph) -> Graph:
    """The shapes of `shapes` that hold SPARQL-based targets or constraints, each with all
    it says and everything that says reaches (its prefixes, its property shapes)."""
    kept = _empty_like(shapes)
    holders = {holder for holder, _ in _sparql_links(shapes)}
    for node in _reach(shapes, holders, through_named=True):
        for triple in shapes.triples((node, None, None)):
            kept.add(triple)
    return kept


def _empty_like(shapes: Graph) -> Graph:
    graph = Graph()
    for prefix, namespace in shapes.namespaces():
        graph.bind(prefix, namespace)
    return graph


def _sparql_links(shapes: Graph) -> set[tuple[Node, Node]]:
    """(shape, SPARQL constraint or SPARQL target) for each one a shape names."""
    links = set(shapes.subject_objects(SH.sparql))
    links |= {(s, t) for s, t in shapes.subject_objects(SH.target) if _is_sparql_target(shapes, t)}
    return links


def _reach(shapes: Graph, start: Iterable[Node], *, through_named: bool) -> set[Node]:
    """`start` and the nodes their statements lead to (blank nodes only, or named nodes
    that have statements too), as far as they go."""
    seen: set[Node] = set()
    todo = list(start)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for _, _, value in shapes.triples((node, None, None)):
            if isinstance(value, BNode) or (
                through_named and isinstance(value, URIRef) and (value, None, None) in shapes
            ):
                todo.append(value)
    return seen


def scope_of(shapes: Graph) -> ShapeScope:
    depth: int | None = 0
    for shape in _shapes(shapes):
        found = _shape_depth(shapes, shape, frozenset())
        depth = None if found is None or depth is None else max(depth, found)
    predicates: set[str] = set()
    classes: set[str] = set()
    flags = {"any": False, "any_type": False}
    for holder, text in _sparql_texts(shapes):
        _patterns(text, _prefixes(shapes, holder), predicates, classes, flags)
    return ShapeScope(
        depth=depth,
        sparql_predicates=frozenset(predicates),
        sparql_classes=frozenset(classes),
        sparql_any=flags["any"],
        sparql_any_type=flags["any_type"],
        object_targets=frozenset(str(o) for o in shapes.objects(None, SH.targetObjectsOf)),
    )


def _shapes(shapes: Graph) -> set[Node]:
    found: set[Node] = set()
    for predicate in (*_TARGET_PREDICATES, SH.property, SH.path):
        found |= set(shapes.subjects(predicate, None))
    for kind in (SH.NodeShape, SH.PropertyShape):
        found |= set(shapes.subjects(RDF.type, kind))
    return found


def _members(shapes: Graph, node: Node) -> list[Node]:
    """The shapes a shape-logic value names (a list, or one shape)."""
    if (node, RDF.first, None) in shapes or node == RDF.nil:
        return list(Collection(shapes, node))
    return [node]


def _shape_depth(shapes: Graph, shape: Node, seen: frozenset[Node]) -> int | None:
    """How far from its focus node a shape reads statements (None: unbounded)."""
    if shape in seen:
        return None  # a recursive shape: no bound
    seen = seen | {shape}
    nested: list[Node] = []
    for predicate in (SH.node, SH.qualifiedValueShape, SH.property):
        nested += list(shapes.objects(shape, predicate))
    for predicate in _SHAPE_LOGIC:
        for value in shapes.objects(shape, predicate):
            nested += _members(shapes, value)
    inner = 0
    for other in nested:
        found = _shape_depth(shapes, other, seen)
        if found is None:
            return None
        inner = max(inner, found)
    path = shapes.value(shape, SH.path)
    if path is None:
        return inner  # a node shape: its constraints apply to the focus node
    length = _path_length(shapes, path)
    # A property shape's nested shapes and sh:class apply to the value nodes, `length` away.
    return None if length is None else length + inner


def _path_length(shapes: Graph, path: Node) -> int | None:
    if isinstance(path, URIRef):
        return 1
    if (path, RDF.first, None) in shapes:
        total = 0
        for step in Collection(shapes, path):
            length = _path_length(shapes, step)
            if length is None:
                return None
            total += length
        return total
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        lengths = [_path_length(shapes, step) for step in Collection(shapes, alternatives)]
        return None if any(n is None for n in lengths) else max(lengths, default=0)  # type: ignore[type-var]
    optional = shapes.value(path, SH.zeroOrOnePath)
    if optional is not None:
        return _path_length(shapes, optional)
    # sh:inversePath reads backwards, sh:zeroOrMorePath / sh:oneOrMorePath without bound.
    return None


def _is_sparql_target(shapes: Graph, target: Node) -> bool:
    return (target, SH.select, None) in shapes or (target, RDF.type, SH.SPARQLTarget) in shapes


def _sparql_texts(shapes: Graph) -> Iterator[tuple[Node, str]]:
    for holder, text in shapes.subject_objects(SH.select):
        yield holder, str(text)
    for holder, text in shapes.subject_objects(SH.ask):
        yield holder, str(text)


def _prefixes(shapes: Graph, holder: Node) -> dict[str, str]:
    found = {prefix: str(ns) for prefix, ns in shapes.namespaces()}
    for source in shapes.objects(holder, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                found[str(prefix)] = str(namespace)
    return found


def _patterns(
    text: str, prefixes: dict[str, str], predicates: set[str], classes: set[str], flags: dict
) -> None:
    """Note what the triple patterns of a SPARQL query can match."""
    try:
        query = prepareQuery(text, initNs=prefixes)
    except Exception:  # noqa: BLE001 - a query we cannot read could match anything
        flags["any"] = True
        return
    for s, p, o in _triples(query.algebra):
        del s
        if isinstance(p, Variable):
            flags["any"] = True
        elif isinstance(p, RdflibPath):
            if "NegatedPath" in type(p).__name__:
                flags["any"] = True
            predicates.update(str(t) for t in _path_terms(p))
        elif p == RDF.type:
            if isinstance(o, URIRef):
                classes.add(str(o))
            else:
                flags["any_type"] = True
        else:
            predicates.add(str(p))


def _triples(node: object) -> Iterator[tuple]:
    if isinstance(node, CompValue):
        if node.name == "BGP":
            yield from node.get("triples", [])
        for value in node.values():
            yield from _triples(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _triples(value)


def _path_terms(path: object) -> Iterator[URIRef]:
    if isinstance(path, URIRef):
        yield path
        return
    for attribute in ("args", "path", "arg"):
        value = getattr(path, attribute, None)
        if value is None:
            continue
        for part in value if isinstance(value, list | tuple) else [value]:
            yield from _path_terms(part)


# ---------------------------------------------------------------------------
# The part of the data a change can affect
# ---------------------------------------------------------------------------


@dataclass
class Extract:
    """The affected focus nodes and every triple their validation can read."""

    focus: set[Node]
    data: Graph


def _value(term: object) -> str:
    return getattr(term, "value", "")


def extract(
    store: ox.Store,
    changed: Iterable[ox.Quad],
    scope: ShapeScope,
    *,
    skip_graphs: Iterable[str] = (),
    total: int | None = None,
    bounded: bool = True,
) -> Extract | None:
    """What the change can affect in `store` (the data after it); None: validate whole.

    `bounded=False` for a caller whose whole check would read at least as much as any
    extract (a new document against its context): then only shapes that cannot be
    bounded, or a change SPARQL shapes read, give None, never the change's size.
    """
    changed = list(changed)
    if scope.depth is None or (bounded and len(changed) > MAX_CHANGED_TRIPLES):
        return None
    if any(scope.needs_whole(q) for q in changed):
        return None
    skip = set(skip_graphs)

    def quads(s: object = None, p: object = None, o: object = None) -> Iterator[ox.Quad]:
        for q in store.quads_for_pattern(s, p, o, None):
            if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in skip):
                yield q

    # Backwards from the changed subjects: every node that reaches one within `depth`.
    focus: set[object] = set()
    frontier: set[object] = set()
    for q in changed:
        frontier.add(q.subject)
        if not isinstance(q.object, ox.Literal):
            focus.add(q.object)  # may become (or stop being) a target of sh:targetObjectsOf
    focus |= frontier
    for _ in range(scope.depth):
        step: set[object] = set()
        for node in frontier:
            for q in quads(o=node):
                if q.subject not in focus:
                    step.add(q.subject)
        focus |= step
        frontier = step
        if bounded and len(focus) > MAX_AFFECTED_NODES:
            return None
    focus = {n for n in focus if isinstance(n, ox.NamedNode | ox.BlankNode)}
    # Forwards from them: the statements their shapes can read.
    triples: set[ox.Triple] = set()
    seen: set[object] = set(focus)
    frontier = set(focus)
    for level in range(scope.depth + 1):
        step = set()
        for node in frontier:
            for q in quads(s=node):
                triples.add(ox.Triple(q.subject, q.predicate, q.object))
                if (
                    level < scope.depth
                    and not isinstance(q.object, ox.Literal)
                    and q.object not in seen
                ):
                    step.add(q.object)
        seen |= step
        frontier = step
        large = bounded and len(triples) > MIN_WHOLE_TRIPLES
        if large and total is not None and len(triples) > total * MAX_SHARE_OF_STORE:
            return None
    for node in focus:
        for predicate in scope.object_targets:
            for q in quads(p=ox.NamedNode(predicate), o=node):
                triples.add(ox.Triple(q.subject, q.predicate, q.object))
    for q in quads(p=ox.NamedNode(_SUBCLASS)):
        triples.add(ox.Triple(q.subject, q.predicate, q.object))
    data = Graph()
    for t in triples:
        data.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return Extract({to_rdflib(n) for n in focus}, data)


def only_at(report: ValidationReport, focus: set[Node]) -> ValidationReport:
    """`report` with the results at nodes outside `focus` left out (artefacts of the extract)."""
    kept = [v for v in report.violations if v.focus_node in focus]
    if len(kept) == len(report.violations):
        return report
    source = report.to_graph()
    graph = Graph()
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace)
    results = {r for r in source.objects(None, SH.result)}
    keep = {r for r in results if any((r, SH.focusNode, v.focus_node) in source for v in kept)}
    conforms = not any(v.is_violation for v in kept)
    todo: list[Node] = []
    for report_node in source.subjects(RDF.type, SH.ValidationReport):
        graph.add((report_node, RDF.type, SH.ValidationReport))
        graph.add((report_node, SH.conforms, Literal(conforms)))
        for result in source.objects(report_node, SH.result):
            if result in keep:
                graph.add((report_node, SH.result, result))
                todo.append(result)
    done: set[Node] = set()
    while todo:  # each kept result with the blank nodes it holds (paths, lists)
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        for _, p, o in source.triples((node, None, None)):
            graph.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return ValidationReport(conforms=conforms, violations=kept, _graph=graph)
