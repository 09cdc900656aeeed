"""Pages people read: server-rendered HTML (Jinja2), every script and style served by the app.

The list pages live at Dutch paths (`/gemeenten`, `/themas`, ...). A resource's
own page is its URI: `/id/gemeente/gm0363` in a browser is the municipality
page (linked_data.py negotiates and calls `resource_page`). Other modules can
add a section to the municipality, theme and network pages with
`register_section` (the analyses add their pictures that way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from gemeentegraaf.common.namespaces import (
    BASE,
    GG,
    GRAPH_DATASET,
    PREFIXES,
    RDF,
    SKOS,
    TOOIONT,
    key_of,
    local_name,
)
from gemeentegraaf.common.resources import SERVICE_DIR

# (the read model's selections of facts; service.web.fact_lists is the pages' lists of them)
from gemeentegraaf.queries import fact_lists as fact_selections
from gemeentegraaf.queries import lookups
from gemeentegraaf.queries import networks as network_data
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.service.dependencies import StoreDep
from gemeentegraaf.service.negotiation import LINKED_DATA_FORMATS
from gemeentegraaf.service.web import fact_lists
from gemeentegraaf.service.web.paging import PAGE_SIZE, PageError, Pager, page_number
from gemeentegraaf.store.oxigraph import GraphStore
from gemeentegraaf.text.genres import GenreError, genres
from markupsafe import Markup

templates = Jinja2Templates(directory=str(SERVICE_DIR / "templates"))
router = APIRouter(tags=["pages"], include_in_schema=False)

RDF_TYPE = str(RDF.type)
SKOS_CONCEPT = str(SKOS.Concept)
ROW_LIMIT = 300  # rows of a generic triple table; the RDF formats have them all
# Quotes shown per fact on pages that list facts (a municipality's, a document's, ...),
# and on a fact's own page; the page says how many more there are and links to them
# (the fact's page, its Turtle). Without a bound a fact with 25,000 quotes made a
# municipality's page of 30 MB that took minutes to render.
QUOTES_SHOWN = 3
FACT_PAGE_QUOTES = 50

KIND_LABELS = {
    "Uitdaging": ("Uitdaging", "Challenge"),
    "Deelname": ("Deelname", "Programme participation"),
    "Trend": ("Trend", "Trend"),
    "Opgave": ("Opgave", "Task"),
    "Knelpunt": ("Knelpunt", "Bottleneck"),
    "Standpunt": ("Standpunt", "Stance"),
    "Praktijkvoorbeeld": ("Praktijkvoorbeeld", "Practice example"),
    "Kengetal": ("Kengetal", "Figure"),
    "Rolvermelding": ("Rolvermelding", "Role mention"),
    "Bewering": ("Bewering", "Assertion"),
    "CityDeal": ("City Deal", "City Deal"),
    "RegioDeal": ("Regio Deal", "Region Deal"),
    "NationaalProgramma": ("Nationaal programma", "National programme"),
    "Fonds": ("Fonds", "Fund"),
    "Wet": ("Wet of regeling", "Law or scheme"),
    "Programma": ("Programma", "Programme"),
}

# ---------------------------------------------------------------------------
# Extension point: extra sections on entity pages
# ---------------------------------------------------------------------------

SectionRenderer = Callable[[GraphStore, str], "str | Markup | None"]
_SECTIONS: dict[str, list[SectionRenderer]] = defaultdict(list)


def register_section(page: str, renderer: SectionRenderer) -> None:
    """Add HTML to every `page` ("municipality", "theme" or "network") page.

    `renderer(store, uri)` returns trusted HTML (or None to add nothing); it
    is shown after the page's own sections.
    """
    if renderer not in _SECTIONS[page]:
        _SECTIONS[page].append(renderer)


def _extra_sections(page: str, store: GraphStore, uri: str) -> list[Markup]:
    out = []
    for renderer in _SECTIONS.get(page, []):
        html = renderer(store, uri)
        if html:
            out.append(Markup(html))
    return out


# ---------------------------------------------------------------------------
# Template helpers
# ---------------------------------------------------------------------------


def local_href(uri: str | None, base: str) -> str | None:
    """Where a URI is read on this service: our own URIs become local paths."""
    if not uri:
        return None
    if uri.startswith(base):
        return "/" + uri[len(base) :]
    return uri


_COMPACT = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def compact(uri: str) -> str:
    for prefix, ns in _COMPACT:
        if uri.startswith(ns) and prefix != "ggid":
            rest = uri[len(ns) :]
            if rest and "/" not in rest:
                return f"{prefix}:{rest}"
    return uri


def _number(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return str(value)


templates.env.filters["compact"] = compact
templates.env.filters["number"] = _number
templates.env.globals["KIND_LABELS"] = KIND_LABELS
templates.env.globals["page_size"] = PAGE_SIZE


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("alternates", [])
    context["href"] = lambda uri: local_href(uri, BASE)
    context["base_uri"] = BASE
    return templates.TemplateResponse(request, name, context, status_code=status)


def not_found(request: Request, message: str, status: int = 404) -> Response:
    return render(request, "error.html", {"title": "Niet gevonden", "message": message}, status)


def page_error(request: Request, error: PageError) -> Response:
    """A page number that names no page of a list: 400 when it is none, 404 past the end."""
    title = "Pagina niet gevonden" if error.status == 404 else "Ongeldig paginanummer"
    return render(request, "error.html", {"title": title, "message": error.message}, error.status)


def _alternates(path: str) -> list[dict[str, str]]:
    """Links to the same description in each RDF format (suffix URLs)."""
    return [
        {"href": f"{path}.{fmt.suffix}", "type": fmt.media_type, "label": fmt.rdf.name}
        for fmt in LINKED_DATA_FORMATS
        if fmt.rdf is not None
    ]


def graph_title(graph_uri: str, base: str) -> str:
    """A readable name for a named graph."""
    name = graph_uri[len(base + "graph/") :] if graph_uri.startswith(base + "graph/") else graph_uri
    titles = {
        "reference": "Referentiegegevens (gemeenten, provincies, netwerken, programma's)",
        "ontology": "Ontologie (vocabulaire)",
        "themes": "Themaschema (SKOS)",
        "curation": "Curatie",
        "analyses": "Analyses (gelijkenis)",
        "dataset": "Datasetbeschrijving",
        "search": "Zoekindex (woorden van labels en citaten)",
    }
    if name.startswith("document/"):
        return f"Document: {name[len('document/') :]}"
    return titles.get(name, name)


# ---------------------------------------------------------------------------
# Home and lists
# ---------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep) -> Response:
    classes = queries.class_counts(store)
    class_names = queries.labels(store, classes)
    graph_counts = queries.graph_counts(store)
    # The first PAGE_SIZE documents (one per ingested report: /documenten has them all).
    docs, total_documents = queries.documents_first(store, limit=PAGE_SIZE)
    for d in docs:
        d["facts"] = sum(d["facts"].values())
    last = (
        docs[-1:]
        if total_documents <= len(docs)
        else queries.documents_page(store, offset=total_documents - 1, limit=1)
    )
    # Counted, so that the lead says what the graph holds, not what it should hold.
    current = len(queries.municipalities(store, current=True))
    dissolved = len(queries.municipalities(store, current=False))
    return render(
        request,
        "home.html",
        {
            "title": "gemeentegraaf",
            "classes": [
                {"uri": c, "label": class_names.get(c, compact(c)), "compact": compact(c), "n": n}
                for c, n in classes.items()
            ],
            "graphs": [
                {"uri": g, "title": graph_title(g, BASE), "n": n} for g, n in graph_counts.items()
            ],
            "total": sum(graph_counts.values()),
            "documents": docs,
            "documents_total": total_documents,
            "latest_year": last[0]["year"] if last else None,
            "networks": queries.networks(store),
            "current": current,
            "dissolved": dissolved,
        },
    )


def _bool_param(value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    return value.lower() in {"true", "1", "ja", "yes"}


@router.get("/gemeenten", response_class=HTMLResponse)
def municipality_list(
    request: Request,
    store: StoreDep,
    q: str | None = None,
    netwerk: str | None = None,
    provincie: str | None = None,
    thema: str | None = None,
    huidig: str | None = "true",
) -> Response:
    problems = _Problems()
    network = problems.check(lambda: lookups.network(store, netwerk)["uri"]) if netwerk else None
    province = problems.check(lambda: lookups.province_uri(store, provincie)) if provincie else None
    theme = problems.check(lambda: lookups.theme_uri(store, thema)) if thema else None
    rows = (
        []
        if problems
        else queries.municipalities(
            store,
            network=network,
            province=province,
            theme=theme,
            current=_bool_param(huidig),
            text=q or None,
        )
    )
    return render(
        request,
        "municipalities.html",
        {
            "title": "Gemeenten",
            "rows": rows,
            "problems": problems.messages,
            "filters": {
                "q": q or "",
                "netwerk": netwerk or "",
                "provincie": provincie or "",
                "thema": thema or "",
                "huidig": huidig or "",
                # The same filters with the other choice of current/dissolved/all.
                "without_huidig": {
                    k: v
                    for k, v in (
                        ("q", q),
                        ("netwerk", netwerk),
                        ("provincie", provincie),
                        ("thema", thema),
                    )
                    if v
                },
            },
            "networks": queries.networks(store),
            "provinces": queries.provinces(store),
            "themes": queries.themes(store),
        },
        status=problems.status,
    )


class _Problems:
    """Filter values a list page could not resolve: their messages, and the page's status."""

    def __init__(self) -> None:
        self.failures: list[lookups.LookupFailed] = []

    def check(self, resolve: Callable[[], str]) -> str | None:
        try:
            return resolve()
        except lookups.LookupFailed as failure:
            self.failures.append(failure)
            return None

    def __bool__(self) -> bool:
        return bool(self.failures)

    @property
    def messages(self) -> list[str]:
        return [str(f.detail) for f in self.failures]

    @property
    def status(self) -> int:
        return self.failures[0].status_code if self.failures else 200


