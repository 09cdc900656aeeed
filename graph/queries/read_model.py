"""The queries the JSON API and the pages run, and the example queries of the query page.

The SPARQL itself lives in `rq/*.rq` (gemeentegraaf.queries.sparql_files binds
its parameters). Every query reads the union of the named graphs (the store's
default graph). Functions return plain Python records (dicts, lists) so that
the API can wrap them in response models and the templates can render them;
nothing here knows about HTTP.

Values that come from a request reach a query only as parameters of the query
files, which refuse anything that is not one IRI or literal (QueryInputError).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import (
    GG,
    ID,
    OA,
    ORG,
    PREFIXES,
    SKOS,
    TOOIONT,
    document_graph,
    key_of,
    local_name,
    municipality_uri,
    network_uri,
    parse_cbs_code,
)
from gemeentegraaf.queries import version_cache
from gemeentegraaf.queries.sparql_files import (
    ANY,
    QueryInputError,
    Value,
    count_query,
    iri_text,
    page_query,
    query,
)
from gemeentegraaf.store.oxigraph import GraphStore, OxigraphStore
from rdflib import Literal, URIRef

__all__ = ["QueryInputError"]  # raised here for values that cannot be put into a query

ID_NS = str(ID)
GEMEENTE_NS = ID_NS + "gemeente/"
PROVINCIE_NS = ID_NS + "provincie/"
NETWERK_NS = ID_NS + "netwerk/"
THEMA_NS = ID_NS + "thema/"
DOCUMENT_NS = ID_NS + "document/"
PROGRAMMA_NS = ID_NS + "programma/"

# The ontology's assertion classes (gg:Bewering and its subclasses) and
# programme classes. Listed here because the store does no RDFS inference.
ASSERTION_KINDS = (
    "Uitdaging",
    "Deelname",
    "Trend",
    "Opgave",
    "Knelpunt",
    "Standpunt",
    "Praktijkvoorbeeld",
    "Kengetal",
    "Rolvermelding",
    "Bewering",
)
PROGRAMME_KINDS = ("CityDeal", "RegioDeal", "NationaalProgramma", "Fonds", "Wet", "Programma")

# Classes counted on the home page and in the VoID class partitions.
COUNTED_CLASSES: tuple[str, ...] = (
    TOOIONT + "Gemeente",
    TOOIONT + "Provincie",
    GG + "Stedennetwerk",
    ORG + "Membership",
    *(GG + k for k in PROGRAMME_KINDS),
    SKOS + "Concept",
    GG + "Document",
    GG + "Sectie",
    GG + "Casus",
    GG + "Passage",
    *(GG + k for k in ASSERTION_KINDS),
    GG + "Gelijkenis",
    OA + "SpecificResource",
)

_ASSERTION_CLASSES = [URIRef(GG + k) for k in ASSERTION_KINDS]
_PROGRAMME_CLASSES = [URIRef(GG + k) for k in PROGRAMME_KINDS]


def _valid_iri(value: str) -> bool:
    try:
        iri_text(value)
    except QueryInputError:
        return False
    return True


def _iris(values: Iterable[str]) -> list[URIRef]:
    return [URIRef(v) for v in values]


def _select(store: GraphStore, name: str, **values: Value) -> list[dict[str, Any]]:
    """The rows of query file `name` with its parameters bound to `values` (once per
    version of a read view's copy: version_cache)."""
    key = (name, tuple(sorted((k, version_cache.value_key(v)) for k, v in values.items())))
    return version_cache.rows(store, key, lambda: store.select(query(name, **values)))


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

_LABEL_PROPS = (
    "skos:prefLabel",
    "rdfs:label",
    "dcterms:title",
    "skos:notation",
    "foaf:name",
)
_LANG_RANK = {"nl": 0, "": 1, "en": 2}
# Full IRI → position in _LABEL_PROPS.
_LABEL_RANK = {
    PREFIXES[prefix] + name: rank
    for rank, (prefix, name) in enumerate(p.split(":") for p in _LABEL_PROPS)
}
_LABEL_PROPERTIES = _iris(_LABEL_RANK)


def labels(store: GraphStore, uris: Iterable[str], lang: str = "nl") -> dict[str, str]:
    """The best label of each IRI: a Dutch skos:prefLabel first, then rdfs:label, title, ..."""
    wanted = sorted({u for u in uris if u and not u.startswith("_:")})
    best: dict[str, tuple[int, str]] = {}
    rank = dict(_LANG_RANK)
    rank[lang] = -1
    for chunk in _chunks(wanted):
        if isinstance(store, OxigraphStore):
            rows = _label_rows(store, chunk)
        else:
            rows = _select(store, "labels", resource=_iris(chunk), label_property=_LABEL_PROPERTIES)
        for r in rows:
            prop_rank = _LABEL_RANK[r["label_property"]]
            score = prop_rank * 10 + rank.get(r["lang"] or "", 5)
            text = str(r["label"])
            uri = r["resource"]
            if uri not in best or (score, text) < best[uri]:
                best[uri] = (score, text)
    return {u: v[1] for u, v in best.items()}


def _label_rows(store: OxigraphStore, resources: list[str]) -> list[dict[str, Any]]:
    """The rows of labels.rq, read by direct lookups in an embedded store.

    Pages label dozens of IRIs at a time; the query over the union of all graphs
    takes milliseconds per call even in memory (about 8 ms for ten IRIs), a
    lookup per (IRI, property) some microseconds. Same rows, same ranking.
    """
    rows: list[dict[str, Any]] = []
    raw = store.raw
    for resource in resources:
        if not _valid_iri(resource):
            continue
        subject = ox.NamedNode(resource)
        for prop in _LABEL_RANK:
            for quad in raw.quads_for_pattern(subject, ox.NamedNode(prop), None, None):
                label = quad.object
                if isinstance(label, ox.Literal):
                    rows.append(
                        {
                            "resource": resource,
                            "label_property": prop,
                            "label": label.value,
                            "lang": label.language or "",
                        }
                    )
    return rows


def label_in(store: GraphStore, uris: Iterable[str], lang: str) -> dict[str, str]:
    """skos:prefLabel (else rdfs:label) in exactly language `lang`, where there is one."""
    wanted = sorted({u for u in uris if u})
    out: dict[str, str] = {}
    for chunk in _chunks(wanted):
        rows = _select(store, "labels_in_language", resource=_iris(chunk), language=Literal(lang))
        for r in rows:
            out.setdefault(r["resource"], r["label"])
    return out


def known_resources(store: GraphStore, uris: Iterable[str]) -> set[str]:
    """Those of `uris` the store says anything about (as subject or object), in one query.

    A value that is not a valid IRI is simply not known.
    """
    wanted = [u for u in set(uris) if _valid_iri(u)]
    if not wanted:
        return set()
    rows = _select(store, "known_resources", resource=_iris(wanted))
    return {r["resource"] for r in rows}


# ---------------------------------------------------------------------------
# What the dataset holds
# ---------------------------------------------------------------------------


def class_counts(store: GraphStore) -> dict[str, int]:
    rows = _select(store, "class_counts", counted_class=_iris(COUNTED_CLASSES))
    found = {r["counted_class"]: int(r["n"]) for r in rows}
    return {c: found[c] for c in COUNTED_CLASSES if found.get(c)}


def graph_counts(store: GraphStore) -> dict[str, int]:
    rows = _select(store, "graph_counts")
    return {r["g"]: int(r["n"]) for r in rows}


def dataset_triples(store: GraphStore, dataset: str) -> list[ox.Triple]:
    """What the build wrote about the dataset itself (build id, modification time)."""
    return list(store.query(query("dataset_description", dataset=URIRef(dataset))))


def partial_lists(store: GraphStore) -> list[dict[str, Any]]:
    """Sources and programmes whose member or participant list is marked incomplete."""
    rows = _select(store, "partial_member_lists")
    names = labels(store, [r["s"] for r in rows])
    return [{"uri": r["s"], "label": names.get(r["s"], r["s"])} for r in rows]


# ---------------------------------------------------------------------------
# Linked-data descriptions
# ---------------------------------------------------------------------------


def describe(store: GraphStore, uri: str) -> list[ox.Triple]:
    """The resource's own triples (following blank nodes), and for an assertion its evidence.

    Oxigraph's DESCRIBE is a concise bounded description: it follows blank
    nodes, so selectors and time intervals come along. Evidence that is an IRI
    of its own (gg:bewijs) is described too, with its selectors.
    """
    return list(store.query(query("describe_resource", resource=URIRef(uri))))


# How many links to a resource its linked data carries: a municipality an ingested report
# names 20,000 times is not a 20 MB answer.
INCOMING_LIMIT = 10_000


def incoming(store: GraphStore, uri: str) -> tuple[list[ox.Triple], bool]:
    """The triples whose object is `uri`, at most INCOMING_LIMIT of them, and whether there
    are more (incoming_triples.rq reads one more than that to know)."""
    triples = list(store.query(query("incoming_triples", resource=URIRef(uri))))
    return triples[:INCOMING_LIMIT], len(triples) > INCOMING_LIMIT


def incoming_first(store: GraphStore, uri: str, limit: int) -> list[ox.Triple]:
    """The first `limit` triples whose object is `uri`, by property and then subject (what
    a page shows of thousands: a municipality an ingested report names 20,000 times)."""
    text = page_query("incoming_links", limit=limit, offset=0, resource=URIRef(uri))
    obj = ox.NamedNode(uri)
    return [ox.Triple(s, p, obj) for s, p in store.query(text) if s is not None]


def incoming_count(store: GraphStore, uri: str) -> int:
    """How many triples have `uri` as their object."""
    rows = store.select(count_query("incoming_links", resource=URIRef(uri)))
    return int(rows[0]["count"]) if rows else 0


def graph_triples(store: GraphStore, graph: str) -> list[ox.Triple]:
    return list(store.query(query("graph_triples", graph=URIRef(graph))))


# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------


# The most quotes of one fact the read model reads (evidence_first.rq's LIMIT): what a
# page asks for is at most this.
MAX_QUOTES_READ = 100


def evidence(
    store: GraphStore,
    assertions: Iterable[str],
    *,
    quotes: int | None = None,
    counts: dict[str, int] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The evidence (document, quote, offsets, passage) of each assertion, in text order.

    With `quotes`, at most that many per assertion (evidence_counts says how many there
    are; `counts`: those counts, when the caller has read them already), the first in the
    text. So that a page costs the same whatever the data, a fact
    with more than MAX_QUOTES_READ (ingest keeps at most ten: a store from before that,
    or a write) is read with a query of its own that stops at that many, and its quotes
    are the first in the text among those the store lists first.
    """
    if quotes is not None and not 0 <= quotes <= MAX_QUOTES_READ:
        raise ValueError(f"quotes must be 0 to {MAX_QUOTES_READ}, not {quotes}")
    wanted = sorted(set(assertions))
    if quotes is not None and counts is None:
        counts = evidence_counts(store, wanted)
    many = {a for a in wanted if (counts or {}).get(a, 0) > MAX_QUOTES_READ}
    rows: list[dict[str, Any]] = []
    for chunk in _chunks([a for a in wanted if a not in many]):
        rows += _select(store, "evidence", assertion=_iris(chunk))
    for a in sorted(many):
        rows += [
            {**r, "assertion": a} for r in _select(store, "evidence_first", assertion=URIRef(a))
        ]
    return _evidence_records(store, wanted, rows, quotes)


# Pieces of evidence a fact has at most as ingest keeps them: evidence_and_counts reads the
# evidence of some facts with a LIMIT of this many a fact, and one more, and so counts it
# too; only when they have more (a store from before that bound, or a write) are they
# counted apart first, as evidence() does.
QUOTES_KEPT = 10


def evidence_and_counts(
    store: GraphStore, assertions: Iterable[str], *, quotes: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """evidence(store, assertions, quotes=quotes) and evidence_counts(store, assertions):
    one query, where the facts have no more than QUOTES_KEPT pieces of evidence a fact."""
    if not 0 <= quotes <= MAX_QUOTES_READ:
        raise ValueError(f"quotes must be 0 to {MAX_QUOTES_READ}, not {quotes}")
    wanted = sorted(set(assertions))
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(wanted):
        limit = QUOTES_KEPT * len(chunk)
        text = page_query("evidence", limit=limit + 1, offset=0, assertion=_iris(chunk))
        key = ("evidence_and_counts", tuple(chunk), limit)
        found = version_cache.rows(store, key, lambda text=text: store.select(text))
        if len(found) > limit:
            counts = evidence_counts(store, wanted)
            return evidence(store, wanted, quotes=quotes, counts=counts), counts
        rows += found
    counts: dict[str, int] = defaultdict(int)
    for a, _ in {(r["assertion"], r["ev"]) for r in rows}:
        counts[a] += 1
    return _evidence_records(store, wanted, rows, quotes), dict(counts)


def _evidence_records(
    store: GraphStore, wanted: list[str], rows: list[dict[str, Any]], quotes: int | None
) -> dict[str, list[dict[str, Any]]]:
    """The evidence of `rows` (evidence.rq's) per assertion, in text order, at most `quotes`
    each."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    docs = {d["uri"]: d for d in documents(store)} if wanted else {}
    for r in rows:
        a = r["assertion"]
        # One row per evidence node; a second selector of a kind would repeat it.
        if (a, r["ev"]) in seen:
            continue
        seen.add((a, r["ev"]))
        doc = docs.get(r["doc"] or "", {})
        out[a].append(
            {
                "document": r["doc"],
                "document_key": key_of(r["doc"], DOCUMENT_NS),
                "document_title": doc.get("title"),
                "year": doc.get("year"),
                "quote": r["exact"],
                "prefix": r["prefix"],
                "suffix": r["suffix"],
                "start": r["start"],
                "end": r["end"],
                "passage": r["passage"],
            }
        )
    # In document order, whatever order the store returns rows in (stores differ).
    for found in out.values():
        found.sort(key=_evidence_order)
        if quotes is not None:
            del found[quotes:]
    return dict(out)


def evidence_counts(store: GraphStore, assertions: Iterable[str]) -> dict[str, int]:
    """How many pieces of evidence each assertion has (none: left out)."""
    counts: dict[str, int] = {}
    for chunk in _chunks(sorted(set(assertions))):
        for r in _select(store, "evidence_counts", assertion=_iris(chunk)):
            counts[r["assertion"]] = int(r["n"])
    return counts


def _evidence_order(e: dict[str, Any]) -> tuple:
    return (
        e["document_key"] or "",
        e["start"] if isinstance(e["start"], int) else -1,
        e["end"] if isinstance(e["end"], int) else -1,
        str(e["quote"] or ""),
        str(e["passage"] or ""),
    )


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def documents(store: GraphStore) -> list[dict[str, Any]]:
    """Every document, by year and then key."""
    return _document_records(store, _select(store, "documents", d=ANY))


def document_count(store: GraphStore) -> int:
    """How many documents there are (one per report: the corpus's and every ingested one)."""
    rows = version_cache.rows(
        store, ("document_count",), lambda: store.select(count_query("documents", d=ANY))
    )
    return int(rows[0]["count"]) if rows else 0


def documents_page(store: GraphStore, *, offset: int, limit: int) -> list[dict[str, Any]]:
    """`limit` documents from `offset` on, in the order of `documents`, each with how many
    facts of each kind rest on it ("facts": document_fact_counts)."""
    return _with_fact_counts(store, _document_rows(store, offset=offset, limit=limit))


def documents_first(store: GraphStore, *, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The first `limit` documents (as documents_page gives them) and how many there are:
    one query when there are no more than `limit` (it reads one more, to know), counted
    apart (document_count) only when there are."""
    rows = _document_rows(store, offset=0, limit=limit + 1)
    total = len(rows) if len(rows) <= limit else document_count(store)
    return _with_fact_counts(store, rows[:limit]), total


def _document_rows(store: GraphStore, *, offset: int, limit: int) -> list[dict[str, Any]]:
    text = page_query("documents", limit=limit, offset=offset, d=ANY)
    return version_cache.rows(store, ("documents_page", limit, offset), lambda: store.select(text))


def _with_fact_counts(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = _document_records(store, rows)
    counts = document_fact_counts(store, [d["uri"] for d in found]) if found else {}
    return [{**d, "facts": counts.get(d["uri"], {})} for d in found]


def _document_records(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    publishers = labels(store, [r["publisher"] for r in rows if _is_iri(r["publisher"])])
    speakers = labels(store, [r["speaker"] for r in rows if _is_iri(r.get("speaker"))])
    out = []
    for r in rows:
        date = str(r["date"]) if r["date"] is not None else None
        pub = r["publisher"]
        out.append(
            {
                "uri": r["d"],
                "key": key_of(r["d"], DOCUMENT_NS) or r["d"],
                "title": r["title"] or local_name(r["d"]),
                "publisher": publishers.get(pub, pub) if pub else None,
                "date": date,
                "year": int(date[:4]) if date and date[:4].isdigit() else None,
                "kind": r["kind"],
                "file": r["file"],
                "landing_page": r.get("landing"),
                "publisher_uri": pub if _is_iri(pub) else None,
                "graph": str(document_graph(key_of(r["d"], DOCUMENT_NS) or "")),
                "genre": r.get("genre"),
                "speaker_uri": r.get("speaker") if _is_iri(r.get("speaker")) else None,
                "speaker": speakers.get(r.get("speaker") or "", r.get("speaker")),
            }
        )
    return sorted(out, key=lambda d: (d["year"] or 0, d["key"]))


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "urn:"))


def document_fact_counts(
    store: GraphStore, documents: list[str] | None = None
) -> dict[str, dict[str, int]]:
    """Per document (of `documents`; None: every one): how many assertions of each kind
    rest on it."""
    rows = _select(
        store,
        "document_fact_counts",
        d=ANY if documents is None else _iris(documents),
        assertion_class=_ASSERTION_CLASSES,
        assertion_subclass=[c for c in _ASSERTION_CLASSES if c != GG.Bewering],
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        out[r["d"]][local_name(r["assertion_class"])] = int(r["n"])
    return dict(out)


def sections(store: GraphStore, document: str) -> list[dict[str, Any]]:
    """The document's sections and cases, nested by dcterms:isPartOf, in document order."""
    return _section_tree(_select(store, "document_sections", document=URIRef(document)))


def section_count(store: GraphStore, document: str) -> int:
    """How many sections and cases the document has."""
    text = count_query("document_sections", document=URIRef(document))
    rows = version_cache.rows(store, ("section_count", document), lambda: store.select(text))
    return int(rows[0]["count"]) if rows else 0


def section_page(
    store: GraphStore, document: str, *, offset: int, limit: int
) -> list[dict[str, Any]]:
    """`limit` of the document's sections from `offset` on, in document order, nested among
    themselves (a section whose parent is on another page stands at the top)."""
    return _section_tree(_section_rows(store, document, offset=offset, limit=limit))


def sections_first(
    store: GraphStore, document: str, *, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """The first `limit` of the document's sections (as section_page gives them) and how
    many it has: one query when it has no more than `limit`, counted apart only when it has."""
    rows = _section_rows(store, document, offset=0, limit=limit + 1)
    total = len(rows) if len(rows) <= limit else section_count(store, document)
    return _section_tree(rows[:limit]), total


def _section_rows(
    store: GraphStore, document: str, *, offset: int, limit: int
) -> list[dict[str, Any]]:
    text = page_query("document_sections", limit=limit, offset=offset, document=URIRef(document))
    key = ("section_page", document, limit, offset)
    return version_cache.rows(store, key, lambda: store.select(text))


def _section_tree(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    nodes = {
        r["s"]: {
            "uri": r["s"],
            "number": r["num"],
            "title": r["title"] or r["num"] or local_name(r["s"]),
            "level": r["level"],
            "case": (r["cls"] or "").endswith("Casus"),
            "start": r["start"],
            "parent": r["parent"],
            "children": [],
        }
        for r in rows
    }
    roots = []
    for n in sorted(nodes.values(), key=_section_order):
        parent = nodes.get(n["parent"])
        (parent["children"] if parent else roots).append(n)
    return roots


def _section_order(n: dict[str, Any]) -> tuple:
    number = n["number"] or ""
    parts = tuple(int(p) if p.isdigit() else 10_000 for p in re.split(r"[.\s]+", number) if p)
    start = n["start"] if n["start"] is not None else 10**9
    return (start, parts or (10_000,), n["title"] or "")


def document_subjects(store: GraphStore, document: str) -> list[dict[str, Any]]:
    """Municipalities that facts resting on this document are about, with a count."""
    rows = _select(store, "document_subjects", document=URIRef(document))
    names = labels(store, [r["m"] for r in rows])
    out = [
        {
            "uri": r["m"],
            "code": (key_of(r["m"], GEMEENTE_NS) or "").upper(),
            "name": names.get(r["m"], r["m"]),
            "facts": int(r["n"]),
        }
        for r in rows
    ]
    return sorted(out, key=lambda m: m["name"])


# ---------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------


def municipalities(
    store: GraphStore,
    *,
    network: str | None = None,
    province: str | None = None,
    theme: str | None = None,
    current: bool | None = None,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Municipalities, filtered by network (any recorded membership), province and theme."""
    # Each filter is a query of its own that names the municipalities it lets
    # through; the records are read for those that pass them all.
    narrowing: list[tuple[str, dict[str, Value]]] = []
    if network:
        narrowing.append(("municipalities_in_network", {"network": URIRef(network)}))
    if province:
        narrowing.append(("municipalities_in_province", {"province": URIRef(province)}))
    if theme:
        narrowing.append(("municipalities_with_theme", {"theme": URIRef(theme)}))
    if text:
        narrowing.append(("municipalities_named", {"text": Literal(text.lower())}))
    chosen: set[str] | None = None
    for name, values in narrowing:
        found = {r["m"] for r in _select(store, name, **values)}
        chosen = found if chosen is None else chosen & found
    if chosen is not None and not chosen:
        return []
    out = _municipality_records(store, None if chosen is None else sorted(chosen))
    if current is not None:
        out = [m for m in out if m["current"] is current]
    return sorted(out, key=lambda m: (m["name"].lower(), m["code"]))


def _municipality_records(store: GraphStore, uris: list[str] | None) -> list[dict[str, Any]]:
    """The municipalities `uris` (all of them when None), as records."""
    wanted: Value = ANY if uris is None else _iris(uris)
    rows = _select(store, "municipality_records", municipality=wanted)
    provinces = _provinces(store)
    return [_municipality_record(r, provinces) for r in rows]


def _provinces(store: GraphStore) -> dict[str, dict[str, Any]]:
    rows = _select(store, "provinces")
    return {
        r["p"]: {
            "uri": r["p"],
            "code": r["code"] or (key_of(r["p"], PROVINCIE_NS) or "").upper(),
            "name": r["name"] or local_name(r["p"]),
        }
        for r in rows
    }


def provinces(store: GraphStore) -> list[dict[str, Any]]:
    return sorted(_provinces(store).values(), key=lambda p: p["name"])


def _municipality_record(r: dict[str, Any], provinces: dict[str, dict]) -> dict[str, Any]:
    return {
        "uri": r["municipality"],
        "code": r["code"],
        "name": r["name"] or r["code"],
        "province": provinces.get(r["prov"]) if r["prov"] else None,
        "begin": _date_text(r["begin"]),
        "end": _date_text(r["end"]),
        "current": r["end"] is None,
        "population": r["population"],
        "urbanity": r["urbanity"],
    }


def _date_text(value: Any) -> str | None:
    return None if value is None else str(value)


def municipality(store: GraphStore, code: str) -> dict[str, Any] | None:
    """One municipality with its identifiers, successors and predecessors; None if unknown.

    `code` is a CBS code in any form parse_cbs_code reads (ValueError otherwise).
    """
    uri = str(municipality_uri(parse_cbs_code(code)))
    found = _municipality_records(store, [uri])
    if not found:
        return None
    record = found[0]
    links = _select(store, "municipality_links", municipality=URIRef(uri))
    related = [r["o"] for r in links if r["o"].startswith(GEMEENTE_NS)]
    names = labels(store, related)

    def refs(prop: str) -> list[dict[str, str]]:
        return [
            {
                "uri": r["o"],
                "code": (key_of(r["o"], GEMEENTE_NS) or "").upper(),
                "name": names.get(r["o"], r["o"]),
            }
            for r in links
            if r["p"].endswith(prop) and r["o"].startswith(GEMEENTE_NS)
        ]

    record["same_as"] = [r["o"] for r in links if r["p"].endswith("#sameAs")]
    record["successors"] = refs("#opgegaanIn")
    record["predecessors"] = refs("/replaces")
    return record


def municipality_networks(store: GraphStore, uri: str) -> list[dict[str, Any]]:
    """The memberships of a municipality, each with its dates and source."""
    rows = _select(store, "municipality_memberships", municipality=URIRef(uri))
    names = labels(store, [r["net"] for r in rows] + [r["derived"] for r in rows if r["derived"]])
    out = [
        {
            "membership": r["ms"],
            "network": {
                "uri": r["net"],
                "id": key_of(r["net"], NETWERK_NS) or local_name(r["net"]),
                "name": names.get(r["net"], r["net"]),
            },
            "attested": _date_text(r["attested"]),
            "begin": _date_text(r["begin"]),
            "end": _date_text(r["end"]),
            "derived_from": r["derived"],
            "derived_from_label": names.get(r["derived"]) if r["derived"] else None,
            "source": r["source"],
        }
        for r in rows
    ]
    return sorted(out, key=lambda m: (m["network"]["name"], m["attested"] or "", m["membership"]))


# ---------------------------------------------------------------------------
# Assertions about a subject (municipality or network)
# ---------------------------------------------------------------------------


def facts_about(
    store: GraphStore, subject: str, *, quotes: int | None = None
) -> list[dict[str, Any]]:
    """Every assertion about `subject` (gg:onderwerp or gg:geldtVoor), with its evidence
    (with `quotes`, at most that many quotes each: see `evidence`).

    Rejected ones are left out; negated ones are kept and flagged, since the
    page and the API show them apart.
    """
    rows = _select(
        store,
        "assertions_about",
        subject=URIRef(subject),
        assertion_class=_ASSERTION_CLASSES,
    )
    return _assemble(store, rows, quotes)


# How many facts about a subject facts_about_first reads at most: the LIMIT of
# rq/fact_lists/about_first.rq is one more, to tell a subject with this many from one with more.
ABOUT_FIRST = 100


def facts_about_first(
    store: GraphStore, subject: str, *, quotes: int | None = None
) -> list[dict[str, Any]] | None:
    """Every assertion about `subject`, as facts_about gives them, when there are no more
    than ABOUT_FIRST; None when there are more. One query, as facts_about's, however many
    facts there are: it stops at the first ABOUT_FIRST + 1 (a page with more reads its
    lists a page at a time, queries.fact_lists)."""
    rows = _select(
        store, "fact_lists/about_first", subject=URIRef(subject), assertion_class=_ASSERTION_CLASSES
    )
    if len({r["assertion"] for r in rows}) > ABOUT_FIRST:
        return None
    kinds = {str(c) for c in _ASSERTION_CLASSES}
    return _assemble(store, [r for r in rows if r["assertion_class"] in kinds], quotes)


def _assemble(
    store: GraphStore, rows: list[dict[str, Any]], quotes: int | None = None
) -> list[dict[str, Any]]:
    """Group (assertion, class, property, value) rows into assertion records; with
    `quotes`, each with at most that many quotes (`evidence`), and how many it has in
    all ("evidence_total") and the places its document left out ("evidence_omitted",
    gg:weggelatenBewijs) either way."""
    records: dict[str, dict[str, Any]] = {}
    for r in rows:
        rec = records.setdefault(
            r["assertion"],
            {"uri": r["assertion"], "kinds": set(), "values": defaultdict(list)},
        )
        rec["kinds"].add(local_name(r["assertion_class"]))
        if r.get("p") is not None and r["o"] not in rec["values"][local_name(r["p"])]:
            rec["values"][local_name(r["p"])].append(r["o"])
    refs = set()
    for rec in records.values():
        for prop in (
            "thema",
            "programma",
            "relatie",
            "houding",
            "instrument",
            "betrokkenRegeling",
            "betrokkenOrganisatie",
            "onderwerp",
            "geldtVoor",
            "wasDerivedFrom",
        ):
            refs.update(v for v in rec["values"].get(prop, []) if _is_iri(v))
    names = labels(store, refs)
    if quotes is None:
        totals: dict[str, int] = {}
        evid = evidence(store, records)
    else:
        evid, totals = evidence_and_counts(store, records, quotes=quotes)
    out = []
    for rec in records.values():
        v = rec["values"]
        kind = _main_kind(rec["kinds"])
        out.append(
            {
                "uri": rec["uri"],
                "kind": kind,
                "label": _first(v, "prefLabel", "label", "description"),
                "themes": _refs(v.get("thema", []), names, THEMA_NS),
                "programmes": _refs(v.get("programma", []), names, PROGRAMMA_NS),
                "relation": _ref(_first(v, "relatie"), names),
                "negated": any(x is True for x in v.get("ontkend", [])),
                "method": _first(v, "methode"),
                "role": _first(v, "rol"),
                "measure": _first(v, "grootheid"),
                "value": _first(v, "value"),
                "unit": _first(v, "eenheid"),
                "period": _first(v, "periode"),
                "stance": _ref(_first(v, "houding"), names),
                "instrument": _ref(_first(v, "instrument"), names),
                "policy": _first(v, "beleid"),
                "laws": _refs(v.get("betrokkenRegeling", []), names, PROGRAMMA_NS),
                "organisations": _refs(v.get("betrokkenOrganisatie", []), names, ID_NS),
                "subjects": _refs(v.get("onderwerp", []) + v.get("geldtVoor", []), names, ID_NS),
                "source": _first(v, "source"),
                "derived_from": _ref(_first(v, "wasDerivedFrom"), names),
                "curation": _first(v, "curatie"),
                "evidence": evid.get(rec["uri"], []),
                "evidence_total": totals.get(rec["uri"], len(evid.get(rec["uri"], []))),
                "evidence_omitted": _count(_first(v, "weggelatenBewijs")),
            }
        )
    return sorted(out, key=lambda a: (a["kind"], _sort_year(a), a["uri"]))


def _count(value: Any) -> int:
    try:
        return max(0, int(value)) if value is not None else 0
    except (TypeError, ValueError):
        return 0  # (a value a write put there that is no number)


def _sort_year(a: dict[str, Any]) -> int:
    years = [e["year"] for e in a["evidence"] if e.get("year")]
    return min(years) if years else 0


def _main_kind(kinds: set[str]) -> str:
    specific = sorted(k for k in kinds if k != "Bewering")
    return specific[0] if specific else "Bewering"


def _first(values: dict[str, list], *props: str) -> Any:
    # The least value, not the first row: row order is the engine's choice, and
    # the same store on another engine must give the same answer.
    for p in props:
        if values.get(p):
            return min(values[p], key=lambda v: (type(v).__name__, str(v)))
    return None


def _ref(uri: Any, names: dict[str, str]) -> dict[str, str] | None:
    if not _is_iri(uri):
        return None if uri is None else {"uri": None, "label": str(uri)}
    return {"uri": uri, "label": names.get(uri, local_name(uri))}


def _refs(uris: list[Any], names: dict[str, str], namespace: str) -> list[dict[str, Any]]:
    out = []
    for u in uris:
        if _is_iri(u):
            out.append({"uri": u, "id": key_of(u, namespace), "label": names.get(u, local_name(u))})
        elif u is not None:
            out.append({"uri": None, "id": None, "label": str(u)})
    return sorted(out, key=lambda x: x["label"].lower())


def assertions_of_kind(
    store: GraphStore,
    kind: str,
    *,
    theme: str | None = None,
    law: str | None = None,
    quotes: int | None = None,
) -> list[dict[str, Any]]:
    """All assertions of class gg:{kind} no curator rejected, optionally only those on
    `theme` (or a narrower theme) and those that involve the law `law`."""
    cls = URIRef(GG + kind)
    chosen = {r["assertion"] for r in _select(store, "assertions_of_class", kind=cls)}
    if theme:
        on_theme = _select(store, "assertions_on_theme", kind=cls, theme=URIRef(theme))
        chosen &= {r["assertion"] for r in on_theme}
    if law:
        naming = _select(store, "assertions_naming_law", kind=cls, law=URIRef(law))
        chosen &= {r["assertion"] for r in naming}
    return assertion_records(store, sorted(chosen), quotes)


def assertion_records(
    store: GraphStore, uris: list[str], quotes: int | None = None
) -> list[dict[str, Any]]:
    """The assertions `uris` as records (as facts_about gives them; with `quotes`, at most
    that many quotes each), whatever query chose them."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(uris):
        rows += _select(
            store,
            "assertion_records",
            assertion=_iris(chunk),
            assertion_class=_ASSERTION_CLASSES,
        )
    return _assemble(store, rows, quotes)


def assertion(store: GraphStore, uri: str, *, quotes: int | None = None) -> dict[str, Any] | None:
    rows = _select(
        store, "assertion", assertion_iri=URIRef(uri), assertion_class=_ASSERTION_CLASSES
    )
    found = _assemble(store, rows, quotes)
    return found[0] if found else None


def challenges(
    store: GraphStore, subject: str, *, quotes: int | None = None
) -> list[dict[str, Any]]:
    """The challenge assertions (gg:Uitdaging) about a subject, negated ones included."""
    return [a for a in facts_about(store, subject, quotes=quotes) if a["kind"] == "Uitdaging"]


def group_by_theme(challenge_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per theme: the assertions naming it and their evidence."""
    themes: dict[str, dict[str, Any]] = {}
    for a in challenge_list:
        for t in a["themes"] or [{"uri": None, "id": None, "label": "(zonder thema)"}]:
            entry = themes.setdefault(
                t["uri"] or t["label"], {"theme": t, "relations": [], "assertions": []}
            )
            entry["assertions"].append(a)
            if a["relation"] and a["relation"] not in entry["relations"]:
                entry["relations"].append(a["relation"])
    return sorted(themes.values(), key=lambda e: e["theme"]["label"].lower())


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------


def themes(store: GraphStore) -> list[dict[str, Any]]:
    """Every theme with Dutch and English labels, its broader theme and its municipality count."""
    rows = _select(store, "themes", namespace=Literal(THEMA_NS), scheme=URIRef(THEMA_NS[:-1]))
    uris = [r["t"] for r in rows]
    nl = labels(store, uris)
    en = label_in(store, uris, "en")
    counts = _theme_municipality_counts(store)
    out = [
        {
            "uri": r["t"],
            "id": key_of(r["t"], THEMA_NS),
            "label": nl.get(r["t"], local_name(r["t"])),
            "label_en": en.get(r["t"]),
            "broader": key_of(r["broader"], THEMA_NS) if r["broader"] else None,
            "definition": r["definition"],
            "municipalities": counts.get(r["t"], 0),
        }
        for r in rows
    ]
    # The URI breaks ties between equal labels (two schemes' "Klimaatadaptatie"),
    # which the engine's row order would otherwise decide.
    return sorted(out, key=lambda t: (t["label"].lower(), t["uri"]))


def _theme_municipality_counts(store: GraphStore) -> dict[str, int]:
    """Per theme: municipalities with a (non-negated) challenge on it or a narrower theme."""
    rows = _select(store, "theme_municipality_counts")
    return {r["top"]: int(r["n"]) for r in rows}


def theme(store: GraphStore, uri: str) -> dict[str, Any] | None:
    rows = _select(store, "theme", theme=URIRef(uri))
    if not rows:
        return None
    narrower = _select(store, "theme_narrower", theme=URIRef(uri))
    by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        by[local_name(r["p"])].append((r["o"], r["lang"] or ""))
    linked = {
        o
        for p in (
            "broader",
            "narrower",
            "closeMatch",
            "broadMatch",
            "exactMatch",
            "related",
            "inScheme",
            "topConceptOf",
        )
        for o, _ in by.get(p, [])
    }
    linked |= {r["n"] for r in narrower}
    names = labels(store, linked)
    en = [o for o, lang in by.get("prefLabel", []) if lang == "en"]

    def refs(*props: str) -> list[dict[str, Any]]:
        uris = sorted({o for p in props for o, _ in by.get(p, [])})
        return _refs(uris, names, THEMA_NS)

    return {
        "uri": uri,
        "id": key_of(uri, THEMA_NS),
        "label": labels(store, [uri]).get(uri, local_name(uri)),
        "label_en": en[0] if en else None,
        "alt_labels": sorted(o for o, _ in by.get("altLabel", [])),
        # The pages are Dutch: the Dutch definition, else an untagged one, else any.
        "definition": _in_language(by.get("definition", []), "nl"),
        "broader": refs("broader"),
        "narrower": _refs(
            sorted({r["n"] for r in narrower} | {o for o, _ in by.get("narrower", [])}),
            names,
            THEMA_NS,
        ),
        "matches": refs("closeMatch", "broadMatch", "exactMatch", "related"),
        "schemes": refs("inScheme", "topConceptOf"),
    }


def _in_language(texts: list[tuple[str, str]], lang: str) -> str | None:
    """The text in `lang`, else an untagged one, else the first; None when there is none."""
    ranked = sorted(texts, key=lambda t: (t[1] != lang, t[1] != ""))
    return ranked[0][0] if ranked else None


def theme_municipalities(store: GraphStore, uri: str) -> list[dict[str, Any]]:
    """Municipalities with a challenge on the theme (or a narrower one), with evidence counts."""
    rows = _select(store, "theme_municipalities", theme=URIRef(uri))
    found = {r["m"]: r for r in rows}
    # The records of every municipality are read once per version of the data; a query
    # of those with the theme would repeat this one's work (and cost a cold theme page
    # a fifth of its time).
    records = {m["uri"]: m for m in _municipality_records(store, None)} if found else {}
    out = []
    for m_uri, r in found.items():
        rec = dict(records.get(m_uri) or {"uri": m_uri, "code": "", "name": m_uri})
        rec["assertions"] = int(r["n"])
        rec["documents"] = int(r["docs"])
        rec["themes"] = sorted(key_of(t, THEMA_NS) or t for t in (r["themes"] or "").split())
        out.append(rec)
    return sorted(out, key=lambda m: (-m["assertions"], m["name"]))


def theme_negations(
    store: GraphStore, uri: str, *, quotes: int | None = None
) -> list[dict[str, Any]]:
    """Municipalities the texts say do NOT address the theme."""
    rows = _select(store, "theme_negations", theme=URIRef(uri))
    return assertion_records(store, sorted({r["a"] for r in rows}), quotes)


# ---------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------


def networks(store: GraphStore) -> list[dict[str, Any]]:
    rows = _select(store, "networks")
    names = labels(store, [r["n"] for r in rows])
    out = [
        {
            "uri": r["n"],
            "id": key_of(r["n"], NETWERK_NS) or local_name(r["n"]),
            "notation": r["notation"],
            "name": names.get(r["n"], r["notation"] or r["n"]),
            "comment": r["comment"],
            "replaced_by": key_of(r["replacedBy"], NETWERK_NS) if r["replacedBy"] else None,
            "replaces": key_of(r["replaces"], NETWERK_NS) if r["replaces"] else None,
            "members_recorded": int(r["members"]),
            "member_list_complete": r["complete"] is not False,
        }
        for r in rows
    ]
    return sorted(out, key=lambda n: n["notation"] or n["id"])


def network(store: GraphStore, key: str) -> dict[str, Any] | None:
    uri = str(network_uri(key))
    return next((n for n in networks(store) if n["uri"] == uri), None)


def membership_sources(store: GraphStore, memberships: Iterable[str]) -> dict[str, list[str]]:
    """dcterms:source URLs of memberships."""
    wanted = sorted(set(memberships))
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(wanted):
        for r in _select(store, "membership_sources", membership=_iris(chunk)):
            out[r["membership"]].append(r["s"])
    return dict(out)


# ---------------------------------------------------------------------------
# Programmes and bottlenecks
# ---------------------------------------------------------------------------


def programmes(
    store: GraphStore, *, participant: str | None = None, participants: bool = True
) -> list[dict[str, Any]]:
    """Programmes, deals, funds and laws with their participants (reference and text);
    `participant`: only those it takes part in; `participants=False`: without theirs
    (no "participants": what a municipality's page lists of its programmes needs none, and
    reading them costs a query per participant that texts name as taking part)."""
    wanted: Value = ANY
    if participant:
        taking_part = _select(store, "programmes_of_participant", participant=URIRef(participant))
        wanted = _iris(sorted({r["programme"] for r in taking_part}))
        if not wanted:
            return []
    rows = _select(store, "programmes", programme=wanted, programme_class=_PROGRAMME_CLASSES)
    uris = [r["programme"] for r in rows]
    taking = _programme_participants(store, uris) if participants else {}
    names = labels(store, uris)
    out = []
    for r in rows:
        p = r["programme"]
        classes = [local_name(c) for c in (r["classes"] or "").split()]
        kind = next((k for k in PROGRAMME_KINDS if k in classes), "Programma")
        out.append(
            {
                "uri": p,
                "id": key_of(p, PROGRAMMA_NS) or local_name(p),
                "name": names.get(p, local_name(p)),
                "kind": kind,
                "type": r["type"],
                "tranche": r["tranche"],
                "date": _date_text(r["date"]),
                "contribution_million_eur": r["contribution"],
                "participant_list_complete": r["complete"] is not False,
            }
        )
        if participants:
            out[-1]["participants"] = taking.get(p, [])
    return sorted(out, key=lambda p: (p["kind"], p["name"].lower(), p["id"]))


# The participations (gg:Deelname facts) listed per participant of a programme, by IRI;
# the participant says how many there are. A report that asserted one a thousand times made
# every programme list carry a thousand IRIs, and the programme's page their quotes.
PARTICIPATIONS_LISTED = 10


def _programme_participants(store: GraphStore, uris: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for chunk in _chunks(uris):
        rows = _select(store, "programme_participants", programme=_iris(chunk))
        names = labels(store, {r["m"] for r in rows})
        for r in rows:
            facts = int(r["facts"])
            out[r["programme"]].append(
                {
                    "uri": r["m"],
                    "code": (key_of(r["m"], GEMEENTE_NS) or "").upper() or None,
                    "name": names.get(r["m"], local_name(r["m"])),
                    "from_reference": int(r["listed"] or 0) > 0,
                    "assertions": _participations(store, r["programme"], r["m"]) if facts else [],
                    "assertions_total": facts,
                }
            )
    return {p: sorted(ms, key=lambda m: (m["name"], m["uri"])) for p, ms in out.items()}


def _participations(store: GraphStore, programme: str, participant: str) -> list[str]:
    """The first PARTICIPATIONS_LISTED participations texts assert for the participant."""
    values = {"programme": URIRef(programme), "participant": URIRef(participant)}
    text = page_query("fact_lists/participations", limit=PARTICIPATIONS_LISTED, offset=0, **values)
    key = ("participations", programme, participant)
    return [r["assertion"] for r in version_cache.rows(store, key, lambda: store.select(text))]


def programme(store: GraphStore, uri: str) -> dict[str, Any] | None:
    return next((p for p in programmes(store) if p["uri"] == uri), None)


def bottlenecks(
    store: GraphStore,
    *,
    theme: str | None = None,
    law: str | None = None,
    quotes: int | None = None,
) -> list[dict[str, Any]]:
    return assertions_of_kind(store, "Knelpunt", theme=theme, law=law, quotes=quotes)


# ---------------------------------------------------------------------------
# Example queries for the query page: the users' questions (DESIGN.md)
# ---------------------------------------------------------------------------

# (id, Dutch title, English title); the query is rq/examples/<id>.rq.
_EXAMPLES = (
    (
        "g40-wonen-schulden-2018",
        "G40-steden met wonen én schulden als prioriteit in 2018, en hun City Deals",
        "G40 cities with housing and debt as 2018 priorities, and their City Deals",
    ),
    (
        "knelpunten-participatiewet",
        "Knelpunten waarbij de Participatiewet betrokken is",
        "Bottlenecks that involve the Participatiewet",
    ),
    (
        "netwerk-op-datum",
        "Gemeenten van een netwerk op een datum (G40 op 1 juni 2022)",
        "Municipalities of a network on a date (G40 on 1 June 2022)",
    ),
    (
        "feiten-met-citaten",
        "Alle feiten over een gemeente met hun citaat (Zwolle)",
        "Facts about a municipality with their quotes (Zwolle)",
    ),
    (
        "themas-meeste-gemeenten",
        "Thema's die de meeste gemeenten noemen",
        "Themes named by the most municipalities",
    ),
    ("grafen", "Benoemde grafen en hun omvang", "Named graphs and their size"),
)

EXAMPLE_QUERIES: list[dict[str, str]] = [
    {"id": key, "title": title, "title_en": title_en, "query": query(f"examples/{key}")}
    for key, title, title_en in _EXAMPLES
]
