"""JSON API and pictures for the analyses; sections with pictures for the entity pages.

Routes (all GET, read-only):

- /api/municipalities/{code}/similar?k=10&method=profile|ppr|simrank&weights=...
- /api/shared-challenges?codes=GM0363,GM0599[&network=G40][&min_share=0.5][&all=true]
- /api/analyses/communities?seed=42&resolution=1.0
- /api/analyses/themes
- /api/analyses/timeline?network=G40&theme=wonen&rollup=true
- /api/analyses/plots/neighbourhood/{code}.svg, /api/analyses/plots/heatmap.svg,
  /api/analyses/plots/timeline.svg: the same pictures as the pages show.

Unknown municipalities, networks and themes answer 404, a malformed CBS code 422
(as in the JSON API; FastAPI's own 422 for parameters out of range), other
requests the analyses cannot answer 400; all with a readable `detail`.

For the pages: `neighbourhood_svg(store, code)`, `heatmap_svg(store, codes, themes,
network=..., theme=...)` and `timeline_svg(store, theme=..., network=...)` return
standalone SVG strings; the page sections that show them live in
gemeentegraaf.service.web.analysis_sections.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response
from gemeentegraaf.analysis.communities import DEFAULT_SEED, communities, theme_centrality
from gemeentegraaf.analysis.graphs import (
    AnalysisError,
    UnknownEntity,
    analysis_data,
)
from gemeentegraaf.analysis.plots import (
    heatmap_svg,
    neighbourhood_svg,
    timeline_svg,
)
from gemeentegraaf.analysis.shared_challenges import DEFAULT_MIN_SHARE, shared_challenges
from gemeentegraaf.analysis.similarity import (
    DEFAULT_METHOD,
    METHODS,
    SHOWN_NEIGHBOURS,
    SimilarityConfig,
    similar,
)
from gemeentegraaf.analysis.timeline import theme_timeline
from gemeentegraaf.queries.lookups import CBS_CODE_PATTERN, cbs_code
from gemeentegraaf.service import openapi_responses as responses
from gemeentegraaf.service.dependencies import StoreDep
from gemeentegraaf.service.problems import PROBLEM_JSON, Problem
from pydantic import Field

log = logging.getLogger("gemeentegraaf.analyses")
# An analysis the request's values cannot feed (too few municipalities, weights out of
# range: rules across values that a JSON Schema cannot state) is a 400 with the reason.
router = APIRouter(
    prefix="/api",
    tags=["analyses"],
    responses={
        400: {
            "description": "The analysis cannot be made with these values (problem details)",
            "content": {PROBLEM_JSON: {"schema": Problem.model_json_schema()}},
        }
    },
)
SVG = "image/svg+xml"
_PICTURE = {
    200: responses.described(200, "The picture", content={SVG: {"schema": {"type": "string"}}})
}
Code = Annotated[str, Path(pattern=CBS_CODE_PATTERN, description="CBS code, e.g. GM0363")]
# Each value: CBS codes, separated by commas, semicolons, spaces, tabs or line breaks (the
# same characters in the pattern and in _split, so that both read a value alike).
_SEPARATORS = " \t\n\r,;"
_CODE = "([Gg][Mm])?[0-9]{4}"
_CODES = rf"^[{_SEPARATORS}]*({_CODE}([{_SEPARATORS}]+{_CODE})*)?[{_SEPARATORS}]*$"
CodeList = Annotated[
    list[Annotated[str, Field(pattern=_CODES)]] | None,
    Query(description="CBS codes, comma separated or repeated"),
]
Method = Literal[tuple(METHODS)]  # type: ignore[valid-type]

__all__ = [
    "heatmap_svg",
    "neighbourhood_svg",
    "router",
    "timeline_svg",
]


def _answer(compute: Callable[[], Any]) -> Any:
    """Run an analysis; a user's mistake becomes a 400 or 404 with the reason."""
    try:
        return compute()
    except UnknownEntity as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    except AnalysisError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


def _split(values: list[str] | None) -> list[str]:
    """`codes=GM1,GM2` and `codes=GM1&codes=GM2` both work."""
    return [part for v in values or () for part in re.split(f"[{_SEPARATORS}]+", v) if part]


def _codes(values: list[str] | None) -> list[str]:
    """The CBS codes of a `codes=` parameter; a malformed one is a 422."""
    return [cbs_code(part) for part in _split(values)]


def _svg(text: str) -> Response:
    return Response(content=text, media_type=SVG, headers={"Cache-Control": "no-cache"})


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