@router.get("/themas", response_class=HTMLResponse)
def theme_list(request: Request, store: StoreDep) -> Response:
    all_themes = queries.themes(store)
    children: dict[str | None, list[dict]] = defaultdict(list)
    ids = {t["id"] for t in all_themes}
    for t in all_themes:
        parent = t["broader"] if t["broader"] in ids else None
        children[parent].append(t)
    return render(
        request,
        "themes.html",
        {"title": "Thema's", "roots": children[None], "children": children},
    )


@router.get("/netwerken", response_class=HTMLResponse)
def network_list(request: Request, store: StoreDep) -> Response:
    return render(
        request,
        "networks.html",
        {"title": "Stedennetwerken", "networks": queries.networks(store)},
    )


@router.get("/knelpunten", response_class=HTMLResponse)
def bottleneck_list(
    request: Request,
    store: StoreDep,
    thema: str | None = None,
    pagina: str | None = None,
) -> Response:
    problems = _Problems()
    theme = problems.check(lambda: lookups.theme_uri(store, thema)) if thema else None
    items: list[dict[str, Any]] = []
    pager = Pager(1, 0)
    if not problems:
        selection = fact_selections.of_kind("Knelpunt", theme=theme)
        try:
            pager, items = fact_lists.list_page(store, selection, pagina, quotes=QUOTES_SHOWN)
        except PageError as error:
            return page_error(request, error)
    return render(
        request,
        "bottlenecks.html",
        {
            "title": "Knelpunten",
            "items": items,
            "pager": pager,
            "pages": pager.links("/knelpunten", {"thema": thema or ""}),
            "problems": problems.messages,
            "themes": queries.themes(store),
            "thema": thema or "",
        },
        status=problems.status,
    )


