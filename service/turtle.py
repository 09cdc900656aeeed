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

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
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


def turtle(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> bytes:
    names = _Names(prefixes)
    body = "\n".join(_statements(triples, names, ""))
    return (names.header() + body + ("\n" if body else "")).encode("utf-8")


def trig(quads: Iterable[ox.Quad], prefixes: Mapping[str, str], *, declare: bool = True) -> bytes:
    """Quads as TriG, a block per graph. With `declare=False` no @prefix lines: a
    later chunk of a stream whose first chunk declared them (`prefix_lines`)."""
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