@router.get("/municipalities/{code}/similar")
def get_similar(
    store: StoreDep,
    code: Code,
    k: int = Query(10, ge=1, le=100, description="how many similar municipalities"),
    method: Annotated[Method, Query(description="profile (default), ppr or simrank")] = (
        DEFAULT_METHOD
    ),
    weights: str | None = Query(
        None,
        description=(
            "Settings as name=number pairs, comma separated, e.g. "
            "themes=0.6,networks=0.2,programmes=0.2 (see graph/analysis/similarity.py); "
            "out of range (a theme weight of 0, group weights above their maximum) is a 400"
        ),
        json_schema_extra={"format": "similarity-weights"},
    ),
) -> dict[str, Any]:
    """The k most similar municipalities, each with score and explanation."""
    code = cbs_code(code)

    def compute() -> dict[str, Any]:
        config = SimilarityConfig.parse(weights, SimilarityConfig.from_env())
        return similar(analysis_data(store), code, k=k, method=method, config=config)

    return _answer(compute)


@router.get("/shared-challenges")
def get_shared_challenges(
    store: StoreDep,
    codes: CodeList = None,
    network: str | None = Query(None, description="add the members of a network, e.g. G40"),
    min_share: float = Query(DEFAULT_MIN_SHARE, gt=0, le=1),
    all: bool = Query(False, description="only themes all of them share"),  # noqa: A002
    quotes: int = Query(3, ge=0, le=20, description="quotes per municipality and theme"),
    broader: bool = Query(False, description="count narrower themes as their broader theme"),
) -> dict[str, Any]:
    """Themes shared by all or most of the municipalities, with evidence quotes.

    The codes and the network's members together must be at least two municipalities
    (and at most 200); otherwise the answer is a 400 that says so.
    """
    wanted = _codes(codes)
    return _answer(
        lambda: shared_challenges(
            analysis_data(store),
            wanted,
            network=network,
            min_share=1.0 if all else min_share,
            max_quotes=quotes,
            include_broader=broader,
        )
    )


@router.get("/analyses/communities")
def get_communities(
    store: StoreDep,
    seed: int = Query(DEFAULT_SEED, description="Louvain seed (fixed: same store, same answer)"),
    resolution: float = Query(1.0, gt=0, le=10),
) -> dict[str, Any]:
    return _answer(lambda: communities(analysis_data(store), seed=seed, resolution=resolution))


@router.get("/analyses/themes")
def get_themes(store: StoreDep) -> dict[str, Any]:
    """Themes by how many municipalities they connect."""
    return _answer(lambda: theme_centrality(analysis_data(store)))


@router.get("/analyses/timeline")
def get_timeline(
    store: StoreDep,
    network: str | None = Query(None, description="only this network, e.g. G40"),
    theme: str | None = Query(None, description="only this theme (slug, label or URI)"),
    rollup: bool = Query(False, description="count narrower themes in their broader theme"),
) -> dict[str, Any]:
    """Evidence per theme per report year, overall and per network."""
    return _answer(
        lambda: theme_timeline(analysis_data(store), network=network, theme=theme, rollup=rollup)
    )


# ---------------------------------------------------------------------------
# Pictures
# ---------------------------------------------------------------------------


@router.get("/analyses/plots/neighbourhood/{code}.svg", response_class=Response, responses=_PICTURE)
def get_neighbourhood_svg(
    store: StoreDep,
    code: Code,
    k: int = Query(SHOWN_NEIGHBOURS, ge=1, le=20),
    method: Annotated[Method, Query()] = DEFAULT_METHOD,
) -> Response:
    code = cbs_code(code)
    return _svg(_answer(lambda: neighbourhood_svg(analysis_data(store), code, k=k, method=method)))


@router.get("/analyses/plots/heatmap.svg", response_class=Response, responses=_PICTURE)
def get_heatmap_svg(
    store: StoreDep,
    codes: CodeList = None,
    themes: Annotated[list[str] | None, Query()] = None,
    network: str | None = None,
    theme: str | None = None,
) -> Response:
    wanted = _codes(codes)
    return _svg(
        _answer(
            lambda: heatmap_svg(
                analysis_data(store),
                codes=wanted or None,
                themes=_split(themes) or None,
                network=network,
                theme=theme,
            )
        )
    )


@router.get("/analyses/plots/timeline.svg", response_class=Response, responses=_PICTURE)
def get_timeline_svg(
    store: StoreDep,
    theme: str | None = None,
    network: str | None = None,
    metric: str = Query("share", pattern="^(share|count)$"),
) -> Response:
    return _svg(
        _answer(
            lambda: timeline_svg(analysis_data(store), theme=theme, network=network, metric=metric)
        )
    )
