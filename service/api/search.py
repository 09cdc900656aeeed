"""`/api/search`: search over everything with a label or a quote (gemeentegraaf.queries.search)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from gemeentegraaf.queries import search as search_index
from gemeentegraaf.service.dependencies import StoreDep
from pydantic import BaseModel

router = APIRouter(prefix="/api", tags=["api"])

# The kinds as an enum in the OpenAPI document (an unknown kind is a 422).
Kind = Literal[search_index.KINDS]  # type: ignore[valid-type]


class SearchHit(BaseModel):
    uri: str
    kind: str
    label: str
    score: float
    matched: str
    field: str


@router.get(
    "/search",
    response_model=list[SearchHit],
    summary="Search municipalities, themes, networks, programmes, documents and facts",
    description=(
        "Typo-tolerant (`amsterdm` finds Amsterdam), ranked by score (0..1). Names and "
        "labels (also altLabels: `aardgas` finds the theme Energietransitie) and the words "
        "of facts' quotes. Punctuation in `q` only separates words. The same search terms "
        'are in SPARQL as `?x gg:zoekterm "amsterdam"` (graph …/graph/search).'
    ),
)
def search(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            description="Words to find",
            min_length=1,
            max_length=search_index.MAX_QUERY_CHARS,
        ),
    ],
    kind: Annotated[Kind | None, Query(description="Only this kind of thing")] = None,
    limit: Annotated[int, Query(ge=1, le=search_index.MAX_LIMIT)] = 20,
) -> list[dict[str, Any]]:
    return [hit.as_dict() for hit in search_index.search(store, q, kind, limit)]
