"""The facts the analyses need, read once from the store, and the networkx graphs made of them.

Everything here is rebuilt when the store changes and cached between requests:
`analysis_data(store)` compares a cheap fingerprint of the store (counts of the
predicates the analyses read, plus the build id and modification time the build
writes into the dataset graph) with the one it cached, and reads the store again
only when they differ. Results derived from the data (similarity profiles,
communities, ...) are cached on the `AnalysisData` object, so they go stale
together with it.

Rules that hold for every analysis:
- a negated fact (gg:ontkend true) never adds an edge, nor does a fact a curator
  rejected (gg:curatie "verworpen");
- role mentions (gg:Rolvermelding, e.g. the 19 funders of the 2013 study) are not
  read at all;
- a member of a network is a member today (gemeentegraaf.queries.networks.members_on): the newest
  member list plus memberships whose interval holds, not every list ever recorded;
- the weight of a municipality–theme edge counts independent evidence: distinct
  documents, and within a document distinct passages with diminishing returns,
  so that one paragraph naming a theme three times counts once.
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GG, GRAPH, GRAPH_DATASET, ID
from gemeentegraaf.queries.lookups import unknown_municipality
from gemeentegraaf.queries.networks import members_on
from gemeentegraaf.queries.sparql_files import query
from gemeentegraaf.store.oxigraph import GraphStore
from rdflib import Literal, URIRef

GEMEENTE_NS = str(ID) + "gemeente/"
THEME_NS = str(ID) + "thema/"
NETWORK_NS = str(ID) + "netwerk/"
DOCUMENT_NS = str(ID) + "document/"
DOCUMENT_GRAPH_NS = str(GRAPH) + "document/"
DATASET_NODE = str(ID) + "dataset"
REJECTED = {"verworpen", "rejected", "afgewezen"}

_CODE = re.compile(r"^(?:GM)?(\d{4})$", re.IGNORECASE)


class AnalysisError(UserError, ValueError):
    """A request the analyses cannot answer; the message is for a person (a 400)."""


class UnknownEntity(AnalysisError):
    """A municipality, network or theme the store does not know (a 404)."""


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One piece of text a fact rests on."""

    assertion: str
    document: str | None  # …/id/document/{key}
    passage: str | None  # the passage URI, or None when the evidence names none
    quote: str | None  # oa:exact
    year: int | None  # dcterms:issued of the document
    relation: str | None = None  # gg:StaatVoor | gg:Prioriteert | gg:Onderneemt
    span: str | None = None  # the oa:SpecificResource (one per quoted span)

    @property
    def unit(self) -> tuple[str, str]:
        """What counts as one independent piece of evidence: a passage of a document.

        Without a passage, the quoted span stands in for it.
        """
        return (self.document or "", self.passage or self.span or self.quote or self.assertion)

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "document_key": doc_key(self.document),
            "year": self.year,
            "passage": self.passage,
            "quote": self.quote,
            "assertion": self.assertion,
            "relation": local_name(self.relation) if self.relation else None,
        }


@dataclass(frozen=True)
class ThemeMention:
    """A non-negated assertion of any kind about a theme (for the timeline)."""

    theme: str
    unit: tuple[str, str]
    year: int | None
    subjects: frozenset[str]  # gemeente / netwerk URIs it is about (gg:onderwerp, gg:geldtVoor)


