"""Content negotiation: the result formats the service speaks, and how a request picks one.

A request picks a format by its Accept header (RFC 9110 media ranges with
q-values; the most specific matching range decides a type's weight) or by the
non-standard `format=` / `output=` parameter that clients such as SPARQLWrapper
send. The parameter wins over Accept when it names a format that fits the
answer; otherwise Accept decides.

This module is the one table of formats: the SPARQL endpoint, the Graph Store
Protocol, the linked-data paths and the pages all pick from the formats below,
and pyoxigraph's own tables say which parser or serialiser each RDF or results
format is and which file suffix it has.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import pyoxigraph as ox


@dataclass(frozen=True)
class MediaFormat:
    """One serialisation: its short key, its media type and the other names it answers to."""

    key: str
    media_type: str
    aliases: tuple[str, ...] = ()
    # Short names accepted in `format=`.
    names: tuple[str, ...] = ()
    textual: bool = True

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.textual else self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def rdf(self) -> ox.RdfFormat | None:
        """pyoxigraph's parser and serialiser for this format; None for HTML and results."""
        return ox.RdfFormat.from_media_type(self.media_type)

    @property
    def results(self) -> ox.QueryResultsFormat | None:
        """pyoxigraph's SPARQL results parser and serialiser for this format; None for RDF
        and HTML."""
        return ox.QueryResultsFormat.from_media_type(self.media_type)

    @property
    def suffix(self) -> str:
        """The file suffix (without dot) that names this format in a URL: `ttl`, `html`, ..."""
        rdf = self.rdf
        return rdf.file_extension if rdf is not None else self.key


# SELECT and ASK answers, in the server's order of preference.
SPARQL_JSON = MediaFormat(
    "json", "application/sparql-results+json", ("application/json",), ("json", "srj")
)
SPARQL_XML = MediaFormat(
    "xml",
    "application/sparql-results+xml",
    ("application/xml", "text/xml"),
    ("xml", "srx"),
)
SPARQL_CSV = MediaFormat("csv", "text/csv", (), ("csv",))
SPARQL_TSV = MediaFormat("tsv", "text/tab-separated-values", (), ("tsv",))
TABULAR: tuple[MediaFormat, ...] = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)

