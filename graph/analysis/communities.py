"""Communities of municipalities by shared challenges, and the themes that connect the most.

Communities: Louvain (networkx, fixed seed) on the municipality–municipality
graph whose edge weights are the IDF-weighted cosine of their theme profiles
(`similarity.profiles`): only challenges count here, not networks or programmes.
Nodes and edges are added in code order so that the seed alone fixes the result.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from gemeentegraaf.analysis.graphs import (
    AnalysisData,
    as_data,
    municipality_theme_graph,
    theme_hierarchy,
)
from gemeentegraaf.analysis.similarity import SimilarityConfig, profiles
from gemeentegraaf.store.oxigraph import GraphStore

DEFAULT_SEED = 42
MIN_EDGE = 0.01  # weaker links are noise from very broad themes


def similarity_graph(data: AnalysisData, decay: float) -> nx.Graph:
    def build() -> nx.Graph:
        space = profiles(data, decay).themes
        graph = nx.Graph()
        codes = sorted(space.vectors)
        graph.add_nodes_from(codes)
        for a in codes:
            for b, cos in sorted(space.cosines(a).items()):
                if a < b and cos >= MIN_EDGE:
                    graph.add_edge(a, b, weight=cos)
        return graph

    return data.cached(("similarity-graph", decay), build)


def communities(
    source: GraphStore | AnalysisData,
    seed: int = DEFAULT_SEED,
    resolution: float = 1.0,
    config: SimilarityConfig | None = None,
) -> dict[str, Any]:
    data = as_data(source)
    config = config or SimilarityConfig.from_env()
    key = ("communities", seed, resolution, config.hierarchy_decay)
    return data.cached(key, lambda: _communities(data, seed, resolution, config.hierarchy_decay))


def _communities(data: AnalysisData, seed: int, resolution: float, decay: float) -> dict[str, Any]:
    graph = similarity_graph(data, decay)
    connected = graph.subgraph(n for n in graph if graph.degree(n) > 0)
    found: list[set[str]] = []
    modularity = None
    if connected.number_of_edges():
        found = nx.community.louvain_communities(
            connected, weight="weight", resolution=resolution, seed=seed
        )
        modularity = nx.community.modularity(connected, found, weight="weight")
    found = sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))
    idf = profiles(data, 0.0).themes.idf
    result = []
    for number, members in enumerate(found, start=1):
        counts: dict[str, int] = {}
        for code in members:
            for theme in data.challenges.get(code, {}):
                counts[theme] = counts.get(theme, 0) + 1
        top = sorted(counts, key=lambda t: (-counts[t] * idf.get(t, 0.0), data.label(t)))[:6]
        result.append(
            {
                "id": number,
                "size": len(members),
                "members": [data.municipality_json(c) for c in sorted(members)],
                "themes": [
                    {
                        "theme": t,
                        "label": data.label(t),
                        "members": counts[t],
                        "share": round(counts[t] / len(members), 3),
                    }
                    for t in top
                ],
            }
        )
    isolated = sorted(n for n in graph if graph.degree(n) == 0)
    return {
        "method": "louvain",
        "seed": seed,
        "resolution": resolution,
        "edge_weight": "IDF-weighted cosine of theme profiles",
        "modularity": round(modularity, 6) if modularity is not None else None,
        "communities": result,
        "isolated": [data.municipality_json(c) for c in isolated],
        "municipalities_with_evidence": len(data.evidenced()),
    }


def theme_centrality(source: GraphStore | AnalysisData) -> dict[str, Any]:
    """Per theme: how many municipalities it connects, its evidence, and its betweenness."""
    data = as_data(source)
    return data.cached("theme-centrality", lambda: _theme_centrality(data))


def _theme_centrality(data: AnalysisData) -> dict[str, Any]:
    graph = municipality_theme_graph(data)
    hierarchy = theme_hierarchy(data)
    between = nx.betweenness_centrality(graph, normalized=True) if graph.number_of_nodes() else {}
    rows = []
    for theme in sorted(n for n in graph if graph.nodes[n]["kind"] == "thema"):
        edges = [graph.edges[theme, m] for m in graph[theme]]
        units = {
            e.unit for m in graph[theme] for e in data.challenges[graph.nodes[m]["code"]][theme]
        }
        degree = len(edges)
        rows.append(
            {
                "theme": theme,
                "label": data.label(theme),
                "municipalities": degree,
                "pairs": degree * (degree - 1) // 2,
                "passages": len(units),
                "documents": len({u[0] for u in units if u[0]}),
                "evidence_weight": round(sum(e["weight"] for e in edges), 6),
                "betweenness": round(between.get(theme, 0.0), 6),
                "broader": [
                    {"theme": b, "label": data.label(b)}
                    for b in sorted(hierarchy.successors(theme))
                ]
                if theme in hierarchy
                else [],
            }
        )
    rows.sort(key=lambda r: (-r["municipalities"], -r["passages"], r["label"].lower()))
    return {
        "themes": rows,
        "municipalities_with_evidence": len(data.evidenced()),
        "note": "municipalities = how many municipalities have non-negated evidence for the "
        "theme; pairs = how many pairs of municipalities it connects; betweenness in the "
        "municipality–theme graph",
    }
