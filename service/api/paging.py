"""Paging of the API's lists: `limit` and `offset`, `Link` headers, and the total.

A list endpoint (/api/municipalities, /api/themes, …) keeps answering with a
JSON array, so that existing clients keep working; it takes `limit` (at most
MAX_LIMIT, which is also the default, so a client that never pages still gets
every item of today's lists) and `offset`, and says where it is with RFC 8288
`Link` headers (rel first, prev, next, last) and `X-Total-Count`. The same
lists with the total in the body are under /api/v2/… (see v2.py): an object
with `items`, `total`, `limit`, `offset`, `next` and `prev`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request, Response

MAX_LIMIT = 1000
T = TypeVar("T")


@dataclass
class Paging:
    """The page a request asks for; `page` fills in the total and the neighbours' URLs."""

    limit: int
    offset: int
    total: int = 0
    next: str | None = None
    prev: str | None = None


async def paging(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT})")
    ] = MAX_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Items to skip")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(paging)]


def page(items: list[T], paging: Paging, request: Request, response: Response) -> list[T]:
    """The requested slice of `items`; the total and Link headers go on `response`."""
    announce(len(items), paging, request, response)
    return items[paging.offset : paging.offset + paging.limit]


def announce(total: int, paging: Paging, request: Request, response: Response) -> None:
    """Say where the page is in a list of `total` items: `paging`'s total and neighbours'
    URLs, and the Link and X-Total-Count headers. A list that grows with the data reads
    only its page from the store (LIMIT and OFFSET) and calls this with its count."""
    paging.total = total

    def at(offset: int) -> str:
        return str(request.url.include_query_params(limit=paging.limit, offset=offset))

    links = {"first": at(0)}
    last = ((total - 1) // paging.limit) * paging.limit if total else 0
    if paging.offset > 0:
        # (from past the end, the page before is the last one: not one more page past it)
        paging.prev = at(min(max(paging.offset - paging.limit, 0), last))
        links["prev"] = paging.prev
    if paging.offset + paging.limit < total:
        paging.next = at(paging.offset + paging.limit)
        links["next"] = paging.next
    links["last"] = at(last)
    response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
    response.headers["X-Total-Count"] = str(total)


def envelope(items: list[Any], paging: Paging) -> dict[str, Any]:
    """A page with its place in the list, for the /api/v2 lists."""
    return {
        "items": items,
        "total": paging.total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": paging.next,
        "prev": paging.prev,
    }
