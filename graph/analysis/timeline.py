"""Themes over time: how much evidence each report year gives each theme, overall and per network.

Counted are distinct passages of non-negated assertions of any kind that carry a
theme (challenges, trends, opgaven, knelpunten, ...; not role mentions), grouped
by the year the document was issued. Per network, an assertion counts when it
is about the network itself or about one of its member municipalities. Shares
divide by all themed passages of that year in the same scope, so that a long
report does not look like a surge of attention.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from gemeentegraaf.analysis.graphs import (
    AnalysisData,
    ThemeMention,
    as_data,
    municipality_uri,
    narrower_or_self,
)
from gemeentegraaf.store.oxigraph import GraphStore


def _series(
    data: AnalysisData,
    mentions: list[ThemeMention],
    years: list[int],
    themes: list[str] | None,
    rollup: bool,
) -> dict[str, Any]:
    units: dict[str, dict[int, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    totals: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for m in mentions:
        if m.year is None:
            continue
        totals[m.year].add(m.unit)
        units[m.theme][m.year].add(m.unit)
    wanted = themes if themes is not None else sorted(units)
    rows = []
    for theme in wanted:
        members = narrower_or_self(data, theme) if rollup else {theme}
        per_year = {y: set().union(*(units[t][y] for t in members)) for y in years}
        counts = [len(per_year[y]) for y in years]
        if themes is None and not any(counts):
            continue
        rows.append(
            {
                "theme": theme,
                "label": data.label(theme),
                "counts": counts,
                "shares": [
                    round(c / len(totals[y]), 4) if totals[y] else 0.0
                    for c, y in zip(counts, years, strict=True)
                ],
                "total": sum(counts),
            }
        )
    rows.sort(key=lambda r: (-r["total"], r["label"].lower()))
    return {"totals": [len(totals[y]) for y in years], "themes": rows}


def theme_timeline(
    source: GraphStore | AnalysisData,
    network: str | None = None,
    theme: str | None = None,
    rollup: bool = False,
) -> dict[str, Any]:
    """Evidence per theme per report year, overall and for each network (or the one asked)."""
    data = as_data(source)
    # An empty network (`network=` in a URL) is no network: every one, and the overall row.
    network = network or None
    themes = [data.resolve_theme(theme)] if theme else None
    networks = [data.resolve_network(network)] if network else data.all_networks()
    key = ("timeline", tuple(networks), tuple(themes or ()), rollup, network is None)
    return data.cached(key, lambda: _timeline(data, networks, themes, rollup, network is None))


def _timeline(
    data: AnalysisData,
    networks: list[str],
    themes: list[str] | None,
    rollup: bool,
    overall: bool,
) -> dict[str, Any]:
    # Every report year, also one whose report gives no theme any evidence.
    years = sorted(
        {m.year for m in data.mentions if m.year is not None}
        | {y for y in data.documents.values() if y is not None}
    )
    documents = [
        {"document": doc, "year": year}
        for doc, year in sorted(data.documents.items(), key=lambda kv: (kv[1] or 0, kv[0]))
        if year is not None
    ]
    result: dict[str, Any] = {
        "years": years,
        "documents": documents,
        "unit": "distinct passages of non-negated themed assertions",
        "rollup": rollup,
    }
    if overall:
        result["overall"] = _series(data, data.mentions, years, themes, rollup)
    per_network = {}
    for net in networks:
        scope = {net} | {municipality_uri(c) for c in data.members(net)}
        mentions = [m for m in data.mentions if m.subjects & scope]
        per_network[data.network_name(net)] = {
            "network": net,
            **_series(data, mentions, years, themes, rollup),
        }
    result["networks"] = per_network
    return result