@router.get("/documenten", response_class=HTMLResponse)
def document_list(request: Request, store: StoreDep, pagina: str | None = None) -> Response:
    try:
        number = page_number(pagina)
        if number == 1:  # (the whole list in one query when it fits on the page)
            docs, total = queries.documents_first(store, limit=PAGE_SIZE)
            pager = Pager(1, total)
        else:
            pager = Pager(number, queries.document_count(store))
            pager.check()
            docs = queries.documents_page(store, offset=pager.offset, limit=pager.size)
    except PageError as error:
        return page_error(request, error)
    return render(
        request,
        "documents.html",
        {
            "title": "Documenten",
            "documents": docs,
            "pager": pager,
            "pages": pager.links("/documenten", {}),
        },
    )


@router.get("/programmas", response_class=HTMLResponse)
def programme_list(request: Request, store: StoreDep) -> Response:
    items = queries.programmes(store)
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for p in items:
        by_kind[p["kind"]].append(p)
    return render(
        request,
        "programmes.html",
        {"title": "Programma's", "by_kind": dict(sorted(by_kind.items()))},
    )


@router.get("/query", response_class=HTMLResponse)
def query_page(request: Request, query: str | None = None) -> Response:
    examples = queries.EXAMPLE_QUERIES
    return render(
        request,
        "query.html",
        {
            "title": "SPARQL-query",
            "examples": examples,
            "initial": query or examples[0]["query"],
            "yasgui_version": YASGUI_VERSION,
            "prefixes": dict(sorted(PREFIXES.items())),
        },
    )


