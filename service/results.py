"""SPARQL results as bytes: JSON, XML, CSV and TSV for SELECT/ASK, RDF formats for graphs.

Written here rather than with pyoxigraph's serialisers so that a result cut at
the row cap can say so inside the document (JSON member, XML comment) as well
as in a header.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import PREFIXES, XSD
from gemeentegraaf.service.negotiation import (
    DATASET_FORMATS,
    PREFIXED_RDF,
    SPARQL_CSV,
    SPARQL_JSON,
    SPARQL_TSV,
    SPARQL_XML,
    MediaFormat,
)
from rdflib import Graph

XSD_STRING = str(XSD.string)


# ---------------------------------------------------------------------------
# SELECT
# ---------------------------------------------------------------------------


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _csv_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _tsv_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    # str() of a pyoxigraph term is its N-Triples form, with tabs and newlines escaped.
    return "" if term is None else str(term)


def take(items: Iterable, max_rows: int) -> tuple[list, bool]:
    """At most `max_rows` items, and whether there were more."""
    kept: list = []
    for item in items:
        if len(kept) >= max_rows:
            return kept, True
        kept.append(item)
    return kept, False


def solution_rows(solutions: Iterable[ox.QuerySolution], width: int) -> Iterator[list]:
    """Each solution as a list of terms (None where unbound), in the variables' order."""
    for solution in solutions:
        yield [solution[i] for i in range(width)]


def solutions(
    variables: list[str], rows: list[list], fmt: MediaFormat, *, truncated: bool, cap: int
) -> bytes:
    """A SELECT result in `fmt`; `truncated` says rows beyond `cap` were left out."""
    if fmt.key == SPARQL_JSON.key:
        return _solutions_json(variables, rows, truncated, cap)
    if fmt.key == SPARQL_XML.key:
        return _solutions_xml(variables, rows, truncated, cap)
    if fmt.key == SPARQL_CSV.key:
        return _solutions_csv(variables, rows)
    if fmt.key == SPARQL_TSV.key:
        return _solutions_tsv(variables, rows)
    raise ValueError(f"not a results format: {fmt.media_type}")


def _solutions_json(variables: list[str], rows: list[list], truncated: bool, cap: int) -> bytes:
    bindings = [
        {
            name: _json_term(term)
            for name, term in zip(variables, row, strict=True)
            if term is not None
        }
        for row in rows
    ]
    document: dict = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    if truncated:
        # Not part of the W3C format; clients ignore members they do not know.
        document["truncated"] = True
        document["maxRows"] = cap
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_head(variables: list[str]) -> str:
    names = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{names}</head>"
    )


def _solutions_xml(variables: list[str], rows: list[list], truncated: bool, cap: int) -> bytes:
    parts = [_xml_head(variables)]
    if truncated:
        parts.append(f"<!-- truncated: the server returns at most {cap} rows -->")
    parts.append("<results>")
    for row in rows:
        parts.append("<result>")
        for name, term in zip(variables, row, strict=True):
            if term is not None:
                parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def _solutions_csv(variables: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(term) for term in row])
    return out.getvalue().encode("utf-8")


def _solutions_tsv(variables: list[str], rows: list[list]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_tsv_value(term) for term in row) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------
# ASK
# ---------------------------------------------------------------------------


def boolean(value: bool, fmt: MediaFormat) -> bytes:
    text = "true" if value else "false"
    if fmt.key == SPARQL_JSON.key:
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.key == SPARQL_XML.key:
        return (_xml_head([]) + f"<boolean>{text}</boolean></sparql>\n").encode("utf-8")
    # CSV and TSV define no boolean form; a bare word is what most servers send.
    return (text + "\n").encode("utf-8")


# ---------------------------------------------------------------------------
# CONSTRUCT / DESCRIBE and graphs
# ---------------------------------------------------------------------------


def from_rdflib(graph: Graph) -> list[ox.Triple]:
    """An rdflib graph's triples as pyoxigraph triples."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


def graph_bytes(items: list[ox.Triple], fmt: MediaFormat) -> bytes:
    rdf = fmt.rdf
    if rdf is None:
        raise ValueError(f"not an RDF format: {fmt.media_type}")
    data: list = items
    if fmt in DATASET_FORMATS:
        data = [ox.Quad(t.subject, t.predicate, t.object) for t in items]
    prefixes = used_prefixes(items) if rdf in PREFIXED_RDF else None
    return ox.serialize(data, format=rdf, prefixes=prefixes)


_NAMESPACE_PREFIX = {namespace: prefix for prefix, namespace in PREFIXES.items()}


def used_prefixes(items: Iterable[ox.Triple]) -> dict[str, str]:
    """The project's prefixes that some IRI in `items` starts with (no unused @prefix lines)."""
    iris: set[str] = set()
    for triple in items:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    used: dict[str, str] = {}
    for iri in iris:
        cut = max(iri.rfind("#"), iri.rfind("/"))
        prefix = _NAMESPACE_PREFIX.get(iri[: cut + 1])
        if prefix is not None:
            used[prefix] = iri[: cut + 1]
    return used
