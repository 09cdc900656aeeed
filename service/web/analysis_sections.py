"""Sections with the analyses' pictures on the municipality, theme and network pages.

Municipality: the neighbourhood picture and the explained list of similar
municipalities; theme: timeline and heatmap; network: heatmap and timeline.
`install()` registers them with gemeentegraaf.service.web.pages.register_section.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from gemeentegraaf.analysis.graphs import (
    GEMEENTE_NS,
    AnalysisData,
    AnalysisError,
    analysis_data,
    code_of,
)
from gemeentegraaf.analysis.plots import (
    heatmap_svg,
    render_neighbourhood,
    timeline_svg,
)
from gemeentegraaf.analysis.similarity import SHOWN_NEIGHBOURS, similar
from gemeentegraaf.analysis.timeline import theme_timeline
from gemeentegraaf.service.web import pages
from gemeentegraaf.store.oxigraph import GraphStore

log = logging.getLogger("gemeentegraaf.analyses")


def _section(title: str, body: str, css: str = "analyses") -> str:
    return f'<section class="{css}"><h2>{html.escape(title)}</h2>{body}</section>'


def _figure(svg: str, caption: str) -> str:
    return (
        f'<figure class="analysis-figure" style="max-width:100%;overflow-x:auto;margin:0">'
        f"{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def similar_section(store: GraphStore | AnalysisData, code: str, k: int = SHOWN_NEIGHBOURS) -> str:
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


def _safe(
    render: Callable[[GraphStore, str], str | None],
) -> Callable[[GraphStore, str], str | None]:
    """A page must never fail because of a picture: log and leave the section out."""

    def wrapped(store: GraphStore, uri: str) -> str | None:
        try:
            return render(store, uri)
        except AnalysisError:
            return None
        except Exception:
            log.exception("analysis section for %s failed", uri)
            return None

    wrapped.__name__ = render.__name__
    return wrapped


@_safe
def _municipality_section(store: GraphStore, uri: str) -> str | None:
    if not uri.startswith(GEMEENTE_NS):
        return None
    return similar_section(store, code_of(uri))


@_safe
def _theme_section(store: GraphStore, uri: str) -> str | None:
    data = analysis_data(store)
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
def _network_section(store: GraphStore, uri: str) -> str | None:
    data = analysis_data(store)
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


def install() -> None:
    """Register the analyses' sections on the municipality, theme and network pages."""
    pages.register_section("municipality", _municipality_section)
    pages.register_section("theme", _theme_section)
    pages.register_section("network", _network_section)
