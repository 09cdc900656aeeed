"""Who is like whom, and why: similar municipalities with a score and an explanation.

Methods (`method=`):

- ``profile`` (default): a weighted blend, every part between 0 and 1::

      score(a, b) = f(a, b) × (0.55 × cos_themes + 0.20 × together + 0.10 × cos_networks
                               + 0.15 × cos_programmes + 0.00 × same_province)

  * cos_themes: cosine of the theme profiles. A profile holds, per theme, the
    independent evidence for it (`analysis_graphs.evidence_weight`: documents,
    and passages within them with diminishing returns); a theme also lends
    ``hierarchy_decay``^d (0.5^d) of its weight to each broader theme d steps up
    (skos:broader), so "krimp" and "vergrijzing" meet in "demografie". Each
    theme is then multiplied by idf = ln((N + 1) / df), N the municipalities
    with evidence and df those with the theme: a theme nearly everyone shares
    counts for little, a rare one for a lot;
  * together: how often the reports name the two in the same passage under the
    same theme, 1 − e^(−Σ 1/(n − 1)) over those passages, n the municipalities
    the passage names: "Sittard-Geleen, Heerlen en Emmen" three times says more
    than one list of forty cities;
  * cos_networks, cos_programmes: IDF-weighted cosine of memberships (sharing the
    G4 says more than sharing the G40); same_province: 1 or 0 (off by default);
  * f(a, b) = m / (m + evidence_prior), m the smaller number of independent
    passages behind the two municipalities' challenges: thin evidence shrinks
    the score.

  Every part is a sum over shared features (themes, passages, networks,
  programmes), so the score splits exactly into contributions per feature:
  that is the explanation.
- ``ppr``: personalised PageRank from the municipality on the heterogeneous graph
  (municipalities, themes, networks, programmes, theme hierarchy; edges weighted
  by evidence × group weight), made symmetric by dividing by weighted degree and
  scaled by the municipality's own value; times f(a, b).
- ``simrank``: SimRank on the same graph (unweighted), times f(a, b).

For the structural methods the explanation splits the score over the shared
nodes in proportion to the random-walk paths that run through them (length 2,
or 3–4 through the theme hierarchy).

Always: a candidate must share at least one theme (directly or through the
hierarchy) — networks and programmes alone never make two municipalities
similar, and role mentions such as funders are never read. A municipality
without challenge evidence gets no neighbours; one with fewer than
``min_evidence`` passages gets a low-confidence flag and at most
``low_confidence_k`` neighbours. Scores are rounded to 6 decimals and ties are
broken by CBS code, so the same store always gives the same answer.

Weights and thresholds are configurable: `SimilarityConfig(...)`,
`SimilarityConfig.parse("themes=0.6,networks=0.05")` (also the `weights=` API
parameter and the CLI's --weights), or the environment variable
GEMEENTEGRAAF_SIMILARITY_WEIGHTS with the same syntax. Group weights that sum
to more than 1 are divided by their sum, so scores always lie in [0, 1].
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from typing import Any

import networkx as nx
from gemeentegraaf.analysis.graphs import (
    AnalysisData,
    AnalysisError,
    ancestors,
    as_data,
    heterogeneous_graph,
    municipality_uri,
)
from gemeentegraaf.common.namespaces import GG, ID
from gemeentegraaf.store.oxigraph import GraphStore
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

METHODS: dict[str, str] = {
    "profile": "IDF-weighted cosine of theme profiles over the theme hierarchy, "
    "blended with shared networks and programmes",
    "ppr": "personalised PageRank on the municipality–theme–network–programme graph",
    "simrank": "SimRank on the municipality–theme–network–programme graph",
}
ALIASES = {"cosine": "profile", "idf-cosine": "profile", "pagerank": "ppr"}
DEFAULT_METHOD = "profile"
# How many neighbours a municipality page shows; its linked data (…/graph/analyses)
# lists the same ones, so that the page and its Turtle agree.
SHOWN_NEIGHBOURS = 8
METHOD_VERSION = "1"
ENV_WEIGHTS = "GEMEENTEGRAAF_SIMILARITY_WEIGHTS"
DIGITS = 6

GROUPS = ("themes", "together", "networks", "programmes", "province")
SPACES = ("themes", "networks", "programmes", "province")  # the IDF-weighted cosine groups


# Weights are relative; a huge sum would only lose precision when normalised.
MAX_WEIGHT_SUM = 1000.0


# The most a personalised PageRank's damping may be: above it the walk hardly returns to
# its start, settles in thousands of steps or not at all, and scores every neighbour alike
# (0.999999999 gave 0.888889 to all; 0.999 did not settle in 10,000 steps).
MAX_PPR_ALPHA = 0.99


@dataclass(frozen=True)
class SimilarityConfig:
    """Weights and thresholds; every number here is documented in the module docstring."""

    themes: float = 0.55
    together: float = 0.2
    networks: float = 0.1
    programmes: float = 0.15
    province: float = 0.0
    hierarchy_decay: float = 0.5
    evidence_prior: float = 1.0
    min_evidence: int = 3
    low_confidence_k: int = 3
    min_score: float = 0.01
    ppr_alpha: float = 0.85
    simrank_importance: float = 0.8

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or value < 0 or not math.isfinite(value):
                raise AnalysisError(f"similarity setting {f.name} must be a finite number >= 0")
        if sum(getattr(self, g) for g in GROUPS) > MAX_WEIGHT_SUM:
            raise AnalysisError(f"the group weights may add up to {MAX_WEIGHT_SUM:g} at most")
        if self.themes <= 0:
            raise AnalysisError("the theme weight must be > 0: similarity rests on shared themes")
        if not 0 < self.simrank_importance < 1:
            raise AnalysisError("simrank_importance must lie between 0 and 1")
        if not 0 < self.ppr_alpha <= MAX_PPR_ALPHA:
            # closer to 1 the walk hardly returns to the municipality: it settles slowly
            # or not at all, and every neighbour scores alike
            raise AnalysisError(f"ppr_alpha must lie above 0 and at most {MAX_PPR_ALPHA}")
        if self.hierarchy_decay >= 1:
            raise AnalysisError("hierarchy_decay must be < 1")

    @property
    def weights(self) -> dict[str, float]:
        """The group weights, divided by their sum when it exceeds 1 (scores stay <= 1)."""
        raw = {g: getattr(self, g) for g in GROUPS}
        total = sum(raw.values())
        return {g: w / total for g, w in raw.items()} if total > 1 else raw

    @classmethod
    def parse(cls, text: str | None, base: SimilarityConfig | None = None) -> SimilarityConfig:
        """`"themes=0.6,networks=0.2,programmes=0.2"` → a config (other settings kept)."""
        config = base or cls()
        if not text:
            return config
        names = {f.name: f.type for f in fields(cls)}
        changes: dict[str, Any] = {}
        for part in text.split(","):
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in names:
                known = ", ".join(names)
                raise AnalysisError(f"bad similarity setting {part.strip()!r}; known: {known}")
            try:
                number = float(value)
            except ValueError:
                raise AnalysisError(f"similarity setting {name} needs a number") from None
            if not math.isfinite(number):
                raise AnalysisError(f"similarity setting {name} needs a finite number")
            changes[name] = int(number) if names[name] in ("int", int) else number
        return replace(config, **changes)

    @classmethod
    def from_env(cls) -> SimilarityConfig:
        return cls.parse(os.environ.get(ENV_WEIGHTS))


def normalise_method(method: str | None) -> str:
    name = (method or DEFAULT_METHOD).strip().lower()
    name = ALIASES.get(name, name)
    if name not in METHODS:
        raise AnalysisError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    return name


# ---------------------------------------------------------------------------
# Feature spaces: IDF-weighted vectors with an inverted index
# ---------------------------------------------------------------------------


@dataclass
class Space:
    vectors: dict[str, dict[str, float]]  # code → feature → tf × idf
    norms: dict[str, float]
    idf: dict[str, float]
    index: dict[str, list[tuple[str, float]]]  # feature → [(code, value)]

    def contributions(self, a: str, b: str) -> dict[str, float]:
        """Per shared feature, its part of cos(a, b); the parts sum to the cosine."""
        va, vb = self.vectors.get(a), self.vectors.get(b)
        if not va or not vb:
            return {}
        denom = self.norms[a] * self.norms[b]
        return {f: va[f] * vb[f] / denom for f in sorted(va) if f in vb}

    def cosines(self, a: str) -> dict[str, float]:
        """cos(a, x) for every x sharing a feature with a."""
        va = self.vectors.get(a)
        if not va:
            return {}
        dots: dict[str, float] = defaultdict(float)
        for f in sorted(va):
            for code, value in self.index[f]:
                if code != a:
                    dots[code] += va[f] * value
        return {c: d / (self.norms[a] * self.norms[c]) for c, d in dots.items()}


def _space(tf: dict[str, dict[str, float]]) -> Space:
    n = len(tf)
    df: dict[str, int] = defaultdict(int)
    for feats in tf.values():
        for f in feats:
            df[f] += 1
    idf = {f: math.log((n + 1) / d) for f, d in df.items()}
    vectors = {
        code: {f: w * idf[f] for f, w in sorted(feats.items()) if w * idf[f] > 0}
        for code, feats in sorted(tf.items())
    }
    vectors = {c: v for c, v in vectors.items() if v}
    norms = {c: math.sqrt(sum(x * x for x in v.values())) for c, v in vectors.items()}
    index: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for code, v in vectors.items():
        for f, x in v.items():
            index[f].append((code, x))
    return Space(vectors, norms, idf, dict(index))


@dataclass
class Profiles:
    themes: Space
    networks: Space
    programmes: Space
    province: Space
    via: dict[str, dict[str, set[str]]]  # code → broader theme → the direct themes it came from

    def space(self, group: str) -> Space:
        return getattr(self, group)


def profiles(data: AnalysisData, decay: float) -> Profiles:
    def build() -> Profiles:
        tf: dict[str, dict[str, float]] = {}
        via: dict[str, dict[str, set[str]]] = {}
        for code in data.evidenced():
            feats: dict[str, float] = {}
            origin: dict[str, set[str]] = defaultdict(set)
            for theme in sorted(data.challenges[code]):
                w = data.edge_weight(code, theme)
                feats[theme] = max(feats.get(theme, 0.0), w)
                for parent, dist in sorted(ancestors(data, theme).items()):
                    if decay > 0:
                        feats[parent] = max(feats.get(parent, 0.0), w * decay**dist)
                        origin[parent].add(theme)
            tf[code] = feats
            via[code] = dict(origin)
        return Profiles(
            themes=_space(tf),
            networks=_space({c: dict.fromkeys(n, 1.0) for c, n in data.networks.items() if n}),
            programmes=_space({c: dict.fromkeys(p, 1.0) for c, p in data.programmes.items() if p}),
            province=_space({c: {p: 1.0} for c, p in data.provinces.items()}),
            via=via,
        )

    return data.cached(("profiles", decay), build)


@dataclass
class CoMentions:
    """Which municipalities one passage names under the same theme."""

    named: dict[tuple[tuple[str, str], str], frozenset[str]]  # (unit, theme) → codes
    of: dict[str, list[tuple[tuple[str, str], str]]]  # code → its (unit, theme) pairs
    memo: dict[str, dict[str, dict[tuple[tuple[str, str], str], float]]] = field(
        default_factory=dict
    )

    def weights(self, a: str) -> dict[str, dict[tuple[tuple[str, str], str], float]]:
        """For every b named together with a: (unit, theme) → 1 / (others named there).

        A passage naming just a and b says they share the challenge (weight 1);
        one listing forty cities says little about any two of them.
        """
        if a not in self.memo:
            result: dict[str, dict[tuple[tuple[str, str], str], float]] = defaultdict(dict)
            for key in self.of.get(a, ()):
                codes = self.named[key]
                for b in sorted(codes):
                    if b != a:
                        result[b][key] = 1.0 / (len(codes) - 1)
            self.memo[a] = dict(result)
        return self.memo[a]


def co_mentions(data: AnalysisData) -> CoMentions:
    def build() -> CoMentions:
        named: dict[tuple[tuple[str, str], str], set[str]] = defaultdict(set)
        for code in data.evidenced():
            for theme, evs in data.challenges[code].items():
                for ev in evs:
                    named[(ev.unit, theme)].add(code)
        of: dict[str, list[tuple[tuple[str, str], str]]] = defaultdict(list)
        for key in sorted(named):
            for code in named[key]:
                of[code].append(key)
        return CoMentions({k: frozenset(v) for k, v in named.items()}, dict(of))

    return data.cached("co-mentions", build)


def together(weights: dict[tuple[tuple[str, str], str], float]) -> float:
    """1 − e^(−Σ w): named together once alone ≈ 0.63, three times in threes ≈ 0.78."""
    return 1.0 - math.exp(-sum(weights[k] for k in sorted(weights)))


# ---------------------------------------------------------------------------
# Confidence
# ---------------------------------------------------------------------------


def confidence(data: AnalysisData, code: str, config: SimilarityConfig) -> dict[str, Any]:
    units = data.evidence_units(code)
    docs = {u[0] for u in units if u[0]}
    themes = len(data.challenges.get(code, {}))
    n = len(units)
    if n == 0:
        level = "none"
        note = "no challenge evidence for this municipality: no similar municipalities"
        note_nl = "geen bewijs over uitdagingen van deze gemeente: geen vergelijkbare gemeenten"
    elif n < config.min_evidence:
        level = "low"
        note = (
            f"only {n} passage(s) of evidence: at most {config.low_confidence_k} neighbours, "
            "read them as hints"
        )
        note_nl = f"slechts {n} passage(s) als bewijs: hooguit {config.low_confidence_k} buren"
    elif len(docs) < 2 or n < 2 * config.min_evidence:
        level = "medium"
        note = f"{n} passages from {len(docs)} report(s)"
        note_nl = f"{n} passages uit {len(docs)} rapport(en)"
    else:
        level = "high"
        note = f"{n} passages from {len(docs)} reports"
        note_nl = f"{n} passages uit {len(docs)} rapporten"
    return {
        "level": level,
        "low": level in ("none", "low"),
        "evidence_passages": n,
        "documents": len(docs),
        "themes": themes,
        "note": note,
        "note_nl": note_nl,
    }


def evidence_factor(data: AnalysisData, a: str, b: str, prior: float) -> float:
    m = min(len(data.evidence_units(a)), len(data.evidence_units(b)))
    return m / (m + prior) if m + prior > 0 else 0.0


# ---------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------


def _quote(data: AnalysisData, code: str, themes: list[str]) -> dict[str, Any] | None:
    for theme in themes:
        evs = data.challenges.get(code, {}).get(theme)
        if evs:
            first = next((e for e in evs if e.quote), evs[0])
            return {"theme": theme, **first.as_json()}
    return None


def _theme_item(
    data: AnalysisData, prof: Profiles, a: str, b: str, theme: str, contribution: float
) -> dict[str, Any]:
    sides: dict[str, dict[str, Any]] = {}
    for code in (a, b):
        direct = theme in data.challenges.get(code, {})
        through = sorted(prof.via.get(code, {}).get(theme, ()))
        origin = [theme] if direct else through
        sides[code] = {
            "direct": direct,
            "via": [] if direct else [{"theme": t, "label": data.label(t)} for t in through],
            "passages": len({e.unit for t in origin for e in data.challenges[code].get(t, ())}),
            "quote": _quote(data, code, origin),
        }
    return {
        "theme": theme,
        "label": data.label(theme),
        "contribution": round(contribution, DIGITS),
        "idf": round(prof.themes.idf.get(theme, 0.0), DIGITS),
        "shared_directly": all(s["direct"] for s in sides.values()),
        "municipalities": sides,
    }


def _together_item(
    data: AnalysisData, a: str, b: str, theme: str, contribution: float
) -> dict[str, Any]:
    """The passages that name both municipalities under one theme, with their quotes."""
    named = co_mentions(data).weights(a).get(b, {})
    passages = []
    for unit, t in sorted(named):
        if t != theme:
            continue
        ev = next(e for e in data.challenges[a][theme] if e.unit == unit)
        passages.append(
            {**ev.as_json(), "municipalities_named": len(co_mentions(data).named[(unit, t)])}
        )
    return {
        "theme": theme,
        "label": data.label(theme),
        "contribution": round(contribution, DIGITS),
        "passages": passages,
    }


def _summary(items: dict[str, list[dict[str, Any]]], score: float, lang: str) -> str:
    if score <= 0:
        return ""
    heads = {
        "nl": {
            "themes": "gedeelde thema's",
            "together": "samen genoemd bij",
            "networks": "netwerken",
            "programmes": "programma's",
            "province": "provincie",
        },
        "en": {
            "themes": "shared themes",
            "together": "named together on",
            "networks": "networks",
            "programmes": "programmes",
            "province": "province",
        },
    }[lang]
    parts = []
    for group in GROUPS:
        entries = [e for e in items.get(group, []) if e["contribution"] > 0][:5]
        if entries:
            listed = ", ".join(
                f"{e['label']} ({round(100 * e['contribution'] / score)}%)" for e in entries
            )
            parts.append(f"{heads[group]}: {listed}")
    return "; ".join(parts)


def _explanation(
    data: AnalysisData,
    prof: Profiles,
    a: str,
    b: str,
    parts: dict[str, dict[str, float]],
    score: float,
    basis: str,
) -> dict[str, Any]:
    """Turn per-feature contributions (already scaled to sum to the score) into JSON."""
    items: dict[str, list[dict[str, Any]]] = {}

    def order(kv: tuple[str, float]) -> tuple[float, str]:
        return (-round(kv[1], DIGITS), kv[0])

    items["themes"] = [
        _theme_item(data, prof, a, b, t, c)
        for t, c in sorted(parts.get("themes", {}).items(), key=order)
        if c > 0
    ]
    items["together"] = [
        _together_item(data, a, b, t, c)
        for t, c in sorted(parts.get("together", {}).items(), key=order)
        if c > 0
    ]
    items["networks"] = [
        {"network": n, "label": data.network_name(n), "contribution": round(c, DIGITS)}
        for n, c in sorted(parts.get("networks", {}).items(), key=order)
        if c > 0
    ]
    items["programmes"] = [
        {"programme": p, "label": data.label(p), "contribution": round(c, DIGITS)}
        for p, c in sorted(parts.get("programmes", {}).items(), key=order)
        if c > 0
    ]
    items["province"] = [
        {"province": p, "label": data.label(p), "contribution": round(c, DIGITS)}
        for p, c in sorted(parts.get("province", {}).items(), key=order)
        if c > 0
    ]
    totals = {g: round(sum(parts.get(g, {}).values()), DIGITS) for g in GROUPS}
    return {
        "basis": basis,
        "by_group": totals,
        **items,
        "summary": _summary(items, score, "nl"),
        "summary_en": _summary(items, score, "en"),
    }


# ---------------------------------------------------------------------------
# Methods
# ---------------------------------------------------------------------------


def _profile_scores(data: AnalysisData, code: str, config: SimilarityConfig) -> dict[str, float]:
    prof = profiles(data, config.hierarchy_decay)
    theme_cos = prof.themes.cosines(code)
    weights = config.weights
    others = {g: prof.space(g).cosines(code) for g in SPACES if weights[g] > 0}
    named = co_mentions(data).weights(code) if weights["together"] > 0 else {}
    scores = {}
    for other in sorted(theme_cos):
        if theme_cos[other] <= 0:
            continue
        blend = sum(weights[g] * cos.get(other, 0.0) for g, cos in sorted(others.items()))
        if other in named:
            blend += weights["together"] * together(named[other])
        scores[other] = evidence_factor(data, code, other, config.evidence_prior) * blend
    return scores


def _profile_parts(
    data: AnalysisData, a: str, b: str, config: SimilarityConfig
) -> dict[str, dict[str, float]]:
    prof = profiles(data, config.hierarchy_decay)
    factor = evidence_factor(data, a, b, config.evidence_prior)
    weights = config.weights
    parts: dict[str, dict[str, float]] = {}
    for group in SPACES:
        if weights[group] > 0:
            contrib = prof.space(group).contributions(a, b)
            parts[group] = {f: factor * weights[group] * c for f, c in contrib.items()}
    named = co_mentions(data).weights(a).get(b, {}) if weights["together"] > 0 else {}
    if named:
        # Split the co-mention score over the passages in proportion to their weight.
        total, value = sum(named.values()), factor * weights["together"] * together(named)
        per_theme: dict[str, float] = defaultdict(float)
        for (_, theme), w in sorted(named.items()):
            per_theme[theme] += value * w / total
        parts["together"] = dict(per_theme)
    return parts


def _kind_group(kind: str | None) -> str | None:
    return {"thema": "themes", "netwerk": "networks", "programma": "programmes"}.get(kind or "")


@dataclass
class _Walk:
    """Transition probabilities of a random walk on the structural graph, computed once."""

    graph: nx.Graph
    weighted: bool
    steps: dict[str, dict[str, float]] = field(default_factory=dict)
    theme_steps: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def step(self, u: str) -> dict[str, float]:
        if u not in self.steps:
            nbrs = self.graph[u]
            if self.weighted:
                total = sum(d.get("weight", 1.0) for d in nbrs.values())
                self.steps[u] = {v: d.get("weight", 1.0) / total for v, d in nbrs.items()}
            else:
                self.steps[u] = {v: 1.0 / len(nbrs) for v in nbrs}
        return self.steps[u]

    def themes_from(self, u: str) -> list[tuple[str, float]]:
        """The theme neighbours of u with their transition probability, in a fixed order."""
        if u not in self.theme_steps:
            self.theme_steps[u] = sorted(
                (v, p) for v, p in self.step(u).items() if self.is_theme(v)
            )
        return self.theme_steps[u]

    def is_theme(self, node: str) -> bool:
        return self.graph.nodes[node].get("kind") == "thema"


def _path_parts(data: AnalysisData, walk: _Walk, a: str, b: str) -> dict[str, dict[str, float]]:
    """Mass of random-walk paths from a to b through each shared node.

    Paths a→y→b credit y; paths that climb the theme hierarchy credit the broader
    theme they pass: a→t→t'→b (t' broader or narrower than t) and a→t→P→t'→b
    (t and t' both under P).
    """
    graph, step = walk.graph, walk.step
    mass: dict[str, float] = defaultdict(float)
    for y, p1 in sorted(step(a).items()):
        if b in step(y):
            mass[y] += p1 * step(y)[b]
        if not walk.is_theme(y):
            continue
        for z, p2 in walk.themes_from(y):
            if b in graph[z]:
                broader = z if z in data.broader.get(y, ()) else y
                mass[broader] += p1 * p2 * step(z)[b]
            if z not in data.broader.get(y, ()):
                continue  # only climb to a common broader theme
            for w, p3 in walk.themes_from(z):
                if w != y and b in graph[w] and z in data.broader.get(w, ()):
                    mass[z] += p1 * p2 * p3 * step(w)[b]
    parts: dict[str, dict[str, float]] = defaultdict(dict)
    for node, m in sorted(mass.items()):
        group = _kind_group(graph.nodes[node].get("kind"))
        if group:
            parts[group][node] = m
    return dict(parts)


def _scale(parts: dict[str, dict[str, float]], score: float) -> dict[str, dict[str, float]]:
    total = sum(sum(p.values()) for p in parts.values())
    if total <= 0:
        return {}
    return {g: {n: score * m / total for n, m in p.items()} for g, p in parts.items()}


def _structural_graph(data: AnalysisData, config: SimilarityConfig) -> nx.Graph:
    return heterogeneous_graph(
        data,
        theme_weight=config.themes,
        network_weight=config.networks,
        programme_weight=config.programmes,
    )


_PPR_MAX_ITER = 10_000


def _ppr_scores(data: AnalysisData, code: str, config: SimilarityConfig) -> dict[str, float]:
    graph = _structural_graph(data, config)
    source = municipality_uri(code)
    if source not in graph or graph.degree(source) == 0:
        return {}
    try:
        rank = nx.pagerank(
            graph,
            alpha=config.ppr_alpha,
            personalization={source: 1.0},
            weight="weight",
            tol=1e-12,
            max_iter=_PPR_MAX_ITER,
        )
    except nx.PowerIterationFailedConvergence:
        # (not expected within MAX_PPR_ALPHA; a graph of another shape might still)
        raise AnalysisError(
            f"personalised PageRank did not settle in {_PPR_MAX_ITER} steps with ppr_alpha="
            f"{config.ppr_alpha}: choose a smaller ppr_alpha (0.85 is usual)"
        ) from None
    degree = dict(graph.degree(weight="weight"))
    # For an undirected graph rank_a(b) / deg(b) is symmetric in a and b; scale it by the
    # municipality's own value so that scores lie in [0, 1].
    own = rank[source] / degree[source]
    return {
        graph.nodes[n]["code"]: min(1.0, rank[n] / degree[n] / own)
        for n in graph
        if graph.nodes[n].get("kind") == "gemeente" and n != source and degree[n] > 0
    }


def _simrank_matrix(data: AnalysisData, config: SimilarityConfig) -> dict[str, dict[str, float]]:
    graph = _structural_graph(data, config)
    key = ("simrank", config.themes, config.networks, config.programmes, config.simrank_importance)

    def build() -> dict[str, dict[str, float]]:
        if graph.number_of_nodes() == 0:
            return {}
        sim = nx.simrank_similarity(graph, importance_factor=config.simrank_importance)
        municipalities = [n for n in graph if graph.nodes[n].get("kind") == "gemeente"]
        return {
            graph.nodes[u]["code"]: {
                graph.nodes[v]["code"]: float(sim[u][v]) for v in municipalities if v != u
            }
            for u in municipalities
        }

    return data.cached(key, build)


def _structural_scores(
    data: AnalysisData, code: str, config: SimilarityConfig, method: str
) -> dict[str, float]:
    prof = profiles(data, config.hierarchy_decay)
    sharing = sorted(c for c, v in prof.themes.cosines(code).items() if v > 0)
    if method == "ppr":
        raw = _ppr_scores(data, code, config)
    else:
        raw = _simrank_matrix(data, config).get(code, {})
    return {
        other: evidence_factor(data, code, other, config.evidence_prior) * raw[other]
        for other in sharing
        if raw.get(other, 0.0) > 0
    }


def _parts(
    data: AnalysisData, a: str, b: str, score: float, config: SimilarityConfig, method: str
) -> dict[str, dict[str, float]]:
    if method == "profile":
        return _profile_parts(data, a, b, config)
    weighted = method == "ppr"
    walk = data.cached(
        ("walk", config.themes, config.networks, config.programmes, weighted),
        lambda: _Walk(_structural_graph(data, config), weighted),
    )
    with data.lock:  # the walk fills its memo as it goes
        paths = _path_parts(data, walk, municipality_uri(a), municipality_uri(b))
    # Linked only through longer paths: fall back to what the profiles share.
    return _scale(paths or _profile_parts(data, a, b, config), score)


_PATHS = (
    "score split over the shared nodes in proportion to the random-walk paths through them "
    "(length 2, or 3-4 through the theme hierarchy)"
)
_BASIS = {
    "profile": "per shared feature: group weight × its part of the group's similarity × "
    "evidence factor; the parts sum to the score",
    "ppr": _PATHS,
    "simrank": _PATHS,
}


def similar(
    source: GraphStore | AnalysisData,
    code: str,
    k: int = 10,
    method: str | None = None,
    config: SimilarityConfig | None = None,
) -> dict[str, Any]:
    """The k municipalities most similar to `code`, each with score and explanation."""
    data = as_data(source)
    config = config or SimilarityConfig.from_env()
    method = normalise_method(method)
    if k < 1:
        raise AnalysisError("k must be at least 1")
    code = data.resolve_code(code)
    conf = confidence(data, code, config)
    key = ("similar", code, method, config)

    def ranked() -> list[tuple[str, float]]:
        if conf["level"] == "none":
            return []
        if method == "profile":
            scored = _profile_scores(data, code, config)
        else:
            scored = _structural_scores(data, code, config, method)
        rows = [(other, round(score, DIGITS)) for other, score in scored.items()]
        rows = [r for r in rows if r[1] >= config.min_score]
        # Deterministic: by score (rounded), then by CBS code.
        rows.sort(key=lambda r: (-r[1], r[0]))
        return rows

    rows = data.cached(key, ranked)
    limit = min(k, config.low_confidence_k) if conf["low"] else k
    prof = profiles(data, config.hierarchy_decay)
    neighbours = []
    for rank, (other, score) in enumerate(rows[:limit], start=1):
        parts = _parts(data, code, other, score, config, method)
        factor = evidence_factor(data, code, other, config.evidence_prior)
        other_units = len(data.evidence_units(other))
        neighbours.append(
            {
                "rank": rank,
                **data.municipality_json(other),
                "score": score,
                "evidence_factor": round(factor, DIGITS),
                "evidence_passages": other_units,
                "thin_evidence": other_units < config.min_evidence,
                "explanation": _explanation(data, prof, code, other, parts, score, _BASIS[method]),
            }
        )
    return {
        "municipality": data.municipality_json(code),
        "method": method,
        "method_description": METHODS[method],
        "k": k,
        "weights": config.weights,
        "settings": {
            "hierarchy_decay": config.hierarchy_decay,
            "evidence_prior": config.evidence_prior,
            "min_evidence": config.min_evidence,
            "low_confidence_k": config.low_confidence_k,
            "min_score": config.min_score,
        },
        "confidence": conf,
        "candidates": len(rows),
        "neighbours": neighbours,
    }


# ---------------------------------------------------------------------------
# Results in RDF
# ---------------------------------------------------------------------------

SIMILARITY_NS = Namespace(str(ID) + "gelijkenis/")
AGENT_NAME = "gemeentegraaf-analyses"


def _provenance(graph: Graph, method: str) -> URIRef:
    """The analysis run and the software that did it (PROV, as the extractor records itself)."""
    agent = ID[f"agent/{AGENT_NAME}/{METHOD_VERSION}"]
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDF.type, PROV.Agent))
    graph.add((agent, RDFS.label, Literal(f"{AGENT_NAME} {METHOD_VERSION}")))
    activity = ID[f"activiteit/analyse/gelijkenis-{method}"]
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add(
        (
            activity,
            RDFS.label,
            Literal(f"berekening gelijkenis van gemeenten ({method})", lang="nl"),
        )
    )
    graph.add((activity, PROV.wasAssociatedWith, agent))
    return activity


def materialise_similarities(
    store: GraphStore | AnalysisData,
    k: int = SHOWN_NEIGHBOURS,
    method: str | None = None,
    config: SimilarityConfig | None = None,
) -> Graph:
    """The top-k similarities of every municipality with evidence, as gg:Gelijkenis nodes.

    For the named graph …/graph/analyses. Each node: gg:van, gg:naar, gg:score,
    gg:rang, gg:methode, rdfs:comment (the explanation in a sentence); plus the
    shortcut `a gg:lijktOp b`.
    """
    data = as_data(store)
    config = config or SimilarityConfig.from_env()
    method = normalise_method(method)
    graph = Graph()
    graph.bind("gg", GG)
    graph.bind("prov", PROV)
    activity = _provenance(graph, method)
    label = f"{method}/v{METHOD_VERSION}"
    for code in data.evidenced():
        answer = similar(data, code, k=k, method=method, config=config)
        source = URIRef(municipality_uri(code))
        for n in answer["neighbours"]:
            target = URIRef(n["uri"])
            node = SIMILARITY_NS[f"{method}-{code.lower()}-{n['code'].lower()}"]
            graph.add((node, RDF.type, GG.Gelijkenis))
            graph.add((node, GG.van, source))
            graph.add((node, GG.naar, target))
            graph.add((node, GG.score, Literal(f"{n['score']:.4f}", datatype=XSD.decimal)))
            graph.add((node, GG.rang, Literal(n["rank"], datatype=XSD.integer)))
            graph.add((node, GG.methode, Literal(label)))
            graph.add((node, PROV.wasGeneratedBy, activity))
            if n["explanation"]["summary"]:
                graph.add((node, RDFS.comment, Literal(n["explanation"]["summary"], lang="nl")))
            if n["explanation"]["summary_en"]:
                graph.add((node, RDFS.comment, Literal(n["explanation"]["summary_en"], lang="en")))
            graph.add((source, GG.lijktOp, target))
    return graph