# The release setup.py fetches; shown on the page with its licence notice.
YASGUI_VERSION = "4.6.2"


@router.get("/query/prefixes.json")
def query_prefixes() -> JSONResponse:
    """The dataset's prefixes, in prefix.cc's JSON shape, for the editor's prefix completion
    (so that it asks this service instead of prefix.cc)."""
    return JSONResponse(dict(sorted(PREFIXES.items())))


# ---------------------------------------------------------------------------
# Resource pages (called by linked_data for an HTML request)
# ---------------------------------------------------------------------------


def resource_page(
    request: Request, store: GraphStore, uri: str, triples: list[ox.Triple]
) -> Response:
    """The page of a resource: a page of its own for known kinds, else its triples."""
    types = {
        t.object.value
        for t in triples
        if isinstance(t.subject, ox.NamedNode)
        and t.subject.value == uri
        and t.predicate.value == RDF_TYPE
    }
    if TOOIONT + "Gemeente" in types:
        return municipality_page(request, store, uri, triples)
    if SKOS_CONCEPT in types and uri.startswith(queries.THEMA_NS):
        return theme_page(request, store, uri, triples)
    if GG + "Stedennetwerk" in types:
        return network_page(request, store, uri, triples)
    if GG + "Document" in types:
        return document_page(request, store, uri, triples)
    if any(GG + k in types for k in queries.PROGRAMME_KINDS):
        return programme_page(request, store, uri, triples)
    if any(GG + k in types for k in queries.ASSERTION_KINDS):
        record = queries.assertion(store, uri, quotes=FACT_PAGE_QUOTES)
        if record is not None:
            return _entity(request, store, "assertion.html", uri, triples, {"a": record})
    if TOOIONT + "Provincie" in types:
        members = queries.municipalities(store, province=uri, current=True)
        return _entity(request, store, "resource.html", uri, triples, {"members": members})
    return _entity(request, store, "resource.html", uri, triples, {})


def _entity(
    request: Request,
    store: GraphStore,
    template: str,
    uri: str,
    triples: list[ox.Triple],
    context: dict[str, Any],
    title: str | None = None,
) -> Response:
    table = triple_table(store, uri, triples)
    path = local_href(uri, BASE) or uri
    context.update(
        {
            "uri": uri,
            "title": title or table["label"],
            "table": table,
            "alternates": _alternates(path) if path.startswith("/id/") else [],
        }
    )
    return render(request, template, context)


