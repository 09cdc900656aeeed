"""Turtle and TriG that a person can read: only the prefixes used, no escaped local names.

pyoxigraph declares every prefix it is given and abbreviates any IRI under
one, escaping what a local name cannot hold: a TOOI link comes out as
`tooi:gemeente\\/gm0363`, which is valid Turtle but which some tools and most
readers stumble over. Here an IRI is written as `prefix:local` only when the
local name needs no escape at all; otherwise in full, `<…>`. Only prefixes
that some term was written with are declared.

Terms are written in their N-Triples form (pyoxigraph's `str()`), which is
valid Turtle: IRIs, blank node labels and escaped literal strings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
# Literals Turtle writes bare when their lexical form is the grammar's own.
_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}
# What pyoxigraph's writer puts bare: the literals whose lexical form is Turtle's own.
_ENGINE_BARE = {
    **_BARE,
    XSD + "double": re.compile(
        r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"
    ),
}
# A local name that Turtle's PN_LOCAL accepts without escapes (ASCII only, to stay
# on the safe side): no slash, no trailing dot, no reserved character.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


class _Names:
    """Writes terms with the prefixes, remembering which prefixes it used."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # The longest namespace first, so that `gg:` does not shadow a deeper one.
        self._prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.used: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        for prefix, namespace in self._prefixes:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if _PLAIN_LOCAL.fullmatch(local):
                    self.used[prefix] = namespace
                    return f"{prefix}:{local}"
        return str(ox.NamedNode(iri))

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Triple):
            # an RDF 1.2 triple term (str() would give its three terms bare)
            inner = (
                self.term(term.subject),
                self.iri(term.predicate.value),
                self.term(term.object),
            )
            return f"<<( {' '.join(inner)} )>>"
        if isinstance(term, ox.Literal):
            if term.language is not None or term.datatype.value == XSD_STRING:
                return str(term)
            bare = _BARE.get(term.datatype.value)
            if bare is not None and bare.fullmatch(term.value):
                return term.value
            return f"{ox.Literal(term.value)}^^{self.iri(term.datatype.value)}"
        return str(term)

    def predicate(self, term: ox.NamedNode) -> str:
        return "a" if term.value == RDF_TYPE else self.iri(term.value)

    def header(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(self.used.items())]
        return "\n".join(lines) + "\n\n" if lines else ""


def _statements(triples: Iterable[ox.Triple], names: _Names, indent: str) -> list[str]:
    """Subject blocks: predicates joined by `;`, objects by `,`, in first-seen order."""
    subjects: dict[str, dict[str, list[str]]] = {}
    for t in triples:
        objects = subjects.setdefault(names.term(t.subject), {}).setdefault(
            names.predicate(t.predicate), []
        )
        written = names.term(t.object)
        if written not in objects:
            objects.append(written)
    blocks = []
    for subject, predicates in subjects.items():
        parts = [f"{p} {' , '.join(objects)}" for p, objects in predicates.items()]
        separator = f" ;\n{indent}    "
        blocks.append(f"{indent}{subject} {separator.join(parts)} .")
    return blocks


class _NamespaceIndex:
    """Where an IRI falls among a set of namespaces: its longest namespace, and whether
    the rest is a plain local name. Remembered per IRI, as the same IRIs come back in
    answer after answer and the regular expressions cost more than the look-up."""

    # Enough for every IRI of the bundled data several times over; past it, IRIs are
    # placed afresh each time rather than the memory growing.
    LIMIT = 1 << 17

    def __init__(self, namespaces: tuple[str, ...]) -> None:
        ordered = sorted(namespaces, key=len, reverse=True)
        self._longest = re.compile("|".join(re.escape(n) for n in ordered) or "(?!)")
        # For each namespace, the shorter ones it extends.
        self.inside = {n: {m for m in namespaces if m != n and n.startswith(m)} for n in namespaces}
        self._placed: dict[str, tuple[str, bool] | None] = {}

    def place(self, iri: str) -> tuple[str, bool] | None:
        """(its longest namespace, whether the local name needs no escape), or None."""
        try:
            return self._placed[iri]
        except KeyError:
            pass
        match = self._longest.match(iri)
        placed = (
            None
            if match is None
            else (match.group(), _PLAIN_LOCAL.fullmatch(iri, match.end()) is not None)
        )
        if len(self._placed) < self.LIMIT:
            self._placed[iri] = placed
        return placed


@functools.lru_cache(maxsize=8)
def _namespace_index(namespaces: tuple[str, ...]) -> _NamespaceIndex:
    return _NamespaceIndex(namespaces)


