"""One error shape for the JSON API: `application/problem+json` (RFC 9457).

Every error under /api (an unknown code, a malformed parameter, FastAPI's
request validation, a 405, an unexpected failure) answers with an object with
`type`, `title`, `status`, `detail` and `instance`; validation errors add
`errors`, FastAPI's list of what was wrong where. `detail` keeps the message
the API gave before, so a client that read `detail` still finds it there.
Other paths (pages, SPARQL, linked data) keep their own error formats.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from gemeentegraaf.common.visible import shown
from gemeentegraaf.queries.lookups import CBS_CODE_PATTERN, KEY_PATTERN, THEME_KEY_PATTERN
from pydantic import BaseModel, Field

PROBLEM_JSON = "application/problem+json"
API_PREFIX = "/api"
# No type URI per problem: "about:blank" says the status code is the whole story (RFC 9457 4.2.1).
ABOUT_BLANK = "about:blank"


class Problem(BaseModel):
    """An error (RFC 9457 problem details)."""

    type: str = Field(ABOUT_BLANK, description="URI of the problem type; about:blank: see status")
    title: str = Field(..., description="The status's reason phrase", examples=["Not Found"])
    status: int = Field(..., examples=[404])
    detail: str = Field(
        ..., description="What went wrong, for a person", examples=["Onbekende gemeente: GM9999"]
    )
    instance: str = Field(..., description="The request's path and query")
    errors: list[dict[str, Any]] | None = Field(
        None, description="For a validation error: each problem with its location"
    )


def _content(description: str) -> dict[str, Any]:
    # The schema inline: FastAPI would file a `model` under application/json.
    schema = Problem.model_json_schema()
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


# For APIRouter(responses=…) / include_router(responses=…): the OpenAPI document says so.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _content("Unknown resource (problem details)"),
    422: _content("Invalid parameter (problem details; `errors` lists the validation errors)"),
    500: _content("Internal error (problem details)"),
}


def is_api(request: Request) -> bool:
    path = request.url.path
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    # The path as the server read it: request.url drops a final line break, and the 404
    # for /api/municipalities/GM0363%0A named an address that exists.
    path = request.scope["path"]
    instance = shown(path + (f"?{request.url.query}" if request.url.query else ""))
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = Problem(title=title, status=status, detail=detail, instance=instance, errors=errors)
    return JSONResponse(
        jsonable_encoder(body, exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


# What a value that misses one of the API's patterns should have looked like (lookups.py).
PATTERN_HINTS = {
    CBS_CODE_PATTERN: (
        "verwacht GM met vier cijfers, zoals GM0363 (expected GM and four digits, e.g. GM0363)"
    ),
    KEY_PATTERN: "verwacht een sleutel zoals in de lijst, zoals g40 (expected a key, e.g. g40)",
    THEME_KEY_PATTERN: "verwacht een themasleutel, zoals wonen (expected a theme key, e.g. wonen)",
}


def _message(error: dict[str, Any]) -> str:
    pattern = (error.get("ctx") or {}).get("pattern")
    hint = PATTERN_HINTS.get(pattern) if error.get("type") == "string_pattern_mismatch" else None
    if hint is None:
        return error.get("msg", "")
    return f"ongeldig / invalid {error.get('input')!r}: {hint}"


def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": list(e.get("loc", ())), "msg": _message(e), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
    return problem(request, 422, detail or "Invalid request.", errors=errors)