def triple_table(store: GraphStore, uri: str, triples: list[ox.Triple]) -> dict[str, Any]:
    """Outgoing (with nested blank nodes) and incoming links of `uri`, with labels.

    At most ROW_LIMIT rows each way and FACT_PAGE_QUOTES evidence blocks are shown, and
    only what is shown is labelled: a fact can hold thousands of pieces of evidence, a
    document thousands of incoming links (the RDF formats have them all). For a page,
    linked_data reads the first ROW_LIMIT + 1 incoming links only; when `triples` holds
    more than ROW_LIMIT, the store counts them.
    """
    by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
    incoming = []
    for t in triples:
        if (
            isinstance(t.object, ox.NamedNode)
            and t.object.value == uri
            and _term_key(t.subject) != uri
        ):
            incoming.append(t)
        else:
            by_subject[_term_key(t.subject)].append(t)
    incoming.sort(key=lambda t: (t.predicate.value, _term_key(t.subject)))
    shown_incoming = incoming[:ROW_LIMIT]
    own = by_subject.get(uri, [])
    if len(own) > ROW_LIMIT:
        # (cut before labelling; the rows shown are sorted by label below)
        own = sorted(own, key=lambda t: (_predicate_order(t), _term_key(t.object)))[:ROW_LIMIT]
    # Evidence described as IRIs of their own (gg:bewijs → <ev>) gets its own block.
    evidence_nodes = sorted(
        t.object.value
        for t in by_subject.get(uri, [])
        if t.predicate.value == GG + "bewijs" and isinstance(t.object, ox.NamedNode)
    )
    shown_evidence = [ev for ev in evidence_nodes if by_subject.get(ev)][:FACT_PAGE_QUOTES]
    shown = own + shown_incoming + [t for ev in shown_evidence for t in by_subject[ev]]
    shown += [t for key, ts in by_subject.items() if key.startswith("_:") for t in ts]
    names = queries.labels(
        store,
        {
            term.value
            for t in shown
            for term in (t.subject, t.predicate, t.object)
            if isinstance(term, ox.NamedNode)
        },
    )

    def value(term: Any, depth: int) -> dict[str, Any]:
        if isinstance(term, ox.NamedNode):
            return {"kind": "iri", "uri": term.value, "label": names.get(term.value)}
        if isinstance(term, ox.BlankNode):
            rows = [] if depth > 4 else props(by_subject.get(_term_key(term), []), depth + 1)
            return {"kind": "bnode", "rows": rows}
        datatype = term.datatype.value if term.datatype else None
        return {
            "kind": "literal",
            "text": term.value,
            "lang": term.language,
            # Language-tagged strings and plain strings need no datatype shown.
            "datatype": None if term.language or (datatype or "").endswith("#string") else datatype,
        }

    def props(ts: list[ox.Triple], depth: int) -> list[dict[str, Any]]:
        rows = [
            {
                "predicate": t.predicate.value,
                "predicate_label": compact(t.predicate.value),
                "value": value(t.object, depth),
            }
            for t in ts
        ]
        return sorted(rows, key=lambda r: (r["predicate"] != RDF_TYPE, r["predicate"], _sort(r)))

    extra = [{"uri": ev, "rows": props(by_subject[ev], 1)} for ev in shown_evidence]
    incoming_rows = [
        {
            "subject": t.subject.value if isinstance(t.subject, ox.NamedNode) else None,
            "subject_label": (
                names.get(t.subject.value) if isinstance(t.subject, ox.NamedNode) else None
            ),
            "predicate": t.predicate.value,
            "predicate_label": compact(t.predicate.value),
        }
        for t in shown_incoming
    ]
    return {
        "label": names.get(uri) or local_name(uri) or uri,
        "outgoing": props(own, 0),
        "outgoing_total": len(by_subject.get(uri, [])),
        "evidence": extra,
        "evidence_total": len(evidence_nodes),
        "incoming": incoming_rows,
        "incoming_total": (
            queries.incoming_count(store, uri) if len(incoming) > ROW_LIMIT else len(incoming)
        ),
        "limit": ROW_LIMIT,
    }


def _predicate_order(t: ox.Triple) -> tuple[bool, str]:
    return (t.predicate.value != RDF_TYPE, t.predicate.value)


def _term_key(term: Any) -> str:
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _sort(row: dict[str, Any]) -> str:
    v = row["value"]
    return v.get("label") or v.get("uri") or v.get("text") or ""


def _lists(store: GraphStore, owner: fact_lists.Owner, uri: str) -> dict[str, fact_lists.Shown]:
    """Each list of an entity's page: its first PAGE_SIZE facts, its total and its view."""
    return fact_lists.shown_lists(store, owner, uri, owner.lists, quotes=QUOTES_SHOWN)


def municipality_page(
    request: Request, store: GraphStore, uri: str, triples: list[ox.Triple]
) -> Response:
    try:
        record = queries.municipality(store, key_of(uri, queries.GEMEENTE_NS) or "")
    except ValueError:  # not a CBS code: shown as a plain resource
        record = None
    if record is None or record["uri"] != uri:
        return _entity(request, store, "resource.html", uri, triples, {})
    owner = fact_lists.MUNICIPALITY
    # A municipality's facts, read in one query when they are few (nearly always): the
    # lists are sorted from them; else each list is read a page at a time.
    whole = fact_lists.about_facts(store, uri, quotes=QUOTES_SHOWN)
    lists = fact_lists.about_lists(store, owner, uri, quotes=QUOTES_SHOWN, whole=whole)
    return _entity(
        request,
        store,
        "municipality.html",
        uri,
        triples,
        {
            "m": record,
            "memberships": queries.municipality_networks(store, uri),
            "themes": fact_lists.theme_groups(
                store, owner, uri, fact_lists.CHALLENGES, quotes=QUOTES_SHOWN, whole=whole
            ),
            "negated": lists["ontkend"],
            "practice": lists["praktijkvoorbeelden"],
            "participations": lists["deelnames"],
            "figures": lists["kengetallen"],
            "roles": lists["rollen"],
            "other": lists["overige"],
            "programmes": queries.programmes(store, participant=uri, participants=False),
            "extra_sections": _extra_sections("municipality", store, uri),
        },
        title=record["name"],
    )