def readable_prefixes(
    terms: Iterable[ox.Triple | ox.Quad], prefixes: Mapping[str, str]
) -> dict[str, str] | None:
    """The prefixes that some IRI in `terms` uses, when under each of them every IRI
    has a plain local name; None when a namespace holds IRIs of both kinds, or a term
    is a triple term (RDF-star).

    Given only these, pyoxigraph's own writer abbreviates exactly the IRIs this
    module's writer would, and declares no unused prefix: the same text in
    substance, at the engine's speed. Otherwise the writer below decides IRI by IRI.
    """
    items = terms if isinstance(terms, list) else list(terms)
    iris = _written_iris(items)
    if iris is None:
        return None
    namespaces = {namespace: prefix for prefix, namespace in prefixes.items()}
    index = _namespace_index(tuple(namespaces))
    used: set[str] = set()
    escaped: set[str] = set()
    for placed in map(index.place, iris):
        if placed is None:
            continue
        namespace, plain = placed
        (used if plain else escaped).add(namespace)
        # Under a shorter namespace that this one extends, the local name holds a "/"
        # or "#": it would need an escape.
        escaped.update(index.inside[namespace])
    if used & escaped:
        # Some IRIs under a namespace are written with it and others in full: only this
        # module's writer decides IRI by IRI.
        return None
    return {namespaces[n]: n for n in sorted(used)}


def _written_iris(items: list[ox.Triple] | list[ox.Quad]) -> set[str] | None:
    """The IRIs the writer spells out in `items` (rdf:type as a predicate is written
    "a"; a literal's datatype only when the literal is not written bare); None when a
    term is a triple term (RDF-star). Each distinct term is looked at once."""
    iris = {item.predicate.value for item in items}
    iris.discard(RDF_TYPE)
    terms = {item.subject for item in items}
    terms.update(item.object for item in items)
    for term in terms:
        if isinstance(term, ox.NamedNode):
            iris.add(term.value)
        elif isinstance(term, ox.Literal):
            # Written "…"@lang, "…", or bare: no prefix for the datatype.
            if term.language is None:
                datatype = term.datatype.value
                if datatype != XSD_STRING:
                    bare = _ENGINE_BARE.get(datatype)
                    if bare is None or not bare.fullmatch(term.value):
                        iris.add(datatype)
        elif isinstance(term, ox.Triple):
            return None
    if items and isinstance(items[0], ox.Quad):
        graphs = {item.graph_name for item in items}
        iris.update(g.value for g in graphs if isinstance(g, ox.NamedNode))
    return iris


def _spaced(text: bytes, declared: Mapping[str, str]) -> bytes:
    """A blank line between pyoxigraph's @prefix lines (one per prefix, first) and the
    statements, as this module's writer puts it."""
    end = 0
    for _ in declared:
        end = text.index(b"\n", end) + 1
    if not declared or end == len(text):
        return text
    return text[:end] + b"\n" + text[end:]


def turtle(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> bytes:
    triples = list(triples)
    readable = readable_prefixes(triples, prefixes)
    if readable is not None:
        return _spaced(
            ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=readable), readable
        )
    return turtle_by_hand(triples, prefixes)


def turtle_by_hand(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> bytes:
    """Turtle written here, IRI by IRI (what `turtle` falls back to)."""
    names = _Names(prefixes)
    body = "\n".join(_statements(triples, names, ""))
    return (names.header() + body + ("\n" if body else "")).encode("utf-8")


def trig(quads: Iterable[ox.Quad], prefixes: Mapping[str, str], *, declare: bool = True) -> bytes:
    """Quads as TriG, a block per graph. With `declare=False` no @prefix lines: a
    later chunk of a stream whose first chunk declared them (`prefix_lines`)."""
    quads = list(quads)
    readable = readable_prefixes(quads, prefixes) if declare else None
    if readable is not None:
        return _spaced(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=readable), readable)
    names = _Names(prefixes)
    graphs: dict[str, list[ox.Triple]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else names.term(q.graph_name)
        graphs.setdefault(key, []).append(ox.Triple(q.subject, q.predicate, q.object))
    blocks = []
    for graph, triples in graphs.items():
        body = "\n".join(_statements(triples, names, "    "))
        blocks.append(f"{graph + ' ' if graph else ''}{{\n{body}\n}}\n")
    head = names.header() if declare else ""
    return (head + "".join(blocks)).encode("utf-8")


def prefix_lines(prefixes: Mapping[str, str]) -> bytes:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())).encode()
