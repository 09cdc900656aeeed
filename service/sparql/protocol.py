"""Reading a SPARQL 1.1 Protocol request: which operation, its text and its dataset.

Query:  GET ?query=…, POST form-encoded (query=…), POST application/sparql-query.
Update: POST form-encoded (update=…), POST application/sparql-update.
Dataset parameters may sit in the URL or, for form posts, in the body.
Every deviation the protocol forbids (two queries, a query and an update, an
update by GET, a body that is not UTF-8, an unknown media type) is a ProtocolError
with a 4xx status and a sentence for the user. So is a text over the configured
size (Settings.max_query_bytes): 413 in a body, 414 in a URL, found while the
body streams in, before anything parses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

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


# More fields than any SPARQL request needs (one text and a few dataset IRIs).
MAX_FIELDS = 1000
# Escapes are decoded a piece at a time: the standard library's unquote splits
# its whole input at every `%` first, tens of bytes per escape for a long text.
_PIECE = 64 * 1024


def _unquote_plus(data: bytes) -> bytes:
    """`a+b%C3%A9` → `a bé` (as bytes), in memory proportional to the text."""
    if b"+" in data:
        data = data.replace(b"+", b" ")
    if b"%" not in data:
        return data
    pieces: list[bytes] = []
    start, size = 0, len(data)
    while start < size:
        end = min(start + _PIECE, size)
        if end < size:
            # Never cut an escape in two: end the piece before a `%` in its last two bytes.
            cut = data.rfind(b"%", max(start, end - 2), end)
            end = cut if cut > start else end
        pieces.append(unquote_to_bytes(data[start:end]))
        start = end
    return b"".join(pieces)


def _form(data: bytes | str) -> list[tuple[str, str]]:
    """Form fields (`application/x-www-form-urlencoded`, or a URL's query string),
    as urllib's parse_qsl(keep_blank_values=True) reads them, strict UTF-8."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    pairs: list[tuple[str, str]] = []
    start = 0
    while start <= len(raw):
        end = raw.find(b"&", start)
        end = len(raw) if end == -1 else end
        field_start, start = start, end + 1
        if field_start == end:
            continue
        if len(pairs) == MAX_FIELDS:
            raise ProtocolError(400, f"The form has more than {MAX_FIELDS} fields.")
        # Sliced once each, not copied as a field first.
        equals = raw.find(b"=", field_start, end)
        if equals == -1:
            name, value = raw[field_start:end], b""
        else:
            name, value = raw[field_start:equals], raw[equals + 1 : end]
        try:
            pairs.append(
                (_unquote_plus(name).decode("utf-8"), _unquote_plus(value).decode("utf-8"))
            )
        except UnicodeDecodeError as exc:
            raise ProtocolError(400, f"The form data cannot be read: {exc}") from exc
    return pairs


def size_text(size: int) -> str:
    """1048576 → "1 MiB", 1500 → "1500 bytes"."""
    for unit, name in ((1024 * 1024, "MiB"), (1024, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size} bytes"


# Room in a form or a URL beyond the percent-encoded text itself: the dataset
# parameters and the parameter names.
_PARAMETER_ROOM = 64 * 1024


def encoded_cap(max_bytes: int) -> int:
    """The longest form body or query string that can carry a text of `max_bytes`:
    percent-encoding writes each byte as at most three characters."""
    return 3 * max_bytes + _PARAMETER_ROOM


def too_large(what: str, max_bytes: int, *, in_url: bool = False) -> ProtocolError:
    """413 for a body, 414 for a URL: the text is longer than the configured limit."""
    message = (
        f"The {what} is larger than {size_text(max_bytes)}, the most this endpoint accepts "
        "(GEMEENTEGRAAF_MAX_QUERY_BYTES)."
    )
    if what == "update":
        message += " Send bulk data with the Graph Store Protocol (PUT or POST /rdf-graph-store)."
    if in_url:
        return ProtocolError(414, message + " Long queries can be sent by POST.")
    return ProtocolError(413, message)


async def read_limited_body(request: Request, cap: int, what: str, max_bytes: int) -> bytes:
    """The body, read as it streams in and refused (413) as soon as it passes `cap` bytes.

    A declared Content-Length over the cap is refused before a byte is read.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large(what, max_bytes)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise too_large(what, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _check_sizes(params: dict[str, list[str]], max_bytes: int, *, in_url: bool) -> None:
    for name in ("query", "update"):
        for value in params.get(name, []):
            # Characters never outnumber UTF-8 bytes, and a character is at most 4 bytes:
            # only a text near the limit is encoded to be measured.
            if len(value) > max_bytes or (
                4 * len(value) > max_bytes and len(value.encode("utf-8")) > max_bytes
            ):
                raise too_large(name, max_bytes, in_url=in_url)


async def read_operation(request: Request, max_bytes: int) -> Operation:
    """The operation of `request`; a text over `max_bytes` (UTF-8) is refused before
    anything parses it: 414 in the URL, 413 in the body."""
    raw_query: bytes = request.scope.get("query_string", b"")
    if len(raw_query) > encoded_cap(max_bytes):
        raise too_large("query", max_bytes, in_url=True)
    params: dict[str, list[str]] = {}
    _collect(_form(raw_query), params)
    _check_sizes(params, max_bytes, in_url=True)
    direct: tuple[str, str] | None = None

    if request.method == "POST":
        kind, type_params = media_type(request)
        if kind == FORM:
            _check_charset(type_params)
            body = await read_limited_body(
                request, encoded_cap(max_bytes), "query or update", max_bytes
            )
            form: dict[str, list[str]] = {}
            _collect(_form(body), form)
            _check_sizes(form, max_bytes, in_url=False)
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        elif kind in (SPARQL_QUERY, SPARQL_UPDATE):
            _check_charset(type_params)
            what = "query" if kind == SPARQL_QUERY else "update"
            body = await read_limited_body(request, max_bytes, what, max_bytes)
            direct = (what, _utf8(body, "request body"))
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