@dataclass
class AnalysisData:
    """Plain records read from the store; graphs and derived results are cached on it."""

    fingerprint: tuple[Any, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # URI → preferred label
    notations: dict[str, str] = field(default_factory=dict)  # URI → skos:notation
    known_municipalities: set[str] = field(default_factory=set)  # CBS codes
    provinces: dict[str, str] = field(default_factory=dict)  # code → province URI
    challenges: dict[str, dict[str, list[Evidence]]] = field(default_factory=dict)
    negated: dict[str, dict[str, list[Evidence]]] = field(default_factory=dict)
    # code → URIs of the networks it is a member of today (queries.networks.members_on)
    networks: dict[str, set[str]] = field(default_factory=dict)
    programmes: dict[str, set[str]] = field(default_factory=dict)  # code → programme URIs
    broader: dict[str, set[str]] = field(default_factory=dict)  # theme → broader themes
    documents: dict[str, int | None] = field(default_factory=dict)  # doc URI → year
    mentions: list[ThemeMention] = field(default_factory=list)
    cache: dict[Any, Any] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    # -- names ---------------------------------------------------------------

    def label(self, uri: str) -> str:
        if uri in self.labels:
            return self.labels[uri]
        if uri.startswith(GEMEENTE_NS):
            return code_of(uri)
        if uri in self.notations:
            return self.notations[uri]
        return local_name(uri)

    def network_name(self, uri: str) -> str:
        """Networks are known by their notation (G40), not their long label."""
        return self.notations.get(uri) or self.label(uri)

    def municipality_json(self, code: str) -> dict[str, Any]:
        uri = municipality_uri(code)
        return {"code": code, "uri": uri, "label": self.label(uri)}

    def resolve_code(self, text: str) -> str:
        """`GM0363`, `gm0363` or `0363` → `GM0363`; a clear error for anything else."""
        match = _CODE.match(text.strip())
        if not match:
            raise AnalysisError(f"{text!r} is not a municipality code; use a CBS code like GM0363")
        code = "GM" + match.group(1)
        if code not in self.known_municipalities:
            raise UnknownEntity(unknown_municipality(code))
        return code

    def resolve_network(self, text: str) -> str:
        key = text.strip().lower()
        for uri in self.all_networks():
            if uri == text or uri.removeprefix(NETWORK_NS) == key:
                return uri
            if self.notations.get(uri, "").lower() == key:
                return uri
        known = ", ".join(self.network_name(n) for n in self.all_networks()) or "none"
        raise UnknownEntity(f"unknown network {text!r}; known networks: {known}")

    def resolve_theme(self, text: str) -> str:
        key = text.strip()
        uri = key if key.startswith("http") else THEME_NS + key.lower()
        if uri in self.all_themes():
            return uri
        for theme in self.all_themes():
            if self.label(theme).lower() == key.lower():
                return theme
        raise UnknownEntity(f"unknown theme {text!r}")

    # -- sets ----------------------------------------------------------------

    def all_networks(self) -> list[str]:
        found = {n for nets in self.networks.values() for n in nets}
        found |= {u for u in self.notations if u.startswith(NETWORK_NS)}
        return sorted(found)

    def all_themes(self) -> frozenset[str]:
        def build() -> frozenset[str]:
            themes = {t for per in self.challenges.values() for t in per}
            themes |= {m.theme for m in self.mentions}
            themes |= set(self.broader) | {b for bs in self.broader.values() for b in bs}
            themes |= {u for u in self.labels if u.startswith(THEME_NS)}
            return frozenset(themes)

        return self.cached("all-themes", build)

    def members(self, network: str) -> list[str]:
        return sorted(code for code, nets in self.networks.items() if network in nets)

    def evidenced(self) -> list[str]:
        """Municipalities with at least one non-negated challenge, sorted by code."""
        return sorted(code for code, themes in self.challenges.items() if themes)

    def evidence_units(self, code: str) -> frozenset[tuple[str, str]]:
        """The independent pieces of evidence (passages) behind a municipality's challenges."""
        return self.cached(
            ("units", code),
            lambda: frozenset(
                ev.unit for evs in self.challenges.get(code, {}).values() for ev in evs
            ),
        )

    def edge_weight(self, code: str, theme: str) -> float:
        return evidence_weight(self.challenges.get(code, {}).get(theme, ()))

    def cached(self, key: Any, build: Any) -> Any:
        """A derived result, computed once per store state."""
        with self.lock:
            if key not in self.cache:
                self.cache[key] = build()
            return self.cache[key]


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def local_name(uri: str) -> str:
    return re.split(r"[/#]", uri.rstrip("/"))[-1]


def code_of(uri: str) -> str:
    return local_name(uri).upper()


def municipality_uri(code: str) -> str:
    return GEMEENTE_NS + code.lower()


def doc_key(uri: str | None) -> str | None:
    return uri.removeprefix(DOCUMENT_NS) if uri else None


def year_of(value: Any) -> int | None:
    """dcterms:issued may be a year, a gYear, a date or a dateTime: take its year."""
    if value is None:
        return None
    match = re.match(r"\s*(\d{4})", str(value))
    return int(match.group(1)) if match else None


def evidence_weight(evidence: Iterable[Evidence]) -> float:
    """Independent evidence: each document counts 1, more passages in it add ln(n).

    One passage in each of two reports (2.0) outweighs two passages in one report
    (1.69); repeated mentions within one passage count once.
    """
    per_doc: dict[str, set[str]] = defaultdict(set)
    for ev in evidence:
        doc, passage = ev.unit
        per_doc[doc].add(passage)
    return sum(1.0 + math.log(len(passages)) for passages in per_doc.values())


def _is_true(value: Any) -> bool:
    return value is True or str(value).lower() in ("true", "1")


# ---------------------------------------------------------------------------
# Reading the store
# ---------------------------------------------------------------------------

# The SPARQL is in the query files rq/analysis/*.rq of gemeentegraaf.queries.
_MUNICIPALITY_NS = Literal(GEMEENTE_NS)
_LANG_RANK = {"nl": 0, "": 1, "en": 2}


def store_fingerprint(store: GraphStore) -> tuple[Any, ...]:
    """A cheap summary that changes whenever the facts the analyses read change.

    It is asked on every analysis request, so it must stay cheap: a handful of
    counts and the store's data version.

    Today's date is part of it: membership is "member today" (queries.networks.members_on),
    so a membership whose interval ends yesterday drops out without a store change.
    """
    # The store's data version notices any write, also one another client made
    # to a SPARQL server; the counts below catch what a version cannot (a store
    # object that was replaced under the same identity).
    version = store.data_version()
    if store.frozen:
        # A read view's copy never changes: its object is its version.
        return (version, date.today().isoformat())
    rows = store.select(
        query("analysis/fingerprint", dataset_graph=GRAPH_DATASET, dataset=URIRef(DATASET_NODE))
    )
    if not rows:
        return ()
    row = rows[0]
    return (*(row[k] for k in sorted(row)), version, date.today().isoformat())


def _document_of(row: dict[str, Any]) -> str | None:
    # The evidence names its document; failing that, a fact in a document's
    # named graph comes from that document.
    if row.get("doc"):
        return row["doc"]
    graph = row.get("g") or ""
    if graph.startswith(DOCUMENT_GRAPH_NS):
        return DOCUMENT_NS + graph.removeprefix(DOCUMENT_GRAPH_NS)
    return None


def _evidence(row: dict[str, Any], years: dict[str, int | None]) -> Evidence:
    doc = _document_of(row)
    derived = row.get("derived")
    # prov:wasDerivedFrom names the passage, or the whole document when there is none.
    if derived and (
        derived == doc
        or derived.startswith(DOCUMENT_NS)
        and "/" not in derived.removeprefix(DOCUMENT_NS)
    ):
        derived = None
    return Evidence(
        assertion=row["a"],
        document=doc,
        passage=row.get("passage") or derived,
        quote=row.get("exact"),
        year=years.get(doc) if doc else None,
        relation=row.get("rel"),
        span=row.get("ev"),
    )


def _add_unique(
    target: dict[str, dict[str, list[Evidence]]],
    code: str,
    theme: str,
    ev: Evidence,
    seen: set[tuple[str, str, Evidence]],
) -> None:
    # `seen` answers "already there?" at once: looking it up in the list made one fact
    # with 25,000 quotes cost 312 million comparisons (eight minutes per derivation)
    if (code, theme, ev) in seen:
        return
    seen.add((code, theme, ev))
    target.setdefault(code, {}).setdefault(theme, []).append(ev)


def _sort_evidence(table: dict[str, dict[str, list[Evidence]]]) -> None:
    for themes in table.values():
        for evs in themes.values():
            evs.sort(key=lambda e: (e.year or 0, e.document or "", e.passage or "", e.quote or ""))


def load_analysis_data(store: GraphStore) -> AnalysisData:
    """Read everything the analyses need with a handful of SPARQL queries."""
    data = AnalysisData(fingerprint=store_fingerprint(store))

    best_lang: dict[str, int] = {}
    for row in store.select(query("analysis/labels", namespace=Literal(str(ID)))):
        rank = _LANG_RANK.get((row.get("lang") or "").lower(), 3)
        uri, label = row["s"], str(row["label"])
        # Deterministic pick: best language, then alphabetical.
        if rank < best_lang.get(uri, 99) or (
            rank == best_lang.get(uri) and label < data.labels[uri]
        ):
            best_lang[uri] = rank
            data.labels[uri] = label
    for row in store.select(query("analysis/notations", network_namespace=Literal(NETWORK_NS))):
        current = data.notations.get(row["s"])
        if current is None or str(row["notation"]) < current:
            data.notations[row["s"]] = str(row["notation"])

    for row in store.select(
        query("analysis/municipalities", municipality_namespace=_MUNICIPALITY_NS)
    ):
        code = code_of(row["m"])
        data.known_municipalities.add(code)
        if row.get("prov"):
            data.provinces[code] = row["prov"]

    for row in store.select(query("analysis/documents", document_namespace=Literal(DOCUMENT_NS))):
        year = year_of(row["issued"])
        previous = data.documents.get(row["d"])
        data.documents[row["d"]] = min(y for y in (year, previous) if y) if year else previous

    seen_negated: set[tuple[str, str, Evidence]] = set()
    seen_challenges: set[tuple[str, str, Evidence]] = set()
    for row in store.select(query("analysis/challenges", municipality_namespace=_MUNICIPALITY_NS)):
        code = code_of(row["m"])
        ev = _evidence(row, data.documents)
        if _is_true(row.get("neg")):
            _add_unique(data.negated, code, row["theme"], ev, seen_negated)
        else:
            _add_unique(data.challenges, code, row["theme"], ev, seen_challenges)
    _sort_evidence(data.challenges)
    _sort_evidence(data.negated)

    units: dict[tuple[str, str], dict[tuple[str, str], int | None]] = defaultdict(dict)
    subjects: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in store.select(query("analysis/mentions")):
        key = (row["a"], row["theme"])
        ev = _evidence(row, data.documents)
        units[key][ev.unit] = ev.year
        if row.get("subject"):
            subjects[key].add(row["subject"])
    for key in sorted(units):
        about = frozenset(subjects[key])
        for unit, year in sorted(units[key].items()):
            data.mentions.append(ThemeMention(key[1], unit, year, about))

    for row in store.select(query("analysis/networks", network_namespace=Literal(NETWORK_NS))):
        # One definition of "member" for every analysis: a member today.
        for member in members_on(store, local_name(row["n"])):
            data.networks.setdefault(code_of(member.uri), set()).add(row["n"])
    for row in store.select(
        query("analysis/participations", municipality_namespace=_MUNICIPALITY_NS)
    ):
        data.programmes.setdefault(code_of(row["m"]), set()).add(row["p"])
    for row in store.select(query("analysis/broader")):
        if row["t"] != row["b"]:
            data.broader.setdefault(row["t"], set()).add(row["b"])

    # A municipality is known when the reference data says so or a fact names it.
    data.known_municipalities |= set(data.challenges) | set(data.negated)
    data.known_municipalities |= set(data.networks) | set(data.programmes)
    return data


# ---------------------------------------------------------------------------
# Cache: one AnalysisData per store object, rebuilt when the fingerprint moves
# ---------------------------------------------------------------------------

_CACHE: weakref.WeakKeyDictionary[Any, AnalysisData] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def forget(store: GraphStore) -> None:
    """Drop the cached analyses of a store after a write the fingerprint may not see.

    The fingerprint counts triples; a write that swaps one value for another
    keeps every count, so writers call this after they commit.
    """
    with _CACHE_LOCK:
        _CACHE.pop(store, None)


def analysis_data(store: GraphStore) -> AnalysisData:
    """The cached analysis data for this store, read again only if the store changed."""
    fingerprint = store_fingerprint(store)
    with _CACHE_LOCK:
        cached = _CACHE.get(store)
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
    data = load_analysis_data(store)
    with _CACHE_LOCK:
        _CACHE[store] = data
    return data


def as_data(source: GraphStore | AnalysisData) -> AnalysisData:
    return source if isinstance(source, AnalysisData) else analysis_data(source)


# ---------------------------------------------------------------------------
# networkx graphs
# ---------------------------------------------------------------------------


def municipality_theme_graph(data: AnalysisData) -> nx.Graph:
    """Bipartite municipality–theme graph; weight = independent evidence (see module doc)."""

    def build() -> nx.Graph:
        g = nx.Graph()
        for code in data.evidenced():
            uri = municipality_uri(code)
            g.add_node(uri, kind="gemeente", code=code, label=data.label(uri), bipartite=0)
            for theme in sorted(data.challenges[code]):
                evs = data.challenges[code][theme]
                if theme not in g:
                    g.add_node(theme, kind="thema", label=data.label(theme), bipartite=1)
                units = {ev.unit for ev in evs}
                g.add_edge(
                    uri,
                    theme,
                    weight=evidence_weight(evs),
                    passages=len(units),
                    documents=len({u[0] for u in units if u[0]}),
                )
        return g

    return data.cached("graph:municipality-theme", build)


def _membership_graph(data: AnalysisData, table: dict[str, set[str]], kind: str) -> nx.Graph:
    g = nx.Graph()
    for code in sorted(table):
        uri = municipality_uri(code)
        g.add_node(uri, kind="gemeente", code=code, label=data.label(uri), bipartite=0)
        for other in sorted(table[code]):
            if other not in g:
                name = data.network_name(other) if kind == "netwerk" else data.label(other)
                g.add_node(other, kind=kind, label=name, bipartite=1)
            g.add_edge(uri, other, weight=1.0)
    return g


def municipality_programme_graph(data: AnalysisData) -> nx.Graph:
    return data.cached(
        "graph:municipality-programme",
        lambda: _membership_graph(data, data.programmes, "programma"),
    )


def municipality_network_graph(data: AnalysisData) -> nx.Graph:
    return data.cached(
        "graph:municipality-network",
        lambda: _membership_graph(data, data.networks, "netwerk"),
    )


def theme_hierarchy(data: AnalysisData) -> nx.DiGraph:
    """Edges point from a narrower theme to its broader theme (skos:broader)."""

    def build() -> nx.DiGraph:
        g = nx.DiGraph()
        for theme in sorted(data.all_themes()):
            g.add_node(theme, kind="thema", label=data.label(theme))
        for theme in sorted(data.broader):
            for parent in sorted(data.broader[theme]):
                g.add_edge(theme, parent)
        return g

    return data.cached("graph:theme-hierarchy", build)


def ancestors(data: AnalysisData, theme: str) -> dict[str, int]:
    """Broader themes of `theme` with their distance (1 = direct parent)."""

    def build() -> dict[str, dict[str, int]]:
        hierarchy = theme_hierarchy(data)
        return {
            t: {a: d for a, d in nx.single_source_shortest_path_length(hierarchy, t).items() if d}
            for t in hierarchy
        }

    return data.cached("theme-ancestors", build).get(theme, {})


def narrower_or_self(data: AnalysisData, theme: str) -> set[str]:
    """The theme and every theme below it (edges point narrower → broader)."""

    def build() -> set[str]:
        hierarchy = theme_hierarchy(data)
        if theme not in hierarchy:
            return {theme}
        return {theme} | nx.ancestors(hierarchy, theme)

    return data.cached(("narrower", theme), build)


def heterogeneous_graph(
    data: AnalysisData, *, theme_weight: float, network_weight: float, programme_weight: float
) -> nx.Graph:
    """Municipalities, themes, networks and programmes in one weighted graph.

    Used by the graph-structural similarity methods. Edge weights are the
    evidence weight for themes and 1 for memberships, each times its group
    weight; narrower–broader theme edges weigh 0.5 × the theme weight.
    """
    key = ("graph:heterogeneous", theme_weight, network_weight, programme_weight)

    def build() -> nx.Graph:
        g = nx.Graph()
        layers = (
            (municipality_theme_graph(data), theme_weight),
            (municipality_network_graph(data), network_weight),
            (municipality_programme_graph(data), programme_weight),
        )
        for layer, weight in layers:
            if weight <= 0:
                continue
            for node in sorted(layer):
                g.add_node(node, **layer.nodes[node])
            for u, v in sorted(layer.edges):
                g.add_edge(u, v, weight=layer.edges[u, v]["weight"] * weight)
        if theme_weight > 0:
            for theme in sorted(data.broader):
                for parent in sorted(data.broader[theme]):
                    if theme in g or parent in g:
                        g.add_node(theme, kind="thema", label=data.label(theme))
                        g.add_node(parent, kind="thema", label=data.label(parent))
                        g.add_edge(theme, parent, weight=0.5 * theme_weight)
        return g

    return data.cached(key, build)


__all__ = [
    "GG",
    "AnalysisData",
    "AnalysisError",
    "Evidence",
    "ThemeMention",
    "UnknownEntity",
    "analysis_data",
    "ancestors",
    "as_data",
    "evidence_weight",
    "heterogeneous_graph",
    "load_analysis_data",
    "municipality_network_graph",
    "municipality_programme_graph",
    "municipality_theme_graph",
    "narrower_or_self",
    "store_fingerprint",
    "theme_hierarchy",
]
