"""Valid values for what the OpenAPI document can only name (see tests/openapi_contract.py).

The document says a `query` is a string of `format: sparql-query`, a Graph
Store upload a `text/turtle` body, and so on; JSON Schema has no grammar for
these, so Schemathesis would send random text, which the service rightly
refuses with 400. These strategies make valid ones, with generated terms and
literals, so that a request the document calls valid is valid and must be
accepted. Writes touch only graphs under http://example.org/, so that a run
leaves the store's own data alone.
"""

from __future__ import annotations

import json
import re
import uuid

import schemathesis
from hypothesis import strategies as st

EXAMPLE = "http://example.org/"

_numbers = st.integers(min_value=0, max_value=999)
# Any character but surrogates and controls: the literal escapes what SPARQL and Turtle need.
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
    max_size=30,
)


def _literal(value: str) -> str:
    """A double-quoted SPARQL / Turtle / N-Triples string literal."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


_iris = _numbers.map(lambda n: f"<{EXAMPLE}s{n}>")
_graphs = _numbers.map(lambda n: f"<{EXAMPLE}g{n}>")
_literals = _text.map(_literal)
_limits = st.integers(min_value=0, max_value=50)

QUERIES = st.one_of(
    st.just("ASK {}"),
    _limits.map(lambda n: f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {n}"),
    _literals.map(lambda lit: f"SELECT ?s WHERE {{ ?s ?p {lit} }}"),
    st.just("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"),
    _limits.map(lambda n: f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }} LIMIT {n}"),
    _iris.map(lambda iri: f"DESCRIBE {iri}"),
    st.builds(lambda s, lit: f"ASK {{ {s} ?p {lit} }}", _iris, _literals),
)

_triples = st.builds(lambda s, lit: f"{s} <{EXAMPLE}p> {lit} .", _iris, _literals)
UPDATES = st.one_of(
    st.builds(lambda g, t: f"INSERT DATA {{ GRAPH {g} {{ {t} }} }}", _graphs, _triples),
    st.builds(lambda g, t: f"DELETE DATA {{ GRAPH {g} {{ {t} }} }}", _graphs, _triples),
    _graphs.map(lambda g: f"CREATE SILENT GRAPH {g}"),
    _graphs.map(lambda g: f"CLEAR SILENT GRAPH {g}"),
    _graphs.map(lambda g: f"DROP SILENT GRAPH {g}"),
)

# Similarity settings in range (graph/analysis/similarity.py): a theme weight above 0, group
# weights summing to at most 1000, ppr_alpha in (0, 0.99].
_weight = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda w: f"{w:g}")
WEIGHTS = st.one_of(
    st.just(""),
    st.builds(
        lambda t, n, p: f"themes={t},networks={n},programmes={p}",
        st.floats(min_value=0.01, max_value=100).map(lambda w: f"{w:g}"),
        _weight,
        _weight,
    ),
    st.floats(min_value=0.05, max_value=0.95).map(lambda a: f"ppr_alpha={a:.2f}"),
)

_documents = st.lists(st.tuples(_numbers, _text), min_size=0, max_size=3)


def _turtle(rows: list[tuple[int, str]]) -> bytes:
    return "\n".join(f"<{EXAMPLE}s{n}> <{EXAMPLE}p> {_literal(v)} ." for n, v in rows).encode()


def _json_ld(rows: list[tuple[int, str]]) -> bytes:
    nodes = [{"@id": f"{EXAMPLE}s{n}", f"{EXAMPLE}p": v} for n, v in rows]
    return json.dumps({"@graph": nodes}).encode()


def _rdf_xml(rows: list[tuple[int, str]]) -> bytes:
    def escaped(value: str) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    body = "".join(
        f'<rdf:Description rdf:about="{EXAMPLE}s{n}"><ex:p>{escaped(v)}</ex:p></rdf:Description>'
        for n, v in rows
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        f'xmlns:ex="{EXAMPLE}">{body}</rdf:RDF>'
    ).encode()


# XML 1.0 allows no control characters but tab, newline and carriage return.
_xml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=30)
_xml_documents = st.lists(st.tuples(_numbers, _xml_text), min_size=0, max_size=3)

_registered = False
_KEY = re.compile(r"[!-~]{1,255}")


def _fresh_idempotency_key(context: object, case: schemathesis.Case, kwargs: object) -> None:
    """Give every request that sends a valid Idempotency-Key a key of its own.

    The document says a key stands for one write (format: idempotency-key), which
    JSON Schema cannot check; Schemathesis's coverage phase draws keys from the
    pattern alone and sends the same few to different writes, which the service
    rightly refuses (422). Invalid keys are left as they are: they must stay 400s.
    """
    headers = case.headers or {}
    for name, value in headers.items():
        if name.lower() == "idempotency-key" and isinstance(value, str) and _KEY.fullmatch(value):
            headers[name] = f"key-{uuid.uuid4().hex}"


def register() -> None:
    """Teach Schemathesis the grammars behind the document's custom formats and media types."""
    global _registered
    if _registered:
        return
    schemathesis.openapi.format("sparql-query", QUERIES)
    schemathesis.openapi.format("sparql-update", UPDATES)
    schemathesis.openapi.format("similarity-weights", WEIGHTS)
    # A fresh key per request: the same key with another request is rightly refused.
    schemathesis.openapi.format(
        "idempotency-key", st.just(None).map(lambda _: f"key-{uuid.uuid4().hex}")
    )
    schemathesis.hook("before_call")(_fresh_idempotency_key)
    schemathesis.openapi.media_type(
        "application/sparql-query", QUERIES.map(lambda q: q.encode("utf-8"))
    )
    schemathesis.openapi.media_type(
        "application/sparql-update", UPDATES.map(lambda u: u.encode("utf-8"))
    )
    schemathesis.openapi.media_type("text/turtle", _documents.map(_turtle))
    schemathesis.openapi.media_type("application/n-triples", _documents.map(_turtle))
    schemathesis.openapi.media_type("application/ld+json", _documents.map(_json_ld))
    schemathesis.openapi.media_type("application/rdf+xml", _xml_documents.map(_rdf_xml))
    _registered = True
