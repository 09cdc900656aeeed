"""What the OpenAPI document says a route answers: every status, in the media types it is sent in.

The routes build their `responses=` from these pieces, so that the document
lists each status a handler (or the app around it) can return, with the
media types and schemas of the body it really sends: plain text for the
SPARQL, Graph Store and linked-data errors, problem details under /api, the
RDF and SPARQL results formats of negotiation.py for data. Parameters whose
grammar JSON Schema cannot state (a SPARQL query, an IRI) carry a `format`
that names it.

A 500 is documented where a route reports a failure of its own (a query
worker that died, the API's problem details); elsewhere a 500 is a bug, and
the contract test (tests/test_openapi_contract.py) fails on any.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from http import HTTPStatus
from typing import Any

from gemeentegraaf.service.negotiation import (
    HTML,
    JSON_LD,
    SPARQL_JSON,
    MediaFormat,
)

Responses = dict[int | str, dict[str, Any]]

STRING: dict[str, Any] = {"type": "string"}
PLAIN_TEXT = "text/plain"
HTML_TYPE = HTML.media_type

# The W3C SPARQL 1.1 Query Results JSON Format: a head, and either results or a boolean.
SPARQL_RESULTS_JSON: dict[str, Any] = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {
            "type": "object",
            "properties": {
                "vars": {"type": "array", "items": {"type": "string"}},
                "link": {"type": "array", "items": {"type": "string"}},
            },
        },
        "results": {
            "type": "object",
            "required": ["bindings"],
            "properties": {"bindings": {"type": "array", "items": {"type": "object"}}},
        },
        "boolean": {"type": "boolean"},
    },
}
# JSON-LD: a document (object) or, expanded, an array of node objects.
JSON_LD_DOCUMENT: dict[str, Any] = {"type": ["object", "array"]}

# The body of a JSON format is checked against these; the others are text.
_JSON_SCHEMAS = {SPARQL_JSON.media_type: SPARQL_RESULTS_JSON, JSON_LD.media_type: JSON_LD_DOCUMENT}


def content(formats: Iterable[MediaFormat]) -> dict[str, Any]:
    """An OpenAPI `content` map: each format's media type with the schema of its body."""
    return {
        fmt.media_type: {"schema": _JSON_SCHEMAS.get(fmt.media_type, STRING)} for fmt in formats
    }


def described(status: int, description: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"description": description or HTTPStatus(status).phrase, **extra}


def text(status: int, description: str | None = None) -> dict[str, Any]:
    """A status whose body is a sentence in plain text."""
    return described(status, description, content={PLAIN_TEXT: {"schema": STRING}})


# A refusal that says when to try again.
RETRY_AFTER: dict[str, Any] = {
    "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
}


def retry_later(status: int, description: str) -> dict[str, Any]:
    """A refusal in plain text with a Retry-After header."""
    return text(status, description) | {"headers": RETRY_AFTER}


def text_or_html(status: int, description: str | None = None) -> dict[str, Any]:
    """A status answered as a page to a browser and as plain text otherwise."""
    return described(
        status,
        description,
        content={PLAIN_TEXT: {"schema": STRING}, HTML_TYPE: {"schema": STRING}},
    )


def data(status: int, formats: Sequence[MediaFormat], description: str) -> dict[str, Any]:
    return described(status, description, content=content(formats))


def redirect(status: int, description: str) -> dict[str, Any]:
    return described(
        status,
        description,
        headers={"Location": {"description": "Where to go", "schema": STRING}},
    )


NO_CONTENT = described(204, "Done; no body")

# A `{path:path}` parameter: Starlette's route pattern (`.*`) stops at a line break, so a path
# holding one reaches no route (404).
NO_LINE_BREAK = r"^[^\n]*$"

# A request body over the app's limit (app.py, BodyLimit).
TOO_LARGE = text(413, "The request body is larger than the service accepts")

# The statuses of a write that is refused or fails (writes.py, check_write_access).
WRITE_ERRORS: Responses = {
    401: text(401, "No credentials: send Authorization: Bearer <token>"),
    403: text(
        403,
        "Wrong token, writes are disabled on this service, or the write would change a "
        "read-only graph (one `gemeentegraaf build` makes, or the service's own)",
    ),
    409: text(409, "The store changed under the write; nothing was changed"),
    422: described(
        422,
        "The change would break the SHACL shapes (the report as text or Turtle, by Accept), "
        "or the Idempotency-Key was used before for a different request",
        content={PLAIN_TEXT: {"schema": STRING}, "text/turtle": {"schema": STRING}},
    ),
    500: text(500, "The write could not be checked or its previous content kept; nothing changed"),
    503: text(503, "The write's validation ran out of time or the workers stayed busy"),
    507: text(
        507,
        "Checking the write needed more memory than one worker may use "
        "(GEMEENTEGRAAF_WORKER_MEMORY); nothing changed",
    ),
}

# A store that is a server of its own can be down or slow (app.py, _store_failed).
STORE_ERRORS: Responses = {
    502: described(
        502,
        "The store server failed",
        content={
            PLAIN_TEXT: {"schema": STRING},
            "application/json": {"schema": {"type": "object"}},
        },
    ),
    504: described(
        504,
        "The store server did not answer in time",
        content={"application/json": {"schema": {"type": "object"}}},
    ),
}

LINKED_DATA_ERRORS: Responses = {
    404: text_or_html(404, "Not in the graph (a page for a browser, text otherwise)"),
    406: text(406, "None of the formats in Accept is offered"),
}


def iri_list(name: str, description: str) -> dict[str, Any]:
    """A repeatable query parameter whose values are absolute IRIs (400 otherwise)."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
    }


def format_names(formats: Iterable[MediaFormat]) -> list[str]:
    """Every value `format=` accepts for `formats`: short names and media types."""
    names: set[str] = set()
    for fmt in formats:
        names |= {*fmt.names, *fmt.media_types}
    return sorted(names)


def format_parameter(name: str, formats: Sequence[MediaFormat], description: str) -> dict[str, Any]:
    """`format=` / `output=`: repeatable, each value a name or media type of `formats`."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string", "enum": format_names(formats)}},
    }
