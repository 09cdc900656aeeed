"""What a request names: a municipality by CBS code, a network, province or theme by key or name.

The JSON API, the analyses API and the pages resolve their path and filter
values here, so that one value gets one answer everywhere: a malformed value
is a 422, a well-formed one the store does not know a 404, each with a message
that says what was expected.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import HTTPException
from gemeentegraaf.common.namespaces import parse_cbs_code
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.store.oxigraph import GraphStore

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Theme keys may have a path: a report's own chapter themes sit under its key.
THEME_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")


# The same, as JSON Schema patterns for the API's parameters (ECMA regex; ASCII only, as the
# keys are): FastAPI refuses a value that does not match with 422 before a handler runs.
CBS_CODE_PATTERN = r"^([Gg][Mm])?[0-9]{4}$"
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*$"
THEME_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9-]*)*$"


class LookupFailed(HTTPException):
    """A request value that names nothing; `detail` is the message for a person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status_code=status, detail=message)


def cbs_code(value: str) -> str:
    """`gm0363`, `GM0363` or `0363` → `GM0363`; anything else is a 422."""
    try:
        return parse_cbs_code(value)
    except ValueError as exc:
        raise LookupFailed(422, str(exc)) from None


def municipality(store: GraphStore, value: str) -> dict[str, Any]:
    """The municipality record (queries.municipality) of a CBS code."""
    code = cbs_code(value)
    record = queries.municipality(store, code)
    if record is None:
        raise LookupFailed(404, unknown_municipality(code))
    return record


def unknown_municipality(code: str) -> str:
    """What every route and command says of a CBS code the graph does not know."""
    return (
        f"Onbekende gemeente {code} (unknown municipality): deze code staat niet in "
        "het TOOI-register van de graaf."
    )


def key(value: str, what: str) -> str:
    """A lower-case key (`g40`, `participatiewet`); a 422 when it cannot be one."""
    text = value.strip().lower()
    if not KEY_RE.match(text):
        raise LookupFailed(
            422,
            f"Ongeldige sleutel voor {what}: {value!r}; gebruik de sleutel zoals in de lijst, "
            f"bijvoorbeeld g40. (Invalid {what} key.)",
        )
    return text


def network(store: GraphStore, value: str) -> dict[str, Any]:
    """The network record (queries.network) of a key such as `g40` or `G40`."""
    record = queries.network(store, key(value, "netwerk"))
    if record is None:
        known = ", ".join(n["id"] for n in queries.networks(store))
        raise LookupFailed(404, f"Onbekend netwerk: {value} (unknown network). Bekend: {known}.")
    return record


def province_uri(store: GraphStore, value: str) -> str:
    """The province with this code (`PV27`) or name (`Noord-Holland`), case-insensitive."""
    wanted = value.strip().lower()
    for p in queries.provinces(store):
        if wanted in {p["code"].lower(), p["name"].lower()}:
            return p["uri"]
    raise LookupFailed(
        404,
        f"Onbekende provinciecode of -naam: {value} (unknown province); gebruik een code als "
        "PV27 of een naam als Noord-Holland.",
    )


def theme_uri(store: GraphStore, value: str) -> str:
    """The theme with this key (`wonen`, or a report's own `…/chapter` key)."""
    text = value.strip().lower()
    if not THEME_KEY_RE.match(text):
        raise LookupFailed(
            422,
            f"Ongeldig thema {value!r}: gebruik de sleutel uit de lijst van thema's, zoals "
            "wonen. (Invalid theme key.)",
        )
    uri = queries.THEMA_NS + text
    if queries.theme(store, uri) is None:
        raise LookupFailed(
            404, f"Onbekend thema: {value} (unknown theme); zie /themas of /api/themes."
        )
    return uri
