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
standalone SVG strings; `install(app)` also registers page sections (municipality:
neighbourhood picture and the list of similar municipalities; theme: timeline and
heatmap; network: heatmap and timeline) through `gemeentegraaf.service.web.pages.register_section`.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import Response
from gemeentegraaf.analysis.communities import DEFAULT_SEED, communities, theme_centrality
from gemeentegraaf.analysis.graphs import (
    GEMEENTE_NS,
    AnalysisData,
    AnalysisError,
    UnknownEntity,
    analysis_data,
    code_of,
)
from gemeentegraaf.analysis.plots import (
    heatmap_svg,
    neighbourhood_svg,
    render_neighbourhood,
    timeline_svg,
)
from gemeentegraaf.analysis.shared_challenges import DEFAULT_MIN_SHARE, shared_challenges
from gemeentegraaf.analysis.similarity import DEFAULT_METHOD, SimilarityConfig, similar
from gemeentegraaf.analysis.timeline import theme_timeline
from gemeentegraaf.queries.lookups import cbs_code
from gemeentegraaf.service.web import pages
from gemeentegraaf.store.oxigraph import GraphStore

log = logging.getLogger("gemeentegraaf.analyses")
router = APIRouter(prefix="/api", tags=["analyses"])
SVG = "image/svg+xml"

__all__ = [
    "heatmap_svg",
    "install",
    "neighbourhood_svg",
    "router",
    "similar_section",
    "timeline_svg",
]


def _data(request: Request) -> AnalysisData:
    return analysis_data(request.app.state.store)


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
    return [part for v in values or () for part in re.split(r"[\s,;]+", v) if part]


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
    request: Request,
    code: str,
    k: int = Query(10, ge=1, le=100, description="how many similar municipalities"),
    method: str = Query(DEFAULT_METHOD, description="profile (default), ppr or simrank"),
    weights: str | None = Query(
        None, description="e.g. themes=0.6,networks=0.2,programmes=0.2 (see graph/similarity.py)"
    ),
) -> dict[str, Any]:
    """The k most similar municipalities, each with score and explanation."""
    code = cbs_code(code)

    def compute() -> dict[str, Any]:
        config = SimilarityConfig.parse(weights, SimilarityConfig.from_env())
        return similar(_data(request), code, k=k, method=method, config=config)

    return _answer(compute)


@router.get("/shared-challenges")
def get_shared_challenges(
    request: Request,
    codes: Annotated[
        list[str] | None, Query(description="CBS codes, comma separated or repeated")
    ] = None,
    network: str | None = Query(None, description="add the members of a network, e.g. G40"),
    min_share: float = Query(DEFAULT_MIN_SHARE, gt=0, le=1),
    all: bool = Query(False, description="only themes all of them share"),  # noqa: A002
    quotes: int = Query(3, ge=0, le=20, description="quotes per municipality and theme"),
    broader: bool = Query(False, description="count narrower themes as their broader theme"),
) -> dict[str, Any]:
    """Themes shared by all or most of the municipalities, with evidence quotes."""
    wanted = _codes(codes)
    return _answer(
        lambda: shared_challenges(
            _data(request),
            wanted,
            network=network,
            min_share=1.0 if all else min_share,
            max_quotes=quotes,
            include_broader=broader,
        )
    )


@router.get("/analyses/communities")
def get_communities(
    request: Request,
    seed: int = Query(DEFAULT_SEED, description="Louvain seed (fixed: same store, same answer)"),
    resolution: float = Query(1.0, gt=0, le=10),
) -> dict[str, Any]:
    return _answer(lambda: communities(_data(request), seed=seed, resolution=resolution))


@router.get("/analyses/themes")
def get_themes(request: Request) -> dict[str, Any]:
    """Themes by how many municipalities they connect."""
    return _answer(lambda: theme_centrality(_data(request)))


@router.get("/analyses/timeline")
def get_timeline(
    request: Request,
    network: str | None = Query(None, description="only this network, e.g. G40"),
    theme: str | None = Query(None, description="only this theme (slug, label or URI)"),
    rollup: bool = Query(False, description="count narrower themes in their broader theme"),
) -> dict[str, Any]:
    """Evidence per theme per report year, overall and per network."""
    return _answer(
        lambda: theme_timeline(_data(request), network=network, theme=theme, rollup=rollup)
    )


# ---------------------------------------------------------------------------
# Pictures
# ---------------------------------------------------------------------------


@router.get("/analyses/plots/neighbourhood/{code}.svg", response_class=Response)
def get_neighbourhood_svg(
    request: Request,
    code: str,
    k: int = Query(8, ge=1, le=20),
    method: str = Query(DEFAULT_METHOD),
) -> Response:
    code = cbs_code(code)
    return _svg(_answer(lambda: neighbourhood_svg(_data(request), code, k=k, method=method)))