# CONSTRUCT and DESCRIBE answers (and graphs of the Graph Store Protocol).
TURTLE = MediaFormat(
    "turtle", "text/turtle", ("application/x-turtle", "text/n3"), ("turtle", "ttl", "n3")
)
# text/plain is N-Triples' old registration; pyoxigraph and rdflib still read it so.
N_TRIPLES = MediaFormat(
    "ntriples", "application/n-triples", ("text/plain",), ("nt", "ntriples", "n-triples")
)
JSON_LD = MediaFormat(
    "jsonld", "application/ld+json", ("application/json",), ("json-ld", "jsonld", "json")
)
RDF_XML = MediaFormat(
    "rdfxml",
    "application/rdf+xml",
    ("application/xml", "text/xml"),
    ("rdf", "rdfxml", "rdf+xml", "rdf/xml", "xml"),
)
TRIG = MediaFormat("trig", "application/trig", (), ("trig",))
N_QUADS = MediaFormat("nquads", "application/n-quads", (), ("nq", "nquads", "n-quads"))
GRAPH_FORMATS: tuple[MediaFormat, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML, TRIG, N_QUADS)
# A single graph (a Graph Store upload, a resource's description): no dataset formats.
TRIPLE_FORMATS: tuple[MediaFormat, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
DATASET_FORMATS: tuple[MediaFormat, ...] = (TRIG, N_QUADS)
# Serialisations that can abbreviate IRIs with @prefix / xmlns declarations.
PREFIXED_RDF: frozenset[ox.RdfFormat] = frozenset(
    {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML}
)

HTML = MediaFormat("html", "text/html", ("application/xhtml+xml",), ("html",))
PLAIN_TEXT = MediaFormat("text", "text/plain", (), ("text", "txt"))

# What a linked-data URI (/id/…, /def, /graph/…) answers in. On a tie (`*/*`,
# or no Accept) the first wins: Turtle, because a browser always names
# text/html and a program that does not say what it wants gets data.
LINKED_DATA_FORMATS: tuple[MediaFormat, ...] = (TURTLE, HTML, JSON_LD, N_TRIPLES, RDF_XML)


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return (self.type in ("*", main)) and (self.subtype in ("*", sub))

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


# RFC 9110 §12.4.2: a weight is 0 to 1 with at most three decimals.
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


def qvalue(text: str) -> float | None:
    """The weight a "q=" parameter gives (Accept, Accept-Encoding); None when it is
    malformed ("abc", "nan", "2"), so that the caller skips its element."""
    text = text.strip()
    return float(text) if _QVALUE.fullmatch(text) else None


def parse_accept(header: str | None) -> list[_Range]:
    """The media ranges of an Accept header; malformed parts are skipped, not fatal."""
    ranges: list[_Range] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            # A lone "*" is a common client shortcut for "*/*".
            if media == "*":
                media = "*/*"
            else:
                continue
        main, _, sub = media.partition("/")
        if not main or not sub:
            continue
        q: float | None = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = qvalue(value)
        if q is None:
            # "q=abc", "q=nan", "q=2": the range is malformed, and skipped like any other
            # (read as q=0 it would refuse a type the client asked for)
            continue
        ranges.append(_Range(main, sub, q))
    return ranges


def _weight(ranges: Sequence[_Range], fmt: MediaFormat) -> float:
    """The q-value the client gives to `fmt`: the best over its media types, each
    weighed by the most specific range that matches it. Aliases (text/xml for
    SPARQL XML, …) count only when named exactly, not through text/* or */*."""
    best = 0.0
    for media_type in fmt.media_types:
        exact_only = media_type != fmt.media_type
        matching = [
            r for r in ranges if r.matches(media_type) and (r.specificity == 2 or not exact_only)
        ]
        if not matching:
            continue
        top = max(r.specificity for r in matching)
        best = max(best, max(r.q for r in matching if r.specificity == top))
    return best


class _HasHeaders(Protocol):
    @property
    def headers(self) -> Any: ...


def accept_of(request: _HasHeaders) -> str | None:
    """The request's Accept: all its lines as one list (RFC 9110 5.3: a header sent on
    several lines is one comma-separated value), None when it sent none."""
    lines = request.headers.getlist("accept")
    return ", ".join(lines) if lines else None


def choose(accept: str | None, offers: Sequence[MediaFormat]) -> MediaFormat | None:
    """The offer the client likes best (ties go to the server's order), or None (406).

    No Accept header, or an empty one, means the server's first offer.
    """
    if isinstance(offers, tuple) and (accept is None or len(accept) <= _CACHED_ACCEPT):
        # Clients send the same few Accept headers again and again: weighing every
        # offer against every range was a tenth of a query's time in the server.
        return _choose_cached(accept, offers)
    return _choose(accept, offers)


# Longer Accept headers are weighed afresh (and cannot fill the cache with big keys).
_CACHED_ACCEPT = 512


@functools.lru_cache(maxsize=256)
def _choose_cached(accept: str | None, offers: tuple[MediaFormat, ...]) -> MediaFormat | None:
    return _choose(accept, offers)


def _choose(accept: str | None, offers: Sequence[MediaFormat]) -> MediaFormat | None:
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    best: MediaFormat | None = None
    best_q = 0.0
    for fmt in offers:
        q = _weight(ranges, fmt)
        if q > best_q:
            best, best_q = fmt, q
    return best


def prefers_html(accept: str | None, offers: Sequence[MediaFormat]) -> bool:
    """True when the client would rather have a web page than any of `offers`."""
    ranges = parse_accept(accept)
    if not ranges:
        return False
    html_q = _weight(ranges, HTML)
    # An explicit text/html range, not a */* fallback, makes a browser.
    explicit = any(r.type == "text" and r.subtype == "html" and r.q > 0 for r in ranges)
    return explicit and all(html_q > _weight(ranges, fmt) for fmt in offers)


def names(fmt: MediaFormat, value: str) -> bool:
    """Whether a `format=` value names `fmt`: one of its short names or media types, exactly
    (the values the OpenAPI document lists)."""
    return value in fmt.names or value in fmt.media_types


def from_parameter(values: Iterable[str], offers: Sequence[MediaFormat]) -> MediaFormat | None:
    """The first `format=` value that names one of `offers` (short name or media type)."""
    for value in values:
        for fmt in offers:
            if names(fmt, value):
                return fmt
    return None


def unknown_format(values: Iterable[str], known: Sequence[MediaFormat]) -> str | None:
    """The first `format=` value that names none of `known` (a 400 for the caller), or None."""
    return next((v for v in values if not any(names(fmt, v) for fmt in known)), None)


def accepted_names(formats: Sequence[MediaFormat]) -> str:
    """The short names `format=` takes, for a message."""
    return ", ".join(dict.fromkeys(name for fmt in formats for name in fmt.names))


def by_suffix(suffix: str, offers: Sequence[MediaFormat]) -> MediaFormat | None:
    """The offer that a URL suffix (`ttl`, `jsonld`, `html`, ...) names, or None."""
    return next((fmt for fmt in offers if fmt.suffix == suffix), None)


def describe(offers: Sequence[MediaFormat]) -> str:
    return ", ".join(fmt.media_type for fmt in offers)
