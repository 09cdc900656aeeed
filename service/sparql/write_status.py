"""GET /sparql/writes/{key}: did the write sent with this Idempotency-Key land?

A client that lost the connection during a write asks here (with the same
bearer token it writes with). 200 with the answer the write got: it landed,
do not send it again (a retry with the same key would only repeat that
answer). 404: no write with this key landed, or its record has passed the
write log's retention; sending it again is safe. The record is made in the
same transaction as the write (gemeentegraaf.store.write_log), so there is no
third case.
"""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from gemeentegraaf.service.dependencies import SettingsDep
from gemeentegraaf.service.sparql.endpoint import SparqlDep, text_response
from gemeentegraaf.service.sparql.writes import check_write_access
from gemeentegraaf.store import write_log
from gemeentegraaf.store.base import StoreError
from pydantic import BaseModel, Field

router = APIRouter(tags=["SPARQL"])

_TEXT = {"text/plain": {"schema": {"type": "string"}}}


class WriteStatus(BaseModel):
    """What became of the write sent with an Idempotency-Key."""

    key: str
    landed: bool = Field(..., description="Whether the write is in the store")
    status: int | None = Field(None, description="The HTTP status the write answered with")
    time: str | None = Field(None, description="When it was committed (UTC)")
    graphs: list[str] = Field(
        default_factory=list, description="The graphs it changed ('' is the default graph)"
    )
    location: str | None = Field(None, description="The graph a Graph Store POST created")
    version: str | None = Field(
        None, description="The version keeping what it removed (`gemeentegraaf restore`)"
    )
    detail: str = ""


# (`:path`: a key may hold "/", which a client sends as %2F and the server gets decoded)
@router.get(
    "/sparql/writes/{key:path}",
    summary="Whether the write sent with an Idempotency-Key landed",
    response_model=WriteStatus,
    responses={
        400: {"description": "Not a valid Idempotency-Key", "content": _TEXT},
        401: {"description": "No bearer token", "content": _TEXT},
        403: {"description": "Writes are off, or the token is wrong", "content": _TEXT},
        404: {
            "description": (
                "No write with this key landed (JSON); or, in plain text, no key at all: "
                "a path that ends in a line break is no address of this service"
            ),
            "model": WriteStatus,
            "content": _TEXT,
        },
        502: {"description": "The store could not be read", "content": _TEXT},
    },
)
async def write_status(
    key: str, request: Request, service: SparqlDep, settings: SettingsDep
) -> Response:
    denied = check_write_access(request, settings)
    if denied is not None:
        return text_response(denied.status, denied.message, denied.headers)
    problem = write_log.valid_key(key)
    if problem:
        return text_response(400, f"{problem}.")
    try:
        record = await anyio.to_thread.run_sync(
            write_log.find, service.reader, key, settings.update_token or ""
        )
    except StoreError as exc:
        return text_response(502, f"The write log could not be read: {exc}")
    if record is None:
        status = WriteStatus(
            key=key,
            landed=False,
            detail="No write with this key is in the store (or its record is older than "
            f"{settings.write_log_days:g} days): sending it again is safe.",
        )
        return JSONResponse(status.model_dump(), status_code=404)
    status = WriteStatus(
        key=key,
        landed=True,
        status=record.status,
        time=record.time.isoformat(),
        graphs=record.graphs,
        location=record.location,
        version=record.version,
        detail="The write is in the store; sending it again with this key repeats its answer.",
    )
    return JSONResponse(status.model_dump())
