"""Which challenges a set of municipalities share, each with the evidence per municipality.

A municipality has a theme when a non-negated gg:Uitdaging says so (with
`include_broader`, also when it has a narrower theme of it). Themes are listed
when all, or at least `min_share` of the municipalities have them (at least
two), most widely shared first, then the rarer theme first (a theme few
municipalities in the whole graph have says more), then by label. Every
municipality under a theme comes with quotes from the passages that say so;
municipalities whose text says they do not address the theme are listed as
negated, with the quote, and never count as sharing it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from gemeentegraaf.analysis.graphs import (
    AnalysisData,
    AnalysisError,
    Evidence,
    as_data,
    evidence_weight,
    narrower_or_self,
)
from gemeentegraaf.analysis.similarity import profiles
from gemeentegraaf.store.oxigraph import GraphStore

DEFAULT_MIN_SHARE = 0.5
MAX_MUNICIPALITIES = 200


def resolve_codes(
    data: AnalysisData, codes: Iterable[str] = (), network: str | None = None
) -> list[str]:
    """CBS codes (any case, with or without GM) and/or a network's members, sorted."""
    resolved = {data.resolve_code(c) for c in codes if c and c.strip()}
    if network:
        resolved |= set(data.members(data.resolve_network(network)))
    if len(resolved) > MAX_MUNICIPALITIES:
        raise AnalysisError(f"at most {MAX_MUNICIPALITIES} municipalities at once")
    return sorted(resolved)


def themes_of(data: AnalysisData, code: str, include_broader: bool) -> dict[str, list[Evidence]]:
    """Theme → evidence; with include_broader a broader theme gets its narrower themes' evidence."""
    direct = data.challenges.get(code, {})
    if not include_broader:
        return direct
    result: dict[str, list[Evidence]] = {}
    for theme in sorted(data.all_themes()):
        evs = [e for t in sorted(narrower_or_self(data, theme)) for e in direct.get(t, ())]
        if evs:
            result[theme] = evs
    return result


def _evidence_json(evs: list[Evidence], max_quotes: int) -> dict[str, Any]:
    units = {e.unit for e in evs}
    seen: set[tuple[str, str]] = set()
    quotes = []
    for ev in evs:  # already sorted by year, document, passage
        if ev.unit in seen:
            continue
        seen.add(ev.unit)
        if len(quotes) < max_quotes:
            quotes.append(ev.as_json())
    return {
        "passages": len(units),
        "documents": len({u[0] for u in units if u[0]}),
        "weight": round(evidence_weight(evs), 6),
        "quotes": quotes,
    }


def shared_challenges(
    source: GraphStore | AnalysisData,
    codes: Iterable[str] = (),
    network: str | None = None,
    min_share: float | None = DEFAULT_MIN_SHARE,
    max_quotes: int = 3,
    include_broader: bool = False,
) -> dict[str, Any]:
    """Themes shared by all or most of the municipalities, with evidence, and a pairwise matrix."""
    data = as_data(source)
    members = resolve_codes(data, codes, network)
    if len(members) < 2:
        raise AnalysisError("name at least two municipalities (codes=GM0363,GM0599) or a network")
    share = 1.0 if min_share is None else min_share
    if not 0 < share <= 1:
        raise AnalysisError("min_share must lie in (0, 1]")
    if max_quotes < 0:
        raise AnalysisError("quotes must be >= 0")
    needed = max(2, math.ceil(share * len(members) - 1e-9))

    per_code = {code: themes_of(data, code, include_broader) for code in members}
    idf = profiles(data, 0.0).themes.idf
    found: dict[str, list[str]] = {}
    for code in members:
        for theme in per_code[code]:
            found.setdefault(theme, []).append(code)

    themes = []
    for theme, having in found.items():
        if len(having) < needed:
            continue
        negated = {
            code: data.negated[code][theme]
            for code in members
            if theme in data.negated.get(code, {}) and code not in having
        }
        themes.append(
            {
                "theme": theme,
                "label": data.label(theme),
                "count": len(having),
                "shared_by_all": len(having) == len(members),
                "idf": round(idf.get(theme, 0.0), 6),
                "municipalities": {
                    code: {
                        "label": data.municipality_json(code)["label"],
                        **_evidence_json(per_code[code][theme], max_quotes),
                    }
                    for code in having
                },
                "missing": [c for c in members if c not in having and c not in negated],
                "negated": {
                    code: _evidence_json(evs, max_quotes) for code, evs in sorted(negated.items())
                },
            }
        )
    themes.sort(key=lambda t: (-t["count"], -t["idf"], t["label"].lower(), t["theme"]))

    return {
        "municipalities": [
            {
                **data.municipality_json(code),
                "themes": len(per_code[code]),
                "evidence_passages": len(data.evidence_units(code)),
            }
            for code in members
        ],
        "network": data.resolve_network(network) if network else None,
        "min_share": share,
        "min_count": needed,
        "include_broader": include_broader,
        "themes": themes,
        "pairwise": pairwise(data, members, per_code),
    }


def pairwise(
    data: AnalysisData, members: list[str], per_code: dict[str, dict[str, list[Evidence]]]
) -> dict[str, Any]:
    """Number of shared themes for every pair (the diagonal: the municipality's own themes)."""
    matrix = []
    shared: dict[str, list[str]] = {}
    for a in members:
        row = []
        for b in members:
            common = sorted(set(per_code[a]) & set(per_code[b]), key=data.label)
            row.append(len(common))
            if a < b and common:
                shared[f"{a}|{b}"] = [data.label(t) for t in common]
        matrix.append(row)
    return {"codes": members, "matrix": matrix, "shared_themes": shared}