def theme_page(request: Request, store: GraphStore, uri: str, triples: list[ox.Triple]) -> Response:
    record = queries.theme(store, uri)
    if record is None:
        return _entity(request, store, "resource.html", uri, triples, {})
    return _entity(
        request,
        store,
        "theme.html",
        uri,
        triples,
        {
            "t": record,
            "municipalities": queries.theme_municipalities(store, uri),
            # The table names each municipality's themes: by label, not by slug.
            "theme_labels": {t["id"]: t["label"] for t in queries.themes(store)},
            "lists": _lists(store, fact_lists.THEME, uri),
            "extra_sections": _extra_sections("theme", store, uri),
        },
        title=record["label"],
    )


def _parse_date(text: str | None) -> tuple[date | None, str | None]:
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, f"Ongeldige datum {text!r}: gebruik JJJJ-MM-DD (YYYY-MM-DD)."


def network_page(
    request: Request, store: GraphStore, uri: str, triples: list[ox.Triple]
) -> Response:
    key = key_of(uri, queries.NETWERK_NS) or ""
    record = queries.network(store, key)
    if record is None:
        return _entity(request, store, "resource.html", uri, triples, {})
    day, problem = _parse_date(request.query_params.get("datum"))
    all_members = network_data.memberships(store, key)
    sources = queries.membership_sources(store, [m.membership for m in all_members])
    snapshots = sorted({str(m.attested) for m in all_members if m.attested})
    table: dict[str, dict[str, Any]] = {}
    for m in all_members:
        row = table.setdefault(
            m.code, {"code": m.code, "name": m.name, "uri": m.uri, "cells": {}, "other": []}
        )
        entry = {"member": m, "sources": sources.get(m.membership, [])}
        if m.attested:
            row["cells"][str(m.attested)] = entry
        else:
            row["other"].append(entry)
    on_day = network_data.members_on(store, key, day) if day else None
    lists = fact_lists.about_lists(
        store,
        fact_lists.NETWORK,
        uri,
        quotes=QUOTES_SHOWN,
        whole=fact_lists.about_facts(store, uri, quotes=QUOTES_SHOWN),
    )
    derived = {m.derived_from for m in all_members if m.derived_from}
    return _entity(
        request,
        store,
        "network.html",
        uri,
        triples,
        {
            "n": record,
            "snapshots": snapshots,
            "rows": sorted(table.values(), key=lambda r: r["name"]),
            "derived_labels": queries.labels(store, derived),
            "day": day.isoformat() if day else "",
            "problem": problem,
            "on_day": on_day,
            "on_day_sources": sources,
            "stances": lists["standpunten"],
            "facts": lists["feiten"],
            "extra_sections": _extra_sections("network", store, uri),
        },
        title=record["name"],
    )


def document_page(
    request: Request, store: GraphStore, uri: str, triples: list[ox.Triple]
) -> Response:
    record = next((d for d in queries.documents(store) if d["uri"] == uri), None)
    if record is None:
        return _entity(request, store, "resource.html", uri, triples, {})
    counts = queries.document_fact_counts(store).get(uri, {})
    sections, sections_total = queries.sections_first(store, uri, limit=PAGE_SIZE)
    return _entity(
        request,
        store,
        "document.html",
        uri,
        triples,
        {
            "d": record,
            "sections": sections,
            "sections_total": sections_total,
            "sections_href": fact_lists.DOCUMENT.path_of(uri, "secties"),
            "counts": dict(sorted(counts.items())),
            "subjects": queries.document_subjects(store, uri),
            "facts": _lists(store, fact_lists.DOCUMENT, uri)["feiten"],
            "graph_href": local_href(record["graph"], BASE),
            "genre_label": _genre_label(record.get("genre")),
        },
        title=record["title"],
    )