@router.get("/analyses/plots/heatmap.svg", response_class=Response)
def get_heatmap_svg(
    request: Request,
    codes: Annotated[list[str] | None, Query()] = None,
    themes: Annotated[list[str] | None, Query()] = None,
    network: str | None = None,
    theme: str | None = None,
) -> Response:
    wanted = _codes(codes)
    return _svg(
        _answer(
            lambda: heatmap_svg(
                _data(request),
                codes=wanted or None,
                themes=_split(themes) or None,
                network=network,
                theme=theme,
            )
        )
    )


@router.get("/analyses/plots/timeline.svg", response_class=Response)
def get_timeline_svg(
    request: Request,
    theme: str | None = None,
    network: str | None = None,
    metric: str = Query("share", pattern="^(share|count)$"),
) -> Response:
    return _svg(
        _answer(lambda: timeline_svg(_data(request), theme=theme, network=network, metric=metric))
    )


# ---------------------------------------------------------------------------
# Page sections
# ---------------------------------------------------------------------------


def _section(title: str, body: str, css: str = "analyses") -> str:
    return f'<section class="{css}"><h2>{html.escape(title)}</h2>{body}</section>'


def _figure(svg: str, caption: str) -> str:
    return (
        f'<figure class="analysis-figure" style="max-width:100%;overflow-x:auto;margin:0">'
        f"{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def similar_section(store: GraphStore | AnalysisData, code: str, k: int = 8) -> str:
    """HTML for a municipality page: the neighbourhood picture and the explained list."""
    data = store if isinstance(store, AnalysisData) else analysis_data(store)
    answer = similar(data, code, k=k)
    if answer["confidence"]["level"] == "none":
        # No picture of nothing: most municipalities are never named in the reports.
        note = "Geen uitdagingen van deze gemeente gevonden in de rapporten."
        return _section("Vergelijkbare gemeenten", f"<p>{note}</p>")
    picture = render_neighbourhood(data, answer)
    items = []
    for n in answer["neighbours"]:
        href = "/id/gemeente/" + n["code"].lower()
        thin = " <small>(weinig bewijs)</small>" if n["thin_evidence"] else ""
        items.append(
            f'<li><a href="{href}">{html.escape(n["label"])}</a> '
            f"<span>{n['score']:.2f}</span>{thin}<br><small>"
            f"{html.escape(n['explanation']['summary'])}</small></li>"
        )
    conf = answer["confidence"]
    note = f"<p><small>{html.escape(conf['note_nl'])}</small></p>"
    listing = f"<ol>{''.join(items)}</ol>" if items else ""
    api = f"/api/municipalities/{answer['municipality']['code']}/similar"
    more = f'<p><small><a href="{api}">uitleg als JSON</a></small></p>'
    caption = "De gemeente, de meest vergelijkbare gemeenten en de thema's die ze delen."
    return _section("Vergelijkbare gemeenten", _figure(picture, caption) + note + listing + more)


def _safe(render: Callable[[Request, str], str | None]) -> Callable[[Request, str], str | None]:
    """A page must never fail because of a picture: log and leave the section out."""

    def wrapped(request: Request, uri: str) -> str | None:
        try:
            return render(request, uri)
        except AnalysisError:
            return None
        except Exception:
            log.exception("analysis section for %s failed", uri)
            return None

    wrapped.__name__ = render.__name__
    return wrapped


@_safe
def _municipality_section(request: Request, uri: str) -> str | None:
    if not uri.startswith(GEMEENTE_NS):
        return None
    return similar_section(request.app.state.store, code_of(uri))


@_safe
def _theme_section(request: Request, uri: str) -> str | None:
    data = _data(request)
    parts = []
    overall = theme_timeline(data, theme=uri, rollup=True).get("overall", {}).get("themes", [])
    if overall and overall[0]["total"]:
        caption = (
            "Aandeel van dit thema (met smallere thema's) in de thematische passages per jaar."
        )
        parts.append(_figure(timeline_svg(data, theme=uri), caption))
    if any(uri in themes for themes in data.challenges.values()):
        parts.append(
            _figure(
                heatmap_svg(data, theme=uri),
                "Gemeenten met dit thema en de thema's die daarbij voorkomen.",
            )
        )
    if not parts:
        return None
    return _section("Analyse: aandacht door de jaren en gemeenten", "".join(parts))


@_safe
def _network_section(request: Request, uri: str) -> str | None:
    data = _data(request)
    network = data.resolve_network(uri)
    if not data.members(network):
        return None
    parts = [
        _figure(
            heatmap_svg(data, network=network),
            "Leden × thema's: hoe meer onafhankelijk bewijs, hoe donkerder.",
        ),
        _figure(
            timeline_svg(data, network=network),
            "De thema's met het meeste bewijs over leden van dit netwerk, per rapportjaar.",
        ),
    ]
    return _section("Analyse: gedeelde uitdagingen van de leden", "".join(parts))


def install(app: FastAPI) -> None:
    """Register the analyses' sections on the municipality, theme and network pages."""
    pages.register_section("municipality", _municipality_section)
    pages.register_section("theme", _theme_section)
    pages.register_section("network", _network_section)
