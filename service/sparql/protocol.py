"""Reading a SPARQL 1.1 Protocol request: which operation, its text and its dataset.

Query:  GET ?query=…, POST form-encoded (query=…), POST application/sparql-query.
Update: POST form-encoded (update=…), POST application/sparql-update.
Dataset parameters may sit in the URL or, for form posts, in the body.
Every deviation the protocol forbids (two queries, a query and an update, an
update by GET, a body that is not UTF-8, an unknown media type) is a ProtocolError
with a 4xx status and a sentence for the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

_DATASET_PARAMS = (
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Operation:
    kind: str  # "query", "update" or "none" (no operation: the service description)
    text: str = ""
    params: dict[str, list[str]] = field(default_factory=dict)

    def values(self, name: str) -> list[str]:
        return self.params.get(name, [])

    @property
    def default_graphs(self) -> list[str]:
        return self.values("default-graph-uri")

    @property
    def named_graphs(self) -> list[str]:
        return self.values("named-graph-uri")

    @property
    def using_graphs(self) -> list[str]:
        return self.values("using-graph-uri")

    @property
    def using_named_graphs(self) -> list[str]:
        return self.values("using-named-graph-uri")

    @property
    def formats(self) -> list[str]:
        """The non-standard `format=` / `output=` values, in order."""
        return self.values("format") + self.values("output")

    @property
    def has_protocol_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def media_type(request: Request) -> tuple[str, dict[str, str]]:
    """The request's media type (lower case) and its parameters."""
    return parse_content_type(request.headers.get("content-type", ""))


def parse_content_type(header: str) -> tuple[str, dict[str, str]]:
    """`text/turtle; charset=UTF-8` → (`text/turtle`, {`charset`: `UTF-8`})."""
    kind, *raw = header.split(";")
    params = {}
    for part in raw:
        name, _, value = part.partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    return kind.strip().lower(), params


def _collect(pairs: list[tuple[str, str]], into: dict[str, list[str]]) -> None:
    for name, value in pairs:
        into.setdefault(name, []).append(value)


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"The {what} is not valid UTF-8 ({exc.reason}).") from exc


def _check_charset(params: dict[str, str]) -> None:
    charset = params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"Only UTF-8 is accepted; the request says charset={charset}.")


def _form(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(400, f"The form data cannot be read: {exc}") from exc


async def read_operation(request: Request) -> Operation:
    params: dict[str, list[str]] = {}
    _collect(_form(request.url.query), params)
    direct: tuple[str, str] | None = None

    if request.method == "POST":
        kind, type_params = media_type(request)
        body = await request.body()
        if kind == FORM:
            _check_charset(type_params)
            _collect(_form(_utf8(body, "request body")), params)
        elif kind in (SPARQL_QUERY, SPARQL_UPDATE):
            _check_charset(type_params)
            direct = ("query" if kind == SPARQL_QUERY else "update", _utf8(body, "request body"))
        elif not kind:
            raise ProtocolError(
                415,
                "A POST needs a Content-Type: application/sparql-query, "
                "application/sparql-update or application/x-www-form-urlencoded.",
            )
        else:
            raise ProtocolError(
                415,
                f"Unsupported Content-Type {kind!r}; use application/sparql-query, "
                "application/sparql-update or application/x-www-form-urlencoded.",
            )

    queries = params.get("query", [])
    updates = params.get("update", [])
    if direct is not None:
        (queries if direct[0] == "query" else updates).append(direct[1])
    if len(queries) > 1:
        raise ProtocolError(400, "Send one query per request; this request has several.")
    if len(updates) > 1:
        raise ProtocolError(400, "Send one update per request; this request has several.")
    if queries and updates:
        raise ProtocolError(400, "A request is either a query or an update, not both.")
    if updates and request.method != "POST":
        raise ProtocolError(400, "SPARQL Update needs a POST request, not GET.")
    for name in _DATASET_PARAMS:
        for value in params.get(name, []):
            absolute_iri(name, value)
    if queries:
        return Operation("query", queries[0], params)
    if updates:
        return Operation("update", updates[0], params)
    return Operation("none", "", params)


def absolute_iri(name: str, value: str) -> str:
    """`value` when it is an absolute IRI; otherwise a 400 that names the parameter."""
    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise ProtocolError(400, f"{name} must be an absolute IRI; got {value!r}.") from exc
    if ":" not in value:
        raise ProtocolError(400, f"{name} must be an absolute IRI; got {value!r}.")
    return value
