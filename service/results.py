"""SPARQL results as bytes: JSON, XML, CSV and TSV for SELECT/ASK, RDF formats for graphs.

pyoxigraph writes every format. What is ours: the row and byte caps and the prefixes.

- A SELECT result is written by pyoxigraph as TSV into a sink that stops it at
  the row or byte cap (`read_tsv_rows`; a store server's rows are read one by
  one, `take_tsv_rows`), since pyoxigraph can only serialise a whole
  QuerySolutions, which Python cannot build from rows. The rows kept go back
  in as TSV, the format whose terms are pyoxigraph's own N-Triples syntax,
  and come out in the asked format. A result cut at the cap also says so inside the document: a
  `truncated` member in JSON, a comment in XML (the X-SPARQL-Truncated header
  is set by the endpoint).
- The byte cap works the same way: rows (or triples) are read only until their
  N-Triples text passes the cap, so a worker never holds much more than that;
  the body is written, and if it is still over the cap (JSON and XML spell
  terms out at more length than TSV) rows are dropped from the end until it
  fits. The answer says which cap cut it (`maxRows`, `maxBytes`).
- Turtle, TriG and RDF/XML get @prefix / xmlns lines for the project's
  prefixes the triples use: pyoxigraph writes every prefix it is given.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

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

T = TypeVar("T")


@dataclass(frozen=True)
class Truncation:
    """Which cap cut a result short, if any (each field is the cap that did)."""

    max_rows: int | None = None
    max_bytes: int | None = None

    def __bool__(self) -> bool:
        return self.max_rows is not None or self.max_bytes is not None

    def headers(self) -> dict[str, str]:
        """X-SPARQL-Truncated and the cap that cut: how every answer format says so."""
        if not self:
            return {}
        headers = {"X-SPARQL-Truncated": "true"}
        if self.max_rows is not None:
            headers["X-SPARQL-Max-Rows"] = str(self.max_rows)
        if self.max_bytes is not None:
            headers["X-SPARQL-Max-Bytes"] = str(self.max_bytes)
        return headers

    def cut_to_fit(self, max_bytes: int) -> Truncation:
        return Truncation(self.max_rows, max_bytes)


NOT_TRUNCATED = Truncation()

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


def take_within(
    items: Iterable[T], max_rows: int, max_bytes: int, size: Callable[[T], int]
) -> tuple[list[T], Truncation]:
    """At most `max_rows` items, and only while their `size` adds up to at most `max_bytes`.

    Stops reading as soon as either cap is reached, so that a huge result is
    never held in memory; says which cap cut it.
    """
    kept: list[T] = []
    total = 0
    for item in items:
        if len(kept) >= max_rows:
            return kept, Truncation(max_rows=max_rows)
        total += size(item)
        if total > max_bytes:
            return kept, Truncation(max_bytes=max_bytes)
        kept.append(item)
    return kept, NOT_TRUNCATED


def solution_rows(solutions: Iterable[ox.QuerySolution], width: int) -> Iterator[list]:
    """Each solution as a list of terms (None where unbound), in the variables' order."""
    for solution in solutions:
        yield [solution[i] for i in range(width)]


def solutions(
    variables: list[str], rows: list[list], fmt: MediaFormat, *, truncated: bool, cap: int
) -> bytes:
    """A SELECT result in `fmt`; `truncated` says rows beyond `cap` were left out."""
    lines = [tsv_row(row) for row in rows]
    cut = Truncation(max_rows=cap) if truncated else NOT_TRUNCATED
    return _solutions(variables, lines, fmt, cut)


def tsv_row(row: list) -> str:
    """One solution as a line of TSV (pyoxigraph's N-Triples syntax for each term)."""
    return "\t".join(_tsv_term(term) for term in row)


def take_tsv_rows(
    rows: Iterable[list], max_rows: int, max_bytes: int
) -> tuple[list[str], Truncation]:
    """Solutions as TSV lines, read up to the row cap or until the lines pass `max_bytes`.

    JSON and XML spell every term out at more length than TSV, so lines past
    the cap could not fit in them either (CSV, shorter, is cut a little early).
    """
    lines = (tsv_row(row) for row in rows)
    return take_within(lines, max_rows, max_bytes, _line_size)


class _Capped(Exception):
    """The result's TSV passed a cap: pyoxigraph's writer stops here."""


# Written past the byte cap before the writer is stopped: about one of its chunks.
_TSV_SLACK = 16 * 1024