def _genre_label(name: str | None) -> str | None:
    """The Dutch label of the genre profile a document was read with (data/genres/), or
    its name where no profile of that name can be read (the page still shows)."""
    try:
        profile = genres().get(name or "")
    except GenreError:
        return name
    return profile.label_nl if profile else name


def programme_page(
    request: Request, store: GraphStore, uri: str, triples: list[ox.Triple]
) -> Response:
    record = queries.programme(store, uri)
    if record is None:
        return _entity(request, store, "resource.html", uri, triples, {})
    # Per participant a quote of each of its first QUOTES_SHOWN participations; it says
    # how many the texts assert (the municipality's list of them has them all).
    assertion_uris = [a for p in record["participants"] for a in p["assertions"][:QUOTES_SHOWN]]
    evid = queries.evidence(store, assertion_uris, quotes=1)
    for p in record["participants"]:
        shown = p["assertions"][:QUOTES_SHOWN]
        p["evidence"] = [e for a in shown for e in evid.get(a, [])]
        p["facts_left_out"] = p["assertions_total"] - len(shown)
    return _entity(
        request,
        store,
        "programme.html",
        uri,
        triples,
        {"p": record, "bottlenecks": _lists(store, fact_lists.PROGRAMME, uri)["knelpunten"]},
        title=record["name"],
    )


def ontology_page(request: Request, triples: list[ox.Triple]) -> Response:
    """The vocabulary: its classes and properties with Dutch and English labels and comments."""
    terms: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"types": set(), "props": defaultdict(list)}
    )
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode):
            continue
        entry = terms[t.subject.value]
        if t.predicate.value == RDF_TYPE:
            entry["types"].add(compact(t.object.value))
        elif isinstance(t.object, ox.Literal):
            entry["props"][compact(t.predicate.value) + "@" + (t.object.language or "")].append(
                t.object.value
            )
        else:
            entry["props"][compact(t.predicate.value)].append(t.object.value)
    ontology_iri = BASE + "def"
    header = terms.get(ontology_iri, {"props": {}})

    def card(uri: str, entry: dict[str, Any]) -> dict[str, Any]:
        p = entry["props"]
        return {
            "uri": uri,
            "anchor": uri.split("#")[-1] if "#" in uri else compact(uri).replace(":", "-"),
            "name": compact(uri),
            "types": sorted(entry["types"]),
            "label_nl": (p.get("rdfs:label@nl") or [None])[0],
            "label_en": (p.get("rdfs:label@en") or [None])[0],
            "comment_nl": (p.get("rdfs:comment@nl") or [None])[0],
            "comment_en": (p.get("rdfs:comment@en") or [None])[0],
            "super": [
                compact(s) for s in p.get("rdfs:subClassOf", []) + p.get("rdfs:subPropertyOf", [])
            ],
            "domain": [compact(s) for s in p.get("rdfs:domain", [])],
            "range": [compact(s) for s in p.get("rdfs:range", [])],
        }

    classes, properties, individuals = [], [], []
    for uri, entry in terms.items():
        if uri == ontology_iri:
            continue
        c = card(uri, entry)
        if "owl:Class" in entry["types"]:
            classes.append(c)
        elif entry["types"] & {"owl:ObjectProperty", "owl:DatatypeProperty"}:
            properties.append(c)
        elif entry["types"]:
            individuals.append(c)
    order = lambda c: c["name"].lower()  # noqa: E731
    return render(
        request,
        "ontology.html",
        {
            "title": "Ontologie gemeentegraaf",
            "iri": ontology_iri,
            "header": {k: v for k, v in header["props"].items()},
            "classes": sorted(classes, key=order),
            "properties": sorted(properties, key=order),
            "individuals": sorted(individuals, key=order),
            "alternates": _alternates("/def"),
        },
    )


def graph_page(request: Request, uri: str, count: int) -> Response:
    path = local_href(uri, BASE) or uri
    return render(
        request,
        "graph.html",
        {
            "title": graph_title(uri, BASE),
            "uri": uri,
            "count": count,
            "alternates": _alternates(path),
            "is_dataset_graph": uri == str(GRAPH_DATASET),
        },
    )
