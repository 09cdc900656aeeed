"""SPARQL results as bytes: JSON, XML, CSV and TSV for SELECT/ASK, RDF formats for graphs.

pyoxigraph writes every format. What is ours: the row cap and the prefixes.

- A SELECT result is read row by row up to the cap (`take`), and pyoxigraph
  can only serialise a whole QuerySolutions, which Python cannot build from
  rows. So the rows kept go back in as TSV, the format whose terms are
  pyoxigraph's own N-Triples syntax (`str(term)`), and come out in the asked
  format. A result cut at the cap also says so inside the document: a
  `truncated` member in JSON, a comment in XML (the X-SPARQL-Truncated header
  is set by the endpoint).
- Turtle, TriG and RDF/XML get @prefix / xmlns lines for the project's
  prefixes the triples use: pyoxigraph writes every prefix it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import PREFIXES
from gemeentegraaf.service.negotiation import (
    DATASET_FORMATS,
    PREFIXED_RDF,
    SPARQL_JSON,
    SPARQL_XML,
    MediaFormat,
)
from gemeentegraaf.service.turtle import trig, turtle
from rdflib import Graph

# ---------------------------------------------------------------------------
# SELECT and ASK
# ---------------------------------------------------------------------------


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
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_tsv_term(term) for term in row) for row in rows)
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    body = _parse_tsv(tsv).serialize(format=_results_format(fmt))
    if not truncated:
        return body
    if fmt.key == SPARQL_JSON.key:
        # Not part of the W3C format; clients ignore members they do not know.
        return body.rstrip()[:-1] + f',"truncated":true,"maxRows":{cap}}}'.encode()
    if fmt.key == SPARQL_XML.key:
        # A comment may follow the root element.
        return body + f"\n<!-- truncated: the server returns at most {cap} rows -->\n".encode()
    return body


def boolean(value: bool, fmt: MediaFormat) -> bytes:
    """An ASK result in `fmt` (CSV and TSV define none; pyoxigraph writes the bare word)."""
    return _parse_tsv(b"true" if value else b"false").serialize(format=_results_format(fmt))


def _tsv_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        # str() of a triple term leaves out the <<( )>> that TSV needs around it.
        parts = (term.subject, term.predicate, term.object)
        return "<<( " + " ".join(_tsv_term(t) for t in parts) + " )>>"
    # N-Triples syntax, with tabs and newlines in literals escaped.
    return str(term)


def _parse_tsv(tsv: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)


def _results_format(fmt: MediaFormat) -> ox.QueryResultsFormat:
    results = fmt.results
    if results is None:
        raise ValueError(f"not a results format: {fmt.media_type}")
    return results


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
    # Turtle and TriG without escaped local names (a full IRI instead), see turtle.py.
    if rdf == ox.RdfFormat.TURTLE:
        return turtle(items, PREFIXES)
    if rdf == ox.RdfFormat.TRIG:
        return trig(data, PREFIXES)
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
