"""/api/v2: the lists of the JSON API as pages with their total in the body.

Each list of /api (routes.py) is here too, with the same filters, `limit` and
`offset`, answering `{"items": [...], "total", "limit", "offset", "next",
"prev"}` instead of a bare array (the Link headers are there as well). The
handlers are those of /api; only the answer's shape differs, so the two
versions cannot drift apart.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from gemeentegraaf.service.api import routes
from gemeentegraaf.service.api.paging import MAX_LIMIT, envelope
from pydantic import BaseModel, Field, create_model

router = APIRouter(prefix="/api/v2", tags=["api (paged)"])

# (path, the /api handler, the item model)
LISTS: tuple[tuple[str, Callable[..., list[Any]], type[BaseModel]], ...] = (
    ("/municipalities", routes.list_municipalities, routes.Municipality),
    ("/themes", routes.list_themes, routes.Theme),
    ("/networks", routes.list_networks, routes.Network),
    ("/programmes", routes.list_programmes, routes.Programme),
    ("/bottlenecks", routes.list_bottlenecks, routes.Bottleneck),
    ("/documents", routes.list_documents, routes.Document),
)


def page_model(item: type[BaseModel]) -> type[BaseModel]:
    return create_model(
        f"{item.__name__}Page",
        items=(list[item], Field(..., description="This page's items")),
        total=(int, Field(..., description="Items in the whole list")),
        limit=(int, Field(..., description=f"Items per page (at most {MAX_LIMIT})")),
        offset=(int, Field(..., description="Items skipped before this page")),
        next=(str | None, Field(None, description="URL of the next page; null on the last")),
        prev=(str | None, Field(None, description="URL of the previous page; null on the first")),
    )


def _enveloped(handler: Callable[..., list[Any]]) -> Callable[..., dict[str, Any]]:
    # functools.wraps keeps the handler's signature, so FastAPI gives this
    # endpoint the same parameters and dependencies (paging among them).
    @functools.wraps(handler)
    def endpoint(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return envelope(handler(*args, **kwargs), kwargs["paging"])

    return endpoint


for _path, _handler, _item in LISTS:
    router.add_api_route(
        _path,
        _enveloped(_handler),
        methods=["GET"],
        response_model=page_model(_item),
        name=f"{_handler.__name__}_paged",
        summary=f"{_path.strip('/').capitalize()}, a page at a time, with the total",
    )