class _TsvSink:
    """Where pyoxigraph writes a result as TSV: it counts lines and bytes as they come
    and stops the writer (and with it the lazy evaluation) once a cap is passed."""

    def __init__(self, max_rows: int, max_bytes: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.newlines = 0
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.stopped_by_bytes = False

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.size += len(chunk)
        self.newlines += chunk.count(b"\n")
        if self.newlines > self.max_rows + 1:  # the header line, then one row too many
            raise _Capped
        if self.size > self.max_bytes + _TSV_SLACK:
            self.stopped_by_bytes = True
            raise _Capped
        return len(chunk)

    def flush(self) -> None:
        pass


def read_tsv_rows(
    solutions: ox.QuerySolutions, max_rows: int, max_bytes: int
) -> tuple[list[str], list[str], Truncation]:
    """(variables, TSV lines, which cap cut them) of a SELECT result, read by pyoxigraph.

    The same rows as `take_tsv_rows` over `solution_rows`, without a Python
    step per row: pyoxigraph writes the TSV itself, into a sink that stops it
    at the row or byte cap, so a huge result is never read further.
    """
    sink = _TsvSink(max_rows, max_bytes)
    stopped = False
    try:
        solutions.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except _Capped:
        stopped = True
    lines = b"".join(sink.parts).decode("utf-8").split("\n")
    header, rows = lines[0], lines[1:]
    # The last piece is "" after a final newline, or a row the writer was stopped in.
    rows.pop()
    variables = [name[1:] for name in header.split("\t")] if header else []
    kept, cut = take_within(rows, max_rows, max_bytes, _line_size)
    if stopped and not cut:
        # Stopped inside a row past the byte cap: the rows kept are all that fit.
        cut = Truncation(max_bytes=max_bytes) if sink.stopped_by_bytes else cut
    return variables, kept, cut


def capped_solutions(
    variables: list[str], lines: list[str], fmt: MediaFormat, cut: Truncation, max_bytes: int
) -> tuple[bytes, Truncation]:
    """A SELECT result (TSV lines from `take_tsv_rows`) in `fmt`, at most `max_bytes` long.

    Rows are dropped from the end until the body, with its truncation note, fits.
    """
    body = _solutions(variables, lines, fmt, cut)
    while len(body) > max_bytes and lines:
        lines = lines[: _fewer(len(lines), len(body), max_bytes)]
        cut = cut.cut_to_fit(max_bytes)
        body = _solutions(variables, lines, fmt, cut)
    return body, cut


def _fewer(count: int, size: int, max_bytes: int) -> int:
    """How many of `count` items to keep so that `size` bytes shrink under `max_bytes`.

    In proportion, with a margin for the rows not all being the same length;
    always fewer than before, so that shrinking ends.
    """
    return min(count - 1, int(count * max_bytes / size * 0.97))


def _line_size(line: str) -> int:
    return len(line) + 1  # UTF-8 is at least as long; the newline


def _solutions(variables: list[str], lines: list[str], fmt: MediaFormat, cut: Truncation) -> bytes:
    head = "\t".join(f"?{v}" for v in variables)
    tsv = ("\n".join([head, *lines]) + "\n").encode("utf-8")
    body = _parse_tsv(tsv).serialize(format=_results_format(fmt))
    if not cut:
        return body
    if fmt.key == SPARQL_JSON.key:
        # Not part of the W3C format; clients ignore members they do not know.
        members = ',"truncated":true'
        if cut.max_rows is not None:
            members += f',"maxRows":{cut.max_rows}'
        if cut.max_bytes is not None:
            members += f',"maxBytes":{cut.max_bytes}'
        return body.rstrip()[:-1] + (members + "}").encode()
    if fmt.key == SPARQL_XML.key:
        # A comment may follow the root element.
        notes = []
        if cut.max_rows is not None:
            notes.append(f"<!-- truncated: the server returns at most {cut.max_rows} rows -->")
        if cut.max_bytes is not None:
            notes.append(f"<!-- truncated: the server returns at most {cut.max_bytes} bytes -->")
        return body + ("\n" + "\n".join(notes) + "\n").encode()
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


# Triples are sized a chunk at a time by the engine's N-Triples writer: exact, and no
# Python step per triple while a result stays under the caps. A chunk is held whole
# before it is sized, so it stays small next to the byte cap.
_SIZE_CHUNK = 256


def take_triples(
    triples: Iterable[ox.Triple], max_rows: int, max_bytes: int
) -> tuple[list[ox.Triple], Truncation]:
    """Triples up to the row cap, or until their N-Triples text would pass `max_bytes`.

    Reads no further than the chunk in which a cap is passed, so that a huge result
    is never held in memory.
    """
    kept: list[ox.Triple] = []
    total = 0
    source = iter(triples)
    while chunk := list(itertools.islice(source, _SIZE_CHUNK)):
        size = len(ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES))
        if len(kept) + len(chunk) <= max_rows and total + size <= max_bytes:
            kept.extend(chunk)
            total += size
            continue
        # A cap falls inside this chunk: its triples one by one, up to the cap.
        rest, cut = take_within(chunk, max_rows - len(kept), max_bytes - total, _triple_size)
        kept.extend(rest)
        if cut:
            return kept, Truncation(
                max_rows=max_rows if cut.max_rows is not None else None,
                max_bytes=max_bytes if cut.max_bytes is not None else None,
            )
        total += size  # every triple of the chunk fitted after all
    return kept, NOT_TRUNCATED


def capped_graph(
    triples: list[ox.Triple], fmt: MediaFormat, cut: Truncation, max_bytes: int
) -> tuple[bytes, Truncation]:
    """A CONSTRUCT/DESCRIBE result in `fmt`, at most `max_bytes` long (triples dropped
    from the end until it fits)."""
    body = graph_bytes(triples, fmt)
    while len(body) > max_bytes and triples:
        triples = triples[: _fewer(len(triples), len(body), max_bytes)]
        cut = cut.cut_to_fit(max_bytes)
        body = graph_bytes(triples, fmt)
    return body, cut


def _triple_size(triple: ox.Triple) -> int:
    """The length of the triple's N-Triples line."""
    return len(ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES))


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
